import DBSpecCatalog
import DBSpecModel

/// DB403: provisioned IOPS missing, on the wrong storage type, or out of ratio.
struct ProvisionedIopsRule: Rule {
    static let description = RuleDescription(
        code: "DB403", severity: .error,
        summary: "Provisioned IOPS are missing, misplaced or out of ratio to the storage size",
        explanation: """
            io1 and io2 storage need `iops`, from 1,000 and "a multiple between .5 and 50 of the \
            storage amount" (between 1 and 50 for SQL Server): 100 GiB takes 1,000 to 5,000 IOPS. \
            gp2 and magnetic storage take no `iops` at all. Source: RDS API Reference, \
            CreateDBInstance Iops and StorageType. gp3 IOPS are checked by DB404.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html (Iops)",
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Storage.html#USER_PIOPS",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(database: ["storage: { size: 100, type: ↓io1 }"]),
                Example.spec(database: ["storage: { size: 100, type: io2, iops: ↓6000 }"]),
                Example.spec(database: ["storage: { size: 100, type: gp2, iops: ↓1000 }"]),
            ],
            nonTriggering: [
                Example.spec(database: ["storage: { size: 100, type: io2, iops: 5000 }"]),
                Example.spec(database: ["storage: { size: 100, type: gp2 }"]),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        guard let storage = context.spec.database.instanceStorage else { return }
        guard let engine = context.engine else { return }
        let type = storage.type.value
        switch type {
        case .io1, .io2:
            guard let limits = engine.storage(type.rawValue) else { return }
            guard let iops = storage.iops else {
                sink.report(
                    "\(type.rawValue) storage needs `iops`", at: storage.type.range,
                    help: "add `iops:`, for example \(max(1000, storage.size.value * 10)) for \(storage.size.value) GiB",
                    path: .database.storage.iops)
                return
            }
            if let range = limits.iops, !range.contains(iops.value) {
                sink.report(
                    "\(iops.value) IOPS is outside \(range.lowerBound) to \(range.upperBound) for \(type.rawValue)",
                    at: iops.range, help: "set `iops` from \(range.lowerBound) to \(range.upperBound)", path: .database.storage.iops)
                return
            }
            if let ratio = limits.iopsPerGiB {
                let perGiB = Double(iops.value) / Double(storage.size.value)
                if !ratio.contains(perGiB) {
                    let lo = Int((ratio.lowerBound * Double(storage.size.value)).rounded(.up))
                    let hi = Int(ratio.upperBound * Double(storage.size.value))
                    sink.report(
                        "\(iops.value) IOPS on \(storage.size.value) GiB is \(format(perGiB)) IOPS per GiB; \(engine.label) allows \(format(ratio.lowerBound)) to \(format(ratio.upperBound))",
                        at: iops.range, help: "use \(max(lo, 1000)) to \(hi) IOPS, or change the size", path: .database.storage.iops)
                }
            }
        case .gp2, .standard:
            if let iops = storage.iops {
                sink.report(
                    "\(type.rawValue) storage takes no provisioned IOPS", at: iops.range,
                    help: "remove `iops`, or use io1, io2 or gp3", path: .database.storage.iops)
            }
        case .gp3, .aurora, .auroraIOOptimized:
            break
        }
    }

    private func format(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String((x * 100).rounded() / 100) }
}
