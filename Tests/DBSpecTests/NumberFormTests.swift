import DBSpecKit
import DBSpecSource
import Foundation
import Testing

/// Every number field, given every way YAML and JSON can write a number (and things that only
/// look like one), answers with a positioned diagnostic: never a trap, never "expected a
/// number, found a number", never a help that suggests a value outside the field's range.
@Suite("Number forms")
struct NumberFormTests {
    /// Where each number field is written, as a line under `database:` (or the top level for
    /// `network` and `dbspec`), with `VALUE` where the number goes.
    static let fields: [(path: String, yaml: String, integer: Bool)] = [
        ("database.storage.size", "  storage: { size: VALUE }", true),
        ("database.storage.iops", "  storage: { type: io1, size: 100, iops: VALUE }", true),
        ("database.storage.throughput", "  storage: { size: 500, throughput: VALUE }", true),
        ("database.storage.maxSize", "  storage: { maxSize: VALUE }", true),
        ("database.backup.retentionDays", "  backup: { retentionDays: VALUE }", true),
        ("database.monitoring.interval", "  monitoring: { interval: VALUE }", true),
        ("database.monitoring.performanceInsights.retentionDays", "  monitoring: { performanceInsights: { retentionDays: VALUE } }", true),
        ("database.port", "  port: VALUE", true),
        ("database.capacity.min", "  capacity: { min: VALUE, max: 4 }", false),
        ("database.capacity.max", "  capacity: { min: 1, max: VALUE }", false),
    ]

    /// Numbers in every notation, special floats, huge integers, and near-numbers.
    static let forms = [
        "1e40", "1e400", "-1e400", "1e19", "1E3", "1.5", "-0.0", ".5", "5.", "0x1p70", "0x10", "0o17", "0b101",
        ".nan", ".NaN", ".inf", "-.inf", "+.Inf", "nan", "NaN", "inf", "-inf", "Infinity", "-Infinity",
        "99999999999999999999", "-99999999999999999999", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "1_000", "1,000", "+12", "007", "12abc", "'12'", "\"1e40\"", "~", "[]", "{}",
    ]

    static func spec(_ line: String, value: String) -> String {
        let engine = line.contains("capacity") ? "aurora-postgresql" : "mysql"
        let version = engine == "mysql" ? "8.4.8" : "16.13"
        let instanceClass = engine == "mysql" ? "db.t3.micro" : "db.serverless"
        return """
            dbspec: 1
            name: orders
            region: us-west-2
            database:
              engine: \(engine)
              version: "\(version)"
              class: \(instanceClass)
              encryption: { kmsKey: create }
            \(line.replacingOccurrences(of: "VALUE", with: value))

            """
    }

    @Test(arguments: fields)
    func everyFormGetsAPositionedDiagnosticOrAValue(_ field: (path: String, yaml: String, integer: Bool)) {
        for form in Self.forms {
            let text = Self.spec(field.yaml, value: form)
            let result = check(text)
            let mine = result.diagnostics.filter { $0.path == field.path }
            for d in mine {
                #expect(d.range.start.line == 9, "\(field.path) = \(form): \(d)")
                #expect(
                    !(d.message.contains("expected a") && d.message.hasSuffix("found a number") && !field.integer),
                    "\(field.path) = \(form): \(d.message)")
                #expect(
                    !d.message.contains("expected a decimal integer") || !d.message.hasSuffix("found a number"),
                    "\(field.path) = \(form): \(d.message)")
            }
            // A form that is not a plain decimal number never decodes as one.
            let plain = YAMLNumber.classify(form).map { $0 != .special } ?? false
            if !plain || form.hasPrefix("0x") || form.hasPrefix("'") || form.hasPrefix("\"") {
                #expect(
                    !mine.isEmpty || result.diagnostics.contains { $0.code.hasPrefix("DB16") },
                    "\(field.path) = \(form) was accepted: \(result.diagnostics)")
            }
        }
    }

    @Test func integerHelpNeverProposesAValueOutsideTheRange() throws {
        let d = try #require(
            check(Self.spec("  backup: { retentionDays: VALUE }", value: "1e3")).diagnostics.first { $0.path == "database.backup.retentionDays" })
        #expect(d.help == "write a whole number from 0 to 35")
        let e = try #require(check(Self.spec("  storage: { size: VALUE }", value: "1e2")).diagnostics.first { $0.path == "database.storage.size" })
        #expect(e.help == "write a whole number, like `100`")
        let f = try #require(check(Self.spec("  storage: { size: VALUE }", value: "1e40")).diagnostics.first { $0.path == "database.storage.size" })
        #expect(f.message == "expected a decimal integer for `database.storage.size`, found a decimal number")
        #expect(f.help == "write a whole number from 1 to 65536")
        let g = try #require(check(Self.spec("  capacity: { min: VALUE, max: 4 }", value: ".nan")).diagnostics.first { $0.path == "database.capacity.min" })
        #expect(g.message == "expected a finite decimal number for `database.capacity.min`, found `.nan`, a float that is not finite")
    }

    @Test func theCommandLineAnswersOneE40WithExitOne() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("n.yaml")
        try Self.spec("  storage: { size: VALUE }", value: "1e40").write(to: file, atomically: true, encoding: .utf8)
        let run = try Run(["check", "--format", "gcc", file.path])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("n.yaml:9:20: error: expected a decimal integer for `database.storage.size`"), "\(run.stderr)")
    }

    @Test func jsonNumbersAndSpecialValuesToo() throws {
        for form in ["1e40", "NaN", "Infinity", "-Infinity", "1.5", "18446744073709551616"] {
            let json =
                #"{"dbspec": 1, "name": "orders", "region": "us-west-2", "database": {"engine": "mysql", "version": "8.4.8", "class": "db.t3.micro", "encryption": {"kmsKey": "create"}, "storage": {"size": \#(form)}}}"#
            let result = check(json, name: "spec.json")
            #expect(result.hasErrors, "\(form) accepted")
        }
    }
}
