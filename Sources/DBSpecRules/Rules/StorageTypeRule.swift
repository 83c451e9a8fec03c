import DBSpecCatalog
import DBSpecModel

/// DB402: an Aurora storage type on an engine that is not Aurora.
struct StorageTypeRule: Rule {
    static let description = RuleDescription(
        code: "DB402", severity: .error,
        summary: "An Aurora storage type on an engine that is not Aurora",
        explanation: """
            `aurora` and `aurora-iopt1` (I/O-Optimized) are the storage types of an Aurora \
            cluster (RDS API Reference, CreateDBCluster StorageType). A DB instance of any other \
            engine takes gp2, gp3, io1, io2 or standard (CreateDBInstance StorageType).
            """
    )

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [Example.spec(database: ["storage: { type: ↓aurora-iopt1 }"])],
            nonTriggering: [
                Example.spec(database: ["storage: { type: gp3 }"]),
                Example.spec(engine: "aurora-mysql", version: "\"8.0.mysql_aurora.3.10.1\"", instanceClass: "db.r6g.large",
                             database: ["storage: { type: aurora-iopt1 }"]),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        let type = context.spec.database.storage.type
        guard type.value.isAurora, let engine = context.engine, !engine.isCluster else { return }
        sink.report("\(type.value.rawValue) is Aurora cluster storage; \(engine.label) takes gp2, gp3, io1, io2 or standard", at: type.range,
                    help: "use gp3", path: "database.storage.type")
    }
}
