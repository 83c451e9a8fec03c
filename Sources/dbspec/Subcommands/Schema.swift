import ArgumentParser
import DBSpecKit

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the JSON Schema of the spec language, or of .dbspec.yaml.",
        discussion: """
            The schema (draft-07) comes from the same definitions the checker uses; editors \
            with yaml-language-server use it for completion and hover. The repository keeps \
            copies in schemas/dbspec-v1.schema.json and schemas/dbspec-config.schema.json.

            Examples:
              dbspec schema > dbspec-v1.schema.json
              dbspec schema --configuration > dbspec-config.schema.json
            """
    )

    @Flag(help: "Print the schema of the configuration file (.dbspec.yaml) instead.")
    var configuration = false

    func run() throws {
        try Streams.write(1, configuration ? JSONSchemaGenerator.renderConfiguration() : JSONSchemaGenerator.render())
    }
}
