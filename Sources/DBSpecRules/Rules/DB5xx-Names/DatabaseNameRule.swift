import DBSpecCatalog
import DBSpecDiagnostics
import DBSpecModel

/// DB505: an initial database name the engine refuses.
struct DatabaseNameRule: Rule {
    static let description = RuleDescription(
        code: "DB505", severity: .error,
        summary: "The initial database name is invalid for the engine",
        explanation: """
            `dbName` starts with a letter and holds letters, digits and underscores, up to 64 \
            characters on MySQL and MariaDB, 63 on PostgreSQL and 8 on Oracle (the SID). SQL \
            Server creates no database with the instance, so it takes none (RDS API Reference, \
            CreateDBInstance DBName).
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html (DBName)"
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(database: ["dbName: ↓2orders"]),
                Example.spec(
                    engine: "sqlserver-se", version: "\"16.00.4245.2.v1\"", instanceClass: "db.m5.large",
                    database: ["credentials: { username: dbadmin }", "dbName: ↓orders"]),
            ],
            nonTriggering: [Example.spec(database: ["dbName: orders_app"])]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        guard let name = context.spec.database.dbName, let engine = context.engine else { return }
        let value = name.value
        let max = engine.databaseNameMaxLength
        let problem: String?
        if max == 0 {
            problem = "\(engine.label) creates no database with the instance"
        } else {
            problem = nameShapeProblem(value, maxLength: max, engineLabel: engine.label).map { "`\(value.shortened())` \($0)" }
        }
        guard let problem else { return }
        sink.report(
            max == 0 ? problem : "invalid database name: \(problem)", at: name.range,
            help: max == 0 ? "remove `dbName` and create databases after connecting" : "for example `orders_app`",
            path: .database.dbName)
    }
}
