import DBSpecModel

/// DB318: the backup window overlaps the maintenance window.
struct WindowOverlapRule: Rule {
    static let description = RuleDescription(
        code: "DB318", severity: .error,
        summary: "The backup window overlaps the maintenance window",
        explanation: """
            "The backup window can't overlap with the weekly maintenance window" (RDS User Guide, \
            Working with backups); CreateDBInstance refuses the pair. The daily backup window is \
            compared with the maintenance window on every day of the week.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html#USER_WorkingWithAutomatedBackups.BackupWindow"
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(database: ["backup: { window: \"05:30-06:30\" }", "maintenanceWindow: ↓\"sun:05:00-sun:06:00\""])
            ],
            nonTriggering: [
                Example.spec(database: ["backup: { window: \"03:00-04:00\" }", "maintenanceWindow: \"sun:05:00-sun:06:00\""])
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        let db = context.spec.database
        guard let b = db.backup.window, let m = db.maintenanceWindow,
            let daily = Window.daily(b.value), let weekly = Window.weekly(m.value),
            daily.length >= 30, weekly.length >= 30, weekly.overlapsDaily(daily)
        else { return }
        sink.report(
            "maintenance window `\(m.value)` overlaps the daily backup window `\(b.value)`", at: m.range,
            help: "move one of them; both are in UTC", path: .database.maintenanceWindow)
    }
}
