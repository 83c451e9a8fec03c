import DBSpecDiagnostics
import DBSpecModel

/// DB511: a parameter name no RDS engine has.
struct ParameterNameRule: Rule {
    static let description = RuleDescription(
        code: "DB511", severity: .error,
        summary: "A parameter name no RDS engine has",
        explanation: """
            RDS parameter names are made of letters, digits, `_`, `.` and `-` (`max_connections`, \
            `rds.force_ssl`, `auto_explain.log_min_duration`), and for SQL Server also spaces and \
            parentheses (`max server memory (mb)`): the names `describe-db-parameters` lists for \
            every engine family. A name outside that set is no parameter RDS knows, and some are \
            worse than a failed deployment: `Ref`, `Condition` or `Fn::Sub` as the only key of the \
            parameters map turn it into a CloudFormation intrinsic function, so the template \
            would compute a value instead of naming a parameter.
            """
    )

    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_Parameter.html (ParameterName)",
        "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html",
        "cfn-lint: src/cfnlint/data/AdditionalSpecs (RDS parameter group families)",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(database: ["parameters:", "  ↓Fn::Sub: x"]),
                Example.spec(database: ["parameters:", "  ↓Ref: x"]),
                Example.spec(database: ["parameters:", "  ↓\"max_connections<script>\": \"10\""]),
            ],
            nonTriggering: [
                Example.spec(database: ["parameters:", "  max_connections: \"100\"", "  innodb_print_all_deadlocks: \"1\""]),
                Example.spec(
                    engine: "sqlserver-se", version: "\"16.00.4236.2.v1\"", instanceClass: "db.m6i.xlarge",
                    database: ["licenseModel: license-included", "parameters:", "  \"max server memory (mb)\": \"4096\""]),
            ]
        )
    }

    /// The names CloudFormation reads as intrinsic functions when they are a map's only key.
    static let intrinsics = ["Ref", "Condition"]

    static func isValid(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 255, !intrinsics.contains(name) else { return false }
        return name.utf8.allSatisfy { b in
            (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
                || b == UInt8(ascii: "-") || b == UInt8(ascii: " ") || b == UInt8(ascii: "(") || b == UInt8(ascii: ")")
        }
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        for parameter in context.spec.database.parameters where !Self.isValid(parameter.name.value) {
            let name = parameter.name.value
            let why =
                Self.intrinsics.contains(name) || name.hasPrefix("Fn::")
                ? "which CloudFormation would read as an intrinsic function, not a parameter"
                : "which is no RDS parameter name (letters, digits, _ . - and, for SQL Server, spaces and parentheses)"
            sink.report(
                "parameter `\(name.shortened())`: \(why)", at: parameter.name.range,
                help: "write the engine's parameter name as `describe-db-parameters` lists it", path: .database.parameters[name])
        }
    }
}
