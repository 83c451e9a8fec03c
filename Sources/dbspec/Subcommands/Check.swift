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

    var invocation: Invocation { input.invocation(.check) }

    func run() throws {
        let status = try invocation.execute()
        if status != 0 { throw ExitCode(status) }
    }
}
