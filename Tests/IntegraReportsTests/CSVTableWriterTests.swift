import Foundation
import IntegraCore
import IntegraReports
import IntegraTesting
import Testing

@Suite struct CSVTableWriterTests {
    private func text(_ rows: [[CSVField]], _ dialect: CSVDialect = .rfc4180) throws -> String {
        String(decoding: try CSVTableWriter(dialect: dialect).encode(rows), as: UTF8.self)
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("", ""),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("line\nbreak", "\"line\nbreak\""),
        ("carriage\rreturn", "\"carriage\rreturn\""),
        (" leading", "\" leading\""),
        ("trailing ", "\"trailing \""),
        ("inner space", "inner space"),
        ("semi;colon", "semi;colon"),
        ("Zażółć", "Zażółć"),
        // A quote followed by a combining mark is one character but two scalars: the quote is still doubled (a
        // single one ended the field early for a spreadsheet; found by fuzz-csv).
        ("Wiśn\"\u{34E}iewska", "\"Wiśn\"\"\u{34E}iewska\""),
    ])
    func quotesOnlyWhenNeeded(field: String, written: String) throws {
        #expect(try text([[.text(field)]]) == written + "\r\n")
    }

    @Test func excelPLQuotesSemicolonsNotCommas() throws {
        #expect(try text([["a;b", "a,b"]], .excelPL) == "\u{FEFF}\"a;b\";a,b\r\n")
    }

    @Test func rfc4180HasNoBOMAndCRLF() throws {
        let data = try CSVTableWriter(dialect: .rfc4180).encode([["Gmina", "Liczba"], ["Łódź", 12]])
        #expect(Array(data) == Array("Gmina,Liczba\r\nŁódź,12\r\n".utf8))
    }

    @Test func excelPLStartsWithBOMAndUsesDecimalComma() throws {
        let data = try CSVTableWriter(dialect: .excelPL).encode([
            ["Wskaźnik", "Wartość"], ["Odsetek", 0.625], ["Suma", 1234],
        ])
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(
            String(decoding: data.dropFirst(3), as: UTF8.self) == "Wskaźnik;Wartość\r\nOdsetek;0,625\r\nSuma;1234\r\n")
    }

    @Test(arguments: [
        (3.0, "3"), (-0.0, "0"), (-12.5, "-12.5"), (0.1, "0.1"), (1e-5, "0.00001"), (1.25e-7, "0.000000125"),
        (1e15, "1000000000000000"), (1e16, "10000000000000000"), (1.5e17, "150000000000000000"),
        (123456789.125, "123456789.125"), (2.0 / 3.0, "0.6666666666666666"),
    ])
    func numbersArePlainAndShortest(number: Double, written: String) throws {
        #expect(try text([[.number(number)]]) == written + "\r\n")
    }

    @Test func datesAndCellValues() throws {
        let date = LocalDate(year: 2024, month: 3, day: 1)!
        let row: [CSVField] = [.date(date), CSVField(.bool(true)), CSVField(.number(2)), CSVField(.empty), "x"]
        #expect(try text([row]) == "2024-03-01,TRUE,2,,x\r\n")
    }

    @Test func windows1250WritesPolishLettersAsSingleBytes() throws {
        let writer = CSVTableWriter(delimiter: ";", encoding: .windows1250, decimalSeparator: ",")
        let data = try writer.encode([["ąęłńóśźż", "ĄĘŁŃÓŚŹŻ"], [.number(1.5)]])
        #expect(
            Array(data) == [
                0xB9, 0xEA, 0xB3, 0xF1, 0xF3, 0x9C, 0x9F, 0xBF, 0x3B,
                0xA5, 0xCA, 0xA3, 0xD1, 0xD3, 0x8C, 0x8F, 0xAF, 0x0D, 0x0A,
                0x31, 0x2C, 0x35, 0x0D, 0x0A,
            ])
    }

    @Test func windows1250ComposesDecomposedLetters() throws {
        let writer = CSVTableWriter(delimiter: ";", encoding: .windows1250, decimalSeparator: ",")
        #expect(Array(try writer.encode([["a\u{0328}"]])) == [0xB9, 0x0D, 0x0A])
    }

    @Test func windows1251WritesCyrillic() throws {
        let writer = CSVTableWriter(delimiter: ";", encoding: .windows1251, decimalSeparator: ",")
        #expect(Array(try writer.encode([["Київ"]])) == [0xCA, 0xE8, 0xBF, 0xE2, 0x0D, 0x0A])
    }

    @Test func unencodableCharacterNamesRowAndColumn() throws {
        let writer = CSVTableWriter(delimiter: ";", encoding: .windows1250, decimalSeparator: ",")
        let error = #expect(throws: CSVTableWriterError.self) {
            try writer.encode([["Imię", "Miasto"], ["Ołena", "Київ"]])
        }
        #expect(
            error?.description
                == "row 2, column 2 (B): character U+041A cannot be written in windows1250; "
                + "write the file in UTF-8 or replace the character")
    }

    @Test func nonFiniteNumbersAreRefused() throws {
        #expect(throws: CSVTableWriterError.self) { try CSVTableWriter(dialect: .rfc4180).encode([[.number(.nan)]]) }
    }

    @Test func writeIsAtomicAndLeavesNoTemporaryFile() throws {
        let folder = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("wskazniki.csv")
        let writer = CSVTableWriter(dialect: .excelPL)
        try writer.write([["stara"]], to: url)
        try writer.write([["nowa", 1]], to: url)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["wskazniki.csv"])
        #expect(try Data(contentsOf: url) == writer.encode([["nowa", 1]]))

        let failing = CSVTableWriter(delimiter: ";", encoding: .windows1250, decimalSeparator: ",")
        #expect(throws: CSVTableWriterError.self) { try failing.write([["中文"]], to: url) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["wskazniki.csv"])
    }

    /// A table of names (`explain --show-names --csv`) is readable by its owner only, and the same bytes.
    @Test func anOwnerOnlyTableIsMode0600() throws {
        let folder = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("osoby.csv")
        let writer = CSVTableWriter(dialect: .rfc4180)
        try writer.write([[CSVField.text("Kowalska"), .number(1)]], to: url, ownerOnly: true)
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        #expect(try Data(contentsOf: url) == writer.encode([[CSVField.text("Kowalska"), .number(1)]]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["osoby.csv"])
    }

    @Test func writeIntoAMissingFolderThrowsAndLeavesNothing() throws {
        let url = URL(fileURLWithPath: "/nonexistent-integra-folder/a.csv")
        #expect(throws: (any Error).self) { try CSVTableWriter(dialect: .rfc4180).write([["a"]], to: url) }
    }

    // Issue 17 item 1: CSV formula injection.
    @Test(arguments: [
        ("=HYPERLINK(\"http://x\",\"click\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\""),
        ("+48 600 100 200", "'+48 600 100 200"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "\"'\r=1\""),
        ("-", "'-"),
        ("-12", "-12"),
        ("+3.5", "+3.5"),
        ("-0,25", "\"-0,25\""),
        ("a=b", "a=b"),
    ])
    func formulaLikeTextIsNeutralised(field: String, written: String) throws {
        #expect(try text([[.text(field)]]) == written + "\r\n")
    }

    @Test func noFieldOfAnyDialectStartsWithAFormulaCharacter() throws {
        let hostile = ["=1+1", "+1+1", "-1+1", "@A1", "\t=1", "\r=1", "=cmd|' /C calc'!A0"]
        for dialect in [CSVDialect.rfc4180, .excelPL] {
            let text = String(decoding: try CSVTableWriter(dialect: dialect).encode([hostile.map(CSVField.text)]), as: UTF8.self)
            let fields = text.drop { $0 == "\u{FEFF}" }.dropLast(2)
                .split(separator: dialect.delimiter, omittingEmptySubsequences: false)
            #expect(fields.count == hostile.count)
            for field in fields {
                let unquoted = field.hasPrefix("\"") ? field.dropFirst() : field
                #expect(unquoted.hasPrefix("'"), "\(field)")
            }
        }
    }

    @Test func numbersAndVerbatimWritersAreLeftAlone() throws {
        #expect(try text([[-3, .number(-0.5)]]) == "-3,-0.5\r\n")
        let verbatim = try CSVTableWriter(dialect: .rfc4180).verbatim().encode([["=1+1", "-"]])
        #expect(String(decoding: verbatim, as: UTF8.self) == "=1+1,-\r\n")
    }
}
