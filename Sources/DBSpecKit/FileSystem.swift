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
    /// The whole content of a regular file. Refuses directories and files over `limit` bytes.
    public static func read(_ path: String, limit: Int = 64 << 20) throws(FileError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError(path, errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileError(path, errno) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw FileError(path, reason: (info.st_mode & S_IFMT) == S_IFDIR ? "is a directory" : "is not a regular file")
        }
        return try readAll(fd, path: path, sizeHint: Int(info.st_size), limit: limit)
    }

    /// Everything on standard input.
    public static func readStandardInput(limit: Int = 64 << 20) throws(FileError) -> [UInt8] {
        try readAll(0, path: "<stdin>", sizeHint: 0, limit: limit)
    }

    private static func readAll(_ fd: Int32, path: String, sizeHint: Int, limit: Int) throws(FileError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(sizeHint + 1)
        var chunk = [UInt8](repeating: 0, count: max(65536, min(sizeHint + 1, 1 << 20)))
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError(path, errno)
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            // Read one byte past the limit so the reader can say the file is too large.
            if bytes.count > limit { break }
        }
        return bytes
    }

    /// Writes `bytes` to `path` so that the file holds either its old content or the new,
    /// never a part: the data goes to a temporary file in the same folder, is flushed to
    /// disk, and is then renamed over `path`.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(FileError) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array("\(directory.isEmpty ? "/" : directory)/.\(base).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw FileError(path, errno) }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
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
        if close(fd) != 0, failure == nil { failure = FileError(path, errno) }
        if failure == nil, rename(temporary, path) != 0 { failure = FileError(path, errno) }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }

    /// The spec files a command-line argument stands for: the file itself; a directory's
    /// `.yaml`, `.yml` and `.json` files (recursively, hidden folders skipped, sorted); or the
    /// matches of a glob such as `specs/*.yaml`, when no file has that name.
    public static func specFiles(matching argument: String) throws(FileError) -> [String] {
        var info = stat()
        if stat(argument, &info) == 0 {
            return (info.st_mode & S_IFMT) == S_IFDIR ? try specFiles(in: argument) : [argument]
        }
        guard argument.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" }) else { return [argument] }
        var matches = glob_t()
        defer { globfree(&matches) }
        guard glob(argument, 0, nil, &matches) == 0 else { return [] }
        var out: [String] = []
        for i in 0..<Int(matches.gl_pathc) {
            guard let p = matches.gl_pathv[i] else { continue }
            let path = String(cString: p)
            if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                out += try specFiles(in: path)
            } else if isSpecFile(path) {
                out.append(path)
            }
        }
        return out
    }

    static func isSpecFile(_ name: String) -> Bool {
        name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.hasSuffix(".json")
    }

    static func specFiles(in directory: String) throws(FileError) -> [String] {
        guard let dir = opendir(directory) else { throw FileError(directory, errno) }
        defer { closedir(dir) }
        var files: [String] = []
        var folders: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name.hasPrefix(".") { continue }
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR { folders.append(path) } else if isSpecFile(name) { files.append(path) }
        }
        var out = files.sorted()
        for folder in folders.sorted() { out += try specFiles(in: folder) }
        return out
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
