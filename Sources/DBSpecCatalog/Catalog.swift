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
    public let previousGenerationFamilies: [String]
    /// Ports SQL Server cannot listen on.
    public let sqlServerReservedPorts: [Int]
    /// The time zones SQL Server takes (Windows IDs) and Oracle's DB character sets; empty when
    /// the catalogue does not list them, and then no value is refused.
    /// Decoded when a rule asks (a spec with a time zone or a character set): the two lists
    /// are most of the index, and decoding them cost more than all the rules of a check.
    public var sqlServerTimeZones: [String] { strings(at: sqlServerTimeZonesRange) }
    public var oracleCharacterSets: [String] { strings(at: oracleCharacterSetsRange) }
    private let sqlServerTimeZonesRange: Range<Int>?
    private let oracleCharacterSetsRange: Range<Int>?
    /// The Regions that have RDS (botocore's endpoint data), sorted; empty when the catalogue
    /// does not list them (an older imported one), and then no Region is refused. Decoded when
    /// asked (completion, suggestions); a check asks `knowsRegion`.
    public var regions: [String] { strings(at: regionsRange) }
    private let regionsRange: Range<Int>?

    /// Whether `value` is one of the SQL Server time zones, or of Oracle's character sets; nil
    /// when the catalogue lists none (then nothing is refused). Searched in the list's JSON
    /// when the value is plain ASCII, as both lists are; decoded otherwise.
    public func listsSQLServerTimeZone(_ value: String) -> Bool? { rawList(sqlServerTimeZonesRange, contains: value) }
    public func listsOracleCharacterSet(_ value: String) -> Bool? { rawList(oracleCharacterSetsRange, contains: value) }

    private func rawList(_ range: Range<Int>?, contains value: String) -> Bool? {
        guard let range, bytes[range].contains(UInt8(ascii: "\"")) else { return nil }
        let plain = value.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        guard plain else { return strings(at: range).contains(value) }
        return occurs(Array(("\"" + value + "\"").utf8), in: bytes, range: range)
    }

    /// Whether the catalogue lists Regions at all (a list with a string in it).
    public let listsRegions: Bool

    /// Whether `region` is a Region that has RDS, searched in the list's JSON as the time zones
    /// are; false when the catalogue lists none (`listsRegions` says whether it does).
    public func knowsRegion(_ region: String) -> Bool { rawList(regionsRange, contains: region) ?? false }
    /// Whether per-Region class lists are built in (`regions-ENGINE.json`).
    private let hasRegionClasses: Bool

    /// Where a part of the catalogue is: an embedded file, or a range of `bytes`.
    private enum Part: Sendable {
        case embedded(String)
        case range(Range<Int>)
    }

    private let bytes: [UInt8]
    /// Where each engine's facts are, in the order of `engineNames`: embedded files for the
    /// built-in catalogue (no ranges), ranges of `bytes` for a one-file catalogue. Lists, not a
    /// dictionary: each collection type costs start-up time the first time the runtime meets it.
    private let engineRanges: [Range<Int>]
    private let classSpecsPart: Part?

    /// Where the facts of engine `name` are.
    private func part(ofEngine name: String) -> Part? {
        guard let i = engineNames.firstIndex(of: name) else { return nil }
        return engineRanges.isEmpty ? .embedded("engine-" + name) : .range(engineRanges[i])
    }

    /// What has been read so far; short lists, searched in order.
    private struct Cache {
        var engines: [EngineFacts] = []
        var classSets: [(String, Set<String>)] = []
        /// Classes looked up so far and their sizes (vCPUs 0: the catalogue does not know the class).
        var specNames: [String] = []
        var specs: [ClassSpecs] = []
        var classSpecsBytes: [UInt8]?
        /// Where each Region's class list for an engine and licence lies in its Region file
        /// (`engine|region|licence`), nil when the file has none: found once per process.
        /// Kept as parallel arrays of standard types: an array of tuples is one more generic
        /// type for the runtime to build at start-up, which cost more than the search it saves.
        var regionListKeys: [String] = []
        /// Start and end offsets of each; -1 when there is no list.
        var regionListBounds: [Int] = []
        /// Versions looked up so far (`engine|version`): several rules ask for each check.
        var versions = Memo<VersionStatus>()
        /// Classes asked about so far (`engine|version|class`) and whether they are sold: two
        /// rules ask for each database, and a run over many specs asks the same few again.
        var offers = Memo<Bool>()
        /// The same in a Region (`engine|region|licence|class`): 1 sold, 0 not, -1 no list.
        var regionOffers = Memo<Int8>()
    }

    /// Answers remembered by key, in the order asked, at most 64: a check asks each a few times
    /// and a run over many specs the same few again, while a language server asks for ever.
    /// Parallel arrays of standard types, like the Region list cache above.
    struct Memo<Answer> {
        private var keys: [String] = []
        private var answers: [Answer] = []

        func answer(_ key: String) -> Answer? { keys.firstIndex(of: key).map { answers[$0] } }

        mutating func remember(_ answer: Answer, for key: String) {
            guard keys.count < 64 else { return }
            keys.append(key)
            answers.append(answer)
        }
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
        let top: [JSONParser.Member]
        do {
            top = try JSONParser.members(bytes)
        } catch {
            throw CatalogError("catalogue is not valid JSON: \(error)")
        }
        func value(_ key: String) -> JSONValue? {
            guard let range = top.first(where: { $0.key == key })?.range else { return nil }
            return try? JSONParser.parse(bytes, range: range)
        }
        func strings(_ key: String) -> [String] {
            guard let range = top.first(where: { $0.key == key })?.range else { return [] }
            return JSONParser.strings(bytes, range: range) ?? []
        }
        guard case .string(let date)? = value("retrieved") else { throw CatalogError("catalogue has no `retrieved` date") }
        retrieved = date
        // Short lists, searched once a check: arrays cost less to build than sets (a Set type
        // is one more generic type for the runtime to instantiate at start-up).
        previousGenerationFamilies = strings("previousGenerationFamilies")
        var ports: [Int] = []
        if case .array(let items)? = value("sqlServerReservedPorts") { for case .int(let p) in items { ports.append(p) } }
        sqlServerReservedPorts = ports
        regionsRange = top.first(where: { $0.key == "regions" })?.range
        listsRegions = regionsRange.map { bytes[$0].contains(UInt8(ascii: "\"")) } ?? false
        sqlServerTimeZonesRange = top.first(where: { $0.key == "sqlServerTimeZones" })?.range
        oracleCharacterSetsRange = top.first(where: { $0.key == "oracleCharacterSets" })?.range
        hasRegionClasses = builtIn
        if builtIn {
            engineNames = strings("engineNames").sorted()
            engineRanges = []
            classSpecsPart = .embedded("class-specs")
        } else {
            guard let enginesRange = top.first(where: { $0.key == "engines" })?.range,
                let engines = try? JSONParser.members(bytes, range: enginesRange)
            else { throw CatalogError("catalogue has no `engines` object") }
            let sorted = engines.sorted { $0.key < $1.key }
            engineNames = sorted.map(\.key)
            engineRanges = sorted.map(\.range)
            classSpecsPart = top.first(where: { $0.key == "classSpecs" }).map { .range($0.range) }
        }
    }

    /// The strings of the list at `range` of the catalogue's bytes; empty when there is none.
    private func strings(at range: Range<Int>?) -> [String] {
        guard let range else { return [] }
        return JSONParser.strings(bytes, range: range) ?? []
    }

    /// Where the facts come from, for `dbspec --version`: the pinned inputs the catalogue was
    /// built from, then each table's source. Read only when asked.
    public func provenance() -> String {
        guard let top = try? JSONParser.parse(bytes) else { return "" }
        var out = "catalogue of \(retrieved)"
        if case .object(let inputs)? = top["inputs"] {
            out +=
                ", built from "
                + inputs.compactMap { key, value -> String? in
                    guard case .string(let v) = value else { return nil }
                    return "\(key) \(v)"
                }.joined(separator: ", ")
        }
        out += "\n"
        if case .array(let sources)? = top["sources"] {
            for source in sources {
                guard case .string(let what)? = source["what"], case .string(let from)? = source["from"] else { continue }
                let date = {
                    if case .string(let d)? = source["retrieved"] { return " (\(d))" }; return ""
                }()
                out += "  - \(what): \(from)\(date)\n"
            }
        }
        return out
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
        if let cached = cache.withLock({ $0.engines.first { $0.name == name } }) { return cached }
        guard let part = part(ofEngine: name), let facts = try? EngineFacts(name: name, bytes: bytes(of: part)) else { return nil }
        cache.withLock { $0.engines.append(facts) }
        return facts
    }

    /// Every engine's facts; checks that the whole catalogue decodes.
    public func allEngines() throws(CatalogError) -> [EngineFacts] {
        var out: [EngineFacts] = []
        for name in engineNames {
            guard let part = part(ofEngine: name) else { throw CatalogError("engine \(name) is missing") }
            let facts = try EngineFacts(name: name, bytes: bytes(of: part))
            try facts.validateTables()
            for i in 0..<facts.classSetCount { _ = try facts.classSet(i) }
            out.append(facts)
        }
        return out
    }

    /// How the catalogue regards `version` of `engine`.
    public func versionStatus(engine facts: EngineFacts, version: String) -> VersionStatus {
        let key = facts.name + "|" + version
        if let known = cache.withLock({ $0.versions.answer(key) }) { return known }
        let status = Self.findVersionStatus(engine: facts, version: version)
        cache.withLock { $0.versions.remember(status, for: key) }
        return status
    }

    private static func findVersionStatus(engine facts: EngineFacts, version: String) -> VersionStatus {
        guard facts.versionsTracked else { return .untracked }
        if facts.lists(version, deprecated: true) { return .deprecated }
        if facts.lists(version) { return .available }
        // RDS accepts a major ("16") or major.minor ("8.0") version and picks the default minor.
        if facts.lists(version + ".", asPrefix: true) { return .available }
        return .unknown
    }

    /// The instance classes offered for `engine` at `version` (or for the engine in general
    /// when the catalogue has no per-version list).
    public func classes(engine facts: EngineFacts, version: String?) -> Set<String> {
        let index = facts.classSetIndex(version: version)
        let key = facts.name + "#" + String(index)
        if let cached = cache.withLock({ $0.classSets.first { $0.0 == key }?.1 }) { return cached }
        let set = (try? facts.classSet(index)) ?? []
        cache.withLock { $0.classSets.append((key, set)) }
        return set
    }

    /// Whether `instanceClass` is offered for `engine` at `version`; cheaper than `classes`.
    public func offers(_ instanceClass: String, engine facts: EngineFacts, version: String?) -> Bool {
        let key = facts.name + "|" + (version.map { "=" + $0 } ?? "*") + "|" + instanceClass
        if let known = cache.withLock({ $0.offers.answer(key) }) { return known }
        let answer = facts.classSet(facts.classSetIndex(version: version), contains: instanceClass)
        cache.withLock { $0.offers.remember(answer, for: key) }
        return answer
    }

    /// Whether `instanceClass` is sold for `engine` in `region` under `license`: nil when the
    /// catalogue has no list for that Region and licence (an imported catalogue, a Region of an
    /// isolated partition), so the caller checks nothing. Searched in the engine's Region file
    /// (pretty-printed: a Region is a key at one space of indent, a licence at two).
    public func offers(_ instanceClass: String, engine facts: EngineFacts, region: String, license: String) -> Bool? {
        let key = facts.name + "|" + region + "|" + license + "|" + instanceClass
        if let known = cache.withLock({ $0.regionOffers.answer(key) }) { return known < 0 ? nil : known == 1 }
        let answer: Bool? = regionList(engine: facts, region: region, license: license).map { list in
            firstIndex(of: Array(("\"" + instanceClass + "\"").utf8), in: list.bytes, range: list.range) != nil
        }
        cache.withLock { $0.regionOffers.remember(answer.map { $0 ? 1 : 0 } ?? -1, for: key) }
        return answer
    }

    /// The classes sold for `engine` in `region` under `license`, sorted; nil as for `offers`.
    public func classes(engine facts: EngineFacts, region: String, license: String) -> [String]? {
        guard let list = regionList(engine: facts, region: region, license: license),
            case .array(let items)? = try? JSONParser.parse(Array(list.bytes[list.range]))
        else { return nil }
        return items.compactMap {
            if case .string(let s) = $0 { return s }; return nil
        }
    }

    private func regionList(engine facts: EngineFacts, region: String, license: String) -> (
        bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>
    )? {
        guard hasRegionClasses, let text = EmbeddedData.named("regions-" + facts.name) else { return nil }
        // Embedded data lives as long as the process: searched where it lies (the Region
        // files are 100 KB and more, and a copy per lookup was most of DB104's time).
        let bytes = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        let key = facts.name + "|" + region + "|" + license
        let known = cache.withLock { c -> Int? in c.regionListKeys.firstIndex(of: key) }
        if let known {
            let (lower, upper) = cache.withLock { c in (c.regionListBounds[2 * known], c.regionListBounds[2 * known + 1]) }
            return lower < 0 ? nil : (bytes, lower..<upper)
        }
        let range = Self.findRegionList(in: bytes, region: region, license: license)
        cache.withLock { c in
            if c.regionListKeys.count < 64 {
                c.regionListKeys.append(key)
                c.regionListBounds += [range?.lowerBound ?? -1, range?.upperBound ?? -1]
            }
        }
        return range.map { (bytes, $0) }
    }

    /// A Region file is embedded minified (`embed-data`): `{"REGION":{"LICENSE":["CLASS",…],…},…}`.
    /// Regions are the top-level keys and licences the keys inside, and no class name holds a
    /// brace or a bracket, so a Region's object ends at the first `}` after its key and a list
    /// at the first `]`.
    private static func findRegionList(in bytes: UnsafeBufferPointer<UInt8>, region: String, license: String) -> Range<Int>? {
        let all = 0..<bytes.count
        let regionKey = Array("\"\(region)\":{".utf8)
        guard let at = firstIndex(of: regionKey, in: bytes, range: all) else { return nil }
        let regionEnd = firstIndex(of: UInt8(ascii: "}"), in: bytes, range: at..<bytes.count) ?? bytes.count
        let licenseKey = Array("\"\(license)\":[".utf8)
        guard let lic = firstIndex(of: licenseKey, in: bytes, range: at..<regionEnd) else { return nil }
        let open = lic + licenseKey.count - 1  // the `[`
        guard let close = firstIndex(of: UInt8(ascii: "]"), in: bytes, range: open..<regionEnd) else { return nil }
        return open..<(close + 1)
    }

    /// vCPUs and memory of `instanceClass`, when known.
    public func specs(of instanceClass: String) -> ClassSpecs? {
        if let known = cache.withLock({ c in c.specNames.firstIndex(of: instanceClass).map { c.specs[$0] } }) {
            return known.vcpu == 0 ? nil : known
        }
        guard let part = classSpecsPart else { return nil }
        let source = cache.withLock { cache -> [UInt8] in
            if let bytes = cache.classSpecsBytes { return bytes }
            let bytes = self.bytes(of: part)
            cache.classSpecsBytes = bytes
            return bytes
        }
        // Only the class asked for is decoded: its quoted name is a key of the table (the
        // values are flat objects of numbers), so its object follows the name.
        let found: ClassSpecs? = {
            let needle = Array(("\"" + instanceClass + "\"").utf8)
            guard let at = firstIndex(of: needle, in: source, range: source.indices),
                let open = source[(at + needle.count)...].firstIndex(of: UInt8(ascii: "{")),
                let close = source[open...].firstIndex(of: UInt8(ascii: "}")),
                source[(at + needle.count)..<open].allSatisfy({ $0 == UInt8(ascii: ":") || $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }),
                let value = try? JSONParser.parse(source, range: open..<(close + 1)),
                case .int(let vcpu)? = value["vcpu"]
            else { return nil }
            switch value["memory"] {
            case .int(let m)?: return ClassSpecs(vcpu: vcpu, memory: Double(m))
            case .number(let text)?: return Double(text).map { ClassSpecs(vcpu: vcpu, memory: $0) }
            default: return nil
            }
        }()
        cache.withLock {
            $0.specNames.append(instanceClass)
            $0.specs.append(found ?? ClassSpecs(vcpu: 0, memory: 0))
        }
        return found
    }

    /// The family of an instance class: `db.t3.micro` → `db.t3`.
    public static func family(of instanceClass: String) -> String { firstTwoParts(instanceClass) }
}
