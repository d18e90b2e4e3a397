import Foundation
import IntegraCore
import Testing
import ZIPFoundation

@testable import IntegraIngest

/// Rewrites the declared uncompressed size of every entry in both the local and the central headers.
private func declaringUncompressedSize(_ size: UInt32, in zip: Data) -> Data {
    var bytes = [UInt8](zip)
    func put(_ value: UInt32, at offset: Int) {
        for k in 0..<4 { bytes[offset + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(k))) }
    }
    var i = 0
    while i + 4 <= bytes.count {
        if bytes[i] == 0x50, bytes[i + 1] == 0x4B {
            if bytes[i + 2] == 0x03, bytes[i + 3] == 0x04 { put(size, at: i + 22) }
            if bytes[i + 2] == 0x01, bytes[i + 3] == 0x02 { put(size, at: i + 24) }
        }
        i += 1
    }
    return Data(bytes)
}

@Test func highlyCompressedPartIsRefusedAsAZipBomb() throws {
    let zeros = Data(count: 2 << 20)
    let zip = try XLSXFixture.zip([("xl/worksheets/sheet1.xml", zeros)], compression: .deflate)
    let error = try #require(throws: IngestError.self) { try XLSXWorkbook(data: zip) }
    #expect(error.code == .zipBomb)
    #expect(error.message.contains("200 to 1"))
}

@Test func smallHighlyCompressedPartsAreAllowed() throws {
    let zip = try XLSXFixture.zip([("a.xml", Data(count: 512 << 10))], compression: .deflate)
    #expect(try XLSXPackage(data: zip).data("a.xml")?.count == 512 << 10)
}

@Test func declaredSizeAbove256MiBIsRefusedBeforeUnpacking() throws {
    let zip = try XLSXFixture.zip([("xl/workbook.xml", Data("<workbook/>".utf8))], compression: .none)
    let error = try #require(throws: IngestError.self) {
        try XLSXPackage(data: declaringUncompressedSize(600 << 20, in: zip))
    }
    #expect(error.code == .zipBomb)
    #expect(error.message.contains("256 MiB"))
}

@Test func partLargerThanItsDeclaredSizeIsRefused() throws {
    let text = Data(String(repeating: "<row>Uczestnik</row>", count: 5_000).utf8)
    let zip = declaringUncompressedSize(1_000, in: try XLSXFixture.zip([("big.xml", text)], compression: .deflate))
    let package = try XLSXPackage(data: zip)
    let error = try #require(throws: IngestError.self) { try package.data("big.xml") }
    #expect(error.code == .zipBomb)
}

@Test func partNamesIgnoreCaseLeadingSlashAndBackslashes() throws {
    let zip = try XLSXFixture.zip([("xl\\SharedStrings.xml", Data("<sst/>".utf8))])
    let package = try XLSXPackage(data: zip)
    #expect(package.contains("/xl/sharedStrings.xml"))
    #expect(try package.data("xl/sharedstrings.xml") == Data("<sst/>".utf8))
    #expect(try package.data("xl/styles.xml") == nil)
}

@Test(arguments: [
    ("worksheets/sheet1.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"),
    ("/xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"),
    ("../xl/sheet.xml", "xl/workbook.xml", "xl/sheet.xml"),
    ("./styles.xml", "xl/workbook.xml", "xl/styles.xml"),
    ("xl/workbook.xml", "", "xl/workbook.xml"),
])
func resolvesRelationshipTargets(target: String, source: String, expected: String) {
    #expect(XLSXPackage.resolve(target, from: source) == expected)
}

@Test func relationshipsPartNames() {
    #expect(XLSXPackage.relationshipsPath(of: "xl/workbook.xml") == "xl/_rels/workbook.xml.rels")
    #expect(XLSXPackage.relationshipsPath(of: "") == "_rels/.rels")
}

@Test func oldExcelAndOtherSpreadsheetFormatsAreNamedInTheError() throws {
    let xls = try #require(throws: IngestError.self) {
        try XLSXWorkbook(data: Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(count: 504))
    }
    #expect(xls.message.contains(".xls"))
    let ods = try #require(throws: IngestError.self) {
        try XLSXWorkbook(
            data: XLSXFixture.zip([
                ("mimetype", Data("application/vnd.oasis.opendocument.spreadsheet".utf8)),
                ("content.xml", Data("<x/>".utf8)),
            ]))
    }
    #expect(ods.code == .notAnXLSX)
    #expect(ods.message.contains(".ods"))
}

/// Found by Fuzz/fuzz-xlsx: ZIPFoundation trapped (a negative range in `Archive.MemoryFile.readData`) when a zip
/// structure pointed past the end of an archive held in memory. Each pointer is now checked first.
@Test(arguments: [
    ("central directory offset", 0x0605_4B50 as UInt32, 16, 0x7FFF_FFF0 as UInt32),
    ("local header offset", 0x0201_4B50, 42, 0x7FFF_FFF0),
    ("compressed size", 0x0201_4B50, 20, 0x7FFF_FFF0),
    ("ZIP64 local header offset", 0x0201_4B50, 42, 0xFFFF_FFFF),
])
func aZipPointingPastItsEndIsRefusedNotACrash(field: String, signature: UInt32, offset: Int, value: UInt32) throws {
    let fixture = XLSXFixture.workbook(sheets: [.init(name: "A", xml: XLSXFixture.sheet(""))])
    var bytes = [UInt8](try fixture.data(compression: .deflate))
    let sig = withUnsafeBytes(of: signature.littleEndian) { Array($0) }
    let at = try #require((0...(bytes.count - 4)).last { Array(bytes[$0..<$0 + 4]) == sig }, "\(field)")
    for k in 0..<4 { bytes[at + offset + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(k))) }
    let error = try #require(throws: IngestError.self) { _ = try XLSXWorkbook(data: Data(bytes)).readAllSheets() }
    #expect([.unreadableFile, .notAnXLSX].contains(error.code), "\(field): \(error)")
}
