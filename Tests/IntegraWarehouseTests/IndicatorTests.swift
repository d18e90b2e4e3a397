import Foundation
import GRDB
import IntegraCore
import IntegraTesting
import IntegraWarehouse
import Testing

/// The indicator SQL of `sql/indicators/` on hand-computed tables (see `WarehouseFixture` in WarehouseTests.swift).
@Suite struct IndicatorTests {
    static let partner = BreakdownSpec(key: "partner", column: "partner")

    @Test func aPersonAtTwoPartnersCountsInBothPartnerRowsAndOnceInTheTotal() throws {
        var f = WarehouseFixture()
        f.person("P000001")
        f.person("P000002")
        let course = f.course("lead", "A1")
        f.enrol("P000001", course: course, start: "2023-02-01")
        f.enrol("P000002", course: course, start: "2023-02-01")
        f.consult("other", "P000001", on: "2023-02-10")
        let warehouse = try f.warehouse()
        try warehouse.compute("persons_supported", breakdowns: [Self.partner])
        let q1 = try warehouse.figures("persons_supported").filter { $0.key.hasPrefix("2023Q1 in_period") }
        #expect(q1 == ["2023Q1 in_period": 2, "2023Q1 in_period partner=lead": 2, "2023Q1 in_period partner=other": 1])
    }

    /// P1 supported in Q1 only, P2 in Q1 and Q2, P3 in Q2 only.
    @Test func inPeriodAndCumulativeAcrossTwoQuarters() throws {
        var f = WarehouseFixture()
        for p in ["P000001", "P000002", "P000003"] { f.person(p) }
        f.consult("lead", "P000001", on: "2023-01-05")
        f.consult("lead", "P000002", on: "2023-03-31")
        f.consult("lead", "P000002", on: "2023-04-01")
        f.consult("lead", "P000003", on: "2023-06-30")
        let warehouse = try f.warehouse()
        try warehouse.compute("persons_supported")
        #expect(try warehouse.figures("persons_supported") == [
            "2023Q1 in_period": 2, "2023Q1 cumulative": 2, "2023Q2 in_period": 2, "2023Q2 cumulative": 3,
        ])
    }

    /// P1 starts in Q1 at `lead` and is supported again in Q2 at `other`; P2 starts in Q2 at `other`.
    @Test func personsNewCountsTheFirstSupportOnly() throws {
        var f = WarehouseFixture()
        f.person("P000001")
        f.person("P000002")
        f.consult("lead", "P000001", on: "2023-02-01")
        f.consult("other", "P000001", on: "2023-05-01")
        f.consult("other", "P000002", on: "2023-05-02")
        let warehouse = try f.warehouse()
        try warehouse.compute("persons_new", breakdowns: [Self.partner])
        #expect(try warehouse.figures("persons_new") == [
            "2023Q1 in_period": 1, "2023Q1 in_period partner=lead": 1,
            "2023Q1 cumulative": 1, "2023Q1 cumulative partner=lead": 1,
            "2023Q2 in_period": 1, "2023Q2 in_period partner=other": 1,
            "2023Q2 cumulative": 2, "2023Q2 cumulative partner=lead": 1, "2023Q2 cumulative partner=other": 1,
        ])
    }

    /// Five sessions held (P2 attends all): for P1, 4 of 5 is exactly the 80 % threshold and completes; 3 of 5
    /// does not. Dated at the last session (in Q2), whatever P1 attended.
    @Test(arguments: [(5, 2.0), (4, 2.0), (3, 1.0), (0, 1.0)])
    func courseCompletersAtTheThreshold(attended: Int, completers: Double) throws {
        var f = WarehouseFixture()
        f.person("P000001")
        f.person("P000002")
        let course = f.course("lead", "A1")
        let record = f.enrol("P000001", course: course, start: "2023-03-01")
        let other = f.enrol("P000002", course: course, start: "2023-03-01")
        let s = f.sessions(course, ["2023-03-02", "2023-03-09", "2023-03-16", "2023-03-23", "2023-04-06"])
        f.attend(record, s.enumerated().map { ($0.element, $0.offset < attended) })
        f.attend(other, s.map { ($0, true) })
        let warehouse = try f.warehouse()
        try warehouse.compute("course_completers")
        #expect(try warehouse.figures("course_completers") == [
            "2023Q1 in_period": 0, "2023Q1 cumulative": 0, "2023Q2 in_period": completers, "2023Q2 cumulative": completers,
        ])
    }

    /// A date nobody attended is not a session (the pipeline creates sessions from present marks only), so a course
    /// that met on four dates holds 4 sessions: 4 of 4 completes, 3 of 4 (75 %) does not.
    @Test func completionDividesByTheSessionsPresent() throws {
        var f = WarehouseFixture()
        f.person("P000001")
        f.person("P000002")
        let course = f.course("lead", "A1")
        let r1 = f.enrol("P000001", course: course)
        let r2 = f.enrol("P000002", course: course)
        let s = f.sessions(course, ["2023-03-02", "2023-03-09", "2023-03-16", "2023-03-23"])
        f.attend(r1, s.map { ($0, true) })
        f.attend(r2, [(s[0], true), (s[1], true), (s[2], true), (s[3], false)])
        let warehouse = try f.warehouse()
        #expect(
            try warehouse.distinctValues(
                "person_id || ' ' || sessions_attended || '/' || sessions_held || ' ' || completed",
                from: "fct_course_results", probe: "probe_results") == ["P000001 4/4 1", "P000002 3/4 0"])
        try warehouse.compute("course_completers")
        #expect(try warehouse.figures("course_completers")["2023Q1 in_period"] == 1)
    }

    /// P1 is only enrolled (start 2023-01-10); P2 is enrolled (2023-01-10) and attends on 2023-04-05.
    @Test(arguments: [
        ("1", ["2023Q1 in_period": 2.0, "2023Q1 cumulative": 2, "2023Q2 in_period": 1, "2023Q2 cumulative": 2],
         ["2023Q1 in_period": 2.0, "2023Q1 cumulative": 2, "2023Q2 in_period": 0, "2023Q2 cumulative": 2]),
        ("0", ["2023Q1 in_period": 0.0, "2023Q1 cumulative": 0, "2023Q2 in_period": 1, "2023Q2 cumulative": 1],
         ["2023Q1 in_period": 0.0, "2023Q1 cumulative": 0, "2023Q2 in_period": 1, "2023Q2 cumulative": 1]),
    ])
    func rollStartIsSupport(rule: String, supported: [String: Double], new: [String: Double]) throws {
        var f = WarehouseFixture()
        f.person("P000001")
        f.person("P000002")
        let course = f.course("lead", "A1")
        f.enrol("P000001", course: course, start: "2023-01-10")
        let r2 = f.enrol("P000002", course: course, start: "2023-01-10")
        let s = f.sessions(course, ["2023-04-05"])
        f.attend(r2, [(s[0], true)])
        let warehouse = try f.warehouse(rollStartIsSupport: rule)
        try warehouse.compute("persons_supported")
        try warehouse.compute("persons_new")
        #expect(try warehouse.figures("persons_supported") == supported)
        #expect(try warehouse.figures("persons_new") == new)
    }

    /// The age is taken at the first support (2023-03-01): P1 turns 18 the day after (0–17), P2 on that day
    /// (18–29). P1 is supported again in Q2, after the birthday, and stays in 0–17.
    @Test func ageBandAtTheFirstSupport() throws {
        var f = WarehouseFixture()
        f.person("P000001", born: "2005-03-02")
        f.person("P000002", born: "2005-03-01")
        f.person("P000003")  // no birth date: no age band
        f.consult("lead", "P000001", on: "2023-03-01")
        f.consult("lead", "P000002", on: "2023-03-01")
        f.consult("lead", "P000003", on: "2023-03-01")
        f.consult("lead", "P000001", on: "2023-05-01")
        let warehouse = try f.warehouse()
        try warehouse.compute(
            "persons_supported", breakdowns: [BreakdownSpec(key: "age_band", column: "age", bands: AgeBand.defaults)])
        let figures = try warehouse.figures("persons_supported").filter { $0.key.contains("in_period age_band") }
        #expect(figures == [
            "2023Q1 in_period age_band=0–17": 1, "2023Q1 in_period age_band=18–29": 1, "2023Q1 in_period age_band=": 1,
            "2023Q2 in_period age_band=0–17": 1,
        ])
    }

    @Test func unknownSexIsTheEmptyCategory() throws {
        var f = WarehouseFixture()
        f.person("P000001", sex: "K")
        f.person("P000002", sex: "M")
        f.person("P000003", sex: nil)
        f.person("P000004", sex: "K")
        for p in ["P000001", "P000002", "P000003", "P000004"] { f.consult("lead", p, on: "2023-02-01") }
        let warehouse = try f.warehouse()
        try warehouse.compute("persons_supported", breakdowns: [BreakdownSpec(key: "sex", column: "sex")])
        let figures = try warehouse.figures("persons_supported").filter { $0.key.hasPrefix("2023Q1 in_period") }
        #expect(figures == [
            "2023Q1 in_period": 4, "2023Q1 in_period sex=": 1, "2023Q1 in_period sex=K": 2, "2023Q1 in_period sex=M": 1,
        ])
    }

    /// Three consultations, one anonymous and two of the same person: three consultations, one person.
    @Test func consultationsCountAnonymousOnes() throws {
        var f = WarehouseFixture()
        f.person("P000001")
        f.consult("other", "P000001", on: "2023-02-01", topic: "praca")
        f.consult("other", "P000001", on: "2023-02-08", topic: "praca")
        f.consult("other", nil, on: "2023-02-09", topic: "zdrowie")
        let warehouse = try f.warehouse()
        try warehouse.compute("consultations", breakdowns: [BreakdownSpec(key: "topic", column: "topic")])
        try warehouse.compute("persons_supported")
        let consultations = try warehouse.figures("consultations").filter { $0.key.hasPrefix("2023Q1 in_period") }
        #expect(consultations == [
            "2023Q1 in_period": 3, "2023Q1 in_period topic=praca": 2, "2023Q1 in_period topic=zdrowie": 1,
        ])
        #expect(try warehouse.figures("persons_supported")["2023Q1 in_period"] == 1)
    }

    /// Every indicator of `sql/indicators/`, with every breakdown its query has a column for.
    static func allRequests(_ warehouse: Warehouse) throws -> [IndicatorRequest] {
        let folder = WarehouseFixture.sqlRoot.appendingPathComponent("indicators")
        let codes = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".sql") }.map { String($0.dropLast(4)) }.sorted()
        let breakdowns = ["sex", "citizenship", "partner", "activity", "objective", "priority", "topic", "language", "mode"]
        return try codes.map { code in
            let query = try Warehouse.query(code, aggregation: code == "support_hours" ? .sum : .countDistinct)
            let columns = try warehouse.read { try $0.makeStatement(sql: query.sql).columnNames }
            var specs = breakdowns.filter(columns.contains).map { BreakdownSpec(key: $0, column: $0) }
            if columns.contains("age") {
                specs.append(
                    BreakdownSpec(key: "age_band", column: "age", bands: [AgeBand(label: "<30", min: nil, max: 29), AgeBand(label: "30+", min: 30, max: nil)]))
            }
            return IndicatorRequest(query, breakdowns: specs)
        }
    }

    /// Several persons at two partners across both quarters, in courses and consultations.
    static func busyFixture() -> WarehouseFixture {
        var f = WarehouseFixture()
        for i in 1...9 {
            f.person(
                "P00000\(i)", sex: i % 2 == 0 ? "K" : "M", born: "19\(60 + i * 4)-0\(i)-1\(i)",
                citizenship: ["UKR", "POL", "BLR", nil, "DEU"][i % 5], objective: i % 3 == 0 ? "asylum" : "integration")
        }
        let course = f.course("lead", "A1")
        let sessions = f.sessions(course, ["2023-02-02", "2023-03-09", "2023-04-06", "2023-05-11"])
        for i in 1...6 {
            let record = f.enrol("P00000\(i)", course: course, start: "2023-0\(1 + i % 3)-0\(i)")
            f.attend(record, sessions.enumerated().map { ($0.element, ($0.offset + i) % 4 != 0) })
        }
        for i in 4...9 { f.consult(i % 2 == 0 ? "other" : "lead", "P00000\(i)", on: "2023-0\(i % 6 + 1)-1\(i % 10)", topic: "t\(i % 2)") }
        f.consult("other", nil, on: "2023-03-03", topic: "t1")
        return f
    }

    /// On a warehouse file, the indicators are evaluated on two connections at once; the stored values, and the
    /// order they are stored in, are those of computing each in turn on one connection.
    @Test func twoConnectionsStoreWhatOneStoresInTheSameOrder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("integra-parallel-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let periods = [WarehouseFixture.q1, WarehouseFixture.q2]
        let start = WarehouseFixture.day("2023-01-01")
        func stored(_ warehouse: Warehouse) throws -> [String] {
            try warehouse.read { db in
                try Row.fetchAll(db, sql: "select * from indicator_values order by rowid").map(\.description)
            }
        }

        let serial = try Self.busyFixture().warehouse()
        let requests = try Self.allRequests(serial)
        #expect(requests.count >= 16)
        for r in requests {
            try serial.compute(r.query, periods: periods, cumulativeStart: start, breakdowns: r.breakdowns)
        }
        let parallel = try Self.busyFixture().warehouse(at: folder.appendingPathComponent("w.sqlite").path)
        let done = DoneCounter()
        try parallel.compute(requests, periods: periods, cumulativeStart: start, connections: 2, onDone: { done.add($0) })
        let expected = try stored(serial)
        #expect(expected.count > 200)
        #expect(try stored(parallel) == expected)
        #expect(done.seen.sorted() == Array(1...requests.count))
        // The marts stay readable on the writing connection after the second one is gone.
        #expect(try parallel.read { try Int.fetchOne($0, sql: "select count(*) from dim_persons") } == 9)
    }

    /// A failing indicator among others stops the batch with that indicator's error, naming its file; nothing is stored.
    @Test func aFailingIndicatorInABatchNamesItsFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("integra-parallel-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let warehouse = try Self.busyFixture().warehouse(at: folder.appendingPathComponent("w.sqlite").path)
        var requests = try Self.allRequests(warehouse)
        requests.insert(
            IndicatorRequest(
                IndicatorQuery(code: "bad", sql: "select * from no_such_table", aggregation: .countDistinct, file: "bad.sql")),
            at: 3)
        let error = #expect(throws: WarehouseError.self) {
            try warehouse.compute(
                requests, periods: [WarehouseFixture.q1], cumulativeStart: WarehouseFixture.day("2023-01-01"),
                connections: 2)
        }
        #expect(error?.file == "bad.sql")
        #expect(try warehouse.indicatorValues().isEmpty)
    }
}

/// The counts `onDone` was told, from whichever thread told them. `@unchecked Sendable`: `seen` is only touched
/// with `lock` held.
final class DoneCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [Int] = []
    func add(_ n: Int) { lock.withLock { counts.append(n) } }
    var seen: [Int] { lock.withLock { counts } }
}
