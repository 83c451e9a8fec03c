/// Builds small example specs for rule descriptions: a valid MySQL spec, with the lines
/// that matter to the rule added or replaced.
enum Example {
    /// `database` lines are indented by two spaces in the output. An example with replicas gets
    /// `credentials: { password: generated }` unless it sets credentials itself, because RDS
    /// cannot create replicas of a source whose password it manages (DB221).
    static func spec(
        name: String = "orders", region: String = "us-west-2", databaseKey: String = "database:", engine: String = "mysql", version: String = "\"8.4.8\"",
        instanceClass: String = "db.t3.micro",
        database extra: [String] = [], encryption: String? = "encryption: { kmsKey: create }",
        top: [String] = [], replicas: [String] = []
    ) -> String {
        var lines = ["dbspec: 1", "name: \(name)", "region: \(region)"]
        lines += top
        lines += [databaseKey, "  engine: \(engine)", "  version: \(version)", "  class: \(instanceClass)"]
        if let encryption { lines.append("  " + encryption) }
        lines += extra.map { "  " + $0 }
        if !replicas.isEmpty && !extra.contains(where: { $0.hasPrefix("credentials:") }) {
            lines.append("  credentials: { password: generated }")
        }
        if !replicas.isEmpty {
            lines.append("replicas:")
            lines += replicas.map { "  " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
