import DBSpecCatalog
import DBSpecDiagnostics
import DBSpecModel

/// DB103: the engine version is retired; RDS creates no new databases with it.
struct EngineVersionRetiredRule: Rule {
    static let description = RuleDescription(
        code: "DB103", severity: .error,
        summary: "The engine version is retired and cannot be used for new databases",
        explanation: """
            RDS marks old minor versions deprecated: existing databases keep running until they \
            are upgraded, but CreateDBInstance refuses the version. A spec with a retired version \
            fails at deploy time, twenty minutes in; dbspec refuses it at once and names the \
            nearest versions RDS still offers.
            """
    )

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [Example.spec(version: "↓\"8.0.23\"")],
            nonTriggering: [Example.spec(version: "\"8.4.8\"")]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        let db = context.spec.database
        guard let engine = context.engine,
              context.catalog.versionStatus(engine: engine, version: db.version.value) == .deprecated
        else { return }
        let near = Suggestions.closestVersions(to: db.version.value, in: engine.versions)
        sink.report(
            "version `\(db.version.value)` of \(engine.label) is retired; RDS creates no new databases with it",
            at: db.version.range,
            help: near.isEmpty ? nil : "use a current version: " + near.joined(separator: ", "),
            path: "database.version")
    }
}
