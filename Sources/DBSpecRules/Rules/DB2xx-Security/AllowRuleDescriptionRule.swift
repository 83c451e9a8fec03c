import DBSpecDiagnostics
import DBSpecModel

/// DB225: an allow rule's description that EC2 refuses.
struct AllowRuleDescriptionRule: Rule {
    static let description = RuleDescription(
        code: "DB225", severity: .error,
        summary: "An allow rule's description EC2 refuses",
        explanation: """
            `network.allow[].description` becomes the description of the security group rule \
            (`AWS::EC2::SecurityGroupIngress`, `aws_vpc_security_group_ingress_rule`). EC2 takes \
            "up to 255 characters in length. Allowed characters are a-z, A-Z, 0-9, spaces, and \
            ._-:/()#,@[]+=&;{}!$*" (EC2 API Reference, IpRange and UserIdGroupPair, `Description`). \
            A letter outside ASCII (`é`), a quote, `%`, `?` or a line break fails the deployment \
            when the rule is created, after the rest of the stack or plan has gone ahead.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html (Description)",
        "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_UserIdGroupPair.html (Description)",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(top: ["network:", "  allow:", "    - cidr: 10.0.0.0/16", "      description: ↓Équipe paiements"]),
                Example.spec(top: ["network:", "  allow:", "    - cidr: 10.0.0.0/16", "      description: ↓\"app's servers\""]),
            ],
            nonTriggering: [
                Example.spec(top: [
                    "network:", "  allow:", "    - cidr: 10.0.0.0/16",
                    "      description: \"Payments (prod): app-1, app-2 [eu] #42 & ops@example.com; {x}=$y*!+\"",
                ])
            ]
        )
    }

    /// The most characters EC2 keeps.
    static let limit = 255

    /// EC2's set: a-z, A-Z, 0-9, space and `._-:/()#,@[]+=&;{}!$*`.
    static func allowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: " ._-:/()#,@[]+=&;{}!$*".utf8.contains(byte)
        }
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        verify(context.spec.network.allow, at: { FieldPath.network.allow[$0].description }, into: &sink)
        for (r, replica) in context.spec.replicas.enumerated() {
            guard let network = replica.network else { continue }
            verify(network.allow, at: { FieldPath.replicas[r].network.allow[$0].description }, into: &sink)
        }
    }

    private func verify(_ rules: [AllowRule], at path: (Int) -> FieldPath, into sink: inout RuleSink) {
        for (i, rule) in rules.enumerated() {
            guard let description = rule.description else { continue }
            let text = description.value
            if let bad = text.unicodeScalars.first(where: { !$0.isASCII || !Self.allowed(UInt8($0.value)) }) {
                sink.report(
                    "the description has \(Self.name(bad)), which EC2 does not take in a security group rule", at: description.range,
                    help: "use letters a-z and A-Z, digits, spaces and . _ - : / ( ) # , @ [ ] + = & ; { } ! $ * only",
                    path: path(i))
            } else if text.utf8.count > Self.limit {
                sink.report(
                    "the description is \(text.utf8.count) characters; EC2 keeps at most \(Self.limit)", at: description.range,
                    help: "shorten it to \(Self.limit) characters", path: path(i))
            }
        }
    }

    /// A character as a message shows it: quoted when printable, by code point otherwise.
    static func name(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        if scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.value == 0x7F || scalar == "`"
            || scalar.properties.generalCategory == .format
        {
            return code
        }
        return "`\(scalar)` (\(code))"
    }
}
