import DBSpecCatalog
import DBSpecModel

/// DB119: Multi-AZ on an engine edition without it.
struct MultiAZUnsupportedRule: Rule {
    static let description = RuleDescription(
        code: "DB119", severity: .error,
        summary: "The engine edition does not support Multi-AZ",
        explanation: """
            SQL Server runs Multi-AZ with Database Mirroring or Always On availability groups on the \
            Standard and Enterprise editions, and with block-level replication on Web Edition \
            ("currently supported only for SQL Server Web Edition instances", RDS User Guide, \
            Limitations, notes, and recommendations for Microsoft SQL Server Multi-AZ deployments); \
            Express Edition cannot be Multi-AZ (RDS User Guide, Multi-AZ deployments for Amazon RDS \
            for Microsoft SQL Server). With a \
            catalogue from `dbspec catalog import`, the rule also refuses classes whose orderable \
            options say `MultiAZCapable: false` for the engine version.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_SQLServerMultiAZ.html",
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_SQLServerMultiAZ.Recommendations.html",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(
                    engine: "sqlserver-ex", version: "\"16.00.4295.3.v1\"", instanceClass: "db.t3.small",
                    database: ["credentials: { username: dbadmin }", "multiAz: ↓true"],
                    encryption: "encryption: { atRest: false }")
            ],
            nonTriggering: [
                Example.spec(
                    engine: "sqlserver-se", version: "\"16.00.4245.2.v1\"", instanceClass: "db.m5.large",
                    database: ["credentials: { username: dbadmin }", "multiAz: true"]),
                Example.spec(
                    engine: "sqlserver-web", version: "\"16.00.4245.2.v1\"", instanceClass: "db.m5.large",
                    database: ["credentials: { username: dbadmin }", "multiAz: true"]),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        let db = context.spec.database
        let multiAZ = db.multiAZ
        guard multiAZ.value, let engine = context.engine else { return }
        // Per class, from an imported catalogue (MultiAZCapable).
        if engine.supportsMultiAZ, engine.classLacks("multiAZ", db.instanceClass.value, version: db.version.value) {
            sink.report(
                "\(db.instanceClass.value) has no Multi-AZ deployments for \(engine.label) \(db.version.value)", at: multiAZ.range,
                help: "use another class, or set `multiAz: false`", path: .database.multiAz)
            return
        }
        guard !engine.supportsMultiAZ else { return }
        sink.report(
            "Multi-AZ is not available for \(engine.label)", at: multiAZ.range,
            help: engine.family == .sqlserver ? "use sqlserver-se or sqlserver-ee for Multi-AZ" : "set `multiAz: false`",
            path: .database.multiAz)
    }
}
