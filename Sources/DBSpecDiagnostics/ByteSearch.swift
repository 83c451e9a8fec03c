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
