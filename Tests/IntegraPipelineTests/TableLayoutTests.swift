import IntegraCore
@testable import IntegraPipeline
import Testing

/// Hand-built sheets for the pipeline stage tests.
enum Sheet {
    /// A row of text cells; `""` is an empty cell.
    static func row(_ number: Int, _ texts: String...) -> TableRow {
        TableRow(number: number, cells: texts.map { $0.isEmpty ? .empty : .string($0) })
    }

    static func row(_ number: Int, cells: [CellValue]) -> TableRow { TableRow(number: number, cells: cells) }

    static func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    /// A source of `kind` with the given mapping; nothing else set.
    static func source(
        _ kind: SourceKind, columns: [String: [String]], title: [String: [String]] = [:], headerRow: Int? = nil
    ) -> SourceDefinition {
        SourceDefinition(
            id: "s", partner: "lead", kind: kind, activity: "course", files: ["*.csv"], encoding: nil, delimiter: nil,
            sheets: [], headerRow: headerRow, columns: columns, title: title, marks: MarkVocabulary(), values: [:],
            dateFormats: [])
    }

    static let attendance = source(.attendance, columns: ["full_name": ["Imię i nazwisko"]], title: ["group": ["Grupa"]])
    static let roll = source(
        .roll, columns: ["last_name": ["Nazwisko"], "first_name": ["Imię"], "group": ["Grupa"]])
}

extension Result {
    var success: Success? { if case .success(let s) = self { s } else { nil } }
    var failure: Failure? { if case .failure(let f) = self { f } else { nil } }
}

@Suite struct TableLayoutTests {
    func detect(_ rows: [TableRow], _ source: SourceDefinition = Sheet.attendance, merged: [CellRange] = [], formats: [String] = [])
        -> Result<TableLayout, Diagnostic.Problem>
    {
        TableLayoutDetector.detect(SheetTable(name: "marzec", rows: rows, mergedRanges: merged), source: source, dateFormats: formats)
    }

    /// A six-row title block (row 4 blank, so absent from the rows) pushes the header to row 7.
    @Test func headerUnderASixRowTitleBlock() throws {
        let layout = try #require(
            detect([
                Sheet.row(1, "Lista obecności"),
                Sheet.row(2, "Projekt: Razem w Lublinie"),
                Sheet.row(3, "Grupa:", "A1"),
                Sheet.row(5, "Prowadząca: Anna Nowak"),
                Sheet.row(6, "Miesiąc: marzec 2023"),
                Sheet.row(7, "Lp.", "Imię i nazwisko", "02.03.2023", "09.03.2023"),
                Sheet.row(8, "1", "Olena Kovalenko", "x", ""),
            ]).success)
        #expect(layout.headerIndex == 5)
        #expect(layout.headerRowNumber == 7)
        #expect(layout.fields == ["full_name": 1])
        #expect(layout.headers == ["Lp.", "Imię i nazwisko", "02.03.2023", "09.03.2023"])
        #expect(layout.title == ["group": "A1"])
        #expect(layout.sessions.map(\.column) == [2, 3])
        #expect(layout.sessions.map(\.date) == [Sheet.day("2023-03-02"), Sheet.day("2023-03-09")])
    }

    @Test(arguments: ["IMIE I NAZWISKO", "imię i nazwisko", "IMIĘ I NAZWISKO", "  Imię  i\u{00A0}nazwisko ", "Imie i Nazwisko"])
    func headerMatchesIgnoringCaseAndDiacritics(header: String) throws {
        let layout = try #require(detect([Sheet.row(1, "Grupa: A1"), Sheet.row(2, "Lp.", header)]).success)
        #expect(layout.fields == ["full_name": 1])
        #expect(layout.headerRowNumber == 2)
    }

    @Test(arguments: ["Imię i nazwisko", "Uczestnik", "SŁUCHACZ", "sluchacz"])
    func headerAliases(header: String) throws {
        let source = Sheet.source(
            .attendance, columns: ["full_name": ["Imię i nazwisko", "Uczestnik", "Słuchacz"]], title: ["group": ["Grupa"]])
        let layout = try #require(detect([Sheet.row(1, "Grupa: A1"), Sheet.row(2, header, "12.03.2023")], source).success)
        #expect(layout.fields == ["full_name": 0])
        #expect(layout.sessions.map(\.column) == [1])
    }

    @Test func aMergedHeaderCellIsSpreadOverItsColumns() throws {
        // "Nazwisko i imię" merged over A1:B1 (two name columns under one header), then a session.
        let source = Sheet.source(.attendance, columns: ["full_name": ["Nazwisko i imię"]], title: [:])
        let layout = try #require(
            detect(
                [Sheet.row(1, "Nazwisko i imię", "", "12.03.2023"), Sheet.row(2, "KOWALENKO", "Olena", "x")], source,
                merged: [CellRange(firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: 1)]
            ).success)
        #expect(layout.headers == ["Nazwisko i imię", "Nazwisko i imię", "12.03.2023"])
        #expect(layout.fields == ["full_name": 0])
        #expect(layout.sessions.map(\.column) == [2])
    }

    /// A two-row header: names merged down over rows 5–6 (B5:B6), "Obecność" over C5:D5, the dates in row 6.
    @Test func aTwoRowHeaderWithHeaderRowOverride() throws {
        let rows = [
            Sheet.row(1, "Grupa: A1"),
            Sheet.row(5, "Lp.", "Imię i nazwisko", "Obecność", ""),
            Sheet.row(6, "", "", "02.03.2023", "09.03.2023"),
            Sheet.row(7, "1", "Olena Kovalenko", "x", "x"),
        ]
        let merged = [
            CellRange(firstRow: 4, firstColumn: 0, lastRow: 5, lastColumn: 0),
            CellRange(firstRow: 4, firstColumn: 1, lastRow: 5, lastColumn: 1),
            CellRange(firstRow: 4, firstColumn: 2, lastRow: 4, lastColumn: 3),
        ]
        var source = Sheet.attendance
        source.headerRow = 6
        let layout = try #require(detect(rows, source, merged: merged).success)
        #expect(layout.headerRowNumber == 6)
        #expect(layout.headers == ["Lp.", "Imię i nazwisko", "02.03.2023", "09.03.2023"])
        #expect(layout.fields == ["full_name": 1])
        #expect(layout.sessions.map(\.date) == [Sheet.day("2023-03-02"), Sheet.day("2023-03-09")])
        #expect(layout.title == ["group": "A1"])
    }

    @Test(arguments: [
        [["Grupa: A1"]],
        [["Grupa", "A1"]],
        [["Grupa:", "", "A1"]],
        [["GRUPA:A1"]],
        [["", "grupa", "A1"]],
        [["Lista obecności"], ["Grupa docelowa: dorośli"], ["Grupa: A1"]],
        [["Grupa"], ["Grupa", "A1"]],
    ])
    func titleValue(titleRows: [[String]]) throws {
        var rows = titleRows.enumerated().map { Sheet.row($0.offset + 1, cells: $0.element.map { $0.isEmpty ? .empty : .string($0) }) }
        rows.append(Sheet.row(rows.count + 1, "Imię i nazwisko", "12.03.2023"))
        let layout = try #require(detect(rows).success)
        #expect(layout.title == ["group": "A1"])
    }

    @Test func aTitleWithoutValueIsAbsent() throws {
        let layout = try #require(detect([Sheet.row(1, "Grupa:"), Sheet.row(2, "Imię i nazwisko", "12.03.2023")]).success)
        #expect(layout.title == [:])
    }

    /// 2023-03-12 written every way a session header comes: a date cell, text, an Excel serial (number or text).
    @Test(arguments: [
        CellValue.date(LocalDate(year: 2023, month: 3, day: 12)!), .string("12.03.2023"), .string("2023-03-12"),
        .string("12.3.2023"), .string(" 12.03.2023 r. "), .string("12 marca 2023"), .number(44997), .string("44997"),
    ])
    func sessionColumn(header: CellValue) throws {
        let layout = try #require(
            detect([Sheet.row(1, "Grupa: A1"), Sheet.row(2, cells: [.string("Imię i nazwisko"), header, .string("Uwagi"), .number(3)])])
                .success)
        #expect(layout.sessions.map(\.column) == [1])
        #expect(layout.sessions.map(\.date) == [Sheet.day("2023-03-12")])
    }

    /// Session dates without a year on a month's sheet take the year of the sheet name, else of the title block, else
    /// of the file name; with none of them the sheet is refused with a message saying where to write the year.
    @Test(arguments: [
        ("marzec 2024", "Lista obecności", "obecnosci.xlsx"), ("marzec", "Lista obecności — marzec 2024", "obecnosci.xlsx"),
        ("marzec", "Lista obecności", "obecnosci-2024Q1.xlsx"), ("03.2024", "Lista obecności 2023/2024", "x.xlsx"),
        // A month's name and year beat a year inside a group's name.
        ("2023Q4-A1 marzec", "Miesiąc: marzec 2024", "kurs_2023Q4.xlsx"),
    ])
    func sessionDatesWithoutAYear(sheet: String, title: String, file: String) throws {
        let rows = [
            Sheet.row(1, title), Sheet.row(2, "Grupa: A1"),
            Sheet.row(3, "Imię i nazwisko", "5.03", "12.03.", "19/03", "26 marca", "Zajęcia 5", "1"),
        ]
        let layout = try #require(
            TableLayoutDetector.detect(
                SheetTable(name: sheet, rows: rows), source: Sheet.attendance, dateFormats: [], fileName: file
            ).success)
        #expect(layout.sessions.map(\.column) == [1, 2, 3, 4])
        #expect(layout.sessions.map(\.date) == ["2024-03-05", "2024-03-12", "2024-03-19", "2024-03-26"].map(Sheet.day))
    }

    @Test func sessionDatesWithoutAnyYearAreRefused() throws {
        let rows = [Sheet.row(1, "Grupa: A1"), Sheet.row(2, "Imię i nazwisko", "5.03", "12.03")]
        let problem = try #require(
            TableLayoutDetector.detect(
                SheetTable(name: "marzec", rows: rows), source: Sheet.attendance, dateFormats: [], fileName: "obecnosci.xlsx"
            ).failure)
        #expect(problem.code == .noSessionColumns)
        #expect(problem.message.contains("no year"))
    }

    @Test func dateFormatsAreTriedFirst() throws {
        let rows = [Sheet.row(1, "Grupa: A1"), Sheet.row(2, "Imię i nazwisko", "03/04/2023")]
        #expect(try #require(detect(rows).success).sessions.map(\.date) == [Sheet.day("2023-04-03")])
        #expect(try #require(detect(rows, formats: ["MM/dd/yyyy"]).success).sessions.map(\.date) == [Sheet.day("2023-03-04")])
    }

    /// Session numbers (1, 2, 3) or a year as header text are not dates of sessions; the number-cell branch already
    /// refuses serials outside 20 000–80 000, the text branch reads them as Excel serials of 1900–1905.
    @Test
    func numberedSessionHeadersAreNotDates() throws {
        let layout = try #require(
            detect([Sheet.row(1, "Grupa: A1"), Sheet.row(2, "Imię i nazwisko", "1", "2", "2023", "Razem")]).success)
        #expect(layout.sessions.isEmpty)
    }

    @Test func theNamesAndMappedColumnsAreNotSessions() throws {
        let source = Sheet.source(
            .attendance, columns: ["full_name": ["Imię i nazwisko"], "row_number": ["12.03.2023"]], title: ["group": ["Grupa"]])
        let layout = try #require(detect([Sheet.row(1, "Imię i nazwisko", "12.03.2023", "19.03.2023")], source).success)
        #expect(layout.fields == ["full_name": 0, "row_number": 1])
        #expect(layout.sessions.map(\.column) == [2])
    }

    @Test func aRollHasNoSessions() throws {
        let layout = try #require(detect([Sheet.row(1, "Nazwisko", "Imię", "Grupa", "12.03.2023")], Sheet.roll).success)
        #expect(layout.fields == ["last_name": 0, "first_name": 1, "group": 2])
        #expect(layout.sessions.isEmpty)
    }

    @Test func aMissingMappedColumnNamesTheField() throws {
        let problem = try #require(
            detect([Sheet.row(1, "Lista"), Sheet.row(2, "Nazwisko", "Imię", "Data urodzenia")], Sheet.roll).failure)
        #expect(problem.code == .missingColumn)
        #expect(problem.message.contains("header row 2"))
        #expect(problem.message.contains("group (\"Grupa\")"))
        #expect(!problem.message.contains("last_name"))
    }

    @Test func noHeaderAtAll() throws {
        let problem = try #require(
            detect([Sheet.row(1, "Lista"), Sheet.row(2, "Nr", "Osoba", "Kurs"), Sheet.row(3, "1", "Jan Kowalski", "A1")], Sheet.roll)
                .failure)
        #expect(problem.code == .headerNotFound)
        #expect(problem.message.contains("header_row"))
    }

    @Test func aHeaderBelowTheSearchDepthIsNotFound() throws {
        var rows = (1...TableLayoutDetector.searchDepth).map { Sheet.row($0, "notatka \($0)") }
        rows.append(Sheet.row(TableLayoutDetector.searchDepth + 1, "Imię i nazwisko", "12.03.2023"))
        #expect(detect(rows).failure?.code == .headerNotFound)
        var source = Sheet.attendance
        source.headerRow = TableLayoutDetector.searchDepth + 1
        #expect(detect(rows, source).success?.headerRowNumber == TableLayoutDetector.searchDepth + 1)
    }

    /// The title block repeats the header word; header_row picks the real header.
    @Test func headerRowOverride() throws {
        let rows = [
            Sheet.row(1, "Imię i nazwisko", "prowadzącej: Anna Nowak"),
            Sheet.row(2, "Grupa: A1"),
            Sheet.row(3, "Imię i nazwisko", "12.03.2023"),
            Sheet.row(4, "Olena Kovalenko", "x"),
        ]
        #expect(detect(rows).success?.headerRowNumber == 1)
        var source = Sheet.attendance
        source.headerRow = 3
        let layout = try #require(detect(rows, source).success)
        #expect(layout.headerIndex == 2)
        #expect(layout.sessions.map(\.column) == [1])
        #expect(layout.title == ["group": "A1"])
        source.headerRow = 9
        let problem = try #require(detect(rows, source).failure)
        #expect(problem.code == .headerNotFound)
        #expect(problem.message.contains("header_row 9"))
    }
}
