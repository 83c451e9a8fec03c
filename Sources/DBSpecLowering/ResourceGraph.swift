/// The infrastructure a spec describes, independent of CloudFormation or Terraform.
///
/// Resource ids are lowercase words joined by hyphens (`orders-private-subnet-1`), stable
/// for a given spec; each emitter spells them in its own convention.
public struct ResourceGraph: Sendable {
    /// One line saying what the template or configuration is.
    public var description: String
    /// The Region the resources live in.
    public var region: String
    /// In dependency order: a resource only refers to resources before it.
    public var resources: [Resource]
    public var outputs: [GraphOutput]

    /// The other Regions some resources live in (cross-Region replicas), in order of first use.
    public var otherRegions: [String] {
        var out: [String] = []
        for r in resources { if let x = r.region, x != region, !out.contains(x) { out.append(x) } }
        return out
    }
}

/// An attribute of another resource in the graph.
public struct Reference: Hashable, Sendable {
    public enum Attribute: String, Sendable {
        /// The resource's own ID (VPC, subnet, security group, subnet group, instance identifier).
        case id
        case arn
        case endpointAddress
        case endpointPort
        /// ARN of the secret RDS manages for the master password.
        case masterUserSecretArn
        /// The instance's resource ID (`db-…`), or a cluster's (`cluster-…`), which IAM database
        /// authentication names.
        case resourceID
        /// A cluster's reader endpoint, which spreads connections over its readers.
        case readerEndpointAddress
    }

    public var resource: String
    public var attribute: Attribute

    public init(_ resource: String, _ attribute: Attribute) {
        self.resource = resource
        self.attribute = attribute
    }
}

/// A string that is either written out or taken from another resource.
public enum Value: Hashable, Sendable {
    case literal(String)
    /// A KMS key named by its alias, `alias/NAME` (the spec's alias ARN, parsed once in the
    /// model, gives the same name).
    case keyAlias(String)
    case reference(Reference)
    /// A field of a JSON secret (`password`), resolved at deploy time, never written out.
    case secretField(secret: String, field: String)
    /// The IAM principal that stands for the account itself (its root).
    case accountRoot
    /// The ID of the account the resources are deployed in.
    case accountID
    /// An ARN in the deploying account and its partition:
    /// `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`.
    case accountARN(service: String, region: String, resource: String)
}

public struct ResourceTag: Hashable, Sendable {
    public var key: String
    public var value: String
}

public struct Resource: Sendable {
    public var id: String
    public var body: Body
    public var tags: [ResourceTag]
    /// The Region the resource lives in when it is not the graph's.
    public var region: String?
    /// The spec text its id was made from, when the id has any (a replica's name, a user).
    public var origin: IdentifierOrigin? = nil

    /// What a resource is.
    public enum Body: Sendable {
        case network(NetworkSpace)
        case subnet(Subnet)
        case firewall(Firewall)
        case firewallRule(FirewallRule)
        case networkACL(NetworkACL)
        case networkACLRule(NetworkACLRule)
        case networkACLAssociation(NetworkACLAssociation)
        case subnetGroup(SubnetGroup)
        case encryptionKey(EncryptionKey)
        case generatedSecret(GeneratedSecret)
        case secretAttachment(SecretAttachment)
        case parameterGroup(ParameterGroup)
        case optionGroup(OptionGroup)
        case monitoringRole(MonitoringRole)
        case logGroup(LogGroup)
        case deliveryRole(DeliveryRole)
        case flowLog(FlowLog)
        case connectPolicy(ConnectPolicy)
        case database(DatabaseInstance)
        case cluster(DatabaseCluster)
        case clusterInstance(ClusterInstance)
    }
}

/// A VPC.
public struct NetworkSpace: Sendable {
    public var cidr: String
    /// The VPC's default security group keeps no rules (nothing in the VPC uses it; dbspec's
    /// resources have groups of their own). Terraform can say so (`aws_default_security_group`);
    /// CloudFormation has no resource for a default group (docs/security.md, CKV2_AWS_12).
    public var closesDefaultSecurityGroup: Bool
}

/// A private subnet of a created VPC.
public struct Subnet: Sendable {
    /// Where a subnet is placed.
    public enum Zone: Sendable, Equatable {
        /// The `index`-th Availability Zone of the Region that is available, in name order,
        /// counted from 0 (not pinned: the list can change).
        case index(Int)
        /// An Availability Zone by its ID (`usw2-az1`), the same in every account.
        case id(String)
    }

    public var network: Value
    public var cidr: String
    public var zone: Zone
}

/// Flow logs of a VPC, delivered to a CloudWatch Logs group by a role the flow logs service
/// assumes.
public struct FlowLog: Sendable {
    public var network: Value
    /// EC2's traffic type: `REJECT`, `ACCEPT` or `ALL`.
    public var traffic: String
    /// The log group (its `id`: the name).
    public var logGroup: Value
    public var role: Value
}

/// A CloudWatch Logs log group.
public struct LogGroup: Sendable {
    public var name: String
    public var retentionDays: Int
    /// The customer managed key that encrypts it; CloudWatch Logs' own encryption when nil.
    public var encryptionKey: Value?
}

/// An IAM role an AWS service assumes to deliver to this account's resources, with its
/// permissions inline. The trust is limited to the account's own resources of `sourceArn`
/// (the confused deputy conditions `aws:SourceAccount` and `aws:SourceArn`).
public struct DeliveryRole: Sendable {
    public var summary: String
    /// `vpc-flow-logs.amazonaws.com`.
    public var service: String
    public var sourceArn: Value
    public var permissions: [Permission]

    public struct Permission: Sendable {
        public var actions: [String]
        public var resources: [Value]
    }
}

/// A security group around the database.
public struct Firewall: Sendable {
    public var summary: String
    public var network: Value
    /// Whether members may open outbound connections. A database needs none: replies to
    /// inbound connections pass anyway, as security groups are stateful.
    public var allowsOutbound: Bool
}

/// One inbound rule on the database port.
public struct FirewallRule: Sendable {
    public enum Source: Sendable {
        case cidr(String)
        case securityGroup(String)
    }

    public var firewall: Value
    public var port: Int
    public var source: Source
    public var summary: String
}

/// A network ACL: stateless rules on a subnet's traffic, below the security group.
public struct NetworkACL: Sendable {
    public var network: Value
}

/// One numbered TCP rule of a network ACL that allows a port range to or from an address range.
public struct NetworkACLRule: Sendable {
    public var acl: Value
    public var number: Int
    /// Outbound when true.
    public var egress: Bool
    public var cidr: String
    public var ports: ClosedRange<Int>
}

/// Puts a subnet under a network ACL.
public struct NetworkACLAssociation: Sendable {
    public var acl: Value
    public var subnet: Value
}

/// A DB subnet group.
public struct SubnetGroup: Sendable {
    public var summary: String
    public var subnets: [Value]
}

/// The IAM role Enhanced Monitoring assumes to publish metrics: it trusts
/// `monitoring.rds.amazonaws.com` and carries AWS's managed policy for it.
public struct MonitoringRole: Sendable {
    public var summary: String
    /// The managed policy's name under `arn:PARTITION:iam::aws:policy/`.
    public var managedPolicy = "service-role/AmazonRDSEnhancedMonitoringRole"
    public var service = "monitoring.rds.amazonaws.com"
}

/// A managed policy that lets roles connect to a database as one user with IAM database
/// authentication (`rds-db:connect`).
public struct ConnectPolicy: Sendable {
    public var summary: String
    /// The database instances (their resource IDs) the user may connect to.
    public var databases: [Value]
    public var user: String
    /// Role names (the last part of each role ARN's path).
    public var roles: [String]
    /// Where each role's ARN is written in the spec.
    public var roleOrigins: [IdentifierOrigin] = []
}

/// A DB parameter group: engine settings, such as the one that forces TLS. An Aurora
/// cluster's settings live in a cluster parameter group.
public struct ParameterGroup: Sendable {
    public var summary: String
    public var forCluster = false
    /// `mysql8.0`, `postgres16`…
    public var family: String
    /// By name, sorted.
    public var parameters: [Parameter]

    public struct Parameter: Sendable, Equatable {
        public var name: String
        public var value: String
    }
}

/// A DB option group: engine features added as options, such as Oracle's SSL option.
public struct OptionGroup: Sendable {
    public var summary: String
    /// `oracle-ee`…
    public var engine: String
    /// `19`, `21`.
    public var majorVersion: String
    public var options: [Option]

    public struct Option: Sendable {
        public var name: String
        public var port: Int?
        /// Security groups allowed to reach the option's port.
        public var securityGroups: [Value]
        /// By name, sorted.
        public var settings: [ParameterGroup.Parameter]
    }
}

/// A customer managed KMS key for the database, with rotation on.
public struct EncryptionKey: Sendable {
    public var summary: String
    /// Principals given full control of the key (the account root).
    public var administrators: [Value]
    /// Kept when its stack or configuration lets it go (CloudFormation's `Retain`, Terraform's
    /// `prevent_destroy`): encrypted final snapshots outlive the database, and without the key
    /// they cannot be restored.
    public var retained: Bool
    /// Days AWS waits before it deletes the key once deletion is asked for (7 to 30).
    public var deletionWindowDays: Int
    /// AWS services allowed to use the key for one resource each (CloudWatch Logs for a log
    /// group), after the administrators.
    public var serviceGrants: [ServiceGrant] = []

    /// Lets a service principal encrypt and decrypt with the key, only in the encryption
    /// context of one resource (`kms:EncryptionContext:KEY` like `VALUE`).
    public struct ServiceGrant: Sendable {
        public var sid: String
        /// `logs.us-west-2.amazonaws.com`.
        public var service: String
        public var actions: [String]
        public var contextKey: String
        public var contextValue: Value
    }
}

/// A Secrets Manager secret whose password is generated at deploy time.
public struct GeneratedSecret: Sendable {
    public var summary: String
    public var username: String
    public var passwordLength: Int
    public var excludeCharacters: String
    public var encryptionKey: Value?
}

/// Links a generated secret to the database it holds the credentials of.
public struct SecretAttachment: Sendable {
    public var secret: Value
    public var database: Value
}

/// What a target does with a database, a cluster or one of its instances over its life:
/// decided in lowering, spelled by each emitter.
public struct Lifecycle: Sendable, Equatable {
    /// What is left of the resource's data when it is deleted or replaced.
    public enum Removal: Sendable, Equatable {
        /// Nothing (a replica's or a cluster member's data lives elsewhere).
        case delete
        /// A final snapshot, named apart from every earlier one.
        case snapshot
    }

    public var removal: Removal
    /// Modifications are made when applied, not in the next maintenance window. CloudFormation
    /// always does; Terraform needs `apply_immediately`.
    public var appliesChangesImmediately: Bool
    /// RDS moves to new minor engine versions in the maintenance window; nil where the
    /// resource has no such setting (an Aurora cluster: its instances have it).
    public var upgradesMinorVersions: Bool?

    public init(removal: Removal, appliesChangesImmediately: Bool, upgradesMinorVersions: Bool?) {
        self.removal = removal
        self.appliesChangesImmediately = appliesChangesImmediately
        self.upgradesMinorVersions = upgradesMinorVersions
    }
}

/// An RDS DB instance: a primary, or a read replica of one (`source`).
public struct DatabaseInstance: Sendable {
    public enum Password: Sendable {
        /// RDS keeps the password in Secrets Manager, encrypted with `key` (its default key when nil).
        case managed(key: Value?)
        case fromSecret(Value)
    }

    public var identifier: String
    public var engine: String
    public var engineVersion: String?
    public var instanceClass: String
    public var licenseModel: String?
    /// GiB.
    public var allocatedStorage: Int?
    public var storageType: String?
    public var iops: Int?
    /// MiB/s.
    public var storageThroughput: Int?
    /// GiB.
    public var maxAllocatedStorage: Int?
    public var multiAZ: Bool
    /// Whether storage is encrypted. On a replica it is the source's (RDS encrypts a replica
    /// of an encrypted source), and a cross-Region one names its key. How each target says it
    /// is the emitters' business: CloudFormation refuses StorageEncrypted with
    /// SourceDBInstanceIdentifier, while the Terraform provider reads it back and plans a
    /// replacement when the configuration leaves it out.
    public var storageEncrypted: Bool?
    public var encryptionKey: Value?
    public var masterUsername: String?
    public var password: Password?
    public var iamAuthentication: Bool
    public var port: Int
    public var backupRetentionDays: Int?
    public var backupWindow: String?
    public var maintenanceWindow: String?
    public var deletionProtection: Bool
    public var subnetGroup: Value?
    public var parameterGroup: Value?
    public var securityGroups: [Value]
    public var publiclyAccessible: Bool
    public var copyTagsToSnapshot: Bool
    public var optionGroup: Value?
    /// A database created with the instance; never on replicas.
    public var databaseName: String?
    /// Oracle's character set and SQL Server's time zone; both are fixed at creation.
    public var characterSet: String?
    public var timezone: String?
    /// Seconds between Enhanced Monitoring samples; 0 is off.
    public var monitoringInterval: Int = 0
    public var monitoringRole: Value?
    /// Days; nil when Performance Insights is off.
    public var performanceInsightsRetention: Int?
    public var performanceInsightsKey: Value?
    /// CloudWatch Logs exports.
    public var logExports: [String] = []
    /// The primary this instance replicates.
    public var source: Value?
    /// The source's Region, for a cross-Region replica.
    public var sourceRegion: String?
    /// Oracle replicas: `mounted` or `open-read-only`.
    public var replicaMode: String?
    public var lifecycle: Lifecycle

    public var isReplica: Bool { source != nil }
}

/// An Aurora DB cluster: it owns the storage, the credentials, backups, encryption and the
/// network placement; its instances (a writer and readers) only compute.
public struct DatabaseCluster: Sendable {
    public var identifier: String
    public var engine: String
    public var engineVersion: String
    public var port: Int
    public var databaseName: String?
    public var masterUsername: String
    public var password: DatabaseInstance.Password
    public var storageEncrypted: Bool
    public var encryptionKey: Value?
    public var backupRetentionDays: Int
    public var backupWindow: String?
    public var maintenanceWindow: String?
    public var deletionProtection: Bool
    public var subnetGroup: Value
    public var parameterGroup: Value?
    public var securityGroups: [Value]
    public var iamAuthentication: Bool
    public var copyTagsToSnapshot: Bool
    /// CloudWatch Logs exports.
    public var logExports: [String]
    /// `aurora` or `aurora-iopt1` (I/O-Optimized), when the spec says; RDS's default is `aurora`.
    public var storageType: String?
    /// Aurora MySQL backtrack window in seconds; nil when off.
    public var backtrackWindow: Int?
    /// Aurora Serverless v2 capacity in ACUs, when the cluster has `db.serverless` instances.
    public var serverlessCapacity: (min: Double, max: Double)?
    public var lifecycle: Lifecycle
}

/// An instance of an Aurora cluster: its writer, or a reader.
public struct ClusterInstance: Sendable {
    public var identifier: String
    public var cluster: Value
    public var engine: String
    public var instanceClass: String
    public var publiclyAccessible: Bool
    public var maintenanceWindow: String?
    /// Failover priority, 0 (first) to 15.
    public var promotionTier: Int
    public var monitoringInterval: Int = 0
    public var monitoringRole: Value?
    public var performanceInsightsRetention: Int?
    public var performanceInsightsKey: Value?
    public var lifecycle: Lifecycle
}

public struct GraphOutput: Sendable {
    public var id: String
    public var summary: String
    public var value: Value
    /// The Region of the resource the output names, when it is not the graph's.
    public var region: String? = nil
    /// The spec text its id was made from, when the id has any (a replica's name).
    public var origin: IdentifierOrigin? = nil
}
