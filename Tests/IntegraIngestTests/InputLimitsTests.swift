import Foundation
import IntegraCore
import Testing
import ZIPFoundation

@testable import IntegraIngest

// Resource bombs: each hostile file is refused with a stable code and a hint, after reading a bounded part of it.
// scripts/bomb-test.sh builds the same files at full size and checks the `integra` process stays under 512 MB.

/// A file in a fresh temporary folder holding `head`, then zero bytes up to `size`: a sparse file, so a 1 GiB input
/// costs the disk (and the test) only its head. The readers refuse such files before they reach the zeros.
private func sparseFile(_ name: String, head: Data, size: Int) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("integra-limits-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try head.write(to: url)
    let handle = try FileHandle(forWritingTo: url)
    try handle.truncate(atOffset: UInt64(size))
    try handle.close()
    return url
}

private func refusal(_ url: URL) throws -> IngestError {
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    return try #require(throws: IngestError.self) { _ = try CSVReader.forEachRow(url: url) { _ in } }
}

@Suite struct CSVLimitTests {
    @Test func aOneGiBLineOfShortFieldsIsRefusedAsTooLong() throws {
        var field = Data(repeating: UInt8(ascii: "x"), count: 2_000)
        field.append(UInt8(ascii: ";"))
        var head = Data("Nazwisko;Imię\n".utf8)
        for _ in 0..<(17 << 20) / field.count { head.append(field) }
        let error = try refusal(try sparseFile("line.csv", head: head, size: 1 << 30))
        #expect(error.code == .lineTooLong)
        #expect(error.message.contains("line 2"))
        #expect(error.message.contains("16 MiB"))
    }

    @Test func aOneHundredMBQuotedCellIsRefused() throws {
        let head = Data("Nazwisko;Uwagi\nKowalska;\"".utf8) + Data(repeating: UInt8(ascii: "y"), count: 2 << 20)
        let error = try refusal(try sparseFile("cell.csv", head: head, size: 100 << 20))
        #expect(error.code == .cellTooLarge)
        #expect(error.message.contains("line 2"))
        #expect(error.message.contains("quote that is never closed"))
    }

    @Test func aOneGiBUnquotedCellIsRefused() throws {
        let head = Data("a;b\n".utf8) + Data(repeating: UInt8(ascii: "z"), count: 2 << 20)
        let error = try refusal(try sparseFile("cell.csv", head: head, size: 1 << 30))
        #expect(error.code == .cellTooLarge)
    }

    @Test(arguments: [1 << 20, 7])
    func aMillionColumnsAreRefused(chunkSize: Int) throws {
        let data = Data("a;b\n".utf8) + Data(repeating: UInt8(ascii: ";"), count: 1_000_000) + Data("\n".utf8)
        let error = try #require(throws: IngestError.self) {
            try CSVReader.read(data: data, options: .init(), chunkSize: chunkSize, sampleSize: 1 << 22)
        }
        #expect(error.code == .tooManyColumns)
        #expect(error.message.contains("16384 columns"))
    }

    @Test func rowsUpToTheLimitsAreRead() throws {
        let wide = Array(repeating: "1", count: InputLimits.maxColumns).joined(separator: ";")
        let long = String(repeating: "ż", count: InputLimits.maxCellBytes / 2)
        let document = try CSVReader.read(data: Data("\(wide)\n\"\(long)\"\n".utf8), options: .init(delimiter: ";"))
        #expect(document.table.rows.map(\.cells.count) == [InputLimits.maxColumns, 1])
        #expect(document.table.rows[1].cells[0] == .string(long))
    }

    @Test func aFileLargerThanTheLimitIsRefusedBeforeItIsRead() throws {
        let url = try sparseFile("big.csv", head: Data("a;b\n".utf8), size: InputLimits.maxFileSize + 1)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let error = try #require(throws: IngestError.self) { try InputLimits.checkFileSize(url) }
        #expect(error.code == .fileTooLarge)
        #expect(error.message.contains("split it"))
        try InputLimits.checkFileSize(URL(fileURLWithPath: "/nonexistent/file.csv"))
    }
}

@Suite struct XLSXLimitTests {
    private func read(sheet xml: String, sharedStrings: String? = nil) throws -> IngestError {
        let fixture = XLSXFixture.workbook(
            sheets: [.init(name: "Lista", xml: xml)], sharedStrings: sharedStrings)
        // Stored, not deflated: a compressed part this regular would be refused as a zip bomb before it is read.
        let data = try fixture.data(compression: .none)
        return try #require(throws: IngestError.self) { _ = try XLSXWorkbook(data: data).readAllSheets() }
    }

    @Test func anInlineCellAboveTheLimitIsRefused() throws {
        let cell =
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>"
            + String(repeating: "a", count: InputLimits.maxCellBytes + 1) + "</t></is></c></row>"
        let error = try read(sheet: XLSXFixture.sheet(cell))
        #expect(error.code == .cellTooLarge)
        #expect(error.message.contains("row 1"))
    }

    @Test func aSharedStringAboveTheLimitIsRefused() throws {
        let strings = XLSXFixture.sharedStrings(["Imię", String(repeating: "b", count: InputLimits.maxCellBytes + 1)])
        let error = try read(
            sheet: XLSXFixture.sheet(#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#), sharedStrings: strings)
        #expect(error.code == .cellTooLarge)
        #expect(error.message.contains("shared string 1"))
    }

    @Test func aRowPastColumnXFDIsRefused() throws {
        let row = "<row r=\"1\">" + String(repeating: "<c><v>1</v></c>", count: InputLimits.maxColumns + 1) + "</row>"
        let error = try read(sheet: XLSXFixture.sheet(row))
        #expect(error.code == .tooManyColumns)
        #expect(error.message.contains("XFD"))
    }

    @Test func aCellPastColumnXFDIsRefusedAsDamage() throws {
        let error = try read(sheet: XLSXFixture.sheet(#"<row r="1"><c r="XFE1"><v>1</v></c></row>"#))
        #expect(error.code == .unreadableFile)
        #expect(error.message.contains("invalid reference"))
    }

    @Test(arguments: ["xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/sharedStrings.xml"])
    func deeplyNestedXMLIsRefused(part: String) throws {
        let nested = String(repeating: "<x>", count: 1_000) + String(repeating: "</x>", count: 1_000)
        let fixture = XLSXFixture.workbook(
            sheets: [.init(name: "Lista", xml: XLSXFixture.sheet(#"<row r="1"><c r="A1"><v>1</v></c></row>"#))],
            sharedStrings: XLSXFixture.sharedStrings(["a"]))
        let deep: String
        switch part {
        case "xl/workbook.xml": deep = "<workbook xmlns=\"\(XLSXFixture.mainNS)\">\(nested)</workbook>"
        case "xl/sharedStrings.xml": deep = "<sst xmlns=\"\(XLSXFixture.mainNS)\"><si>\(nested)</si></sst>"
        default: deep = XLSXFixture.sheet("<row r=\"1\"><c r=\"A1\"><v>\(nested)</v></c></row>")
        }
        let data = try fixture.replacing(part, with: deep).data()
        let error = try #require(throws: IngestError.self) { _ = try XLSXWorkbook(data: data).readAllSheets() }
        #expect(error.code == .unreadableFile)
    }

    @Test func entityExpansionIsRefusedBeforeParsing() throws {
        var entities = #"<!ENTITY lol "lol">"#
        for i in 1...9 {
            entities +=
                "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i == 1 ? "" : String(i - 1));", count: 10) + "\">"
        }
        let bomb = "<?xml version=\"1.0\"?><!DOCTYPE sst [\(entities)]><sst><si><t>&lol9;</t></si></sst>"
        let error = try read(
            sheet: XLSXFixture.sheet(#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#), sharedStrings: bomb)
        #expect(error.code == .xmlDoctypeRefused)
    }
}
