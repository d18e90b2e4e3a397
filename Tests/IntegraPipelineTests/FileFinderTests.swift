import Foundation
import IntegraTesting
import Testing

@testable import IntegraPipeline

/// `files:` globs: case-insensitive, symbolic links followed, paths outside the project folder.
struct FileFinderTests {
    /// `project/` with partner files, and `inbox/` beside it.
    func tree() throws -> (root: URL, project: URL) {
        let root = try TestSupport.makeTemporaryDirectory("integra-file-finder")
        let fm = FileManager.default
        for path in [
            "project/partner/lista.csv", "project/partner/X.XLSX", "project/partner/sub/b.csv",
            "project/partner/.hidden.csv", "project/partner/~$lista.xlsx", "inbox/2024/c.csv", "inbox/d.CSV",
            "elsewhere/real.csv",
        ] {
            let url = root.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("a;b\n".utf8).write(to: url)
        }
        return (root, root.appendingPathComponent("project"))
    }

    @Test func globsMatchIgnoringCase() throws {
        let (root, project) = try tree()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(FileFinder.find(["partner/*.xlsx"], in: project) == ["partner/X.XLSX"])
        #expect(FileFinder.find(["PARTNER/*.Csv"], in: project) == ["partner/lista.csv"])
        #expect(FileFinder.find(["partner/**/*.csv"], in: project) == ["partner/lista.csv", "partner/sub/b.csv"])
        #expect(FileFinder.find(["partner/.hidden.csv"], in: project) == ["partner/.hidden.csv"])
    }

    @Test func symbolicLinksAreFollowedAndBrokenOnesReturned() throws {
        let (root, project) = try tree()
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        try fm.createSymbolicLink(
            at: project.appendingPathComponent("partner/link.csv"), withDestinationURL: root.appendingPathComponent("elsewhere/real.csv"))
        try fm.createSymbolicLink(
            at: project.appendingPathComponent("partner/linked"), withDestinationURL: root.appendingPathComponent("elsewhere"))
        try fm.createSymbolicLink(
            at: project.appendingPathComponent("partner/gone.csv"), withDestinationURL: root.appendingPathComponent("nowhere.csv"))
        // A folder linking to its parent is walked once.
        try fm.createSymbolicLink(at: project.appendingPathComponent("partner/sub/loop"), withDestinationURL: project.appendingPathComponent("partner"))
        let found = FileFinder.find(["partner/**/*.csv"], in: project)
        #expect(found.contains("partner/link.csv") && found.contains("partner/linked/real.csv") && found.contains("partner/gone.csv"))
        #expect(!found.contains { $0.hasPrefix("partner/sub/loop/") }, "\(found)")
        #expect(FileFinder.find(["partner/*.csv"], in: project) == ["partner/gone.csv", "partner/link.csv", "partner/lista.csv"])
    }

    @Test func globsMayLeaveTheProjectFolder() throws {
        let (root, project) = try tree()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(FileFinder.find(["../inbox/**/*.csv"], in: project) == ["../inbox/2024/c.csv", "../inbox/d.CSV"])
        let inbox = root.appendingPathComponent("inbox").standardizedFileURL.path
        #expect(FileFinder.find([inbox + "/*.csv"], in: project) == [inbox + "/d.CSV"])
        // An absolute glob into the project folder gives the usual relative paths.
        #expect(FileFinder.find([project.standardizedFileURL.path + "/partner/*.csv"], in: project) == ["partner/lista.csv"])
        #expect(FileFinder.url(for: "../inbox/d.CSV", in: project).standardizedFileURL.path == inbox + "/d.CSV")
        #expect(FileFinder.url(for: inbox + "/d.CSV", in: project).path == inbox + "/d.CSV")
        #expect(FileFinder.find(["../nowhere/*.csv", "partner/*.ods"], in: project).isEmpty)
    }
}

extension FileFinderTests {
    /// Sheet names under `sheets:` match as a segment of a glob does.
    @Test func sheetNamesMatchLikeAGlobSegment() {
        #expect(FileFinder.nameMatches("Marzec*", "marzec 2024"))
        #expect(FileFinder.nameMatches("grupa ?", "GRUPA B"))
        #expect(FileFinder.nameMatches("a.b (1)", "A.B (1)"))
        #expect(!FileFinder.nameMatches("a.b", "aXb"))
        #expect(!FileFinder.nameMatches("marzec", "marzec 2024"))
    }
}

extension FileFinderTests {
    /// Issue 17 item 12: 4,500 unrelated files beside the partner folders cost nothing. A glob lists only the folders
    /// it can match from its fixed prefix, and looks up only the names its segments match (evidence by count, not
    /// by time).
    @Test func unrelatedFilesAreNeverVisited() throws {
        let root = try TestSupport.makeTemporaryDirectory("integra-file-finder-walk")
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        let project = root.appendingPathComponent("project")
        for folder in ["archive", "partner/old", "scans"] {
            let dir = project.appendingPathComponent(folder)
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
            for i in 0..<1_500 { try Data().write(to: dir.appendingPathComponent("skan-\(i).pdf")) }
        }
        for i in 0..<10 { try Data("a;b\n".utf8).write(to: project.appendingPathComponent("partner/lista-\(i).csv")) }
        try fm.createDirectory(at: project.appendingPathComponent("partner/2024"), withIntermediateDirectories: true)
        try Data("a;b\n".utf8).write(to: project.appendingPathComponent("partner/2024/lista-x.csv"))

        var trace = FileFinder.Trace()
        #expect(FileFinder.find(["partner/lista-*.csv"], in: project, trace: &trace).count == 10)
        #expect(trace.listed.map { $0.replacingOccurrences(of: project.standardizedFileURL.path, with: "") } == ["/partner"])
        // The project folder's 4,500 other files are not looked up: `project/partner` (twice), the 10 matching names.
        #expect(trace.lookups == 2 + 10, "\(trace.lookups)")

        trace = FileFinder.Trace()
        #expect(FileFinder.find(["partner/**/lista-*.csv"], in: project, trace: &trace).count == 11)
        let listed = Set(trace.listed.map { $0.replacingOccurrences(of: project.standardizedFileURL.path, with: "") })
        // `**` walks its own root's folders (the 1,500 names in partner/old are listed, not looked up), nothing else.
        #expect(listed == ["/partner", "/partner/old", "/partner/2024"], "\(listed)")
        #expect(trace.lookups < 100, "\(trace.lookups)")
    }
}
