import DBSpecCatalog
import DBSpecDiagnostics
import DBSpecModel

/// DB503: the master user name is invalid for the engine.
struct MasterUsernameRule: Rule {
    static let description = RuleDescription(
        code: "DB503", severity: .error,
        summary: "The master user name is invalid for the engine",
        explanation: """
            Master user names start with a letter and hold letters, digits and underscores, up to an \
            engine's limit: 16 characters for MySQL and MariaDB, 63 for PostgreSQL, 30 for Oracle, \
            128 for SQL Server (CloudFormation Template Reference, AWS::RDS::DBInstance MasterUsername). \
            `rdsadmin` is taken by RDS itself on every engine.
            """
    )

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(database: ["credentials: { username: ↓application_administrator }"]),
                Example.spec(database: ["credentials: { username: ↓rdsadmin }"]),
            ],
            nonTriggering: [Example.spec(database: ["credentials: { username: app_admin }"])]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        guard let engine = context.engine else { return }
        let username = context.spec.database.credentials.username
        let name = username.value
        var problem = nameShapeProblem(name, maxLength: engine.usernameMaxLength, engineLabel: engine.label)
        if problem == nil && name.lowercased() == "rdsadmin" { problem = "is reserved by RDS" }
        guard let problem else { return }
        sink.report("master user name `\(name.shortened())` \(problem)", at: username.range,
                    help: "for example `app_admin`", path: "database.credentials.username")
    }
}
