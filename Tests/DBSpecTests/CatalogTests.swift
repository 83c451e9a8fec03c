import DBSpecCatalog
import DBSpecJSON
import DBSpecKit
import Testing

@Suite("Catalogue")
struct CatalogTests {
    let catalog = Catalog.builtIn

    @Test func everyEngineDecodes() throws {
        let engines = try catalog.allEngines()
        #expect(engines.count == catalog.engineNames.count)
        #expect(Set(catalog.engineNames).isSuperset(of: ["mysql", "mariadb", "postgres", "oracle-ee", "sqlserver-ee", "aurora-mysql"]))
        for engine in engines {
            #expect(!catalog.classes(engine: engine, version: nil).isEmpty, "\(engine.name) has no classes")
            #expect(engine.defaultPort >= 1150)
        }
    }

    @Test func classesArePerEngineAndVersion() throws {
        let mysql = try #require(catalog.engine("mysql"))
        let mysql80 = catalog.classes(engine: mysql, version: "8.4.8")
        #expect(mysql80.contains("db.t3.micro"))
        #expect(!mysql80.contains("db.t2.micro"))
        #expect(!mysql80.contains("db.serverless"))
        let postgres = try #require(catalog.engine("postgres"))
        #expect(catalog.classes(engine: postgres, version: "16.13").contains("db.t3.micro"))
    }

    @Test func offersAgreesWithTheDecodedClassSets() throws {
        for engine in try catalog.allEngines() {
            let all = catalog.classes(engine: engine, version: nil)
            for version in [nil] + engine.versions.suffix(2).map(Optional.some) {
                let offered = catalog.classes(engine: engine, version: version)
                for c in all.union(["db.t3", "db.t3.micr", "t3.micro", "db.t3.micro2"]) {
                    #expect(catalog.offers(c, engine: engine, version: version) == offered.contains(c), "\(engine.name) \(version ?? "-") \(c)")
                }
            }
        }
    }

    @Test func versionStatus() throws {
        let mysql = try #require(catalog.engine("mysql"))
        #expect(catalog.versionStatus(engine: mysql, version: "8.4.8") == .available)
        #expect(catalog.versionStatus(engine: mysql, version: "8.0") == .available)
        #expect(catalog.versionStatus(engine: mysql, version: "8.0.23") == .deprecated)
        #expect(catalog.versionStatus(engine: mysql, version: "9.9.9") == .unknown)
        #expect(catalog.versionStatus(engine: try #require(catalog.engine("oracle-ee")), version: "19") == .untracked)
    }

    @Test func classSpecsOrderSizes() throws {
        let micro = try #require(catalog.specs(of: "db.t3.micro"))
        let large = try #require(catalog.specs(of: "db.r6g.large"))
        #expect(micro.vcpu == 2 && micro.memory == 1)
        #expect(large.vcpu == 2 && large.memory == 16)
        #expect(catalog.specs(of: "db.m6g.4xlarge")?.vcpu == 16)
        #expect(catalog.specs(of: "db.nothing.large") == nil && catalog.specs(of: "db.t3") == nil)
    }

    /// Classes are looked up one at a time in the table's JSON; every one must read as the
    /// whole table says, in the built-in catalogue and in the pretty-printed one-file form.
    @Test func classLookupsMatchTheWholeTable() throws {
        guard case .object(let table) = try JSONParser.parse(Repo.read("Sources/DBSpecCatalog/Data/class-specs.json")) else {
            Issue.record("class-specs.json is not an object"); return
        }
        let pretty = try Catalog(bytes: JSONWriter.pretty(CatalogImport.builtInJSON()))
        for (name, value) in table {
            guard case .int(let vcpu)? = value["vcpu"] else { continue }
            for c in [catalog, pretty] {
                #expect(c.specs(of: name)?.vcpu == vcpu, "\(name)")
            }
        }
        // Versions are looked up the same way.
        let mysql = try #require(catalog.engine("mysql"))
        for v in mysql.versions { #expect(catalog.versionStatus(engine: mysql, version: v) == .available, "\(v)") }
        for v in mysql.deprecatedVersions { #expect(catalog.versionStatus(engine: mysql, version: v) == .deprecated, "\(v)") }
        #expect(catalog.versionStatus(engine: mysql, version: "8.0") == .available)
        #expect(catalog.versionStatus(engine: mysql, version: "8.0.4") == .unknown)
    }

    @Test func oneFileFormMatchesTheSplitBuiltIn() throws {
        let single = try Catalog(bytes: JSONWriter.compact(CatalogImport.builtInJSON()))
        #expect(single.engineNames == catalog.engineNames)
        #expect(single.retrieved == catalog.retrieved)
        for engine in try single.allEngines() {
            let builtIn = try #require(catalog.engine(engine.name))
            #expect(engine.versions == builtIn.versions && engine.storageTypes == builtIn.storageTypes)
            for type in engine.storageTypes { #expect(engine.storage(type) == builtIn.storage(type)) }
            #expect(single.classes(engine: engine, version: engine.versions.last) == catalog.classes(engine: builtIn, version: builtIn.versions.last))
        }
        #expect(single.specs(of: "db.r6g.large") == catalog.specs(of: "db.r6g.large"))
    }

    @Test func regionsAreKnownWithoutDecodingTheList() throws {
        #expect(catalog.listsRegions && catalog.regions.count > 20)
        for region in catalog.regions { #expect(catalog.knowsRegion(region), "\(region)") }
        for name in ["us-west-22", "us-west", "", "\"", "us-west-2\"", "\"us-west-2", "US-WEST-2"] {
            #expect(!catalog.knowsRegion(name), "\(name)")
        }
        // A one-file catalogue (pretty or compact) answers the same.
        let pretty = try Catalog(bytes: JSONWriter.pretty(CatalogImport.builtInJSON()))
        #expect(pretty.regions == catalog.regions && pretty.knowsRegion("eu-central-1") && !pretty.knowsRegion("eu-central-9"))
    }

    @Test func timeZonesAndCharacterSetsAreKnownWithoutDecodingTheLists() throws {
        #expect(catalog.sqlServerTimeZones.count > 50 && catalog.oracleCharacterSets.count > 20)
        for zone in catalog.sqlServerTimeZones { #expect(catalog.listsSQLServerTimeZone(zone) == true, "\(zone)") }
        for set in catalog.oracleCharacterSets { #expect(catalog.listsOracleCharacterSet(set) == true, "\(set)") }
        for value in ["Pacific Standard", "pacific standard time", "", "\"", "UTC\"", "AL32UTF8 ", "Zürich Standard Time", "AL32UTF8\\"] {
            #expect(catalog.listsSQLServerTimeZone(value) == false, "\(value)")
            #expect(catalog.listsOracleCharacterSet(value) == false, "\(value)")
        }
        // A catalogue without the lists refuses nothing.
        let bare = try Catalog(bytes: Array(#"{"retrieved": "2026-01-01", "engines": {}}"#.utf8))
        #expect(bare.listsSQLServerTimeZone("UTC") == nil && bare.listsOracleCharacterSet("AL32UTF8") == nil)
    }

    @Test func regionClassListsAreFoundInTheEmbeddedFiles() throws {
        // The Region files are embedded minified; each engine's list for a Region it sells in
        // is found, and matches the repository's file.
        for name in catalog.engineNames {
            let engine = try #require(catalog.engine(name))
            guard case .object(let regions) = try JSONParser.parse(Repo.read("Sources/DBSpecCatalog/Data/regions-\(name).json")) else {
                Issue.record("regions-\(name).json is not an object"); continue
            }
            for (region, value) in regions.prefix(3) {
                guard case .object(let licenses) = value else { continue }
                for (license, list) in licenses {
                    guard case .array(let items) = list else { continue }
                    let expected = items.compactMap { item -> String? in if case .string(let s) = item { s } else { nil } }
                    #expect(catalog.classes(engine: engine, region: region, license: license) == expected, "\(name) \(region) \(license)")
                }
            }
            #expect(catalog.classes(engine: engine, region: "xx-nowhere-1", license: "license-included") == nil)
        }
    }

    @Test func catalogueNamesItsDate() {
        #expect(catalog.retrieved.count == 10)
    }
}
