import Foundation
import DBSpecCheck
import DBSpecEmitters
import DBSpecJSONSchema

/// Every file of the repository that is derived from code, and how to derive it: the one
/// generator (`swift run dbspec-dev generate`, and `--check` in the test command). Accepting new
/// golden output (templates, diagnostics, verdicts, pictures) is a separate, explicit step
/// (`UPDATE_GOLDEN=1 swift test`): those are results to review, not derivations.
public enum Generated {
    /// A derived file: its path from the repository's root and its content.
    public struct File: Sendable {
        public var path: String
        public var bytes: [UInt8]
    }

    /// What the generator reads from the repository: the rule files (for the registry) and the
    /// current `docs/parity.md` (whose prose around the generated tables is kept).
    public struct Inputs: Sendable {
        public var ruleFiles: [(path: String, text: String)]
        public var parity: String

        public init(ruleFiles: [(path: String, text: String)], parity: String) {
            self.ruleFiles = ruleFiles
            self.parity = parity
        }
    }

    public static func files(_ inputs: Inputs) -> [File] {
        [
            File(path: "Sources/DBSpecModel/FieldPaths.swift", bytes: Array(FieldPathGenerator.source().utf8)),
            File(path: "Sources/DBSpecRules/RuleRegistry.swift", bytes: Array(RegistryGenerator.source(inputs.ruleFiles).utf8)),
            File(path: "docs/rules.md", bytes: Array(DiagnosticCodes.reference().utf8)),
            File(path: "docs/parity.md", bytes: Array(ParityDocument.render(inputs.parity).utf8)),
            File(path: "schemas/dbspec-v1.schema.json", bytes: JSONSchemaGenerator.render()),
            File(path: "schemas/dbspec-config.schema.json", bytes: JSONSchemaGenerator.renderConfiguration()),
        ]
    }
}

/// `RuleRegistry.swift` from the rule files: every `struct NAME: Rule` with its code, in code
/// order, so that a new rule is its file and nothing else to register.
public enum RegistryGenerator {
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// The rules the files declare: (code, type name), in code order.
    public static func rules(_ files: [(path: String, text: String)]) -> [(code: String, type: String)] {
        var out: [(code: String, type: String)] = []
        for (_, text) in files {
            guard let type = declaredRule(text), let code = declaredCode(text) else { continue }
            out.append((code, type))
        }
        return out.sorted { $0.code < $1.code }
    }

    public static func source(_ files: [(path: String, text: String)]) -> String {
        var out = """
            // Generated from Sources/DBSpecRules/Rules by `swift run dbspec-dev generate`; do not edit.

            /// Every rule, in code order.
            public enum RuleRegistry {
                public static let all: [any Rule.Type] = [

            """
        for rule in rules(files) { out += "        \(rule.type).self,\n" }
        out += """
                ]

                /// The rule with `code`, if any.
                public static func rule(code: String) -> (any Rule.Type)? {
                    all.first { $0.description.code == code.uppercased() }
                }
            }

            """
        return out
    }

    /// `struct NAME: Rule` at the start of a line.
    static func declaredRule(_ text: String) -> String? {
        for line in text.split(separator: "\n") where line.hasPrefix("struct ") {
            let rest = line.dropFirst("struct ".count)
            let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            if rest.dropFirst(name.count).hasPrefix(": Rule") { return String(name) }
        }
        return nil
    }

    /// The first `code: "DBnnn"`.
    static func declaredCode(_ text: String) -> String? {
        guard let start = text.range(of: "code: \"DB") else { return nil }
        let digits = text[start.upperBound...].prefix { $0.isNumber }
        return digits.count == 3 ? "DB" + digits : nil
    }
}

extension ParityDocument {
    /// `document` with each generated section (between `<!-- generated: NAME -->` and
    /// `<!-- end generated -->`) replaced by its current text; a section the document lacks is
    /// added at its end, so that `--check` names the file.
    public static func render(_ document: String) -> String {
        var text = document
        for (name, markdown) in sections {
            let begin = "<!-- generated: \(name) -->\n", end = "<!-- end generated -->"
            guard let start = text.range(of: begin), let stop = text.range(of: end, range: start.upperBound..<text.endIndex) else {
                text += "\n" + begin + markdown + end + "\n"
                continue
            }
            text.replaceSubrange(start.upperBound..<stop.lowerBound, with: markdown)
        }
        return text
    }
}
