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
            let measure = indicator.aggregation == .sum ? "coalesce(sum(value), 0)" : "count(distinct unit_id)"
            for period in periods {
                for (scope, start) in [("in_period", period.start), ("cumulative", cumulativeStart)] {
                    let filter = "event_date between '\(start.iso)' and '\(period.end.iso)'"
                    try db.execute(
                        sql: """
                            insert into indicator_values (indicator_code, period_id, scope, breakdown, category, value)
                            select ?, ?, ?, '', '', \(measure) from ind_rows where \(filter)
                            """, arguments: [indicator.code, period.id, scope])
                    for b in breakdowns {
                        try db.execute(
                            sql: """
                                insert into indicator_values (indicator_code, period_id, scope, breakdown, category, value)
                                select ?, ?, ?, ?, \(b.expression()) as category, \(measure)
                                from ind_rows where \(filter) group by category
                                """, arguments: [indicator.code, period.id, scope, b.key])
                    }
                }
            }
            try db.execute(sql: "drop table temp.ind_rows")
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
