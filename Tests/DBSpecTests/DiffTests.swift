import DBSpecKit
import Foundation
import Testing

/// `dbspec diff` over before-and-after pairs: one shipped spec, edited at one field (or the
/// fields that only change together). Each case pins the verdict of the field it edits; the
/// golden `Golden/diff/verdicts.txt` pins what every case does to every resource of both targets.
@Suite("Change analysis")
struct DiffTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var spec: String
        /// Text replacements made in order, each on the first occurrence.
        var edits: [(String, String)]
        var field: String
        var impact: ChangeImpact
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "rename", spec: "specs/encrypted-iam.yaml", edits: [("name: ledger", "name: ledger2")], field: "name", impact: .replacement),
        Case(name: "region", spec: "specs/read-replica.yaml", edits: [("region: us-west-2", "region: us-east-2")], field: "region", impact: .replacement),
        Case(name: "tags", spec: "specs/encrypted-iam.yaml", edits: [("team: payments", "team: billing")], field: "tags.team", impact: .inPlace),
        Case(
            name: "tag added", spec: "specs/read-replica.yaml", edits: [("region: us-west-2", "region: us-west-2\ntags: { team: shop }")], field: "tags",
            impact: .inPlace),
        Case(
            name: "vpc cidr", spec: "specs/read-replica.yaml", edits: [("cidr: 10.2.0.0/16, azs", "cidr: 10.3.0.0/16, azs")], field: "network.vpc.cidr",
            impact: .dependency),
        Case(name: "vpc azs", spec: "specs/encrypted-iam.yaml", edits: [("azs: 3", "azs: 2")], field: "network.vpc.azs", impact: .dependency),
        Case(
            name: "existing vpc", spec: "specs/postgres-existing-vpc.json", edits: [("\"id\": \"vpc-0a1b2c3d4e5f60718\"", "\"id\": \"vpc-0a1b2c3d4e5f60719\"")],
            field: "network.vpc.id", impact: .dependency),
        Case(
            name: "existing subnets", spec: "specs/postgres-existing-vpc.json", edits: [("\"subnet-1a2b3c4d5e6f70819\"", "\"subnet-1a2b3c4d5e6f70810\"")],
            field: "network.vpc.subnets", impact: .inPlace),
        Case(
            name: "allow description", spec: "specs/encrypted-iam.yaml", edits: [("applications in the VPC", "apps in the VPC")],
            field: "network.allow", impact: .inPlace),
        Case(
            name: "allow cidr", spec: "specs/read-replica.yaml", edits: [("  allow:\n    - cidr: 10.2.0.0/16", "  allow:\n    - cidr: 10.2.0.0/17")],
            field: "network.allow", impact: .inPlace),
        Case(name: "network acl", spec: "specs/mysql-cascading-replicas.yaml", edits: [("  acl: true\n", "")], field: "network.acl", impact: .inPlace),
        Case(
            name: "public", spec: "specs/postgres-existing-vpc.json", edits: [("\"allow\": [", "\"public\": true, \"allow\": [")], field: "network.public",
            impact: .inPlace),
        Case(
            name: "engine", spec: "specs/read-replica.yaml", edits: [("engine: mysql", "engine: mariadb"), ("\"8.4.8\"", "\"11.8.6\"")],
            field: "database.engine", impact: .replacement),
        Case(name: "minor version", spec: "specs/monitoring.yaml", edits: [("\"16.13\"", "\"16.12\"")], field: "database.version", impact: .downtime),
        Case(
            name: "class", spec: "specs/encrypted-iam.yaml", edits: [("class: db.t3.micro", "class: db.t3.small")], field: "database.class", impact: .downtime),
        Case(name: "multi-az off", spec: "specs/encrypted-iam.yaml", edits: [("multiAz: true", "multiAz: false")], field: "database.multiAz", impact: .inPlace),
        Case(name: "storage size", spec: "specs/encrypted-iam.yaml", edits: [("size: 20", "size: 30")], field: "database.storage.size", impact: .inPlace),
        Case(name: "storage type", spec: "specs/encrypted-iam.yaml", edits: [("type: gp3", "type: gp2")], field: "database.storage.type", impact: .downtime),
        Case(
            name: "storage autoscaling", spec: "specs/encrypted-iam.yaml", edits: [("size: 20,", "size: 20, maxSize: 100,")], field: "database.storage.maxSize",
            impact: .inPlace),
        Case(
            name: "storage iops", spec: "specs/monitoring.yaml", edits: [("size: 100, type: gp3", "size: 400, type: gp3, iops: 12000")],
            field: "database.storage.iops", impact: .inPlace),
        Case(
            name: "key", spec: "specs/encrypted-iam.yaml", edits: [("kmsKey: create", "kmsKey: alias/ledger")], field: "database.encryption.kmsKey",
            impact: .replacement),
        Case(
            name: "username", spec: "specs/encrypted-iam.yaml", edits: [("username: admin", "username: root")], field: "database.credentials.username",
            impact: .replacement),
        Case(
            name: "password managed", spec: "specs/encrypted-iam.yaml", edits: [("password: generated", "password: managed")],
            field: "database.credentials.password", impact: .dependency),
        Case(name: "iam auth off", spec: "specs/encrypted-iam.yaml", edits: [("iamAuth: true", "iamAuth: false")], field: "database.iamAuth", impact: .inPlace),
        Case(
            name: "backups off", spec: "specs/sqlserver-multi-az.yaml", edits: [("retentionDays: 7", "retentionDays: 0")],
            field: "database.backup.retentionDays", impact: .downtime),
        Case(
            name: "backups longer", spec: "specs/encrypted-iam.yaml", edits: [("retentionDays: 7", "retentionDays: 14")],
            field: "database.backup.retentionDays", impact: .inPlace),
        Case(
            name: "backup window", spec: "specs/encrypted-iam.yaml", edits: [("\"03:00-04:00\"", "\"01:00-02:00\"")], field: "database.backup.window",
            impact: .inPlace),
        Case(
            name: "maintenance window", spec: "specs/encrypted-iam.yaml", edits: [("\"sun:05:00-sun:06:00\"", "\"mon:05:00-mon:06:00\"")],
            field: "database.maintenanceWindow", impact: .inPlace),
        Case(
            name: "deletion protection off", spec: "specs/encrypted-iam.yaml", edits: [("iamAuth: true", "iamAuth: true\n  deletionProtection: false")],
            field: "database.deletionProtection", impact: .inPlace),
        Case(
            name: "port", spec: "specs/encrypted-iam.yaml", edits: [("iamAuth: true", "iamAuth: true\n  port: 3307")], field: "database.port",
            impact: .dependency),
        Case(
            name: "parameter added", spec: "specs/encrypted-iam.yaml", edits: [("iamAuth: true", "iamAuth: true\n  parameters: { max_connections: \"500\" }")],
            field: "database.parameters", impact: .inPlace),
        Case(
            name: "parameter changed", spec: "specs/mariadb-iam.yaml", edits: [("\"500\"", "\"600\"")], field: "database.parameters.max_connections",
            impact: .inPlace),
        Case(
            name: "database name", spec: "specs/encrypted-iam.yaml", edits: [("iamAuth: true", "iamAuth: true\n  dbName: ledger")], field: "database.dbName",
            impact: .replacement),
        Case(
            name: "monitoring interval", spec: "specs/monitoring.yaml", edits: [("interval: 15", "interval: 30")], field: "database.monitoring.interval",
            impact: .inPlace),
        Case(
            name: "performance insights", spec: "specs/monitoring.yaml",
            edits: [("performanceInsights: { retentionDays: 31 }", "performanceInsights: { retentionDays: 62 }")],
            field: "database.monitoring.performanceInsights.retentionDays", impact: .inPlace),
        Case(
            name: "log exports", spec: "specs/monitoring.yaml", edits: [("logs: [postgresql, upgrade]", "logs: [postgresql]")],
            field: "database.monitoring.logs", impact: .inPlace),
        Case(
            name: "licence", spec: "specs/oracle-byol.yaml", edits: [("  licenseModel: bring-your-own-license\n", "")], field: "database.licenseModel",
            impact: .none),
        Case(
            name: "character set", spec: "specs/oracle-byol.yaml", edits: [("characterSet: AL32UTF8", "characterSet: WE8ISO8859P1")],
            field: "database.characterSet", impact: .replacement),
        Case(
            name: "time zone", spec: "specs/sqlserver-multi-az.yaml", edits: [("timezone: UTC", "timezone: Pacific Standard Time")], field: "database.timezone",
            impact: .replacement),
        Case(
            name: "backtrack", spec: "specs/aurora-mysql-cluster.yaml", edits: [("backtrackHours: 24", "backtrackHours: 48")], field: "database.backtrackHours",
            impact: .inPlace),
        Case(
            name: "aurora class", spec: "specs/aurora-mysql-cluster.yaml", edits: [("class: db.r6g.large", "class: db.r6g.2xlarge")], field: "database.class",
            impact: .downtime),
        Case(
            name: "aurora database name", spec: "specs/aurora-mysql-cluster.yaml", edits: [("dbName: journal", "dbName: ledger")], field: "database.dbName",
            impact: .replacement),
        Case(
            name: "serverless capacity", spec: "specs/aurora-postgres-serverless.yaml", edits: [("max: 16", "max: 32")], field: "database.capacity.max",
            impact: .inPlace),
        Case(
            name: "aurora storage", spec: "specs/aurora-postgres-serverless.yaml", edits: [("  storage: { type: aurora-iopt1 }\n", "")],
            field: "database.storage", impact: .inPlace),
        Case(
            name: "replica added", spec: "specs/read-replica.yaml", edits: [("  - name: catalog-ro-1", "  - name: catalog-ro-1\n  - name: catalog-ro-2")],
            field: "replicas[catalog-ro-2]", impact: .inPlace),
        Case(
            name: "replica removed", spec: "specs/monitoring.yaml", edits: [("replicas:\n  - name: analytics-ro-1\n", "")], field: "replicas",
            impact: .replacement),
        Case(
            name: "replica class", spec: "specs/mysql-cascading-replicas.yaml", edits: [("class: db.m6g.xlarge", "class: db.m6g.2xlarge")],
            field: "replicas[storefront-analytics].class", impact: .downtime),
        Case(
            name: "replica source", spec: "specs/mysql-cascading-replicas.yaml", edits: [("    source: storefront-reporting\n", "")],
            field: "replicas[storefront-analytics].source", impact: .replacement),
        Case(
            name: "replica region", spec: "specs/cross-region-replica.yaml", edits: [("region: us-east-1", "region: us-east-2")],
            field: "replicas[invoices-dr].region", impact: .replacement),
        Case(
            name: "replica key", spec: "specs/cross-region-replica.yaml",
            edits: [("    encryption: { kmsKey: create }", "    encryption: { kmsKey: alias/dr }")],
            field: "replicas[invoices-dr].encryption.kmsKey", impact: .replacement),
        Case(
            name: "replica mode", spec: "specs/oracle-byol.yaml", edits: [("mode: mounted", "mode: open-read-only")], field: "replicas[erp-standby].mode",
            impact: .downtime),
        Case(
            name: "aurora reader removed", spec: "specs/aurora-mysql-cluster.yaml", edits: [("  - name: journal-reader-1\n", "")],
            field: "replicas[journal-reader-1]", impact: .downtime),
        Case(
            name: "iam role added", spec: "specs/cross-region-replica.yaml",
            edits: [
                (
                    "roles: [arn:aws:iam::123456789012:role/invoices-service]",
                    "roles: [arn:aws:iam::123456789012:role/invoices-service, arn:aws:iam::123456789012:role/audit]"
                )
            ],
            field: "iam.connect", impact: .inPlace),
        Case(name: "iam user", spec: "specs/monitoring.yaml", edits: [("user: reporting", "user: reports")], field: "iam.connect", impact: .inPlace),
        Case(
            name: "storage throughput", spec: "specs/monitoring.yaml", edits: [("size: 100, type: gp3", "size: 400, type: gp3, iops: 12000, throughput: 500")],
            field: "database.storage.throughput", impact: .inPlace),
        Case(
            name: "encryption off", spec: "specs/read-replica.yaml", edits: [("encryption: { kmsKey: create }", "encryption: { atRest: false }")],
            field: "database.encryption.atRest", impact: .replacement),
        Case(
            name: "tls optional", spec: "specs/read-replica.yaml",
            edits: [("encryption: { kmsKey: create }", "encryption: { kmsKey: create, inTransit: optional }")],
            field: "database.encryption.inTransit", impact: .dependency),
        Case(
            name: "serverless minimum", spec: "specs/aurora-postgres-serverless.yaml", edits: [("min: 0.5", "min: 1")], field: "database.capacity.min",
            impact: .inPlace),
        Case(
            name: "allow security group", spec: "specs/mariadb-iam.yaml",
            edits: [("securityGroup: sg-0a1b2c3d4e5f60718", "securityGroup: sg-0a1b2c3d4e5f60719")],
            field: "network.allow", impact: .inPlace),
        Case(
            name: "replica network", spec: "specs/cross-region-replica.yaml",
            edits: [
                ("    region: us-east-1\n", "    region: us-east-1\n    network: { vpc: { cidr: 10.61.0.0/16, azs: 2 }, allow: [{ cidr: 10.60.0.0/16 }] }\n")
            ],
            field: "replicas[invoices-dr].network", impact: .dependency),
        Case(name: "comment only", spec: "specs/encrypted-iam.yaml", edits: [("dbspec: 1", "# reviewed\ndbspec: 1")], field: "", impact: .none),
    ]

    static func edited(_ c: Case) throws -> (SourceText, SourceText) {
        let text = String(decoding: try Repo.read(c.spec), as: UTF8.self)
        var new = text
        for (from, to) in c.edits {
            let range = try #require(new.range(of: from), "\(c.name): `\(from)` is not in \(c.spec)")
            new.replaceSubrange(range, with: to)
        }
        return (SourceText(name: c.spec, text: text), SourceText(name: c.spec, text: new))
    }

    @Test(arguments: cases) func verdict(_ c: Case) throws {
        let (old, new) = try Self.edited(c)
        let diff = ChangeAnalysis().diff(old: old, new: new, name: c.spec)
        #expect(!diff.hasErrors, "\(c.name): \(diff.diagnostics.map(\.message))")
        if c.field.isEmpty {
            #expect(diff.fields.isEmpty, "\(c.name): \(diff.fields.map(\.path.description))")
            return
        }
        let field = try #require(diff.fields.first { $0.path.description == c.field }, "\(c.name): fields \(diff.fields.map(\.path.description))")
        #expect(field.impact == c.impact, "\(c.name): \(field.impact) for \(c.field)\n\(ChangeReport.text([diff]))")
        // Every change is shown for both targets, and nothing is left unexplained.
        if c.impact > .none {
            #expect(Set(field.changes.map(\.target)) == Set(Target.allCases), "\(c.name): \(field.changes.map(\.address))")
        }
    }

    /// Both targets agree on the database's fate for every case but the documented differences.
    @Test func everyVerdictIsPinned() throws {
        var out = ""
        for c in Self.cases {
            let (old, new) = try Self.edited(c)
            let diff = ChangeAnalysis().diff(old: old, new: new, name: c.spec)
            out += "## \(c.name) (\(c.spec))\n" + ChangeReport.text([diff]) + "\n"
        }
        try assertGolden(Array(out.utf8), "Tests/DBSpecTests/Golden/diff/verdicts.txt")
    }
}

/// `dbspec graph`: the picture of every shipped spec, pinned in both languages.
@Suite("Topology pictures")
struct GraphTests {
    static let specs = Repo.files(in: "specs", extensions: ["yaml", "json"])

    @Test(arguments: specs) func pictureIsPinned(_ path: String) throws {
        let topology = try #require(ChangeAnalysis().topology(SourceText(name: path, bytes: try Repo.read(path))))
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        try assertGolden(Array(topology.dot().utf8), "Tests/DBSpecTests/Golden/graph/\(name).dot")
        try assertGolden(Array(topology.mermaid().utf8), "Tests/DBSpecTests/Golden/graph/\(name).mmd")
        // Every resource that matters to a reader is drawn, and every edge joins drawn nodes.
        let ids = Set(topology.nodes.map(\.id))
        for e in topology.edges { #expect(ids.contains(e.from) && ids.contains(e.to), "\(path): \(e.from) -> \(e.to)") }
        #expect(topology.nodes.contains { $0.shape == .database }, "\(path)")
    }

    @Test func changedResourcesAreMarked() throws {
        let c = try #require(DiffTests.cases.first { $0.name == "key" })
        let (old, new) = try DiffTests.edited(c)
        let analysis = ChangeAnalysis()
        let diff = analysis.diff(old: old, new: new, name: c.spec)
        let topology = try #require(analysis.topology(new))
        let marks = analysis.marks(diff, topology: topology)
        #expect(marks["ledger-database"] == .replacement, "\(marks)")
        #expect(topology.mermaid(marked: marks).contains("class ledger_database replaced"))
        #expect(topology.dot(marked: marks).contains("fillcolor=\"#f8b4b4\""))
    }
}
