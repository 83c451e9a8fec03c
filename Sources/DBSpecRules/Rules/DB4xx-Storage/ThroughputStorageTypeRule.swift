import DBSpecModel

/// DB405: throughput on a storage type other than gp3.
struct ThroughputStorageTypeRule: Rule {
    static let description = RuleDescription(
        code: "DB405", severity: .error,
        summary: "Storage throughput is set on a storage type other than gp3",
        explanation: """
            `StorageThroughput` "applies only to the gp3 storage type" (RDS API Reference, \
            CreateDBInstance). io1 and io2 throughput follows from their IOPS.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html (StorageThroughput: gp3 only)"
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [Example.spec(database: ["storage: { size: 100, type: io1, iops: 3000, throughput: ↓500 }"])],
            nonTriggering: [Example.spec(database: ["storage: { size: 100, type: io1, iops: 3000 }"])]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        guard let storage = context.spec.database.instanceStorage else { return }
        guard let throughput = storage.throughput, storage.type.value != .gp3 else { return }
        sink.report(
            "\(storage.type.value.rawValue) storage takes no `throughput`", at: throughput.range,
            help: "remove `throughput`, or use gp3", path: .database.storage.throughput)
    }
}
