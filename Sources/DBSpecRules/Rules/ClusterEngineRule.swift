import DBSpecCatalog
import DBSpecModel

/// DB125: an Aurora engine, which runs as a cluster dbspec does not compile yet.
struct ClusterEngineUnsupportedRule: Rule {
    static let description = RuleDescription(
        code: "DB125", severity: .error,
        summary: "Aurora runs as a cluster, which dbspec does not compile yet",
        explanation: """
            An Aurora database is a DB cluster (AWS::RDS::DBCluster, aws_rds_cluster) whose \
            instances share its storage; a standalone DB instance with an Aurora engine is refused \
            by RDS. dbspec checks Aurora versions and classes but does not yet lower a spec to a \
            cluster with writer and reader instances, so it refuses the spec rather than emit a \
            template that cannot deploy.
            """
    )

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [Example.spec(engine: "↓aurora-mysql", version: "\"8.0.mysql_aurora.3.08.0\"", instanceClass: "db.r6g.large")],
            nonTriggering: [Example.spec()]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        guard let engine = context.engine, engine.isCluster else { return }
        let field = context.spec.database.engine
        sink.report("engine `\(engine.name)` (\(engine.label)) runs as a cluster, which dbspec does not compile yet", at: field.range,
                    help: "use \(engine.name == "aurora-mysql" ? "mysql" : "postgres") for a single instance with Multi-AZ and replicas, or define the Aurora cluster outside dbspec",
                    path: "database.engine")
    }
}
