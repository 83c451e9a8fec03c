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

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBEngineVersions.html (Status: deprecated)",
        "cfn-lint: src/cfnlint/data/schemas/extensions/aws_rds_dbinstance/engine_version_deprecated.json",
    ]

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
        // Versions that also offer every class the spec names, so that the suggestion does not
        // trade this error for DB104; failing that, the nearest, with what else must change.
        let classes = [db.instanceClass.value] + context.spec.replicas.filter(\.instanceClass.isExplicit).map(\.instanceClass.value)
        let offering = engine.versions.filter { v in classes.allSatisfy { context.catalog.offers($0, engine: engine, version: v) } }
        let near = Suggestions.closestVersions(to: db.version.value, in: offering)
        let help: String
        var replacements: [String] = []
        if !near.isEmpty {
            replacements = near
            help = "use a current version: " + near.joined(separator: ", ")
        } else {
            let nearest = Suggestions.closestVersions(to: db.version.value, in: engine.versions)
            let missing = classes.first { c in !nearest.contains { context.catalog.offers(c, engine: engine, version: $0) } } ?? db.instanceClass.value
            let alternatives =
                nearest.first.map { v in Suggestions.closest(to: missing, in: context.catalog.classes(engine: engine, version: v).sorted()) } ?? []
            help =
                nearest.isEmpty
                ? "choose a version from `aws rds describe-db-engine-versions --engine \(engine.name)`"
                : "change `version` to one of \(nearest.joined(separator: ", ")), and `class` too: none of them offers \(missing)"
                    + (alternatives.isEmpty ? "" : " (try \(alternatives.map { "`\($0)`" }.joined(separator: " or ")))")
        }
        sink.report(
            "version `\(db.version.value)` of \(engine.label) is retired; RDS creates no new databases with it",
            at: db.version.range, help: help, path: .database.version, replacements: replacements)
    }
}
