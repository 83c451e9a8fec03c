import DBSpecCatalog
import DBSpecModel

/// DB502: an Aurora spec name too long for its writer instance's identifier.
struct ClusterIdentifierLengthRule: Rule {
    static let description = RuleDescription(
        code: "DB502", severity: .error,
        summary: "An Aurora spec's name leaves no room for its writer instance's identifier",
        explanation: """
            An Aurora spec's `name` becomes the cluster identifier, and its writer instance is \
            named `NAME-writer`. Cluster and instance identifiers have at most 63 characters \
            (RDS API Reference, CreateDBCluster DBClusterIdentifier and CreateDBInstance \
            DBInstanceIdentifier), so the name of an Aurora spec has at most 56.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html (DBClusterIdentifier)",
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html (DBInstanceIdentifier)",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(
                    name: "↓orders-" + String(repeating: "a", count: 50), engine: "aurora-mysql",
                    version: "\"8.0.mysql_aurora.3.10.1\"", instanceClass: "db.r6g.large")
            ],
            nonTriggering: [
                Example.spec(
                    name: "orders-" + String(repeating: "a", count: 49), engine: "aurora-mysql",
                    version: "\"8.0.mysql_aurora.3.10.1\"", instanceClass: "db.r6g.large"),
                Example.spec(name: "orders-" + String(repeating: "a", count: 50)),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        guard context.engine?.isCluster == true else { return }
        let name = context.spec.name
        let count = name.value.unicodeScalars.count
        let writer = context.spec.writerIdentifier.unicodeScalars.count
        // Over 63 is DB501's finding.
        guard writer > 63, count <= 63 else { return }
        sink.report(
            "name `\(name.value.shortened())` is \(count) characters; its writer instance `NAME-writer` would have \(writer), more than 63",
            at: name.range, help: "shorten the name to \(63 - (writer - count)) characters or fewer", path: .name)
    }
}
