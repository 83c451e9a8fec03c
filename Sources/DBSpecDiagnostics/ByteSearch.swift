extension String {
    /// Whether `needle` occurs in the string, compared as UTF-8 bytes. The standard
    /// library's `contains(_: StringProtocol)` lives in the regex runtime, whose first use
    /// costs more than a whole spec check.
    public func containsBytes(_ needle: String) -> Bool { byteOffset(of: needle) != nil }

    /// The UTF-8 offset of the first occurrence of `needle`, compared as bytes; nil when absent.
    public func byteOffset(of needle: String) -> Int? {
        let hay = Array(utf8), n = Array(needle.utf8)
        guard !n.isEmpty else { return 0 }
        guard hay.count >= n.count else { return nil }
        return (0...(hay.count - n.count)).first { i in hay[i..<(i + n.count)].elementsEqual(n) }
    }
}

extension [UInt8] {
    /// Whether `needle` occurs in the bytes (a quick test before a line-by-line scan).
    public func containsBytes(_ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard let first = n.first else { return true }
        guard count >= n.count else { return false }
        return withUnsafeBufferPointer { hay in
            var i = 0
            let last = hay.count - n.count
            while i <= last {
                if hay[i] == first {
                    var j = 1
                    while j < n.count && hay[i + j] == n[j] { j += 1 }
                    if j == n.count { return true }
                }
                i += 1
            }
            return false
        }
    }
}
