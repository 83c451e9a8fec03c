import DBSpecKit
@testable import DBSpecRules
import Foundation
import Testing

/// Where `↓` stands in an example, as a 1-based line and column, and the text without it.
func marked(_ example: String) -> (text: String, marker: SourcePosition?) {
    var line = 1, column = 1
    var marker: SourcePosition?
    var out = String.UnicodeScalarView()
    for scalar in example.unicodeScalars {
        if scalar == "↓" { marker = SourcePosition(line: line, column: column); continue }
        out.append(scalar)
        if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
    }
    return (String(out), marker)
}

@Suite("Rules")
struct RuleTests {
    static let rules: [any Rule.Type] = RuleRegistry.all

    @Test(arguments: rules.map { $0.description.code })
    func triggeringExamplesTriggerAtTheMarker(_ code: String) throws {
        let rule = try #require(RuleRegistry.rule(code: code))
        for example in rule.examples.triggering {
            let (text, marker) = marked(example)
            let position = try #require(marker, "example of \(code) has no ↓ marker:\n\(example)")
            let found = check(text).diagnostics.filter { $0.code == code }
            #expect(
                found.contains { $0.range.start == position },
                "\(code) did not fire at \(position) in:\n\(text)\nfound: \(check(text).diagnostics)")
            #expect(found.allSatisfy { $0.severity == rule.description.severity || $0.severity == .warning })
        }
    }

    @Test(arguments: rules.map { $0.description.code })
    func nonTriggeringExamplesAreClean(_ code: String) throws {
        let rule = try #require(RuleRegistry.rule(code: code))
        for example in rule.examples.nonTriggering {
            let result = check(example)
            #expect(!result.diagnostics.contains { $0.code == code }, "\(code) fired on:\n\(example)\n\(result.diagnostics)")
            #expect(!result.hasErrors, "non-triggering example of \(code) has errors:\n\(example)\n\(result.diagnostics)")
        }
    }

    @Test func codesAreUniqueWellFormedAndDocumented() {
        var seen = Set<String>()
        for rule in RuleRegistry.all {
            let d = rule.description
            #expect(!seen.contains(d.code), "duplicate code \(d.code)")
            seen.insert(d.code)
            let digits = d.code.dropFirst(2)
            #expect(d.code.hasPrefix("DB") && digits.count == 3 && digits.allSatisfy(\.isNumber), "bad code \(d.code)")
            #expect(!rule.examples.triggering.isEmpty, "\(d.code) has no triggering example")
            #expect(!rule.examples.nonTriggering.isEmpty, "\(d.code) has no non-triggering example")
            #expect(d.explanation.count > 80, "\(d.code) needs an explanation")
            #expect(!d.summary.hasSuffix("."), "\(d.code) summary ends with a period")
        }
        // Rule codes never clash with the reader's and decoder's structural codes.
        #expect(seen.allSatisfy { !(150...199).contains(Int($0.dropFirst(2)) ?? 0) })
    }

    @Test func rulesReferenceIsCurrent() throws {
        let text = DiagnosticCodes.reference()
        try assertGolden(Array(text.utf8), "docs/rules.md")
        for info in DiagnosticCodes.all { #expect(text.contains("## \(info.code): ")) }
    }

    /// One rule per file, the file named after its type, in the folder of its code's range
    /// (`Rules/DB1xx-Engines/InstanceClassOfferedRule.swift` holds DB104).
    @Test func oneRulePerFileInItsRangeFolder() throws {
        let root = Repo.url("Sources/DBSpecRules/Rules")
        let files = try FileManager.default.subpathsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count == RuleRegistry.all.count, "\(files.count) files for \(RuleRegistry.all.count) rules")
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            let types = text.components(separatedBy: "\nstruct ").dropFirst().map { String($0.prefix { $0 != ":" }) }
            let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
            #expect(types == [name], "\(file) defines \(types)")
            let code = try #require(RuleRegistry.all.first { String(describing: $0) == name }?.description.code, "\(name) is not registered")
            #expect(file.hasPrefix("DB\(code.dropFirst(2).prefix(1))xx-"), "\(file) holds \(code)")
        }
    }

    /// One table of codes, in code order, with no code twice: the rules' registry is in code
    /// order too, and every code any stage reports is explained.
    @Test func oneCodeTableInCodeOrder() throws {
        let codes = DiagnosticCodes.all.map(\.code)
        #expect(codes == codes.sorted() && Set(codes).count == codes.count)
        let ruleCodes = RuleRegistry.all.map { $0.description.code }
        #expect(ruleCodes == ruleCodes.sorted(), "RuleRegistry.all is not in code order")
        for code in ["DB150", "DB160", "DB168", "DB170", "DB180", "DB104"] {
            #expect(DiagnosticCodes.markdown(code)?.hasPrefix("# \(code): ") == true, "explain \(code)")
        }
        for (name, value) in [("SourceCode", ["DB150", "DB151", "DB152", "DB153", "DB154", "DB155", "DB156", "DB157", "DB158"])] {
            for code in value { #expect(DiagnosticCodes.info(code)?.stage == "reader", "\(name) \(code)") }
        }
    }

    @Test func explainShowsExamplesWithoutMarkers() throws {
        let rule = try #require(RuleRegistry.rule(code: "db104"))
        let text = RuleDocumentation.markdown(rule)
        #expect(text.hasPrefix("# DB104: "))
        #expect(text.contains("db.t2.micro"))
        #expect(!text.contains("↓"))
    }

    @Test func messagesAreLowercaseWithoutPeriods() throws {
        let text = try String(decoding: Repo.read("specs/invalid/reference-ha.yaml"), as: UTF8.self)
        for d in check(text).diagnostics {
            #expect(!d.message.hasSuffix("."))
            #expect(d.message.first.map { !$0.isUppercase } ?? false, "\(d.message)")
        }
    }
}

@Suite("Pinned rule specs")
struct PinnedRuleSpecTests {
    /// Every rule has `specs/invalid/rules/CODE.yaml`, which triggers it, and no file names a
    /// rule that does not exist.
    @Test func everyRuleHasItsPinnedSpecAndNoneIsStale() throws {
        let files = Repo.files(in: "specs/invalid/rules", extensions: ["yaml"]).map {
            ($0 as NSString).lastPathComponent.replacingOccurrences(of: ".yaml", with: "")
        }
        let codes = RuleRegistry.all.map { $0.description.code }
        #expect(Set(files) == Set(codes), "missing: \(Set(codes).subtracting(files).sorted()), stale: \(Set(files).subtracting(codes).sorted())")
        for code in codes {
            let text = String(decoding: try Repo.read("specs/invalid/rules/\(code).yaml"), as: UTF8.self)
            let result = check(text, name: "\(code).yaml")
            #expect(result.diagnostics.contains { $0.code == code }, "\(code).yaml does not trigger \(code)")
        }
    }
}

/// Backup and maintenance windows are read as bytes (`Window`): the forms RDS takes pass, and
/// near misses, padded, signed, full-width or non-ASCII forms are refused (DB317).
@Suite("Window formats")
struct WindowFormatTests {
    static let backup: [(String, Bool)] = [
        ("03:00-04:00", true), ("23:30-00:30", true), ("00:00-23:59", true),
        ("3:00-04:00", false), ("24:00-01:00", false), ("03:60-04:00", false), ("+3:00-04:00", false),
        ("03:00-04:00 ", false), ("03:00--4:00", false), ("０３:00-04:00", false), ("03-00-04:00", false),
        ("03:00_04:00", false), ("03:0004:00", false),
    ]
    static let maintenance: [(String, Bool)] = [
        ("sun:05:00-sun:06:00", true), ("Sun:05:00-SUN:06:00", true), ("fri:23:30-sat:00:30", true),
        ("sun:5:00-sun:06:00", false), ("sün:05:00-sun:06:00", false), ("frİ:05:00-sat:06:00", false),
        ("sunday:05:00-sun:06:00", false), ("sun-05:00-sun:06:00", false), ("sun:05:00+sun:06:00", false),
        ("xyz:05:00-sun:06:00", false), ("sun:05:00-sun:24:00", false),
    ]

    @Test(arguments: backup)
    func backupWindows(_ window: String, _ valid: Bool) {
        let text = Example.spec(database: ["backup: { window: \"\(window)\" }"])
        let found = Compiler().check(SourceText(name: "w.yaml", text: text)).diagnostics.filter { $0.path == "database.backup.window" }
        #expect(found.isEmpty == valid, "\(window): \(found.map(\.message))")
    }

    @Test(arguments: maintenance)
    func maintenanceWindows(_ window: String, _ valid: Bool) {
        let text = Example.spec(database: ["maintenanceWindow: \"\(window)\""])
        let found = Compiler().check(SourceText(name: "w.yaml", text: text)).diagnostics.filter { $0.path == "database.maintenanceWindow" }
        #expect(found.isEmpty == valid, "\(window): \(found.map(\.message))")
    }
}
