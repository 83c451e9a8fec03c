import DBSpecCatalog
import DBSpecKit
import DBSpecLowering
import DBSpecModel
import Testing

/// Lowering judged on the neutral resource graph, before any target spells it: the decisions
/// both emitters only write out.
@Suite("Lowering to the resource graph")
struct LoweringTests {
    static let base = """
        dbspec: 1
        name: orders
        region: us-west-2
        database:
          engine: postgres
          version: "16.13"
          class: db.m6g.large
          encryption: { kmsKey: create }

        """

    func graph(_ text: String) throws -> ResourceGraph {
        let spec = try #require(check(text).spec, "the spec does not decode")
        return Lowering.lower(spec, catalog: .builtIn)
    }

    func resources(_ graph: ResourceGraph) -> [String: Resource] {
        Dictionary(graph.resources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    func references(_ value: Value?) -> [String] {
        if case .reference(let r)? = value { return [r.resource] }
        return []
    }

    /// Every resource's references, as far as the graph's own types name them.
    func references(of body: Resource.Body) -> [String] {
        switch body {
        case .subnet(let s): references(s.network)
        case .firewall(let f): references(f.network)
        case .firewallRule(let r): references(r.firewall)
        case .networkACL(let a): references(a.network)
        case .networkACLRule(let r): references(r.acl)
        case .networkACLAssociation(let a): references(a.acl) + references(a.subnet)
        case .subnetGroup(let g): g.subnets.flatMap { references($0) }
        case .flowLog(let f): references(f.network) + references(f.logGroup) + references(f.role)
        case .logGroup(let g): references(g.encryptionKey)
        case .generatedSecret(let s): references(s.encryptionKey)
        case .secretAttachment(let a): references(a.secret) + references(a.database)
        case .database(let d):
            references(d.source) + references(d.encryptionKey) + references(d.subnetGroup) + references(d.parameterGroup)
                + references(d.optionGroup) + references(d.monitoringRole) + d.securityGroups.flatMap { references($0) }
        case .cluster(let c):
            references(c.encryptionKey) + references(c.subnetGroup) + references(c.parameterGroup) + c.securityGroups.flatMap { references($0) }
        case .clusterInstance(let i): references(i.cluster) + references(i.monitoringRole)
        default: []
        }
    }

    /// The graph is in dependency order with unique ids, for every shipped spec: an emitter can
    /// write resources in graph order and never refer forward.
    @Test(arguments: GoldenTests.specs)
    func resourcesReferOnlyToEarlierOnes(_ path: String) throws {
        let text = String(decoding: try Repo.read(path), as: UTF8.self)
        let graph = try graph(text)
        var seen: Set<String> = []
        var checked = 0
        for resource in graph.resources {
            #expect(!seen.contains(resource.id), "\(path): \(resource.id) twice")
            for target in references(of: resource.body) {
                checked += 1
                #expect(seen.contains(target), "\(path): \(resource.id) refers to \(target), which is not before it")
            }
            seen.insert(resource.id)
        }
        #expect(checked >= 3, "\(path): only \(checked) references")
        for output in graph.outputs { #expect(references(output.value).allSatisfy(seen.contains), "\(path): output \(output.id)") }
    }

    @Test func aPrimaryKeepsASnapshotAndItsReplicasDoNot() throws {
        let g = try graph(Self.base + "replicas:\n  - name: orders-ro\n")
        let all = resources(g)
        guard case .database(let primary)? = all["orders-database"]?.body else { Issue.record("no primary: \(all.keys)"); return }
        #expect(primary.lifecycle == Lifecycle(removal: .snapshot, appliesChangesImmediately: true, upgradesMinorVersions: true))
        #expect(primary.storageEncrypted == true && primary.multiAZ == false && primary.port == 5432)
        #expect(primary.masterUsername == "postgres", "PostgreSQL reserves `admin`")
        let replicas = g.resources.compactMap { r -> DatabaseInstance? in
            if case .database(let d) = r.body, d.isReplica { return d }
            return nil
        }
        let replica = try #require(replicas.first)
        #expect(replica.lifecycle.removal == .delete)
        #expect(references(replica.source) == ["orders-database"])
        #expect(replica.storageEncrypted == true, "a replica of an encrypted source is encrypted")
        #expect(replica.masterUsername == nil && replica.allocatedStorage == nil, "the source decides them")
    }

    @Test func aCreatedKeyIsRetainedAndLetsFlowLogsUseIt() throws {
        let g = try graph(Self.base)
        let keys = g.resources.compactMap { r -> EncryptionKey? in
            if case .encryptionKey(let k) = r.body { return k }
            return nil
        }
        let key = try #require(keys.first)
        #expect(keys.count == 1 && key.retained && key.deletionWindowDays == 30)
        #expect(key.serviceGrants.map(\.service) == ["logs.us-west-2.amazonaws.com"])
        let groups = g.resources.compactMap { r -> LogGroup? in
            if case .logGroup(let l) = r.body { return l }
            return nil
        }
        #expect(groups.map(\.name) == ["/dbspec/orders/vpc-flow-logs"] && groups.first?.retentionDays == 365)
        #expect(references(groups.first?.encryptionKey) == ["orders-key"])
    }

    @Test func aKeyNamedByAliasIsLookedUpAndGetsNoGrant() throws {
        let text = Self.base.replacingOccurrences(
            of: "kmsKey: create", with: "kmsKey: \"arn:aws:kms:us-west-2:123456789012:alias/orders\"")
        let g = try graph(text)
        #expect(!g.resources.contains { if case .encryptionKey = $0.body { true } else { false } })
        guard case .database(let primary)? = resources(g)["orders-database"]?.body else { Issue.record("no primary"); return }
        #expect(primary.encryptionKey == .keyAlias("alias/orders"), "the alias ARN is parsed once, to its name")
        let groups = g.resources.compactMap { r -> LogGroup? in
            if case .logGroup(let l) = r.body { return l }
            return nil
        }
        #expect(groups.count == 1 && groups.first?.encryptionKey == nil, "a key the spec names is someone else's")
    }

    @Test func auroraStorageAndCapacityAreOnlyWhatTheSpecSays() throws {
        let aurora = """
            dbspec: 1
            name: orders
            region: us-west-2
            database:
              engine: aurora-postgresql
              version: "16.8"
              class: db.serverless
              encryption: { kmsKey: create }
              capacity: { min: 0.5, max: 8 }
            replicas:
              - name: orders-reader
                class: db.r6g.large

            """
        let g = try graph(aurora)
        let clusters = g.resources.compactMap { r -> DatabaseCluster? in
            if case .cluster(let c) = r.body { return c }
            return nil
        }
        let cluster = try #require(clusters.first)
        #expect(cluster.storageType == nil, "the schema's instance storage default never reaches a cluster")
        #expect(cluster.serverlessCapacity?.min == 0.5 && cluster.serverlessCapacity?.max == 8)
        #expect(cluster.lifecycle.upgradesMinorVersions == nil && cluster.lifecycle.removal == .snapshot)
        let members = g.resources.compactMap { r -> ClusterInstance? in
            if case .clusterInstance(let i) = r.body { return i }
            return nil
        }
        #expect(members.map(\.identifier) == ["orders-writer", "orders-reader"])
        #expect(members.map(\.promotionTier) == [0, 1])
        #expect(members.allSatisfy { $0.lifecycle.removal == .delete && $0.lifecycle.upgradesMinorVersions == true })
        #expect(!g.resources.contains { if case .database = $0.body { true } else { false } })

        let io = try graph(aurora.replacingOccurrences(of: "  capacity:", with: "  storage: { type: aurora-iopt1 }\n  capacity:"))
        let ioCluster = io.resources.compactMap { r -> DatabaseCluster? in
            if case .cluster(let c) = r.body { return c }
            return nil
        }
        #expect(ioCluster.first?.storageType == "aurora-iopt1")
    }

    @Test func aCrossRegionReplicaGetsItsOwnRegionsResources() throws {
        let text =
            Self.base
            + "replicas:\n  - name: orders-east\n    region: us-east-1\n    encryption: { kmsKey: create }\n"
        let g = try graph(text)
        #expect(g.otherRegions == ["us-east-1"])
        let east = g.resources.filter { $0.region == "us-east-1" }
        let kinds = Set(east.map { kindName(of: $0.body) })
        for kind in ["network", "subnetGroup", "firewall", "encryptionKey", "database"] {
            #expect(kinds.contains(kind), "the replica's Region has no \(kind): \(kinds)")
        }
        guard case .database(let replica)? = east.first(where: { if case .database = $0.body { true } else { false } })?.body else {
            Issue.record("no replica in us-east-1")
            return
        }
        #expect(replica.sourceRegion == "us-west-2")
        #expect(references(replica.encryptionKey) == ["orders-east-key"], "a key in its own Region")
        if case .reference(let source)? = replica.source { #expect(source.attribute == .arn, "named by ARN across Regions") }
    }

    /// A short name for a resource's kind, for messages.
    func kindName(of body: Resource.Body) -> String {
        String(describing: body).prefix { $0 != "(" }.description
    }
}
