import DBSpecCatalog
import DBSpecDiagnostics
import DBSpecModel

/// DB104: the instance class is not offered for the engine and version.
struct InstanceClassOfferedRule: Rule {
    static let description = RuleDescription(
        code: "DB104", severity: .error,
        summary: "The instance class is not offered for the engine and version",
        explanation: """
            Each engine and version has its own list of instance classes (DescribeOrderableDBInstanceOptions). \
            Previous-generation classes such as `db.t2.micro` are gone for MySQL 8.0 and later, and \
            Aurora-only classes such as `db.serverless` do not exist for RDS for MySQL. The rule checks \
            the primary and every replica (a replica without `class` uses the primary's) and names \
            the nearest classes that are offered. Unlike cfn-lint's E3062, the lists are per engine.
            """
    )

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(instanceClass: "↓db.t2.micro"),
                Example.spec(replicas: ["- name: orders-ro", "  class: ↓db.serverless"]),
            ],
            nonTriggering: [
                Example.spec(instanceClass: "db.t3.micro"),
                Example.spec(instanceClass: "db.t4g.micro", replicas: ["- name: orders-ro", "  class: db.t4g.small"]),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        let db = context.spec.database
        guard let engine = context.engine else { return }
        let version = db.version.value
        func verify(_ instanceClass: Located<String>, path: String, what: String) {
            guard !context.catalog.offers(instanceClass.value, engine: engine, version: version) else { return }
            // Only a miss pays for decoding and sorting the offered classes.
            let offered = context.catalog.classes(engine: engine, version: version)
            guard !offered.isEmpty else { return }
            let near = Suggestions.closest(to: instanceClass.value, in: offered.sorted())
            let family = instanceClass.value.split(separator: ".").prefix(2).joined(separator: ".")
            let siblings = ["db.t3.micro", "db.t4g.micro", "db.m6g.large", "db.r6g.large"].filter { offered.contains($0) }
            let choices = near.isEmpty ? siblings : near
            sink.report(
                "\(instanceClass.value) is not offered for \(engine.label) \(db.version.value)\(what)",
                at: instanceClass.range,
                help: choices.isEmpty ? nil : "try " + choices.map { "`\($0)`" }.joined(separator: " or ")
                    + (near.isEmpty && family.count > 3 ? " (no \(family) class is offered)" : ""),
                path: path)
        }
        verify(db.instanceClass, path: "database.class", what: "")
        for (i, replica) in context.spec.replicas.enumerated() {
            // A replica that inherits the primary's class shares its finding.
            guard replica.instanceClass.isExplicit else { continue }
            verify(replica.instanceClass, path: "replicas[\(i)].class", what: " (replica `\(replica.name.value)`)")
        }
    }
}
