import DBSpecJSON
import DBSpecLowering

/// Writes a resource graph as a Terraform JSON configuration (`*.tf.json`) for the
/// `hashicorp/aws` provider 6.x: a `terraform` block, the provider for the spec's Region,
/// data sources, ephemeral resources, resources and outputs. Resource names are the graph's
/// ids in snake case; references use `${type.name.attribute}`.
///
/// Where the two targets must differ, the difference keeps the same database:
/// - generated passwords come from an ephemeral random password and reach RDS and the secret
///   through write-only arguments, so they are never stored in state (CloudFormation uses
///   `GenerateSecretString`);
/// - a KMS key given as `alias/NAME` is looked up, so the provider stores the key ARN and plans
///   no replacement;
/// - databases keep a final snapshot on destroy (`skip_final_snapshot = false`), as
///   CloudFormation's `DeletionPolicy: Snapshot` does; replicas cannot take one;
/// - a created KMS key gets AWS's default key policy (the account administers it), which is
///   the policy the CloudFormation template writes out.
public enum TerraformEmitter {
    /// The provider versions the configuration is written for: from the lowest that has every
    /// argument and resource type written, up to the next major version. The newest arrivals are
    /// the write-only password arguments and the ephemeral random password, all in 5.88.0
    /// (hashicorp/terraform-provider-aws #41366 `password_wo`, #41314 `master_password_wo`,
    /// #41371 `secret_string_wo`, merged for the v5.88.0 milestone; #41106, the ephemeral
    /// `aws_secretsmanager_random_password`, before it). The tests validate with 5.100 and
    /// check the arguments against the 6.x schema.
    public static let providerConstraint = ">= 5.88.0, < 7.0.0"
    /// Write-only arguments and ephemeral resources need Terraform 1.11.
    public static let terraformConstraint = ">= 1.11.0"

    /// How the configuration fits where it goes.
    public enum Layout: String, CaseIterable, Sendable {
        /// One spec alone in a folder: `terraform` block, providers and all.
        case standalone
        /// Any number of specs, beside a user's own root module: no `terraform` block, every
        /// resource on provider configurations of its own (`aws.NAME`, `aws.NAME_REGION`), data
        /// sources and outputs prefixed with the spec's name.
        case root
        /// A module (`NAME/main.tf.json`): `required_providers` with `configuration_aliases` for
        /// the other Regions, no provider block, so callers use `for_each`, `count`,
        /// `depends_on` and `providers = {...}`; the caller's default provider must be in the
        /// spec's Region (a precondition says so at plan time).
        case module
    }

    public static func configuration(_ graph: ResourceGraph, layout: Layout = .standalone, name: String = "") -> JSONValue {
        var writer = Writer(graph: graph, layout: layout, prefix: TerraformEmitter.name(name))
        writer.build()
        return writer.document()
    }

    public static func render(_ graph: ResourceGraph, layout: Layout = .standalone, name: String = "") -> [UInt8] {
        JSONWriter.pretty(configuration(graph, layout: layout, name: name))
    }

    /// The file a spec's configuration goes to.
    public static func fileName(for specName: String, layout: Layout) -> String {
        layout == .module ? specName + "/main.tf.json" : specName + ".tf.json"
    }

    /// `orders-private-subnet-1` → `orders_private_subnet_1`.
    public static func name(_ id: String) -> String { Identifiers.terraform(id) }

    /// Eight hex digits of `text`'s FNV-1a hash: a short, stable suffix that tells apart names
    /// that spell alike.
    static func digest(_ text: String) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in text.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: (0..<8).map { digits[Int((hash >> (28 - 4 * UInt32($0))) & 0xf)] }, as: UTF8.self)
    }

    /// The Terraform resource type a graph resource becomes.
    public static func type(of body: Resource.Body) -> String { ResourceKinds.of(body).terraform }

    /// Text inside a quoted string of a Terraform expression (`"…"` within `${…}`): its quotes
    /// and backslashes escaped, and its template sequences doubled.
    static func quoted(_ text: String) -> String {
        literal(text.replacingEvery("\\", with: "\\\\").replacingEvery("\"", with: "\\\"").replacingEvery("\n", with: "\\n"))
    }

    /// Text as a Terraform string literal: `${` and `%{` start templates, so they are doubled.
    public static func literal(_ text: String) -> String {
        // Most text holds neither `$` nor `%`: one pass over it, and no copy.
        var templated = false
        for byte in text.utf8 where byte == UInt8(ascii: "$") || byte == UInt8(ascii: "%") {
            templated = true
            break
        }
        guard templated else { return text }
        return text.replacingEvery("${", with: "$${").replacingEvery("%{", with: "%%{")
    }

    /// The alias of the provider configuration for another Region: `us-east-1` → `us_east_1`.
    public static func providerAlias(_ region: String) -> String { name(region) }
}

/// Text from the spec or the graph (names, tags, descriptions, parameter values) as a Terraform
/// string: written as it is, never read as a template, whatever it holds.
private func lit(_ text: String) -> JSONValue { .string(TerraformEmitter.literal(text)) }

private struct Writer {
    let graph: ResourceGraph
    let kinds: [String: Resource.Body]
    /// type → [(name, body)], in first-appearance order of types.
    var resources = Blocks()
    var data = Blocks()
    var ephemeral = Blocks()
    var outputs: [(String, JSONValue)] = []
    /// Resources that belong right after the one being written (a role's policy attachment).
    var attachments = Blocks()
    /// The Region of the resource being written, when it is not the graph's.
    var currentRegion: String?
    /// The alias each `aws_kms_alias` data source reads, by block name.
    var aliasNames: [String: String] = [:]
    let layout: TerraformEmitter.Layout
    /// The spec's name in snake case: the root layout's prefix of providers, data sources and outputs.
    let prefix: String

    init(graph: ResourceGraph, layout: TerraformEmitter.Layout, prefix: String) {
        self.graph = graph
        self.layout = layout
        self.prefix = prefix
        self.kinds = Dictionary(graph.resources.map { ($0.id, $0.body) }, uniquingKeysWith: { a, _ in a })
    }

    /// Blocks of one kind (resources, data sources…) by type, in the order first written; a
    /// block named twice keeps its first body. Lookups are by dictionary, so a configuration
    /// of any size is assembled in linear time.
    struct Blocks {
        var entries: [(String, [(String, JSONValue)])] = []
        private var typeIndex: [String: Int] = [:]
        private var names: Set<String> = []

        var isEmpty: Bool { entries.isEmpty }

        mutating func add(_ type: String, _ name: String, _ body: JSONValue) {
            guard names.insert(type + "\u{0}" + name).inserted else { return }
            if let i = typeIndex[type] {
                entries[i].1.append((name, body))
            } else {
                typeIndex[type] = entries.count
                entries.append((type, [(name, body)]))
            }
        }
    }

    static func add(_ type: String, _ name: String, _ body: JSONValue, to blocks: inout Blocks) {
        blocks.add(type, name, body)
    }

    func document() -> JSONValue {
        func section(_ blocks: Blocks) -> JSONValue {
            .object(blocks.entries.map { ($0.0, .object($0.1)) })
        }
        var aws: [(String, JSONValue)] = [
            ("source", .string("hashicorp/aws")),
            ("version", .string(TerraformEmitter.providerConstraint)),
        ]
        if layout == .module && !graph.otherRegions.isEmpty {
            aws.append(("configuration_aliases", .array(graph.otherRegions.map { .string("aws." + TerraformEmitter.providerAlias($0)) })))
        }
        let terraform: JSONValue = .object([
            ("required_version", .string(TerraformEmitter.terraformConstraint)),
            ("required_providers", .object([("aws", .object(aws))])),
        ])
        var members: [(String, JSONValue)] = []
        switch layout {
        case .standalone:
            members = [("//", .string(graph.description)), ("terraform", terraform), ("provider", .object([("aws", providers())]))]
        case .root:
            // The root module's own `terraform` block declares the provider; this file needs
            // what the comment says.
            let needs =
                " Needs Terraform \(TerraformEmitter.terraformConstraint) and hashicorp/aws \(TerraformEmitter.providerConstraint), declared in the root module's required_providers."
            members = [("//", .string(graph.description + needs)), ("provider", .object([("aws", providers())]))]
        case .module:
            members = [("//", .string(graph.description)), ("terraform", terraform)]
        }
        if !data.isEmpty { members.append(("data", section(data))) }
        if !ephemeral.isEmpty { members.append(("ephemeral", section(ephemeral))) }
        members.append(("resource", section(resources)))
        members.append(("output", .object(outputs)))
        return .object(members)
    }

    /// The provider configurations: the graph's Region, and an alias for each other Region
    /// (in the root layout, every configuration is an alias named after the spec).
    func providers() -> JSONValue {
        let others = graph.otherRegions
        if layout == .root {
            return .array(
                [.object([("alias", .string(alias(nil))), ("region", .string(graph.region))])]
                    + others.map { .object([("alias", .string(alias($0))), ("region", .string($0))]) })
        }
        let home = JSONValue.object([("region", .string(graph.region))])
        if others.isEmpty { return home }
        return .array([home] + others.map { .object([("alias", .string(alias($0))), ("region", .string($0))]) })
    }

    /// The alias of the provider configuration of a Region (nil: the graph's), or nil for the
    /// default configuration.
    func alias(_ region: String?) -> String {
        switch (layout, region) {
        case (.root, nil): return prefix
        case (.root, let r?): return prefix + "_" + TerraformEmitter.providerAlias(r)
        case (_, let r?): return TerraformEmitter.providerAlias(r)
        case (_, nil): return ""
        }
    }

    /// `provider` for a resource or data source of the Region being written: another Region's
    /// alias, or in the root layout the spec's own.
    var providerMember: [(String, JSONValue)] {
        guard currentRegion != nil || layout == .root else { return [] }
        return [("provider", .string("aws." + alias(currentRegion)))]
    }

    /// `provider` for the data sources of the graph's Region (partition, account).
    var homeProvider: [(String, JSONValue)] { layout == .root ? [("provider", .string("aws." + alias(nil)))] : [] }

    /// A data source's name, suffixed with the Region when it is not the graph's, and in the
    /// root layout prefixed with the spec's name.
    func regional(_ name: String) -> String {
        let base = shared(name)
        guard let region = currentRegion else { return base }
        return base + "_" + TerraformEmitter.providerAlias(region)
    }

    /// A data source of the graph's Region: prefixed in the root layout, where other specs'
    /// files sit beside this one.
    func shared(_ name: String) -> String { layout == .root ? prefix + "_" + name : name }

    /// The expression of a field of a generated secret, read from its current version.
    static func secretRead(_ secret: String, _ field: String) -> String {
        "jsondecode(ephemeral.aws_secretsmanager_secret_version.\(TerraformEmitter.name(secret)).secret_string).\(field)"
    }

    func ref(_ id: String, _ attribute: String) -> JSONValue {
        guard let body = kinds[id] else { return .string("${\(id).\(attribute)}") }
        return .string("${\(TerraformEmitter.type(of: body)).\(TerraformEmitter.name(id)).\(attribute)}")
    }

    /// A value as Terraform JSON; may add a data source it needs.
    mutating func value(_ value: Value) -> JSONValue {
        switch value {
        case .literal(let s):
            return lit(s)
        case .keyAlias(let alias):
            // The provider stores the key ARN; an alias would plan a replacement on every run.
            var name = regional("key_" + TerraformEmitter.name(String(alias.dropFirst("alias/".count))))
            // Names are made by replacing characters, so two aliases can give one name
            // (`alias/team-a`, `alias/team_a`): the later gets a suffix from its own text, so that
            // each alias keeps a data source of its own and no database reads another's key.
            if let other = aliasNames[name], other != alias { name += "_" + TerraformEmitter.digest(alias) }
            aliasNames[name] = alias
            Self.add("aws_kms_alias", name, .object(providerMember + [("name", lit(alias))]), to: &data)
            return .string("${data.aws_kms_alias.\(name).target_key_arn}")
        case .accountRoot:
            let current = shared("current")
            Self.add("aws_caller_identity", current, .object(homeProvider), to: &data)
            Self.add("aws_partition", current, .object(homeProvider), to: &data)
            return .string("arn:${data.aws_partition.\(current).partition}:iam::${data.aws_caller_identity.\(current).account_id}:root")
        case .accountID:
            let current = shared("current")
            Self.add("aws_caller_identity", current, .object(homeProvider), to: &data)
            return .string("${data.aws_caller_identity.\(current).account_id}")
        case let .accountARN(service, region, resource):
            let current = shared("current")
            Self.add("aws_caller_identity", current, .object(homeProvider), to: &data)
            Self.add("aws_partition", current, .object(homeProvider), to: &data)
            let l = TerraformEmitter.literal
            return .string(
                "arn:${data.aws_partition.\(current).partition}:\(l(service)):\(l(region)):${data.aws_caller_identity.\(current).account_id}:\(l(resource))")
        case let .secretField(secret, field):
            // Read back from the secret, as CloudFormation's dynamic reference does: a database
            // created again (a replacement) gets the password the secret holds, not a new one.
            return .string("${\(Self.secretRead(secret, field))}")
        case .reference(let r):
            let attribute: String
            switch (r.attribute, kinds[r.resource]) {
            case (.id, .subnetGroup?), (.id, .parameterGroup?), (.id, .optionGroup?): attribute = "name"
            case (.id, .database?), (.id, .clusterInstance?): attribute = "identifier"
            case (.id, .cluster?): attribute = "cluster_identifier"
            case (.endpointAddress, .cluster?): attribute = "endpoint"
            case (.readerEndpointAddress, _): attribute = "reader_endpoint"
            case (.resourceID, .cluster?): attribute = "cluster_resource_id"
            case (.id, .generatedSecret?): attribute = "arn"
            case (.id, _): attribute = "id"
            case (.arn, _): attribute = "arn"
            case (.endpointAddress, _): attribute = "address"
            case (.endpointPort, _): attribute = "port"
            case (.masterUserSecretArn, let kind?):
                // `one(…[*]…)`, not `[0]`: a database that had a generated password before
                // (`password: generated` changed to `managed`) has an empty list in state, and
                // `[0]` fails the plan ("Invalid index"); `one` gives null until RDS makes the secret.
                return .string("${one(\(TerraformEmitter.type(of: kind)).\(TerraformEmitter.name(r.resource)).master_user_secret[*].secret_arn)}")
            case (.masterUserSecretArn, nil): attribute = "master_user_secret[0].secret_arn"
            case (.resourceID, _): attribute = "resource_id"
            }
            return ref(r.resource, attribute)
        }
    }

    mutating func build() {
        for resource in graph.resources {
            currentRegion = resource.region.flatMap { $0 == graph.region ? nil : $0 }
            let tags = JSONValue.object(resource.tags.map { (TerraformEmitter.literal($0.key), lit($0.value)) })
            var p: [(String, JSONValue)] = []
            var lifecycle: [(String, JSONValue)] = []
            switch resource.body {
            case .network(let n):
                p = arguments(ResourceFields.network, n) + [("tags", tags)]
                if n.closesDefaultSecurityGroup {
                    // Adopting the VPC's default group removes its rules (allow-all within the
                    // group, all egress); the empty lists keep them removed on every apply, since
                    // both arguments are optional and computed.
                    Self.add(
                        "aws_default_security_group", TerraformEmitter.name(resource.id) + "_default",
                        .object(
                            providerMember + [
                                ("vpc_id", .string("${aws_vpc.\(TerraformEmitter.name(resource.id)).id}")), ("ingress", .array([])),
                                ("egress", .array([])), ("tags", tags),
                            ]), to: &attachments)
                }
            case .subnet(let s):
                p = arguments(ResourceFields.subnet, s) + [("tags", tags)]
            case .firewall(let f):
                // The provider removes AWS's default egress rule from a new group; add it back
                // only when outbound traffic is wanted.
                p = arguments(ResourceFields.firewall, f) + [("tags", tags)]
                if f.allowsOutbound {
                    p.append(
                        (
                            "egress",
                            .array([
                                .object([
                                    ("cidr_blocks", .array([.string("0.0.0.0/0")])), ("description", .string("All outbound traffic")),
                                    ("from_port", .int(0)), ("ipv6_cidr_blocks", .array([])), ("prefix_list_ids", .array([])),
                                    ("protocol", .string("-1")), ("security_groups", .array([])), ("self", .bool(false)), ("to_port", .int(0)),
                                ])
                            ])
                        ))
                }
            case .firewallRule(let r):
                p = arguments(ResourceFields.firewallRule, r) + [("tags", tags)]
            case .networkACL(let a):
                p = arguments(ResourceFields.networkACL, a) + [("tags", tags)]
            case .networkACLRule(let r):
                p = arguments(ResourceFields.networkACLRule, r)
            case .networkACLAssociation(let a):
                p = arguments(ResourceFields.networkACLAssociation, a)
            case .subnetGroup(let g):
                p = arguments(ResourceFields.subnetGroup, g) + [("tags", tags)]
            case .monitoringRole(let r):
                let trust = IAMDocument.trust(service: r.service)
                p =
                    arguments(ResourceFields.monitoringRole, r) + [
                        ("assume_role_policy", .string(String(decoding: JSONWriter.compact(trust), as: UTF8.self))), ("tags", tags),
                    ]
                let current = shared("current")
                Self.add("aws_partition", current, .object(homeProvider), to: &data)
                Self.add(
                    "aws_iam_role_policy_attachment", TerraformEmitter.name(resource.id),
                    .object(
                        (layout == .root ? providerMember : []) + [
                            ("role", .string("${aws_iam_role.\(TerraformEmitter.name(resource.id)).name}")),
                            ("policy_arn", .string("arn:${data.aws_partition.\(current).partition}:iam::aws:policy/" + r.managedPolicy)),
                        ]), to: &attachments)
            case .logGroup(let g):
                p = arguments(ResourceFields.logGroup, g) + [("tags", tags)]
            case .deliveryRole(let r):
                let trust = IAMDocument.trust(
                    service: r.service, condition: IAMDocument.deliveryCondition(account: value(.accountID), sourceArn: value(r.sourceArn)))
                p =
                    arguments(ResourceFields.deliveryRole, r) + [
                        ("assume_role_policy", .string(String(decoding: JSONWriter.compact(trust), as: UTF8.self))), ("tags", tags),
                    ]
                let permissions = IAMDocument.policy(r.permissions.map { IAMDocument.allow($0.actions, on: $0.resources.map { value($0) }) })
                Self.add(
                    "aws_iam_role_policy", TerraformEmitter.name(resource.id),
                    .object(
                        (layout == .root ? providerMember : []) + [
                            ("name", .string("deliver")),
                            ("role", .string("${aws_iam_role.\(TerraformEmitter.name(resource.id)).id}")),
                            ("policy", .string(String(decoding: JSONWriter.compact(permissions), as: UTF8.self))),
                        ]), to: &attachments)
            case .flowLog(let f):
                p = arguments(ResourceFields.flowLog, f) + [("tags", tags)]
            case .connectPolicy(let c):
                let current = shared("current")
                Self.add("aws_partition", current, .object(homeProvider), to: &data)
                Self.add("aws_caller_identity", current, .object(homeProvider), to: &data)
                let region = currentRegion ?? graph.region
                let resources = c.databases.compactMap { db -> String? in
                    guard case .reference = db, case .string(let id) = value(db) else { return nil }
                    return
                        "\"arn:${data.aws_partition.\(current).partition}:rds-db:\(region):${data.aws_caller_identity.\(current).account_id}:dbuser:\(id)/\(TerraformEmitter.quoted(c.user))\""
                }
                let policy =
                    "${jsonencode({Version = \"2012-10-17\", Statement = [{Effect = \"Allow\", Action = \"rds-db:connect\", Resource = ["
                    + resources.joined(separator: ", ") + "]}]})}"
                p = arguments(ResourceFields.connectPolicy, c) + [("policy", .string(policy)), ("tags", tags)]
                for role in c.roles {
                    Self.add(
                        "aws_iam_role_policy_attachment", TerraformEmitter.name(resource.id + "-" + role),
                        .object(
                            (layout == .root ? providerMember : []) + [
                                ("role", lit(role)),
                                ("policy_arn", .string("${aws_iam_policy.\(TerraformEmitter.name(resource.id)).arn}")),
                            ]), to: &attachments)
                }
            case .parameterGroup(let g):
                // pending-reboot is valid for static and dynamic parameters alike; a new group
                // is made before the old one goes, so a family change does not fail.
                p =
                    arguments(ResourceFields.parameterGroup, g) + [
                        (
                            "parameter",
                            .array(
                                g.parameters.map {
                                    .object([
                                        ("name", lit($0.name)), ("value", lit($0.value)), ("apply_method", .string("pending-reboot")),
                                    ])
                                })
                        ),
                        ("tags", tags),
                    ]
                lifecycle.append(("create_before_destroy", .bool(true)))
            case .optionGroup(let g):
                p = arguments(ResourceFields.optionGroup, g)
                var options: [JSONValue] = []
                for option in g.options {
                    var o: [(String, JSONValue)] = [("option_name", lit(option.name))]
                    if let port = option.port { o.append(("port", .int(port))) }
                    if !option.securityGroups.isEmpty {
                        o.append(("vpc_security_group_memberships", .array(option.securityGroups.map { value($0) })))
                    }
                    if !option.settings.isEmpty {
                        o.append(("option_settings", .array(option.settings.map { .object([("name", lit($0.name)), ("value", lit($0.value))]) })))
                    }
                    options.append(.object(o))
                }
                p += [("option", .array(options)), ("tags", tags)]
                lifecycle.append(("create_before_destroy", .bool(true)))
            case .encryptionKey(let k):
                // The same key policy as CloudFormation's: JSON with the principals'
                // interpolations in its strings.
                let policy = IAMDocument.keyPolicy(k) { value($0) }
                p =
                    arguments(ResourceFields.encryptionKey, k) + [
                        ("policy", .string(String(decoding: JSONWriter.compact(policy), as: UTF8.self))), ("tags", tags),
                    ]
                // Terraform has no Retain: prevent_destroy makes a plan that would delete the key
                // fail instead (`terraform state rm` lets it go and leaves the key in the account).
                if k.retained { lifecycle.append(("prevent_destroy", .bool(true))) }
            case .generatedSecret(let s):
                Self.add(
                    "aws_secretsmanager_random_password", TerraformEmitter.name(resource.id),
                    .object(
                        providerMember + [
                            ("password_length", .int(s.passwordLength)),
                            ("exclude_characters", .string(s.excludeCharacters)),
                        ]), to: &ephemeral)
                p = arguments(ResourceFields.generatedSecret, s) + [("tags", tags)]
                // The password is drawn once, into the secret's first version (write-only, so
                // never in state); the database and the attachment read it back from the secret.
                let secretName = TerraformEmitter.name(resource.id)
                Self.add(
                    "aws_secretsmanager_secret_version", secretName + "_initial",
                    .object(
                        providerMember + [
                            ("secret_id", .string("${aws_secretsmanager_secret.\(secretName).id}")),
                            (
                                "secret_string_wo",
                                .string(
                                    "${jsonencode({username = \"\(s.username)\", password = ephemeral.aws_secretsmanager_random_password.\(secretName).random_password})}"
                                )
                            ),
                            ("secret_string_wo_version", .int(1)),
                        ]), to: &attachments)
                Self.add(
                    "aws_secretsmanager_secret_version", secretName,
                    .object(
                        providerMember + [
                            ("secret_id", .string("${aws_secretsmanager_secret.\(secretName).id}")),
                            ("depends_on", .array([.string("aws_secretsmanager_secret_version.\(secretName)_initial")])),
                        ]), to: &ephemeral)
            case .secretAttachment(let a):
                guard case .reference(let secretRef) = a.secret, case .generatedSecret(let secret)? = kinds[secretRef.resource],
                    case .reference(let dbRef) = a.database, let target = kinds[dbRef.resource]
                else { continue }
                // The secret holds what CloudFormation's SecretTargetAttachment puts in it.
                let password = Self.secretRead(secretRef.resource, "password")
                let address = "\(TerraformEmitter.type(of: target)).\(TerraformEmitter.name(dbRef.resource))"
                // Engine, host attribute and identifier key: a cluster's differ from an instance's.
                let (engine, host, identifier): (String, String, String)
                switch target {
                case .cluster(let c): (engine, host, identifier) = (c.engine, "endpoint", "dbClusterIdentifier = \(address).cluster_identifier")
                case .database(let d): (engine, host, identifier) = (d.engine, "address", "dbInstanceIdentifier = \(address).identifier")
                default: continue
                }
                let json =
                    "${jsonencode({username = \"\(TerraformEmitter.quoted(secret.username))\", password = \(password), engine = \"\(engine)\", host = \(address).\(host), port = \(address).port, \(identifier)})}"
                p = [("secret_id", value(a.secret)), ("secret_string_wo", .string(json)), ("secret_string_wo_version", .int(1))]
            case .database(let d):
                p = arguments(DatabaseFields.instance, d) + Self.removal(d.lifecycle.removal, identifier: d.identifier) + [("tags", tags)]
            case .cluster(let c):
                p = arguments(DatabaseFields.cluster, c) + Self.removal(c.lifecycle.removal, identifier: c.identifier) + [("tags", tags)]
            case .clusterInstance(let i):
                p = arguments(DatabaseFields.clusterInstance, i) + [("tags", tags)]
            }
            if Self.keepsFinalSnapshot(resource.body) {
                // The final snapshot's name is drawn when the database is created (see
                // finalSnapshotName) and kept: a later plan must not change it.
                lifecycle.append(("ignore_changes", .array([.string("final_snapshot_identifier")])))
            }
            if layout == .module && currentRegion == nil && isPrimary(resource.body) {
                // A module runs on its caller's default provider: it must be in the spec's Region.
                Self.add("aws_region", "current", .object([]), to: &data)
                lifecycle.append(
                    (
                        "precondition",
                        .array([
                            .object([
                                ("condition", .string("${data.aws_region.current.id == \"\(graph.region)\"}")),
                                (
                                    "error_message",
                                    .string(
                                        "This module is compiled for \(graph.region); pass it a provider configured for that Region (providers = { aws = aws.NAME })."
                                    )
                                ),
                            ])
                        ])
                    ))
            }
            if !lifecycle.isEmpty { p.append(("lifecycle", .object(lifecycle))) }
            Self.add(TerraformEmitter.type(of: resource.body), TerraformEmitter.name(resource.id), .object(providerMember + p), to: &resources)
            for (type, entries) in attachments.entries { for (name, body) in entries { Self.add(type, name, body, to: &resources) } }
            attachments = Blocks()
        }
        currentRegion = nil
        for output in graph.outputs {
            outputs.append(
                (
                    layout == .root ? prefix + "_" + TerraformEmitter.name(output.id) : TerraformEmitter.name(output.id),
                    .object([
                        ("description", lit(output.summary)), ("value", value(output.value)),
                    ])
                ))
        }
    }

    /// The primary database or the cluster: what the module's Region precondition sits on.
    func isPrimary(_ body: Resource.Body) -> Bool {
        switch body {
        case .database(let d): return d.source == nil
        case .cluster: return true
        default: return false
        }
    }

    /// A resource's arguments from its field table: the fields' Terraform spellings.
    mutating func arguments<S>(_ fields: [FieldMapping<S>], _ subject: S) -> [(String, JSONValue)] {
        return FieldMapping.members(fields, of: subject, target: .terraform) { x, spelling in
            switch x {
            case .text(let s): lit(s)
            case .number(let n): .int(n)
            case .flag(let b): .bool(b)
            case .decimal(let d): .decimal(d)
            case .value(let v): value(v)
            case .values(let vs): .array(vs.map { value($0) })
            case .texts(let xs): .array(xs.map { lit($0) })
            case .availabilityZone(let i): availabilityZone(i)
            case .ipProtocol(let p): spelling.protocolAsNumber ? .int(p.number) : .string(p.name)
            }
        }
    }

    /// The Region's `index`-th available Availability Zone, read from the
    /// `aws_availability_zones` data source, which it adds.
    mutating func availabilityZone(_ index: Int) -> JSONValue {
        let name = regional("available")
        Self.add("aws_availability_zones", name, .object(providerMember + [("state", .string("available"))]), to: &data)
        return .string("${data.aws_availability_zones.\(name).names[\(index)]}")
    }

    /// A database's or cluster's arguments for what is left when it is destroyed.
    static func removal(_ removal: Lifecycle.Removal, identifier: String) -> [(String, JSONValue)] {
        switch removal {
        case .delete: [("skip_final_snapshot", .bool(true))]
        case .snapshot: [("skip_final_snapshot", .bool(false)), ("final_snapshot_identifier", finalSnapshotName(identifier))]
        }
    }

    /// Whether the resource is a database or cluster that leaves a final snapshot when destroyed.
    static func keepsFinalSnapshot(_ body: Resource.Body) -> Bool {
        switch body {
        case .database(let d): d.lifecycle.removal == .snapshot
        case .cluster(let c): c.lifecycle.removal == .snapshot
        default: false
        }
    }

    /// A final snapshot name of its own for every database created: the identifier and the
    /// creation time (UTC, to the second). A fixed name would collide with the snapshot the
    /// previous incarnation left, on a second destroy or a replacement; `timestamp()` is known
    /// only at apply, and `ignore_changes` keeps the name drawn then (CloudFormation's
    /// `Snapshot` policy names its snapshots itself).
    static func finalSnapshotName(_ identifier: String) -> JSONValue {
        .string("\(identifier)-final-${formatdate(\"YYYYMMDDhhmmss\", timestamp())}")
    }
}
