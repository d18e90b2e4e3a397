import GRDB
import IntegraCore

/// One record of a person, where it came from and what it says (names only for callers allowed to show them).
public struct PersonRecordView: Sendable {
    public var recordKey: String
    public var partnerID: String
    public var activityID: String
    public var path: String
    public var sheet: String
    public var row: Int
    public var firstName: String
    public var lastName: String
    public var birthDate: String?
    public var sex: String?
    public var citizenship: String?
    public var hasPESEL: Bool
}

extension Warehouse {
    /// A person as the latest run derived them, or nil.
    public func person(_ id: String) throws -> PersonRecord? {
        try db.read { db in
            try Row.fetchOne(
                db, sql: "select id, sex, birth_date, citizenship, arrival_date, evidence from persons where id = ?", arguments: [id]
            ).map {
                PersonRecord(
                    id: $0[0], sex: $0[1], birthDate: ($0[2] as String?).flatMap(LocalDate.init(iso:)), citizenship: $0[3],
                    arrivalDate: ($0[4] as String?).flatMap(LocalDate.init(iso:)),
                    evidence: PersonEvidence(rawValue: $0[5]) ?? .nameOnly)
            }
        }
    }

    /// A person's records with file, sheet and row, in input order.
    public func records(ofPerson id: String) throws -> [PersonRecordView] {
        try db.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    select p.record_key, p.partner_id, p.activity_id, f.path, s.name, r.row_number, p.first_name, p.last_name,
                        p.birth_date, p.sex, p.citizenship, p.pesel is not null
                    from participant_records as p
                    join raw_rows as r on r.id = p.raw_row_id
                    join source_files as f on f.id = r.source_file_id
                    join source_sheets as s on s.id = r.sheet_id
                    where p.person_id = ? order by f.path, s.sheet_index, r.row_number
                    """, arguments: [id]
            ).map {
                PersonRecordView(
                    recordKey: $0[0], partnerID: $0[1], activityID: $0[2], path: $0[3], sheet: $0[4], row: $0[5],
                    firstName: $0[6], lastName: $0[7], birthDate: $0[8], sex: $0[9], citizenship: $0[10], hasPESEL: $0[11])
            }
        }
    }

    /// The links that joined a person's records, strongest first.
    public func links(ofPerson id: String) throws -> [PersonLinkRecord] {
        try db.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    select person_id, record_a, record_b, weight, probability, decided_by, contributions_json from person_links
                    where person_id = ? order by weight desc, record_a, record_b
                    """, arguments: [id]
            ).map {
                PersonLinkRecord(
                    personID: $0[0], recordA: $0[1], recordB: $0[2], weight: $0[3], probability: $0[4], decidedBy: $0[5],
                    contributionsJSON: $0[6])
            }
        }
    }

    /// Pairs left for review that involve a person.
    public func reviewPairs(ofPerson id: String? = nil) throws -> [LinkReviewRecord] {
        try db.read { db in
            let filter = id == nil ? "" : "where person_a = ? or person_b = ?"
            return try Row.fetchAll(
                db,
                sql: """
                    select record_a, record_b, person_a, person_b, weight, probability, contributions_json, decided_by
                    from link_review
                    \(filter) order by probability desc, record_a, record_b
                    """, arguments: id.map { [$0, $0] } ?? []
            ).map {
                LinkReviewRecord(
                    recordA: $0[0], recordB: $0[1], personA: $0[2], personB: $0[3], weight: $0[4], probability: $0[5],
                    contributionsJSON: $0[6], decidedBy: $0[7])
            }
        }
    }

    /// A participant record by key, for the review sheet.
    public func record(key: String) throws -> PersonRecordView? {
        try db.read { db in
            try Row.fetchOne(db, sql: Self.recordViewSQL + " where p.record_key = ?", arguments: [key]).map(Self.recordView)
        }
    }

    /// Every record the review pairs name, by key, read in one query: at programme scale the sheet names 200 000
    /// records, and a query per record (each prepared anew in its own read) was half a minute of the run.
    public func reviewRecords() throws -> [String: PersonRecordView] {
        try db.read { db in
            var result: [String: PersonRecordView] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: Self.recordViewSQL + """
                     where p.record_key in (select record_a from link_review union select record_b from link_review)
                    """)
            while let row = try rows.next() {
                let view = Self.recordView(row)
                result[view.recordKey] = view
            }
            return result
        }
    }

    private static let recordViewSQL = """
        select p.record_key, p.partner_id, p.activity_id, f.path, s.name, r.row_number, p.first_name, p.last_name,
            p.birth_date, p.sex, p.citizenship, p.pesel is not null
        from participant_records as p
        join raw_rows as r on r.id = p.raw_row_id
        join source_files as f on f.id = r.source_file_id
        join source_sheets as s on s.id = r.sheet_id
        """

    private static func recordView(_ row: Row) -> PersonRecordView {
        PersonRecordView(
            recordKey: row[0], partnerID: row[1], activityID: row[2], path: row[3], sheet: row[4], row: row[5],
            firstName: row[6], lastName: row[7], birthDate: row[8], sex: row[9], citizenship: row[10], hasPESEL: row[11])
    }
}
