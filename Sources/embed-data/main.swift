// Wraps data files into Swift raw string literals at build time, so the facts stay in their
// data files and the binary still needs no resource bundle (and no Foundation to read one).
// JSON is embedded minified: the files in the repository are indented for review, and a
// check scans what is embedded, so whitespace would cost every run (a third of an engine file).
//
// Usage: embed-data OUTPUT.swift NAME=INPUT [NAME=INPUT ...]
// NAME is the file's name without extension (`engine-mysql`); the literal is
// `EmbeddedData.engine_mysql`, and `EmbeddedData.named("engine-mysql")` finds it by name.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func fail(_ message: String) -> Never {
    let text = "embed-data: \(message)\n"
    _ = text.withCString { write(2, $0, strlen($0)) }
    exit(1)
}

func readFile(_ path: String) -> [UInt8] {
    guard let file = fopen(path, "rb") else { fail("cannot open \(path)") }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&buffer, 1, buffer.count, file)
        if n <= 0 { break }
        bytes.append(contentsOf: buffer[0..<n])
    }
    return bytes
}

/// `json` without the whitespace between its tokens (the bytes of its strings are kept as they
/// are, escapes included).
func minified(_ json: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(json.count)
    var inString = false
    var escaped = false
    for byte in json {
        if inString {
            out.append(byte)
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                inString = false
            }
            continue
        }
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D: continue
        case UInt8(ascii: "\""): inString = true
        default: break
        }
        out.append(byte)
    }
    return out
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else { fail("usage: embed-data OUTPUT.swift NAME=INPUT ...") }
var output = "// GENERATED FILE. DO NOT EDIT! Written by embed-data from the package's data files.\n\n"
output += "enum EmbeddedData {\n"
var names: [(String, String)] = []
for spec in arguments.dropFirst(2) {
    let parts = spec.split(separator: "=", maxSplits: 1)
    guard parts.count == 2 else { fail("expected NAME=INPUT, got \(spec)") }
    let identifier = String(parts[0].map { $0.isLetter || $0.isNumber ? $0 : "_" })
    let path = String(parts[1])
    let bytes = readFile(path)
    let text = String(decoding: path.hasSuffix(".json") ? minified(bytes) : bytes, as: UTF8.self)
    guard !text.contains("\"\"\"##") else { fail("\(parts[1]) contains the literal's closing delimiter") }
    output += "    static let \(identifier): StaticString = ##\"\"\"\n\(text)\n\"\"\"##\n"
    names.append((String(parts[0]), identifier))
}
// A switch, not a dictionary: no generic metadata to instantiate at start-up.
output += "\n    static func named(_ name: String) -> StaticString? {\n        switch name {\n"
for (name, identifier) in names { output += "        case \"\(name)\": return \(identifier)\n" }
output += "        default: return nil\n        }\n    }\n}\n"
guard let out = fopen(arguments[1], "wb") else { fail("cannot write \(arguments[1])") }
let bytes = Array(output.utf8)
guard fwrite(bytes, 1, bytes.count, out) == bytes.count else { fail("cannot write \(arguments[1])") }
fclose(out)
