import DBSpecKit
import Foundation
import Testing

/// One version: `DBSpec.version` is what the binary reports, and every place that names a
/// release (the README's install lines and pre-commit `rev`, the Action's example, the example
/// workflow, the CHANGELOG's newest heading) names that one (issue 27's drifted fact).
@Suite("One version")
struct VersionTests {
    static func text(_ path: String) throws -> String { String(decoding: try Repo.read(path), as: UTF8.self) }

    @Test func everyPlaceNamesTheBinarysVersion() throws {
        let v = DBSpec.version
        let readme = try Self.text("README.md")
        for line in ["pip install dbspec-\(v)-", "apt-get install ./dbspec_\(v)_amd64.deb", "tar -xzf dbspec-\(v)-linux-x86_64.tar.gz", "rev: v\(v)"] {
            #expect(readme.contains(line), "README.md lacks `\(line)`")
        }
        let versions = readme.matches(of: /dbspec[-_](\d+\.\d+\.\d+)/).map { String($0.1) } + readme.matches(of: /rev: v(\d+\.\d+\.\d+)/).map { String($0.1) }
        #expect(versions.allSatisfy { $0 == v }, "README.md names \(Set(versions))")
        #expect(try Self.text("action.yml").contains("like \(v)."))
        let workflow = try Self.text("docs/github-actions.yml")
        #expect(workflow.contains("dbspec@v\(v)") && workflow.contains("version: \(v)"))
        let changelog = try Self.text("CHANGELOG.md")
        let newest = changelog.split(separator: "\n").first { $0.hasPrefix("## ") }
        #expect(newest?.hasPrefix("## \(v)") == true, "CHANGELOG.md's newest heading is \(newest ?? "none")")
    }
}

/// Issue 27's drifted facts, each kept from drifting again.
@Suite("Facts with one owner")
struct OneOwnerTests {
    /// DB401's page shows the catalogue's limits instead of restating them (it said magnetic
    /// storage goes to 3,072 GiB while the catalogue gives SQL Server 1,024).
    @Test func storageLimitsAreTheCataloguesOnTheRulesPage() throws {
        let explanation = try #require(RuleRegistry.rule(code: "DB401")).description.explanation
        #expect(explanation.firstMatch(of: /\d[\d,]* GiB/) == nil, "\(explanation)")
        let page = try #require(DiagnosticCodes.markdown("DB401"))
        let sqlserver = try #require(Catalog.builtIn.engine("sqlserver-se")?.storage("standard"))
        #expect(page.contains("| sqlserver-se | standard | \(sqlserver.minSize) | \(sqlserver.maxSize) |"))
    }

    /// Every place that lists the configuration's keys lists them all (three of five omitted
    /// `layout`).
    @Test func everyConfigurationKeyIsListed() throws {
        let db180 = try #require(DiagnosticCodes.info("DB180"))
        let schema = String(decoding: try Repo.read("schemas/dbspec-config.schema.json"), as: UTF8.self)
        for key in Configuration.keys.map(\.name) {
            #expect(db180.explanation.contains("`\(key)`") && (db180.fix ?? "").contains("`\(key)`"), "DB180 omits \(key)")
            #expect(schema.contains("\"\(key)\""), "the configuration schema omits \(key)")
        }
    }

    /// DB166's fix points at folders that exist.
    @Test func structuralFixesNameFoldersThatExist() throws {
        for info in StructuralCodes.all {
            for match in (info.fix ?? "").matches(of: /`([a-z]+\/)`/) {
                #expect(FileManager.default.fileExists(atPath: Repo.url(String(match.1)).path), "\(info.code) names \(match.1)")
            }
        }
    }
}
