import DBSpecModel

/// DB407: magnetic storage.
struct MagneticStorageRule: Rule {
    static let description = RuleDescription(
        code: "DB407", severity: .warning,
        summary: "Magnetic (standard) storage is a previous-generation storage type",
        explanation: """
            Magnetic storage is kept for backward compatibility: at most 3 TiB and 1,000 IOPS, no \
            storage autoscaling, and no storage scaling on SQL Server (RDS User Guide, Amazon RDS DB \
            instance storage). gp3 costs less for the same size and performs better.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Storage.html#CHAP_Storage.Magnetic"
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [Example.spec(database: ["storage: { size: 100, type: ↓standard }"])],
            nonTriggering: [Example.spec(database: ["storage: { size: 100, type: gp3 }"])]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        guard let type = context.spec.database.instanceStorage?.type else { return }
        guard type.value == .standard else { return }
        sink.report(
            "magnetic (standard) storage is a previous-generation storage type", at: type.range,
            help: "use gp3", path: .database.storage.type)
    }
}
