import DBSpecKit
import DBSpecSource
import Foundation
import Testing

/// The spec as JSON with every mapping's keys in reverse order; values keep their meaning.
func reversedJSON(_ node: Node) -> JSONValue {
    switch node.kind {
    case .mapping(let entries):
        return .object(entries.reversed().map { ($0.keyText, reversedJSON($0.value)) })
    case .sequence(let items):
        return .array(items.map(reversedJSON))
    case .scalar(let s):
        if !s.style.isQuoted {
            if s.text == "true" || s.text == "false" { return .bool(s.text == "true") }
            if let i = Int(s.text), String(i) == s.text { return .int(i) }
            if Double(s.text) != nil, s.text.allSatisfy({ $0.isNumber || $0 == "." }) { return .number(s.text) }
        }
        return .string(s.text)
    }
}

@Suite("Determinism and atomic writes", .serialized)
struct DeterminismTests {
    @Test(arguments: GoldenTests.specs)
    func separateProcessesAndKeyOrderGiveTheSameBytes(_ path: String) throws {
        let dir = try temporaryDirectory()
        let root = try #require(YAMLReader.read(SourceText(name: path, bytes: try Repo.read(path))).root)
        let reordered = dir.appendingPathComponent("reordered.json")
        try Data(JSONWriter.pretty(reversedJSON(root))).write(to: reordered)
        for target in ["cloudformation", "terraform"] {
            // Into folders: a spec with a cross-Region replica makes a template per Region.
            var outputs: [[String: Data]] = []
            for input in [path, path, reordered.path] {
                let out = try temporaryDirectory()
                let run = try Run(["compile", input, "--target", target, "-o", out.path])
                #expect(run.status == 0, "\(input): \(run.stderr)")
                var files: [String: Data] = [:]
                for name in try FileManager.default.contentsOfDirectory(atPath: out.path) {
                    files[name] = try Data(contentsOf: out.appendingPathComponent(name))
                }
                outputs.append(files)
            }
            #expect(!outputs[0].isEmpty)
            #expect(outputs[0] == outputs[1], "\(path) \(target): two runs differ")
            #expect(outputs[0] == outputs[2], "\(path) \(target): key order changed the output")
        }
    }

    @Test func aKilledCompileLeavesTheOldFileOrTheNewOne() throws {
        let dir = try temporaryDirectory()
        let specs = GoldenTests.specs
        var expected: [String: Data] = [:]
        for path in specs {
            let output = try #require(Compiler().compile(SourceText(name: path, bytes: try Repo.read(path)), target: .cloudformation).outputs.first)
            expected[output.name] = Data(output.bytes)
        }
        let old = Data("{\"old\": true}\n".utf8)
        // Time one whole compile, then spread the kills over 0 to 1.2 times that, so that some
        // land before the writes, some during, and some after, however fast the machine is.
        let timed = Date()
        try Run(["compile"] + specs + ["-o", try temporaryDirectory().path])
        let whole = Date().timeIntervalSince(timed)
        var sawOld = 0, sawNew = 0
        /// Starts a compile, kills it after `delay` seconds, and checks every file.
        func attempt(killAfter delay: Double) throws {
            for name in expected.keys { try old.write(to: dir.appendingPathComponent(name)) }
            let process = Process()
            process.executableURL = Repo.binary
            process.arguments = ["compile"] + specs + ["-o", dir.path]
            process.currentDirectoryURL = Repo.root
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32(delay * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            for (name, new) in expected {
                let content = try Data(contentsOf: dir.appendingPathComponent(name))
                #expect(content == old || content == new, "\(name) is partial after a kill at \(delay) s")
                if content == old { sawOld += 1 } else { sawNew += 1 }
            }
        }
        let attempts = 40
        for i in 0..<attempts { try attempt(killAfter: whole * 1.2 * Double(i) / Double(attempts - 1)) }
        // On a loaded machine every kill may land early: wait longer until one lands late.
        var delay = whole * 2
        while sawNew == 0 && delay < 30 {
            try attempt(killAfter: delay)
            delay *= 2
        }
        // Both outcomes occurred, so the kills did land before and after the writes.
        #expect(sawOld > 0 && sawNew > 0, "old \(sawOld), new \(sawNew)")
    }
}
