import DBSpecCatalog
import DBSpecModel

/// DB114: backtrack on an engine without it.
struct BacktrackRule: Rule {
    static let description = RuleDescription(
        code: "DB114", severity: .error,
        summary: "Backtrack on an engine other than Aurora MySQL",
        explanation: """
            Backtracking rewinds an Aurora cluster in place, without a restore. Only Aurora MySQL \
            has it ("You can't use backtrack with Amazon Aurora PostgreSQL-Compatible Edition", \
            Aurora User Guide, Backtracking an Aurora DB cluster), and the window is at most 72 \
            hours (RDS API Reference, CreateDBCluster BacktrackWindow: 0 to 259,200 seconds). \
            It can only be turned on when the cluster is created.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Managing.Backtrack.html",
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html (BacktrackWindow)",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(
                    engine: "aurora-postgresql", version: "\"16.8\"", instanceClass: "db.r6g.large",
                    database: ["backtrackHours: ↓24"]),
                Example.spec(database: ["backtrackHours: ↓24"]),
            ],
            nonTriggering: [
                Example.spec(
                    engine: "aurora-mysql", version: "\"8.0.mysql_aurora.3.10.1\"", instanceClass: "db.r6g.large",
                    database: ["backtrackHours: 24"]),
                Example.spec(database: ["backtrackHours: 0"]),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        guard let hours = context.spec.database.backtrackHours, hours.value > 0, let engine = context.engine, !engine.supportsBacktrack
        else { return }
        sink.report(
            "\(engine.label) has no backtrack; only Aurora MySQL clusters can be rewound in place", at: hours.range,
            help: "remove `backtrackHours`; point-in-time restore from backups covers the other engines",
            path: .database.backtrackHours)
    }
}
