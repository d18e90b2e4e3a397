import Foundation
import IntegraReports

#if canImport(Glibc)
    import Glibc
#endif

/// A run's outputs, written into a staging folder beside the output folder and published together (issue 17,
/// items 4, 8 and 9).
///
/// Every output is written into `.<name>.integra-staging/` beside `--out`, and hashed as it is written, before
/// anything else can touch it. Publishing then carries into the staging folder what the output folder holds that is
/// not a run output (the warehouse, the user's own files) by hard links, and exchanges the two folders in one
/// `renameat2(RENAME_EXCHANGE)`: a reader, or a run killed at any point, sees the old run's outputs or the new
/// run's, never a mixture. The outputs the previous `run.json` listed that this run no longer produces are not
/// carried over: they leave with the old folder, and the summary lists them.
///
/// An output folder that cannot be exchanged — a mount point (a container's volume), or one whose parent folder is
/// not writable — is published in place instead: the staging folder and the lock are inside it
/// (`.integra-staging`, `.integra-lock`), each output is renamed into place, `run.json` last, and the stale outputs
/// are deleted. Each file is then whole, but a run killed while publishing can leave new files beside an old
/// `run.json`, whose hashes tell them apart.
///
/// ```swift
/// var staging = try OutputStaging(out: out)          // with the output folder's RunLock held
/// let csv = staging.folder.appendingPathComponent("diagnostics.csv")
/// try writeDiagnostics(to: csv)
/// try staging.record(csv)                            // hashed now, from the private staging folder
/// let removed = try staging.publish()                // ["reports/participants-sm-efs.csv"]
/// ```
struct OutputStaging {
    /// The output folder, its symbolic links resolved: a link given as `--out` stays a link to the new outputs.
    let out: URL
    /// Where this run writes its outputs until it publishes them.
    let folder: URL
    /// False when the folder is published in place, file by file (see above).
    let exchanges: Bool
    /// Every output recorded so far, hashed as it was written.
    private(set) var outputs: [RunManifest.FileHash] = []

    /// `<parent>/.<name>.<suffix>`: beside the output folder, on its file system, hidden; inside it, `.<suffix>`,
    /// when the folder cannot be exchanged.
    static func sibling(of out: URL, suffix: String) -> URL {
        let resolved = out.standardizedFileURL.resolvingSymlinksInPath()
        if !canExchange(resolved) { return resolved.appendingPathComponent(".\(suffix)") }
        return resolved.deletingLastPathComponent().appendingPathComponent(".\(resolved.lastPathComponent).\(suffix)")
    }

    /// Whether the folder can be replaced by a rename: it is not a mount point and its parent is writable. A folder
    /// that does not exist yet will be created on its parent's file system.
    static func canExchange(_ out: URL) -> Bool {
        let parent = out.deletingLastPathComponent()
        var folder = stat(), above = stat()
        guard stat(out.path, &folder) == 0 else { return true }
        guard stat(parent.path, &above) == 0 else { return false }
        return folder.st_dev == above.st_dev && access(parent.path, W_OK) == 0
    }

    /// Creates an empty staging folder. Called with the output folder's lock held: a staging folder, or a previous
    /// one set aside, that is already there was left by a killed run and is removed (or put back, see ``publish()``).
    /// `exchanges` overrides the check of ``canExchange(_:)`` (tests).
    init(out given: URL, exchanges: Bool? = nil) throws {
        let fm = FileManager.default
        out = given.standardizedFileURL.resolvingSymlinksInPath()
        self.exchanges = exchanges ?? Self.canExchange(out)
        folder =
            self.exchanges
            ? Self.sibling(of: out, suffix: "integra-staging") : out.appendingPathComponent(".integra-staging")
        let previous = Self.sibling(of: out, suffix: "integra-previous")
        if !fm.fileExists(atPath: out.path), fm.fileExists(atPath: previous.path) {
            // Killed between the two renames of a publish without an exchange: the old outputs come back.
            try fm.moveItem(at: previous, to: out)
        }
        try? fm.removeItem(at: previous)
        // Must go: what is left in it would be published as this run's.
        if fm.fileExists(atPath: folder.path) { try fm.removeItem(at: folder) }
        try fm.createDirectory(at: folder.appendingPathComponent("reports"), withIntermediateDirectories: true)
    }

    /// Hashes a file a writer has just written into the staging folder.
    mutating func record(_ url: URL, personal: Bool = false) throws {
        outputs.append(try Self.hash(url, personal: personal, in: folder))
    }

    mutating func record(contentsOf urls: [URL]) throws {
        for url in urls { try record(url) }
    }

    /// The hash of a file just written into the staging folder `folder`: for writers on other threads, whose
    /// hashes are then recorded in a fixed order by ``append(_:)``.
    static func hash(_ url: URL, personal: Bool, in folder: URL) throws -> RunManifest.FileHash {
        let data = try Data(contentsOf: url, options: .alwaysMapped)
        return RunManifest.FileHash(
            path: Pipeline.relativePath(url, to: folder), sha256: SHA256Hex.of(data), size: data.count,
            personal: personal ? true : nil)
    }

    /// Records outputs hashed by ``hash(_:personal:in:)``.
    mutating func append(_ hashes: [RunManifest.FileHash]) {
        outputs += hashes
    }

    /// Writes `data` into the staging folder and returns its hash, computed from the bytes written.
    func write(_ data: Data, to relativePath: String) throws -> RunManifest.FileHash {
        try AtomicFile.write(data, to: folder.appendingPathComponent(relativePath))
        return RunManifest.FileHash(path: relativePath, sha256: SHA256Hex.of(data), size: data.count)
    }

    /// Publishes the staged outputs as the output folder's contents, in one exchange of folders; returns the outputs
    /// of the previous run (as its `run.json` lists them) that this run did not produce and so removed, sorted.
    func publish() throws -> [String] {
        let fm = FileManager.default
        var previousOutputs: Set<String> = []
        if let data = try? Data(contentsOf: out.appendingPathComponent("run.json")),
            let manifest = try? RunManifest.decode(data)
        {
            previousOutputs = Set(manifest.outputs.map(\.path) + [manifest.figures.path, "run.json"])
        }
        var removed: [String] = []
        if !exchanges { return try publishInPlace(previousOutputs: previousOutputs) }
        if fm.fileExists(atPath: out.path) {
            try carry(from: out, into: folder, relative: "", previousOutputs: previousOutputs, removed: &removed)
            if let mode = try? fm.attributesOfItem(atPath: out.path)[.posixPermissions] {
                try? fm.setAttributes([.posixPermissions: mode], ofItemAtPath: folder.path)
            }
        }
        if Self.exchange(folder.path, out.path) {
            // The old outputs are now at the staging folder's name.
            try? fm.removeItem(at: folder)
        } else {
            // No atomic exchange on this file system: two renames. A run killed between them leaves no output
            // folder but the old one set aside, which the next run puts back (see `init`).
            let previous = Self.sibling(of: out, suffix: "integra-previous")
            if fm.fileExists(atPath: out.path) { try fm.moveItem(at: out, to: previous) }
            try fm.moveItem(at: folder, to: out)
            try? fm.removeItem(at: previous)
        }
        return removed.sorted()
    }

    /// Renames each staged output into the output folder, `run.json` last, then deletes the previous run's outputs
    /// this run did not produce.
    private func publishInPlace(previousOutputs: Set<String>) throws -> [String] {
        let fm = FileManager.default
        let produced = outputs.map(\.path) + [RunManifest.figuresFile, "run.json"]
        for path in produced {
            let target = out.appendingPathComponent(path)
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard rename(folder.appendingPathComponent(path).path, target.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
            }
        }
        var removed: [String] = []
        for path in previousOutputs.subtracting(produced).sorted()
        where fm.fileExists(atPath: out.appendingPathComponent(path).path) {
            try fm.removeItem(at: out.appendingPathComponent(path))
            removed.append(path)
        }
        try? fm.removeItem(at: folder)
        return removed
    }

    /// Hard-links into `new` every entry of `old` that is not a run output: what this run wrote stays, what the
    /// previous run wrote and this one did not is left out (and listed in `removed`), anything else comes along.
    private func carry(
        from old: URL, into new: URL, relative: String, previousOutputs: Set<String>, removed: inout [String]
    ) throws {
        let fm = FileManager.default
        for name in try fm.contentsOfDirectory(atPath: old.path).sorted() {
            // A killed run's temporary files are not carried.
            if name.hasPrefix("."), name.contains(".tmp") { continue }
            let path = relative.isEmpty ? name : relative + "/" + name
            let source = old.appendingPathComponent(name)
            let target = new.appendingPathComponent(name)
            var sourceInfo = stat(), targetInfo = stat()
            guard lstat(source.path, &sourceInfo) == 0 else { continue }
            let targetExists = lstat(target.path, &targetInfo) == 0
            if (sourceInfo.st_mode & S_IFMT) == S_IFDIR {
                if !targetExists {
                    try fm.createDirectory(
                        at: target, withIntermediateDirectories: false,
                        attributes: [.posixPermissions: Int(sourceInfo.st_mode & 0o7777)])
                } else if (targetInfo.st_mode & S_IFMT) != S_IFDIR {
                    continue  // an output of this run has the folder's name: the output wins
                }
                try carry(
                    from: source, into: target, relative: path, previousOutputs: previousOutputs, removed: &removed)
                continue
            }
            if targetExists { continue }  // written by this run
            if previousOutputs.contains(path) {
                removed.append(path)
                continue
            }
            if (sourceInfo.st_mode & S_IFMT) == S_IFLNK {
                try fm.createSymbolicLink(
                    atPath: target.path, withDestinationPath: fm.destinationOfSymbolicLink(atPath: source.path))
            } else if link(source.path, target.path) != 0 {
                try fm.copyItem(at: source, to: target)
            }
        }
    }

    /// Exchanges two folders atomically; false where the system or file system cannot.
    private static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
            // glibc declares renameat2 only under _GNU_SOURCE, which Swift's Glibc module does not set.
            typealias RenameAt2 =
                @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
            let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
            let renameExchange: UInt32 = 1 << 1
            return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
        #elseif canImport(Darwin)
            return renamex_np(a, b, UInt32(RENAME_SWAP)) == 0
        #else
            return false
        #endif
    }
}
