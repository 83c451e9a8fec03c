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

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html",
        "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html (MasterUserPassword, ManageMasterUserPassword)",
    ]

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
            sink.report(
                "the master password is written in plaintext", at: password.range,
                help: "write `password: managed` (RDS keeps it in Secrets Manager) or `password: generated`",
                path: .database.credentials.password)
        }
        guard let root = context.root else { return }
        var path: [FieldPath.Step] = []
        scan(root, path: &path, skip: password.range, into: &sink)
    }

    private static let secretWords: [[UInt8]] = ["password", "passwd", "secret", "pwd"].map { Array($0.utf8) }
    private static let modes: [String] = ["managed", "generated"]

    /// Whether `key` contains one of the secret words, ignoring ASCII case; no allocation.
    static func namesSecret(_ key: String) -> Bool {
        var key = key
        return key.withUTF8 { bytes in
            secretWords.contains { word in
                guard bytes.count >= word.count else { return false }
                for i in 0...(bytes.count - word.count) {
                    var k = 0
                    while k < word.count {
                        let b = bytes[i + k]
                        if (b >= 65 && b <= 90 ? b + 32 : b) != word[k] { break }
                        k += 1
                    }
                    if k == word.count { return true }
                }
                return false
            }
        }
    }

    /// Walks the tree; `path` holds the keys and indexes down to `node`, joined only to report.
    private func scan(_ node: Node, path: inout [FieldPath.Step], skip: DBSpecDiagnostics.SourceRange, into sink: inout RuleSink) {
        switch node.kind {
        case .scalar: return
        case .sequence(let items):
            for (i, item) in items.enumerated() where item.scalar == nil {
                path.append(.index(i))
                scan(item, path: &path, skip: skip, into: &sink)
                path.removeLast()
            }
        case .mapping(let entries):
            for entry in entries {
                let key = entry.keyText
                if Self.namesSecret(key), let value = entry.value.scalar,
                    !entry.value.isNull, !Self.modes.contains(value.text), entry.value.range != skip
                {
                    let where_ = FieldPath(walked: path + [.key(key)])
                    sink.report(
                        "`\(key.shortened())` holds what looks like a plaintext secret", at: entry.value.range,
                        help: "keep secrets in Secrets Manager; dbspec manages the master password for you",
                        path: where_)
                }
                if entry.value.scalar == nil {
                    path.append(.key(key))
                    scan(entry.value, path: &path, skip: skip, into: &sink)
                    path.removeLast()
                }
            }
        }
    }
}
