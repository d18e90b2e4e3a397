import Foundation
import IntegraCore
@testable import IntegraReports
import IntegraTesting
import Testing

/// A two-sheet report as the pipeline builds one: title lines, a header row, rows with a total, notes.
private func sampleDocument() -> ReportDocument {
    let indicators = ReportSheet(
        slug: "summary", name: "Wskaźniki", titleLines: ["Sprawozdanie kwartalne", "Projekt: Razem w Lublinie"],
        header: ["Kod", "Wskaźnik", "I kw. 2023", "Realizacja"],
        rows: [
            [.text("persons_supported"), .text("Osoby objęte wsparciem"), .integer(120), .percent(0.6)],
            [.text("support_hours"), .text("Godziny wsparcia"), .decimal(12.5), .empty],
            [.text(""), .text("Ogółem (bez powtórzeń)"), .integer(130), .empty],
        ],
        totalRows: [2], notes: ["Osoba wspierana przez dwóch partnerów występuje w wierszu „Ogółem” raz."],
        widths: [20, 40, 12, 12])
    let bySex = ReportSheet(
        slug: "by-sex", name: "Płeć", titleLines: ["Według płci"], header: ["Płeć", "I kw. 2023"],
        rows: [[.text("Kobiety"), .integer(70)], [.text("Mężczyźni"), .integer(50)]], widths: [20, 12])
    return ReportDocument(
        id: "generic-quarterly", title: "Sprawozdanie kwartalne — wskaźniki projektu",
        metadata: [(label: "Projekt", value: "Razem w Lublinie"), (label: "Numer umowy", value: "RMW/2023/0042")],
        metadataSheetName: "Metryczka", sheets: [indicators, bySex], created: LocalDate(year: 2023, month: 12, day: 31)!
    )
}

/// What `ReportDocument.writeXLSX` promises a finance officer opening the file: read from the workbook's XML parts,
/// as Excel, LibreOffice and openpyxl read them (scripts/check-xlsx.py opens the real outputs with both).
@Suite struct ReportDocumentWritingTests {
    private static func written() throws -> (parts: XLSXParts, folder: URL) {
        let folder = try TestSupport.makeTemporaryDirectory()
        let url = folder.appendingPathComponent("report.xlsx")
        try sampleDocument().writeXLSX(to: url)
        return (try XLSXParts(url: url), folder)
    }

    /// Two title lines and a blank row put the header on row 4; everything below it scrolls under a frozen header.
    @Test func theHeaderRowIsFrozen() throws {
        let (xlsx, folder) = try Self.written()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(
            xlsx["xl/worksheets/sheet1.xml"].contains(
                "<pane ySplit=\"4\" topLeftCell=\"A5\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(
            xlsx["xl/worksheets/sheet2.xml"].contains(
                "<pane ySplit=\"3\" topLeftCell=\"A4\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
    }

    /// The filter spans the header and the data rows, not the notes under the table.
    @Test func theTableHasAnAutofilter() throws {
        let (xlsx, folder) = try Self.written()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(xlsx["xl/worksheets/sheet1.xml"].contains("<autoFilter ref=\"A4:D7\"/>"))
        #expect(xlsx["xl/worksheets/sheet2.xml"].contains("<autoFilter ref=\"A3:B5\"/>"))
        #expect(
            xlsx["xl/workbook.xml"].contains(
                "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">'Wskaźniki'!$A$4:$D$7</definedName>"
            ))
    }

    /// A4 (paper size 9), one page wide and as many pages tall as needed; portrait while the columns fit it at 90 %
    /// or more, landscape when wider; half-inch side margins; the sheet's name and "page n of m" in the footer.
    @Test func reportSheetsPrintOnA4FittedToWidth() throws {
        let (xlsx, folder) = try Self.written()
        defer { try? FileManager.default.removeItem(at: folder) }
        for sheet in ["sheet1", "sheet2"] {
            let xml = xlsx["xl/worksheets/\(sheet).xml"]
            #expect(xml.contains("<pageSetUpPr fitToPage=\"1\"/>"), "\(sheet)")
            #expect(xml.contains("<pageSetup paperSize=\"9\" fitToHeight=\"0\" orientation=\"portrait\""), "\(sheet)")
            // fitToWidth is absent: its default is 1 page.
            #expect(!xml.contains("fitToWidth="), "\(sheet)")
            #expect(xml.contains("<oddFooter>&amp;L&amp;9&amp;A&amp;R&amp;9&amp;P / &amp;N</oddFooter>"), "\(sheet)")
            #expect(xml.contains("<pageMargins left=\"0.5\" right=\"0.5\""), "\(sheet)")
        }
        // Thirteen period columns do not fit portrait.
        var document = sampleDocument()
        document.sheets[0].header += (1...12).map { "\($0 < 10 ? "0" : "")\($0).2023" }
        document.sheets[0].widths += Array(repeating: 9, count: 12)
        let url = folder.appendingPathComponent("wide.xlsx")
        try document.writeXLSX(to: url)
        #expect(try XLSXParts(url: url)["xl/worksheets/sheet1.xml"].contains("orientation=\"landscape\""))
    }

    /// A table wider than a landscape page at 80 % has its widest text columns narrowed (texts wrap), so printed
    /// text never shrinks below 8 pt; each heading keeps room for its longest word.
    @Test func aWideTableIsNarrowedToPrintReadably() throws {
        let widths = PrintLayout.fitted([60, 60, 60, 14, 14, 14], longestWords: [12, 30, 5, 6, 6, 6])
        #expect(PrintLayout.pixels(widths) * PrintLayout.minimumScale <= PrintLayout.landscapePixels)
        #expect(widths[1] >= 31 && widths[3] == 14)
        #expect(PrintLayout.lines("Liczba osób objętych wsparciem", width: 46, charWidth: PrintLayout.plainChar) == 1)
        #expect(PrintLayout.lines("Liczba osób objętych wsparciem", width: 12, charWidth: PrintLayout.plainChar) == 3)
        #expect(PrintLayout.lines("a\nb", width: 46, charWidth: PrintLayout.plainChar) == 2)
    }

    /// "% realizacji" is a formula (value / target) with its computed result stored, so Excel recalculates and
    /// LibreOffice and openpyxl show the figure; formatted as a percentage.
    /// The scalar fast paths of `lines` and `longestWord` (issue 19: a 200 000-row document list) count what the
    /// character-by-character reference counts, on text mixing Polish and Cyrillic letters with combining marks,
    /// CR LF pairs, spaces and line breaks.
    @Test func wrappingFastPathsEqualTheCharacterCount() {
        let pieces = ["a", "ł", "Ż", "д", "Й", "e\u{301}", "и\u{306}", "\r\n", "\n", " ", "  ", "x", "1", "ё", "ữ", "👍🏽", "\t", "ab", "—", "„", "”", "…", "€", "№", "\u{200D}", "\u{2028}", "-\u{301}"]
        var rng = SeededGenerator(seed: 19)
        for _ in 0..<4000 {
            let text = (0..<Int(rng.next() % 40)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            #expect(PrintLayout.longestWord(text) == PrintLayout.longestWordByCharacters(text), "\(text.debugDescription)")
            for width in [2.0, 5, 10, 20] {
                let capacity = max(1, Int(((width * 7 + 5) - 8) / PrintLayout.plainChar))
                #expect(
                    PrintLayout.lines(text, width: width, charWidth: PrintLayout.plainChar)
                        == PrintLayout.linesByCharacters(text, capacity: capacity), "\(text.debugDescription) in \(width)")
            }
        }
    }

    @Test func aRatioIsAFormulaWithItsValueStored() throws {
        let folder = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var document = sampleDocument()
        document.sheets[0].header = ["Kod", "Wskaźnik", "Narastająco", "Wartość docelowa", "% realizacji"]
        document.sheets[0].rows = [[.empty, .text("Osoby"), .integer(70), .integer(60), .ratio(70.0 / 60, numerator: 2, denominator: 3)]]
        document.sheets[0].totalRows = []
        document.sheets[0].widths = [6, 40, 12, 12, 12]
        let url = folder.appendingPathComponent("ratio.xlsx")
        try document.writeXLSX(to: url)
        let xlsx = try XLSXParts(url: url)
        let sheet = xlsx["xl/worksheets/sheet1.xml"]
        #expect(sheet.contains(try Regex("<c r=\"E5\" s=\"[0-9]+\"><f>C5/D5</f><v>1\\.1666666666666[0-9]*</v></c>")), "\(sheet)")
        #expect(xlsx.numberFormat(ofStyle: xlsx.styleIndex(of: "E5")!) == "0.0%")
        #expect(ReportCell.ratio(0.75, numerator: 2, denominator: 3).csvText(decimalSeparator: ",") == "75,0")
    }

    /// Under the table: the notes (merged across it and wrapped) and the signature block.
    @Test func signatureBlockFollowsTheNotes() throws {
        let folder = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var document = sampleDocument()
        document.signature = ["Sporządził(a):", "Data:", "Podpis:"]
        let url = folder.appendingPathComponent("signed.xlsx")
        try document.writeXLSX(to: url)
        let xlsx = try XLSXParts(url: url)
        // Written row by row, the workbook keeps its strings inline in the sheet.
        let strings = xlsx["xl/worksheets/sheet1.xml"]
        // The block is one line: each label with its dotted line, side by side.
        let block = document.signature.map { $0 + " " + String(repeating: ".", count: 28) }
            .joined(separator: String(repeating: "\u{00A0}", count: 6))
        #expect(strings.contains("<t>\(block)</t>"))
        // Title lines and notes span the table's four columns.
        #expect(xlsx["xl/worksheets/sheet1.xml"].contains("<mergeCell ref=\"A1:D1\"/>"))
        #expect(xlsx["xl/worksheets/sheet1.xml"].contains("<mergeCell ref=\"A9:D9\"/>"))
    }

    /// The header row is repeated at the top of every printed page (libxlsxwriter quotes non-ASCII sheet names).
    @Test func theHeaderRowIsAPrintTitle() throws {
        let (xlsx, folder) = try Self.written()
        defer { try? FileManager.default.removeItem(at: folder) }
        let workbook = xlsx["xl/workbook.xml"]
        #expect(
            workbook.contains(
                "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'Wskaźniki'!$4:$4</definedName>"))
        #expect(
            workbook.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"1\">'Płeć'!$3:$3</definedName>"))
    }

    /// Title, subject and author are set; the creation date is the document's `created` (the period end), never the
    /// clock, so two runs on the same data write the same bytes.
    @Test func documentPropertiesComeFromTheReport() throws {
        let (xlsx, folder) = try Self.written()
        defer { try? FileManager.default.removeItem(at: folder) }
        let core = xlsx["docProps/core.xml"]
        #expect(core.contains("<dc:title>Sprawozdanie kwartalne — wskaźniki projektu</dc:title>"))
        #expect(core.contains("<dc:subject>generic-quarterly</dc:subject>"))
        #expect(core.contains("<dc:creator>Integra</dc:creator>"))
        #expect(core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2023-12-31T00:00:00Z</dcterms:created>"))
        #expect(core.contains("<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2023-12-31T00:00:00Z</dcterms:modified>"))
    }

    /// The metadata sheet comes last, with its label/value lines from the third row.
    @Test func theMetadataSheetIsLast() throws {
        let (xlsx, folder) = try Self.written()
        defer { try? FileManager.default.removeItem(at: folder) }
        let workbook = xlsx["xl/workbook.xml"]
        let names = workbook.matches(of: try Regex("<sheet name=\"([^\"]*)\"")).map { String($0.output[1].substring!) }
        #expect(names == ["Wskaźniki", "Płeć", "Metryczka"])
        let strings = xlsx["xl/worksheets/sheet3.xml"]
        for text in ["Projekt", "Razem w Lublinie", "Numer umowy", "RMW/2023/0042"] {
            #expect(strings.contains("<t>\(text)</t>"), "\(text)")
        }
        let meta = xlsx["xl/worksheets/sheet3.xml"]
        #expect(meta.contains("<c r=\"A3\""))
        #expect(meta.contains("<c r=\"B4\""))
        // Portrait: two columns of text.
        #expect(meta.contains("orientation=\"portrait\""))
    }

    /// Numbers are numbers with their formats (a computed value; `.percent` has no formula), so every reader shows
    /// the figure.
    @Test func figuresAreStoredAsNumbersWithFormats() throws {
        let (xlsx, folder) = try Self.written()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sheet = xlsx["xl/worksheets/sheet1.xml"]
        #expect(!sheet.contains("<f>"))
        #expect(sheet.contains("<v>120</v>"))
        #expect(xlsx.numberFormat(ofStyle: xlsx.styleIndex(of: "C5")!) == "#,##0")
        #expect(xlsx.numberFormat(ofStyle: xlsx.styleIndex(of: "D5")!) == "0.0%")
        #expect(xlsx.numberFormat(ofStyle: xlsx.styleIndex(of: "C6")!) == "#,##0.00")
    }
}

/// ``ReportWorkbook`` fills a report's sheets in any order (the pipeline writes a finance report's document list
/// beside load and its unit costs in render): each sheet lands in its place, the metadata sheet last.
@Suite struct ReportWorkbookTests {
    @Test func sheetsFilledOutOfOrderLandInTheirPlaces() throws {
        let folder = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let document = sampleDocument()
        let url = folder.appendingPathComponent("later-first.xlsx")
        let workbook = try ReportWorkbook(document, to: url)
        #expect(workbook.sheetCount == 2)
        try workbook.write(document.sheets[1], at: 1)
        #expect(!FileManager.default.fileExists(atPath: url.path), "nothing appears before finish")
        try workbook.write(document.sheets[0], at: 0)
        try workbook.finish(metadata: document.metadata)
        let xlsx = try XLSXParts(url: url)
        #expect(xlsx["xl/workbook.xml"].contains("<sheet name=\"Wskaźniki\" sheetId=\"1\""))
        #expect(xlsx["xl/workbook.xml"].contains("<sheet name=\"Płeć\" sheetId=\"2\""))
        #expect(xlsx["xl/workbook.xml"].contains("<sheet name=\"Metryczka\" sheetId=\"3\""))
        #expect(xlsx["xl/worksheets/sheet1.xml"].contains("Osoby objęte wsparciem"))
        #expect(xlsx["xl/worksheets/sheet2.xml"].contains("Mężczyźni"))
        #expect(xlsx["xl/worksheets/sheet3.xml"].contains("RMW/2023/0042"))
        // Written in the document's order, the sheets' XML is that of writeXLSX.
        let inOrder = folder.appendingPathComponent("in-order.xlsx")
        let again = try ReportWorkbook(document, to: inOrder)
        for (i, sheet) in document.sheets.enumerated() { try again.write(sheet, at: i) }
        try again.finish(metadata: document.metadata)
        let whole = folder.appendingPathComponent("whole.xlsx")
        try document.writeXLSX(to: whole)
        #expect(try Data(contentsOf: inOrder) == Data(contentsOf: whole))
    }
}
