#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Searches in the catalogue's raw JSON, for the lookups that need one entry of a table and
/// should not decode the whole of it: versions, class names and class sizes need no escapes, so
/// their quoted text stands in the JSON as is.

/// How common each byte is in the catalogue's JSON, as a rank: 0 for the most common, higher
/// for rarer, the highest for bytes not listed. Counted over the minified data files
/// (2026-12-01): quotes, dots and the letters of `db.` and `large` fill class lists; line
/// breaks and spaces lead, for a catalogue written indented.
private let byteRank: [UInt8] = {
    let common = Array("\n \".rdge,albxm2i64815t7n3cspo:u0-".utf8)
    var rank = [UInt8](repeating: UInt8(common.count), count: 256)
    for (i, byte) in common.enumerated() { rank[Int(byte)] = UInt8(i) }
    return rank
}()

/// Where `needle` first occurs in `bytes[range]`.
///
/// The C library's `memchr` (vectorised) finds candidates by the needle's rarest byte
/// (`byteRank`): the Region files are 100 KB and more, and a byte loop over them was most of a
/// check's rule time (`dbspec-bench rules`); a common byte (the `d` of every `db.` in a class
/// list) made a candidate of every entry.
func firstIndex(of needle: [UInt8], in bytes: [UInt8], range: Range<Int>) -> Int? {
    bytes.withUnsafeBufferPointer { firstIndex(of: needle, in: $0, range: range) }
}

/// Where `needle` first occurs in `buffer[range]` (an embedded data file, searched where it
/// lies, without a copy).
func firstIndex(of needle: [UInt8], in buffer: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> Int? {
    guard needle.count >= 2, range.count >= needle.count, let base = buffer.baseAddress else { return nil }
    var k = 0
    for i in needle.indices where byteRank[Int(needle[i])] > byteRank[Int(needle[k])] { k = i }
    let key = Int32(needle[k])
    // Candidates for needle[k] lie at i + k, for a start i from range.lowerBound to last.
    let last = range.upperBound - needle.count
    var from = range.lowerBound + k
    while from <= last + k {
        guard let hit = memchr(base + from, key, last + k - from + 1) else { return nil }
        let at = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
        let start = at - k
        var j = 0
        while j < needle.count && buffer[start + j] == needle[j] { j += 1 }
        if j == needle.count { return start }
        from = at + 1
    }
    return nil
}

/// Where `byte` first occurs in `buffer[range]`.
func firstIndex(of byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> Int? {
    guard !range.isEmpty, let base = buffer.baseAddress, let hit = memchr(base + range.lowerBound, Int32(byte), range.count) else { return nil }
    return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
}

/// Whether `needle` occurs in `bytes[range]`.
func occurs(_ needle: [UInt8], in bytes: [UInt8], range: Range<Int>) -> Bool {
    firstIndex(of: needle, in: bytes, range: range) != nil
}
