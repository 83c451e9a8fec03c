import DBSpecDiagnostics

/// How a scalar was written. Only plain scalars are resolved to booleans, numbers or null;
/// quoted and block scalars are always text.
public enum ScalarStyle: Sendable, Equatable {
    case plain, singleQuoted, doubleQuoted, literal, folded

    public var isQuoted: Bool { self != .plain }
}

/// A scalar exactly as written: `version: 8.0` is the text "8.0", never a float.
public struct Scalar: Sendable, Equatable {
    public var text: String
    public var style: ScalarStyle

    public init(text: String, style: ScalarStyle) {
        self.text = text
        self.style = style
    }
}

/// One key and its value in a mapping. Keys are always scalars.
public struct MappingEntry: Sendable {
    public let key: Node
    public var value: Node
    /// The key's text, kept apart: every lookup compares it, and reading it out of the key's
    /// node each time was a good part of decoding.
    public let keyText: String

    public init(key: Node, value: Node) {
        self.key = key
        self.value = value
        if case .scalar(let s) = key.kind { keyText = s.text } else { keyText = "" }
    }
}

/// A node of the YAML (or JSON) document, with the source range it came from.
public struct Node: Sendable {
    public enum Kind: Sendable {
        case scalar(Scalar)
        case sequence([Node])
        case mapping([MappingEntry])
    }

    public var kind: Kind
    public var range: SourceRange
    /// The node's tag in short form (`!!str`), when one was written; nil otherwise.
    public var tag: String?

    public init(kind: Kind, range: SourceRange, tag: String? = nil) {
        self.kind = kind
        self.range = range
        self.tag = tag
    }

    public var scalar: Scalar? {
        if case .scalar(let s) = kind { return s }
        return nil
    }

    public var entries: [MappingEntry]? {
        if case .mapping(let e) = kind { return e }
        return nil
    }

    public var items: [Node]? {
        if case .sequence(let i) = kind { return i }
        return nil
    }

    /// The value of `key` in a mapping node.
    public subscript(key: String) -> Node? {
        entries?.first { $0.keyText == key }?.value
    }

    /// A plain scalar that YAML's core schema reads as null: empty, `~`, `null`.
    public var isNull: Bool {
        guard let s = scalar, s.style == .plain, tag == nil || tag == "!!null" else { return tag == "!!null" }
        switch s.text {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// A word for the kind of node, used in messages: "a mapping", "a list", "a string"…
    public var kindDescription: String {
        switch kind {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let s):
            if isNull { return "null" }
            if s.style.isQuoted { return "a string" }
            if tag == "!!str" { return "a string" }
            switch s.text {
            case "true", "false", "True", "False", "TRUE", "FALSE": return "a boolean"
            default: break
            }
            switch YAMLNumber.classify(s.text) {
            case .integer where s.text.hasPrefix("0x"): return "a hexadecimal number"
            case .integer where s.text.hasPrefix("0o"): return "an octal number"
            case .integer: return "a number"
            case .decimal: return "a decimal number"
            case .special: return "`\(s.text)`, a float that is not finite"
            case nil: return "a string"
            }
        }
    }
}

/// How YAML 1.2's core schema reads a plain scalar as a number: the same text as YAML
/// libraries and JSON do, not Swift's wider `Double(_:)` (which also takes `nan`, `inf` and
/// hexadecimal floats, which YAML reads as strings).
public enum YAMLNumber: Equatable, Sendable {
    /// `12`, `-3`, `0o17`, `0x1F`.
    case integer
    /// `0.5`, `1e3`, `-2.5E-3`, `.5`.
    case decimal
    /// `.inf`, `-.Inf`, `.nan`.
    case special

    public static func classify(_ text: String) -> YAMLNumber? {
        var u = Substring(text).utf8[...]
        let isDigit = { (c: UInt8) in c >= 0x30 && c <= 0x39 }
        switch text {
        case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF":
            return .special
        default: break
        }
        if text.hasPrefix("0o"), text.count > 2, text.utf8.dropFirst(2).allSatisfy({ $0 >= 0x30 && $0 <= 0x37 }) { return .integer }
        if text.hasPrefix("0x"), text.count > 2, text.utf8.dropFirst(2).allSatisfy({ isDigit($0) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }) {
            return .integer
        }
        if let c = u.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { u = u.dropFirst() }
        let intDigits = u.prefix(while: isDigit).count
        u = u.dropFirst(intDigits)
        var fraction = -1
        if u.first == UInt8(ascii: ".") {
            u = u.dropFirst()
            fraction = u.prefix(while: isDigit).count
            u = u.dropFirst(fraction)
        }
        guard intDigits > 0 || fraction > 0 else { return nil }
        var exponent = false
        if let c = u.first, c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            u = u.dropFirst()
            if let c = u.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { u = u.dropFirst() }
            let n = u.prefix(while: isDigit).count
            guard n > 0 else { return nil }
            u = u.dropFirst(n)
            exponent = true
        }
        guard u.isEmpty else { return nil }
        return fraction < 0 && !exponent ? .integer : .decimal
    }
}
