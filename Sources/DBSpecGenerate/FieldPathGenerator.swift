import DBSpecModel

/// Writes the accessors of `FieldPath` from `SpecSchema`: one type per object of the schema,
/// one member per field.
public enum FieldPathGenerator {
    public static func source() -> String {
        var types: [(name: String, object: ObjectSchema)] = []
        func typeName(_ object: ObjectSchema) -> String {
            object.name == "spec" ? "Spec" : object.name.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        }
        func collect(_ object: ObjectSchema) {
            guard !types.contains(where: { $0.name == typeName(object) }) else { return }
            types.append((typeName(object), object))
            for field in object.fields { visit(field.kind) }
        }
        func visit(_ kind: ValueKind) {
            switch kind {
            case .object(let o): collect(o)
            case .array(let k), .map(let k): visit(k)
            case .anyOf(let ks): ks.forEach(visit)
            default: break
            }
        }
        collect(SpecSchema.root)

        func member(_ name: String) -> String {
            let words = name.split(separator: "-")
            let joined = words.enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst() }
                .joined()
            return ["class", "public", "default", "internal", "private", "import"].contains(joined) ? "`\(joined)`" : joined
        }
        func accessor(_ field: FieldSchema, isStatic: Bool) -> String? {
            guard field.name.first?.isLetter == true else { return nil }  // `$schema`
            let base = isStatic ? "\"\(field.name)\"" : "base + \".\(field.name)\""
            let (type, body): (String, String) =
                switch field.kind {
                case .object(let o): ("FieldPath.\(typeName(o))", "FieldPath.\(typeName(o))(base: \(base))")
                case .array(.object(let o)): ("FieldPath.Objects<FieldPath.\(typeName(o))>", "FieldPath.Objects(base: \(base))")
                case .array: ("FieldPath.Scalars", "FieldPath.Scalars(base: \(base))")
                case .map: ("FieldPath.Entries", "FieldPath.Entries(base: \(base))")
                default: ("FieldPath", "FieldPath(\(base))")
                }
            return "    public \(isStatic ? "static " : "")var \(member(field.name)): \(type) { \(body) }"
        }

        var out = """
            // Generated from SpecSchema by `swift run dbspec-dev generate`; do not edit.

            extension FieldPath {

            """
        for field in SpecSchema.root.fields { if let a = accessor(field, isStatic: true) { out += a + "\n" } }
        out += "}\n"
        for (name, object) in types where name != "Spec" {
            out += """

                extension FieldPath {
                    /// \(object.summary)
                    public struct \(name): FieldPathNode {
                        let base: String
                        public init(base: String) { self.base = base }
                        /// The object itself.
                        public var path: FieldPath { FieldPath(base) }

                """
            for field in object.fields {
                if let a = accessor(field, isStatic: false) { out += "    " + a + "\n" }
            }
            out += "    }\n}\n"
        }
        return out
    }
}
