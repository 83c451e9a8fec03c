import DBSpecCatalog
import DBSpecModel

/// DB307: a cross-Region replica of an encrypted source without a key in its Region.
struct CrossRegionReplicaKeyRule: Rule {
    static let description = RuleDescription(
        code: "DB307", severity: .error,
        summary: "A cross-Region replica of an encrypted source without a KMS key in its Region",
        explanation: """
            KMS keys belong to one Region. An encrypted replica in another Region is encrypted with \
            a key of that Region, which must be given: "If you create an encrypted read replica in \
            a different AWS Region, then you must specify a KMS key identifier for the destination \
            AWS Region" (RDS API Reference, CreateDBInstanceReadReplica KmsKeyId). Without one, the \
            deploy fails. `encryption: { kmsKey: create }` on the replica makes a key there; a key \
            ARN must name the replica's Region.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html (KmsKeyId: a key in the destination Region)",
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.XRgn.html",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(replicas: ["- name: ↓orders-ro", "  region: us-east-1"]),
                Example.spec(replicas: [
                    "- name: orders-ro", "  region: us-east-1",
                    "  encryption: { kmsKey: ↓\"arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\" }",
                ]),
            ],
            nonTriggering: [
                Example.spec(replicas: ["- name: orders-ro", "  region: us-east-1", "  encryption: { kmsKey: create }"]),
                Example.spec(replicas: [
                    "- name: orders-ro", "  region: us-east-1",
                    "  encryption: { kmsKey: \"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\" }",
                ]),
                Example.spec(encryption: "encryption: { atRest: false }", replicas: ["- name: orders-ro", "  region: us-east-1"]),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        guard context.engine?.isCluster != true, context.spec.database.encryption.atRest.value else { return }
        for (i, replica) in context.spec.replicas.enumerated() where context.spec.isCrossRegion(replica) {
            let region = context.spec.region(of: replica)
            guard let key = replica.kmsKey else {
                sink.report(
                    "replica `\(replica.name.value)` in \(region) is encrypted, like its source, and needs a KMS key in \(region)",
                    at: replica.name.range, help: "add `encryption: { kmsKey: create }` to the replica, or a key ARN or alias in \(region)",
                    path: .replicas[i].encryption.kmsKey)
                continue
            }
            if let keyRegion = key.value.region, keyRegion != region {
                sink.report(
                    "the key of replica `\(replica.name.value)` is in \(keyRegion), not in the replica's Region \(region)", at: key.range,
                    help: "name a key in \(region), or write `create`", path: .replicas[i].encryption.kmsKey)
            }
        }
    }
}
