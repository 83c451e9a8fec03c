import DBSpecDiagnostics
import DBSpecModel
import DBSpecSource

/// DB226: spec text that CloudFormation would resolve as a dynamic reference.
struct DynamicReferenceRule: Rule {
    static let description = RuleDescription(
        code: "DB226", severity: .error,
        summary: "Spec text that CloudFormation would read as a dynamic reference",
        explanation: """
            CloudFormation replaces `{{resolve:ssm:NAME}}`, `{{resolve:ssm-secure:NAME}}` and \
            `{{resolve:secretsmanager:…}}` wherever they appear in a template's property values, \
            at deploy time, with the parameter's or secret's value (CloudFormation User Guide, \
            Get values stored in other services using dynamic references). dbspec writes spec \
            text (descriptions, tags, parameter values, names) into templates as it is, so such \
            text would pull another parameter or secret into a readable property: a description \
            or tag that anyone who can read the stack or the database can see. dbspec refuses it \
            anywhere in a spec, keys included; a secret belongs in `password: managed` or \
            `generated`.
            """
    )

    static let sources: [String] = [
        "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html"
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(
                    top: [
                        "network:", "  vpc: { cidr: 10.0.0.0/16, azs: 2 }", "  allow:", "    - cidr: 10.0.0.0/16",
                        "      description: ↓\"apps {{resolve:secretsmanager:prod/db:SecretString:password}}\"",
                    ])
            ],
            nonTriggering: [
                Example.spec(database: ["parameters:", "  init_connect: \"SET @a = '{resolve}'\""]),
                Example.spec(database: ["parameters:", "  init_connect: \"SET @a = '{{ not a reference }}'\""]),
            ]
        )
    }

    /// `{{resolve:` with any case in `resolve` (CloudFormation's own matching is not documented
    /// as case-sensitive; dbspec refuses every spelling).
    static func holdsReference(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let word = Array("resolve".utf8)
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == UInt8(ascii: "{") && bytes[i + 1] == UInt8(ascii: "{") {
                var j = i + 2
                while j < bytes.count && (bytes[j] == UInt8(ascii: " ") || bytes[j] == UInt8(ascii: "\t")) { j += 1 }
                var k = 0
                while k < word.count && j + k < bytes.count && (bytes[j + k] | 0x20) == word[k] { k += 1 }
                if k == word.count && j + k < bytes.count && bytes[j + k] == UInt8(ascii: ":") { return true }
            }
            i += 1
        }
        return false
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        guard let root = context.root else { return }
        // Most specs hold no `{{` at all: one pass over the bytes instead of a walk over every
        // node. (A JSON spec can escape a brace as `\u007b`: then every node is walked.)
        if let bytes = context.bytes, !Self.mayHoldReference(bytes) { return }
        Self.scan(root, into: &sink)
    }

    /// Whether `bytes` hold `{{`, or an escape that could make one.
    static func mayHoldReference(_ bytes: [UInt8]) -> Bool {
        var previous: UInt8 = 0
        for b in bytes {
            if b == UInt8(ascii: "{") && previous == UInt8(ascii: "{") { return true }
            if b == UInt8(ascii: "\\") { return true }
            previous = b
        }
        return false
    }

    private static func scan(_ node: Node, into sink: inout RuleSink) {
        if let text = node.scalar?.text {
            if text.utf8.contains(UInt8(ascii: "{")) && holdsReference(text) {
                sink.report(
                    "`\(text.shortened())` holds a CloudFormation dynamic reference (`{{resolve:`), which the deployment would replace with a secret or parameter",
                    at: node.range, help: "remove the `{{resolve:…}}` text; secrets belong in `password: managed` or `generated`", path: nil)
            }
            return
        }
        if let entries = node.entries {
            for entry in entries {
                scan(entry.key, into: &sink)
                scan(entry.value, into: &sink)
            }
        } else if let items = node.items {
            for item in items { scan(item, into: &sink) }
        }
    }
}
