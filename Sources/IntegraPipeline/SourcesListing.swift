import Foundation
import IntegraCore
import IntegraWarehouse

/// One file version as `integra sources` lists it.
public struct SourceListing: Sendable {
    public var path: String
    public var sourceID: String
    public var status: String
    public var sha256: String
    public var size: Int
    public var ingestedRun: Int
    public var supersededRun: Int?
    /// Rows read, loaded, rejected and blank in the latest run (current files only).
    public var rows: (read: Int, loaded: Int, rejected: Int, blank: Int)?
    /// For a file on disk with the same bytes as a current file of its source (status `copy`): that file's path.
    /// A copy is not read (its rows would count twice), so the warehouse holds no version of it.
    public var copyOf: String?
}

extension Pipeline {
    /// Every version of every file the project's warehouse holds, with status, hash and row counts.
    public static func sources(projectFile: URL, displayPath: String? = nil, options: RunOptions) throws -> [SourceListing] {
        let (project, warehouse) = try openWarehouse(projectFile: projectFile, displayPath: displayPath, options: options)
        defer { try? warehouse.close() }
        let files = try warehouse.allFiles()
        var listing = try files.map { f in
            SourceListing(
                path: f.path, sourceID: f.sourceID, status: f.status.rawValue, sha256: f.sha256, size: f.size,
                ingestedRun: f.ingestedRunID, supersededRun: f.supersededRunID,
                rows: f.status == .current ? try warehouse.accounting(fileID: f.id) : nil)
        }
        listing += copies(project, base: projectFile.deletingLastPathComponent(), current: files.filter { $0.status == .current })
        // By path as before; versions of one path in the warehouse's order.
        return listing.enumerated().sorted { ($0.element.path, $0.element.sourceID, $0.offset) < ($1.element.path, $1.element.sourceID, $1.offset) }
            .map(\.element)
    }

    /// The files the sources match that are byte-identical copies of a current file of the same source: ingest
    /// reads one of the two (reporting the other as `duplicate-file`), and the listing shows both.
    static func copies(_ project: ProjectDefinition, base: URL, current: [StoredFile]) -> [SourceListing] {
        var result: [SourceListing] = []
        for source in project.sources {
            let stored = current.filter { $0.sourceID == source.id }
            let known = Set(stored.map(\.path))
            for path in FileFinder.find(source.files, in: base) where !known.contains(path) {
                guard let data = try? Data(contentsOf: FileFinder.url(for: path, in: base)) else { continue }
                let sha = SHA256Hex.of(data)
                guard let original = stored.first(where: { $0.sha256 == sha }) else { continue }
                result.append(
                    SourceListing(
                        path: path, sourceID: source.id, status: "copy", sha256: sha, size: data.count,
                        ingestedRun: original.ingestedRunID, supersededRun: nil, rows: nil, copyOf: original.path))
            }
        }
        return result
    }
}
