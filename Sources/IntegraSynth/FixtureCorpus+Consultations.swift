import Foundation
import IntegraCore
import IntegraReports

extension FixtureBuild {
    func consultations() throws {
        let path = "centrum/rejestr-porad.csv"
        let ledger = FixtureLedger(
            path: path, source: "centrum-consultations",
            exercises: "Consultation log typed by hand, UTF-8 with `,`: quoted notes with line breaks and doubled "
                + "quotes, blank lines between records (blank 2) and after the last, anonymous consultations (two "
                + "identical ones are not duplicates), `values:` maps for citizenship, language and mode; bad: "
                + "date `03/04/2023` (`ambiguous-date`, kept), `31.04.2023` (`invalid-date`, rejected), a date "
                + "after the project (`date-outside-period`, kept)")
        ledger.encoding = "utf-8"
        let clients = FixturePeople.draw(4, rng: &rng, used: &usedNames)
        func name(_ p: FixturePerson) -> CSVField { .text("\(p.first.polish) \(p.last.polish)") }
        func birth(_ p: FixturePerson) -> CSVField { .text("\(p.birth.day).\(p.birth.month).\(p.birth.year)") }

        /// A record, what happens to it, and (loaded only) its mapped mode, language and citizenship.
        struct Entry {
            var fields: [CSVField]
            var fate: FixtureRowFate
            var mode: String?
            var language: String?
            var citizenship: String?
            var named = false
        }
        func visit(
            _ date: String, _ consultant: String, _ client: FixturePerson?, citizenship: String, _ language: String,
            _ topic: String, _ mode: String, _ minutes: Int, note: String = "", fate: FixtureRowFate = .loaded
        ) -> Entry {
            let modes = ["os.": "osobiście", "tel.": "telefon", "on-line": "online"]
            let languages = ["ukr.": "UA", "ros.": "RU", "pol.": "PL"]
            let citizenships = ["Ukr.": "UKR", "Ukraina": "UKR", "Białor.": "BLR"]
            return Entry(
                fields: [
                    .text(date), .text(consultant), client.map(name) ?? .empty, client.map(birth) ?? .empty,
                    client == nil ? .empty : .text(citizenship), .text(language), .text(topic), .text(mode),
                    .number(Double(minutes)), note.isEmpty ? .empty : .text(note),
                ],
                fate: fate, mode: modes[mode], language: languages[language],
                citizenship: client == nil ? nil : citizenships[citizenship], named: client != nil)
        }
        let blank = Entry(fields: [], fate: .blank)
        let entries: [Entry] = [
            visit("09.01.2023", "K. Nowicka", clients[0], citizenship: "Ukr.", "ukr.", "legalizacja pobytu", "os.", 30),
            visit("12.01.2023", "M. Wiśniewski", nil, citizenship: "", "ros.", "praca", "tel.", 15),
            visit(
                "23.01.2023", "K. Nowicka", clients[1], citizenship: "Ukraina", "ukr.", "legalizacja pobytu", "os.", 45,
                note: "Klientka pyta o \"kartę pobytu CUKR\".\nUmówiona ponownie na 30.01."),
            blank,
            visit(
                "30.01.2023", "K. Nowicka", clients[1], citizenship: "Ukraina", "ukr.", "legalizacja pobytu", "os.",
                30),
            visit(
                "07.02.2023", "О. Ковальчук", clients[2], citizenship: "Białor.", "ros.", "mieszkanie", "on-line", 20,
                note: "Polecono kurs \"Start w Polsce\", grupa \"B\""),
            visit("14.02.2023", "M. Wiśniewski", nil, citizenship: "", "pol.", "zdrowie", "tel.", 10),
            // The same short anonymous call twice on one day: two consultations, not a duplicate.
            visit("14.02.2023", "M. Wiśniewski", nil, citizenship: "", "pol.", "zdrowie", "tel.", 10),
            Entry(fields: Array(repeating: .empty, count: 10), fate: .blank),
            visit(
                "20.03.2023", "K. Nowicka", nil, citizenship: "", "ukr.", "edukacja", "os.", 25,
                note: "Pytanie o szkołę dla dziecka,\nklasa 3;\n\"pilne\""),
            visit(
                "03/04/2023", "K. Nowicka", clients[3], citizenship: "Ukr.", "ukr.", "praca", "os.", 30,
                fate: .loaded(warnings: ["ambiguous-date"])),
            visit(
                "31.04.2023", "M. Wiśniewski", clients[0], citizenship: "Ukr.", "ukr.", "praca", "tel.", 15,
                fate: .rejected(code: "invalid-date", warnings: [])),
            visit(
                "15.01.2024", "О. Ковальчук", clients[2], citizenship: "Białor.", "ros.", "mieszkanie", "os.", 30,
                fate: .loaded(warnings: ["date-outside-period"])),
            blank,
        ]
        let header: [CSVField] = [
            "Data", "Konsultant", "Imię i nazwisko klienta", "Data ur.", "Obywatelstwo", "Język", "Temat", "Forma",
            "Czas (min)", "Uwagi",
        ]
        let (data, lines) = try csv(
            [header] + entries.map(\.fields), delimiter: ",", encoding: .utf8, decimalSeparator: ".")
        account([.header] + entries.map(\.fate), numbers: lines, in: ledger)
        // "Uwagi" (the consultant's notes) is mapped by no field.
        ledger.unusedColumns()
        var facts = FixtureExpectation.Consultations()
        for e in entries {
            guard case .loaded = e.fate else { continue }
            if e.named { facts.named += 1 } else { facts.anonymous += 1 }
            if let m = e.mode { facts.modes.insert(m) }
            if let l = e.language { facts.languages.insert(l) }
            if let c = e.citizenship { facts.citizenships.insert(c) }
        }
        ledger.consultations(facts)
        try save(data, to: path)
        record(
            FixtureSource(
                id: "centrum-consultations", partner: "centrum", kind: "consultations", activity: "consultation",
                file: path, comment: "The information point's own abbreviations, mapped to canonical values.",
                columns: [
                    ("date", ["Data"]), ("consultant", ["Konsultant"]), ("full_name", ["Imię i nazwisko klienta"]),
                    ("birth_date", ["Data ur."]), ("citizenship", ["Obywatelstwo"]), ("language", ["Język"]),
                    ("topic", ["Temat"]), ("mode", ["Forma"]), ("minutes", ["Czas (min)"]),
                ],
                values: [
                    ("citizenship", [("UKR", ["Ukr."]), ("BLR", ["Białor."])]),
                    ("language", [("UA", ["ukr."]), ("RU", ["ros."]), ("PL", ["pol."])]),
                    ("mode", [("osobiście", ["os."]), ("telefon", ["tel."]), ("online", ["on-line"])]),
                ]),
            ledger)
    }
}
