import Foundation
import GRDB
import IntegraCore

/// A version of an input file held in the warehouse.
public struct StoredFile: Sendable, Hashable {
    public enum Status: String, Sendable { case current, superseded, removed }
    public var id: Int
    public var sourceID: String
    public var path: String
    public var sha256: String
    public var size: Int
    public var readOptions: String
    public var encoding: String?
    /// Problems found while reading, as `[code, message, row]` triples.
    public var readWarnings: [ReadWarning]
    public var status: Status
    public var ingestedRunID: Int
    public var supersededRunID: Int?
}

/// A problem found while reading a file (not tied to a data row), kept with the file so every run reports it.
public struct ReadWarning: Sendable, Hashable {
    public var code: String
    public var message: String
    public var row: Int?

    public init(code: String, message: String, row: Int?) {
        self.code = code
        self.message = message
        self.row = row
    }
}

/// What makes two file versions the same to ingest: source, content and the options it is read with.
public struct StoredVersionKey: Sendable, Hashable {
    public var sourceID: String
    public var sha256: String
    public var readOptions: String

    public init(sourceID: String, sha256: String, readOptions: String) {
        self.sourceID = sourceID
        self.sha256 = sha256
        self.readOptions = readOptions
    }
}

/// A file about to be stored: identity and the options it was read with.
public struct NewSourceFile: Sendable {
    public var sourceID: String
    public var partnerID: String
    public var kind: SourceKind
    public var activityID: String
    public var path: String
    public var sha256: String
    public var size: Int
    public var readOptions: String
    public var encoding: String?
    public var readWarnings: [ReadWarning] = []

    public init(
        sourceID: String, partnerID: String, kind: SourceKind, activityID: String, path: String, sha256: String,
        size: Int, readOptions: String, encoding: String?
    ) {
        self.sourceID = sourceID
        self.partnerID = partnerID
        self.kind = kind
        self.activityID = activityID
        self.path = path
        self.sha256 = sha256
        self.size = size
        self.readOptions = readOptions
        self.encoding = encoding
    }
}

/// A sheet ready to be stored: what the reader found, and each non-blank row's cells already encoded as JSON.
///
/// Made by whichever thread read the file, so that the one thread writing the warehouse only inserts.
public struct EncodedSheet: Sendable {
    public var name: String?
    public var isHidden: Bool
    public var mergedRanges: [CellRange]
    public var blankRowNumbers: [Int]
    public var hiddenRowNumbers: [Int]
    /// The non-blank rows, in the reader's order: sheet row number and `CellJSON` of the cells.
    public var rows: [(number: Int, cellsJSON: String)]

    public init(_ table: SheetTable) {
        name = table.name
        isHidden = table.isHidden
        mergedRanges = table.mergedRanges
        blankRowNumbers = table.blankRowNumbers
        hiddenRowNumbers = table.hiddenRowNumbers
        rows = table.rows.lazy.filter { !$0.isBlank }.map { ($0.number, CellJSON.encode($0.cells)) }
    }
}

/// A stored sheet read back: the table as the reader gave it, and the warehouse id of each row.
public struct StoredSheet: Sendable {
    public var table: SheetTable
    /// `raw_rows.id` by sheet row number.
    public var rawRowIDs: [Int: Int]
}

extension Warehouse {
    /// Records the start of a run and returns its number (1, 2, …: no clock time).
    public func beginRun(projectID: String, projectSHA256: String, toolVersion: String) throws -> Int {
        try db.write { db in
            try db.execute(
                sql: "insert into runs (project_id, project_sha256, tool_version) values (?, ?, ?)",
                arguments: [projectID, projectSHA256, toolVersion])
            return Int(db.lastInsertedRowID)
        }
    }

    /// Records how the run found its files.
    public func finishRun(_ run: Int, counts: IngestCounts) throws {
        try db.write { db in
            try db.execute(
                sql: "update runs set files_new = ?, files_unchanged = ?, files_superseded = ?, files_removed = ? where id = ?",
                arguments: [counts.new, counts.unchanged, counts.superseded, counts.removed, run])
        }
    }

    private static let fileColumns =
        "id, source_id, path, sha256, size_bytes, read_options, encoding, status, ingested_run_id, superseded_run_id, read_warnings_json"

    private static func file(_ row: Row) -> StoredFile {
        StoredFile(
            id: row[0], sourceID: row[1], path: row[2], sha256: row[3], size: row[4], readOptions: row[5],
            encoding: row[6], readWarnings: decodeWarnings(row[10]), status: StoredFile.Status(rawValue: row[7]) ?? .current,
            ingestedRunID: row[8], supersededRunID: row[9])
    }

    private static func encodeWarnings(_ warnings: [ReadWarning]) -> String {
        "[" + warnings.map { w in
            CellJSON.encode([.string(w.code), .string(w.message), w.row.map { .number(Double($0)) } ?? .empty])
        }.joined(separator: ",") + "]"
    }

    private static func decodeWarnings(_ text: String) -> [ReadWarning] {
        // Stored as a JSON array of [code, message, row] arrays; each inner array is a CellJSON row.
        var result: [ReadWarning] = []
        var depth = 0, start: String.Index?
        var inString = false, escaped = false
        for i in text.indices {
            let ch = text[i]
            if inString {
                if escaped { escaped = false } else if ch == "\\" { escaped = true } else if ch == "\"" { inString = false }
                continue
            }
            switch ch {
            case "\"": inString = true
            case "[":
                depth += 1
                if depth == 2 { start = i }
            case "]":
                if depth == 2, let s = start, let cells = CellJSON.decode(String(text[s...i])), cells.count >= 2 {
                    let row: Int? = if case .number(let n) = cells.count > 2 ? cells[2] : .empty { Int(n) } else { nil }
                    result.append(ReadWarning(code: cells[0].text, message: cells[1].text, row: row))
                }
                depth -= 1
            default: break
            }
        }
        return result
    }

    /// The stored version of a source's file with this content and reading options, whatever its status.
    public func storedFile(sourceID: String, sha256: String, readOptions: String) throws -> StoredFile? {
        try db.read { db in
            try Row.fetchOne(
                db, sql: "select \(Self.fileColumns) from source_files where source_id = ? and sha256 = ? and read_options = ?",
                arguments: [sourceID, sha256, readOptions]
            ).map(Self.file)
        }
    }

    /// The current version at a path of a source, if any.
    public func currentFile(sourceID: String, path: String) throws -> StoredFile? {
        try db.read { db in
            try Row.fetchOne(
                db, sql: "select \(Self.fileColumns) from source_files where source_id = ? and path = ? and status = 'current'",
                arguments: [sourceID, path]
            ).map(Self.file)
        }
    }

    /// Every version of every file, by path and age: what `integra sources` lists.
    public func allFiles() throws -> [StoredFile] {
        try db.read { db in
            try Row.fetchAll(db, sql: "select \(Self.fileColumns) from source_files order by path, source_id, id").map(Self.file)
        }
    }

    /// The data rows, loaded and rejected counts of a file in the latest run (current files only).
    public func accounting(fileID: Int) throws -> (read: Int, loaded: Int, rejected: Int, blank: Int)? {
        try db.read { db in
            try Row.fetchOne(
                db, sql: "select rows_read, rows_loaded, rows_rejected, rows_blank from file_accounting where source_file_id = ?",
                arguments: [fileID]
            ).map { ($0[0], $0[1], $0[2], $0[3]) }
        }
    }

    /// Every (source, content, reading options) the warehouse holds a version of, whatever its status: the files
    /// an ingest need not read again. (Versions are never deleted.)
    public func storedVersionKeys() throws -> Set<StoredVersionKey> {
        try db.read { db in
            Set(
                try Row.fetchAll(db, sql: "select source_id, sha256, read_options from source_files").map {
                    StoredVersionKey(sourceID: $0[0], sha256: $0[1], readOptions: $0[2])
                })
        }
    }

    /// Stores a new file version with its sheets and every non-blank row; returns it.
    public func store(_ file: NewSourceFile, sheets: [SheetTable], run: Int) throws -> StoredFile {
        try store(file, sheets: sheets.map(EncodedSheet.init), run: run)
    }

    /// Stores a new file version with its sheets and every non-blank row, encoded beforehand; returns it.
    public func store(_ file: NewSourceFile, sheets: [EncodedSheet], run: Int) throws -> StoredFile {
        try db.write { db in
            try db.execute(
                sql: """
                    insert into source_files (source_id, partner_id, kind, activity_id, path, sha256, size_bytes, read_options,
                        encoding, read_warnings_json, status, ingested_run_id)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'current', ?)
                    """,
                arguments: [
                    file.sourceID, file.partnerID, file.kind.rawValue, file.activityID, file.path, file.sha256, file.size,
                    file.readOptions, file.encoding, Self.encodeWarnings(file.readWarnings), run,
                ])
            let fileID = Int(db.lastInsertedRowID)
            let sheetInsert = try db.cachedStatement(
                sql: """
                    insert into source_sheets (source_file_id, sheet_index, name, hidden, merged_ranges_json, blank_rows_json,
                        hidden_rows_json) values (?, ?, ?, ?, ?, ?, ?)
                    """)
            let rowInsert = try db.cachedStatement(
                sql: "insert into raw_rows (source_file_id, sheet_id, row_number, cells_json) values (?, ?, ?, ?)")
            for (index, sheet) in sheets.enumerated() {
                let merged = "[" + sheet.mergedRanges.map { "[\($0.firstRow),\($0.firstColumn),\($0.lastRow),\($0.lastColumn)]" }
                    .joined(separator: ",") + "]"
                try sheetInsert.execute(arguments: [
                    fileID, index, sheet.name ?? "", sheet.isHidden ? 1 : 0, merged, intArray(sheet.blankRowNumbers),
                    intArray(sheet.hiddenRowNumbers),
                ])
                let sheetID = db.lastInsertedRowID
                for row in sheet.rows {
                    try rowInsert.execute(arguments: [fileID, sheetID, row.number, row.cellsJSON])
                }
            }
            return StoredFile(
                id: fileID, sourceID: file.sourceID, path: file.path, sha256: file.sha256, size: file.size,
                readOptions: file.readOptions, encoding: file.encoding, readWarnings: file.readWarnings, status: .current,
                ingestedRunID: run,
                supersededRunID: nil)
        }
    }

    /// Marks a version superseded (or removed) by `run`.
    public func retire(fileID: Int, as status: StoredFile.Status, run: Int) throws {
        try db.write { db in
            try db.execute(
                sql: "update source_files set status = ?, superseded_run_id = ? where id = ?",
                arguments: [status.rawValue, run, fileID])
        }
    }

    /// Makes a stored version current again (a file changed back to content already ingested), at `path`.
    public func reinstate(fileID: Int, path: String) throws {
        try db.write { db in
            try db.execute(
                sql: "update source_files set status = 'current', superseded_run_id = null, path = ? where id = ?",
                arguments: [path, fileID])
        }
    }

    /// Records that a current version was found under another name (same content).
    public func rename(fileID: Int, to path: String) throws {
        try db.write { db in
            try db.execute(sql: "update source_files set path = ? where id = ?", arguments: [path, fileID])
        }
    }

    /// Every current version of a source, for finding the ones no longer matched.
    public func currentFiles(sourceID: String? = nil) throws -> [StoredFile] {
        try db.read { db in
            if let sourceID {
                return try Row.fetchAll(
                    db, sql: "select \(Self.fileColumns) from source_files where status = 'current' and source_id = ? order by path",
                    arguments: [sourceID]
                ).map(Self.file)
            }
            return try Row.fetchAll(
                db, sql: "select \(Self.fileColumns) from source_files where status = 'current' order by path, source_id"
            ).map(Self.file)
        }
    }

    /// The stored sheets of a file, in workbook order, as the reader gave them.
    ///
    /// Safe to call from several threads at once: only the fetch holds the database; the rows' JSON is decoded
    /// after, so two workers normalising files each spend most of a read on their own core.
    public func sheets(fileID: Int) throws -> [StoredSheet] {
        let fetched = try db.read { db in
            let sheets = try Row.fetchAll(
                db,
                sql: """
                    select id, name, hidden, merged_ranges_json, blank_rows_json, hidden_rows_json from source_sheets
                    where source_file_id = ? order by sheet_index
                    """, arguments: [fileID])
            return try sheets.map { s in
                let rows = try Row.fetchAll(
                    db, sql: "select id, row_number, cells_json from raw_rows where sheet_id = ? order by row_number",
                    arguments: [s[0] as Int]
                ).map { r -> (id: Int, number: Int, json: String) in (r[0], r[1], r[2]) }
                return (sheet: s, rows: rows)
            }
        }
        return try fetched.map { s, stored in
            var rows: [TableRow] = []
            rows.reserveCapacity(stored.count)
            var ids: [Int: Int] = [:]
            ids.reserveCapacity(stored.count)
            for r in stored {
                guard let cells = CellJSON.decode(r.json) else {
                    throw WarehouseError(file: "table raw_rows", message: "row \(r.id) holds cells this Integra cannot read")
                }
                rows.append(TableRow(number: r.number, cells: cells))
                ids[r.number] = r.id
            }
            let name: String = s[1]
            let merged = parseIntArrays(s[3]).compactMap { a -> CellRange? in
                a.count == 4 ? CellRange(firstRow: a[0], firstColumn: a[1], lastRow: a[2], lastColumn: a[3]) : nil
            }
            return StoredSheet(
                table: SheetTable(
                    name: name.isEmpty ? nil : name, rows: rows, mergedRanges: merged, isHidden: (s[2] as Int) == 1,
                    blankRowNumbers: parseIntArrays("[" + (s[4] as String) + "]").first ?? [],
                    hiddenRowNumbers: parseIntArrays("[" + (s[5] as String) + "]").first ?? []),
                rawRowIDs: ids)
        }
    }
}

private func intArray(_ values: [Int]) -> String {
    "[" + values.map(String.init).joined(separator: ",") + "]"
}

/// Parses `[[1,2],[3,4]]` into arrays of integers.
private func parseIntArrays(_ text: String) -> [[Int]] {
    var result: [[Int]] = []
    var current: [Int]?
    var number = ""
    var depth = 0
    for ch in text {
        switch ch {
        case "[":
            depth += 1
            if depth == 2 { current = [] }
        case "]":
            if let n = Int(number) { current?.append(n) }
            number = ""
            if depth == 2, let c = current { result.append(c) }
            depth -= 1
        case ",":
            if let n = Int(number) { current?.append(n) }
            number = ""
        default:
            if ch.isNumber || ch == "-" { number.append(ch) }
        }
    }
    return result
}
