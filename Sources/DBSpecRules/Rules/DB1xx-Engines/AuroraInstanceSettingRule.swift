import DBSpecCatalog
import DBSpecModel

/// DB106: settings of a standalone instance that an Aurora cluster manages itself.
struct AuroraInstanceSettingRule: Rule {
    static let description = RuleDescription(
        code: "DB106", severity: .error,
        summary: "A setting that Aurora manages at the cluster, written for an Aurora database or reader",
        explanation: """
            An Aurora cluster keeps six copies of its data across three Availability Zones on \
            storage that grows by itself, and its instances share it. The settings of a standalone \
            instance do not apply: "AllocatedStorage … doesn't apply to Amazon Aurora", nor do \
            `Iops`, `StorageType`, `MultiAZ` and `KmsKeyId` on a cluster's instances (RDS API \
            Reference, CreateDBInstance). dbspec refuses them instead of silently dropping them:

            - `database.storage`: Aurora storage is sized by the data (up to 128 TiB); only its type applies, `aurora` or `aurora-iopt1` (I/O-Optimized);
            - `database.multiAz`: availability comes from readers; one under `replicas` takes over when the writer fails;
            - `encryption`, `network`, `source` or `mode` on a reader: readers use the cluster's storage, key and network.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html (Amazon Aurora: settings managed by the DB cluster)",
        "cfn-lint: src/cfnlint/data/schemas/extensions/aws_rds_dbcluster/aurora.json",
    ]

    static var examples: RuleExamples {
        let aurora = (engine: "aurora-mysql", version: "\"8.0.mysql_aurora.3.10.1\"", instanceClass: "db.r6g.large")
        return RuleExamples(
            triggering: [
                Example.spec(
                    engine: aurora.engine, version: aurora.version, instanceClass: aurora.instanceClass,
                    database: ["↓storage: { size: 100 }"]),
                Example.spec(
                    engine: aurora.engine, version: aurora.version, instanceClass: aurora.instanceClass,
                    database: ["multiAz: ↓true"]),
                Example.spec(
                    engine: aurora.engine, version: aurora.version, instanceClass: aurora.instanceClass,
                    database: ["storage: { type: ↓gp3 }"]),
                Example.spec(
                    engine: aurora.engine, version: aurora.version, instanceClass: aurora.instanceClass,
                    replicas: ["- name: orders-reader", "  ↓encryption: { kmsKey: create }"]),
            ],
            nonTriggering: [
                Example.spec(
                    engine: aurora.engine, version: aurora.version, instanceClass: aurora.instanceClass,
                    replicas: ["- name: orders-reader"]),
                Example.spec(database: ["storage: { size: 100 }", "multiAz: true"]),
                Example.spec(
                    engine: aurora.engine, version: aurora.version, instanceClass: aurora.instanceClass,
                    database: ["storage: { type: aurora-iopt1 }"]),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        guard let engine = context.engine, let cluster = context.spec.database.clusterStorage else { return }
        let db = context.spec.database
        if let storage = cluster.written, let written = storage.written {
            // Only the type applies: aurora (standard) or aurora-iopt1 (I/O-Optimized).
            let sized = storage.size.isExplicit || storage.iops != nil || storage.throughput != nil || storage.maxSize != nil
            if sized {
                sink.report(
                    "\(engine.label) storage is sized by the cluster; only `storage.type` applies", at: written,
                    help: "keep at most `storage: { type: aurora-iopt1 }`: Aurora storage grows with the data", path: .database.storage.path)
            } else if storage.type.isExplicit && !storage.type.value.isAurora {
                sink.report(
                    "\(engine.label) storage is `aurora` or `aurora-iopt1`, not \(storage.type.value.rawValue)", at: storage.type.range,
                    help: "write `aurora` (standard) or `aurora-iopt1` (I/O-Optimized)", path: .database.storage.type)
            }
        }
        if db.multiAZ.isExplicit && db.multiAZ.value {
            sink.report(
                "\(engine.label) has no Multi-AZ instances; `multiAz` does not apply", at: db.multiAZ.range,
                help: "remove `multiAz` and add a reader under `replicas`: it takes over when the writer fails",
                path: .database.multiAz)
        }
        for (i, replica) in context.spec.replicas.enumerated() {
            if let encryption = replica.encryption {
                sink.report(
                    "reader `\(replica.name.value)` uses the cluster's storage and key; `encryption` does not apply", at: encryption,
                    help: "remove it; `database.encryption` covers every instance", path: .replicas[i].encryption.path)
            }
            for (key, field, path) in [("source", replica.source, FieldPath.replicas[i].source), ("mode", replica.mode, .replicas[i].mode)] {
                guard let field else { continue }
                sink.report(
                    "reader `\(replica.name.value)` reads the cluster's storage; `\(key)` does not apply", at: field.range,
                    help: "remove `\(key)`", path: path)
            }
            if let network = replica.networkKey, !context.spec.isCrossRegion(replica) {
                sink.report(
                    "reader `\(replica.name.value)` is placed in the cluster's network; `network` does not apply",
                    at: network, help: "remove it; `network` covers every instance", path: .replicas[i].network.path)
            }
        }
    }
}
