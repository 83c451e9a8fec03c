import DBSpecKit
import Foundation
import Testing

@Suite("Spec decoder")
struct DecoderTests {
    let valid = """
        dbspec: 1
        name: orders
        region: us-west-2
        database:
          engine: mysql
          version: 8.4.8
          class: db.t3.micro
          encryption: { kmsKey: create }

        """

    @Test func decodesAValidSpecWithDefaults() throws {
        let result = check(valid)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let spec = try #require(result.spec)
        #expect(spec.database.version.value == "8.4.8")
        let storage = try #require(spec.database.instanceStorage)
        #expect(storage.size.value == 20 && !storage.size.isExplicit)
        #expect(storage.type.value == .gp3 && !storage.type.isExplicit)
        #expect(spec.database.deletionProtection.value)
        #expect(spec.database.backup.retentionDays.value == 7)
        #expect(spec.database.credentials.password.value == .managed)
        #expect(spec.database.encryption.kmsKey?.value == .create)
        guard case let .create(cidr, azs, zones, flowLogs) = spec.network.vpc else { Issue.record("expected a new VPC"); return }
        #expect(cidr.value.description == "10.0.0.0/16")
        #expect(azs.value == 2)
        #expect(zones.isEmpty)
        #expect(flowLogs.value == .reject && !flowLogs.isExplicit)
    }

    @Test func unknownKeysGetASuggestion() throws {
        let result = check(valid.replacing("  class: db.t3.micro", with: "  class: db.t3.micro\n  multiAZ: true"))
        let d = try #require(result.diagnostics.first { $0.code == "DB160" })
        #expect(d.message == "unknown key `multiAZ` in `database`")
        #expect(d.help == "did you mean `multiAz`?")
        #expect(d.range.start == SourcePosition(line: 8, column: 3))
    }

    @Test func everyProblemIsReportedInOnePass() {
        let text = """
            dbspec: 1
            name: orders
            regoin: us-west-2
            database:
              engine: postgre
              version: 16.13
              class: [db.t3.micro]
              multiAz: on
              port: "5432"

            """
        let codes = check(text).diagnostics.map(\.code)
        #expect(codes == ["DB161", "DB160", "DB163", "DB162", "DB165", "DB162"], "\(codes)")
    }

    @Test func missingRequiredKeysPointAtTheirParent() throws {
        let result = check("dbspec: 1\nname: orders\nregion: us-west-2\ndatabase:\n  engine: mysql\n  class: db.t3.micro\n")
        let d = try #require(result.diagnostics.first { $0.code == "DB161" })
        #expect(d.message == "`database` is missing the required key `version`")
        #expect(d.range.start == SourcePosition(line: 4, column: 1))
    }

    @Test(arguments: ["yes", "no", "on", "off", "Y"])
    func yaml11BooleansAreRefused(_ word: String) throws {
        let result = check(valid + "  multiAz: \(word)\n")
        let d = try #require(result.diagnostics.first)
        #expect(d.code == "DB165")
        #expect(d.range.start == SourcePosition(line: 9, column: 12))
    }

    @Test func leadingZerosAreRefused() throws {
        let d = try #require(check(valid + "  port: 03306\n").diagnostics.first)
        #expect(d.code == "DB165")
        #expect(d.help == "write `3306` without the leading zero")
    }

    @Test func floatsAreNotIntegers() throws {
        let d = try #require(check(valid + "  storage: { size: 1e3 }\n").diagnostics.first)
        #expect(d.code == "DB162")
    }

    @Test func enginesAreSuggested() throws {
        let d = try #require(check(valid.replacing("engine: mysql", with: "engine: postgre")).diagnostics.first)
        #expect(d.code == "DB163")
        #expect(d.help == "did you mean `postgres`?")
    }

    @Test func unsupportedLanguageVersion() throws {
        let d = try #require(check(valid.replacing("dbspec: 1", with: "dbspec: 2")).diagnostics.first)
        #expect(d.code == "DB164")
    }

    @Test func emptyAndNonMappingSpecs() {
        #expect(check("").diagnostics.map(\.code) == ["DB166"])
        #expect(check("just a string\n").diagnostics.map(\.code) == ["DB166"])
        #expect(check("- a\n- b\n").diagnostics.map(\.code) == ["DB166"])
    }

    @Test func networkValuesAreValidated() {
        let codes = check(valid + "network:\n  vpc: { cidr: 10.0.0.1/16 }\n  allow:\n    - cidr: 300.0.0.0/8\n    - securityGroup: sg-xyz\n    - {}\n")
            .diagnostics.map(\.code)
        #expect(codes == ["DB163", "DB163", "DB163", "DB161"], "\(codes)")
    }

    @Test func publicDatabasesNeedAnExistingVPC() throws {
        let d = try #require(check(valid + "network:\n  public: true\n").diagnostics.first)
        #expect(d.code == "DB167")
        #expect(d.range.start == SourcePosition(line: 10, column: 11))
        let existing = valid + "network:\n  vpc: { id: vpc-0123456789abcdef0, subnets: [subnet-0123456789abcdef0, subnet-1123456789abcdef0] }\n  public: true\n"
        #expect(!check(existing).hasErrors)
    }

    @Test(arguments: ["us-west-2", "eu-central-1", "us-gov-west-1", "cn-north-1", "ap-southeast-5"])
    func regionCodesAreAccepted(_ region: String) {
        #expect(check(valid.replacingOccurrences(of: "us-west-2", with: region)).diagnostics.isEmpty)
    }

    @Test(arguments: ["us-west2", "US-WEST-2", "uswest-2", "us-west-", "us-west-two", "europe-west-1", "us--west-2"])
    func regionTyposArePositioned(_ region: String) throws {
        let d = try #require(check(valid.replacingOccurrences(of: "us-west-2", with: region)).diagnostics.first)
        #expect(d.code == "DB163" && d.range.start == SourcePosition(line: 3, column: 9) && d.message.contains("Region"))
    }

    @Test func capacitiesAreNumbers() throws {
        let aurora = valid.replacingOccurrences(of: "engine: mysql", with: "engine: aurora-postgresql")
            .replacingOccurrences(of: "version: 8.4.8", with: "version: \"16.8\"").replacingOccurrences(of: "db.t3.micro", with: "db.serverless")
        let spec = try #require(check(aurora + "  capacity: { min: 0.5, max: 1e1 }\n").spec)
        #expect(spec.database.capacity?.min.value == 0.5 && spec.database.capacity?.max.value == 10)
        let quoted = check(aurora + "  capacity: { min: \"0.5\", max: .inf }\n").diagnostics.filter { $0.code.hasPrefix("DB16") }
        #expect(quoted.map(\.code) == ["DB162", "DB162"], "\(quoted)")
        #expect(quoted.first?.help == "remove the quotes")
    }

    @Test func replicaFieldsDecode() throws {
        let text =
            valid + """
                replicas:
                  - name: orders-ro
                    region: us-east-1
                    encryption: { kmsKey: alias/orders-east }
                    network: { vpc: { cidr: 10.9.0.0/16 }, allow: [{ cidr: 10.9.0.0/16 }] }
                  - name: orders-ro-2
                    source: orders-ro
                    region: us-east-1
                    mode: mounted

                """
        let spec = try #require(check(text).spec)
        let (east, chained) = (spec.replicas[0], spec.replicas[1])
        #expect(east.region?.value == "us-east-1" && east.kmsKey?.value == .alias(name: "alias/orders-east", region: nil))
        #expect(spec.isCrossRegion(east) && !spec.isCrossRegion(chained))
        #expect(spec.region(of: chained) == "us-east-1" && spec.sourceRegion(of: chained) == "us-east-1")
        guard case .create(let cidr, _, _, _)? = east.network?.vpc else { Issue.record("expected the replica's own VPC"); return }
        #expect(cidr.value.description == "10.9.0.0/16")
        #expect(chained.source?.value == "orders-ro" && chained.mode?.value == "mounted")
        // Problems inside a replica's network are reported at their own path.
        let bad = check(valid + "replicas:\n  - name: orders-ro\n    network: { vpc: { cidr: 10.9.0.1/16 } }\n").diagnostics
        #expect(bad.contains { $0.code == "DB163" && $0.path == "replicas[0].network.vpc.cidr" }, "\(bad)")
    }

    @Test func replicasAreOrderedAfterTheirSources() throws {
        let text = valid + "replicas:\n  - name: c\n    source: b\n  - name: b\n    source: a\n  - name: a\n  - name: x\n"
        let spec = try #require(check(text).spec)
        #expect(spec.replicasInSourceOrder.map(\.name.value) == ["a", "x", "b", "c"])
    }

    @Test func replicaSourcesMustNameAnotherReplicaWithoutACycle() throws {
        let text =
            valid + """
                replicas:
                  - name: a
                    source: b
                  - name: b
                    source: a
                  - name: c
                    source: c
                  - name: d
                    source: orders-ro

                """
        let result = check(text)
        let found = result.diagnostics.filter { $0.code == "DB163" }
        #expect(found.map(\.range.start.line) == [11, 13, 15, 17], "\(found)")
        #expect(found.map(\.path) == ["replicas[0].source", "replicas[1].source", "replicas[2].source", "replicas[3].source"])
        // Refused sources are dropped, so the rest of the pipeline sees every replica of the primary.
        #expect(try #require(result.spec).replicas.allSatisfy { $0.source == nil })
    }

    @Test func existingVPCNeedsSubnetsAndExcludesCidr() {
        let codes = check(valid + "network:\n  vpc: { id: vpc-0123456789abcdef0, cidr: 10.0.0.0/16 }\n").diagnostics.map(\.code)
        #expect(codes == ["DB161", "DB167"], "\(codes)")
    }
}

@Suite("KMS key references")
struct KMSKeyReferenceTests {
    /// A reference is parsed once, in the model: the alias's name and the ARN's Region are
    /// what rules and lowering read.
    @Test func referencesAreParsedOnce() {
        #expect(KMSKey(parsing: "create") == .create)
        #expect(KMSKey(parsing: "alias/orders") == .alias(name: "alias/orders", region: nil))
        #expect(
            KMSKey(parsing: "arn:aws:kms:us-east-1:123456789012:alias/orders-east") == .alias(name: "alias/orders-east", region: "us-east-1"))
        #expect(
            KMSKey(parsing: "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")
                == .arn("arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", region: "us-gov-west-1"))
        #expect(KMSKey(parsing: "alias/orders")?.region == nil)
        for bad in ["alias/", "orders", "arn:aws:s3:::bucket", ""] { #expect(KMSKey(parsing: bad) == nil, "\(bad)") }
    }
}

@Suite("CIDR")
struct CIDRTests {
    @Test(arguments: ["10.0.0.0/16", "0.0.0.0/0", "255.255.255.255/32", "192.168.1.0/24", "10.1.2.3/8"])
    func parsesValidRanges(_ text: String) throws {
        let cidr = try #require(CIDR(text))
        #expect(cidr.description == text)
    }

    @Test(arguments: [
        "", "10.0.0.0", "10.0.0/16", "10.0.0.0.0/16", "256.0.0.0/8", "10.0.0.0/33", "10.00.0.0/16",
        "10.0.0.0/016", "a.b.c.d/8", "10.0.0.0/", "/16", "10..0.0/16", "10.0.0.0/1/2", " 10.0.0.0/16",
    ])
    func refusesMalformedRanges(_ text: String) {
        #expect(CIDR(text) == nil)
    }
}

@Suite("Identifiers")
struct IdentifierTests {
    @Test func uppercaseIdentifiersAreStoredInLowercaseWithAWarning() throws {
        let text =
            "dbspec: 1\nname: Orders\nregion: us-west-2\ndatabase:\n  engine: mysql\n  version: \"8.4.8\"\n"
            + "  class: db.t3.micro\n  encryption: { kmsKey: create }\n  credentials: { password: generated }\nreplicas:\n  - name: Orders-RO\n  - name: orders-ro-2\n    source: ORDERS-ro\n"
        let result = check(text)
        #expect(!result.hasErrors, "\(result.diagnostics)")
        let warnings = result.diagnostics.filter { $0.code == "DB168" }
        #expect(warnings.map(\.path) == ["name", "replicas[0].name", "replicas[1].source"], "\(warnings)")
        #expect(warnings.first?.severity == .warning)
        #expect(warnings.first?.help == "write `orders`")
        let spec = try #require(result.spec)
        #expect(spec.name.value == "orders")
        #expect(spec.replicas.map(\.name.value) == ["orders-ro", "orders-ro-2"])
        #expect(spec.source(of: spec.replicas[1])?.name.value == "orders-ro")
    }
}

@Suite("One description of the language")
struct SchemaOwnershipTests {
    /// Bounds are written once, in `SpecSchema`: the decoder reads them from there, so the
    /// JSON Schema (`dbspec schema`) and the checks cannot disagree.
    @Test func theDecoderWritesNoBoundsOfItsOwn() throws {
        let decoder = String(decoding: try Repo.read("Sources/DBSpecDecoder/SpecDecoder.swift"), as: UTF8.self)
        #expect(!decoder.contains("bounds: ("), "SpecDecoder.swift has literal bounds; put them in SpecSchema")
        // And the bounds the schema gives are the ones the decoder enforces.
        let result = check(
            "dbspec: 1\nname: orders\nregion: us-west-2\nnetwork:\n  vpc: { cidr: 10.0.0.0/16, azs: 9 }\ndatabase:\n  engine: mysql\n"
                + "  version: \"8.4.8\"\n  class: db.t3.micro\n  port: 80\n  encryption: { kmsKey: create }\n")
        #expect(result.diagnostics.map(\.message).contains("`network.vpc.azs` is 9, outside 2 to 6"), "\(result.diagnostics)")
        #expect(result.diagnostics.map(\.message).contains("`database.port` is 80, outside 1150 to 65535"), "\(result.diagnostics)")
    }
}

/// The README's table of the spec language states each literal default of the schema: a
/// changed default that the README still gives the old way fails here.
@Suite("README and schema")
struct ReadmeDefaultsTests {
    /// Defaults the README says in words, with the words it uses.
    static let inWords: [String: String] = [
        "database.encryption.atRest": "encrypted",
        "database.monitoring.interval": "off",
        "database.monitoring.performanceInsights.retentionDays": "off",
        "database.backtrackHours": "off",
    ]

    /// The weekly window pattern's days, written out for start-up's sake, are `weekdays`.
    @Test func weekdayPatternSpellsTheWeekdays() {
        let built =
            "^(" + SpecSchema.weekdays.map { d in d.map { c in "[\(c)\(c.uppercased())]" }.joined() }.joined(separator: "|") + "):"
        #expect(SpecSchema.weeklyWindowPattern.hasPrefix(built), "\(SpecSchema.weeklyWindowPattern)")
    }

    @Test func everySchemaDefaultIsTheReadmes() throws {
        let readme = String(decoding: try Repo.read("README.md"), as: UTF8.self)
        // Rows of the spec language table: key cell → default cell.
        var rows: [String: String] = [:]
        for line in readme.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 5 else { continue }
            for key in cells[1].split(separator: "`", omittingEmptySubsequences: false).enumerated().filter({ $0.offset % 2 == 1 }).map({ String($0.element) })
            {
                rows[key] = cells[cells.count - 2]
            }
        }
        var checked = 0
        func visit(_ object: ObjectSchema, _ path: String) {
            for field in object.fields {
                let here = path.isEmpty ? field.name : path + "." + field.name
                if case .object(let inner) = field.kind { visit(inner, here) }
                guard let value = field.defaultValue, path.hasPrefix("database") || path.hasPrefix("network") || path.isEmpty,
                    !here.hasPrefix("replicas"), field.name != "username"
                else { continue }
                // The row of the field, or of the nearest object above it.
                var key = here
                while rows[key] == nil, let dot = key.lastIndex(of: ".") { key = String(key[..<dot]) }
                guard let cell = rows[key] else {
                    Issue.record("README has no row for \(here)")
                    continue
                }
                let expected = Self.inWords[here] ?? value
                #expect(cell.contains(expected), "README's default for \(here) (row `\(key)`: \(cell)) does not say \(expected)")
                checked += 1
            }
        }
        visit(SpecSchema.root, "")
        #expect(checked >= 15, "only \(checked) defaults checked")
    }
}

/// The defaults that depend on the engine, decided once for rules and lowering.
@Suite("Resolved database")
struct ResolveTests {
    func resolved(_ engine: String, _ version: String, _ extra: String = "") throws -> ResolvedDatabase {
        let text = """
            dbspec: 1
            name: orders
            region: us-west-2
            database:
              engine: \(engine)
              version: "\(version)"
              class: db.m6i.large
              encryption: { kmsKey: create }
            \(extra)
            """
        return try #require(Compiler().check(SourceText(name: "x.yaml", text: text)).spec).database
    }

    @Test func portsAndLicencesComeFromTheEngine() throws {
        let postgres = try resolved("postgres", "16.13")
        #expect(postgres.port.value == 5432 && !postgres.port.isExplicit)
        #expect(postgres.licenseModel?.value == "postgresql-license" && !postgres.statesLicenseModel)
        let oracle = try resolved("oracle-ee", "19")
        #expect(oracle.port.value == 1521 && oracle.licenseModel?.value == "bring-your-own-license" && oracle.statesLicenseModel)
        let sqlserver = try resolved("sqlserver-se", "16.00")
        #expect(sqlserver.port.value == 1433 && sqlserver.licenseModel?.value == "license-included" && sqlserver.statesLicenseModel)
        #expect(sqlserver.generatedPasswordLength <= 30)
        let own = try resolved("mysql", "8.4.8", "  port: 3307\n  licenseModel: general-public-license")
        #expect(own.port.value == 3307 && own.port.isExplicit && own.statesLicenseModel)
    }

    /// The schema's storage defaults are an instance's: an Aurora cluster's storage is the
    /// cluster's, with a type only when the spec writes one, and no size at all.
    @Test func auroraStorageIsOnlyWhatTheSpecWrites() throws {
        let standard = try #require(try resolved("aurora-postgresql", "16.8").clusterStorage)
        #expect(standard.type == nil && standard.written == nil)
        let optimized = try #require(try resolved("aurora-postgresql", "16.8", "  storage: { type: aurora-iopt1 }").clusterStorage)
        #expect(optimized.type?.value == .auroraIOOptimized && optimized.type?.isExplicit == true && optimized.written != nil)
        #expect(try resolved("aurora-mysql", "8.0.mysql_aurora.3.10.1", "  storage: { type: aurora }").clusterStorage?.type?.value == .aurora)
        // An instance's type written for a cluster is not the cluster's (DB106 refuses it).
        let written = try #require(try resolved("aurora-mysql", "8.0.mysql_aurora.3.10.1", "  storage: { type: gp3 }").clusterStorage)
        #expect(written.type == nil && written.written?.type.value == .gp3)
        let instance = try resolved("postgres", "16.13")
        #expect(instance.clusterStorage == nil && !instance.isCluster && instance.instanceStorage?.size.value == 20)
    }

    /// Instance storage written for a cluster is one mistake, reported once: the instance storage
    /// rules never see a cluster's storage.
    @Test func instanceStorageOnAClusterIsReportedOnce() throws {
        let text = """
            dbspec: 1
            name: orders
            region: us-west-2
            database:
              engine: aurora-mysql
              version: "8.0.mysql_aurora.3.10.1"
              class: db.r6g.large
              storage: { type: standard, throughput: 300, maxSize: 30 }
              encryption: { kmsKey: create }
            """
        let result = Compiler().check(SourceText(name: "x.yaml", text: text))
        #expect(result.diagnostics.map(\.code) == ["DB106"], "\(result.diagnostics)")
    }

    /// The master user name's default depends on the engine: PostgreSQL reserves `admin`.
    @Test func masterUserNamesDefaultPerEngine() throws {
        for (engine, version, name) in [
            ("postgres", "16.13", "postgres"), ("aurora-postgresql", "16.8", "postgres"), ("mysql", "8.4.8", "admin"),
            ("aurora-mysql", "8.0.mysql_aurora.3.10.1", "admin"), ("mariadb", "11.4.5", "admin"), ("oracle-ee", "19", "admin"),
            ("sqlserver-se", "16.00", "admin"),
        ] {
            let username = try resolved(engine, version).credentials.username
            #expect(username.value == name && !username.isExplicit, "\(engine)")
        }
        let own = try resolved("postgres", "16.13", "  credentials: { username: app }").credentials.username
        #expect(own.value == "app" && own.isExplicit)
    }
}
