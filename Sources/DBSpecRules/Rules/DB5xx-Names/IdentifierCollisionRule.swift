import DBSpecDiagnostics
import DBSpecModel

/// DB508: two databases in the spec have the same identifier.
struct IdentifierCollisionRule: Rule {
    static let description = RuleDescription(
        code: "DB508", severity: .error,
        summary: "Two databases in the spec have the same identifier",
        explanation: """
            The primary takes the spec's `name` as its identifier and each replica its own `name`. \
            Identifiers are unique per account and Region, and RDS stores them in lowercase, so two \
            names that differ only in case collide as well. An Aurora cluster's writer instance is \
            named `NAME-writer`, so no reader may take that name.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html (DBInstanceIdentifier: unique per account and Region, stored in lowercase)"
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(replicas: ["- name: ↓orders"]),
                Example.spec(
                    engine: "aurora-mysql", version: "\"8.0.mysql_aurora.3.10.1\"", instanceClass: "db.r6g.large",
                    replicas: ["- name: ↓orders-writer"]),
            ],
            nonTriggering: [
                Example.spec(replicas: ["- name: orders-ro"]),
                Example.spec(replicas: ["- name: orders-writer"]),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        // Names taken so far and by whom (identifiers are lowercase once decoded): an index
        // (a list made this quadratic) into the owners' descriptions.
        var taken = NameIndex()
        var owners: [String] = []
        func take(_ name: String, by owner: String) -> Bool {
            guard taken.insert(name, at: owners.count) else { return false }
            owners.append(owner)
            return true
        }
        _ = take(context.spec.name.value, by: "the primary (`name`)")
        if context.engine?.isCluster == true {
            // An Aurora cluster's writer instance is `NAME-writer`.
            _ = take(context.spec.writerIdentifier, by: "the cluster's writer instance")
        }
        for (i, replica) in context.spec.replicas.enumerated() where !take(replica.name.value, by: "replica \(i + 1)") {
            let owner = taken[replica.name.value].map { owners[$0] } ?? "another database"
            sink.report(
                "replica name `\(replica.name.value.shortened())` is already used by \(owner)", at: replica.name.range,
                help: "give every database in the spec its own name", path: .replicas[i].name)
        }
    }
}
