import DBSpecKit
import Foundation
import Testing

/// Issue 26's generated hostile corpus: payloads for every output language (HTML, Markdown,
/// Mermaid, DOT, CloudFormation, Terraform, the terminal), written into the spec's free-text
/// fields, run through every subcommand and format. Each run must end with a status (0, 1 or 2:
/// no crash, no hang), write nothing but its output, and show spec text as text.
@Suite("Hostile corpus")
struct HostileCorpusTests {
    static let payloads: [(name: String, text: String)] = [
        ("html", "<img src=x onerror=alert(1)>"),
        ("markdown", "x\n```\n<details open>\n\n## Approved by @security-team"),
        ("mermaid", "%%{init: {'theme':'dark'}}%%\nclick a call alert()"),
        ("dot", "x\\\" ]; evil [label=\"pwn"),
        ("backslash", "role\\"),
        ("cloudformation", "{{resolve:ssm:/prod/db/password}}"),
        ("terraform", "${file(\"/etc/passwd\")} %{ for x in y }"),
        ("escape", "\u{1B}[31mred\u{1B}]8;;http://evil\u{7}"),
        ("invisible", "or\u{200B}ders \u{202E}gnp.exe"),
        ("long", String(repeating: "A", count: 5000)),
    ]

    /// A spec whose free-text fields all hold `payload`: tag value, allow description, parameter
    /// value, parameter name, connect user and role.
    static func spec(_ payload: String) -> String {
        let quoted = String(decoding: JSONWriter.compact(.string(payload)), as: UTF8.self)
        return """
            dbspec: 1
            name: orders
            region: us-west-2
            tags:
              team: \(quoted)
            network:
              vpc: { cidr: 10.0.0.0/16, azs: 2 }
              allow:
                - cidr: 10.0.0.0/16
                  description: \(quoted)
            database:
              engine: mysql
              version: "8.4.8"
              class: db.t3.micro
              encryption: { kmsKey: create }
              iamAuth: true
              parameters:
                init_connect: \(quoted)
                \(quoted): "1"
            iam:
              connect:
                - user: \(quoted)
                  roles: [\(String(decoding: JSONWriter.compact(.string("arn:aws:iam::123456789012:role/" + payload)), as: UTF8.self))]

            """
    }

    /// The payload only where no rule refuses it (a parameter value), so that compile, graph
    /// and diff run to their output.
    static func compilable(_ payload: String) -> String {
        let quoted = String(decoding: JSONWriter.compact(.string(payload)), as: UTF8.self)
        return """
            dbspec: 1
            name: orders
            region: us-west-2
            network:
              vpc: { cidr: 10.0.0.0/16, azs: 2 }
              allow:
                - cidr: 10.0.0.0/16
            database:
              engine: mysql
              version: "8.4.8"
              class: db.t3.micro
              encryption: { kmsKey: create }
              parameters:
                init_connect: \(quoted)

            """
    }

    static let base = compilable("SET @a = 1")

    /// The Mermaid pictures of a Markdown comment: what stands between a ```` ```mermaid ```` line
    /// (any number of backticks) and its closing fence.
    static func mermaidBlocks(_ markdown: String) -> [String] {
        var out: [String] = []
        var fence: String?
        var current = ""
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if let f = fence {
                if line == f {
                    out.append(current)
                    fence = nil
                    current = ""
                } else {
                    current += line + "\n"
                }
            } else if line.hasPrefix("```"), line.hasSuffix("mermaid") {
                fence = String(line.prefix { $0 == "`" })
            }
        }
        return out
    }

    /// DOT text without its quoted strings (escapes followed): what Graphviz reads as statements.
    static func outsideStrings(_ dot: String) -> String {
        var out = ""
        var inString = false
        var escaped = false
        for c in dot {
            if inString {
                if escaped {
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == "\"" {
                    inString = false
                }
            } else if c == "\"" {
                inString = true
            } else {
                out.append(c)
            }
        }
        return out
    }

    @Test(arguments: payloads.map(\.name))
    func payloadStaysText(_ name: String) throws {
        let payload = Self.payloads.first { $0.name == name }!.text
        let dir = try temporaryDirectory()
        let all = dir.appendingPathComponent("all.yaml")
        let good = dir.appendingPathComponent("good.yaml")
        let old = dir.appendingPathComponent("old.yaml")
        try Self.spec(payload).write(to: all, atomically: true, encoding: .utf8)
        try Self.compilable(payload).write(to: good, atomically: true, encoding: .utf8)
        try Self.base.write(to: old, atomically: true, encoding: .utf8)
        let inputs = try [all, good, old].map { try Data(contentsOf: $0) }
        let out = dir.appendingPathComponent("out").path

        var runs: [(String, Run)] = []
        for spec in [all.path, good.path] {
            for format in ["text", "gcc", "json", "sarif", "github"] {
                runs.append(("check \(format)", try Run(["check", spec, "--format", format])))
            }
            for target in ["cloudformation", "terraform"] {
                runs.append(("compile \(target)", try Run(["compile", spec, "--target", target, "-o", out])))
            }
            for format in ["dot", "mermaid"] { runs.append(("graph \(format)", try Run(["graph", spec, "--format", format]))) }
            for format in ["text", "json", "markdown", "github"] {
                runs.append(("diff \(format)", try Run(["diff", old.path, spec, "--format", format, "--fail-on", "never"])))
            }
        }
        runs.append(("explain", try Run(["explain", payload])))
        for (what, run) in runs {
            #expect([0, 1, 2].contains(run.status), "\(name): \(what) ended with \(run.status)")
            let human = what.hasSuffix("text") || what.hasSuffix("gcc") || what == "explain"
            if human {
                for text in [run.stdout, run.stderr] {
                    #expect(!text.contains("\u{1B}") && !text.contains("\u{202E}") && !text.contains("\u{200B}"), "\(name): \(what) printed a raw control")
                }
            }
            if what == "diff markdown" {
                for raw in ["<img", "<details open", "\n## Approved", "\n```\n<details"] {
                    #expect(!run.stdout.contains(raw), "\(name): the PR comment holds `\(raw)`")
                }
                for picture in Self.mermaidBlocks(run.stdout) {
                    #expect(!picture.contains("%%{") && !picture.contains("<img") && !picture.contains("\nclick"), "\(name): the comment's picture")
                }
            }
            if what == "graph mermaid" {
                #expect(!run.stdout.contains("%%{") && !run.stdout.contains("<img") && !run.stdout.contains("\nclick"), "\(name): mermaid")
            }
            if what == "graph dot" && run.status == 0 {
                #expect(!Self.outsideStrings(run.stdout).contains("evil"), "\(name): a DOT statement was injected")
            }
        }
        // What compiled carries no live CloudFormation or Terraform code from the spec.
        for file in (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? [] {
            let text = try String(contentsOfFile: out + "/" + file, encoding: .utf8)
            #expect(!text.contains("{{resolve:"), "\(name): \(file) holds a dynamic reference")
            guard file.hasSuffix(".tf.json") else { continue }
            #expect(!text.replacingOccurrences(of: "$${", with: "").contains("${file"), "\(name): \(file) holds a Terraform expression")
            #expect(!text.replacingOccurrences(of: "%%{", with: "").contains("%{ for"), "\(name): \(file) holds a Terraform directive")
        }
        // Nothing but the outputs was written.
        #expect(try [all, good, old].map { try Data(contentsOf: $0) } == inputs)
    }
}
