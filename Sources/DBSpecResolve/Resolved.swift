import DBSpecCatalog
import DBSpecDiagnostics
import DBSpecDecoder
import DBSpecModel

/// The spec as the rules and lowering read it: every default applied, each value with where it
/// was written (or, defaulted, where it would be: `Located.isExplicit`). The defaults that do
/// not depend on the engine are the schema's, applied by the decoder (`SpecSchema`); the ones
/// that do are decided here, in `ResolvedDatabase`, and nowhere else. Nothing downstream of this
/// stage reads the decoded `Spec`. Immutable, and shared by reference: every rule reads it, and
/// a result carries it, so copying it would cost more than reading it.
public final class ResolvedSpec: Sendable {
    /// The decoded spec, whose values this type passes on (the engine-independent ones, defaulted
    /// by the decoder) or replaces (the database's, resolved); never read past this stage.
    private let decoded: Spec
    public let database: ResolvedDatabase
    /// Each replica's position by name (the first, when two share one), so that finding a
    /// replica's source costs the same however many replicas there are.
    public let replicaIndex: NameIndex

    public var languageVersion: Located<Int> { decoded.languageVersion }
    public var name: Located<String> { decoded.name }
    public var region: Located<String> { decoded.region }
    public var tags: [Tag] { decoded.tags }
    public var network: Network { decoded.network }
    public var replicas: [Replica] { decoded.replicas }
    /// Grants of `rds-db:connect`.
    public var connectGrants: [ConnectGrant] { decoded.connectGrants }

    public init(_ spec: consuming Spec, catalog: Catalog) {
        database = ResolvedDatabase(spec.database, catalog: catalog)
        replicaIndex = NameIndex(spec.replicas.map(\.name.value))
        decoded = spec
    }
}

/// The database with every default applied, the ones that depend on its engine decided here:
/// the port, the licence model, the master user name, the length of a generated password, and
/// whether its storage is an instance's or an Aurora cluster's. Shared by reference, as the spec is.
public final class ResolvedDatabase: Sendable {
    /// The decoded database, whose engine-independent values this type passes on; never read
    /// past this stage.
    private let decoded: Database
    /// The engine's facts, when the catalogue knows the engine (a rule reports it otherwise).
    public let facts: EngineFacts?
    /// An instance's storage, or an Aurora cluster's: decided once, by the engine.
    public let storage: DatabaseStorage
    public let credentials: MasterCredentials
    /// The port the database listens on: the spec's, or the engine's default (RDS's).
    public let port: Located<Int>
    /// The licence model RDS runs the engine under: the spec's, or the engine's first in the
    /// catalogue, which is RDS's default (bring-your-own-license for Oracle EE, license-included
    /// for SQL Server, the open-source licence elsewhere). nil for an engine the catalogue lacks.
    public let licenseModel: Located<String>?
    /// Whether the output names the licence model. Oracle's and SQL Server's decide what AWS
    /// bills, so the output states it even when it is the default, and a reader of the template
    /// sees it; the open-source engines have one each, left to RDS.
    public let statesLicenseModel: Bool
    /// The length of a generated master password: the longest the engine takes, at most 30.
    public let generatedPasswordLength: Int

    /// The licence model RDS runs an engine under when the spec names none: the engine's first
    /// in the catalogue. The one owner of that default (the language server asks it too).
    public static func defaultLicenseModel(_ facts: EngineFacts) -> String? { facts.licenseModels.first }

    /// The engine as the spec writes it.
    public var engine: Located<String> { decoded.engine }
    public var version: Located<String> { decoded.version }
    public var instanceClass: Located<String> { decoded.instanceClass }
    public var multiAZ: Located<Bool> { decoded.multiAZ }
    public var encryption: Encryption { decoded.encryption }
    public var iamAuth: Located<Bool> { decoded.iamAuth }
    public var backup: Backup { decoded.backup }
    /// `ddd:hh24:mi-ddd:hh24:mi`, UTC.
    public var maintenanceWindow: Located<String>? { decoded.maintenanceWindow }
    public var deletionProtection: Located<Bool> { decoded.deletionProtection }
    public var monitoring: Monitoring { decoded.monitoring }
    /// A database created with the instance.
    public var dbName: Located<String>? { decoded.dbName }
    /// Oracle's database character set.
    public var characterSet: Located<String>? { decoded.characterSet }
    /// SQL Server's time zone.
    public var timezone: Located<String>? { decoded.timezone }
    /// Aurora Serverless v2 capacity range of the cluster, in ACUs.
    public var capacity: Capacity? { decoded.capacity }
    /// Aurora MySQL backtrack window in hours; nil when not written.
    public var backtrackHours: Located<Int>? { decoded.backtrackHours }
    /// Engine parameters by name, as written.
    public var parameters: [(name: Located<String>, value: Located<String>)] { decoded.parameters }
    /// The `database:` entry, for problems with the database as a whole.
    public var range: SourceRange { decoded.range }

    /// Used when the catalogue does not know the engine (a rule has already refused it).
    static let fallbackPort = 3306

    public init(_ database: Database, catalog: Catalog) {
        let facts = catalog.engine(database.engine.value)
        self.facts = facts
        storage = facts?.isCluster == true ? .cluster(ClusterStorage(database.storage)) : .instance(database.storage)
        let written = database.credentials
        credentials = MasterCredentials(
            username: written.username ?? Located(SpecSchema.defaultUsername(engine: database.engine.value), written.range, explicit: false),
            password: written.password)
        port = database.port ?? Located(facts?.defaultPort ?? Self.fallbackPort, database.range, explicit: false)
        licenseModel = database.licenseModel ?? facts.flatMap { Self.defaultLicenseModel($0) }.map { Located($0, database.range, explicit: false) }
        statesLicenseModel = database.licenseModel != nil || facts?.family == .oracle || facts?.family == .sqlserver
        generatedPasswordLength = min(30, facts?.passwordLength.upperBound ?? 30)
        decoded = database
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
