import DBSpecCatalog
import DBSpecCheck
import DBSpecDiagnostics
import DBSpecJSON
import DBSpecModel
import DBSpecReports
import DBSpecResolve
import DBSpecRules
import DBSpecSource

/// The Language Server Protocol: open, change (whole document), save and close documents,
/// publish their diagnostics (with links to each code's page), and for specs quick fixes,
/// hover, completion and a replica's source as its definition (`LanguageFeatures`); shut down. Positions go out 0-based,
/// with columns in UTF-16 code units, as the protocol requires.
///
/// It handles one decoded message at a time and returns the messages to send; `dbspec lsp`
/// frames them on stdin and stdout.
public final class LanguageServer {
    /// What the server wants after a message: messages to send, and whether to exit (with status).
    public struct Reply {
        public var messages: [JSONValue] = []
        public var exitStatus: Int32?
    }

    private var documents: [String: (text: String, version: Int?)] = [:]
    /// The protocol's lifecycle: requests before `initialize` and after `shutdown` are errors.
    private enum State { case uninitialized, running, shuttingDown }
    private var state = State.uninitialized
    private let compiler: Compiler

    public init(compiler: Compiler = Compiler()) {
        self.compiler = compiler
    }

    /// JSON-RPC 2.0 and LSP error codes.
    public enum ErrorCode: Int {
        case parseError = -32700, invalidRequest = -32600, methodNotFound = -32601
        case serverNotInitialized = -32002
    }

    /// Handles one message body as it came off the wire: JSON that does not parse, or is not a
    /// JSON-RPC message, gets its error response (with a null id).
    public func handle(body: [UInt8]) -> Reply {
        guard let message = try? JSONParser.parse(body) else {
            return Reply(messages: [Self.error(nil, .parseError, "the message is not valid JSON")])
        }
        return handle(message)
    }

    /// A framing error of the transport, answered like a parse error.
    public func framingError(_ problem: String) -> Reply {
        Reply(messages: [Self.error(nil, .parseError, problem)])
    }

    static func error(_ id: JSONValue?, _ code: ErrorCode, _ message: String) -> JSONValue {
        .object([
            ("jsonrpc", .string("2.0")), ("id", id ?? .null),
            ("error", .object([("code", .int(code.rawValue)), ("message", .string(message))])),
        ])
    }

    public func handle(_ message: JSONValue) -> Reply {
        var reply = Reply()
        guard case .object = message else {
            return Reply(messages: [Self.error(nil, .invalidRequest, "a JSON-RPC message is an object")])
        }
        let id = message["id"]
        guard case .string(let method)? = message["method"] else {
            // A response to a request of ours (we send none) is dropped; anything else is invalid.
            if message["result"] != nil || message["error"] != nil { return reply }
            return Reply(messages: [Self.error(id, .invalidRequest, "a request needs a `method` string")])
        }
        if let id {
            switch id {
            case .int, .string, .null: break
            default: return Reply(messages: [Self.error(nil, .invalidRequest, "`id` must be a number or a string")])
            }
        }
        let isRequest = id != nil
        switch state {
        case .uninitialized where method != "initialize" && method != "exit":
            if isRequest { reply.messages.append(Self.error(id, .serverNotInitialized, "the server is not initialized: send `initialize` first")) }
            return reply
        case .shuttingDown where method != "exit":
            if isRequest { reply.messages.append(Self.error(id, .invalidRequest, "the server is shutting down: only `exit` is accepted")) }
            return reply
        case .running where method == "initialize":
            reply.messages.append(Self.error(id, .invalidRequest, "the server is already initialized"))
            return reply
        default: break
        }
        let params = message["params"] ?? .null
        switch method {
        case "initialize":
            state = .running
            reply.messages.append(
                response(
                    id,
                    .object([
                        (
                            "capabilities",
                            .object([
                                (
                                    "textDocumentSync",
                                    .object([
                                        ("openClose", .bool(true)),
                                        ("change", .int(1)),  // whole documents
                                        ("save", .object([("includeText", .bool(false))])),
                                    ])
                                ),
                                ("codeActionProvider", .object([("codeActionKinds", .array([.string("quickfix")]))])),
                                ("hoverProvider", .bool(true)),
                                ("completionProvider", .object([("triggerCharacters", .array([.string(":"), .string(" ")]))])),
                                ("definitionProvider", .bool(true)),
                            ])
                        ),
                        ("serverInfo", .object([("name", .string("dbspec")), ("version", .string(DBSpec.version))])),
                    ])))
        case "initialized", "$/cancelRequest", "$/setTrace", "workspace/didChangeConfiguration":
            break
        case "textDocument/didOpen":
            guard case .string(let uri)? = params["textDocument"]?["uri"], case .string(let text)? = params["textDocument"]?["text"] else { break }
            documents[uri] = (text, version(params["textDocument"]?["version"]))
            reply.messages.append(publish(uri))
        case "textDocument/didChange":
            guard case .string(let uri)? = params["textDocument"]?["uri"], case .array(let changes)? = params["contentChanges"],
                case .string(let text)? = changes.last?["text"]
            else { break }
            documents[uri] = (text, version(params["textDocument"]?["version"]))
            reply.messages.append(publish(uri))
        case "textDocument/didSave":
            guard case .string(let uri)? = params["textDocument"]?["uri"], documents[uri] != nil else { break }
            reply.messages.append(publish(uri))
        case "textDocument/didClose":
            guard case .string(let uri)? = params["textDocument"]?["uri"] else { break }
            documents[uri] = nil
            published[uri] = nil
            reply.messages.append(notification("textDocument/publishDiagnostics", .object([("uri", .string(uri)), ("diagnostics", .array([]))])))
        case "textDocument/codeAction", "textDocument/hover", "textDocument/completion", "textDocument/definition":
            reply.messages.append(response(id, answer(method, params)))
        case "shutdown":
            state = .shuttingDown
            reply.messages.append(response(id, .null))
        case "exit":
            reply.exitStatus = state == .shuttingDown ? 0 : 1
        default:
            if isRequest { reply.messages.append(Self.error(id, .methodNotFound, "method not found: \(method)")) }
        }
        return reply
    }

    /// A position's line and character as the client sent them, each clamped to LSP's `uinteger`
    /// (0 to 2^31 - 1), so that no arithmetic on them can overflow; nil when either is missing or
    /// negative.
    static func lineAndCharacter(_ position: JSONValue?) -> (Int, Int)? {
        guard case .int(let line)? = position?["line"], case .int(let character)? = position?["character"], line >= 0, character >= 0 else {
            return nil
        }
        let most = Int(Int32.max)
        return (min(line, most), min(character, most))
    }

    private func version(_ value: JSONValue?) -> Int? {
        if case .int(let v)? = value { return v }
        return nil
    }

    private func response(_ id: JSONValue?, _ result: JSONValue) -> JSONValue {
        .object([("jsonrpc", .string("2.0")), ("id", id ?? .null), ("result", result)])
    }

    private func notification(_ method: String, _ params: JSONValue) -> JSONValue {
        .object([("jsonrpc", .string("2.0")), ("method", .string(method)), ("params", params)])
    }

    /// The diagnostics of an open document, as the last publish computed them.
    private var published: [String: [Diagnostic]] = [:]

    /// Quick fixes, hover, completion and definition, for specs only (nothing for other files).
    private func answer(_ method: String, _ params: JSONValue) -> JSONValue {
        guard case .string(let uri)? = params["textDocument"]?["uri"], let document = documents[uri] else { return .null }
        let path = Self.path(of: uri)
        guard Self.kind(path: path, text: document.text) == .spec else { return method == "textDocument/codeAction" ? .array([]) : .null }
        let source = SourceText(name: path, text: document.text)
        let features = LanguageFeatures(source: source, catalog: compiler.catalog)
        let diagnostics = published[uri] ?? []
        func at(_ position: JSONValue?) -> SourcePosition? {
            guard let (line, character) = Self.lineAndCharacter(position) else { return nil }
            return features.position(line: line, character: character)
        }
        switch method {
        case "textDocument/codeAction":
            guard let start = at(params["range"]?["start"]), let end = at(params["range"]?["end"]) else { return .array([]) }
            return .array(
                features.codeActions(uri: uri, diagnostics: diagnostics, range: SourceRange(start: start, end: end)) { self.lspDiagnostic($0, in: source) })
        case "textDocument/hover":
            guard let p = at(params["position"]), let (markdown, range) = features.hover(at: p, diagnostics: diagnostics) else { return .null }
            return .object([("contents", .object([("kind", .string("markdown")), ("value", .string(markdown))])), ("range", features.lspRange(range))])
        case "textDocument/completion":
            guard let (line, character) = Self.lineAndCharacter(params["position"]) else { return .array([]) }
            return .object([("isIncomplete", .bool(false)), ("items", .array(features.completion(line: line, character: character)))])
        case "textDocument/definition":
            guard let p = at(params["position"]), let range = features.definition(at: p) else { return .null }
            return .object([("uri", .string(uri)), ("range", features.lspRange(range))])
        default:
            return .null
        }
    }

    /// A diagnostic as LSP has it: the help below the message, a link to the code's page, and
    /// its replacements in `data` for clients that pass diagnostics back.
    private func lspDiagnostic(_ d: Diagnostic, in source: SourceText) -> JSONValue {
        let severity: Int = d.severity == .error ? 1 : d.severity == .warning ? 2 : 3
        var fields: [(String, JSONValue)] = [
            ("range", .object([("start", Self.position(d.range.start, in: source)), ("end", Self.position(d.range.end, in: source))])),
            ("severity", .int(severity)),
            ("code", .string(d.code)),
            ("codeDescription", .object([("href", .string(DBSpec.codeDocumentation(d.code)))])),
            ("source", .string("dbspec")),
            ("message", .string(d.help.map { "\(d.message)\nhelp: \($0)" } ?? d.message)),
        ]
        if !d.replacements.isEmpty { fields.append(("data", .object([("replacements", .array(d.replacements.map { .string($0) }))]))) }
        return .object(fields)
    }

    /// Checks a document and builds its publishDiagnostics notification.
    private func publish(_ uri: String) -> JSONValue {
        guard let document = documents[uri] else { return .null }
        let path = Self.path(of: uri)
        let source = SourceText(name: path, text: document.text)
        let found: [Diagnostic]
        switch Self.kind(path: path, text: document.text) {
        case .configuration:
            found = Configuration.parse(source).1
        case .spec:
            let configuration = Configuration.find(for: path).flatMap { Configuration.load($0).0 }
            found = compiler.check(source, configuration: configuration).diagnostics
        case .other:
            found = []  // a workflow, a package.json, any other YAML or JSON: not ours to judge
        }
        published[uri] = found
        let diagnostics: [JSONValue] = found.map { lspDiagnostic($0, in: source) }
        var params: [(String, JSONValue)] = [("uri", .string(uri))]
        if let v = document.version { params.append(("version", .int(v))) }
        params.append(("diagnostics", .array(diagnostics)))
        return notification("textDocument/publishDiagnostics", .object(params))
    }

    enum DocumentKind: Equatable { case spec, configuration, other }

    /// What an open buffer is. `.dbspec.yaml` is the configuration. A spec is a file named
    /// `NAME.dbspec.{yaml,yml,json}` (the naming convention of the pre-commit hook) or a document
    /// with a top-level `dbspec` key: a YAML line that starts with `dbspec:` (quoted or not), or,
    /// in a document that opens with `{`, a `dbspec` key of the outer object. The test reads text, not a parse, so a half-typed spec
    /// with broken syntax is still a spec and gets its syntax errors.
    static func kind(path: String, text: String) -> DocumentKind {
        let base = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        if Configuration.fileNames.contains(base) { return .configuration }
        for suffix in [".dbspec.yaml", ".dbspec.yml", ".dbspec.json"] where base.hasSuffix(suffix) && base.count > suffix.count {
            return .spec
        }
        var bytes = Array(text.utf8)
        // A byte-order mark is no part of the first line's text.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        /// `dbspec`, `"dbspec"` or `'dbspec'` at `i`, then blanks and a colon.
        func key(at i: Int) -> Bool {
            var j = i
            var quote: UInt8? = nil
            if j < bytes.count, bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "'") {
                quote = bytes[j]
                j += 1
            }
            for c in "dbspec".utf8 {
                guard j < bytes.count, bytes[j] == c else { return false }
                j += 1
            }
            if let q = quote {
                guard j < bytes.count, bytes[j] == q else { return false }
                j += 1
            }
            while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
            return j < bytes.count && bytes[j] == UInt8(ascii: ":")
        }
        let first = bytes.firstIndex { !isBlank($0) }
        if let first, bytes[first] == UInt8(ascii: "{") {
            // JSON or a YAML flow mapping, often on one line: a `dbspec` key at depth 1 (a nested
            // one, such as a package.json script called dbspec, does not count).
            var depth = 0
            var inString = false
            var i = first
            while i < bytes.count {
                let b = bytes[i]
                if inString {
                    if b == UInt8(ascii: "\\") {
                        i += 2
                        continue
                    }
                    if b == UInt8(ascii: "\"") { inString = false }
                } else if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
                    depth += 1
                } else if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
                    depth -= 1
                } else {
                    let before = bytes[i - 1]
                    let follows = before == UInt8(ascii: "{") || before == UInt8(ascii: ",") || isBlank(before)
                    if depth == 1, follows, key(at: i) { return .spec }
                    if b == UInt8(ascii: "\"") { inString = true }
                }
                i += 1
            }
            return .other
        }
        // YAML: a line that starts with the key (no indentation: top level).
        var start = 0
        while start < bytes.count {
            if key(at: start) { return .spec }
            guard let end = bytes[start...].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { break }
            start = end + 1
        }
        return .other
    }

    /// A 1-based line and Unicode-scalar column as LSP's 0-based line and UTF-16 character.
    static func position(_ p: SourcePosition, in source: SourceText) -> JSONValue {
        let line = max(0, p.line - 1)
        var character = 0
        if let text = source.line(p.line) {
            for scalar in text.unicodeScalars.prefix(max(0, p.column - 1)) { character += scalar.utf16.count }
            character += max(0, p.column - 1 - text.unicodeScalars.count)  // past the end of the line
            if p.line == 1 && source.startsWithByteOrderMark { character += 1 }  // the client counts the mark
        }
        return .object([("line", .int(line)), ("character", .int(character))])
    }

    /// `file:///a/b%20c.yaml` → `/a/b c.yaml`; other URIs are kept as they are.
    static func path(of uri: String) -> String {
        guard uri.hasPrefix("file://") else { return uri }
        var bytes: [UInt8] = []
        let raw = Array(uri.utf8.dropFirst(7))
        var i = 0
        while i < raw.count {
            if raw[i] == UInt8(ascii: "%"), i + 2 < raw.count, let v = UInt8(String(decoding: raw[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                bytes.append(v)
                i += 3
            } else {
                bytes.append(raw[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
