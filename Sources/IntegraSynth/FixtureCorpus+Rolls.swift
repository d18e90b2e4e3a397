import Foundation
import IntegraCore
import IntegraReports

/// What becomes of one written row: above the header (title block), the header, blank, or a data row that is
/// loaded with warnings or rejected with an error code.
enum FixtureRowFate {
    case above
    case header
    case blank
    case loaded(warnings: [String])
    case rejected(code: String, warnings: [String])
    /// Under the table: signatures, totals (the table's footer, no data row).
    case footer

    static let loaded = FixtureRowFate.loaded(warnings: [])
}

extension FixtureBuild {
    /// Enters rows into the ledger: `fates[i]` happened to the row numbered `numbers[i]`.
    func account(_ fates: [FixtureRowFate], numbers: [Int], sheet: String? = nil, in ledger: FixtureLedger) {
        for (fate, number) in zip(fates, numbers) {
            switch fate {
            case .above, .footer: break
            case .header: ledger.header(row: number, sheet: sheet)
            case .blank: ledger.blank(row: number, sheet: sheet)
            case .loaded(let warnings): ledger.loaded(row: number, sheet: sheet, warnings: warnings)
            case .rejected(let code, let warnings):
                ledger.rejected(row: number, sheet: sheet, code: code, warnings: warnings)
            }
        }
    }

    /// Writes an XLSX through libxlsxwriter (as the demo does), dated at the project's end.
    func xlsx(_ path: String, author: String, _ body: (XLSXWriter) throws -> Void) throws {
        try save(try xlsxData(title: path, author: author, body), to: path)
    }

    /// The bytes of a workbook written through libxlsxwriter, by way of a scratch file.
    func xlsxData(title: String, author: String, _ body: (XLSXWriter) throws -> Void) throws -> Data {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "integra-fixture-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let writer = try XLSXWriter(
            path: scratch.path,
            properties: XLSXDocumentProperties(created: Self.periodEnd, title: title, author: author))
        try body(writer)
        try writer.close()
        return try Data(contentsOf: scratch)
    }

    func rolls() throws {
        // Names used only by rows that must match no roll.
        usedNames.insert("Taras Honcharenko")
        try rollWindows1250()
        try rollWindows1251()
        try rollUTF8BOMFullName()
        try rollTabSeparatedUTF8()
        try rollUTF16()
        try rollXLSX()
    }

    /// Two-digit form of a date: `d.m.yy`.
    func short(_ d: LocalDate) -> String { "\(d.day).\(d.month).\(String(format: "%02d", d.year % 100))" }

    // MARK: Windows-1250, `;`, title line, decimal commas

    private func rollWindows1250() throws {
        let path = "przystan/lista-PL-A1.csv"
        let ledger = FixtureLedger(
            path: path, source: "przystan-roll-pl-a1",
            exercises: "Windows-1250, `;` (detected), a title line and an empty line above the header, decimal commas "
                + "in unmapped columns, dates dd.mm.yyyy; bad rows: no name (`missing-value`), PESEL with a wrong "
                + "checksum (`invalid-pesel`, kept), PESEL of another birth date (`pesel-mismatch`, kept)")
        ledger.encoding = "windows-1250"
        let people = FixturePeople.draw(8, rng: &rng, used: &usedNames)
        let start = LocalDate(year: 2023, month: 2, day: 6)!
        let header: [CSVField] = [
            "Lp.", "Nazwisko", "Imię", "Data urodzenia", "PESEL", "Obywatelstwo", "Płeć", "Grupa", "Data rozpoczęcia",
            "Poziom wejściowy", "Liczba godzin", "Frekwencja",
        ]
        var rows: [[CSVField]] = [
            ["Lista uczestników kursu języka polskiego — grupa PL-A1"]
                + Array(repeating: .empty, count: header.count - 1),
            Array(repeating: .empty, count: header.count),
            header,
        ]
        var fates: [FixtureRowFate] = [.above, .above, .header]
        let citizenships = ["Ukraina", "ukraińskie", "UKR"]
        for (i, p) in people.enumerated() {
            var pesel = p.pesel
            var warnings: [String] = []
            var expectedPESEL = p.pesel
            if i == 6 {
                pesel = brokenChecksum(SyntheticPerson.makePESEL(birth: p.birth, female: p.female, serial: 7070))
                expectedPESEL = nil
                warnings = ["invalid-pesel"]
            } else if i == 7 {
                // Valid, but for the next day: the birth date column keeps its value.
                pesel = SyntheticPerson.makePESEL(birth: p.birth.adding(days: 1), female: p.female, serial: 2468)
                expectedPESEL = pesel
                warnings = ["pesel-mismatch"]
            }
            rows.append([
                .number(Double(i + 1)), .text(p.last.polish), .text(p.first.polish), .text(p.birth.polish),
                pesel.map(CSVField.text) ?? .empty, .text(citizenships[i % 3]), .text(p.sex), "PL-A1",
                .text(start.polish), .text(i % 2 == 0 ? "A1" : "A2"), .number(60.5 - Double(i)),
                .number(Double(7 - i % 4) / 8),
            ])
            fates.append(.loaded(warnings: warnings))
            ledger.participant(
                .init(
                    firstName: p.first.polish, lastName: p.last.polish, birthDate: p.birth.iso, startDate: start.iso,
                    sex: p.sex, citizenship: "UKR", pesel: expectedPESEL))
            rosters["PL-A1", default: []].append((p, p.first.polish, p.last.polish))
        }
        rows.append([
            9, .empty, .empty, "12.05.1990", .empty, "Ukraina", "K", "PL-A1", .text(start.polish), "A1", 12.5, 0.25,
        ])
        fates.append(.rejected(code: "missing-value", warnings: []))
        let (data, lines) = try csv(rows, delimiter: ";", encoding: .windows1250)
        account(fates, numbers: lines, in: ledger)
        // "Liczba godzin" and "Frekwencja" are mapped by no field.
        ledger.unusedColumns()
        try save(data, to: path)
        record(
            FixtureSource(
                id: "przystan-roll-pl-a1", partner: "przystan", kind: "roll", activity: "polish_course", file: path,
                comment: "Excel on Polish Windows: Windows-1250 and `;`, both left to detection.",
                columns: [
                    ("row_number", ["Lp."]), ("last_name", ["Nazwisko"]), ("first_name", ["Imię"]),
                    ("birth_date", ["Data urodzenia"]), ("pesel", ["PESEL"]), ("citizenship", ["Obywatelstwo"]),
                    ("sex", ["Płeć"]), ("group", ["Grupa"]), ("start_date", ["Data rozpoczęcia"]),
                    ("level_in", ["Poziom wejściowy"]),
                ]),
            ledger)
    }

    // MARK: Windows-1251, Cyrillic headers and names, d.m.yy

    private func rollWindows1251() throws {
        let path = "nadija/uczestnicy-W-1.csv"
        let ledger = FixtureLedger(
            path: path, source: "nadija-roll-w1",
            exercises: "Windows-1251, `;`, Ukrainian headers and names in Cyrillic, sex ж/ч, dates d.m.yy; bad rows: "
                + "a birth date after the project end (`future-date`, kept without it), a citizenship Integra does "
                + "not know (`unknown-citizenship`, kept)")
        ledger.encoding = "windows-1251"
        let people = FixturePeople.draw(6, rng: &rng, used: &usedNames)
        let start = LocalDate(year: 2023, month: 4, day: 4)!
        var rows: [[CSVField]] = [
            ["№", "Прізвище", "Ім'я", "Дата народження", "PESEL", "Громадянство", "Стать", "Група", "Дата початку"]
        ]
        var fates: [FixtureRowFate] = [.header]
        let citizenships = ["Україна", "українське", "UA"]
        for (i, p) in people.enumerated() {
            var birth = short(p.birth)
            var expectedBirth: String? = p.birth.iso
            var citizenship = citizenships[i % 3]
            var expectedCitizenship: String? = "UKR"
            var pesel = p.pesel
            var warnings: [String] = []
            if i == 3 {
                birth = "12.5.24"
                expectedBirth = nil
                pesel = nil  // no PESEL to fill the dropped birth date from
                warnings = ["future-date"]
            } else if i == 4 {
                citizenship = "Еритрея"
                expectedCitizenship = nil
                warnings = ["unknown-citizenship"]
            }
            rows.append([
                .number(Double(i + 1)), .text(p.last.cyrillic), .text(p.first.cyrillic), .text(birth),
                pesel.map(CSVField.text) ?? .empty, .text(citizenship), .text(p.female ? "ж" : "ч"), "W-1",
                .text(short(start)),
            ])
            fates.append(.loaded(warnings: warnings))
            ledger.participant(
                .init(
                    firstName: p.first.cyrillic, lastName: p.last.cyrillic, birthDate: expectedBirth,
                    startDate: start.iso, sex: p.sex, citizenship: expectedCitizenship, pesel: pesel))
            rosters["W-1", default: []].append((p, p.first.cyrillic, p.last.cyrillic))
        }
        let (data, lines) = try csv(rows, delimiter: ";", encoding: .windows1251)
        account(fates, numbers: lines, in: ledger)
        try save(data, to: path)
        record(
            FixtureSource(
                id: "nadija-roll-w1", partner: "nadija", kind: "roll", activity: "integration_workshop", file: path,
                comment: "Saved on a Ukrainian Windows: Windows-1251, detected from the Cyrillic letters.",
                columns: [
                    ("last_name", ["Прізвище"]), ("first_name", ["Ім'я"]), ("birth_date", ["Дата народження"]),
                    ("pesel", ["PESEL"]), ("citizenship", ["Громадянство"]), ("sex", ["Стать"]), ("group", ["Група"]),
                    ("start_date", ["Дата початку"]),
                ]),
            ledger)
    }

    // MARK: UTF-8 with BOM, one name column in both orders, ISO dates

    private func rollUTF8BOMFullName() throws {
        let path = "przystan/lista-PL-A2.csv"
        let ledger = FixtureLedger(
            path: path, source: "przystan-roll-pl-a2",
            exercises: "UTF-8 with BOM, `,`, one \"Imię i nazwisko\" column as `Imię NAZWISKO` and `NAZWISKO Imię`, "
                + "dates yyyy-mm-dd, sex Kobieta/Mężczyzna, a Polish participant written with a no-break space "
                + "and a decomposed `Ń`; bad rows: the same row twice "
                + "apart from its Lp. (`duplicate-row`), a row without group (`missing-value`)")
        ledger.encoding = "utf-8"
        var people = FixturePeople.draw(5, rng: &rng, used: &usedNames)
        people.insert(FixturePeople.polish[0], at: 3)
        let start = LocalDate(year: 2023, month: 3, day: 6)!
        var rows: [[CSVField]] = [
            ["Lp.", "Imię i nazwisko", "Data urodzenia", "PESEL", "Obywatelstwo", "Płeć", "Grupa", "Data rozpoczęcia"]
        ]
        var fates: [FixtureRowFate] = [.header]
        func row(_ n: Int, _ name: String, _ p: FixturePerson, group: String, citizenship: String) -> [CSVField] {
            [
                .number(Double(n)), .text(name), .text(p.birth.iso), p.pesel.map(CSVField.text) ?? .empty,
                .text(citizenship), .text(p.female ? "Kobieta" : "Mężczyzna"), .text(group), .text(start.iso),
            ]
        }
        for (i, p) in people.enumerated() {
            let polish = p.first.passport == "Zofia"
            let first = p.first.passport, last = p.last.passport.uppercased()
            // Pasted from a document: a no-break space between the names and the Ń decomposed (N + U+0301).
            let name =
                polish
                ? "\(first)\u{00A0}\(last.decomposedStringWithCanonicalMapping)"
                : i % 2 == 0 ? "\(first) \(last)" : "\(last) \(first)"
            rows.append(row(i + 1, name, p, group: "PL-A2", citizenship: polish ? "polskie" : "Ukraina"))
            fates.append(.loaded)
            ledger.participant(
                .init(
                    firstName: first, lastName: last, birthDate: p.birth.iso, startDate: start.iso, sex: p.sex,
                    citizenship: polish ? "POL" : "UKR", pesel: p.pesel))
            rosters["PL-A2", default: []].append((p, first, last))
        }
        // Row 2 pasted again with the next Lp.: the same person, not a second one.
        var again = rows[2]
        again[0] = .number(Double(people.count + 1))
        rows.append(again)
        fates.append(.rejected(code: "duplicate-row", warnings: []))
        let stray = FixturePeople.draw(1, rng: &rng, used: &usedNames)[0]
        rows.append(
            row(
                people.count + 2, "\(stray.first.passport) \(stray.last.passport.uppercased())", stray, group: "",
                citizenship: "Ukraina"))
        fates.append(.rejected(code: "missing-value", warnings: []))
        let (data, lines) = try csv(rows, delimiter: ",", encoding: .utf8BOM, decimalSeparator: ".")
        account(fates, numbers: lines, in: ledger)
        try save(data, to: path)
        record(
            FixtureSource(
                id: "przystan-roll-pl-a2", partner: "przystan", kind: "roll", activity: "polish_course", file: path,
                comment:
                    "A register export: UTF-8 with BOM, one name column; Lp. mapped so a pasted duplicate is seen.",
                columns: [
                    ("row_number", ["Lp."]), ("full_name", ["Imię i nazwisko"]), ("birth_date", ["Data urodzenia"]),
                    ("pesel", ["PESEL"]), ("citizenship", ["Obywatelstwo"]), ("sex", ["Płeć"]), ("group", ["Grupa"]),
                    ("start_date", ["Data rozpoczęcia"]),
                ]),
            ledger)
    }

    // MARK: UTF-8 without BOM, tab-separated, "12 marca 2023", serials, explicit date format

    private func rollTabSeparatedUTF8() throws {
        let path = "nadija/uczestnicy-W-2.tsv"
        let ledger = FixtureLedger(
            path: path, source: "nadija-roll-w2",
            exercises: "UTF-8 without BOM, tab-separated (a spreadsheet web export), birth dates as Excel serials "
                + "written as text and as `3 lipca 1978`, start dates `MM/dd/yyyy` read through `date_formats:` "
                + "(no `ambiguous-date`) or `6 marca 2023`, an empty line between records (blank 1)")
        ledger.encoding = "utf-8"
        let people = FixturePeople.draw(6, rng: &rng, used: &usedNames)
        let start = LocalDate(year: 2023, month: 3, day: 6)!
        let months = [
            "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września",
            "października", "listopada", "grudnia",
        ]
        func spelled(_ d: LocalDate) -> String { "\(d.day) \(months[d.month - 1]) \(d.year)" }
        var rows: [[CSVField]] = [
            ["Nazwisko", "Imię", "Data urodzenia", "Obywatelstwo", "Płeć", "Grupa", "Data rozpoczęcia", "Telefon"]
        ]
        var fates: [FixtureRowFate] = [.header]
        for (i, p) in people.enumerated() {
            if i == 3 {
                rows.append([])
                fates.append(.blank)
            }
            let birth = i % 2 == 0 ? String(p.birth.excelSerial) : spelled(p.birth)
            let startText = i % 3 == 2 ? spelled(start) : "03/06/2023"
            rows.append([
                .text(p.last.passport), .text(p.first.passport), .text(birth), .text(i % 2 == 0 ? "UKR" : "Ukraina"),
                .text(p.sex), "W-2", .text(startText), .text("+48 501 000 \(100 + i)"),
            ])
            fates.append(.loaded)
            ledger.participant(
                .init(
                    firstName: p.first.passport, lastName: p.last.passport, birthDate: p.birth.iso,
                    startDate: start.iso, sex: p.sex, citizenship: "UKR"))
            rosters["W-2", default: []].append((p, p.first.passport, p.last.passport))
        }
        let (data, lines) = try csv(rows, delimiter: "\t", encoding: .utf8, decimalSeparator: ".")
        account(fates, numbers: lines, in: ledger)
        // "Telefon" is mapped by no field.
        ledger.unusedColumns()
        try save(data, to: path)
        record(
            FixtureSource(
                id: "nadija-roll-w2", partner: "nadija", kind: "roll", activity: "integration_workshop", file: path,
                comment: "Exported with US settings: start dates month first, said once with date_formats.",
                columns: [
                    ("last_name", ["Nazwisko"]), ("first_name", ["Imię"]), ("birth_date", ["Data urodzenia"]),
                    ("citizenship", ["Obywatelstwo"]), ("sex", ["Płeć"]), ("group", ["Grupa"]),
                    ("start_date", ["Data rozpoczęcia"]),
                ],
                dateFormats: ["MM/dd/yyyy"]),
            ledger)
    }

    // MARK: UTF-16 LE with BOM (Excel "Unicode text")

    private func rollUTF16() throws {
        let path = "przystan/lista-PL-B1.txt"
        let ledger = FixtureLedger(
            path: path, source: "przystan-roll-pl-b1",
            exercises: "UTF-16 LE with BOM and tabs (Excel \"Unicode text\"), names in passport spelling; bad values, "
                + "rows kept: start `03/04/2023` (`ambiguous-date`), start before the project (`date-outside-period`), "
                + "end `31.04.2023` (`invalid-date`)")
        ledger.encoding = "utf-16le"
        let people = FixturePeople.draw(6, rng: &rng, used: &usedNames)
        let start = LocalDate(year: 2023, month: 3, day: 6)!, end = LocalDate(year: 2023, month: 6, day: 26)!
        var rows: [[CSVField]] = [
            [
                "Nazwisko", "Imię", "Data urodzenia", "PESEL", "Obywatelstwo", "Płeć", "Grupa", "Data rozpoczęcia",
                "Data zakończenia",
            ]
        ]
        var fates: [FixtureRowFate] = [.header]
        for (i, p) in people.enumerated() {
            var startText = start.polish, endText = end.polish
            var expectedStart: String? = start.iso, expectedEnd: String? = end.iso
            var warnings: [String] = []
            switch i {
            case 1:
                startText = "03/04/2023"
                expectedStart = "2023-04-03"
                warnings = ["ambiguous-date"]
            case 2:
                startText = "15.11.2022"
                expectedStart = "2022-11-15"
                warnings = ["date-outside-period"]
            case 3:
                endText = "31.04.2023"
                expectedEnd = nil
                warnings = ["invalid-date"]
            default: break
            }
            rows.append([
                .text(p.last.passport), .text(p.first.passport), .text(p.birth.polish),
                p.pesel.map(CSVField.text) ?? .empty, "Ukraina", .text(p.sex), "PL-B1", .text(startText),
                .text(endText),
            ])
            fates.append(.loaded(warnings: warnings))
            ledger.participant(
                .init(
                    firstName: p.first.passport, lastName: p.last.passport, birthDate: p.birth.iso,
                    startDate: expectedStart, endDate: expectedEnd, sex: p.sex, citizenship: "UKR", pesel: p.pesel))
            rosters["PL-B1", default: []].append((p, p.first.passport, p.last.passport))
        }
        let (utf8, lines) = try csv(rows, delimiter: "\t", encoding: .utf8, decimalSeparator: ",")
        account(fates, numbers: lines, in: ledger)
        try save(utf16LE(String(decoding: utf8, as: UTF8.self)), to: path)
        record(
            FixtureSource(
                id: "przystan-roll-pl-b1", partner: "przystan", kind: "roll", activity: "polish_course", file: path,
                comment: "Excel's \"Unicode text\": UTF-16 LE with a byte-order mark, tab-separated.",
                columns: [
                    ("last_name", ["Nazwisko"]), ("first_name", ["Imię"]), ("birth_date", ["Data urodzenia"]),
                    ("pesel", ["PESEL"]), ("citizenship", ["Obywatelstwo"]), ("sex", ["Płeć"]), ("group", ["Grupa"]),
                    ("start_date", ["Data rozpoczęcia"]), ("end_date", ["Data zakończenia"]),
                ]),
            ledger)
    }

    // MARK: XLSX roll: five-row title block, two-row header with merged cells

    private func rollXLSX() throws {
        let path = "przystan/lista-PL-B2.xlsx"
        let sheetName = "Lista"
        let ledger = FixtureLedger(
            path: path, source: "przystan-roll-pl-b2",
            exercises: "XLSX roll: a five-row title block with merged cells, a two-row header (`Uczestnik` merged "
                + "over Nazwisko/Imię, the other headings merged down both rows), date cells, a PESEL typed into a "
                + "number cell (leading zero lost), a Polish participant")
        var people = FixturePeople.draw(5, rng: &rng, used: &usedNames)
        people.insert(FixturePeople.polish[1], at: 2)
        // Born in 2003: the PESEL starts with 0, which a number cell drops.
        let young = LocalDate(year: 2003, month: 5, day: 9)!
        people[4].birth = young
        people[4].pesel = SyntheticPerson.makePESEL(birth: young, female: people[4].female, serial: 3141)
        let start = LocalDate(year: 2023, month: 9, day: 4)!
        try xlsx(path, author: "Fundacja Przystań") { writer in
            let ws = try writer.addSheet(sheetName)
            try ws.merge(
                firstRow: 0, firstCol: 0, lastRow: 0, lastCol: 8, text: "Projekt „Razem w Lublinie”", style: .title)
            try ws.merge(
                firstRow: 1, firstCol: 0, lastRow: 1, lastCol: 8,
                text: "Projekt współfinansowany ze środków Funduszu Pracy", style: .note)
            try ws.write("Lista uczestników kursu języka polskiego", row: 2, col: 0, style: .bold)
            try ws.write("Grupa: PL-B2", row: 3, col: 0, style: .bold)
            try ws.write("Okres: 04.09.2023 – 15.12.2023", row: 4, col: 0)
            for (col, text) in [
                (0, "Lp."), (3, "Data urodzenia"), (4, "PESEL"), (5, "Obywatelstwo"), (6, "Płeć"), (7, "Grupa"),
                (8, "Data rozpoczęcia"),
            ] {
                try ws.merge(firstRow: 5, firstCol: col, lastRow: 6, lastCol: col, text: text, style: .header)
            }
            try ws.merge(firstRow: 5, firstCol: 1, lastRow: 5, lastCol: 2, text: "Uczestnik", style: .header)
            try ws.write("Nazwisko", row: 6, col: 1, style: .header)
            try ws.write("Imię", row: 6, col: 2, style: .header)
            for (i, p) in people.enumerated() {
                let r = 7 + i
                try ws.write(Double(i + 1), row: r, col: 0)
                try ws.write(p.last.polish, row: r, col: 1)
                try ws.write(p.first.polish, row: r, col: 2)
                try ws.write(p.birth, row: r, col: 3)
                if let pesel = p.pesel {
                    if pesel.hasPrefix("0") {
                        try ws.write(Double(pesel)!, row: r, col: 4)
                    } else {
                        try ws.write(pesel, row: r, col: 4)
                    }
                }
                let polish = p.last.passport == "Zieliński"
                try ws.write(polish ? "Polska" : "Ukraina", row: r, col: 5)
                try ws.write(p.female ? "Kobieta" : "Mężczyzna", row: r, col: 6)
                try ws.write("PL-B2", row: r, col: 7)
                try ws.write(start, row: r, col: 8)
                ledger.loaded(row: r + 1, sheet: sheetName)
                ledger.participant(
                    .init(
                        firstName: p.first.polish, lastName: p.last.polish, birthDate: p.birth.iso,
                        startDate: start.iso, sex: p.sex, citizenship: polish ? "POL" : "UKR", pesel: p.pesel))
            }
        }
        ledger.header(row: 7, sheet: sheetName)
        record(
            FixtureSource(
                id: "przystan-roll-pl-b2", partner: "przystan", kind: "roll", activity: "polish_course", file: path,
                comment: "A workbook roll; the header is found under the title block by its texts.",
                columns: [
                    ("row_number", ["Lp."]), ("last_name", ["Nazwisko"]), ("first_name", ["Imię"]),
                    ("birth_date", ["Data urodzenia"]), ("pesel", ["PESEL"]), ("citizenship", ["Obywatelstwo"]),
                    ("sex", ["Płeć"]), ("group", ["Grupa"]), ("start_date", ["Data rozpoczęcia"]),
                ]),
            ledger)
    }
}
