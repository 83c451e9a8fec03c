import DBSpecModel

/// DB201: a KMS key is given but encryption at rest is off.
struct KMSKeyWithoutEncryptionRule: Rule {
    static let description = RuleDescription(
        code: "DB201", severity: .error,
        summary: "A KMS key is set but encryption at rest is turned off",
        explanation: """
            RDS uses `KmsKeyId` only for encrypted storage; with `StorageEncrypted: false` CloudFormation \
            rejects the pair (cfn-lint E3720). A key next to `atRest: false` is a contradiction: either \
            encrypt, or drop the key.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html (KmsKeyId: needs StorageEncrypted)",
        "cfn-lint: src/cfnlint/data/schemas/extensions/aws_rds_dbinstance/kmskey_storageencrypted.json (cfn-lint E3720)",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [Example.spec(encryption: "encryption: { atRest: false, kmsKey: ↓create }")],
            nonTriggering: [Example.spec(encryption: "encryption: { atRest: false }"), Example.spec()]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        let encryption = context.spec.database.encryption
        guard !encryption.atRest.value, let key = encryption.kmsKey else { return }
        sink.report(
            "`kmsKey` is set but encryption at rest is turned off", at: key.range,
            help: "remove `atRest: false` to encrypt, or remove `kmsKey`", path: .database.encryption.kmsKey)
    }
}
