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
        let chars = Array(name.unicodeScalars)
        let isLetter: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
        var problem: String?
        if let first = chars.first, !isLetter(first) {
            problem = "does not start with a letter"
        } else if let bad = chars.first(where: { !(isLetter($0) || ("0"..."9").contains($0) || $0 == "_") }) {
            problem = "contains `\(bad)`; only letters, digits and underscores are allowed"
        } else if chars.count > engine.usernameMaxLength {
            problem = "is \(chars.count) characters long; \(engine.label) allows at most \(engine.usernameMaxLength)"
        } else if name.lowercased() == "rdsadmin" {
            problem = "is reserved by RDS"
        }
        guard let problem else { return }
        sink.report("master user name `\(name.shortened())` \(problem)", at: username.range,
                    help: "for example `app_admin`", path: "database.credentials.username")
    }
}
