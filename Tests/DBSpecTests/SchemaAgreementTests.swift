import DBSpecCatalog
import DBSpecKit
import DBSpecModel
import Foundation
import Testing

@testable import DBSpecRules

/// The JSON Schema's patterns and constraints say what the checker says: a value the pattern
/// refuses is one dbspec refuses, and the other way round; the schema never refuses a spec
/// dbspec accepts (scripts/test-schema.sh runs check-jsonschema over every shipped spec).
@Suite("JSON Schema agrees with the checker")
struct SchemaAgreementTests {
    func matches(_ pattern: String, _ value: String) -> Bool {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
    }

    func codes(_ text: String) -> [String] {
        Compiler().check(SourceText(name: "x.yaml", text: text)).diagnostics.filter { $0.severity == .error }.map(\.code)
    }

    @Test func everyOfferedClassMatchesTheClassPattern() throws {
        let pattern = try #require(SpecSchema.database.field("class")?.pattern)
        var classes = Set<String>()
        for engine in try Catalog.builtIn.allEngines() {
            for version in [nil] + engine.versions { classes.formUnion(Catalog.builtIn.classes(engine: engine, version: version)) }
        }
        #expect(classes.count > 100)
        let unmatched = classes.filter { !matches(pattern, $0) }
        #expect(unmatched.isEmpty, "\(unmatched.sorted().prefix(10))")
    }

    @Test func identifiers() throws {
        let pattern = try #require(SpecSchema.root.field("name")?.pattern)
        let names = [
            "orders", "a", "orders-db-1", "Orders", "ORDERS-DB", "orders--db", "1-replica", "orders-", "-orders", "or_ders", "orders.db",
            "é", String(repeating: "o", count: 63),
        ]
        for name in names {
            let refused = codes(Example.spec(name: name)).contains { $0.hasPrefix("DB5") || $0.hasPrefix("DB16") }
            #expect(matches(pattern, name) == !refused, "\(name): pattern \(matches(pattern, name)), dbspec refuses \(refused)")
        }
        let long = String(repeating: "o", count: 64)
        #expect(codes(Example.spec(name: long)).contains { $0.hasPrefix("DB5") } && SpecSchema.root.field("name")?.maxLength == 63)
    }

    @Test func windows() throws {
        let daily = try #require(SpecSchema.backup.field("window")?.pattern)
        let weekly = try #require(SpecSchema.database.field("maintenanceWindow")?.pattern)
        for value in ["03:00-03:30", "23:30-00:10", "3:00-03:30", "24:00-00:30", "03:60-04:30", "+3:00-03:30", "03:00", "03:00-03:30 ", "ab:cd-ef:gh"] {
            let refused = codes(Example.spec(database: ["backup: { window: \"\(value)\" }"])).contains("DB317")
            #expect(matches(daily, value) == !refused, "backup window \(value): pattern \(matches(daily, value)), dbspec refuses \(refused)")
        }
        for value in [
            "sun:05:00-sun:06:00", "Sun:05:00-Sun:06:00", "SAT:23:30-sun:00:30", "sun:5:00-sun:06:00", "sunday:05:00-sun:06:00", "xyz:05:00-sun:06:00",
        ] {
            let refused = codes(Example.spec(database: ["maintenanceWindow: \"\(value)\""])).contains("DB317")
            #expect(matches(weekly, value) == !refused, "maintenance window \(value): pattern \(matches(weekly, value)), dbspec refuses \(refused)")
        }
    }

    @Test func cidrRangesKMSKeysAndIDs() {
        for value in [
            "10.0.0.0/16", "0.0.0.0/0", "192.168.1.0/24", "255.255.255.255/32", "10.0.0.0/33", "10.0.0/16", "010.0.0.0/16", "10.0.0.0/016", "256.0.0.0/8",
            "10.0.0.0",
        ] {
            #expect(matches(SpecSchema.cidrPattern, value) == (CIDR(value) != nil), "\(value)")
        }
        for value in [
            "create", "alias/orders", "arn:aws:kms:us-west-2:123456789012:key/abc", "arn:aws:kms:us-west-2:123456789012:alias/x", "alias/", "key/abc", "Create",
            "arn:kms:x",
        ] {
            let refused = codes(Example.spec(encryption: "encryption: { kmsKey: \"\(value)\" }")).contains("DB163")
            #expect(matches(SpecSchema.kmsKeyPattern, value) == !refused, "\(value)")
        }
        for value in [
            "usw2-az1", "use1-az6", "apse2-az3", "usgw1-az1", "usw2-lax1-az1", "us-west-2a", "usw2-az", "usw2az1", "USW2-az1", "usw2-az1-", "az1",
            "usw2-lax-az1", "u-az1", "usw2-az1x",
        ] {
            let refused = codes(Example.spec(top: ["network:", "  vpc: { zones: [\(value), use1-az9] }"])).contains("DB163")
            #expect(matches(SpecSchema.zoneIDPattern, value) == !refused, "\(value)")
        }
        for value in ["sg-0123abcd", "sg-0123456789abcdef0", "sg-0123ABCD", "sg-0123abc", "sg-0123456789abcdef", "vpc-0123abcd"] {
            let refused = codes(Example.spec(top: ["network:", "  allow:", "    - securityGroup: \(value)"])).contains("DB163")
            #expect(matches(SpecSchema.awsIDPattern("sg-"), value) == !refused, "\(value)")
        }
    }

    @Test func securityGroupRuleDescriptions() throws {
        let field = try #require(SpecSchema.allowRule.field("description"))
        let pattern = try #require(field.pattern)
        for value in [
            "Batch workers", "Payments (prod): app-1, app-2 [eu] #42 & ops@example.com; {x}=$y*!+ a.b_c/d", "Équipe", "app's", "50%", "why?",
            "tab\there", "back`tick", "a\\b", "",
        ] {
            let quoted = "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t") + "\""
            let refused = codes(Example.spec(top: ["network:", "  allow:", "    - cidr: 10.0.0.0/16", "      description: \(quoted)"])).contains("DB225")
            #expect(matches(pattern, value) == !refused, "\(value): pattern \(matches(pattern, value)), dbspec refuses \(refused)")
        }
        let long = String(repeating: "a", count: 256)
        #expect(codes(Example.spec(top: ["network:", "  allow:", "    - cidr: 10.0.0.0/16", "      description: \(long)"])).contains("DB225"))
        #expect(field.maxLength == AllowRuleDescriptionRule.limit)
    }

    /// Each key constraint of the schema is one the decoder enforces: a document that breaks
    /// it gets DB167 (or DB161 for a missing companion).
    @Test func keyConstraintsAreTheDecoders() {
        let network: [KeyConstraint: [String]] = [
            .excludes("cidr", "id"): ["network:", "  vpc: { cidr: 10.0.0.0/16, id: vpc-0123abcd, subnets: [subnet-0123abcd, subnet-0123abce] }"],
            .excludes("azs", "id"): ["network:", "  vpc: { azs: 2, id: vpc-0123abcd, subnets: [subnet-0123abcd, subnet-0123abce] }"],
            .excludes("zones", "id"): ["network:", "  vpc: { zones: [usw2-az1, usw2-az2], id: vpc-0123abcd, subnets: [subnet-0123abcd, subnet-0123abce] }"],
            .excludes("zones", "azs"): ["network:", "  vpc: { zones: [usw2-az1, usw2-az2], azs: 2 }"],
            .excludes("flowLogs", "id"): ["network:", "  vpc: { flowLogs: all, id: vpc-0123abcd, subnets: [subnet-0123abcd, subnet-0123abce] }"],
            .requires("id", "subnets"): ["network:", "  vpc: { id: vpc-0123abcd }"],
            .requires("subnets", "id"): ["network:", "  vpc: { subnets: [subnet-0123abcd, subnet-0123abce] }"],
            .excludes("cidr", "securityGroup"): ["network:", "  allow:", "    - { cidr: 10.0.0.0/16, securityGroup: sg-0123abcd }"],
            .requiresOneOf("cidr", "securityGroup"): ["network:", "  allow:", "    - { description: nobody }"],
        ]
        let declared = SpecSchema.vpc.constraints + SpecSchema.allowRule.constraints
        #expect(Set(declared) == Set(network.keys), "a constraint without a test case, or the other way round")
        for (constraint, top) in network {
            let found = codes(Example.spec(top: top))
            #expect(found.contains("DB167") || found.contains("DB161"), "\(constraint): \(found)")
        }
    }

    /// Every default the schema writes (the JSON Schema's `default`, the editor's hover text) is
    /// the value a spec that leaves the key out gets, and no default goes unchecked.
    @Test func schemaDefaultsAreTheDecodersValues() throws {
        let text = """
            dbspec: 1
            name: orders
            region: us-west-2
            database:
              engine: mysql
              version: 8.4.8
              class: db.t3.micro
              encryption: { kmsKey: create }
              monitoring: { performanceInsights: {} }
            """
        let spec = try #require(Compiler().check(SourceText(name: "x.yaml", text: text)).spec)
        guard case let .create(cidr, azs, _, flowLogs) = spec.network.vpc else { Issue.record("expected a new VPC"); return }
        let db = spec.database
        let storage = try #require(db.instanceStorage)
        let decoded: [String: (value: String, explicit: Bool)] = [
            "vpc.cidr": (cidr.value.description, cidr.isExplicit), "vpc.azs": ("\(azs.value)", azs.isExplicit),
            "vpc.flowLogs": (flowLogs.value.rawValue, flowLogs.isExplicit),
            "network.public": ("\(spec.network.isPublic.value)", spec.network.isPublic.isExplicit),
            "network.acl": ("\(spec.network.acl.value)", spec.network.acl.isExplicit),
            "storage.size": ("\(storage.size.value)", storage.size.isExplicit),
            "storage.type": (storage.type.value.rawValue, storage.type.isExplicit),
            "encryption.atRest": ("\(db.encryption.atRest.value)", db.encryption.atRest.isExplicit),
            "encryption.inTransit": (db.encryption.inTransit.value.rawValue, db.encryption.inTransit.isExplicit),
            "credentials.password": (db.credentials.password.value == .managed ? "managed" : "generated", db.credentials.password.isExplicit),
            "backup.retentionDays": ("\(db.backup.retentionDays.value)", db.backup.retentionDays.isExplicit),
            "monitoring.interval": ("\(db.monitoring.interval.value)", db.monitoring.interval.isExplicit),
            "performance insights.retentionDays": ("\(db.monitoring.performanceInsightsRetention?.value ?? -1)", false),
            "database.multiAz": ("\(db.multiAZ.value)", db.multiAZ.isExplicit),
            "database.iamAuth": ("\(db.iamAuth.value)", db.iamAuth.isExplicit),
            "database.deletionProtection": ("\(db.deletionProtection.value)", db.deletionProtection.isExplicit),
            "database.backtrackHours": ("\(db.backtrackHours?.value ?? 0)", false),
        ]
        // Defaults written as prose (`the engine's`) are computed per engine, not literal.
        let computed: Set = ["credentials.username"]
        for object in [
            SpecSchema.vpc, SpecSchema.network, SpecSchema.storage, SpecSchema.encryption, SpecSchema.credentials, SpecSchema.backup,
            SpecSchema.monitoring, SpecSchema.performanceInsights, SpecSchema.database,
        ] {
            for field in object.fields {
                guard let written = field.defaultValue else { continue }
                let key = "\(object.name).\(field.name)"
                if computed.contains(key) { continue }
                let got = try #require(decoded[key], "\(key) has a default (\(written)) that no test reads")
                #expect(got.value == written && !got.explicit, "\(key): decoded \(got.value), the schema says \(written)")
            }
        }
    }
}
