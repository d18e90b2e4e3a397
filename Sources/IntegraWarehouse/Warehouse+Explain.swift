import GRDB
import IntegraCore

/// One qualifying row of an indicator: the unit it counts, the event that qualified it, and where that event is
/// recorded.
public struct IndicatorEvidence: Sendable, Hashable {
    public var unitID: String
    public var eventDate: LocalDate
    /// The summed value (sum indicators), nil for counts.
    public var value: Double?
    public var rawRowID: Int?
    public var file: String?
    public var sheet: String?
    public var row: Int?
    /// The source row's cells as stored (JSON): personal data, for hashing only — never printed.
    public var cellsJSON: String?
}

extension Warehouse {
    /// The rows that make up one figure: the indicator's query over the current marts, dated within
    /// `start...end`, optionally only one breakdown category, ordered by unit, date and source row. The distinct
    /// units (or the sum of values) equal the figure `compute` stores for the same period, scope and category.
    public func evidence(
        _ indicator: IndicatorQuery, from start: LocalDate, to end: LocalDate, breakdown: BreakdownSpec? = nil,
        category: String? = nil
    ) throws -> [IndicatorEvidence] {
        let filters = breakdown.flatMap { b in category.map { [(b, $0)] } } ?? []
        return try evidence(indicator, from: start, to: end, filters: filters)
    }

    /// The rows of one figure as ``evidence(_:from:to:breakdown:category:)`` gives them, in the categories of
    /// several breakdowns at once (a budget line of one partner: partner, task and budget_line).
    public func evidence(
        _ indicator: IndicatorQuery, from start: LocalDate, to end: LocalDate, filters: [(BreakdownSpec, String)]
    ) throws -> [IndicatorEvidence] {
        try db.write { db in
            try db.execute(sql: "drop table if exists temp.explain_rows")
            do {
                try db.execute(sql: "create temp table explain_rows as \(indicator.sql)")
            } catch let error as DatabaseError {
                throw WarehouseError(file: indicator.file, message: error.message ?? "\(error.resultCode)")
            }
            defer { try? db.execute(sql: "drop table if exists temp.explain_rows") }
            let columns = Set(try db.columns(in: "explain_rows", in: "temp").map(\.name))
            for (b, _) in filters where !columns.contains(b.column) {
                throw WarehouseError(file: indicator.file, message: "the query has no column \(b.column) for the breakdown \(b.key)")
            }
            let rawRow = columns.contains("raw_row_id") ? "e.raw_row_id" : "null"
            let value = indicator.aggregation == .sum && columns.contains("value") ? "e.value" : "null"
            var sql = """
                select e.unit_id, e.event_date, \(value), \(rawRow), f.path, s.name, r.row_number, r.cells_json
                from explain_rows as e
                left join raw_rows as r on r.id = \(rawRow)
                left join source_files as f on f.id = r.source_file_id
                left join source_sheets as s on s.id = r.sheet_id
                where e.event_date between ? and ?
                """
            var arguments: StatementArguments = [start.iso, end.iso]
            for (b, category) in filters {
                sql += " and (\(b.expression(table: "e"))) = ?"
                arguments += [category]
            }
            // Numbers as numbers (a ledger row's id: 2 before 10), ids of one width as they are.
            sql += " order by length(e.unit_id), e.unit_id, e.event_date, \(rawRow)"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                IndicatorEvidence(
                    unitID: row[0], eventDate: LocalDate(iso: row[1]) ?? LocalDate(year: 1900, month: 1, day: 1)!,
                    value: row[2], rawRowID: row[3], file: row[4], sheet: (row[5] as String?).flatMap { $0.isEmpty ? nil : $0 },
                    row: row[6], cellsJSON: row[7])
            }
        }
    }
}

extension Warehouse {
    /// The cells (JSON) of a row of the current version of a file, or nil when the file or row is gone.
    /// Personal data: for hashing only.
    public func currentCells(file: String, sheet: String?, row: Int) throws -> String? {
        try db.read { db in
            try String.fetchOne(
                db,
                sql: """
                    select r.cells_json from raw_rows as r
                    inner join source_files as f on f.id = r.source_file_id
                    inner join source_sheets as s on s.id = r.sheet_id
                    where f.status = 'current' and f.path = ? and coalesce(nullif(s.name, ''), '') = ? and r.row_number = ?
                    """, arguments: [file, sheet ?? "", row])
        }
    }
}
