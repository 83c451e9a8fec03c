import DBSpecModel

/// DB204: encryption at rest needs an explicit KMS key.
struct KMSKeyRequiredRule: Rule {
    static let description = RuleDescription(
        code: "DB204", severity: .error,
        summary: "Encryption at rest needs a KMS key",
        explanation: """
            Encryption at rest is on by default. Without a key, RDS falls back to the AWS managed key \
            `aws/rds`, which cannot be shared across accounts, rotated on your schedule or restricted by \
            a key policy, and which cross-region replicas and snapshot copies cannot use. Name the key: \
            `create` makes a customer managed key with the database, or give a key ARN or `alias/NAME`. \
            To store data unencrypted, say so with `atRest: false`.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.Keys.html",
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html (KmsKeyId)",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [Example.spec(databaseKey: "↓database:", database: ["multiAz: true"], encryption: nil)],
            nonTriggering: [
                Example.spec(),
                Example.spec(encryption: "encryption: { kmsKey: \"arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\" }"),
                Example.spec(encryption: "encryption: { kmsKey: alias/orders }"),
                Example.spec(encryption: "encryption: { atRest: false }"),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        let encryption = context.spec.database.encryption
        // A pattern, not `== nil`: the comparison would pick Located's Equatable conformance,
        // which the runtime builds at start-up for this one check.
        guard encryption.atRest.value, case .none = encryption.kmsKey else { return }
        sink.report(
            "encryption at rest needs a KMS key", at: encryption.range,
            help: "add `encryption: { kmsKey: create }` (or a key ARN or alias/NAME); `atRest: false` stores data unencrypted",
            path: .database.encryption.kmsKey)
    }
}
