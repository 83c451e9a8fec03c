import DBSpecCatalog
import DBSpecDiagnostics
import DBSpecModel

/// DB102: the catalogue does not know the engine version.
struct EngineVersionUnknownRule: Rule {
    static let description = RuleDescription(
        code: "DB102", severity: .warning,
        summary: "The engine version is not in dbspec's catalogue",
        explanation: """
            RDS creates databases only with the versions it offers for an engine. A version the \
            catalogue does not know is either newer than the catalogue's data or a typo; dbspec \
            cannot tell which, so it warns instead of refusing. Versions may be written in full \
            (`8.4.8`) or as a major or major.minor alias (`8.0`, `16`), for which RDS picks the \
            default minor version.
            """
    )

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [Example.spec(version: "↓\"8.0.99\"")],
            nonTriggering: [Example.spec(version: "\"8.4.8\""), Example.spec(version: "\"8.0\"")]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        let db = context.spec.database
        guard let engine = context.engine else { return }
        let status = context.catalog.versionStatus(engine: engine, version: db.version.value)
        switch status {
        case .unknown:
            let near = Suggestions.closestVersions(to: db.version.value, in: engine.versions)
            sink.report(
                "version `\(db.version.value)` of \(engine.label) is not in the catalogue (data of \(context.catalog.retrieved))",
                at: db.version.range,
                help: (near.isEmpty ? "" : "known versions near it: " + near.joined(separator: ", ") + "; ")
                    + "if AWS offers it since, refresh the catalogue",
                path: "database.version")
        case .untracked:
            sink.report(
                "the catalogue has no version list for \(engine.label); `\(db.version.value)` is not checked",
                at: db.version.range, help: "check the version against `aws rds describe-db-engine-versions --engine \(engine.name)`",
                path: "database.version")
        case .available, .deprecated:
            break
        }
    }
}
