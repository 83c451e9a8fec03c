import DBSpecDiagnostics
import DBSpecModel

/// DB501: the spec's or a replica's name is not a valid RDS identifier.
struct IdentifierFormatRule: Rule {
    static let description = RuleDescription(
        code: "DB501", severity: .error,
        summary: "A database name is not a valid RDS identifier",
        explanation: """
            The spec's `name` becomes the DB instance identifier, and each replica's `name` its \
            replica's. RDS identifiers have 1 to 63 letters, digits or hyphens, start with a letter, \
            and neither end with a hyphen nor contain two in a row (RDS API Reference, \
            CreateDBInstance DBInstanceIdentifier). Uppercase letters are allowed: RDS stores the \
            identifier in lowercase, and so does dbspec, with a warning (DB168).
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html (DBInstanceIdentifier)"
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(name: "↓orders--db"),
                Example.spec(replicas: ["- name: ↓1-replica"]),
            ],
            nonTriggering: [Example.spec(replicas: ["- name: orders-ro-1"])]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        verify(context.spec.name.value, context.spec.name.range, path: .name, into: &sink)
        for (i, replica) in context.spec.replicas.enumerated() {
            verify(replica.name.value, replica.name.range, path: .replicas[i].name, into: &sink)
        }
    }

    private func verify(_ name: String, _ range: DBSpecDiagnostics.SourceRange, path: FieldPath, into sink: inout RuleSink) {
        let problem: String?
        let chars = Array(name.unicodeScalars)
        if chars.count > 63 {
            problem = "is \(chars.count) characters long, more than 63"
        } else if let first = chars.first, !("a"..."z").contains(first) {
            problem = "does not start with a letter"
        } else if let bad = chars.first(where: { !(("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-") }) {
            problem = "contains `\(bad)`"
        } else if name.hasSuffix("-") {
            problem = "ends with a hyphen"
        } else if name.containsBytes("--") {
            problem = "contains two hyphens in a row"
        } else {
            problem = nil
        }
        guard let problem else { return }
        sink.report(
            "name `\(name.shortened())` \(problem)", at: range,
            help: "use 1-63 lowercase letters, digits and single hyphens, starting with a letter", path: path)
    }
}
