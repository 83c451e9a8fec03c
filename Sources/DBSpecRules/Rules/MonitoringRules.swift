import DBSpecCatalog
import DBSpecDiagnostics
import DBSpecModel

/// DB322: an Enhanced Monitoring interval RDS does not offer.
struct MonitoringIntervalRule: Rule {
    static let description = RuleDescription(
        code: "DB322", severity: .error,
        summary: "The Enhanced Monitoring interval is not one RDS offers",
        explanation: """
            `MonitoringInterval` takes 0 (off), 1, 5, 10, 15, 30 or 60 seconds (RDS API Reference, \
            CreateDBInstance MonitoringInterval); any other value fails at deploy time. checkov only \
            checks that monitoring is on.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html (MonitoringInterval, MonitoringRoleArn)"
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [Example.spec(database: ["monitoring: { interval: ↓20 }"])],
            nonTriggering: [Example.spec(database: ["monitoring: { interval: 15 }"]), Example.spec()]
        )
    }

    // A list, not a Set: one fewer generic type for the runtime to make at start-up.
    static let allowed: [Int] = [0, 1, 5, 10, 15, 30, 60]

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        let interval = context.spec.database.monitoring.interval
        guard !Self.allowed.contains(interval.value) else { return }
        let nearest = Self.allowed.min { abs($0 - interval.value) < abs($1 - interval.value) } ?? 60
        sink.report(
            "Enhanced Monitoring cannot sample every \(interval.value) seconds", at: interval.range,
            help: "use 1, 5, 10, 15, 30 or 60 (nearest: \(nearest)), or 0 to turn it off", path: "database.monitoring.interval")
    }
}

/// DB214: a Performance Insights retention RDS does not offer.
struct PerformanceInsightsRetentionRule: Rule {
    static let description = RuleDescription(
        code: "DB214", severity: .error,
        summary: "The Performance Insights retention is not one RDS offers",
        explanation: """
            Performance Insights keeps data for 7 days (free), for a whole number of months written \
            as 31 times the months (31, 62, … 713), or for 731 days; anything else, such as 30 or \
            94, is refused (RDS API Reference, PerformanceInsightsRetentionPeriod).
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html (PerformanceInsightsRetentionPeriod)"
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [Example.spec(instanceClass: "db.t3.medium", database: ["monitoring: { performanceInsights: { retentionDays: ↓30 } }"])],
            nonTriggering: [
                Example.spec(instanceClass: "db.t3.medium", database: ["monitoring: { performanceInsights: { retentionDays: 62 } }"]),
                Example.spec(instanceClass: "db.t3.medium", database: ["monitoring: { performanceInsights: {} }"]),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        guard let days = context.spec.database.monitoring.performanceInsightsRetention else { return }
        let d = days.value
        guard !(d == 7 || d == 731 || (d % 31 == 0 && (31...713).contains(d))) else { return }
        let months = max(1, min(23, Int((Double(d) / 31).rounded())))
        sink.report(
            "Performance Insights cannot keep data for \(d) days", at: days.range,
            help: "use 7, \(months * 31) (\(months) month\(months == 1 ? "" : "s")) or 731",
            path: "database.monitoring.performanceInsights.retentionDays")
    }
}

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
            sink.report(
                "\(engine.label) has no `\(log.value.shortened())` log to export", at: log.range,
                help: Suggestions.didYouMean(log.value, in: engine.logTypes) ?? "it exports " + engine.logTypes.joined(separator: ", "),
                path: "database.monitoring.logs[\(i)]")
        }
    }
}
