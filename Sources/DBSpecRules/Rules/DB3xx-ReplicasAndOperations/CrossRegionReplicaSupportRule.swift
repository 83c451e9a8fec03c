import DBSpecCatalog
import DBSpecModel

/// DB327: a cross-Region replica the engine or the network cannot have.
struct CrossRegionReplicaSupportRule: Rule {
    static let description = RuleDescription(
        code: "DB327", severity: .error,
        summary: "A cross-Region replica the network does not allow",
        explanation: """
            Every engine with read replicas has them in other Regions too: MariaDB, SQL Server, \
            MySQL, Oracle and PostgreSQL (RDS User Guide, Creating a read replica in a different AWS \
            Region; SQL Server since 2022, which the API reference's older sentence predates). A \
            replica in another Region needs a VPC, subnets and a security group there: dbspec creates a VPC shaped like \
            the spec's (`network.vpc.cidr`, `azs`, `flowLogs`, `allow`) unless the replica has its own \
            `network`; zone IDs (`zones`) name one Region's zones, so that VPC gets as many, \
            unpinned. When the spec uses an existing VPC, which lives in one Region, the replica \
            must name its own. A same-Region replica shares its source's network, so `network` is \
            only for cross-Region replicas. A network ACL (`network.acl`) admits only the address \
            ranges of the spec; replication between Regions would have to cross it from addresses \
            dbspec cannot know, so the two are not combined.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.XRgn.html",
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.Scenarios.html",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(
                    top: ["network:", "  vpc: { id: vpc-0123456789abcdef0, subnets: [subnet-0123456789abcdef0, subnet-0123456789abcdef1] }"],
                    replicas: ["- name: ↓orders-ro", "  region: us-east-1", "  encryption: { kmsKey: create }"]),
                Example.spec(replicas: ["- name: orders-ro", "  ↓network: { vpc: { cidr: 10.9.0.0/16 } }"]),
                Example.spec(
                    top: ["network:", "  acl: ↓true"],
                    replicas: ["- name: orders-ro", "  region: us-east-1", "  encryption: { kmsKey: create }"]),
                Example.spec(replicas: [
                    "- name: orders-ro", "  region: us-east-1", "  encryption: { kmsKey: create }",
                    "  network: { vpc: { cidr: 10.9.0.0/16 }, acl: ↓true }",
                ]),
            ],
            nonTriggering: [
                Example.spec(replicas: ["- name: orders-ro", "  region: us-east-1", "  encryption: { kmsKey: create }"]),
                Example.spec(
                    engine: "sqlserver-ee", version: "\"16.00.4245.2.v1\"", instanceClass: "db.m5.xlarge",
                    database: ["credentials: { username: dbadmin, password: generated }"],
                    replicas: ["- name: orders-ro", "  region: us-east-1", "  encryption: { kmsKey: create }"]),
                Example.spec(
                    top: ["network:", "  vpc: { id: vpc-0123456789abcdef0, subnets: [subnet-0123456789abcdef0, subnet-0123456789abcdef1] }"],
                    replicas: [
                        "- name: orders-ro", "  region: us-east-1", "  encryption: { kmsKey: create }",
                        "  network: { vpc: { id: vpc-0fedcba9876543210, subnets: [subnet-0fedcba9876543210, subnet-0fedcba9876543211] } }",
                    ]),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        guard let engine = context.engine, !engine.isCluster else { return }
        for (i, replica) in context.spec.replicas.enumerated() {
            guard context.spec.isCrossRegion(replica) else {
                if replica.network != nil {
                    sink.report(
                        "replica `\(replica.name.value)` is in its source's Region and shares its network", at: replica.networkKey ?? replica.range,
                        help: "remove `network`; it is for replicas in another Region", path: .replicas[i].network.path)
                }
                continue
            }
            // The ACL that would stand in the way: the replica's own network's, or the spec's.
            let acl =
                replica.network.flatMap { $0.acl.value ? ($0.acl, FieldPath.replicas[i].network.acl) : nil }
                ?? (context.spec.network.acl.value ? (context.spec.network.acl, .network.acl) : nil)
            if let (flag, path) = acl {
                sink.report(
                    "replica `\(replica.name.value)` replicates across Regions, which a network ACL on the database subnets would block",
                    at: flag.range, help: "remove `acl: true`, or keep the replica in its source's Region", path: path)
                continue
            }
            if replica.network == nil, case .existing = context.spec.network.vpc {
                sink.report(
                    "replica `\(replica.name.value)` in \(context.spec.region(of: replica)) needs a network there; the spec's VPC is in \(context.spec.region.value)",
                    at: replica.name.range,
                    help:
                        "add `network: { vpc: { id: vpc-…, subnets: [subnet-…, subnet-…] } }` to the replica, or `network: { vpc: { cidr: … } }` for a new VPC",
                    path: .replicas[i].network.path)
            }
        }
    }
}
