import DBSpecJSON
import DBSpecLowering

/// Writes a resource graph as a CloudFormation template: `AWSTemplateFormatVersion`,
/// `Description`, `Resources`, `Outputs`, in that order; in a resource `Type`, then the
/// deletion policies, then `Properties` with keys sorted. The same graph always gives the
/// same bytes.
public enum CloudFormationEmitter {
    /// One template per Region, the graph's own first: a CloudFormation stack lives in one
    /// Region, so a cross-Region replica gets a stack of its own in its Region.
    public static func templates(_ graph: ResourceGraph) -> [(region: String, template: JSONValue)] {
        ([graph.region] + graph.otherRegions).map { ($0, template(graph, region: $0)) }
    }

    /// The template of the resources in `region`. References to resources of another Region
    /// (a replica's source) are written out as ARNs, since stacks cannot refer to each other's
    /// resources across Regions.
    public static func template(_ graph: ResourceGraph, region: String) -> JSONValue {
        let context = Context(graph: graph, region: region)
        var resources: [(String, JSONValue)] = []
        for resource in graph.resources where (resource.region ?? graph.region) == region {
            resources.append((logicalID(resource.id), self.resource(resource, context: context)))
        }
        var outputs: [(String, JSONValue)] = []
        for output in graph.outputs where (output.region ?? graph.region) == region {
            outputs.append(
                (
                    logicalID(output.id),
                    .object([
                        ("Description", .string(output.summary)),
                        ("Value", value(output.value, context: context)),
                    ])
                ))
        }
        let description =
            region == graph.region
            ? graph.description
            : "\(graph.description.prefix { $0 != ":" }): the resources in \(region) (cross-Region read replicas of the database in \(graph.region)). "
                + "Deploy after the \(graph.region) stack. Compiled by dbspec; edit the spec, not this file."
        return .object([
            ("AWSTemplateFormatVersion", .string("2010-09-09")),
            ("Description", .string(description)),
            ("Resources", .object(resources)),
            ("Outputs", .object(outputs)),
        ])
    }

    /// What a resource's values are written against: the other resources and the Region of
    /// the template being written.
    struct Context {
        var graph: ResourceGraph
        var region: String
        var resources: [String: Resource]

        init(graph: ResourceGraph, region: String) {
            self.graph = graph
            self.region = region
            resources = Dictionary(graph.resources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        }

        func kind(_ id: String) -> Resource.Body? { resources[id]?.body }
    }

    /// `orders-private-subnet-1` → `OrdersPrivateSubnet1` (logical IDs are alphanumeric).
    public static func logicalID(_ id: String) -> String { Identifiers.cloudFormation(id) }

    // MARK: - Resources

    private static func resource(_ resource: Resource, context: Context) -> JSONValue {
        let v = { (x: Value) in value(x, context: context) }
        let tags = JSONValue.array(resource.tags.map { .object([("Key", .string($0.key)), ("Value", .string($0.value))]) })
        var p: [(String, JSONValue)] = []
        let type = ResourceKinds.of(resource.body).cloudFormation
        var deletionPolicy: String?
        switch resource.body {
        case .network(let n):
            p = properties(ResourceFields.network, n, v: v) + [("Tags", tags)]
        case .subnet(let s):
            p = properties(ResourceFields.subnet, s, v: v) + [("Tags", tags)]
        case .firewall(let f):
            p = properties(ResourceFields.firewall, f, v: v) + [("Tags", tags)]
            if !f.allowsOutbound {
                // Without a rule, CloudFormation keeps AWS's allow-all egress rule; this one
                // matches nothing, which replaces it (the form CDK uses).
                p.append(
                    (
                        "SecurityGroupEgress",
                        .array([
                            .object([
                                ("CidrIp", .string("255.255.255.255/32")),
                                ("Description", .string("No outbound traffic")),
                                ("FromPort", .int(252)),
                                ("IpProtocol", .string("icmp")),
                                ("ToPort", .int(86)),
                            ])
                        ])
                    ))
            }
        case .firewallRule(let r):
            // An ingress rule takes no tags in CloudFormation.
            p = properties(ResourceFields.firewallRule, r, v: v)
        case .networkACL(let a):
            p = properties(ResourceFields.networkACL, a, v: v) + [("Tags", tags)]
        case .networkACLRule(let r):
            // A network ACL entry takes no tags in CloudFormation.
            p = properties(ResourceFields.networkACLRule, r, v: v)
        case .networkACLAssociation(let a):
            p = properties(ResourceFields.networkACLAssociation, a, v: v)
        case .subnetGroup(let g):
            p = properties(ResourceFields.subnetGroup, g, v: v) + [("Tags", tags)]
        case .encryptionKey(let k):
            if k.retained { deletionPolicy = "Retain" }
            p = properties(ResourceFields.encryptionKey, k, v: v) + [("KeyPolicy", IAMDocument.keyPolicy(k, spell: v)), ("Tags", tags)]
        case .generatedSecret(let s):
            deletionPolicy = "Delete"
            p =
                properties(ResourceFields.generatedSecret, s, v: v) + [
                    (
                        "GenerateSecretString",
                        .object([
                            ("ExcludeCharacters", .string(s.excludeCharacters)),
                            ("GenerateStringKey", .string("password")),
                            ("PasswordLength", .int(s.passwordLength)),
                            (
                                "SecretStringTemplate",
                                .string(String(decoding: JSONWriter.compact(.object([("username", .string(s.username))])), as: UTF8.self))
                            ),
                        ])
                    ), ("Tags", tags),
                ]
        case .monitoringRole(let r):
            p =
                properties(ResourceFields.monitoringRole, r, v: v) + [
                    ("AssumeRolePolicyDocument", IAMDocument.trust(service: r.service)),
                    ("ManagedPolicyArns", .array([.object([("Fn::Sub", .string("arn:${AWS::Partition}:iam::aws:policy/" + r.managedPolicy))])])),
                    ("Tags", tags),
                ]
        case .logGroup(let g):
            p = properties(ResourceFields.logGroup, g, v: v) + [("Tags", tags)]
        case .deliveryRole(let r):
            p =
                properties(ResourceFields.deliveryRole, r, v: v) + [
                    (
                        "AssumeRolePolicyDocument",
                        IAMDocument.trust(service: r.service, condition: IAMDocument.deliveryCondition(account: v(.accountID), sourceArn: v(r.sourceArn)))
                    ),
                    (
                        "Policies",
                        .array([
                            .object([
                                ("PolicyDocument", IAMDocument.policy(r.permissions.map { IAMDocument.allow($0.actions, on: $0.resources.map(v)) })),
                                ("PolicyName", .string("deliver")),
                            ])
                        ])
                    ),
                    ("Tags", tags),
                ]
        case .flowLog(let f):
            p = properties(ResourceFields.flowLog, f, v: v) + [("Tags", tags)]
        case .connectPolicy(let c):
            let resources: [JSONValue] = c.databases.compactMap { db in
                guard case .reference(let r) = db else { return nil }
                let attribute = if case .cluster? = context.kind(r.resource) { "DBClusterResourceId" } else { "DbiResourceId" }
                return .object([
                    (
                        "Fn::Sub",
                        .string(
                            "arn:${AWS::Partition}:rds-db:${AWS::Region}:${AWS::AccountId}:dbuser:${\(logicalID(r.resource)).\(attribute)}/"
                                + c.user.replacingEvery("${", with: "${!"))
                    )
                ])
            }
            p =
                properties(ResourceFields.connectPolicy, c, v: v) + [
                    ("PolicyDocument", IAMDocument.connect(resources)),
                    ("Roles", .array(c.roles.map { .string($0) })),
                ]
        case .optionGroup(let g):
            p =
                properties(ResourceFields.optionGroup, g, v: v) + [
                    (
                        "OptionConfigurations",
                        .array(
                            g.options.map { option in
                                var o: [(String, JSONValue)] = [("OptionName", .string(option.name))]
                                if let port = option.port { o.append(("Port", .int(port))) }
                                if !option.securityGroups.isEmpty { o.append(("VpcSecurityGroupMemberships", .array(option.securityGroups.map(v)))) }
                                if !option.settings.isEmpty {
                                    o.append(
                                        ("OptionSettings", .array(option.settings.map { .object([("Name", .string($0.name)), ("Value", .string($0.value))]) })))
                                }
                                return .object(o)
                            })
                    ),
                    ("Tags", tags),
                ]
        case .parameterGroup(let g):
            p =
                properties(ResourceFields.parameterGroup, g, v: v) + [
                    ("Parameters", .object(g.parameters.map { ($0.name, .string($0.value)) })), ("Tags", tags),
                ]
        case .secretAttachment(let a):
            // The database's own type: AWS::RDS::DBInstance or AWS::RDS::DBCluster.
            var target: Resource.Body?
            if case .reference(let r) = a.database { target = context.kind(r.resource) }
            let targetType = (target.map(ResourceKinds.of) ?? ResourceKinds.database).cloudFormation
            p = [("SecretId", v(a.secret)), ("TargetId", v(a.database)), ("TargetType", .string(targetType))]
        case .cluster(let c):
            deletionPolicy = policy(c.lifecycle.removal)
            p = properties(DatabaseFields.cluster, c, v: v) + [("Tags", tags)]
        case .clusterInstance(let i):
            deletionPolicy = policy(i.lifecycle.removal)
            p = properties(DatabaseFields.clusterInstance, i, v: v) + [("Tags", tags)]
        case .database(let d):
            deletionPolicy = policy(d.lifecycle.removal)
            p = properties(DatabaseFields.instance, d, v: v) + [("Tags", tags)]
        }
        var members: [(String, JSONValue)] = [("Type", .string(type))]
        if let deletionPolicy {
            members.append(("DeletionPolicy", .string(deletionPolicy)))
            members.append(("UpdateReplacePolicy", .string(deletionPolicy)))
        }
        members.append(("Properties", .sortedObject(p)))
        return .object(members)
    }

    /// CloudFormation's DeletionPolicy (and UpdateReplacePolicy) for a removal. CloudFormation
    /// applies every change when it updates the stack, so `appliesChangesImmediately` needs no
    /// property here.
    private static func policy(_ removal: Lifecycle.Removal) -> String {
        switch removal {
        case .delete: "Delete"
        case .snapshot: "Snapshot"
        }
    }

    /// A resource's properties from its field table: the fields' CloudFormation spellings.
    private static func properties<S>(_ fields: [FieldMapping<S>], _ subject: S, v: (Value) -> JSONValue) -> [(String, JSONValue)] {
        FieldMapping.members(fields, of: subject, target: .cloudformation) { value, spelling in
            switch value {
            case .text(let s): .string(s)
            case .number(let n): spelling.numberAsText ? .string(String(n)) : .int(n)
            case .flag(let b): .bool(b)
            case .decimal(let d): .decimal(d)
            case .value(let x): v(x)
            case .values(let xs): .array(xs.map(v))
            case .texts(let xs): .array(xs.map { .string($0) })
            case .availabilityZone(let i): .object([("Fn::Select", .array([.int(i), .object([("Fn::GetAZs", .string(""))])]))])
            case .ipProtocol(let p): spelling.protocolAsNumber ? .int(p.number) : .string(p.name)
            }
        }
    }

    // MARK: - Values

    private static func value(_ value: Value, context: Context) -> JSONValue {
        switch value {
        case .literal(let s):
            return .string(s)
        case .keyAlias(let alias):
            return .string(alias)
        case .accountRoot:
            return .object([("Fn::Sub", .string("arn:${AWS::Partition}:iam::${AWS::AccountId}:root"))])
        case .accountID:
            return .object([("Ref", .string("AWS::AccountId"))])
        case let .accountARN(service, region, resource):
            // Fn::Sub reads `${` as a variable; `${!` writes it as it is.
            let literal = { (s: String) in s.replacingEvery("${", with: "${!") }
            return .object([("Fn::Sub", .string("arn:${AWS::Partition}:\(literal(service)):\(literal(region)):${AWS::AccountId}:\(literal(resource))"))])
        case let .secretField(secret, field):
            return .object([("Fn::Sub", .string("{{resolve:secretsmanager:${\(logicalID(secret))}:SecretString:\(field)}}"))])
        case .reference(let ref):
            let id = logicalID(ref.resource)
            if let target = context.resources[ref.resource], (target.region ?? context.graph.region) != context.region {
                // Another Region's stack: only a database's ARN is needed here, and it is known
                // from its identifier.
                guard ref.attribute == .arn, case .database(let d) = target.body else {
                    preconditionFailure("\(ref.resource) is in another Region; only a database ARN can be named across Regions")
                }
                let region = target.region ?? context.graph.region
                return .object([("Fn::Sub", .string("arn:${AWS::Partition}:rds:\(region):${AWS::AccountId}:db:\(d.identifier)"))])
            }
            func getAtt(_ attribute: String) -> JSONValue { .object([("Fn::GetAtt", .array([.string(id), .string(attribute)]))]) }
            switch ref.attribute {
            case .id:
                if case .firewall? = context.kind(ref.resource) { return getAtt("GroupId") }
                return .object([("Ref", .string(id))])
            case .arn:
                switch context.kind(ref.resource) {
                case .generatedSecret?: return .object([("Ref", .string(id))])
                case .database?: return getAtt("DBInstanceArn")
                case .cluster?: return getAtt("DBClusterArn")
                default: return getAtt("Arn")
                }
            case .endpointAddress: return getAtt("Endpoint.Address")
            case .endpointPort: return getAtt("Endpoint.Port")
            case .readerEndpointAddress: return getAtt("ReadEndpoint.Address")
            case .masterUserSecretArn: return getAtt("MasterUserSecret.SecretArn")
            case .resourceID:
                if case .cluster? = context.kind(ref.resource) { return getAtt("DBClusterResourceId") }
                return getAtt("DbiResourceId")
            }
        }
    }
}
