import ArgumentParser
import DBSpecKit

extension ChangeReport.Threshold: ExpressibleByArgument {}

struct Diff: ParsableCommand {
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case text, json, markdown, github
    }

    static let configuration = CommandConfiguration(
        abstract: "Tell what changing a spec does to the deployed database: replaced, restarted, or changed in place.",
        discussion: """
            Both versions are compiled for CloudFormation and Terraform and compared resource by \
            resource, the way each decides: create-only properties and ForceNew arguments replace \
            a resource, and a property that refers to a replaced resource changes with it. Each \
            change is traced to the spec field that causes it, and classified, worst first: \
            replacement (the database or cluster is replaced: data lost unless restored from a \
            snapshot), dependency-replaced (a security group, subnet group, parameter group, key \
            or secret it uses is replaced), downtime (a reboot, failover or outage), in-place.

            With --base, the old text of each spec is read from git (`git show REV:FILE`; the \
            work tree is not touched); without files, every changed spec since REV is compared.

            To accept a planned change, write on the line above the field: \
            `# dbspec:accept-next-line -- why` (JSON specs: `x-dbspec-accept: [{field, reason}]`). \
            An accepted change is still reported but does not fail --fail-on.

            Exit status: 0, or 1 when a spec has errors or a change at or above --fail-on is not \
            accepted; 2 for usage and I/O problems.

            Examples:
              dbspec diff old/orders.yaml specs/orders.yaml
              dbspec diff --base origin/main --format markdown > comment.md
              dbspec diff --base HEAD~1 specs/orders.yaml --fail-on downtime
            """
    )

    @Argument(help: ArgumentHelp("OLD NEW, or with --base the specs to compare (default: every spec changed since REV).", valueName: "file"))
    var files: [String] = []

    @Option(help: ArgumentHelp("Compare with the specs as they are in this git revision.", valueName: "rev"))
    var base: String?

    @Option(help: "text, json, markdown (a pull-request comment) or github (annotations on the changed lines).")
    var format: Format = .text

    @Option(help: "Exit 1 for a change at least this bad that is not accepted: replacement, downtime, any or never.")
    var failOn: ChangeReport.Threshold = .replacement

    @Option(help: ArgumentHelp("Write the report to this file (atomically) instead of stdout.", valueName: "file"))
    var outputFile: String?

    func validate() throws {
        if base == nil && files.count != 2 { throw ValidationError("give OLD and NEW, or --base REV [FILE...]") }
    }

    func run() throws {
        let analysis = ChangeAnalysis()
        var diffs: [SpecDiff] = []
        // What the run reads, so that --output-file never replaces one of them.
        var inputs = files
        if let outputFile { try Streams.refuseInput(outputFile, inputs: inputs) }
        if let base {
            let repository = try GitBase(revision: base)
            for pair in try files.isEmpty ? repository.changedSpecs() : files.map { try repository.pair(forArgument: $0) } {
                inputs.append(repository.top + "/" + pair.new.topRelative)
                let new = try repository.workTreeText(pair.new)
                let old = try pair.old.flatMap { try repository.revisionText($0) }
                if new == nil && old == nil { throw CommandFailure("\(pair.new.shown): not found, here or in \(base)") }
                var diff = analysis.diff(
                    old: old.map { SourceText(name: "\(base):\(pair.old!.shown)", bytes: $0) },
                    new: new.map { SourceText(name: pair.new.shown, bytes: $0) }, name: pair.new.shown)
                if let from = pair.old, from.topRelative != pair.new.topRelative { diff.renamedFrom = from.shown }
                diffs.append(diff)
            }
        } else {
            let old = try read(files[0])
            let new = try read(files[1])
            diffs.append(
                analysis.diff(old: SourceText(name: files[0], bytes: old), new: SourceText(name: files[1], bytes: new), name: files[1]))
        }
        let text: String
        switch format {
        case .text: text = ChangeReport.text(diffs)
        case .json: text = String(decoding: ChangeReport.json(diffs, threshold: failOn), as: UTF8.self)
        case .github: text = ChangeReport.github(diffs, threshold: failOn)
        case .markdown:
            var pictures: [String: String] = [:]
            // A diff is named after its new file, in both forms.
            for diff in diffs where !diff.hasErrors && !diff.deleted {
                guard let bytes = try? FileSystem.readSpec(diff.name), let topology = analysis.topology(SourceText(name: diff.name, bytes: bytes)) else {
                    continue
                }
                pictures[diff.name] = topology.mermaid(marked: analysis.marks(diff, topology: topology))
            }
            text = ChangeReport.markdown(diffs, threshold: failOn, pictures: pictures)
        }
        if let outputFile {
            try Streams.writeFile(Array(text.utf8), to: outputFile, inputs: inputs)
        } else {
            try Streams.standardOutput(text)
        }
        if diffs.contains(where: { ChangeReport.fails($0, threshold: failOn) }) { throw ExitCode(1) }
    }

    private func read(_ path: String) throws(CommandFailure) -> [UInt8] {
        do { return try FileSystem.readSpec(path) } catch { throw CommandFailure("\(error)") }
    }

    /// A `dbspec:` key at the top of a YAML document, or a `"dbspec"` member of a JSON object.
    static func looksLikeSpec(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes.prefix(65536), as: UTF8.self)
        return text.split(separator: "\n").contains { $0.hasPrefix("dbspec:") || $0.contains("\"dbspec\"") }
    }
}
