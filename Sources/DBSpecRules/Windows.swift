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

    /// `hh:mm` as minutes past midnight: two ASCII digits each (`Int` alone would take `+3`),
    /// as RDS reads hh24:mi. Read as bytes: the windows are ASCII, and a check reads two or
    /// three, where character-by-character string work cost more than all the other rules.
    static func time(_ b: ArraySlice<UInt8>) -> Int? {
        guard b.count == 5, b[b.startIndex + 2] == UInt8(ascii: ":") else { return nil }
        func digit(_ i: Int) -> Int? {
            let d = b[b.startIndex + i]
            return d >= UInt8(ascii: "0") && d <= UInt8(ascii: "9") ? Int(d - UInt8(ascii: "0")) : nil
        }
        guard let h1 = digit(0), let h2 = digit(1), let m1 = digit(3), let m2 = digit(4) else { return nil }
        let h = h1 * 10 + h2, m = m1 * 10 + m2
        guard h < 24, m < 60 else { return nil }
        return h * 60 + m
    }

    /// A daily backup window, `hh:mm-hh:mm`.
    static func daily(_ text: String) -> Window? {
        let b = Array(text.utf8)
        guard b.count == 11, b[5] == UInt8(ascii: "-"), let a = time(b[0..<5]), let e = time(b[6..<11]) else { return nil }
        return Window(start: a, length: (e - a + minutesPerDay) % minutesPerDay)
    }

    /// A weekly maintenance window, `ddd:hh:mm-ddd:hh:mm`, the days in either case.
    static func weekly(_ text: String) -> Window? {
        let b = Array(text.utf8)
        guard b.count == 19, b[9] == UInt8(ascii: "-") else { return nil }
        func point(_ p: ArraySlice<UInt8>) -> Int? {
            guard p[p.startIndex + 3] == UInt8(ascii: ":") else { return nil }
            // ASCII letters to lower case; anything else cannot name a day.
            let name = p.prefix(3).map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }
            guard let day = days.firstIndex(where: { $0.utf8.elementsEqual(name) }), let t = time(p.dropFirst(4)) else { return nil }
            return day * minutesPerDay + t
        }
        guard let a = point(b[0..<9]), let e = point(b[10..<19]) else { return nil }
        return Window(start: a, length: (e - a + minutesPerWeek) % minutesPerWeek)
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
