import DBSpecCatalog
import DBSpecModel

/// DB305: more read replicas than the engine allows, or replicas of an engine without them.
struct ReplicaLimitRule: Rule {
    static let description = RuleDescription(
        code: "DB305", severity: .error,
        summary: "More read replicas than the engine allows",
        explanation: """
            "Each DB instance can have up to 15 read replicas, except … Oracle – up to five read \
            replicas; SQL Server – up to five read replicas" (RDS API Reference, \
            CreateDBInstanceReadReplica). Only Oracle Enterprise Edition and SQL Server Enterprise \
            Edition have read replicas at all among the commercial engines. With a catalogue from \
            `dbspec catalog import`, a source class whose orderable options say \
            `ReadReplicaCapable: false` for the engine version is refused too.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html",
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html (up to 15 read replicas; Oracle and SQL Server up to 5)",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(
                    engine: "oracle-se2", version: "\"19.0.0.0.ru-2025-07.rur-2025-07.r1\"", instanceClass: "db.m5.large",
                    replicas: ["- ↓name: orders-ro"])
            ],
            nonTriggering: [
                Example.spec(replicas: ["- name: orders-ro-1", "- name: orders-ro-2"])
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        guard let engine = context.engine else { return }
        let replicas = context.spec.replicas
        let db = context.spec.database
        // Per class, from an imported catalogue (ReadReplicaCapable).
        if !replicas.isEmpty, engine.maxReplicas > 0, !engine.isCluster,
            engine.classLacks("readReplica", db.instanceClass.value, version: db.version.value)
        {
            sink.report(
                "\(db.instanceClass.value) cannot be the source of read replicas for \(engine.label) \(db.version.value)",
                at: replicas[0].range, help: "use a larger class for `database.class`", path: .replicas.path)
            return
        }
        guard replicas.count > engine.maxReplicas else { return }
        if engine.maxReplicas == 0 {
            sink.report(
                "read replicas are not supported by \(engine.label)", at: replicas[0].range,
                help: engine.family == .oracle
                    ? "use oracle-ee for replicas"
                    : engine.family == .sqlserver ? "use sqlserver-ee with a Multi-AZ source for replicas" : nil,
                path: .replicas.path)
        } else {
            let extra = replicas[engine.maxReplicas]
            sink.report(
                "this spec has \(replicas.count) read replicas; \(engine.label) allows at most \(engine.maxReplicas) of one source",
                at: extra.range, help: "remove replicas from `\(extra.name.value)` on", path: .replicas[engine.maxReplicas].path)
        }
    }
}
