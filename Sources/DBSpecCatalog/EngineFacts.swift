import DBSpecJSON

/// Engines that share ports, parameters and name rules: the editions of Oracle and SQL Server
/// are one family each.
public enum EngineFamily: String, Sendable, CaseIterable {
    case mysql
    case mariadb
    case postgres
    case oracle
    case sqlserver
    case auroraMySQL = "aurora-mysql"
    case auroraPostgreSQL = "aurora-postgresql"
}

/// What the catalogue knows about one RDS engine (`mysql`, `oracle-ee`, …).
public struct EngineFacts: Sendable {
    /// The RDS engine name.
    public var name: String
    /// The engine family: engines of one family share ports, parameters and name rules.
    public var family: EngineFamily
    /// A human name, like "MySQL".
    public var label: String
    public var defaultPort: Int
    /// Licence models RDS accepts for this engine; the first is the default.
    public var licenseModels: [String]
    /// Read replicas one source may have; 0 when the engine has none.
    public var maxReplicas: Int
    /// Longest master user name, in characters.
    public var usernameMaxLength: Int
    /// Allowed master password lengths, in characters.
    public var passwordLength: ClosedRange<Int>
    /// Longest initial database name; 0 when the engine takes none.
    public var databaseNameMaxLength: Int
    public var supportsIAMAuth: Bool
    public var supportsStorageEncryption: Bool
    public var supportsMultiAZ: Bool
    /// Aurora engines: the database is a cluster with instances.
    public var isCluster: Bool
    /// CloudWatch log types this engine can export.
    public var logTypes: [String]
    /// Versions RDS offers for new databases, and retired ones (deprecated: no new databases).
    /// Decoded on demand: a check only asks whether its version is listed (`lists`).
    public var versions: [String] { strings(at: versionsRange) }
    public var deprecatedVersions: [String] { strings(at: deprecatedVersionsRange) }
    /// False when the catalogue has no version list for the engine.
    public var versionsTracked: Bool
    /// The oldest version with IAM database authentication, when not every version has it.
    public var iamAuthSince: String?
    /// Regions where IAM database authentication differs: the first version there, or nil
    /// where the Region has none.
    public var iamAuthRegions: [RegionSince]
    /// Fewest vCPUs a read replica (and its source) may have; 0 when any class will do.
    public var minReplicaVcpu: Int
    /// Classes a source of read replicas cannot use, whatever their vCPUs (Oracle: db.t3.small).
    public var replicaSourceExcludedClasses: [String]
    /// How many replicas may be chained below the primary (a replica of a replica…); 0 when
    /// replicas cannot have replicas.
    public var cascadeLevels: Int
    /// The first version with cascading replicas, when not every version has them.
    public var cascadeSince: String?
    /// Aurora MySQL's backtrack: rewinding the cluster in place.
    public var supportsBacktrack: Bool
    /// Aurora Serverless v2: the capacity range in ACUs; nil for engines without it.
    public var serverlessCapacity: ClosedRange<Double>?
    /// Features that depend on the version (`serverlessAutoPause`, `ioOptimized`): per major
    /// (`16`, or `8.0` for Aurora MySQL), the first version that has it; later majors all have
    /// it, earlier ones do not. A feature the table does not name is not version-dependent.
    public var featuresSince: [FeatureSince]
    /// The parameter group family, with `{major}` or `{major.minor}` for the version's parts.
    public var parameterFamilyPattern: String?
    /// The option group's engine version, with `{major}` or `{major.minor}`.
    public var optionGroupVersionPattern: String?
    /// Parameters that make the engine refuse connections without TLS, sorted by name; empty
    /// when TLS is not a parameter (Oracle's is an option).
    public var tlsParameters: [Setting]
    /// The option that turns TLS on when it is not a parameter (Oracle's SSL option).
    public var tlsOption: TLSOption?
    /// Per log type, the parameters without which an exported log stays empty (MySQL's
    /// `slow_query_log`, Aurora MySQL's `server_audit_logging`), sorted by name. (Lists of
    /// structs, not dictionaries: a dictionary keyed by strings makes the runtime search every
    /// protocol conformance of the binary the first time, at start-up.)
    public var logSwitches: [LogSwitches]
    /// Per log type, the option without which it stays empty (MySQL's MariaDB Audit Plugin):
    /// `name` is the log type, `value` the option.
    public var logOptions: [Setting]

    /// The parameters log type `log` needs, sorted by name; empty when it needs none.
    public func logParameters(_ log: String) -> [Setting] { logSwitches.first { $0.log == log }?.parameters ?? [] }
    /// The option log type `log` needs, if any.
    public func logOption(_ log: String) -> String? { logOptions.first { $0.name == log }?.value }
    /// Class set index for the engine as a whole; per version prefix it is in `classesByVersion`.
    var classSet: Int
    /// The engine's JSON and where each of its class sets is in it, decoded on demand.
    let source: [UInt8]
    /// Where each class set is: its start and end offsets, flat (see `classSetRange`).
    let classSetBounds: [Int]
    /// How many class sets there are.
    var classSetCount: Int { classSetBounds.count / 2 }
    func classSetRange(_ index: Int) -> Range<Int>? {
        guard index >= 0, index < classSetCount else { return nil }
        return classSetBounds[2 * index]..<classSetBounds[2 * index + 1]
    }
    /// Where the version lists are in `source`.
    var versionsRange: Range<Int>? { tables.first { $0.key == "versions" }?.range }
    var deprecatedVersionsRange: Range<Int>? { tables.first { $0.key == "deprecatedVersions" }?.range }
    /// Where three tables are in `source`, read on demand:
    /// - `classesWithout`: per-class feature gaps, feature (`iamAuth`, `performanceInsights`,
    ///   `storageEncryption`, `multiAZ`, `readReplica`) → version prefix (or `*`) → classes;
    /// - `storage`: limits per storage type (`gp3`, `io1`…), none for Aurora;
    /// - `classesByVersion`: the class set index per version prefix (major.minor).
    /// A check reads one or two entries of each; decoding them whole, into dictionaries of
    /// their own types, cost more at start-up than all the rules.
    let tables: [JSONParser.Member]
    /// The keys of `storage` and `classesByVersion` and where their values are, located once
    /// (several rules ask each check).
    let storageMembers: [JSONParser.Member]
    /// The limits of each of `storageMembers`, decoded once (nil where they do not decode:
    /// `validateTables` reports that).
    let storageLimits: [StorageLimits?]
    let classesByVersionMembers: [JSONParser.Member]
    let classesWithoutMembers: [JSONParser.Member]

    /// Decodes an engine entry; its `classSets` are only located, not decoded.
    init(name: String, bytes: [UInt8]) throws(CatalogError) {
        // The class sets are most of the file: their element bounds are found in the same pass
        // as the members.
        let members: [JSONParser.Member]
        let sets: [Int]
        do {
            (members, sets) = try JSONParser.members(bytes, elementBoundsOf: "classSets")
        } catch {
            throw CatalogError("engine \(name) is not valid JSON: \(error)")
        }
        var fields: [(String, JSONValue)] = []
        var lists: [JSONParser.Member] = []
        for member in members {
            let (key, range) = (member.key, member.range)
            do {
                if key == "classSets" {
                    continue
                } else if ["versions", "deprecatedVersions", "classesWithout", "storage", "classesByVersion"].contains(key) {
                    lists.append(member)
                } else {
                    fields.append((key, try JSONParser.parse(bytes, range: range)))
                }
            } catch {
                throw CatalogError("engine \(name): `\(key)` is not valid JSON: \(error)")
            }
        }
        try self.init(name: name, json: .object(fields), source: bytes, classSetBounds: sets, tables: lists)
    }

    /// Whether a version list (`versions`, or `deprecatedVersions` when `deprecated`) holds
    /// `version` exactly, or, with `asPrefix`, a version that starts with it. Searches the JSON
    /// for the quoted text instead of decoding the list (versions need no escapes).
    public func lists(_ version: String, deprecated: Bool = false, asPrefix: Bool = false) -> Bool {
        guard let range = deprecated ? deprecatedVersionsRange : versionsRange else { return false }
        return occurs(Array(("\"" + version + (asPrefix ? "" : "\"")).utf8), in: source, range: range)
    }

    /// The strings of the JSON array at `range`; empty when there is none.
    private func strings(at range: Range<Int>?) -> [String] {
        guard let range else { return [] }
        return JSONParser.strings(source, range: range) ?? []
    }

    /// Whether the class set at `index` lists `instanceClass`: a search for the quoted name in
    /// the set's JSON, which costs less than decoding the set (class names need no escapes).
    func classSet(_ index: Int, contains instanceClass: String) -> Bool {
        guard let range = classSetRange(index) else { return false }
        return occurs(Array(("\"" + instanceClass + "\"").utf8), in: source, range: range)
    }

    /// The class set at `index`.
    func classSet(_ index: Int) throws(CatalogError) -> Set<String> {
        guard let range = classSetRange(index), case .array(let items)? = try? JSONParser.parse(source, range: range)
        else { throw CatalogError("engine \(name): class set \(index) is missing or not a list") }
        var set = Set<String>()
        for item in items {
            guard case .string(let s) = item else { throw CatalogError("engine \(name): class set \(index) holds a non-string") }
            set.insert(s)
        }
        return set
    }

    private init(
        name: String, json: JSONValue, source: [UInt8], classSetBounds: [Int],
        tables: [JSONParser.Member]
    ) throws(CatalogError) {
        self.source = source
        self.classSetBounds = classSetBounds
        self.tables = tables
        func located(_ key: String) throws(CatalogError) -> [JSONParser.Member] {
            guard let range = tables.first(where: { $0.key == key })?.range else { return [] }
            do {
                return try JSONParser.members(source, range: range)
            } catch {
                throw CatalogError("engine \(name): `\(key)` must be an object")
            }
        }
        storageMembers = try located("storage")
        storageLimits = storageMembers.map { member in
            (try? JSONParser.parse(source, range: member.range)).flatMap {
                try? StorageLimits(json: $0, context: "engine \(name) storage \(member.key)")
            }
        }
        classesByVersionMembers = try located("classesByVersion")
        classesWithoutMembers = try located("classesWithout")
        func string(_ key: String) throws(CatalogError) -> String {
            guard case .string(let s)? = json[key] else { throw CatalogError("engine \(name): `\(key)` must be a string") }
            return s
        }
        func int(_ key: String, default value: Int? = nil) throws(CatalogError) -> Int {
            if case .int(let i)? = json[key] { return i }
            if let value, json[key] == nil { return value }
            throw CatalogError("engine \(name): `\(key)` must be an integer")
        }
        func bool(_ key: String, default value: Bool) throws(CatalogError) -> Bool {
            switch json[key] {
            case .bool(let b)?: return b
            case nil: return value
            default: throw CatalogError("engine \(name): `\(key)` must be a boolean")
            }
        }
        func strings(_ key: String) throws(CatalogError) -> [String] {
            guard case .array(let items)? = json[key] else { throw CatalogError("engine \(name): `\(key)` must be a list") }
            var out: [String] = []
            for item in items {
                guard case .string(let s) = item else { throw CatalogError("engine \(name): `\(key)` must hold strings") }
                out.append(s)
            }
            return out
        }
        self.name = name
        let familyName = try string("family")
        guard let family = EngineFamily(rawValue: familyName) else { throw CatalogError("engine \(name): unknown family `\(familyName)`") }
        self.family = family
        label = try string("label")
        defaultPort = try int("port")
        licenseModels = try strings("licenses")
        maxReplicas = try int("maxReplicas")
        usernameMaxLength = try int("username")
        guard case .array(let lengths)? = json["password"], lengths.count == 2,
            case .int(let lo) = lengths[0], case .int(let hi) = lengths[1], lo <= hi
        else { throw CatalogError("engine \(name): `password` must be [min, max]") }
        passwordLength = lo...hi
        databaseNameMaxLength = try int("dbName")
        supportsIAMAuth = try bool("iamAuth", default: false)
        supportsStorageEncryption = try bool("encryption", default: true)
        supportsMultiAZ = try bool("multiAZ", default: true)
        isCluster = try bool("cluster", default: false)
        logTypes = try strings("logs")
        versionsTracked = try bool("versionsTracked", default: true)
        classSet = try int("classes")
        if case .string(let v)? = json["iamAuthSince"] { iamAuthSince = v } else { iamAuthSince = nil }
        var regionsIAM: [RegionSince] = []
        if case .object(let members)? = json["iamAuthRegions"] {
            for (region, value) in members {
                switch value {
                case .string(let v): regionsIAM.append(RegionSince(region: region, since: v))
                case .null: regionsIAM.append(RegionSince(region: region, since: nil))
                default: throw CatalogError("engine \(name): iamAuthRegions values must be versions or null")
                }
            }
        }
        iamAuthRegions = regionsIAM
        minReplicaVcpu = try int("minReplicaVcpu", default: 0)
        replicaSourceExcludedClasses = json["replicaSourceExcludedClasses"] == nil ? [] : try strings("replicaSourceExcludedClasses")
        supportsBacktrack = try bool("backtrack", default: false)
        cascadeLevels = try int("cascadeLevels", default: 0)
        if case .string(let v)? = json["cascadeSince"] { cascadeSince = v } else { cascadeSince = nil }
        serverlessCapacity = nil
        if let range = json["serverlessCapacity"] {
            func number(_ v: JSONValue) -> Double? {
                switch v {
                case .int(let i): return Double(i)
                case .number(let text): return Double(text)
                default: return nil
                }
            }
            guard case .array(let bounds) = range, bounds.count == 2, let lo = number(bounds[0]), let hi = number(bounds[1]), lo <= hi
            else { throw CatalogError("engine \(name): `serverlessCapacity` must be [min, max]") }
            serverlessCapacity = lo...hi
        }
        var since: [FeatureSince] = []
        if case .object(let features)? = json["featuresSince"] {
            for (feature, table) in features {
                guard case .object(let majors) = table else { throw CatalogError("engine \(name): featuresSince.\(feature) must map majors to versions") }
                for (major, value) in majors {
                    guard case .string(let first) = value else { throw CatalogError("engine \(name): featuresSince.\(feature) values must be versions") }
                    since.append(FeatureSince(feature: feature, major: major, since: first))
                }
            }
        }
        featuresSince = since
        if case .string(let p)? = json["parameterFamily"] { parameterFamilyPattern = p } else { parameterFamilyPattern = nil }
        if case .string(let p)? = json["optionGroupVersion"] { optionGroupVersionPattern = p } else { optionGroupVersionPattern = nil }
        var tls: [Setting] = []
        if case .object(let members)? = json["tls"] {
            for (name, value) in members {
                guard case .string(let v) = value else { throw CatalogError("engine \(name): tls values must be strings") }
                tls.append(Setting(name: name, value: v))
            }
        }
        tlsParameters = tls.sorted { $0.name < $1.name }
        var switches: [LogSwitches] = []
        if case .object(let logs)? = json["logSwitches"] {
            for (log, table) in logs {
                guard case .object(let members) = table else { throw CatalogError("engine \(name): logSwitches.\(log) must map parameters to values") }
                var settings: [Setting] = []
                for (key, value) in members {
                    guard case .string(let v) = value else { throw CatalogError("engine \(name): logSwitches values must be strings") }
                    settings.append(Setting(name: key, value: v))
                }
                switches.append(LogSwitches(log: log, parameters: settings.sorted { $0.name < $1.name }))
            }
        }
        logSwitches = switches
        var options: [Setting] = []
        if case .object(let logs)? = json["logOptions"] {
            for (log, value) in logs {
                guard case .string(let option) = value else { throw CatalogError("engine \(name): logOptions values must be option names") }
                options.append(Setting(name: log, value: option))
            }
        }
        logOptions = options
        tlsOption = nil
        if case .object(let option)? = json["tlsOption"] {
            let o = JSONValue.object(option)
            guard case .string(let optionName)? = o["name"], case .int(let port)? = o["port"] else {
                throw CatalogError("engine \(name): `tlsOption` needs `name` and `port`")
            }
            var settings: [Setting] = []
            if case .object(let members)? = o["settings"] {
                for (key, value) in members {
                    guard case .string(let v) = value else { throw CatalogError("engine \(name): tlsOption settings must be strings") }
                    settings.append(Setting(name: key, value: v))
                }
            }
            tlsOption = TLSOption(name: optionName, port: port, settings: settings.sorted { $0.name < $1.name })
        }
        guard classSetRange(classSet) != nil else { throw CatalogError("engine \(name): class set \(classSet) does not exist") }
    }

    /// The members of table `key`, each with the range of its value.
    private func members(of key: String, in range: Range<Int>? = nil) -> [JSONParser.Member] {
        guard let r = range ?? tables.first(where: { $0.key == key })?.range,
            let members = try? JSONParser.members(source, range: r)
        else { return [] }
        return members
    }

    /// Storage limits for a storage type (`gp3`, `io1`…); nil for a type the engine lacks, and
    /// for every type on Aurora, whose cluster manages storage.
    public func storage(_ type: String) -> StorageLimits? {
        guard let index = storageMembers.firstIndex(where: { $0.key == type }) else { return nil }
        return storageLimits[index]
    }

    /// The storage types the catalogue has limits for.
    public var storageTypes: [String] { storageMembers.map(\.key) }

    /// The index of the class set for `version` (its major.minor), or the engine's whole set.
    func classSetIndex(version: String?) -> Int {
        guard let version else { return classSet }
        let prefix = EngineFacts.versionPrefix(version)
        guard let range = classesByVersionMembers.first(where: { $0.key == prefix })?.range,
            case .int(let index)? = try? JSONParser.parse(source, range: range)
        else { return classSet }
        return index
    }

    /// Checks what is read on demand: the version lists, storage limits and class set indices.
    func validateTables() throws(CatalogError) {
        for (key, range) in [("versions", versionsRange), ("deprecatedVersions", deprecatedVersionsRange)] {
            guard let range else { throw CatalogError("engine \(name): `\(key)` is missing") }
            guard case .array(let items)? = try? JSONParser.parse(source, range: range),
                items.allSatisfy({
                    if case .string = $0 { return true }; return false
                })
            else { throw CatalogError("engine \(name): `\(key)` must hold strings") }
        }
        for (type, range) in storageMembers.map({ ($0.key, $0.range) }) {
            guard let json = try? JSONParser.parse(source, range: range) else { throw CatalogError("engine \(name): storage \(type) is not JSON") }
            _ = try StorageLimits(json: json, context: "engine \(name) storage \(type)")
        }
        for (prefix, range) in classesByVersionMembers.map({ ($0.key, $0.range) }) {
            guard case .int(let index)? = try? JSONParser.parse(source, range: range), classSetRange(index) != nil else {
                throw CatalogError("engine \(name): the class set of \(prefix) does not exist")
            }
        }
        for table in classesWithoutMembers {
            let feature = table.key
            for (prefix, list) in members(of: feature, in: table.range).map({ ($0.key, $0.range) }) {
                guard case .array(let items)? = try? JSONParser.parse(source, range: list),
                    items.allSatisfy({
                        if case .string = $0 { return true }; return false
                    })
                else { throw CatalogError("engine \(name): classesWithout \(feature) \(prefix) must list classes") }
            }
        }
    }

    /// Whether the catalogue knows that `instanceClass` at `version` lacks `feature`
    /// (`iamAuth`, `performanceInsights`, `storageEncryption`). Only an imported catalogue knows.
    public func classLacks(_ feature: String, _ instanceClass: String, version: String) -> Bool {
        guard let byVersion = classesWithoutMembers.first(where: { $0.key == feature })?.range else { return false }
        let needle = Array(("\"" + instanceClass + "\"").utf8)
        let prefix = EngineFacts.versionPrefix(version)
        for member in members(of: feature, in: byVersion) where member.key == prefix || member.key == "*" {
            if occurs(needle, in: source, range: member.range) { return true }
        }
        return false
    }

    /// Whether `version` has `feature` (see `featuresSince`), and the first version of its major
    /// that has it, for messages. An alias (`16`, `8.0`) stands for the default minor, which is
    /// recent, so it has it; nil when the feature does not depend on the version here.
    public func supports(_ feature: String, version: String) -> (supported: Bool, since: String?)? {
        let table = featuresSince.filter { $0.feature == feature }
        guard !table.isEmpty else { return nil }
        if let entry = table.first(where: { version == $0.major || version.hasPrefix($0.major + ".") }) {
            return (version == entry.major || !EngineFacts.versionPrecedes(version, entry.since), entry.since)
        }
        // A major the table does not name: later than all of them has it, earlier has not.
        let later = table.allSatisfy { EngineFacts.versionPrecedes($0.major, version) }
        return (later, later ? nil : table.map(\.since).min { EngineFacts.versionPrecedes($0, $1) })
    }

    /// Every first version of `feature`, sorted, for messages ("13.10, 14.7, 15.2").
    public func firstVersions(of feature: String) -> [String] {
        featuresSince.filter { $0.feature == feature }.map(\.since).sorted { EngineFacts.versionPrecedes($0, $1) }
    }

    /// Orders versions part by part, numerically where both parts are numbers ("3.04.6" < "3.08.0").
    public static func versionPrecedes(_ a: String, _ b: String) -> Bool {
        let pa = a.split(separator: "."), pb = b.split(separator: ".")
        for (x, y) in zip(pa, pb) where x != y {
            if let ix = Int(x), let iy = Int(y) { return ix < iy }
            return x < y
        }
        return pa.count < pb.count
    }

    /// The parameter group family for `version` (`mysql8.0`, `postgres16`, `sqlserver-se-16.0`).
    public func parameterFamily(version: String) -> String? {
        parameterFamilyPattern.flatMap { Self.expand($0, version: version) }
    }

    /// The option group's engine version for a version (OptionGroupOptions' MajorEngineVersion:
    /// `8.4` for MySQL, `19` for Oracle, `15.00` for SQL Server); nil when the engine has none.
    public func optionGroupVersion(version: String) -> String? {
        optionGroupVersionPattern.flatMap { Self.expand($0, version: version) }
    }

    /// A pattern with `{major}` or `{major.minor}` filled from a version.
    static func expand(_ pattern: String, version: String) -> String? {
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        guard let first = parts.first, let major = Int(first) else { return nil }
        let minor = parts.count > 1 ? String(parts[1]) : "0"
        // Placeholders by hand: String.replacing would load the regex runtime.
        var family = ""
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            family += rest[..<open]
            switch rest[rest.index(after: open)..<close] {
            case "major": family += String(major)
            case "major.minor": family += "\(major).\(minor)"
            default: return nil
            }
            rest = rest[rest.index(after: close)...]
        }
        return family + rest
    }

    /// The first two dot-separated parts of a version ("8.4.8" → "8.4", "16.4" → "16.4").
    public static func versionPrefix(_ version: String) -> String { firstTwoParts(version) }
}

/// What RDS allows for one storage type on one engine.
/// An option-group option that makes the engine speak TLS on a port of its own.
public struct TLSOption: Sendable {
    public var name: String
    public var port: Int
    /// Option settings, sorted by name.
    public var settings: [Setting]
}

/// A named engine setting: a parameter, or an option's setting.
public struct Setting: Sendable, Equatable {
    public var name: String
    public var value: String
}

/// The parameters a log type needs turned on (`EngineFacts.logSwitches`).
public struct LogSwitches: Sendable, Equatable {
    public var log: String
    public var parameters: [Setting]
}

/// A Region and the first version with a feature there, or nil when none has it
/// (`EngineFacts.iamAuthRegions`).
public struct RegionSince: Sendable, Equatable {
    public var region: String
    public var since: String?
}

/// The first version of a major that has a feature (`EngineFacts.featuresSince`).
public struct FeatureSince: Sendable, Equatable {
    public var feature: String
    public var major: String
    public var since: String
}

public struct StorageLimits: Sendable, Equatable {
    /// Allocated storage bounds, GiB.
    public var minSize: Int
    public var maxSize: Int
    /// gp3: the size from which IOPS and throughput can be provisioned (0: any size).
    public var provisioningThreshold: Int?
    /// Provisionable IOPS and throughput (MiB/s) ranges.
    public var iops: ClosedRange<Int>?
    public var throughput: ClosedRange<Int>?
    /// io1/io2: IOPS per GiB of storage.
    public var iopsPerGiB: ClosedRange<Double>?
    /// gp3: at most this many IOPS per GiB, and this much throughput per IOPS.
    public var maxIopsPerGiB: Double?
    public var maxThroughputPerIops: Double?
    /// gp3 without provisioning.
    public var baselineIops: Int?
    public var baselineThroughput: Int?

    init(json: JSONValue, context: String) throws(CatalogError) {
        func int(_ v: JSONValue?) -> Int? { if case .int(let i)? = v { return i }; return nil }
        func double(_ v: JSONValue?) -> Double? {
            switch v {
            case .int(let i)?: return Double(i)
            case .number(let t)?: return Double(t)
            default: return nil
            }
        }
        func intRange(_ v: JSONValue?) throws(CatalogError) -> ClosedRange<Int>? {
            guard let v else { return nil }
            guard case .array(let a) = v, a.count == 2, let lo = int(a[0]), let hi = int(a[1]), lo <= hi else {
                throw CatalogError("\(context): a range must be [min, max]")
            }
            return lo...hi
        }
        guard let lo = int(json["min"]), let hi = int(json["max"]) else { throw CatalogError("\(context): needs min and max") }
        minSize = lo
        maxSize = hi
        provisioningThreshold = int(json["threshold"])
        iops = try intRange(json["iops"])
        throughput = try intRange(json["throughput"])
        if case .array(let a)? = json["iopsPerGib"], a.count == 2, let l = double(a[0]), let h = double(a[1]) {
            iopsPerGiB = l...h
        } else {
            iopsPerGiB = nil
        }
        maxIopsPerGiB = double(json["maxIopsPerGib"])
        maxThroughputPerIops = double(json["maxThroughputPerIops"])
        baselineIops = int(json["baseline"]?["iops"])
        baselineThroughput = int(json["baseline"]?["throughput"])
    }
}

/// How the catalogue regards an engine version.
public enum VersionStatus: Equatable, Sendable {
    /// Offered for new databases (an exact version, or a major or major.minor alias of one).
    case available
    /// Known, but retired: RDS creates no new databases with it.
    case deprecated
    /// Not in the catalogue: newer than its data, or wrong.
    case unknown
    /// The catalogue has no version list for this engine.
    case untracked
}

/// vCPUs and memory of an instance class.
public struct ClassSpecs: Sendable, Equatable {
    public var vcpu: Int
    /// GiB.
    public var memory: Double
}

public struct CatalogError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The first two dot-separated parts of `text` (`8.4.8` → `8.4`, `db.t3.micro` → `db.t3`).
func firstTwoParts(_ text: String) -> String {
    var dots = 0
    var end = text.utf8.endIndex
    for i in text.utf8.indices where text.utf8[i] == UInt8(ascii: ".") {
        dots += 1
        if dots == 2 { end = i; break }
    }
    return String(text[..<end])
}
