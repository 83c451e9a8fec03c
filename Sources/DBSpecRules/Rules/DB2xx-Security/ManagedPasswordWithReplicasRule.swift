import DBSpecCatalog
import DBSpecModel

/// DB221: an RDS-managed master password on the source of read replicas.
struct ManagedPasswordWithReplicasRule: Rule {
    static let description = RuleDescription(
        code: "DB221", severity: .error,
        summary: "An RDS-managed master password cannot be used on the source of read replicas",
        explanation: """
            RDS does not support "creating a read replica when the source DB or DB cluster manages \
            credentials with Secrets Manager. This applies to all DB engines except RDS for SQL \
            Server" (RDS User Guide, Limitations for Secrets Manager integration with Amazon RDS). \
            `password: managed`, the default, sets `ManageMasterUserPassword`, so the replica fails \
            at deploy time. `password: generated` keeps the password in a Secrets Manager secret that \
            the template generates, which replicas allow. Aurora readers are instances of the \
            cluster, not read replicas, so the rule leaves Aurora alone.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html#rds-secrets-manager-limitations"
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(database: ["credentials: { username: admin, password: ↓managed }"], replicas: ["- name: orders-ro"])
            ],
            nonTriggering: [
                Example.spec(database: ["credentials: { username: admin, password: generated }"], replicas: ["- name: orders-ro"]),
                Example.spec(database: ["credentials: { username: admin, password: managed }"]),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        let password = context.spec.database.credentials.password
        guard password.value == .managed, let first = context.spec.replicas.first,
            context.engine?.family != .sqlserver,
            context.engine?.isCluster != true  // Aurora readers are cluster instances, not replicas
        else { return }
        sink.report(
            "read replica `\(first.name.value)` cannot be created while RDS manages the master password"
                + (password.isExplicit ? "" : " (`password: managed` is the default)"),
            at: password.isExplicit ? password.range : first.name.range,
            help: "set `database.credentials.password: generated`",
            path: .database.credentials.password)
    }
}
