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
}

extension Pipeline {
    /// Every version of every file the project's warehouse holds, with status, hash and row counts.
    public static func sources(projectFile: URL, displayPath: String? = nil, options: RunOptions) throws -> [SourceListing] {
        let (_, warehouse) = try openWarehouse(projectFile: projectFile, displayPath: displayPath, options: options)
        defer { try? warehouse.close() }
        return try warehouse.allFiles().map { f in
            SourceListing(
                path: f.path, sourceID: f.sourceID, status: f.status.rawValue, sha256: f.sha256, size: f.size,
                ingestedRun: f.ingestedRunID, supersededRun: f.supersededRunID,
                rows: f.status == .current ? try warehouse.accounting(fileID: f.id) : nil)
        }
    }
}
