import DBSpecCatalog
import DBSpecCheck
import DBSpecDiagnostics
import DBSpecEmitters
import DBSpecGraph
import DBSpecJSON
import DBSpecLowering
import DBSpecModel
import DBSpecReports
import DBSpecResolve
import DBSpecRules
import DBSpecSource

/// One step of a path into a spec: a mapping key, or the element of a list of named mappings
/// (`replicas[reporting]`).
public enum SpecPathStep: Hashable, Sendable {
    case key(String)
    case named(String)
}

/// A place in a spec, written as `database.encryption.kmsKey` or `replicas[reporting].class`.
public struct SpecPath: Hashable, Sendable, CustomStringConvertible {
    public var steps: [SpecPathStep]

    public var description: String {
        if steps.isEmpty { return "(the whole spec)" }
        var out = ""
        for step in steps {
            switch step {
            case .key(let k): out += out.isEmpty ? k : "." + k
            case .named(let n): out += "[" + n + "]"
            }
        }
        return out
    }
}

/// One edit between two versions of a spec: a value set, added or removed at `path`.
public struct SpecEdit: Sendable {
    public var path: SpecPath
    /// The value before, or nil when the key is new.
    public var old: Node?
    /// The value after, or nil when the key was removed.
    public var new: Node?
    /// Where the change is in the new file, or in the old one when the key was removed.
    public var range: SourceRange
    public var inNewFile: Bool
    /// The line of the key (or list element) the edit is under, where an acceptance points.
    public var line: Int
}

/// The edits between two spec documents, in the new document's order: a scalar or a list of
/// scalars is one value; mappings are compared key by key; lists of mappings with a `name` are
/// compared element by element. Keys that change no resource (`$schema`, `x-dbspec-…`) are left
/// out. Formatting, comments and quoting never count: `"8.0"` and `8.0` are the same text.
enum SpecEdits {
    static func between(_ old: Node?, _ new: Node?) -> [SpecEdit] {
        var out: [SpecEdit] = []
        walk(old, new, path: [], line: 1, into: &out)
        return out
    }

    /// The most edits of one collection (the entries of `parameters` or `tags`, the named
    /// elements of a list such as `replicas`) that are traced one by one; past it, the
    /// collection is one edit. Each traced edit compiles the spec once, so a thousand edited
    /// parameters were a thousand compiles of the whole spec: grouped, a diff compiles the spec
    /// a bounded number of times (the schema's fields plus one per collection), linear in its size.
    static let traceLimit = 16

    /// `edits` with the edits of each collection that has more than `traceLimit` of them
    /// replaced by one edit of the whole collection, in the place of its first.
    static func grouped(_ edits: [SpecEdit], old: Node?, new: Node?) -> [SpecEdit] {
        func collection(_ path: SpecPath) -> [SpecPathStep]? {
            if let i = path.steps.firstIndex(where: { if case .named = $0 { true } else { false } }), i > 0 { return Array(path.steps[..<i]) }
            guard path.steps.count >= 2, case .key(let parent) = path.steps[path.steps.count - 2], parent == "parameters" || parent == "tags"
            else { return nil }
            return Array(path.steps.dropLast())
        }
        var counts: [[SpecPathStep]: Int] = [:]
        for edit in edits { if let c = collection(edit.path) { counts[c, default: 0] += 1 } }
        guard counts.values.contains(where: { $0 > traceLimit }) else { return edits }
        var out: [SpecEdit] = []
        var emitted = Set<[SpecPathStep]>()
        for edit in edits {
            guard let c = collection(edit.path), counts[c]! > traceLimit else {
                out.append(edit)
                continue
            }
            guard emitted.insert(c).inserted else { continue }
            let before = old.flatMap { node(at: c[...], in: $0) }
            let after = new.flatMap { node(at: c[...], in: $0) }
            out.append(
                SpecEdit(
                    path: SpecPath(steps: c), old: before, new: after, range: after?.range ?? before?.range ?? edit.range,
                    inNewFile: after != nil, line: edit.line))
        }
        return out
    }

    /// The value at `steps` in `node`, if any.
    static func node(at steps: ArraySlice<SpecPathStep>, in node: Node) -> Node? {
        guard let step = steps.first else { return node }
        switch step {
        case .key(let key): return node[key].flatMap { Self.node(at: steps.dropFirst(), in: $0) }
        case .named(let name):
            return node.items?.first { $0["name"]?.scalar?.text == name }.flatMap { Self.node(at: steps.dropFirst(), in: $0) }
        }
    }

    private static func ignored(_ key: String) -> Bool { key == "$schema" || key.hasPrefix("x-dbspec-") }

    private static func walk(_ old: Node?, _ new: Node?, path: [SpecPathStep], line: Int, into out: inout [SpecEdit]) {
        switch (old, new) {
        case (nil, nil): return
        case (let o?, nil): out.append(SpecEdit(path: SpecPath(steps: path), old: o, new: nil, range: o.range, inNewFile: false, line: line))
        case (nil, let n?): out.append(SpecEdit(path: SpecPath(steps: path), old: nil, new: n, range: n.range, inNewFile: true, line: line))
        case (let o?, let n?):
            if let oe = o.entries, let ne = n.entries {
                for e in ne where !ignored(e.keyText) {
                    walk(o[e.keyText], e.value, path: path + [.key(e.keyText)], line: e.key.range.start.line, into: &out)
                }
                for e in oe where !ignored(e.keyText) && n[e.keyText] == nil {
                    walk(e.value, nil, path: path + [.key(e.keyText)], line: e.key.range.start.line, into: &out)
                }
                return
            }
            if let oi = o.items, let ni = n.items, let oldNames = names(oi), let newNames = names(ni) {
                let oldIndex = Dictionary(oldNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
                let newSet = Set(newNames)
                for (name, item) in zip(newNames, ni) {
                    walk(oldIndex[name].map { oi[$0] }, item, path: path + [.named(name)], line: item.range.start.line, into: &out)
                }
                for (name, item) in zip(oldNames, oi) where !newSet.contains(name) {
                    walk(item, nil, path: path + [.named(name)], line: item.range.start.line, into: &out)
                }
                return
            }
            if !same(o, n) { out.append(SpecEdit(path: SpecPath(steps: path), old: o, new: n, range: n.range, inNewFile: true, line: line)) }
        }
    }

    /// The `name` of every element, when each is a mapping with a distinct one.
    private static func names(_ items: [Node]) -> [String]? {
        var out: [String] = []
        var seen = Set<String>()
        for item in items {
            guard let name = item["name"]?.scalar?.text, seen.insert(name).inserted else { return nil }
            out.append(name)
        }
        return out.isEmpty ? nil : out
    }

    /// Equal values, whatever their layout.
    static func same(_ a: Node, _ b: Node) -> Bool {
        switch (a.kind, b.kind) {
        case (.scalar(let x), .scalar(let y)): return x.text == y.text && (a.isNull == b.isNull)
        case (.sequence(let x), .sequence(let y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (.mapping(let x), .mapping(let y)):
            return x.count == y.count && x.allSatisfy { e in b[e.keyText].map { same(e.value, $0) } ?? false }
        default: return false
        }
    }

    /// `root` with `edit` made: the value at its path set, added or removed.
    static func applying(_ edit: SpecEdit, to root: Node) -> Node {
        apply(edit.path.steps[...], value: edit.new, to: root) ?? root
    }

    /// `node` with the value at `steps` replaced by `value` (removed when nil); nil when the
    /// node itself is removed.
    private static func apply(_ steps: ArraySlice<SpecPathStep>, value: Node?, to node: Node) -> Node? {
        guard let step = steps.first else { return value }
        var node = node
        switch (step, node.kind) {
        case (.key(let key), .mapping(var entries)):
            if let i = entries.firstIndex(where: { $0.keyText == key }) {
                if let v = apply(steps.dropFirst(), value: value, to: entries[i].value) {
                    entries[i].value = v
                } else {
                    entries.remove(at: i)
                }
            } else if let value, steps.count == 1 {
                entries.append(MappingEntry(key: Node(kind: .scalar(Scalar(text: key, style: .plain)), range: value.range), value: value))
            }
            node.kind = .mapping(entries)
        case (.named(let name), .sequence(var items)):
            if let i = items.firstIndex(where: { $0["name"]?.scalar?.text == name }) {
                if let v = apply(steps.dropFirst(), value: value, to: items[i]) { items[i] = v } else { items.remove(at: i) }
            } else if let value, steps.count == 1 {
                items.append(value)
            }
            node.kind = .sequence(items)
        default:
            break
        }
        return node
    }

    /// A value as a reader would write it on one line: `create`, `[a, b]`, `{cidr: 10.0.0.0/16}`.
    static func render(_ node: Node?) -> String {
        guard let node else { return "" }
        switch node.kind {
        case .scalar(let s): return node.isNull ? "null" : s.text
        case .sequence(let items): return "[" + items.map { render($0) }.joined(separator: ", ") + "]"
        case .mapping(let entries): return "{" + entries.map { $0.keyText + ": " + render($0.value) }.joined(separator: ", ") + "}"
        }
    }
}
