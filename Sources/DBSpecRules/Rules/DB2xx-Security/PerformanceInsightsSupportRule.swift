import DBSpecCatalog
import DBSpecModel

/// DB215: Performance Insights on a class that does not offer it.
struct PerformanceInsightsSupportRule: Rule {
    static let description = RuleDescription(
        code: "DB215", severity: .error,
        summary: "Performance Insights is not available on the instance class",
        explanation: """
            Performance Insights is offered per engine and class: RDS for MySQL and MariaDB do not \
            offer it on db.t2, db.t3 and db.t4g micro and small classes. A catalogue imported with \
            `dbspec catalog import` knows every class's `SupportsPerformanceInsights`. The rule \
            checks the primary and every replica with a class of its own.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.Overview.Engines.html"
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [Example.spec(instanceClass: "↓db.t3.micro", database: ["monitoring: { performanceInsights: {} }"])],
            nonTriggering: [
                Example.spec(instanceClass: "db.t3.medium", database: ["monitoring: { performanceInsights: {} }"]),
                Example.spec(instanceClass: "db.t3.micro"),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        let db = context.spec.database
        guard db.monitoring.performanceInsightsRetention != nil, let engine = context.engine else { return }
        for written in context.writtenClasses where engine.classLacks("performanceInsights", written.value.value, version: db.version.value) {
            sink.report(
                "Performance Insights is not available for \(engine.label) on \(written.value.value)", at: written.value.range,
                help: "use a medium or larger class, or remove `monitoring.performanceInsights`", path: written.path)
        }
    }
}
