import DBSpecCatalog
import DBSpecDiagnostics
import DBSpecModel

/// DB313: a replica of a replica that the engine, the version or the chain does not allow.
struct CascadingReplicaRule: Rule {
    static let description = RuleDescription(
        code: "DB313", severity: .error,
        summary: "A replica of a replica the engine or the chain does not allow",
        explanation: """
            `source:` makes a replica replicate another replica instead of the primary (the decoder \
            checks that it names another replica of the spec, without a cycle). RDS for \
            MySQL and MariaDB allow "a series of up to three read replicas in a chain" from the \
            primary (RDS User Guide, Using cascading read replicas); RDS for PostgreSQL allows the \
            same from version 14.1; RDS for Oracle and SQL Server allow no replica of a replica \
            (Requirements and considerations for RDS for Oracle replicas; Read replica limitations \
            with SQL Server). dbspec compiles a replica of a replica in its source's Region only; a cross-Region \
            replica replicates the primary.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_MySQL.Replication.ReadReplicas.html",
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PostgreSQL.Replication.ReadReplicas.html",
    ]

    static var examples: RuleExamples {
        let chain = (1...4).flatMap { i in ["- name: orders-ro-\(i)"] + (i == 1 ? [] : ["  source: orders-ro-\(i - 1)"]) }
        return RuleExamples(
            triggering: [
                Example.spec(replicas: chain.map { $0 == "  source: orders-ro-3" ? "  source: ↓orders-ro-3" : $0 }),
                Example.spec(
                    engine: "postgres", version: "\"13.20\"", instanceClass: "db.t3.micro",
                    replicas: ["- name: orders-ro-1", "- name: orders-ro-2", "  source: ↓orders-ro-1"]),
                Example.spec(
                    engine: "oracle-ee", version: "\"19.0.0.0.ru-2025-07.rur-2025-07.r1\"", instanceClass: "db.m5.large",
                    replicas: ["- name: orders-ro-1", "- name: orders-ro-2", "  source: ↓orders-ro-1"]),
                Example.spec(replicas: [
                    "- name: orders-ro-1", "- name: orders-ro-2", "  source: orders-ro-1", "  region: ↓us-east-1",
                    "  encryption: { kmsKey: create }",
                ]),
            ],
            nonTriggering: [
                Example.spec(replicas: Array(chain.dropLast(2))),
                Example.spec(
                    engine: "postgres", version: "\"16.13\"", instanceClass: "db.t3.micro",
                    replicas: ["- name: orders-ro-2", "  source: orders-ro-1", "- name: orders-ro-1"]),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        let spec = context.spec
        guard let engine = context.engine, !engine.isCluster else { return }  // Aurora readers: DB106
        let levels = spec.levels
        for (i, replica) in spec.replicas.enumerated() {
            guard let source = replica.source else { continue }
            // The decoder has made sure that `source` names another replica, without a cycle.
            let path = FieldPath.replicas[i].source
            if engine.cascadeLevels == 0 {
                sink.report(
                    "\(engine.label) has no replicas of replicas", at: source.range,
                    help: "remove `source`; replicas of \(engine.label) replicate the primary", path: path)
                continue
            }
            if let since = engine.cascadeSince, Suggestions.versionOrder(EngineFacts.versionPrefix(spec.database.version.value), since) {
                sink.report(
                    "replicas of replicas need \(engine.label) \(since) or later, not \(spec.database.version.value)", at: source.range,
                    help: "upgrade to \(since) or later, or remove `source`", path: path)
                continue
            }
            // How far below the primary the replica is.
            let level = levels[i]
            if level > engine.cascadeLevels {
                sink.report(
                    "replica `\(replica.name.value)` would be \(level) levels below the primary; \(engine.label) allows \(engine.cascadeLevels)",
                    at: source.range, help: "replicate a replica higher in the chain, or the primary", path: path)
            } else if spec.isCrossRegion(replica) {
                sink.report(
                    "replica `\(replica.name.value)` is in \(spec.region(of: replica)), its source `\(source.value)` in \(spec.sourceRegion(of: replica))",
                    at: replica.region?.range ?? source.range,
                    help: "put it in its source's Region, or remove `source` to replicate the primary across Regions",
                    path: .replicas[i].region)
            }
        }
    }
}
