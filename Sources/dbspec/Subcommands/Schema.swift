import ArgumentParser
import DBSpecKit

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the JSON Schema of the spec language.",
        discussion: """
            The schema (draft-07) comes from the same definitions the checker uses; editors \
            with yaml-language-server use it for completion and hover. The repository keeps a \
            copy in schemas/dbspec-v1.schema.json.

            Examples:
              dbspec schema > dbspec-v1.schema.json
            """
    )

    func run() throws {
        try Output.write(1, JSONSchemaGenerator.render())
    }
}
