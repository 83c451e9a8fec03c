import DBSpecCatalog
import DBSpecDiagnostics
import DBSpecModel

/// DB104: the instance class is not offered for the engine and version.
struct InstanceClassOfferedRule: Rule {
    static let description = RuleDescription(
        code: "DB104", severity: .error,
        summary: "The instance class is not offered for the engine, version, Region and licence",
        explanation: """
            Each engine and version has its own list of instance classes (DescribeOrderableDBInstanceOptions). \
            Previous-generation classes such as `db.t2.micro` are gone for MySQL 8.0 and later, and \
            Aurora-only classes such as `db.serverless` do not exist for RDS for MySQL. The rule checks \
            the primary and every replica (a replica without `class` uses the primary's) and names \
            the nearest classes that are offered. Unlike cfn-lint's E3062, the lists are per engine. \
            A class must also be sold in the Region the database lives in (a cross-Region replica's \
            own Region) under the licence model in use (`licenseModel`, or the engine's default): \
            Oracle and SQL Server offer different classes with a licence included than with your \
            own, and newer Regions such as ca-west-1 or il-central-1 sell fewer classes. Sources: \
            DescribeOrderableDBInstanceOptions per engine and version, and the AWS Pricing API per \
            Region and licence, both as shipped in cfn-lint (db_instance_class.json, \
            dbinstanceclass_enum.json: the data of its E3062 and E3025).
            """
    )

    /// Where the facts behind the rule come from: AWS documentation, API members, data files.
    static let sources: [String] = [
        "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeOrderableDBInstanceOptions.html",
        "cfn-lint: src/cfnlint/data/schemas/extensions/aws_rds_dbinstance/db_instance_class.json (cfn-lint E3062)",
        "cfn-lint: src/cfnlint/data/schemas/extensions/aws_rds_dbinstance/dbinstanceclass_enum.json (cfn-lint E3025: per Region and licence)",
    ]

    static var examples: RuleExamples {
        RuleExamples(
            triggering: [
                Example.spec(instanceClass: "↓db.t2.micro"),
                Example.spec(replicas: ["- name: orders-ro", "  class: ↓db.serverless"]),
                Example.spec(
                    database: ["credentials: { password: generated }"],
                    replicas: [
                        "- name: orders-dr", "  region: ca-west-1", "  class: ↓db.r5.24xlarge",
                        "  encryption: { kmsKey: create }",
                    ]),
            ],
            nonTriggering: [
                Example.spec(instanceClass: "db.t3.micro"),
                Example.spec(instanceClass: "db.t4g.micro", replicas: ["- name: orders-ro", "  class: db.t4g.small"]),
            ]
        )
    }

    func check(_ context: RuleContext, into sink: inout RuleSink) {
        let db = context.spec.database
        guard let engine = context.engine else { return }
        let version = db.version.value
        // A retired or unknown version is DB103's or DB102's finding; its class list says nothing.
        switch context.catalog.versionStatus(engine: engine, version: version) {
        case .deprecated, .unknown: return
        case .available, .untracked: break
        }
        func verify(_ instanceClass: Located<String>, path: FieldPath, what: String) {
            guard !context.catalog.offers(instanceClass.value, engine: engine, version: version) else { return }
            // Only a miss pays for decoding and sorting the offered classes.
            let offered = context.catalog.classes(engine: engine, version: version)
            guard !offered.isEmpty else { return }
            let near = Suggestions.closest(to: instanceClass.value, in: offered.sorted())
            let family = instanceClass.value.split(separator: ".").prefix(2).joined(separator: ".")
            let siblings = ["db.t3.micro", "db.t4g.micro", "db.m6g.large", "db.r6g.large"].filter { offered.contains($0) }
            let choices = near.isEmpty ? siblings : near
            sink.report(
                "\(instanceClass.value) is not offered for \(engine.label) \(db.version.value)\(what)",
                at: instanceClass.range,
                help: choices.isEmpty
                    ? nil
                    : "try " + choices.map { "`\($0)`" }.joined(separator: " or ")
                        + (near.isEmpty && family.count > 3 ? " (no \(family) class is offered)" : ""),
                path: path, replacements: choices)
        }
        let license = context.spec.database.licenseModel?.value ?? ""
        /// Sold in the Region under the licence? Checked once the version's list offers the class.
        func verifyRegion(_ instanceClass: Located<String>, region: String, path: FieldPath, what: String) {
            guard context.catalog.offers(instanceClass.value, engine: engine, version: version),
                context.catalog.offers(instanceClass.value, engine: engine, region: region, license: license) == false,
                let sold = context.catalog.classes(engine: engine, region: region, license: license)
            else { return }
            let versionClasses = context.catalog.classes(engine: engine, version: version)
            let both = sold.filter { versionClasses.contains($0) }
            let near = Suggestions.closest(to: instanceClass.value, in: both)
            let licensed = engine.licenseModels.count > 1 ? " with \(license)" : ""
            sink.report(
                "\(instanceClass.value) is not offered for \(engine.label) in \(region)\(licensed)\(what)",
                at: instanceClass.range,
                help: near.isEmpty ? "choose a class that \(region) sells for \(engine.name)" : "try " + near.map { "`\($0)`" }.joined(separator: " or "),
                path: path, replacements: near)
        }
        verify(db.instanceClass, path: .database.class, what: "")
        verifyRegion(db.instanceClass, region: context.spec.region.value, path: .database.class, what: "")
        for (i, replica) in context.spec.replicas.enumerated() {
            let region = context.spec.region(of: replica)
            // A replica that inherits the primary's class shares its finding, unless it lives
            // in another Region, where its class is checked again.
            if replica.instanceClass.isExplicit {
                verify(replica.instanceClass, path: .replicas[i].class, what: " (replica `\(replica.name.value)`)")
            } else if region == context.spec.region.value {
                continue
            }
            verifyRegion(replica.instanceClass, region: region, path: .replicas[i].class, what: " (replica `\(replica.name.value)`)")
        }
    }
}
