import DBSpecCatalog
import DBSpecDiagnostics
import DBSpecModel

/// DB218: the database port open to the whole internet.
struct OpenToTheInternetRule: Rule {
    static let description = RuleDescription(
        code: "DB218", severity: .warning,
        summary: "An allow rule opens the database port to the whole internet",
        explanation: """
            `cidr: 0.0.0.0/0` lets any address reach the database port; only the database's own \
            authentication remains. Databases are found and attacked within minutes of being \
            reachable. Allow the networks of your applications instead (cdk-nag AwsSolutions-RDS8 \
            checks only classic DB security groups).
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.RDSSecurityGroups.html"
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [Example.spec(top: ["network:", "  allow:", "    - cidr: ↓0.0.0.0/0"])],
            nonTriggering: [Example.spec(top: ["network:", "  allow:", "    - cidr: 10.0.0.0/8"])]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        for (i, rule) in context.spec.network.allow.enumerated() {
            guard case .cidr(let cidr) = rule.source.value, cidr.prefix == 0 else { continue }
            sink.report(
                "`\(cidr)` lets every address on the internet reach the database port", at: rule.source.range,
                help: "allow the networks or security groups of the database's clients", path: .network.allow[i].cidr)
        }
    }
}
