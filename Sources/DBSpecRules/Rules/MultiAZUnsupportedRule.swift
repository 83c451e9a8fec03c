import DBSpecCatalog
import DBSpecModel

/// DB119: Multi-AZ on an engine edition without it.
struct MultiAZUnsupportedRule: Rule {
    static let description = RuleDescription(
        code: "DB119", severity: .error,
        summary: "The engine edition does not support Multi-AZ",
        explanation: """
            SQL Server runs Multi-AZ with Database Mirroring or Always On availability groups, which \
            only the Standard and Enterprise editions have; Express and Web cannot be Multi-AZ (RDS \
            User Guide, Multi-AZ deployments for Amazon RDS for Microsoft SQL Server).
            """
    )

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(engine: "sqlserver-web", version: "\"16.00.4245.2.v1\"", instanceClass: "db.m5.large",
                             database: ["credentials: { username: dbadmin }", "multiAz: ↓true"]),
            ],
            nonTriggering: [
                Example.spec(engine: "sqlserver-se", version: "\"16.00.4245.2.v1\"", instanceClass: "db.m5.large",
                             database: ["credentials: { username: dbadmin }", "multiAz: true"]),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        let multiAZ = context.spec.database.multiAZ
        guard multiAZ.value, let engine = context.engine, !engine.supportsMultiAZ else { return }
        sink.report("Multi-AZ is not available for \(engine.label)", at: multiAZ.range,
                    help: engine.family == "sqlserver" ? "use sqlserver-se or sqlserver-ee for Multi-AZ" : "set `multiAz: false`",
                    path: "database.multiAz")
    }
}
