import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Expands a source's `files:` globs, in a stable (sorted) order.
///
/// - `*` and `?` match within one path segment, `**` any number of segments; every segment matches ignoring case
///   (`*.xlsx` matches `LISTA.XLSX`, `Partnerzy/` matches `partnerzy/`).
/// - A glob is relative to the project file's folder and may leave it (`../inbox/**/*.csv`), or is absolute
///   (`/srv/inbox/*.csv`). Only the folders a glob can match are walked, from its first segment with a wildcard.
/// - Symbolic links are followed, to files and to folders (a folder that links back into itself is walked once).
///   A link whose target is missing is returned too, so that ingest reports it as unreadable rather than skipping it.
/// - Hidden files and folders (`.name`) are skipped unless a segment names them; Office lock files (`~$name.xlsx`)
///   always.
///
/// A path is returned relative to the project folder when the file is under it (`demo/przystan/lista-A1.csv`, the
/// form row references use); a file outside it keeps the form of its glob: `../inbox/x.csv` for a relative glob, an
/// absolute path for an absolute one. `url(for:in:)` turns either back into a file URL.
/// ```swift
/// FileFinder.find(["demo/przystan/*.csv"], in: projectFolder)  // ["demo/przystan/lista-A1.csv", …]
/// FileFinder.find(["../inbox/**"], in: projectFolder)          // ["../inbox/a.csv", "../inbox/2024/b.xlsx"]
/// ```
enum FileFinder {
    static func find(_ patterns: [String], in base: URL) -> [String] {
        var trace = Trace()
        return find(patterns, in: base, trace: &trace)
    }

    /// What a search touched: the folders it listed, and how many paths it looked up. A glob's cost is its own
    /// roots' contents, never the rest of the project folder (issue 17 item 12).
    struct Trace {
        var listed: [String] = []
        var lookups = 0
    }

    static func find(_ patterns: [String], in base: URL, trace: inout Trace) -> [String] {
        let root = base.standardizedFileURL.path
        var result = Set<String>()
        for pattern in patterns {
            let absolute = pattern.hasPrefix("/")
            let segments = pattern.split(separator: "/").map(String.init)
            guard !segments.isEmpty else { continue }
            var found = Set<String>()
            walk(absolute ? "/" : root, segments[...], chain: [], into: &found, trace: &trace)
            for path in found { result.insert(display(path, root: root, absolute: absolute)) }
        }
        return result.sorted()
    }

    /// The file a path returned by `find` names.
    static func url(for path: String, in base: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
    }

    /// Adds to `found` the absolute paths under `dir` that match `rest`. `chain` holds the real paths of the
    /// folders a `**` has entered, so that a link back to one of them is not followed again.
    private static func walk(
        _ dir: String, _ rest: ArraySlice<String>, chain: Set<String>, into found: inout Set<String>, trace: inout Trace
    ) {
        guard let head = rest.first else { return }
        let last = rest.count == 1
        switch head {
        case ".":
            if !last { walk(dir, rest.dropFirst(), chain: chain, into: &found, trace: &trace) }
            return
        case "..":
            if !last { walk(parent(of: dir), rest.dropFirst(), chain: chain, into: &found, trace: &trace) }
            return
        case "**":
            // A folder that links back to one the `**` has entered is not walked again, not even for zero segments.
            let real = realPath(dir)
            guard !chain.contains(real) else { return }
            // Zero segments here, then one more folder down for each subfolder.
            if !last { walk(dir, rest.dropFirst(), chain: chain, into: &found, trace: &trace) }
            let inner = chain.union([real])
            for entry in entries(dir, &trace) where !isSkipped(entry.name, pattern: head) {
                let path = join(dir, entry.name)
                // Before the last segment only folders matter: a plain file, known as one from the listing itself,
                // is not looked up (a folder of 4,500 scans costs one listing).
                if !last && entry.isPlainFile { continue }
                switch kind(path, &trace) {
                case .folder: walk(path, rest, chain: inner, into: &found, trace: &trace)
                case .file, .brokenLink: if last { found.insert(path) }
                case .other: break
                }
            }
            return
        default:
            break
        }
        let names: [String]
        if !head.contains("*") && !head.contains("?") {
            // A plain name: as written when it exists, else the one name that equals it ignoring case.
            if kind(join(dir, head), &trace) != .other {
                names = [head]
            } else {
                let folded = head.lowercased()
                names = listing(dir, &trace).filter { $0.lowercased() == folded }
            }
        } else {
            let pattern = Array(head.lowercased())
            names = listing(dir, &trace).filter { !isSkipped($0, pattern: head) && segmentMatches(pattern, Array($0.lowercased())) }
        }
        for name in names {
            let path = join(dir, name)
            switch kind(path, &trace) {
            case .folder: if !last { walk(path, rest.dropFirst(), chain: chain, into: &found, trace: &trace) }
            case .file, .brokenLink: if last && !name.hasPrefix("~$") { found.insert(path) }
            case .other: break
            }
        }
    }

    private enum Kind { case file, folder, brokenLink, other }

    /// What a path is, following symbolic links; `.other` when it does not exist (or is a device, a socket…).
    private static func kind(_ path: String, _ trace: inout Trace) -> Kind {
        trace.lookups += 1
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            if isFolder.boolValue { return .folder }
            let type = (try? FileManager.default.attributesOfItem(atPath: realPath(path)))?[.type] as? FileAttributeType
            return type == .typeRegular ? .file : .other
        }
        let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
        return type == .typeSymbolicLink ? .brokenLink : .other
    }

    /// Hidden names are matched only by a segment that starts with a dot itself; lock files never.
    private static func isSkipped(_ name: String, pattern: String) -> Bool {
        (name.hasPrefix(".") && !pattern.hasPrefix(".")) || name.hasPrefix("~$")
    }

    private static func listing(_ dir: String, _ trace: inout Trace) -> [String] {
        entries(dir, &trace).map(\.name)
    }

    /// A folder's names, sorted, each with whether the folder entry itself says it is a regular file (so that it
    /// needs no lookup to be told from a folder; a link or an unknown type is looked up).
    private static func entries(_ dir: String, _ trace: inout Trace) -> [(name: String, isPlainFile: Bool)] {
        trace.listed.append(dir)
        guard let handle = opendir(dir) else { return [] }
        defer { closedir(handle) }
        var result: [(name: String, isPlainFile: Bool)] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            result.append((name, entry.pointee.d_type == UInt8(DT_REG)))
        }
        return result.sorted { $0.name < $1.name }
    }

    private static func realPath(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }

    private static func join(_ dir: String, _ name: String) -> String {
        dir.hasSuffix("/") ? dir + name : dir + "/" + name
    }

    private static func parent(of dir: String) -> String {
        guard let slash = dir.lastIndex(of: "/"), dir != "/" else { return "/" }
        return slash == dir.startIndex ? "/" : String(dir[..<slash])
    }

    /// A found path as it is reported: relative to the project folder when under it; else relative with `../`
    /// (a relative glob) or absolute (an absolute glob).
    private static func display(_ path: String, root: String, absolute: Bool) -> String {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        if path.hasPrefix(prefix) { return String(path.dropFirst(prefix.count)) }
        if absolute { return path }
        let from = root.split(separator: "/")
        let to = path.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count, from[common] == to[common] { common += 1 }
        return (Array(repeating: "..", count: from.count - common) + to[common...].map(String.init))
            .joined(separator: "/")
    }

    /// Whether a name matches a pattern with `*` and `?`, ignoring case, as a segment of a glob does (a sheet name
    /// under `sheets:`).
    static func nameMatches(_ pattern: String, _ name: String) -> Bool {
        segmentMatches(Array(pattern.lowercased()), Array(name.lowercased()))
    }

    /// `*` and `?` matching of one segment; both sides already lower-cased.
    private static func segmentMatches(_ p: [Character], _ s: [Character]) -> Bool {
        var pi = 0, si = 0, star = -1, mark = 0
        while si < s.count {
            if pi < p.count, p[pi] == "?" || p[pi] == s[si] {
                pi += 1
                si += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi
                mark = si
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                si = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
