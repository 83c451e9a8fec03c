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
        guard let rule = RuleRegistry.rule(code: code) else {
            Output.fail("no rule has the code `\(code)`; `dbspec rules` lists them")
        }
        Output.standardOutput(RuleDocumentation.markdown(rule))
    }
}

struct ListRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every rule with its code, severity and summary."
    )

    @Flag(help: "Print the rules reference as Markdown (docs/rules.md).")
    var markdown = false

    func run() throws {
        if markdown {
            Output.standardOutput(RuleDocumentation.reference(RuleRegistry.all))
            return
        }
        var out = ""
        for rule in RuleRegistry.all {
            let d = rule.description
            out += "\(d.code)  \(d.severity.rawValue.padding(7))  \(d.summary)\n"
        }
        Output.standardOutput(out)
    }
}

extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
