import DBSpecCatalog
import DBSpecModel

/// DB404: gp3 IOPS or throughput that cannot be provisioned.
struct Gp3ProvisioningRule: Rule {
    static let description = RuleDescription(
        code: "DB404", severity: .error,
        summary: "gp3 IOPS or throughput cannot be provisioned at this size or value",
        explanation: """
            Below a threshold (400 GiB for MySQL, MariaDB and PostgreSQL, 200 GiB for Oracle) gp3 \
            gives a fixed 3,000 IOPS and 125 MiB/s, and RDS refuses `iops` or `throughput`. From the \
            threshold on, IOPS go from 12,000 to 64,000 and throughput from 500 to 4,000 MiB/s; SQL \
            Server provisions 3,000 to 16,000 IOPS and 125 to 1,000 MiB/s at any size. Throughput \
            may be at most 0.25 MiB/s per IOPS, and IOPS at most 500 per GiB (RDS User Guide, gp3 \
            storage). Setting one of the two above the threshold means setting both.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Storage.html#gp3-storage"
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(database: ["storage: { size: 100, type: gp3, iops: ↓12000 }"]),
                Example.spec(database: ["storage: { size: 400, type: gp3, iops: ↓3000, throughput: 500 }"]),
            ],
            nonTriggering: [
                Example.spec(database: ["storage: { size: 100, type: gp3 }"]),
                Example.spec(database: ["storage: { size: 400, type: gp3, iops: 12000, throughput: 500 }"]),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        guard let storage = context.spec.database.instanceStorage else { return }
        guard storage.type.value == .gp3, let engine = context.engine, let limits = engine.storage("gp3") else { return }
        guard storage.iops != nil || storage.throughput != nil else { return }
        let threshold = limits.provisioningThreshold ?? 0
        if storage.size.value < threshold {
            let at = storage.iops ?? storage.throughput!
            sink.report(
                "gp3 IOPS and throughput can only be provisioned from \(threshold) GiB for \(engine.label); \(storage.size.value) GiB gets \(limits.baselineIops ?? 3000) IOPS and \(limits.baselineThroughput ?? 125) MiB/s",
                at: at.range, help: "remove `iops` and `throughput`, or allocate \(threshold) GiB or more",
                path: storage.iops != nil ? .database.storage.iops : .database.storage.throughput)
            return
        }
        if let iops = storage.iops {
            if let range = limits.iops, !range.contains(iops.value) {
                sink.report(
                    "\(iops.value) gp3 IOPS is outside \(range.lowerBound) to \(range.upperBound) for \(engine.label)",
                    at: iops.range, help: "set `iops` from \(range.lowerBound) to \(range.upperBound), or remove it for the baseline",
                    path: .database.storage.iops)
            } else if let perGiB = limits.maxIopsPerGiB, Double(iops.value) > perGiB * Double(storage.size.value) {
                sink.report(
                    "\(iops.value) gp3 IOPS is more than \(Int(perGiB)) per GiB of \(storage.size.value) GiB",
                    at: iops.range,
                    help:
                        "lower `iops` to \(Int(perGiB * Double(storage.size.value))) or less, or raise `size` to \(Int((Double(iops.value) / perGiB).rounded(.up))) GiB or more",
                    path: .database.storage.iops)
            }
        }
        if let throughput = storage.throughput {
            if let range = limits.throughput, !range.contains(throughput.value) {
                sink.report(
                    "\(throughput.value) MiB/s of gp3 throughput is outside \(range.lowerBound) to \(range.upperBound) for \(engine.label)",
                    at: throughput.range, help: "set `throughput` from \(range.lowerBound) to \(range.upperBound), or remove it for the baseline",
                    path: .database.storage.throughput)
            } else if let iops = storage.iops, let ratio = limits.maxThroughputPerIops,
                Double(throughput.value) > ratio * Double(iops.value)
            {
                let needed = Int((Double(throughput.value) / ratio).rounded(.up))
                sink.report(
                    "\(throughput.value) MiB/s needs at least \(needed) IOPS (0.25 MiB/s per IOPS at most)",
                    at: throughput.range,
                    help: "raise `iops` to \(needed) or more, or lower `throughput` to \(Int(ratio * Double(iops.value))) or less",
                    path: .database.storage.throughput)
            }
        }
    }
}
