import DBSpecKit
import Foundation
import Testing

/// The language server's transport and lifecycle under broken frames and out-of-order
/// requests: every problem gets a JSON-RPC error, the server stays alive and keeps listening.
@Suite("Language server protocol")
struct LSPProtocolTests {
    static func frame(_ body: String) -> [UInt8] { Array("Content-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8) }

    func events(_ bytes: [UInt8], chunk: Int = 7) -> [LSPFrameReader.Event] {
        var reader = LSPFrameReader(maxHeader: 256, maxBody: 1 << 20)
        var out: [LSPFrameReader.Event] = []
        var i = 0
        while i < bytes.count {
            reader.feed(bytes[i..<min(bytes.count, i + chunk)])
            i += chunk
            while let e = reader.next() { out.append(e) }
        }
        return out
    }

    @Test func brokenHeadersAreErrorsAndTheNextMessageStillArrives() {
        let ok = #"{"jsonrpc":"2.0","method":"initialized"}"#
        for bad in [
            "Content-Length: -5\r\n\r\n", "Content-Length: abc\r\n\r\n", "Content-Type: x\r\n\r\n",
            "Content-Length: 99999999999999999999999\r\n\r\n", "Content-Length:\r\n\r\n", "Content-Length: 1e3\r\n\r\n",
        ] {
            let got = events(Array(bad.utf8) + Self.frame(ok))
            #expect(got.count == 2, "\(bad.debugDescription): \(got)")
            if case .error = got.first {} else { Issue.record("\(bad.debugDescription): expected an error first, got \(got)") }
            #expect(got.last == .message(Array(ok.utf8)), "\(bad.debugDescription)")
        }
        // Blanks around the value and any header name case are fine.
        #expect(events(Array("content-length:  \(ok.utf8.count) \t\r\n\r\n\(ok)".utf8)) == [.message(Array(ok.utf8))])
    }

    @Test func anOversizedBodyIsSkippedWithoutBeingKept() {
        var reader = LSPFrameReader(maxHeader: 256, maxBody: 1000)
        reader.feed(Array("Content-Length: 5000\r\n\r\n".utf8))
        #expect(
            reader.next().map {
                if case .error = $0 { return true }; return false
            } == true)
        reader.feed([UInt8](repeating: 0x41, count: 5000))
        #expect(reader.next() == nil)
        reader.feed(Self.frame("{}"))
        #expect(reader.next() == .message(Array("{}".utf8)))
    }

    @Test func junkWithoutASeparatorIsDroppedAsItArrives() {
        var reader = LSPFrameReader(maxHeader: 8192, maxBody: 1 << 20)
        var errors = 0
        let junk = [UInt8](repeating: 0x61, count: 65536)
        for _ in 0..<160 {  // 10 MiB
            reader.feed(junk)
            while let e = reader.next() { if case .error = e { errors += 1 } }
        }
        #expect(errors >= 1)
        reader.feed(Array("\r\n\r\n".utf8) + Self.frame("{}"))
        var last: LSPFrameReader.Event?
        while let e = reader.next() { last = e }
        #expect(last == .message(Array("{}".utf8)))
    }

    @Test func jsonRPCErrorsAndTheLifecycle() throws {
        let server = LanguageServer()
        func code(_ reply: LanguageServer.Reply) -> Int? {
            guard case .int(let c)? = reply.messages.first?["error"]?["code"] else { return nil }
            return c
        }
        #expect(code(server.handle(body: Array("{not json".utf8))) == -32700)
        #expect(code(server.handle(body: Array("[1,2]".utf8))) == -32600)
        #expect(code(server.handle(body: Array(#"{"jsonrpc":"2.0","id":1}"#.utf8))) == -32600)
        #expect(code(server.handle(body: Array(#"{"jsonrpc":"2.0","id":{"a":1},"method":"x"}"#.utf8))) == -32600)
        // Before initialize: requests are refused, notifications dropped.
        #expect(code(server.handle(body: Array(#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#.utf8))) == -32002)
        #expect(
            server.handle(
                body: Array(#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.yaml","text":"x: 1"}}}"#.utf8)
            ).messages.isEmpty)
        #expect(code(server.handle(body: Array(#"{"jsonrpc":"2.0","id":3,"method":"initialize","params":{}}"#.utf8))) == nil)
        #expect(code(server.handle(body: Array(#"{"jsonrpc":"2.0","id":4,"method":"initialize","params":{}}"#.utf8))) == -32600)
        #expect(code(server.handle(body: Array(#"{"jsonrpc":"2.0","id":5,"method":"no/such"}"#.utf8))) == -32601)
        #expect(code(server.handle(body: Array(#"{"jsonrpc":"2.0","id":6,"method":"shutdown"}"#.utf8))) == nil)
        // After shutdown: only exit.
        #expect(code(server.handle(body: Array(#"{"jsonrpc":"2.0","id":7,"method":"textDocument/hover","params":{}}"#.utf8))) == -32600)
        #expect(server.handle(body: Array(#"{"jsonrpc":"2.0","method":"exit"}"#.utf8)).exitStatus == 0)
    }

    /// The protocol script against the real binary: broken frames, then a session.
    @Test func theServerSurvivesAScriptOfBrokenFrames() throws {
        var script: [UInt8] = []
        script += Array("Content-Length: -1\r\n\r\n".utf8)
        script += Array("Content-Length: 184467440737095516160\r\n\r\n".utf8)
        script += Self.frame("{oops")
        script += Self.frame(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#)
        script += Self.frame(#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#)
        script += Self.frame(#"{"jsonrpc":"2.0","method":"exit"}"#)
        let run = try Run(["lsp"], stdin: Data(script), hangGuardSeconds: 30)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.components(separatedBy: "\"code\":-32700").count - 1 == 3, "\(run.stdout)")
        #expect(run.stdout.contains(#""id":1,"result":{"capabilities""#), "\(run.stdout)")
        #expect(run.stdout.contains(#""id":2,"result":null"#), "\(run.stdout)")
    }
}
