import DBSpecDiagnostics
import DBSpecSource
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed read or write, with the path and the system's reason.
public struct FileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }

    init(_ path: String, _ code: Int32) {
        self.path = path
        self.reason = String(cString: strerror(code))
    }

    init(_ path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

/// File access without Foundation (see docs/performance.md).
public enum FileSystem {
    /// The whole content of a regular file, refused from its size when it is larger than
    /// `limit` bytes (nothing is read or reserved for it). With `prefixOverLimit`, a larger
    /// file gives its first `limit + 1` bytes instead, so that a reader can report the size
    /// at a position. FIFOs, sockets and devices are refused before they are read, so a path
    /// never blocks; directories too.
    public static func read(_ path: String, limit: Int = 64 << 20, prefixOverLimit: Bool = false) throws(FileError) -> [UInt8] {
        // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { throw FileError(path, errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileError(path, errno) }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG else { throw FileError(path, reason: describe(kind) + "; dbspec reads regular files only") }
        let size = Int(info.st_size)
        if size > limit && !prefixOverLimit {
            throw FileError(path, reason: "is \(size) bytes, over the limit of \(limit) bytes")
        }
        // A regular file ignores O_NONBLOCK; clear it all the same.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        let bytes = try readAll(fd, path: path, sizeHint: min(size, limit), limit: limit)
        if bytes.count > limit && !prefixOverLimit {
            throw FileError(path, reason: "grew past the limit of \(limit) bytes while it was read")
        }
        return bytes
    }

    /// A spec file: at most the reader's limit plus one byte, so that a larger file is refused
    /// by the reader with a positioned diagnostic, without being read whole.
    public static func readSpec(_ path: String) throws(FileError) -> [UInt8] {
        try read(path, limit: ReaderLimits.spec.maxBytes, prefixOverLimit: true)
    }

    /// The process's working folder ("." when it cannot be read).
    public static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// The most bytes of a spec the reader takes.
    public static var specReadLimit: Int { ReaderLimits.spec.maxBytes }

    /// Standard input as a spec, with the same bound.
    public static func readSpecFromStandardInput() throws(FileError) -> [UInt8] {
        try readStandardInput(limit: ReaderLimits.spec.maxBytes)
    }

    /// What a file of `kind` (an `S_IFMT` value) is, for messages.
    static func describe(_ kind: mode_t) -> String {
        switch kind {
        case S_IFDIR: return "is a directory"
        case S_IFIFO: return "is a FIFO (named pipe)"
        case S_IFSOCK: return "is a socket"
        case S_IFCHR: return "is a character device"
        case S_IFBLK: return "is a block device"
        default: return "is not a regular file"
        }
    }

    /// Everything on standard input, up to `limit + 1` bytes (the reader refuses the excess).
    public static func readStandardInput(limit: Int = 64 << 20) throws(FileError) -> [UInt8] {
        try readAll(0, path: "<stdin>", sizeHint: 0, limit: limit)
    }

    /// Reads until the end or one byte past `limit`; memory never exceeds `limit + 1` bytes
    /// plus one chunk, whatever the file claims its size is.
    private static func readAll(_ fd: Int32, path: String, sizeHint: Int, limit: Int) throws(FileError) -> [UInt8] {
        // The size the file claims, plus one byte to see its end, read straight into the
        // result: a zeroed 64 KB chunk per file was most of the page faults of checking a
        // small spec.
        var failure: FileError?
        var ended = false
        var bytes = [UInt8](unsafeUninitializedCapacity: min(sizeHint, limit) + 1) { buffer, count in
            count = 0
            while count < buffer.count, let base = buffer.baseAddress {
                let n = Glibc.read(fd, base + count, buffer.count - count)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = FileError(path, errno)
                    return
                }
                if n == 0 {
                    ended = true
                    return
                }
                count += n
            }
        }
        if let failure { throw failure }
        if ended { return bytes }
        // Longer than it claimed (a file that grows, standard input): read on in chunks.
        var chunk = [UInt8](repeating: 0, count: 65536)
        while bytes.count <= limit {
            let want = min(chunk.count, limit + 1 - bytes.count)
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, want) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError(path, errno)
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    /// Writes `bytes` to `path` so that the file holds either its old content or the new,
    /// never a part: the data goes to a temporary file in the same folder (`.NAME.tmp-XXXXXX`,
    /// or `.dbspec.json.tmp-XXXXXX` when NAME is too long for that, locked while it is written,
    /// removed on SIGINT, SIGTERM and SIGHUP), is flushed to disk, and is then renamed over
    /// `path`. A link is followed, and the file it names is written (the link stays); a target
    /// that is not a regular file (a FIFO, a terminal, `/dev/stdout` on a pipe) is written to as
    /// a stream, never replaced.
    public static func writeAtomically(_ bytes: [UInt8], to target: String) throws(FileError) {
        var info = stat()
        var path = target
        if stat(target, &info) == 0 {
            if (info.st_mode & S_IFMT) != S_IFREG { return try writeStream(bytes, to: target) }
            var link = stat()
            if lstat(target, &link) == 0, (link.st_mode & S_IFMT) == S_IFLNK {
                // `/dev/stdout` on a file, `/proc/self/fd/N`: the descriptor's file, written in place.
                if target.hasPrefix("/dev/") || target.hasPrefix("/proc/") { return try writeStream(bytes, to: target, truncate: true) }
                guard let real = realpath(target, nil) else { throw FileError(target, errno) }
                path = String(cString: real)
                free(real)
            }
        }
        TemporaryFiles.installHandlersOnce()
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        // NAME_MAX is 255 bytes: a long name gets a short temporary name (one the sweep knows).
        let temporaryBase = base.utf8.count + 12 > 255 ? "dbspec.json" : base
        var template = Array("\(directory.isEmpty ? "/" : directory)/.\(temporaryBase).tmp-XXXXXX".utf8CString)
        // No signal between creating the file and remembering it.
        let (fd, temporary, slot) = TemporaryFiles.withSignalsBlocked { () -> (Int32, String, Int?) in
            let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard fd >= 0 else { return (fd, "", nil) }
            let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            return (fd, temporary, TemporaryFiles.register(temporary))
        }
        guard fd >= 0 else { throw FileError(path, errno) }
        defer { TemporaryFiles.withSignalsBlocked { TemporaryFiles.unregister(slot) } }
        // The lock tells a later sweep that this file is being written, not left behind.
        _ = flock(fd, LOCK_EX | LOCK_NB)
        var failure: FileError?
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = FileError(path, errno)
                break
            }
            written += n
        }
        if failure == nil, fchmod(fd, 0o644) != 0 { failure = FileError(path, errno) }
        if failure == nil, fsync(fd) != 0 { failure = FileError(path, errno) }
        // Renamed while still open and locked, so no sweep can take it in between.
        if failure == nil, rename(temporary, path) != 0 { failure = FileError(path, errno) }
        if close(fd) != 0, failure == nil { failure = FileError(path, errno) }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }

    /// Writes `bytes` into what `path` already is (a FIFO, a terminal, a device, an open file
    /// descriptor's file), without replacing it.
    static func writeStream(_ bytes: [UInt8], to path: String, truncate: Bool = false) throws(FileError) {
        let fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | (truncate ? O_TRUNC : 0))
        guard fd >= 0 else { throw FileError(path, errno) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                let failure = FileError(path, errno)
                close(fd)
                throw failure
            }
            written += n
        }
        if close(fd) != 0 { throw FileError(path, errno) }
    }

    /// The input among `inputs` that `output` is (the same file, links followed), if any: a
    /// report or output written there would replace what the command reads.
    public static func input(among inputs: [String], sameAs output: String) -> String? {
        var target = stat()
        guard stat(output, &target) == 0, (target.st_mode & S_IFMT) == S_IFREG else { return nil }
        for path in inputs {
            var info = stat()
            if stat(path, &info) == 0, info.st_dev == target.st_dev, info.st_ino == target.st_ino { return path }
        }
        return nil
    }

    /// Makes SIGINT, SIGTERM and SIGHUP remove the temporary files of writes under way before
    /// the process ends with that signal.
    public static func removeTemporaryFilesOnSignals() { TemporaryFiles.installHandlers() }

    /// Removes what interrupted writes left in `directory`: files named like dbspec's own
    /// temporary files (`.NAME.tmp-XXXXXX`, NAME ending in `.json`) that no process holds
    /// locked and that are older than two seconds. Returns how many it removed.
    @discardableResult
    public static func sweepStaleTemporaryFiles(in directory: String) -> Int {
        guard let dir = opendir(directory) else { return 0 }
        defer { closedir(dir) }
        var removed = 0
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            guard isStaleTemporaryName(name) else { continue }
            let path = (directory.hasSuffix("/") ? directory : directory + "/") + name
            let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            var info = stat()
            guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
                now.tv_sec - info.st_mtim.tv_sec >= 2,
                flock(fd, LOCK_EX | LOCK_NB) == 0
            else { continue }
            if unlink(path) == 0 { removed += 1 }
        }
        return removed
    }

    /// `.orders.template.json.tmp-a1B2c3`: a dot, a name ending in `.json`, `.tmp-`, six characters.
    static func isStaleTemporaryName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        let marker = Array(".tmp-".utf8)
        guard bytes.count > 1 + 5 + 5 + 6, bytes[0] == UInt8(ascii: "."),
            Array(bytes[(bytes.count - 11)..<(bytes.count - 6)]) == marker
        else { return false }
        return String(decoding: bytes[1..<(bytes.count - 11)], as: UTF8.self).hasSuffix(".json")
    }

    /// The spec files a command-line argument stands for: the file itself; a directory's
    /// `.yaml`, `.yml` and `.json` regular files (recursively, hidden entries skipped, sorted); or
    /// the matches of a glob such as `specs/*.yaml`, when no file has that name. Symbolic links
    /// are followed, but a folder or file reached twice (a link cycle, or two links to one
    /// place) is walked and listed once; FIFOs, sockets and devices in a folder are skipped.
    public static func specFiles(matching argument: String) throws(FileError) -> [String] {
        var walk = Walk()
        var info = stat()
        if stat(argument, &info) == 0 {
            return (info.st_mode & S_IFMT) == S_IFDIR ? try walk.files(in: argument, info) : [argument]
        }
        guard argument.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" }) else { return [argument] }
        if argument.split(separator: "/").contains("**") { return try recursiveMatches(argument, walk: &walk) }
        var matches = glob_t()
        defer { globfree(&matches) }
        guard glob(argument, 0, nil, &matches) == 0 else { return [] }
        var out: [String] = []
        for i in 0..<Int(matches.gl_pathc) {
            guard let p = matches.gl_pathv[i] else { continue }
            let path = String(cString: p)
            guard stat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: out += try walk.files(in: path, info)
            case S_IFREG where isSpecFile(path) && walk.first(info): out.append(path)
            default: continue
            }
        }
        return out
    }

    /// `specs/**/*.yaml`: walks the folder before the first `**` and keeps the spec files whose
    /// path matches, `**` standing for any number of folders (none included), as in Git and
    /// most shells' globstar.
    static func recursiveMatches(_ pattern: String, walk: inout Walk) throws(FileError) -> [String] {
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let first = parts.firstIndex { $0 == "**" || $0.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" }) }!
        let base = parts[..<first].joined(separator: "/")
        var info = stat()
        let root = base.isEmpty ? (pattern.hasPrefix("/") ? "/" : ".") : base
        guard stat(root, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return [] }
        let files = try walk.files(in: root, info)
        return files.filter { path in
            let relative = base.isEmpty && !pattern.hasPrefix("/") && path.hasPrefix("./") ? String(path.dropFirst(2)) : path
            return PathPattern.matches(pattern, relative)
        }
    }

    static func isSpecFile(_ name: String) -> Bool {
        name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.hasSuffix(".json")
    }

    /// One walk's memory of the folders and files it has reached, by device and inode.
    struct Walk {
        private var seen: [(dev_t, ino_t)] = []
        private var seenSet = Set<UInt64>()

        /// True the first time `info`'s file is met.
        mutating func first(_ info: stat) -> Bool {
            let key = UInt64(truncatingIfNeeded: info.st_ino) &* 1_000_003 &+ UInt64(truncatingIfNeeded: info.st_dev)
            if seenSet.contains(key), seen.contains(where: { $0 == (info.st_dev, info.st_ino) }) { return false }
            seenSet.insert(key)
            seen.append((info.st_dev, info.st_ino))
            return true
        }

        mutating func files(in directory: String, _ info: stat) throws(FileError) -> [String] {
            guard first(info) else { return [] }
            guard let dir = opendir(directory) else { throw FileError(directory, errno) }
            var found: [(String, stat)] = []
            var folders: [(String, stat)] = []
            while let entry = readdir(dir) {
                let (name, valid) = withUnsafeBytes(of: entry.pointee.d_name) { raw -> (String, Bool) in
                    let c = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
                    let bytes = UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: strlen(c))
                    return (String(cString: c), String(validating: bytes, as: UTF8.self) != nil)
                }
                if name.hasPrefix(".") { continue }
                if !valid && isSpecFile(name) {
                    closedir(dir)
                    throw FileError(
                        directory + "/" + TerminalText.escaped(name),
                        reason: "the file name is not valid UTF-8; rename it, or move it out of the folder")
                }
                let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
                var entryInfo = stat()
                guard stat(path, &entryInfo) == 0 else { continue }
                switch entryInfo.st_mode & S_IFMT {
                case S_IFDIR: folders.append((path, entryInfo))
                case S_IFREG where isSpecFile(name): found.append((path, entryInfo))
                default: continue
                }
            }
            closedir(dir)
            var out: [String] = []
            for (path, fileInfo) in found.sorted(by: { $0.0 < $1.0 }) where first(fileInfo) { out.append(path) }
            for (path, folderInfo) in folders.sorted(by: { $0.0 < $1.0 }) { out += try files(in: path, folderInfo) }
            return out
        }
    }

    /// Creates `path` and its missing parents as directories.
    public static func createDirectories(_ path: String) throws(FileError) {
        var current = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            current += (current.isEmpty || current.hasSuffix("/") ? "" : "/") + part
            if mkdir(current, 0o755) != 0 && errno != EEXIST { throw FileError(current, errno) }
        }
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { throw FileError(path, reason: "is not a directory") }
    }
}

/// Glob patterns over `/`-separated paths: `*`, `?` and `[…]` within a name (fnmatch), and
/// `**` for any number of whole folders.
public enum PathPattern {
    public static func matches(_ pattern: String, _ path: String) -> Bool {
        run(parts(pattern), parts(path), prefixes: false)
    }

    private static func parts(_ p: String) -> [Substring] {
        p.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
    }

    /// The pattern run over the path's names as a set of positions in the pattern (a `**` stays
    /// where it is and also moves on), so matching costs pattern × path steps, never the
    /// backtracking of one `**` against every split of the path. With `prefixes`, true when the
    /// pattern matches the path or one of the folders it is in.
    private static func run(_ pattern: [Substring], _ path: [Substring], prefixes: Bool) -> Bool {
        let count = pattern.count
        var states = [Bool](repeating: false, count: count + 1)
        /// `i` and every position past a run of `**` after it.
        func enter(_ i: Int, into set: inout [Bool]) {
            var j = i
            while j <= count, !set[j] {
                set[j] = true
                guard j < count, pattern[j] == "**" else { return }
                j += 1
            }
        }
        enter(0, into: &states)
        for (n, name) in path.enumerated() {
            var next = [Bool](repeating: false, count: count + 1)
            let text = String(name)
            for i in 0..<count where states[i] {
                if pattern[i] == "**" {
                    enter(i, into: &next)
                } else if fnmatch(String(pattern[i]), text, 0) == 0 {
                    enter(i + 1, into: &next)
                }
            }
            states = next
            if prefixes && n < path.count && states[count] { return true }
            if !states.contains(true) { return false }
        }
        return states[count]
    }

    /// Whether `path` or one of the folders it is in matches `pattern` (so `--exclude specs/old`
    /// leaves out everything below `specs/old`).
    public static func excludes(_ pattern: String, _ path: String) -> Bool {
        let names = parts(path)
        if run(parts(pattern), names, prefixes: true) { return true }
        // A pattern without a folder (`*.json`, `invalid`) matches a name at any depth.
        if !pattern.contains("/") { return names.contains { fnmatch(pattern, String($0), 0) == 0 } }
        return false
    }
}
