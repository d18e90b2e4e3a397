import Foundation
import IntegraCore
import IntegraTesting
import Testing

@testable import IntegraIngest

private func texts(_ document: CSVDocument) -> [[String]] {
    document.table.rows.map { $0.cells.map(\.text) }
}

@Test func windows1250SemicolonFileFromPolishExcel() throws {
    let text =
        "Lp.;Nazwisko;Imię;Obywatelstwo;Kwota\r\n1;Wójcik;Łucja;ukraińskie;12,50\r\n2;Żółkiewski;Michał;polskie;3\r\n"
    let document = try CSVReader.read(data: #require(text.data(using: .windowsCP1250)))
    #expect(document.encoding == .windows1250)
    #expect(!document.hadBOM)
    #expect(document.delimiter == ";")
    #expect(document.table.name == nil)
    #expect(
        texts(document) == [
            ["Lp.", "Nazwisko", "Imię", "Obywatelstwo", "Kwota"], ["1", "Wójcik", "Łucja", "ukraińskie", "12,50"],
            ["2", "Żółkiewski", "Michał", "polskie", "3"],
        ])
    #expect(document.table.rows.map(\.number) == [1, 2, 3])
}

@Test func windows1251FileWithCyrillicNames() throws {
    let text = "Прізвище;Ім'я;Громадянство\nШевченко;Олександр;Україна\nЇжакевич;Євгенія;Україна\n"
    let document = try CSVReader.read(data: #require(text.data(using: .windowsCP1251)))
    #expect(document.encoding == .windows1251)
    #expect(texts(document)[2] == ["Їжакевич", "Євгенія", "Україна"])
    #expect(document.undecodableByteCount == 0)
}

@Test func utf8WithBOMHasTheMarkRemovedFromTheFirstHeader() throws {
    let data = Data([0xEF, 0xBB, 0xBF]) + Data("Imię,Nazwisko\nOlena,Kowalenko\n".utf8)
    let document = try CSVReader.read(data: data)
    #expect(document.encoding == .utf8)
    #expect(document.hadBOM)
    #expect(document.delimiter == ",")
    #expect(document.table.rows[0].cells.first == .string("Imię"))
}

@Test func utf16LittleEndianTabSeparatedFromExcelUnicodeText() throws {
    let text = "Imię\tNazwisko\r\nОлена\tKowalczyk\r\n"
    let data = Data([0xFF, 0xFE]) + (try #require(text.data(using: .utf16LittleEndian)))
    let document = try CSVReader.read(data: data)
    #expect(document.encoding == .utf16LE)
    #expect(document.hadBOM)
    #expect(document.delimiter == "\t")
    #expect(texts(document) == [["Imię", "Nazwisko"], ["Олена", "Kowalczyk"]])
}

@Test func rowNumbersAreTheLinesWhereRecordsStart() throws {
    let text = """
        Lp;Imię i nazwisko;Uwagi
        1;Anna Nowak;"Adres:
        ul. Długa 5
        Kraków"
        2;"Jan ""Janek"" Kowalski";

        ;;
        3;Ewa;"a;b"
        """
    let document = try CSVReader.read(data: Data(text.utf8))
    // Line 6 is empty and line 7 has only delimiters: both are skipped but still counted.
    #expect(document.table.rows.map(\.number) == [1, 2, 5, 8])
    #expect(document.table.blankRowNumbers == [6, 7])
    #expect(document.table.rows[1][2] == .string("Adres:\nul. Długa 5\nKraków"))
    #expect(document.table.rows[2].cells == [.string("2"), .string("Jan \"Janek\" Kowalski"), .empty])
    #expect(document.table.rows[3][2] == .string("a;b"))
    #expect(document.unterminatedQuoteLine == nil)
}

@Test func blankLinesAreSkippedWhateverTheLineEnding() throws {
    let document = try CSVReader.read(data: Data("a;b\r\n\r\n1;2\r\n   \r\n\r\n3;4\r\n\r\n".utf8))
    #expect(document.table.rows.map(\.number) == [1, 3, 6])
    #expect(document.table.blankRowNumbers == [2, 4, 5, 7])
}

@Test func excelSeparatorLineSetsTheDelimiterAndIsNotARow() throws {
    let document = try CSVReader.read(data: Data("sep=,\nImię;x,Nazwisko\n1;2,3\n".utf8))
    #expect(document.delimiter == ",")
    #expect(texts(document) == [["Imię;x", "Nazwisko"], ["1;2", "3"]])
    #expect(document.table.rows.map(\.number) == [2, 3])
}

@Test func givenOptionsOverrideDetection() throws {
    let text = "a|b;c\n1|2;3\n"
    let document = try CSVReader.read(
        data: Data(text.utf8), options: CSVOptions(encoding: .windows1250, delimiter: "|"))
    #expect(document.encoding == .windows1250)
    #expect(document.delimiter == "|")
    #expect(texts(document) == [["a", "b;c"], ["1", "2;3"]])
}

@Test(arguments: ["\"", "\n", "ą", "\r\n"] as [Character])
func unusableDelimitersAreRefused(delimiter: Character) throws {
    let error = try #require(throws: IngestError.self) {
        try CSVReader.read(data: Data("a;b\n".utf8), options: CSVOptions(delimiter: delimiter))
    }
    #expect(error.code == .unsupportedDelimiter)
}

@Test func problemsWorthAWarningAreReported() throws {
    let bytes = Data("Imię;Uwagi\n".utf8) + Data([0xC8, 0xE2, 0x98, 0x3B, 0x22, 0x61, 0x0A, 0x62, 0x0A])
    let document = try CSVReader.read(data: bytes, options: CSVOptions(encoding: .windows1251))
    #expect(document.undecodableByteCount == 1)
    #expect(document.unterminatedQuoteLine == 2)
    // The quote never closes: its row is damaged, and the line after it is read again.
    #expect(document.strayQuoteLines == [2])
    #expect(texts(document).dropFirst() == [["Ив\u{FFFD}", "\"a"], ["b"]])
}

/// The 53-row log of the field: one stray quote in a topic made it 5 rows, with 48 clients' names one "topic".
@Test func aStrayQuoteDamagesOnlyItsOwnRow() throws {
    var lines = ["Data;Imię i nazwisko;Temat;Czas"]
    for i in 1...52 { lines.append("\(i % 28 + 1).03.2024;Klient \(i);praca;30") }
    lines[5] = "5.03.2024;Klient 5;\"Kyiv office;30"
    let document = try CSVReader.read(data: Data((lines.joined(separator: "\r\n") + "\r\n").utf8))
    #expect(document.table.rows.count == 53)
    #expect(document.strayQuoteLines == [6])
    #expect(document.table.rows[5].cells.map(\.text) == ["5.03.2024", "Klient 5", "\"Kyiv office", "30"])
    #expect(document.table.rows[6].cells.map(\.text) == ["7.03.2024", "Klient 6", "praca", "30"])
    #expect(document.table.rows.map(\.number) == Array(1...53))
    #expect(document.fieldCounts.isEmpty && document.typicalFieldCount == 4)
}

/// Two stray quotes pair up across lines; the record they make has the wrong width, so both rows are damaged and
/// the rows between them read again.
@Test func strayQuotesThatPairUpAcrossLinesDamageOnlyTheirRows() throws {
    let text = "a;b;c\n1;\"x;y\n2;p;q\n3;r;s\n4;t\";u\n5;v;w\n"
    let document = try CSVReader.read(data: Data(text.utf8))
    #expect(document.strayQuoteLines == [2])
    #expect(texts(document) == [["a", "b", "c"], ["1", "\"x", "y"], ["2", "p", "q"], ["3", "r", "s"], ["4", "t\"", "u"], ["5", "v", "w"]])
    let unclosed = try CSVReader.read(data: Data("a;b\n1;\"x\ny\nz\n".utf8))
    #expect(unclosed.strayQuoteLines == [2])
    #expect(texts(unclosed) == [["a", "b"], ["1", "\"x"], ["y"], ["z"]])
}

@Test func aQuotedFieldOverLinesInARecordOfTheRightWidthIsKept() throws {
    let text = "Lp;Imię;Uwagi;Temat\n1;Anna;\"dzwonić\npo 16:00; lub rano\";praca\n2;\"Kyiv\" office;x;y\n"
    let document = try CSVReader.read(data: Data(text.utf8))
    #expect(document.strayQuoteLines.isEmpty)
    #expect(texts(document)[1] == ["1", "Anna", "dzwonić\npo 16:00; lub rano", "praca"])
    // Text after a closing quote is kept, as spreadsheet programs do.
    #expect(texts(document)[2] == ["2", "Kyiv office", "x", "y"])
}

@Test func theNumberOfFieldsIsKeptWhereItDiffers() throws {
    let text = "Tytuł\nLp;Imię;Nazwisko;Uwagi\n1;Anna;Nowak;\n2;Jan\n3;Ewa;Lis;x;\n4;Ola;Kot;;;\n"
    let document = try CSVReader.read(data: Data(text.utf8))
    #expect(document.typicalFieldCount == 4)
    #expect(document.fieldCounts == [1: 1, 4: 2, 5: 5, 6: 6])
}

@Test func readsFilesAndReportsMissingOnes() throws {
    let folder = try TestSupport.makeTemporaryDirectory("ingest-csv")
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("porady.csv")
    try #require("Data;Temat\n12.03.2023;praca\n".data(using: .windowsCP1250)).write(to: url)
    #expect(try texts(CSVReader.read(url: url)) == [["Data", "Temat"], ["12.03.2023", "praca"]])

    let missing = try #require(throws: IngestError.self) {
        try CSVReader.read(url: folder.appendingPathComponent("x.csv"))
    }
    #expect(missing.code == .unreadableFile)
    #expect(missing.message.contains("does not exist"))
    let directory = try #require(throws: IngestError.self) { try CSVReader.read(url: folder) }
    #expect(directory.code == .unreadableFile)
}

@Test func invalidUTF8IsRefusedWhenUTF8IsRequested() throws {
    let data = Data("Imię\nZa".utf8) + Data([0xBF]) + Data("ółć\n".utf8)
    let error = try #require(throws: IngestError.self) {
        try CSVReader.read(data: data, options: CSVOptions(encoding: .utf8))
    }
    #expect(error.code == .undecodableText)
    #expect(error.message.contains("byte 9, line 2"))
}

@Test func invalidUTF8PastTheEncodingSampleIsRefusedWithTheWayOut() throws {
    // The first 16 bytes are plain ASCII, so the file is taken for UTF-8; the Windows-1250 "ą" on the last line is
    // not. The file is longer than the delimiter window, so rows are passed on before the bad byte is reached.
    let lines = (1...40_000).map { "\($0);Jan\n" }.joined()
    let data = Data(("Lp;Imie\n" + lines + "40001;Ew").utf8) + Data([0xB9, 0x0A])
    var rows = 0
    let error = try #require(throws: IngestError.self) {
        try CSVReader.forEachRow(data: data, options: .init(), chunkSize: 16, sampleSize: 16) { _ in rows += 1 }
    }
    #expect(error.code == .undecodableText)
    #expect(error.message.contains("byte \(data.count - 1), line 40002, although its first 16 bytes are"))
    #expect(error.message.contains("windows-1250"))
    #expect(rows == 40_001)
    // Given the encoding, the same file reads.
    let document = try CSVReader.read(data: data, options: CSVOptions(encoding: .windows1250))
    #expect(texts(document).last == ["40001", "Ewą"])
}

@Test func unpairedSurrogateInUTF16IsRefused() throws {
    let error = try #require(throws: IngestError.self) {
        try CSVReader.read(data: Data([0xFF, 0xFE, 0x41, 0x00, 0x00, 0xD8, 0x42, 0x00]))
    }
    #expect(error.code == .undecodableText)
    #expect(error.message.contains("UTF-16 (byte 5)"))
}

@Test func forEachRowPassesRowsOnWithoutKeepingThem() throws {
    let folder = try TestSupport.makeTemporaryDirectory("ingest-csv")
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("obecnosci.csv")
    let text = "Lp;Imię\r\n1;Łucja\r\n;\r\n2;\"Jan\r\nKowalski\"\r\n\r\n"
    try #require(text.data(using: .windowsCP1250)).write(to: url)
    var rows: [TableRow] = []
    let info = try CSVReader.forEachRow(url: url) { rows.append($0) }
    #expect(rows.map(\.number) == [1, 2, 4])
    #expect(rows.map { $0.cells.map(\.text) } == [["Lp", "Imię"], ["1", "Łucja"], ["2", "Jan\r\nKowalski"]])
    #expect(
        info
            == CSVFileInfo(
                encoding: .windows1250, hadBOM: false, delimiter: ";", undecodableByteCount: 0,
                unterminatedQuoteLine: nil, blankRowNumbers: [3, 6], recordCount: 3, typicalFieldCount: 2))
}

@Test func anErrorFromTheClosureStopsTheReading() throws {
    struct Stop: Error {}
    var seen = 0
    #expect(throws: Stop.self) {
        try CSVReader.forEachRow(data: Data("a\nb\nc\n".utf8), options: .init(), chunkSize: 1, sampleSize: 1) { _ in
            seen += 1
            if seen == 2 { throw Stop() }
        }
    }
    #expect(seen == 2)
}
