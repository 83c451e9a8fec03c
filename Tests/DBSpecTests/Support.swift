import DBSpecKit
import Foundation
import Testing

/// Paths and helpers shared by the tests.
enum Repo {
    /// The repository root, found from this file's path.
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// Files in a folder of the repository with one of the extensions, sorted by name.
    static func files(in folder: String, extensions: Set<String>) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url(folder).path)) ?? []
        return names.filter { extensions.contains(($0 as NSString).pathExtension) }.sorted().map { folder + "/" + $0 }
    }

    static func read(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url(relative)))
    }

    /// The built `dbspec` executable, next to the test bundle.
    static var binary: URL {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("dbspec")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
            dir = dir.deletingLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/dbspec")
    }
}

/// Checks YAML text as a spec named `name`.
func check(_ text: String, name: String = "spec.yaml") -> FileResult {
    Compiler().check(SourceText(name: name, text: text))
}

/// Runs the dbspec binary and returns its exit status and output.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
    var stdoutBytes: Data

    /// Runs dbspec under `timeout`, so that a hang fails the test (status 124) instead of
    /// stalling the suite; the bound is a guard, not a measurement.
    @discardableResult
    init(_ arguments: [String], stdin: Data? = nil, in directory: URL? = nil, hangGuardSeconds: Int = 120) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["--kill-after=5", String(hangGuardSeconds), Repo.binary.path] + arguments
        process.currentDirectoryURL = directory ?? Repo.root
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        status = process.terminationStatus
        stdoutBytes = outData
        stdout = String(decoding: outData, as: UTF8.self)
        stderr = String(decoding: errData, as: UTF8.self)
    }
}

/// A fresh temporary folder.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("dbspec-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
