import DBSpecKit
import Foundation
import Testing

/// Files that are not what they seem: FIFOs, link cycles, sparse giants, unwritable output.
/// Each must end in a clear message and a non-zero exit (or be skipped inside a folder),
/// never a wait, a crash or a silent success.
@Suite("Hostile files")
struct HostileFileTests {
    static let valid = try! String(contentsOf: Repo.url("specs/multi-az.yaml"), encoding: .utf8)

    func folder() throws -> URL {
        let dir = try temporaryDirectory()
        try Self.valid.write(to: dir.appendingPathComponent("orders.yaml"), atomically: true, encoding: .utf8)
        return dir
    }

    func fifo(_ url: URL) throws {
        #expect(mkfifo(url.path, 0o644) == 0)
    }

    @Test func aFIFOIsRefusedAtOnceWhereverItIsNamed() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pipe = dir.appendingPathComponent("pipe.yaml")
        try fifo(pipe)
        // As a spec: exit 2 at once, with what it is.
        var run = try Run(["check", pipe.path], hangGuardSeconds: 20)
        #expect(run.status == 2)
        #expect(run.stderr.contains("is a FIFO (named pipe); dbspec reads regular files only"), "\(run.stderr)")
        // In a folder: skipped, the rest is checked.
        run = try Run(["check", dir.path], hangGuardSeconds: 20)
        #expect(run.status == 0, "\(run.stderr)")
        // As the catalogue.
        run = try Run(["check", "--catalog", pipe.path, dir.appendingPathComponent("orders.yaml").path], hangGuardSeconds: 20)
        #expect(run.status == 2 && run.stderr.contains("FIFO"), "\(run.stderr)")
        // As the configuration, found or named.
        let config = dir.appendingPathComponent(".dbspec.yaml")
        try fifo(config)
        run = try Run(["check", dir.appendingPathComponent("orders.yaml").path], hangGuardSeconds: 20)
        #expect(run.status == 2 && run.stderr.contains("FIFO"), "\(run.stderr)")
        run = try Run(["check", "--config", config.path, dir.appendingPathComponent("orders.yaml").path], hangGuardSeconds: 20)
        #expect(run.status == 2 && run.stderr.contains("FIFO"), "\(run.stderr)")
        // As `catalog import` input.
        run = try Run(["catalog", "import", pipe.path, "-o", dir.appendingPathComponent("c.json").path], hangGuardSeconds: 20)
        #expect(run.status == 2 && run.stderr.contains("FIFO"), "\(run.stderr)")
        // The language server does not wait on a FIFO configuration either.
        let server = LanguageServer()
        _ = server.handle(try JSONParser.parse(Array(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#.utf8)))
        let open =
            #"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file://\#(dir.path)/orders.yaml","languageId":"yaml","version":1,"text":"dbspec: 1\n"}}}"#
        #expect(!server.handle(try JSONParser.parse(Array(open.utf8))).messages.isEmpty)
    }

    @Test func linkCyclesAreWalkedOnceAndEachSpecListedOnce() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("self").path, withDestinationPath: ".")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("sub/up").path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("sub/again.yaml").path, withDestinationPath: "../orders.yaml")
        let files = try FileSystem.specFiles(matching: dir.path)
        #expect(files == [dir.path + "/orders.yaml"], "\(files)")
        let run = try Run(["check", "--format", "json", dir.path], hangGuardSeconds: 20)
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test func aHugeSparseFileIsRefusedFromItsSizeWithoutBeingRead() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = dir.appendingPathComponent("big.yaml")
        #expect(FileManager.default.createFile(atPath: big.path, contents: nil))
        #expect(truncate(big.path, 1 << 40) == 0)  // 1 TiB, sparse
        let run = try Run(["check", "--format", "gcc", big.path], hangGuardSeconds: 20)
        #expect(run.status == 1)
        #expect(run.stderr.contains("big.yaml:1:1: error: file is larger than the limit of 4194304 bytes [DB157]"), "\(run.stderr)")
        // Other readers refuse it from the size alone.
        #expect(throws: FileError.self) { try FileSystem.read(big.path, limit: 1 << 20) }
        // A catalogue over the limit is refused as too large, not called invalid JSON.
        let catalog = dir.appendingPathComponent("catalog.json")
        #expect(FileManager.default.createFile(atPath: catalog.path, contents: nil))
        #expect(truncate(catalog.path, 65 << 20) == 0)
        let withCatalog = try Run(["check", "--catalog", catalog.path, Repo.url("specs/multi-az.yaml").path], hangGuardSeconds: 20)
        #expect(withCatalog.status == 2)
        #expect(withCatalog.stderr.contains("is 68157440 bytes, over the limit of 67108864 bytes"), "\(withCatalog.stderr)")
        let config = dir.appendingPathComponent(".dbspec.yaml")
        #expect(FileManager.default.createFile(atPath: config.path, contents: nil))
        #expect(truncate(config.path, 2 << 20) == 0)
        let (loaded, diagnostics) = Configuration.load(config.path)
        #expect(loaded == nil)
        #expect(diagnostics.first?.message.contains("over the limit of 1048576 bytes") == true, "\(diagnostics)")
    }

    @Test func outputThatCannotBeWrittenFailsTheRun() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        for arguments in [["compile", "specs/multi-az.yaml"], ["check", "--format", "sarif", "specs/multi-az.yaml"], ["schema"], ["rules"]] {
            let process = Process()
            process.executableURL = Repo.binary
            process.arguments = arguments
            process.currentDirectoryURL = Repo.root
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
            let err = Pipe()
            process.standardError = err
            try process.run()
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 2, "\(arguments)")
            #expect(message.contains("cannot write to standard output: No space left on device"), "\(arguments): \(message)")
        }
    }

    static func temporaryFiles(in dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") }
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func anInterruptedCompileLeavesNoTemporaryFile(_ signal: Int32) throws {
        // Many specs, so that most of a run is writing (each file is flushed to disk) and
        // the signals land while temporary files exist.
        let inputs = try temporaryDirectory()
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: inputs); try? FileManager.default.removeItem(at: dir) }
        for i in 0..<150 {
            try Self.valid.replacingOccurrences(of: "name: orders", with: "name: orders-\(i)")
                .write(to: inputs.appendingPathComponent("s\(i).yaml"), atomically: true, encoding: .utf8)
        }
        let timed = Date()
        try Run(["compile", inputs.path, "-o", dir.path])
        let whole = Date().timeIntervalSince(timed)
        var interrupted = 0
        for i in 0..<12 {
            let process = Process()
            process.executableURL = Repo.binary
            process.arguments = ["compile", inputs.path, "-o", dir.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32(whole * (0.2 + 0.7 * Double(i) / 11) * 1_000_000))
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            if process.terminationStatus != 0 { interrupted += 1 }
            let left = try Self.temporaryFiles(in: dir)
            #expect(left.isEmpty, "after a signal at attempt \(i): \(left.prefix(3)) of \(left.count)")
        }
        #expect(interrupted > 0, "no signal landed before the run ended")
    }

    @Test func theNextCompileSweepsWhatAKilledOneLeft() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let stale = dir.appendingPathComponent(".orders.template.json.tmp-AbC123")
        let busy = dir.appendingPathComponent(".orders.template.json.tmp-XyZ789")
        let foreign = dir.appendingPathComponent(".notes.txt.tmp-AbC123")
        for url in [stale, busy, foreign] {
            try Data("{".utf8).write(to: url)
            // Old enough to be stale.
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: url.path)
        }
        // A file another process is still writing is locked: it stays.
        let fd = open(busy.path, O_RDONLY)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX) == 0)
        let run = try Run(["compile", "specs/multi-az.yaml", "-o", dir.path])
        #expect(run.status == 0, "\(run.stderr)")
        let left = try Self.temporaryFiles(in: dir).sorted()
        #expect(left == [".notes.txt.tmp-AbC123", ".orders.template.json.tmp-XyZ789"], "\(left)")
    }

    @Test func anUnreadableInputDoesNotHideTheOthersAndNothingIsWritten() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pipe = dir.appendingPathComponent("pipe.yaml")
        try fifo(pipe)
        let out = dir.appendingPathComponent("out")
        let run = try Run(
            [
                "compile", "--format", "gcc", Repo.url("specs/invalid/rules/DB104.yaml").path, pipe.path,
                dir.appendingPathComponent("orders.yaml").path, "-o", out.path,
            ], hangGuardSeconds: 20)
        #expect(run.status == 2)
        #expect(run.stderr.contains("DB104.yaml:8:10: error: db.t2.micro is not offered"), "\(run.stderr)")
        #expect(run.stderr.contains("cannot read \(pipe.path): is a FIFO"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        // All valid but one unreadable: still nothing written.
        let second = try Run(["compile", dir.appendingPathComponent("orders.yaml").path, pipe.path, "-o", out.path], hangGuardSeconds: 20)
        #expect(second.status == 2)
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
