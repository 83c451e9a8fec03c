import DBSpecCatalog
import DBSpecDiagnostics
import DBSpecModel

/// The spec as the rules and lowering read it: every default applied, each value with where it
/// was written (or, defaulted, where it would be: `Located.isExplicit`). The defaults that do
/// not depend on the engine are the schema's, applied by the decoder (`SpecSchema`); the ones
/// that do are decided here, in `ResolvedDatabase`, and nowhere else. Nothing downstream of this
/// stage reads the decoded `Spec`.
public struct ResolvedSpec: Sendable {
    public let languageVersion: Located<Int>
    public let name: Located<String>
    public let region: Located<String>
    public let tags: [Tag]
    public let network: Network
    public let database: ResolvedDatabase
    public let replicas: [Replica]
    /// Grants of `rds-db:connect`.
    public let connectGrants: [ConnectGrant]
    /// Each replica's position by name (the first, when two share one), so that finding a
    /// replica's source costs the same however many replicas there are.
    public let replicaIndex: NameIndex

    public init(_ spec: Spec, catalog: Catalog) {
        languageVersion = spec.languageVersion
        name = spec.name
        region = spec.region
        tags = spec.tags
        network = spec.network
        database = ResolvedDatabase(spec.database, catalog: catalog)
        replicas = spec.replicas
        connectGrants = spec.connectGrants
        replicaIndex = NameIndex(spec.replicas.map(\.name.value))
    }
}

/// The database with every default applied, the ones that depend on its engine decided here:
/// the port, the licence model, the master user name, the length of a generated password, and
/// whether its storage is an instance's or an Aurora cluster's.
public struct ResolvedDatabase: Sendable {
    /// The engine as the spec writes it.
    public let engine: Located<String>
    /// The engine's facts, when the catalogue knows the engine (a rule reports it otherwise).
    public let facts: EngineFacts?
    public let version: Located<String>
    public let instanceClass: Located<String>
    public let multiAZ: Located<Bool>
    /// An instance's storage, or an Aurora cluster's: decided once, by the engine.
    public let storage: DatabaseStorage
    public let encryption: Encryption
    public let credentials: MasterCredentials
    public let iamAuth: Located<Bool>
    /// The port the database listens on: the spec's, or the engine's default (RDS's).
    public let port: Located<Int>
    public let backup: Backup
    /// `ddd:hh24:mi-ddd:hh24:mi`, UTC.
    public let maintenanceWindow: Located<String>?
    public let deletionProtection: Located<Bool>
    public let monitoring: Monitoring
    /// A database created with the instance.
    public let dbName: Located<String>?
    /// The licence model RDS runs the engine under: the spec's, or the engine's first in the
    /// catalogue, which is RDS's default (bring-your-own-license for Oracle EE, license-included
    /// for SQL Server, the open-source licence elsewhere). nil for an engine the catalogue lacks.
    public let licenseModel: Located<String>?
    /// Whether the output names the licence model. Oracle's and SQL Server's decide what AWS
    /// bills, so the output states it even when it is the default, and a reader of the template
    /// sees it; the open-source engines have one each, left to RDS.
    public let statesLicenseModel: Bool
    /// Oracle's database character set.
    public let characterSet: Located<String>?
    /// SQL Server's time zone.
    public let timezone: Located<String>?
    /// Aurora Serverless v2 capacity range of the cluster, in ACUs.
    public let capacity: Capacity?
    /// Aurora MySQL backtrack window in hours; nil when not written.
    public let backtrackHours: Located<Int>?
    /// Engine parameters by name, as written.
    public let parameters: [(name: Located<String>, value: Located<String>)]
    /// The length of a generated master password: the longest the engine takes, at most 30.
    public let generatedPasswordLength: Int
    /// The `database:` entry, for problems with the database as a whole.
    public let range: SourceRange

    /// Used when the catalogue does not know the engine (a rule has already refused it).
    static let fallbackPort = 3306

    public init(_ database: Database, catalog: Catalog) {
        let facts = catalog.engine(database.engine.value)
        self.facts = facts
        engine = database.engine
        version = database.version
        instanceClass = database.instanceClass
        multiAZ = database.multiAZ
        storage = facts?.isCluster == true ? .cluster(ClusterStorage(database.storage)) : .instance(database.storage)
        encryption = database.encryption
        let credentials = database.credentials
        self.credentials = MasterCredentials(
            username: credentials.username
                ?? Located(SpecSchema.defaultUsername(engine: database.engine.value), credentials.range, explicit: false),
            password: credentials.password)
        iamAuth = database.iamAuth
        port = database.port ?? Located(facts?.defaultPort ?? Self.fallbackPort, database.range, explicit: false)
        backup = database.backup
        maintenanceWindow = database.maintenanceWindow
        deletionProtection = database.deletionProtection
        monitoring = database.monitoring
        dbName = database.dbName
        licenseModel = database.licenseModel ?? facts?.licenseModels.first.map { Located($0, database.range, explicit: false) }
        statesLicenseModel = database.licenseModel != nil || facts?.family == .oracle || facts?.family == .sqlserver
        characterSet = database.characterSet
        timezone = database.timezone
        capacity = database.capacity
        backtrackHours = database.backtrackHours
        parameters = database.parameters
        generatedPasswordLength = min(30, facts?.passwordLength.upperBound ?? 30)
        range = database.range
    }

    /// Whether the database is an Aurora cluster.
    public var isCluster: Bool {
        if case .cluster = storage { return true }
        return false
    }

    /// An instance's storage; nil for an Aurora cluster, whose storage the cluster sizes.
    public var instanceStorage: Storage? {
        if case .instance(let storage) = storage { return storage }
        return nil
    }

    /// An Aurora cluster's storage; nil for an instance.
    public var clusterStorage: ClusterStorage? {
        if case .cluster(let storage) = storage { return storage }
        return nil
    }
}

/// Where a database's data lives.
public enum DatabaseStorage: Sendable {
    /// An instance's own volume, with the schema's defaults (20 GiB of gp3) where the spec is silent.
    case instance(Storage)
    /// An Aurora cluster's volume, which grows with the data; the instance defaults never reach it.
    case cluster(ClusterStorage)
}

/// An Aurora cluster's storage configuration.
public struct ClusterStorage: Sendable {
    /// `aurora` (standard) or `aurora-iopt1` (I/O-Optimized) when the spec writes one; nil leaves
    /// RDS's default, standard `aurora`.
    public let type: Located<StorageType>?
    /// The `storage:` block as the spec writes it, when it does: an instance's settings written
    /// for a cluster are DB106's to refuse.
    public let written: Storage?

    init(_ storage: Storage) {
        type = storage.type.isExplicit && storage.type.value.isAurora ? storage.type : nil
        written = storage.written == nil ? nil : storage
    }
}

/// The master user, its name defaulted per engine.
public struct MasterCredentials: Sendable {
    /// The spec's, or `SpecSchema.defaultUsername(engine:)`: the RDS console's default, never a
    /// name the engine reserves.
    public let username: Located<String>
    public let password: Located<PasswordMode>
}
