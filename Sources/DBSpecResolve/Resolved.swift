import DBSpecCatalog
import DBSpecDiagnostics
import DBSpecModel

/// The database a spec describes once the defaults that depend on its engine are applied: the
/// one place each is decided, read by the rules and by lowering alike. (Defaults that do not
/// depend on the engine are the schema's, which the decoder applies: `SpecSchema`.)
public struct ResolvedDatabase: Sendable {
    /// The engine's facts, when the catalogue knows the engine (a rule reports it otherwise).
    public let engine: EngineFacts?
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
    /// An Aurora cluster's storage configuration, when the spec writes one (`aurora` or
    /// `aurora-iopt1`); nil leaves RDS's default, standard `aurora`. The schema's storage
    /// defaults (20 GiB of gp3) are an instance's and never reach a cluster; a written instance
    /// storage type on Aurora is DB106's to refuse. Always nil on instance engines.
    public let clusterStorageType: StorageType?

    /// Used when the catalogue does not know the engine (a rule has already refused it).
    static let fallbackPort = 3306

    public init(_ database: Database, catalog: Catalog) {
        let engine = catalog.engine(database.engine.value)
        self.engine = engine
        port = database.port ?? Located(engine?.defaultPort ?? Self.fallbackPort, database.range, explicit: false)
        licenseModel =
            database.licenseModel ?? engine?.licenseModels.first.map { Located($0, database.range, explicit: false) }
        statesLicenseModel = database.licenseModel != nil || engine?.family == .oracle || engine?.family == .sqlserver
        generatedPasswordLength = min(30, engine?.passwordLength.upperBound ?? 30)
        let storageType = database.storage.type
        clusterStorageType = engine?.isCluster == true && storageType.isExplicit && storageType.value.isAurora ? storageType.value : nil
    }
}
