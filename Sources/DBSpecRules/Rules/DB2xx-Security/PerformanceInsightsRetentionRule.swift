import DBSpecCatalog
import DBSpecDiagnostics
import DBSpecModel

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
            path: .database.monitoring.performanceInsights.retentionDays)
    }
}
