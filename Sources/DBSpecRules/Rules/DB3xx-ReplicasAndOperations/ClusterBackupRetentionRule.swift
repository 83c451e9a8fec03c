import DBSpecCatalog
import DBSpecModel

/// DB302: an Aurora cluster with automated backups off, which Aurora does not allow.
struct ClusterBackupRetentionRule: Rule {
    static let description = RuleDescription(
        code: "DB302", severity: .error,
        summary: "An Aurora cluster with `backup.retentionDays: 0`",
        explanation: """
            An Aurora cluster always keeps automated backups: its backup retention period is 1 to \
            35 days (RDS API Reference, CreateDBCluster BackupRetentionPeriod: "Must be a value \
            from 1 to 35"). A standalone instance may turn them off with 0; a cluster may not, and \
            RDS refuses the template.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html (BackupRetentionPeriod: 1 to 35)"
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(
                    engine: "aurora-postgresql", version: "\"16.8\"", instanceClass: "db.r6g.large",
                    database: ["backup: { retentionDays: ↓0 }"])
            ],
            nonTriggering: [
                Example.spec(
                    engine: "aurora-postgresql", version: "\"16.8\"", instanceClass: "db.r6g.large",
                    database: ["backup: { retentionDays: 1 }"])
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        guard let engine = context.engine, engine.isCluster else { return }
        let retention = context.spec.database.backup.retentionDays
        guard retention.value == 0 else { return }
        sink.report(
            "an \(engine.label) cluster keeps automated backups for 1 to 35 days; 0 is refused", at: retention.range,
            help: "set `backup.retentionDays` to 1 or more (7 is the default)", path: .database.backup.retentionDays)
    }
}
