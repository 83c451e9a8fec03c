import DBSpecModel
import Testing

@Suite("Field paths")
struct FieldPathTests {
    @Test func pathsSpellTheSchemasFields() {
        #expect(FieldPath.database.storage.size.description == "database.storage.size")
        #expect(FieldPath.replicas[2].encryption.kmsKey.description == "replicas[2].encryption.kmsKey")
        #expect(FieldPath.network.allow[0].cidr.description == "network.allow[0].cidr")
        #expect(FieldPath.database.parameters["rds.force_ssl"].description == "database.parameters.rds.force_ssl")
        #expect(FieldPath.database.monitoring.logs[1].description == "database.monitoring.logs[1]")
        #expect(FieldPath.database.capacity.path.description == "database.capacity")
        #expect(FieldPath(walked: [.key("replicas"), .index(1), .key("credentials"), .key("password")]).description == "replicas[1].credentials.password")
    }

}
