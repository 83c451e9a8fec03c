import DBSpecJSON

/// What a change to a deployed resource does, per target and per RDS setting: the facts
/// `dbspec diff` classifies changes with. Built by `scripts/catalog/change_facts.py` into
/// `Data/changes.json` from CloudFormation's resource schemas (as cfn-lint ships them), the
/// Terraform AWS provider's ForceNew arguments and the RDS User Guide's table of settings;
/// `sources` in the file says which fact comes from where.
public struct ChangeFacts: Sendable {
    /// How a change to a property that is create-only under a condition is read.
    public struct Conditional: Sendable {
        /// `replace` or `update`.
        public var effect: String
        /// The effect when the property is added or removed instead of changed, if different.
        public var whenAddedOrRemoved: String?
        public var why: String
        /// What else happens, when the target does something a reader would not expect.
        public var note: String?
    }

    public struct CloudFormationType: Sendable {
        public var createOnly: Set<String>
        public var conditional: [String: Conditional]
        /// The property that names the resource, when it can have one: CloudFormation cannot
        /// replace a resource it names, so such an update fails.
        public var nameProperty: String?
    }

    public struct TerraformType: Sendable {
        public var forceNew: Set<String>
        /// Never stored in state, so never compared.
        public var writeOnly: Set<String>
        /// Optional and computed: dropped from the configuration, the value stays as it is.
        public var optionalComputed: Set<String>
        public var conditional: [String: Conditional]
        /// Of a global service (IAM): the same resource whatever the provider's Region.
        public var global: Bool
    }

    /// When an RDS modification takes effect, and what it does to the running database.
    public struct Modification: Sendable {
        /// `window` (next maintenance window unless applied immediately), `immediately`, `asynchronous`.
        public var when: String
        /// `none`, `outage`, `reboot`, `pending-reboot`.
        public var interruption: String
        /// The interruption when the value goes from 0 to another or back, if different.
        public var interruptionWhenZeroCrossed: String?
        public var note: String?
    }

    public var retrieved: String
    public var sources: [(what: String, from: String)]
    public var cloudFormation: [String: CloudFormationType]
    public var terraform: [String: TerraformType]
    /// Per CloudFormation type or Terraform type: property → RDS API parameter, where the
    /// name is not the parameter's own.
    public var rdsParameterOf: [String: [String: String]]
    /// How to avoid a replacement, by the property that causes it.
    public var advice: [String: String]
    public var instanceModify: [String: Modification]
    public var clusterModify: [String: Modification]

    /// The facts built into dbspec.
    public static let builtIn: ChangeFacts = {
        do {
            return try ChangeFacts(json: JSONParser.parse(Catalog.embedded("changes")))
        } catch {
            fatalError("the built-in change facts are invalid: \(error)")  // checked by the test suite
        }
    }()

    public init(json: JSONValue) throws(CatalogError) {
        func object(_ v: JSONValue?, _ what: String) throws(CatalogError) -> [(String, JSONValue)] {
            guard case .object(let members)? = v else { throw CatalogError("changes.json: \(what) is not an object") }
            return members
        }
        func string(_ v: JSONValue?) -> String? {
            if case .string(let s)? = v { return s }
            return nil
        }
        func strings(_ v: JSONValue?) -> Set<String> {
            guard case .array(let items)? = v else { return [] }
            return Set(items.compactMap { string($0) })
        }
        func conditionals(_ v: JSONValue?) throws(CatalogError) -> [String: Conditional] {
            var out: [String: Conditional] = [:]
            for (name, c) in try object(v ?? .object([]), "conditional") {
                guard let effect = string(c["effect"]) else { throw CatalogError("changes.json: \(name) has no effect") }
                out[name] = Conditional(
                    effect: effect, whenAddedOrRemoved: string(c["whenAddedOrRemoved"]), why: string(c["why"]) ?? "", note: string(c["note"]))
            }
            return out
        }
        func modifications(_ v: JSONValue?) throws(CatalogError) -> [String: Modification] {
            var out: [String: Modification] = [:]
            for (name, m) in try object(v, "modify") {
                guard let when = string(m["when"]), let interruption = string(m["interruption"]) else {
                    throw CatalogError("changes.json: modification \(name) is incomplete")
                }
                out[name] = Modification(
                    when: when, interruption: interruption, interruptionWhenZeroCrossed: string(m["interruptionWhenZeroCrossed"]),
                    note: string(m["note"]))
            }
            return out
        }
        retrieved = string(json["retrieved"]) ?? ""
        if case .array(let items)? = json["sources"] {
            sources = items.map { (string($0["what"]) ?? "", string($0["from"]) ?? "") }
        } else {
            sources = []
        }
        cloudFormation = [:]
        for (type, t) in try object(json["cloudformation"], "cloudformation") {
            cloudFormation[type] = CloudFormationType(
                createOnly: strings(t["createOnly"]), conditional: try conditionals(t["conditional"]), nameProperty: string(t["nameProperty"]))
        }
        terraform = [:]
        for (type, t) in try object(json["terraform"], "terraform") {
            terraform[type] = TerraformType(
                forceNew: strings(t["forceNew"]), writeOnly: strings(t["writeOnly"]), optionalComputed: strings(t["optionalComputed"]),
                conditional: try conditionals(t["conditional"]), global: t["global"] == .bool(true))
        }
        rdsParameterOf = [:]
        for (type, map) in try object(json["rdsParameterOf"], "rdsParameterOf") {
            var m: [String: String] = [:]
            for (k, v) in try object(map, type) { m[k] = string(v) }
            rdsParameterOf[type] = m
        }
        advice = [:]
        for (k, v) in try object(json["advice"], "advice") { advice[k] = string(v) }
        instanceModify = try modifications(json["instanceModify"])
        clusterModify = try modifications(json["clusterModify"])
    }
}
