import DBSpecCatalog
import DBSpecModel

/// DB402: an Aurora storage type on an engine that is not Aurora, or on a version without it.
struct StorageTypeRule: Rule {
    static let description = RuleDescription(
        code: "DB402", severity: .error,
        summary: "An Aurora storage type on an engine or version without it",
        explanation: """
            `aurora` and `aurora-iopt1` (I/O-Optimized) are the storage types of an Aurora \
            cluster (RDS API Reference, CreateDBCluster StorageType). A DB instance of any other \
            engine takes gp2, gp3, io1, io2 or standard (CreateDBInstance StorageType). \
            I/O-Optimized needs Aurora MySQL 3.03.1 or later (8.4.7 or later on 8.4) and Aurora \
            PostgreSQL 13.10, 14.7, 15.2, 16.1, 17.4 or later (Aurora User Guide, Supported \
            Regions and Aurora DB engines for cluster storage configurations).
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html (StorageType)",
        "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.Aurora_Fea_Regions_DB-eng.Feature.storage-type.html",
        "cfn-lint: src/cfnlint/data/schemas/extensions/aws_rds_dbcluster/aurora.json",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(database: ["storage: { type: ↓aurora-iopt1 }"]),
                Example.spec(
                    engine: "aurora-postgresql", version: "\"14.6\"", instanceClass: "db.r6g.large",
                    database: ["storage: { type: ↓aurora-iopt1 }"]),
            ],
            nonTriggering: [
                Example.spec(database: ["storage: { type: gp3 }"]),
                Example.spec(
                    engine: "aurora-mysql", version: "\"8.0.mysql_aurora.3.10.1\"", instanceClass: "db.r6g.large",
                    database: ["storage: { type: aurora-iopt1 }"]),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        guard let engine = context.engine else { return }
        switch context.spec.database.storage {
        case .cluster(let storage):
            let version = context.spec.database.version.value
            guard let type = storage.type, type.value == .auroraIOOptimized, let support = engine.supports("ioOptimized", version: version),
                !support.supported
            else { return }
            sink.report(
                "I/O-Optimized storage needs \(engine.label) \(support.since ?? "a later version") or later; this is \(version)",
                at: type.range,
                help: "use `type: aurora` (Aurora Standard), or a version from " + engine.firstVersions(of: "ioOptimized").joined(separator: ", ") + " on",
                path: .database.storage.type)
        case .instance(let storage):
            let type = storage.type
            guard type.value.isAurora else { return }
            sink.report(
                "\(type.value.rawValue) is Aurora cluster storage; \(engine.label) takes gp2, gp3, io1, io2 or standard", at: type.range,
                help: "use gp3", path: .database.storage.type)
        }
    }
}
