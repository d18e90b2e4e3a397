import Foundation
import IntegraCore
import IntegraReports

extension FixtureBuild {
    /// What each mark written in the fixtures means; anything not here is an unknown mark.
    static let markStatus: [String: String] = [
        "x": "present", "+": "present", "1": "present", "v": "present", "✓": "present", "obecny": "present",
        "ob.": "present", "zdalnie": "present",
        "": "absent", "-": "absent", "0": "absent", "nb": "absent", "nieobecny": "absent",
        "usp.": "excused", "L4": "excused",
    ]

    /// A mark as a cell: `1` and `0` typed into Excel are numbers, blank is no cell.
    static func markCell(_ mark: String) -> FixtureCell {
        switch mark {
        case "": return .empty
        case "1": return .number(1)
        case "0": return .number(0)
        default: return .text(mark)
        }
    }

    /// Adds the marks of one matched row to the expected counts; returns the columns (0-based among the
    /// sessions) whose mark is unknown.
    func count(_ marks: [String], into counts: inout FixtureExpectation.Marks) -> [Int] {
        var unknown: [Int] = []
        for (i, mark) in marks.enumerated() {
            switch Self.markStatus[mark] {
            case "present": counts.present += 1
            case "absent": counts.absent += 1
            case "excused": counts.excused += 1
            default: unknown.append(i)
            }
        }
        return unknown
    }

    /// `count` marks for a row, from `choices`; the first row of a sheet is all present so every session is held
    /// and every mark of a matched row is stored.
    func marks(_ count: Int, from choices: [String], allPresent: Bool) -> [String] {
        (0..<count).map { _ in allPresent ? "x" : rng.pick(choices) }
    }

    /// Session dates: `count` dates from `start`, on the given days of each week (0 = the start's weekday).
    func sessions(from start: LocalDate, count: Int, days: [Int]) -> [LocalDate] {
        var dates: [LocalDate] = []
        var week = 0
        while dates.count < count {
            for d in days where dates.count < count { dates.append(start.adding(days: week * 7 + d)) }
            week += 1
        }
        return dates
    }

    func attendance() throws {
        try attendanceMatrix()
        try attendanceNumberedSessions()
        try attendanceSheetsByPattern()
        try attendanceAllVisibleSheets()
        try attendanceHiddenSheetNamed()
    }

    // MARK: Date-cell headers, every mark, an extra mark, an unknown one, a person not on the roll

    private func attendanceMatrix() throws {
        let path = "przystan/obecnosci-PL-A1.xlsx"
        let sheetName = "Obecności"
        let ledger = FixtureLedger(
            path: path, source: "przystan-attendance-pl-a1",
            exercises: "XLSX attendance matrix: title block with merged cells and `Grupa: PL-A1`, session dates as "
                + "date cells, names as `Imię NAZWISKO` or `Nazwisko Imię`, marks `x + 1 v ✓ obecny ob.`, blank, "
                + "`- 0 nb nieobecny usp.` and the project's `zdalnie`/`L4`; bad: mark `sp.` (`unknown-mark`), "
                + "a person on no roll (`unmatched-attendance`)")
        let roster = rosters["PL-A1"]!
        let dates = sessions(from: LocalDate(year: 2023, month: 2, day: 6)!, count: 8, days: [0, 3])
        var counts = FixtureExpectation.Marks()
        try xlsx(path, author: "Fundacja Przystań") { writer in
            let ws = try writer.addSheet(sheetName)
            let last = dates.count + 2
            try ws.merge(
                firstRow: 0, firstCol: 0, lastRow: 0, lastCol: last, text: "Projekt „Razem w Lublinie”", style: .title)
            try ws.merge(
                firstRow: 1, firstCol: 0, lastRow: 1, lastCol: last,
                text: "Projekt współfinansowany ze środków Funduszu Pracy", style: .note)
            try ws.write("Kurs:", row: 2, col: 0, style: .bold)
            try ws.write("Język polski dla cudzoziemców", row: 2, col: 1)
            try ws.merge(firstRow: 3, firstCol: 0, lastRow: 3, lastCol: 2, text: "Grupa: PL-A1", style: .bold)
            try ws.write("Prowadząca:", row: 4, col: 0, style: .bold)
            try ws.write("mgr Ewa Lektorska", row: 4, col: 1)
            let header = 6
            try ws.write("Lp.", row: header, col: 0, style: .header)
            try ws.write("Imię i nazwisko", row: header, col: 1, style: .header)
            for (c, d) in dates.enumerated() {
                try ws.write(d, row: header, col: c + 2, style: XLSXStyle.header.formatted(.date))
            }
            try ws.write("Podpis", row: header, col: last, style: .header)
            ledger.header(row: header + 1, sheet: sheetName)
            let fixed: [[String]] = [
                ["x", "+", "1", "v", "✓", "obecny", "ob.", "zdalnie"],
                ["", "-", "0", "nb", "nieobecny", "usp.", "L4", "x"],
                ["x", "x", "-", "x", "sp.", "x", "usp.", "x"],
            ]
            var r = header
            for (i, entry) in roster.enumerated() {
                r += 1
                let name = i % 2 == 0 ? "\(entry.first) \(entry.last.uppercased())" : "\(entry.last) \(entry.first)"
                let row =
                    i < fixed.count
                    ? fixed[i] : marks(dates.count, from: ["x", "x", "+", "ob.", "nb", "-", ""], allPresent: false)
                try ws.write(Double(i + 1), row: r, col: 0)
                try ws.write(name, row: r, col: 1)
                for (c, mark) in row.enumerated() { try ws.write(Self.markCell(mark).cellValue, row: r, col: c + 2) }
                let unknown = count(row, into: &counts)
                ledger.loaded(row: r + 1, sheet: sheetName, warnings: unknown.map { _ in "unknown-mark" })
            }
            r += 1
            try ws.write(Double(roster.count + 1), row: r, col: 0)
            try ws.write("Taras HONCHARENKO", row: r, col: 1)
            for c in [0, 2, 3] { try ws.write("x", row: r, col: c + 2) }
            ledger.rejected(row: r + 1, sheet: sheetName, code: "unmatched-attendance")
        }
        ledger.marks(counts)
        record(
            FixtureSource(
                id: "przystan-attendance-pl-a1", partner: "przystan", kind: "attendance", activity: "polish_course",
                file: path, comment: "The leader's attendance workbook; two marks of its own added to the vocabulary.",
                columns: [("full_name", ["Imię i nazwisko"])], title: [("group", "Grupa")],
                marks: [("present", ["zdalnie"]), ("excused", ["L4"])]),
            ledger)
    }

    // MARK: "Zajęcia 1"… with a row of dates under the header; Cyrillic roll, names here in Polish spelling

    private func attendanceNumberedSessions() throws {
        let path = "nadija/obecnosci-W-1.xlsx"
        let sheetName = "Warsztaty"
        let ledger = FixtureLedger(
            path: path, source: "nadija-attendance-w1",
            exercises: "XLSX with numbered sessions (`Zajęcia 1`…) and their dates in the row under the header, "
                + "`Grupa` and `W-1` in neighbouring cells; names in Cyrillic or in Polish spelling while the roll "
                + "has them in Cyrillic; marks `✓`, `ob.`, blank")
        let roster = rosters["W-1"]!
        let dates = sessions(from: LocalDate(year: 2023, month: 4, day: 4)!, count: 6, days: [0])
        var counts = FixtureExpectation.Marks()
        try xlsx(path, author: "Stowarzyszenie Nadija") { writer in
            let ws = try writer.addSheet(sheetName)
            try ws.write("Warsztaty integracyjne — lista obecności", row: 0, col: 0, style: .title)
            try ws.write("Grupa", row: 1, col: 0, style: .bold)
            try ws.write("W-1", row: 1, col: 1)
            try ws.write("Prowadzący", row: 2, col: 0, style: .bold)
            try ws.write("zespół Stowarzyszenia Nadija", row: 2, col: 1)
            let header = 4
            try ws.write("Lp.", row: header, col: 0, style: .header)
            try ws.write("Imię i nazwisko", row: header, col: 1, style: .header)
            for (c, d) in dates.enumerated() {
                try ws.write("Zajęcia \(c + 1)", row: header, col: c + 2, style: .header)
                try ws.write(d, row: header + 1, col: c + 2)
            }
            try ws.write("Podpis", row: header, col: dates.count + 2, style: .header)
            ledger.header(row: header + 1, sheet: sheetName)
            for (i, entry) in roster.enumerated() {
                let r = header + 2 + i
                let name =
                    i < 3
                    ? "\(entry.last) \(entry.first)"
                    : "\(entry.person.first.polish) \(entry.person.last.polish.uppercased())"
                let row = marks(dates.count, from: ["✓", "✓", "ob.", ""], allPresent: i == 0).map {
                    $0 == "x" ? "✓" : $0
                }
                try ws.write(Double(i + 1), row: r, col: 0)
                try ws.write(name, row: r, col: 1)
                for (c, mark) in row.enumerated() { try ws.write(Self.markCell(mark).cellValue, row: r, col: c + 2) }
                _ = count(row, into: &counts)
                ledger.loaded(row: r + 1, sheet: sheetName)
            }
        }
        ledger.marks(counts)
        record(
            FixtureSource(
                id: "nadija-attendance-w1", partner: "nadija", kind: "attendance", activity: "integration_workshop",
                file: path, comment: "Numbered sessions: the dates are in the row under the header.",
                columns: [("full_name", ["Imię i nazwisko"])], title: [("group", "Grupa")]),
            ledger)
    }

    // MARK: Sheets chosen by a pattern, a hidden row

    private func attendanceSheetsByPattern() throws {
        let path = "przystan/obecnosci-PL-A2.xlsx"
        let ledger = FixtureLedger(
            path: path, source: "przystan-attendance-pl-a2",
            exercises: "XLSX with one sheet per month chosen by `sheets: [Obecności*]` (an `Instrukcja` sheet is "
                + "not read), session dates as text `07.03.2023`, names `NAZWISKO Imię`, header `Nazwisko i imię` "
                + "as a second accepted text; a hidden data row (`hidden-rows`, read like the others)")
        let roster = rosters["PL-A2"]!
        var instructions = FixtureSheet("Instrukcja")
        instructions[1] = ["Wpisz x przy obecności, nb przy nieobecności."]
        instructions[2] = ["Jeden arkusz na miesiąc: Obecności 03, Obecności 04."]
        var sheets = [instructions]
        var counts = FixtureExpectation.Marks()
        let months = [
            ("Obecności 03", sessions(from: LocalDate(year: 2023, month: 3, day: 7)!, count: 4, days: [0, 2])),
            ("Obecności 04", sessions(from: LocalDate(year: 2023, month: 4, day: 4)!, count: 4, days: [0, 2])),
        ]
        for (name, dates) in months {
            var sheet = FixtureSheet(name)
            sheet[1] = ["Lista obecności — kurs języka polskiego"]
            sheet[2] = ["Grupa", "PL-A2"]
            sheet[4] = ["Lp.", "Nazwisko i imię"] + dates.map { .text($0.polish) } + ["Podpis"]
            sheet.merges = ["A1:F1"]
            ledger.header(row: 4, sheet: name)
            for (i, entry) in roster.enumerated() {
                let r = 5 + i
                let row = marks(dates.count, from: ["x", "x", "+", "nb", ""], allPresent: i == 0)
                sheet[r] = [.number(Double(i + 1)), .text("\(entry.last) \(entry.first)")] + row.map(Self.markCell)
                _ = count(row, into: &counts)
                ledger.loaded(row: r, sheet: name)
            }
            if name == "Obecności 04" {
                sheet.hiddenRows = [8]
                ledger.warning("hidden-rows", row: 8, sheet: name)
            }
            sheets.append(sheet)
        }
        try save(FixtureWorkbook(sheets: sheets).bytes(), to: path)
        ledger.marks(counts)
        record(
            FixtureSource(
                id: "przystan-attendance-pl-a2", partner: "przystan", kind: "attendance", activity: "polish_course",
                file: path, comment: "Only the monthly sheets, chosen by a pattern.", sheets: ["Obecności*"],
                columns: [("full_name", ["Imię i nazwisko", "Nazwisko i imię"])], title: [("group", "Grupa")]),
            ledger)
    }

    // MARK: All visible sheets; a hidden one skipped; serial-number and ISO-text headers; an empty row

    private func attendanceAllVisibleSheets() throws {
        let path = "nadija/obecnosci-W-2.xlsx"
        let ledger = FixtureLedger(
            path: path, source: "nadija-attendance-w2",
            exercises: "XLSX read sheet by sheet (no `sheets:`): `Marzec` has session dates as plain Excel serial "
                + "numbers, `Kwiecień` as ISO text and an empty row between two people (blank 1); the hidden sheet "
                + "`Stara lista` (no header) is skipped with `hidden-sheet`; marks `x`, `nb`, `usp.`, blank")
        let roster = rosters["W-2"]!
        var counts = FixtureExpectation.Marks()
        var sheets: [FixtureSheet] = []
        let months = [
            ("Marzec", sessions(from: LocalDate(year: 2023, month: 3, day: 7)!, count: 4, days: [0])),
            ("Kwiecień", sessions(from: LocalDate(year: 2023, month: 4, day: 4)!, count: 4, days: [0])),
        ]
        for (name, dates) in months {
            var sheet = FixtureSheet(name)
            sheet[1] = ["Grupa: W-2"]
            let headings: [FixtureCell] =
                name == "Marzec" ? dates.map { .number(Double($0.excelSerial)) } : dates.map { .text($0.iso) }
            sheet[3] = ["Lp.", "Imię i nazwisko"] + headings
            ledger.header(row: 3, sheet: name)
            var r = 3
            for (i, entry) in roster.enumerated() {
                r += 1
                if name == "Kwiecień" && i == 2 {
                    ledger.blank(row: r, sheet: name)
                    r += 1
                }
                let row = marks(dates.count, from: ["x", "x", "nb", "usp.", ""], allPresent: i == 0)
                sheet[r] = [.number(Double(i + 1)), .text("\(entry.first) \(entry.last)")] + row.map(Self.markCell)
                _ = count(row, into: &counts)
                ledger.loaded(row: r, sheet: name)
            }
            sheets.append(sheet)
        }
        var old = FixtureSheet("Stara lista", hidden: true)
        old[1] = ["Notatki z naboru — nie używać"]
        old[2] = ["lista przeniesiona do arkuszy miesięcznych"]
        sheets.insert(old, at: 1)
        ledger.warning("hidden-sheet", row: nil, sheet: old.name)
        try save(FixtureWorkbook(sheets: sheets).bytes(), to: path)
        ledger.marks(counts)
        record(
            FixtureSource(
                id: "nadija-attendance-w2", partner: "nadija", kind: "attendance", activity: "integration_workshop",
                file: path, comment: "Every visible sheet; the hidden one is left alone.",
                columns: [("full_name", ["Imię i nazwisko"])], title: [("group", "Grupa")]),
            ledger)
    }

    // MARK: A hidden sheet named in `sheets:` is read

    private func attendanceHiddenSheetNamed() throws {
        let path = "przystan/obecnosci-PL-B1.xlsx"
        let sheetName = "Obecności"
        let ledger = FixtureLedger(
            path: path, source: "przystan-attendance-pl-b1",
            exercises: "XLSX whose attendance is on a hidden sheet named in `sheets:` (read), next to a visible "
                + "note sheet (not named, not read); date-cell headers, the first session before the project "
                + "(`date-outside-period` on the header); marks `x`, `-`, blank")
        let roster = rosters["PL-B1"]!
        // The group started in the previous edition of the project.
        let dates =
            [LocalDate(year: 2022, month: 12, day: 19)!]
            + sessions(from: LocalDate(year: 2023, month: 3, day: 6)!, count: 4, days: [0])
        var counts = FixtureExpectation.Marks()
        var note = FixtureSheet("Arkusz1")
        note[1] = ["Lista obecności jest w arkuszu „Obecności”."]
        var sheet = FixtureSheet(sheetName, hidden: true)
        sheet[1] = ["Grupa: PL-B1"]
        sheet[3] = ["Lp.", "Imię i nazwisko"] + dates.map(FixtureCell.date)
        ledger.header(row: 3, sheet: sheetName)
        ledger.warning("date-outside-period", row: 3, sheet: sheetName)
        for (i, entry) in roster.enumerated() {
            let r = 4 + i
            let row = marks(dates.count, from: ["x", "x", "-", ""], allPresent: i == 0)
            sheet[r] = [.number(Double(i + 1)), .text("\(entry.first) \(entry.last)")] + row.map(Self.markCell)
            _ = count(row, into: &counts)
            ledger.loaded(row: r, sheet: sheetName)
        }
        try save(FixtureWorkbook(sheets: [note, sheet]).bytes(), to: path)
        ledger.marks(counts)
        record(
            FixtureSource(
                id: "przystan-attendance-pl-b1", partner: "przystan", kind: "attendance", activity: "polish_course",
                file: path, comment: "The sheet is hidden in Excel; naming it reads it.", sheets: [sheetName],
                columns: [("full_name", ["Imię i nazwisko"])], title: [("group", "Grupa")]),
            ledger)
    }
}

extension FixtureCell {
    /// The cell for `XLSXSheet.write(_:row:col:)`.
    var cellValue: CellValue {
        switch self {
        case .empty: return .empty
        case .text(let s): return .string(s)
        case .number(let n): return .number(n)
        case .date(let d): return .date(d)
        }
    }
}
