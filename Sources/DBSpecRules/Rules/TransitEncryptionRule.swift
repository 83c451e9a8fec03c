import DBSpecCatalog
import DBSpecDiagnostics
import DBSpecModel

/// DB222: required encryption in transit on an engine where dbspec cannot enforce it yet.
struct TransitEncryptionUnsupportedRule: Rule {
    static let description = RuleDescription(
        code: "DB222", severity: .error,
        summary: "Encryption in transit cannot be enforced for this engine yet",
        explanation: """
            dbspec enforces TLS with a parameter: `require_secure_transport` for MySQL and MariaDB, \
            `rds.force_ssl` for PostgreSQL and SQL Server. RDS for Oracle has no such parameter; it \
            needs the SSL option in an option group, on its own port, which dbspec does not build \
            yet. Rather than promise TLS it does not enforce, dbspec refuses the spec; say \
            `inTransit: optional` and configure Oracle's SSL option yourself.
            """
    )

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(engine: "oracle-ee", version: "\"19.0.0.0.ru-2025-07.rur-2025-07.r1\"",
                             instanceClass: "db.m5.large", encryption: "↓encryption: { kmsKey: create }"),
            ],
            nonTriggering: [
                Example.spec(engine: "oracle-ee", version: "\"19.0.0.0.ru-2025-07.rur-2025-07.r1\"", instanceClass: "db.m5.large",
                             encryption: "encryption: { kmsKey: create, inTransit: optional }"),
                Example.spec(),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        let transit = context.spec.database.encryption.inTransit
        // Aurora has its own finding (DB125).
        guard transit.value == .required, let engine = context.engine, engine.tlsParameters.isEmpty, !engine.isCluster else { return }
        sink.report("dbspec cannot enforce encryption in transit for \(engine.label) yet", at: transit.range,
                    help: "set `encryption: { inTransit: optional }` and configure the SSL option in an option group",
                    path: "database.encryption.inTransit")
    }
}

/// DB223: a parameter that switches off the TLS the spec requires.
struct TransitParameterConflictRule: Rule {
    static let description = RuleDescription(
        code: "DB223", severity: .error,
        summary: "A parameter contradicts the required encryption in transit",
        explanation: """
            With `inTransit: required` (the default) dbspec sets the engine's TLS parameter \
            (`require_secure_transport: ON`, `rds.force_ssl: 1`). A value for the same parameter \
            in `database.parameters` would switch TLS off again while the spec says it is required.
            """
    )

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [Example.spec(database: ["parameters: { require_secure_transport: ↓\"OFF\" }"])],
            nonTriggering: [
                Example.spec(database: ["parameters: { max_connections: \"200\" }"]),
                Example.spec(database: ["parameters: { require_secure_transport: \"OFF\" }"],
                             encryption: "encryption: { kmsKey: create, inTransit: optional }"),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        let db = context.spec.database
        guard db.encryption.inTransit.value == .required, let engine = context.engine else { return }
        for p in db.parameters {
            guard let tls = engine.tlsParameters.first(where: { $0.name == p.name.value }), tls.value != p.value.value else { continue }
            sink.report("`\(p.name.value)` is `\(p.value.value.shortened())`, but encryption in transit is required",
                        at: p.value.range, help: "remove the parameter (dbspec sets it to \(tls.value)), or set `inTransit: optional`",
                        path: "database.parameters.\(p.name.value)")
        }
    }
}
