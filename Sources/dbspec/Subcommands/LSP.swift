import ArgumentParser
import DBSpecKit
#if canImport(Glibc)
import Glibc
#endif

struct LSP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Run the language server on standard input and output.",
        discussion: """
            Speaks the Language Server Protocol over stdio: editors send documents as they are \
            opened, edited and saved, and get their diagnostics back. Point your editor's generic \
            LSP client at `dbspec lsp` for YAML and JSON spec files.
            """
    )

    func run() throws {
        // A client that goes away mid-reply is EPIPE on the next write (an error status), not
        // a signal that kills the server.
        signal(SIGPIPE, SIG_IGN)
        let server = LanguageServer()
        var reader = LSPFrameReader()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            while let event = reader.next() {
                let reply: LanguageServer.Reply
                switch event {
                case .message(let body): reply = server.handle(body: body)
                case .error(let problem): reply = server.framingError(problem)
                }
                for out in reply.messages where out != .null {
                    let bytes = JSONWriter.compact(out)
                    try Streams.write(1, Array("Content-Length: \(bytes.count)\r\n\r\n".utf8) + bytes)
                }
                if let status = reply.exitStatus { throw ExitCode(status) }
            }
            let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            reader.feed(chunk[0..<n])
        }
        throw ExitCode(1)  // the client went away without `exit`
    }
}
