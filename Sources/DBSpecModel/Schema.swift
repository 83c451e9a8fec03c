/// The shape of the spec language, as data: the decoder checks documents against it
/// (unknown keys, missing keys, value kinds) and `dbspec schema` writes it out as a
/// JSON Schema, so the two cannot disagree.
public indirect enum ValueKind: Sendable {
    case string
    /// A string from a fixed set.
    case enumeration([String])
    /// An integer within the inclusive bounds.
    case integer(min: Int?, max: Int?)
    case number
    case boolean
    case object(ObjectSchema)
    case array(ValueKind)
    /// A mapping with keys of the user's choice (tags).
    case map(ValueKind)
    /// One of several kinds (for example `kmsKey`: the word `create`, or a key reference).
    case anyOf([ValueKind])
}

/// One key of a mapping.
public struct FieldSchema: Sendable {
    public var name: String
    public var kind: ValueKind
    public var required: Bool
    /// What the field means, with its unit; shown in editors and in the JSON Schema.
    public var summary: String
    /// The default, as written in a spec, when the field may be left out.
    public var defaultValue: String?
    /// The shape a string must have (an ECMA-262 regular expression, as JSON Schema takes it).
    /// The rule that checks the field is the authority and says what is wrong; the pattern lets
    /// an editor flag it as the user types, and a test proves the two agree.
    public var pattern: String?
    public var maxLength: Int?
    /// Values shown as examples in editors.
    public var examples: [String]
    /// A closed list that lives in the catalogue (it changes as AWS changes), not here.
    public var catalogList: CatalogList?
    /// The engines that take the field, when only some do (the rule that refuses it on the
    /// others reads this list; the JSON Schema says it with `if`/`then`).
    public var engines: [String]?

    public init(
        _ name: String, _ kind: ValueKind, required: Bool = false, default defaultValue: String? = nil, pattern: String? = nil,
        maxLength: Int? = nil, examples: [String] = [], catalogList: CatalogList? = nil, engines: [String]? = nil, _ summary: String
    ) {
        self.engines = engines
        self.name = name
        self.kind = kind
        self.required = required
        self.summary = summary
        self.defaultValue = defaultValue
        self.pattern = pattern
        self.maxLength = maxLength
        self.examples = examples
        self.catalogList = catalogList
    }
}

/// Closed lists whose values come from the catalogue of RDS facts.
public enum CatalogList: Sendable {
    /// The Regions where RDS runs.
    case regions
}

/// Keys of one mapping that depend on each other. The decoder reports a violation as DB167;
/// the JSON Schema says the same with `dependencies` and `not`, and a test proves both refuse
/// every violation.
public enum KeyConstraint: Sendable, Hashable {
    /// The two keys cannot be written together.
    case excludes(String, String)
    /// The first key needs the second.
    case requires(String, String)
    /// One of the two keys must be written.
    case requiresOneOf(String, String)
}

/// A mapping with known keys.
public struct ObjectSchema: Sendable {
    public var name: String
    public var summary: String
    public var fields: [FieldSchema]
    public var constraints: [KeyConstraint]

    public init(_ name: String, _ summary: String, _ fields: [FieldSchema], constraints: [KeyConstraint] = []) {
        self.name = name
        self.summary = summary
        self.fields = fields
        self.constraints = constraints
    }

    public var fieldNames: [String] { fields.map(\.name) }

    public func field(_ name: String) -> FieldSchema? { fields.first { $0.name == name } }
}

/// The spec language, version 1.
public enum SpecSchema {
    /// Language versions this dbspec reads.
    public static let languageVersions = 1...1

    /// RDS engine names the spec accepts.
    public static let engines = [
        "aurora-mysql", "aurora-postgresql", "mariadb", "mysql", "oracle-ee", "oracle-se2", "postgres",
        "sqlserver-ee", "sqlserver-ex", "sqlserver-se", "sqlserver-web",
    ]

    public static let storageTypes = StorageType.allCases.map(\.rawValue)

    /// Days of a weekly window, as RDS writes them (it reads them in any case).
    public static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// RDS identifiers (database, cluster, replica): a letter, then letters, digits and single
    /// hyphens, not ending with one; uppercase is taken and stored in lowercase (DB168).
    public static let identifierPattern = "^[A-Za-z](-?[A-Za-z0-9])*$"
    static let time = "([01][0-9]|2[0-3]):[0-5][0-9]"
    /// `hh24:mi-hh24:mi`.
    public static let dailyWindowPattern = "^\(time)-\(time)$"
    /// `ddd:hh24:mi-ddd:hh24:mi`, days in any case.
    public static let weeklyWindowPattern = "^\(weekdayPattern):\(time)-\(weekdayPattern):\(time)$"
    /// `weekdays`, each letter in either case. Written out: building it with `uppercased()`
    /// loaded Unicode's case tables at start-up, a few percent of a check (a test proves it
    /// spells `weekdays`).
    static let weekdayPattern = "([mM][oO][nN]|[tT][uU][eE]|[wW][eE][dD]|[tT][hH][uU]|[fF][rR][iI]|[sS][aA][tT]|[sS][uU][nN])"
    static let octet = "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
    /// An IPv4 range: four octets without leading zeros, a prefix length up to 32.
    public static let cidrPattern = "^\(octet)(\\.\(octet)){3}/(3[0-2]|[12]?[0-9])$"
    /// An AWS resource ID: the prefix, then 8 or 17 lowercase hexadecimal digits.
    public static func awsIDPattern(_ prefix: String) -> String { "^\(prefix)([0-9a-f]{8}|[0-9a-f]{17})$" }
    /// An Availability Zone ID: the Region's short form, then `-az` and a number (`usw2-az1`,
    /// `use1-az6`); a Local Zone's has its location between (`usw2-lax1-az1`).
    public static let zoneIDPattern = "^[a-z]{2,6}[0-9]+(-[a-z]{2,5}[0-9]+)?-az[0-9]+$"
    /// Whether `text` matches `zoneIDPattern`.
    public static func isZoneID(_ text: String) -> Bool {
        // [a-z]{2,6}[0-9]+, optionally (-[a-z]{2,5}[0-9]+), then -az[0-9]+
        func word(_ s: Substring, letters: ClosedRange<Int>) -> Bool {
            let l = s.prefix { ("a"..."z").contains($0) }
            let d = s.dropFirst(l.count)
            return letters.contains(l.count) && !d.isEmpty && d.allSatisfy { ("0"..."9").contains($0) }
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, let last = parts.last, last.hasPrefix("az") else { return false }
        let number = last.dropFirst(2)
        guard !number.isEmpty, number.allSatisfy({ ("0"..."9").contains($0) }), word(parts[0], letters: 2...6) else { return false }
        return parts.count == 2 || word(parts[1], letters: 2...5)
    }

    /// What EC2 takes in a security group rule's description (DB225 is the authority).
    public static let securityGroupRuleDescriptionPattern = "^[a-zA-Z0-9 ._:/()#,@\\[\\]+=&;{}!$*-]*$"

    /// `create`, `alias/NAME`, or a KMS key or alias ARN.
    public static let kmsKeyPattern = "^(create|alias/[A-Za-z0-9/_-]+|arn:[a-z0-9-]+:kms:[a-z0-9-]+:[0-9]{12}:(key/[A-Za-z0-9-]+|alias/[A-Za-z0-9/_-]+))$"

    public static let vpc = ObjectSchema(
        "vpc", "The VPC the database lives in: a new one (`cidr`, `azs` or `zones`, `flowLogs`) or an existing one (`id`, `subnets`).",
        [
            FieldSchema("cidr", .string, default: "10.0.0.0/16", pattern: cidrPattern, examples: ["10.0.0.0/16"], "IPv4 range of a new VPC, /16 to /24."),
            FieldSchema(
                "azs", .integer(min: 2, max: 6), default: "2", "Availability Zones the new VPC's private subnets span: the Region's first ones, in name order."),
            FieldSchema(
                "zones", .array(.string), pattern: zoneIDPattern, examples: ["usw2-az1"],
                "The new VPC's Availability Zones by zone ID (2 to 6, like usw2-az1), instead of `azs`: pinned, so that a zone that becomes unavailable or a new zone never moves a subnet. Zone IDs are the same in every account; names are not."
            ),
            FieldSchema(
                "flowLogs", .enumeration(FlowLogTraffic.allCases.map(\.rawValue)), default: FlowLogTraffic.reject.rawValue,
                "Flow logs of the new VPC: which traffic (reject, accept, all) goes to a CloudWatch Logs group kept for a year and encrypted with the spec's key when dbspec creates it; off for none."
            ),
            FieldSchema(
                "id", .string, pattern: awsIDPattern("vpc-"), examples: ["vpc-0123456789abcdef0"], "ID of an existing VPC (vpc-…); give its subnets too."),
            FieldSchema(
                "subnets", .array(.string), pattern: awsIDPattern("subnet-"), "IDs of existing private subnets (subnet-…) in at least two Availability Zones."),
        ],
        constraints: [
            .excludes("cidr", "id"), .excludes("azs", "id"), .excludes("zones", "id"), .excludes("zones", "azs"), .excludes("flowLogs", "id"),
            .requires("id", "subnets"), .requires("subnets", "id"),
        ])

    public static let allowRule = ObjectSchema(
        "allow rule", "A source allowed to connect on the database port.",
        [
            FieldSchema("cidr", .string, pattern: cidrPattern, examples: ["10.0.0.0/16"], "An IPv4 range allowed to connect, like 10.0.0.0/16."),
            FieldSchema(
                "securityGroup", .string, pattern: awsIDPattern("sg-"), examples: ["sg-0123456789abcdef0"], "A security group (sg-…) whose members may connect."
            ),
            FieldSchema(
                "description", .string, pattern: securityGroupRuleDescriptionPattern, maxLength: 255,
                "Why this source may connect; shown on the rule. EC2's characters: letters a-z and A-Z, digits, spaces and ._-:/()#,@[]+=&;{}!$*"),
        ], constraints: [.excludes("cidr", "securityGroup"), .requiresOneOf("cidr", "securityGroup")])

    public static let network = ObjectSchema(
        "network", "Network isolation. Default: a new VPC 10.0.0.0/16 over 2 AZs with private subnets only and flow logs of rejected traffic.",
        [
            FieldSchema("vpc", .object(vpc), "Create a VPC, or use an existing one."),
            FieldSchema("allow", .array(.object(allowRule)), "Who may connect on the database port; nobody else can."),
            FieldSchema("public", .boolean, default: "false", "Whether the database gets a public address."),
            FieldSchema(
                "acl", .boolean, default: "false",
                "A network ACL on the new VPC's database subnets that admits only the `allow` address ranges on the database port, a second layer below the security group."
            ),
        ])

    public static let storage = ObjectSchema(
        "storage", "Allocated storage.",
        [
            FieldSchema("size", .integer(min: 1, max: 65536), default: "20", "Allocated storage in GiB."),
            FieldSchema(
                "type", .enumeration(storageTypes), default: "gp3",
                "Storage type: gp2, gp3, io1, io2 or standard; on Aurora, aurora or aurora-iopt1 (I/O-Optimized) and nothing else under `storage`."),
            FieldSchema("iops", .integer(min: 0, max: 256000), "Provisioned IOPS (io1, io2, and gp3 above its baseline)."),
            FieldSchema("throughput", .integer(min: 0, max: 16000), "gp3 throughput in MiB/s."),
            FieldSchema("maxSize", .integer(min: 1, max: 65536), "Upper limit for storage autoscaling in GiB; autoscaling is off without it."),
        ])

    public static let encryption = ObjectSchema(
        "encryption", "Encryption at rest and in transit.",
        [
            FieldSchema("atRest", .boolean, default: "true", "Encrypt storage, snapshots and backups; `false` opts out."),
            FieldSchema(
                "inTransit", .enumeration(TransitEncryption.allCases.map(\.rawValue)), default: TransitEncryption.required.rawValue,
                "`required`: the database refuses connections without TLS (a parameter of its parameter group); `optional`: clients choose."),
            FieldSchema(
                "kmsKey", .string, pattern: kmsKeyPattern,
                examples: ["create", "alias/orders", "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
                "The KMS key: `create` for a new customer managed key, a key ARN, or alias/NAME."),
        ])

    /// The master user name when a spec gives none: what the RDS console proposes for the
    /// engine (RDS User Guide, "Understanding PostgreSQL roles and permissions": `postgres`;
    /// `admin` for the other engines), never a name the engine refuses (PostgreSQL reserves `admin`).
    public static func defaultUsername(engine: String?) -> String {
        engine == "postgres" || engine == "aurora-postgresql" ? "postgres" : "admin"
    }

    public static let credentials = ObjectSchema(
        "credentials", "The master user.",
        [
            FieldSchema(
                "username", .string,
                default: "\(defaultUsername(engine: "mysql")); \(defaultUsername(engine: "postgres")) on PostgreSQL and Aurora PostgreSQL",
                "Master user name. The default is the RDS console's: `\(defaultUsername(engine: "postgres"))` on PostgreSQL engines, which reserve `admin`, and `\(defaultUsername(engine: "mysql"))` elsewhere."
            ),
            FieldSchema(
                "password", .enumeration(["managed", "generated"]), default: "managed",
                "`managed`: RDS keeps the password in Secrets Manager; `generated`: a Secrets Manager secret the template generates."),
        ])

    public static let backup = ObjectSchema(
        "backup", "Automated backups.",
        [
            FieldSchema("retentionDays", .integer(min: 0, max: 35), default: "7", "Days automated backups are kept, 0 to 35; 0 turns them off."),
            FieldSchema(
                "window", .string, pattern: dailyWindowPattern, examples: ["03:00-03:30"], "Daily backup window in UTC, hh24:mi-hh24:mi, at least 30 minutes."),
        ])

    public static let performanceInsights = ObjectSchema(
        "performance insights", "Performance Insights, encrypted with the spec's KMS key.",
        [
            FieldSchema("retentionDays", .integer(min: 7, max: 731), default: "7", "Days kept: 7, a multiple of 31 up to 713, or 731.")
        ])

    public static let monitoring = ObjectSchema(
        "monitoring", "Enhanced Monitoring, Performance Insights and log exports.",
        [
            FieldSchema("interval", .integer(min: 0, max: 60), default: "0", "Seconds between Enhanced Monitoring samples: 0 (off), 1, 5, 10, 15, 30 or 60."),
            FieldSchema("performanceInsights", .object(performanceInsights), "Turn Performance Insights on."),
            FieldSchema("logs", .array(.string), "Log types to export to CloudWatch Logs, like error and slowquery."),
        ])

    public static let capacity = ObjectSchema(
        "capacity", "Aurora Serverless v2 scaling of the cluster's db.serverless instances, in ACUs.",
        [
            FieldSchema("min", .number, required: true, "Minimum capacity in Aurora capacity units: 0.5 to 256, in steps of 0.5."),
            FieldSchema("max", .number, required: true, "Maximum capacity in Aurora capacity units: 1 to 256, in steps of 0.5, at least `min`."),
        ])

    public static let database = ObjectSchema(
        "database", "The primary database.",
        [
            FieldSchema("engine", .enumeration(engines), required: true, "The RDS engine."),
            FieldSchema(
                "version", .anyOf([.string, .number]), required: true, "Engine version, read as text as written: 8.4.8, 16.13, or a major alias such as 8.4."),
            FieldSchema(
                "class", .string, required: true, pattern: "^db\\.[a-z0-9-]+(\\.[a-z0-9-]+)*$", examples: ["db.t3.micro", "db.r6g.large", "db.serverless"],
                "Instance class, like db.t3.micro."),
            FieldSchema("multiAz", .boolean, default: "false", "Keep a synchronous standby in another Availability Zone."),
            FieldSchema("storage", .object(storage), "Allocated storage."),
            FieldSchema("encryption", .object(encryption), "Encryption at rest (on by default, and then it needs `kmsKey`)."),
            FieldSchema("credentials", .object(credentials), "The master user and how its password is kept."),
            FieldSchema("iamAuth", .boolean, default: "false", "IAM database authentication."),
            FieldSchema("port", .integer(min: 1150, max: 65535), "Port the database listens on; default: the engine's."),
            FieldSchema("backup", .object(backup), "Automated backups."),
            FieldSchema(
                "maintenanceWindow", .string, pattern: weeklyWindowPattern, examples: ["sun:05:00-sun:06:00"],
                "Weekly maintenance window in UTC, ddd:hh24:mi-ddd:hh24:mi."),
            FieldSchema("deletionProtection", .boolean, default: "true", "Refuse to delete the database."),
            FieldSchema("parameters", .map(.string), "Engine parameters for the database's parameter group, by name."),
            FieldSchema("dbName", .string, "Name of a database created with the instance (Oracle: the SID); SQL Server takes none."),
            FieldSchema(
                "licenseModel", .enumeration(["license-included", "bring-your-own-license", "general-public-license", "postgresql-license"]),
                "Licence model; default: the engine's first (license-included for SQL Server, bring-your-own-license for Oracle EE)."),
            FieldSchema(
                "characterSet", .string, engines: ["oracle-ee", "oracle-se2"], "Oracle: the database character set, like AL32UTF8 (fixed at creation)."),
            FieldSchema(
                "timezone", .string, engines: engines.filter { $0.hasPrefix("sqlserver-") },
                "SQL Server: the time zone, like \"UTC\" or \"Pacific Standard Time\" (fixed at creation)."),
            FieldSchema("monitoring", .object(monitoring), "Enhanced Monitoring, Performance Insights and CloudWatch log exports."),
            FieldSchema("capacity", .object(capacity), "Aurora Serverless v2: the capacity range for `class: db.serverless` instances."),
            FieldSchema(
                "backtrackHours", .integer(min: 0, max: 72), default: "0",
                "Aurora MySQL: hours the cluster can be rewound in place (backtrack), up to 72; 0 is off."),
        ])

    public static let replica = ObjectSchema(
        "replica", "A read replica of the primary; on Aurora, a reader instance of the cluster.",
        [
            FieldSchema(
                "name", .string, required: true, pattern: identifierPattern, maxLength: 63, examples: ["orders-ro-1"],
                "Identifier of the replica, unique in the spec."),
            FieldSchema("class", .string, pattern: "^db\\.[a-z0-9-]+(\\.[a-z0-9-]+)*$", examples: ["db.r6g.large"], "Instance class; default: the primary's."),
            FieldSchema("region", .string, catalogList: .regions, "AWS Region of a cross-Region replica; default: the spec's."),
            FieldSchema("encryption", .object(replicaEncryption), "Encryption of a cross-Region replica: the key in its Region."),
            FieldSchema("network", .object(network), "Network of a cross-Region replica; default: a new VPC shaped like the spec's."),
            FieldSchema("source", .string, "Name of another replica to replicate (a cascading replica); default: the primary."),
            FieldSchema(
                "mode", .enumeration(["open-read-only", "mounted"]),
                "Oracle: `open-read-only` (needs an Active Data Guard licence) or `mounted` (a standby, no reads); default: RDS's, open-read-only."),
        ])

    public static let replicaEncryption = ObjectSchema(
        "replica encryption", "The KMS key of a cross-Region replica.",
        [
            FieldSchema("kmsKey", .string, pattern: kmsKeyPattern, examples: ["create"], "A key in the replica's Region: `create`, a key ARN, or alias/NAME.")
        ])

    public static let connectGrant = ObjectSchema(
        "connect grant", "IAM roles that may connect as a database user.",
        [
            FieldSchema("user", .string, required: true, "The database user the roles connect as (created in the database by you)."),
            FieldSchema("roles", .array(.string), required: true, "IAM role ARNs, like arn:aws:iam::123456789012:role/app."),
        ])

    public static let iam = ObjectSchema(
        "iam", "IAM access to the database.",
        [
            FieldSchema("connect", .array(.object(connectGrant)), "Managed policies granting rds-db:connect; needs `database.iamAuth: true`.")
        ])

    public static let root = ObjectSchema(
        "spec", "A dbspec database spec.",
        [
            FieldSchema("$schema", .string, "The JSON Schema of the spec, for editors (JSON specs); dbspec ignores it."),
            FieldSchema("dbspec", .integer(min: 1, max: 1), required: true, "Spec language version."),
            FieldSchema(
                "name", .string, required: true, pattern: identifierPattern, maxLength: 63, examples: ["orders"],
                "Name of the database: 1-63 characters, lowercase letter first, letters, digits and hyphens."),
            FieldSchema("region", .string, required: true, examples: ["us-west-2"], catalogList: .regions, "AWS Region, like us-west-2."),
            FieldSchema("tags", .map(.string), "Tags put on every resource."),
            FieldSchema("network", .object(network), "Network isolation."),
            FieldSchema("database", .object(database), required: true, "The primary database."),
            FieldSchema("replicas", .array(.object(replica)), "Read replicas of the primary."),
            FieldSchema("iam", .object(iam), "IAM access: who may connect with IAM database authentication."),
            FieldSchema(
                "x-dbspec-ignore", .array(.object(suppression)),
                "Diagnostics to suppress in this file, each with the reason (for JSON specs, which have no comments)."),
            FieldSchema(
                "x-dbspec-accept", .array(.object(acceptance)),
                "Changes `dbspec diff` should let through (a planned replacement), each with the reason (for JSON specs, which have no comments)."),
        ])

    public static let acceptance = ObjectSchema(
        "acceptance", "A change to a spec field that is meant, and why.",
        [
            FieldSchema("field", .string, required: true, examples: ["database.encryption.kmsKey"], "The field, as `dbspec diff` names it."),
            FieldSchema("reason", .string, required: true, "Why the change is wanted."),
        ])

    public static let suppression = ObjectSchema(
        "suppression", "A diagnostic code to suppress, and why.",
        [
            FieldSchema("code", .string, required: true, pattern: "^[Dd][Bb][0-9]{3}$", examples: ["DB319"], "The code, like DB319."),
            FieldSchema("reason", .string, required: true, "Why the finding does not apply here."),
        ])
}
