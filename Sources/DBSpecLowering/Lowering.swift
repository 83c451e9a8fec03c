import DBSpecCatalog
import DBSpecModel
import DBSpecResolve

/// Lowers a checked spec into a resource graph. Call it only on a spec without errors:
/// it trusts the rules and the decoder (valid CIDRs, known engine, no literal password).
public enum Lowering {
    public static func lower(_ spec: ResolvedSpec, catalog: Catalog) -> ResourceGraph {
        var builder = GraphBuilder(spec: spec, catalog: catalog)
        builder.build()
        return builder.graph
    }
}

/// Where a database lives and what it uses there.
private struct Placement {
    /// The database's resource id.
    var id: String
    /// nil: the spec's Region.
    var region: String?
    var firewall: Value
    var parameterGroup: Value?
    var optionGroup: Value?
    var key: Value?
    var role: Value?
    /// Whether databases here get a public address (their network's `public`).
    var isPublic: Bool
}

private struct GraphBuilder {
    /// The spec with every default applied (DBSpecResolve).
    let spec: ResolvedSpec
    let catalog: Catalog
    let name: String
    var graph: ResourceGraph

    init(spec: ResolvedSpec, catalog: Catalog) {
        self.spec = spec
        self.catalog = catalog
        engine = spec.database.facts
        self.name = spec.name.value
        var tags = spec.tags.map { ResourceTag(key: $0.key.value, value: $0.value.value) }
        if !tags.contains(where: { $0.key == "dbspec:name" }) { tags.append(ResourceTag(key: "dbspec:name", value: spec.name.value)) }
        self.tags = tags.sorted { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) }
        let db = spec.database
        graph = ResourceGraph(
            description: "\(name): \(db.engine.value) \(db.version.value) on \(db.instanceClass.value)"
                + (spec.replicas.isEmpty
                    ? ""
                    : db.isCluster
                        ? " with \(spec.replicas.count) reader\(spec.replicas.count == 1 ? "" : "s")"
                        : " with \(spec.replicas.count) read replica\(spec.replicas.count == 1 ? "" : "s")")
                + ". Compiled by dbspec; edit the spec, not this file.",
            region: spec.region.value, resources: [], outputs: [])
    }

    /// The spec's tags and `dbspec:name`, sorted by key; every resource gets them.
    let tags: [ResourceTag]

    mutating func add(_ id: String, _ body: Resource.Body, nameTag: String? = nil, region: String? = nil) {
        var tags = self.tags
        if let nameTag, !tags.contains(where: { $0.key == "Name" }) {
            tags.append(ResourceTag(key: "Name", value: nameTag))
            tags.sort { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) }
        }
        graph.resources.append(Resource(id: id, body: body, tags: tags, region: region, origin: origin))
    }

    /// The spec text the ids being added are made from (a replica's name, a connect user), set
    /// while that text's resources are built; see `Identifiers.collisions`.
    var origin: IdentifierOrigin?

    /// The engine's facts (the resolved database's), held here for lowering's many reads.
    let engine: EngineFacts?
    var port: Int { spec.database.port.value }
    /// The option that gives the engine TLS, when TLS is required and is an option (Oracle).
    var tlsOption: TLSOption? { spec.database.encryption.inTransit.value == .required ? engine?.tlsOption : nil }
    /// The port clients may reach: the TLS option's own port when there is one, so that only
    /// encrypted connections get through the security group.
    var clientPort: Int { tlsOption?.port ?? port }

    /// The network a database lives in: a new VPC with one private subnet per Availability
    /// Zone (or an existing VPC), a security group open on the database port to the allowed
    /// sources, and a DB subnet group. Ids start with `prefix`.
    ///
    /// `inherited`: the network is another Region's spec (a cross-Region replica without one of
    /// its own), whose zone IDs name that Region's zones: it gets as many, unpinned.
    mutating func buildNetwork(_ network: Network, prefix: String, owner: String, region: String?, inherited: Bool = false) -> (
        subnetGroup: Value, firewall: Value
    ) {
        let vpc: Value
        let subnets: [Value]
        switch network.vpc {
        case let .create(cidr, azs, zoneIDs, _):
            let zones: [Subnet.Zone] =
                zoneIDs.isEmpty || inherited ? (0..<azs.value).map { .index($0) } : zoneIDs.map { .id($0.value) }
            let vpcID = "\(prefix)-vpc"
            let cidr = cidr.value
            add(vpcID, .network(NetworkSpace(cidr: cidr.description, closesDefaultSecurityGroup: true)), nameTag: vpcID, region: region)
            vpc = .reference(Reference(vpcID, .id))
            let subnetPrefix = min(cidr.prefix + 4, 28)
            var ids: [Value] = []
            for (i, zone) in zones.enumerated() {
                let id = "\(prefix)-private-subnet-\(i + 1)"
                add(
                    id, .subnet(Subnet(network: vpc, cidr: cidr.subnet(i, prefix: subnetPrefix).description, zone: zone)), nameTag: id,
                    region: region)
                ids.append(.reference(Reference(id, .id)))
            }
            subnets = ids
        case let .existing(id, subnetIDs):
            vpc = .literal(id.value)
            subnets = subnetIDs.map { .literal($0.value) }
        }

        let firewallID = "\(prefix)-security-group"
        add(
            firewallID,
            .firewall(
                Firewall(
                    summary: "Database \(owner): connections on port \(clientPort) from the sources in its spec",
                    network: vpc, allowsOutbound: false)),
            nameTag: firewallID, region: region)
        let firewall = Value.reference(Reference(firewallID, .id))
        for (i, rule) in network.allow.enumerated() {
            let source: FirewallRule.Source
            let defaultSummary: String
            switch rule.source.value {
            case .cidr(let c): source = .cidr(c.description); defaultSummary = "\(owner) clients in \(c)"
            case .securityGroup(let g): source = .securityGroup(g); defaultSummary = "\(owner) clients in \(g)"
            }
            add(
                "\(prefix)-ingress-\(i + 1)",
                .firewallRule(
                    FirewallRule(
                        firewall: firewall, port: clientPort, source: source,
                        summary: rule.description?.value ?? defaultSummary)),
                region: region)
        }

        if network.acl.value, case let .create(ownRange, _, _, _) = network.vpc {
            // Stateless: admit the allowed ranges on the client port, and let the replies
            // (to the clients' ephemeral ports) out; the default rule denies the rest.
            let aclID = "\(prefix)-network-acl"
            add(aclID, .networkACL(NetworkACL(network: vpc)), nameTag: aclID, region: region)
            let acl = Value.reference(Reference(aclID, .id))
            let cidrs = network.allow.compactMap { rule -> String? in
                if case .cidr(let c) = rule.source.value { return c.description }
                return nil
            }
            // Traffic inside the VPC (replication between the database subnets) passes whole.
            let vpcRange = ownRange.value.description
            for egress in [false, true] {
                add(
                    "\(prefix)-acl-\(egress ? "out" : "in")-vpc",
                    .networkACLRule(NetworkACLRule(acl: acl, number: 90, egress: egress, cidr: vpcRange, ports: 0...65535)), region: region)
            }
            for (i, cidr) in cidrs.enumerated() {
                add(
                    "\(prefix)-acl-in-\(i + 1)",
                    .networkACLRule(
                        NetworkACLRule(
                            acl: acl, number: 100 + 10 * i, egress: false, cidr: cidr, ports: clientPort...clientPort)), region: region)
                add(
                    "\(prefix)-acl-out-\(i + 1)",
                    .networkACLRule(
                        NetworkACLRule(
                            acl: acl, number: 100 + 10 * i, egress: true, cidr: cidr, ports: 1024...65535)), region: region)
            }
            for (i, subnet) in subnets.enumerated() {
                add("\(prefix)-acl-subnet-\(i + 1)", .networkACLAssociation(NetworkACLAssociation(acl: acl, subnet: subnet)), region: region)
            }
        }

        let subnetGroupID = "\(prefix)-subnet-group"
        add(subnetGroupID, .subnetGroup(SubnetGroup(summary: "Subnets of database \(owner)", subnets: subnets)), region: region)
        return (.reference(Reference(subnetGroupID, .id)), firewall)
    }

    /// Flow logs of the VPC dbspec creates, unless the spec turns them off: a log group kept
    /// `flowLogRetentionDays` and encrypted with the key dbspec creates (whose policy then lets
    /// CloudWatch Logs use it for that group; a key the spec names by ARN or alias has a policy
    /// dbspec cannot change, so the group keeps CloudWatch Logs' own encryption), the role the
    /// flow logs service assumes to write there, and the flow log.
    mutating func buildFlowLogs(_ network: Network, prefix: String, owner: String, region: String?, key: Value?) {
        guard case let .create(_, _, _, traffic) = network.vpc, traffic.value != .off else { return }
        let regionName = region ?? spec.region.value
        let (groupName, groupARN) = flowLogGroup(prefix: prefix, region: region)
        // A created key carries the grant for the group (flowLogKeyGrant); a key the spec names
        // belongs to someone else, and the group keeps CloudWatch Logs' own encryption.
        var groupKey: Value?
        if case .reference? = key { groupKey = key }
        let groupID = "\(prefix)-flow-logs"
        add(groupID, .logGroup(LogGroup(name: groupName, retentionDays: Self.flowLogRetentionDays, encryptionKey: groupKey)), region: region)
        let roleID = "\(prefix)-flow-logs-role"
        // VPC user guide, "IAM role for publishing flow logs to CloudWatch Logs": these
        // permissions (CreateLogGroup left out: the group exists), here on the one group.
        let streams = Value.accountARN(service: "logs", region: regionName, resource: "log-group:\(groupName):*")
        add(
            roleID,
            .deliveryRole(
                DeliveryRole(
                    summary: "Lets VPC flow logs of \(owner) write to \(groupName)", service: "vpc-flow-logs.amazonaws.com",
                    sourceArn: .accountARN(service: "ec2", region: regionName, resource: "vpc-flow-log/*"),
                    permissions: [
                        DeliveryRole.Permission(
                            actions: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"], resources: [groupARN, streams]),
                        DeliveryRole.Permission(
                            actions: ["logs:DescribeLogGroups"],
                            resources: [.accountARN(service: "logs", region: regionName, resource: "log-group:*")]),
                    ])), region: region)
        add(
            "\(prefix)-flow-log",
            .flowLog(
                FlowLog(
                    network: .reference(Reference("\(prefix)-vpc", .id)), traffic: traffic.value.rawValue.uppercased(),
                    logGroup: .reference(Reference(groupID, .id)), role: .reference(Reference(roleID, .arn)))), nameTag: "\(prefix)-flow-log",
            region: region)
    }

    /// How every database, cluster and cluster instance lives: a final snapshot where the
    /// resource holds the data (as CloudFormation's `DeletionPolicy: Snapshot`); changes applied
    /// when deployed, as CloudFormation always does and CDK's `applyImmediately` defaults to, so
    /// that both targets behave alike and `dbspec diff` says beforehand which change interrupts
    /// (parameter changes stay pending-reboot in Terraform: see the parameter group); minor
    /// engine versions taken in the maintenance window, for their security fixes.
    static func lifecycle(keepsData: Bool, minorVersionSetting: Bool = true) -> Lifecycle {
        Lifecycle(
            removal: keepsData ? .snapshot : .delete, appliesChangesImmediately: true,
            upgradesMinorVersions: minorVersionSetting ? true : nil)
    }

    /// A year: CIS AWS Foundations and checkov (CKV_AWS_338) ask at least that of a log group.
    static let flowLogRetentionDays = 365

    /// A Regional service principal: `SERVICE.REGION.amazonaws.com`, `.amazonaws.com.cn` in China.
    static func servicePrincipal(_ service: String, region: String) -> String {
        "\(service).\(region).amazonaws.com" + (region.hasPrefix("cn-") ? ".cn" : "")
    }

    /// The KMS key a spec names, creating it (as `prefix-key`) when the spec says `create`.
    /// The name and ARN of the CloudWatch Logs group the flow logs of a VPC made for `prefix` go to.
    func flowLogGroup(prefix: String, region: String?) -> (name: String, arn: Value) {
        let name = "/dbspec/\(prefix)/vpc-flow-logs"
        return (name, .accountARN(service: "logs", region: region ?? spec.region.value, resource: "log-group:\(name)"))
    }

    /// What a created key must let CloudWatch Logs do to encrypt the flow log group of `network`
    /// (none when dbspec makes no flow logs). CloudWatch Logs user guide, "Encrypt log data in
    /// CloudWatch Logs using AWS KMS": the Region's logs principal, limited to the group by the
    /// encryption context.
    func flowLogKeyGrants(_ network: Network, prefix: String, region: String?) -> [EncryptionKey.ServiceGrant] {
        guard case let .create(_, _, _, traffic) = network.vpc, traffic.value != .off else { return [] }
        return [
            EncryptionKey.ServiceGrant(
                sid: "CloudWatchLogsEncryptsFlowLogs", service: Self.servicePrincipal("logs", region: region ?? spec.region.value),
                actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
                contextKey: "aws:logs:arn", contextValue: flowLogGroup(prefix: prefix, region: region).arn)
        ]
    }

    mutating func buildKey(
        _ kmsKey: KMSKey, prefix: String, owner: String, region: String?, grants: [EncryptionKey.ServiceGrant]
    ) -> Value {
        switch kmsKey {
        case .create:
            let keyID = "\(prefix)-key"
            add(
                keyID,
                .encryptionKey(
                    EncryptionKey(
                        summary: "Encrypts database \(owner), its snapshots and its secrets",
                        administrators: [.accountRoot], retained: true, deletionWindowDays: 30, serviceGrants: grants)), region: region)
            return .reference(Reference(keyID, .arn))
        case .arn(let arn, _): return .literal(arn)
        case .alias(let name, _): return .keyAlias(name)
        }
    }

    /// The parameter group: TLS when required, then the spec's own parameters (DB223 refuses
    /// contradictions), then what the exported logs need to be written (a spec's own value
    /// for the same parameter stands). The engine's default group when there is nothing to set;
    /// nil when the engine has no parameter group family.
    mutating func buildParameterGroup(prefix: String, owner: String, region: String?, forCluster: Bool) -> Value? {
        let db = spec.database
        var parameters: [ParameterGroup.Parameter] = []
        if db.encryption.inTransit.value == .required, let tls = engine?.tlsParameters {
            parameters += tls.map { ParameterGroup.Parameter(name: $0.name, value: $0.value) }
        }
        var named = Set(parameters.map(\.name))
        for p in db.parameters where named.insert(p.name.value).inserted {
            parameters.append(ParameterGroup.Parameter(name: p.name.value, value: p.value.value))
        }
        for log in db.monitoring.logs {
            for p in engine?.logParameters(log.value) ?? [] where named.insert(p.name).inserted {
                parameters.append(ParameterGroup.Parameter(name: p.name, value: p.value))
            }
        }
        guard let family = engine?.parameterFamily(version: db.version.value) else { return nil }
        // Nothing to set: the engine's default group, named. Left out, Terraform would keep the
        // last group in state (the argument is optional and computed) and delete it while the
        // database still uses it, which RDS refuses: `inTransit: optional` after `required`.
        guard !parameters.isEmpty else { return .literal("default.\(family)") }
        let id = "\(prefix)-parameters"
        add(
            id,
            .parameterGroup(
                ParameterGroup(
                    summary: "Parameters of database \(owner)", forCluster: forCluster, family: family,
                    parameters: parameters.sorted { $0.name < $1.name })), region: region)
        return .reference(Reference(id, .id))
    }

    /// The option group: the engine's TLS option (Oracle's SSL) when TLS is required and the
    /// engine has no TLS parameter, and the options exported logs need (MySQL's and MariaDB's
    /// audit plugin). nil when there is none.
    mutating func buildOptionGroup(prefix: String, owner: String, region: String?, firewall: Value) -> Value? {
        let db = spec.database
        var options: [OptionGroup.Option] = []
        var summary = "Options of database \(owner)"
        if let option = tlsOption {
            options.append(
                OptionGroup.Option(
                    name: option.name, port: option.port, securityGroups: [firewall],
                    settings: option.settings.map { ParameterGroup.Parameter(name: $0.name, value: $0.value) }))
            summary += ": \(option.name) on port \(option.port)"
        }
        for log in db.monitoring.logs {
            guard let name = engine?.logOption(log.value), !options.contains(where: { $0.name == name }) else { continue }
            options.append(OptionGroup.Option(name: name, port: nil, securityGroups: [], settings: []))
        }
        guard let major = engine?.optionGroupVersion(version: db.version.value) else { return nil }
        // Nothing to add: the engine's default group, named, for the reason the default parameter
        // group is (buildParameterGroup): left out, Terraform would keep the last group in state
        // (`option_group_name` is optional and computed) and delete it while the database still
        // uses it, which RDS refuses: `inTransit: optional` after `required` on Oracle, or the
        // audit log no longer exported on MySQL. RDS names it `default:ENGINE-MAJOR` with dashes
        // (`default:mysql-8-4`, `default:sqlserver-se-16-00`; RDS User Guide, Working with
        // option groups).
        guard !options.isEmpty else {
            return .literal("default:\(db.engine.value)-" + String(major.map { $0 == "." ? "-" : $0 }))
        }
        let id = "\(prefix)-options"
        add(id, .optionGroup(OptionGroup(summary: summary, engine: db.engine.value, majorVersion: major, options: options)), region: region)
        return .reference(Reference(id, .id))
    }

    /// The role Enhanced Monitoring assumes, when it is on.
    mutating func buildMonitoringRole(prefix: String, owner: String, region: String?) -> Value? {
        guard spec.database.monitoring.interval.value > 0 else { return nil }
        let id = "\(prefix)-monitoring-role"
        add(id, .monitoringRole(MonitoringRole(summary: "Lets RDS Enhanced Monitoring of \(owner) publish its metrics")), region: region)
        return .reference(Reference(id, .arn))
    }

    /// The generated master secret, when the spec asks for one; otherwise RDS manages it.
    mutating func buildPassword(key: Value?) -> DatabaseInstance.Password {
        let db = spec.database
        guard db.credentials.password.value == .generated else { return .managed(key: key) }
        let secretID = "\(name)-secret"
        // RDS refuses / " @ and spaces in master passwords; the rest keeps shells and URLs simple.
        let exclude = " %+~`#$&*()|[]{}:;<>?!'/@\"\\"
        add(
            secretID,
            .generatedSecret(
                GeneratedSecret(
                    summary: "Master credentials of database \(name)", username: db.credentials.username.value,
                    passwordLength: db.generatedPasswordLength, excludeCharacters: exclude, encryptionKey: key)))
        return .fromSecret(.secretField(secret: secretID, field: "password"))
    }

    mutating func addCredentialOutputs(_ password: DatabaseInstance.Password, database: String) {
        if case .fromSecret = password {
            add(
                "\(name)-secret-attachment",
                .secretAttachment(
                    SecretAttachment(
                        secret: .reference(Reference("\(name)-secret", .id)), database: .reference(Reference(database, .id)))))
        }
        graph.outputs.append(GraphOutput(id: "endpoint", summary: "Address of database \(name)", value: .reference(Reference(database, .endpointAddress))))
        graph.outputs.append(GraphOutput(id: "port", summary: "Port of database \(name)", value: .reference(Reference(database, .endpointPort))))
        switch password {
        case .managed:
            graph.outputs.append(
                GraphOutput(
                    id: "master-secret-arn", summary: "Secret holding the master credentials of \(name)",
                    value: .reference(Reference(database, .masterUserSecretArn))))
        case .fromSecret:
            graph.outputs.append(
                GraphOutput(
                    id: "master-secret-arn", summary: "Secret holding the master credentials of \(name)",
                    value: .reference(Reference("\(name)-secret", .id))))
        }
    }

    /// One managed policy per database user and Region, granting `rds-db:connect` on the
    /// databases of that Region. Added last, after the databases they name.
    mutating func addConnectPolicies(_ databasesByRegion: [(region: String?, databases: [Value])]) {
        for (region, databases) in databasesByRegion where !databases.isEmpty {
            for grant in spec.connectGrants {
                let roles = grant.roles.map { arn in String(arn.value.split(separator: "/").last ?? "") }
                let policyID = "\(name)-connect-\(grant.user.value)" + (region.map { "-" + $0 } ?? "")
                origin = IdentifierOrigin(range: grant.user.range, what: "IAM connect user `\(grant.user.value)`")
                defer { origin = nil }
                add(
                    policyID,
                    .connectPolicy(
                        ConnectPolicy(
                            summary: "Lets \(roles.joined(separator: ", ")) connect to \(name) as \(grant.user.value) with IAM database authentication"
                                + (region.map { " in \($0)" } ?? ""),
                            databases: databases, user: grant.user.value, roles: roles,
                            roleOrigins: grant.roles.map { IdentifierOrigin(range: $0.range, what: "role `\($0.value)`") })), region: region)
            }
        }
    }

    /// What a database stands on in the spec's Region: its network, key, credentials,
    /// parameter group and monitoring role, in that order.
    mutating func buildFoundation(forCluster: Bool) -> (
        subnetGroup: Value, firewall: Value, encrypted: Bool, key: Value?,
        password: DatabaseInstance.Password, parameterGroup: Value?, monitoringRole: Value?
    ) {
        let db = spec.database
        let (subnetGroup, firewall) = buildNetwork(spec.network, prefix: name, owner: name, region: nil)
        let encrypted = db.encryption.atRest.value
        let grants = flowLogKeyGrants(spec.network, prefix: name, region: nil)
        let key = encrypted ? db.encryption.kmsKey.map { buildKey($0.value, prefix: name, owner: name, region: nil, grants: grants) } : nil
        buildFlowLogs(spec.network, prefix: name, owner: name, region: nil, key: key)
        let password = buildPassword(key: key)
        let parameterGroup = buildParameterGroup(prefix: name, owner: name, region: nil, forCluster: forCluster)
        let monitoringRole = buildMonitoringRole(prefix: name, owner: name, region: nil)
        return (subnetGroup, firewall, encrypted, key, password, parameterGroup, monitoringRole)
    }

    mutating func build() {
        switch spec.database.storage {
        case .instance(let storage): buildInstances(storage)
        case .cluster(let storage): buildCluster(storage)
        }
    }

    /// A DB instance, with Multi-AZ and read replicas in its Region and in others.
    mutating func buildInstances(_ storage: Storage) {
        let db = spec.database
        let (subnetGroup, firewall, encrypted, key, password, parameterGroup, monitoringRole) = buildFoundation(forCluster: false)
        let monitoring = db.monitoring
        func monitored(_ instance: inout DatabaseInstance, role: Value?, key: Value?) {
            instance.monitoringInterval = monitoring.interval.value
            instance.monitoringRole = role
            instance.performanceInsightsRetention = monitoring.performanceInsightsRetention?.value
            instance.performanceInsightsKey = monitoring.performanceInsightsRetention == nil ? nil : key
            instance.logExports = monitoring.logs.map(\.value)
        }

        let license = db.statesLicenseModel ? db.licenseModel?.value : nil
        let primaryID = "\(name)-database"
        var primary = DatabaseInstance(
            identifier: name, engine: db.engine.value, engineVersion: db.version.value, instanceClass: db.instanceClass.value,
            licenseModel: license, allocatedStorage: storage.size.value, storageType: storage.type.value.rawValue,
            iops: storage.iops?.value, storageThroughput: storage.throughput?.value, maxAllocatedStorage: storage.maxSize?.value,
            multiAZ: db.multiAZ.value, storageEncrypted: encrypted, encryptionKey: key,
            masterUsername: db.credentials.username.value, password: password, iamAuthentication: db.iamAuth.value,
            port: port, backupRetentionDays: db.backup.retentionDays.value, backupWindow: db.backup.window?.value,
            maintenanceWindow: db.maintenanceWindow?.value, deletionProtection: db.deletionProtection.value,
            subnetGroup: subnetGroup, parameterGroup: parameterGroup, securityGroups: [firewall],
            publiclyAccessible: spec.network.isPublic.value, copyTagsToSnapshot: true, source: nil,
            lifecycle: Self.lifecycle(keepsData: true))
        primary.optionGroup = buildOptionGroup(prefix: name, owner: name, region: nil, firewall: firewall)
        primary.databaseName = db.dbName?.value
        primary.characterSet = db.characterSet?.value
        primary.timezone = db.timezone?.value
        monitored(&primary, role: monitoringRole, key: key)
        add(primaryID, .database(primary))
        addCredentialOutputs(password, database: primaryID)
        if let option = tlsOption {
            graph.outputs.append(
                GraphOutput(
                    id: "tls-port", summary: "Port of database \(name) for TLS connections (\(option.name) option)",
                    value: .literal(String(option.port))))
        }

        var databasesByRegion: [(region: String?, databases: [Value])] = [(nil, [.reference(Reference(primaryID, .resourceID))])]
        // Where each database lives and what it uses there, by name: a replica in its source's
        // Region shares the source's; one in another Region gets its own.
        var placements: [String: Placement] = [
            name: Placement(
                id: primaryID, region: nil, firewall: firewall, parameterGroup: parameterGroup, optionGroup: primary.optionGroup,
                key: key, role: monitoringRole, isPublic: spec.network.isPublic.value)
        ]
        let sources = Set(spec.replicas.compactMap { $0.source?.value })
        for replica in spec.replicasInSourceOrder {
            let id = "\(replica.name.value)-replica"
            guard let from = placements[replica.source?.value ?? name] else { continue }
            origin = IdentifierOrigin(range: replica.name.range, what: "replica `\(replica.name.value)`")
            defer { origin = nil }
            let crossRegion = spec.isCrossRegion(replica)
            let home = spec.region(of: replica) == spec.region.value
            var placement = Placement(
                id: id, region: home ? nil : spec.region(of: replica), firewall: from.firewall,
                parameterGroup: from.parameterGroup, optionGroup: from.optionGroup, key: from.key, role: from.role,
                isPublic: from.isPublic)
            var subnetGroup: Value?
            if crossRegion {
                // Another Region than its source: its own network, key, parameter group, option
                // group and monitoring role, as none of the source's can be used there.
                let prefix = replica.name.value
                let network = buildNetwork(
                    replica.network ?? spec.network, prefix: prefix, owner: prefix, region: placement.region, inherited: replica.network == nil)
                placement.isPublic = (replica.network ?? spec.network).isPublic.value
                subnetGroup = network.subnetGroup
                placement.firewall = network.firewall
                let grants = flowLogKeyGrants(replica.network ?? spec.network, prefix: prefix, region: placement.region)
                placement.key =
                    encrypted ? replica.kmsKey.map { buildKey($0.value, prefix: prefix, owner: prefix, region: placement.region, grants: grants) } : nil
                buildFlowLogs(replica.network ?? spec.network, prefix: prefix, owner: prefix, region: placement.region, key: placement.key)
                placement.parameterGroup = buildParameterGroup(prefix: prefix, owner: prefix, region: placement.region, forCluster: false)
                placement.optionGroup = buildOptionGroup(prefix: prefix, owner: prefix, region: placement.region, firewall: network.firewall)
                placement.role = buildMonitoringRole(prefix: prefix, owner: prefix, region: placement.region)
            }
            var instance = DatabaseInstance(
                identifier: replica.name.value, engine: db.engine.value, engineVersion: nil,
                instanceClass: replica.instanceClass.value, licenseModel: nil, allocatedStorage: nil, storageType: nil,
                iops: nil, storageThroughput: nil, maxAllocatedStorage: nil, multiAZ: false, storageEncrypted: encrypted,
                // Encryption follows the source; a cross-Region replica names its key there.
                encryptionKey: crossRegion ? placement.key : nil, masterUsername: nil, password: nil,
                iamAuthentication: db.iamAuth.value, port: port,
                // Replicas start without backups; a replica that is a source needs them (DB304).
                backupRetentionDays: sources.contains(replica.name.value) ? db.backup.retentionDays.value : nil,
                backupWindow: nil, maintenanceWindow: db.maintenanceWindow?.value,
                deletionProtection: db.deletionProtection.value, subnetGroup: subnetGroup, parameterGroup: placement.parameterGroup,
                securityGroups: [placement.firewall],
                publiclyAccessible: placement.isPublic, copyTagsToSnapshot: true,
                source: .reference(Reference(from.id, crossRegion ? .arn : .id)),
                // RDS refuses a final snapshot of a replica; its data lives in its source.
                lifecycle: Self.lifecycle(keepsData: false))
            // RDS for Oracle: in-Region replicas use the source's option group.
            instance.optionGroup = placement.optionGroup
            instance.replicaMode = replica.mode?.value
            if crossRegion { instance.sourceRegion = spec.sourceRegion(of: replica) }
            monitored(&instance, role: placement.role, key: placement.key)
            add(id, .database(instance), region: placement.region)
            placements[replica.name.value] = placement
            graph.outputs.append(
                GraphOutput(
                    id: "\(replica.name.value)-endpoint", summary: "Address of read replica \(replica.name.value)",
                    value: .reference(Reference(id, .endpointAddress)), region: placement.region, origin: origin))
            if let i = databasesByRegion.firstIndex(where: { $0.region == placement.region }) {
                databasesByRegion[i].databases.append(.reference(Reference(id, .resourceID)))
            } else {
                databasesByRegion.append((placement.region, [.reference(Reference(id, .resourceID))]))
            }
        }
        addConnectPolicies(databasesByRegion)
    }

    /// An Aurora cluster with a writer instance and a reader for each replica.
    mutating func buildCluster(_ storage: ClusterStorage) {
        let db = spec.database
        let (subnetGroup, firewall, encrypted, key, password, parameterGroup, monitoringRole) = buildFoundation(forCluster: true)
        let clusterID = "\(name)-cluster"
        let usesServerless = db.instanceClass.value == "db.serverless" || spec.replicas.contains { $0.instanceClass.value == "db.serverless" }
        add(
            clusterID,
            .cluster(
                DatabaseCluster(
                    identifier: name, engine: db.engine.value, engineVersion: db.version.value, port: port, databaseName: db.dbName?.value,
                    masterUsername: db.credentials.username.value, password: password, storageEncrypted: encrypted, encryptionKey: key,
                    backupRetentionDays: db.backup.retentionDays.value, backupWindow: db.backup.window?.value,
                    maintenanceWindow: db.maintenanceWindow?.value, deletionProtection: db.deletionProtection.value,
                    subnetGroup: subnetGroup, parameterGroup: parameterGroup, securityGroups: [firewall], iamAuthentication: db.iamAuth.value,
                    copyTagsToSnapshot: true, logExports: db.monitoring.logs.map(\.value),
                    storageType: storage.type?.value.rawValue,
                    backtrackWindow: db.backtrackHours.flatMap { $0.value > 0 ? $0.value * 3600 : nil },
                    serverlessCapacity: usesServerless ? db.capacity.map { ($0.min.value, $0.max.value) } : nil,
                    lifecycle: Self.lifecycle(keepsData: true, minorVersionSetting: false))))
        let cluster = Value.reference(Reference(clusterID, .id))
        let monitoring = db.monitoring
        func member(_ identifier: String, _ instanceClass: String, tier: Int) -> ClusterInstance {
            ClusterInstance(
                identifier: identifier, cluster: cluster, engine: db.engine.value, instanceClass: instanceClass,
                publiclyAccessible: spec.network.isPublic.value, maintenanceWindow: db.maintenanceWindow?.value,
                promotionTier: tier, monitoringInterval: monitoring.interval.value, monitoringRole: monitoringRole,
                performanceInsightsRetention: monitoring.performanceInsightsRetention?.value,
                performanceInsightsKey: monitoring.performanceInsightsRetention == nil ? nil : key,
                // The cluster's snapshot holds the data; RDS cannot snapshot a cluster's instance.
                lifecycle: Self.lifecycle(keepsData: false))
        }
        add("\(name)-writer", .clusterInstance(member(spec.writerIdentifier, db.instanceClass.value, tier: 0)))
        for replica in spec.replicas {
            origin = IdentifierOrigin(range: replica.name.range, what: "replica `\(replica.name.value)`")
            add("\(replica.name.value)-reader", .clusterInstance(member(replica.name.value, replica.instanceClass.value, tier: 1)))
        }
        origin = nil
        addCredentialOutputs(password, database: clusterID)
        if !spec.replicas.isEmpty {
            graph.outputs.insert(
                GraphOutput(
                    id: "reader-endpoint", summary: "Reader endpoint of database \(name), spread over its readers",
                    value: .reference(Reference(clusterID, .readerEndpointAddress))), at: 1)
        }
        addConnectPolicies([(nil, [.reference(Reference(clusterID, .resourceID))])])
    }
}
