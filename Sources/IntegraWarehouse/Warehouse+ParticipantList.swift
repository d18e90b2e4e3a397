import GRDB
import IntegraCore

/// One participant as a funder's participant list needs them: identity from their records, dates and age from the
/// marts. Personal data: only the participant-list writer reads it.
public struct ParticipantListEntry: Sendable, Hashable {
    /// An activity the person received support in, with its names.
    public struct Activity: Sendable, Hashable {
        public var id: String
        public var namePL: String
        public var nameEN: String

        public init(id: String, namePL: String, nameEN: String) {
            self.id = id
            self.namePL = namePL
            self.nameEN = nameEN
        }
    }

    /// Integra's pseudonymous person id (`P000042`).
    public var personID: String
    public var firstName: String
    public var lastName: String
    public var pesel: String?
    /// `K` or `M`, nil when unknown.
    public var sex: String?
    /// ISO 3166-1 alpha-3, nil when unknown.
    public var citizenship: String?
    public var birthDate: LocalDate?
    /// Completed years at `startDate`, nil without a birth date.
    public var ageAtStart: Int?
    /// The first support event of any kind (`dim_persons.first_support_date`).
    public var startDate: LocalDate
    /// The last support event of any kind.
    public var endDate: LocalDate
    /// The activities of the person's support events, in the order the person first received each.
    public var activities: [Activity]

    public init(
        personID: String, firstName: String, lastName: String, pesel: String?, sex: String?, citizenship: String?,
        birthDate: LocalDate?, ageAtStart: Int?, startDate: LocalDate, endDate: LocalDate, activities: [Activity]
    ) {
        self.personID = personID
        self.firstName = firstName
        self.lastName = lastName
        self.pesel = pesel
        self.sex = sex
        self.citizenship = citizenship
        self.birthDate = birthDate
        self.ageAtStart = ageAtStart
        self.startDate = startDate
        self.endDate = endDate
        self.activities = activities
    }
}

extension Warehouse {
    /// Every person with at least one support event, sorted by person id: the rows of a participant list.
    ///
    /// Reads the marts, so call it after `createMarts(parameters:)`. A person without any support event is not a
    /// participant (ESF definition: participation starts at the first support) and is left out. The name is the
    /// one on the person's first roll record — or, for a person known only from consultations, their first
    /// record — in input order (file path, sheet, row); the PESEL is that record's, else the first PESEL found on
    /// the person's records in the same order.
    ///
    /// ```swift
    /// for entry in try warehouse.participantList() { print(entry.personID, entry.startDate.iso) }
    /// ```
    public func participantList() throws -> [ParticipantListEntry] {
        try db.read { db in
            var identity: [String: (first: String, last: String, pesel: String?)] = [:]
            var firstPESEL: [String: String] = [:]
            let records = try Row.fetchCursor(
                db,
                sql: """
                    select pr.person_id, pr.first_name, pr.last_name, pr.pesel
                    from participant_records as pr
                    inner join raw_rows as r on r.id = pr.raw_row_id
                    inner join source_files as f on f.id = r.source_file_id
                    inner join source_sheets as s on s.id = r.sheet_id
                    order by pr.person_id, pr.course_id is null, f.path, s.sheet_index, r.row_number
                    """)
            while let row = try records.next() {
                let person: String = row[0]
                let pesel: String? = row[3]
                if identity[person] == nil { identity[person] = (row[1], row[2], pesel) }
                if firstPESEL[person] == nil, let pesel { firstPESEL[person] = pesel }
            }

            var activities: [String: [ParticipantListEntry.Activity]] = [:]
            let supported = try Row.fetchCursor(
                db,
                sql: """
                    select e.person_id, e.activity_id, a.name_pl, a.name_en, min(e.event_date) as first_date
                    from fct_support_events as e
                    inner join activities as a on a.id = e.activity_id
                    group by e.person_id, e.activity_id
                    order by e.person_id, first_date, e.activity_id
                    """)
            while let row = try supported.next() {
                activities[row[0], default: []].append(.init(id: row[1], namePL: row[2], nameEN: row[3]))
            }

            let persons = try Row.fetchCursor(
                db,
                sql: """
                    select d.person_id, d.sex, d.citizenship, d.birth_date, d.age_at_start, d.first_support_date,
                        last.last_support_date
                    from dim_persons as d
                    inner join (
                        select person_id, max(event_date) as last_support_date from fct_support_events
                        group by person_id
                    ) as last on last.person_id = d.person_id
                    where d.first_support_date is not null
                    order by d.person_id
                    """)
            var entries: [ParticipantListEntry] = []
            while let row = try persons.next() {
                let id: String = row[0]
                let name = identity[id]
                guard let start = LocalDate(iso: row[5]), let end = LocalDate(iso: row[6]) else {
                    throw WarehouseError(
                        file: "sql/marts", message: "person \(id) has a support date that is not yyyy-mm-dd")
                }
                entries.append(
                    ParticipantListEntry(
                        personID: id, firstName: name?.first ?? "", lastName: name?.last ?? "",
                        pesel: name?.pesel ?? firstPESEL[id], sex: row[1], citizenship: row[2],
                        birthDate: (row[3] as String?).flatMap(LocalDate.init(iso:)), ageAtStart: row[4],
                        startDate: start, endDate: end, activities: activities[id] ?? []))
            }
            return entries
        }
    }
}
