import DBSpecModel

/// Backup and maintenance windows, in minutes of the week (UTC).
struct Window: Equatable {
    /// Start, in minutes from Monday 00:00 (maintenance) or from 00:00 (backup).
    var start: Int
    /// Length in minutes.
    var length: Int

    static let days = SpecSchema.weekdays
    static let minutesPerDay = 24 * 60
    static let minutesPerWeek = 7 * minutesPerDay

    /// `hh24:mi`, in minutes of the day.
    static func time(_ text: Substring) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        // Two ASCII digits each (`Int` alone would take `+3`): RDS reads hh24:mi only.
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { ("0"..."9").contains($0) } }),
            let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m)
        else { return nil }
        return h * 60 + m
    }

    /// A daily backup window, `hh24:mi-hh24:mi`.
    static func daily(_ text: String) -> Window? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let a = time(parts[0]), let b = time(parts[1]) else { return nil }
        return Window(start: a, length: (b - a + minutesPerDay) % minutesPerDay)
    }

    /// A weekly maintenance window, `ddd:hh24:mi-ddd:hh24:mi`.
    static func weekly(_ text: String) -> Window? {
        let parts = text.lowercased().split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        func point(_ p: Substring) -> Int? {
            guard p.count == 9, p[p.index(p.startIndex, offsetBy: 3)] == ":",
                let day = days.firstIndex(of: String(p.prefix(3))), let t = time(p.dropFirst(4))
            else { return nil }
            return day * minutesPerDay + t
        }
        guard let a = point(parts[0]), let b = point(parts[1]) else { return nil }
        return Window(start: a, length: (b - a + minutesPerWeek) % minutesPerWeek)
    }

    /// Whether a daily window, repeated every day, meets this weekly one.
    func overlapsDaily(_ daily: Window) -> Bool {
        for day in 0..<8 {  // the eighth covers a Sunday window that runs into Monday
            let s = (day * Window.minutesPerDay + daily.start) - Window.minutesPerDay
            for shift in [0, Window.minutesPerWeek] {
                let ws = start + shift
                if s < ws + length && ws < s + daily.length { return true }
            }
        }
        return false
    }
}
