import DBSpecModel

/// DB319: deletion protection is off.
struct DeletionProtectionDisabledRule: Rule {
    static let description = RuleDescription(
        code: "DB319", severity: .warning,
        summary: "Deletion protection is turned off",
        explanation: """
            With deletion protection on, RDS refuses to delete the database until the setting is \
            turned off first, so a stray `terraform destroy`, a stack deletion or a console click \
            cannot remove it. dbspec turns it on by default (checkov CKV_AWS_293, cdk-nag RDS10).
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html (DeletionProtection)",
        "checkov CKV_AWS_293; cdk-nag RDS10 (policy)",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [Example.spec(database: ["deletionProtection: ↓false"])],
            nonTriggering: [Example.spec(), Example.spec(database: ["deletionProtection: true"])]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        let protection = context.spec.database.deletionProtection
        guard !protection.value else { return }
        sink.report(
            "deletion protection is turned off", at: protection.range,
            help: "remove `deletionProtection: false` for any database that holds data worth keeping",
            path: .database.deletionProtection)
    }
}
