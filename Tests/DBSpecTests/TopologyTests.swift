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
}
