import Foundation
import IntegraCore
import IntegraReports

/// The two course partners' files: Przystań's Polish course and Nadija's civic-orientation workshops.
extension DemoGenerator {
    typealias Spelling = [Int: (first: String, last: String)]

    // MARK: Fundacja Przystań

    /// The roll; returns how Przystań spells each person, which its attendance sheets follow.
    func writePrzystanRoll(
        to folder: URL, path: String, groups: [Group], persons: [DemoPerson], rng: inout SeededGenerator,
        truth: inout TruthBuilder
    ) throws -> Spelling {
        var rows: [[CSVField]] = [
            [
                "Lp.", "Nazwisko", "Imię", "Data urodzenia", "PESEL", "Obywatelstwo", "Płeć", "Grupa",
                "Data rozpoczęcia",
                "Data zakończenia", "Poziom wejściowy", "Poziom końcowy", "Data przyjazdu", "Status UKR",
                "Cel szczegółowy",
                "Cel szczegółowy od", "Data podjęcia zatrudnienia",
            ]
        ]
        var spelling: Spelling = [:]
        for group in groups {
            let last = group.dates[group.held.last!]
            for i in group.members {
                let p = persons[i]
                let polish = rng.chance(0.5)
                let name =
                    spelling[i] ?? (
                        polish ? p.first.polish : p.first.passport, polish ? p.last.polish : p.last.passport
                    )
                spelling[i] = name
                let citizenship = p.citizenship.map {
                    [
                        "UKR": rng.pick(["Ukraina", "ukraińskie", "UKR"]), "BLR": "Białoruś", "GEO": "Gruzja",
                        "MDA": "Mołdawia", "POL": "Polska",
                    ][$0]!
                }
                // CEFR levels: a completer usually moves up a level or two, a drop-out often has no final test.
                let completes = group.completes(i, threshold: 0.8)
                var levelIn: String? =
                    group.id == "PL-A1" ? rng.pick(["A0", "A1", "A1", "A2"]) : rng.pick(["A1", "A2", "A2", "B1"])
                var levelOut: String?
                if completes {
                    let order = TruthBuilder.cefrOrder
                    levelOut = order[min(order.firstIndex(of: levelIn!)! + rng.pick([0, 1, 1, 1, 2]), order.count - 1)]
                } else {
                    levelOut = rng.chance(0.6) ? nil : levelIn
                }
                if i == 3 { (levelIn, levelOut) = group.id == "PL-A1" ? ("A1", "A2") : ("A2", "B1") }
                if let planted = DemoCast.levels[i] { (levelIn, levelOut) = planted }
                let end: LocalDate? = DemoCast.noEndDate.contains(i) || (!completes && rng.chance(0.6)) ? nil : last
                // Arrival and the UKR status, where the partner asked.
                var arrival = p.arrival.flatMap { rng.chance(0.65) ? $0 : nil }
                if i == DemoCast.arrivalOn24February || i == DemoCast.belarusianAfter.person { arrival = p.arrival }
                if i == DemoCast.statusOnly { arrival = nil }
                if i == DemoCast.twoArrivals.person { arrival = DemoCast.twoArrivals.przystan }
                var status = ""
                if p.ukrStatus {
                    status = rng.chance(0.7) ? rng.pick(["tak", "Tak", "UKR"]) : ""
                } else if p.citizenship == "UKR" {
                    status = rng.chance(0.3) ? "nie" : ""
                }
                if i == DemoCast.statusOnly { status = "tak" }
                // Person 3 is on the roll twice (PL-A1, then PL-A2); the roll states the rest once.
                let objective = group.id == "PL-A2" && i == 3 ? nil : DemoCast.przystanObjectives[i]
                let employment = group.id == "PL-A2" && i == 3 ? nil : DemoCast.przystanEmployment[i]
                rows.append([
                    .number(Double(rows.count)), .text(rng.chance(0.3) ? name.last.uppercased() : name.last),
                    .text(name.first),
                    .text(p.birth.polish), p.pesel.map { .text($0) } ?? .empty, citizenship.map { .text($0) } ?? .empty,
                    .text(p.female ? "K" : "M"), .text(group.id), .text(group.dates[0].polish),
                    end.map { .text($0.polish) } ?? .empty,
                    levelIn.map { .text($0) } ?? .empty, levelOut.map { .text($0) } ?? .empty,
                    arrival.map { .text($0.polish) } ?? .empty, .text(status), objective.map { .text($0.0) } ?? .empty,
                    objective?.1.map { .text($0.polish) } ?? .empty, employment.map { .text($0.polish) } ?? .empty,
                ])
                truth.roll(
                    .init(path: path, row: rows.count), person: i, partner: "przystan", activity: "polish_course",
                    course: "przystan/\(group.id)", start: group.dates[0], end: end, levelIn: levelIn,
                    levelOut: levelOut,
                    stated: .init(
                        sex: p.female ? "K" : "M", birth: p.birth, citizenship: p.citizenship, arrival: arrival,
                        ukrStatus: status, objective: objective?.0, objectiveSince: objective?.1, employment: employment
                    ))
            }
        }
        // A row with no name: rejected (missing-value).
        rows.append([
            .number(Double(rows.count)), .empty, .empty, "12.05.1990", .empty, "Ukraina", "K", "PL-A2",
            .text(groups[1].dates[0].polish), .empty, .empty, .empty, .empty, .empty, .empty, .empty, .empty,
        ])
        truth.file(path, read: rows.count - 1, rejected: 1)
        try CSVTableWriter(delimiter: ";", encoding: .windows1250, decimalSeparator: ",").verbatim()
            .write(rows, to: folder.appendingPathComponent(path))
        return spelling
    }

    func writePrzystanAttendance(
        to url: URL, group: Group, spelling: Spelling, stray: String?, rng: inout SeededGenerator
    ) throws -> (read: Int, rejected: Int) {
        let months = [
            "styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień", "wrzesień", "październik",
            "listopad", "grudzień",
        ]
        let dates = group.dates
        let writer = try XLSXWriter(
            path: url.path,
            properties: XLSXDocumentProperties(
                created: dates.last!, title: "Lista obecności \(group.id)", author: "Fundacja Przystań"))
        var read = 0, rejected = 0
        let byMonth = Dictionary(grouping: dates.indices, by: { dates[$0].month })
        for month in byMonth.keys.sorted() {
            let idx = byMonth[month]!.sorted()
            let ws = try writer.addSheet(months[month - 1])
            try ws.merge(
                firstRow: 0, firstCol: 0, lastRow: 0, lastCol: idx.count + 2, text: "Projekt „Razem w Lublinie”",
                style: .title)
            try ws.merge(
                firstRow: 1, firstCol: 0, lastRow: 1, lastCol: idx.count + 2,
                text: "Projekt współfinansowany ze środków Funduszu Pracy",
                style: .note)
            try ws.write("Kurs:", row: 3, col: 0, style: .bold)
            try ws.write("Język polski dla cudzoziemców", row: 3, col: 1)
            try ws.write("Grupa: \(group.id)", row: 4, col: 0, style: .bold)
            try ws.write("Prowadząca:", row: 5, col: 0, style: .bold)
            try ws.write("mgr Ewa Lektorska", row: 5, col: 1)
            try ws.write("Miesiąc: \(months[month - 1]) 2023", row: 6, col: 0, style: .bold)
            let header = 8
            try ws.write("Lp.", row: header, col: 0, style: .header)
            try ws.write("Imię i nazwisko", row: header, col: 1, style: .header)
            for (c, i) in idx.enumerated() {
                try ws.write(dates[i], row: header, col: c + 2, style: XLSXStyle.header.formatted(.date))
            }
            try ws.write("Podpis", row: header, col: idx.count + 2, style: .header)
            try ws.setColumnWidth(1, 28)
            var r = header
            for m in group.members {
                r += 1
                read += 1
                let s = spelling[m]!
                let name = rng.chance(0.5) ? "\(s.first) \(s.last.uppercased())" : "\(s.last) \(s.first)"
                try ws.write(Double(r - header), row: r, col: 0)
                try ws.write(name, row: r, col: 1)
                for (c, i) in idx.enumerated() {
                    if group.attended[m]![i] {
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
        return (read, rejected)
    }

    // MARK: Stowarzyszenie Nadija

    func writeNadijaRoll(
        to folder: URL, path: String, groups: [Group], alsoAtPrzystan: Set<Int>, persons: [DemoPerson],
        rng: inout SeededGenerator, truth: inout TruthBuilder
    ) throws {
        var rows: [[CSVField]] = [
            [
                "№", "Прізвище", "Ім'я", "Дата народження", "PESEL", "Громадянство", "Стать", "Група", "Дата початку",
                "Дата прибуття", "Статус UKR", "Ціль FAMI", "Дата реєстрації в цілі",
            ]
        ]
        for group in groups {
            // Nadija enrols a week before the first workshop; support starts at the first workshop attended.
            let enrolment = group.dates[0].adding(days: -7)
            for i in group.members {
                let p = persons[i]
                // Persons also at Przystań give their PESEL at only one of the two partners half of the time, so
                // both the PESEL and the name + birth date rule are exercised.
                let pesel =
                    alsoAtPrzystan.contains(i) && i != DemoCast.twoArrivals.person && rng.chance(0.5) ? nil : p.pesel
                let citizenship = p.citizenship.map {
                    [
                        "UKR": rng.pick(["Україна", "Україна", "UA"]), "BLR": "Білорусь", "GEO": "Грузія",
                        "MDA": "Молдова", "POL": "Польща",
                    ][$0]!
                }
                var arrival = p.arrival.flatMap { rng.chance(0.7) ? $0 : nil }
                if i == DemoCast.twoArrivals.person { arrival = DemoCast.twoArrivals.nadija }
                let status = p.ukrStatus && rng.chance(0.6) ? rng.pick(["✓", "UKR", "1"]) : ""
                let objective = DemoCast.nadijaObjectives[i]
                rows.append([
                    .number(Double(rows.count)), .text(p.last.cyrillic), .text(p.first.cyrillic), .text(p.birth.iso),
                    pesel.map { .text($0) } ?? .empty, citizenship.map { .text($0) } ?? .empty,
                    .text(p.female ? "ж" : "ч"),
                    .text(group.id), .text(enrolment.polish), arrival.map { .text($0.iso) } ?? .empty, .text(status),
                    objective.map { .text($0.0) } ?? .empty, objective?.1.map { .text($0.iso) } ?? .empty,
                ])
                truth.roll(
                    .init(path: path, row: rows.count), person: i, partner: "nadija", activity: "integration_workshop",
                    course: "nadija/\(group.id)", start: enrolment, end: nil, levelIn: nil, levelOut: nil,
                    stated: .init(
                        sex: p.female ? "K" : "M", birth: p.birth, citizenship: p.citizenship, arrival: arrival,
                        ukrStatus: status,
                        objective: objective?.0, objectiveSince: objective?.1, employment: nil))
            }
        }
        truth.file(path, read: rows.count - 1, rejected: 0)
        try CSVTableWriter(delimiter: ",", encoding: .utf8BOM, decimalSeparator: ".").verbatim().write(
            rows, to: folder.appendingPathComponent(path))
    }

    func writeNadijaAttendance(to url: URL, groups: [Group], persons: [DemoPerson]) throws -> Int {
        let writer = try XLSXWriter(
            path: url.path,
            properties: XLSXDocumentProperties(
                created: groups.last!.dates.last!, title: "Obecności warsztaty", author: "Stowarzyszenie Nadija"))
        var read = 0
        for group in groups {
            let ws = try writer.addSheet("Grupa \(group.id)")
            try ws.write("Warsztaty integracyjne — lista obecności", row: 0, col: 0, style: .title)
            try ws.write("Grupa", row: 1, col: 0, style: .bold)
            try ws.write(group.id, row: 1, col: 1)
            try ws.write("Prowadzący", row: 2, col: 0, style: .bold)
            try ws.write("Олена Психолог", row: 2, col: 1)
            let header = 4
            try ws.write("Lp.", row: header, col: 0, style: .header)
            try ws.write("Imię i nazwisko", row: header, col: 1, style: .header)
            for (c, d) in group.dates.enumerated() { try ws.write(d.iso, row: header, col: c + 2, style: .header) }
            for (k, m) in group.members.enumerated() {
                read += 1
                let p = persons[m]
                try ws.write(Double(k + 1), row: header + 1 + k, col: 0)
                try ws.write("\(p.last.cyrillic) \(p.first.cyrillic)", row: header + 1 + k, col: 1)
                for (c, present) in group.attended[m]!.enumerated() where present {
                    try ws.write("✓", row: header + 1 + k, col: c + 2)
                }
            }
        }
        try writer.close()
        return read
    }
}
