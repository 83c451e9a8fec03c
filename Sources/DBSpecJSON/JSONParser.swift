#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A strict JSON parser over UTF-8 bytes (RFC 8259), with a lazy mode that indexes an
/// object's members by byte range without decoding them, so that a large data file costs
/// only the parts a run looks at.
public struct JSONParser {
    public struct Error: Swift.Error, Equatable, Sendable, CustomStringConvertible {
        /// Byte offset where the problem was found.
        public var offset: Int
        public var message: String
        public var description: String { "\(message) at byte \(offset)" }
    }

    /// Parses a whole document.
    public static func parse(_ bytes: [UInt8]) throws(Error) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(Error) -> JSONValue in
            var parser = Cursor(bytes: buffer, position: 0, depth: 0)
            parser.skipWhitespace()
            let value = try parser.value()
            parser.skipWhitespace()
            guard parser.position == buffer.count else { throw parser.error("unexpected text after the document") }
            return value
        }
    }

    /// Parses the value that occupies `range` of `bytes`.
    public static func parse(_ bytes: [UInt8], range: Range<Int>) throws(Error) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(Error) -> JSONValue in
            var parser = Cursor(bytes: UnsafeBufferPointer(rebasing: buffer[..<range.upperBound]), position: range.lowerBound, depth: 0)
            parser.skipWhitespace()
            return try parser.value()
        }
    }

    /// A member of an object: its key and the byte range of its value, left unparsed. A
    /// struct rather than a tuple: tuple types are costly for the runtime to build at start-up.
    public struct Member: Sendable {
        public var key: String
        public var range: Range<Int>
    }

    /// The members of the object that occupies `range` of `bytes` (the whole input by
    /// default): each key with the byte range of its value, values left unparsed.
    public static func members(_ bytes: [UInt8], range: Range<Int>? = nil) throws(Error) -> [Member] {
        try bytes.withUnsafeBufferPointer { (buffer) throws(Error) -> [Member] in
            let r = range ?? 0..<buffer.count
            var parser = Cursor(bytes: UnsafeBufferPointer(rebasing: buffer[..<r.upperBound]), position: r.lowerBound, depth: 0)
            return try parser.objectMembers()
        }
    }

    /// The members of the object that fills `bytes`, as `members` gives them, and the bounds of
    /// the elements of the array that is member `key`'s value, as `elementBounds` gives them
    /// (empty when there is no such member): one pass over the bytes for both.
    public static func members(_ bytes: [UInt8], elementBoundsOf key: String) throws(Error) -> (members: [Member], bounds: [Int]) {
        try bytes.withUnsafeBufferPointer { (buffer) throws(Error) -> (members: [Member], bounds: [Int]) in
            var parser = Cursor(bytes: buffer, position: 0, depth: 0)
            var bounds: [Int] = []
            let members = try parser.objectMembers(elementBoundsOf: key, into: &bounds)
            return (members, bounds)
        }
    }

    /// The array of strings that occupies `range` of `bytes`, decoded straight into strings
    /// (no `JSONValue` for each); nil when it is not an array of strings.
    public static func strings(_ bytes: [UInt8], range: Range<Int>) -> [String]? {
        bytes.withUnsafeBufferPointer { (buffer) -> [String]? in
            var parser = Cursor(bytes: UnsafeBufferPointer(rebasing: buffer[..<range.upperBound]), position: range.lowerBound, depth: 0)
            parser.skipWhitespace()
            var out: [String] = []
            do {
                try parser.eachElement { (parser) throws(Error) in
                    guard parser.position < parser.bytes.count, parser.bytes[parser.position] == UInt8(ascii: "\"") else {
                        throw parser.error("expected a string")
                    }
                    out.append(try parser.string())
                }
            } catch {
                return nil
            }
            return out
        }
    }

    /// The byte ranges of the elements of the array that occupies `range` of `bytes`.
    public static func elements(_ bytes: [UInt8], range: Range<Int>) throws(Error) -> [Range<Int>] {
        let bounds = try elementBounds(bytes, range: range)
        return stride(from: 0, to: bounds.count, by: 2).map { bounds[$0]..<bounds[$0 + 1] }
    }

    /// The bounds of the elements of the array that occupies `range` of `bytes`, flat: the
    /// start and the end of the first element, then of the second… A list of integers rather
    /// than of ranges, whose generic type the runtime would have to make at start-up.
    public static func elementBounds(_ bytes: [UInt8], range: Range<Int>) throws(Error) -> [Int] {
        try bytes.withUnsafeBufferPointer { (buffer) throws(Error) -> [Int] in
            var parser = Cursor(bytes: UnsafeBufferPointer(rebasing: buffer[..<range.upperBound]), position: range.lowerBound, depth: 0)
            return try parser.arrayBounds()
        }
    }

    /// Deepest nesting accepted.
    static let maxDepth = 512

    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var position: Int
        var depth: Int

        func error(_ message: String) -> Error { Error(offset: position, message: message) }

        mutating func skipWhitespace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x09, 0x0A, 0x0D: position += 1
                default: return
                }
            }
        }

        mutating func expect(_ byte: UInt8) throws(Error) {
            guard position < bytes.count, bytes[position] == byte else {
                throw error("expected `\(Character(Unicode.Scalar(byte)))`")
            }
            position += 1
        }

        mutating func value() throws(Error) -> JSONValue {
            guard position < bytes.count else { throw error("unexpected end of input") }
            switch bytes[position] {
            case UInt8(ascii: "{"):
                depth += 1
                defer { depth -= 1 }
                guard depth <= JSONParser.maxDepth else { throw error("nesting is too deep") }
                var members: [(String, JSONValue)] = []
                try eachMember { (key, parser) throws(Error) in members.append((key, try parser.value())) }
                return .object(members)
            case UInt8(ascii: "["):
                depth += 1
                defer { depth -= 1 }
                guard depth <= JSONParser.maxDepth else { throw error("nesting is too deep") }
                var items: [JSONValue] = []
                try eachElement { (parser) throws(Error) in items.append(try parser.value()) }
                return .array(items)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            default: return try number()
            }
        }

        mutating func objectMembers() throws(Error) -> [Member] {
            var none: [Int] = []
            return try objectMembers(elementBoundsOf: nil, into: &none)
        }

        /// The object's members; the value of member `boundsKey`, when it is an array, is
        /// walked element by element and its element bounds go to `bounds`.
        mutating func objectMembers(elementBoundsOf boundsKey: String?, into bounds: inout [Int]) throws(Error) -> [Member] {
            skipWhitespace()
            var result: [Member] = []
            try eachMember { (key, parser) throws(Error) in
                let start = parser.position
                if key == boundsKey, parser.position < parser.bytes.count, parser.bytes[parser.position] == UInt8(ascii: "[") {
                    bounds = try parser.arrayBounds()
                } else {
                    try parser.skipValue()
                }
                result.append(Member(key: key, range: start..<parser.position))
            }
            return result
        }

        mutating func arrayBounds() throws(Error) -> [Int] {
            skipWhitespace()
            var result: [Int] = []
            try eachElement { (parser) throws(Error) in
                result.append(parser.position)
                try parser.skipValue()
                result.append(parser.position)
            }
            return result
        }

        mutating func eachMember(_ body: (String, inout Cursor) throws(Error) -> Void) throws(Error) {
            try expect(UInt8(ascii: "{"))
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return }
            while true {
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw error("expected a string key") }
                let key = try string()
                skipWhitespace()
                try expect(UInt8(ascii: ":"))
                skipWhitespace()
                try body(key, &self)
                skipWhitespace()
                guard position < bytes.count else { throw error("unexpected end of input in an object") }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                try expect(UInt8(ascii: "}"))
                return
            }
        }

        mutating func eachElement(_ body: (inout Cursor) throws(Error) -> Void) throws(Error) {
            try expect(UInt8(ascii: "["))
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return }
            while true {
                skipWhitespace()
                try body(&self)
                skipWhitespace()
                guard position < bytes.count else { throw error("unexpected end of input in an array") }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                try expect(UInt8(ascii: "]"))
                return
            }
        }

        /// Moves past one value without building it.
        mutating func skipValue() throws(Error) {
            guard position < bytes.count else { throw error("unexpected end of input") }
            switch bytes[position] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var nesting = 0
                while position < bytes.count {
                    let b = bytes[position]
                    if b == UInt8(ascii: "\"") { try skipString(); continue }
                    if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") { nesting += 1 }
                    if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
                        nesting -= 1
                        if nesting == 0 { position += 1; return }
                    }
                    position += 1
                }
                throw error("unexpected end of input")
            case UInt8(ascii: "\""): try skipString()
            default: _ = try value()
            }
        }

        /// Moves past a string: memchr finds each quote, and a quote after an odd run of
        /// backslashes is escaped.
        mutating func skipString() throws(Error) {
            position += 1
            guard let base = bytes.baseAddress else { throw error("unterminated string") }
            while position < bytes.count {
                guard let found = memchr(base + position, 0x22, bytes.count - position) else { break }
                let quote = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
                var backslashes = 0
                while quote - backslashes - 1 >= position, bytes[quote - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
                position = quote + 1
                if backslashes % 2 == 0 { return }
            }
            position = bytes.count
            throw error("unterminated string")
        }

        mutating func literal(_ word: StaticString) throws(Error) {
            let n = word.utf8CodeUnitCount
            guard position + n <= bytes.count else { throw error("invalid literal") }
            for i in 0..<n where bytes[position + i] != word.utf8Start[i] { throw error("invalid literal") }
            position += n
        }

        mutating func number() throws(Error) -> JSONValue {
            let start = position
            if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
            let digitsStart = position
            while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
            guard position > digitsStart else { throw error("invalid value") }
            if bytes[digitsStart] == 0x30, position - digitsStart > 1 { throw error("leading zeros are not allowed") }
            var isInteger = true
            if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
                isInteger = false
                position += 1
                let fraction = position
                while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
                guard position > fraction else { throw error("invalid number") }
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
                isInteger = false
                position += 1
                if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
                let exponent = position
                while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
                guard position > exponent else { throw error("invalid number") }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            if isInteger, let i = Int(text) { return .int(i) }
            return .number(text)
        }

        mutating func string() throws(Error) -> String {
            position += 1  // opening quote
            let start = position
            // Fast path: no escapes.
            while position < bytes.count {
                let b = bytes[position]
                if b == UInt8(ascii: "\"") {
                    let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                    position += 1
                    return s
                }
                if b == UInt8(ascii: "\\") { break }
                if b < 0x20 { throw error("control character in a string") }
                position += 1
            }
            var out = Array(bytes[start..<position])
            while position < bytes.count {
                let b = bytes[position]
                if b == UInt8(ascii: "\"") {
                    position += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if b < 0x20 { throw error("control character in a string") }
                if b != UInt8(ascii: "\\") { out.append(b); position += 1; continue }
                position += 1
                guard position < bytes.count else { break }
                let e = bytes[position]
                position += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if scalar >= 0xD800, scalar < 0xDC00 {
                        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                            throw error("unpaired surrogate")
                        }
                        position += 2
                        let low = try hex4()
                        guard low >= 0xDC00, low < 0xE000 else { throw error("unpaired surrogate") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw error("invalid unicode escape") }
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default: throw error("invalid escape")
                }
            }
            throw error("unterminated string")
        }

        mutating func hex4() throws(Error) -> UInt32 {
            guard position + 4 <= bytes.count else { throw error("invalid unicode escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[position]
                let digit: UInt32
                switch b {
                case 0x30...0x39: digit = UInt32(b - 0x30)
                case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
                default: throw error("invalid unicode escape")
                }
                value = value * 16 + digit
                position += 1
            }
            return value
        }
    }
}
