import Foundation
import GRDB
import IntegraCore

/// An indicator as the warehouse computes it: the SQL of `sql/indicators/<code>.sql` and how to aggregate it.
///
/// The SQL returns one row per qualifying unit and date with at least `unit_id` and `event_date`, optionally
/// `raw_row_id` (traceability), `value` (for `sum`) and one column per breakdown it supports (`partner`,
/// `activity`, `sex`, `age`, `citizenship`, `topic`…). A unit counts in a period when one of its rows is dated in it.
public struct IndicatorQuery: Sendable {
    public enum Aggregation: String, Sendable, CaseIterable { case countDistinct = "count_distinct", sum }
    public var code: String
    public var sql: String
    public var aggregation: Aggregation
    /// The SQL file, for messages.
    public var file: String

    public init(code: String, sql: String, aggregation: Aggregation, file: String) {
        self.code = code
        self.sql = sql
        self.aggregation = aggregation
        self.file = file
    }
}

/// A breakdown to compute: a column of the indicator rows, or `age` cut into bands.
public struct BreakdownSpec: Sendable, Hashable {
    /// Stored in `indicator_values.breakdown` (`sex`, `age_band`, `citizenship`…).
    public var key: String
    /// The indicator-row column it reads.
    public var column: String
    /// For age bands: the bands, in order.
    public var bands: [AgeBand]?

    public init(key: String, column: String, bands: [AgeBand]? = nil) {
        self.key = key
        self.column = column
        self.bands = bands
    }

    /// The SQL giving a row's category; `table` qualifies the column (`e.` → `e.age`).
    func expression(table: String = "") -> String {
        let column = table.isEmpty ? self.column : "\(table).\(self.column)"
        guard let bands else { return "coalesce(cast(\(column) as text), '')" }
        var sql = "case when \(column) is null then ''"
        for band in bands {
            var conditions: [String] = []
            if let lo = band.min { conditions.append("\(column) >= \(lo)") }
            if let hi = band.max { conditions.append("\(column) <= \(hi)") }
            let condition = conditions.isEmpty ? "1" : conditions.joined(separator: " and ")
            sql += " when \(condition) then '\(band.label.replacingOccurrences(of: "'", with: "''"))'"
        }
        return sql + " else '' end"
    }
}

/// One computed figure.
public struct IndicatorValue: Sendable, Hashable {
    public var indicator: String
    public var period: String
    public var scope: String
    public var breakdown: String
    public var category: String
    public var value: Double

    public init(indicator: String, period: String, scope: String, breakdown: String, category: String, value: Double) {
        self.indicator = indicator
        self.period = period
        self.scope = scope
        self.breakdown = breakdown
        self.category = category
        self.value = value
    }
}

extension Warehouse {
    /// Computes one indicator for every period, in-period and cumulative from `cumulativeStart`, as a total
    /// (each unit once) and per breakdown; stores the qualifying rows and the values.
    public func compute(
        _ indicator: IndicatorQuery, periods: [ReportingPeriod], cumulativeStart: LocalDate,
        breakdowns: [BreakdownSpec]
    ) throws {
        try db.write { db in
            try db.execute(sql: "drop table if exists temp.ind_rows")
            do {
                try db.execute(sql: "create temp table ind_rows as \(indicator.sql)")
            } catch let error as DatabaseError {
                throw WarehouseError(file: indicator.file, message: error.message ?? "\(error.resultCode)")
            }
            let columns = Set(try db.columns(in: "ind_rows", in: "temp").map(\.name))
            for required in ["unit_id", "event_date"] where !columns.contains(required) {
                throw WarehouseError(file: indicator.file, message: "the query must return a column named \(required)")
            }
            if indicator.aggregation == .sum, !columns.contains("value") {
                throw WarehouseError(file: indicator.file, message: "a sum indicator must return a column named value")
            }
            for b in breakdowns where !columns.contains(b.column) {
                throw WarehouseError(
                    file: indicator.file,
                    message: "breakdown \(b.key) needs a column named \(b.column); the query returns \(columns.sorted().joined(separator: ", "))")
            }
            let rawRow = columns.contains("raw_row_id") ? "raw_row_id" : "null"
            try db.execute(
                sql: """
                    insert into indicator_rows (indicator_code, unit_id, event_date, raw_row_id)
                    select ?, unit_id, event_date, \(rawRow) from ind_rows
                    where event_date is not null
                    order by unit_id, event_date, \(rawRow)
                    """, arguments: [indicator.code])
            if indicator.aggregation == .countDistinct {
                try Self.countDistinct(
                    indicator.code, in: db, periods: periods, cumulativeStart: cumulativeStart, breakdowns: breakdowns)
            } else {
                try Self.sum(
                    indicator.code, in: db, periods: periods, cumulativeStart: cumulativeStart, breakdowns: breakdowns)
            }
            try db.execute(sql: "drop table temp.ind_rows")
        }
    }

    /// Distinct units of `temp.ind_rows` per period, scope and breakdown category, in one pass over the rows in unit
    /// order: each unit's dates, per category, are checked against every period. The values and the order they are
    /// stored in are those of one `count(distinct unit_id) … group by category` query per period, scope and
    /// breakdown, which read the whole table each time (a few hundred scans of millions of rows at programme scale).
    static func countDistinct(
        _ code: String, in db: Database, periods: [ReportingPeriod], cumulativeStart: LocalDate,
        breakdowns: [BreakdownSpec]
    ) throws {
        // Per period: in-period range, then cumulative range; ISO dates compare as the SQL's text `between` does.
        let ranges: [(start: String, end: String)] = periods.flatMap {
            [($0.start.iso, $0.end.iso), (cumulativeStart.iso, $0.end.iso)]
        }
        var totals = [Int](repeating: 0, count: ranges.count)
        var byCategory = [[String: [Int]]](repeating: [:], count: breakdowns.count)

        /// Adds 1 to `counts[r]` for every range holding one of `dates` (sorted).
        func count(_ dates: ArraySlice<String>, into counts: inout [Int]) {
            for (r, range) in ranges.enumerated() {
                var lo = dates.startIndex, hi = dates.endIndex
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if dates[mid] < range.start { lo = mid + 1 } else { hi = mid }
                }
                if lo < dates.endIndex && dates[lo] <= range.end { counts[r] += 1 }
            }
        }
        var rows: [(date: String, categories: [String])] = []
        func flush() {
            guard !rows.isEmpty else { return }
            rows.sort { $0.date < $1.date }
            let dates = rows.map(\.date)
            count(dates[...], into: &totals)
            for b in breakdowns.indices {
                var seen = Set<String>()
                for row in rows where seen.insert(row.categories[b]).inserted {
                    let category = row.categories[b]
                    let mine = rows.filter { $0.categories[b] == category }.map(\.date)
                    count(mine[...], into: &byCategory[b][category, default: [Int](repeating: 0, count: ranges.count)])
                }
            }
            rows.removeAll(keepingCapacity: true)
        }
        let columns = (["unit_id", "event_date"] + breakdowns.map { $0.expression() }).joined(separator: ", ")
        let cursor = try Row.fetchCursor(
            db,
            sql: "select \(columns) from ind_rows where event_date is not null and unit_id is not null order by unit_id")
        var unit: DatabaseValue?
        while let row = try cursor.next() {
            let u: DatabaseValue = row[0]
            if u != unit {
                flush()
                unit = u
            }
            rows.append((row[1], breakdowns.indices.map { row[$0 + 2] }))
        }
        flush()

        let insert = try db.makeStatement(
            sql: """
                insert into indicator_values (indicator_code, period_id, scope, breakdown, category, value)
                values (?, ?, ?, ?, ?, ?)
                """)
        // SQLite's group by lists text categories in byte order.
        let sorted = byCategory.map { $0.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
        for (p, period) in periods.enumerated() {
            for (s, scope) in ["in_period", "cumulative"].enumerated() {
                let r = p * 2 + s
                try insert.execute(arguments: [code, period.id, scope, "", "", Double(totals[r])])
                for (b, spec) in breakdowns.enumerated() {
                    for category in sorted[b] where byCategory[b][category]![r] > 0 {
                        try insert.execute(
                            arguments: [code, period.id, scope, spec.key, category, Double(byCategory[b][category]![r])])
                    }
                }
            }
        }
    }

    /// Sums of `value` in `temp.ind_rows` per period, scope and breakdown category, from one read of the rows: each
    /// category's values are summed per date, then the dates of each period. Sums are compensated (Neumaier, as SQLite's
    /// `sum()` is since 3.43), so a figure does not depend on the order rows come in; a category with rows in a
    /// period but no value sums to 0, as `coalesce(sum(value), 0) … group by category` gives.
    static func sum(
        _ code: String, in db: Database, periods: [ReportingPeriod], cumulativeStart: LocalDate,
        breakdowns: [BreakdownSpec]
    ) throws {
        let ranges: [(start: String, end: String)] = periods.flatMap {
            [($0.start.iso, $0.end.iso), (cumulativeStart.iso, $0.end.iso)]
        }
        // Per breakdown (index 0: the total) and category: per date, the compensated sum of the values.
        var perDate = [[String: [String: CompensatedSum]]](repeating: [:], count: breakdowns.count + 1)
        let columns = (["event_date", "value", "''"] + breakdowns.map { $0.expression() }).joined(separator: ", ")
        let cursor = try Row.fetchCursor(db, sql: "select \(columns) from ind_rows where event_date is not null")
        while let row = try cursor.next() {
            let date: String = row[0]
            let value: Double? = row[1]
            for b in 0...breakdowns.count {
                let category: String = row[b + 2]
                perDate[b][category, default: [:]][date, default: CompensatedSum()].add(value)
            }
        }
        let insert = try db.makeStatement(
            sql: """
                insert into indicator_values (indicator_code, period_id, scope, breakdown, category, value)
                values (?, ?, ?, ?, ?, ?)
                """)
        let sortedDates = perDate.map { $0.mapValues { $0.keys.sorted() } }
        let categories = perDate.map { $0.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
        for (p, period) in periods.enumerated() {
            for (s, scope) in ["in_period", "cumulative"].enumerated() {
                let range = ranges[p * 2 + s]
                for b in 0...breakdowns.count {
                    for category in categories[b] {
                        var total = CompensatedSum()
                        for date in sortedDates[b][category]! where range.start <= date && date <= range.end {
                            total.add(perDate[b][category]![date]!)
                        }
                        // The total is always stored (an empty period sums to 0); a category only when it has rows.
                        guard total.rows > 0 || b == 0 else { continue }
                        try insert.execute(
                            arguments: [code, period.id, scope, b == 0 ? "" : breakdowns[b - 1].key, category, total.value])
                    }
                    if b == 0 && categories[0].isEmpty {
                        try insert.execute(arguments: [code, period.id, scope, "", "", 0.0])
                    }
                }
            }
        }
    }

    /// Every computed value, in a fixed order.
    public func indicatorValues() throws -> [IndicatorValue] {
        try db.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    select indicator_code, period_id, scope, breakdown, category, value from indicator_values
                    order by indicator_code, period_id, scope, breakdown, category
                    """
            ).map {
                IndicatorValue(
                    indicator: $0[0], period: $0[1], scope: $0[2], breakdown: $0[3], category: $0[4], value: $0[5])
            }
        }
    }
}

/// A sum with Neumaier's compensation (SQLite's `sum()` since 3.43): the result barely depends on the order
/// the values come in. Counts the rows added, values or not.
struct CompensatedSum {
    private var sum = 0.0
    private var compensation = 0.0
    private(set) var rows = 0

    var value: Double { sum + compensation }

    mutating func add(_ value: Double?) {
        rows += 1
        guard let value else { return }
        let t = sum + value
        if abs(sum) >= abs(value) { compensation += (sum - t) + value } else { compensation += (value - t) + sum }
        sum = t
    }

    mutating func add(_ other: CompensatedSum) {
        rows += other.rows
        guard other.rows > 0 else { return }
        add(other.sum)
        rows -= 1
        add(other.compensation)
        rows -= 1
    }
}
