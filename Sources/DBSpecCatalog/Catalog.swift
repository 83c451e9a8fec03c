import DBSpecJSON
import Synchronization

/// The RDS facts dbspec checks specs against: engines, versions, instance classes, limits.
///
/// The built-in catalogue is split into files in `Data/` (built by
/// `scripts/catalog/build_catalog.py` and embedded in the binary): `catalog.json`, the index
/// and the facts that are not per engine; `engine-NAME.json`, one per engine; and
/// `class-specs.json`, the sizes of instance classes. A check reads the index, the spec's
/// engine, and the sizes only when it compares classes, so start-up does not pay for the
/// rest. A catalogue written by `dbspec catalog import` is one file with the same content:
/// `engines` and `classSpecs` inline.
public final class Catalog: Sendable {
    /// The catalogue built into dbspec.
    public static let builtIn: Catalog = {
        do {
            return try Catalog(builtInIndex: embedded("catalog"))
        } catch {
            // The embedded files are checked by the test suite; this cannot happen in a release.
            fatalError("the built-in catalogue is invalid: \(error)")
        }
    }()

    /// The date the facts were retrieved (YYYY-MM-DD).
    public let retrieved: String
    /// Engine names, sorted.
    public let engineNames: [String]
    /// Class families of previous generations (`db.t2`, `db.m4`…).
    public let previousGenerationFamilies: Set<String>
    /// Ports SQL Server cannot listen on.
    public let sqlServerReservedPorts: Set<Int>

    /// Where a part of the catalogue is: an embedded file, or a range of `bytes`.
    private enum Part: Sendable {
        case embedded(String)
        case range(Range<Int>)
    }

    private let bytes: [UInt8]
    private let engineParts: [String: Part]
    private let classSpecsPart: Part?

    private struct Cache {
        var engines: [String: EngineFacts] = [:]
        var classSets: [String: Set<String>] = [:]
        var specs: [String: ClassSpecs]?
    }
    private let cache = Mutex(Cache())

    /// Reads a one-file catalogue, as `dbspec catalog import` writes it.
    public convenience init(bytes: [UInt8]) throws(CatalogError) {
        try self.init(bytes: bytes, builtIn: false)
    }

    private convenience init(builtInIndex bytes: [UInt8]) throws(CatalogError) {
        try self.init(bytes: bytes, builtIn: true)
    }

    private init(bytes: [UInt8], builtIn: Bool) throws(CatalogError) {
        self.bytes = bytes
        let top: [(String, Range<Int>)]
        do {
            top = try JSONParser.members(bytes)
        } catch {
            throw CatalogError("catalogue is not valid JSON: \(error)")
        }
        func value(_ key: String) -> JSONValue? {
            guard let range = top.first(where: { $0.0 == key })?.1 else { return nil }
            return try? JSONParser.parse(bytes, range: range)
        }
        func strings(_ key: String) -> [String] {
            guard case .array(let items)? = value(key) else { return [] }
            return items.compactMap { if case .string(let s) = $0 { return s }; return nil }
        }
        guard case .string(let date)? = value("retrieved") else { throw CatalogError("catalogue has no `retrieved` date") }
        retrieved = date
        previousGenerationFamilies = Set(strings("previousGenerationFamilies"))
        var ports = Set<Int>()
        if case .array(let items)? = value("sqlServerReservedPorts") { for case .int(let p) in items { ports.insert(p) } }
        sqlServerReservedPorts = ports
        if builtIn {
            let names = strings("engineNames")
            engineNames = names.sorted()
            engineParts = Dictionary(names.map { ($0, Part.embedded("engine-" + $0)) }, uniquingKeysWith: { a, _ in a })
            classSpecsPart = .embedded("class-specs")
        } else {
            guard let enginesRange = top.first(where: { $0.0 == "engines" })?.1,
                  let engines = try? JSONParser.members(bytes, range: enginesRange)
            else { throw CatalogError("catalogue has no `engines` object") }
            engineNames = engines.map(\.0).sorted()
            engineParts = Dictionary(engines.map { ($0.0, Part.range($0.1)) }, uniquingKeysWith: { a, _ in a })
            classSpecsPart = top.first(where: { $0.0 == "classSpecs" }).map { .range($0.1) }
        }
    }

    /// The bytes of an embedded data file.
    static func embedded(_ name: String) -> [UInt8] {
        guard let text = EmbeddedData.named(name) else { return [] }
        return Array(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private func bytes(of part: Part) -> [UInt8] {
        switch part {
        case .embedded(let name): return Self.embedded(name)
        case .range(let range): return Array(bytes[range])
        }
    }

    /// The facts about `engine`, or nil when it is not an engine the catalogue knows.
    public func engine(_ name: String) -> EngineFacts? {
        if let cached = cache.withLock({ $0.engines[name] }) { return cached }
        guard let part = engineParts[name], let facts = try? EngineFacts(name: name, bytes: bytes(of: part)) else { return nil }
        cache.withLock { $0.engines[name] = facts }
        return facts
    }

    /// Every engine's facts; checks that the whole catalogue decodes.
    public func allEngines() throws(CatalogError) -> [EngineFacts] {
        var out: [EngineFacts] = []
        for name in engineNames {
            guard let part = engineParts[name] else { throw CatalogError("engine \(name) is missing") }
            let facts = try EngineFacts(name: name, bytes: bytes(of: part))
            for i in facts.classSetRanges.indices { _ = try facts.classSet(i) }
            out.append(facts)
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
        let index = version.flatMap { facts.classSetByPrefix[EngineFacts.versionPrefix($0)] } ?? facts.classSet
        let key = facts.name + "#" + String(index)
        if let cached = cache.withLock({ $0.classSets[key] }) { return cached }
        let set = (try? facts.classSet(index)) ?? []
        cache.withLock { $0.classSets[key] = set }
        return set
    }

    /// Whether `instanceClass` is offered for `engine` at `version`; cheaper than `classes`.
    public func offers(_ instanceClass: String, engine facts: EngineFacts, version: String?) -> Bool {
        let index = version.flatMap { facts.classSetByPrefix[EngineFacts.versionPrefix($0)] } ?? facts.classSet
        return facts.classSet(index, contains: instanceClass)
    }

    /// vCPUs and memory of `instanceClass`, when known.
    public func specs(of instanceClass: String) -> ClassSpecs? {
        if let specs = cache.withLock({ $0.specs }) { return specs[instanceClass] }
        var parsed: [String: ClassSpecs] = [:]
        if let part = classSpecsPart, case .object(let members)? = try? JSONParser.parse(bytes(of: part)) {
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

    /// The family of an instance class: `db.t3.micro` → `db.t3`.
    public static func family(of instanceClass: String) -> String { firstTwoParts(instanceClass) }
}
