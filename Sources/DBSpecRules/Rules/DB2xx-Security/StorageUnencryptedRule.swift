import DBSpecModel

/// DB203: storage is not encrypted.
struct StorageUnencryptedRule: Rule {
    static let description = RuleDescription(
        code: "DB203", severity: .warning,
        summary: "Storage is not encrypted at rest",
        explanation: """
            `atRest: false` stores the database, its snapshots, backups and replicas unencrypted. \
            Encryption can only be chosen when a database is created: turning it on later means \
            restoring a snapshot copy into a new database. HIPAA, PCI DSS and NIST 800-53 ask for \
            encryption at rest (cdk-nag RDSStorageEncrypted, checkov CKV_AWS_16).
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html",
        "checkov CKV_AWS_16; cdk-nag RDSStorageEncrypted (policy)",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [Example.spec(encryption: "encryption: { atRest: ↓false }")],
            nonTriggering: [Example.spec()]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        let atRest = context.spec.database.encryption.atRest
        guard !atRest.value, atRest.isExplicit else { return }
        sink.report(
            "storage is not encrypted at rest", at: atRest.range,
            help: "remove `atRest: false` and set `kmsKey: create` unless the data is public", path: .database.encryption.atRest)
    }
}
