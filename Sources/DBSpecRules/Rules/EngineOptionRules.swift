import DBSpecCatalog
import DBSpecDiagnostics
import DBSpecModel

/// DB105: a licence model the engine does not take.
struct LicenseModelRule: Rule {
    static let description = RuleDescription(
        code: "DB105", severity: .error,
        summary: "The licence model is not valid for the engine",
        explanation: """
            Each engine takes its own licence models: MySQL and MariaDB general-public-license, \
            PostgreSQL postgresql-license, SQL Server license-included, Oracle Enterprise Edition \
            bring-your-own-license, Oracle Standard Edition Two license-included or \
            bring-your-own-license (RDS API Reference, CreateDBInstance LicenseModel).
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html (LicenseModel)"
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [Example.spec(database: ["licenseModel: ↓license-included"])],
            nonTriggering: [Example.spec(database: ["licenseModel: general-public-license"]), Example.spec()]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        guard let license = context.spec.database.licenseModel, let engine = context.engine,
            !engine.licenseModels.contains(license.value)
        else { return }
        sink.report(
            "\(engine.label) does not take the licence model `\(license.value)`", at: license.range,
            help: "use " + engine.licenseModels.map { "`\($0)`" }.joined(separator: " or "), path: "database.licenseModel")
    }
}

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
        if let c = db.characterSet, engine.family != "oracle" {
            sink.report(
                "`characterSet` is for Oracle, not \(engine.label)", at: c.range,
                help: "set the character set with `database.parameters` (character_set_server for MySQL and MariaDB)",
                path: "database.characterSet")
        }
        if let t = db.timezone, engine.family != "sqlserver" {
            sink.report(
                "`timezone` is for SQL Server, not \(engine.label)", at: t.range,
                help: engine.family == "postgres" ? "set the `timezone` parameter in `database.parameters`" : "set `time_zone` in `database.parameters`",
                path: "database.timezone")
        }
        // The closed lists.
        func listed(_ value: Located<String>, in list: [String], what: String, path: String) {
            guard !list.isEmpty, !list.contains(value.value) else { return }
            let near =
                Suggestions.didYouMean(value.value, in: list)
                ?? list.first { $0.lowercased() == value.value.lowercased() }.map { "did you mean `\($0)`?" }
            sink.report(
                "`\(value.value.shortened())` is not \(what) RDS offers", at: value.range,
                help: near ?? "`dbspec explain DB124` names the list; RDS takes its values as written", path: path)
        }
        if let c = db.characterSet, engine.family == "oracle" {
            listed(c, in: context.catalog.oracleCharacterSets, what: "an Oracle character set", path: "database.characterSet")
        }
        if let t = db.timezone, engine.family == "sqlserver" {
            listed(t, in: context.catalog.sqlServerTimeZones, what: "a SQL Server time zone", path: "database.timezone")
        }
    }
}

/// DB218: the database port open to the whole internet.
struct OpenToTheInternetRule: Rule {
    static let description = RuleDescription(
        code: "DB218", severity: .warning,
        summary: "An allow rule opens the database port to the whole internet",
        explanation: """
            `cidr: 0.0.0.0/0` lets any address reach the database port; only the database's own \
            authentication remains. Databases are found and attacked within minutes of being \
            reachable. Allow the networks of your applications instead (cdk-nag AwsSolutions-RDS8 \
            checks only classic DB security groups).
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.RDSSecurityGroups.html"
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [Example.spec(top: ["network:", "  allow:", "    - cidr: ↓0.0.0.0/0"])],
            nonTriggering: [Example.spec(top: ["network:", "  allow:", "    - cidr: 10.0.0.0/8"])]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        for (i, rule) in context.spec.network.allow.enumerated() {
            guard case .cidr(let c) = rule.source.value, let cidr = CIDR(c), cidr.prefix == 0 else { continue }
            sink.report(
                "`\(c)` lets every address on the internet reach the database port", at: rule.source.range,
                help: "allow the networks or security groups of the database's clients", path: "network.allow[\(i)].cidr")
        }
    }
}
