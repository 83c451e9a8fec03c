import DBSpecCatalog
import DBSpecModel

/// DB316: an Aurora reader in another Region, which needs a global database.
struct AuroraCrossRegionReaderRule: Rule {
    static let description = RuleDescription(
        code: "DB316", severity: .error,
        summary: "An Aurora reader in another Region",
        explanation: """
            Aurora has no cross-Region read replica instances: "Amazon Aurora doesn't support" \
            CreateDBInstanceReadReplica (RDS API Reference). A reader in another Region is a \
            secondary cluster of an Aurora global database (`AWS::RDS::GlobalCluster`, \
            `aws_rds_global_cluster`), which dbspec does not compile yet. Readers of a spec live in \
            the cluster's Region.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html",
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html (DBClusterIdentifier: an instance joins a cluster in its own Region)",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(
                    engine: "aurora-mysql", version: "\"8.0.mysql_aurora.3.10.1\"", instanceClass: "db.r6g.large",
                    replicas: ["- name: orders-reader", "  region: ↓eu-west-1"])
            ],
            nonTriggering: [
                Example.spec(
                    engine: "aurora-mysql", version: "\"8.0.mysql_aurora.3.10.1\"", instanceClass: "db.r6g.large",
                    replicas: ["- name: orders-reader", "  region: us-west-2"])
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        guard let engine = context.engine, engine.isCluster else { return }
        for (i, replica) in context.spec.replicas.enumerated() where context.spec.isCrossRegion(replica) {
            guard let region = replica.region else { continue }
            sink.report(
                "reader `\(replica.name.value)` is in \(region.value), but an \(engine.label) cluster's readers live in \(context.spec.region.value)",
                at: region.range,
                help: "remove `region`; a reader in another Region needs an Aurora global database, which dbspec does not compile yet",
                path: .replicas[i].region)
        }
    }
}
