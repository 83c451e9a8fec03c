import DBSpecKit
import Foundation
import Testing

/// How replicas are placed: which template, network, key and settings each one gets.
@Suite("Replica topology")
struct TopologyTests {
    func templates(_ text: String) throws -> [String: [String: [String: Any]]] {
        let result = Compiler().compile(SourceText(name: "t.yaml", text: text), target: .cloudformation)
        #expect(!result.hasErrors, "\(result.diagnostics)")
        var out: [String: [String: [String: Any]]] = [:]
        for file in result.outputs {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(file.bytes)) as? [String: Any])
            out[file.name] = json["Resources"] as? [String: [String: Any]]
        }
        return out
    }

    func properties(_ resources: [String: [String: Any]]?, _ id: String) -> [String: Any] {
        resources?[id]?["Properties"] as? [String: Any] ?? [:]
    }

    @Test func aPublicSourceInAnExistingVPCKeepsACrossRegionReplicaInItsOwnNetworkPrivate() throws {
        let spec = """
            dbspec: 1
            name: shop
            region: us-west-2
            network:
              vpc: { id: vpc-0123456789abcdef0, subnets: [subnet-0123456789abcdef0, subnet-0123456789abcdef1] }
              public: true
            database:
              engine: postgres
              version: "16.13"
              class: db.t4g.medium
              encryption: { kmsKey: create }
              credentials: { password: generated }
            replicas:
              - name: shop-east
                region: us-east-1
                encryption: { kmsKey: create }
                network: { vpc: { cidr: 10.9.0.0/16 } }

            """
        let t = try templates(spec)
        #expect(Set(t.keys) == ["shop.template.json", "shop.us-east-1.template.json"])
        #expect(properties(t["shop.template.json"], "ShopDatabase")["PubliclyAccessible"] as? Bool == true)
        let east = properties(t["shop.us-east-1.template.json"], "ShopEastReplica")
        #expect(east["PubliclyAccessible"] as? Bool == false)
        #expect((east["KmsKeyId"] as? [String: Any])?["Fn::GetAtt"] as? [String] == ["ShopEastKey", "Arn"])
        #expect(east["SourceRegion"] as? String == "us-west-2")
        #expect(t["shop.us-east-1.template.json"]?["ShopEastVpc"] != nil)
    }

    @Test func aReplicaOfACrossRegionReplicaSharesItsSourcesPlacement() throws {
        let spec = """
            dbspec: 1
            name: shop
            region: us-west-2
            database:
              engine: mysql
              version: "8.4.8"
              class: db.m6g.large
              encryption: { kmsKey: create }
              credentials: { password: generated }
            replicas:
              - name: shop-east
                region: us-east-1
                encryption: { kmsKey: create }
              - name: shop-east-2
                source: shop-east
                region: us-east-1

            """
        let t = try templates(spec)
        let east = t["shop.us-east-1.template.json"]
        let chained = properties(east, "ShopEast2Replica")
        // Same Region as its source: referred to directly, no key of its own (RDS uses the
        // source's), the source's security group and parameter group.
        #expect((chained["SourceDBInstanceIdentifier"] as? [String: Any])?["Ref"] as? String == "ShopEastReplica")
        #expect(chained["KmsKeyId"] == nil && chained["SourceRegion"] == nil)
        #expect((chained["DBParameterGroupName"] as? [String: Any])?["Ref"] as? String == "ShopEastParameters")
        // The source of a replica keeps backups; the end of the chain does not need them.
        #expect(properties(east, "ShopEastReplica")["BackupRetentionPeriod"] as? Int == 7)
        #expect(chained["BackupRetentionPeriod"] == nil)
        #expect(east?.keys.contains { $0.hasPrefix("ShopEast2") && $0 != "ShopEast2Replica" } == false)
    }

    @Test func anACLOnACrossRegionReplicasOwnNetworkIsReportedThere() throws {
        let spec = """
            dbspec: 1
            name: shop
            region: us-west-2
            database:
              engine: mysql
              version: "8.4.8"
              class: db.m6g.large
              encryption: { kmsKey: create }
              credentials: { password: generated }
            replicas:
              - name: shop-east
                region: us-east-1
                encryption: { kmsKey: create }
                network: { vpc: { cidr: 10.9.0.0/16 }, acl: true }

            """
        let found = Compiler().check(SourceText(name: "t.yaml", text: spec)).diagnostics.filter { $0.code == "DB327" }
        #expect(found.map(\.path) == ["replicas[0].network.acl"] && found.first?.range.start.line == 14, "\(found)")
    }

    func spec(network: String, kmsKey: String = "create", replicas: String = "") -> String {
        """
        dbspec: 1
        name: shop
        region: us-west-2
        network:
        \(network)
        database:
          engine: postgres
          version: "16.13"
          class: db.m6g.large
          encryption: { kmsKey: \(kmsKey) }
          credentials: { password: generated }
        \(replicas)
        """
    }

    func types(_ resources: [String: [String: Any]]?) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for (id, r) in resources ?? [:] { out[r["Type"] as? String ?? "", default: []].append(id) }
        return out.mapValues { $0.sorted() }
    }

    func statements(_ resources: [String: [String: Any]]?, key: String) -> [[String: Any]] {
        (properties(resources, key)["KeyPolicy"] as? [String: Any])?["Statement"] as? [[String: Any]] ?? []
    }

    /// A created VPC logs rejected traffic by default into a group kept a year and encrypted
    /// with the created key, whose policy lets CloudWatch Logs use it for that group only.
    @Test func aCreatedVPCHasFlowLogsEncryptedWithTheCreatedKey() throws {
        let t = try templates(spec(network: "  allow: [{ cidr: 10.0.0.0/16 }]"))["shop.template.json"]
        let byType = types(t)
        #expect(byType["AWS::EC2::FlowLog"] == ["ShopFlowLog"])
        let flow = properties(t, "ShopFlowLog")
        #expect(flow["TrafficType"] as? String == "REJECT" && flow["ResourceType"] as? String == "VPC")
        #expect((flow["ResourceId"] as? [String: String])?["Ref"] == "ShopVpc")
        #expect((flow["LogGroupName"] as? [String: String])?["Ref"] == "ShopFlowLogs")
        let group = properties(t, "ShopFlowLogs")
        #expect(group["LogGroupName"] as? String == "/dbspec/shop/vpc-flow-logs" && group["RetentionInDays"] as? Int == 365)
        #expect((group["KmsKeyId"] as? [String: [String]])?["Fn::GetAtt"] == ["ShopKey", "Arn"])
        let grants = statements(t, key: "ShopKey")
        #expect(grants.count == 2)
        let logs = try #require(grants.last)
        #expect((logs["Principal"] as? [String: String])?["Service"] == "logs.us-west-2.amazonaws.com")
        let context = ((logs["Condition"] as? [String: Any])?["ArnLike"] as? [String: Any])?["kms:EncryptionContext:aws:logs:arn"]
        #expect(
            (context as? [String: String])?["Fn::Sub"] == "arn:${AWS::Partition}:logs:us-west-2:${AWS::AccountId}:log-group:/dbspec/shop/vpc-flow-logs")
        // The role is trusted by the flow logs service for this account's flow logs only.
        let role = properties(t, "ShopFlowLogsRole")
        let trust = try #require(((role["AssumeRolePolicyDocument"] as? [String: Any])?["Statement"] as? [[String: Any]])?.first)
        let condition = try #require(trust["Condition"] as? [String: [String: Any]])
        #expect((condition["StringEquals"]?["aws:SourceAccount"] as? [String: String])?["Ref"] == "AWS::AccountId")
        #expect(condition["ArnLike"]?["aws:SourceArn"] != nil)
    }

    @Test func flowLogsOffAnExistingVPCAndAKeyTheSpecNames() throws {
        let off = try templates(spec(network: "  vpc: { flowLogs: off }"))["shop.template.json"]
        #expect(types(off)["AWS::EC2::FlowLog"] == nil && types(off)["AWS::Logs::LogGroup"] == nil)
        #expect(statements(off, key: "ShopKey").count == 1)

        let all = try templates(spec(network: "  vpc: { flowLogs: all }"))["shop.template.json"]
        #expect(properties(all, "ShopFlowLog")["TrafficType"] as? String == "ALL")

        // Another owner's key: its policy is not dbspec's, so the group keeps CloudWatch Logs'
        // own encryption.
        let named = try templates(spec(network: "  allow: [{ cidr: 10.0.0.0/16 }]", kmsKey: "alias/shop"))["shop.template.json"]
        #expect(types(named)["AWS::Logs::LogGroup"] == ["ShopFlowLogs"])
        #expect(properties(named, "ShopFlowLogs")["KmsKeyId"] == nil)

        let existing = try templates(
            spec(network: "  vpc: { id: vpc-0123456789abcdef0, subnets: [subnet-0123456789abcdef0, subnet-0123456789abcdef1] }")
        )["shop.template.json"]
        #expect(types(existing)["AWS::EC2::FlowLog"] == nil)
        let refused = Compiler().check(
            SourceText(
                name: "t.yaml",
                text: spec(
                    network: "  vpc: { id: vpc-0123456789abcdef0, subnets: [subnet-0123456789abcdef0, subnet-0123456789abcdef1], flowLogs: all }"))
        ).diagnostics
        #expect(refused.map(\.code) == ["DB167"] && refused.first?.path == "network.vpc.flowLogs", "\(refused)")
    }

    /// Zone IDs pin the subnets; a cross-Region replica that inherits the network gets as many
    /// zones there, unpinned (the IDs are the source Region's).
    @Test func zoneIDsPinSubnetsInTheirRegionOnly() throws {
        let t = try templates(
            spec(
                network: "  vpc: { zones: [usw2-az2, usw2-az1, usw2-az3] }",
                replicas: "replicas:\n  - { name: shop-dr, region: us-east-1, encryption: { kmsKey: create } }"))
        let home = t["shop.template.json"]
        #expect(types(home)["AWS::EC2::Subnet"]?.count == 3)
        #expect(
            ["ShopPrivateSubnet1", "ShopPrivateSubnet2", "ShopPrivateSubnet3"].map { properties(home, $0)["AvailabilityZoneId"] as? String } == [
                "usw2-az2", "usw2-az1", "usw2-az3",
            ])
        #expect(properties(home, "ShopPrivateSubnet1")["AvailabilityZone"] == nil)
        let east = t["shop.us-east-1.template.json"]
        #expect(types(east)["AWS::EC2::Subnet"]?.count == 3)
        #expect(properties(east, "ShopDrPrivateSubnet1")["AvailabilityZoneId"] == nil)
        #expect(properties(east, "ShopDrPrivateSubnet3")["AvailabilityZone"] != nil)
        #expect(types(east)["AWS::EC2::FlowLog"] == ["ShopDrFlowLog"])
    }

    @Test func zoneIDsAreCheckedOneByOne() {
        func found(_ network: String) -> [(String, String?)] {
            Compiler().check(SourceText(name: "t.yaml", text: spec(network: network))).diagnostics.filter { $0.severity == .error }.map {
                ($0.code, $0.path)
            }
        }
        #expect(found("  vpc: { zones: [usw2-az1, usw2-az1] }").map(\.1) == ["network.vpc.zones[1]"])
        #expect(found("  vpc: { zones: [usw2-az1] }").map(\.0) == ["DB163"])
        #expect(found("  vpc: { zones: [usw2-az1, us-west-2b] }").map(\.1) == ["network.vpc.zones[1]"])
        #expect(found("  vpc: { zones: [usw2-az1, usw2-az2], azs: 2 }").map(\.0) == ["DB167"])
        #expect(found("  vpc: { zones: [usw2-az1, usw2-az2, usw2-az3, usw2-az4, usw2-az5, usw2-az6, usw2-az7] }").map(\.0) == ["DB163"])
        #expect(found("  vpc: { zones: [usw2-az1, usw2-az2], flowLogs: none }").map(\.1) == ["network.vpc.flowLogs"])
    }
}
