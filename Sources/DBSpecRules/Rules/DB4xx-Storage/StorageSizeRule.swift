import DBSpecCatalog
import DBSpecModel

/// DB401: allocated storage outside what the engine allows for the storage type.
struct StorageSizeRule: Rule {
    static let description = RuleDescription(
        code: "DB401", severity: .error,
        summary: "Allocated storage is outside the engine's limits for the storage type",
        explanation: """
            Allocated storage bounds depend on the engine and the storage type (RDS API Reference, \
            CreateDBInstance AllocatedStorage); the catalogue keeps them per engine and type, and \
            the table below is read from it. `maxSize` must stay within the same maximum.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html (AllocatedStorage per engine and storage type)",
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Storage.html",
    ]

    static func facts(_ catalog: Catalog) -> String? {
        var out = "| engine | storage type | smallest (GiB) | largest (GiB) |\n|---|---|---:|---:|\n"
        for engine in (try? catalog.allEngines()) ?? [] {
            for type in engine.storageTypes {
                guard let limits = engine.storage(type) else { continue }
                out += "| \(engine.name) | \(type) | \(limits.minSize) | \(limits.maxSize) |\n"
            }
        }
        return out
    }

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(database: ["storage: { size: ↓10 }"]),
                Example.spec(database: ["storage: { size: ↓50, type: io1, iops: 1000 }"]),
            ],
            nonTriggering: [
                Example.spec(database: ["storage: { size: 20 }"]),
                Example.spec(database: ["storage: { size: 100, type: io1, iops: 1000 }"]),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        guard let storage = context.spec.database.instanceStorage else { return }
        guard let engine = context.engine, let limits = engine.storage(storage.type.value.rawValue) else { return }
        let type = storage.type.value.rawValue
        if !(limits.minSize...limits.maxSize).contains(storage.size.value) {
            sink.report(
                "\(storage.size.value) GiB of \(type) is outside \(limits.minSize) to \(limits.maxSize) GiB for \(engine.label)",
                at: storage.size.range, help: "choose a size from \(limits.minSize) to \(limits.maxSize) GiB",
                path: .database.storage.size)
        }
        if let max = storage.maxSize, max.value > limits.maxSize {
            sink.report(
                "`maxSize` of \(max.value) GiB is above the \(limits.maxSize) GiB \(engine.label) allows on \(type)",
                at: max.range, help: "use at most \(limits.maxSize)", path: .database.storage.maxSize)
        }
    }
}
