import DBSpecCatalog
import DBSpecCheck
import DBSpecEmitters
import DBSpecJSON
import DBSpecModel

/// Writes the spec language as a JSON Schema (draft-07, the draft yaml-language-server
/// supports best), from the same `SpecSchema` the decoder checks documents against: kinds,
/// bounds, closed lists, defaults, patterns, key constraints and engine-only fields, with
/// descriptions (plain and Markdown) and examples; closed lists that change as AWS changes
/// (Regions) come from the catalogue.
public enum JSONSchemaGenerator {
    /// Where the schemas are published (`$id`).
    public static let specSchemaID = DBSpec.home + "/raw/main/schemas/dbspec-v1.schema.json"
    public static let configurationSchemaID = DBSpec.home + "/raw/main/schemas/dbspec-config.schema.json"

    public static func schema(catalog: Catalog = .builtIn) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("$schema", .string("http://json-schema.org/draft-07/schema#")),
            ("$id", .string(specSchemaID)),
            ("title", .string("dbspec database spec, language version 1")),
        ]
        if case .object(let root) = object(SpecSchema.root, catalog: catalog) { members += root }
        return .object(members)
    }

    public static func render() -> [UInt8] { JSONWriter.pretty(schema()) }

    private static func object(_ schema: ObjectSchema, catalog: Catalog) -> JSONValue {
        var properties: [(String, JSONValue)] = []
        for field in schema.fields {
            guard case .object(var members) = kind(field.kind, catalog: catalog) else { continue }
            var extra: [(String, JSONValue)] = []
            if let pattern = field.pattern { extra.append(("pattern", .string(pattern))) }
            if let maxLength = field.maxLength { extra.append(("maxLength", .int(maxLength))) }
            if field.catalogList == .regions { extra.append(("enum", .array(catalog.regions.sorted().map { .string($0) }))) }
            if case .array = field.kind, !extra.isEmpty, case .object(var items)? = members.first(where: { $0.0 == "items" })?.1 {
                // A pattern on a list of strings is each item's.
                items += extra
                members = members.map { $0.0 == "items" ? ("items", .object(items)) : $0 }
            } else {
                members += extra
            }
            var description = field.summary
            if let engines = field.engines { description += " Only for " + engines.joined(separator: ", ") + "." }
            members.insert(contentsOf: [("description", .string(plain(description))), ("markdownDescription", .string(description))], at: 0)
            if let value = field.defaultValue { members.append(("default", defaultValue(value, field.kind))) }
            if !field.examples.isEmpty { members.append(("examples", .array(field.examples.map { .string($0) }))) }
            properties.append((field.name, .object(members)))
        }
        var out: [(String, JSONValue)] = [
            ("description", .string(plain(schema.summary))),
            ("markdownDescription", .string(schema.summary)),
            ("type", .string("object")),
            ("properties", .object(properties)),
        ]
        let required = schema.fields.filter(\.required).map { JSONValue.string($0.name) }
        if !required.isEmpty { out.append(("required", .array(required))) }
        out.append(("additionalProperties", .bool(false)))
        var dependencies: [(String, JSONValue)] = []
        var all: [JSONValue] = []
        for constraint in schema.constraints {
            switch constraint {
            case .excludes(let a, let b):
                all.append(.object([("not", .object([("required", .array([.string(a), .string(b)]))]))]))
            case .requires(let a, let b):
                dependencies.append((a, .array([.string(b)])))
            case .requiresOneOf(let a, let b):
                all.append(.object([("anyOf", .array([.object([("required", .array([.string(a)]))]), .object([("required", .array([.string(b)]))])]))]))
            }
        }
        // Engine-only fields: if the engine is not one that takes the field, the field is absent.
        for field in schema.fields {
            guard let engines = field.engines, schema.field("engine") != nil else { continue }
            all.append(
                .object([
                    (
                        "if",
                        .object([
                            ("properties", .object([("engine", .object([("not", .object([("enum", .array(engines.map { .string($0) }))]))]))])),
                            ("required", .array([.string("engine")])),
                        ])
                    ),
                    ("then", .object([("not", .object([("required", .array([.string(field.name)]))]))])),
                ]))
        }
        if !dependencies.isEmpty { out.append(("dependencies", .object(dependencies))) }
        if !all.isEmpty { out.append(("allOf", .array(all))) }
        return .object(out)
    }

    private static func kind(_ kind: ValueKind, catalog: Catalog) -> JSONValue {
        switch kind {
        case .string: return .object([("type", .string("string"))])
        case .number: return .object([("type", .string("number"))])
        case .boolean: return .object([("type", .string("boolean"))])
        case .enumeration(let values): return .object([("type", .string("string")), ("enum", .array(values.map { .string($0) }))])
        case let .integer(min, max):
            var members: [(String, JSONValue)] = [("type", .string("integer"))]
            if let min { members.append(("minimum", .int(min))) }
            if let max { members.append(("maximum", .int(max))) }
            return .object(members)
        case .object(let schema):
            guard case .object(let members) = object(schema, catalog: catalog) else { return .object([]) }
            return .object(Array(members.dropFirst(2)))  // the field's own descriptions come first
        case .array(let item): return .object([("type", .string("array")), ("items", self.kind(item, catalog: catalog))])
        case .map(let value): return .object([("type", .string("object")), ("additionalProperties", self.kind(value, catalog: catalog))])
        case .anyOf(let kinds): return .object([("anyOf", .array(kinds.map { self.kind($0, catalog: catalog) }))])
        }
    }

    /// Markdown's backticks dropped, for clients that show `description` as plain text.
    static func plain(_ markdown: String) -> String { markdown.filter { $0 != "`" } }

    private static func defaultValue(_ text: String, _ kind: ValueKind) -> JSONValue {
        switch kind {
        case .integer: return Int(text).map { .int($0) } ?? .string(text)
        case .boolean: return .bool(text == "true")
        default: return .string(text)
        }
    }

    // MARK: The configuration file

    /// The JSON Schema of `.dbspec.yaml`, from the configuration's own description of its keys.
    public static func configurationSchema() -> JSONValue {
        var properties: [(String, JSONValue)] = []
        for key in Configuration.keys {
            var members: [(String, JSONValue)] = [("description", .string(plain(key.summary))), ("markdownDescription", .string(key.summary))]
            switch key.name {
            case "rules":
                members += [
                    ("type", .string("object")),
                    ("propertyNames", .object([("enum", .array(DiagnosticCodes.all.map { .string($0.code) }))])),
                    ("additionalProperties", .object([("enum", .array(Configuration.ruleSettings.map { .string($0) } + [.bool(false)]))])),
                    ("examples", .array([.object([("DB319", .string("off")), ("DB206", .string("error"))])])),
                ]
            case "target":
                members += [("type", .string("string")), ("enum", .array(Target.allCases.map { .string($0.rawValue) }))]
            case "layout":
                members += [("type", .string("string")), ("enum", .array(TerraformLayout.allCases.map { .string($0.rawValue) }))]
            default:
                members += [("type", .string("string")), ("minLength", .int(1))]
            }
            properties.append((key.name, .object(members)))
        }
        return .object([
            ("$schema", .string("http://json-schema.org/draft-07/schema#")),
            ("$id", .string(configurationSchemaID)),
            ("title", .string("dbspec configuration (.dbspec.yaml)")),
            ("description", .string("Project settings for dbspec: rule severities, the catalogue, the target and the output folder.")),
            ("type", .array([.string("object"), .string("null")])),
            ("properties", .object(properties)),
            ("additionalProperties", .bool(false)),
        ])
    }

    public static func renderConfiguration() -> [UInt8] { JSONWriter.pretty(configurationSchema()) }
}
