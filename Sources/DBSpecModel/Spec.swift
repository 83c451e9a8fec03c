import DBSpecDiagnostics

/// A value from the spec with the range to point at when something is wrong with it.
/// For a default, `range` is where the value would have been written (its parent) and
/// `isExplicit` is false.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var range: SourceRange
    public var isExplicit: Bool

    public init(_ value: Value, _ range: SourceRange, explicit: Bool = true) {
        self.value = value
        self.range = range
        self.isExplicit = explicit
    }
}

extension Located: Equatable where Value: Equatable {}

/// IAM roles allowed to connect to the database as one user.
public struct ConnectGrant: Sendable {
    public var user: Located<String>
    /// Role ARNs.
    public var roles: [Located<String>]
    public var range: SourceRange

    public init(user: Located<String>, roles: [Located<String>], range: SourceRange) {
        self.user = user
        self.roles = roles
        self.range = range
    }
}

public struct Tag: Sendable {
    public var key: Located<String>
    public var value: Located<String>

    public init(key: Located<String>, value: Located<String>) {
        self.key = key
        self.value = value
    }
}

public struct Network: Sendable {
    public var vpc: VPC
    public var allow: [AllowRule]
    public var isPublic: Located<Bool>
    /// A network ACL on the database's subnets that admits only the allowed address ranges.
    public var acl: Located<Bool>

    public init(vpc: VPC, allow: [AllowRule], isPublic: Located<Bool>, acl: Located<Bool>) {
        self.vpc = vpc
        self.allow = allow
        self.isPublic = isPublic
        self.acl = acl
    }
}

public enum VPC: Sendable {
    /// A new VPC with private subnets over `azs` Availability Zones: the first ones of the
    /// Region, or the ones `zones` names by ID (then `azs` is their number), and flow logs.
    case create(cidr: Located<CIDR>, azs: Located<Int>, zones: [Located<String>], flowLogs: Located<FlowLogTraffic>)
    /// An existing VPC and its subnets.
    case existing(id: Located<String>, subnets: [Located<String>])
}

/// Which traffic of a created VPC its flow log records (EC2's `TrafficType`), or none.
public enum FlowLogTraffic: String, CaseIterable, Sendable {
    /// Connections the security groups or network ACLs refused.
    case reject
    case accept
    case all
    case off
}

public struct AllowRule: Sendable {
    public enum Source: Sendable, Equatable {
        /// An address range, checked and parsed once by the decoder.
        case cidr(CIDR)
        case securityGroup(String)
    }

    public var source: Located<Source>
    public var description: Located<String>?

    public init(source: Located<Source>, description: Located<String>? = nil) {
        self.source = source
        self.description = description
    }
}

public enum StorageType: String, CaseIterable, Sendable {
    case gp2, gp3, io1, io2, standard
    /// Aurora cluster storage: standard (`aurora`, billed per I/O) or I/O-Optimized.
    case aurora
    case auroraIOOptimized = "aurora-iopt1"

    /// Whether the type is an Aurora cluster's.
    public var isAurora: Bool { self == .aurora || self == .auroraIOOptimized }
}

public struct Storage: Sendable {
    /// GiB.
    public var size: Located<Int>
    public var type: Located<StorageType>
    public var iops: Located<Int>?
    /// MiB/s.
    public var throughput: Located<Int>?
    /// GiB; storage autoscaling upper bound.
    public var maxSize: Located<Int>?
    /// The `storage:` key, when the spec writes one.
    public var written: SourceRange?

    public init(
        size: Located<Int>, type: Located<StorageType>, iops: Located<Int>? = nil, throughput: Located<Int>? = nil, maxSize: Located<Int>? = nil,
        written: SourceRange? = nil
    ) {
        self.size = size
        self.type = type
        self.iops = iops
        self.throughput = throughput
        self.maxSize = maxSize
        self.written = written
    }
}

/// Where the KMS key for encryption at rest comes from.
public enum KMSKey: Sendable, Equatable {
    /// A new customer managed key, made with the database.
    case create
    /// An existing key, by ARN (`arn:aws:kms:REGION:ACCOUNT:key/ID`), and the Region the ARN names.
    case arn(String, region: String?)
    /// An existing key, by alias: its name (`alias/NAME`, also when the spec writes the alias's
    /// ARN), and the Region an alias ARN names (nil for `alias/NAME`: the database's Region).
    case alias(name: String, region: String?)

    /// Parses a reference as the spec writes it: `create`, a key ARN, an alias ARN or
    /// `alias/NAME`; nil when it is none of these. The one place a key reference is read.
    public init?(parsing text: String) {
        if text == "create" {
            self = .create
        } else if text.hasPrefix("alias/") {
            guard Self.isAliasName(text) else { return nil }
            self = .alias(name: text, region: nil)
        } else if text.hasPrefix("arn:") {
            // arn:PARTITION:kms:REGION:ACCOUNT:key/ID or …:alias/NAME, each part as KMS spells
            // it, so that nothing else (a template sequence, a dynamic reference) passes as one.
            let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            guard parts.count == 6, parts[2] == "kms", Self.isWord(parts[1]), Self.isWord(parts[3]),
                parts[4].utf8.count == 12, parts[4].utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
            else { return nil }
            let region = String(parts[3])
            let resource = String(parts[5])
            if resource.hasPrefix("alias/") {
                guard Self.isAliasName(resource) else { return nil }
                self = .alias(name: resource, region: region)
            } else if resource.hasPrefix("key/"), resource.utf8.count > 4,
                resource.utf8.dropFirst(4).allSatisfy({ Self.isAlphanumeric($0) || $0 == UInt8(ascii: "-") })
            {
                self = .arn(text, region: region)
            } else {
                return nil
            }
        } else {
            return nil
        }
    }

    /// `alias/NAME`: KMS takes letters, digits, `/`, `_` and `-` after `alias/`, 256 characters
    /// in all (KMS API Reference, CreateAlias AliasName).
    public static func isAliasName(_ text: String) -> Bool {
        let bytes = text.utf8
        return text.hasPrefix("alias/") && bytes.count > 6 && bytes.count <= 256
            && bytes.dropFirst(6).allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }

    /// A partition or Region: lowercase letters, digits and `-`, not empty.
    static func isWord(_ text: Substring) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy {
                ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "-")
            }
    }

    /// The Region the reference names, when it names one (an ARN's).
    public var region: String? {
        switch self {
        case .create: nil
        case .arn(_, let region), .alias(_, let region): region
        }
    }
}

public enum TransitEncryption: String, CaseIterable, Sendable, Equatable {
    /// The database refuses connections without TLS.
    case required
    /// Clients choose.
    case optional
}

public struct Encryption: Sendable {
    public var atRest: Located<Bool>
    public var inTransit: Located<TransitEncryption>
    public var kmsKey: Located<KMSKey>?
    /// Where to point when the whole block is at fault (or would be, when absent).
    public var range: SourceRange

    public init(atRest: Located<Bool>, inTransit: Located<TransitEncryption>, kmsKey: Located<KMSKey>? = nil, range: SourceRange) {
        self.atRest = atRest
        self.inTransit = inTransit
        self.kmsKey = kmsKey
        self.range = range
    }
}

public enum PasswordMode: Sendable, Equatable {
    /// RDS keeps the password in Secrets Manager (`ManageMasterUserPassword`).
    case managed
    /// The template generates a Secrets Manager secret and passes it to RDS.
    case generated
    /// A password written in the spec. Never lowered: a rule refuses it.
    case literal(String)

    /// The mode a keyword names (`managed`, `generated`); anything else is a literal password.
    public init(_ text: String) {
        switch text {
        case "managed": self = .managed
        case "generated": self = .generated
        default: self = .literal(text)
        }
    }
}

public struct Backup: Sendable {
    /// Days, 0 to 35; 0 turns automated backups off.
    public var retentionDays: Located<Int>
    /// `hh24:mi-hh24:mi`, UTC.
    public var window: Located<String>?

    public init(retentionDays: Located<Int>, window: Located<String>? = nil) {
        self.retentionDays = retentionDays
        self.window = window
    }
}

/// Aurora Serverless v2 scaling: the capacity range of the cluster's `db.serverless` instances.
public struct Capacity: Sendable {
    /// Aurora capacity units (ACUs).
    public var min: Located<Double>
    public var max: Located<Double>
    /// The `capacity:` key.
    public var range: SourceRange

    public init(min: Located<Double>, max: Located<Double>, range: SourceRange) {
        self.min = min
        self.max = max
        self.range = range
    }
}

public struct Monitoring: Sendable {
    /// Seconds between Enhanced Monitoring samples; 0 turns it off.
    public var interval: Located<Int>
    /// Performance Insights retention in days, when it is on.
    public var performanceInsightsRetention: Located<Int>?
    public var logs: [Located<String>]

    public init(interval: Located<Int>, performanceInsightsRetention: Located<Int>? = nil, logs: [Located<String>]) {
        self.interval = interval
        self.performanceInsightsRetention = performanceInsightsRetention
        self.logs = logs
    }
}

public struct Replica: Sendable {
    public var name: Located<String>
    public var instanceClass: Located<String>
    /// The replica's Region when it is not the spec's (a cross-Region replica).
    public var region: Located<String>?
    /// The KMS key in the replica's Region that encrypts a cross-Region replica.
    public var kmsKey: Located<KMSKey>?
    /// The replica's `encryption:` key, when written.
    public var encryption: SourceRange?
    /// The network of a cross-Region replica; nil mirrors the spec's (a new VPC of the same shape).
    public var network: Network?
    /// The replica's `network:` key, when written.
    public var networkKey: SourceRange?
    /// The replica this one replicates (a cascading replica); nil for a replica of the primary.
    public var source: Located<String>?
    /// Oracle: `mounted` or `open-read-only`.
    public var mode: Located<String>?
    /// The replica's entry in `replicas`.
    public var range: SourceRange

    public init(
        name: Located<String>, instanceClass: Located<String>, region: Located<String>? = nil, kmsKey: Located<KMSKey>? = nil, encryption: SourceRange? = nil,
        network: Network? = nil, networkKey: SourceRange? = nil, source: Located<String>? = nil, mode: Located<String>? = nil, range: SourceRange
    ) {
        self.name = name
        self.instanceClass = instanceClass
        self.region = region
        self.kmsKey = kmsKey
        self.encryption = encryption
        self.network = network
        self.networkKey = networkKey
        self.source = source
        self.mode = mode
        self.range = range
    }
}
