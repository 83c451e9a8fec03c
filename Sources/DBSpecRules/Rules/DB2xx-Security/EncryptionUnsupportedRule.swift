import DBSpecCatalog
import DBSpecModel

/// DB202: storage encryption is not available for the engine or class.
struct EncryptionUnsupportedRule: Rule {
    static let description = RuleDescription(
        code: "DB202", severity: .error,
        summary: "Storage encryption is not supported for the engine or instance class",
        explanation: """
            "Amazon RDS encryption is currently available for all database engines and storage types, \
            except for SQL Server Express Edition", and not on the classes db.m1.*, db.m2.* and \
            db.t2.micro (RDS User Guide, Encrypting Amazon RDS resources). A replica of an encrypted \
            database is encrypted too, so its class must support encryption as well.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html#Overview.Encryption.Availability"
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(
                    engine: "sqlserver-ex", version: "\"16.00.4185.3.v1\"", instanceClass: "db.t3.small",
                    database: ["credentials: { username: dbadmin }"],
                    encryption: "encryption: { kmsKey: ↓create }")
            ],
            nonTriggering: [
                Example.spec(),
                Example.spec(
                    engine: "sqlserver-ex", version: "\"16.00.4185.3.v1\"", instanceClass: "db.t3.small",
                    database: ["credentials: { username: dbadmin }"], encryption: "encryption: { atRest: false }"),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        let db = context.spec.database
        guard db.encryption.atRest.value, let engine = context.engine else { return }
        let at = db.encryption.kmsKey?.range ?? db.encryption.atRest.range
        if !engine.supportsStorageEncryption {
            sink.report(
                "storage encryption is not supported by \(engine.label)", at: at,
                help: "set `encryption: { atRest: false }`, or use an edition that supports encryption",
                path: .database.encryption.path)
            return
        }
        // A class the engine does not offer at all is DB104's finding (or DB103's, for a retired
        // version), not a missing feature of an offered class.
        let offered = { (c: String) in context.catalog.offers(c, engine: engine, version: db.version.value) }
        if offered(db.instanceClass.value), engine.classLacks("storageEncryption", db.instanceClass.value, version: db.version.value) {
            sink.report(
                "\(db.instanceClass.value) does not support storage encryption", at: db.instanceClass.range,
                help: "use a current-generation class such as db.t3.micro", path: .database.class)
        }
        for (i, replica) in context.spec.replicas.enumerated()
        where replica.instanceClass.isExplicit && offered(replica.instanceClass.value)
            && engine.classLacks("storageEncryption", replica.instanceClass.value, version: db.version.value)
        {
            sink.report(
                "\(replica.instanceClass.value) does not support storage encryption, which replica `\(replica.name.value)` inherits from its source",
                at: replica.instanceClass.range, help: "use a current-generation class such as db.t3.micro",
                path: .replicas[i].class)
        }
    }
}
