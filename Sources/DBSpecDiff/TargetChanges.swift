import DBSpecCatalog
import DBSpecCheck
import DBSpecDiagnostics
import DBSpecEmitters
import DBSpecGraph
import DBSpecJSON
import DBSpecLowering
import DBSpecModel
import DBSpecReports
import DBSpecResolve
import DBSpecRules
import DBSpecSource

/// How bad a change is for the running database, worst last.
public enum ChangeImpact: Int, Comparable, Sendable, CaseIterable {
    /// Nothing deployed changes.
    case none
    /// Changed in place, with no interruption.
    case inPlace
    /// Changed in place, but the database restarts, fails over or is unavailable for a while
    /// (now, at the next reboot, or in the maintenance window).
    case downtime
    /// A resource the database depends on is replaced (a security group, subnet group,
    /// parameter or option group, key, secret): what that does to the database is its own change.
    case dependency
    /// The database or cluster is replaced or deleted: its data is lost unless restored from a snapshot.
    case replacement

    public static func < (a: ChangeImpact, b: ChangeImpact) -> Bool { a.rawValue < b.rawValue }

    public var name: String {
        switch self {
        case .none: "none"
        case .inPlace: "in-place"
        case .downtime: "downtime"
        case .dependency: "dependency-replaced"
        case .replacement: "replacement"
        }
    }

    public var summary: String {
        switch self {
        case .none: "no change to deployed resources"
        case .inPlace: "in place, no interruption"
        case .downtime: "in place, with downtime"
        case .dependency: "replaces a resource the database depends on"
        case .replacement: "replaces the database (data lost unless restored from a snapshot)"
        }
    }
}

/// What happens to one resource of a target's output.
public struct ResourceChange: Sendable {
    public enum Action: String, Sendable {
        case create, delete, replace, update
    }

    /// What the resource is to the database.
    public enum Role: String, Sendable {
        /// A DB instance or an Aurora cluster: it holds the data.
        case database
        /// An instance of an Aurora cluster: compute only; the data is the cluster's.
        case clusterInstance
        /// Something a database refers to, directly or through others.
        case dependency
        case other
    }

    public struct Property: Sendable {
        public var name: String
        public var old: JSONValue?
        public var new: JSONValue?
        /// Why this change replaces the resource; nil when it is made in place.
        public var replaces: String?
        /// For a database: `none`, `outage`, `reboot` or `pending-reboot`.
        public var interruption: String?
        /// When RDS makes it: `now` or `maintenance window`.
        public var when: String?
        public var note: String?
        /// Only a resource it refers to changed (replaced), not its own value.
        public var followsReplacement = false
    }

    public var target: Target
    /// The CloudFormation stack's Region; nil for Terraform (one configuration).
    public var region: String?
    /// The logical ID, or the Terraform address (`aws_db_instance.orders_database`).
    public var address: String
    public var type: String
    public var action: Action
    public var role: Role
    public var properties: [Property]
    public var notes: [String]

    /// Terraform moves it to another Region: it creates the resource there and forgets the old
    /// one, which keeps running outside its state.
    public var movesRegion: Bool { properties.contains { $0.name == TargetChanges.providerRegion } }

    public var impact: ChangeImpact {
        switch (role, action) {
        case (.database, .create) where movesRegion: return .replacement
        case (.dependency, .create) where movesRegion: return .dependency
        case (.database, .replace), (.database, .delete): return .replacement
        case (.clusterInstance, .replace), (.clusterInstance, .delete): return .downtime
        case (.dependency, .replace), (.dependency, .delete): return .dependency
        case (.database, .update), (.clusterInstance, .update):
            let stops: Set<String> = ["outage", "reboot", "pending-reboot"]
            return properties.contains { stops.contains($0.interruption ?? "none") } ? .downtime : .inPlace
        default: return .inPlace
        }
    }

    /// Whether the same resource and property appear in `other` (attribution compares them).
    func key(_ property: String? = nil) -> String { target.rawValue + "|" + (region ?? "") + "|" + address + "|" + (property ?? "") }
}

/// Compares what two specs compile to, resource by resource, the way each target does: a
/// property that is create-only (CloudFormation) or forces a new resource (Terraform)
/// replaces the resource; a property that refers to a replaced resource changes with it.
enum TargetChanges {
    struct Document {
        /// Resources in dependency order: address, type, properties.
        var resources: [(address: String, type: String, properties: [(String, JSONValue)], extra: [(String, JSONValue)])]
    }

    // MARK: - CloudFormation

    static func cloudFormation(old: [(region: String, template: JSONValue)], new: [(region: String, template: JSONValue)], facts: ChangeFacts)
        -> [ResourceChange]
    {
        var out: [ResourceChange] = []
        var regions = new.map(\.region)
        for (r, _) in old where !regions.contains(r) { regions.append(r) }
        for region in regions {
            let o = old.first { $0.region == region }.map { cfnDocument($0.template) } ?? Document(resources: [])
            let n = new.first { $0.region == region }.map { cfnDocument($0.template) } ?? Document(resources: [])
            out += compare(o, n, target: .cloudformation, region: region, facts: facts)
        }
        return out
    }

    static func cfnDocument(_ template: JSONValue) -> Document {
        guard case .object(let resources)? = template["Resources"] else { return Document(resources: []) }
        return Document(
            resources: resources.map { id, body in
                let type: String = if case .string(let t)? = body["Type"] { t } else { "" }
                let properties: [(String, JSONValue)] = if case .object(let p)? = body["Properties"] { p } else { [] }
                let extra = ["DeletionPolicy", "UpdateReplacePolicy"].compactMap { k in body[k].map { (k, $0) } }
                return (id, type, properties, extra)
            })
    }

    // MARK: - Terraform

    static func terraform(old: JSONValue, new: JSONValue, facts: ChangeFacts) -> [ResourceChange] {
        compare(tfDocument(old), tfDocument(new), target: .terraform, region: nil, facts: facts)
    }

    /// Arguments that are not the resource's own settings.
    static let metaArguments: Set<String> = ["lifecycle", "provider", "depends_on", "count", "for_each"]

    /// The pseudo-argument that stands for the Region a resource's provider works in: Terraform
    /// looks a resource up in its provider's Region, so moving it means a new resource there.
    static let providerRegion = "(provider region)"

    static func tfDocument(_ configuration: JSONValue) -> Document {
        guard case .object(let types)? = configuration["resource"] else { return Document(resources: []) }
        var regions: [String: JSONValue] = [:]
        let declared = configuration["provider"]?["aws"]
        let providers: [JSONValue] = if case .array(let list)? = declared { list } else { declared.map { [$0] } ?? [] }
        do {
            for p in providers {
                let alias: String = if case .string(let a)? = p["alias"] { "aws." + a } else { "" }
                regions[alias] = p["region"]
            }
        }
        var resources: [(address: String, type: String, properties: [(String, JSONValue)], extra: [(String, JSONValue)])] = []
        for (type, byName) in types {
            guard case .object(let named) = byName else { continue }
            for (name, body) in named {
                guard case .object(let arguments) = body else { continue }
                let alias: String = if case .string(let a)? = body["provider"] { a } else { "" }
                var own = arguments.filter { !metaArguments.contains($0.0) }
                if let region = regions[alias] { own.append((providerRegion, region)) }
                resources.append((type + "." + name, type, own, arguments.filter { metaArguments.contains($0.0) }))
            }
        }
        return Document(resources: resources)
    }

    // MARK: - Comparison

    static func compare(_ old: Document, _ new: Document, target: Target, region: String?, facts: ChangeFacts) -> [ResourceChange] {
        let oldByAddress = Dictionary(old.resources.map { ($0.address, $0) }, uniquingKeysWith: { a, _ in a })
        let newAddresses = Set(new.resources.map(\.address))
        let newByAddress = Dictionary(new.resources.map { ($0.address, $0.properties) }, uniquingKeysWith: { a, _ in a })
        let roles = self.roles(old, new, target: target)
        var replaced: Set<String> = []
        var out: [ResourceChange] = []
        for resource in new.resources {
            guard let before = oldByAddress[resource.address] else {
                out.append(
                    ResourceChange(
                        target: target, region: region, address: resource.address, type: resource.type, action: .create,
                        role: roles[resource.address] ?? .other, properties: [], notes: []))
                continue
            }
            if before.type != resource.type {
                replaced.insert(resource.address)
                out.append(
                    ResourceChange(
                        target: target, region: region, address: resource.address, type: resource.type, action: .replace,
                        role: roles[resource.address] ?? .other,
                        properties: [.init(name: "type", old: .string(before.type), new: .string(resource.type), replaces: "another type of resource")],
                        notes: []))
                continue
            }
            var properties: [ResourceChange.Property] = []
            var names = resource.properties.map(\.0)
            for (k, _) in before.properties where !names.contains(k) { names.append(k) }
            for name in names {
                // A global service's resource (IAM) is the same one from any Region's provider.
                if name == providerRegion, target == .terraform, facts.terraform[resource.type]?.global == true { continue }
                let a = before.properties.first { $0.0 == name }?.1
                let b = resource.properties.first { $0.0 == name }?.1
                let valueChanged = a != b
                let follows = !valueChanged && b.map { refersToNewValue($0, replaced: replaced, in: newByAddress, target: target) } == true
                guard valueChanged || follows else { continue }
                if target == .terraform, let t = facts.terraform[resource.type] {
                    if t.writeOnly.contains(name) { continue }
                    // Dropped from the configuration, an optional and computed argument keeps its value.
                    if b == nil, t.optionalComputed.contains(name) { continue }
                }
                var property = ResourceChange.Property(name: name, old: a, new: b)
                property.followsReplacement = follows
                property.replaces = replacementReason(type: resource.type, property: name, old: a, new: b, target: target, facts: facts)
                property.note = conditional(type: resource.type, property: name, target: target, facts: facts)?.note
                properties.append(property)
            }
            for (k, v) in resource.extra where before.extra.first(where: { $0.0 == k })?.1 != v && target == .cloudformation {
                properties.append(.init(name: k, old: before.extra.first { $0.0 == k }?.1, new: v))
            }
            guard !properties.isEmpty else { continue }
            let replaces = properties.contains { $0.replaces != nil }
            if replaces { replaced.insert(resource.address) }
            // A new provider Region: the refresh does not find the resource there, so the plan creates it.
            let moves = properties.contains { $0.name == providerRegion }
            var change = ResourceChange(
                target: target, region: region, address: resource.address, type: resource.type,
                action: moves ? .create : replaces ? .replace : .update,
                role: roles[resource.address] ?? .other, properties: properties, notes: [])
            annotate(&change, before: before.properties, after: resource.properties, policies: before.extra, facts: facts)
            out.append(change)
        }
        for resource in old.resources where !newAddresses.contains(resource.address) {
            var change = ResourceChange(
                target: target, region: region, address: resource.address, type: resource.type, action: .delete,
                role: roles[resource.address] ?? .other, properties: [], notes: [])
            annotate(&change, before: resource.properties, after: resource.properties, policies: resource.extra, facts: facts)
            out.append(change)
        }
        return out
    }

    static func conditional(type: String, property: String, target: Target, facts: ChangeFacts) -> ChangeFacts.Conditional? {
        switch target {
        case .cloudformation: facts.cloudFormation[type]?.conditional[property]
        case .terraform: facts.terraform[type]?.conditional[property]
        }
    }

    /// Why changing `property` from `old` to `new` replaces a resource of `type`, or nil.
    static func replacementReason(type: String, property: String, old: JSONValue?, new: JSONValue?, target: Target, facts: ChangeFacts) -> String? {
        let conditional: ChangeFacts.Conditional?
        switch target {
        case .cloudformation:
            guard let t = facts.cloudFormation[type] else { return nil }
            if t.createOnly.contains(property) { return "CloudFormation: \(property) is create-only" }
            conditional = t.conditional[property]
        case .terraform:
            if property == providerRegion {
                return
                    "Terraform: the provider's Region changed: Terraform does not find the resource there and creates a new one; the old one keeps running, outside Terraform's state"
            }
            guard let t = facts.terraform[type] else { return nil }
            if t.forceNew.contains(property) { return "Terraform: \(property) forces a new resource" }
            conditional = t.conditional[property]
        }
        guard let conditional else { return nil }
        let effect = (old == nil || new == nil) ? (conditional.whenAddedOrRemoved ?? conditional.effect) : conditional.effect
        return effect == "replace" ? "\(target == .terraform ? "Terraform" : "CloudFormation"): \(property): \(conditional.why)" : nil
    }

    /// Adds what RDS does with each change of a database, and what the target does with a replacement.
    static func annotate(
        _ change: inout ResourceChange, before: [(String, JSONValue)], after: [(String, JSONValue)], policies: [(String, JSONValue)],
        facts: ChangeFacts
    ) {
        let value = { (list: [(String, JSONValue)], key: String) in list.first { $0.0 == key }?.1 }
        let inCluster: Bool
        switch change.target {
        case .cloudformation: inCluster = change.type == "AWS::RDS::DBCluster" || value(after, "DBClusterIdentifier") != nil
        case .terraform: inCluster = change.type.hasPrefix("aws_rds_cluster")
        }
        if change.role == .database || change.role == .clusterInstance, change.action == .update {
            let table = inCluster ? facts.clusterModify : facts.instanceModify
            for i in change.properties.indices {
                let name = change.properties[i].name
                let parameter = facts.rdsParameterOf[change.type]?[name] ?? (change.target == .cloudformation ? name : nil)
                guard let parameter, let m = table[parameter] else { continue }
                var interruption = m.interruption
                if let crossed = m.interruptionWhenZeroCrossed, isZero(change.properties[i].old) != isZero(change.properties[i].new) {
                    interruption = crossed
                }
                change.properties[i].interruption = interruption
                change.properties[i].note = change.properties[i].note ?? m.note
                switch (change.target, m.when) {
                // "If you use AWS CloudFormation to update the DB instance, those updates are
                // applied immediately" (AWS::RDS::DBInstance PreferredMaintenanceWindow).
                case (.cloudformation, _): change.properties[i].when = "now"
                // Terraform: the maintenance window unless the configuration sets apply_immediately.
                case (.terraform, "window") where value(after, "apply_immediately") != .bool(true):
                    change.properties[i].when = "maintenance window"
                default: change.properties[i].when = "now"
                }
            }
        }
        if change.target == .cloudformation, change.action == .delete || change.action == .replace {
            let policy = change.action == .delete ? "DeletionPolicy" : "UpdateReplacePolicy"
            switch value(policies, policy) ?? value(policies, "DeletionPolicy") {
            case .string("Retain")?: change.notes.append("\(policy) Retain: CloudFormation keeps the old resource, no longer managed by the stack")
            case .string("Snapshot")?: change.notes.append("\(policy) Snapshot: CloudFormation takes a final snapshot of the old resource first")
            default: break
            }
        }
        if change.target == .terraform, change.action == .replace || change.action == .delete,
            case .object(let lifecycle)? = value(policies, "lifecycle"), lifecycle.contains(where: { $0.0 == "prevent_destroy" && $0.1 == .bool(true) })
        {
            change.notes.append(
                "Terraform refuses the plan: prevent_destroy keeps it (as CloudFormation's Retain does); `terraform state rm "
                    + "\(change.address)` first lets the change go ahead and leaves it in the account")
        }
        guard change.role == .database, change.action == .replace || change.action == .delete else { return }
        let protected = value(before, change.target == .cloudformation ? "DeletionProtection" : "deletion_protection") == .bool(true)
        switch change.target {
        case .cloudformation:
            if change.action == .replace, let nameProperty = facts.cloudFormation[change.type]?.nameProperty,
                let name = value(after, nameProperty), value(before, nameProperty) == name
            {
                change.notes.append(
                    "CloudFormation cannot replace a resource it names (\(nameProperty)): the stack update fails and rolls back; "
                        + "the change needs a new identifier (a new database) or a restore from a snapshot")
            } else if protected {
                change.notes.append(
                    change.action == .replace
                        ? "deletion protection is on: CloudFormation creates the new database, then fails to delete the old one"
                        : "deletion protection is on: CloudFormation fails to delete it, and the stack update fails")
            }
        case .terraform:
            if protected {
                change.notes.append(
                    "deletion protection is on: Terraform cannot destroy it and the apply fails before anything is lost; turning protection off lets the replacement go ahead"
                )
            } else if case .string(let snapshot)? = value(before, "final_snapshot_identifier") {
                // The name ends in the creation time, `${formatdate(…, timestamp())}`.
                let shown = snapshot.firstRange(of: "${").map { snapshot[..<$0.lowerBound] + "<when it was created>" } ?? Substring(snapshot)
                change.notes.append("Terraform destroys it first, keeping the final snapshot \(shown), then creates an empty one")
            }
        }
    }

    private static func isZero(_ v: JSONValue?) -> Bool {
        switch v {
        case .int(0)?, nil: true
        case .number(let s)?: Double(s) == 0
        default: false
        }
    }

    /// The role of every resource: databases, what they depend on (through references), the rest.
    static func roles(_ old: Document, _ new: Document, target: Target) -> [String: ResourceChange.Role] {
        var roles: [String: ResourceChange.Role] = [:]
        var edges: [String: Set<String>] = [:]
        for doc in [old, new] {
            for r in doc.resources {
                edges[r.address, default: []].formUnion(references(in: .object(r.properties), target: target))
                switch r.type {
                case "AWS::RDS::DBCluster", "aws_db_instance", "aws_rds_cluster": roles[r.address] = .database
                case "AWS::RDS::DBInstance":
                    roles[r.address] = r.properties.contains { $0.0 == "DBClusterIdentifier" } ? .clusterInstance : .database
                case "aws_rds_cluster_instance": roles[r.address] = .clusterInstance
                default: break
                }
            }
        }
        var stack = roles.filter { $0.value == .database || $0.value == .clusterInstance }.map(\.key)
        var seen = Set(stack)
        while let next = stack.popLast() {
            for dep in edges[next] ?? [] where !seen.contains(dep) {
                seen.insert(dep)
                if roles[dep] == nil { roles[dep] = .dependency }
                stack.append(dep)
            }
        }
        return roles
    }

    /// The resources a value refers to: `Ref`, `Fn::GetAtt` and `Fn::Sub` names for
    /// CloudFormation; `type.name` inside `${…}` for Terraform (never `data.` or `ephemeral.`).
    static func references(in value: JSONValue, target: Target) -> Set<String> {
        var out: Set<String> = []
        func walk(_ v: JSONValue) {
            switch v {
            case .object(let members):
                if target == .cloudformation, members.count == 1 {
                    let (k, arg) = members[0]
                    if k == "Ref", case .string(let name) = arg { out.insert(name) }
                    if k == "Fn::GetAtt", case .array(let parts) = arg, case .string(let name)? = parts.first { out.insert(name) }
                    if k == "Fn::Sub" {
                        let text: String? =
                            if case .string(let s) = arg { s } else if case .array(let p) = arg, case .string(let s)? = p.first { s } else { nil }
                        if let text { out.formUnion(interpolations(text).map { String($0.prefix { $0 != "." }) }) }
                    }
                }
                for (_, m) in members { walk(m) }
            case .array(let items): items.forEach(walk)
            case .string(let s) where target == .terraform: out.formUnion(terraformAddresses(s))
            default: break
            }
        }
        walk(value)
        return out
    }

    /// Whether `value` refers to a value of a replaced resource that the replacement changes.
    /// CloudFormation: any reference (a new physical ID). Terraform: an attribute the resource
    /// does not set in its configuration (`id`, `arn`, a generated `name`), which is unknown
    /// until the new resource exists; one it sets (`identifier = "orders"`) stays known and equal.
    static func refersToNewValue(
        _ value: JSONValue, replaced: Set<String>, in resources: [String: [(String, JSONValue)]], target: Target
    ) -> Bool {
        switch target {
        case .cloudformation:
            return !references(in: value, target: target).isDisjoint(with: replaced)
        case .terraform:
            var strings: [String] = []
            func walk(_ v: JSONValue) {
                switch v {
                case .string(let s): strings.append(s)
                case .array(let items): items.forEach(walk)
                case .object(let members): members.forEach { walk($0.1) }
                default: break
                }
            }
            walk(value)
            return strings.contains { s in
                terraformReferences(s).contains { address, attribute in
                    replaced.contains(address) && !(resources[address]?.contains { $0.0 == attribute } ?? false)
                }
            }
        }
    }

    /// The text inside each `${…}`.
    static func interpolations(_ s: String) -> [Substring] {
        var out: [Substring] = []
        var i = s.startIndex
        while let dollar = s[i...].firstIndex(of: "$") {
            let open = s.index(after: dollar)
            guard open < s.endIndex else { break }
            guard s[open] == "{" else {
                i = open
                continue
            }
            let inside = s.index(after: open)
            guard let end = s[inside...].firstIndex(of: "}") else { break }
            out.append(s[inside..<end])
            i = s.index(after: end)
        }
        return out
    }

    /// `aws_x.name` addresses in a Terraform expression string.
    static func terraformAddresses(_ s: String) -> Set<String> { Set(terraformReferences(s).map(\.address)) }

    /// `aws_x.name.attribute` references in a Terraform expression string (the attribute empty
    /// when none follows).
    static func terraformReferences(_ s: String) -> [(address: String, attribute: String)] {
        var out: [(address: String, attribute: String)] = []
        for expression in interpolations(s) {
            let chars = Array(expression.unicodeScalars)
            var i = 0
            while i < chars.count {
                let isWord = { (c: Unicode.Scalar) in (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c == "_" }
                guard isWord(chars[i]), i == 0 || !(isWord(chars[i - 1]) || chars[i - 1] == ".") else {
                    i += 1
                    continue
                }
                var j = i
                while j < chars.count, isWord(chars[j]) { j += 1 }
                let type = String(String.UnicodeScalarView(chars[i..<j]))
                if type.hasPrefix("aws_"), j < chars.count, chars[j] == "." {
                    var k = j + 1
                    while k < chars.count, isWord(chars[k]) { k += 1 }
                    if k > j + 1 {
                        var attribute = ""
                        if k < chars.count, chars[k] == "." {
                            var m = k + 1
                            while m < chars.count, isWord(chars[m]) { m += 1 }
                            attribute = String(String.UnicodeScalarView(chars[(k + 1)..<m]))
                        }
                        out.append((type + "." + String(String.UnicodeScalarView(chars[(j + 1)..<k])), attribute))
                    }
                    i = k
                } else {
                    i = j
                }
            }
        }
        return out
    }
}
