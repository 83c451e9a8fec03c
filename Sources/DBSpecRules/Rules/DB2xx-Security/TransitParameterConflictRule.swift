import DBSpecCatalog
import DBSpecDiagnostics
import DBSpecModel

/// DB223: a parameter that switches off the TLS the spec requires.
struct TransitParameterConflictRule: Rule {
    static let description = RuleDescription(
        code: "DB223", severity: .error,
        summary: "A parameter contradicts the required encryption in transit",
        explanation: """
            With `inTransit: required` (the default) dbspec sets the engine's TLS parameter \
            (`require_secure_transport: 1`, `rds.force_ssl: 1`). A value for the same parameter \
            in `database.parameters` would switch TLS off again while the spec says it is required.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.html (require_secure_transport)",
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html (rds.force_ssl)",
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/SQLServer.Concepts.General.SSL.Using.html (rds.force_ssl)",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [Example.spec(database: ["parameters: { require_secure_transport: ↓\"OFF\" }"])],
            nonTriggering: [
                Example.spec(database: ["parameters: { require_secure_transport: \"ON\" }"]),
                Example.spec(database: ["parameters: { max_connections: \"200\" }"]),
                Example.spec(
                    database: ["parameters: { require_secure_transport: \"OFF\" }"],
                    encryption: "encryption: { kmsKey: create, inTransit: optional }"),
            ]
        )
    }

    /// A boolean parameter's value as RDS and the engine read it: `1`, `ON` and `true` are the
    /// same setting (and `0`, `OFF`, `false`); anything else as written.
    static func boolean(_ value: String) -> String {
        switch value.lowercased() {
        case "1", "on", "true": "1"
        case "0", "off", "false": "0"
        default: value
        }
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        let db = context.spec.database
        guard db.encryption.inTransit.value == .required, let engine = context.engine else { return }
        for p in db.parameters {
            guard let tls = engine.tlsParameters.first(where: { $0.name == p.name.value }),
                Self.boolean(tls.value) != Self.boolean(p.value.value)
            else { continue }
            sink.report(
                "`\(p.name.value)` is `\(p.value.value.shortened())`, but encryption in transit is required",
                at: p.value.range, help: "remove the parameter (dbspec sets it to \(tls.value)), or set `inTransit: optional`",
                path: .database.parameters[p.name.value])
        }
    }
}
