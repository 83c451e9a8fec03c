import DBSpecKit
import Foundation
import Testing

/// A client for `dbspec lsp`, speaking framed JSON-RPC over pipes to the real binary.
final class LSPClient {
    let process = Process()
    let input = Pipe(), output = Pipe()
    var buffer = Data()

    init() throws {
        process.executableURL = Repo.binary
        process.arguments = ["lsp"]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    func send(_ message: [String: Any]) throws {
        let body = try JSONSerialization.data(withJSONObject: message)
        input.fileHandleForWriting.write(Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body)
    }

    /// The next message from the server.
    func receive() throws -> [String: Any] {
        while true {
            if let headerEnd = buffer.range(of: Data("\r\n\r\n".utf8)) {
                let header = String(decoding: buffer[buffer.startIndex..<headerEnd.lowerBound], as: UTF8.self)
                let length = Int(header.split(separator: ":")[1].trimmingCharacters(in: .whitespaces))!
                if buffer.count - (headerEnd.upperBound - buffer.startIndex) >= length {
                    let body = buffer[headerEnd.upperBound..<(headerEnd.upperBound + length)]
                    buffer = Data(buffer[(headerEnd.upperBound + length)...])
                    return try JSONSerialization.jsonObject(with: body) as! [String: Any]
                }
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw CocoaError(.fileReadUnknown) }
            buffer.append(chunk)
        }
    }

    /// The next diagnostics published for `uri`.
    func diagnostics(for uri: String) throws -> [[String: Any]] {
        while true {
            let message = try receive()
            guard message["method"] as? String == "textDocument/publishDiagnostics",
                let params = message["params"] as? [String: Any], params["uri"] as? String == uri
            else { continue }
            return params["diagnostics"] as? [[String: Any]] ?? []
        }
    }
}

@Suite("Language server", .serialized)
struct LanguageServerTests {
    let uri = "file:///tmp/dbspec-lsp-test/orders%20db.yaml"
    let line = #"tags: { "é😀": x, password: hunter2hunter2 }"#

    var document: String {
        """
        # 注文データベース 😀
        dbspec: 1
        name: orders
        region: us-west-2
        \(line)
        database:
          engine: mysql
          version: "8.4.8"
          class: db.t3.micro
          encryption: { kmsKey: create }

        """
    }

    @Test func opensEditsSavesAndClosesADocument() throws {
        let client = try LSPClient()
        try client.send(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": ["processId": NSNull(), "rootUri": NSNull(), "capabilities": [:]]])
        let initialized = try client.receive()
        #expect(initialized["id"] as? Int == 1)
        let capabilities = (initialized["result"] as? [String: Any])?["capabilities"] as? [String: Any]
        #expect((capabilities?["textDocumentSync"] as? [String: Any])?["change"] as? Int == 1)
        try client.send(["jsonrpc": "2.0", "method": "initialized", "params": [:]])

        // Open: the plaintext secret is reported at 0-based line 4, column in UTF-16 units.
        try client.send([
            "jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": [
                "textDocument": [
                    "uri": uri, "languageId": "yaml", "version": 1, "text": document,
                ]
            ],
        ])
        let opened = try client.diagnostics(for: uri)
        let secret = try #require(opened.first { $0["code"] as? String == "DB211" }, "\(opened)")
        let range = try #require(secret["range"] as? [String: [String: Int]])
        let prefix = String(line[..<line.range(of: "hunter2")!.lowerBound])
        #expect(range["start"]?["line"] == 4)
        #expect(range["start"]?["character"] == prefix.utf16.count)
        #expect(range["end"]?["character"] == prefix.utf16.count + "hunter2hunter2".utf16.count)
        #expect(prefix.utf16.count != prefix.unicodeScalars.count, "the line must have characters outside the BMP before the error")
        #expect(secret["severity"] as? Int == 1 && secret["source"] as? String == "dbspec")

        // Change: the secret is gone; a warning appears instead (deletion protection off).
        let edited = document.replacingOccurrences(of: line, with: #"tags: { "é𝐀": x }"#)
            .replacingOccurrences(of: "  class: db.t3.micro", with: "  class: db.t3.micro\n  deletionProtection: false")
        try client.send([
            "jsonrpc": "2.0", "method": "textDocument/didChange",
            "params": [
                "textDocument": ["uri": uri, "version": 2], "contentChanges": [["text": edited]],
            ],
        ])
        let changed = try client.diagnostics(for: uri)
        #expect(changed.map { $0["code"] as? String } == ["DB319"])
        #expect(changed.first?["severity"] as? Int == 2)
        #expect(((changed.first?["range"] as? [String: [String: Int]])?["start"])?["line"] == 9)

        // Save republishes; close clears.
        try client.send(["jsonrpc": "2.0", "method": "textDocument/didSave", "params": ["textDocument": ["uri": uri]]])
        #expect(try client.diagnostics(for: uri).count == 1)
        try client.send(["jsonrpc": "2.0", "method": "textDocument/didClose", "params": ["textDocument": ["uri": uri]]])
        #expect(try client.diagnostics(for: uri).isEmpty)

        // Unknown requests get an error; shutdown, then exit ends the process with status 0.
        try client.send(["jsonrpc": "2.0", "id": 7, "method": "textDocument/formatting", "params": [:]])
        #expect(((try client.receive())["error"] as? [String: Any])?["code"] as? Int == -32601)
        try client.send(["jsonrpc": "2.0", "id": 2, "method": "shutdown"])
        let shutdown = try client.receive()
        #expect(shutdown["id"] as? Int == 2 && shutdown["result"] is NSNull)
        try client.send(["jsonrpc": "2.0", "method": "exit"])
        client.process.waitUntilExit()
        #expect(client.process.terminationStatus == 0)
    }

    /// Only specs are judged: a workflow or a package.json open in the same editor gets no
    /// diagnostics, a half-typed spec still gets its syntax error, and `.dbspec.yaml` gets its
    /// own configuration errors (it used to be ignored silently).
    @Test func diagnosesSpecsAndTheConfigurationOnly() throws {
        let client = try LSPClient()
        try client.send(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": ["processId": NSNull(), "rootUri": NSNull(), "capabilities": [:]]])
        _ = try client.receive()
        try client.send(["jsonrpc": "2.0", "method": "initialized", "params": [:]])
        func open(_ name: String, _ text: String) throws -> [[String: Any]] {
            let uri = "file:///tmp/dbspec-lsp-kinds/\(name)"
            try client.send([
                "jsonrpc": "2.0", "method": "textDocument/didOpen",
                "params": ["textDocument": ["uri": uri, "languageId": "yaml", "version": 1, "text": text]],
            ])
            return try client.diagnostics(for: uri)
        }
        func codes(_ d: [[String: Any]]) -> [String] { d.compactMap { $0["code"] as? String } }

        #expect(try open(".github/workflows/ci.yaml", "on: push\njobs:\n  test: { runs-on: ubuntu-latest }\n").isEmpty)
        #expect(try open("package.json", #"{"name": "web", "dbspecs": ["db"], "scripts": {"dbspec": "dbspec check"}}"#).isEmpty)
        #expect(try open("notes.yaml", "title: dbspec: a compiler\n  dbspec: nested\n").isEmpty)

        // Specs: by a top-level key (YAML, quoted YAML, one-line JSON, YAML flow) or by name.
        #expect(!(try open("half.yaml", "# orders\ndbspec: 1\nname: [orders\n")).isEmpty)
        #expect(!(try open("quoted.yaml", "\"dbspec\" : 1\n")).isEmpty)
        #expect(!(try open("one-line.json", #"{"dbspec": 1, "name": "orders"}"#)).isEmpty)
        #expect(!(try open("flow.yaml", "{dbspec: 1, name: orders}")).isEmpty)
        #expect(!(try open("new.dbspec.yaml", "")).isEmpty)

        // The configuration: its errors, at their line, on its own URI.
        let configuration = try open(".dbspec.yaml", "output:\n  format: json\nrules:\n  DB999: loud\n")
        #expect(!configuration.isEmpty && codes(configuration).allSatisfy { $0 == "DB180" }, "\(configuration)")
        #expect(configuration.contains { (($0["range"] as? [String: [String: Int]])?["start"])?["line"] == 3 }, "\(configuration)")
        #expect(try open("valid/.dbspec.yaml", "rules:\n  DB319: off\n").isEmpty)
    }

    @Test func exitWithoutShutdownIsStatus1() throws {
        let client = try LSPClient()
        try client.send(["jsonrpc": "2.0", "method": "exit"])
        client.process.waitUntilExit()
        #expect(client.process.terminationStatus == 1)
    }
}
