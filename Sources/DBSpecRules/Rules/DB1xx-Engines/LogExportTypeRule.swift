import DBSpecCatalog
import DBSpecDiagnostics
import DBSpecModel

/// DB120: a log type the engine cannot export.
struct LogExportTypeRule: Rule {
    static let description = RuleDescription(
        code: "DB120", severity: .error,
        summary: "The engine cannot export this log type",
        explanation: """
            Each engine exports its own logs to CloudWatch Logs: MySQL and MariaDB `audit`, `error`, \
            `general`, `slowquery`; PostgreSQL `postgresql` and `upgrade`; Oracle `alert`, `audit`, \
            `listener`, `trace`, `oemagent`; SQL Server `agent` and `error` (RDS API Reference, \
            EnableCloudwatchLogsExports). Other names fail at deploy time.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html (EnableCloudwatchLogsExports)",
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [Example.spec(database: ["monitoring: { logs: [error, ↓postgresql] }"])],
            nonTriggering: [Example.spec(database: ["monitoring: { logs: [error, slowquery] }"])]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        guard let engine = context.engine else { return }
        for (i, log) in context.spec.database.monitoring.logs.enumerated() where !engine.logTypes.contains(log.value) {
            let near = Suggestions.closest(to: log.value, in: engine.logTypes)
            sink.report(
                "\(engine.label) has no `\(log.value.shortened())` log to export", at: log.range,
                help: Suggestions.didYouMean(near) ?? "it exports " + engine.logTypes.joined(separator: ", "),
                path: .database.monitoring.logs[i], replacements: near)
        }
    }
}
