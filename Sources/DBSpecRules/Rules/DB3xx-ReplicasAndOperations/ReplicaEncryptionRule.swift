import DBSpecCatalog
import DBSpecModel

/// DB306: a replica's encryption that differs from its source's.
struct ReplicaEncryptionRule: Rule {
    static let description = RuleDescription(
        code: "DB306", severity: .error,
        summary: "A read replica's encryption that cannot match its source",
        explanation: """
            A read replica is encrypted exactly when its source is: "you can't have an encrypted \
            read replica of an unencrypted DB instance or an unencrypted read replica of an \
            encrypted DB instance" (RDS User Guide, Limitations of Amazon RDS encrypted DB \
            instances). A replica in the source's Region uses the source's KMS key; RDS ignores any \
            other ("If you create an encrypted read replica in the same AWS Region as its source … \
            the KMS key of the source DB instance is used", RDS API Reference, \
            CreateDBInstanceReadReplica KmsKeyId). So `encryption` belongs only on a cross-Region \
            replica of an encrypted source.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html#Overview.Encryption.Limitations",
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html (KmsKeyId)",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(replicas: ["- name: orders-ro", "  ↓encryption: { kmsKey: create }"]),
                Example.spec(
                    encryption: "encryption: { atRest: false }",
                    replicas: ["- name: orders-ro", "  region: us-east-1", "  ↓encryption: { kmsKey: create }"]),
            ],
            nonTriggering: [
                Example.spec(replicas: ["- name: orders-ro"]),
                Example.spec(replicas: ["- name: orders-ro", "  region: us-east-1", "  encryption: { kmsKey: create }"]),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        // Aurora readers have their own finding (DB106).
        guard context.engine?.isCluster != true else { return }
        let encrypted = context.spec.database.encryption.atRest.value
        for (i, replica) in context.spec.replicas.enumerated() {
            guard let encryption = replica.encryption else { continue }
            if !context.spec.isCrossRegion(replica) {
                sink.report(
                    "replica `\(replica.name.value)` is in its source's Region, where RDS encrypts it with the source's key",
                    at: encryption, help: "remove `encryption`; `database.encryption` covers same-Region replicas",
                    path: .replicas[i].encryption.path)
            } else if !encrypted {
                sink.report(
                    "replica `\(replica.name.value)` cannot be encrypted: its source is not (`atRest: false`)", at: encryption,
                    help: "remove `encryption`, or encrypt the source with `database.encryption.kmsKey`",
                    path: .replicas[i].encryption.path)
            }
        }
    }
}
