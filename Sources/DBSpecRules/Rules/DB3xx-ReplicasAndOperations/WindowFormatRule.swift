import DBSpecModel

/// DB317: a backup or maintenance window is malformed or shorter than 30 minutes.
struct WindowFormatRule: Rule {
    static let description = RuleDescription(
        code: "DB317", severity: .error,
        summary: "A backup or maintenance window is malformed or shorter than 30 minutes",
        explanation: """
            The backup window is daily, `hh24:mi-hh24:mi` in UTC; the maintenance window is weekly, \
            `ddd:hh24:mi-ddd:hh24:mi` with days mon to sun. Both must last at least 30 minutes \
            (RDS API Reference, CreateDBInstance PreferredBackupWindow and PreferredMaintenanceWindow).
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html (PreferredBackupWindow, PreferredMaintenanceWindow)"
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(database: ["backup: { window: ↓\"3:00-4:00\" }"]),
                Example.spec(database: ["maintenanceWindow: ↓\"sun:05:00-sun:05:15\""]),
            ],
            nonTriggering: [
                Example.spec(database: ["backup: { window: \"23:30-00:30\" }", "maintenanceWindow: \"sun:05:00-sun:06:00\""])
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        let db = context.spec.database
        if let text = db.backup.window {
            if let w = Window.daily(text.value) {
                if w.length < 30 {
                    sink.report(
                        "backup window `\(text.value)` lasts \(w.length) minutes, less than 30", at: text.range,
                        help: "make it at least 30 minutes long", path: .database.backup.window)
                }
            } else {
                sink.report(
                    "backup window `\(text.value)` is not in the form hh24:mi-hh24:mi", at: text.range,
                    help: "for example `03:00-04:00` (UTC)", path: .database.backup.window)
            }
        }
        if let text = db.maintenanceWindow {
            if let w = Window.weekly(text.value) {
                if w.length < 30 {
                    sink.report(
                        "maintenance window `\(text.value)` lasts \(w.length) minutes, less than 30", at: text.range,
                        help: "make it at least 30 minutes long", path: .database.maintenanceWindow)
                }
            } else {
                sink.report(
                    "maintenance window `\(text.value)` is not in the form ddd:hh24:mi-ddd:hh24:mi", at: text.range,
                    help: "for example `sun:05:00-sun:06:00` (UTC; days mon to sun)", path: .database.maintenanceWindow)
            }
        }
    }
}
