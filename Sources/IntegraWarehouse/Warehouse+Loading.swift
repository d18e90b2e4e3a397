import GRDB
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
        "indicator_values", "periods", "attendance_marks", "sessions", "consultations",
        "linkage_model", "link_review", "person_links", "participant_records", "courses", "persons", "diagnostics", "row_status", "file_accounting", "activities",
        "partners", "run_parameters",
    ]

    /// Replaces everything derived by the previous run with `batch`, in one transaction; a constraint failure rolls
    /// everything back and names the table. Stored files and rows are not touched.
    public func load(_ batch: WarehouseBatch) throws {
        try db.write { db in
            for view in try String.fetchAll(db, sql: "select name from sqlite_master where type = 'view' and name <> 'rejected_rows'") {
                try db.execute(sql: "drop view \(view)")
            }
            for table in Self.derivedTables { try db.execute(sql: "delete from \(table)") }
            try insert(db, "partners", ["id", "name", "role"], batch.partners.map { [$0.id, $0.name, $0.role] })
            try insert(
                db, "activities",
                ["id", "name_pl", "name_en", "kind", "priority", "completion_threshold", "support_starts", "session_hours"],
                batch.activities.map {
                    [$0.id, $0.namePL, $0.nameEN, $0.kind, $0.priority, $0.completionThreshold, $0.supportStarts, $0.sessionHours]
                })
            try insert(
                db, "file_accounting", ["source_file_id", "rows_read", "rows_loaded", "rows_rejected", "rows_blank"],
                batch.files.map { [$0.id, $0.rowsRead, $0.rowsLoaded, $0.rowsRejected, $0.rowsBlank] })
            try insert(
                db, "row_status", ["raw_row_id", "status"], batch.rowStatus.map { [$0.rawRowID, $0.loaded ? "loaded" : "rejected"] })
            try insert(
                db, "diagnostics",
                ["source_file_id", "raw_row_id", "path", "sheet", "row_number", "column_name", "severity", "code", "message"],
                batch.diagnostics.map {
                    let d = $0.diagnostic
                    return [$0.fileID, $0.rawRowID, d.location?.file, d.location?.sheet, d.location?.row, d.location?.column,
                            d.severity.rawValue, d.code.rawValue, d.message]
                })
            try insert(
                db, "persons",
                ["id", "sex", "birth_date", "citizenship", "arrival_date", "evidence", "objective", "objective_since",
                 "objective_record"],
                batch.persons.map {
                    [$0.id, $0.sex, $0.birthDate?.iso, $0.citizenship, $0.arrivalDate?.iso, $0.evidence.rawValue,
                     $0.objective, $0.objectiveSince?.iso, $0.objectiveRecord]
                })
            try insert(
                db, "courses", ["id", "partner_id", "activity_id", "group_code"],
                batch.courses.map { [$0.id, $0.partnerID, $0.activityID, $0.groupCode] })
            try insert(
                db, "participant_records",
                ["id", "raw_row_id", "record_key", "person_id", "partner_id", "activity_id", "course_id", "first_name",
                 "last_name", "name_key", "pesel", "birth_date", "sex", "citizenship", "arrival_date", "start_date",
                 "end_date", "level_in", "level_out", "objective", "objective_since", "ukr_status", "employment_date"],
                batch.participants.map {
                    [$0.id, $0.rawRowID, $0.recordKey, $0.personID, $0.partnerID, $0.activityID, $0.courseID, $0.firstName,
                     $0.lastName, $0.nameKey, $0.pesel, $0.birthDate?.iso, $0.sex, $0.citizenship, $0.arrivalDate?.iso,
                     $0.startDate?.iso, $0.endDate?.iso, $0.levelIn, $0.levelOut, $0.objective, $0.objectiveSince?.iso,
                     $0.ukrStatus.map { $0 ? 1 : 0 }, $0.employmentDate?.iso]
                })
            try insert(db, "sessions", ["id", "course_id", "session_date"], batch.sessions.map { [$0.id, $0.courseID, $0.date.iso] })
            try insert(
                db, "attendance_marks", ["raw_row_id", "session_id", "participant_record_id", "column_name", "status"],
                batch.marks.map { [$0.rawRowID, $0.sessionID, $0.participantRecordID, $0.column, $0.status.rawValue] })
            try insert(
                db, "consultations",
                ["raw_row_id", "partner_id", "activity_id", "person_id", "consultation_date", "topic", "language", "mode", "minutes"],
                batch.consultations.map {
                    [$0.rawRowID, $0.partnerID, $0.activityID, $0.personID, $0.date.iso, $0.topic, $0.language, $0.mode, $0.minutes]
                })
            try insert(
                db, "person_links",
                ["person_id", "record_a", "record_b", "weight", "probability", "decided_by", "contributions_json"],
                batch.links.map { [$0.personID, $0.recordA, $0.recordB, $0.weight, $0.probability, $0.decidedBy, $0.contributionsJSON] })
            try insert(
                db, "link_review",
                ["record_a", "record_b", "person_a", "person_b", "weight", "probability", "contributions_json"],
                batch.review.map { [$0.recordA, $0.recordB, $0.personA, $0.personB, $0.weight, $0.probability, $0.contributionsJSON] })
            try insert(
                db, "linkage_model", ["field", "level", "m", "u", "weight"],
                batch.model.map { [$0.field, $0.level, $0.m, $0.u, $0.weight] })
            try insert(
                db, "periods", ["id", "kind", "start_date", "end_date", "label_pl", "label_en"],
                batch.periods.map { [$0.id, $0.kind.rawValue, $0.start.iso, $0.end.iso, $0.labelPL, $0.labelEN] })
        }
    }

    private func insert(
        _ db: Database, _ table: String, _ columns: [String], _ rows: [[(any DatabaseValueConvertible)?]]
    ) throws {
        guard !rows.isEmpty else { return }
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let statement = try db.cachedStatement(
            sql: "insert into \(table) (\(columns.joined(separator: ", "))) values (\(placeholders))")
        for row in rows {
            do {
                try statement.execute(arguments: StatementArguments(row))
            } catch let error as DatabaseError {
                // The message names the table and constraint; the arguments (personal data) stay out of it.
                throw WarehouseError(file: "table \(table)", message: error.message ?? "\(error.resultCode)")
            }
        }
    }
}

extension Warehouse {
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
            for (key, id) in ids { try statement.execute(arguments: [key, id]) }
        }
    }
}
