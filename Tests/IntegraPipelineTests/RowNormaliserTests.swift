import IntegraCore
import IntegraLinkage
import IntegraTesting
@testable import IntegraPipeline
import Testing

/// A small project file: a roll, an attendance sheet and a consultation log at one partner.
enum TestProject {
    static let yaml = """
        version: 1
        project:
          id: test
          name: Test
          funder: Fundusz
          period: { start: 2023-01-01, end: 2023-12-31 }
        partners:
          - { id: lead, name: Lider, role: leader }
          - { id: other, name: Partner }
        activities:
          course: { pl: Kurs, en: Course }
          consult: Konsultacje
        sources:
          - id: roll
            partner: lead
            kind: roll
            activity: course
            files: roll-*.csv
            columns:
              last_name: Nazwisko
              first_name: Imię
              birth_date: Data urodzenia
              pesel: PESEL
              sex: Płeć
              citizenship: Obywatelstwo
              group: Grupa
              start_date: Data rozpoczęcia
            values:
              citizenship: { UKR: [kraj 804] }
          - id: attendance
            partner: lead
            kind: attendance
            activity: course
            files: obecnosci-*.xlsx
            title: { group: Grupa }
            columns: { full_name: Imię i nazwisko }
            marks: { present: [jest] }
          - id: consultations
            partner: other
            kind: consultations
            activity: consult
            files: porady-*.csv
            columns: { date: Data, full_name: Klient, topic: Temat }
          - id: consultations-minutes
            partner: other
            kind: consultations
            activity: consult
            files: minuty-*.csv
            columns: { date: Data, full_name: Klient, minutes: Czas (min) }
          - id: consultations-hours
            partner: other
            kind: consultations
            activity: consult
            files: godziny-*.csv
            columns: { date: Data, full_name: Klient, hours: Liczba godzin }
        """
    static let project = try! ProjectDefinition.parse(yaml, file: "test.yml")
    /// The repository's topic, language and mode categories, as a run reads them.
    static let categories = try! HeaderVocabulary.load(root: TestSupport.repositoryRoot).categories
    static func source(_ id: String) -> SourceDefinition { project.sources.first { $0.id == id }! }

    /// Normalises `rows` under `header` (row 1, or below `title` rows) with the source's own layout detection.
    static func normalise(_ sourceID: String, title: [TableRow] = [], header: [String], rows: [[String]])
        -> [RowNormaliser.Outcome]
    {
        normalise(sourceID, title: title, header: header, cells: rows.map { $0.map { $0.isEmpty ? .empty : .string($0) } })
    }

    static func normalise(_ sourceID: String, title: [TableRow] = [], header: [String], cells rows: [[CellValue]])
        -> [RowNormaliser.Outcome]
    {
        let source = source(sourceID)
        let headerRow = TableRow(number: title.count + 1, cells: header.map { .string($0) })
        let data = rows.enumerated().map { i, cells in TableRow(number: title.count + 2 + i, cells: cells) }
        let table = SheetTable(name: nil, rows: title + [headerRow] + data)
        guard case .success(let layout) = TableLayoutDetector.detect(table, source: source, dateFormats: []) else {
            fatalError("no layout for \(header)")
        }
        var normaliser = RowNormaliser(project: project, source: source, fileID: 1, path: "\(sourceID).csv")
        normaliser.categories = Self.categories
        return data.enumerated().map { i, row in
            normaliser.normalise(row, sheet: nil, layout: layout, rawRowID: i + 1, order: i + 1)
        }
    }

    static let rollHeader = ["Nazwisko", "Imię", "Data urodzenia", "PESEL", "Płeć", "Obywatelstwo", "Grupa", "Data rozpoczęcia"]

    /// One roll row: `[Nazwisko, Imię, Data urodzenia, PESEL, Płeć, Obywatelstwo, Grupa, Data rozpoczęcia]`.
    static func roll(_ cells: [String]) -> RowNormaliser.Outcome {
        normalise("roll", header: rollHeader, rows: [cells])[0]
    }
}

extension RowNormaliser.Outcome {
    var identity: IdentityRecord? { if case .identity(let r) = record { r } else { nil } }
    var attendance: AttendanceRow? { if case .attendance(let r) = record { r } else { nil } }
    var consultation: ConsultationRow? { if case .consultation(let r) = record { r } else { nil } }
    var codes: [DiagnosticCode] { diagnostics.map(\.code) }
}

@Suite struct RowNormaliserTests {
    @Test func aGoodRollRow() throws {
        let outcome = TestProject.roll(["Kowalenko", "Olena", "14.05.1944", "44051401359", "M", "Ukraina", "A1", "01.03.2023"])
        #expect(outcome.loaded)
        #expect(outcome.diagnostics == [])
        let r = try #require(outcome.identity)
        #expect((r.firstName, r.lastName) == ("Olena", "Kowalenko"))
        #expect(r.nameKey == NameKey.orderFree("Olena", "Kowalenko"))
        #expect(r.pesel == "44051401359")
        #expect(r.birthDate == Sheet.day("1944-05-14"))
        #expect(r.sex == "M")
        #expect(r.citizenship == "UKR")
        #expect(r.group == "A1")
        #expect(r.startDate == Sheet.day("2023-03-01"))
        #expect((r.kind, r.partnerID, r.activityID, r.rawRowID, r.fileID) == (.roll, "lead", "course", 1, 1))
    }

    @Test func aRollRowWithoutANameIsRejected() throws {
        let outcome = TestProject.roll(["", "", "14.05.1944", "", "", "", "A1", ""])
        #expect(!outcome.loaded)
        #expect(outcome.record == nil)
        let d = try #require(outcome.diagnostics.first)
        #expect(outcome.diagnostics.count == 1)
        #expect((d.severity, d.code) == (.error, .missingValue))
        #expect(d.location == SourceLocation(file: "roll.csv", row: 2, column: "Imię"))
    }

    /// Half a name keeps the enrolment: the row is loaded with a warning on the empty column, and the person is
    /// linked by the other name and the other fields (the empty part is no evidence: nil for the linker).
    @Test(arguments: [
        (["Kowalenko", "", "14.05.1944", "", "K", "", "A1", ""], "Imię", "", "Kowalenko"),
        (["", "Olena", "14.05.1944", "", "K", "", "A1", ""], "Nazwisko", "Olena", ""),
    ])
    func aRollRowWithHalfANameIsKeptWithAWarning(cells: [String], column: String, first: String, last: String) throws {
        let outcome = TestProject.roll(cells)
        #expect(outcome.loaded)
        #expect(outcome.codes == [.missingNamePart])
        let d = try #require(outcome.diagnostics.first)
        #expect(d.severity == .warning)
        #expect(d.location == SourceLocation(file: "roll.csv", row: 2, column: column))
        #expect(d.value == nil)
        let r = try #require(outcome.identity)
        #expect((r.firstName, r.lastName, r.group, r.birthDate) == (first, last, "A1", Sheet.day("1944-05-14")))
        #expect(r.nameKey == NameKey.orderFree(first, last))
        #expect(r.linkRecord.firstName == (first.isEmpty ? nil : first))
        #expect(r.linkRecord.lastName == (last.isEmpty ? nil : last))
    }


    @Test func bothNamesInOneNameCellAreSplit() throws {
        let outcome = TestProject.roll(["KOWALENKO Olena", "", "", "", "", "", "A1", ""])
        #expect(outcome.loaded)
        #expect(outcome.identity.map { [$0.firstName, $0.lastName] } == ["Olena", "KOWALENKO"])
    }

    @Test func aRollRowWithoutAGroupIsRejected() {
        let outcome = TestProject.roll(["Kowalenko", "Olena", "", "", "", "", "", ""])
        #expect(!outcome.loaded)
        #expect(outcome.codes == [.missingValue])
        #expect(outcome.diagnostics.first?.location?.column == "Grupa")
    }

    @Test func anInvalidPESELIsAWarningAndTheRowIsKeptWithoutIt() throws {
        let outcome = TestProject.roll(["Kowalenko", "Olena", "", "44051401358", "", "", "A1", ""])
        #expect(outcome.loaded)
        #expect(outcome.codes == [.invalidPESEL])
        #expect(outcome.diagnostics[0].severity == .warning)
        #expect(outcome.diagnostics[0].value == "44051401358")
        #expect(!outcome.diagnostics[0].message.contains("44051401358"))
        let r = try #require(outcome.identity)
        #expect(r.pesel == nil)
        #expect(r.birthDate == nil)
        #expect(r.sex == nil)
    }

    @Test func aPESELWhoseBirthDateDisagreesIsKeptWithAWarning() throws {
        let outcome = TestProject.roll(["Kowalenko", "Ołeh", "15.05.1944", "44051401359", "", "", "A1", ""])
        #expect(outcome.loaded)
        #expect(outcome.codes == [.peselMismatch])
        #expect(outcome.diagnostics[0].location?.column == "PESEL")
        let r = try #require(outcome.identity)
        #expect(r.pesel == "44051401359")
        #expect(r.birthDate == Sheet.day("1944-05-15"))
    }

    @Test func aPESELWhoseSexDisagreesIsKeptWithAWarning() throws {
        let outcome = TestProject.roll(["Kowalenko", "Olena", "", "44051401359", "K", "", "A1", ""])
        #expect(outcome.codes == [.peselMismatch])
        #expect(outcome.identity?.sex == "K")
    }

    /// XLSX number cells: an eleven-digit PESEL reads as is; one whose leading zero Excel dropped (born 1900–1909
    /// or 2000–2009) should get it back, which `PESEL(_:restoringLeadingZero:)` exists for.
    @Test(arguments: [(44051401359.0, "44051401359")])
    func aPESELInANumberCell(number: Double, pesel: String) throws {
        let cells: [CellValue] = [.string("Nowak"), .string("Anna"), .empty, .number(number), .empty, .empty, .string("A1"), .empty]
        let outcome = TestProject.normalise("roll", header: TestProject.rollHeader, cells: [cells])[0]
        #expect(outcome.codes == [])
        #expect(outcome.identity?.pesel == pesel)
    }

    @Test
    func aPESELNumberThatLostItsLeadingZero() throws {
        let cells: [CellValue] = [.string("Nowak"), .string("Anna"), .empty, .number(2211307589), .empty, .empty, .string("A1"), .empty]
        let outcome = TestProject.normalise("roll", header: TestProject.rollHeader, cells: [cells])[0]
        #expect(outcome.codes == [])
        #expect(outcome.identity?.pesel == "02211307589")
        #expect(outcome.identity?.birthDate == Sheet.day("2002-01-13"))
    }

    @Test func sexAndBirthDateFromThePESELWhenTheColumnsAreEmpty() throws {
        let r = try #require(TestProject.roll(["Nowak", "Anna", "", "02211307589", "", "", "A1", ""]).identity)
        #expect(r.sex == "K")
        #expect(r.birthDate == Sheet.day("2002-01-13"))
    }

    @Test(arguments: [
        ("kraj 804", "UKR", [DiagnosticCode]()), ("KRAJ 804", "UKR", []), ("Ukraina", "UKR", []), ("UKR", "UKR", []),
        ("Białoruś", "BLR", []), ("Atlantyda", nil, [.unknownCitizenship]),
    ])
    func citizenship(written: String, code: String?, codes: [DiagnosticCode]) {
        let outcome = TestProject.roll(["Kowalenko", "Olena", "", "", "", written, "A1", ""])
        #expect(outcome.loaded)
        #expect(outcome.identity?.citizenship == code)
        #expect(outcome.codes == codes)
    }

    static let attendanceTitle = [TableRow(number: 1, cells: [.string("Grupa: A1")])]

    @Test(arguments: [
        ("x", AttendanceStatus.present), ("X", .present), ("+", .present), ("ob.", .present), ("OB.", .present),
        ("✓", .present), ("1", .present), ("jest", .present), ("", .absent), (" ", .absent), ("-", .absent),
        ("nb", .absent), ("usp.", .excused), ("Usp", .excused), ("u", .excused),
    ])
    func attendanceMarks(mark: String, status: AttendanceStatus) throws {
        let outcome = TestProject.normalise(
            "attendance", title: Self.attendanceTitle, header: ["Imię i nazwisko", "02.03.2023"],
            rows: [["KOWALENKO Olena", mark]])[0]
        #expect(outcome.loaded)
        #expect(outcome.diagnostics == [])
        let row = try #require(outcome.attendance)
        #expect(row.marks.map(\.status) == [status])
        #expect(row.marks.map(\.date) == [Sheet.day("2023-03-02")])
        #expect(row.marks.map(\.column) == ["02.03.2023"])
    }

    @Test func anAttendanceRowHasItsGroupNameKeyAndMarks() throws {
        let outcome = TestProject.normalise(
            "attendance", title: Self.attendanceTitle, header: ["Imię i nazwisko", "02.03.2023", "09.03.2023", "16.03.2023"],
            rows: [["KOWALENKO Olena", "x", "", "?"]])[0]
        #expect(outcome.loaded)
        #expect(outcome.codes == [.unknownMark])
        #expect(outcome.diagnostics[0].severity == .warning)
        #expect(outcome.diagnostics[0].location == SourceLocation(file: "attendance.csv", row: 3, column: "16.03.2023"))
        #expect(outcome.diagnostics[0].value == "?")
        let row = try #require(outcome.attendance)
        #expect(row.group == "A1")
        #expect(row.nameKey == NameKey.orderFree("Olena", "Kovalenko"))
        #expect(row.marks.map(\.status) == [.present, .absent])
        #expect(row.marks.map(\.date) == [Sheet.day("2023-03-02"), Sheet.day("2023-03-09")])
    }

    @Test func anAttendanceSheetWithoutGroupInItsTitleRejectsItsRows() {
        let outcome = TestProject.normalise("attendance", header: ["Imię i nazwisko", "02.03.2023"], rows: [["Olena Kovalenko", "x"]])[0]
        #expect(!outcome.loaded)
        #expect(outcome.codes == [.missingTitleField])
    }

    @Test func anAttendanceRowWithOneWordIsRejected() {
        let outcome = TestProject.normalise(
            "attendance", title: Self.attendanceTitle, header: ["Imię i nazwisko", "02.03.2023"], rows: [["Olena", "x"]])[0]
        #expect(!outcome.loaded)
        #expect(outcome.codes == [.invalidName])
    }

    @Test func aConsultationWithoutANameIsAnonymous() throws {
        let outcomes = TestProject.normalise(
            "consultations", header: ["Data", "Klient", "Temat"],
            rows: [["02.03.2023", "", "praca"], ["03.03.2023", "Olena Kovalenko", "zdrowie"], ["", "Anna Nowak", "praca"]])
        let anonymous = try #require(outcomes[0].consultation)
        #expect(outcomes[0].loaded)
        #expect(outcomes[0].diagnostics == [])
        #expect(anonymous.identity == nil)
        #expect(anonymous.date == Sheet.day("2023-03-02"))
        #expect(anonymous.topic == "praca")
        #expect((anonymous.partnerID, anonymous.activityID) == ("other", "consult"))
        let named = try #require(outcomes[1].consultation?.identity)
        #expect((named.firstName, named.lastName, named.kind, named.rawRowID) == ("Olena", "Kovalenko", .consultations, 2))
        #expect(!outcomes[2].loaded)
        #expect(outcomes[2].codes == [.missingValue])
    }

    /// Durations as logs write them: minutes with or without a unit, hours and minutes; a fraction in a minutes
    /// column is hours written by mistake — warned, never read as 75 minutes.
    @Test(arguments: [
        ("45", 45), ("45 min", 45), ("1:30", 90), ("1h30", 90), ("90'", 90), ("0,75", nil), ("1.5", nil), ("abc", nil),
    ] as [(String, Int?)])
    func minutes(text: String, minutes: Int?) {
        #expect(ConsultationDuration.minutes(text) == minutes, "\(text)")
    }

    @Test func aColumnOfHoursIsReadAsHours() throws {
        let outcomes = TestProject.normalise(
            "consultations-hours", header: ["Data", "Klient", "Liczba godzin"],
            rows: [["02.03.2023", "", "0,75"], ["03.03.2023", "", "1.5"], ["04.03.2023", "", "2 godz."]])
        #expect(outcomes.map { $0.consultation?.minutes } == [45, 90, 120])
        #expect(outcomes.allSatisfy { $0.diagnostics.isEmpty })
        let minutes = TestProject.normalise(
            "consultations-minutes", header: ["Data", "Klient", "Czas (min)"], rows: [["02.03.2023", "", "0,75"]])[0]
        #expect(minutes.consultation?.minutes == nil)
        #expect(minutes.codes == [.invalidNumber])
        #expect(minutes.diagnostics.first?.message.contains("hours:") == true)
    }

    /// What consultants write for a client who gave no name is an anonymous consultation, with nothing to warn of.
    @Test(arguments: ["N.N.", "-", "anonim", "анонімно", "NN", "brak"])
    func anonymityMarksAreAnonymous(mark: String) throws {
        let outcome = TestProject.normalise("consultations", header: ["Data", "Klient", "Temat"], rows: [["02.03.2023", mark, "praca"]])[0]
        #expect(outcome.loaded)
        #expect(outcome.consultation != nil && outcome.consultation?.identity == nil)
        #expect(outcome.diagnostics == [], "\(mark)")
    }

    /// A consultation client's name that cannot be read (one word) keeps the consultation, counted as anonymous, and
    /// the warning says so instead of claiming a rejection.
    @Test func aConsultationWithAOneWordNameIsCountedAsAnonymous() throws {
        let outcome = TestProject.normalise("consultations", header: ["Data", "Klient", "Temat"], rows: [["02.03.2023", "Olena", "praca"]])[0]
        #expect(outcome.loaded)
        #expect(outcome.consultation != nil && outcome.consultation?.identity == nil)
        let d = try #require(outcome.diagnostics.first)
        #expect(outcome.diagnostics.count == 1)
        #expect((d.severity, d.code) == (.warning, .invalidName))
        #expect(d.message.contains("counted as anonymous"))
        #expect(!d.message.contains("rejected"))
    }

    @Test(arguments: [
        ("KOWALENKO Olena", "Olena", "KOWALENKO"),
        ("Olena KOWALENKO", "Olena", "KOWALENKO"),
        ("Olena Kovalenko", "Olena", "Kovalenko"),
        ("Anna Maria Nowak", "Anna", "Maria Nowak"),
        ("NOWAK Anna Maria", "Anna Maria", "NOWAK"),
        ("Anna Maria NOWAK", "Anna Maria", "NOWAK"),
        ("ОЛЕНА КОВАЛЕНКО", "ОЛЕНА", "КОВАЛЕНКО"),
        ("Коваленко Олена", "Коваленко", "Олена"),
        ("Olena", "Olena", ""),
    ])
    func nameSplitter(full: String, first: String, last: String) {
        let parts = NameSplitter.split(full)
        #expect([parts.first, parts.last] == [first, last])
    }
}
