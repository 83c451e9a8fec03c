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
            help: "use 1, 5, 10, 15, 30 or 60 (nearest: \(nearest)), or 0 to turn it off", path: .database.monitoring.interval)
    }
}
