import DBSpecModel

/// DB206: the database is publicly accessible.
struct PublicAccessRule: Rule {
    static let description = RuleDescription(
        code: "DB206", severity: .warning,
        summary: "The database is publicly accessible",
        explanation: """
            `network.public: true` gives the database a public DNS name that resolves to a public \
            address, so only the security group stands between it and the internet. Reach private \
            databases through the VPC, a VPN or AWS PrivateLink instead (checkov CKV_AWS_17, cdk-nag \
            RDSInstancePublicAccess).
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding",
        "checkov CKV_AWS_17; cdk-nag RDSInstancePublicAccess (policy)",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(top: [
                    "network:", "  vpc: { id: vpc-0123456789abcdef0, subnets: [subnet-0123456789abcdef0, subnet-1123456789abcdef0] }",
                    "  public: ↓true",
                ])
            ],
            nonTriggering: [Example.spec()]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        let isPublic = context.spec.network.isPublic
        guard isPublic.value else { return }
        sink.report(
            "the database is reachable from the internet", at: isPublic.range,
            help: "remove `public: true` unless clients outside the VPC must connect; `allow` still limits who can",
            path: .network.public)
    }
}
