import DBSpecCatalog
import DBSpecDiagnostics
import DBSpecEmitters
import DBSpecFiles
import DBSpecJSON
import DBSpecLowering
import DBSpecModel
import DBSpecResolve
import DBSpecRules
import DBSpecSource

/// One diagnostic code: what reports it, its default severity, a summary and an explanation.
public struct CodeInfo: Sendable {
    public var code: String
    public var severity: Severity
    public var summary: String
    public var explanation: String
    /// What reports it: `reader`, `decoder`, `suppressions`, `configuration` or `rules`.
    public var stage: String
    /// How to fix what it reports, in general (each diagnostic's own help is more precise);
    /// nil for rules, whose page has examples.
    public var fix: String? = nil
    /// The security rules: DB2xx.
    public var isSecurity: Bool { code.hasPrefix("DB2") }
    /// A name for the code in UpperCamelCase (SARIF's `name`): the rule's type name, or one
    /// made from the summary.
    public var name: String {
        if let rule = RuleRegistry.rule(code: code) {
            let type = String(describing: rule)
            return type.hasSuffix("Rule") ? String(type.dropLast(4)) : type
        }
        var out = ""
        for word in summary.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).prefix(8) {
            out += word.prefix(1).uppercased() + word.dropFirst()
        }
        return out
    }
}

/// The codes the reader, the decoder, suppressions and the configuration report, with what
/// they mean; with the rules (`RuleRegistry`), every code dbspec reports. `explain`, `rules`,
/// SARIF's rule metadata and `docs/rules.md` all read this one table (`DiagnosticCodes.all`).
public enum StructuralCodes {
    public static let all: [CodeInfo] = [
        CodeInfo(
            code: "DB150", severity: .error, summary: "The file is not valid YAML or JSON",
            explanation:
                "libyaml could not parse the file; the message is libyaml's, at the position where it stopped. A key and its `:` must be on one line, indentation uses spaces, and quotes must close.",
            stage: "reader",
            fix:
                "Fix the YAML at the position shown: put a key and its `:` on one line, indent with spaces, close every quote and bracket. `python3 -c 'import yaml,sys; yaml.safe_load(open(sys.argv[1]))' FILE` shows the same problem."
        ),
        CodeInfo(
            code: "DB151", severity: .error, summary: "A mapping has the same key twice",
            explanation: "YAML and JSON parsers disagree on which of two equal keys wins, so dbspec refuses both and points at the second.", stage: "reader",
            fix: "Keep one of the two keys: delete the other, or merge their values."),
        CodeInfo(
            code: "DB152", severity: .error, summary: "The file holds more than one YAML document",
            explanation: "A spec file describes one database: one YAML document. Split documents separated by `---` into files of their own.", stage: "reader",
            fix: "Move each document after a `---` into a file of its own; each file describes one database."),
        CodeInfo(
            code: "DB153", severity: .error, summary: "A tag other than YAML's core tags",
            explanation:
                "Tags such as `!!python/object` or `!Ref` mean something only to particular programs; a spec takes YAML 1.2's core tags (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!map`, `!!seq`) only.",
            stage: "reader",
            fix: "Remove the tag and write the plain value (`5` instead of `!!python/int 5`, a string instead of `!Ref`)."),
        CodeInfo(
            code: "DB154", severity: .error, summary: "The file is not UTF-8",
            explanation:
                "Specs are UTF-8 (a byte-order mark is allowed); the diagnostic points at the first byte that is not part of a well-formed UTF-8 sequence.",
            stage: "reader",
            fix: "Save the file as UTF-8 (in most editors: File, Save with Encoding, UTF-8), or replace the character at the position shown."),
        CodeInfo(
            code: "DB155", severity: .error, summary: "Aliases expand to more nodes than allowed",
            explanation: "Aliases (`*name`) that expand past 10,000 nodes are refused (\"billion laughs\"), and so are recursive ones.", stage: "reader",
            fix: "Write the values out instead of using aliases (`&name`, `*name`); a spec needs few or none."),
        CodeInfo(
            code: "DB156", severity: .error, summary: "Nesting is deeper than allowed",
            explanation: "Mappings and lists nest at most 64 levels deep; specs need fewer than ten.", stage: "reader",
            fix: "Flatten the structure; a spec nests fewer than ten levels deep."),
        CodeInfo(
            code: "DB157", severity: .error, summary: "The file is larger than allowed",
            explanation: "A spec is at most 4 MiB; larger files are refused from their size, without being read whole.", stage: "reader",
            fix: "A spec describes one database in a few kilobytes: split the file, or check that the path is the spec you meant."),
        CodeInfo(
            code: "DB158", severity: .error, summary: "A mapping key is not a plain string",
            explanation: "Keys are strings: a list or mapping used as a key (`? [a, b]`) is refused.", stage: "reader",
            fix: "Write the key as a plain string."),
        CodeInfo(
            code: "DB160", severity: .error, summary: "A key the spec language does not have",
            explanation: "The key is not part of the spec language at that place; the help names the nearest key that is. `dbspec schema` prints every key.",
            stage: "decoder",
            fix: "Rename the key to the one the help suggests, or remove it; `dbspec schema` lists every key at every place."),
        CodeInfo(
            code: "DB161", severity: .error, summary: "A required key is missing",
            explanation:
                "`dbspec`, `name`, `region` and `database` with its `engine`, `version` and `class` are required, and so are the keys a choice needs (an existing VPC's `subnets`).",
            stage: "decoder",
            fix: "Add the missing key the message names, with a value; `dbspec schema` shows its kind."),
        CodeInfo(
            code: "DB162", severity: .error, summary: "A value of the wrong kind",
            explanation:
                "A list where a string belongs, a string where a number belongs, a decimal or special float (`.nan`, `1e40`) where a whole number belongs. Numbers are read as YAML 1.2's core schema reads them.",
            stage: "decoder",
            fix: "Write a value of the kind the message names: a quoted string, a whole number without a decimal point, `true` or `false`."),
        CodeInfo(
            code: "DB163", severity: .error, summary: "A value outside the allowed set or range",
            explanation:
                "A value the field does not take: outside its bounds, not one of its closed list, or malformed (a CIDR range, a Region code, a KMS key reference).",
            stage: "decoder",
            fix: "Write one of the values, or a value within the bounds, that the help names."),
        CodeInfo(
            code: "DB164", severity: .error, summary: "A spec language version this dbspec does not read",
            explanation: "`dbspec: 1` is the only version of the spec language.", stage: "decoder",
            fix: "Write `dbspec: 1` at the top of the spec."),
        CodeInfo(
            code: "DB165", severity: .error, summary: "A value whose meaning depends on the YAML version (yes, no, on, off, leading zeros)",
            explanation:
                "YAML 1.1 reads `yes`, `no`, `on` and `off` as booleans and `0755` as octal; YAML 1.2 and JSON do not. dbspec refuses them so that every tool reads the spec alike: write `true`, `false` or the plain number.",
            stage: "decoder",
            fix: "Write `true` or `false` for a boolean, a number without leading zeros, or quote the value to keep it as a string."),
        CodeInfo(
            code: "DB166", severity: .error, summary: "The file holds no spec",
            explanation: "The file is empty, holds only comments, or its top level is not a mapping.", stage: "decoder",
            fix: "Write a spec: a mapping with `dbspec: 1`, `name`, `region` and `database` (see `specs/` in the repository, and `dbspec schema`)."),
        CodeInfo(
            code: "DB167", severity: .error, summary: "Keys that exclude each other, or a choice without its companion key",
            explanation:
                "Some keys cannot be combined (a new VPC's `cidr` with an existing VPC's `id`; `public: true` with a new VPC, whose subnets are private).",
            stage: "decoder",
            fix: "Keep one of the keys the message names and remove the other, or add the companion key it asks for."),
        CodeInfo(
            code: "DB168", severity: .warning, summary: "An identifier with uppercase letters, which RDS stores in lowercase",
            explanation:
                "RDS takes uppercase letters in identifiers and stores them in lowercase (RDS API Reference, CreateDBInstance DBInstanceIdentifier); dbspec does the same, and says so.",
            stage: "decoder",
            fix: "Write the identifier in lowercase, as RDS stores it."),
        CodeInfo(
            code: "DB170", severity: .error, summary: "A suppression is malformed, names an unknown code, or gives no reason",
            explanation:
                "Suppressions need a known code and a reason: `# dbspec:disable-next-line DB319 -- why`. One that does not have them silences nothing.",
            stage: "suppressions",
            fix: "Write `# dbspec:disable-next-line CODE -- reason` (or `disable-file`) with a code `dbspec rules` lists and a reason after ` -- `."),
        CodeInfo(
            code: "DB171", severity: .warning, summary: "A suppression suppresses nothing",
            explanation: "No diagnostic of that code is reported where the suppression applies; remove it.", stage: "suppressions",
            fix: "Remove the suppression, or move it to the line above the finding it is meant for."),
        CodeInfo(
            code: "DB180", severity: .error, summary: "The configuration file (.dbspec.yaml) is invalid",
            explanation:
                "`.dbspec.yaml` takes " + Configuration.keyList()
                + " (`rules` by code: off, error, warning or note); anything else, or a file that cannot be read, stops the run with status 2.",
            stage: "configuration",
            fix: "Fix the key or value the message names in the configuration file; " + Configuration.keyList() + " are its keys."),
        CodeInfo(
            code: IdentifierCollisionCheck.code, severity: .error, summary: "Two names in the spec give one name in the output",
            explanation:
                "Resource names in the output are made from the spec's names: CloudFormation logical IDs keep letters and digits only, Terraform names turn every other character into `_`. Two different names that become one (replicas `catalog-ro-1` and `catalog-ro1`, both `CatalogRo1Replica`; IAM connect users `app-x` and `app.x`) would merge two resources into one, silently losing one of them, so the spec is refused and both names are shown. Renaming a deployed resource replaces it: rename the one that is not deployed yet.",
            stage: "lowering",
            fix: "Rename one of the two so that they differ in their letters or digits, not only in punctuation or case."),
    ]
}

/// Every diagnostic code, in code order.
public enum DiagnosticCodes {
    public static let all: [CodeInfo] =
        (StructuralCodes.all
        + RuleRegistry.all.map { rule in
            let d = rule.description
            return CodeInfo(code: d.code, severity: d.severity, summary: d.summary, explanation: d.explanation, stage: "rules")
        }).sorted { $0.code < $1.code }

    public static func info(_ code: String) -> CodeInfo? {
        let wanted = code.uppercased()
        return all.first { $0.code == wanted }
    }

    /// `dbspec explain CODE`: a rule's full page, or what a structural code means.
    public static func markdown(_ code: String) -> String? {
        if let rule = RuleRegistry.rule(code: code) { return RuleDocumentation.markdown(rule) }
        guard let info = info(code) else { return nil }
        let fix = info.fix.map { "\n## How to fix\n\n\($0)\n" } ?? ""
        return "# \(info.code): \(info.summary)\n\nSeverity: \(info.severity.rawValue)\n\nReported by the \(info.stage).\n\n\(info.explanation)\n" + fix
    }

    /// The reference page (`docs/rules.md`): an index of every code, then each code's page.
    public static func reference() -> String {
        var out = """
            # dbspec diagnostics

            GENERATED FILE. DO NOT EDIT! Written by `dbspec rules --markdown` from the one table of
            codes (the rules' own descriptions, and what the reader, the decoder, suppressions and
            the configuration report); a test fails when it is stale. Every rule names its sources;
            `Tests/DBSpecTests/TruthTable/` holds specs RDS accepts and refuses for each, with theirs.

            | code | severity | reported by | summary |
            |---|---|---|---|

            """
        for info in all {
            out += "| [\(info.code)](#\(info.code.lowercased())) | \(info.severity.rawValue) | \(info.stage) | \(info.summary) |\n"
        }
        for info in all {
            // Sections one level down, so the page has one title.
            out +=
                "\n<a id=\"\(info.code.lowercased())\"></a>\n\n"
                + (markdown(info.code) ?? "").split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("#") ? "#" + $0 : String($0) }.joined(separator: "\n")
        }
        return out
    }
}
