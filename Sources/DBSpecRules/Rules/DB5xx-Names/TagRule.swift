import DBSpecDiagnostics
import DBSpecModel

/// DB509: a tag RDS refuses.
struct TagRule: Rule {
    static let description = RuleDescription(
        code: "DB509", severity: .error,
        summary: "A tag RDS refuses",
        explanation: """
            Every resource dbspec writes carries the spec's `tags`. RDS takes a tag key of 1 to 128 \
            Unicode characters and a value of 0 to 256, neither "prefixed with aws: or rds:", made \
            only of "Unicode letters, digits, white-space, '_', '.', ':', '/', '=', '+', '-', '@'" \
            (RDS API Reference, Tag), and at most 50 tags on a resource (RDS User Guide, Tagging \
            Amazon RDS resources); dbspec adds `dbspec:name`, and `Name` on the network \
            resources, so a spec has room for 48 of its own. A character outside the set (`$`, \
            `{`, `%`, `#`, quotes) fails the deployment.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_Tag.html",
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Tagging.html (a resource's tag limit)",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(top: ["tags:", "  ↓aws:team: payments"]),
                Example.spec(top: ["tags:", "  team: ↓\"${account}\""]),
                Example.spec(top: ["tags:", "  ↓" + String(repeating: "k", count: 129) + ": v"]),
            ],
            nonTriggering: [
                Example.spec(top: ["tags:", "  team: payments", "  cost-center: \"4711\"", "  owner: ops@example.com", "  note: \"\""])
            ]
        )
    }

    /// The most tags RDS keeps on a resource, and the keys dbspec adds.
    static let limit = 50
    static let added = ["dbspec:name", "Name"]

    /// RDS's set: `^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$`.
    static func allowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .spaceSeparator, .lineSeparator, .paragraphSeparator, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return "_.:/=+-@".unicodeScalars.contains(scalar)
        }
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        let tags = context.spec.tags
        for tag in tags {
            for isKey in [true, false] {
                let (text, range) = isKey ? (tag.key.value, tag.key.range) : (tag.value.value, tag.value.range)
                let (what, most) = isKey ? ("key", 128) : ("value", 256)
                let path = FieldPath.tags[tag.key.value]
                let count = text.unicodeScalars.count
                if what == "key" && count == 0 {
                    sink.report("a tag key is empty", at: range, help: "give the tag a name of 1 to 128 characters", path: path)
                } else if count > most {
                    sink.report(
                        "tag \(what) `\(text.shortened())` has \(count) characters; RDS takes at most \(most)", at: range,
                        help: "shorten it to \(most) characters", path: path)
                } else if let prefix = ["aws:", "rds:"].first(where: { text.hasPrefix($0) }) {
                    sink.report(
                        "tag \(what) `\(text.shortened())` starts with `\(prefix)`, which AWS reserves", at: range,
                        help: "drop the `\(prefix)` prefix, or use another one such as `team:`", path: path)
                } else if let bad = text.unicodeScalars.first(where: { !Self.allowed($0) }) {
                    sink.report(
                        "tag \(what) `\(text.shortened())` has `\(bad.escaped(asASCII: false))`, which RDS does not take in tags", at: range,
                        help: "use letters, digits, spaces and _ . : / = + - @ only", path: path)
                }
            }
        }
        // Tag keys are unique (a mapping's keys are), so the resource carries them and the
        // added keys the spec does not set itself.
        let addedToo = Self.added.filter { key in !tags.contains { $0.key.value == key } }.count
        let carried = tags.count + addedToo
        if carried > Self.limit, let first = tags.first {
            sink.report(
                "the spec has \(tags.count) tags; with `dbspec:name` and `Name` a resource would carry \(carried), more than RDS's \(Self.limit)",
                at: first.key.range, help: "keep at most \(Self.limit - addedToo) tags", path: .tags.path)
        }
    }
}
