/// Every rule, in code order.
public enum RuleRegistry {
    public static let all: [any Rule.Type] = [
        EngineVersionUnknownRule.self,
        EngineVersionRetiredRule.self,
        InstanceClassOfferedRule.self,
        KMSKeyWithoutEncryptionRule.self,
        EncryptionUnsupportedRule.self,
        KMSKeyRequiredRule.self,
        PlaintextPasswordRule.self,
        ManagedPasswordWithReplicasRule.self,
        ReplicaSourceBackupsRule.self,
        ReplicaLimitRule.self,
        ReplicaClassSmallerRule.self,
        WindowFormatRule.self,
        WindowOverlapRule.self,
        IdentifierFormatRule.self,
        MasterUsernameRule.self,
        IdentifierCollisionRule.self,
    ]

    /// The rule with `code`, if any.
    public static func rule(code: String) -> (any Rule.Type)? {
        all.first { $0.description.code == code.uppercased() }
    }
}
