import DBSpecDiagnostics
import DBSpecModel

// The decoded spec: what the file says, with the defaults that do not depend on the engine
// applied. Only DBSpecResolve reads it (and the pipelines that run the decoder): the rules and
// lowering read the resolved spec, and cannot name these types, since their modules do not
// depend on this one.

/// A decoded spec: typed values with their positions, and the defaults that do not depend on
/// the engine (the schema's, `SpecSchema`). DBSpecResolve turns it into the model the rules
/// and lowering read (`ResolvedSpec`); nothing downstream of it reads a `Spec`.
public struct Spec: Sendable {
    public var languageVersion: Located<Int>
    public var name: Located<String>
    public var region: Located<String>
    public var tags: [Tag]
    public var network: Network
    public var database: Database
    public var replicas: [Replica]
    /// Grants of `rds-db:connect`.
    public var connectGrants: [ConnectGrant]

    public init(
        languageVersion: Located<Int>, name: Located<String>, region: Located<String>, tags: [Tag],
        network: Network, database: Database, replicas: [Replica], connectGrants: [ConnectGrant]
    ) {
        self.languageVersion = languageVersion
        self.name = name
        self.region = region
        self.tags = tags
        self.network = network
        self.database = database
        self.replicas = replicas
        self.connectGrants = connectGrants
    }
}

public struct Credentials: Sendable {
    /// The master user name, when the spec writes one; its default depends on the engine and is
    /// DBSpecResolve's to decide.
    public var username: Located<String>?
    public var password: Located<PasswordMode>
    /// The `credentials:` key (or the database's, without one): where a default would be written.
    public var range: SourceRange
}

public struct Database: Sendable {
    public var engine: Located<String>
    public var version: Located<String>
    public var instanceClass: Located<String>
    public var multiAZ: Located<Bool>
    public var storage: Storage
    public var encryption: Encryption
    public var credentials: Credentials
    public var iamAuth: Located<Bool>
    public var port: Located<Int>?
    public var backup: Backup
    /// `ddd:hh24:mi-ddd:hh24:mi`, UTC.
    public var maintenanceWindow: Located<String>?
    public var deletionProtection: Located<Bool>
    public var monitoring: Monitoring
    /// A database created with the instance.
    public var dbName: Located<String>?
    public var licenseModel: Located<String>?
    /// Oracle's database character set.
    public var characterSet: Located<String>?
    /// SQL Server's time zone.
    public var timezone: Located<String>?
    /// Aurora Serverless v2 capacity range of the cluster, in ACUs.
    public var capacity: Capacity?
    /// Aurora MySQL backtrack window in hours; nil when not written.
    public var backtrackHours: Located<Int>?
    /// Engine parameters by name, as written.
    public var parameters: [(name: Located<String>, value: Located<String>)]
    /// The `database:` entry, for problems with the database as a whole.
    public var range: SourceRange
}
