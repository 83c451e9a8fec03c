// swift-tools-version:6.0
import PackageDescription

// The stages depend on each other in one direction only (docs/architecture.md draws it):
// Source -> Model -> Resolve -> Rules and Lowering -> Emitters -> Check -> Reports, Diff, Graph,
// LanguageServer, JSONSchema -> Kit (the façade) -> dbspec (CLI). Catalog holds the RDS facts.
// No library target imports Foundation: start-up time is the product (see docs/performance.md).
let package = Package(
    name: "dbspec",
    products: [
        .library(name: "DBSpecKit", targets: ["DBSpecKit"]),
        .executable(name: "dbspec", targets: ["dbspec"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(name: "DBSpecDiagnostics"),
        .target(name: "DBSpecJSON"),
        .target(name: "DBSpecSource", dependencies: ["CYAML", "DBSpecDiagnostics"]),
        .target(
            name: "DBSpecCatalog",
            dependencies: ["DBSpecJSON"],
            plugins: ["EmbedData"]
        ),
        .executableTarget(name: "embed-data", path: "Sources/embed-data"),
        .plugin(name: "EmbedData", capability: .buildTool(), dependencies: ["embed-data"]),
        .target(name: "DBSpecModel", dependencies: ["DBSpecSource", "DBSpecDiagnostics"]),
        // The decoded model and its decoder: read only by Resolve (and the pipelines that run
        // the decoder), so that rules and lowering cannot name what Resolve replaces.
        .target(name: "DBSpecDecoder", dependencies: ["DBSpecModel", "DBSpecSource", "DBSpecDiagnostics"]),
        .target(name: "DBSpecResolve", dependencies: ["DBSpecDecoder", "DBSpecModel", "DBSpecCatalog", "DBSpecDiagnostics"]),
        .target(name: "DBSpecRules", dependencies: ["DBSpecResolve", "DBSpecModel", "DBSpecCatalog", "DBSpecSource", "DBSpecDiagnostics"]),
        .target(name: "DBSpecLowering", dependencies: ["DBSpecResolve", "DBSpecModel", "DBSpecCatalog", "DBSpecDiagnostics"]),
        .target(name: "DBSpecEmitters", dependencies: ["DBSpecLowering", "DBSpecJSON"]),
        // Features after the pipeline, one module each (docs/architecture.md).
        .target(name: "DBSpecFiles", dependencies: ["DBSpecDiagnostics", "DBSpecSource"]),
        .target(
            name: "DBSpecCheck",
            dependencies: [
                "DBSpecDiagnostics", "DBSpecJSON", "DBSpecSource", "DBSpecCatalog", "DBSpecModel", "DBSpecDecoder", "DBSpecResolve",
                "DBSpecRules", "DBSpecLowering", "DBSpecEmitters", "DBSpecFiles",
            ]
        ),
        .target(name: "DBSpecReports", dependencies: ["DBSpecCheck", "DBSpecDiagnostics", "DBSpecFiles", "DBSpecJSON", "DBSpecRules"]),
        .target(name: "DBSpecJSONSchema", dependencies: ["DBSpecCheck", "DBSpecEmitters", "DBSpecJSON", "DBSpecModel"]),
        .target(name: "DBSpecGraph", dependencies: ["DBSpecLowering"]),
        .target(
            name: "DBSpecDiff",
            dependencies: [
                "DBSpecCheck", "DBSpecReports", "DBSpecGraph", "DBSpecDiagnostics", "DBSpecJSON", "DBSpecSource", "DBSpecCatalog",
                "DBSpecModel", "DBSpecDecoder", "DBSpecResolve", "DBSpecRules", "DBSpecLowering", "DBSpecEmitters",
            ]
        ),
        .target(
            name: "DBSpecLanguageServer",
            dependencies: [
                "DBSpecCheck", "DBSpecReports", "DBSpecDiagnostics", "DBSpecJSON", "DBSpecSource", "DBSpecCatalog", "DBSpecModel",
                "DBSpecResolve", "DBSpecRules",
            ]
        ),
        // The library's façade: re-exports the modules above.
        .target(
            name: "DBSpecKit",
            dependencies: [
                "DBSpecDiagnostics", "DBSpecJSON", "DBSpecSource", "DBSpecCatalog", "DBSpecModel", "DBSpecDecoder", "DBSpecResolve",
                "DBSpecRules", "DBSpecLowering", "DBSpecEmitters", "DBSpecFiles", "DBSpecCheck", "DBSpecReports", "DBSpecJSONSchema",
                "DBSpecGraph", "DBSpecDiff", "DBSpecLanguageServer",
            ]
        ),
        .executableTarget(
            name: "dbspec",
            dependencies: ["DBSpecKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // The developers' tool: one generator for every derived file, and `rule new`.
        .target(name: "DBSpecGenerate", dependencies: ["DBSpecKit"]),
        .executableTarget(name: "dbspec-dev", dependencies: ["DBSpecGenerate"], path: "Sources/dbspec-dev"),
        // Measures the pipeline without the command line: scripts/bench.sh runs it.
        .executableTarget(name: "dbspec-bench", dependencies: ["DBSpecKit"], path: "Sources/dbspec-bench"),
        .testTarget(
            name: "DBSpecTests",
            dependencies: ["DBSpecKit", "DBSpecGenerate", "dbspec"],
            exclude: ["Golden", "Hostile", "Fixtures", "FuzzRegressions", "FuzzRegressionsLSP", "TruthTable"]
        ),
    ]
)

// The libFuzzer target exists only for scripts/fuzz.sh, which sets DBSPEC_FUZZ and builds every
// module with AddressSanitizer and coverage; only this target links libFuzzer, which supplies
// its main function.
if Context.environment["DBSPEC_FUZZ"] != nil {
    package.targets.append(
        .executableTarget(
            name: "dbspec-fuzz", dependencies: ["DBSpecKit"], path: "Fuzz/dbspec-fuzz",
            swiftSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])],
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])]
        ))
}
