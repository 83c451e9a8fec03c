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
    public var key: Node
    public var value: Node
    public var keyText: String {
        if case .scalar(let s) = key.kind { return s.text }
        return ""
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
            if Int(s.text) != nil { return "a number" }
            if Double(s.text) != nil { return "a number" }
            return "a string"
        }
    }
}
