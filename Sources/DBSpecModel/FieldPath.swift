import DBSpecDiagnostics

/// The data path of a spec field, like `database.storage.size` or `replicas[1].class`: where a
/// diagnostic points in data terms, and what SARIF fingerprints are made of, so it must not
/// change when a message is reworded.
///
/// Paths are built from the schema, never typed by hand: `.database.storage.size`,
/// `.replicas[i].class`, `.database.parameters[name]`, and `.path` for an object or a list
/// itself (`.database.storage.path`). The accessors are generated from `SpecSchema` into
/// `FieldPaths.swift` (a test fails when that file is stale), so a path names a field the
/// language has, and renaming a field breaks the build of every rule that points at it.
public struct FieldPath: Hashable, Sendable, CustomStringConvertible {
    public let description: String

    /// A path the generated accessors build, or one read off the document itself (a rule that
    /// walks every node); never a hand-typed one.
    init(_ text: String) { description = text }

    /// The whole document.
    public static let root = FieldPath("")
    public var isRoot: Bool { description.isEmpty }
    /// The last key (`size` of `database.storage.size`).
    public var lastKey: String { description.split(separator: ".").last.map(String.init) ?? description }
    /// A key below this object that the document has, known to the schema or not (the decoder
    /// names unknown and missing keys with it).
    public func appending(_ key: String) -> FieldPath { FieldPath(isRoot ? key : description + "." + key) }

    /// One step down a document: a mapping key, or a list index.
    public enum Step: Sendable {
        case key(String)
        case index(Int)
    }

    /// The path of a node reached by walking the document (`[.key("replicas"), .index(1),
    /// .key("class")]` → `replicas[1].class`).
    public init(walked steps: [Step]) {
        var out = ""
        for step in steps {
            switch step {
            case .index(let i): out += "[\(i)]"
            case .key(let k): out += out.isEmpty ? k : "." + k
            }
        }
        description = out
    }
}

/// The place of an object of the schema in a spec.
public protocol FieldPathNode: Sendable {
    init(base: String)
}

extension FieldPath {
    /// A list of objects: `.replicas[i]`, and `.replicas.path` for the list.
    public struct Objects<Element: FieldPathNode>: Sendable {
        let base: String
        public var path: FieldPath { FieldPath(base) }
        public subscript(_ index: Int) -> Element { Element(base: "\(base)[\(index)]") }
    }

    /// A list of scalars: `.database.monitoring.logs[i]`.
    public struct Scalars: Sendable {
        let base: String
        public var path: FieldPath { FieldPath(base) }
        public subscript(_ index: Int) -> FieldPath { FieldPath("\(base)[\(index)]") }
    }

    /// A mapping with keys of the user's choice: `.database.parameters[name]`, `.tags[key]`.
    public struct Entries: Sendable {
        let base: String
        public var path: FieldPath { FieldPath(base) }
        public subscript(_ key: String) -> FieldPath { FieldPath("\(base).\(key)") }
    }
}

extension DiagnosticSink {
    /// An error about the field at `path`.
    public mutating func error(
        _ code: String, _ message: String, at range: SourceRange, help: String? = nil, path: FieldPath, replacements: [String] = []
    ) {
        error(code, message, at: range, help: help, path: path.description, replacements: replacements)
    }

    /// A warning about the field at `path`.
    public mutating func warning(_ code: String, _ message: String, at range: SourceRange, help: String? = nil, path: FieldPath) {
        warning(code, message, at: range, help: help, path: path.description)
    }
}
