import Foundation
import IntegraCore

/// The figures a correct run must produce on the generated files, computed from the generator's ground truth
/// (who each row really is) and the rules of `docs/INDICATORS.md`, never from Integra's linkage or SQL.
///
/// The generator tells the builder what each loaded row records, as written; the builder applies the rules:
/// support events (rule 1), participation start and age (2), new persons (3), course completion (4), CEFR
/// improvement (5), the objective (6), Ukrainians who came after 24.02.2022 (7), foreigners (8), hours (9),
/// employment (10), periods (11) and breakdowns (12). Where the document leaves an edge open, the builder refuses
/// to write a truth whose figures would depend on it (``TruthBuilder/AmbiguousEdge``), so the demo stays clear of it.
struct TruthBuilder {
    /// An activity's settings from the project file, as the rules read them.
    struct ActivityRules {
        var kind: String
        var priority: String?
        var completionThreshold: Double
        /// `support_starts: enrolment` (the roll's start date is support) or `first_attendance`.
        var supportStartsAtEnrolment: Bool
        var sessionHours: Double
    }

    struct Settings {
        var periodStart: LocalDate
        var periodEnd: LocalDate
        var activities: [String: ActivityRules]
        /// `participants.objective`: the objective of persons whose records state none.
        var defaultObjective: String?
        var ukrArrivalSince: LocalDate
        var ageBands: [AgeBand]
        var detail: Detail = .full
    }

    /// How much of the catalogue the truth covers: everything (the demo), or at programme scale only quarters and
    /// years, totals and the partner breakdown — which lets the builder fold a unit's rows within a quarter into one.
    enum Detail {
        case full
        case totalsAndPartners
    }

    /// Where a row is: the path as a run reports it and the 1-based row of the file (the header is row 1).
    struct RowRef: Hashable, Comparable {
        var path: String
        var row: Int

        static func < (a: RowRef, b: RowRef) -> Bool { (a.path, a.row) < (b.path, b.row) }
    }

    /// What one row records about its person, values as written where the rules read a vocabulary.
    struct Stated {
        /// `K` or `M`.
        var sex: String?
        var birth: LocalDate?
        /// ISO alpha-3 (the generator knows which country its spelling names).
        var citizenship: String?
        var arrival: LocalDate?
        /// The `ukr_status` cell as written.
        var ukrStatus: String?
        /// The `objective` cell as written.
        var objective: String?
        var objectiveSince: LocalDate?
        var employment: LocalDate?
    }

    /// A truth that would depend on an edge `docs/INDICATORS.md` leaves open: the generator's data must avoid it.
    struct AmbiguousEdge: Error, CustomStringConvertible {
        var description: String
    }

    struct PersonRow {
        var ref: RowRef
        var person: Int
        var partner: String
        var activity: String
        var stated: Stated
        /// The roll's start date or the consultation's date: an objective's date when `objective_since` is empty.
        var date: LocalDate?
    }

    struct RollRow {
        var ref: RowRef
        var person: Int
        var partner: String
        var activity: String
        var course: String
        var start: LocalDate?
        var end: LocalDate?
        var levelIn: String?
        var levelOut: String?
    }

    struct Course {
        var partner: String
        var activity: String
        var dates: [LocalDate]
        /// Present marks per person on the course's attendance sheets (loaded rows only).
        var attended: [Int: [Bool]]
    }

    struct Consultation {
        var ref: RowRef
        var partner: String
        var activity: String
        var date: LocalDate
        var person: Int?
        var topic: String?
        var language: String?
        var mode: String?
        var minutes: Int?
    }

    let settings: Settings
    /// Per path, in order of first mention: rows read and rejected, and the group of files holding copies of the
    /// same rows (each counted once: which file's rows load is the run's choice, the group's sums are not).
    var files: [(path: String, read: Int, rejected: Int, copies: String?)] = []
    var fileIndex: [String: Int] = [:]
    /// The true person of every identity record, by record key (`path#row`, `path#sheet#row`).
    var records: [(key: String, person: Int)] = []
    var summary: Summary?
    var finance: FinanceBook.Truth?
    var personRows: [PersonRow] = []
    var rolls: [RollRow] = []
    var courses: [String: Course] = [:]
    var consultations: [Consultation] = []

    init(settings: Settings) { self.settings = settings }

    /// Rows of a file read and rejected; a file named again (another sheet) adds to its counts.
    mutating func file(_ path: String, read: Int, rejected: Int, copies: String? = nil) {
        if let i = fileIndex[path] {
            files[i].read += read
            files[i].rejected += rejected
        } else {
            fileIndex[path] = files.count
            files.append((path, read, rejected, copies))
        }
    }

    /// The true person of an identity record (a roll row, a named consultation row).
    mutating func identity(_ key: String, person: Int) {
        records.append((key, person))
    }

    /// A loaded roll row.
    mutating func roll(
        _ ref: RowRef, person: Int, partner: String, activity: String, course: String, start: LocalDate?,
        end: LocalDate?, levelIn: String?, levelOut: String?, stated: Stated
    ) {
        rolls.append(
            RollRow(
                ref: ref, person: person, partner: partner, activity: activity, course: course, start: start,
                end: end, levelIn: levelIn, levelOut: levelOut))
        personRows.append(
            PersonRow(ref: ref, person: person, partner: partner, activity: activity, stated: stated, date: start))
    }

    /// A course group's session dates and who was present at each (rows of the attendance sheets that load).
    mutating func course(_ id: String, partner: String, activity: String, dates: [LocalDate], attended: [Int: [Bool]]) {
        courses[id] = Course(partner: partner, activity: activity, dates: dates, attended: attended)
    }

    /// A loaded consultation row; `person` is nil when anonymous.
    mutating func consultation(
        _ ref: RowRef, partner: String, activity: String, date: LocalDate, person: Int?, topic: String?,
        language: String?, mode: String?, minutes: Int?, stated: Stated
    ) {
        consultations.append(
            Consultation(
                ref: ref, partner: partner, activity: activity, date: date, person: person, topic: topic,
                language: language, mode: mode, minutes: minutes))
        if let person {
            personRows.append(
                PersonRow(ref: ref, person: person, partner: partner, activity: activity, stated: stated, date: date))
        }
    }
}

// MARK: Vocabularies of docs/INDICATORS.md, read independently of Integra's normalisers

extension TruthBuilder {
    /// Case, diacritics and spaces ignored, as the document says for objective values.
    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .filter { !$0.isWhitespace }
    }

    /// `integration`, `asylum` or nil (empty or not in the vocabulary).
    static func objective(_ written: String?) -> String? {
        guard let written else { return nil }
        let key = fold(written)
        let integration = [
            "integracja", "integration", "legalna migracja", "legalna migracja i integracja", "CS2", "cel 2", "2",
        ]
        let asylum = ["azyl", "asylum", "CS1", "cel 1", "1"]
        if integration.map(fold).contains(key) { return "integration" }
        if asylum.map(fold).contains(key) { return "asylum" }
        return nil
    }

    /// Whether a `ukr_status` cell says yes.
    static func ukrStatusYes(_ written: String?) -> Bool {
        guard let written else { return false }
        return ["tak", "t", "yes", "y", "1", "x", "ukr", "✓"].contains(
            written.lowercased().trimmingCharacters(in: .whitespaces))
    }

    static let cefrOrder = ["A0", "A1", "A2", "B1", "B2", "C1", "C2"]
}
