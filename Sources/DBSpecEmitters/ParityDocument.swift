/// One row of a field table, without its subject type: what `docs/parity.md` prints and the
/// parity test checks.
public struct FieldRow: Sendable, CustomStringConvertible {
    public var spec: String
    public var writtenAs: String?
    public var cloudFormation: String?
    public var terraform: String?
    public var appliesTo: String
    public var compared: Bool
    /// CloudFormation leaves the field out of some subjects that have a value (the spec cell's
    /// note says which).
    public var cloudFormationOmitsSome = false
    public var description: String { "\(cloudFormation ?? "-") / \(terraform ?? "-")" }
}

extension FieldMapping {
    public var row: FieldRow {
        FieldRow(
            spec: spec, writtenAs: writtenAs, cloudFormation: cloudFormation?.path, terraform: terraform?.path, appliesTo: appliesTo,
            compared: compared, cloudFormationOmitsSome: cloudFormationOmits != nil)
    }
}

/// The generated parts of `docs/parity.md`: the field tables and the resource table, from
/// `DatabaseFields` and `ResourceKinds`. Each sits between `<!-- generated: NAME -->` and
/// `<!-- end generated -->`; the prose around them is written by hand.
public enum ParityDocument {
    /// Tags are written on every resource, apart from the field tables.
    private static func tags(_ appliesTo: String) -> FieldRow {
        FieldRow(spec: "`tags`", cloudFormation: "Tags", terraform: "tags", appliesTo: appliesTo, compared: true)
    }

    public static var instanceRows: [FieldRow] { DatabaseFields.instance.map(\.row) + [tags("all")] }
    public static var clusterRows: [FieldRow] { DatabaseFields.cluster.map(\.row) + [tags("cluster")] }
    public static var clusterInstanceRows: [FieldRow] { DatabaseFields.clusterInstance.map(\.row) + [tags("writer and readers")] }

    /// The network and logging resources spelled field by field, with their two type names.
    public static var networkTables: [(kind: ResourceKind, rows: [FieldRow])] {
        [
            (ResourceKinds.network, ResourceFields.network.map(\.row)),
            (ResourceKinds.subnet, ResourceFields.subnet.map(\.row)),
            (ResourceKinds.firewall, ResourceFields.firewall.map(\.row)),
            (ResourceKinds.firewallRule, ResourceFields.firewallRule.map(\.row)),
            (ResourceKinds.networkACL, ResourceFields.networkACL.map(\.row)),
            (ResourceKinds.networkACLRule, ResourceFields.networkACLRule.map(\.row)),
            (ResourceKinds.networkACLAssociation, ResourceFields.networkACLAssociation.map(\.row)),
            (ResourceKinds.subnetGroup, ResourceFields.subnetGroup.map(\.row)),
            (ResourceKinds.logGroup, ResourceFields.logGroup.map(\.row)),
            (ResourceKinds.flowLog, ResourceFields.flowLog.map(\.row)),
        ]
    }

    /// Keys, secrets, roles and groups: the fields both targets spell one by one, with their two
    /// type names.
    public static var otherTables: [(kind: ResourceKind, rows: [FieldRow])] {
        [
            (ResourceKinds.encryptionKey, ResourceFields.encryptionKey.map(\.row)),
            (ResourceKinds.generatedSecret, ResourceFields.generatedSecret.map(\.row)),
            (ResourceKinds.monitoringRole, ResourceFields.monitoringRole.map(\.row)),
            (ResourceKinds.deliveryRole, ResourceFields.deliveryRole.map(\.row)),
            (ResourceKinds.connectPolicy, ResourceFields.connectPolicy.map(\.row)),
            (ResourceKinds.parameterGroup, ResourceFields.parameterGroup.map(\.row)),
            (ResourceKinds.clusterParameterGroup, ResourceFields.parameterGroup.map(\.row)),
            (ResourceKinds.optionGroup, ResourceFields.optionGroup.map(\.row)),
        ]
    }

    /// The sections by name.
    public static var sections: [(name: String, markdown: String)] {
        [
            ("instances", table(instanceRows)),
            ("clusters", table(clusterRows + clusterInstanceRows)),
            ("network", table(networkTables.flatMap(\.rows))),
            // The two parameter group kinds share one table: print it once.
            ("others", table(otherTables.filter { $0.kind.cloudFormation != ResourceKinds.clusterParameterGroup.cloudFormation }.flatMap(\.rows))),
            ("resources", resourceTable()),
        ]
    }

    private static func code(_ name: String?) -> String { name.map { "`\($0)`" } ?? "—" }

    private static func table(_ rows: [FieldRow]) -> String {
        var out = "| spec field | CloudFormation property | Terraform argument | applies to |\n|---|---|---|---|\n"
        for row in rows { out += "| \(row.spec) | \(code(row.cloudFormation)) | \(code(row.terraform)) | \(row.appliesTo) |\n" }
        return out
    }

    private static func resourceTable() -> String {
        var out = "| spec field | CloudFormation type | Terraform type |\n|---|---|---|\n"
        for kind in ResourceKinds.counted { out += "| \(kind.spec) | `\(kind.cloudFormation)` | `\(kind.terraform)` |\n" }
        return out
    }
}
