/// Searches in the catalogue's raw JSON, for the lookups that need one entry of a table and
/// should not decode the whole of it: versions, class names and class sizes need no escapes, so
/// their quoted text stands in the JSON as is.

/// Where `needle` first occurs in `bytes[range]`.
func firstIndex(of needle: [UInt8], in bytes: [UInt8], range: Range<Int>) -> Int? {
    guard needle.count >= 2, range.count >= needle.count else { return nil }
    return bytes.withUnsafeBufferPointer { buffer in
        var i = range.lowerBound
        let last = range.upperBound - needle.count
        while i <= last {
            if buffer[i] == needle[0] && buffer[i + 1] == needle[1] {
                var k = 2
                while k < needle.count && buffer[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}

/// Whether `needle` occurs in `bytes[range]`.
func occurs(_ needle: [UInt8], in bytes: [UInt8], range: Range<Int>) -> Bool {
    firstIndex(of: needle, in: bytes, range: range) != nil
}
