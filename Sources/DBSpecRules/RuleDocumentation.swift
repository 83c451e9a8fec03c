/// Renders a rule's description as Markdown, for `dbspec explain` and the docs.
public enum RuleDocumentation {
    public static func markdown(_ rule: any Rule.Type) -> String {
        let d = rule.description, examples = rule.examples
        var out = "# \(d.code): \(d.summary)\n\nSeverity: \(d.severity.rawValue)\n\n\(d.explanation)\n"
        out += "\n## Sources\n\n" + rule.sources.map { "- \($0)\n" }.joined()
        out += "\n## Triggering examples\n"
        for example in examples.triggering { out += "\n```yaml\n\(strip(example))```\n" }
        out += "\n## Non-triggering examples\n"
        for example in examples.nonTriggering { out += "\n```yaml\n\(strip(example))```\n" }
        return out
    }

    /// The rules reference: an index table, then each rule as `markdown(_:)` renders it.
    public static func reference(_ rules: [any Rule.Type]) -> String {
        var out = """
            # dbspec rules

            GENERATED FILE. DO NOT EDIT! Written by `dbspec rules --markdown` from the rules' own
            descriptions; a test fails when it is stale. Codes DB150-DB158 (the file as YAML) and
            DB160-DB168 (the spec's structure) are reported by the reader and the decoder. Every rule
            names its sources; `Tests/DBSpecTests/TruthTable/` holds specs RDS accepts and refuses
            for each, with theirs.

            | code | severity | summary |
            |---|---|---|

            """
        for rule in rules {
            let d = rule.description
            out += "| [\(d.code)](#\(d.code.lowercased())) | \(d.severity.rawValue) | \(d.summary) |\n"
        }
        for rule in rules {
            let d = rule.description
            // Sections one level down, so the page has one title.
            out += "\n<a id=\"\(d.code.lowercased())\"></a>\n\n" + markdown(rule).split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("#") ? "#" + $0 : String($0) }.joined(separator: "\n")
        }
        return out
    }

    /// The example without its `↓` position markers.
    public static func strip(_ example: String) -> String {
        String(String.UnicodeScalarView(example.unicodeScalars.filter { $0 != "↓" }))
    }
}
