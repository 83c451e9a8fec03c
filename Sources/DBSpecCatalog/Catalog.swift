import DBSpecJSON
import Synchronization

/// The RDS facts dbspec checks specs against: engines, versions, instance classes.
///
/// The data is a JSON file (`Data/catalog.json`, built by `scripts/catalog/build_catalog.py`
/// and embedded in the binary). Only its index is read up front; an engine or class set is
/// decoded the first time a check asks for it, so start-up does not pay for the whole file.
public final class Catalog: Sendable {
    /// The bytes of the catalogue built into dbspec (`Data/catalog.json`).
    public static var builtInBytes: [UInt8] {
        let text = EmbeddedData.catalog
        return Array(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// The catalogue built into dbspec.
    public static let builtIn: Catalog = {
        do {
            return try Catalog(bytes: builtInBytes)
        } catch {
            // The embedded file is checked by the test suite; this cannot happen in a release.
            fatalError("the built-in catalogue is invalid: \(error)")
        }
    }()

    /// The date the facts were retrieved (YYYY-MM-DD).
    public let retrieved: String
    /// Engine names, sorted.
    public let engineNames: [String]

    private let bytes: [UInt8]
    private let engineRanges: [String: Range<Int>]
    private let classSetRanges: [Range<Int>]
    private let classSpecsRange: Range<Int>?
    /// Classes on which RDS cannot encrypt storage, whatever the engine.
    public let classesWithoutEncryption: Set<String>
    /// Class families of previous generations (`db.t2`, `db.m4`…).
    public let previousGenerationFamilies: Set<String>
    /// Ports SQL Server cannot listen on.
    public let sqlServerReservedPorts: Set<Int>
    private struct Cache {
        var engines: [String: EngineFacts] = [:]
        var classSets: [Int: Set<String>] = [:]
        var specs: [String: ClassSpecs]?
    }
    private let cache = Mutex(Cache())

    public init(bytes: [UInt8]) throws(CatalogError) {
        self.bytes = bytes
        let top: [(String, Range<Int>)]
        do {
            top = try JSONParser.members(bytes)
        } catch {
            throw CatalogError("catalogue is not valid JSON: \(error)")
        }
        func member(_ key: String) -> Range<Int>? { top.first { $0.0 == key }?.1 }
        guard let retrievedRange = member("retrieved"),
              case .string(let date)? = try? JSONParser.parse(bytes, range: retrievedRange)
        else { throw CatalogError("catalogue has no `retrieved` date") }
        retrieved = date
        guard let enginesRange = member("engines"), let engines = try? JSONParser.members(bytes, range: enginesRange) else {
            throw CatalogError("catalogue has no `engines` object")
        }
        engineRanges = Dictionary(engines, uniquingKeysWith: { a, _ in a })
        engineNames = engines.map(\.0).sorted()
        guard let setsRange = member("classSets"), let sets = try? JSONParser.elements(bytes, range: setsRange) else {
            throw CatalogError("catalogue has no `classSets` list")
        }
        classSetRanges = sets
        classSpecsRange = member("classSpecs")
        var unencrypted = Set<String>()
        if let range = member("classesWithoutEncryption"), case .array(let items)? = try? JSONParser.parse(bytes, range: range) {
            for case .string(let s) in items { unencrypted.insert(s) }
        }
        classesWithoutEncryption = unencrypted
        var previous = Set<String>()
        if let range = member("previousGenerationFamilies"), case .array(let items)? = try? JSONParser.parse(bytes, range: range) {
            for case .string(let s) in items { previous.insert(s) }
        }
        previousGenerationFamilies = previous
        var ports = Set<Int>()
        if let range = member("sqlServerReservedPorts"), case .array(let items)? = try? JSONParser.parse(bytes, range: range) {
            for case .int(let p) in items { ports.insert(p) }
        }
        sqlServerReservedPorts = ports
    }

    /// The family of an instance class: `db.t3.micro` → `db.t3`.
    public static func family(of instanceClass: String) -> String {
        var dots = 0
        var end = instanceClass.endIndex
        for i in instanceClass.indices where instanceClass[i] == "." {
            dots += 1
            if dots == 2 { end = i; break }
        }
        return String(instanceClass[..<end])
    }

    /// The facts about `engine`, or nil when it is not an engine the catalogue knows.
    public func engine(_ name: String) -> EngineFacts? {
        if let cached = cache.withLock({ $0.engines[name] }) { return cached }
        guard let range = engineRanges[name],
              let json = try? JSONParser.parse(bytes, range: range),
              let facts = try? EngineFacts(name: name, json: json)
        else { return nil }
        cache.withLock { $0.engines[name] = facts }
        return facts
    }

    /// Every engine's facts; for tests and for listings.
    public func allEngines() throws(CatalogError) -> [EngineFacts] {
        var out: [EngineFacts] = []
        for name in engineNames {
            guard let range = engineRanges[name], let json = try? JSONParser.parse(bytes, range: range) else {
                throw CatalogError("engine \(name) is not valid JSON")
            }
            out.append(try EngineFacts(name: name, json: json))
        }
        return out
    }

    /// How the catalogue regards `version` of `engine`.
    public func versionStatus(engine facts: EngineFacts, version: String) -> VersionStatus {
        guard facts.versionsTracked else { return .untracked }
        if facts.deprecatedVersions.contains(version) { return .deprecated }
        if facts.versions.contains(version) { return .available }
        // RDS accepts a major ("16") or major.minor ("8.0") version and picks the default minor.
        let alias = version + "."
        if facts.versions.contains(where: { $0.hasPrefix(alias) }) { return .available }
        return .unknown
    }

    /// The instance classes offered for `engine` at `version` (or for the engine in general
    /// when the catalogue has no per-version list).
    public func classes(engine facts: EngineFacts, version: String?) -> Set<String> {
        if let version, let set = facts.classSetByPrefix[EngineFacts.versionPrefix(version)] {
            return classSet(set)
        }
        return classSet(facts.classSet)
    }

    /// Every class any engine offers.
    public func allClasses() -> Set<String> {
        var all = Set<String>()
        for i in classSetRanges.indices { all.formUnion(classSet(i)) }
        return all
    }

    /// vCPUs and memory of `instanceClass`, when known.
    public func specs(of instanceClass: String) -> ClassSpecs? {
        if let specs = cache.withLock({ $0.specs }) { return specs[instanceClass] }
        var parsed: [String: ClassSpecs] = [:]
        if let range = classSpecsRange, case .object(let members)? = try? JSONParser.parse(bytes, range: range) {
            for (name, value) in members {
                guard case .int(let vcpu)? = value["vcpu"] else { continue }
                let memory: Double
                switch value["memory"] {
                case .int(let m)?: memory = Double(m)
                case .number(let text)?: memory = Double(text) ?? 0
                default: continue
                }
                parsed[name] = ClassSpecs(vcpu: vcpu, memory: memory)
            }
        }
        cache.withLock { $0.specs = parsed }
        return parsed[instanceClass]
    }

    private func classSet(_ index: Int) -> Set<String> {
        if let cached = cache.withLock({ $0.classSets[index] }) { return cached }
        guard classSetRanges.indices.contains(index),
              case .array(let items)? = try? JSONParser.parse(bytes, range: classSetRanges[index])
        else { return [] }
        var set = Set<String>()
        for case .string(let s) in items { set.insert(s) }
        cache.withLock { $0.classSets[index] = set }
        return set
    }
}
