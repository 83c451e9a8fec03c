// dbspec-dev: the developers' tool. Not part of the product (it may use Foundation).
//
//   swift run dbspec-dev generate            writes every derived file (Generated.files), the
//                                            man page (scripts/man.sh) and the catalogue
//                                            (scripts/catalog/build_catalog.py)
//   swift run dbspec-dev generate --check    fails, naming them, when any is stale
//   swift run dbspec-dev rule new DB5nn Name a new rule from the template, registered, with
//                                            its truth-table cases to fill in
import DBSpecGenerate
import Foundation

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func read(_ relative: String) -> String {
    (try? String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)) ?? ""
}

func ruleFiles() -> [(path: String, text: String)] {
    let base = root.appendingPathComponent("Sources/DBSpecRules/Rules")
    let found = FileManager.default.enumerator(atPath: base.path)?.compactMap { $0 as? String } ?? []
    return found.filter { $0.hasSuffix(".swift") }.sorted().map { ("Sources/DBSpecRules/Rules/" + $0, read("Sources/DBSpecRules/Rules/" + $0)) }
}

/// Runs a script of the repository; its status.
func script(_ arguments: [String]) -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.currentDirectoryURL = root
    do { try process.run() } catch { return 127 }
    process.waitUntilExit()
    return process.terminationStatus
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("dbspec-dev: " + message + "\n").utf8))
    exit(1)
}

func generate(check: Bool) {
    let files = Generated.files(Generated.Inputs(ruleFiles: ruleFiles(), parity: read("docs/parity.md")))
    var stale: [String] = []
    for file in files {
        let url = root.appendingPathComponent(file.path)
        let current = (try? Data(contentsOf: url)).map { [UInt8]($0) }
        guard current != file.bytes else { continue }
        stale.append(file.path)
        if !check {
            do { try Data(file.bytes).write(to: url, options: .atomic) } catch { fail("cannot write \(file.path): \(error)") }
        }
    }
    // The derived files made by scripts: the man page (swift-argument-parser's plugin) and the
    // catalogue (the pinned cfn-lint and botocore data).
    if script(["scripts/man.sh"] + (check ? ["--check"] : [])) != 0 { stale.append("docs/man/dbspec.1") }
    let python =
        FileManager.default.isExecutableFile(atPath: root.appendingPathComponent(".tools/venv/bin/python3").path) ? ".tools/venv/bin/python3" : "python3"
    if script([python, "scripts/catalog/build_catalog.py"] + (check ? ["--check"] : [])) != 0 { stale.append("Sources/DBSpecCatalog/Data") }
    if check {
        if !stale.isEmpty { fail("stale: \(stale.joined(separator: ", ")); run `swift run dbspec-dev generate` and commit the result") }
        print("generate --check: every derived file is current")
    } else {
        print(stale.isEmpty ? "generate: nothing changed" : "generate: wrote \(stale.joined(separator: ", "))")
        if stale.contains("Sources/DBSpecRules/RuleRegistry.swift") {
            print("generate: the rule registry changed; run `swift run dbspec-dev generate` once more for what depends on it (docs/rules.md)")
        }
    }
}

/// `rule new DB5nn NameRule`: the rule file from the template, in the folder of its code's range.
func newRule(code: String, name: String) {
    guard code.count == 5, code.hasPrefix("DB"), let number = Int(code.dropFirst(2)), (100...599).contains(number) else {
        fail("a rule code is DB and three digits from 100 to 599 (DB1xx engines, DB2xx security, DB3xx replicas and operations, DB4xx storage, DB5xx names)")
    }
    guard let first = name.first, first.isUppercase, name.allSatisfy({ $0.isLetter || $0.isNumber }) else {
        fail("a rule name is UpperCamelCase, like ReplicaWindowRule")
    }
    let type = name.hasSuffix("Rule") ? name : name + "Rule"
    let existing = RegistryGenerator.rules(ruleFiles())
    if let clash = existing.first(where: { $0.code == code || $0.type == type }) { fail("\(clash.code) \(clash.type) exists already") }
    let folders = ["1": "DB1xx-Engines", "2": "DB2xx-Security", "3": "DB3xx-ReplicasAndOperations", "4": "DB4xx-Storage", "5": "DB5xx-Names"]
    let folder = "Sources/DBSpecRules/Rules/" + folders[String(code.dropFirst(2).prefix(1))]!
    let path = folder + "/" + type + ".swift"
    let template = """
        import DBSpecCatalog
        import DBSpecDiagnostics
        import DBSpecModel

        /// \(code): WHAT IT REFUSES, in one line.
        struct \(type): Rule {
            static let description = RuleDescription(
                code: "\(code)", severity: .error,
                summary: "WHAT IT REFUSES, in one line",
                explanation: \"\"\"
                    Why, with the AWS facts behind it and where they are written (a fact the rule \\
                    checks is catalogue data: show it with `facts(_:)` instead of restating it).
                    \"\"\"
            )

            static let sources: [String] = [
                "https://docs.aws.amazon.com/... (the page and the sentence)"
            ]

            static var examples: RuleExamples {
                RuleExamples(
                    triggering: [Example.spec(database: ["↓..."])],
                    nonTriggering: [Example.spec()]
                )
            }

            func check(_ context: RuleContext, into sink: inout RuleSink) {
                // sink.report("what is wrong", at: range, help: "how to fix it", path: .database...)
            }
        }

        """
    do {
        try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        try Data(template.utf8).write(to: root.appendingPathComponent(path), options: .withoutOverwriting)
        for verdict in ["accept", "refuse"] {
            let truth = """
                # truth: \(verdict) \(code)
                # source: THE INDEPENDENT SOURCE (AWS documentation, API reference, cfn-lint data) and its words
                # why: what this case shows
                dbspec: 1
                name: orders
                region: us-west-2
                database:
                  engine: mysql
                  version: "8.4.8"
                  class: db.t3.micro
                  encryption: { kmsKey: create }

                """
            try Data(truth.utf8).write(
                to: root.appendingPathComponent("Tests/DBSpecTests/TruthTable/\(code)-\(verdict).yaml"), options: .withoutOverwriting)
        }
    } catch {
        fail("cannot write the rule: \(error)")
    }
    generate(check: false)
    print(
        """
        rule new: wrote \(path) and Tests/DBSpecTests/TruthTable/\(code)-{accept,refuse}.yaml.
        Fill in the rule (description, sources, examples, check) and the two truth-table cases, add a
        CHANGELOG line, then run `swift run dbspec-dev generate` and `scripts/test.sh fast`.
        """)
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch (arguments.first, arguments.dropFirst().first) {
case ("generate", nil): generate(check: false)
case ("generate", "--check"?): generate(check: true)
case ("rule", "new"?) where arguments.count == 4: newRule(code: arguments[2], name: arguments[3])
default:
    fail("usage: dbspec-dev generate [--check] | dbspec-dev rule new DBnnn NameRule")
}
