extension String {
    /// Whether `needle` occurs in the string, compared as UTF-8 bytes. The standard
    /// library's `contains(_: StringProtocol)` lives in the regex runtime, whose first use
    /// costs more than a whole spec check.
    public func containsBytes(_ needle: String) -> Bool {
        let hay = Array(utf8), n = Array(needle.utf8)
        guard !n.isEmpty else { return true }
        guard hay.count >= n.count else { return false }
        return (0...(hay.count - n.count)).contains { i in hay[i..<(i + n.count)].elementsEqual(n) }
    }
}
