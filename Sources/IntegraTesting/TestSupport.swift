import Foundation

/// Helpers shared by the test targets: the repository root and scratch folders.
public enum TestSupport {
    /// The repository root, found from this source file's path (tests read `pipelines/`, `sql/`, `reports/`).
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // IntegraTesting
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()
    }

    /// A new empty folder under the system temporary directory; the caller removes it.
    public static func makeTemporaryDirectory(_ prefix: String = "integra-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
