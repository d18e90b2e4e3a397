import Foundation
import GRDB
import IntegraCore
import IntegraTesting
import IntegraWarehouse
import Testing

/// A small hand-built batch: two partners, two activities, Q1 and Q2 2023; every record gets its own raw row, stored
/// as a one-row file so that warehouse row ids equal the fixture's, and the file accounting follows the raw rows.
struct WarehouseFixture {
    static let sqlRoot = TestSupport.repositoryRoot.appendingPathComponent("sql", isDirectory: true)
    static let q1 = ReportingPeriod(
        id: "2023Q1", kind: .quarter, start: day("2023-01-01"), end: day("2023-03-31"), labelPL: "I kw. 2023",
        labelEN: "Q1 2023")
    static let q2 = ReportingPeriod(
        id: "2023Q2", kind: .quarter, start: day("2023-04-01"), end: day("2023-06-30"), labelPL: "II kw. 2023",
        labelEN: "Q2 2023")

    var batch = WarehouseBatch()
    /// The stored files, one per raw row, in raw row order.
    private var stored: [NewSourceFile] = []

    init() {
        batch.partners = [("lead", "Lider", "leader"), ("other", "Partner", "partner")]
        batch.activities = [
            ActivityRow(id: "course", namePL: "Kurs", nameEN: "Course", kind: "language_course", sessionHours: 2),
            ActivityRow(id: "consult", namePL: "Konsultacje", nameEN: "Consultations", kind: "consultation"),
        ]
        batch.periods = [Self.q1, Self.q2]
    }

    /// A new raw row, in a one-row file of this partner and kind; its id is the file's id too.
    mutating func rawRow(_ partner: String, _ kind: SourceKind, loaded: Bool = true) -> Int {
        let id = stored.count + 1
        let key = "\(partner)/\(kind.rawValue)"
        let activity = kind == .consultations ? "consult" : "course"
        let hash = String(String(id, radix: 16).reversed()).padding(toLength: 64, withPad: "a", startingAt: 0)
        stored.append(
            NewSourceFile(
                sourceID: key, partnerID: partner, kind: kind, activityID: activity, path: "\(key)-\(id).csv",
                sha256: hash, size: 100, readOptions: "", encoding: "utf-8"))
        var file = SourceFileRecord(
            id: id, sourceID: key, partnerID: partner, kind: kind, activityID: activity, path: "\(key)-\(id).csv",
            sha256: hash, size: 100, encoding: "utf-8")
        file.rowsRead = 1
        if loaded { file.rowsLoaded = 1 } else { file.rowsRejected = 1 }
        batch.files.append(file)
        batch.rowStatus.append((id, loaded))
        return id
    }

    mutating func person(
        _ id: String, sex: String? = nil, born: String? = nil, citizenship: String? = "UKR", arrived: String? = nil,
        objective: String? = nil
    ) {
        var p = PersonRecord(
            id: id, sex: sex, birthDate: born.map(Self.day), citizenship: citizenship, arrivalDate: arrived.map(Self.day),
            evidence: born == nil ? .nameOnly : .nameBirthDate)
        p.objective = objective
        batch.persons.append(p)
    }

    mutating func course(_ partner: String, _ group: String) -> Int {
        let id = batch.courses.count + 1
        batch.courses.append(CourseRecord(id: id, partnerID: partner, activityID: "course", groupCode: group))
        return id
    }

    /// A roll record of `person` on `course` (at the course's partner); returns the participant record id.
    @discardableResult
    mutating func enrol(_ person: String, course: Int, start: String? = nil) -> Int {
        let partner = batch.courses[course - 1].partnerID
        let raw = rawRow(partner, .roll)
        let id = batch.participants.count + 1
        var p = ParticipantRecord(
            id: id, rawRowID: raw, personID: person, partnerID: partner, activityID: "course", courseID: course,
            firstName: "Imię", lastName: "Nazwisko", nameKey: "imie|nazwisko")
        p.startDate = start.map(Self.day)
        batch.participants.append(p)
        return id
    }

    /// Sessions of a course, one per date; returns their ids in order.
    mutating func sessions(_ course: Int, _ dates: [String]) -> [Int] {
        dates.map { date in
            let id = batch.sessions.count + 1
            batch.sessions.append(SessionRecord(id: id, courseID: course, date: Self.day(date)))
            return id
        }
    }

    /// One attendance row of a participant record: a mark per session, `true` = present, `false` = absent.
    mutating func attend(_ participant: Int, _ marks: [(session: Int, present: Bool)]) {
        let partner = batch.participants[participant - 1].partnerID
        let raw = rawRow(partner, .attendance)
        for m in marks {
            batch.marks.append(
                AttendanceMarkRecord(
                    rawRowID: raw, sessionID: m.session, participantRecordID: participant, column: "s\(m.session)",
                    status: m.present ? .present : .absent))
        }
    }

    /// A consultation; `person` nil = anonymous. An identified one also gets its participant record.
    @discardableResult
    mutating func consult(_ partner: String, _ person: String?, on date: String, topic: String? = nil) -> Int {
        let raw = rawRow(partner, .consultations)
        if let person {
            batch.participants.append(
                ParticipantRecord(
                    id: batch.participants.count + 1, rawRowID: raw, personID: person, partnerID: partner,
                    activityID: "consult", courseID: nil, firstName: "Imię", lastName: "Nazwisko",
                    nameKey: "imie|nazwisko"))
        }
        batch.consultations.append(
            ConsultationRecord(
                rawRowID: raw, partnerID: partner, activityID: "consult", personID: person, date: Self.day(date),
                topic: topic, language: nil, mode: nil, minutes: 30))
        return raw
    }

    /// A fresh warehouse (in memory, or a file at `path`) with this batch loaded and the marts created.
    /// The course activity's rules are `completionThreshold` and `rollStartIsSupport` ("1" = enrolment).
    func warehouse(
        completionThreshold: String = "0.8", rollStartIsSupport: String = "1", at path: String? = nil
    ) throws -> Warehouse {
        let warehouse = try storedWarehouse(at: path)
        var batch = self.batch
        for i in batch.activities.indices where batch.activities[i].id == "course" {
            batch.activities[i].completionThreshold = Double(completionThreshold)!
            batch.activities[i].supportStarts = rollStartIsSupport == "1" ? "enrolment" : "first_attendance"
        }
        try warehouse.load(batch)
        try warehouse.createMarts(parameters: ["ukr_arrival_since": "2022-02-24"])
        return warehouse
    }

    /// A fresh warehouse (in memory, or a file at `path`) holding the fixture's files (one header and one data row
    /// each), nothing derived.
    func storedWarehouse(at path: String? = nil) throws -> Warehouse {
        let warehouse = try Warehouse.create(at: path, sqlRoot: Self.sqlRoot)
        let run = try warehouse.beginRun(projectID: "test", projectSHA256: String(repeating: "0", count: 64), toolVersion: "test")
        for file in stored {
            _ = try warehouse.store(file, sheets: [SheetTable(name: nil, rows: [TableRow(number: 2, cells: [.string("row")])])], run: run)
        }
        return warehouse
    }

    static func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }
}

extension Warehouse {
    /// Computes the real `sql/indicators/<code>.sql` over Q1 and Q2 2023, cumulative from 2023-01-01.
    func compute(
        _ code: String, aggregation: IndicatorQuery.Aggregation = .countDistinct, breakdowns: [BreakdownSpec] = []
    ) throws {
        try compute(
            try Self.query(code, aggregation: aggregation),
            periods: [WarehouseFixture.q1, WarehouseFixture.q2], cumulativeStart: WarehouseFixture.day("2023-01-01"),
            breakdowns: breakdowns)
    }

    /// The real `sql/indicators/<code>.sql`.
    static func query(_ code: String, aggregation: IndicatorQuery.Aggregation = .countDistinct) throws -> IndicatorQuery {
        let file = WarehouseFixture.sqlRoot.appendingPathComponent("indicators/\(code).sql")
        return IndicatorQuery(
            code: code, sql: try String(contentsOf: file, encoding: .utf8), aggregation: aggregation,
            file: "sql/indicators/\(code).sql")
    }

    /// `"period scope breakdown=category"` → value for one indicator, e.g. `"2023Q1 in_period partner=lead": 2`.
    func figures(_ code: String) throws -> [String: Double] {
        var result: [String: Double] = [:]
        for v in try indicatorValues() where v.indicator == code {
            let key = v.breakdown.isEmpty ? "\(v.period) \(v.scope)" : "\(v.period) \(v.scope) \(v.breakdown)=\(v.category)"
            result[key] = v.value
        }
        return result
    }

    /// Distinct values of one expression over `source` (any SQL), read through the public API only: the test target
    /// has no GRDB, so the query runs as a throw-away indicator broken down by the expression. Sorted.
    func distinctValues(_ expression: String, from source: String, probe: String) throws -> [String] {
        try compute(
            IndicatorQuery(
                code: probe,
                sql: "select 'u' as unit_id, '2023-01-01' as event_date, \(expression) as probe from \(source)",
                aggregation: .countDistinct, file: probe),
            periods: [WarehouseFixture.q1], cumulativeStart: WarehouseFixture.day("2023-01-01"),
            breakdowns: [BreakdownSpec(key: "probe", column: "probe")])
        return try indicatorValues()
            .filter { $0.indicator == probe && $0.scope == "in_period" && $0.breakdown == "probe" }
            .map(\.category).sorted()
    }
}

@Suite struct WarehouseTests {
    /// A sound batch: one person on a course with a session, one anonymous consultation.
    static func goodBatch() -> WarehouseFixture {
        var f = WarehouseFixture()
        f.person("P000001", sex: "K", born: "1990-05-05")
        let course = f.course("lead", "A1")
        let record = f.enrol("P000001", course: course, start: "2023-01-10")
        let sessions = f.sessions(course, ["2023-01-12"])
        f.attend(record, [(sessions[0], true)])
        f.consult("other", nil, on: "2023-02-01")
        return f
    }

    @Test func loadsAGoodBatchAndChecksClean() throws {
        let warehouse = try Self.goodBatch().warehouse()
        #expect(try warehouse.check() == [])
    }

    @Test func sourceFileAccountingMustAddUp() throws {
        var f = Self.goodBatch()
        f.batch.files[0].rowsRead += 1  // read 2, loaded 1, rejected 0, blank 0
        let warehouse = try f.storedWarehouse()
        let error = #expect(throws: WarehouseError.self) { try warehouse.load(f.batch) }
        #expect(error?.file == "table file_accounting")
        #expect(error?.message.contains("CHECK") == true)
    }

    /// Each mutation breaks one schema constraint; the load names the table and keeps no part of the batch.
    @Test(arguments: [
        ("person id not P…", "persons", { @Sendable (b: inout WarehouseBatch) in b.persons[0].id = "X1" }),
        ("sex F", "persons", { @Sendable (b: inout WarehouseBatch) in b.persons[0].sex = "F" }),
        ("citizenship of 2 letters", "persons", { @Sendable (b: inout WarehouseBatch) in b.persons[0].citizenship = "UA" }),
        ("PESEL of 10 digits", "participant_records", { @Sendable (b: inout WarehouseBatch) in b.participants[0].pesel = "4405140135" }),
        ("level D1", "participant_records", { @Sendable (b: inout WarehouseBatch) in b.participants[0].levelIn = "D1" }),
        ("unknown person", "participant_records", { @Sendable (b: inout WarehouseBatch) in b.participants[0].personID = "P000009" }),
        ("unknown partner", "courses", { @Sendable (b: inout WarehouseBatch) in b.courses[0].partnerID = "nobody" }),
        ("two marks for one session", "attendance_marks", { @Sendable (b: inout WarehouseBatch) in b.marks.append(b.marks[0]) }),
        ("negative minutes", "consultations", { @Sendable (b: inout WarehouseBatch) in b.consultations[0].minutes = -5 }),
        ("status of an unknown row", "row_status", { @Sendable (b: inout WarehouseBatch) in b.rowStatus.append((999, true)) }),
        ("mark of an unknown session", "attendance_marks", { @Sendable (b: inout WarehouseBatch) in b.marks[0].sessionID = 99 }),
    ] as [(String, String, @Sendable (inout WarehouseBatch) -> Void)])
    func constraintRefusesABadRow(label: String, table: String, breakIt: @Sendable (inout WarehouseBatch) -> Void) throws {
        var bad = Self.goodBatch().batch
        breakIt(&bad)
        let warehouse = try Self.goodBatch().storedWarehouse()
        let error = #expect(throws: WarehouseError.self, "\(label)") { try warehouse.load(bad) }
        #expect(error?.file == "table \(table)", "\(label)")
        // The failed load rolled back: the good batch (same run id 1, same ids) still loads.
        try warehouse.load(Self.goodBatch().batch)
        #expect(try warehouse.check() == [])
    }

    @Test func indicatorRowsHoldTheUnitsAndSourceRowsBehindAFigure() throws {
        var f = WarehouseFixture()
        f.person("P000001")
        f.person("P000002")
        let course = f.course("lead", "A1")
        let r1 = f.enrol("P000001", course: course, start: "2023-01-10")  // raw row 1
        f.enrol("P000002", course: course)  // raw row 2, no start date: no enrolment event
        let s = f.sessions(course, ["2023-01-12", "2023-01-19"])
        f.attend(r1, [(s[0], true), (s[1], false)])  // raw row 3
        let consult = f.consult("other", "P000002", on: "2023-04-03")  // raw row 4
        f.consult("other", nil, on: "2023-04-04")  // raw row 5, anonymous: no person
        let warehouse = try f.warehouse()
        try warehouse.compute("persons_supported")
        try warehouse.createIndicatorRows([try Warehouse.query("persons_supported"), try Warehouse.query("consultations")])
        #expect(consult == 4)
        let rows = try warehouse.distinctValues(
            "unit_id || ' ' || event_date || ' ' || coalesce(raw_row_id, '-')",
            from: "indicator_rows where indicator_code = 'persons_supported'", probe: "probe_rows")
        #expect(rows == ["P000001 2023-01-10 1", "P000001 2023-01-12 3", "P000002 2023-04-03 4"])
        #expect(try warehouse.figures("persons_supported") == [
            "2023Q1 in_period": 1, "2023Q1 cumulative": 1, "2023Q2 in_period": 1, "2023Q2 cumulative": 2,
        ])
    }

    @Test func anIndicatorWithoutUnitIDIsRefusedNamingItsFile() throws {
        let warehouse = try Self.goodBatch().warehouse()
        let error = #expect(throws: WarehouseError.self) {
            try warehouse.compute(
                IndicatorQuery(
                    code: "bad", sql: "select person_id, first_support_date as event_date from dim_persons",
                    aggregation: .countDistinct, file: "sql/indicators/bad.sql"),
                periods: [WarehouseFixture.q1], cumulativeStart: WarehouseFixture.day("2023-01-01"), breakdowns: [])
        }
        #expect(error?.file == "sql/indicators/bad.sql")
        #expect(error?.message.contains("unit_id") == true)
    }

    @Test func aBreakdownNeedsItsColumn() throws {
        let warehouse = try Self.goodBatch().warehouse()
        let error = #expect(throws: WarehouseError.self) {
            try warehouse.compute("consultations", breakdowns: [BreakdownSpec(key: "sex", column: "sex")])
        }
        #expect(error?.message.contains("breakdown sex needs a column named sex") == true)
    }

    /// The marts are materialised into a scratch file beside the warehouse, readable by its owner only (it holds
    /// person ids), which `close` deletes; a warehouse dropped without `close` deletes it too.
    @Test func theMartsScratchFileIsOwnerOnlyAndRemoved() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("integra-marts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("warehouse.sqlite").path
        let scratch = Warehouse.martsFile(for: path)
        #expect(scratch == folder.appendingPathComponent(".warehouse.sqlite.marts.tmp").path)
        // The marts that read only the warehouse's tables are evaluated on a second connection, into a second file.
        let second = Warehouse.martsFile(for: path, part: 2)
        var warehouse: Warehouse? = try Self.goodBatch().warehouse(at: path)
        for file in [scratch, second] {
            let permissions = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
            #expect(permissions == 0o600, "\(file)")
        }
        try warehouse?.close()
        #expect(!FileManager.default.fileExists(atPath: scratch))
        #expect(!FileManager.default.fileExists(atPath: second))
        warehouse = try Self.goodBatch().warehouse(at: path)
        #expect(FileManager.default.fileExists(atPath: scratch))
        warehouse = nil
        #expect(!FileManager.default.fileExists(atPath: scratch))
        #expect(!FileManager.default.fileExists(atPath: second))
    }

    /// Each mart is read from its materialised table, equal to its view; `dim_persons` is evaluated from the
    /// `fct_support_events` table before it, and gives what the view gives.
    @Test func theMaterialisedMartsEqualTheirViews() throws {
        let warehouse = try Self.goodBatch().warehouse()
        try warehouse.read { db in
            for mart in ["fct_support_events", "dim_persons", "fct_course_results", "fct_cefr_results", "fct_support_hours"] {
                let plan = try Row.fetchAll(db, sql: "explain query plan select * from \(mart)")
                    .map { $0["detail"] as String }.joined(separator: " ")
                #expect(!plan.contains("participant_records"), "\(mart): \(plan)")
                let view = try Row.fetchAll(db, sql: "select * from main.\(mart)").map(\.description).sorted()
                let table = try Row.fetchAll(db, sql: "select * from temp.\(mart)").map(\.description).sorted()
                #expect(view == table, "\(mart)")
                #expect(!view.isEmpty || mart == "fct_cefr_results", "\(mart)")
            }
        }
    }

    @Test func aSQLErrorNamesTheFile() throws {
        let warehouse = try Self.goodBatch().warehouse()
        let error = #expect(throws: WarehouseError.self) {
            try warehouse.compute(
                IndicatorQuery(code: "bad", sql: "select * from no_such_table", aggregation: .countDistinct, file: "x.sql"),
                periods: [WarehouseFixture.q1], cumulativeStart: WarehouseFixture.day("2023-01-01"), breakdowns: [])
        }
        #expect(error?.file == "x.sql")
        #expect(error?.message.contains("no_such_table") == true)
    }
}

@Suite struct ReadOnlyConnectionTests {
    /// The warehouse check runs on a second connection beside the run's: it sees what the run loaded and cannot write.
    @Test func aSecondConnectionReadsTheLoadedWarehouseAndCannotWrite() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("integra-ro-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("warehouse.sqlite").path
        let warehouse = try WarehouseTests.goodBatch().warehouse(at: path)
        let reader = try warehouse.readOnlyConnection()
        #expect(try reader.check() == [])
        let persons = try reader.read { try Int.fetchOne($0, sql: "select count(*) from persons") }
        #expect(persons == WarehouseTests.goodBatch().batch.persons.count)
        #expect(throws: (any Error).self) { try reader.load(WarehouseTests.goodBatch().batch) }
        try reader.close()
        try warehouse.close()
    }

    /// Loading over a previous run (foreign keys off while the rows go in, checked after) replaces it whole.
    @Test func aSecondLoadReplacesTheFirstAndChecksClean() throws {
        let f = WarehouseTests.goodBatch()
        let warehouse = try f.storedWarehouse()
        try warehouse.load(f.batch)
        try warehouse.load(f.batch)
        #expect(try warehouse.check() == [])
        let marks = try warehouse.read { try Int.fetchOne($0, sql: "select count(*) from attendance_marks") }
        #expect(marks == f.batch.marks.count)
        let foreignKeys = try warehouse.read { try Int.fetchOne($0, sql: "PRAGMA foreign_keys") }
        #expect(foreignKeys == 1)
    }
}
