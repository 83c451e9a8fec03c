import CYAML
import DBSpecDiagnostics

/// The outcome of reading one file: the document's root node (nil when the file is empty
/// or could not be read) and every problem found.
public struct ReadResult: Sendable {
    public var root: Node?
    public var diagnostics: [Diagnostic]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Reads YAML (and JSON, which is flow YAML) with libyaml's event API into a tree of
/// positioned nodes. It never resolves scalars: that is the spec model's job.
public enum YAMLReader {
    public static func read(_ source: SourceText, limits: ReaderLimits = .spec) -> ReadResult {
        if source.bytes.count > limits.maxBytes {
            return failure(
                SourceCode.fileTooLarge,
                "file is larger than the limit of \(limits.maxBytes) bytes",
                at: .fileStart, help: "a spec describes one database and its replicas; split larger inputs")
        }
        if !source.isASCII, let bad = firstInvalidUTF8(source.bytes) {
            return failure(
                SourceCode.invalidEncoding, "file is not valid UTF-8",
                at: SourceRange(at: position(ofByte: bad, in: source.bytes)),
                help: "save the file as UTF-8")
        }
        var builder = TreeBuilder(source: source, limits: limits)
        var input = source.bytes
        // JSON writes a character outside the Basic Multilingual Plane as a surrogate pair
        // (`\ud83d\ude00`), which libyaml refuses; it gets YAML's `\U0001F600` instead, two
        // characters shorter, and the columns after it are moved back.
        if let (rewritten, shifts) = SurrogatePairs.rewrite(input) {
            input = rewritten
            builder.columnShifts = shifts
        }
        // YAML 1.1 (and so libyaml) reads U+0085, U+2028 and U+2029 as line breaks; YAML 1.2,
        // JSON, editors and the Language Server Protocol do not. libyaml is given a copy in which
        // each is replaced by a character of the same length that it reads as text, so that its
        // lines and columns are the editor's and a comment holding one stays a comment; scalars
        // get the original characters back.
        if !source.isASCII, let masked = LineBreakMask.masked(input) {
            builder.restoreLineBreaks = true
            input = masked
        }
        input.withUnsafeBufferPointer { buffer in builder.run(buffer) }
        return ReadResult(root: builder.root, diagnostics: builder.sink.diagnostics)
    }

    static func failure(_ code: String, _ message: String, at range: SourceRange, help: String?) -> ReadResult {
        var sink = DiagnosticSink()
        sink.error(code, message, at: range, help: help)
        return ReadResult(root: nil, diagnostics: sink.diagnostics)
    }

    /// The byte offset of the first byte that is not part of a well-formed UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return i
            }
            guard i + length <= n else { return i }
            let second = bytes[i + 1]
            guard second >= lower, second <= upper else { return i }
            var k = 2
            while k < length {
                guard bytes[i + k] & 0xC0 == 0x80 else { return i }
                k += 1
            }
            i += length
        }
        return nil
    }

    /// The 1-based line and Unicode-scalar column of a byte offset (a BOM is not counted).
    public static func position(ofByte offset: Int, in bytes: [UInt8]) -> SourcePosition {
        var line = 1
        var column = 1
        var i = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        let end = min(offset, bytes.count)
        while i < end {
            let b = bytes[i]
            if b == 0x0A {
                line += 1; column = 1
            } else if b == 0x0D {
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                line += 1; column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return SourcePosition(line: line, column: column)
    }
}

/// Consumes libyaml events and builds the tree, enforcing the limits as it goes.
private struct TreeBuilder {
    let source: SourceText
    let limits: ReaderLimits
    var sink = DiagnosticSink()
    var root: Node?

    /// An open mapping or sequence.
    struct Frame {
        var isMapping: Bool
        var start: SourcePosition
        var tag: String?
        var anchor: String?
        var items: [Node] = []
        var entries: [MappingEntry] = []
        var pendingKey: Node?
        /// Keys seen so far and where, for duplicate detection in a large mapping (empty
        /// until it has `indexedKeys` entries).
        var keys: [String: SourcePosition] = [:]
        /// This collection's size once aliases are expanded (1 + its children's sizes).
        var expandedSize = 1
    }

    var stack: [Frame] = []
    /// Entries from which a mapping's keys are looked up in a dictionary.
    static let indexedKeys = 16
    /// Anchored nodes of the current document and their expanded sizes: the anchor's name
    /// gives a slot of `anchorNodes` and `anchorSizes` (a redefined anchor takes the new node).
    var anchors = NameIndex()
    var anchorNodes: [Node] = []
    var anchorSizes: [Int] = []

    mutating func define(anchor: String, _ node: Node, size: Int) {
        if let slot = anchors[anchor] {
            anchorNodes[slot] = node
            anchorSizes[slot] = size
        } else {
            anchors.insert(anchor, at: anchorNodes.count)
            anchorNodes.append(node)
            anchorSizes.append(size)
        }
    }
    var aliasBudgetUsed = 0
    var documents = 0
    var stopped = false
    /// The input libyaml reads has its Unicode line breaks masked (see `LineBreakMask`).
    var restoreLineBreaks = false
    /// Where the input libyaml reads is shorter than the source (see `SurrogatePairs`).
    var columnShifts: [SurrogatePairs.Shift] = []

    init(source: SourceText, limits: ReaderLimits) {
        self.source = source
        self.limits = limits
    }

    mutating func run(_ buffer: UnsafeBufferPointer<UInt8>) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            sink.error(
                SourceCode.syntax, "could not initialise the YAML parser", at: .fileStart,
                help: "libyaml could not allocate its parser; try again with more memory")
            return
        }
        defer { yaml_parser_delete(&parser) }
        if let base = buffer.baseAddress {
            yaml_parser_set_input_string(&parser, base, buffer.count)
        } else {
            var empty: UInt8 = 0
            yaml_parser_set_input_string(&parser, &empty, 0)
        }
        var event = yaml_event_t()
        while !stopped {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                reportParserError(parser)
                root = nil
                return
            }
            let type = event.type
            handle(&event)
            yaml_event_delete(&event)
            if type == YAML_STREAM_END_EVENT { break }
        }
    }

    func position(_ mark: yaml_mark_t) -> SourcePosition {
        let line = Int(mark.line) + 1
        var column = Int(mark.column) + 1
        // Columns after a rewritten surrogate pair move back to where the editor has them.
        for shift in columnShifts where shift.line == line && column >= shift.column { column += shift.delta }
        return SourcePosition(line: line, column: column)
    }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    mutating func handle(_ event: inout yaml_event_t) {
        let start = position(event.start_mark)
        let end = position(event.end_mark)
        let range = SourceRange(start: start, end: end)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                sink.error(
                    SourceCode.multipleDocuments, "file holds more than one YAML document", at: range,
                    help: "a spec file holds exactly one document; remove this `---` and what follows, or move it to its own file")
                stopped = true
            }
            anchors = NameIndex()
            anchorNodes = []
            anchorSizes = []
            aliasBudgetUsed = 0
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            var text: String
            if let value = data.value {
                text = String(decoding: UnsafeBufferPointer(start: value, count: data.length), as: UTF8.self)
                if restoreLineBreaks { text = LineBreakMask.restore(text) }
            } else {
                text = ""
            }
            let style: ScalarStyle
            switch data.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            let tag = checkedTag(Self.string(data.tag), at: range)
            let node = Node(kind: .scalar(Scalar(text: text, style: style)), range: range, tag: tag)
            if let anchor = Self.string(data.anchor) { define(anchor: anchor, node, size: 1) }
            attach(node, size: 1)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            if stack.count >= limits.maxDepth {
                sink.error(
                    SourceCode.nestingDepth, "nesting is deeper than \(limits.maxDepth) levels", at: range,
                    help: "a spec needs only a few levels of nesting; check for runaway brackets")
                stopped = true
                root = nil
                return
            }
            let rawTag = isMapping ? Self.string(event.data.mapping_start.tag) : Self.string(event.data.sequence_start.tag)
            let anchor = isMapping ? Self.string(event.data.mapping_start.anchor) : Self.string(event.data.sequence_start.anchor)
            stack.append(Frame(isMapping: isMapping, start: start, tag: checkedTag(rawTag, at: range), anchor: anchor))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return }
            let kind: Node.Kind = frame.isMapping ? .mapping(frame.entries) : .sequence(frame.items)
            let node = Node(kind: kind, range: SourceRange(start: frame.start, end: end), tag: frame.tag)
            if let anchor = frame.anchor { define(anchor: anchor, node, size: frame.expandedSize) }
            attach(node, size: frame.expandedSize)
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard let slot = anchors[name] else {
                // libyaml reports unknown anchors itself; a recursive alias (an anchor used
                // inside its own collection) is not yet complete here.
                sink.error(
                    SourceCode.syntax, "alias `*\(name)` refers to an anchor that is not defined before it or contains it",
                    at: range, help: "define `&\(name)` on a complete value before using `*\(name)`")
                stopped = true
                root = nil
                return
            }
            let size = anchorSizes[slot]
            aliasBudgetUsed += size
            if aliasBudgetUsed > limits.maxAliasExpansion {
                sink.error(
                    SourceCode.aliasExpansion, "aliases expand to more than \(limits.maxAliasExpansion) nodes",
                    at: range, help: "a spec needs few or no aliases; write the values out")
                stopped = true
                root = nil
                return
            }
            // The alias's value keeps the anchor's positions: that is where its text is.
            attach(anchorNodes[slot], size: size)
        default:
            break
        }
    }

    /// Places a finished node in its parent, or makes it the document's root.
    mutating func attach(_ node: Node, size: Int) {
        guard !stack.isEmpty else {
            if documents <= 1 { root = node }
            return
        }
        let i = stack.count - 1
        stack[i].expandedSize += size
        if !stack[i].isMapping {
            stack[i].items.append(node)
            return
        }
        guard let key = stack[i].pendingKey else {
            // This node is a key.
            guard case .scalar(let s) = node.kind else {
                sink.error(
                    SourceCode.complexKey, "mapping keys must be plain strings, found \(node.kindDescription)",
                    at: node.range, help: "write the key as a string")
                stack[i].pendingKey = Node(kind: .scalar(Scalar(text: "", style: .plain)), range: node.range, tag: "!invalid")
                return
            }
            // Small mappings (a spec's) are searched in their entries, which costs less than
            // hashing every key; a dictionary of keys is built once a mapping grows past
            // `indexedKeys`, so that a huge one stays linear.
            if stack[i].entries.count >= Self.indexedKeys && stack[i].keys.isEmpty {
                for entry in stack[i].entries { stack[i].keys[entry.keyText] = entry.key.range.start }
            }
            let seen =
                stack[i].keys.isEmpty
                ? stack[i].entries.first { $0.keyText == s.text }?.key.range.start
                : stack[i].keys[s.text]
            if let first = seen {
                sink.error(
                    SourceCode.duplicateKey, "duplicate key `\(s.text.shortened())` (first defined at \(first))",
                    at: node.range, help: "remove one of the two; YAML parsers disagree on which one wins")
                stack[i].pendingKey = Node(kind: .scalar(s), range: node.range, tag: "!duplicate")
                return
            }
            if !stack[i].keys.isEmpty { stack[i].keys[s.text] = node.range.start }
            stack[i].pendingKey = node
            return
        }
        stack[i].pendingKey = nil
        // Entries whose key was rejected are dropped, so later stages see one value per key.
        if key.tag == "!duplicate" || key.tag == "!invalid" { return }
        stack[i].entries.append(MappingEntry(key: key, value: node))
    }

    /// Accepts YAML's core tags (and the non-specific `!`), returns them in short form.
    mutating func checkedTag(_ tag: String?, at range: SourceRange) -> String? {
        guard let tag else { return nil }
        let prefix = "tag:yaml.org,2002:"
        if tag == "!" { return nil }
        if tag.hasPrefix(prefix) {
            let name = String(tag.dropFirst(prefix.count))
            switch name {
            case "str", "int", "bool", "float", "null", "map", "seq": return "!!" + name
            default:
                sink.error(
                    SourceCode.unsupportedTag, "unsupported tag `!!\(name)`", at: range,
                    help: "specs use plain values; only the core tags !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are allowed")
                return nil
            }
        }
        sink.error(
            SourceCode.unsupportedTag, "unsupported tag `\(tag)`", at: range,
            help: "specs use plain values; only the core tags !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are allowed")
        return nil
    }

    mutating func reportParserError(_ parser: yaml_parser_t) {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        let range: SourceRange
        var message = problem
        if parser.error == YAML_READER_ERROR {
            let offset = Int(parser.problem_offset)
            range = SourceRange(at: YAMLReader.position(ofByte: offset, in: source.bytes))
            if offset < source.bytes.count {
                let byte = source.bytes[offset]
                if byte == 0 {
                    message = "file contains a NUL byte"
                } else if problem == "control characters are not allowed" {
                    let hex = String(byte, radix: 16, uppercase: true)
                    message = "control character 0x\(hex.count < 2 ? "0" + hex : hex) is not allowed"
                }
            }
        } else {
            range = SourceRange(at: position(parser.problem_mark))
        }
        var help: String?
        if let context = parser.context.map({ String(cString: $0) }) {
            help = "\(context) at \(position(parser.context_mark))"
            if context == "while scanning a simple key" {
                help = "a key and its `:` must be on one line, and a key has at most 1024 characters; the key starts at \(position(parser.context_mark))"
            }
        }
        sink.error(SourceCode.syntax, "invalid YAML: \(message)", at: range, help: help)
    }
}

/// Masks the characters YAML 1.1 reads as line breaks and YAML 1.2 does not (NEL U+0085, LINE
/// SEPARATOR U+2028, PARAGRAPH SEPARATOR U+2029) with characters of the same UTF-8 length that
/// libyaml reads as text (U+07FF, U+E028, U+E029), and restores them in scalars.
enum LineBreakMask {
    static let pairs: [(original: String, mask: String)] = [("\u{0085}", "\u{07FF}"), ("\u{2028}", "\u{E028}"), ("\u{2029}", "\u{E029}")]

    /// The masked copy, or nil when there is nothing to mask, or when a mask character is
    /// already in the input (then restoring would be ambiguous, and libyaml reads it as it is).
    static func masked(_ bytes: [UInt8]) -> [UInt8]? {
        var found = false
        var i = 0
        let n = bytes.count
        while i + 1 < n {
            let b = bytes[i]
            if b == 0xC2, bytes[i + 1] == 0x85 { found = true }
            if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 { found = true }
            if b == 0xDF, bytes[i + 1] == 0xBF { return nil }
            if b == 0xEE, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 { return nil }
            i += 1
        }
        guard found else { return nil }
        var out = bytes
        i = 0
        while i + 1 < n {
            if out[i] == 0xC2, out[i + 1] == 0x85 {
                out[i] = 0xDF; out[i + 1] = 0xBF
            } else if out[i] == 0xE2, i + 2 < n, out[i + 1] == 0x80, out[i + 2] == 0xA8 || out[i + 2] == 0xA9 {
                out[i] = 0xEE
            }
            i += 1
        }
        return out
    }

    static func restore(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\u{07FF}" || $0 == "\u{E028}" || $0 == "\u{E029}" }) else { return text }
        var scalars = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            switch s {
            case "\u{07FF}": scalars.append("\u{0085}")
            case "\u{E028}": scalars.append("\u{2028}")
            case "\u{E029}": scalars.append("\u{2029}")
            default: scalars.append(s)
            }
        }
        return String(scalars)
    }
}

/// JSON's surrogate-pair escapes, rewritten for libyaml. Only in a JSON document (its first
/// character that is not white space is `{` or `[`), where every string is double-quoted and
/// the scan can tell strings from the rest exactly.
enum SurrogatePairs {
    /// From `column` (1-based, in libyaml's columns) on `line`, add `delta`.
    struct Shift: Sendable { var line: Int; var column: Int; var delta: Int }

    static func rewrite(_ bytes: [UInt8]) -> ([UInt8], [Shift])? {
        guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }),
            first == UInt8(ascii: "{") || first == UInt8(ascii: "["),
            contains(bytes, Array("\\u".utf8)) || contains(bytes, Array("\\U".utf8))
        else { return nil }
        func hex(_ i: Int) -> UInt32? {
            guard i + 4 <= bytes.count else { return nil }
            var v: UInt32 = 0
            for b in bytes[i..<(i + 4)] {
                switch b {
                case 0x30...0x39: v = v << 4 | UInt32(b - 0x30)
                case 0x41...0x46: v = v << 4 | UInt32(b - 0x41 + 10)
                case 0x61...0x66: v = v << 4 | UInt32(b - 0x61 + 10)
                default: return nil
                }
            }
            return v
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var shifts: [Shift] = []
        var line = 1, column = 1  // in the output, as libyaml counts (characters)
        var inString = false
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if inString, b == UInt8(ascii: "\\"), i + 1 < bytes.count {
                if bytes[i + 1] == UInt8(ascii: "u"), let high = hex(i + 2), (0xD800...0xDBFF).contains(high),
                    i + 11 < bytes.count, bytes[i + 6] == UInt8(ascii: "\\"), bytes[i + 7] == UInt8(ascii: "u"),
                    let low = hex(i + 8), (0xDC00...0xDFFF).contains(low)
                {
                    let scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                    var digits = Array(String(scalar, radix: 16, uppercase: true).utf8)
                    while digits.count < 8 { digits.insert(UInt8(ascii: "0"), at: 0) }
                    out += [UInt8(ascii: "\\"), UInt8(ascii: "U")] + digits
                    column += 10
                    shifts.append(Shift(line: line, column: column, delta: 2))
                    i += 12
                    continue
                }
                out += [b, bytes[i + 1]]
                column += 2
                i += 2
                continue
            }
            if b == UInt8(ascii: "\"") { inString.toggle() }
            out.append(b)
            if b == 0x0A || (b == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A)) {
                line += 1; column = 1
            } else if b & 0xC0 != 0x80 && b != 0x0D {
                column += 1
            }
            i += 1
        }
        guard !shifts.isEmpty else { return nil }
        return (out, shifts)
    }

    static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard bytes.count >= needle.count else { return false }
        for i in 0...(bytes.count - needle.count) where bytes[i] == needle[0] && Array(bytes[i..<(i + needle.count)]) == needle { return true }
        return false
    }
}
