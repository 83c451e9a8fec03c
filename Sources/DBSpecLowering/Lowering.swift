import DBSpecCatalog
import DBSpecModel

/// Lowers a checked spec into a resource graph. Call it only on a spec without errors:
/// it trusts the rules and the decoder (valid CIDRs, known engine, no literal password).
public enum Lowering {
    public static func lower(_ spec: Spec, catalog: Catalog) -> ResourceGraph {
        var builder = GraphBuilder(spec: spec, catalog: catalog)
        builder.build()
        return builder.graph
    }
}

private struct GraphBuilder {
    let spec: Spec
    let catalog: Catalog
    let name: String
    var graph: ResourceGraph
    var pendingConnectPolicies: [(String, ConnectPolicy)] = []

    init(spec: Spec, catalog: Catalog) {
        self.spec = spec
        self.catalog = catalog
        self.name = spec.name.value
        var tags = spec.tags.map { Tag(key: $0.key.value, value: $0.value.value) }
        if !tags.contains(where: { $0.key == "dbspec:name" }) { tags.append(Tag(key: "dbspec:name", value: spec.name.value)) }
        self.tags = tags.sorted { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) }
        let db = spec.database
        graph = ResourceGraph(
            description: "\(name): \(db.engine.value) \(db.version.value) on \(db.instanceClass.value)"
                + (spec.replicas.isEmpty ? "" : " with \(spec.replicas.count) read replica\(spec.replicas.count == 1 ? "" : "s")")
                + ". Compiled by dbspec; edit the spec, not this file.",
            region: spec.region.value, resources: [], outputs: [])
    }

    /// The spec's tags and `dbspec:name`, sorted by key; every resource gets them.
    let tags: [Tag]

    mutating func add(_ id: String, _ body: Resource.Body, nameTag: String? = nil) {
        var tags = self.tags
        if let nameTag, !tags.contains(where: { $0.key == "Name" }) {
            tags.append(Tag(key: "Name", value: nameTag))
            tags.sort { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) }
        }
        graph.resources.append(Resource(id: id, body: body, tags: tags))
    }

    mutating func build() {
        let db = spec.database
        let engine = catalog.engine(db.engine.value)
        let port = db.port?.value ?? engine?.defaultPort ?? 3306

        // Network: a new VPC with one private subnet per Availability Zone, or an existing one.
        let network: Value
        let subnets: [Value]
        switch spec.network.vpc {
        case let .create(cidrText, azs):
            let vpcID = "\(name)-vpc"
            let cidr = CIDR(cidrText.value) ?? CIDR("10.0.0.0/16")!
            add(vpcID, .network(NetworkSpace(cidr: cidr.description)), nameTag: vpcID)
            network = .reference(Reference(vpcID, .id))
            let subnetPrefix = min(cidr.prefix + 4, 28)
            var ids: [Value] = []
            for i in 0..<azs.value {
                let id = "\(name)-private-subnet-\(i + 1)"
                add(id, .subnet(Subnet(network: network, cidr: cidr.subnet(i, prefix: subnetPrefix).description,
                                       availabilityZone: .availabilityZone(index: i))), nameTag: id)
                ids.append(.reference(Reference(id, .id)))
            }
            subnets = ids
        case let .existing(id, subnetIDs):
            network = .literal(id.value)
            subnets = subnetIDs.map { .literal($0.value) }
        }

        let firewallID = "\(name)-security-group"
        add(firewallID, .firewall(Firewall(summary: "Database \(name): connections on port \(port) from the sources in its spec",
                                           network: network, allowsOutbound: false)),
            nameTag: firewallID)
        let firewall = Value.reference(Reference(firewallID, .id))
        for (i, rule) in spec.network.allow.enumerated() {
            let source: FirewallRule.Source
            let defaultSummary: String
            switch rule.source.value {
            case .cidr(let c): source = .cidr(c); defaultSummary = "\(name) clients in \(c)"
            case .securityGroup(let g): source = .securityGroup(g); defaultSummary = "\(name) clients in \(g)"
            }
            add("\(name)-ingress-\(i + 1)", .firewallRule(FirewallRule(firewall: firewall, port: port, source: source,
                                                                    summary: rule.description?.value ?? defaultSummary)))
        }

        let subnetGroupID = "\(name)-subnet-group"
        add(subnetGroupID, .subnetGroup(SubnetGroup(summary: "Subnets of database \(name)", subnets: subnets)))
        let subnetGroup = Value.reference(Reference(subnetGroupID, .id))

        // Encryption at rest.
        var key: Value?
        let encrypted = db.encryption.atRest.value
        if encrypted, let k = db.encryption.kmsKey?.value {
            switch k {
            case .create:
                let keyID = "\(name)-key"
                add(keyID, .encryptionKey(EncryptionKey(summary: "Encrypts database \(name), its snapshots and its secrets",
                                                        administrators: [.accountRoot])))
                key = .reference(Reference(keyID, .arn))
            case .arn(let arn): key = .literal(arn)
            case .alias(let alias): key = .keyAlias(alias)
            }
        }

        // Credentials.
        var password: DatabaseInstance.Password = .managed(key: key)
        let primaryID = "\(name)-database"
        if db.credentials.password.value == .generated {
            let secretID = "\(name)-secret"
            // RDS refuses / " @ and spaces in master passwords; the rest keeps shells and URLs simple.
            let exclude = " %+~`#$&*()|[]{}:;<>?!'/@\"\\"
            add(secretID, .generatedSecret(GeneratedSecret(
                summary: "Master credentials of database \(name)", username: db.credentials.username.value,
                passwordLength: min(30, engine?.passwordLength.upperBound ?? 30), excludeCharacters: exclude, encryptionKey: key)))
            password = .fromSecret(.secretField(secret: secretID, field: "password"))
        }

        // Engine parameters: TLS when required, then the spec's own (DB223 refuses contradictions).
        var parameterGroup: Value?
        var parameters: [ParameterGroup.Parameter] = []
        if db.encryption.inTransit.value == .required, let tls = engine?.tlsParameters {
            parameters += tls.map { ParameterGroup.Parameter(name: $0.name, value: $0.value) }
        }
        for p in db.parameters where !parameters.contains(where: { $0.name == p.name.value }) {
            parameters.append(ParameterGroup.Parameter(name: p.name.value, value: p.value.value))
        }
        if !parameters.isEmpty, let family = engine?.parameterFamily(version: db.version.value) {
            let id = "\(name)-parameters"
            add(id, .parameterGroup(ParameterGroup(summary: "Parameters of database \(name)", family: family,
                                                   parameters: parameters.sorted { $0.name < $1.name })))
            parameterGroup = .reference(Reference(id, .id))
        }

        // Monitoring: one role for the primary and its replicas.
        let monitoring = db.monitoring
        var monitoringRole: Value?
        if monitoring.interval.value > 0 {
            let id = "\(name)-monitoring-role"
            add(id, .monitoringRole(MonitoringRole(summary: "Lets RDS Enhanced Monitoring of \(name) publish its metrics")))
            monitoringRole = .reference(Reference(id, .arn))
        }
        func monitored(_ instance: inout DatabaseInstance) {
            instance.monitoringInterval = monitoring.interval.value
            instance.monitoringRole = monitoringRole
            instance.performanceInsightsRetention = monitoring.performanceInsightsRetention?.value
            instance.performanceInsightsKey = monitoring.performanceInsightsRetention == nil ? nil : key
            instance.logExports = monitoring.logs.map(\.value)
        }

        let license: String? = db.licenseModel?.value
            ?? ((engine?.family == "oracle" || engine?.family == "sqlserver") ? engine?.licenseModels.first : nil)
        let storage = db.storage
        var primary = DatabaseInstance(
            identifier: name, engine: db.engine.value, engineVersion: db.version.value, instanceClass: db.instanceClass.value,
            licenseModel: license, allocatedStorage: storage.size.value, storageType: storage.type.value.rawValue,
            iops: storage.iops?.value, storageThroughput: storage.throughput?.value, maxAllocatedStorage: storage.maxSize?.value,
            multiAZ: db.multiAZ.value, storageEncrypted: encrypted, encryptionKey: key,
            masterUsername: db.credentials.username.value, password: password, iamAuthentication: db.iamAuth.value,
            port: port, backupRetentionDays: db.backup.retentionDays.value, backupWindow: db.backup.window?.value,
            maintenanceWindow: db.maintenanceWindow?.value, deletionProtection: db.deletionProtection.value,
            subnetGroup: subnetGroup, parameterGroup: parameterGroup, securityGroups: [firewall],
            publiclyAccessible: spec.network.isPublic.value, copyTagsToSnapshot: true, source: nil)
        primary.databaseName = db.dbName?.value
        primary.characterSet = db.characterSet?.value
        primary.timezone = db.timezone?.value
        monitored(&primary)
        add(primaryID, .database(primary))
        if case .fromSecret = password {
            add("\(name)-secret-attachment", .secretAttachment(SecretAttachment(
                secret: .reference(Reference("\(name)-secret", .id)), database: .reference(Reference(primaryID, .id)))))
        }

        // IAM database authentication: one managed policy per database user.
        var databases: [Value] = [.reference(Reference(primaryID, .resourceID))]
        databases += spec.replicas.map { .reference(Reference("\($0.name.value)-replica", .resourceID)) }
        for grant in spec.connectGrants {
            let roles = grant.roles.map { arn in String(arn.value.split(separator: "/").last ?? "") }
            let policyID = "\(name)-connect-\(grant.user.value)"
            pendingConnectPolicies.append((policyID, ConnectPolicy(
                summary: "Lets \(roles.joined(separator: ", ")) connect to \(name) as \(grant.user.value) with IAM database authentication",
                databases: databases, user: grant.user.value, roles: roles)))
        }

        graph.outputs.append(Output(id: "endpoint", summary: "Address of database \(name)", value: .reference(Reference(primaryID, .endpointAddress))))
        graph.outputs.append(Output(id: "port", summary: "Port of database \(name)", value: .reference(Reference(primaryID, .endpointPort))))
        switch password {
        case .managed:
            graph.outputs.append(Output(id: "master-secret-arn", summary: "Secret holding the master credentials of \(name)",
                                        value: .reference(Reference(primaryID, .masterUserSecretArn))))
        case .fromSecret:
            graph.outputs.append(Output(id: "master-secret-arn", summary: "Secret holding the master credentials of \(name)",
                                        value: .reference(Reference("\(name)-secret", .id))))
        }

        for replica in spec.replicas {
            let id = "\(replica.name.value)-replica"
            var instance = DatabaseInstance(
                identifier: replica.name.value, engine: db.engine.value, engineVersion: nil,
                instanceClass: replica.instanceClass.value, licenseModel: nil, allocatedStorage: nil, storageType: nil,
                iops: nil, storageThroughput: nil, maxAllocatedStorage: nil, multiAZ: false, storageEncrypted: nil,
                encryptionKey: nil, masterUsername: nil, password: nil, iamAuthentication: db.iamAuth.value, port: port,
                backupRetentionDays: nil, backupWindow: nil, maintenanceWindow: db.maintenanceWindow?.value,
                deletionProtection: db.deletionProtection.value, subnetGroup: nil, parameterGroup: parameterGroup,
                securityGroups: [firewall],
                publiclyAccessible: spec.network.isPublic.value, copyTagsToSnapshot: true,
                source: .reference(Reference(primaryID, .id)))
            monitored(&instance)
            add(id, .database(instance))
            graph.outputs.append(Output(id: "\(replica.name.value)-endpoint", summary: "Address of read replica \(replica.name.value)",
                                        value: .reference(Reference(id, .endpointAddress))))
        }
        // Policies come after the instances they name.
        for (id, policy) in pendingConnectPolicies { add(id, .connectPolicy(policy)) }
    }
}
