import Foundation
import IntegraCore
import IntegraReports

/// The partner files of a programme: the demo's formats (see ``DemoGenerator``), many times over.
extension ProgramGenerator {
    static let months = [
        "styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień", "wrzesień", "październik",
        "listopad", "grudzień",
    ]

    /// The roll and the attendance workbooks (one per quarter in which courses start); returns the paths written.
    func writeCourseFiles(
        partner: Partner, groups: [Group], persons: [DemoPerson], folder: URL, name: String,
        rng: inout SeededGenerator, truth: inout TruthBuilder
    ) throws -> [String] {
        let language = partner.course == .language
        let activity = language ? "polish_course" : "integration_workshop"
        let rollPath =
            "\(name)/\(partner.id)/" + (language ? "lista-uczestnikow-2023.csv" : "uczestnicy-warsztatow-2023.csv")
        var rows: [[CSVField]] =
            language
            ? [
                [
                    "Lp.", "Nazwisko", "Imię", "Data urodzenia", "PESEL", "Obywatelstwo", "Płeć", "Grupa",
                    "Data rozpoczęcia", "Data zakończenia", "Poziom wejściowy", "Poziom końcowy", "Data przyjazdu",
                    "Status UKR",
                ]
            ]
            : [
                [
                    "№", "Прізвище", "Ім'я", "Дата народження", "PESEL", "Громадянство", "Стать", "Група",
                    "Дата початку", "Дата прибуття", "Статус UKR",
                ]
            ]
        // How this partner spells each person (passport or Polish form), which its attendance sheets follow.
        var spelling: [Int: (first: String, last: String)] = [:]
        for group in groups {
            let threshold = DemoGenerator.activities[activity]!.completionThreshold
            let lastHeld = group.dates[group.held.last!]
            for i in group.members {
                let p = persons[i]
                let arrival = rng.chance(0.65) ? p.arrival : nil
                let sex = p.female ? "K" : "M"
                if language {
                    let polish = rng.chance(0.5)
                    let written =
                        spelling[i] ?? (polish ? p.first.polish : p.first.passport, polish ? p.last.polish : p.last.passport)
                    spelling[i] = written
                    let citizenship = [
                        "UKR": rng.pick(["Ukraina", "ukraińskie", "UKR"]), "BLR": "Białoruś", "GEO": "Gruzja",
                        "MDA": "Mołdawia",
                    ][p.citizenship!]!
                    let completes = group.completes(i, threshold: threshold)
                    let levelIn = rng.pick(["A0", "A1", "A1", "A2", "B1"])
                    var levelOut: String?
                    if completes {
                        let order = TruthBuilder.cefrOrder
                        levelOut = order[min(order.firstIndex(of: levelIn)! + rng.pick([0, 1, 1, 2]), order.count - 1)]
                    } else {
                        levelOut = rng.chance(0.6) ? nil : levelIn
                    }
                    let end: LocalDate? = completes ? lastHeld : nil
                    let status = p.ukrStatus ? (rng.chance(0.7) ? rng.pick(["tak", "Tak", "UKR"]) : "") : ""
                    rows.append([
                        .number(Double(rows.count)),
                        .text(rng.chance(0.3) ? written.last.uppercased() : written.last), .text(written.first),
                        .text(p.birth.polish), p.pesel.map { .text($0) } ?? .empty, .text(citizenship), .text(sex),
                        .text(group.id), .text(group.dates[0].polish), end.map { .text($0.polish) } ?? .empty,
                        .text(levelIn), levelOut.map { .text($0) } ?? .empty,
                        arrival.map { .text($0.polish) } ?? .empty, .text(status),
                    ])
                    truth.roll(
                        .init(path: rollPath, row: rows.count), person: i, partner: partner.id, activity: activity,
                        course: "\(partner.id)/\(group.id)", start: group.dates[0], end: end, levelIn: levelIn,
                        levelOut: levelOut,
                        stated: .init(
                            sex: sex, birth: p.birth, citizenship: p.citizenship, arrival: arrival, ukrStatus: status))
                } else {
                    let enrolment = group.dates[0].adding(days: -7)
                    let citizenship = [
                        "UKR": rng.pick(["Україна", "Україна", "UA"]), "BLR": "Білорусь", "GEO": "Грузія",
                        "MDA": "Молдова",
                    ][p.citizenship!]!
                    let status = p.ukrStatus && rng.chance(0.6) ? rng.pick(["✓", "UKR", "1"]) : ""
                    rows.append([
                        .number(Double(rows.count)), .text(p.last.cyrillic), .text(p.first.cyrillic),
                        .text(p.birth.iso), p.pesel.map { .text($0) } ?? .empty, .text(citizenship),
                        .text(p.female ? "ж" : "ч"), .text(group.id), .text(enrolment.polish),
                        arrival.map { .text($0.iso) } ?? .empty, .text(status),
                    ])
                    truth.roll(
                        .init(path: rollPath, row: rows.count), person: i, partner: partner.id, activity: activity,
                        course: "\(partner.id)/\(group.id)", start: enrolment, end: nil, levelIn: nil, levelOut: nil,
                        stated: .init(
                            sex: sex, birth: p.birth, citizenship: p.citizenship, arrival: arrival, ukrStatus: status))
                }
            }
            truth.course(
                "\(partner.id)/\(group.id)", partner: partner.id, activity: activity, dates: group.dates,
                attended: group.attended)
        }
        // A row with no name: rejected (missing-value).
        var broken = [CSVField](repeating: .empty, count: rows[0].count)
        broken[0] = .number(Double(rows.count))
        broken[3] = "12.05.1990"
        broken[7] = .text(groups.first?.id ?? "X")
        rows.append(broken)
        truth.file(rollPath, read: rows.count - 1, rejected: 1)
        let writer =
            language
            ? CSVTableWriter(delimiter: ";", encoding: .windows1250, decimalSeparator: ",")
            : CSVTableWriter(delimiter: ",", encoding: .utf8BOM, decimalSeparator: ".")
        try writer.write(rows, to: folder.appendingPathComponent(rollPath))

        var written = [rollPath]
        let byQuarter = Dictionary(grouping: groups, by: { $0.dates[0].quarter })
        for quarter in byQuarter.keys.sorted() {
            let path = "\(name)/\(partner.id)/obecnosci-2023Q\(quarter).xlsx"
            let url = folder.appendingPathComponent(path)
            let read =
                language
                ? try writeLanguageAttendance(to: url, groups: byQuarter[quarter]!, spelling: spelling, rng: &rng)
                : try writeWorkshopAttendance(to: url, groups: byQuarter[quarter]!, persons: persons)
            truth.file(path, read: read, rejected: 0)
            written.append(path)
        }
        return written
    }

    /// A title block with merged cells and `Grupa: …`, session dates as date cells, one sheet per group and month.
    func writeLanguageAttendance(
        to url: URL, groups: [Group], spelling: [Int: (first: String, last: String)], rng: inout SeededGenerator
    ) throws -> Int {
        let writer = try XLSXWriter(
            path: url.path,
            properties: XLSXDocumentProperties(
                created: groups.map { $0.dates.last! }.max()!, title: "Listy obecności", author: "Integra synth"))
        var read = 0
        for group in groups {
            let dates = group.dates
            let byMonth = Dictionary(grouping: dates.indices, by: { dates[$0].month })
            for month in byMonth.keys.sorted() {
                let idx = byMonth[month]!.sorted()
                let ws = try writer.addSheet("\(group.id) \(Self.months[month - 1])")
                try ws.merge(
                    firstRow: 0, firstCol: 0, lastRow: 0, lastCol: idx.count + 2, text: "Program „Razem w regionie”",
                    style: .title)
                try ws.merge(
                    firstRow: 1, firstCol: 0, lastRow: 1, lastCol: idx.count + 2,
                    text: "Projekt współfinansowany ze środków Funduszu Pracy", style: .note)
                try ws.write("Kurs:", row: 3, col: 0, style: .bold)
                try ws.write("Język polski dla cudzoziemców", row: 3, col: 1)
                try ws.write("Grupa: \(group.id)", row: 4, col: 0, style: .bold)
                try ws.write("Miesiąc: \(Self.months[month - 1]) 2023", row: 5, col: 0, style: .bold)
                let header = 7
                try ws.write("Lp.", row: header, col: 0, style: .header)
                try ws.write("Imię i nazwisko", row: header, col: 1, style: .header)
                for (c, i) in idx.enumerated() {
                    try ws.write(dates[i], row: header, col: c + 2, style: XLSXStyle.header.formatted(.date))
                }
                try ws.write("Podpis", row: header, col: idx.count + 2, style: .header)
                var r = header
                for m in group.members {
                    r += 1
                    read += 1
                    let s = spelling[m]!
                    try ws.write(Double(r - header), row: r, col: 0)
                    try ws.write(
                        rng.chance(0.5) ? "\(s.first) \(s.last.uppercased())" : "\(s.last) \(s.first)", row: r, col: 1)
                    for (c, i) in idx.enumerated() {
                        if group.attended[m]![i] {
                            try ws.write(rng.pick(["x", "x", "+", "ob."]), row: r, col: c + 2)
                        } else {
                            try ws.write(rng.pick(["nb", "-", "usp."]), row: r, col: c + 2)
                        }
                    }
                }
            }
        }
        try writer.close()
        return read
    }

    /// Label and value in two cells (`Grupa` | `W-07-1`), session dates as text, the mark `✓`; a sheet per group.
    func writeWorkshopAttendance(to url: URL, groups: [Group], persons: [DemoPerson]) throws -> Int {
        let writer = try XLSXWriter(
            path: url.path,
            properties: XLSXDocumentProperties(
                created: groups.map { $0.dates.last! }.max()!, title: "Obecności warsztaty", author: "Integra synth"))
        var read = 0
        for group in groups {
            let ws = try writer.addSheet("Grupa \(group.id)")
            try ws.write("Warsztaty integracyjne — lista obecności", row: 0, col: 0, style: .title)
            try ws.write("Grupa", row: 1, col: 0, style: .bold)
            try ws.write(group.id, row: 1, col: 1)
            let header = 3
            try ws.write("Lp.", row: header, col: 0, style: .header)
            try ws.write("Imię i nazwisko", row: header, col: 1, style: .header)
            for (c, d) in group.dates.enumerated() { try ws.write(d.iso, row: header, col: c + 2, style: .header) }
            for (k, m) in group.members.enumerated() {
                read += 1
                let p = persons[m]
                try ws.write(Double(k + 1), row: header + 1 + k, col: 0)
                try ws.write("\(p.last.cyrillic) \(p.first.cyrillic)", row: header + 1 + k, col: 1)
                for (c, present) in group.attended[m]!.enumerated() {
                    try ws.write(present ? "✓" : "-", row: header + 1 + k, col: c + 2)
                }
            }
        }
        try writer.close()
        return read
    }

    /// The information point's log (UTF-8 CSV, comma) or the career-guidance log (Polish-Excel CSV).
    func writeLog(
        partner: Partner, visits: [Visit], persons: [DemoPerson], folder: URL, name: String,
        rng: inout SeededGenerator, truth: inout TruthBuilder
    ) throws -> String {
        func citizenship(_ code: String) -> CSVField {
            .text(
                [
                    "UKR": rng.pick(["ukraińskie", "Ukraina", "UA"]), "BLR": "białoruskie", "GEO": "gruzińskie",
                    "MDA": "mołdawskie",
                ][code]!)
        }
        func written(_ p: DemoPerson) -> String {
            rng.chance(0.5) ? "\(p.first.polish) \(p.last.polish)" : "\(p.first.passport) \(p.last.passport)"
        }
        let path: String
        var rows: [[CSVField]]
        if partner.informationPoint {
            path = "\(name)/\(partner.id)/rejestr-porad-2023.csv"
            rows = [
                [
                    "Data", "Konsultant", "Imię i nazwisko klienta", "Data ur.", "Obywatelstwo", "Język", "Temat",
                    "Forma", "Czas (min)",
                ]
            ]
            let topics = ["legalizacja pobytu", "praca", "mieszkanie", "zdrowie", "edukacja", "ubezpieczenia"]
            for visit in visits {
                let language = rng.pick(["UA", "UA", "RU", "PL"])
                let topic = rng.pick(topics)
                let mode = rng.pick(["osobiście", "osobiście", "telefon", "online"])
                let minutes = rng.pick([15, 30, 45, 60, 90])
                let p = visit.person.map { persons[$0] }
                rows.append([
                    .text(visit.date.polish), .text(rng.pick(["K. Nowicka", "M. Wiśniewski", "О. Ковальчук"])),
                    p.map { .text(written($0)) } ?? .empty,
                    p.map { .text("\($0.birth.day).\($0.birth.month).\($0.birth.year)") } ?? .empty,
                    p.map { citizenship($0.citizenship!) } ?? .empty, .text(language), .text(topic), .text(mode),
                    .number(Double(minutes)),
                ])
                truth.consultation(
                    .init(path: path, row: rows.count), partner: partner.id, activity: "consultation",
                    date: visit.date, person: visit.person, topic: topic, language: language, mode: mode,
                    minutes: minutes, stated: .init(birth: p?.birth, citizenship: p?.citizenship))
            }
            truth.file(path, read: rows.count - 1, rejected: 0)
            try CSVTableWriter(dialect: .rfc4180).write(rows, to: folder.appendingPathComponent(path))
        } else {
            path = "\(name)/\(partner.id)/doradztwo-zawodowe-2023.csv"
            rows = [
                [
                    "Data", "Doradca", "Imię i nazwisko", "Płeć", "Data urodzenia", "Obywatelstwo", "Język", "Temat",
                    "Forma", "Czas (min)", "Data przyjazdu", "Data podjęcia zatrudnienia",
                ]
            ]
            let topics = [
                "CV i list motywacyjny", "rozmowa kwalifikacyjna", "rynek pracy", "uznanie kwalifikacji",
                "oferty pracy",
            ]
            let byClient = Dictionary(grouping: visits, by: { $0.person! })
            let firstVisit = byClient.mapValues { $0.map(\.date).min()! }
            let lastVisit = byClient.mapValues { $0.map(\.date).max()! }
            var employment: [Int: LocalDate] = [:]
            for c in byClient.keys.sorted() where rng.chance(0.15) {
                employment[c] = min(lastVisit[c]!.adding(days: rng.int(1...30)), Self.periodEnd)
            }
            for visit in visits {
                let client = visit.person!
                let p = persons[client]
                let arrival = firstVisit[client] == visit.date ? p.arrival : nil
                let employed = lastVisit[client] == visit.date ? employment[client] : nil
                let language = rng.pick(["UA", "UA", "RU", "PL"])
                let topic = rng.pick(topics)
                let mode = rng.pick(["osobiście", "osobiście", "online"])
                let minutes = rng.pick([30, 45, 60, 90])
                rows.append([
                    .text(visit.date.polish), .text(rng.pick(["A. Zawadzka", "P. Kowalczyk"])), .text(written(p)),
                    .text(p.female ? "K" : "M"), .text(p.birth.polish), citizenship(p.citizenship!), .text(language),
                    .text(topic), .text(mode), .number(Double(minutes)), arrival.map { .text($0.polish) } ?? .empty,
                    employed.map { .text($0.polish) } ?? .empty,
                ])
                truth.consultation(
                    .init(path: path, row: rows.count), partner: partner.id, activity: "career_guidance",
                    date: visit.date, person: client, topic: topic, language: language, mode: mode, minutes: minutes,
                    stated: .init(
                        sex: p.female ? "K" : "M", birth: p.birth, citizenship: p.citizenship, arrival: arrival,
                        employment: employed))
            }
            truth.file(path, read: rows.count - 1, rejected: 0)
            try CSVTableWriter(delimiter: ";", encoding: .utf8BOM, decimalSeparator: ",")
                .write(rows, to: folder.appendingPathComponent(path))
        }
        return path
    }
}
