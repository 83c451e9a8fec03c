/// Every rule, in code order.
public enum RuleRegistry {
    public static let all: [any Rule.Type] = [
        EngineVersionUnknownRule.self,
        EngineVersionRetiredRule.self,
        InstanceClassOfferedRule.self,
        LicenseModelRule.self,
        LogExportTypeRule.self,
        EngineSpecificSettingRule.self,
        ClusterEngineUnsupportedRule.self,
        SQLServerReservedPortRule.self,
        MultiAZUnsupportedRule.self,
        KMSKeyWithoutEncryptionRule.self,
        EncryptionUnsupportedRule.self,
        StorageUnencryptedRule.self,
        KMSKeyRequiredRule.self,
        PerformanceInsightsRetentionRule.self,
        PerformanceInsightsSupportRule.self,
        PublicAccessRule.self,
        IAMAuthUnsupportedRule.self,
        PlaintextPasswordRule.self,
        OpenToTheInternetRule.self,
        ManagedPasswordWithReplicasRule.self,
        TransitEncryptionUnsupportedRule.self,
        TransitParameterConflictRule.self,
        ConnectGrantWithoutIAMAuthRule.self,
        BackupsDisabledRule.self,
        ReplicaSourceBackupsRule.self,
        ReplicaLimitRule.self,
        ReplicaVcpuRule.self,
        ReplicaSourceMultiAZRule.self,
        ReplicaClassSmallerRule.self,
        WindowFormatRule.self,
        WindowOverlapRule.self,
        DeletionProtectionDisabledRule.self,
        MonitoringIntervalRule.self,
        StorageSizeRule.self,
        ProvisionedIopsRule.self,
        Gp3ProvisioningRule.self,
        ThroughputStorageTypeRule.self,
        StorageAutoscalingRule.self,
        MagneticStorageRule.self,
        PreviousGenerationClassRule.self,
        IdentifierFormatRule.self,
        MasterUsernameRule.self,
        DatabaseNameRule.self,
        IdentifierCollisionRule.self,
    ]

    /// The rule with `code`, if any.
    public static func rule(code: String) -> (any Rule.Type)? {
        all.first { $0.description.code == code.uppercased() }
    }
}
