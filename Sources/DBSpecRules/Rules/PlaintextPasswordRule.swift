import DBSpecModel
import DBSpecSource
import DBSpecDiagnostics

/// DB211: a password written in the spec.
struct PlaintextPasswordRule: Rule {
    static let description = RuleDescription(
        code: "DB211", severity: .error,
        summary: "A plaintext password is written in the spec",
        explanation: """
            A password in a spec ends up in version control, in CI logs and in the CloudFormation \
            template, where anyone who can read the stack can read it. dbspec never emits one: the \
            master password is kept by RDS in Secrets Manager (`password: managed`, the default) or \
            generated into a Secrets Manager secret (`password: generated`). The rule looks at \
            `credentials.password` and at every other value whose key names a password or secret, \
            tags included. The message never repeats the password.
            """
    )

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(database: ["credentials: { username: admin, password: ↓hunter2hunter2 }"]),
                Example.spec(top: ["tags:", "  db_password: ↓hunter2hunter2"]),
            ],
            nonTriggering: [
                Example.spec(database: ["credentials: { username: admin, password: generated }"]),
                Example.spec(top: ["tags:", "  password-rotation: managed"]),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        let password = context.spec.database.credentials.password
        if case .literal = password.value {
            sink.report("the master password is written in plaintext", at: password.range,
                        help: "write `password: managed` (RDS keeps it in Secrets Manager) or `password: generated`",
                        path: "database.credentials.password")
        }
        guard let root = context.root else { return }
        scan(root, path: "", skip: password.range, into: &sink)
    }

    private static let secretWords = ["password", "passwd", "secret", "pwd"]

    /// Whether `key` contains one of the secret words, ignoring ASCII case.
    static func namesSecret(_ key: String) -> Bool {
        let lower = String(decoding: key.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
        return secretWords.contains { lower.containsBytes($0) }
    }
    private static let modes: Set<String> = ["managed", "generated"]

    private func scan(_ node: Node, path: String, skip: DBSpecDiagnostics.SourceRange, into sink: inout RuleSink) {
        switch node.kind {
        case .scalar: return
        case .sequence(let items):
            for (i, item) in items.enumerated() { scan(item, path: "\(path)[\(i)]", skip: skip, into: &sink) }
        case .mapping(let entries):
            for entry in entries {
                let key = entry.keyText
                let childPath = path.isEmpty ? key : path + "." + key
                if Self.namesSecret(key), let value = entry.value.scalar,
                   !entry.value.isNull, !Self.modes.contains(value.text), entry.value.range != skip {
                    sink.report("`\(key)` holds what looks like a plaintext secret", at: entry.value.range,
                                help: "keep secrets in Secrets Manager; dbspec manages the master password for you",
                                path: childPath)
                }
                scan(entry.value, path: childPath, skip: skip, into: &sink)
            }
        }
    }
}
