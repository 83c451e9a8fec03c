import DBSpecCatalog
import DBSpecModel

/// DB116: a replica mode on an engine without one.
struct ReplicaModeRule: Rule {
    static let description = RuleDescription(
        code: "DB116", severity: .error,
        summary: "A replica mode on an engine other than Oracle",
        explanation: """
            RDS for Oracle replicas run `open-read-only` (Active Data Guard: reads allowed, which \
            needs an Active Data Guard licence) or `mounted` (a standby for disaster recovery, \
            which Enterprise Edition includes) (RDS API Reference, CreateDBInstanceReadReplica \
            ReplicaMode). Other engines have no replica mode; CloudFormation ignores the property \
            there (cfn-lint W3699), so the spec would say something the database does not do.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html (ReplicaMode)",
        "botocore: data/rds/2014-10-31/service-2.json (shape ReplicaMode)",
        "cfn-lint: src/cfnlint/data/schemas/extensions/aws_rds_dbinstance/replicamode_enum.json (cfn-lint W3699)",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [Example.spec(replicas: ["- name: orders-ro", "  mode: ↓mounted"])],
            nonTriggering: [
                Example.spec(
                    engine: "oracle-ee", version: "\"19.0.0.0.ru-2025-07.rur-2025-07.r1\"", instanceClass: "db.m5.large",
                    replicas: ["- name: orders-standby", "  mode: mounted"]),
                Example.spec(replicas: ["- name: orders-ro"]),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        guard let engine = context.engine, engine.family != .oracle else { return }
        for (i, replica) in context.spec.replicas.enumerated() {
            guard let mode = replica.mode else { continue }
            sink.report(
                "\(engine.label) replicas have no mode; `mode` is for Oracle", at: mode.range,
                help: "remove `mode`", path: .replicas[i].mode)
        }
    }
}
