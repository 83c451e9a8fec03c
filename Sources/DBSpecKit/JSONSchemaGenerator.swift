import DBSpecJSON
import DBSpecModel

/// Writes the spec language as a JSON Schema (draft-07, the draft yaml-language-server
/// supports best), from the same `SpecSchema` the decoder checks documents against.
public enum JSONSchemaGenerator {
    public static func schema() -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("$schema", .string("http://json-schema.org/draft-07/schema#")),
            ("title", .string("dbspec database spec, language version 1")),
        ]
        if case .object(let root) = object(SpecSchema.root) { members += root }
        return .object(members)
    }

    public static func render() -> [UInt8] { JSONWriter.pretty(schema()) }

    private static func object(_ schema: ObjectSchema) -> JSONValue {
        var properties: [(String, JSONValue)] = []
        for field in schema.fields {
            guard case .object(var members) = kind(field.kind) else { continue }
            members.insert(("description", .string(field.summary)), at: 0)
            if let value = field.defaultValue { members.append(("default", defaultValue(value, field.kind))) }
            properties.append((field.name, .object(members)))
        }
        var out: [(String, JSONValue)] = [
            ("description", .string(schema.summary)),
            ("type", .string("object")),
            ("properties", .object(properties)),
        ]
        let required = schema.fields.filter(\.required).map { JSONValue.string($0.name) }
        if !required.isEmpty { out.append(("required", .array(required))) }
        out.append(("additionalProperties", .bool(false)))
        return .object(out)
    }

    private static func kind(_ kind: ValueKind) -> JSONValue {
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
            guard case .object(let members) = object(schema) else { return .object([]) }
            return .object(Array(members.dropFirst()))  // the field's own description comes first
        case .array(let item): return .object([("type", .string("array")), ("items", self.kind(item))])
        case .map(let value): return .object([("type", .string("object")), ("additionalProperties", self.kind(value))])
        case .anyOf(let kinds): return .object([("anyOf", .array(kinds.map(self.kind)))])
        }
    }

    private static func defaultValue(_ text: String, _ kind: ValueKind) -> JSONValue {
        switch kind {
        case .integer: return Int(text).map { .int($0) } ?? .string(text)
        case .boolean: return .bool(text == "true")
        default: return .string(text)
        }
    }
}
