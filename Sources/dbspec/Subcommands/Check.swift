import ArgumentParser
import DBSpecKit

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check specs without writing anything.",
        discussion: """
            Reads each spec, checks its structure and runs every rule. Exit status 1 when any \
            spec has errors.

            Examples:
              dbspec check specs/orders.yaml
              dbspec check --format json specs/*.yaml
            """
    )

    @OptionGroup var input: InputOptions

    func run() throws {
        let compiler = input.compiler()
        let results = input.sources().map { compiler.check($0) }
        input.report(results)
        if results.contains(where: \.hasErrors) { throw ExitCode(1) }
    }
}
