import DBSpecCatalog
import DBSpecCheck
import DBSpecDiagnostics
import DBSpecJSON
import DBSpecModel
import DBSpecReports
import DBSpecResolve
import DBSpecRules
import DBSpecSource
/// The Language Server Protocol's base protocol: messages framed by a header of
/// `Name: value` lines (`Content-Length` required) and an empty line, then the body.
///
/// The reader is fed bytes as they arrive and hands out whole bodies or framing errors. It
/// never traps and never waits for more than it was promised: a header without a usable length
/// (missing, not a decimal number, negative, over `maxBody`) is an error, and the reader
/// resynchronises at the next `Content-Length` header; a header section that grows past
/// `maxHeader` bytes without its empty line is an error, and its bytes are dropped. Every byte is
/// looked at a bounded number of times, so time is linear in the input.
public struct LSPFrameReader {
    public enum Event: Equatable {
        case message([UInt8])
        /// A framing problem; the server answers it with a JSON-RPC parse error.
        case error(String)
    }

    public var maxHeader: Int
    public var maxBody: Int

    private var buffer: [UInt8] = []
    /// Where unread bytes start in `buffer` (compacted now and then, not on every message).
    private var start = 0
    /// Where the search for the header's end resumes.
    private var scanned = 0
    /// Bytes of an oversized body still to drop.
    private var skipping = 0
    /// After a header without a usable Content-Length: looking for the next `Content-Length:`,
    /// wherever it starts (the bad message's body comes first, with no line break before it).
    private var resynchronising = false

    public init(maxHeader: Int = 8192, maxBody: Int = 64 << 20) {
        self.maxHeader = maxHeader
        self.maxBody = maxBody
    }

    /// Adds bytes that arrived.
    public mutating func feed<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeFirst(start)
            scanned -= start
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next whole message or framing error, or nil when more bytes are needed.
    public mutating func next() -> Event? {
        if skipping > 0 {
            let n = min(skipping, buffer.count - start)
            start += n
            scanned = max(scanned, start)
            skipping -= n
            if skipping > 0 { return nil }
        }
        scanned = max(scanned, start)
        if resynchronising {
            guard let found = Self.find(Self.marker, in: buffer, from: start) else {
                // Keep the bytes the marker may start in.
                start = max(start, buffer.count - (Self.marker.count - 1))
                scanned = start
                return nil
            }
            start = found
            scanned = start
            resynchronising = false
        }
        // The end of the header: CR LF CR LF.
        var end: Int?
        var i = max(scanned, start + 3)
        while i < buffer.count {
            if buffer[i] == 10, buffer[i - 1] == 13, buffer[i - 2] == 10, buffer[i - 3] == 13 { end = i - 3; break }
            i += 1
        }
        guard let headerEnd = end else {
            scanned = max(start, buffer.count - 3)
            if buffer.count - start > maxHeader {
                // No header ends here: drop what was read, keep the last bytes in case the
                // separator straddles the cut.
                let keep = 3
                start = buffer.count - keep
                scanned = start
                return .error("a message header longer than \(maxHeader) bytes, without the empty line that ends it")
            }
            return nil
        }
        let header = buffer[start..<headerEnd]
        let bodyStart = headerEnd + 4
        switch Self.contentLength(header, maxBody: maxBody) {
        case .failure(let problem):
            // Resynchronise: drop this header, then its body, up to the next `Content-Length:`.
            start = bodyStart
            scanned = start
            if case .tooLarge(let length) = problem {
                skipping = length
                return .error("Content-Length \(length) is over the limit of \(maxBody) bytes; the message is skipped")
            }
            resynchronising = true
            return .error(problem.description + "; skipped to the next Content-Length header")
        case .success(let length):
            guard buffer.count - bodyStart >= length else {
                scanned = headerEnd  // resume at the same header
                return nil
            }
            let body = Array(buffer[bodyStart..<(bodyStart + length)])
            start = bodyStart + length
            scanned = start
            return .message(body)
        }
    }

    static let marker = Array("content-length:".utf8)

    /// Where `needle` (lowercase) starts in `buffer` at or after `from`, any case.
    static func find(_ needle: [UInt8], in buffer: [UInt8], from: Int) -> Int? {
        guard buffer.count - from >= needle.count else { return nil }
        var i = from
        while i + needle.count <= buffer.count {
            var k = 0
            while k < needle.count {
                let b = buffer[i + k]
                if (b >= 65 && b <= 90 ? b | 0x20 : b) != needle[k] { break }
                k += 1
            }
            if k == needle.count { return i }
            i += 1
        }
        return nil
    }

    enum LengthProblem: Error, CustomStringConvertible {
        case missing, invalid(String), tooLarge(Int)
        var description: String {
            switch self {
            case .missing: return "a message header without Content-Length"
            case .invalid(let text): return "Content-Length `\(text)` is not a non-negative decimal number"
            case .tooLarge(let n): return "Content-Length \(n) is too large"
            }
        }
    }

    /// The `Content-Length` of a header section (names are case-insensitive; spaces and tabs
    /// around the value are allowed).
    static func contentLength(_ header: ArraySlice<UInt8>, maxBody: Int) -> Result<Int, LengthProblem> {
        var found: Result<Int, LengthProblem> = .failure(.missing)
        for line in header.split(separator: 10, omittingEmptySubsequences: true) {
            var line = line[...]
            if line.last == 13 { line = line.dropLast() }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
            let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
            guard name.lowercased() == "content-length" else { continue }
            var value = line[(colon + 1)...]
            while let f = value.first, f == 32 || f == 9 { value = value.dropFirst() }
            while let l = value.last, l == 32 || l == 9 { value = value.dropLast() }
            let text = String(decoding: value, as: UTF8.self)
            guard !value.isEmpty, value.count <= 19, value.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int(text) else {
                return .failure(.invalid(String(text.prefix(40))))
            }
            found = n > maxBody ? .failure(.tooLarge(n)) : .success(n)
        }
        return found
    }
}

extension LanguageServer {
    /// Feeds an input stream to a frame reader in uneven chunks (1 to 13 bytes, as a pipe may
    /// deliver them) and every message or framing error to this server; returns the replies.
    /// The fuzzer and the replay of its corpus drive the server through this.
    public func replay(_ bytes: [UInt8], reader: LSPFrameReader = LSPFrameReader(maxHeader: 512, maxBody: 1 << 16)) -> [Reply] {
        var reader = reader
        var replies: [Reply] = []
        var i = 0
        var step = 1
        while i < bytes.count {
            reader.feed(bytes[i..<min(bytes.count, i + step)])
            i += step
            step = step % 13 + 1
            while let event = reader.next() {
                switch event {
                case .message(let body): replies.append(handle(body: body))
                case .error(let problem): replies.append(framingError(problem))
                }
            }
        }
        return replies
    }
}
