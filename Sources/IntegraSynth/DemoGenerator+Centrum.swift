import Foundation
import IntegraCore
import IntegraReports

/// Centrum Wsparcia Cudzoziemców's two registers: the information point's consultation log and career guidance.
extension DemoGenerator {
    /// A day in `from...to` on which the person receives no other support (see `busy` in ``write(into:name:)``).
    private func freeDay(
        for person: Int, from: LocalDate, to: LocalDate, busy: inout [Int: Set<LocalDate>], rng: inout SeededGenerator
    ) -> LocalDate {
        while true {
            let d = from.adding(days: rng.int(0...(to.daysSinceEpoch - from.daysSinceEpoch)))
            if busy[person, default: []].insert(d).inserted { return d }
        }
    }

    private func citizenshipPL(_ code: String?, rng: inout SeededGenerator) -> CSVField {
        guard let code else { return .empty }
        let written = [
            "UKR": rng.pick(["ukraińskie", "Ukraina", "UA"]), "BLR": "białoruskie", "GEO": "gruzińskie",
            "MDA": "mołdawskie",
            "POL": "polskie",
        ][code]!
        return .text(written)
    }

    func writeConsultations(
        path: String, persons: [DemoPerson], busy: inout [Int: Set<LocalDate>], rng: inout SeededGenerator,
        truth: inout TruthBuilder
    ) -> [[CSVField]] {
        var rows: [[CSVField]] = [
            [
                "Data", "Konsultant", "Imię i nazwisko klienta", "Data ur.", "Obywatelstwo", "Język", "Temat", "Forma",
                "Czas (min)", "Cel FAMI",
            ]
        ]
        let topics = ["legalizacja pobytu", "praca", "mieszkanie", "zdrowie", "edukacja", "ubezpieczenia"]
        var events: [(date: LocalDate, client: Int?)] = []
        for c in DemoCast.consultationClients.sorted() {
            let visits = DemoCast.nameOnly.contains(c) ? 1 : rng.int(1...3)
            // Person 2 states asylum here after stating integration at Przystań since 20.01.2023: a later statement.
            let from = c == 2 ? LocalDate(year: 2023, month: 2, day: 1)! : Self.periodStart
            for _ in 0..<visits {
                events.append((freeDay(for: c, from: from, to: Self.periodEnd, busy: &busy, rng: &rng), c))
            }
        }
        for _ in 0..<12 {
            events.append(
                (
                    Self.periodStart.adding(
                        days: rng.int(0...(Self.periodEnd.daysSinceEpoch - Self.periodStart.daysSinceEpoch))), nil
                ))
        }
        events.sort { ($0.date, $0.client ?? -1) < ($1.date, $1.client ?? -1) }
        let statedOn: [Int: LocalDate] = DemoCast.consultationObjectives.keys.reduce(into: [:]) { result, c in
            let dates = events.filter { $0.client == c }.map(\.date)
            result[c] = c == 2 ? dates.max() : dates.min()
        }
        for (date, client) in events {
            let consultant = rng.pick(["K. Nowicka", "M. Wiśniewski", "О. Ковальчук"])
            let language = rng.pick(["UA", "UA", "RU", "PL"])
            let topic = rng.pick(topics)
            let mode: String? = rng.chance(0.05) ? nil : rng.pick(["osobiście", "osobiście", "telefon", "online"])
            let minutes: Int? = rng.chance(0.04) ? nil : rng.pick([15, 30, 45, 60, 90])
            var name = "", birth: LocalDate?, citizenship = CSVField.empty, objective: String?
            if let client {
                let p = persons[client]
                let polish = rng.chance(0.6)
                name = "\(polish ? p.first.polish : p.first.passport) \(polish ? p.last.polish : p.last.passport)"
                if !DemoCast.nameOnly.contains(client) { birth = p.birth }
                citizenship = citizenshipPL(p.citizenship, rng: &rng)
                if statedOn[client] == date { objective = DemoCast.consultationObjectives[client] }
            }
            rows.append([
                .text(date.polish), .text(consultant), .text(name),
                birth.map { .text("\($0.day).\($0.month).\($0.year)") } ?? .empty,
                citizenship, .text(language), .text(topic), mode.map { .text($0) } ?? .empty,
                minutes.map { .number(Double($0)) } ?? .empty, objective.map { .text($0) } ?? .empty,
            ])
            truth.consultation(
                .init(path: path, row: rows.count), partner: "centrum", activity: "consultation", date: date,
                person: client,
                topic: topic, language: language, mode: mode, minutes: minutes,
                stated: .init(
                    birth: birth, citizenship: client.flatMap { persons[$0].citizenship }, objective: objective))
        }
        // An impossible date: rejected (invalid-date).
        rows.append(["31.02.2023", "K. Nowicka", .empty, .empty, .empty, "UA", "praca", "telefon", 15, .empty])
        return rows
    }

    /// Individual career guidance (Fundusz Pracy priority I): the counsellor notes the arrival date at intake and,
    /// on the client's last visit, the date they took up a job.
    func writeGuidance(
        path: String, persons: [DemoPerson], busy: inout [Int: Set<LocalDate>], rng: inout SeededGenerator,
        truth: inout TruthBuilder
    ) -> [[CSVField]] {
        var rows: [[CSVField]] = [
            [
                "Data", "Doradca", "Imię i nazwisko", "Płeć", "Data urodzenia", "Obywatelstwo", "Język", "Temat",
                "Forma",
                "Czas (min)", "Data przyjazdu", "Data podjęcia zatrudnienia",
            ]
        ]
        let topics = [
            "CV i list motywacyjny", "rozmowa kwalifikacyjna", "rynek pracy", "uznanie kwalifikacji", "oferty pracy",
        ]
        var events: [(date: LocalDate, client: Int)] = []
        for c in DemoCast.guidanceClients.sorted() {
            let last = DemoCast.guidanceEmployment[c] ?? LocalDate(year: 2023, month: 12, day: 15)!
            for _ in 0..<rng.int(1...4) {
                events.append(
                    (
                        freeDay(
                            for: c, from: LocalDate(year: 2023, month: 3, day: 1)!, to: last, busy: &busy, rng: &rng), c
                    ))
            }
        }
        events.sort { ($0.date, $0.client) < ($1.date, $1.client) }
        let firstVisit = Dictionary(grouping: events, by: \.client).mapValues { $0.map(\.date).min()! }
        let lastVisit = Dictionary(grouping: events, by: \.client).mapValues { $0.map(\.date).max()! }
        var arrivalNoted: [Int: LocalDate] = [:]
        for c in firstVisit.keys.sorted() {
            arrivalNoted[c] = persons[c].arrival.flatMap { rng.chance(0.5) ? $0 : nil }
        }
        for (date, client) in events {
            let p = persons[client]
            let polish = rng.chance(0.5)
            let name = "\(polish ? p.first.polish : p.first.passport) \(polish ? p.last.polish : p.last.passport)"
            let arrival = firstVisit[client] == date ? arrivalNoted[client] : nil
            let employment = lastVisit[client] == date ? DemoCast.guidanceEmployment[client] : nil
            let language = rng.pick(["UA", "UA", "RU", "PL"])
            let topic = rng.pick(topics)
            let mode = rng.pick(["osobiście", "osobiście", "online"])
            let minutes = rng.pick([30, 45, 60, 90])
            rows.append([
                .text(date.polish), .text(rng.pick(["A. Zawadzka", "P. Kowalczyk"])), .text(name),
                .text(p.female ? "K" : "M"),
                .text(p.birth.polish), citizenshipPL(p.citizenship, rng: &rng), .text(language), .text(topic),
                .text(mode),
                .number(Double(minutes)), arrival.map { .text($0.polish) } ?? .empty,
                employment.map { .text($0.polish) } ?? .empty,
            ])
            truth.consultation(
                .init(path: path, row: rows.count), partner: "centrum", activity: "career_guidance", date: date,
                person: client,
                topic: topic, language: language, mode: mode, minutes: minutes,
                stated: .init(
                    sex: p.female ? "K" : "M", birth: p.birth, citizenship: p.citizenship, arrival: arrival,
                    employment: employment))
        }
        return rows
    }
}
