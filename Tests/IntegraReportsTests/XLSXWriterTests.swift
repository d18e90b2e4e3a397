import Foundation
import IntegraCore
import IntegraReports
import IntegraTesting
import Testing

private let created = LocalDate(year: 2024, month: 3, day: 31)!

private func properties() -> XLSXDocumentProperties {
    XLSXDocumentProperties(
        created: created, title: "Sprawozdanie z realizacji projektu", subject: "Wskaźniki", author: "Integra",
        company: "Fundacja Przykładowa", comments: "Dane syntetyczne", keywords: "FAMI, integracja")
}

/// Writes a small report exercising every kind of cell and sheet feature.
private func writeSampleWorkbook(to url: URL) throws {
    let workbook = try XLSXWriter(path: url.path, properties: properties())
    let sheet = try workbook.addSheet("Wskaźniki")
    try sheet.merge(firstRow: 0, firstCol: 0, lastRow: 0, lastCol: 3, text: "Zażółć gęślą jaźń", style: .title)
    try sheet.write("Nazwa", row: 1, col: 0, style: .header)
    try sheet.write("Data", row: 1, col: 1, style: .header)
    try sheet.write("Liczba", row: 1, col: 2, style: .header)
    try sheet.write("Podwojona", row: 1, col: 3, style: .header)
    try sheet.write("Учасники з України", row: 2, col: 0)
    try sheet.write(LocalDate(year: 2024, month: 3, day: 1)!, row: 2, col: 1)
    try sheet.write(1234, row: 2, col: 2, style: .integer)
    try sheet.writeFormula("=C3*2", cachedValue: 2468, row: 2, col: 3, style: .integer.bolded())
    try sheet.write(0.625, row: 3, col: 2, style: .percent)
    try sheet.write(.string("Łódź"), row: 3, col: 0)
    try sheet.write("Źródło: dane partnerów", row: 5, col: 0, style: .note)
    try sheet.freezePanes(row: 2, col: 1)
    try sheet.autofilter(firstRow: 1, firstCol: 0, lastRow: 3, lastCol: 3)
    try sheet.setColumnWidth(0, 30)
    try sheet.printSetup(landscape: true, paperA4: true, fitToWidth: true, repeatRows: 1...1)
    let second = try workbook.addSheet("Metadane")
    try second.write("Wygenerowano", row: 0, col: 0, style: .bold)
    try second.write(created, row: 0, col: 1, style: .isoDate)
    try workbook.close()
}

@Suite struct XLSXWriterTests {
    @Test func writesTheExpectedXMLParts() throws {
        let folder = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("raport.xlsx")
        try writeSampleWorkbook(to: url)

        let xlsx = try XLSXParts(url: url)
        let workbook = xlsx["xl/workbook.xml"]
        #expect(workbook.contains("<sheet name=\"Wskaźniki\" sheetId=\"1\""))
        #expect(workbook.contains("<sheet name=\"Metadane\" sheetId=\"2\""))
        // Repeated rows become a print-titles defined name.
        #expect(workbook.contains("_xlnm.Print_Titles"))

        let strings = xlsx["xl/sharedStrings.xml"]
        #expect(strings.contains("Zażółć gęślą jaźń"))
        #expect(strings.contains("Учасники з України"))
        #expect(strings.contains("Łódź"))

        let sheet = xlsx["xl/worksheets/sheet1.xml"]
        #expect(sheet.contains("<mergeCell ref=\"A1:D1\"/>"))
        #expect(sheet.contains("<pane xSplit=\"1\" ySplit=\"2\" topLeftCell=\"B3\""))
        #expect(sheet.contains("<autoFilter ref=\"A2:D4\"/>"))
        #expect(sheet.contains("<pageSetup paperSize=\"9\" fitToHeight=\"0\" orientation=\"landscape\""))
        #expect(sheet.contains("<c r=\"C3\" s=\"\(xlsx.styleIndex(of: "C3")!)\"><v>1234</v></c>"))
        // The formula keeps the value the pipeline computed, so LibreOffice and openpyxl do not show 0.
        #expect(sheet.contains("<f>C3*2</f><v>2468</v>"))
        // A real date: the serial number with a date format.
        #expect(sheet.contains("<c r=\"B3\" s=\"\(xlsx.styleIndex(of: "B3")!)\"><v>45352</v></c>"))
        #expect(xlsx.numberFormat(ofStyle: xlsx.styleIndex(of: "B3")!) == "dd.mm.yyyy")
        #expect(xlsx.numberFormat(ofStyle: xlsx.styleIndex(of: "B1", sheet: 2)!) == "yyyy-mm-dd")
        #expect(xlsx.numberFormat(ofStyle: xlsx.styleIndex(of: "C4")!) == "0.0%")

        let core = xlsx["docProps/core.xml"]
        #expect(core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2024-03-31T00:00:00Z</dcterms:created>"))
        #expect(core.contains("<dc:title>Sprawozdanie z realizacji projektu</dc:title>"))
        #expect(xlsx["docProps/app.xml"].contains("<Company>Fundacja Przykładowa</Company>"))
    }

    @Test func twoWritesOfTheSameContentAreByteIdentical() throws {
        let folder = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = folder.appendingPathComponent("a.xlsx")
        let second = folder.appendingPathComponent("b.xlsx")
        try writeSampleWorkbook(to: first)
        // Cross a second boundary so a clock-derived timestamp would differ.
        Thread.sleep(forTimeInterval: 1.1)
        try writeSampleWorkbook(to: second)
        #expect(try Data(contentsOf: first) == Data(contentsOf: second))
    }

    @Test func eachStyleBecomesOneFormat() throws {
        let folder = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("styles.xlsx")
        let workbook = try XLSXWriter(path: url.path, properties: properties())
        let sheet = try workbook.addSheet("Dane")
        for row in 0..<50 {
            try sheet.write(Double(row), row: row, col: 0, style: .integer)
            try sheet.write("x", row: row, col: 1, style: .header)
        }
        try workbook.close()
        let xlsx = try XLSXParts(url: url)
        // Excel's default format plus one per distinct style.
        #expect(xlsx["xl/styles.xml"].contains("<cellXfs count=\"3\">"))
        #expect(xlsx.styleIndex(of: "A1") == xlsx.styleIndex(of: "A50"))
    }

    @Test func theFileAppearsOnlyWhenClosed() throws {
        let folder = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("raport.xlsx")
        let workbook = try XLSXWriter(path: url.path, properties: properties())
        try workbook.addSheet("Arkusz").write("a", row: 0, col: 0)
        #expect(!FileManager.default.fileExists(atPath: url.path))
        try workbook.close()
        try workbook.close()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["raport.xlsx"])
    }

    /// A file of personal data is readable by its owner only under its temporary name already, not only once moved.
    @Test func anOwnerOnlyWorkbookIsMode0600FromItsFirstByte() throws {
        let folder = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("przeglad.xlsx")
        let workbook = try XLSXWriter(path: url.path, properties: properties(), ownerOnly: true)
        try workbook.addSheet("Pary").write("a", row: 0, col: 0)
        let temporary = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first)
        let mode = { (path: String) in
            (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
        }
        #expect(try mode(folder.appendingPathComponent(temporary).path) == 0o600)
        try workbook.close()
        #expect(try mode(url.path) == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["przeglad.xlsx"])
    }

    // Issue 17 item 6: a writer dropped on an error must not replace the previous complete file with a part.
    @Test func aWriterDroppedWithoutCloseLeavesThePreviousFile() throws {
        let folder = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("raport.xlsx")
        try Data("previous".utf8).write(to: url)
        do {
            let workbook = try XLSXWriter(path: url.path, properties: properties())
            try workbook.addSheet("Arkusz").write(1, row: 0, col: 0)
        }
        #expect(try Data(contentsOf: url) == Data("previous".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["raport.xlsx"])
    }

    @Test func aCellOverExcelsLimitIsCutNotFatal() throws {
        let folder = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("raport.xlsx")
        let workbook = try XLSXWriter(path: url.path, properties: properties())
        try workbook.addSheet("Arkusz").write(String(repeating: "ż", count: 40_000), row: 0, col: 0)
        #expect(workbook.truncatedCells == 1)
        try workbook.close()
        let strings = try XLSXParts(url: url)["xl/sharedStrings.xml"]
        #expect(strings.contains(String(repeating: "ż", count: 32_766) + "…<"))
        #expect(!strings.contains(String(repeating: "ż", count: 32_767)))
    }

    @Test func usingASheetAfterCloseThrows() throws {
        let folder = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let workbook = try XLSXWriter(
            path: folder.appendingPathComponent("a.xlsx").path, properties: properties())
        let sheet = try workbook.addSheet("Arkusz")
        try workbook.close()
        #expect(throws: XLSXWriterError.self) { try sheet.write("a", row: 0, col: 0) }
        #expect(throws: XLSXWriterError.self) { try sheet.freezePanes(row: 1, col: 0) }
        #expect(throws: XLSXWriterError.self) { try workbook.addSheet("Drugi") }
    }

    @Test func closingIntoAMissingFolderThrowsTheLibraryMessage() throws {
        let workbook = try XLSXWriter(path: "/nonexistent-integra-folder/a.xlsx", properties: properties())
        _ = try workbook.addSheet("Arkusz")
        let error = #expect(throws: XLSXWriterError.self) { try workbook.close() }
        #expect(error?.description.contains("Error creating output xlsx file") == true)
        try workbook.close()
    }

    @Test(arguments: [
        ("", "empty"),
        ("Dane 2023/24", "[ ] : * ? / \\"),
        ("Uczestnicy i uczestniczki projektu", "longer than 31"),
        ("Dane[1]", "[ ] : * ? / \\"),
        ("'Dane", "apostrophe"),
        ("history", "History"),
        ("Linia\nnowa", "control character"),
    ])
    func refusesSheetNamesExcelRefuses(name: String, reason: String) throws {
        let workbook = try XLSXWriter(path: "/tmp/unused-\(UUID().uuidString).xlsx", properties: properties())
        defer { try? workbook.close() }
        let error = #expect(throws: XLSXWriterError.self) { try workbook.addSheet(name) }
        #expect(error?.description.contains(reason) == true)
    }

    @Test func refusesADuplicateSheetNameIgnoringCase() throws {
        let folder = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let workbook = try XLSXWriter(path: folder.appendingPathComponent("a.xlsx").path, properties: properties())
        _ = try workbook.addSheet("Łódź")
        #expect(throws: XLSXWriterError.self) { try workbook.addSheet("ŁÓDŹ") }
        try workbook.close()
    }

    @Test func safeSheetNamesAreValidAndUnique() throws {
        let folder = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let workbook = try XLSXWriter(path: folder.appendingPathComponent("a.xlsx").path, properties: properties())
        #expect(workbook.safeSheetName("Dane 2023/24") == "Dane 2023_24")
        #expect(workbook.safeSheetName("'Cytat'") == "Cytat")
        #expect(workbook.safeSheetName("") == "Arkusz")
        #expect(workbook.safeSheetName("History") == "History_")
        let long = "Uczestnicy projektu – województwo mazowieckie"
        #expect(workbook.safeSheetName(long) == "Uczestnicy projektu – województ")
        _ = try workbook.addSheet(workbook.safeSheetName(long))
        #expect(workbook.safeSheetName(long) == "Uczestnicy projektu – wojew (2)")
        _ = try workbook.addSheet(workbook.safeSheetName(long))
        #expect(workbook.safeSheetName(long.uppercased()) == "UCZESTNICY PROJEKTU – WOJEW (3)")
        #expect(workbook.sheets.count == 2)
        try workbook.close()
    }

    @Test func refusesBadCellsAndRanges() throws {
        let folder = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let workbook = try XLSXWriter(path: folder.appendingPathComponent("a.xlsx").path, properties: properties())
        let sheet = try workbook.addSheet("Arkusz")
        #expect(throws: XLSXWriterError.self) { try sheet.write("a", row: -1, col: 0) }
        #expect(throws: XLSXWriterError.self) { try sheet.write("a", row: 1_048_576, col: 0) }
        #expect(throws: XLSXWriterError.self) { try sheet.write("a", row: 0, col: 16_384) }
        #expect(throws: XLSXWriterError.self) { try sheet.write(Double.nan, row: 0, col: 0) }
        #expect(throws: XLSXWriterError.self) {
            try sheet.writeFormula("=1/0", cachedValue: .infinity, row: 0, col: 0)
        }
        #expect(throws: XLSXWriterError.self) {
            try sheet.write(LocalDate(year: 1899, month: 12, day: 31)!, row: 0, col: 0)
        }
        // Text over Excel's limit is cut, not refused (issue 17 item 6).
        #expect(throws: Never.self) { try sheet.write(String(repeating: "a", count: 32_768), row: 0, col: 0) }
        try sheet.merge(firstRow: 0, firstCol: 0, lastRow: 1, lastCol: 2, text: "Tytuł")
        let overlap = #expect(throws: XLSXWriterError.self) {
            try sheet.merge(firstRow: 1, firstCol: 2, lastRow: 1, lastCol: 4, text: "Nakłada się")
        }
        #expect(overlap?.description == "'Arkusz'!C2:E2: overlaps a range merged before")
        #expect(throws: XLSXWriterError.self) {
            try sheet.merge(firstRow: 3, firstCol: 3, lastRow: 2, lastCol: 4, text: "Odwrócony")
        }
        // A one-cell "merge" is a plain write.
        try sheet.merge(firstRow: 5, firstCol: 0, lastRow: 5, lastCol: 0, text: "Pojedyncza")
        try workbook.close()
    }
}
