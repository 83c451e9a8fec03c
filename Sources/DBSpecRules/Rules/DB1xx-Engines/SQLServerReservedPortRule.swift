import DBSpecCatalog
import DBSpecModel

/// DB117: a port the engine reserves: SQL Server's, or the port of Oracle's SSL option.
struct SQLServerReservedPortRule: Rule {
    static let description = RuleDescription(
        code: "DB117", severity: .error,
        summary: "The port is reserved by the engine",
        explanation: """
            RDS for SQL Server cannot listen on 1234, 1434, 3260, 3343, 3389, 47001 or 49152-49156 \
            (RDS API Reference, CreateDBInstance Port). RDS for Oracle with `inTransit: required` \
            speaks TLS through the SSL option, on a second port of its own (2484); the database \
            port must be another one ("Amazon RDS uses a second port, as required by Oracle, for \
            SSL connections", RDS User Guide, Oracle Secure Sockets Layer). Other engines take any \
            port from 1150 to 65535.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html (Port)",
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Appendix.Oracle.Options.SSL.html",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(
                    engine: "sqlserver-se", version: "\"16.00.4245.2.v1\"", instanceClass: "db.m5.large",
                    database: ["credentials: { username: dbadmin }", "port: ↓1434"]),
                Example.spec(
                    engine: "oracle-ee", version: "\"19.0.0.0.ru-2025-07.rur-2025-07.r1\"", instanceClass: "db.m5.large",
                    database: ["port: ↓2484"]),
            ],
            nonTriggering: [
                Example.spec(
                    engine: "sqlserver-se", version: "\"16.00.4245.2.v1\"", instanceClass: "db.m5.large",
                    database: ["credentials: { username: dbadmin }", "port: 1433"]),
                Example.spec(
                    engine: "oracle-ee", version: "\"19.0.0.0.ru-2025-07.rur-2025-07.r1\"", instanceClass: "db.m5.large",
                    database: ["port: 1522"]),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        let port = context.spec.database.port
        guard let engine = context.engine else { return }
        if let option = engine.tlsOption, context.spec.database.encryption.inTransit.value == .required, option.port == port.value {
            sink.report(
                "port \(port.value) is the port of \(engine.label)'s \(option.name) option, which carries the TLS connections",
                at: port.range, help: "use \(engine.defaultPort), the default, or another port", path: .database.port)
        }
        guard engine.family == .sqlserver, context.catalog.sqlServerReservedPorts.contains(port.value) else { return }
        sink.report(
            "port \(port.value) is reserved on SQL Server", at: port.range,
            help: "use 1433, the default, or another port from 1150 to 65535", path: .database.port)
    }
}
