import DBSpecJSON
import Foundation
import Testing

@testable import DBSpecKit

/// Quick fixes, hover, completion and definition, through the server's message handler (the
/// same one `dbspec lsp` frames on stdio; Neovim drives it end to end in scripts/test-neovim.sh).
@Suite("Language features")
struct LanguageFeaturesTests {
    let uri = "file:///tmp/dbspec-features/orders.yaml"

    /// A server with `text` open at `uri`.
    func server(_ text: String, uri: String? = nil) -> LanguageServer {
        let server = LanguageServer()
        _ = server.handle(body: Array(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#.utf8))
        let open: JSONValue = .object([
            ("jsonrpc", .string("2.0")), ("method", .string("textDocument/didOpen")),
            (
                "params",
                .object([
                    (
                        "textDocument",
                        .object([("uri", .string(uri ?? self.uri)), ("languageId", .string("yaml")), ("version", .int(1)), ("text", .string(text))])
                    )
                ])
            ),
        ])
        _ = server.handle(open)
        return server
    }

    func request(_ server: LanguageServer, _ method: String, line: Int, character: Int, uri: String? = nil, end: (Int, Int)? = nil) -> JSONValue {
        let position: JSONValue = .object([("line", .int(line)), ("character", .int(character))])
        var params: [(String, JSONValue)] = [("textDocument", .object([("uri", .string(uri ?? self.uri))]))]
        if method == "textDocument/codeAction" {
            let endPosition: JSONValue = .object([("line", .int(end?.0 ?? line)), ("character", .int(end?.1 ?? character))])
            params.append(("range", .object([("start", position), ("end", endPosition)])))
            params.append(("context", .object([("diagnostics", .array([]))])))
        } else {
            params.append(("position", position))
        }
        let reply = server.handle(.object([("jsonrpc", .string("2.0")), ("id", .int(9)), ("method", .string(method)), ("params", .object(params))]))
        return reply.messages.first?["result"] ?? .null
    }

    func strings(_ value: JSONValue?, _ key: String) -> [String] {
        guard case .array(let items)? = value else { return [] }
        return items.compactMap { if case .string(let s)? = $0[key] { return s } else { return nil } }
    }

    func text(_ value: JSONValue?) -> String {
        if case .string(let s)? = value { return s }
        return ""
    }

    static let spec = """
        dbspec: 1
        name: orders
        region: us-west-2
        database:
          engine: mysql
          versoin: "8.0.23"
          class: db.t3.micro
          multiAz: true
          encryption: { kmsKey: create }
        replicas:
          - name: orders-r1
          - name: orders-r2
            source: orders-r1

        """

    @Test func initializeAnnouncesTheFeatures() {
        let reply = LanguageServer().handle(body: Array(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#.utf8))
        let capabilities = reply.messages.first?["result"]?["capabilities"]
        #expect(capabilities?["hoverProvider"] == .bool(true) && capabilities?["definitionProvider"] == .bool(true))
        #expect(capabilities?["completionProvider"] != nil && capabilities?["codeActionProvider"] != nil)
    }

    @Test func diagnosticsLinkToTheirPage() {
        let server = LanguageServer()
        _ = server.handle(body: Array(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#.utf8))
        let open = """
            {"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"\(uri)","languageId":"yaml","version":1,"text":"dbspec: 1\\nnmae: x\\n"}}}
            """
        let published = server.handle(body: Array(open.utf8)).messages.first?["params"]?["diagnostics"]
        guard case .array(let diagnostics)? = published else {
            Issue.record("no diagnostics")
            return
        }
        let unknown = diagnostics.first { $0["code"] == .string("DB160") }
        #expect(text(unknown?["codeDescription"]?["href"]) == DBSpec.codeDocumentation("DB160"))
        #expect(unknown?["data"]?["replacements"] == .array([.string("name")]))
    }

    @Test func quickFixesReplaceKeepQuotingAndOfferASuppression() {
        let server = server(Self.spec)
        // The misspelt key (line 5, 0-based).
        let keyActions = request(server, "textDocument/codeAction", line: 5, character: 4)
        #expect(strings(keyActions, "title") == ["Rename the key to `version`"])
        guard case .array(let actions) = keyActions, let edit = actions.first?["edit"]?["changes"]?[uri] else {
            Issue.record("no edit")
            return
        }
        #expect(
            edit
                == .array([
                    .object([
                        (
                            "range",
                            .object([
                                ("start", .object([("line", .int(5)), ("character", .int(2))])), ("end", .object([("line", .int(5)), ("character", .int(9))])),
                            ])
                        ), ("newText", .string("version")),
                    ])
                ]))
        #expect(actions.first?["isPreferred"] == .bool(true) && actions.first?["kind"] == .string("quickfix"))

        // With the key right, the retired version: replacements keep the quotes, and a rule's
        // finding can be suppressed (the comment waits for its reason).
        let fixed = self.server(Self.spec.replacingOccurrences(of: "versoin", with: "version"))
        let versionActions = request(fixed, "textDocument/codeAction", line: 5, character: 14)
        let titles = strings(versionActions, "title")
        #expect(titles.first == "Change to `8.0.46`" && titles.last == "Suppress DB103 on this line (write the reason after --)", "\(titles)")
        guard case .array(let all) = versionActions else { return }
        let newTexts = all.compactMap { action -> String? in
            guard case .array(let edits)? = action["edit"]?["changes"]?[uri] else { return nil }
            return text(edits.first?["newText"])
        }
        #expect(newTexts.first == "\"8.0.46\"")
        #expect(newTexts.last == "  # dbspec:disable-next-line DB103 -- \n")
        // Nothing to fix where nothing is wrong.
        #expect(strings(request(fixed, "textDocument/codeAction", line: 1, character: 2), "title").isEmpty)
        // JSON has no comments: no suppression action there.
        let json = self.server(
            #"{"dbspec": 1, "name": "orders", "region": "us-west-2", "database": {"engine": "mysql", "version": "8.0.23", "class": "db.t3.micro", "encryption": {"kmsKey": "create"}}}"#,
            uri: "file:///tmp/x.json")
        let jsonTitles = strings(request(json, "textDocument/codeAction", line: 0, character: 100, uri: "file:///tmp/x.json"), "title")
        #expect(jsonTitles.first == "Change to `8.0.46`" && !jsonTitles.contains { $0.hasPrefix("Suppress") }, "\(jsonTitles)")
    }

    @Test func hoverExplainsDiagnosticsKeysAndCatalogueFacts() {
        let server = server(Self.spec)
        let onDiagnostic = text(request(server, "textDocument/hover", line: 5, character: 4)["contents"]?["value"])
        #expect(onDiagnostic.hasPrefix("**DB160**: A key the spec language does not have") && onDiagnostic.contains(DBSpec.codeDocumentation("DB160")))
        let onKey = text(request(server, "textDocument/hover", line: 7, character: 4)["contents"]?["value"])
        #expect(onKey.hasPrefix("**`database.multiAz`**: true or false") && onKey.contains("Default: `false`"), "\(onKey)")
        let onEnumKey = text(
            request(self.server("dbspec: 1\ndatabase:\n  storage:\n    type: gp3\n"), "textDocument/hover", line: 3, character: 5)["contents"]?["value"])
        #expect(onEnumKey.contains("Values: ") && onEnumKey.contains("`gp3`") && onEnumKey.contains("`io2`"), "\(onEnumKey)")
        let onEngine = text(request(server, "textDocument/hover", line: 4, character: 12)["contents"]?["value"])
        #expect(onEngine.hasPrefix("**MySQL** (`mysql`)") && onEngine.contains("default port 3306"), "\(onEngine)")
        let onClass = text(request(server, "textDocument/hover", line: 6, character: 12)["contents"]?["value"])
        #expect(onClass.contains("**`db.t3.micro`**") && onClass.contains("2 vCPUs, 1 GiB memory") && onClass.contains("sold in `us-west-2`"), "\(onClass)")
        let fixed = self.server(Self.spec.replacingOccurrences(of: "versoin: \"8.0.23\"", with: "version: \"8.4.8\""))
        let onVersion = text(request(fixed, "textDocument/hover", line: 5, character: 14)["contents"]?["value"])
        #expect(onVersion.hasPrefix("MySQL `8.4.8`: offered for new databases"), "\(onVersion)")
        #expect(request(fixed, "textDocument/hover", line: 0, character: 9) == .null, "nothing to say on the language version's value")
    }

    @Test func completionKnowsKeysClosedListsAndTheCatalogue() {
        func labels(_ text: String, line: Int, character: Int) -> [String] {
            strings(request(server(text), "textDocument/completion", line: line, character: character)["items"], "label")
        }
        // Top-level keys not yet written, required first.
        let top = labels("dbspec: 1\nna", line: 1, character: 2)
        #expect(top.first == "name" && !top.contains("dbspec") && top.contains("replicas"), "\(top)")
        // Keys of `database`, in a half-typed document that does not parse.
        let inDatabase = labels("dbspec: 1\nname: [x\ndatabase:\n  engine: mysql\n  \n", line: 4, character: 2)
        #expect(inDatabase.contains("class") && inDatabase.contains("multiAz") && !inDatabase.contains("engine"), "\(inDatabase)")
        // Keys of a replica (a list item).
        let inReplica = labels("dbspec: 1\nreplicas:\n  - name: r1\n    \n", line: 3, character: 4)
        #expect(inReplica.contains("source") && inReplica.contains("region") && !inReplica.contains("name"), "\(inReplica)")
        // Closed lists and booleans from the schema.
        #expect(labels("dbspec: 1\ndatabase:\n  storage:\n    type: \n", line: 3, character: 10).contains("gp3"))
        #expect(labels("dbspec: 1\ndatabase:\n  multiAz: \n", line: 2, character: 11) == ["true", "false"])
        // Engines, versions of the spec's engine (current ones, newest first), classes of that
        // engine and version sold in the spec's Region, and Regions.
        #expect(labels("dbspec: 1\ndatabase:\n  engine: \n", line: 2, character: 10).contains("aurora-postgresql"))
        let versions = labels("dbspec: 1\ndatabase:\n  engine: mysql\n  version: \n", line: 3, character: 11)
        #expect(versions.contains("8.4.8") && !versions.contains("8.0.23") && !versions.contains { $0.hasPrefix("15.") }, "\(versions.prefix(5))")
        let classes = labels("dbspec: 1\nregion: us-west-2\ndatabase:\n  engine: mysql\n  version: \"8.4.8\"\n  class: \n", line: 5, character: 9)
        #expect(classes.contains("db.r6g.large") && classes.contains("db.t3.micro") && !classes.contains("db.t2.micro"), "\(classes.prefix(5))")
        #expect(labels("dbspec: 1\nregion: \n", line: 1, character: 8).contains("eu-central-1"))
        // A replica's source: the other replicas' names.
        let sources = labels("dbspec: 1\nreplicas:\n  - name: r1\n  - name: r2\n    source: \n", line: 4, character: 12)
        #expect(sources == ["r1", "r2"], "\(sources)")
        // Not a spec: nothing.
        let other = server("on: push\n", uri: "file:///tmp/.github/workflows/ci.yaml")
        #expect(request(other, "textDocument/completion", line: 0, character: 2, uri: "file:///tmp/.github/workflows/ci.yaml") == .null)
    }

    @Test func aReplicasSourceLeadsToThatReplica() {
        let server = server(Self.spec)
        let target = request(server, "textDocument/definition", line: 12, character: 14)
        #expect(text(target["uri"]) == uri)
        #expect(target["range"]?["start"] == .object([("line", .int(10)), ("character", .int(10))]), "\(target)")
        #expect(request(server, "textDocument/definition", line: 4, character: 12) == .null)
    }

    /// Requests on positions past the end, on empty or broken documents, or without a document
    /// answer with nothing, never a crash.
    @Test func oddPositionsAndDocumentsAnswerWithNothing() {
        for text in ["", "\n\n", "dbspec: 1\n- x\n: :\n", "dbspec: 1\ndatabase: [\n", "{\"dbspec\": 1, \"database\": {\"engine\": "] {
            let server = server(text)
            for method in ["textDocument/hover", "textDocument/completion", "textDocument/definition", "textDocument/codeAction"] {
                for (line, character) in [(0, 0), (0, 1000), (50, 3), (1, 1), (2, 0)] {
                    _ = request(server, method, line: line, character: character)
                    _ = request(server, method, line: line, character: character, end: (line + 100, 5))
                }
            }
        }
        let server = server("dbspec: 1\n")
        #expect(request(server, "textDocument/hover", line: 0, character: 0, uri: "file:///not/open.yaml") == .null)
    }

    /// Never a crash: every method at seeded random positions (past the ends, negative, huge)
    /// over every shipped, invalid, hostile and truth-table spec.
    @Test func randomRequestsOverEveryKnownSpecAnswer() throws {
        var generator = SeededGenerator(seed: 7)
        let files =
            Repo.files(in: "specs", extensions: ["yaml", "json"]) + Repo.files(in: "specs/invalid", extensions: ["yaml", "json"])
            + Repo.files(in: "Tests/DBSpecTests/Hostile", extensions: ["yaml", "json"])
            + Repo.files(in: "Tests/DBSpecTests/TruthTable", extensions: ["yaml"])
        var answered = 0
        for path in files {
            let text = String(decoding: try Repo.read(path), as: UTF8.self)
            let uri = "file:///tmp/stress/" + (path as NSString).lastPathComponent
            let server = self.server(text, uri: uri)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
            for _ in 0..<12 {
                let line = [Int.random(in: 0...(lines + 2), using: &generator), 0, 1 << 40].randomElement(using: &generator)!
                let character = [Int.random(in: 0...120, using: &generator), 0, 1 << 40].randomElement(using: &generator)!
                for method in ["textDocument/hover", "textDocument/completion", "textDocument/definition", "textDocument/codeAction"] {
                    _ = request(server, method, line: line, character: character, uri: uri, end: (line + 3, 0))
                    answered += 1
                }
            }
        }
        #expect(answered > 5000)
    }
}

/// A small deterministic generator (SplitMix64), so a failure here repeats.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
