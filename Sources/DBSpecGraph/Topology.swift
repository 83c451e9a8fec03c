import DBSpecLowering

/// The picture of a spec: Regions, the network, who may connect, the databases and their
/// replicas, keys, secrets, parameter groups, IAM grants and monitoring. Drawn from the
/// lowered resource graph, so it shows what is deployed, not what the spec says.
public struct Topology: Sendable {
    public struct Vertex: Sendable {
        public enum Shape: String, Sendable { case database, box, key, person, network }
        public var id: String
        public var label: String
        public var shape: Shape
        /// The resource it stands for (to mark changed ones); nil for outside things.
        public var resource: String?
    }

    public struct Edge: Sendable {
        public var from: String
        public var to: String
        public var label: String
        public var dashed: Bool
    }

    /// A box drawn around nodes: a Region, and a VPC inside it.
    public struct Group: Sendable {
        public var id: String
        public var label: String
        public var nodes: [String]
        public var groups: [Group]
    }

    public var title: String
    public var groups: [Group]
    /// Nodes outside every group (address ranges and security groups that may connect).
    public var outside: [String]
    public var nodes: [Vertex]
    public var edges: [Edge]

    public init(_ graph: ResourceGraph, title: String) {
        self.title = title
        var nodes: [Vertex] = []
        var edges: [Edge] = []
        var byRegion: [String: (vpcs: [String: [String]], vpcLabels: [String: String], loose: [String])] = [:]
        var outside: [String] = []
        let kinds = Dictionary(graph.resources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func target(_ v: Value?) -> String? {
            if case .reference(let r)? = v { return Self.nodeID(r.resource) }
            return nil
        }
        // Every lookup below is by dictionary and every update in place (never a copy of a
        // Region's lists per node), so a picture is drawn in time linear in the resources.
        var nodeIDs = Set<String>()
        var subnetVPC: [String: String] = [:]
        func add(_ id: String, _ label: String, _ shape: Vertex.Shape, resource: String?, region: String, vpc: String?) {
            nodes.append(Vertex(id: id, label: label, shape: shape, resource: resource))
            nodeIDs.insert(id)
            if let vpc {
                byRegion[region, default: ([:], [:], [])].vpcs[vpc, default: []].append(id)
                subnetVPC[id] = vpc
            } else {
                byRegion[region, default: ([:], [:], [])].loose.append(id)
            }
        }
        /// An outside node (an address range, a security group, a role), once.
        func addOutside(_ id: String, _ label: String) {
            guard nodeIDs.insert(id).inserted else { return }
            nodes.append(Vertex(id: id, label: label, shape: .person, resource: nil))
            outside.append(id)
        }
        var aclRules: [String: Int] = [:]
        var clusterWriters: [String: String] = [:]
        for resource in graph.resources {
            switch resource.body {
            case .networkACLRule(let r): if let acl = target(r.acl) { aclRules[acl, default: 0] += 1 }
            case .clusterInstance(let i):
                // The writer: the cluster's first instance in id order, when it is tier 0.
                if let c = target(i.cluster), clusterWriters[c].map({ resource.id < $0 }) ?? true { clusterWriters[c] = resource.id }
            default: break
            }
        }
        /// The VPC group a value's network belongs to: the created one, or an existing VPC by ID.
        func vpc(of network: Value, region: String) -> String {
            if case .reference(let r) = network { return Self.nodeID(r.resource) }
            if case .literal(let id) = network {
                let key = "vpc_" + Self.nodeID(id)
                byRegion[region, default: ([:], [:], [])].vpcLabels[key] = "existing VPC \(id)"
                return key
            }
            return "vpc"
        }
        var firewallVPC: [String: String] = [:]
        for resource in graph.resources {
            let id = Self.nodeID(resource.id)
            let region = resource.region ?? graph.region
            switch resource.body {
            case .network(let n):
                byRegion[region, default: ([:], [:], [])].vpcLabels[id] = "VPC \(n.cidr)"
                if byRegion[region]?.vpcs[id] == nil { byRegion[region]?.vpcs[id] = [] }
            case .subnet(let s):
                add(id, "private subnet \(s.cidr)", .network, resource: resource.id, region: region, vpc: vpc(of: s.network, region: region))
            case .firewall(let f):
                let v = vpc(of: f.network, region: region)
                firewallVPC[id] = v
                add(id, "security group" + (f.allowsOutbound ? "" : "\nno outbound"), .box, resource: resource.id, region: region, vpc: v)
            case .firewallRule(let r):
                guard let firewall = target(r.firewall) else { continue }
                let source: String
                switch r.source {
                case .cidr(let c):
                    source = "cidr_" + Self.nodeID(c)
                    addOutside(source, c)
                case .securityGroup(let g):
                    source = "sg_" + Self.nodeID(g)
                    addOutside(source, "security group \(g)")
                }
                edges.append(Edge(from: source, to: firewall, label: "tcp \(r.port)", dashed: false))
            case .networkACL(let a):
                let rules = aclRules[id] ?? 0
                add(id, "network ACL\n\(rules) rules", .box, resource: resource.id, region: region, vpc: vpc(of: a.network, region: region))
            case .networkACLRule, .networkACLAssociation:
                continue
            case .subnetGroup(let g):
                let v = g.subnets.first.flatMap(target).flatMap { subnetVPC[$0] }
                add(id, "DB subnet group\n\(g.subnets.count) subnets", .box, resource: resource.id, region: region, vpc: v)
                for s in g.subnets { if let t = target(s) { edges.append(Edge(from: id, to: t, label: "", dashed: true)) } }
            case .encryptionKey:
                add(id, "KMS key\n(created, rotated)", .key, resource: resource.id, region: region, vpc: nil)
            case .generatedSecret(let s):
                add(id, "secret\nuser \(s.username)", .key, resource: resource.id, region: region, vpc: nil)
                if let k = target(s.encryptionKey) { edges.append(Edge(from: id, to: k, label: "encrypted with", dashed: true)) }
            case .secretAttachment(let a):
                if let s = target(a.secret), let d = target(a.database) { edges.append(Edge(from: s, to: d, label: "credentials", dashed: true)) }
            case .parameterGroup(let p):
                add(
                    id,
                    "\(p.forCluster ? "cluster " : "")parameter group\n\(p.family): " + p.parameters.map { "\($0.name)=\($0.value)" }.joined(separator: ", "),
                    .box, resource: resource.id, region: region, vpc: nil)
            case .optionGroup(let o):
                add(id, "option group\n" + o.options.map(\.name).joined(separator: ", "), .box, resource: resource.id, region: region, vpc: nil)
            case .monitoringRole:
                add(id, "IAM role\nEnhanced Monitoring", .person, resource: resource.id, region: region, vpc: nil)
            case .logGroup(let g):
                add(id, "log group \(g.name)\nkept \(g.retentionDays) days", .box, resource: resource.id, region: region, vpc: nil)
                if let k = target(g.encryptionKey) { edges.append(Edge(from: id, to: k, label: "encrypted with", dashed: true)) }
            case .deliveryRole:
                continue
            case .flowLog(let f):
                add(id, "flow log\n\(f.traffic) traffic", .box, resource: resource.id, region: region, vpc: vpc(of: f.network, region: region))
                if let g = target(f.logGroup) { edges.append(Edge(from: id, to: g, label: "writes", dashed: true)) }
            case .connectPolicy(let c):
                add(id, "IAM policy rds-db:connect\nas \(c.user)", .person, resource: resource.id, region: region, vpc: nil)
                for role in c.roles {
                    let r = "role_" + Self.nodeID(role)
                    addOutside(r, "IAM role \(role)")
                    edges.append(Edge(from: r, to: id, label: "attached", dashed: true))
                }
                for d in c.databases { if let t = target(d) { edges.append(Edge(from: id, to: t, label: "IAM connect", dashed: false)) } }
            case .database(let d):
                var label =
                    (d.isReplica ? "read replica " : "primary ") + d.identifier + "\n"
                    + [d.engine, d.engineVersion, d.instanceClass].compactMap { $0 }.joined(separator: " ")
                if d.multiAZ { label += "\nMulti-AZ" }
                if d.storageEncrypted == true { label += ", encrypted" }
                if d.replicaMode == "mounted" { label += ", mounted" }
                let v = d.securityGroups.first.flatMap(target).flatMap { firewallVPC[$0] }
                add(id, label, .database, resource: resource.id, region: region, vpc: v)
                Self.databaseEdges(
                    id: id, source: d.source, key: d.encryptionKey, groups: d.securityGroups, parameters: d.parameterGroup, options: d.optionGroup,
                    monitoring: d.monitoringInterval > 0 ? d.monitoringRole : nil, into: &edges, target: target)
            case .cluster(let c):
                var label = "Aurora cluster \(c.identifier)\n\(c.engine) \(c.engineVersion)"
                if let s = c.serverlessCapacity { label += "\nServerless v2 \(s.min)-\(s.max) ACU" }
                if c.storageEncrypted { label += "\nencrypted" }
                let v = c.securityGroups.first.flatMap(target).flatMap { firewallVPC[$0] }
                add(id, label, .database, resource: resource.id, region: region, vpc: v)
                Self.databaseEdges(
                    id: id, source: nil, key: c.encryptionKey, groups: c.securityGroups, parameters: c.parameterGroup, options: nil, monitoring: nil,
                    into: &edges, target: target)
                if let g = target(c.subnetGroup) { edges.append(Edge(from: id, to: g, label: "subnets", dashed: true)) }
            case .clusterInstance(let i):
                let writer = i.promotionTier == 0 && target(i.cluster).flatMap { clusterWriters[$0] } == resource.id
                let clusterGroups: [Value] = {
                    if case .reference(let r) = i.cluster, case .cluster(let c)? = kinds[r.resource]?.body { c.securityGroups } else { [] }
                }()
                let v = clusterGroups.first.flatMap(target).flatMap { firewallVPC[$0] }
                add(id, "\(writer ? "writer" : "reader") \(i.identifier)\n\(i.instanceClass)", .database, resource: resource.id, region: region, vpc: v)
                if let c = target(i.cluster) { edges.append(Edge(from: c, to: id, label: writer ? "writer" : "reader", dashed: false)) }
                if i.monitoringInterval > 0, let m = target(i.monitoringRole) {
                    edges.append(Edge(from: id, to: m, label: "metrics every \(i.monitoringInterval)s", dashed: true))
                }
            }
        }
        var groups: [Group] = []
        for region in [graph.region] + graph.otherRegions {
            guard let entry = byRegion[region] else { continue }
            let vpcs = entry.vpcs.keys.sorted().map { key in
                Group(id: "g_" + key, label: entry.vpcLabels[key] ?? "VPC", nodes: entry.vpcs[key] ?? [], groups: [])
            }
            groups.append(Group(id: "region_" + Self.nodeID(region), label: region, nodes: entry.loose, groups: vpcs))
        }
        self.groups = groups
        self.outside = outside
        self.nodes = nodes
        self.edges = edges
    }

    private static func databaseEdges(
        id: String, source: Value?, key: Value?, groups: [Value], parameters: Value?, options: Value?, monitoring: Value?,
        into edges: inout [Edge], target: (Value?) -> String?
    ) {
        if let s = target(source) { edges.append(Edge(from: s, to: id, label: "replicates to", dashed: false)) }
        if let k = target(key) { edges.append(Edge(from: id, to: k, label: "encrypted with", dashed: true)) }
        for g in groups { if let t = target(g) { edges.append(Edge(from: t, to: id, label: "guards", dashed: true)) } }
        if let p = target(parameters) { edges.append(Edge(from: id, to: p, label: "parameters", dashed: true)) }
        if let o = target(options) { edges.append(Edge(from: id, to: o, label: "options", dashed: true)) }
        if let m = target(monitoring) { edges.append(Edge(from: id, to: m, label: "metrics", dashed: true)) }
    }

    /// An identifier both Graphviz and Mermaid take: letters, digits and underscores.
    static func nodeID(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            out.unicodeScalars.append(
                (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") ? c : "_")
        }
        return out
    }

    /// The nodes outside every group, then each group with its nodes and groups inside,
    /// written by a language's `node`, `open` and `close`.
    private func nested(node: (String, String) -> String, open: (Group, String) -> String, close: (String) -> String) -> String {
        func group(_ g: Group, indent: String) -> String {
            var s = open(g, indent)
            for n in g.nodes { s += node(n, indent + "  ") }
            for sub in g.groups { s += group(sub, indent: indent + "  ") }
            return s + close(indent)
        }
        return outside.map { node($0, "  ") }.joined() + groups.map { group($0, indent: "  ") }.joined()
    }

    /// How a change marks a resource in the picture (`dbspec diff` decides which, from its
    /// verdicts; the picture knows nothing of diffs).
    public enum Mark: Int, Comparable, Sendable {
        case changed, downtime, replaced

        public static func < (a: Mark, b: Mark) -> Bool { a.rawValue < b.rawValue }
    }

    /// How a marked resource is drawn: its class name and colours (fill, stroke).
    static func mark(_ mark: Mark) -> (name: String, fill: String, stroke: String) {
        switch mark {
        case .replaced: ("replaced", "#f8b4b4", "#b91c1c")
        case .downtime: ("downtime", "#fde68a", "#b45309")
        case .changed: ("changed", "#bbf7d0", "#15803d")
        }
    }

    // MARK: - Graphviz

    /// The picture in Graphviz's language. `marked` colours resources by how a change affects them.
    public func dot(marked: [String: Mark] = [:]) -> String {
        // A label is text: `"` and `\\` escaped (a trailing backslash cannot eat the closing quote),
        // a line break is Graphviz's `\\n`, other control characters are dropped.
        func quoted(_ s: String) -> String {
            var out = "\""
            for c in s.unicodeScalars {
                switch c {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                default: if c.value >= 0x20 && c.value != 0x7f { out.unicodeScalars.append(c) }
                }
            }
            return out + "\""
        }
        let byID = Dictionary(nodes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var out = "digraph dbspec {\n  graph [rankdir=LR, fontname=\"Helvetica\", label=\(quoted(title)), labelloc=t];\n"
        out += "  node [fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=9];\n"
        func node(_ id: String, _ indent: String) -> String {
            guard let n = byID[id] else { return "" }
            let shape: String
            switch n.shape {
            case .database: shape = "cylinder"
            case .box: shape = "box"
            case .key: shape = "note"
            case .person: shape = "ellipse"
            case .network: shape = "component"
            }
            var attributes = "label=\(quoted(n.label)), shape=\(shape)"
            if let r = n.resource, let impact = marked[r] { attributes += ", style=filled, fillcolor=\"\(Self.mark(impact).fill)\"" }
            return "\(indent)\(id) [\(attributes)];\n"
        }
        out += nested(
            node: node, open: { g, indent in "\(indent)subgraph cluster_\(g.id) {\n\(indent)  label=\(quoted(g.label));\n" },
            close: { "\($0)}\n" })
        for e in edges {
            var attributes: [String] = []
            if !e.label.isEmpty { attributes.append("label=\(quoted(e.label))") }
            if e.dashed { attributes.append("style=dashed") }
            out += "  \(e.from) -> \(e.to)" + (attributes.isEmpty ? "" : " [" + attributes.joined(separator: ", ") + "]") + ";\n"
        }
        return out + "}\n"
    }

    // MARK: - Mermaid

    /// The picture as a Mermaid flowchart, which GitHub renders in Markdown as is.
    public func mermaid(marked: [String: Mark] = [:]) -> String {
        // A label is one quoted string on its line: a line break is `<br/>`, and every character
        // that could end the string, start a directive (`%%{init}%%`), markup or an entity of the
        // author's is written as Mermaid's entity code (`#35;`), so no label forms a statement.
        func text(_ s: String) -> String {
            var out = "\""
            for c in s.unicodeScalars {
                switch c {
                case "\n": out += "<br/>"
                case "\"": out += "#quot;"
                case "#", "%", "<", ">", "&", "`":
                    out += "#\(c.value);"
                default: if c.value >= 0x20 && c.value != 0x7f { out.unicodeScalars.append(c) }
                }
            }
            return out + "\""
        }
        let byID = Dictionary(nodes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var out = "flowchart LR\n"
        func node(_ id: String, _ indent: String) -> String {
            guard let n = byID[id] else { return "" }
            let label = text(n.label)
            switch n.shape {
            case .database: return "\(indent)\(id)[(\(label))]\n"
            case .key: return "\(indent)\(id){{\(label)}}\n"
            case .person: return "\(indent)\(id)([\(label)])\n"
            case .network: return "\(indent)\(id)[/\(label)/]\n"
            case .box: return "\(indent)\(id)[\(label)]\n"
            }
        }
        out += nested(node: node, open: { g, indent in "\(indent)subgraph \(g.id)[\(text(g.label))]\n" }, close: { "\($0)end\n" })
        for e in edges {
            let arrow = e.dashed ? "-.->" : "-->"
            out += e.label.isEmpty ? "  \(e.from) \(arrow) \(e.to)\n" : "  \(e.from) \(arrow)|\(text(e.label))| \(e.to)\n"
        }
        let marks = nodes.compactMap { n in n.resource.flatMap { marked[$0] }.map { (n.id, $0) } }
        if !marks.isEmpty {
            for impact in [Mark.replaced, .downtime, .changed] {
                let m = Self.mark(impact)
                out += "  classDef \(m.name) fill:\(m.fill),stroke:\(m.stroke)\n"
            }
            for (id, impact) in marks { out += "  class \(id) \(Self.mark(impact).name)\n" }
        }
        return out
    }
}
