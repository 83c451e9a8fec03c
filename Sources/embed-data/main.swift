// Wraps data files into Swift raw string literals at build time, so the facts stay in their
// data files and the binary still needs no resource bundle (and no Foundation to read one).
//
// Usage: embed-data OUTPUT.swift NAME=INPUT [NAME=INPUT ...]
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

let arguments = CommandLine.arguments
guard arguments.count >= 3 else { fail("usage: embed-data OUTPUT.swift NAME=INPUT ...") }
var output = "// GENERATED FILE. DO NOT EDIT! Written by embed-data from the package's data files.\n\n"
output += "enum EmbeddedData {\n"
for spec in arguments.dropFirst(2) {
    let parts = spec.split(separator: "=", maxSplits: 1)
    guard parts.count == 2 else { fail("expected NAME=INPUT, got \(spec)") }
    let text = String(decoding: readFile(String(parts[1])), as: UTF8.self)
    guard !text.contains("\"\"\"##") else { fail("\(parts[1]) contains the literal's closing delimiter") }
    output += "    static let \(parts[0]): StaticString = ##\"\"\"\n\(text)\n\"\"\"##\n"
}
output += "}\n"
guard let out = fopen(arguments[1], "wb") else { fail("cannot write \(arguments[1])") }
let bytes = Array(output.utf8)
guard fwrite(bytes, 1, bytes.count, out) == bytes.count else { fail("cannot write \(arguments[1])") }
fclose(out)
