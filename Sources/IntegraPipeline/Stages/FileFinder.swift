import Foundation

/// Expands a source's `files:` globs relative to the project folder, in a stable (sorted) order.
///
/// `*` and `?` match within one path segment, `**` any number of segments.
/// ```swift
/// FileFinder.find(["demo/przystan/*.csv"], in: projectFolder)  // ["demo/przystan/lista-A1.csv", …]
/// ```
enum FileFinder {
    static func find(_ patterns: [String], in base: URL) -> [String] {
        var result = Set<String>()
        let all = allFiles(under: base)
        for pattern in patterns {
            let segments = pattern.split(separator: "/").map(String.init)
            for path in all where matches(segments[...], path.split(separator: "/").map(String.init)[...]) {
                result.insert(path)
            }
        }
        return result.sorted()
    }

    /// Every regular file below `base`, as relative paths, hidden files and folders skipped.
    private static func allFiles(under base: URL) -> [String] {
        let fm = FileManager.default
        guard let e = fm.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        let root = base.standardizedFileURL.path
        var files: [String] = []
        for case let url as URL in e {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let p = url.standardizedFileURL.path
            guard p.hasPrefix(root) else { continue }
            var rel = String(p.dropFirst(root.count))
            while rel.hasPrefix("/") { rel.removeFirst() }
            // Office lock files (~$name.xlsx) are never data.
            if url.lastPathComponent.hasPrefix("~$") { continue }
            files.append(rel)
        }
        return files
    }

    private static func matches(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let head = pattern.first else { return path.isEmpty }
        if head == "**" {
            for i in path.startIndex...path.endIndex where matches(pattern.dropFirst(), path[i...]) { return true }
            return false
        }
        guard let first = path.first, segmentMatches(Array(head), Array(first)) else { return false }
        return matches(pattern.dropFirst(), path.dropFirst())
    }

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
