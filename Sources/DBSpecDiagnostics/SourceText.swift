/// The bytes of one input file, with a line index for rendering snippets.
public struct SourceText: Sendable {
    /// The name shown in diagnostics (a path, or the `--stdin-filename`).
    public let name: String
    public let bytes: [UInt8]
    /// Byte offset of the first byte of each line; line 1 is at index 0.
    private let lineStarts: [Int]
    /// Whether every byte is ASCII (found in the same pass as the lines): then the reader has no
    /// encoding to check and no Unicode line break to mask.
    public let isASCII: Bool

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
        var starts = [0]
        var i = 0
        let n = bytes.count
        var high: UInt8 = 0
        while i < n {
            let b = bytes[i]
            high |= b
            if b == 0x0A {
                starts.append(i + 1)
            } else if b == 0x0D {
                // CR LF counts once; a lone CR ends a line too (libyaml does the same).
                if i + 1 < n, bytes[i + 1] == 0x0A { i += 1 }
                starts.append(i + 1)
            }
            i += 1
        }
        self.lineStarts = starts
        self.isASCII = high < 0x80
    }

    public init(name: String, text: String) {
        self.init(name: name, bytes: Array(text.utf8))
    }

    public var lineCount: Int { lineStarts.count }

    /// Whether the text starts with a UTF-8 byte-order mark (which is no column of line 1; an
    /// editor that sends the text with it counts it as one UTF-16 unit).
    public var startsWithByteOrderMark: Bool { bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF }

    /// The text of a 1-based line without its line break, or nil past the end. Invalid UTF-8
    /// is repaired for display only.
    public func line(_ number: Int) -> String? {
        lineBytes(number).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    /// Where a 1-based line's text lies in `bytes`: without its line break, and on the first
    /// line without a UTF-8 byte-order mark; nil past the end.
    public func lineBytes(_ number: Int) -> Range<Int>? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        var start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] : bytes.count
        while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        // A UTF-8 byte-order mark is not part of the first line's columns.
        if number == 1, end - start >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start += 3 }
        return start..<end
    }
}
