import Foundation
import IntegraCore
import IntegraReports

extension FixtureBuild {
    /// A course whose group is written only in the roll's file name and in a sentence of the attendance list's
    /// title, both tables ending in a footer; the roll has a person written by surname only.
    func groupsOutsideTheTable() throws {
        try rollGroupInFileName()
        try attendanceGroupInTitleSentence()
    }

    // MARK: The group in the file name, a surname alone, a footer of signatures

    private func rollGroupInFileName() throws {
        let path = "przystan/kurs_PL-C1_lista.csv"
        let source = "przystan-roll-pl-c1"
        let ledger = FixtureLedger(
            path: path, source: source,
            exercises: "No group column: the group is in the file name (`from_file_name: kurs_{group}_lista`); a "
                + "person written by surname only (`missing-name-part`, kept); a footer under the table "
                + "(`Sporządził: …`, `Podpis koordynatora …`) read as its footer (`table-footer`), not as rows")
        ledger.encoding = "utf-8"
        let people = FixturePeople.draw(5, rng: &rng, used: &usedNames)
        let start = LocalDate(year: 2023, month: 5, day: 8)!
        let header: [CSVField] = [
            "Lp.", "Nazwisko", "Imię", "Data urodzenia", "Obywatelstwo", "Płeć", "Data rozpoczęcia",
        ]
        var rows: [[CSVField]] = [header]
        var fates: [FixtureRowFate] = [.header]
        for (i, p) in people.enumerated() {
            // The coordinator knew only the surname of the third person.
            let first = i == 2 ? "" : p.first.polish
            rows.append([
                .number(Double(i + 1)), .text(p.last.polish), .text(first), .text(p.birth.polish), "Ukraina",
                .text(p.sex), .text(start.polish),
            ])
            fates.append(.loaded(warnings: i == 2 ? ["missing-name-part"] : []))
            ledger.participant(
                .init(
                    firstName: first, lastName: p.last.polish, birthDate: p.birth.iso, startDate: start.iso,
                    sex: p.sex, citizenship: "UKR"))
            if i != 2 { rosters["PL-C1", default: []].append((p, p.first.polish, p.last.polish)) }
        }
        // Footer lines as typed under the table: shorter than the header, which is no damaged row there.
        rows += [[], ["Sporządził: A. Nowak"], ["Podpis koordynatora", "………………"]]
        fates += [.blank, .footer, .footer]
        let (data, lines) = try csv(rows, delimiter: ";", encoding: .utf8)
        account(fates, numbers: lines, in: ledger)
        ledger.note("table-footer", row: lines[rows.count - 2])
        try save(data, to: path)
        record(
            FixtureSource(
                id: source, partner: "przystan", kind: "roll", activity: "polish_course", file: path,
                comment: "The group is only in the file name.",
                columns: [
                    ("row_number", ["Lp."]), ("last_name", ["Nazwisko"]), ("first_name", ["Imię"]),
                    ("birth_date", ["Data urodzenia"]), ("citizenship", ["Obywatelstwo"]), ("sex", ["Płeć"]),
                    ("start_date", ["Data rozpoczęcia"]),
                ],
                fromFileName: "kurs_{group}_lista"),
            ledger)
    }

    // MARK: The group in a title sentence, a footer of totals and signatures

    private func attendanceGroupInTitleSentence() throws {
        let path = "przystan/obecnosci_kurs_PL-C1.csv"
        let source = "przystan-attendance-pl-c1"
        let ledger = FixtureLedger(
            path: path, source: source,
            exercises: "The group only in the title's sentence `Lista obecności – kurs języka polskiego, grupa "
                + "PL-C1` (`from_title: grupa {group}`); under the table a `Razem` row of totals (numbers in the "
                + "session columns are no marks) and a signature line, read as its footer (`table-footer`)")
        ledger.encoding = "utf-8"
        let roster = rosters["PL-C1"]!
        let dates = sessions(from: LocalDate(year: 2023, month: 5, day: 8)!, count: 4, days: [0, 2])
        let header: [CSVField] = ["Lp.", "Imię i nazwisko"] + dates.map { .text($0.polish) }
        let width = header.count
        func padded(_ row: [CSVField]) -> [CSVField] { row + Array(repeating: .empty, count: width - row.count) }
        var rows: [[CSVField]] = [padded(["Lista obecności – kurs języka polskiego, grupa PL-C1"]), padded([]), header]
        var fates: [FixtureRowFate] = [.above, .above, .header]
        var counts = FixtureExpectation.Marks()
        var present = Array(repeating: 0, count: dates.count)
        for (i, entry) in roster.enumerated() {
            let row = marks(dates.count, from: ["x", "x", "nb", ""], allPresent: i == 0)
            rows.append([.number(Double(i + 1)), .text("\(entry.first) \(entry.last)")] + row.map { .text($0) })
            fates.append(.loaded)
            _ = count(row, into: &counts)
            for (s, mark) in row.enumerated() where Self.markStatus[mark] == "present" { present[s] += 1 }
        }
        rows.append(padded([.empty, "Razem"] + present.map { .number(Double($0)) }))
        rows.append(["Podpis prowadzącego", "………………"])
        fates += [.footer, .footer]
        let (data, lines) = try csv(rows, delimiter: ";", encoding: .utf8)
        account(fates, numbers: lines, in: ledger)
        ledger.note("table-footer", row: lines[rows.count - 2])
        ledger.marks(counts)
        try save(data, to: path)
        record(
            FixtureSource(
                id: source, partner: "przystan", kind: "attendance", activity: "polish_course", file: path,
                comment: "The group is only in a sentence of the title.",
                columns: [("full_name", ["Imię i nazwisko"])], fromTitle: "grupa {group}"),
            ledger)
    }
}
