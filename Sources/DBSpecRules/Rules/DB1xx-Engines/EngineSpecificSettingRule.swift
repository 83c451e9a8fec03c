import DBSpecCatalog
import DBSpecDiagnostics
import DBSpecModel

/// DB124: a setting that only one engine takes.
struct EngineSpecificSettingRule: Rule {
    static let description = RuleDescription(
        code: "DB124", severity: .error,
        summary: "The setting does not apply to this engine, or is not one RDS offers",
        explanation: """
            `characterSet` is Oracle's (CharacterSetName; other engines set their character set \
            with parameters) and `timezone` is SQL Server's (RDS API Reference, CreateDBInstance \
            CharacterSetName and Timezone). RDS refuses them on other engines, and takes only the \
            values of its lists: the Windows time zone IDs of "Local time zone for Microsoft SQL \
            Server DB instances" and the character sets of "RDS for Oracle character sets" (RDS \
            User Guide). Both are fixed when the database is created.
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html (CharacterSetName, Timezone)",
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_SQLServer.html#SQLServer.Concepts.General.TimeZone",
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Appendix.OracleCharacterSets.html",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(database: ["timezone: ↓UTC"]),
                Example.spec(
                    engine: "sqlserver-se", version: "\"16.00.4245.2.v1\"", instanceClass: "db.m5.large",
                    database: ["credentials: { username: dbadmin }", "timezone: ↓Pacific Time"]),
            ],
            nonTriggering: [
                Example.spec(
                    engine: "sqlserver-se", version: "\"16.00.4245.2.v1\"", instanceClass: "db.m5.large",
                    database: ["credentials: { username: dbadmin }", "timezone: UTC"]),
                Example.spec(
                    engine: "sqlserver-se", version: "\"16.00.4245.2.v1\"", instanceClass: "db.m5.large",
                    database: ["credentials: { username: dbadmin }", "timezone: Pacific Standard Time"]),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        let db = context.spec.database
        guard let engine = context.engine else { return }
        // The engines that take each setting are the schema's (`FieldSchema.engines`).
        func takes(_ field: String) -> Bool { SpecSchema.database.field(field)?.engines?.contains(engine.name) ?? true }
        if let c = db.characterSet, !takes("characterSet") {
            sink.report(
                "`characterSet` is for Oracle, not \(engine.label)", at: c.range,
                help: "set the character set with `database.parameters` (character_set_server for MySQL and MariaDB)",
                path: .database.characterSet)
        }
        if let t = db.timezone, !takes("timezone") {
            sink.report(
                "`timezone` is for SQL Server, not \(engine.label)", at: t.range,
                help: engine.family == .postgres ? "set the `timezone` parameter in `database.parameters`" : "set `time_zone` in `database.parameters`",
                path: .database.timezone)
        }
        // The closed lists.
        func listed(_ value: Located<String>, known: Bool?, in all: () -> [String], what: String, path: FieldPath) {
            // The list is decoded only to suggest a value for one it does not hold.
            guard known == false else { return }
            let list = all()
            var near = Suggestions.closest(to: value.value, in: list)
            if near.isEmpty, let sameLetters = list.first(where: { $0.lowercased() == value.value.lowercased() }) { near = [sameLetters] }
            sink.report(
                "`\(value.value.shortened())` is not \(what) RDS offers", at: value.range,
                help: Suggestions.didYouMean(near) ?? "`dbspec explain DB124` names the list; RDS takes its values as written", path: path,
                replacements: near)
        }
        if let c = db.characterSet, engine.family == .oracle {
            listed(
                c, known: context.catalog.listsOracleCharacterSet(c.value), in: { context.catalog.oracleCharacterSets }, what: "an Oracle character set",
                path: .database.characterSet)
        }
        if let t = db.timezone, engine.family == .sqlserver {
            listed(
                t, known: context.catalog.listsSQLServerTimeZone(t.value), in: { context.catalog.sqlServerTimeZones }, what: "a SQL Server time zone",
                path: .database.timezone)
        }
    }
}
