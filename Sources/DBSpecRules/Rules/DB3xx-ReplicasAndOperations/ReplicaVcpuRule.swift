import DBSpecCatalog
import DBSpecModel

/// DB309: Oracle and SQL Server replicas need classes with enough vCPUs.
struct ReplicaVcpuRule: Rule {
    static let description = RuleDescription(
        code: "DB309", severity: .error,
        summary: "Oracle or SQL Server replicas on a class with too few vCPUs",
        explanation: """
            RDS for Oracle replicas need classes with at least 2 vCPUs, and their source cannot be \
            a db.t3.small ("Requirements and considerations for RDS for Oracle replicas"); vCPUs of \
            previous-generation classes follow EC2 (db.t2.small has 1). RDS for SQL Server read replicas need \
            classes with at least 4 vCPUs, on the source and on each replica ("Read replica \
            limitations with SQL Server").
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/oracle-read-replicas.limitations.html",
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/SQLServer.ReadReplicas.html",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(
                    engine: "sqlserver-ee", version: "\"16.00.4245.2.v1\"", instanceClass: "db.m5.xlarge",
                    database: ["credentials: { username: dbadmin }", "multiAz: true"],
                    replicas: ["- name: orders-ro", "  class: ↓db.m5.large"]),
                Example.spec(
                    engine: "oracle-ee", version: "\"19.0.0.0.ru-2025-07.rur-2025-07.r1\"", instanceClass: "↓db.t3.small",
                    database: ["credentials: { username: dbadmin, password: generated }", "licenseModel: bring-your-own-license"],
                    replicas: ["- name: orders-ro", "  class: db.t3.medium", "  mode: mounted"]),
            ],
            nonTriggering: [
                Example.spec(
                    engine: "sqlserver-ee", version: "\"16.00.4245.2.v1\"", instanceClass: "db.m5.xlarge",
                    database: ["credentials: { username: dbadmin }", "multiAz: true"], replicas: ["- name: orders-ro"])
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        guard let engine = context.engine, engine.minReplicaVcpu > 0, !context.spec.replicas.isEmpty else { return }
        let db = context.spec.database
        if engine.replicaSourceExcludedClasses.contains(db.instanceClass.value) {
            sink.report(
                "\(db.instanceClass.value) cannot be the source of \(engine.label) replicas", at: db.instanceClass.range,
                help: "use db.t3.medium or a larger class for the source", path: .database.class)
            return
        }
        if let specs = context.catalog.specs(of: db.instanceClass.value), specs.vcpu < engine.minReplicaVcpu {
            sink.report(
                "\(db.instanceClass.value) has \(specs.vcpu) vCPUs; a source of \(engine.label) replicas needs at least \(engine.minReplicaVcpu)",
                at: db.instanceClass.range, help: "use a class with \(engine.minReplicaVcpu) or more vCPUs", path: .database.class)
        }
        for (i, replica) in context.spec.replicas.enumerated() where replica.instanceClass.isExplicit {
            guard let specs = context.catalog.specs(of: replica.instanceClass.value), specs.vcpu < engine.minReplicaVcpu else { continue }
            sink.report(
                "\(replica.instanceClass.value) has \(specs.vcpu) vCPUs; \(engine.label) replicas need at least \(engine.minReplicaVcpu)",
                at: replica.instanceClass.range, help: "use a class with \(engine.minReplicaVcpu) or more vCPUs",
                path: .replicas[i].class)
        }
    }
}
