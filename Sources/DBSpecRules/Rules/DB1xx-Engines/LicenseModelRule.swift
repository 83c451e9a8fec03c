import DBSpecCatalog
import DBSpecDiagnostics
import DBSpecModel

/// DB105: a licence model the engine does not take.
struct LicenseModelRule: Rule {
    static let description = RuleDescription(
        code: "DB105", severity: .error,
        summary: "The licence model is not valid for the engine",
        explanation: """
            Each engine takes its own licence models: MySQL and MariaDB general-public-license, \
            PostgreSQL postgresql-license, SQL Server license-included, Oracle Enterprise Edition \
            bring-your-own-license, Oracle Standard Edition Two license-included or \
            bring-your-own-license (RDS API Reference, CreateDBInstance LicenseModel).
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html (LicenseModel)"
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [Example.spec(database: ["licenseModel: ↓license-included"])],
            nonTriggering: [Example.spec(database: ["licenseModel: general-public-license"]), Example.spec()]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        guard let license = context.spec.database.licenseModel, let engine = context.engine,
            !engine.licenseModels.contains(license.value)
        else { return }
        sink.report(
            "\(engine.label) does not take the licence model `\(license.value)`", at: license.range,
            help: "use " + engine.licenseModels.map { "`\($0)`" }.joined(separator: " or "), path: .database.licenseModel)
    }
}
