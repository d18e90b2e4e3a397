import Foundation
import GRDB
import GRDBSQLite
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

/// An indicator to compute and the breakdowns to compute it by.
public struct IndicatorRequest: Sendable {
    public var query: IndicatorQuery
    public var breakdowns: [BreakdownSpec]

    public init(_ query: IndicatorQuery, breakdowns: [BreakdownSpec] = []) {
        self.query = query
        self.breakdowns = breakdowns
    }
}

extension Warehouse {
    /// Computes one indicator for every period, in-period and cumulative from `cumulativeStart`, as a total
    /// (each unit once) and per breakdown; stores the values. The indicator's rows are read once, as the query
    /// gives them: nothing is materialised or sorted (the rows behind a figure are derived again on demand, by
    /// `evidence` and the `indicator_rows` view, see ``createIndicatorRows(_:)``).
    public func compute(
        _ indicator: IndicatorQuery, periods: [ReportingPeriod], cumulativeStart: LocalDate,
        breakdowns: [BreakdownSpec]
    ) throws {
        try db.write { db in
            let values = try Self.evaluate(
                IndicatorRequest(indicator, breakdowns: breakdowns), in: db, periods: periods,
                cumulativeStart: cumulativeStart)
            try Self.store(values, in: db)
        }
    }

    /// Computes `requests` as ``compute(_:periods:cumulativeStart:breakdowns:)`` would one after another, and stores
    /// the same values in the same order; `onDone` is told how many are done as each finishes.
    ///
    /// The queries only read, so with the marts materialised in their scratch file (``createMarts(parameters:)`` on
    /// a warehouse file) they are evaluated on up to `connections` connections at once, each taking the next
    /// indicator when it finishes one: this one, and read-only ones on the warehouse with the scratch file attached
    /// and the same temp views. Every value is stored by this connection, in `requests` order, after the last
    /// indicator is evaluated. In memory, or with `connections` 1, this connection evaluates them in turn.
    ///
    /// ```swift
    /// try warehouse.compute(
    ///     [IndicatorRequest(personsSupported, breakdowns: [BreakdownSpec(key: "partner", column: "partner")])],
    ///     periods: periods, cumulativeStart: start)
    /// ```
    public func compute(
        _ requests: [IndicatorRequest], periods: [ReportingPeriod], cumulativeStart: LocalDate,
        connections: Int = ProcessInfo.processInfo.activeProcessorCount,
        onDone: (@Sendable (Int) -> Void)? = nil
    ) throws {
        var readers: [DatabaseQueue] = []
        let files = scratch.files
        if !files.isEmpty {
            for _ in 1..<max(1, min(connections, requests.count)) {
                readers.append(try Self.reader(of: db.path, marts: files))
            }
        }
        let queues = [db] + readers
        let work = IndicatorWork(count: requests.count, onDone: onDone)
        let evaluate = { @Sendable (queue: DatabaseQueue) in
            do {
                try queue.read { db in
                    while let i = work.next() {
                        work.finish(
                            i,
                            Result {
                                try Self.evaluate(
                                    requests[i], in: db, periods: periods, cumulativeStart: cumulativeStart)
                            })
                    }
                }
            } catch {
                work.fail(error)
            }
        }
        if queues.count == 1 {
            evaluate(db)
        } else {
            DispatchQueue.concurrentPerform(iterations: queues.count) { evaluate(queues[$0]) }
        }
        for queue in queues.dropFirst() { try queue.close() }
        let values = try work.values()
        try db.write { db in
            for v in values { try Self.store(v, in: db) }
        }
    }

    /// A read-only connection to the warehouse at `path` that sees the materialised marts of `marts` under their
    /// names, as the connection that made them does; with `cacheMiB`, that page cache for the warehouse.
    static func reader(of path: String, marts files: [String], cacheMiB: Int? = nil, holding: Bool = false) throws -> DatabaseQueue {
        var config = Configuration()
        config.readonly = true
        // A ReadHold's transaction stays open between accesses.
        config.allowsUnsafeTransactions = holding
        config.prepareDatabase { db in
            if let cacheMiB { try db.execute(sql: "PRAGMA main.cache_size = -\(cacheMiB * 1024)") }
            for (i, file) in files.enumerated() {
                let schema = i == 0 ? "marts" : "marts_\(i + 1)"
                try db.execute(sql: "attach database ? as \(schema)", arguments: [file])
                try db.execute(sql: "PRAGMA \(schema).cache_size = -65536")
                for name in try String.fetchAll(db, sql: "select name from \(schema).sqlite_master where type = 'table'") {
                    try db.execute(sql: "create temp view \(quoted(name)) as select * from \(schema).\(quoted(name))")
                }
            }
        }
        return try DatabaseQueue(path: path, configuration: config)
    }

    /// Checks the indicator's query returns the columns it needs, then computes its values (not stored).
    static func evaluate(
        _ request: IndicatorRequest, in db: Database, periods: [ReportingPeriod], cumulativeStart: LocalDate
    ) throws -> [IndicatorValue] {
        let indicator = request.query
        let breakdowns = request.breakdowns
        let columns = try Self.columns(of: indicator, in: db)
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
        if indicator.aggregation == .countDistinct {
            return try Self.countDistinct(
                indicator, in: db, periods: periods, cumulativeStart: cumulativeStart, breakdowns: breakdowns)
        } else {
            return try Self.sum(indicator, in: db, periods: periods, cumulativeStart: cumulativeStart, breakdowns: breakdowns)
        }
    }

    /// Inserts computed values into `indicator_values`, in the order given.
    static func store(_ values: [IndicatorValue], in db: Database) throws {
        let insert = try db.makeStatement(
            sql: """
                insert into indicator_values (indicator_code, period_id, scope, breakdown, category, value)
                values (?, ?, ?, ?, ?, ?)
                """)
        for v in values {
            try insert.execute(arguments: [v.indicator, v.period, v.scope, v.breakdown, v.category, v.value])
        }
    }

    /// Replaces the `indicator_rows` view: the units behind each of `indicators`' figures, with the date and
    /// source row that qualified them (one row per row of the indicator's query with a date). A view, not a
    /// table: at programme scale the copy was ≈ 19 M rows, most of the indicator stage's time and a third of the
    /// warehouse, while `explain` and `freeze` derive the rows of a figure from the query anyway.
    public func createIndicatorRows(_ indicators: [IndicatorQuery]) throws {
        try db.write { db in
            try db.execute(sql: "drop view if exists indicator_rows")
            guard !indicators.isEmpty else { return }
            var selects: [String] = []
            for indicator in indicators.sorted(by: { $0.code < $1.code }) {
                let rawRow = try Self.columns(of: indicator, in: db).contains("raw_row_id") ? "raw_row_id" : "null"
                selects.append(
                    """
                    select '\(indicator.code.replacingOccurrences(of: "'", with: "''"))' as indicator_code, unit_id, event_date, \(rawRow) as raw_row_id
                    from (
                    \(Self.subquery(indicator))
                    )
                    where event_date is not null
                    """)
            }
            try db.execute(sql: "create view indicator_rows as\n" + selects.joined(separator: "\nunion all\n"))
        }
    }

    /// The indicator's SQL as a subquery: without the trailing `;` a file may end with.
    static func subquery(_ indicator: IndicatorQuery) -> String {
        var sql = Substring(indicator.sql)
        while let last = sql.last, last.isWhitespace || last == ";" { sql = sql.dropLast() }
        return String(sql)
    }

    /// The columns the indicator's query returns, from the prepared statement (the query is not run).
    static func columns(of indicator: IndicatorQuery, in db: Database) throws -> Set<String> {
        do {
            return Set(try db.makeStatement(sql: subquery(indicator)).columnNames)
        } catch let error as DatabaseError {
            throw WarehouseError(file: indicator.file, message: error.message ?? "\(error.resultCode)")
        }
    }

    /// Distinct units of the indicator's rows per period, scope and breakdown category, in one pass over the rows
    /// in the order the query gives them. Each distinct date is turned once into the set of ranges (in-period and
    /// cumulative per period) holding it, as a bit mask; a unit's masks, and a unit's masks per category, are
    /// or-ed together; a range's figure is the number of units (or units of the category) whose mask has its bit.
    /// The values and the order they are stored in are those of one `count(distinct unit_id) … group by category`
    /// query per period, scope and breakdown, which read the whole table each time (a few hundred scans of
    /// millions of rows at programme scale).
    static func countDistinct(
        _ indicator: IndicatorQuery, in db: Database, periods: [ReportingPeriod], cumulativeStart: LocalDate,
        breakdowns: [BreakdownSpec]
    ) throws -> [IndicatorValue] {
        // Per period: in-period range, then cumulative range; ISO dates compare as the SQL's text `between` does.
        let ranges: [(start: String, end: String)] = periods.flatMap {
            [($0.start.iso, $0.end.iso), (cumulativeStart.iso, $0.end.iso)]
        }
        let words = max(1, (ranges.count + 63) / 64)
        var masks = RangeMasks(words: words)
        var dateMasks = RangeMasks(words: words)
        var dates = ColumnInterner()
        var units = ColumnInterner()
        // Slot in `masks` of each unit (total), and of each unit and category per breakdown.
        var unitSlot: [Int] = []
        var categories = [ColumnInterner](repeating: ColumnInterner(), count: breakdowns.count)
        var categorySlot = [[Int: Int]](repeating: [:], count: breakdowns.count)
        var lastKey = [Int](repeating: -1, count: breakdowns.count)
        var lastSlot = [Int](repeating: -1, count: breakdowns.count)

        // The rows are read straight from SQLite's statement: millions of rows at programme scale, and a unit's
        // rows mostly come one after another, so each column is compared with the row before's before it is looked up.
        let columns = (["unit_id", "event_date"] + breakdowns.map { $0.expression() }).joined(separator: ", ")
        let statement = try db.makeStatement(
            sql: "select \(columns) from (\n\(subquery(indicator))\n) where event_date is not null and unit_id is not null")
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw WarehouseError(file: indicator.file, message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            let (dateSlot, newDate) = dates.index(handle, 1)
            if newDate {
                let date = dates.lastText
                let slot = dateMasks.add()
                for (r, range) in ranges.enumerated() where range.start <= date && date <= range.end {
                    dateMasks.set(bit: r, of: slot)
                }
            }
            let (unit, newUnit) = units.index(handle, 0)
            if newUnit { unitSlot.append(masks.add()) }
            masks.or(dateMasks, dateSlot, into: unitSlot[unit])
            for b in breakdowns.indices {
                let c = categories[b].index(handle, Int32(b + 2)).index
                let key = unit << 24 | c
                let slot: Int
                if key == lastKey[b] {
                    slot = lastSlot[b]
                } else if let known = categorySlot[b][key] {
                    slot = known
                } else {
                    slot = masks.add()
                    categorySlot[b][key] = slot
                }
                lastKey[b] = key
                lastSlot[b] = slot
                masks.or(dateMasks, dateSlot, into: slot)
            }
        }

        var totals = [Int](repeating: 0, count: ranges.count)
        for slot in unitSlot { masks.count(slot, into: &totals) }
        var byCategory = [[Int]](repeating: [], count: breakdowns.count)
        for b in breakdowns.indices {
            var counts = [Int](repeating: 0, count: categories[b].count * ranges.count)
            for (key, slot) in categorySlot[b] {
                masks.count(slot, into: &counts, offset: (key & 0xFF_FFFF) * ranges.count)
            }
            byCategory[b] = counts
        }

        var values: [IndicatorValue] = []
        func insert(_ period: String, _ scope: String, _ breakdown: String, _ category: String, _ value: Double) {
            values.append(
                IndicatorValue(
                    indicator: indicator.code, period: period, scope: scope, breakdown: breakdown, category: category,
                    value: value))
        }
        // SQLite's group by lists text categories in byte order.
        let sorted = categories.map { $0.texts.enumerated().sorted { $0.element.utf8.lexicographicallyPrecedes($1.element.utf8) } }
        for (p, period) in periods.enumerated() {
            for (s, scope) in ["in_period", "cumulative"].enumerated() {
                let r = p * 2 + s
                insert(period.id, scope, "", "", Double(totals[r]))
                for (b, spec) in breakdowns.enumerated() {
                    for (c, category) in sorted[b] {
                        let n = byCategory[b][c * ranges.count + r]
                        guard n > 0 else { continue }
                        insert(period.id, scope, spec.key, category, Double(n))
                    }
                }
            }
        }
        return values
    }

    /// Sums of `value` in the indicator's rows per period, scope and breakdown category, from one read of the rows:
    /// each category's values are summed per date, then the dates of each period. Sums are compensated (Neumaier, as
    /// SQLite's `sum()` is since 3.43), so a figure does not depend on the order rows come in; a category with rows
    /// in a period but no value sums to 0, as `coalesce(sum(value), 0) … group by category` gives.
    static func sum(
        _ indicator: IndicatorQuery, in db: Database, periods: [ReportingPeriod], cumulativeStart: LocalDate,
        breakdowns: [BreakdownSpec]
    ) throws -> [IndicatorValue] {
        let code = indicator.code
        let ranges: [(start: String, end: String)] = periods.flatMap {
            [($0.start.iso, $0.end.iso), (cumulativeStart.iso, $0.end.iso)]
        }
        // Per breakdown (index 0: the total) and category: per date, the compensated sum of the values.
        var perDate = [[String: [String: CompensatedSum]]](repeating: [:], count: breakdowns.count + 1)
        let columns = (["event_date", "value", "''"] + breakdowns.map { $0.expression() }).joined(separator: ", ")
        let cursor = try Row.fetchCursor(
            db, sql: "select \(columns) from (\n\(subquery(indicator))\n) where event_date is not null")
        while let row = try cursor.next() {
            let date: String = row[0]
            let value: Double? = row[1]
            for b in 0...breakdowns.count {
                let category: String = row[b + 2]
                perDate[b][category, default: [:]][date, default: CompensatedSum()].add(value)
            }
        }
        var values: [IndicatorValue] = []
        func insert(_ period: String, _ scope: String, _ breakdown: String, _ category: String, _ value: Double) {
            values.append(
                IndicatorValue(
                    indicator: code, period: period, scope: scope, breakdown: breakdown, category: category,
                    value: value))
        }
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
                        insert(period.id, scope, b == 0 ? "" : breakdowns[b - 1].key, category, total.value)
                    }
                    if b == 0 && categories[0].isEmpty {
                        insert(period.id, scope, "", "", 0.0)
                    }
                }
            }
        }
        return values
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

/// The indicators still to evaluate and the values of those evaluated, shared by the connections that evaluate
/// them. `@unchecked Sendable`: every property is read and written with `lock` held.
final class IndicatorWork: @unchecked Sendable {
    private let lock = NSLock()
    private var taken = 0
    private var done = 0
    private var results: [Result<[IndicatorValue], any Error>?]
    private var failure: (any Error)?
    private let onDone: (@Sendable (Int) -> Void)?

    init(count: Int, onDone: (@Sendable (Int) -> Void)?) {
        results = Array(repeating: nil, count: count)
        self.onDone = onDone
    }

    /// The next indicator to evaluate, in order; nil when none is left or one has failed.
    func next() -> Int? {
        lock.withLock {
            guard taken < results.count, failure == nil else { return nil }
            taken += 1
            return taken - 1
        }
    }

    func finish(_ index: Int, _ result: Result<[IndicatorValue], any Error>) {
        let count = lock.withLock {
            results[index] = result
            if case .failure(let error) = result, failure == nil { failure = error }
            done += 1
            return done
        }
        onDone?(count)
    }

    /// A connection could not evaluate at all.
    func fail(_ error: any Error) {
        lock.withLock { if failure == nil { failure = error } }
    }

    /// Every indicator's values in order, or the error of the first (in order) that failed.
    func values() throws -> [[IndicatorValue]] {
        try lock.withLock {
            try results.map { result in
                guard let result else { throw failure! }
                return try result.get()
            }
        }
    }
}

/// The distinct values of one result column, numbered in order of first appearance. The value of the row before is
/// kept as bytes, so a run of equal values is numbered without hashing or making a string.
struct ColumnInterner {
    private var indexOfText: [String: Int] = [:]
    private var indexOfInteger: [Int64: Int] = [:]
    /// The values as text, by number (integers written as SQLite writes them).
    private(set) var texts: [String] = []
    private var lastBytes: [UInt8] = []
    private var lastInteger: Int64?
    private var lastIndex = -1

    var count: Int { texts.count }
    /// The text of the value last read.
    var lastText: String { texts[lastIndex] }

    /// The number of column `column`'s value in the statement's current row, and whether it is new.
    mutating func index(_ statement: SQLiteStatement, _ column: Int32) -> (index: Int, new: Bool) {
        if sqlite3_column_type(statement, column) == SQLITE_INTEGER {
            let value = sqlite3_column_int64(statement, column)
            if value == lastInteger { return (lastIndex, false) }
            lastInteger = value
            lastBytes.removeAll(keepingCapacity: true)
            if let known = indexOfInteger[value] {
                lastIndex = known
                return (known, false)
            }
            lastIndex = texts.count
            indexOfInteger[value] = lastIndex
            texts.append(String(value))
            return (lastIndex, true)
        }
        // Text, and any other type by its text form (units and categories are text or integers).
        let count = Int(sqlite3_column_bytes(statement, column))
        let bytes = UnsafeBufferPointer(start: sqlite3_column_text(statement, column), count: count)
        if lastInteger == nil && lastIndex >= 0 && bytes.elementsEqual(lastBytes) { return (lastIndex, false) }
        lastInteger = nil
        lastBytes.removeAll(keepingCapacity: true)
        lastBytes.append(contentsOf: bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        if let known = indexOfText[text] {
            lastIndex = known
            return (known, false)
        }
        lastIndex = texts.count
        indexOfText[text] = lastIndex
        texts.append(text)
        return (lastIndex, true)
    }
}

/// Bit masks over the ranges (periods × scopes), `words` 64-bit words each, in one flat array.
struct RangeMasks {
    let words: Int
    private(set) var storage: [UInt64] = []

    init(words: Int) { self.words = words }

    /// Adds an empty mask; returns its slot.
    mutating func add() -> Int {
        storage.append(contentsOf: repeatElement(0, count: words))
        return storage.count / words - 1
    }

    mutating func set(bit: Int, of slot: Int) {
        storage[slot * words + bit / 64] |= 1 << UInt64(bit % 64)
    }

    /// Or-s `other`'s mask `source` into this one's `slot`.
    mutating func or(_ other: RangeMasks, _ source: Int, into slot: Int) {
        for w in 0..<words { storage[slot * words + w] |= other.storage[source * words + w] }
    }

    /// Adds 1 to `counts[offset + r]` for every bit `r` set in `slot`.
    func count(_ slot: Int, into counts: inout [Int], offset: Int = 0) {
        for w in 0..<words {
            var bits = storage[slot * words + w]
            while bits != 0 {
                counts[offset + w * 64 + bits.trailingZeroBitCount] += 1
                bits &= bits - 1
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
