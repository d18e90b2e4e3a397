import Foundation
import IntegraCore
import IntegraReports

/// The course files of a programme's partners: rolls and attendance workbooks in the layouts of ``ProgramGenerator``.
extension ProgramGenerator {
    static let monthsGenitive = [
        "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października",
        "listopada", "grudnia",
    ]
    static let months = [
        "styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień", "wrzesień", "październik",
        "listopad", "grudzień",
    ]

    /// What every writer needs: where to write and who the persons are.
    struct FileContext {
        var folder: URL
        var name: String
        var persons: [Person]
    }

    /// A stray quote is written by putting this marker in a cell and replacing it in the file's bytes with `"`
    /// (the table writer would quote a real one).
    static let strayQuoteMarker = "QQSTRAYQUOTEQQ"

    /// One roll table: a CSV file, or a sheet of a workbook whose header is on `headerRow` (1-based).
    struct RollTable {
        var path: String
        var sheet: String?
        var headerRow: Int
        var groups: [Group]
        var groupColumn: Bool
        /// The partner's first table: it ends with the broken rows.
        var first: Bool
    }

    /// The rolls and the attendance workbooks of one partner; returns the paths written.
    func writeCourseFiles(
        partner: Partner, groups: [Group], context: inout FileContext, names: inout ProgramNames,
        rng: inout SeededGenerator, truth: inout TruthBuilder
    ) throws -> [String] {
        guard !groups.isEmpty else { return [] }
        let base = "\(context.name)/\(partner.id)"
        let byYear = Dictionary(grouping: groups, by: { $0.dates[0].year })
        // A CSV file per year, or a workbook with a sheet per year.
        func perYear(_ path: (Int) -> String, sheets: Bool) -> [RollTable] {
            byYear.keys.sorted().map {
                RollTable(
                    path: path($0), sheet: sheets ? String($0) : nil, headerRow: sheets ? 4 : 1, groups: byYear[$0]!,
                    groupColumn: true, first: false)
            }
        }
        var tables: [RollTable]
        switch partner.layout {
        case .languageCSV: tables = perYear({ "\(base)/lista-uczestnikow-\($0).csv" }, sheets: false)
        case .workshopCSV: tables = perYear({ "\(base)/uczestnicy-warsztatow-\($0).csv" }, sheets: false)
        case .workshopXLSX: tables = perYear({ _ in "\(base)/uczestnicy-warsztatow.xlsx" }, sheets: true)
        case .fileNameGroups:
            tables = groups.map {
                RollTable(
                    path: "\(base)/kurs_\($0.id)_lista.csv", sheet: nil, headerRow: 1, groups: [$0],
                    groupColumn: false, first: false)
            }
        }
        tables[0].first = true
        // How this partner's roll spells each person, which its attendance sheets start from.
        var spelling: [Int: (first: String, last: String)] = [:]
        var written: [String] = []
        var workbookSheets: [(name: String, rows: [[CSVField]])] = []
        for table in tables {
            let rows = rollRows(
                table, partner: partner, spelling: &spelling, context: context, names: &names, rng: &rng,
                truth: &truth)
            if table.sheet == nil {
                try writeCSVRoll(rows, partner: partner, path: table.path, folder: context.folder)
                written.append(table.path)
            } else {
                workbookSheets.append((table.sheet!, rows))
            }
        }
        if !workbookSheets.isEmpty {
            let path = tables[0].path
            try writeXLSXRoll(workbookSheets, to: context.folder.appendingPathComponent(path))
            written.append(path)
        }
        for group in groups {
            truth.course(
                "\(partner.id)/\(group.id)", partner: partner.id, activity: Self.activity(partner), dates: group.dates,
                attended: group.attended)
        }
        written += try writeAttendance(
            partner: partner, groups: groups, spelling: spelling, context: context, names: &names, rng: &rng,
            truth: &truth)
        return written
    }

    static func activity(_ partner: Partner) -> String {
        partner.course == .language ? "polish_course" : "integration_workshop"
    }

    // MARK: Rolls

    /// The header and rows of one roll table, the loaded ones told to the truth; the partner's first table ends
    /// with a row without a name and, at a partner with broken rows, a row with a stray quote and a row with a
    /// missing field (of persons no other row names).
    func rollRows(
        _ table: RollTable, partner: Partner, spelling: inout [Int: (first: String, last: String)],
        context: FileContext, names: inout ProgramNames, rng: inout SeededGenerator, truth: inout TruthBuilder
    ) -> [[CSVField]] {
        let language = partner.course == .language
        let activity = Self.activity(partner)
        let threshold = DemoGenerator.activities[activity]!.completionThreshold
        var header: [CSVField] =
            language
            ? [
                "Lp.", "Nazwisko", "Imię", "Data urodzenia", "PESEL", "Obywatelstwo", "Płeć", "Grupa",
                "Data rozpoczęcia", "Data zakończenia", "Poziom wejściowy", "Poziom końcowy", "Data przyjazdu",
                "Status UKR",
            ]
            : [
                "№", "Прізвище", "Ім'я", "Дата народження", "PESEL", "Громадянство", "Стать", "Група", "Дата початку",
                "Дата прибуття", "Статус UKR",
            ]
        let groupColumn = 7
        if !table.groupColumn { header.remove(at: groupColumn) }
        var rows: [[CSVField]] = [header]
        let missingFirst = conditions.contains(.brokenRows) ? 0.01 : 0
        func key(_ row: Int) -> String {
            [table.path, table.sheet, String(row + table.headerRow - 1)].compactMap { $0 }.joined(separator: "#")
        }
        for group in table.groups {
            let lastHeld = group.dates[group.held.last!]
            for i in group.members {
                let p = context.persons[i]
                let arrival = rng.chance(0.65) ? p.arrival : nil
                let sex = p.female ? "K" : "M"
                let written = spelling[i] ?? names.roll(p, latin: language)
                spelling[i] = written
                let first: CSVField = rng.chance(missingFirst) ? .empty : .text(written.first)
                var row: [CSVField]
                let start: LocalDate
                var end: LocalDate?
                var levelIn: String?
                var levelOut: String?
                let status: String
                if language {
                    let citizenship = [
                        "UKR": rng.pick(["Ukraina", "ukraińskie", "UKR"]), "BLR": "Białoruś", "GEO": "Gruzja",
                        "RUS": "Rosja", "VNM": "Wietnam", "IND": "Indie",
                    ][p.citizenship]!
                    let completes = group.completes(i, threshold: threshold)
                    levelIn = rng.chance(0.8) ? group.level! : rng.pick(["A0", "A1", "A2", "B1"])
                    if completes {
                        let order = TruthBuilder.cefrOrder
                        levelOut =
                            order[
                                min(order.firstIndex(of: levelIn!)! + rng.pick([0, 1, 1, 2]), order.count - 1)]
                    } else {
                        levelOut = rng.chance(0.6) ? nil : levelIn
                    }
                    end = completes ? lastHeld : nil
                    start = group.dates[0]
                    status = p.ukrStatus ? (rng.chance(0.7) ? rng.pick(["tak", "Tak", "UKR"]) : "") : ""
                    row = [
                        .number(Double(rows.count)),
                        .text(rng.chance(0.3) ? written.last.uppercased() : written.last), first,
                        .text(p.birth.polish), p.pesel.map { .text($0) } ?? .empty, .text(citizenship), .text(sex),
                        .text(group.id), .text(start.polish), end.map { .text($0.polish) } ?? .empty,
                        .text(levelIn!), levelOut.map { .text($0) } ?? .empty,
                        arrival.map { .text($0.polish) } ?? .empty, .text(status),
                    ]
                } else {
                    start = group.dates[0].adding(days: -7)
                    let citizenship = [
                        "UKR": rng.pick(["Україна", "Україна", "UA"]), "BLR": "Білорусь", "GEO": "Грузія",
                        "RUS": "Росія", "VNM": "В'єтнам", "IND": "Індія",
                    ][p.citizenship]!
                    status = p.ukrStatus && rng.chance(0.6) ? rng.pick(["✓", "UKR", "1"]) : ""
                    row = [
                        .number(Double(rows.count)), .text(written.last), first, .text(p.birth.iso),
                        p.pesel.map { .text($0) } ?? .empty, .text(citizenship), .text(p.female ? "ж" : "ч"),
                        .text(group.id), .text(start.polish), arrival.map { .text($0.iso) } ?? .empty, .text(status),
                    ]
                }
                if !table.groupColumn { row.remove(at: groupColumn) }
                rows.append(row)
                truth.roll(
                    .init(path: table.path, row: rows.count + table.headerRow - 1), person: i, partner: partner.id,
                    activity: activity, course: "\(partner.id)/\(group.id)", start: start, end: end,
                    levelIn: levelIn, levelOut: levelOut,
                    stated: .init(
                        sex: sex, birth: p.birth, citizenship: p.citizenship, arrival: arrival, ukrStatus: status))
                truth.identity(key(rows.count), person: i)
            }
        }
        var rejected = 0
        if table.first {
            // A row with no name: rejected (missing-value).
            var broken = [CSVField](repeating: .empty, count: header.count)
            broken[0] = .number(Double(rows.count))
            broken[3] = "12.05.1990"
            rows.append(broken)
            rejected += 1
            if partner.broken && table.sheet == nil {
                // Persons whose only row is damaged: a stray quote (language rolls) and a missing field.
                let ghost = rows[1]
                if language {
                    var stray = ghost
                    stray[0] = .number(Double(rows.count))
                    stray[1] = .text(Self.strayQuoteMarker + ghostSurname(&names, female: rng.chance(0.5)))
                    stray[4] = .empty
                    rows.append(stray)
                    rejected += 1
                }
                var short = ghost
                short[0] = .number(Double(rows.count))
                short[1] = .text(ghostSurname(&names, female: rng.chance(0.5)))
                short[4] = .empty
                short.removeLast(2)
                rows.append(short)
                rejected += 1
            }
        }
        truth.file(table.path, read: rows.count - 1, rejected: rejected)
        return rows
    }

    /// A surname for a row of a person whom no loaded row names.
    func ghostSurname(_ names: inout ProgramNames, female: Bool) -> String {
        let link = SyntheticLinkPerson(
            id: -1, nationality: .ukrainian, female: female, name: names.draw(.ukrainian, female: female),
            birth: Self.periodStart, pesel: nil, phones: [], householdPhone: nil, email: nil, householdEmail: nil,
            passport: nil, relations: [], isChild: false)
        return names.state.render(link, form: .ukrainianPassport).1
    }

    func writeCSVRoll(_ rows: [[CSVField]], partner: Partner, path: String, folder: URL) throws {
        let writer =
            partner.course == .language
            ? CSVTableWriter(delimiter: ";", encoding: .windows1250, decimalSeparator: ",").verbatim()
            : CSVTableWriter(delimiter: ",", encoding: .utf8BOM, decimalSeparator: ".").verbatim()
        try Self.withStrayQuotes(writer.encode(rows)).write(to: folder.appendingPathComponent(path))
    }

    /// The bytes with every stray-quote marker replaced by a lone `"`.
    static func withStrayQuotes(_ data: Data) -> Data {
        let marker = Data(strayQuoteMarker.utf8)
        guard data.range(of: marker) != nil else { return data }
        var result = Data()
        var rest = data[...]
        while let r = rest.range(of: marker) {
            result.append(rest[rest.startIndex..<r.lowerBound])
            result.append(UInt8(ascii: "\""))
            rest = rest[r.upperBound...]
        }
        result.append(rest)
        return result
    }

    /// A workbook with a sheet per year: a title block of three rows above the header.
    func writeXLSXRoll(_ sheets: [(name: String, rows: [[CSVField]])], to url: URL) throws {
        let writer = try XLSXWriter(
            path: url.path,
            properties: XLSXDocumentProperties(
                created: Self.periodEnd, title: "Uczestnicy warsztatów", author: "Integra synth"))
        for sheet in sheets {
            let ws = try writer.addSheet(sheet.name)
            try ws.write("Warsztaty integracyjne — список учасників \(sheet.name)", row: 0, col: 0, style: .title)
            try ws.write("Projekt „Razem w regionie”", row: 1, col: 0, style: .note)
            for (r, row) in sheet.rows.enumerated() {
                for (c, field) in row.enumerated() {
                    switch field {
                    case .empty: continue
                    case .text(let s): try ws.write(s, row: r + 3, col: c, style: r == 0 ? .header : .text)
                    case .number(let d): try ws.write(d, row: r + 3, col: c)
                    case .date(let d): try ws.write(d, row: r + 3, col: c)
                    }
                }
            }
        }
        try writer.close()
    }

    // MARK: Attendance

    /// The attendance workbooks: per quarter of course starts (classic layouts) or per group (groups in file
    /// names); names as ``ProgramNames/attendance(_:roll:variants:)`` writes them, footer lines under the tables.
    func writeAttendance(
        partner: Partner, groups: [Group], spelling: [Int: (first: String, last: String)], context: FileContext,
        names: inout ProgramNames, rng: inout SeededGenerator, truth: inout TruthBuilder
    ) throws -> [String] {
        let variants = conditions.contains(.attendanceVariants)
        var written: [String] = []
        // One spelling per member and group: the teacher writes the list once.
        func cells(_ group: Group) -> [Int: String] {
            var result: [Int: String] = [:]
            for m in group.members {
                result[m] = names.attendance(context.persons[m], roll: spelling[m]!, variants: variants)
            }
            return result
        }
        let base = "\(context.name)/\(partner.id)"
        if partner.layout == .fileNameGroups {
            for group in groups {
                let path = "\(base)/kurs_\(group.id)_obecnosci.xlsx"
                let read = try writeMonthlyAttendance(
                    to: context.folder.appendingPathComponent(path), groups: [group], names: [group.id: cells(group)],
                    titled: true, rng: &rng)
                truth.file(path, read: read, rejected: 0)
                written.append(path)
            }
            return written
        }
        let byQuarter = Dictionary(grouping: groups, by: { "\($0.dates[0].year)Q\($0.dates[0].quarter)" })
        for quarter in byQuarter.keys.sorted() {
            let path = "\(base)/obecnosci-\(quarter).xlsx"
            let url = context.folder.appendingPathComponent(path)
            var spelled: [String: [Int: String]] = [:]
            for g in byQuarter[quarter]! { spelled[g.id] = cells(g) }
            let read =
                partner.course == .language
                ? try writeMonthlyAttendance(
                    to: url, groups: byQuarter[quarter]!, names: spelled, titled: false, rng: &rng)
                : try writeWorkshopAttendance(to: url, groups: byQuarter[quarter]!, names: spelled)
            truth.file(path, read: read, rejected: 0)
            written.append(path)
        }
        return written
    }

    /// Footer lines two rows under a table (with ``Conditions/attendanceVariants``).
    func writeFooter(_ ws: XLSXSheet, after row: Int, rng: inout SeededGenerator) throws {
        guard conditions.contains(.attendanceVariants) else { return }
        try ws.write("Podpis prowadzącego: ……………………", row: row + 2, col: rng.chance(0.5) ? 0 : 1)
        try ws.write("Sporządził: \(rng.pick(["A. Nowak", "J. Kowalska", "M. Zielińska"]))", row: row + 3, col: 1)
    }

    /// With ``Conditions/totals``: each member's present marks in the column after the sessions (its header
    /// written by the caller) and a "Razem" row under the table with each session's; returns the table's last row.
    func writeTotals(_ ws: XLSXSheet, group: Group, sessions: [Int], after row: Int) throws -> Int {
        guard conditions.contains(.totals) else { return row }
        let column = sessions.count + 2
        for (k, m) in group.members.enumerated() {
            let present = sessions.filter { group.attended[m]![$0] }.count
            try ws.write(Double(present), row: row - group.members.count + 1 + k, col: column)
        }
        try ws.write("Razem", row: row + 1, col: 1, style: .bold)
        for (c, i) in sessions.enumerated() {
            try ws.write(Double(group.members.filter { group.attended[$0]![i] }.count), row: row + 1, col: c + 2)
        }
        return row + 1
    }

    /// One sheet per group and month, session dates as date cells. Titled (groups in file names): the sheet is named
    /// after the month and the group is only in the title sentence; otherwise a title block with `Grupa: …`.
    func writeMonthlyAttendance(
        to url: URL, groups: [Group], names: [String: [Int: String]], titled: Bool, rng: inout SeededGenerator
    ) throws -> Int {
        let writer = try XLSXWriter(
            path: url.path,
            properties: XLSXDocumentProperties(
                created: groups.map { $0.dates.last! }.max()!, title: "Listy obecności", author: "Integra synth"))
        var read = 0
        for group in groups {
            let dates = group.dates
            let byMonth = Dictionary(grouping: dates.indices, by: { dates[$0].year * 100 + dates[$0].month })
            for month in byMonth.keys.sorted() {
                let idx = byMonth[month]!.sorted()
                let monthName = "\(Self.months[month % 100 - 1]) \(month / 100)"
                let header: Int
                let ws: XLSXSheet
                if titled {
                    ws = try writer.addSheet(monthName)
                    try ws.merge(
                        firstRow: 0, firstCol: 0, lastRow: 0, lastCol: idx.count + 2,
                        text: "Lista obecności – kurs języka polskiego, grupa \(group.id)", style: .title)
                    try ws.write("Miesiąc: \(monthName)", row: 1, col: 0, style: .bold)
                    header = 3
                } else {
                    ws = try writer.addSheet("\(group.id) \(Self.months[month % 100 - 1])")
                    try ws.merge(
                        firstRow: 0, firstCol: 0, lastRow: 0, lastCol: idx.count + 2,
                        text: "Program „Razem w regionie”", style: .title)
                    try ws.merge(
                        firstRow: 1, firstCol: 0, lastRow: 1, lastCol: idx.count + 2,
                        text: "Projekt współfinansowany ze środków Funduszu Pracy", style: .note)
                    try ws.write("Kurs:", row: 3, col: 0, style: .bold)
                    try ws.write("Język polski dla cudzoziemców", row: 3, col: 1)
                    try ws.write("Grupa: \(group.id)", row: 4, col: 0, style: .bold)
                    try ws.write("Miesiąc: \(monthName)", row: 5, col: 0, style: .bold)
                    header = 7
                }
                try ws.write("Lp.", row: header, col: 0, style: .header)
                try ws.write("Imię i nazwisko", row: header, col: 1, style: .header)
                for (c, i) in idx.enumerated() {
                    if conditions.contains(.yearlessDates) {
                        let d = dates[i]
                        let text = [
                            "\(d.day).\(String(format: "%02d", d.month))", "\(d.day).\(String(format: "%02d", d.month)).",
                            "\(d.day) \(Self.monthsGenitive[d.month - 1])",
                        ][month % 3]
                        try ws.write(text, row: header, col: c + 2, style: .header)
                    } else {
                        try ws.write(dates[i], row: header, col: c + 2, style: XLSXStyle.header.formatted(.date))
                    }
                }
                let totals = conditions.contains(.totals)
                if totals { try ws.write("Razem obecności", row: header, col: idx.count + 2, style: .header) }
                try ws.write("Podpis", row: header, col: idx.count + (totals ? 3 : 2), style: .header)
                var r = header
                for m in group.members {
                    r += 1
                    read += 1
                    try ws.write(Double(r - header), row: r, col: 0)
                    try ws.write(names[group.id]![m]!, row: r, col: 1)
                    for (c, i) in idx.enumerated() {
                        if group.attended[m]![i] {
                            try ws.write(rng.pick(["x", "x", "+", "ob."]), row: r, col: c + 2)
                        } else {
                            try ws.write(rng.pick(["nb", "-", "usp."]), row: r, col: c + 2)
                        }
                    }
                }
                r = try writeTotals(ws, group: group, sessions: idx, after: r)
                try writeFooter(ws, after: r, rng: &rng)
            }
        }
        try writer.close()
        return read
    }

    /// Label and value in two cells (`Grupa` | `2024Q1-W-a`), session dates as text, the mark `✓`; a sheet per group.
    func writeWorkshopAttendance(to url: URL, groups: [Group], names: [String: [Int: String]]) throws -> Int {
        let writer = try XLSXWriter(
            path: url.path,
            properties: XLSXDocumentProperties(
                created: groups.map { $0.dates.last! }.max()!, title: "Obecności warsztaty", author: "Integra synth"))
        var read = 0
        var rng = SeededGenerator(seed: UInt64(groups.count))
        for group in groups {
            let ws = try writer.addSheet("Grupa \(group.id)")
            try ws.write("Warsztaty integracyjne — lista obecności", row: 0, col: 0, style: .title)
            try ws.write("Grupa", row: 1, col: 0, style: .bold)
            try ws.write(group.id, row: 1, col: 1)
            let header = 3
            try ws.write("Lp.", row: header, col: 0, style: .header)
            try ws.write("Imię i nazwisko", row: header, col: 1, style: .header)
            for (c, d) in group.dates.enumerated() { try ws.write(d.iso, row: header, col: c + 2, style: .header) }
            if conditions.contains(.totals) {
                try ws.write("Razem obecności", row: header, col: group.dates.count + 2, style: .header)
            }
            for (k, m) in group.members.enumerated() {
                read += 1
                try ws.write(Double(k + 1), row: header + 1 + k, col: 0)
                try ws.write(names[group.id]![m]!, row: header + 1 + k, col: 1)
                for (c, present) in group.attended[m]!.enumerated() {
                    try ws.write(present ? "✓" : "-", row: header + 1 + k, col: c + 2)
                }
            }
            let last = try writeTotals(
                ws, group: group, sessions: Array(group.dates.indices), after: header + group.members.count)
            try writeFooter(ws, after: last, rng: &rng)
        }
        try writer.close()
        return read
    }
}
