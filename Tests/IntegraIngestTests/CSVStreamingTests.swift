import Foundation
import IntegraCore
import IntegraTesting
import Testing

@testable import IntegraIngest

/// A CSV input whose rows the streaming reader must reproduce whatever the chunk size.
struct CSVFixture: Sendable, CustomTestStringConvertible {
    var name: String
    var data: Data
    var options = CSVOptions()

    var testDescription: String { name }

    init(_ name: String, _ data: Data, _ options: CSVOptions = .init()) {
        self.name = name
        self.data = data
        self.options = options
    }

    init(_ name: String, _ text: String, _ encoding: String.Encoding = .utf8, _ options: CSVOptions = .init()) {
        self.init(name, text.data(using: encoding) ?? Data(), options)
    }
}

private let utf8BOM = Data([0xEF, 0xBB, 0xBF])
private let utf16LEBOM = Data([0xFF, 0xFE])
private let utf16BEBOM = Data([0xFE, 0xFF])
/// Multi-line quoted fields, doubled quotes, CRLF inside and outside quotes, two-, three- and four-byte characters.
private let mixed =
    "Lp;Imię i nazwisko;Uwagi\r\n1;Łucja Wójcik;\"Adres:\r\nul. Długa 5\r\n\"\"Kraków\"\"\"\r\n"
    + "2;Олександр Їжакевич;\"😀 emoji; 𝔸 and € \"\"\"\"\"\r\n\r\n3;\"\";\"\"\"\"\r\n"

/// The readers' own test inputs, and inputs built to put every kind of chunk boundary somewhere.
let csvFixtures: [CSVFixture] = [
    CSVFixture(
        "windows-1250 from Polish Excel",
        "Lp.;Nazwisko;Imię;Obywatelstwo;Kwota\r\n1;Wójcik;Łucja;ukraińskie;12,50\r\n2;Żółkiewski;Michał;polskie;3\r\n",
        .windowsCP1250),
    CSVFixture(
        "windows-1251 Cyrillic",
        "Прізвище;Ім'я;Громадянство\nШевченко;Олександр;Україна\nЇжакевич;Євгенія;Україна\n", .windowsCP1251),
    CSVFixture("UTF-8 with BOM", utf8BOM + Data("Imię,Nazwisko\nOlena,Kowalenko\n".utf8)),
    CSVFixture("UTF-8 BOM only", utf8BOM),
    CSVFixture("UTF-8 BOM and a line break", utf8BOM + Data("\r\n".utf8)),
    CSVFixture(
        "UTF-16LE with BOM, tabs",
        utf16LEBOM + ("Imię\tNazwisko\r\nОлена\tKowalczyk\r\n".data(using: .utf16LittleEndian) ?? Data())),
    CSVFixture("UTF-16LE with BOM, mixed", utf16LEBOM + (mixed.data(using: .utf16LittleEndian) ?? Data())),
    CSVFixture("UTF-16BE with BOM, mixed", utf16BEBOM + (mixed.data(using: .utf16BigEndian) ?? Data())),
    CSVFixture("UTF-16LE without BOM", mixed, .utf16LittleEndian),
    CSVFixture("UTF-16BE without BOM", mixed, .utf16BigEndian),
    CSVFixture("UTF-8 mixed", mixed),
    CSVFixture("UTF-8 mixed with BOM", utf8BOM + Data(mixed.utf8)),
    CSVFixture(
        "row numbers",
        "Lp;Imię i nazwisko;Uwagi\n1;Anna Nowak;\"Adres:\nul. Długa 5\nKraków\"\n2;\"Jan \"\"Janek\"\" Kowalski\";\n\n;;\n"
            + "3;Ewa;\"a;b\""),
    CSVFixture("blank lines, CRLF", "a;b\r\n\r\n1;2\r\n   \r\n\r\n3;4\r\n\r\n"),
    CSVFixture("Excel sep line", "sep=,\nImię;x,Nazwisko\n1;2,3\n"),
    CSVFixture("Excel sep line, CRLF", "sep=;\r\na;b\r\n1;2"),
    CSVFixture("Excel sep line alone", "sep=;"),
    CSVFixture("given options", "a|b;c\n1|2;3\n", .utf8, CSVOptions(encoding: .windows1250, delimiter: "|")),
    CSVFixture(
        "undefined byte and unterminated quote",
        Data("Imię;Uwagi\n".utf8) + Data([0xC8, 0xE2, 0x98, 0x3B, 0x22, 0x61, 0x0A, 0x62, 0x0A]),
        CSVOptions(encoding: .windows1251)),
    CSVFixture("unterminated quote with CRLF", "a;b\r\n1;\"x\r\ny\r"),
    CSVFixture("stray quote, record on the next line", "a;b;c\n1;\"x;y\n2;p;q\n3;r;s\n"),
    CSVFixture("stray quotes pairing up, CRLF", "a;b;c\r\n1;\"x;y\r\n2;p;q\r\n3;r\";s\r\n4;\"m\r\nn\";o\r\n"),
    CSVFixture("stray quote never closed, CR", "a;b\r1;\"x\ry\rz"),
    CSVFixture("stray quote on the last line", "a;b;c\n1;2;3\n4;\"5;6"),
    CSVFixture(
        "quotes and delimiters", "Lp;Imię;Uwagi\n1;Anna;\"ma \"\"dwa\"\" telefony; dzwonić\npo 16:00\nlub rano\"\n"),
    CSVFixture("empty fields", "a;;\"\";\" \"\n"),
    CSVFixture("CR line ends", "a;b\rc;d\re;f\r"),
    CSVFixture("CRLF without a last one", "a;b\r\nc;d\r\ne;f"),
    CSVFixture("line breaks of every kind inside quotes", "h\n\"a\r\nb\rc\nd\"\nnext\n\nlast"),
    CSVFixture("trailing delimiter", "a;b;"),
    CSVFixture("text after a closing quote", "\"a\"b;c\n\"x\"\"\"yz;\"\"\r\n"),
    CSVFixture("ends on a closing quote", "a;\"b\""),
    CSVFixture("ends on a CR", "a;b\r1;2\r"),
    CSVFixture("empty", ""),
]

/// The text files of the demo project and of the test fixture corpus.
private func partnerFileFixtures() throws -> [CSVFixture] {
    let root = TestSupport.repositoryRoot
    let files = ["pipelines/demo", "Tests/Fixtures"].flatMap { folder in
        FileManager.default.enumerator(at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { ["csv", "tsv", "txt"].contains($0.pathExtension) } ?? []
    }
    return try files.sorted { $0.path < $1.path }.map {
        try CSVFixture($0.path.replacingOccurrences(of: root.path + "/", with: ""), Data(contentsOf: $0))
    }
}

/// Everything a reader returns, in one comparable value.
private struct Outcome: Equatable {
    var rows: [TableRow]
    var info: CSVFileInfo
}

private func whole(_ fixture: CSVFixture) throws -> Outcome {
    let document = try CSVReader.read(data: fixture.data, options: fixture.options)
    let info = CSVFileInfo(
        encoding: document.encoding, hadBOM: document.hadBOM, delimiter: document.delimiter,
        undecodableByteCount: document.undecodableByteCount, unterminatedQuoteLine: document.unterminatedQuoteLine,
        blankRowNumbers: document.table.blankRowNumbers, recordCount: document.table.rows.count,
        strayQuoteLines: document.strayQuoteLines, typicalFieldCount: document.typicalFieldCount,
        fieldCounts: document.fieldCounts)
    return Outcome(rows: document.table.rows, info: info)
}

private func streamed(_ fixture: CSVFixture, chunkSize: Int) throws -> Outcome {
    var rows: [TableRow] = []
    let info = try CSVReader.forEachRow(
        data: fixture.data, options: fixture.options, chunkSize: chunkSize,
        sampleSize: CSVReader.encodingSampleSize
    ) { rows.append($0) }
    return Outcome(rows: rows, info: info)
}

/// A read's outcome, or the error it stopped with.
private enum Attempt: Equatable {
    case read(Outcome)
    case failed(String)

    init(_ read: () throws -> Outcome) {
        do {
            self = .read(try read())
        } catch {
            self = .failed("\(error)")
        }
    }
}

/// Chunk sizes that put a boundary inside every BOM, CRLF, doubled quote and multi-byte character of the fixtures.
private let tinyChunkSizes = [1, 2, 3, 7, 64]

@Test(arguments: csvFixtures, tinyChunkSizes)
func streamingGivesTheRowsOfAWholeRead(fixture: CSVFixture, chunkSize: Int) throws {
    #expect(try streamed(fixture, chunkSize: chunkSize) == whole(fixture))
}

@Test(arguments: tinyChunkSizes)
func streamingGivesTheRowsOfAWholeReadForThePartnerFiles(chunkSize: Int) throws {
    let fixtures = try partnerFileFixtures()
    #expect(fixtures.count >= 3)
    for fixture in fixtures {
        #expect(
            Attempt { try streamed(fixture, chunkSize: chunkSize) } == Attempt { try whole(fixture) }, "\(fixture.name)"
        )
    }
}

@Test func wholeReadsOfTheBoundaryFixturesAreWhatTheyShouldBe() throws {
    let document = try CSVReader.read(data: Data(mixed.utf8))
    #expect(document.table.rows.map(\.number) == [1, 2, 5, 7])
    #expect(document.table.blankRowNumbers == [6])
    #expect(document.table.rows[1][2] == .string("Adres:\r\nul. Długa 5\r\n\"Kraków\""))
    #expect(document.table.rows[2][2] == .string("😀 emoji; 𝔸 and € \"\""))
    #expect(document.table.rows[3].cells == [.string("3"), .empty, .string("\"")])
    for fixture in csvFixtures where fixture.name.hasSuffix(", mixed") || fixture.name.hasSuffix("without BOM") {
        #expect(try CSVReader.read(data: fixture.data).table.rows == document.table.rows, "\(fixture.name)")
    }
    let crlf = try whole(#require(csvFixtures.first { $0.name == "unterminated quote with CRLF" }))
    // The quote never closes: its row is damaged, and the line after it is read again.
    #expect(crlf.rows.map(\.number) == [1, 2, 3])
    #expect(crlf.rows[1].cells == [.string("1"), .string("\"x")])
    #expect(crlf.rows[2].cells == [.string("y")])
    #expect(crlf.info.unterminatedQuoteLine == 2 && crlf.info.strayQuoteLines == [2])
    #expect(try whole(#require(csvFixtures.first { $0.name == "UTF-8 BOM only" })).info.hadBOM)
}

@Test(arguments: [7, 4096, 1 << 20])
func aFileLongerThanTheDelimiterWindowStreamsTheSame(chunkSize: Int) throws {
    // Rows of every width around the window's end, so the window cuts a record, and a `,` in quotes that must not
    // sway the delimiter.
    var text = "Lp;Imię;Nazwisko;Uwagi\r\n"
    var n = 0
    while text.utf8.count < CSVParser.delimiterWindow + 4096 {
        n += 1
        text += "\(n);Łucja;Wójcik-\(n);\"a, b\r\n\(String(repeating: "ż", count: n % 7))\"\r\n"
    }
    let fixture = CSVFixture("long", text)
    let expected = try whole(fixture)
    #expect(expected.info.delimiter == ";")
    #expect(expected.rows.count == n + 1)
    #expect(expected.rows.last?.number == 2 * n)  // each record spans two lines
    #expect(try streamed(fixture, chunkSize: chunkSize) == expected)
}

@Test(arguments: [1, 7, 64])
func streamingFromAFileGivesTheSameRows(chunkSize: Int) throws {
    let folder = try TestSupport.makeTemporaryDirectory("ingest-csv-stream")
    defer { try? FileManager.default.removeItem(at: folder) }
    for (k, fixture) in csvFixtures.enumerated() {
        let url = folder.appendingPathComponent("\(k).csv")
        try fixture.data.write(to: url)
        var rows: [TableRow] = []
        let info = try CSVReader.forEachRow(
            url: url, options: fixture.options, chunkSize: chunkSize, sampleSize: CSVReader.encodingSampleSize
        ) { rows.append($0) }
        #expect(try Outcome(rows: rows, info: info) == whole(fixture), "\(fixture.name)")
    }
}

@Test(arguments: [1, 2, 3, 7])
func aSampleSmallerThanTheFileStillDecidesTheSameEncoding(sampleSize: Int) throws {
    // The sample would cut the BOM or cuts the first multi-byte character; neither may change the decision.
    for fixture in csvFixtures where fixture.name.contains("BOM") || fixture.name == "UTF-8 mixed" {
        var rows: [TableRow] = []
        let info = try CSVReader.forEachRow(
            data: fixture.data, options: fixture.options, chunkSize: 3, sampleSize: sampleSize
        ) { rows.append($0) }
        let expected = try whole(fixture)
        #expect(info.encoding == expected.info.encoding, "\(fixture.name)")
        #expect(rows == expected.rows, "\(fixture.name)")
    }
}
