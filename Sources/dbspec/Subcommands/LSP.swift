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
        let server = LanguageServer()
        var reader = MessageReader()
        while let body = reader.next() {
            guard let message = try? JSONParser.parse(body) else { continue }
            let reply = server.handle(message)
            for out in reply.messages where out != .null {
                let bytes = JSONWriter.compact(out)
                Output.write(1, Array("Content-Length: \(bytes.count)\r\n\r\n".utf8) + bytes)
            }
            if let status = reply.exitStatus { Output.exit(status) }
        }
        Output.exit(1)  // the client went away without `exit`
    }
}

/// Reads `Content-Length`-framed messages from standard input.
struct MessageReader {
    private var buffer: [UInt8] = []

    mutating func next() -> [UInt8]? {
        while true {
            if let message = take() { return message }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return nil }
            buffer.append(contentsOf: chunk[0..<n])
        }
    }

    /// One whole message from the buffer, if it holds one.
    private mutating func take() -> [UInt8]? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard buffer.count >= 4, let end = (0...(buffer.count - 4)).first(where: { buffer[$0..<($0 + 4)].elementsEqual(separator) }) else { return nil }
        let header = String(decoding: buffer[0..<end], as: UTF8.self)
        var length: Int?
        for line in header.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "content-length" {
                length = Int(parts[1].drop { $0 == " " })
            }
        }
        guard let length else {
            buffer.removeFirst(end + 4)  // a header without a length: drop it
            return nil
        }
        guard buffer.count >= end + 4 + length else { return nil }
        let body = Array(buffer[(end + 4)..<(end + 4 + length)])
        buffer.removeFirst(end + 4 + length)
        return body
    }
}
