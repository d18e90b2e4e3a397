import Foundation
import IntegraCore
import IntegraReports

/// Whole files that cannot be read: each must fail alone, with its code, while the run goes on.
extension FixtureBuild {
    func brokenFiles() throws {
        try truncated()
        try zipBomb()
        try doctype()
        try csvNamedXLSX()
        try missingColumn()
        try noHeader()
    }

    /// A roll source of the broken files: they fail before their columns matter.
    private func brokenSource(_ id: String, _ path: String, _ comment: String) -> FixtureSource {
        FixtureSource(
            id: id, partner: "centrum", kind: "roll", activity: "polish_course", file: path, comment: comment,
            columns: [("last_name", ["Nazwisko"]), ("first_name", ["Imię"]), ("group", ["Grupa"])])
    }

    /// A small, valid roll workbook: the material the damaged files are made from.
    private func smallRoll(_ sheet: inout FixtureSheet, header: [FixtureCell]) {
        sheet[1] = header
        let people = FixturePeople.draw(3, rng: &rng, used: &usedNames)
        for (i, p) in people.enumerated() {
            sheet[2 + i] = [
                .number(Double(i + 1)), .text(p.last.polish), .text(p.first.polish), .date(p.birth), "KURS-X",
            ]
        }
    }

    private func truncated() throws {
        let path = "broken/truncated.xlsx"
        let ledger = FixtureLedger(
            path: path, source: "broken-truncated",
            exercises: "an XLSX cut off after 60 % of its bytes (an interrupted download or copy): the zip has no "
                + "central directory (`unreadable-file`)")
        let whole = try xlsxData(title: path, author: "Centrum Wsparcia Cudzoziemców") { writer in
            let ws = try writer.addSheet("Lista")
            for (c, h) in ["Lp.", "Nazwisko", "Imię", "Grupa"].enumerated() {
                try ws.write(h, row: 0, col: c, style: .header)
            }
            for (i, p) in FixturePeople.draw(4, rng: &rng, used: &usedNames).enumerated() {
                try ws.write(Double(i + 1), row: i + 1, col: 0)
                try ws.write(p.last.polish, row: i + 1, col: 1)
                try ws.write(p.first.polish, row: i + 1, col: 2)
                try ws.write("KURS-X", row: i + 1, col: 3)
            }
        }
        try save(whole.prefix(whole.count * 6 / 10), to: path)
        ledger.failed("unreadable-file")
        record(brokenSource("broken-truncated", path, "Cut off part way."), ledger)
    }

    private func zipBomb() throws {
        let path = "broken/zip-bomb.xlsx"
        let ledger = FixtureLedger(
            path: path, source: "broken-zip-bomb",
            exercises: "an XLSX whose sheet part declares 64 MiB unpacked for a few hundred bytes packed (ratio "
                + "far above 200:1); refused before anything is unpacked (`zip-bomb`); the file itself is tiny")
        var sheet = FixtureSheet("Lista")
        smallRoll(&sheet, header: ["Lp.", "Nazwisko", "Imię", "Data urodzenia", "Grupa"])
        var zip = FixtureZip()
        for part in FixtureWorkbook(sheets: [sheet]).parts() {
            zip.add(
                part.name, Data(part.xml.utf8), declaredSize: part.name.hasPrefix("xl/worksheets/") ? 64 << 20 : nil)
        }
        try save(zip.bytes(), to: path)
        ledger.failed("zip-bomb")
        record(brokenSource("broken-zip-bomb", path, "Declares an implausible unpacked size."), ledger)
    }

    private func doctype() throws {
        let path = "broken/doctype.xlsx"
        let ledger = FixtureLedger(
            path: path, source: "broken-doctype",
            exercises: "an XLSX whose sheet XML declares a DOCTYPE with nested entities (the \"billion laughs\" "
                + "pattern, kept small); Excel never writes one (`xml-doctype-refused`)")
        var sheet = FixtureSheet("Lista")
        smallRoll(&sheet, header: ["Lp.", "Nazwisko", "Imię", "Data urodzenia", "Grupa"])
        var zip = FixtureZip()
        for part in FixtureWorkbook(sheets: [sheet]).parts() {
            var xml = part.xml
            if part.name == "xl/worksheets/sheet1.xml" {
                let doctype =
                    "<!DOCTYPE worksheet [<!ENTITY a \"ha\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">"
                    + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n"
                xml = xml.replacingOccurrences(
                    of: FixtureWorkbook.declaration, with: FixtureWorkbook.declaration + doctype)
                xml = xml.replacingOccurrences(
                    of: "</row></sheetData>",
                    with: "<c r=\"F4\" t=\"inlineStr\"><is><t>&c;</t></is></c></row></sheetData>")
            }
            zip.add(part.name, Data(xml.utf8))
        }
        try save(zip.bytes(), to: path)
        ledger.failed("xml-doctype-refused")
        record(brokenSource("broken-doctype", path, "XML with a document type declaration."), ledger)
    }

    private func csvNamedXLSX() throws {
        let path = "broken/csv-named-xlsx.xlsx"
        let ledger = FixtureLedger(
            path: path, source: "broken-csv-as-xlsx",
            exercises: "a Windows-1250 `;` CSV saved with the .xlsx extension (`not-an-xlsx`)")
        var rows: [[CSVField]] = [["Lp.", "Nazwisko", "Imię", "Grupa"]]
        for (i, p) in FixturePeople.draw(3, rng: &rng, used: &usedNames).enumerated() {
            rows.append([.number(Double(i + 1)), .text(p.last.polish), .text(p.first.polish), "KURS-X"])
        }
        try save(try csv(rows, delimiter: ";", encoding: .windows1250).data, to: path)
        ledger.failed("not-an-xlsx")
        record(brokenSource("broken-csv-as-xlsx", path, "A CSV under an .xlsx name."), ledger)
    }

    private func missingColumn() throws {
        let path = "broken/missing-column.xlsx"
        let ledger = FixtureLedger(
            path: path, source: "broken-missing-column",
            exercises: "an XLSX roll whose header has Nazwisko and Imię but no Grupa, which the source maps "
                + "(`missing-column` for the sheet; no row is read)")
        try xlsx(path, author: "Centrum Wsparcia Cudzoziemców") { writer in
            let ws = try writer.addSheet("Lista")
            for (c, h) in ["Lp.", "Nazwisko", "Imię", "Data urodzenia"].enumerated() {
                try ws.write(h, row: 0, col: c, style: .header)
            }
            for (i, p) in FixturePeople.draw(3, rng: &rng, used: &usedNames).enumerated() {
                try ws.write(Double(i + 1), row: i + 1, col: 0)
                try ws.write(p.last.polish, row: i + 1, col: 1)
                try ws.write(p.first.polish, row: i + 1, col: 2)
                try ws.write(p.birth, row: i + 1, col: 3)
            }
        }
        ledger.failed("missing-column", sheet: "Lista")
        record(brokenSource("broken-missing-column", path, "The group column is missing from the file."), ledger)
    }

    private func noHeader() throws {
        let path = "broken/no-header.xlsx"
        let ledger = FixtureLedger(
            path: path, source: "broken-no-header",
            exercises: "an XLSX with only a summary sheet (no row holds any mapped header text: "
                + "`header-not-found`)")
        try xlsx(path, author: "Centrum Wsparcia Cudzoziemców") { writer in
            let ws = try writer.addSheet("Podsumowanie")
            try ws.write("Podsumowanie kursu — stan na koniec kwartału", row: 0, col: 0, style: .title)
            try ws.write("Liczba uczestników", row: 2, col: 0)
            try ws.write(12.0, row: 2, col: 1)
            try ws.write("Liczba godzin", row: 3, col: 0)
            try ws.write(60.5, row: 3, col: 1)
            try ws.write("Stan na", row: 4, col: 0)
            try ws.write(LocalDate(year: 2023, month: 3, day: 31)!, row: 4, col: 1)
        }
        ledger.failed("header-not-found", sheet: "Podsumowanie")
        record(brokenSource("broken-no-header", path, "A sheet without a table."), ledger)
    }
}
