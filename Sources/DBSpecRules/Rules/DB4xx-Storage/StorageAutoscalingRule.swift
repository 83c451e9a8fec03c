import DBSpecModel

/// DB406: a storage autoscaling limit that is not above the allocated storage.
struct StorageAutoscalingRule: Rule {
    static let description = RuleDescription(
        code: "DB406", severity: .error,
        summary: "The storage autoscaling limit is not above the allocated storage",
        explanation: """
            `maxSize` turns on storage autoscaling up to that many GiB. RDS refuses a limit that is \
            not larger than the allocated storage, and one less than 10% above it ("the maximum \
            allocated storage must be increased by at least 10 percent"). Magnetic storage cannot \
            autoscale at all.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIOPS.Autoscaling.html",
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html (MaxAllocatedStorage)",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(database: ["storage: { size: 100, maxSize: ↓100 }"]),
                Example.spec(database: ["storage: { size: 100, type: standard, maxSize: ↓200 }"]),
            ],
            nonTriggering: [Example.spec(database: ["storage: { size: 100, maxSize: 500 }"])]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        guard let storage = context.spec.database.instanceStorage else { return }
        guard let max = storage.maxSize else { return }
        if storage.type.value == .standard {
            sink.report(
                "magnetic (standard) storage cannot autoscale", at: max.range,
                help: "remove `maxSize`, or use gp3", path: .database.storage.maxSize)
            return
        }
        let least = (storage.size.value * 11 + 9) / 10
        if max.value < least {
            sink.report(
                "`maxSize` of \(max.value) GiB must be at least 10% above the allocated \(storage.size.value) GiB",
                at: max.range, help: "use \(least) GiB or more, or remove `maxSize` to turn autoscaling off",
                path: .database.storage.maxSize)
        }
    }
}
