import Foundation
import IntegraCore
import IntegraReports

/// Writes the demo project: three partners' files in their real formats, the project file and `truth.json`.
///
/// - Fundacja Przystań (leader): a Polish-course roll as Windows-1250 CSV with `;` and names in Latin letters
///   (passport or Polish spelling), and per group an XLSX attendance workbook, one sheet per month, with a title
///   block, merged cells and one date column per session.
/// - Stowarzyszenie Nadija: an integration-workshop roll as UTF-8 CSV with Ukrainian headers and names in Cyrillic,
///   and an XLSX attendance sheet whose session dates are text.
/// - Centrum Wsparcia Cudzoziemców: an information-point consultation log as UTF-8 CSV, names typed by hand,
///   anonymous consultations left without a name.
///
/// Some persons are at two or three partners, in Cyrillic at one and in Latin at another. A few rows are broken on
/// purpose (no name, an impossible date, a name not on the roll): the truth says they are rejected.
public struct DemoGenerator {
    let seed: UInt64

    public init(seed: UInt64) { self.seed = seed }

    static let periodStart = LocalDate(year: 2023, month: 1, day: 1)!
    static let periodEnd = LocalDate(year: 2023, month: 12, day: 31)!

    /// Writes `<folder>/<name>.yml` and `<folder>/<name>/…`; returns the paths written, relative to `folder`.
    public func write(into folder: URL, name: String) throws -> [String] {
        var rng = SeededGenerator(seed: seed)
        let persons = makePersons(60, rng: &rng)
        var truth = TruthBuilder(periodStart: Self.periodStart, periodEnd: Self.periodEnd)
        let data = folder.appendingPathComponent(name, isDirectory: true)
        for sub in ["przystan", "nadija", "centrum"] {
            try FileManager.default.createDirectory(at: data.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        var written: [String] = []

        // Who is where: 0..<30 at Przystań, 22..<42 at Nadija (8 at both), consultations for 36..<52 and a few
        // from the courses; 52..<60 never appear (the generator's spare persons).
        let przystanA1 = Array(0..<16), przystanA2 = Array(16..<30)
        let nadijaW1 = Array(22..<32), nadijaW2 = Array(32..<42)

        // Fundacja Przystań: roll (CP1250 CSV) + attendance (XLSX per group).
        let a1Sessions = sessions(from: LocalDate(year: 2023, month: 2, day: 6)!, count: 16, weekdays: [0, 3])
        let a2Sessions = sessions(from: LocalDate(year: 2023, month: 9, day: 4)!, count: 16, weekdays: [0, 3])
        var rollRows: [[CSVField]] = [[
            "Lp.", "Nazwisko", "Imię", "Data urodzenia", "PESEL", "Obywatelstwo", "Płeć", "Grupa", "Data rozpoczęcia",
            "Data zakończenia", "Poziom wejściowy", "Poziom końcowy",
        ]]
        let rollPath = "\(name)/przystan/lista-uczestnikow-2023.csv"
        var rollRow = 1
        var przystanSpelling: [Int: (first: String, last: String)] = [:]
        for (group, members, sessionDates) in [("PL-A1", przystanA1, a1Sessions), ("PL-A2", przystanA2, a2Sessions)] {
            for i in members {
                let p = persons[i]
                let polish = rng.chance(0.5)
                let first = polish ? p.first.polish : p.first.passport
                let last = polish ? p.last.polish : p.last.passport
                przystanSpelling[i] = (first, last)
                rollRow += 1
                let citizenship = ["UKR": rng.pick(["Ukraina", "ukraińskie", "UKR"]), "BLR": "Białoruś", "GEO": "Gruzja"][p.citizenship]!
                let levelIn = rng.pick(["A1", "A1", "A2"])
                rollRows.append([
                    .number(Double(rollRows.count)), .text(rng.chance(0.3) ? last.uppercased() : last), .text(first),
                    .text(p.birthDate.polish), p.pesel.map { .text($0) } ?? .empty, .text(citizenship),
                    .text(p.female ? "K" : "M"), .text(group), .text(sessionDates[0].polish),
                    .text(sessionDates.last!.polish), .text(levelIn), .text(rng.pick(["A2", "A2", "B1"])),
                ])
                truth.enrol(person: i, partner: "przystan", activity: "polish_course", course: "przystan/\(group)", on: sessionDates[0], person: p)
            }
        }
        // A row with no name: rejected (missing-value).
        rollRows.append([
            .number(Double(rollRows.count)), .empty, .empty, "12.05.1990", .empty, "Ukraina", "K", "PL-A2", .text(a2Sessions[0].polish),
            .empty, .empty, .empty,
        ])
        rollRow += 1
        truth.file(rollPath, read: rollRow - 1, rejected: 1)
        try CSVTableWriter(delimiter: ";", encoding: .windows1250, decimalSeparator: ",")
            .write(rollRows, to: folder.appendingPathComponent(rollPath))
        written.append(rollPath)

        for (group, members, sessionDates) in [("PL-A1", przystanA1, a1Sessions), ("PL-A2", przystanA2, a2Sessions)] {
            let path = "\(name)/przystan/obecnosci-\(group).xlsx"
            let stray = group == "PL-A1" ? "Anna NOWAK" : nil  // not on the roll: rejected (unmatched-attendance)
            let result = try writePrzystanAttendance(
                to: folder.appendingPathComponent(path), group: group, members: members, dates: sessionDates,
                spelling: przystanSpelling, persons: persons, stray: stray, rng: &rng, truth: &truth)
            truth.file(path, read: result.read, rejected: result.rejected)
            written.append(path)
        }

        // Stowarzyszenie Nadija: roll in Cyrillic (UTF-8 CSV with BOM, comma) + one attendance workbook.
        let w1Sessions = sessions(from: LocalDate(year: 2023, month: 4, day: 4)!, count: 8, weekdays: [1])
        let w2Sessions = sessions(from: LocalDate(year: 2023, month: 10, day: 3)!, count: 8, weekdays: [1])
        let nadijaRollPath = "\(name)/nadija/uczestnicy-warsztatow.csv"
        var nadijaRows: [[CSVField]] = [["№", "Прізвище", "Ім'я", "Дата народження", "PESEL", "Громадянство", "Стать", "Група", "Дата початку"]]
        for (group, members, dates) in [("W-1", nadijaW1, w1Sessions), ("W-2", nadijaW2, w2Sessions)] {
            for i in members {
                let p = persons[i]
                // Persons also at Przystań give their PESEL at only one of the two partners half of the time, so
                // both the PESEL and the name + birth date rule are exercised.
                let pesel = przystanSpelling[i] != nil && rng.chance(0.5) ? nil : p.pesel
                let citizenship = ["UKR": rng.pick(["Україна", "Україна", "UA"]), "BLR": "Білорусь", "GEO": "Грузія"][p.citizenship]!
                nadijaRows.append([
                    .number(Double(nadijaRows.count)), .text(p.last.cyrillic), .text(p.first.cyrillic),
                    .text(p.birthDate.iso), pesel.map { .text($0) } ?? .empty, .text(citizenship),
                    .text(p.female ? "ж" : "ч"), .text(group), .text(dates[0].polish),
                ])
                truth.enrol(person: i, partner: "nadija", activity: "integration_workshop", course: "nadija/\(group)", on: dates[0], person: p)
            }
        }
        truth.file(nadijaRollPath, read: nadijaRows.count - 1, rejected: 0)
        try CSVTableWriter(delimiter: ",", encoding: .utf8BOM, decimalSeparator: ".")
            .write(nadijaRows, to: folder.appendingPathComponent(nadijaRollPath))
        written.append(nadijaRollPath)
        let nadijaAttendancePath = "\(name)/nadija/obecnosci-warsztaty.xlsx"
        let nadijaResult = try writeNadijaAttendance(
            to: folder.appendingPathComponent(nadijaAttendancePath),
            groups: [("W-1", nadijaW1, w1Sessions), ("W-2", nadijaW2, w2Sessions)], persons: persons, rng: &rng, truth: &truth)
        truth.file(nadijaAttendancePath, read: nadijaResult.read, rejected: nadijaResult.rejected)
        written.append(nadijaAttendancePath)

        // Centrum: consultation log (UTF-8 CSV, comma).
        let logPath = "\(name)/centrum/rejestr-porad-2023.csv"
        let log = writeConsultations(persons: persons, przystan: przystanA1 + przystanA2, nadija: nadijaW1 + nadijaW2, rng: &rng, truth: &truth)
        truth.file(logPath, read: log.count - 1, rejected: 1)
        try CSVTableWriter(dialect: .rfc4180).write(log, to: folder.appendingPathComponent(logPath))
        written.append(logPath)

        // Project file and truth.
        let projectPath = "\(name).yml"
        try Data(DemoProjectFile.text(name: name).utf8).write(to: folder.appendingPathComponent(projectPath))
        written.append(projectPath)
        let truthPath = "\(name)/truth.json"
        try truth.encoded().write(to: folder.appendingPathComponent(truthPath))
        written.append(truthPath)
        let readme = "\(name)/README.md"
        try Data(DemoProjectFile.readme.utf8).write(to: folder.appendingPathComponent(readme))
        written.append(readme)
        return written
    }

    // MARK: Persons

    private func makePersons(_ n: Int, rng: inout SeededGenerator) -> [SyntheticPerson] {
        var persons: [SyntheticPerson] = []
        var usedNames = Set<String>()
        while persons.count < n {
            let female = rng.chance(0.6)
            let first = rng.pick(female ? NameTables.femaleFirst : NameTables.maleFirst)
            let last = rng.pick(NameTables.surnames)
            // Distinct persons get distinct names here; namesakes are a later issue's test data.
            guard usedNames.insert(first.passport + " " + last.passport).inserted else { continue }
            let minor = rng.chance(0.08)
            let year = minor ? rng.int(2006...2008) : rng.int(1958...2003)
            let birth = LocalDate(year: year, month: rng.int(1...12), day: rng.int(1...28))!
            let citizenship = rng.chance(0.88) ? "UKR" : rng.pick(["BLR", "GEO"])
            let pesel = rng.chance(0.6) ? SyntheticPerson.makePESEL(birth: birth, female: female, serial: rng.int(0...9999)) : nil
            let arrival = LocalDate(year: 2022, month: rng.int(3...12), day: rng.int(1...28))!
            persons.append(
                SyntheticPerson(
                    index: persons.count, female: female, first: first, last: last, birthDate: birth, pesel: pesel,
                    citizenship: citizenship, arrival: arrival))
        }
        return persons
    }

    /// `count` session dates from `start` on the given weekdays (0 = the start's weekday, 3 = three days later…).
    private func sessions(from start: LocalDate, count: Int, weekdays: [Int]) -> [LocalDate] {
        var dates: [LocalDate] = []
        var week = 0
        while dates.count < count {
            for d in weekdays where dates.count < count { dates.append(start.adding(days: week * 7 + d)) }
            week += 1
        }
        return dates
    }

    // MARK: Attendance

    private func marks(for count: Int, diligence: Double, rng: inout SeededGenerator) -> [Bool] {
        (0..<count).map { _ in rng.chance(diligence) }
    }

    private func writePrzystanAttendance(
        to url: URL, group: String, members: [Int], dates: [LocalDate], spelling: [Int: (first: String, last: String)],
        persons: [SyntheticPerson], stray: String?, rng: inout SeededGenerator, truth: inout TruthBuilder
    ) throws -> (read: Int, rejected: Int) {
        let months = ["styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień", "wrzesień", "październik", "listopad", "grudzień"]
        let diligence = Dictionary(uniqueKeysWithValues: members.map { ($0, rng.chance(0.25) ? 0.55 : 0.93) })
        let attended = Dictionary(uniqueKeysWithValues: members.map { ($0, marks(for: dates.count, diligence: diligence[$0]!, rng: &rng)) })
        let writer = try XLSXWriter(
            path: url.path, properties: XLSXDocumentProperties(created: dates.last!, title: "Lista obecności \(group)", author: "Fundacja Przystań"))
        var read = 0, rejected = 0
        let byMonth = Dictionary(grouping: dates.indices, by: { dates[$0].month })
        for month in byMonth.keys.sorted() {
            let idx = byMonth[month]!.sorted()
            let ws = try writer.addSheet(months[month - 1])
            try ws.merge(firstRow: 0, firstCol: 0, lastRow: 0, lastCol: idx.count + 2, text: "Projekt „Razem w Lublinie”", style: .title)
            try ws.merge(firstRow: 1, firstCol: 0, lastRow: 1, lastCol: idx.count + 2, text: "Projekt współfinansowany ze środków Funduszu Pracy", style: .note)
            try ws.write("Kurs:", row: 3, col: 0, style: .bold)
            try ws.write("Język polski dla cudzoziemców", row: 3, col: 1)
            try ws.write("Grupa: \(group)", row: 4, col: 0, style: .bold)
            try ws.write("Prowadząca:", row: 5, col: 0, style: .bold)
            try ws.write("mgr Ewa Lektorska", row: 5, col: 1)
            try ws.write("Miesiąc: \(months[month - 1]) 2023", row: 6, col: 0, style: .bold)
            let header = 8
            try ws.write("Lp.", row: header, col: 0, style: .header)
            try ws.write("Imię i nazwisko", row: header, col: 1, style: .header)
            for (c, i) in idx.enumerated() { try ws.write(dates[i], row: header, col: c + 2, style: XLSXStyle.header.formatted(.date)) }
            try ws.write("Podpis", row: header, col: idx.count + 2, style: .header)
            try ws.setColumnWidth(1, 28)
            var r = header
            for m in members {
                r += 1
                read += 1
                let s = spelling[m]!
                let name = rng.chance(0.5) ? "\(s.first) \(s.last.uppercased())" : "\(s.last) \(s.first)"
                try ws.write(Double(r - header), row: r, col: 0)
                try ws.write(name, row: r, col: 1)
                for (c, i) in idx.enumerated() {
                    if attended[m]![i] {
                        try ws.write(rng.pick(["x", "x", "+", "ob."]), row: r, col: c + 2)
                    } else if rng.chance(0.3) {
                        try ws.write(rng.pick(["nb", "-", "usp."]), row: r, col: c + 2)
                    }
                }
            }
            if let stray, month == byMonth.keys.min() {
                r += 1
                read += 1
                rejected += 1
                try ws.write(Double(r - header), row: r, col: 0)
                try ws.write(stray, row: r, col: 1)
                try ws.write("x", row: r, col: 2)
            }
        }
        try writer.close()
        truth.course("przystan/\(group)", dates: dates, attended: attended, persons: persons, partner: "przystan", activity: "polish_course")
        return (read, rejected)
    }

    private func writeNadijaAttendance(
        to url: URL, groups: [(String, [Int], [LocalDate])], persons: [SyntheticPerson], rng: inout SeededGenerator,
        truth: inout TruthBuilder
    ) throws -> (read: Int, rejected: Int) {
        let writer = try XLSXWriter(
            path: url.path, properties: XLSXDocumentProperties(created: groups.last!.2.last!, title: "Obecności warsztaty", author: "Stowarzyszenie Nadija"))
        var read = 0
        for (group, members, dates) in groups {
            let attended = Dictionary(uniqueKeysWithValues: members.map { ($0, marks(for: dates.count, diligence: rng.chance(0.3) ? 0.6 : 0.9, rng: &rng)) })
            let ws = try writer.addSheet("Grupa \(group)")
            try ws.write("Warsztaty integracyjne — lista obecności", row: 0, col: 0, style: .title)
            try ws.write("Grupa", row: 1, col: 0, style: .bold)
            try ws.write(group, row: 1, col: 1)
            try ws.write("Prowadzący", row: 2, col: 0, style: .bold)
            try ws.write("Олена Психолог", row: 2, col: 1)
            let header = 4
            try ws.write("Lp.", row: header, col: 0, style: .header)
            try ws.write("Imię i nazwisko", row: header, col: 1, style: .header)
            for (c, d) in dates.enumerated() { try ws.write(d.iso, row: header, col: c + 2, style: .header) }
            for (k, m) in members.enumerated() {
                read += 1
                let p = persons[m]
                try ws.write(Double(k + 1), row: header + 1 + k, col: 0)
                try ws.write("\(p.last.cyrillic) \(p.first.cyrillic)", row: header + 1 + k, col: 1)
                for (c, present) in attended[m]!.enumerated() where present {
                    try ws.write("✓", row: header + 1 + k, col: c + 2)
                }
            }
            truth.course("nadija/\(group)", dates: dates, attended: attended, persons: persons, partner: "nadija", activity: "integration_workshop")
        }
        try writer.close()
        return (read, 0)
    }

    // MARK: Consultations

    private func writeConsultations(
        persons: [SyntheticPerson], przystan: [Int], nadija: [Int], rng: inout SeededGenerator, truth: inout TruthBuilder
    ) -> [[CSVField]] {
        var rows: [[CSVField]] = [["Data", "Konsultant", "Imię i nazwisko klienta", "Data ur.", "Obywatelstwo", "Język", "Temat", "Forma", "Czas (min)"]]
        let topics = ["legalizacja pobytu", "praca", "mieszkanie", "zdrowie", "edukacja", "ubezpieczenia"]
        // Clients: 36..<52 (new persons, 4 of them on name only), and 6 persons from the courses.
        let fromCourses = [przystan[2], przystan[9], przystan[20], nadija[1], nadija[12], nadija[5]]
        var clients = Array(36..<52) + fromCourses
        clients.sort()
        let nameOnly = Set([44, 46, 48, 50].filter { !przystan.contains($0) && !nadija.contains($0) })
        var events: [(LocalDate, Int?)] = []
        for c in clients {
            let visits = nameOnly.contains(c) ? 1 : rng.int(1...3)
            for _ in 0..<visits {
                events.append((LocalDate(year: 2023, month: rng.int(1...12), day: rng.int(1...28))!, c))
            }
        }
        for _ in 0..<12 { events.append((LocalDate(year: 2023, month: rng.int(1...12), day: rng.int(1...28))!, nil)) }
        events.sort { ($0.0, $0.1 ?? -1) < ($1.0, $1.1 ?? -1) }
        for (date, client) in events {
            let consultant = rng.pick(["K. Nowicka", "M. Wiśniewski", "О. Ковальчук"])
            let language = rng.pick(["UA", "UA", "RU", "PL"])
            let topic = rng.pick(topics)
            let mode = rng.pick(["osobiście", "osobiście", "telefon", "online"])
            let minutes = rng.pick([15, 20, 30, 45, 60])
            var name = "", birth = "", citizenship = ""
            if let client {
                let p = persons[client]
                let polish = rng.chance(0.6)
                name = "\(polish ? p.first.polish : p.first.passport) \(polish ? p.last.polish : p.last.passport)"
                if !nameOnly.contains(client) {
                    birth = "\(p.birthDate.day).\(p.birthDate.month).\(p.birthDate.year)"
                }
                citizenship = ["UKR": rng.pick(["ukraińskie", "Ukraina", "UA"]), "BLR": "białoruskie", "GEO": "gruzińskie"][p.citizenship]!
            }
            rows.append([
                .text(date.polish), .text(consultant), .text(name), .text(birth), .text(citizenship), .text(language),
                .text(topic), .text(mode), .number(Double(minutes)),
            ])
            truth.consultation(on: date, client: client, person: client.map { persons[$0] }, nameOnly: client.map { nameOnly.contains($0) } ?? false)
        }
        // An impossible date: rejected (invalid-date).
        rows.append(["31.02.2023", "K. Nowicka", .empty, .empty, .empty, "UA", "praca", "telefon", 15])
        return rows
    }
}
