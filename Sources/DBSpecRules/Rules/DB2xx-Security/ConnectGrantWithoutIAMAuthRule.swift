import DBSpecModel

/// DB224: IAM connect grants without IAM database authentication.
struct ConnectGrantWithoutIAMAuthRule: Rule {
    static let description = RuleDescription(
        code: "DB224", severity: .error,
        summary: "IAM connect grants need IAM database authentication",
        explanation: """
            `iam.connect` grants roles `rds-db:connect`, which only works when the database accepts \
            IAM authentication tokens: `database.iamAuth: true`. Without it the policy is created \
            and every connection with a token fails.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.IAMPolicy.html",
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.Enabling.html",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [Example.spec(top: ["iam:", "  connect:", "    - ↓user: app", "      roles: [\"arn:aws:iam::123456789012:role/app\"]"])],
            nonTriggering: [
                Example.spec(
                    database: ["iamAuth: true"],
                    top: ["iam:", "  connect:", "    - user: app", "      roles: [\"arn:aws:iam::123456789012:role/app\"]"])
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        guard !context.spec.database.iamAuth.value, let first = context.spec.connectGrants.first else { return }
        sink.report(
            "`iam.connect` grants connections as `\(first.user.value)`, but IAM database authentication is off",
            at: first.range, help: "set `database.iamAuth: true`", path: .iam.connect.path)
    }
}
