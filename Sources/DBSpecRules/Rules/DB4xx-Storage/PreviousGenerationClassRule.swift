import DBSpecCatalog
import DBSpecModel

/// DB408: a previous-generation instance class.
struct PreviousGenerationClassRule: Rule {
    static let description = RuleDescription(
        code: "DB408", severity: .warning,
        summary: "The instance class is of a previous generation",
        explanation: """
            Previous-generation classes (db.t2, db.m4, db.r4 and older) cost more for less, are \
            withdrawn for new engine versions one after another, and end up forcing an upgrade at an \
            inconvenient time. cfn-lint reports them as I3100. The rule looks at classes that are \
            otherwise offered; DB104 reports those that are not.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Support.html",
        "cfn-lint I3100 (previous-generation classes)",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [Example.spec(engine: "postgres", version: "\"12.22\"", instanceClass: "↓db.r4.large")],
            nonTriggering: [Example.spec(instanceClass: "db.m6g.large")]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        guard let engine = context.engine else { return }
        let version = context.spec.database.version.value
        for written in context.writtenClasses
        where context.catalog.previousGenerationFamilies.contains(Catalog.family(of: written.value.value))
            && context.catalog.offers(written.value.value, engine: engine, version: version)
        {
            let c = written.value
            sink.report(
                "\(c.value) is a previous-generation class", at: c.range,
                help: "use a current class such as \(Catalog.family(of: c.value).hasPrefix("db.t") ? "db.t4g" : "db.m6g") of the same size",
                path: written.path)
        }
    }
}
