import DBSpecJSON

/// Refreshes a catalogue from what the AWS CLI prints:
/// `aws rds describe-db-engine-versions --engine E` (`{"DBEngineVersions": [...]}`) and
/// `aws rds describe-orderable-db-instance-options --engine E` (`{"OrderableDBInstanceOptions": [...]}`).
///
/// For each engine in the input that the catalogue knows, the import replaces its version lists
/// (from `Status`) and its instance classes (per engine version prefix, and for the engine as a
/// whole). Facts the API does not give (ports, limits, name rules) stay as they are.
public enum CatalogImport {
    public struct Summary: Sendable, Equatable {
        public var engines: [String] = []
        public var versions = 0
        public var classRows = 0
        /// Engines in the input that the catalogue has no facts for; left out.
        public var skippedEngines: [String] = []
    }

    /// Merges `documents` (parsed AWS CLI outputs) into `base` (a parsed catalogue).
    public static func merge(base: JSONValue, documents: [JSONValue], retrieved: String) throws(CatalogError) -> (JSONValue, Summary) {
        guard case .object(var top) = base, case .object(var engines)? = base["engines"] else {
            throw CatalogError("the base catalogue has no `engines`")
        }
        var summary = Summary()
        var versions: [String: (available: Set<String>, deprecated: Set<String>)] = [:]
        var classes: [String: [String: Set<String>]] = [:]  // engine → version prefix → classes
        // engine → feature → version prefix → classes that lack it (a class lacks a feature when
        // no row for it at that prefix says it has it)
        var has: [String: [String: [String: Set<String>]]] = [:]
        var recognised = false
        for document in documents {
            if case .array(let rows)? = document["DBEngineVersions"] {
                recognised = true
                for row in rows {
                    guard case .string(let engine)? = row["Engine"], case .string(let version)? = row["EngineVersion"] else {
                        throw CatalogError("a DBEngineVersions entry lacks Engine or EngineVersion")
                    }
                    // In place: a copy of the engine's sets per row made an import quadratic.
                    if case .string("deprecated")? = row["Status"] {
                        versions[engine, default: ([], [])].deprecated.insert(version)
                    } else {
                        versions[engine, default: ([], [])].available.insert(version)
                    }
                }
            }
            if case .array(let rows)? = document["OrderableDBInstanceOptions"] {
                recognised = true
                for row in rows {
                    guard case .string(let engine)? = row["Engine"], case .string(let version)? = row["EngineVersion"],
                        case .string(let instanceClass)? = row["DBInstanceClass"]
                    else { throw CatalogError("an OrderableDBInstanceOptions entry lacks Engine, EngineVersion or DBInstanceClass") }
                    let prefix = EngineFacts.versionPrefix(version)
                    classes[engine, default: [:]][prefix, default: []].insert(instanceClass)
                    for (feature, column) in CatalogImport.features where row[column] == .bool(true) {
                        has[engine, default: [:]][feature, default: [:]][prefix, default: []].insert(instanceClass)
                    }
                    summary.classRows += 1
                }
            }
        }
        guard recognised else {
            throw CatalogError("found neither DBEngineVersions nor OrderableDBInstanceOptions; give the JSON the AWS CLI prints")
        }

        for engine in Set(versions.keys).union(classes.keys).sorted() {
            guard let i = engines.firstIndex(where: { $0.0 == engine }), case .object(var entry) = engines[i].1 else {
                summary.skippedEngines.append(engine)
                continue
            }
            func set(_ key: String, _ value: JSONValue) {
                if let k = entry.firstIndex(where: { $0.0 == key }) { entry[k].1 = value } else { entry.append((key, value)) }
            }
            if let v = versions[engine] {
                set("versions", .array(v.available.sorted().map { .string($0) }))
                set("deprecatedVersions", .array(v.deprecated.sorted().map { .string($0) }))
                set("versionsTracked", .bool(true))
                summary.versions += v.available.count + v.deprecated.count
            }
            if let byPrefix = classes[engine] {
                // The engine's class sets are rebuilt from the import; identical lists are shared.
                var classSets: [JSONValue] = []
                var setIndexes: [[String]: Int] = [:]
                func setIndex(_ set: Set<String>) -> Int {
                    let sorted = set.sorted()
                    if let i = setIndexes[sorted] { return i }
                    setIndexes[sorted] = classSets.count
                    classSets.append(.array(sorted.map { .string($0) }))
                    return classSets.count - 1
                }
                set("classesByVersion", .object(byPrefix.sorted { $0.key < $1.key }.map { ($0.key, .int(setIndex($0.value))) }))
                set("classes", .int(setIndex(byPrefix.values.reduce(into: Set<String>()) { $0.formUnion($1) })))
                set("classSets", .array(classSets))
                // Per-class feature support, as the lists of classes that lack each feature.
                var without: [(String, JSONValue)] = []
                for (feature, _) in CatalogImport.features {
                    var byVersion: [(String, JSONValue)] = []
                    for (prefix, offered) in byPrefix.sorted(by: { $0.key < $1.key }) {
                        let lacking = offered.subtracting(has[engine]?[feature]?[prefix] ?? [])
                        if !lacking.isEmpty { byVersion.append((prefix, .array(lacking.sorted().map { .string($0) }))) }
                    }
                    without.append((feature, .object(byVersion)))
                }
                set("classesWithout", .object(without))
            }
            engines[i].1 = .object(entry)
            summary.engines.append(engine)
        }
        for (key, value) in [("engines", JSONValue.object(engines)), ("retrieved", .string(retrieved))] {
            if let k = top.firstIndex(where: { $0.0 == key }) { top[k].1 = value } else { top.append((key, value)) }
        }
        var sources: [JSONValue] = []
        if case .array(let existing)? = base["sources"] { sources = existing }
        sources.append(
            .object([
                ("what", .string("engine versions and instance classes of " + summary.engines.joined(separator: ", "))),
                ("from", .string("aws rds describe-db-engine-versions / describe-orderable-db-instance-options, imported with dbspec catalog import")),
                ("retrieved", .string(retrieved)),
            ]))
        if let k = top.firstIndex(where: { $0.0 == "sources" }) { top[k].1 = .array(sources) } else { top.append(("sources", .array(sources))) }
        return (.object(top), summary)
    }

    /// Per-class features the import keeps, with the OrderableDBInstanceOption column that says so.
    static let features: [(String, String)] = [
        ("iamAuth", "SupportsIAMDatabaseAuthentication"),
        ("performanceInsights", "SupportsPerformanceInsights"),
        ("storageEncryption", "SupportsStorageEncryption"),
        ("multiAZ", "MultiAZCapable"),
        ("readReplica", "ReadReplicaCapable"),
    ]

    /// The built-in catalogue as one JSON document, the form an import writes.
    public static func builtInJSON() throws(CatalogError) -> JSONValue {
        do {
            guard case .object(var members) = try JSONParser.parse(Catalog.embedded("catalog")) else {
                throw CatalogError("the built-in index is not an object")
            }
            var names: [String] = []
            if case .array(let items)? = JSONValue.object(members)["engineNames"] {
                for case .string(let n) in items { names.append(n) }
            }
            members.removeAll { $0.0 == "engineNames" }
            var engines: [(String, JSONValue)] = []
            for name in names { engines.append((name, try JSONParser.parse(Catalog.embedded("engine-" + name)))) }
            members.append(("classSpecs", try JSONParser.parse(Catalog.embedded("class-specs"))))
            members.append(("engines", .object(engines)))
            return .object(members)
        } catch let error as CatalogError {
            throw error
        } catch {
            throw CatalogError("the built-in catalogue is invalid: \(error)")
        }
    }
}
