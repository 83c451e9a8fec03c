import DBSpecCatalog
import DBSpecDiagnostics
import DBSpecModel

/// DB102: the catalogue does not know the engine version.
struct EngineVersionUnknownRule: Rule {
    static let description = RuleDescription(
        code: "DB102", severity: .error,
        summary: "The engine version does not exist",
        explanation: """
            RDS creates databases only with the versions it offers for an engine \
            (DescribeDBEngineVersions; CreateDBInstance refuses any other with \
            InvalidParameterCombination), so a version the catalogue does not list is an error, with \
            the nearest versions it does list. Versions may be written in full (`8.4.8`) or as a \
            major or major.minor alias (`8.4`, `16`), for which RDS picks the default minor version. \
            A team ahead of the catalogue re-grades the rule in `.dbspec.yaml` \
            (`rules: { DB102: warning }`) or refreshes the catalogue (`dbspec catalog import`). For \
            an engine the catalogue has no version list for (Oracle), the version is not checked \
            and the rule warns once.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html (EngineVersion)",
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBEngineVersions.html",
        "cfn-lint: src/cfnlint/data/schemas/extensions/aws_rds_dbinstance/engine_version.json",
    ]

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
                "version `\(db.version.value)` of \(engine.label) does not exist (catalogue of \(context.catalog.retrieved))",
                at: db.version.range,
                help: (near.isEmpty ? "use a version RDS lists for \(engine.name)" : "did you mean " + near.map { "`\($0)`" }.joined(separator: " or ") + "?")
                    + " If AWS released it after the catalogue, set `rules: { DB102: warning }` in .dbspec.yaml",
                path: .database.version, replacements: near)
        case .untracked:
            sink.report(
                "the catalogue has no version list for \(engine.label); `\(db.version.value)` is not checked",
                at: db.version.range, help: "check the version against `aws rds describe-db-engine-versions --engine \(engine.name)`",
                path: .database.version, severity: .warning)
        case .available, .deprecated:
            break
        }
    }
}
