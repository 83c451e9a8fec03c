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
            128 for SQL Server (CloudFormation Template Reference, AWS::RDS::DBInstance MasterUsername), \
            and "can't be a reserved word for the chosen database engine" (same page). `rdsadmin` is \
            taken by RDS itself on every engine. PostgreSQL and Aurora PostgreSQL refuse `admin` \
            ("MasterUsername admin cannot be used as it is a reserved word used by the engine"; the \
            console's default there is `postgres`, RDS User Guide, Understanding PostgreSQL roles and \
            permissions), and names that start with `pg_` (PostgreSQL reserves the prefix for its \
            own roles) or `rds_` (RDS's roles: rds_superuser, rds_replication…). Oracle's own \
            accounts `SYS` and `SYSTEM` cannot be the master user.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html (MasterUsername)",
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Appendix.PostgreSQL.CommonDBATasks.Roles.html",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(database: ["credentials: { username: ↓application_administrator }"]),
                Example.spec(database: ["credentials: { username: ↓rdsadmin }"]),
                Example.spec(engine: "postgres", version: "\"16.13\"", database: ["credentials: { username: ↓admin }"]),
                Example.spec(engine: "postgres", version: "\"16.13\"", database: ["credentials: { username: ↓pg_admin }"]),
            ],
            nonTriggering: [Example.spec(database: ["credentials: { username: app_admin }"])]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        guard let engine = context.engine else { return }
        let username = context.spec.database.credentials.username
        let name = username.value
        var problem = nameShapeProblem(name, maxLength: engine.usernameMaxLength, engineLabel: engine.label)
        if problem == nil { problem = Self.reserved(name.lowercased(), family: engine.family) }
        guard let problem else { return }
        sink.report(
            "master user name `\(name.shortened())` \(problem)", at: username.range,
            help: "for example `app_admin`", path: .database.credentials.username)
    }

    /// Why `name` (lowercased) is reserved on an engine family, or nil.
    static func reserved(_ name: String, family: EngineFamily) -> String? {
        if name == "rdsadmin" { return "is reserved by RDS" }
        switch family {
        case .postgres, .auroraPostgreSQL:
            if name == "admin" { return "is a reserved word of \(family == .postgres ? "RDS for PostgreSQL" : "Aurora PostgreSQL")" }
            if name.hasPrefix("pg_") { return "starts with `pg_`, which PostgreSQL reserves for its own roles" }
            if name.hasPrefix("rds_") { return "starts with `rds_`, which RDS reserves for its own roles" }
        case .oracle:
            if name == "sys" || name == "system" { return "is one of Oracle's own accounts" }
        default: break
        }
        return nil
    }
}
