import DBSpecCatalog
import DBSpecModel

/// DB314: a replica's class is smaller than its source's.
struct ReplicaClassSmallerRule: Rule {
    static let description = RuleDescription(
        code: "DB314", severity: .warning,
        summary: "A read replica's instance class is smaller than its source's",
        explanation: """
            A replica applies every write its source makes. On a smaller class it falls behind under \
            load, and its replication lag grows until it is useless for reads or for failover. AWS \
            recommends "the same or larger DB instance class and storage type as the source" (RDS User \
            Guide, Working with DB instance read replicas). Sizes are compared by vCPUs, then memory.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html (a replica's class and storage)"
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(instanceClass: "db.m6g.large", replicas: ["- name: orders-ro", "  class: ↓db.t4g.micro"])
            ],
            nonTriggering: [
                Example.spec(instanceClass: "db.m6g.large", replicas: ["- name: orders-ro", "  class: db.r6g.large"]),
                Example.spec(replicas: ["- name: orders-ro"]),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        // Replicas without `class` use the source's; only explicit classes can be smaller.
        guard context.spec.replicas.contains(where: { $0.instanceClass.isExplicit }) else { return }
        let source = context.spec.database.instanceClass.value
        guard let sourceSpecs = context.catalog.specs(of: source) else { return }
        for (i, replica) in context.spec.replicas.enumerated() where replica.instanceClass.isExplicit {
            guard let specs = context.catalog.specs(of: replica.instanceClass.value) else { continue }
            let smaller = specs.vcpu < sourceSpecs.vcpu || (specs.vcpu == sourceSpecs.vcpu && specs.memory < sourceSpecs.memory)
            guard smaller else { continue }
            sink.report(
                "replica `\(replica.name.value)` (\(replica.instanceClass.value), \(specs.vcpu) vCPU, \(format(specs.memory)) GiB) is smaller than its source (\(source), \(sourceSpecs.vcpu) vCPU, \(format(sourceSpecs.memory)) GiB)",
                at: replica.instanceClass.range,
                help: "use \(source) or larger, or leave `class` out to use the source's",
                path: .replicas[i].class)
        }
    }

    private func format(_ gib: Double) -> String {
        gib == gib.rounded() ? String(Int(gib)) : String(gib)
    }
}
