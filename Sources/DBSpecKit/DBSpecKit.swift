// The library's façade: one import for the command line, the tests and anyone embedding
// dbspec. Each stage and feature lives in a module of its own (docs/architecture.md); this one
// only re-exports them.
@_exported import DBSpecCatalog
@_exported import DBSpecCheck
@_exported import DBSpecDecoder
@_exported import DBSpecDiagnostics
@_exported import DBSpecDiff
@_exported import DBSpecEmitters
@_exported import DBSpecFiles
@_exported import DBSpecGraph
@_exported import DBSpecJSON
@_exported import DBSpecJSONSchema
@_exported import DBSpecLanguageServer
@_exported import DBSpecModel
@_exported import DBSpecReports
@_exported import DBSpecResolve
@_exported import DBSpecRules
