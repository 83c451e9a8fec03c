import DBSpecCatalog
import DBSpecModel

/// DB117: SQL Server on a port RDS reserves.
struct SQLServerReservedPortRule: Rule {
    static let description = RuleDescription(
        code: "DB117", severity: .error,
        summary: "The port is reserved on SQL Server",
        explanation: """
            RDS for SQL Server cannot listen on 1234, 1434, 3260, 3343, 3389, 47001 or 49152-49156 \
            (RDS API Reference, CreateDBInstance Port). Other engines take any port from 1150 to 65535.
            """
    )

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(engine: "sqlserver-se", version: "\"16.00.4245.2.v1\"", instanceClass: "db.m5.large",
                             database: ["credentials: { username: dbadmin }", "port: ↓1434"]),
            ],
            nonTriggering: [
                Example.spec(engine: "sqlserver-se", version: "\"16.00.4245.2.v1\"", instanceClass: "db.m5.large",
                             database: ["credentials: { username: dbadmin }", "port: 1433"]),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        guard let port = context.spec.database.port, context.engine?.family == "sqlserver",
              context.catalog.sqlServerReservedPorts.contains(port.value)
        else { return }
        sink.report("port \(port.value) is reserved on SQL Server", at: port.range,
                    help: "use 1433, the default, or another port from 1150 to 65535", path: "database.port")
    }
}
