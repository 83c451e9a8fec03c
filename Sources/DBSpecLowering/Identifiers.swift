import DBSpecDiagnostics

/// Where a resource's or output's id came from, when spec text (a replica's name, an IAM
/// connect user, a role) is part of it: so that two names the emitters would spell alike are
/// refused at the spec's line, naming both.
public struct IdentifierOrigin: Sendable, Hashable {
    public var range: SourceRange
    /// What wrote it, for messages: "replica `catalog-ro-1`".
    public var what: String

    public init(range: SourceRange, what: String) {
        self.range = range
        self.what = what
    }
}

/// How each target spells a graph id, and the check that no two ids are spelled alike.
///
/// The spellings drop or replace characters (CloudFormation logical IDs are alphanumeric;
/// Terraform names take letters, digits and `_`), so two different ids can become one name:
/// `catalog-ro-1` and `catalog-ro1` are both `CatalogRo1…`. A template or configuration with
/// one name twice would merge two resources into one (the second is lost, or gets the
/// first's settings), so a spec whose ids collide is refused before anything is written.
public enum Identifiers {
    /// `orders-private-subnet-1` → `OrdersPrivateSubnet1` (CloudFormation logical IDs are
    /// alphanumeric).
    public static func cloudFormation(_ id: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(id.utf8.count)
        var startOfWord = true
        for byte in id.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"):
                out.append(startOfWord ? byte - 32 : byte)
                startOfWord = false
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                out.append(byte)
                startOfWord = false
            default:
                startOfWord = true  // separators (and anything else) start a new word
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `orders-private-subnet-1` → `orders_private_subnet_1` (Terraform names).
    public static func terraform(_ id: String) -> String {
        String(
            decoding: id.utf8.map { b in
                (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                    || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) ? b : UInt8(ascii: "_")
            }, as: UTF8.self)
    }

    /// Two ids of a graph that a target spells alike.
    public struct Collision: Sendable, Equatable {
        /// The id met first (in graph order) and its origin.
        public var first: String
        public var firstOrigin: IdentifierOrigin?
        public var second: String
        public var secondOrigin: IdentifierOrigin?
        /// `CloudFormation` or `Terraform`.
        public var target: String
        /// The name both become.
        public var spelled: String
    }

    /// Every pair of resources (or outputs) in `graph` that one target names alike: resources (and the
    /// role attachments Terraform writes for connect policies), and outputs, each in its own
    /// namespace (CloudFormation's per Region's template). The first collision per name only.
    /// Linear in the graph: names are looked up in dictionaries.
    public static func collisions(in graph: ResourceGraph) -> [Collision] {
        var out: [Collision] = []
        struct Entry {
            var id: String
            var origin: IdentifierOrigin?
        }
        func check(_ entries: [(namespace: String, spelled: String, entry: Entry)], target: String) {
            var seen: [String: Entry] = [:]
            for (namespace, spelled, entry) in entries {
                let key = namespace + "\u{0}" + spelled
                if let earlier = seen[key] {
                    // Two resources with one name, whether their ids differ or not (a replica
                    // named `orders-connect-x` and a user `x-replica` make the same id).
                    out.append(
                        Collision(
                            first: earlier.id, firstOrigin: earlier.origin, second: entry.id, secondOrigin: entry.origin, target: target,
                            spelled: spelled))
                } else {
                    seen[key] = entry
                }
            }
        }
        var cloudFormation: [(String, String, Entry)] = []
        var terraform: [(String, String, Entry)] = []
        for resource in graph.resources {
            let region = resource.region ?? graph.region
            let entry = Entry(id: resource.id, origin: resource.origin)
            cloudFormation.append(("resource " + region, Self.cloudFormation(resource.id), entry))
            terraform.append(("resource", Self.terraform(resource.id), entry))
            if case .connectPolicy(let policy) = resource.body {
                // Terraform attaches the policy to each role in a block of its own.
                for (i, role) in policy.roles.enumerated() {
                    let id = resource.id + "-" + role
                    let origin = i < policy.roleOrigins.count ? policy.roleOrigins[i] : resource.origin
                    terraform.append(("attachment", Self.terraform(id), Entry(id: id, origin: origin)))
                }
            }
            if case .monitoringRole = resource.body {
                terraform.append(("attachment", Self.terraform(resource.id), entry))
            }
        }
        for output in graph.outputs {
            let entry = Entry(id: output.id, origin: output.origin)
            cloudFormation.append(("output " + (output.region ?? graph.region), Self.cloudFormation(output.id), entry))
            terraform.append(("output", Self.terraform(output.id), entry))
        }
        check(cloudFormation, target: "CloudFormation")
        check(terraform, target: "Terraform")
        return out
    }
}
