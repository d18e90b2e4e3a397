import Foundation
import GRDB
import GRDBSQLite
import IntegraCore

/// Everything one run derives from the current files, already normalised, linked and numbered; it replaces what
/// the previous run derived.
public struct WarehouseBatch: Sendable {
    public var partners: [(id: String, name: String, role: String)] = []
    public var activities: [ActivityRow] = []
    /// Row accounting of every current file.
    public var files: [SourceFileRecord] = []
    /// Loaded (true) or rejected, per data row.
    public var rowStatus: [(rawRowID: Int, loaded: Bool)] = []
    public var diagnostics: [DiagnosticRecord] = []
    public var persons: [PersonRecord] = []
    public var courses: [CourseRecord] = []
    public var participants: [ParticipantRecord] = []
    public var sessions: [SessionRecord] = []
    public var marks: [AttendanceMarkRecord] = []
    public var consultations: [ConsultationRecord] = []
    public var periods: [ReportingPeriod] = []
    public var links: [PersonLinkRecord] = []
    public var review: [LinkReviewRecord] = []
    public var model: [LinkageModelRecord] = []
    /// Ledger rows and budget cells (issue 19), amounts in grosze.
    public var expenditures: [ExpenditureRecord] = []
    public var budget: [BudgetRecord] = []
    /// The ledger rows and budget cells are in already (``Warehouse/loadFinance(partners:expenditures:budget:)``,
    /// beside link): `load` leaves the finance tables as they are and only checks their keys.
    public var financeLoaded = false

    public init() {}
}

/// An activity as the marts read it: what it is and its own participant rules, already resolved against the
/// project's defaults.
public struct ActivityRow: Sendable {
    public var id: String
    public var namePL: String
    public var nameEN: String
    public var kind: String
    public var priority: String?
    public var completionThreshold: Double
    /// `enrolment` or `first_attendance`.
    public var supportStarts: String
    public var sessionHours: Double?

    public init(
        id: String, namePL: String, nameEN: String, kind: String = "other", priority: String? = nil,
        completionThreshold: Double = 0.8, supportStarts: String = "enrolment", sessionHours: Double? = nil
    ) {
        self.id = id
        self.namePL = namePL
        self.nameEN = nameEN
        self.kind = kind
        self.priority = priority
        self.completionThreshold = completionThreshold
        self.supportStarts = supportStarts
        self.sessionHours = sessionHours
    }
}

extension Warehouse {
    /// The tables each run derives, children first (the order to empty them in).
    static let derivedTables = [
        "fin_expenditures", "fin_budget", "indicator_values", "periods", "attendance_marks", "sessions", "consultations",
        "linkage_model", "link_review", "person_links", "participant_records", "courses", "persons", "diagnostics", "row_status", "file_accounting", "activities",
        "partners", "run_parameters",
    ]

    /// The tables of the money, which ``loadFinance(partners:expenditures:budget:)`` replaces on their own.
    static let financeTables = ["fin_expenditures", "fin_budget"]

    /// Replaces the previous run's ledger rows and budget cells, in one transaction of its own, while the rest of
    /// the run is still being derived (the pipeline calls it beside link, on the second core). The project's
    /// `partners` that the previous run's table lacks are added (none is changed or removed: the previous run's
    /// rows still name theirs), so a run stopped between this and the ``load(_:)`` that follows leaves every key
    /// satisfied — the new money beside the previous run's persons, until the next run replaces both. That load,
    /// with `financeLoaded` set, replaces the partners and checks the finance tables' keys with the rest.
    public func loadFinance(
        partners: [(id: String, name: String, role: String)], expenditures: [ExpenditureRecord], budget: [BudgetRecord]
    ) throws {
        try inTransactionWithoutForeignKeys { db in
            let present = try Set(String.fetchAll(db, sql: "select id from partners"))
            try insert(db, "partners", ["id", "name", "role"], partners.filter { !present.contains($0.id) }) { b, p in
                b.bind(p.id, p.name, p.role)
            }
            try replacing(Self.financeTables, in: db) {
                try insertFinance(db, expenditures: expenditures, budget: budget)
            }
        }
    }

    /// Replaces everything derived by the previous run with `batch`, in one transaction; a constraint failure rolls
    /// everything back and names the table. Stored files and rows are not touched.
    ///
    /// Foreign keys are checked once, table by table, after the rows are in (`PRAGMA foreign_key_check`), instead of
    /// three index probes per attendance mark as it is inserted; with them off SQLite also empties the previous
    /// run's tables by dropping their pages instead of deleting row by row. A violation still rolls everything back
    /// and names the table.
    ///
    /// A reader beside it (``ReadHold``, the finance sheets' document list) may still hold the file when load
    /// commits: the commit waits for it (its spills before do not: they skip while the file is held).
    public func load(_ batch: WarehouseBatch) throws {
        defer { try? db.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA busy_timeout = 0") } }
        try inTransactionWithoutForeignKeys { db in
            try replaceDerived(db, with: batch)
            for table in Self.derivedTables {
                let violations = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check(\(table))")
                if let first = violations.first {
                    // Row ids and table names only: the values (personal data) stay out of the message.
                    throw WarehouseError(
                        file: "table \(table)",
                        message: "FOREIGN KEY constraint failed: \(violations.count) row(s), the first rowid \(first[1] as Int64? ?? 0) refers to a missing row of \(first[2] as String? ?? "?")")
                }
            }
            try db.execute(sql: "PRAGMA busy_timeout = 600000")
        }
    }

    /// `body` in one transaction on the writer, with foreign keys off (the caller checks them); rolled back if it
    /// throws.
    private func inTransactionWithoutForeignKeys(_ body: (Database) throws -> Void) throws {
        try db.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            try db.inTransaction {
                try body(db)
                return .commit
            }
        }
    }

    /// Empties `tables` and fills them again with `fill`. Their own indexes (not those of their keys and unique
    /// constraints) are dropped first and built after the rows are in, by one sort each, instead of row by row; in the
    /// caller's transaction, so a failure leaves them as they were.
    private func replacing(_ tables: [String], in db: Database, fill: () throws -> Void) throws {
        for table in tables { try db.execute(sql: "delete from \(table)") }
        let names = tables.map { "'\($0)'" }.joined(separator: ", ")
        let indexes = try Row.fetchAll(
            db,
            sql: "select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (\(names)) order by name")
        for index in indexes { try db.execute(sql: "drop index \(index["name"] as String)") }
        try fill()
        for index in indexes { try db.execute(sql: index["sql"] as String) }
    }

    private func replaceDerived(_ db: Database, with batch: WarehouseBatch) throws {
        for view in try String.fetchAll(db, sql: "select name from sqlite_master where type = 'view' and name <> 'rejected_rows'") {
            try db.execute(sql: "drop view \(view)")
        }
        let tables = Self.derivedTables.filter { !batch.financeLoaded || !Self.financeTables.contains($0) }
        try replacing(tables, in: db) {
            try insert(db, "partners", ["id", "name", "role"], batch.partners) { b, p in
                b.bind(p.id, p.name, p.role)
            }
            try insert(
                db, "activities",
                ["id", "name_pl", "name_en", "kind", "priority", "completion_threshold", "support_starts", "session_hours"],
                batch.activities
            ) { b, a in
                b.bind(a.id, a.namePL, a.nameEN, a.kind, a.priority)
                b.bind(a.completionThreshold)
                b.bind(a.supportStarts)
                b.bind(a.sessionHours)
            }
            try insert(
                db, "file_accounting", ["source_file_id", "rows_read", "rows_loaded", "rows_rejected", "rows_blank"],
                batch.files
            ) { b, f in
                b.bind(f.id, f.rowsRead, f.rowsLoaded, f.rowsRejected, f.rowsBlank)
            }
            try insert(db, "row_status", ["raw_row_id", "status"], batch.rowStatus) { b, r in
                b.bind(r.rawRowID)
                b.bind(r.loaded ? "loaded" : "rejected")
            }
            try insert(
                db, "diagnostics",
                ["source_file_id", "raw_row_id", "path", "sheet", "row_number", "column_name", "severity", "code", "message"],
                batch.diagnostics
            ) { b, r in
                let d = r.diagnostic
                b.bind(r.fileID, r.rawRowID)
                b.bind(d.location?.file, d.location?.sheet)
                b.bind(d.location?.row)
                b.bind(d.location?.column, d.severity.rawValue, d.code.rawValue, d.message)
            }
            try insert(
                db, "persons",
                ["id", "sex", "birth_date", "citizenship", "arrival_date", "evidence", "objective", "objective_since",
                 "objective_record"],
                batch.persons
            ) { b, p in
                b.bind(p.id, p.sex, p.birthDate?.iso, p.citizenship, p.arrivalDate?.iso)
                b.bind(p.evidence.rawValue, p.objective, p.objectiveSince?.iso, p.objectiveRecord)
            }
            try insert(db, "courses", ["id", "partner_id", "activity_id", "group_code"], batch.courses) { b, c in
                b.bind(c.id)
                b.bind(c.partnerID, c.activityID, c.groupCode)
            }
            try insert(
                db, "participant_records",
                ["id", "raw_row_id", "record_key", "person_id", "partner_id", "activity_id", "course_id", "first_name",
                 "last_name", "name_key", "pesel", "birth_date", "sex", "citizenship", "arrival_date", "start_date",
                 "end_date", "level_in", "level_out", "objective", "objective_since", "ukr_status", "employment_date"],
                batch.participants
            ) { b, p in
                b.bind(p.id, p.rawRowID)
                b.bind(p.recordKey, p.personID, p.partnerID, p.activityID)
                b.bind(p.courseID)
                b.bind(p.firstName, p.lastName, p.nameKey, p.pesel, p.birthDate?.iso)
                b.bind(p.sex, p.citizenship, p.arrivalDate?.iso, p.startDate?.iso, p.endDate?.iso)
                b.bind(p.levelIn, p.levelOut, p.objective, p.objectiveSince?.iso)
                b.bind(p.ukrStatus.map { $0 ? 1 : 0 })
                b.bind(p.employmentDate?.iso)
            }
            try insert(db, "sessions", ["id", "course_id", "session_date"], batch.sessions) { b, s in
                b.bind(s.id, s.courseID)
                b.bind(s.date.iso)
            }
            try insert(
                db, "attendance_marks", ["raw_row_id", "session_id", "participant_record_id", "column_name", "status"],
                batch.marks
            ) { b, m in
                b.bind(m.rawRowID, m.sessionID, m.participantRecordID)
                b.bind(m.column, m.status.rawValue)
            }
            try insert(
                db, "consultations",
                ["raw_row_id", "partner_id", "activity_id", "person_id", "consultation_date", "topic", "language", "mode", "minutes"],
                batch.consultations
            ) { b, c in
                b.bind(c.rawRowID)
                b.bind(c.partnerID, c.activityID, c.personID, c.date.iso, c.topic)
                b.bind(c.language, c.mode)
                b.bind(c.minutes)
            }
            try insert(
                db, "person_links",
                ["person_id", "record_a", "record_b", "weight", "probability", "decided_by", "contributions_json"],
                batch.links
            ) { b, l in
                b.bind(l.personID, l.recordA, l.recordB)
                b.bind(l.weight, l.probability)
                b.bind(l.decidedBy, l.contributionsJSON)
            }
            try insert(
                db, "link_review",
                ["record_a", "record_b", "person_a", "person_b", "weight", "probability", "contributions_json", "decided_by"],
                batch.review
            ) { b, r in
                b.bind(r.recordA, r.recordB, r.personA, r.personB)
                b.bind(r.weight, r.probability)
                b.bind(r.contributionsJSON, r.decidedBy)
            }
            try insert(db, "linkage_model", ["field", "level", "m", "u", "weight"], batch.model) { b, m in
                b.bind(m.field, m.level)
                b.bind(m.m, m.u, m.weight)
            }
            try insert(
                db, "periods", ["id", "kind", "start_date", "end_date", "label_pl", "label_en"], batch.periods
            ) { b, p in
                b.bind(p.id, p.kind.rawValue, p.start.iso, p.end.iso, p.labelPL, p.labelEN)
            }
            if !batch.financeLoaded { try insertFinance(db, expenditures: batch.expenditures, budget: batch.budget) }
        }
    }

    /// The finance tables' rows (issue 19), amounts in grosze.
    private func insertFinance(_ db: Database, expenditures: [ExpenditureRecord], budget: [BudgetRecord]) throws {
        try insert(
            db, "fin_expenditures",
            ["id", "raw_row_id", "partner_id", "document_number", "issue_date", "payment_date", "supplier",
             "supplier_nip", "description", "net_grosze", "vat_grosze", "gross_grosze", "eligible_grosze",
             "eligible_vat_grosze", "task", "budget_line", "category"],
            expenditures
        ) { b, e in
            b.bind(e.id, e.rawRowID)
            b.bind(e.partnerID, e.documentNumber, e.issueDate?.iso, e.paymentDate?.iso, e.supplier)
            b.bind(e.supplierNIP, e.description)
            b.bind(e.net?.grosze, e.vat?.grosze, e.gross?.grosze, e.eligible.grosze, e.eligibleVAT?.grosze)
            b.bind(e.task, e.budgetLine, e.category.rawValue)
        }
        try insert(
            db, "fin_budget",
            ["raw_row_id", "partner_id", "task", "task_name", "budget_line", "line_name", "category", "period_id",
             "amount_grosze"],
            budget
        ) { b, r in
            b.bind(r.rawRowID)
            b.bind(r.partnerID, r.task, r.taskName, r.budgetLine, r.lineName)
            b.bind(r.category.rawValue, r.periodID)
            b.bind(r.amount.grosze)
        }
    }

    /// Inserts `rows` into `table` with one prepared statement, binding each row's values straight to it
    /// (`bind` binds them in `columns` order): at programme scale millions of rows, for which building an array of
    /// boxed values and `StatementArguments` per row was most of the load stage's own time.
    private func insert<Row>(
        _ db: Database, _ table: String, _ columns: [String], _ rows: [Row], bind: (inout ColumnBinder, Row) -> Void
    ) throws {
        guard !rows.isEmpty else { return }
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let statement = try db.cachedStatement(
            sql: "insert into \(table) (\(columns.joined(separator: ", "))) values (\(placeholders))")
        let handle = statement.sqliteStatement
        for row in rows {
            var binder = ColumnBinder(statement: handle)
            bind(&binder, row)
            precondition(binder.next == Int32(columns.count) + 1, "\(table): \(binder.next - 1) values for \(columns.count) columns")
            try binder.step(db, table: table)
        }
    }
}

/// Binds one row's values to a prepared statement's parameters, in order; nil binds NULL.
struct ColumnBinder {
    let statement: SQLiteStatement
    private(set) var next: Int32 = 1

    init(statement: SQLiteStatement) { self.statement = statement }

    /// Runs the statement with the values bound, and resets it for the next row.
    func step(_ db: Database, table: String) throws {
        if sqlite3_step(statement) != SQLITE_DONE {
            // The message names the table and constraint; the values (personal data) stay out of it.
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            sqlite3_reset(statement)
            throw WarehouseError(file: "table \(table)", message: message)
        }
        sqlite3_reset(statement)
    }

    mutating func bind(_ values: String?...) {
        for value in values {
            if let value {
                var value = value
                value.withUTF8 { bytes in
                    bytes.withMemoryRebound(to: CChar.self) { chars in
                        if let base = chars.baseAddress {
                            _ = sqlite3_bind_text(statement, next, base, Int32(chars.count), sqliteTransient)
                        } else {
                            _ = sqlite3_bind_text(statement, next, "", 0, sqliteTransient)
                        }
                    }
                }
            } else {
                sqlite3_bind_null(statement, next)
            }
            next += 1
        }
    }

    mutating func bind(_ values: Int?...) {
        for value in values {
            if let value { sqlite3_bind_int64(statement, next, Int64(value)) } else { sqlite3_bind_null(statement, next) }
            next += 1
        }
    }

    mutating func bind(_ values: Int64?...) {
        for value in values {
            if let value { sqlite3_bind_int64(statement, next, value) } else { sqlite3_bind_null(statement, next) }
            next += 1
        }
    }

    mutating func bind(_ values: Double?...) {
        for value in values {
            if let value { sqlite3_bind_double(statement, next, value) } else { sqlite3_bind_null(statement, next) }
            next += 1
        }
    }
}

/// SQLite copies the bytes before the bind returns.
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

extension Warehouse {
    /// The person ids the warehouse file at `path` has given (record key → id), read without changing the file; empty
    /// when there is no such file or it has given none. For `integra verify`, whose fresh warehouse keeps the ids.
    public static func personIDs(readingOnly path: String) throws -> [String: String] {
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: config)
        defer { try? queue.close() }
        return try queue.read { db in
            guard try db.tableExists("person_ids") else { return [:] }
            var result: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "select record_key, person_id from person_ids") { result[row[0]] = row[1] }
            return result
        }
    }

    /// The person id each record was given by earlier runs (record key → id).
    public func personIDs() throws -> [String: String] {
        try db.read { db in
            var result: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "select record_key, person_id from person_ids") { result[row[0]] = row[1] }
            return result
        }
    }

    /// Records the person id of every record of this run, for the next run to keep.
    public func savePersonIDs(_ ids: [(recordKey: String, personID: String)]) throws {
        try db.write { db in
            let statement = try db.cachedStatement(
                sql: "insert into person_ids (record_key, person_id) values (?, ?) on conflict (record_key) do update set person_id = excluded.person_id")
            for (key, id) in ids {
                var binder = ColumnBinder(statement: statement.sqliteStatement)
                binder.bind(key, id)
                try binder.step(db, table: "person_ids")
            }
        }
    }
}
