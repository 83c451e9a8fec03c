import DBSpecCatalog
import DBSpecCheck
import DBSpecDiagnostics
import DBSpecJSON
import DBSpecModel
import DBSpecReports
import DBSpecResolve
import DBSpecRules
import DBSpecSource

/// What the language server knows beyond diagnostics: quick fixes from each diagnostic's
/// replacements, hover text from the code table, the schema and the catalogue, completion of
/// keys and values (engines, versions, classes and Regions from the catalogue, for the spec's
/// own engine, version and Region), and a replica's `source` resolved to that replica.
///
/// Positions come in as LSP's (0-based lines, UTF-16 columns) and are turned into the
/// reader's 1-based lines and Unicode-scalar columns.
struct LanguageFeatures {
    let source: SourceText
    let catalog: Catalog
    /// The parsed document; nil when it does not parse (completion then reads the text alone).
    let root: Node?

    init(source: SourceText, catalog: Catalog) {
        self.source = source
        self.catalog = catalog
        let read = YAMLReader.read(source)
        root = read.root
    }

    // MARK: Positions

    /// An LSP position as a reader position (1-based line, scalar column).
    func position(line: Int, character: Int) -> SourcePosition {
        guard let text = source.line(line + 1) else { return SourcePosition(line: line + 1, column: 1) }
        // The client counts a byte-order mark as the first line's first unit.
        let character = line == 0 && source.startsWithByteOrderMark ? max(0, character - 1) : character
        var units = 0
        var column = 1
        for scalar in text.unicodeScalars {
            if units >= character { break }
            units += scalar.utf16.count
            column += 1
        }
        return SourcePosition(line: line + 1, column: column)
    }

    func lspRange(_ range: SourceRange) -> JSONValue {
        .object([
            ("start", LanguageServer.position(range.start, in: source)),
            ("end", LanguageServer.position(range.end, in: source)),
        ])
    }

    static func contains(_ range: SourceRange, _ p: SourcePosition) -> Bool {
        range.start <= p && (p < range.end || (range.start == range.end && p == range.start))
    }

    // MARK: The document's tree

    /// What is at a position: the mapping key or scalar value, and its path of keys (list
    /// items are stepped through, so a replica's `source` is at `replicas`, `source`).
    struct Hit {
        var keys: [String]
        var node: Node
        var isKey: Bool
    }

    func hit(at p: SourcePosition) -> Hit? {
        guard let root else { return nil }
        func walk(_ node: Node, _ keys: [String]) -> Hit? {
            if let entries = node.entries {
                for entry in entries {
                    if Self.contains(entry.key.range, p) { return Hit(keys: keys + [entry.keyText], node: entry.key, isKey: true) }
                    if Self.contains(entry.value.range, p) || (entry.value.isNull && entry.value.range.start == p) {
                        if entry.value.scalar != nil || entry.value.isNull {
                            return Hit(keys: keys + [entry.keyText], node: entry.value, isKey: false)
                        }
                        return walk(entry.value, keys + [entry.keyText])
                    }
                }
            } else if let items = node.items {
                for item in items where Self.contains(item.range, p) { return walk(item, keys) }
            }
            return nil
        }
        return walk(root, [])
    }

    /// The schema of the object at `keys` (the last key names a field of it), stepping
    /// through lists and maps.
    static func field(_ keys: [String]) -> FieldSchema? {
        var object = SpecSchema.root
        var field: FieldSchema?
        for (i, key) in keys.enumerated() {
            guard let f = object.field(key) else { return nil }
            field = f
            if i == keys.count - 1 { break }
            guard let next = objectSchema(of: f.kind) else { return nil }
            object = next
        }
        return field
    }

    static func objectSchema(of kind: ValueKind) -> ObjectSchema? {
        switch kind {
        case .object(let o): return o
        case .array(let inner), .map(let inner): return objectSchema(of: inner)
        case .anyOf(let kinds): return kinds.lazy.compactMap { objectSchema(of: $0) }.first
        default: return nil
        }
    }

    static func describe(_ kind: ValueKind) -> String {
        switch kind {
        case .string: return "string"
        case .enumeration: return "one of a closed list"
        case .integer(let lo, let hi):
            switch (lo, hi) {
            case (let lo?, let hi?): return "whole number, \(lo) to \(hi)"
            case (let lo?, nil): return "whole number, at least \(lo)"
            case (nil, let hi?): return "whole number, at most \(hi)"
            default: return "whole number"
            }
        case .number: return "number"
        case .boolean: return "true or false"
        case .object: return "mapping"
        case .array(let inner): return "list of " + describe(inner)
        case .map(let inner): return "mapping of names to " + describe(inner)
        case .anyOf(let kinds): return kinds.map(describe).joined(separator: " or ")
        }
    }

    static func closedValues(_ kind: ValueKind) -> [String] {
        switch kind {
        case .enumeration(let values): return values
        case .boolean: return ["true", "false"]
        case .anyOf(let kinds): return kinds.flatMap(closedValues)
        case .array(let inner): return closedValues(inner)
        default: return []
        }
    }

    // MARK: What the spec says, from the tree or, for a half-typed document, the text

    /// The value of a scalar at `keys` (such as `database`, `engine`), from the tree, or from
    /// the text when the document does not parse.
    func value(_ keys: [String]) -> String? {
        if let root {
            var node: Node? = root
            for key in keys { node = node?[key] }
            if let text = node?.scalar?.text { return text }
        }
        // `  engine: mysql` at the indentation the path implies.
        let indent = String(repeating: " ", count: 2 * (keys.count - 1))
        for number in 1...max(1, source.lineCount) {
            guard let line = source.line(number), line.hasPrefix(indent + keys.last! + ":") else { continue }
            let rest = line.dropFirst(indent.count + keys.last!.count + 1).split(separator: "#").first ?? ""
            let text = rest.trimmingSpaces().filter { $0 != "\"" && $0 != "'" }
            if !text.isEmpty { return String(text) }
        }
        return nil
    }

    var engine: EngineFacts? { value(["database", "engine"]).flatMap { catalog.engine($0) } }

    // MARK: Quick fixes

    /// Code actions for the diagnostics that touch `range`: one quick fix per replacement
    /// (the first preferred), keeping the quoting the spec used; and, for a rule's finding in
    /// YAML, a suppression comment above its line, for the user to complete with a reason.
    func codeActions(uri: String, diagnostics: [Diagnostic], range: SourceRange, lsp: (Diagnostic) -> JSONValue) -> [JSONValue] {
        var actions: [JSONValue] = []
        let isJSON = source.name.hasSuffix(".json") || (source.bytes.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 } == UInt8(ascii: "{"))
        for d in diagnostics where d.range.start <= range.end && range.start <= d.range.end {
            let old = text(of: d.range)
            for (i, value) in d.replacements.enumerated() {
                var newText = value
                if let quote = old.first, quote == "\"" || quote == "'" { newText = "\(quote)\(value)\(quote)" }
                let title = d.code == ModelCode.unknownKey ? "Rename the key to `\(value)`" : "Change to `\(value)`"
                actions.append(
                    .object([
                        ("title", .string(title)),
                        ("kind", .string("quickfix")),
                        ("diagnostics", .array([lsp(d)])),
                        ("isPreferred", .bool(i == 0)),
                        ("edit", edit(uri: uri, range: lspRange(d.range), newText: newText)),
                    ]))
            }
            guard !isJSON, RuleRegistry.rule(code: d.code) != nil, let line = source.line(d.range.start.line) else { continue }
            let indent = String(line.prefix { $0 == " " })
            let insertAt = SourcePosition(line: d.range.start.line, column: 1)
            actions.append(
                .object([
                    ("title", .string("Suppress \(d.code) on this line (write the reason after --)")),
                    ("kind", .string("quickfix")),
                    ("diagnostics", .array([lsp(d)])),
                    (
                        "edit",
                        edit(
                            uri: uri, range: lspRange(SourceRange(start: insertAt, end: insertAt)),
                            newText: "\(indent)# dbspec:disable-next-line \(d.code) -- \n")
                    ),
                ]))
        }
        return actions
    }

    func edit(uri: String, range: JSONValue, newText: String) -> JSONValue {
        .object([("changes", .object([(uri, .array([.object([("range", range), ("newText", .string(newText))])]))]))])
    }

    /// The text of a range on one line.
    func text(of range: SourceRange) -> String {
        guard range.start.line == range.end.line, let line = source.line(range.start.line) else { return "" }
        let scalars = Array(line.unicodeScalars)
        let from = max(0, min(range.start.column - 1, scalars.count)), to = max(from, min(range.end.column - 1, scalars.count))
        return String(String.UnicodeScalarView(scalars[from..<to]))
    }

    // MARK: Hover

    /// Markdown for the position: the rule behind a diagnostic there; else the field's
    /// description, kind, default and allowed values on a key; catalogue facts on an engine,
    /// version, class or Region.
    func hover(at p: SourcePosition, diagnostics: [Diagnostic]) -> (String, SourceRange)? {
        let here = diagnostics.filter { Self.contains($0.range, p) }
        if !here.isEmpty {
            var parts: [String] = []
            for d in here {
                guard let info = DiagnosticCodes.info(d.code) else { continue }
                var text = "**\(d.code)**: \(info.summary)\n\n\(info.explanation)"
                if let fix = info.fix { text += "\n\n**How to fix:** \(fix)" }
                text += "\n\n[\(d.code) in the rules reference](\(DBSpec.codeDocumentation(d.code)))"
                parts.append(text)
            }
            if !parts.isEmpty { return (parts.joined(separator: "\n\n---\n\n"), here[0].range) }
        }
        guard let hit = hit(at: p) else { return nil }
        if hit.isKey {
            guard let field = Self.field(hit.keys) else { return nil }
            var text =
                "**\(MarkdownText.code(hit.keys.joined(separator: ".")))**: \(Self.describe(field.kind))\(field.required ? ", required" : "")\n\n\(field.summary)"
            if let d = field.defaultValue { text += "\n\nDefault: `\(d)`" }
            let values = Self.closedValues(field.kind)
            if !values.isEmpty && field.kind.isEnumeration { text += "\n\nValues: " + values.map { "`\($0)`" }.joined(separator: ", ") }
            return (text, hit.node.range)
        }
        guard let value = hit.node.scalar?.text, let key = hit.keys.last else { return nil }
        let facts: String?
        switch key {
        case "engine": facts = engineFacts(value)
        case "version": facts = versionFacts(value)
        case "class": facts = classFacts(value, keys: hit.keys)
        case "region": facts = catalog.regions.contains(value) ? "`\(value)`: a Region where RDS runs (catalogue of \(catalog.retrieved))" : nil
        default: facts = nil
        }
        return facts.map { ($0, hit.node.range) }
    }

    func engineFacts(_ name: String) -> String? {
        guard let e = catalog.engine(name) else { return nil }
        var lines = ["**\(e.label)** (`\(e.name)`)", ""]
        lines.append("- default port \(e.defaultPort); up to \(e.maxReplicas) read replicas")
        lines.append("- licence models: " + e.licenseModels.joined(separator: ", "))
        lines.append("- IAM authentication: \(e.supportsIAMAuth ? "yes" : "no"); Multi-AZ: \(e.supportsMultiAZ ? "yes" : "no")")
        if !e.logTypes.isEmpty { lines.append("- log exports: " + e.logTypes.joined(separator: ", ")) }
        if e.versionsTracked, let newest = e.versions.last {
            lines.append("- \(e.versions.count) versions, newest \(newest) (catalogue of \(catalog.retrieved))")
        }
        return lines.joined(separator: "\n")
    }

    func versionFacts(_ version: String) -> String? {
        guard let e = engine else { return nil }
        switch catalog.versionStatus(engine: e, version: version) {
        case .available: return "\(e.label) \(MarkdownText.code(version)): offered for new databases (catalogue of \(catalog.retrieved))"
        case .deprecated: return "\(e.label) \(MarkdownText.code(version)): retired; RDS creates no new databases with it"
        case .unknown: return "\(e.label) \(MarkdownText.code(version)): not a version RDS lists (catalogue of \(catalog.retrieved))"
        case .untracked: return "\(e.label): the catalogue has no version list"
        }
    }

    func classFacts(_ instanceClass: String, keys: [String]) -> String? {
        // Document text is shown as text: a code span, never markup or a link.
        var lines = ["**\(MarkdownText.code(instanceClass))**"]
        if let s = catalog.specs(of: instanceClass) {
            let memory = s.memory == s.memory.rounded() ? String(Int(s.memory)) : String(s.memory)
            lines.append("\n\(s.vcpu) vCPUs, \(memory) GiB memory")
        }
        if let e = engine {
            let version = value(["database", "version"])
            let offered = catalog.offers(instanceClass, engine: e, version: version)
            lines.append("\n" + (offered ? "Offered" : "Not offered") + " for \(e.label)\(version.map { " " + MarkdownText.code($0) } ?? "")")
            if let region = value(["region"]), let sold = catalog.offers(instanceClass, engine: e, region: region, license: licenseModel(e)) {
                lines.append(sold ? " and sold in \(MarkdownText.code(region))" : "; not sold in \(MarkdownText.code(region))")
            }
        }
        return lines.count > 1 ? lines.joined() : nil
    }

    // MARK: Definition

    /// A replica's `source: NAME` → the `name` of that replica.
    func definition(at p: SourcePosition) -> SourceRange? {
        guard let hit = hit(at: p), !hit.isKey, hit.keys == ["replicas", "source"], let wanted = hit.node.scalar?.text,
            let replicas = root?["replicas"]?.items
        else { return nil }
        for replica in replicas where replica["name"]?.scalar?.text == wanted { return replica["name"]?.range }
        return nil
    }

    // MARK: Completion

    /// Completion items at an LSP position, read from the text so that half-typed lines work:
    /// keys of the mapping the line is in (those not yet written), or values of the key on the
    /// line (closed lists from the schema; engines, versions, classes, Regions from the
    /// catalogue for the spec's engine, version and Region; replica names for `source`).
    func completion(line: Int, character: Int) -> [JSONValue] {
        guard let text = source.line(line + 1) else { return keyItems(keys: [], present: topLevelKeys()) }
        var prefix = ""
        var units = 0
        for scalar in text.unicodeScalars {
            if units >= character { break }
            units += scalar.utf16.count
            prefix.unicodeScalars.append(scalar)
        }
        var body = Substring(prefix)
        var indent = 0
        while body.first == " " {
            body.removeFirst()
            indent += 1
        }
        if body.hasPrefix("- ") {
            body = body.dropFirst(2)
            indent += 2
        }
        let parents = parentKeys(line: line + 1, indent: indent)
        if let colon = body.firstIndex(of: ":") {
            let key = String(body[..<colon]).filter { $0 != "\"" && $0 != "'" }
            return valueItems(keys: parents + [key])
        }
        guard body.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return [] }
        return keyItems(keys: parents, present: siblingKeys(line: line + 1, indent: indent))
    }

    /// The keys of the mappings that enclose a line at `indent`, read upwards from the text.
    func parentKeys(line: Int, indent: Int) -> [String] {
        var keys: [String] = []
        var wanted = indent
        var number = line - 1
        while number >= 1 && wanted > 0 {
            defer { number -= 1 }
            guard let text = source.line(number) else { continue }
            let (lineIndent, key) = Self.keyOfLine(text)
            guard let key, lineIndent < wanted else { continue }
            keys.insert(key, at: 0)
            wanted = lineIndent
        }
        return keys
    }

    /// The indentation (a list item's `- ` counted) and key of a `key:` line.
    static func keyOfLine(_ text: String) -> (Int, String?) {
        var body = Substring(text)
        var indent = 0
        while body.first == " " {
            body.removeFirst()
            indent += 1
        }
        if body.isEmpty || body.hasPrefix("#") { return (Int.max, nil) }
        if body.hasPrefix("- ") {
            body = body.dropFirst(2)
            indent += 2
        }
        guard let colon = body.firstIndex(of: ":") else { return (indent, nil) }
        let key = body[..<colon].filter { $0 != "\"" && $0 != "'" }
        guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return (indent, nil) }
        return (indent, String(key))
    }

    /// The keys already written beside a line at `indent`, in the same mapping.
    func siblingKeys(line: Int, indent: Int) -> Set<String> {
        var out = Set<String>()
        for step in [-1, 1] {
            var number = line + step
            while number >= 1 && number <= source.lineCount {
                defer { number += step }
                guard let text = source.line(number) else { break }
                let (lineIndent, key) = Self.keyOfLine(text)
                if lineIndent == Int.max { continue }
                if lineIndent < indent { break }
                if lineIndent == indent, let key { out.insert(key) }
                // A new list item at this level starts another mapping.
                if lineIndent == indent, text.drop(while: { $0 == " " }).hasPrefix("- ") { break }
            }
        }
        return out
    }

    func topLevelKeys() -> Set<String> { Set(root?.entries?.map(\.keyText) ?? []) }

    func keyItems(keys: [String], present: Set<String>) -> [JSONValue] {
        let object: ObjectSchema?
        if keys.isEmpty {
            object = SpecSchema.root
        } else {
            object = Self.field(keys).flatMap { Self.objectSchema(of: $0.kind) }
        }
        guard let object else { return [] }
        // Required keys first, then the rest in the schema's order.
        let open = object.fields.filter { !present.contains($0.name) }
        let fields = open.filter(\.required) + open.filter { !$0.required }
        return fields.enumerated().map { i, f in
            var documentation = f.summary
            if let d = f.defaultValue { documentation += "\n\nDefault: `\(d)`" }
            let isScalar = Self.objectSchema(of: f.kind) == nil
            return .object([
                ("label", .string(f.name)),
                ("kind", .int(10)),  // Property
                ("detail", .string(Self.describe(f.kind) + (f.required ? ", required" : ""))),
                ("documentation", .object([("kind", .string("markdown")), ("value", .string(documentation))])),
                ("insertText", .string(f.name + (isScalar ? ": " : ":"))),
                ("sortText", .string((f.required ? "0" : "1") + String(1000 + i))),
            ])
        }
    }

    /// The licence model the document names, or the engine's default (DBSpecResolve decides it).
    func licenseModel(_ e: EngineFacts) -> String {
        value(["database", "licenseModel"]) ?? ResolvedDatabase.defaultLicenseModel(e) ?? ""
    }

    func valueItems(keys: [String]) -> [JSONValue] {
        var values: [(String, String?)] = []
        switch keys {
        case ["database", "engine"], ["engine"]:
            values = SpecSchema.engines.map { ($0, catalog.engine($0)?.label) }
        case ["database", "version"]:
            guard let e = engine else { break }
            values = e.versions.reversed().filter { catalog.versionStatus(engine: e, version: $0) == .available }.map { ($0, e.label) }
        case ["database", "class"], ["replicas", "class"]:
            guard let e = engine else { break }
            let version = value(["database", "version"])
            var classes = catalog.classes(engine: e, version: version).sorted()
            if let region = value(["region"]), let sold = catalog.classes(engine: e, region: region, license: licenseModel(e)) {
                let soldSet = Set(sold)
                classes = classes.filter { soldSet.contains($0) }
            }
            values = classes.map { c in
                (c, catalog.specs(of: c).map { "\($0.vcpu) vCPUs, \($0.memory == $0.memory.rounded() ? String(Int($0.memory)) : String($0.memory)) GiB" })
            }
        case ["region"], ["replicas", "region"]:
            values = catalog.regions.map { ($0, nil) }
        case ["replicas", "source"]:
            values = (root?["replicas"]?.items ?? []).compactMap { $0["name"]?.scalar?.text }.map { ($0, "a replica of this spec") }
        default:
            guard let field = Self.field(keys) else { return [] }
            values = Self.closedValues(field.kind).map { ($0, nil) }
        }
        return values.enumerated().map { i, v in
            var item: [(String, JSONValue)] = [("label", .string(v.0)), ("kind", .int(12))]  // Value
            if let detail = v.1 { item.append(("detail", .string(detail))) }
            item.append(("sortText", .string(String(100_000 + i))))
            return .object(item)
        }
    }
}

extension ValueKind {
    var isEnumeration: Bool {
        if case .enumeration = self { return true }
        return false
    }
}
