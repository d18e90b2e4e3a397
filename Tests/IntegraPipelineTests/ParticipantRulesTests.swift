import Foundation
import IntegraCore
@testable import IntegraPipeline
import IntegraTesting
import Testing

/// The participant-rule settings of the project file, period ids, and rule 6 (one FAMI objective per person) of
/// docs/INDICATORS.md.
@Suite struct ParticipantRulesTests {
    static let project = """
        version: 1
        project: { id: t, name: T, funder: FAMI, period: { start: 2023-01-01, end: 2023-12-31 } }
        partners: [{ id: a, name: A, role: leader }]
        activities:
          course:
            pl: Kurs
            en: Course
            kind: language_course
            priority: II
            completion_threshold: 70%
            support_starts: first_attendance
            session_hours: 1.5
          advice: { pl: Porady, en: Advice }
        sources:
          - id: roll
            partner: a
            kind: roll
            activity: course
            files: roll.csv
            columns:
              full_name: Imię i nazwisko
              group: Grupa
              objective: Cel szczegółowy
              objective_since: Od
              ukr_status: Status UKR
              employment_date: Zatrudnienie
        participants:
          completion_threshold: 80%
          objective: integration
          ukr_arrival_since: 2022-03-01
        """

    @Test func activitiesCarryTheirOwnRules() throws {
        let p = try ProjectDefinition.parse(Self.project, file: "t.yml")
        let course = try #require(p.activity("course"))
        #expect(course.kind == "language_course")
        #expect(course.priority == "II")
        #expect(p.rules.completionThreshold(course) == 0.7)
        #expect(p.rules.supportStarts(course) == .firstAttendance)
        #expect(course.sessionHours == 1.5)
        let advice = try #require(p.activity("advice"))
        #expect(advice.kind == "other")
        #expect(p.rules.completionThreshold(advice) == 0.8)
        #expect(p.rules.supportStarts(advice) == .enrolment)
        #expect(p.rules.objective == "integration")
        #expect(p.rules.ukrArrivalSince == LocalDate(year: 2022, month: 3, day: 1))
    }

    @Test(arguments: [
        ("kind: language_course", "kind: cooking", "activities.course.kind"),
        ("support_starts: first_attendance", "support_starts: signature", "activities.course.support_starts"),
        ("completion_threshold: 70%", "completion_threshold: 170%", "activities.course.completion_threshold"),
        ("objective: integration", "objective: return", "participants.objective"),
    ])
    func badRuleSettingsAreRefusedWithTheirKey(old: String, new: String, keyPath: String) throws {
        let text = Self.project.replacingOccurrences(of: old, with: new)
        #expect(throws: DefinitionError.self) { try ProjectDefinition.parse(text, file: "t.yml") }
        do {
            _ = try ProjectDefinition.parse(text, file: "t.yml")
        } catch let e as DefinitionError {
            #expect(e.keyPath == keyPath, "\(e)")
        }
    }

    @Test(arguments: [
        ("integracja", FundingObjective.integration), ("Legalna migracja i integracja", .integration), ("CS2", .integration),
        ("cel 2", .integration), ("AZYL", .asylum), ("asylum", .asylum), ("CS 1", .asylum), ("powrót", nil),
    ])
    func objectivesAsPartnersWriteThem(text: String, expected: FundingObjective?) {
        #expect(FundingObjective.parse(text) == expected)
    }

    @Test(arguments: [
        ("2023Q2", "2023Q2", ReportingPeriod.Kind.quarter, "2023-04-01", "2023-06-30"),
        ("2023-05", "2023-05", .month, "2023-05-01", "2023-05-31"),
        ("2023", "2023", .year, "2023-02-15", "2023-12-31"),  // clipped too
        ("project", "project", .project, "2023-02-15", "2023-12-31"),
        ("2023-03-15..2023-06-30", "2023-03-15..2023-06-30", .custom, "2023-03-15", "2023-06-30"),
        ("2023Q1", "2023Q1", .quarter, "2023-02-15", "2023-03-31"),  // clipped to the project's start
    ])
    func periodIds(text: String, id: String, kind: ReportingPeriod.Kind, start: String, end: String) throws {
        let p = try #require(
            ReportingPeriod.parse(text, projectStart: LocalDate(iso: "2023-02-15")!, projectEnd: LocalDate(iso: "2023-12-31")!))
        #expect(p.id == id)
        #expect(p.kind == kind)
        #expect(p.start.iso == start)
        #expect(p.end.iso == end)
    }

    @Test(arguments: ["2024Q1", "2022", "2023Q5", "2023-13", "2023-06-30..2023-03-01", "Q2"])
    func periodsOutsideTheProjectOrUnreadableAreRefused(text: String) {
        #expect(ReportingPeriod.parse(text, projectStart: LocalDate(iso: "2023-01-01")!, projectEnd: LocalDate(iso: "2023-12-31")!) == nil)
    }

    @Test func monthsQuartersAndYearsCoverTheProject() {
        let start = LocalDate(iso: "2023-11-10")!, end = LocalDate(iso: "2024-02-05")!
        #expect(ReportingPeriod.months(from: start, to: end).map(\.id) == ["2023-11", "2023-12", "2024-01", "2024-02"])
        #expect(ReportingPeriod.months(from: start, to: end).first?.start.iso == "2023-11-10")
        #expect(ReportingPeriod.quarters(from: start, to: end).map(\.id) == ["2023Q4", "2024Q1"])
        #expect(ReportingPeriod.years(from: start, to: end).map(\.id) == ["2023", "2024"])
        #expect(ReportingPeriod.years(from: start, to: end).last?.end.iso == "2024-02-05")
    }

    // MARK: Rule 6

    static func record(_ id: Int, person: String, objective: String?, since: String? = nil, start: String? = nil) -> ParticipantRecord {
        var r = ParticipantRecord(
            id: id, rawRowID: id, personID: person, partnerID: "a", activityID: "course", courseID: nil, firstName: "A",
            lastName: "B", nameKey: "a|b")
        r.recordKey = "roll.csv#\(id + 1)"
        r.objective = objective
        r.objectiveSince = since.flatMap(LocalDate.init(iso:))
        r.startDate = start.flatMap(LocalDate.init(iso:))
        return r
    }

    static func person(_ id: String) -> PersonRecord {
        PersonRecord(id: id, sex: nil, birthDate: nil, citizenship: "UKR", arrivalDate: nil, evidence: .nameOnly)
    }

    /// P1: asylum since 2022-05 at one partner, integration from a later enrolment at another: asylum counts and
    /// the later row is reported. P2 states nothing: the default. P3: a dated statement beats an undated one.
    @Test func theEarliestRegistrationWinsAndOthersAreReported() {
        let records = [
            Self.record(1, person: "P1", objective: "integration", start: "2023-03-01"),
            Self.record(2, person: "P1", objective: "asylum", since: "2022-05-10"),
            Self.record(3, person: "P2", objective: nil, start: "2023-01-10"),
            Self.record(4, person: "P3", objective: "asylum"),
            Self.record(5, person: "P3", objective: "integration", start: "2023-06-01"),
            Self.record(6, person: "P4", objective: "asylum", start: "2023-02-01"),
            Self.record(7, person: "P4", objective: "asylum", start: "2023-05-01"),
        ]
        let out = ObjectiveRule(defaultObjective: "integration").apply(
            persons: ["P1", "P2", "P3", "P4"].map(Self.person), participants: records, consultationDates: [:],
            fileOfRow: Dictionary(uniqueKeysWithValues: (1...7).map { ($0, 1) }))
        #expect(out.persons.map { $0.objective ?? "-" } == ["asylum", "integration", "integration", "asylum"])
        #expect(out.persons[0].objectiveSince?.iso == "2022-05-10")
        #expect(out.persons[0].objectiveRecord == "roll.csv#3")
        #expect(out.warnings.map(\.rawRowID) == [1, 4])
        #expect(out.warnings.allSatisfy { $0.diagnostic.code == .objectiveConflict && $0.diagnostic.severity == .warning })
        #expect(out.warnings[0].diagnostic.location == SourceLocation(file: "roll.csv", row: 2, column: "objective"))
    }

    @Test func withoutADefaultAnUnstatedObjectiveIsUnknown() {
        let out = ObjectiveRule(defaultObjective: nil).apply(
            persons: [Self.person("P1")], participants: [Self.record(1, person: "P1", objective: nil)], consultationDates: [:],
            fileOfRow: [:])
        #expect(out.persons[0].objective == nil)
    }
}
