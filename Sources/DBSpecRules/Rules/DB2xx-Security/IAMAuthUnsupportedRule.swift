import DBSpecCatalog
import DBSpecDiagnostics
import DBSpecModel

/// DB208: IAM database authentication is not available for the engine or version.
struct IAMAuthUnsupportedRule: Rule {
    static let description = RuleDescription(
        code: "DB208", severity: .error,
        summary: "IAM database authentication is not available for the engine, version or Region",
        explanation: """
            IAM database authentication exists for RDS for MariaDB, MySQL and PostgreSQL and for \
            Aurora; not for Oracle, SQL Server or Db2. For MariaDB it needs 10.11 or later, and some \
            Regions lag: none in Asia Pacific (Hyderabad) or (Melbourne), 11.4 or later in Malaysia, \
            New Zealand and Taipei ("Supported Regions and DB engines for IAM database \
            authentication in Amazon RDS").
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.RDS_Fea_Regions_DB-eng.Feature.IamDatabaseAuthentication.html",
        "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.Aurora_Fea_Regions_DB-eng.Feature.IAMdbauth.html",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(
                    engine: "sqlserver-se", version: "\"16.00.4245.2.v1\"", instanceClass: "db.m5.large",
                    database: ["credentials: { username: dbadmin }", "iamAuth: ↓true"]),
                Example.spec(engine: "mariadb", version: "\"10.6.9\"", database: ["iamAuth: ↓true"]),
                Example.spec(
                    region: "ap-south-2", engine: "mariadb", version: "\"11.8.6\"", instanceClass: "db.t4g.medium",
                    database: ["iamAuth: ↓true"]),
            ],
            nonTriggering: [
                Example.spec(database: ["iamAuth: true"]),
                Example.spec(engine: "mariadb", version: "\"11.8.6\"", database: ["iamAuth: true"]),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        let iamAuth = context.spec.database.iamAuth
        guard iamAuth.value, let engine = context.engine else { return }
        if !engine.supportsIAMAuth {
            sink.report(
                "IAM database authentication is not available for \(engine.label)", at: iamAuth.range,
                help: "remove `iamAuth: true`; use the master user's secret or the engine's own authentication",
                path: .database.iamAuth)
        } else if engine.classLacks("iamAuth", context.spec.database.instanceClass.value, version: context.spec.database.version.value) {
            sink.report(
                "IAM database authentication is not available for \(engine.label) on \(context.spec.database.instanceClass.value)",
                at: iamAuth.range, help: "choose a class that supports it, or remove `iamAuth: true`", path: .database.iamAuth)
        } else if let since = engine.iamAuthSince,
            Suggestions.versionOrder(EngineFacts.versionPrefix(context.spec.database.version.value), since)
        {
            sink.report(
                "IAM database authentication needs \(engine.label) \(since) or later, not \(context.spec.database.version.value)",
                at: iamAuth.range, help: "upgrade to \(since) or later, or remove `iamAuth: true`", path: .database.iamAuth)
        } else if let entry = engine.iamAuthRegions.first(where: { $0.region == context.spec.region.value }) {
            let version = context.spec.database.version.value
            if let since = entry.since {
                if Suggestions.versionOrder(EngineFacts.versionPrefix(version), since) {
                    sink.report(
                        "IAM database authentication needs \(engine.label) \(since) or later in \(entry.region), not \(version)",
                        at: iamAuth.range, help: "upgrade to \(since) or later, or remove `iamAuth: true`", path: .database.iamAuth)
                }
            } else {
                sink.report(
                    "IAM database authentication is not available for \(engine.label) in \(entry.region)", at: iamAuth.range,
                    help: "remove `iamAuth: true`, or choose another Region", path: .database.iamAuth)
            }
        }
    }
}
