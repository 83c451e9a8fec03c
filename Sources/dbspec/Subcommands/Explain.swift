import ArgumentParser
import DBSpecKit

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain a diagnostic code.",
        discussion: """
            Prints what the rule refuses, why, and examples that trigger it and that do not.

            Examples:
              dbspec explain DB104
            """
    )

    @Argument(help: "A code such as DB104.")
    var code: String

    func run() throws {
        guard let text = DiagnosticCodes.markdown(code) else {
            throw CommandFailure("no diagnostic has the code `\(code)`; `dbspec rules` lists them")
        }
        try Streams.standardOutput(text)
    }
}

struct ListRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract:
            "List every diagnostic code with its severity and summary: the rules, and what the reader, the decoder, suppressions and the configuration report."
    )

    @Flag(help: "Print the rules reference as Markdown (docs/rules.md).")
    var markdown = false

    func run() throws {
        if markdown {
            try Streams.standardOutput(DiagnosticCodes.reference())
            return
        }
        var out = ""
        for info in DiagnosticCodes.all {
            let stage = info.stage == "rules" ? "" : " (\(info.stage))"
            out += "\(info.code)  \(info.severity.rawValue.padding(7))  \(info.summary)\(stage)\n"
        }
        try Streams.standardOutput(out)
    }
}

extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
