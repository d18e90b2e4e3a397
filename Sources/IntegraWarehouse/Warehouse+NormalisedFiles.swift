import Foundation
import GRDB

/// One file version's normalised records as the warehouse keeps them for the next run (`stg_normalised_files`).
public struct NormalisedFileEntry: Sendable {
    public var fileID: Int
    /// The path the records were normalised under (their locations and record keys name it).
    public var path: String
    /// A hash of everything normalising the file reads besides its stored rows.
    public var inputs: String
    /// The records, encoded by the pipeline.
    public var records: Data

    public init(fileID: Int, path: String, inputs: String, records: Data) {
        self.fileID = fileID
        self.path = path
        self.inputs = inputs
        self.records = records
    }
}

extension Warehouse {
    /// The stored normalised records of a file version at `path`, if they were normalised with the same inputs
    /// from the rows the warehouse holds now (see ``rowsCheck``).
    public func normalisedFile(fileID: Int, path: String, inputs: String) throws -> Data? {
        try db.read { db in
            try Data.fetchOne(
                db,
                sql: """
                    select records from stg_normalised_files
                    where source_file_id = ? and path = ? and inputs_sha256 = ? and raw_rows_check = (\(Self.rowsCheck))
                    """,
                arguments: [fileID, path, inputs, fileID])
        }
    }

    /// Stores the entries in one transaction, each replacing what the file version at its path had, with the check
    /// of the rows they were normalised from.
    public func saveNormalisedFiles(_ entries: [NormalisedFileEntry]) throws {
        guard !entries.isEmpty else { return }
        try db.write { db in
            let statement = try db.makeStatement(
                sql: """
                    insert into stg_normalised_files (source_file_id, path, inputs_sha256, raw_rows_check, records)
                    values (?, ?, ?, (\(Self.rowsCheck)), ?)
                    on conflict (source_file_id, path) do update set inputs_sha256 = excluded.inputs_sha256,
                    raw_rows_check = excluded.raw_rows_check, records = excluded.records
                    """)
            for e in entries {
                try statement.execute(arguments: [e.fileID, e.path, e.inputs, e.fileID, e.records])
            }
        }
    }

    /// A file version's raw rows in brief (count, ids, row numbers, cell lengths; the file's id is the argument):
    /// cheap enough to compute on every read, through the rows' `(sheet_id, row_number)` index. Stored rows are never
    /// changed by Integra; this catches rows deleted, added or edited to another length by hand, not an edit that
    /// keeps every length.
    static let rowsCheck = """
        select count(*) || ':' || total(id) || ':' || total(row_number) || ':' || total(length(cells_json))
        from raw_rows where sheet_id in (select id from source_sheets where source_file_id = ?)
        """
}
