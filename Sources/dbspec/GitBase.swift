import DBSpecKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `dbspec diff --base REV`: the old specs read from a git revision, the new ones from the work
/// tree. The revision is verified (and taken as a commit hash) before git is asked anything
/// else, every git call ends its options with `--end-of-options` or passes only that hash, paths
/// are literal (`--literal-pathspecs`) and read as NUL-separated lists (`-z`), so that no
/// revision or file name can act as an option, a pattern or a quoted name. A path is resolved
/// against the top of the work tree; one outside it is a usage error, never a "new spec".
struct GitBase {
    /// A spec's path: from the top of the work tree (what git names), and as the user sees it.
    struct Path: Equatable {
        var topRelative: String
        var shown: String
    }

    /// An old path (nil: the spec is new) and a new one (that may no longer exist).
    struct Pair {
        var old: Path?
        var new: Path
    }

    /// The revision as written, for messages.
    let revision: String
    /// Its commit, as a full hash.
    let commit: String
    /// The work tree's top, absolute and with links resolved.
    let top: String
    /// The current folder from the top (`""` or `specs/`).
    let prefix: String

    init(revision: String) throws(CommandFailure) {
        self.revision = revision
        let shown = TerminalText.escaped(revision)
        let toplevel = try Self.git(["rev-parse", "--show-toplevel"], allowFailure: true)
        guard toplevel.status == 0 else {
            let reason = toplevel.error.split(separator: "\n").first.map { " (git: \(TerminalText.escaped(String($0))))" } ?? ""
            throw CommandFailure("--base reads the old specs from git, but the current folder is not in a git work tree\(reason)")
        }
        top = Self.line(toplevel.output)
        prefix = Self.line(try Self.git(["rev-parse", "--show-prefix"]).output)
        let verified = try Self.git(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"], allowFailure: true)
        guard verified.status == 0, !revision.isEmpty else {
            let shallow = (try? Self.git(["rev-parse", "--is-shallow-repository"], allowFailure: true)).map { Self.line($0.output) } == "true"
            if shallow {
                throw CommandFailure(
                    "`\(shown)` is not in this clone, which is shallow (it holds only the latest commits); fetch the revision first "
                        + "(`git fetch --deepen=100`, or `git fetch origin BRANCH`), or clone with full history "
                        + "(actions/checkout: `fetch-depth: 0`)")
            }
            throw CommandFailure("`\(shown)` is not a commit of this repository (give a branch, tag or commit: origin/main, HEAD~1)")
        }
        commit = Self.line(verified.output)
    }

    // MARK: - Which specs

    /// The spec files changed between the commit and the work tree, below the current folder:
    /// YAML and JSON files whose text (now or then) starts a dbspec document. A file git sees
    /// renamed (`git mv`, or moved with the same content) is one pair, compared old to new.
    func changedSpecs() throws(CommandFailure) -> [Pair] {
        let listed = try git(["diff", "-z", "--name-status", "-M", "--no-ext-diff", "--no-textconv", commit, "--"])
        var fields = listed.output.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        if fields.last == "" { fields.removeLast() }
        var pairs: [Pair] = []
        var i = 0
        while i < fields.count {
            let status = fields[i]
            // `-M` without `-C`: an `R` entry has two paths, every other one path.
            let renamed = status.hasPrefix("R")
            guard i + (renamed ? 2 : 1) < fields.count else { break }
            let first = fields[i + 1]
            let second = renamed ? fields[i + 2] : first
            i += renamed ? 3 : 2
            guard let old = visible(first), let new = visible(second) else {
                // Half inside the current folder: each side on its own.
                if let old = visible(first), try isSpec(old, inRevision: true) { pairs.append(Pair(old: old, new: old)) }
                if renamed, let new = visible(second), try isSpec(new, inRevision: false) { pairs.append(Pair(old: nil, new: new)) }
                continue
            }
            if !renamed {
                let wasSpec = try isSpec(new, inRevision: true)
                let isSpecNow = try isSpec(new, inRevision: false)
                if wasSpec || isSpecNow { pairs.append(Pair(old: new, new: new)) }
                continue
            }
            let oldIsSpec = try isSpec(old, inRevision: true)
            let newIsSpec = try isSpec(new, inRevision: false)
            if oldIsSpec && newIsSpec {
                pairs.append(Pair(old: old, new: new))
            } else if oldIsSpec {
                pairs.append(Pair(old: old, new: old))
            } else if newIsSpec {
                pairs.append(Pair(old: nil, new: new))
            }
        }
        return pairs
    }

    /// A path git listed (from the top), when it is below the current folder.
    private func visible(_ topRelative: String) -> Path? {
        guard topRelative.hasPrefix(prefix) else { return nil }
        return Path(topRelative: topRelative, shown: String(topRelative.dropFirst(prefix.count)))
    }

    private func isSpec(_ path: Path, inRevision: Bool) throws(CommandFailure) -> Bool {
        let name = path.topRelative
        guard name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.hasSuffix(".json") else { return false }
        if let last = name.split(separator: "/").last, last.hasPrefix(".dbspec") { return false }
        let bytes = inRevision ? try revisionText(path) : try workTreeText(path)
        return bytes.map(Diff.looksLikeSpec) == true
    }

    /// A file named on the command line: the same path then and now, resolved against the work
    /// tree's top whether it is written relative or absolute.
    func pair(forArgument argument: String) throws(CommandFailure) -> Pair {
        guard let topRelative = try resolve(argument) else {
            throw CommandFailure(
                "\(TerminalText.escaped(argument)) is outside the git work tree at \(TerminalText.escaped(top)); --base compares the specs of this work tree")
        }
        let path = Path(topRelative: topRelative, shown: argument)
        return Pair(old: path, new: path)
    }

    /// `argument` from the top of the work tree, or nil when it is outside it. The folder it is
    /// in is resolved with its links (the file itself may be deleted); `.` and `..` are taken
    /// lexically where the folder no longer exists.
    func resolve(_ argument: String) throws(CommandFailure) -> String? {
        var cwd = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&cwd, cwd.count) != nil else { throw CommandFailure("cannot read the current folder: \(String(cString: strerror(errno)))") }
        let absolute = argument.hasPrefix("/") ? argument : String(cString: cwd) + "/" + argument
        var parts: [Substring] = []
        for part in absolute.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                _ = parts.popLast()
                continue
            }
            parts.append(part)
        }
        guard let file = parts.popLast() else { return nil }
        // The longest existing folder, with its links resolved.
        var folder = "/" + parts.joined(separator: "/")
        var rest: [Substring] = []
        while true {
            if let real = realpath(folder, nil) {
                folder = String(cString: real)
                free(real)
                break
            }
            guard let last = parts.popLast() else { break }
            rest.insert(last, at: 0)
            folder = "/" + parts.joined(separator: "/")
        }
        let full = (folder == "/" ? "" : folder) + (rest.isEmpty ? "" : "/" + rest.joined(separator: "/")) + "/" + file
        guard full.hasPrefix(top + "/") else { return nil }
        return String(full.dropFirst(top.count + 1))
    }

    // MARK: - Reading

    /// The spec's text in the work tree, or nil when it does not exist (deleted). Any other
    /// failure to read it (a folder, a FIFO, no permission) is an error: never a verdict.
    func workTreeText(_ path: Path) throws(CommandFailure) -> [UInt8]? {
        let absolute = top + "/" + path.topRelative
        var info = stat()
        if lstat(absolute, &info) != 0 {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw CommandFailure("cannot read \(TerminalText.escaped(path.shown)): \(String(cString: strerror(errno)))")
        }
        do {
            return try FileSystem.readSpec(absolute)
        } catch {
            throw CommandFailure("cannot read \(TerminalText.escaped(path.shown)): \(error.reason)")
        }
    }

    /// The spec's text at the commit, or nil when it did not exist there; at most the reader's
    /// limit plus one byte is read (the reader refuses a larger spec at its position), whatever
    /// the blob's size. A link or a folder there is refused plainly.
    func revisionText(_ path: Path) throws(CommandFailure) -> [UInt8]? {
        let listed = try git(["ls-tree", "-z", "--full-tree", commit, "--", path.topRelative])
        guard let entry = listed.output.split(separator: 0).first else { return nil }
        // `MODE TYPE OBJECT\tPATH`
        guard let tab = entry.firstIndex(of: 9) else { return nil }
        let header = entry[..<tab].split(separator: 32).map { String(decoding: $0, as: UTF8.self) }
        guard header.count == 3 else { return nil }
        let shown = "\(TerminalText.escaped(path.shown)) in \(TerminalText.escaped(revision))"
        switch (header[0], header[1]) {
        case ("120000", _):
            let target = (try? git(["cat-file", "blob", header[2]], outputLimit: 4096)).map { String(decoding: $0.output, as: UTF8.self) } ?? "?"
            throw CommandFailure(
                "\(shown) is a symbolic link (to \(TerminalText.escaped(target))); dbspec compares spec files, not links: name the file it points to")
        case (_, "blob"): break
        default: throw CommandFailure("\(shown) is not a file (git: \(header[1]))")
        }
        return try git(["cat-file", "blob", header[2]], outputLimit: FileSystem.specReadLimit + 1).output
    }

    // MARK: - git

    /// Runs git at the top of the work tree, with literal pathspecs.
    private func git(_ arguments: [String], outputLimit: Int? = nil) throws(CommandFailure) -> Subprocess.Result {
        try Self.git(["-C", top, "--literal-pathspecs"] + arguments, outputLimit: outputLimit)
    }

    private static func git(_ arguments: [String], allowFailure: Bool = false, outputLimit: Int? = nil) throws(CommandFailure) -> Subprocess.Result {
        let result: Subprocess.Result
        do {
            result = try Subprocess.run(["git"] + arguments, outputLimit: outputLimit)
        } catch .notFound {
            throw CommandFailure("--base needs git, which is not installed")
        } catch {
            throw CommandFailure("git: \(error)")
        }
        if result.status != 0 && !allowFailure && !(outputLimit != nil && result.truncated) {
            let first = result.error.split(separator: "\n").first.map(String.init) ?? "failed"
            throw CommandFailure("git \(arguments.first == "-C" ? arguments.dropFirst(3).first ?? "" : arguments.first ?? ""): \(TerminalText.escaped(first))")
        }
        return result
    }

    private static func line(_ bytes: [UInt8]) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        return text
    }
}
