import DBSpecCatalog
/// Renders a rule's description as Markdown, for `dbspec explain` and the docs.
public enum RuleDocumentation {
    public static func markdown(_ rule: any Rule.Type) -> String {
        let d = rule.description, examples = rule.examples
        var out = "# \(d.code): \(d.summary)\n\nSeverity: \(d.severity.rawValue)\n\n\(d.explanation)\n"
        if let facts = rule.facts(.builtIn) { out += "\n## The catalogue's facts (built-in catalogue of \(Catalog.builtIn.retrieved))\n\n" + facts }
        out += "\n## Sources\n\n" + rule.sources.map { "- \($0)\n" }.joined()
        out += "\n## Triggering examples\n"
        for example in examples.triggering { out += "\n```yaml\n\(strip(example))```\n" }
        out += "\n## Non-triggering examples\n"
        for example in examples.nonTriggering { out += "\n```yaml\n\(strip(example))```\n" }
        return out
    }

    /// The example without its `↓` position markers.
    public static func strip(_ example: String) -> String {
        String(String.UnicodeScalarView(example.unicodeScalars.filter { $0 != "↓" }))
    }
}
