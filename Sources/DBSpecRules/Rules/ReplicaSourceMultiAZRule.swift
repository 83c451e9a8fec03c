import DBSpecCatalog
import DBSpecModel

/// DB310: SQL Server replicas need a Multi-AZ source.
struct ReplicaSourceMultiAZRule: Rule {
    static let description = RuleDescription(
        code: "DB310", severity: .error,
        summary: "SQL Server read replicas need a Multi-AZ source",
        explanation: """
            RDS for SQL Server builds read replicas on Always On availability groups, so "the source \
            DB instance must be a Multi-AZ deployment with Always On AGs" (RDS User Guide, Read replica \
            limitations with SQL Server).
            """
    )

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(engine: "sqlserver-ee", version: "\"16.00.4245.2.v1\"", instanceClass: "db.m5.xlarge",
                             database: ["credentials: { username: dbadmin }"], replicas: ["- ↓name: orders-ro"]),
            ],
            nonTriggering: [
                Example.spec(engine: "sqlserver-ee", version: "\"16.00.4245.2.v1\"", instanceClass: "db.m5.xlarge",
                             database: ["credentials: { username: dbadmin }", "multiAz: true"], replicas: ["- name: orders-ro"]),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        guard let engine = context.engine, engine.replicaSourceMultiAZ, !context.spec.database.multiAZ.value,
              let first = context.spec.replicas.first
        else { return }
        sink.report("replica `\(first.name.value)` needs a Multi-AZ source on \(engine.label)", at: first.range,
                    help: "set `database.multiAz: true`", path: "database.multiAz")
    }
}
