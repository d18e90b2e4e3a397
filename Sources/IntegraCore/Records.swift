import Foundation
/// The kinds of partner file Integra understands.
public enum SourceKind: String, Sendable, CaseIterable, Codable {
    /// Course roll: one row per participant of a course group.
    case roll
    /// Attendance sheet: one row per participant, one column per session date.
    case attendance
    /// Information-point consultation log: one row per consultation.
    case consultations
    /// Expenditure ledger (zestawienie dokumentów księgowych): one row per accounting document (issue 19).
    case ledger
    /// The grant agreement's budget: one row per task, budget line and partner, amounts per period (issue 19).
    case budget

    /// Whether the kind holds money rather than participants (no activity, no persons).
    public var isFinance: Bool { self == .ledger || self == .budget }
}

/// What joined a person's records into one person.
public enum PersonEvidence: String, Sendable, Codable {
    /// A valid PESEL.
    case pesel
    /// The same name (after transliteration to one skeleton) and the same birth date.
    case nameBirthDate = "name_birth_date"
    /// A name alone: a person of their own, never joined to others on this evidence.
    case nameOnly = "name_only"
}

/// A mark in an attendance sheet.
public enum AttendanceStatus: String, Sendable, Codable {
    case present, absent, excused
}

// The records below are what the pipeline hands to the warehouse: normalised, linked and numbered. Ids are
// assigned by the pipeline in input order, so the same inputs always give the same ids.

/// An input file as read: identity, hash and row accounting.
public struct SourceFileRecord: Sendable, Hashable, Codable {
    public var id: Int
    public var sourceID: String
    public var partnerID: String
    public var kind: SourceKind
    public var activityID: String
    /// Path relative to the project file's folder.
    public var path: String
    public var sha256: String
    public var size: Int
    public var encoding: String?
    public var rowsRead = 0
    public var rowsLoaded = 0
    public var rowsRejected = 0
    /// Blank rows between the header and the last data row: read = loaded + rejected + blank.
    public var rowsBlank = 0

    public init(
        id: Int, sourceID: String, partnerID: String, kind: SourceKind, activityID: String, path: String,
        sha256: String, size: Int, encoding: String?
    ) {
        self.id = id
        self.sourceID = sourceID
        self.partnerID = partnerID
        self.kind = kind
        self.activityID = activityID
        self.path = path
        self.sha256 = sha256
        self.size = size
        self.encoding = encoding
    }
}

/// A diagnostic tied to the file and row it was found in.
public struct DiagnosticRecord: Sendable, Hashable, Codable {
    public var fileID: Int?
    public var rawRowID: Int?
    public var diagnostic: Diagnostic

    public init(fileID: Int?, rawRowID: Int?, diagnostic: Diagnostic) {
        self.fileID = fileID
        self.rawRowID = rawRowID
        self.diagnostic = diagnostic
    }
}

/// One person after linkage; the id is pseudonymous.
public struct PersonRecord: Sendable, Hashable {
    public var id: String
    /// `K` or `M`.
    public var sex: String?
    public var birthDate: LocalDate?
    public var citizenship: String?
    public var arrivalDate: LocalDate?
    public var evidence: PersonEvidence
    /// The FAMI objective the person counts under (one only), since when, and the record that registered it.
    public var objective: String?
    public var objectiveSince: LocalDate?
    public var objectiveRecord: String?

    public init(
        id: String, sex: String?, birthDate: LocalDate?, citizenship: String?, arrivalDate: LocalDate?,
        evidence: PersonEvidence
    ) {
        self.id = id
        self.sex = sex
        self.birthDate = birthDate
        self.citizenship = citizenship
        self.arrivalDate = arrivalDate
        self.evidence = evidence
    }
}

/// A course group at a partner.
public struct CourseRecord: Sendable, Hashable {
    public var id: Int
    public var partnerID: String
    public var activityID: String
    public var groupCode: String

    public init(id: Int, partnerID: String, activityID: String, groupCode: String) {
        self.id = id
        self.partnerID = partnerID
        self.activityID = activityID
        self.groupCode = groupCode
    }
}

/// A person as one partner recorded them: a roll row or an identified consultation client.
public struct ParticipantRecord: Sendable, Hashable {
    public var id: Int
    public var rawRowID: Int
    /// `path#sheet#row` (`path#row` for CSV): how decisions and explanations name the record.
    public var recordKey: String
    public var personID: String
    public var partnerID: String
    public var activityID: String
    public var courseID: Int?
    public var firstName: String
    public var lastName: String
    public var nameKey: String
    public var pesel: String?
    public var birthDate: LocalDate?
    public var sex: String?
    public var citizenship: String?
    public var arrivalDate: LocalDate?
    public var startDate: LocalDate?
    public var endDate: LocalDate?
    public var levelIn: String?
    public var levelOut: String?
    /// FAMI objective stated on the row (`integration`, `asylum`) and since when.
    public var objective: String?
    public var objectiveSince: LocalDate?
    /// The row records a PESEL with status UKR.
    public var ukrStatus: Bool?
    /// Employment taken up on this date (where recorded).
    public var employmentDate: LocalDate?

    public init(
        id: Int, rawRowID: Int, personID: String, partnerID: String, activityID: String, courseID: Int?,
        firstName: String, lastName: String, nameKey: String
    ) {
        self.id = id
        self.rawRowID = rawRowID
        self.recordKey = "row#\(rawRowID)"
        self.personID = personID
        self.partnerID = partnerID
        self.activityID = activityID
        self.courseID = courseID
        self.firstName = firstName
        self.lastName = lastName
        self.nameKey = nameKey
    }
}

/// A session (one date) of a course group.
public struct SessionRecord: Sendable, Hashable {
    public var id: Int
    public var courseID: Int
    public var date: LocalDate

    public init(id: Int, courseID: Int, date: LocalDate) {
        self.id = id
        self.courseID = courseID
        self.date = date
    }
}

/// One person's mark for one session.
public struct AttendanceMarkRecord: Sendable, Hashable {
    public var rawRowID: Int
    public var sessionID: Int
    public var participantRecordID: Int
    public var column: String
    public var status: AttendanceStatus

    public init(rawRowID: Int, sessionID: Int, participantRecordID: Int, column: String, status: AttendanceStatus) {
        self.rawRowID = rawRowID
        self.sessionID = sessionID
        self.participantRecordID = participantRecordID
        self.column = column
        self.status = status
    }
}

/// One consultation; `personID` is nil when anonymous.
public struct ConsultationRecord: Sendable, Hashable {
    public var rawRowID: Int
    public var partnerID: String
    public var activityID: String
    public var personID: String?
    public var date: LocalDate
    public var topic: String?
    public var language: String?
    public var mode: String?
    public var minutes: Int?

    public init(
        rawRowID: Int, partnerID: String, activityID: String, personID: String?, date: LocalDate, topic: String?,
        language: String?, mode: String?, minutes: Int?
    ) {
        self.rawRowID = rawRowID
        self.partnerID = partnerID
        self.activityID = activityID
        self.personID = personID
        self.date = date
        self.topic = topic
        self.language = language
        self.mode = mode
        self.minutes = minutes
    }
}

/// A reporting period: a quarter, month, year or the whole project.
public struct ReportingPeriod: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable { case month, quarter, year, project, custom }
    /// `2023Q1`, `2023-03`, `2023`, `project`, `2023-03-15..2023-06-30`.
    public var id: String
    public var kind: Kind
    public var start: LocalDate
    public var end: LocalDate
    public var labelPL: String
    public var labelEN: String

    public init(id: String, kind: Kind, start: LocalDate, end: LocalDate, labelPL: String, labelEN: String) {
        self.id = id
        self.kind = kind
        self.start = start
        self.end = end
        self.labelPL = labelPL
        self.labelEN = labelEN
    }

    /// The calendar quarters that overlap `start...end`, each clipped to that range.
    public static func quarters(from start: LocalDate, to end: LocalDate) -> [ReportingPeriod] {
        var result: [ReportingPeriod] = []
        var year = start.year
        var q = start.quarter
        while true {
            guard let qStart = LocalDate(year: year, month: (q - 1) * 3 + 1, day: 1) else { break }
            if qStart > end { break }
            let lastMonth = q * 3
            let qEnd = LocalDate(year: year, month: lastMonth, day: LocalDate.daysInMonth(year: year, month: lastMonth))!
            let roman = ["I", "II", "III", "IV"][q - 1]
            result.append(
                ReportingPeriod(
                    id: "\(year)Q\(q)", kind: .quarter, start: max(qStart, start), end: min(qEnd, end),
                    labelPL: "\(roman) kw. \(year)", labelEN: "Q\(q) \(year)"))
            q += 1
            if q == 5 {
                q = 1
                year += 1
            }
        }
        return result
    }

    static let monthsPL = [
        "styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień", "wrzesień", "październik",
        "listopad", "grudzień",
    ]
    static let monthsEN = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]

    /// The calendar months that overlap `start...end`, each clipped to that range.
    public static func months(from start: LocalDate, to end: LocalDate) -> [ReportingPeriod] {
        var result: [ReportingPeriod] = []
        var (year, month) = (start.year, start.month)
        while let mStart = LocalDate(year: year, month: month, day: 1), mStart <= end {
            let mEnd = LocalDate(year: year, month: month, day: LocalDate.daysInMonth(year: year, month: month))!
            let id = "\(year)-\(month < 10 ? "0" : "")\(month)"
            result.append(
                ReportingPeriod(
                    id: id, kind: .month, start: max(mStart, start), end: min(mEnd, end),
                    labelPL: "\(monthsPL[month - 1]) \(year)", labelEN: "\(monthsEN[month - 1]) \(year)"))
            month += 1
            if month == 13 {
                month = 1
                year += 1
            }
        }
        return result
    }

    /// The calendar years that overlap `start...end`, each clipped to that range.
    public static func years(from start: LocalDate, to end: LocalDate) -> [ReportingPeriod] {
        (start.year...max(start.year, end.year)).compactMap { year in
            guard let yStart = LocalDate(year: year, month: 1, day: 1), let yEnd = LocalDate(year: year, month: 12, day: 31),
                yStart <= end
            else { return nil }
            return ReportingPeriod(
                id: "\(year)", kind: .year, start: max(yStart, start), end: min(yEnd, end), labelPL: "rok \(year)",
                labelEN: "Year \(year)")
        }
    }

    /// The whole project period.
    public static func project(from start: LocalDate, to end: LocalDate) -> ReportingPeriod {
        ReportingPeriod(
            id: "project", kind: .project, start: start, end: end, labelPL: "cały projekt", labelEN: "whole project")
    }

    /// Reads a period id: `2023-05` (month), `2023Q2` (quarter), `2023` (year), `project`, or a custom range
    /// `2023-03-15..2023-06-30`; clipped to the project period. Nil when unreadable or outside the project.
    public static func parse(_ text: String, projectStart: LocalDate, projectEnd: LocalDate) -> ReportingPeriod? {
        let t = text.trimmingCharacters(in: .whitespaces)
        var candidate: ReportingPeriod?
        if t == "project" {
            candidate = project(from: projectStart, to: projectEnd)
        } else if let range = t.range(of: "..") {
            guard let a = LocalDate(iso: String(t[..<range.lowerBound])), let b = LocalDate(iso: String(t[range.upperBound...])),
                a <= b
            else { return nil }
            candidate = ReportingPeriod(
                id: "\(a.iso)..\(b.iso)", kind: .custom, start: a, end: b, labelPL: "\(a.polish) – \(b.polish)",
                labelEN: "\(a.iso) – \(b.iso)")
        } else if t.count == 6, t.uppercased().contains("Q"), let year = Int(t.prefix(4)), let q = Int(t.suffix(1)), (1...4).contains(q) {
            let all = quarters(from: LocalDate(year: year, month: 1, day: 1)!, to: LocalDate(year: year, month: 12, day: 31)!)
            candidate = all[q - 1]
        } else if t.count == 7, let year = Int(t.prefix(4)), let month = Int(t.suffix(2)), (1...12).contains(month) {
            candidate = months(from: LocalDate(year: year, month: month, day: 1)!, to: LocalDate(year: year, month: month, day: 28)!).first
            candidate?.end = LocalDate(year: year, month: month, day: LocalDate.daysInMonth(year: year, month: month))!
        } else if t.count == 4, let year = Int(t) {
            candidate = years(from: LocalDate(year: year, month: 1, day: 1)!, to: LocalDate(year: year, month: 12, day: 31)!).first
        }
        guard var p = candidate, p.start <= projectEnd, p.end >= projectStart else { return nil }
        p.start = max(p.start, projectStart)
        p.end = min(p.end, projectEnd)
        return p
    }
}

/// An age band such as `18–29`; bounds inclusive, either may be open.
public struct AgeBand: Sendable, Hashable, Codable {
    public var label: String
    public var min: Int?
    public var max: Int?

    public init(label: String, min: Int?, max: Int?) {
        self.label = label
        self.min = min
        self.max = max
    }

    public static let defaults: [AgeBand] = [
        AgeBand(label: "0–17", min: nil, max: 17),
        AgeBand(label: "18–29", min: 18, max: 29),
        AgeBand(label: "30–49", min: 30, max: 49),
        AgeBand(label: "50–64", min: 50, max: 64),
        AgeBand(label: "65+", min: 65, max: nil),
    ]
}

/// How a run found its input files, for the summary.
public struct IngestCounts: Sendable, Hashable {
    public var new = 0
    public var unchanged = 0
    public var superseded = 0
    public var removed = 0

    public init() {}
}

/// A link that joined two records of one person, with its score and each field's contribution (JSON).
public struct PersonLinkRecord: Sendable, Hashable {
    public var personID: String
    public var recordA: String
    public var recordB: String
    public var weight: Double
    public var probability: Double
    /// `score`, `pesel`, `must-link`…
    public var decidedBy: String
    /// `[{"field": "last_name", "level": "skeleton", "weight": 6.2}, …]`
    public var contributionsJSON: String

    public init(
        personID: String, recordA: String, recordB: String, weight: Double, probability: Double, decidedBy: String,
        contributionsJSON: String
    ) {
        self.personID = personID
        self.recordA = recordA
        self.recordB = recordB
        self.weight = weight
        self.probability = probability
        self.decidedBy = decidedBy
        self.contributionsJSON = contributionsJSON
    }
}

/// A pair in the uncertain band, left unlinked for a coordinator to decide.
public struct LinkReviewRecord: Sendable, Hashable {
    public var recordA: String
    public var recordB: String
    public var personA: String
    public var personB: String
    public var weight: Double
    public var probability: Double
    public var contributionsJSON: String
    /// Why it waits: `score`, `contradiction`, or a name-only rule's reason (`name-only`, `name-only-ambiguous`,
    /// `name-only-common-name`, `name-only-other-partner`).
    public var decidedBy: String

    public init(
        recordA: String, recordB: String, personA: String, personB: String, weight: Double, probability: Double,
        contributionsJSON: String, decidedBy: String = "score"
    ) {
        self.recordA = recordA
        self.recordB = recordB
        self.personA = personA
        self.personB = personB
        self.weight = weight
        self.probability = probability
        self.contributionsJSON = contributionsJSON
        self.decidedBy = decidedBy
    }
}

/// One level of the estimated linkage model.
public struct LinkageModelRecord: Sendable, Hashable {
    public var field: String
    public var level: String
    public var m: Double
    public var u: Double
    public var weight: Double

    public init(field: String, level: String, m: Double, u: Double, weight: Double) {
        self.field = field
        self.level = level
        self.m = m
        self.u = u
        self.weight = weight
    }
}
