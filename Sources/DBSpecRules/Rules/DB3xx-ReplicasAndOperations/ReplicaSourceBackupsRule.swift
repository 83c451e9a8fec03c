import DBSpecModel

/// DB304: the source of read replicas must keep automated backups.
struct ReplicaSourceBackupsRule: Rule {
    static let description = RuleDescription(
        code: "DB304", severity: .error,
        summary: "The source of read replicas has automated backups turned off",
        explanation: """
            "The specified DB instance must have automatic backups enabled, that is, its backup \
            retention period must be greater than 0" (RDS API Reference, CreateDBInstanceReadReplica). \
            RDS also refuses to set the retention to 0 on an instance that is the source of replicas.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html (the source must have automatic backups)",
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(database: ["backup: { retentionDays: ↓0 }"], replicas: ["- name: orders-ro"])
            ],
            nonTriggering: [
                Example.spec(database: ["backup: { retentionDays: 1 }"], replicas: ["- name: orders-ro"]),
                Example.spec(database: ["backup: { retentionDays: 0 }"]),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        let retention = context.spec.database.backup.retentionDays
        // Aurora readers are not replicas; a cluster without backups is DB302's.
        guard retention.value == 0, let first = context.spec.replicas.first, context.engine?.isCluster != true else { return }
        sink.report(
            "`\(context.spec.name.value)` is the source of replica `\(first.name.value)` but keeps no automated backups",
            at: retention.range, help: "set `backup.retentionDays` to 1 or more (7 is the default)",
            path: .database.backup.retentionDays)
    }
}
