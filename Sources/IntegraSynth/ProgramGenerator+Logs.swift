import Foundation
import IntegraCore
import IntegraReports

/// The consultation logs of a programme's partners: the information point's (a log per year, names written by
/// whichever consultant was on duty, with the re-sent copies of ``ProgramGenerator/Copy``) and career guidance.
extension ProgramGenerator {
    static let consultants: [(name: String, writes: ProgramNames.Consultant)] = [
        ("K. Nowicka", .polish), ("M. Wiśniewski", .passport), ("О. Ковальчук", .cyrillic), ("A. Bielska", .passport),
    ]

    /// The information point's logs, one per year: UTF-8 with a byte-order mark, `;`. With ``Conditions/nameOnly``
    /// a row gives the client's name, citizenship and language only; without it a birth date too.
    func writeInformationPoint(
        partner: Partner, visits: [Visit], context: inout FileContext, names: inout ProgramNames,
        rng: inout SeededGenerator, truth: inout TruthBuilder
    ) throws -> [String] {
        let withBirth = !conditions.contains(.nameOnly)
        let topics = ["legalizacja pobytu", "praca", "mieszkanie", "zdrowie", "edukacja", "ubezpieczenia"]
        let languages = ["UA", "RU", "PL", "EN"]
        let writer = CSVTableWriter(delimiter: ";", encoding: .utf8BOM, decimalSeparator: ",").verbatim()
        var written: [String] = []
        let consultants = Self.consultants
        for year in Self.periodStart.year...Self.periodEnd.year {
            let path = "\(context.name)/\(partner.id)/rejestr-porad-\(year).csv"
            var header: [CSVField] = [
                "Lp.", "Data", "Konsultant", "Imię i nazwisko klienta", "Obywatelstwo", "Język", "Temat", "Forma",
                partner.hours ? "Liczba godzin" : "Czas (min)",
            ]
            if withBirth { header.insert("Data ur.", at: 4) }
            var rows: [[CSVField]] = [header]
            var identities: [(row: Int, person: Int)] = []
            var quarterRows = 1  // header and the rows of the first quarter
            // A workshop partner with broken rows (it re-sends no log) damages its first year's 5th and 10th named
            // rows: a stray quote, a missing field (the consultations are lost, rejected).
            let damages = partner.broken && partner.layout == .workshopCSV && year == Self.periodStart.year
            var named = 0
            var rejected = 0
            for visit in visits where visit.date.year == year {
                let consultant = rng.pick(consultants)
                let p = visit.person.map { context.persons[$0] }
                let language =
                    p.map { rng.chance(0.85) ? $0.language : rng.pick(languages) }
                    ?? rng.pick(["UA", "UA", "RU", "PL"])
                let topic = rng.pick(topics)
                let mode = rng.pick(["osobiście", "osobiście", "telefon", "online"])
                let minutes = rng.pick([15, 30, 45, 60, 90])
                var nameCell: CSVField = .empty
                var citizenship: String?
                var citizenshipCell: CSVField = .empty
                if let p {
                    nameCell = .text(withAdditions(names.consultation(p, by: consultant.writes), of: p, rng: &rng))
                    if rng.chance(0.97) {
                        citizenship = p.citizenship
                        citizenshipCell = .text(Self.citizenshipText(p.citizenship, rng: &rng))
                    }
                } else if conditions.contains(.anonymousMarks) && rng.chance(1.0 / 3) {
                    nameCell = .text(rng.pick(["N.N.", "-", "anonim", "анонімно"]))
                }
                var row: [CSVField] = [
                    .number(Double(rows.count)), .text(visit.date.polish), .text(consultant.name), nameCell,
                    citizenshipCell, .text(language), .text(topic), .text(mode),
                    partner.hours ? .text(Self.hoursText(minutes)) : .number(Double(minutes)),
                ]
                if withBirth { row.insert(p.map { .text($0.birth.polish) } ?? .empty, at: 4) }
                if p != nil { named += 1 }
                if damages && p != nil && (named == 5 || named == 10) {
                    if named == 5 {
                        row[3] = .text(Self.strayQuoteMarker + names.consultation(p!, by: consultant.writes))
                    } else {
                        row.removeLast(2)
                    }
                    rows.append(row)
                    rejected += 1
                    continue
                }
                rows.append(row)
                if visit.date.quarter == 1 { quarterRows = rows.count }
                truth.consultation(
                    .init(path: path, row: rows.count), partner: partner.id, activity: "consultation",
                    date: visit.date, person: visit.person, topic: topic, language: language, mode: mode,
                    minutes: minutes,
                    stated: .init(birth: withBirth ? p?.birth : nil, citizenship: citizenship))
                if let person = visit.person { identities.append((rows.count, person)) }
            }
            let data = Self.withStrayQuotes(try writer.encode(rows + totalsRow(under: rows, rng: &rng)))
            try data.write(to: context.folder.appendingPathComponent(path))
            written.append(path)
            // The copy a partner re-sent, if any, for this year: (path, bytes, rows it holds).
            var copy: (path: String, data: Data, rows: Int)?
            switch partner.copy {
            case .identical where year == Self.periodStart.year:
                copy = ("\(context.name)/\(partner.id)/rejestr-porad-\(year) (kopia).csv", data, rows.count)
            case .resaved where year == Self.periodStart.year:
                let lf = CSVTableWriter(delimiter: ";", encoding: .utf8BOM, decimalSeparator: ",", lineEnding: "\n").verbatim()
                copy = (
                    "\(context.name)/\(partner.id)/rejestr-porad-\(year)_zapisany.csv",
                    Self.withStrayQuotes(try lf.encode(rows + totalsRow(under: rows, rng: &rng))), rows.count
                )
            case .quarter where year == Self.periodEnd.year:
                // With ``Conditions/corrections`` the Q1 file is the register as first sent: every 12th row with
                // the topic or the minutes the full-year log later corrected (the full-year log is the truth).
                var first = Array(rows[..<quarterRows])
                if conditions.contains(.corrections) {
                    let topicColumn = withBirth ? 7 : 6
                    for k in stride(from: 12, to: first.count, by: 12) {
                        if k % 24 == 0 {
                            first[k][first[k].count - 1] =
                                partner.hours ? .text(Self.hoursText(15)) : .number(Double(15))
                        } else {
                            first[k][topicColumn] = .text("inne")
                        }
                    }
                }
                copy = ("\(context.name)/\(partner.id)/rejestr-porad-\(year)Q1.csv", try writer.encode(first), quarterRows)
            default: break
            }
            guard let copy else {
                truth.file(path, read: rows.count - 1, rejected: rejected)
                for (row, person) in identities { truth.identity("\(path)#\(row)", person: person) }
                continue
            }
            try copy.data.write(to: context.folder.appendingPathComponent(copy.path))
            written.append(copy.path)
            // Each consultation counts once: the file read first (in path order) loads its rows, the other's
            // copies of them are rejected (duplicate-across-files). Both files' named rows are identity records
            // of the same persons; only the loaded ones reach the warehouse.
            let group = "\(partner.id)/rejestr-porad-\(year)"
            let pathFirst = path < copy.path
            truth.file(path, read: rows.count - 1, rejected: pathFirst ? 0 : rows.count - 1, copies: group)
            truth.file(copy.path, read: copy.rows - 1, rejected: pathFirst ? copy.rows - 1 : 0, copies: group)
            for (row, person) in identities {
                truth.identity("\(path)#\(row)", person: person)
                if row <= copy.rows { truth.identity("\(copy.path)#\(row)", person: person) }
            }
        }
        return written
    }

    /// A client's name cell as written, with what partners add after it: a phone number (``Conditions/phoneInName``)
    /// or the birth year in brackets (``Conditions/birthYearInName``).
    func withAdditions(_ name: String, of person: Person, rng: inout SeededGenerator) -> String {
        if conditions.contains(.phoneInName) && rng.chance(0.03) {
            return "\(name) tel. \(rng.int(500...899)) \(rng.int(100...999)) \(rng.int(100...999))"
        }
        if conditions.contains(.birthYearInName) && rng.chance(0.05) {
            return "\(name) (\(person.birth.year))"
        }
        return name
    }

    /// A typed-in totals row under a log (``Conditions/totals``): "Razem" and the minutes (or hours) summed; none
    /// without the condition. Not a data row: read counts stop above it.
    func totalsRow(under rows: [[CSVField]], rng: inout SeededGenerator) -> [[CSVField]] {
        guard conditions.contains(.totals), let width = rows.first?.count else { return [] }
        var sum = 0.0
        for row in rows.dropFirst() where row.count == width {
            switch row[width - 1] {
            case .number(let n): sum += n
            case .text(let t): sum += Double(t.replacingOccurrences(of: ",", with: ".")) ?? 0
            default: break
            }
        }
        var footer = [CSVField](repeating: .empty, count: width)
        footer[0] = .text(rng.pick(["Razem", "RAZEM", "Suma"]))
        footer[width - 1] = .number(sum)
        return [footer]
    }

    /// Minutes as a partner writes hours: `0,75` for 45.
    static func hoursText(_ minutes: Int) -> String {
        let hours = Double(minutes) / 60
        let text = hours == hours.rounded() ? String(Int(hours)) : String(format: "%g", hours)
        return text.replacingOccurrences(of: ".", with: ",")
    }

    static func citizenshipText(_ code: String, rng: inout SeededGenerator) -> String {
        switch code {
        case "UKR": return rng.pick(["ukraińskie", "Ukraina", "UA", "UKR", "Україна"])
        case "BLR": return rng.pick(["białoruskie", "Białoruś", "BLR"])
        case "RUS": return rng.pick(["rosyjskie", "Rosja", "RUS"])
        case "GEO": return rng.pick(["gruzińskie", "Gruzja", "GEO"])
        case "VNM": return rng.pick(["wietnamskie", "Wietnam", "VNM"])
        default: return rng.pick(["indyjskie", "Indie", "IND"])
        }
    }

    /// The career-guidance log (Polish-Excel CSV): name, sex, birth date, employment on the last visit.
    func writeGuidance(
        partner: Partner, visits: [Visit], context: inout FileContext, names: inout ProgramNames,
        rng: inout SeededGenerator, truth: inout TruthBuilder
    ) throws -> String {
        let path = "\(context.name)/\(partner.id)/doradztwo-zawodowe-2024-2025.csv"
        // Without a citizenship column (``Conditions/noCitizenship``): the eligibility was checked at entry.
        let citizenshipColumn = 5
        var header: [CSVField] = [
            "Data", "Doradca", "Imię i nazwisko", "Płeć", "Data urodzenia", "Obywatelstwo", "Język", "Temat", "Forma",
            "Czas (min)", "Data przyjazdu", "Data podjęcia zatrudnienia",
        ]
        if !partner.guidanceCitizenship { header.remove(at: citizenshipColumn) }
        var rows: [[CSVField]] = [header]
        let topics = [
            "CV i list motywacyjny", "rozmowa kwalifikacyjna", "rynek pracy", "uznanie kwalifikacji", "oferty pracy",
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
            let p = context.persons[client]
            let arrival = firstVisit[client] == visit.date ? p.arrival : nil
            let employed = lastVisit[client] == visit.date ? employment[client] : nil
            let language = rng.chance(0.85) ? p.language : rng.pick(["UA", "RU", "PL"])
            let topic = rng.pick(topics)
            let mode = rng.pick(["osobiście", "osobiście", "online"])
            let minutes = rng.pick([30, 45, 60, 90])
            var row: [CSVField] = [
                .text(visit.date.polish), .text(rng.pick(["A. Zawadzka", "P. Kowalczyk"])),
                .text(names.consultation(p, by: rng.chance(0.5) ? .polish : .passport)), .text(p.female ? "K" : "M"),
                .text(p.birth.polish), .text(Self.citizenshipText(p.citizenship, rng: &rng)), .text(language),
                .text(topic), .text(mode), .number(Double(minutes)), arrival.map { .text($0.polish) } ?? .empty,
                employed.map { .text($0.polish) } ?? .empty,
            ]
            if !partner.guidanceCitizenship { row.remove(at: citizenshipColumn) }
            rows.append(row)
            truth.consultation(
                .init(path: path, row: rows.count), partner: partner.id, activity: "career_guidance",
                date: visit.date, person: client, topic: topic, language: language, mode: mode, minutes: minutes,
                stated: .init(
                    sex: p.female ? "K" : "M", birth: p.birth,
                    citizenship: partner.guidanceCitizenship ? p.citizenship : nil, arrival: arrival,
                    employment: employed))
            truth.identity("\(path)#\(rows.count)", person: client)
        }
        truth.file(path, read: rows.count - 1, rejected: 0)
        try CSVTableWriter(delimiter: ";", encoding: .utf8BOM, decimalSeparator: ",").verbatim()
            .write(rows, to: context.folder.appendingPathComponent(path))
        return path
    }
}
