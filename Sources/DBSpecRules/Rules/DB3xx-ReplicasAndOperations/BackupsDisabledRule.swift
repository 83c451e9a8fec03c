import DBSpecModel

/// DB303: automated backups are turned off.
struct BackupsDisabledRule: Rule {
    static let description = RuleDescription(
        code: "DB303", severity: .warning,
        summary: "Automated backups are turned off",
        explanation: """
            `retentionDays: 0` turns automated backups and point-in-time recovery off: a dropped \
            table or a bad migration cannot be undone, and RDS deletes existing automated backups \
            when the setting changes to 0. It also rules out read replicas (DB304).
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html",
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html (BackupRetentionPeriod)",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [Example.spec(database: ["backup: { retentionDays: ↓0 }"])],
            nonTriggering: [Example.spec(database: ["backup: { retentionDays: 1 }"])]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        let retention = context.spec.database.backup.retentionDays
        // With replicas this is an error, reported by DB304; on Aurora, by DB302.
        guard retention.value == 0, context.spec.replicas.isEmpty, context.engine?.isCluster != true else { return }
        sink.report(
            "automated backups are turned off", at: retention.range,
            help: "keep backups for at least a day; 7 is the default", path: .database.backup.retentionDays)
    }
}
