import DBSpecDiagnostics
import DBSpecModel
import DBSpecSource

/// The outcome of decoding: the spec when its structure is sound enough to check, and
/// every problem found (all of them, not only the first).
public struct DecodeResult: Sendable {
    public var spec: Spec?
    public var diagnostics: [Diagnostic]
}

/// Decodes a node tree into a `Spec`, checking it against `SpecSchema`.
///
/// Scalars follow YAML 1.2's core schema, and only plain scalars are resolved: `8.0` stays
/// the text "8.0" where text is expected, `"20"` is a string where a number is expected, and
/// YAML 1.1's `yes`/`no`/`on`/`off` are refused where a boolean is expected.
public struct SpecDecoder {
    var sink = DiagnosticSink()

    public init() {}

    public static func decode(_ root: Node?) -> DecodeResult {
        var decoder = SpecDecoder()
        let spec = decoder.decodeSpec(root)
        // A spec whose required parts decoded is returned even when optional values were
        // refused (they fall back to their defaults), so the rules still run and the user
        // sees every problem at once. Lowering runs only when nothing is an error.
        return DecodeResult(spec: spec, diagnostics: decoder.sink.diagnostics)
    }

    // MARK: - Spec

    mutating func decodeSpec(_ root: Node?) -> Spec? {
        guard let root, !root.isNull else {
            sink.error(
                ModelCode.emptySpec, "spec is empty", at: root?.range ?? .fileStart,
                help: "start with `dbspec: 1`, then `name`, `region` and `database`")
            return nil
        }
        guard root.entries != nil else {
            sink.error(
                ModelCode.emptySpec, "spec must be a mapping, found \(root.kindDescription)", at: root.range,
                help: "start with `dbspec: 1`, then `name`, `region` and `database`")
            return nil
        }
        let object = open(root, SpecSchema.root, path: .root, keyRange: SourceRange.fileStart)
        let version = object.node("dbspec").flatMap { node -> Located<Int>? in
            guard let v = integer(node, path: .dbspec, bounds: nil) else { return nil }
            guard SpecSchema.languageVersions.contains(v.value) else {
                sink.error(
                    ModelCode.unsupportedVersion, "spec language version \(v.value) is not supported", at: v.range,
                    help: "this dbspec reads `dbspec: 1`", path: .dbspec)
                return nil
            }
            return v
        }
        let name = object.node("name").flatMap { identifier($0, path: .name) }
        let region = object.node("region").flatMap { regionCode($0, path: .region) }
        let tags = object.node("tags").map { decodeTags($0) } ?? []
        let network = decodeNetwork(object.node("network"), keyRange: object.keyRange("network") ?? root.range)
        let database = object.node("database").flatMap { decodeDatabase($0, keyRange: object.keyRange("database")!) }
        var replicas: [Replica] = []
        var replicaPaths: [FieldPath] = []
        if let node = object.node("replicas"), let items = list(node, path: .replicas.path) {
            for (i, item) in items.enumerated() {
                if let r = decodeReplica(item, path: FieldPath.replicas[i], primaryClass: database?.instanceClass) {
                    replicas.append(r)
                    replicaPaths.append(.replicas[i].source)
                }
            }
        }
        checkReplicaSources(&replicas, paths: replicaPaths)
        var grants: [ConnectGrant] = []
        if let iamNode = object.node("iam") {
            let iam = open(iamNode, SpecSchema.iam, path: .iam.path, keyRange: object.keyRange("iam")!)
            if iam.isMapping, let connect = iam.node("connect") {
                for (i, item) in (list(connect, path: .iam.connect.path) ?? []).enumerated() {
                    let path = FieldPath.iam.connect[i]
                    let grant = open(item, SpecSchema.connectGrant, path: path.path, keyRange: item.range)
                    guard grant.isMapping, let user = grant.node("user").flatMap({ string($0, path: path.user) }) else { continue }
                    var roles: [Located<String>] = []
                    for (k, role) in (grant.node("roles").flatMap { list($0, path: path.roles.path) } ?? []).enumerated() {
                        guard let arn = string(role, path: path.roles[k]) else { continue }
                        let parts = arn.value.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
                        guard parts.count == 6, parts[0] == "arn", parts[2] == "iam", parts[5].hasPrefix("role/"), parts[5].count > 5 else {
                            sink.error(
                                ModelCode.invalidValue, "`\(arn.value.shortened())` is not an IAM role ARN", at: arn.range,
                                help: "write it like arn:aws:iam::123456789012:role/app", path: path.roles[k])
                            continue
                        }
                        roles.append(arn)
                    }
                    grants.append(ConnectGrant(user: user, roles: roles, range: item.range))
                }
            }
        }
        guard let version, let name, let region, let database, let network else { return nil }
        return Spec(
            languageVersion: version, name: name, region: region, tags: tags, network: network,
            database: database, replicas: replicas, connectGrants: grants)
    }

    /// A replica's `source` must name another replica of the spec, without a cycle; one that
    /// does not is reported and dropped, so that the rest of the pipeline sees a sound chain.
    mutating func checkReplicaSources(_ replicas: inout [Replica], paths: [FieldPath]) {
        let names = replicas.map(\.name.value)
        let known = NameIndex(names)
        for i in replicas.indices {
            guard let source = replicas[i].source else { continue }
            let name = replicas[i].name.value
            if source.value == name {
                sink.error(
                    ModelCode.invalidValue, "replica `\(name.shortened())` names itself as its source", at: source.range,
                    help: "name another replica, or remove `source` to replicate the primary", path: paths[i])
                replicas[i].source = nil
            } else if !known.contains(source.value) {
                let near = Suggestions.closest(to: source.value, in: names.filter { $0 != name })
                sink.error(
                    ModelCode.invalidValue, "no replica is named `\(source.value.shortened())`", at: source.range,
                    help: Suggestions.didYouMean(near) ?? "name a replica of this spec, or remove `source`",
                    path: paths[i], replacements: near)
                replicas[i].source = nil
            }
        }
        // A chain that never reaches the primary is a cycle: report every member, then drop
        // their sources. Each replica is visited once: 0 unvisited, 1 on the current walk,
        // 2 reaches the primary, 3 reaches a cycle.
        var state = [UInt8](repeating: 0, count: replicas.count)
        for start in replicas.indices where state[start] == 0 {
            var path: [Int] = []
            var current: Int? = start
            while let c = current, state[c] == 0 {
                state[c] = 1
                path.append(c)
                current = replicas[c].source.flatMap { known[$0.value] }
            }
            // Ended at the primary (nil), at a known chain, or back on this walk (a cycle).
            let outcome: UInt8 = current.map { state[$0] == 1 ? 3 : state[$0] } ?? 2
            for c in path { state[c] = outcome }
        }
        let cyclic = replicas.indices.filter { state[$0] == 3 }
        for i in cyclic {
            sink.error(
                ModelCode.invalidValue, "replica `\(replicas[i].name.value.shortened())` is in a cycle of sources",
                at: replicas[i].source!.range, help: "let one replica of the chain replicate the primary (no `source`)",
                path: paths[i])
        }
        for i in cyclic { replicas[i].source = nil }
    }

    mutating func decodeTags(_ node: Node) -> [Tag] {
        guard let entries = node.entries else {
            wrongType(node, expected: "a mapping of tag names to values", path: .tags.path)
            return []
        }
        var tags: [Tag] = []
        for entry in entries {
            let path = FieldPath.tags[entry.keyText]
            // An empty value is a tag RDS takes (0 to 256 characters); DB509 judges the rest.
            if let s = entry.value.scalar, !entry.value.isNull, s.text.isEmpty {
                tags.append(Tag(key: Located(entry.keyText, entry.key.range), value: Located("", entry.value.range)))
                continue
            }
            guard let value = string(entry.value, path: path) else { continue }
            tags.append(Tag(key: Located(entry.keyText, entry.key.range), value: value))
        }
        return tags
    }

    /// Availability Zone IDs: 2 to 6, each once, each shaped like `usw2-az1`.
    mutating func decodeZones(_ node: Node, path: FieldPath.Scalars) -> [Located<String>] {
        guard let items = list(node, path: path.path) else { return [] }
        var zones: [Located<String>] = []
        for (i, item) in items.enumerated() {
            guard let text = string(item, path: path[i]) else { continue }
            guard SpecSchema.isZoneID(text.value) else {
                sink.error(
                    ModelCode.invalidValue, "`\(text.value.shortened())` is not an Availability Zone ID", at: text.range,
                    help:
                        "zone IDs look like `usw2-az1` (`aws ec2 describe-availability-zones` lists them as ZoneId); zone names like `us-west-2a` differ between accounts",
                    path: path[i])
                continue
            }
            if zones.contains(where: { $0.value == text.value }) {
                sink.error(
                    ModelCode.invalidValue, "`\(text.value)` is listed twice in `\(path.path)`", at: text.range,
                    help: "each subnet needs its own Availability Zone; remove the second one", path: path[i])
                continue
            }
            zones.append(text)
        }
        if !(2...6).contains(items.count) {
            sink.error(
                ModelCode.invalidValue, "`\(path.path)` lists \(items.count) Availability Zones; a new VPC spans 2 to 6", at: node.range,
                help: items.count < 2 ? "a DB subnet group needs subnets in at least two Availability Zones; add one" : "keep at most 6",
                path: path.path)
        }
        return zones
    }

    mutating func decodeNetwork(_ node: Node?, keyRange: SourceRange, at place: FieldPath.Network = FieldPath.network) -> Network? {
        let defaultVPC = VPC.create(
            cidr: SpecSchema.vpc.defaulted("cidr", at: keyRange), azs: SpecSchema.vpc.defaulted("azs", at: keyRange), zones: [],
            flowLogs: SpecSchema.vpc.defaulted("flowLogs", at: keyRange))
        guard let node else {
            return Network(
                vpc: defaultVPC, allow: [], isPublic: SpecSchema.network.defaulted("public", at: keyRange),
                acl: SpecSchema.network.defaulted("acl", at: keyRange))
        }
        let object = open(node, SpecSchema.network, path: place.path, keyRange: keyRange)
        guard object.isMapping else { return nil }
        var vpc = defaultVPC
        if let vpcNode = object.node("vpc") {
            let v = open(vpcNode, SpecSchema.vpc, path: place.vpc.path, keyRange: object.keyRange("vpc")!)
            guard v.isMapping else { return nil }
            if let idNode = v.node("id") {
                let newVPCKeys = [("cidr", place.vpc.cidr), ("azs", place.vpc.azs), ("zones", place.vpc.zones.path), ("flowLogs", place.vpc.flowLogs)]
                for (other, otherPath) in newVPCKeys where v.node(other) != nil {
                    sink.error(
                        ModelCode.conflictingKeys, "`\(otherPath)` cannot be combined with `\(place.vpc.id)`",
                        at: v.keyRange(other)!,
                        help: other == "flowLogs"
                            ? "an existing VPC's flow logs are its owner's to set; remove `flowLogs`"
                            : "`cidr`, `azs`, `zones` and `flowLogs` describe a new VPC; `id` and `subnets` an existing one",
                        path: otherPath)
                }
                let id = awsID(idNode, prefix: "vpc-", path: place.vpc.id)
                var subnets: [Located<String>] = []
                if let subnetsNode = v.node("subnets") {
                    for (i, item) in (list(subnetsNode, path: place.vpc.subnets.path) ?? []).enumerated() {
                        if let s = awsID(item, prefix: "subnet-", path: place.vpc.subnets[i]) { subnets.append(s) }
                    }
                } else {
                    sink.error(
                        ModelCode.missingKey, "an existing VPC needs `subnets`", at: v.keyRange("id")!,
                        help: "list the IDs of private subnets in at least two Availability Zones", path: place.vpc.subnets.path)
                }
                if let id { vpc = .existing(id: id, subnets: subnets) }
            } else {
                if v.node("subnets") != nil {
                    sink.error(
                        ModelCode.conflictingKeys, "`\(place.vpc.subnets.path)` needs `\(place.vpc.id)`", at: v.keyRange("subnets")!,
                        help: "subnets belong to an existing VPC; give its `id`, or remove `subnets` to create a VPC",
                        path: place.vpc.subnets.path)
                }
                let cidr =
                    v.node("cidr").flatMap { cidrRange($0, path: place.vpc.cidr, prefixes: 16...24) }
                    ?? SpecSchema.vpc.defaulted("cidr", at: object.keyRange("vpc")!)
                var azs =
                    integer(v, "azs", path: place.vpc.azs)
                    ?? SpecSchema.vpc.defaulted("azs", at: object.keyRange("vpc")!)
                var zones: [Located<String>] = []
                if let zonesNode = v.node("zones") {
                    if v.node("azs") != nil {
                        sink.error(
                            ModelCode.conflictingKeys, "`\(place.vpc.zones.path)` cannot be combined with `\(place.vpc.azs)`", at: v.keyRange("azs")!,
                            help: "`zones` names the Availability Zones, and their number is `azs`; remove `azs`", path: place.vpc.azs)
                    }
                    zones = decodeZones(zonesNode, path: place.vpc.zones)
                    if !zones.isEmpty { azs = Located(zones.count, v.keyRange("zones")!) }
                }
                let flowLogs =
                    enumeration(v, "flowLogs", path: place.vpc.flowLogs)
                    .flatMap { t in FlowLogTraffic(rawValue: t.value).map { Located($0, t.range) } }
                    ?? SpecSchema.vpc.defaulted("flowLogs", at: object.keyRange("vpc")!)
                vpc = .create(cidr: cidr, azs: azs, zones: zones, flowLogs: flowLogs)
            }
        }
        var allow: [AllowRule] = []
        if let allowNode = object.node("allow") {
            for (i, item) in (list(allowNode, path: place.allow.path) ?? []).enumerated() {
                let rulePath = place.allow[i]
                let rule = open(item, SpecSchema.allowRule, path: rulePath.path, keyRange: item.range)
                guard rule.isMapping else { continue }
                let description = rule.node("description").flatMap { string($0, path: rulePath.description) }
                let cidr = rule.node("cidr").flatMap { cidrRange($0, path: rulePath.cidr, prefixes: 0...32) }
                let group = rule.node("securityGroup").flatMap { awsID($0, prefix: "sg-", path: rulePath.securityGroup) }
                switch (cidr, group) {
                case let (c?, nil): allow.append(AllowRule(source: Located(.cidr(c.value), c.range), description: description))
                case let (nil, g?): allow.append(AllowRule(source: Located(.securityGroup(g.value), g.range), description: description))
                case (_?, _?):
                    sink.error(
                        ModelCode.conflictingKeys, "an allow rule has both `cidr` and `securityGroup`", at: item.range,
                        help: "write one rule for each source", path: rulePath.path)
                case (nil, nil):
                    if rule.node("cidr") == nil && rule.node("securityGroup") == nil {
                        sink.error(
                            ModelCode.missingKey, "an allow rule needs `cidr` or `securityGroup`", at: item.range,
                            help: "for example `- cidr: 10.0.0.0/16`", path: rulePath.path)
                    }
                }
            }
        }
        var isPublic =
            object.node("public").flatMap { boolean($0, path: place.public) }
            ?? SpecSchema.network.defaulted("public", at: keyRange)
        if isPublic.value, case .create = vpc {
            // RDS refuses a publicly accessible instance in a VPC without an internet gateway.
            sink.error(
                ModelCode.conflictingKeys, "a public database needs an existing VPC with public subnets",
                at: isPublic.range,
                help: "a new VPC has private subnets only; give `\(place.vpc.path): { id, subnets }` with public subnets, or remove `public: true`",
                path: place.public)
            // Reported and dropped, so no rule reports the same line again (DB206).
            isPublic.value = false
        }
        let acl = object.node("acl").flatMap { boolean($0, path: place.acl) } ?? SpecSchema.network.defaulted("acl", at: keyRange)
        if acl.value {
            if case .existing = vpc {
                // Associating an ACL with existing subnets would take them from their current
                // ACL, for every workload in them.
                sink.error(
                    ModelCode.conflictingKeys, "`\(place.acl)` needs a new VPC", at: acl.range,
                    help: "an existing VPC's subnets keep the network ACLs they have; remove `acl`, or let dbspec create the VPC",
                    path: place.acl)
            }
            for rule in allow {
                guard case .securityGroup = rule.source.value else { continue }
                sink.error(
                    ModelCode.conflictingKeys, "a network ACL admits address ranges, not security groups", at: rule.source.range,
                    help: "with `acl: true`, write the clients' address range as `cidr`", path: place.allow.path)
            }
        }
        return Network(vpc: vpc, allow: allow, isPublic: isPublic, acl: acl)
    }

    mutating func decodeDatabase(_ node: Node, keyRange: SourceRange) -> Database? {
        let object = open(node, SpecSchema.database, path: .database.path, keyRange: keyRange)
        guard object.isMapping else { return nil }
        let engine = enumeration(object, "engine", path: .database.engine)
        let version = object.node("version").flatMap { string($0, path: .database.version) }
        let instanceClass = object.node("class").flatMap { string($0, path: .database.class) }
        let multiAZ = object.node("multiAz").flatMap { boolean($0, path: .database.multiAz) } ?? SpecSchema.database.defaulted("multiAz", at: keyRange)
        let storage = decodeStorage(object.node("storage"), keyRange: object.keyRange("storage") ?? keyRange)
        let encryption = decodeEncryption(object.node("encryption"), keyRange: object.keyRange("encryption") ?? keyRange)
        let credentials = decodeCredentials(object.node("credentials"), keyRange: object.keyRange("credentials") ?? keyRange)
        let iamAuth = object.node("iamAuth").flatMap { boolean($0, path: .database.iamAuth) } ?? SpecSchema.database.defaulted("iamAuth", at: keyRange)
        let port = integer(object, "port", path: .database.port)
        let backup = decodeBackup(object.node("backup"), keyRange: object.keyRange("backup") ?? keyRange)
        let maintenance = object.node("maintenanceWindow").flatMap { string($0, path: .database.maintenanceWindow) }
        let deletion =
            object.node("deletionProtection").flatMap { boolean($0, path: .database.deletionProtection) }
            ?? SpecSchema.database.defaulted("deletionProtection", at: keyRange)
        let monitoring = decodeMonitoring(object.node("monitoring"), keyRange: object.keyRange("monitoring") ?? keyRange)
        var parameters: [(name: Located<String>, value: Located<String>)] = []
        if let node = object.node("parameters") {
            if let entries = node.entries {
                for entry in entries {
                    if let value = string(entry.value, path: .database.parameters[entry.keyText]) {
                        parameters.append((Located(entry.keyText, entry.key.range), value))
                    }
                }
            } else if !node.isNull {
                wrongType(node, expected: "a mapping of parameter names to values", path: .database.parameters.path)
            }
        }
        var capacity: Capacity?
        if let node = object.node("capacity") {
            let key = object.keyRange("capacity")!
            let c = open(node, SpecSchema.capacity, path: .database.capacity.path, keyRange: key)
            if c.isMapping {
                // Both decoded before either is judged, so both problems are reported.
                let min = c.node("min").flatMap { number($0, path: .database.capacity.min) }
                let max = c.node("max").flatMap { number($0, path: .database.capacity.max) }
                if let min, let max { capacity = Capacity(min: min, max: max, range: key) }
            }
        }
        guard let engine, let version, let instanceClass, let storage, let encryption, let credentials, let backup else { return nil }
        return Database(
            engine: engine, version: version, instanceClass: instanceClass, multiAZ: multiAZ, storage: storage,
            encryption: encryption, credentials: credentials, iamAuth: iamAuth, port: port, backup: backup,
            maintenanceWindow: maintenance, deletionProtection: deletion, monitoring: monitoring,
            dbName: object.node("dbName").flatMap { string($0, path: .database.dbName) },
            licenseModel: enumeration(object, "licenseModel", path: .database.licenseModel),
            characterSet: object.node("characterSet").flatMap { string($0, path: .database.characterSet) },
            timezone: object.node("timezone").flatMap { string($0, path: .database.timezone) },
            capacity: capacity,
            backtrackHours: integer(object, "backtrackHours", path: .database.backtrackHours),
            parameters: parameters, range: keyRange)
    }

    mutating func decodeStorage(_ node: Node?, keyRange: SourceRange) -> Storage? {
        guard let node else {
            return Storage(size: SpecSchema.storage.defaulted("size", at: keyRange), type: SpecSchema.storage.defaulted("type", at: keyRange))
        }
        let object = open(node, SpecSchema.storage, path: .database.storage.path, keyRange: keyRange)
        guard object.isMapping else { return nil }
        let size =
            integer(object, "size", path: .database.storage.size)
            ?? SpecSchema.storage.defaulted("size", at: keyRange)
        var type: Located<StorageType> = SpecSchema.storage.defaulted("type", at: keyRange)
        if let t = enumeration(object, "type", path: .database.storage.type) {
            type = Located(StorageType(rawValue: t.value)!, t.range)
        }
        let iops = integer(object, "iops", path: .database.storage.iops)
        let throughput = integer(object, "throughput", path: .database.storage.throughput)
        let maxSize = integer(object, "maxSize", path: .database.storage.maxSize)
        return Storage(size: size, type: type, iops: iops, throughput: throughput, maxSize: maxSize, written: keyRange)
    }

    mutating func decodeEncryption(_ node: Node?, keyRange: SourceRange) -> Encryption? {
        guard let node else {
            return Encryption(
                atRest: SpecSchema.encryption.defaulted("atRest", at: keyRange), inTransit: SpecSchema.encryption.defaulted("inTransit", at: keyRange),
                kmsKey: nil, range: keyRange)
        }
        let object = open(node, SpecSchema.encryption, path: .database.encryption.path, keyRange: keyRange)
        guard object.isMapping else { return nil }
        let atRest =
            object.node("atRest").flatMap { boolean($0, path: .database.encryption.atRest) }
            ?? SpecSchema.encryption.defaulted("atRest", at: keyRange)
        var inTransit: Located<TransitEncryption> = SpecSchema.encryption.defaulted("inTransit", at: keyRange)
        if let t = enumeration(object, "inTransit", path: .database.encryption.inTransit) {
            inTransit = Located(TransitEncryption(rawValue: t.value)!, t.range)
        }
        let key = object.node("kmsKey").flatMap { kmsKey($0, path: .database.encryption.kmsKey) }
        return Encryption(atRest: atRest, inTransit: inTransit, kmsKey: key, range: keyRange)
    }

    /// `create`, a key ARN, an alias ARN or `alias/NAME`.
    mutating func kmsKey(_ node: Node, path: FieldPath) -> Located<KMSKey>? {
        guard let text = string(node, path: path) else { return nil }
        let value = text.value
        if let key = KMSKey(parsing: value) { return Located(key, text.range) }
        sink.error(
            ModelCode.invalidValue, "`\(value.shortened())` is not a KMS key reference", at: text.range,
            help: "write `create`, a key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID), an alias ARN, or alias/NAME (letters, digits, /, _ and - after alias/)",
            path: path)
        return nil
    }

    /// The master user; its name's default depends on the engine and is DBSpecResolve's.
    mutating func decodeCredentials(_ node: Node?, keyRange: SourceRange) -> Credentials? {
        guard let node else {
            return Credentials(
                username: nil, password: Located(PasswordMode(SpecSchema.credentials.defaultText("password")), keyRange, explicit: false),
                range: keyRange)
        }
        let object = open(node, SpecSchema.credentials, path: .database.credentials.path, keyRange: keyRange)
        guard object.isMapping else { return nil }
        let username = object.node("username").flatMap { string($0, path: .database.credentials.username) }
        var password = Located(PasswordMode(SpecSchema.credentials.defaultText("password")), keyRange, explicit: false)
        if let p = object.node("password") {
            // Anything but the two modes is a literal password, which a rule reports (DB211)
            // without echoing it; the decoder keeps it out of its own messages.
            if let s = p.scalar, !p.isNull {
                password = Located(PasswordMode(s.text), p.range)
            } else {
                wrongType(p, expected: "`managed` or `generated`", path: .database.credentials.password)
                return nil
            }
        }
        return Credentials(username: username, password: password, range: keyRange)
    }

    mutating func decodeMonitoring(_ node: Node?, keyRange: SourceRange) -> Monitoring {
        let off = Monitoring(interval: SpecSchema.monitoring.defaulted("interval", at: keyRange), performanceInsightsRetention: nil, logs: [])
        guard let node else { return off }
        let object = open(node, SpecSchema.monitoring, path: .database.monitoring.path, keyRange: keyRange)
        guard object.isMapping else { return off }
        let interval =
            integer(object, "interval", path: .database.monitoring.interval)
            ?? SpecSchema.monitoring.defaulted("interval", at: keyRange)
        var retention: Located<Int>?
        if let pi = object.node("performanceInsights") {
            let piKey = object.keyRange("performanceInsights")!
            let p = open(pi, SpecSchema.performanceInsights, path: .database.monitoring.performanceInsights.path, keyRange: piKey)
            if p.isMapping {
                retention =
                    integer(p, "retentionDays", path: .database.monitoring.performanceInsights.retentionDays)
                    ?? SpecSchema.performanceInsights.defaulted("retentionDays", at: piKey)
            }
        }
        var logs: [Located<String>] = []
        if let l = object.node("logs") {
            for (i, item) in (list(l, path: .database.monitoring.logs.path) ?? []).enumerated() {
                if let s = string(item, path: .database.monitoring.logs[i]) { logs.append(s) }
            }
        }
        return Monitoring(interval: interval, performanceInsightsRetention: retention, logs: logs)
    }

    mutating func decodeBackup(_ node: Node?, keyRange: SourceRange) -> Backup? {
        guard let node else { return Backup(retentionDays: SpecSchema.backup.defaulted("retentionDays", at: keyRange), window: nil) }
        let object = open(node, SpecSchema.backup, path: .database.backup.path, keyRange: keyRange)
        guard object.isMapping else { return nil }
        let retention =
            integer(object, "retentionDays", path: .database.backup.retentionDays)
            ?? SpecSchema.backup.defaulted("retentionDays", at: keyRange)
        let window = object.node("window").flatMap { string($0, path: .database.backup.window) }
        return Backup(retentionDays: retention, window: window)
    }

    mutating func decodeReplica(_ node: Node, path: FieldPath.Replica, primaryClass: Located<String>?) -> Replica? {
        let object = open(node, SpecSchema.replica, path: path.path, keyRange: node.range)
        guard object.isMapping else { return nil }
        let name = object.node("name").flatMap { identifier($0, path: path.name) }
        let explicitClass = object.node("class").flatMap { string($0, path: path.class) }
        let region = object.node("region").flatMap { regionCode($0, path: path.region) }
        var key: Located<KMSKey>?
        if let e = object.node("encryption") {
            let enc = open(e, SpecSchema.replicaEncryption, path: path.encryption.path, keyRange: object.keyRange("encryption")!)
            if enc.isMapping { key = enc.node("kmsKey").flatMap { kmsKey($0, path: path.encryption.kmsKey) } }
        }
        var network: Network?
        if let n = object.node("network") {
            network = decodeNetwork(n, keyRange: object.keyRange("network")!, at: path.network)
        }
        guard let name else { return nil }
        let instanceClass = explicitClass ?? Located(primaryClass?.value ?? "", node.range, explicit: false)
        return Replica(
            name: name, instanceClass: instanceClass, region: region, kmsKey: key,
            encryption: object.keyRange("encryption"), network: network,
            networkKey: object.keyRange("network"),
            source: object.node("source").flatMap { identifier($0, path: path.source) },
            mode: enumeration(object, "mode", path: path.mode),
            range: node.range)
    }
}
