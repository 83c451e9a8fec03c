// Generated from SpecSchema by `swift run dbspec-dev generate`; do not edit.

extension FieldPath {
    public static var dbspec: FieldPath { FieldPath("dbspec") }
    public static var name: FieldPath { FieldPath("name") }
    public static var region: FieldPath { FieldPath("region") }
    public static var tags: FieldPath.Entries { FieldPath.Entries(base: "tags") }
    public static var network: FieldPath.Network { FieldPath.Network(base: "network") }
    public static var database: FieldPath.Database { FieldPath.Database(base: "database") }
    public static var replicas: FieldPath.Objects<FieldPath.Replica> { FieldPath.Objects(base: "replicas") }
    public static var iam: FieldPath.Iam { FieldPath.Iam(base: "iam") }
    public static var xDbspecIgnore: FieldPath.Objects<FieldPath.Suppression> { FieldPath.Objects(base: "x-dbspec-ignore") }
    public static var xDbspecAccept: FieldPath.Objects<FieldPath.Acceptance> { FieldPath.Objects(base: "x-dbspec-accept") }
}

extension FieldPath {
    /// Network isolation. Default: a new VPC 10.0.0.0/16 over 2 AZs with private subnets only and flow logs of rejected traffic.
    public struct Network: FieldPathNode {
        let base: String
        public init(base: String) { self.base = base }
        /// The object itself.
        public var path: FieldPath { FieldPath(base) }
        public var vpc: FieldPath.Vpc { FieldPath.Vpc(base: base + ".vpc") }
        public var allow: FieldPath.Objects<FieldPath.AllowRule> { FieldPath.Objects(base: base + ".allow") }
        public var `public`: FieldPath { FieldPath(base + ".public") }
        public var acl: FieldPath { FieldPath(base + ".acl") }
    }
}

extension FieldPath {
    /// The VPC the database lives in: a new one (`cidr`, `azs` or `zones`, `flowLogs`) or an existing one (`id`, `subnets`).
    public struct Vpc: FieldPathNode {
        let base: String
        public init(base: String) { self.base = base }
        /// The object itself.
        public var path: FieldPath { FieldPath(base) }
        public var cidr: FieldPath { FieldPath(base + ".cidr") }
        public var azs: FieldPath { FieldPath(base + ".azs") }
        public var zones: FieldPath.Scalars { FieldPath.Scalars(base: base + ".zones") }
        public var flowLogs: FieldPath { FieldPath(base + ".flowLogs") }
        public var id: FieldPath { FieldPath(base + ".id") }
        public var subnets: FieldPath.Scalars { FieldPath.Scalars(base: base + ".subnets") }
    }
}

extension FieldPath {
    /// A source allowed to connect on the database port.
    public struct AllowRule: FieldPathNode {
        let base: String
        public init(base: String) { self.base = base }
        /// The object itself.
        public var path: FieldPath { FieldPath(base) }
        public var cidr: FieldPath { FieldPath(base + ".cidr") }
        public var securityGroup: FieldPath { FieldPath(base + ".securityGroup") }
        public var description: FieldPath { FieldPath(base + ".description") }
    }
}

extension FieldPath {
    /// The primary database.
    public struct Database: FieldPathNode {
        let base: String
        public init(base: String) { self.base = base }
        /// The object itself.
        public var path: FieldPath { FieldPath(base) }
        public var engine: FieldPath { FieldPath(base + ".engine") }
        public var version: FieldPath { FieldPath(base + ".version") }
        public var `class`: FieldPath { FieldPath(base + ".class") }
        public var multiAz: FieldPath { FieldPath(base + ".multiAz") }
        public var storage: FieldPath.Storage { FieldPath.Storage(base: base + ".storage") }
        public var encryption: FieldPath.Encryption { FieldPath.Encryption(base: base + ".encryption") }
        public var credentials: FieldPath.Credentials { FieldPath.Credentials(base: base + ".credentials") }
        public var iamAuth: FieldPath { FieldPath(base + ".iamAuth") }
        public var port: FieldPath { FieldPath(base + ".port") }
        public var backup: FieldPath.Backup { FieldPath.Backup(base: base + ".backup") }
        public var maintenanceWindow: FieldPath { FieldPath(base + ".maintenanceWindow") }
        public var deletionProtection: FieldPath { FieldPath(base + ".deletionProtection") }
        public var parameters: FieldPath.Entries { FieldPath.Entries(base: base + ".parameters") }
        public var dbName: FieldPath { FieldPath(base + ".dbName") }
        public var licenseModel: FieldPath { FieldPath(base + ".licenseModel") }
        public var characterSet: FieldPath { FieldPath(base + ".characterSet") }
        public var timezone: FieldPath { FieldPath(base + ".timezone") }
        public var monitoring: FieldPath.Monitoring { FieldPath.Monitoring(base: base + ".monitoring") }
        public var capacity: FieldPath.Capacity { FieldPath.Capacity(base: base + ".capacity") }
        public var backtrackHours: FieldPath { FieldPath(base + ".backtrackHours") }
    }
}

extension FieldPath {
    /// Allocated storage.
    public struct Storage: FieldPathNode {
        let base: String
        public init(base: String) { self.base = base }
        /// The object itself.
        public var path: FieldPath { FieldPath(base) }
        public var size: FieldPath { FieldPath(base + ".size") }
        public var type: FieldPath { FieldPath(base + ".type") }
        public var iops: FieldPath { FieldPath(base + ".iops") }
        public var throughput: FieldPath { FieldPath(base + ".throughput") }
        public var maxSize: FieldPath { FieldPath(base + ".maxSize") }
    }
}

extension FieldPath {
    /// Encryption at rest and in transit.
    public struct Encryption: FieldPathNode {
        let base: String
        public init(base: String) { self.base = base }
        /// The object itself.
        public var path: FieldPath { FieldPath(base) }
        public var atRest: FieldPath { FieldPath(base + ".atRest") }
        public var inTransit: FieldPath { FieldPath(base + ".inTransit") }
        public var kmsKey: FieldPath { FieldPath(base + ".kmsKey") }
    }
}

extension FieldPath {
    /// The master user.
    public struct Credentials: FieldPathNode {
        let base: String
        public init(base: String) { self.base = base }
        /// The object itself.
        public var path: FieldPath { FieldPath(base) }
        public var username: FieldPath { FieldPath(base + ".username") }
        public var password: FieldPath { FieldPath(base + ".password") }
    }
}

extension FieldPath {
    /// Automated backups.
    public struct Backup: FieldPathNode {
        let base: String
        public init(base: String) { self.base = base }
        /// The object itself.
        public var path: FieldPath { FieldPath(base) }
        public var retentionDays: FieldPath { FieldPath(base + ".retentionDays") }
        public var window: FieldPath { FieldPath(base + ".window") }
    }
}

extension FieldPath {
    /// Enhanced Monitoring, Performance Insights and log exports.
    public struct Monitoring: FieldPathNode {
        let base: String
        public init(base: String) { self.base = base }
        /// The object itself.
        public var path: FieldPath { FieldPath(base) }
        public var interval: FieldPath { FieldPath(base + ".interval") }
        public var performanceInsights: FieldPath.PerformanceInsights { FieldPath.PerformanceInsights(base: base + ".performanceInsights") }
        public var logs: FieldPath.Scalars { FieldPath.Scalars(base: base + ".logs") }
    }
}

extension FieldPath {
    /// Performance Insights, encrypted with the spec's KMS key.
    public struct PerformanceInsights: FieldPathNode {
        let base: String
        public init(base: String) { self.base = base }
        /// The object itself.
        public var path: FieldPath { FieldPath(base) }
        public var retentionDays: FieldPath { FieldPath(base + ".retentionDays") }
    }
}

extension FieldPath {
    /// Aurora Serverless v2 scaling of the cluster's db.serverless instances, in ACUs.
    public struct Capacity: FieldPathNode {
        let base: String
        public init(base: String) { self.base = base }
        /// The object itself.
        public var path: FieldPath { FieldPath(base) }
        public var min: FieldPath { FieldPath(base + ".min") }
        public var max: FieldPath { FieldPath(base + ".max") }
    }
}

extension FieldPath {
    /// A read replica of the primary; on Aurora, a reader instance of the cluster.
    public struct Replica: FieldPathNode {
        let base: String
        public init(base: String) { self.base = base }
        /// The object itself.
        public var path: FieldPath { FieldPath(base) }
        public var name: FieldPath { FieldPath(base + ".name") }
        public var `class`: FieldPath { FieldPath(base + ".class") }
        public var region: FieldPath { FieldPath(base + ".region") }
        public var encryption: FieldPath.ReplicaEncryption { FieldPath.ReplicaEncryption(base: base + ".encryption") }
        public var network: FieldPath.Network { FieldPath.Network(base: base + ".network") }
        public var source: FieldPath { FieldPath(base + ".source") }
        public var mode: FieldPath { FieldPath(base + ".mode") }
    }
}

extension FieldPath {
    /// The KMS key of a cross-Region replica.
    public struct ReplicaEncryption: FieldPathNode {
        let base: String
        public init(base: String) { self.base = base }
        /// The object itself.
        public var path: FieldPath { FieldPath(base) }
        public var kmsKey: FieldPath { FieldPath(base + ".kmsKey") }
    }
}

extension FieldPath {
    /// IAM access to the database.
    public struct Iam: FieldPathNode {
        let base: String
        public init(base: String) { self.base = base }
        /// The object itself.
        public var path: FieldPath { FieldPath(base) }
        public var connect: FieldPath.Objects<FieldPath.ConnectGrant> { FieldPath.Objects(base: base + ".connect") }
    }
}

extension FieldPath {
    /// IAM roles that may connect as a database user.
    public struct ConnectGrant: FieldPathNode {
        let base: String
        public init(base: String) { self.base = base }
        /// The object itself.
        public var path: FieldPath { FieldPath(base) }
        public var user: FieldPath { FieldPath(base + ".user") }
        public var roles: FieldPath.Scalars { FieldPath.Scalars(base: base + ".roles") }
    }
}

extension FieldPath {
    /// A diagnostic code to suppress, and why.
    public struct Suppression: FieldPathNode {
        let base: String
        public init(base: String) { self.base = base }
        /// The object itself.
        public var path: FieldPath { FieldPath(base) }
        public var code: FieldPath { FieldPath(base + ".code") }
        public var reason: FieldPath { FieldPath(base + ".reason") }
    }
}

extension FieldPath {
    /// A change to a spec field that is meant, and why.
    public struct Acceptance: FieldPathNode {
        let base: String
        public init(base: String) { self.base = base }
        /// The object itself.
        public var path: FieldPath { FieldPath(base) }
        public var field: FieldPath { FieldPath(base + ".field") }
        public var reason: FieldPath { FieldPath(base + ".reason") }
    }
}
