import Foundation
import IntegraCore
import IntegraTesting
import Testing

@testable import IntegraIngest

/// Styles used by most fixtures: s=0 General, 1 built-in 14, 2 custom dd.mm.yyyy, 3 LibreOffice's custom General,
/// 4 scientific, 5 złoty currency.
private let styles = XLSXFixture.styles(
    customFormats: [(164, "dd.mm.yyyy"), (165, "General"), (166, "0.00E+00"), (167, "#,##0.00\\ &quot;zł&quot;")],
    cellFormats: [0, 14, 164, 165, 166, 167])

private func open(_ fixture: XLSXFixture) throws -> XLSXWorkbook {
    try XLSXWorkbook(data: fixture.data())
}

private func singleSheet(_ rows: String, strings: [String]? = nil, merges: [String] = []) throws -> SheetTable {
    let fixture = XLSXFixture.workbook(
        sheets: [.init(name: "Lista", xml: XLSXFixture.sheet(rows, merges: merges))],
        sharedStrings: strings.map(XLSXFixture.sharedStrings), styles: styles)
    return try open(fixture).readSheet(named: "Lista")
}

@Test func sharedInlineAndFormulaStringsNumbersBooleansErrors() throws {
    let strings = """
        <?xml version="1.0" encoding="UTF-8"?><sst xmlns="\(XLSXFixture.mainNS)" count="3" uniqueCount="3">\
        <si><t>Imię i nazwisko</t></si>\
        <si><r><rPr><b/></rPr><t xml:space="preserve">Łucja </t></r><r><t>Wójcik</t></r>\
        <rPh sb="0" eb="1"><t>ルチア</t></rPh></si>\
        <si><t>Олександр</t></si></sst>
        """
    let fixture = XLSXFixture.workbook(
        sheets: [
            .init(
                name: "Lista",
                xml: XLSXFixture.sheet(
                    """
                    <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Obywatelstwo</t></is></c></row>\
                    <row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="inlineStr"><is><r><t>Ukr</t></r><r><t>aina</t></r></is></c>\
                    <c r="C2" t="str"><f>UPPER(B2)</f><v>UKRAINA</v></c><c r="D2"><v>42.5</v></c>\
                    <c r="E2" t="b"><v>1</v></c><c r="F2" t="e"><v>#N/A</v></c><c r="G2" t="s"><v>2</v></c></row>
                    """))
        ],
        sharedStrings: strings, styles: styles)
    let table = try open(fixture).readSheet(named: "Lista")
    #expect(table.name == "Lista")
    #expect(table.rows.map(\.number) == [1, 2])
    #expect(table.rows[0].cells == [.string("Imię i nazwisko"), .string("Obywatelstwo")])
    #expect(
        table.rows[1].cells == [
            .string("Łucja Wójcik"), .string("Ukraina"), .string("UKRAINA"), .number(42.5), .bool(true),
            .error("#N/A"), .string("Олександр"),
        ])
}

@Test func dateFormatsBecomeDatesAndOtherFormatsStayNumbers() throws {
    // 44997 is 2023-03-12 in the 1900 system; s: 1 built-in 14, 2 dd.mm.yyyy, 3 custom General, 4 scientific,
    // 5 currency, 0 General. The fraction .3958 is a time of day and is dropped.
    let table = try singleSheet(
        """
        <row r="1"><c r="A1" s="1"><v>44997</v></c><c r="B1" s="2"><v>44997.3958</v></c><c r="C1" s="3"><v>44997</v></c>\
        <c r="D1" s="4"><v>44997</v></c><c r="E1" s="5"><v>44997</v></c><c r="F1" s="0"><v>44997</v></c>\
        <c r="G1" s="9"><v>44997</v></c></row>
        """)
    let date = try #require(LocalDate(year: 2023, month: 3, day: 12))
    #expect(
        table.rows[0].cells == [
            .date(date), .date(date), .number(44997), .number(44997), .number(44997), .number(44997), .number(44997),
        ])
}

@Test func libreOfficeCustomGeneral164StaysANumber() throws {
    let fixture = XLSXFixture.workbook(
        sheets: [.init(name: "Arkusz1", xml: XLSXFixture.sheet(#"<row r="1"><c r="A1" s="1"><v>12</v></c></row>"#))],
        styles: XLSXFixture.styles(customFormats: [(164, "General")], cellFormats: [0, 164]))
    #expect(try open(fixture).readSheet(named: "Arkusz1").rows[0].cells == [.number(12)])
}

@Test func workbookIn1904SystemShiftsDates() throws {
    // 2022-01-01 is serial 44562 in the 1900 system and 43100 in the 1904 system.
    let fixture = XLSXFixture.workbook(
        sheets: [.init(name: "Mac", xml: XLSXFixture.sheet(#"<row r="1"><c r="A1" s="1"><v>43100</v></c></row>"#))],
        styles: styles, date1904: true)
    let workbook = try open(fixture)
    #expect(workbook.uses1904Dates)
    #expect(try workbook.readSheet(named: "Mac").rows[0].cells == [.date(LocalDate(year: 2022, month: 1, day: 1)!)])
}

@Test func sheetsInWorkbookOrderWithHiddenStateAndMergedRanges() throws {
    let fixture = XLSXFixture.workbook(
        sheets: [
            .init(
                name: "Styczeń",
                xml: XLSXFixture.sheet(
                    #"<row r="1"><c r="A1" t="inlineStr"><is><t>Lista obecności</t></is></c></row>"#,
                    merges: ["A1:F1", "B3:B4"])),
            .init(name: "Słowniki", xml: XLSXFixture.sheet(""), state: "hidden"),
            .init(name: "Makra", xml: XLSXFixture.sheet(""), state: "veryHidden"),
        ])
    let workbook = try open(fixture)
    #expect(workbook.sheets.map(\.name) == ["Styczeń", "Słowniki", "Makra"])
    #expect(workbook.sheets.map(\.isHidden) == [false, true, true])
    #expect(workbook.sheets[0].path == "xl/worksheets/sheet1.xml")

    let all = try workbook.readAllSheets()
    #expect(all.map(\.name) == ["Styczeń", "Słowniki", "Makra"])
    #expect(all.map(\.isHidden) == [false, true, true])
    #expect(
        all[0].mergedRanges == [
            CellRange(firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: 5),
            CellRange(firstRow: 2, firstColumn: 1, lastRow: 3, lastColumn: 1),
        ])
    #expect(all[1].rows.isEmpty)
}

@Test func sparseCellsRowsWithoutReferencesAndBlankRows() throws {
    let table = try singleSheet(
        """
        <row r="3"><c r="B3" t="inlineStr"><is><t>b</t></is></c><c r="E3"><v>5</v></c><c r="H3" s="2"/></row>\
        <row><c t="inlineStr"><is><t>next</t></is></c><c><v>2</v></c></row>\
        <row r="7"><c r="A7" s="2"/><c r="B7" t="inlineStr"><is><t>  </t></is></c></row>\
        <row r="9" spans="1:3"><c r="C9"><v>1</v></c></row>
        """)
    #expect(table.rows.map(\.number) == [3, 4, 9])
    // Gaps are filled with .empty; trailing empty (styled) cells are dropped.
    #expect(table.rows[0].cells == [.empty, .string("b"), .empty, .empty, .number(5)])
    #expect(table.rows[1].cells == [.string("next"), .number(2)])
    #expect(table.rows[2].cells == [.empty, .empty, .number(1)])
}

@Test func namespacePrefixedElements() throws {
    let sheet = """
        <?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="\(XLSXFixture.mainNS)"><x:sheetData>\
        <x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>Kyiv</x:t></x:is></x:c>\
        <x:c r="C1" s="1"><x:v>44997</x:v></x:c></x:row></x:sheetData>\
        <x:mergeCells><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>
        """
    let strings = """
        <?xml version="1.0"?><x:sst xmlns:x="\(XLSXFixture.mainNS)"><x:si><x:r><x:t>Kra</x:t></x:r><x:r><x:t>ków</x:t></x:r></x:si></x:sst>
        """
    let workbookXML = """
        <?xml version="1.0"?><x:workbook xmlns:x="\(XLSXFixture.mainNS)" xmlns:rel="\(XLSXFixture.relNS)">\
        <x:workbookPr/><x:sheets><x:sheet name="Dane" sheetId="1" rel:id="rId1"/></x:sheets></x:workbook>
        """
    let fixture = XLSXFixture.workbook(
        sheets: [.init(name: "Dane", xml: sheet)], sharedStrings: strings,
        styles: XLSXFixture.styles(cellFormats: [0, 14])
    ).replacing("xl/workbook.xml", with: workbookXML)
    let table = try open(fixture).readSheet(named: "Dane")
    #expect(
        table.rows[0].cells == [.string("Kraków"), .string("Kyiv"), .date(LocalDate(year: 2023, month: 3, day: 12)!)])
    #expect(table.mergedRanges == [CellRange(firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: 1)])
}

@Test func absoluteRelationshipTargets() throws {
    let fixture = XLSXFixture.workbook(
        sheets: [.init(name: "Arkusz", xml: XLSXFixture.sheet(#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#))],
        sharedStrings: XLSXFixture.sharedStrings(["Gdańsk"]), styles: styles, absoluteTargets: true)
    let workbook = try open(fixture)
    #expect(workbook.sheets[0].path == "xl/worksheets/sheet1.xml")
    #expect(try workbook.readSheet(named: "Arkusz").rows[0].cells == [.string("Gdańsk")])
}

@Test func formulasGiveTheirCachedValues() throws {
    let table = try singleSheet(
        """
        <row r="1"><c r="A1"><f>SUM(B1:C1)</f><v>3</v></c><c r="B1"><v>1</v></c><c r="C1"><v>2</v></c>\
        <c r="D1"><f>A1*2</f></c><c r="E1" t="str"><f>"x"&amp;"y"</f><v>xy</v></c><c r="F1" t="e"><f>1/0</f><v>#DIV/0!</v></c>\
        <c r="G1" s="1"><f>DATE(2023,3,12)</f><v>44997</v></c></row>
        """)
    // openpyxl writes formulas without a cached value: the cell reads as empty.
    #expect(
        table.rows[0].cells == [
            .number(3), .number(1), .number(2), .empty, .string("xy"), .error("#DIV/0!"),
            .date(LocalDate(year: 2023, month: 3, day: 12)!),
        ])
}

@Test func escapedControlCharactersAndEntitiesAreDecoded() throws {
    let table = try singleSheet(
        #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>a &amp; b &lt; c</t></is></c></row>"#,
        strings: ["ul. Długa 5_x000D_\nlok. 3"])
    #expect(table.rows[0].cells == [.string("ul. Długa 5\r\nlok. 3"), .string("a & b < c")])
}

@Test func sheetNamesMatchIgnoringCaseAndMissingSheetListsTheOthers() throws {
    let fixture = XLSXFixture.workbook(
        sheets: [
            .init(name: "Marzec", xml: XLSXFixture.sheet(#"<row r="1"><c r="A1"><v>1</v></c></row>"#)),
            .init(name: "Ukryty", xml: XLSXFixture.sheet(""), state: "hidden"),
        ])
    let workbook = try open(fixture)
    #expect(try workbook.readSheet(named: "MARZEC").name == "Marzec")
    let error = try #require(throws: IngestError.self) { try workbook.readSheet(named: "Kwiecień") }
    #expect(error.code == .sheetNotFound)
    #expect(error.message.contains(#""Marzec", "Ukryty" (hidden)"#))
}

@Test func doctypeInAnyPartIsRefused() throws {
    let bomb = """
        <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\
        <worksheet xmlns="\(XLSXFixture.mainNS)"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>
        """
    let inSheet = XLSXFixture.workbook(sheets: [.init(name: "A", xml: bomb)])
    let workbook = try open(inSheet)
    let sheetError = try #require(throws: IngestError.self) { try workbook.readSheet(named: "A") }
    #expect(sheetError.code == .xmlDoctypeRefused)

    let inStrings = XLSXFixture.workbook(
        sheets: [.init(name: "A", xml: XLSXFixture.sheet(""))],
        sharedStrings: #"<?xml version="1.0"?><!DOCTYPE sst SYSTEM "file:///etc/passwd"><sst/>"#)
    let stringsError = try #require(throws: IngestError.self) { try open(inStrings) }
    #expect(stringsError.code == .xmlDoctypeRefused)
}

@Test(arguments: [
    Data("Imię;Nazwisko\nJan;Kowalski\n".utf8),
    Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]),
    Data(),
])
func nonZipFilesAreRefused(bytes: Data) throws {
    let error = try #require(throws: IngestError.self) { try XLSXWorkbook(data: bytes) }
    #expect(error.code == .notAnXLSX)
}

@Test func zipWithoutWorkbookIsRefused() throws {
    let zip = try XLSXFixture.zip([("notes.txt", Data("hello".utf8))])
    let error = try #require(throws: IngestError.self) { try XLSXWorkbook(data: zip) }
    #expect(error.code == .notAnXLSX)
    #expect(error.message.contains("xl/workbook.xml"))
}

@Test func sheetWithoutItsPartIsListedAndReportedWhenRead() throws {
    let workbookXML = """
        <?xml version="1.0"?><workbook xmlns="\(XLSXFixture.mainNS)" xmlns:r="\(XLSXFixture.relNS)"><sheets>\
        <sheet name="A" sheetId="1" r:id="rId1"/><sheet name="Zgubiony" sheetId="2" r:id="rId9"/></sheets></workbook>
        """
    let fixture = XLSXFixture.workbook(sheets: [.init(name: "A", xml: XLSXFixture.sheet(""))])
        .replacing("xl/workbook.xml", with: workbookXML)
    let workbook = try open(fixture)
    #expect(workbook.sheets.map(\.name) == ["A", "Zgubiony"])
    let error = try #require(throws: IngestError.self) { try workbook.readSheet(named: "Zgubiony") }
    #expect(error.code == .unreadableFile)
}

/// A stream parser accepts a truncated document without complaint; the reader must not.
@Test(arguments: ["<worksheet><sheetData><row>", "<worksheet><sheetData></row></worksheet>", ""])
func malformedSheetXMLIsAnUnreadableFile(xml: String) throws {
    let fixture = XLSXFixture.workbook(sheets: [.init(name: "A", xml: xml)])
    let error = try #require(throws: IngestError.self) { try open(fixture).readSheet(named: "A") }
    #expect(error.code == .unreadableFile)
}

@Test func sharedStringIndexOutOfRangeIsReportedNotCrashed() throws {
    let error = try #require(throws: IngestError.self) {
        try singleSheet(#"<row r="4"><c r="A4" t="s"><v>7</v></c></row>"#, strings: ["only one"])
    }
    #expect(error.code == .unreadableFile)
    #expect(error.message.contains("row 4"))
    #expect(!error.message.contains("only one"))
}

@Test func opensFromURLAndReportsMissingFiles() throws {
    let folder = try TestSupport.makeTemporaryDirectory("ingest-xlsx")
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("roll.xlsx")
    let fixture = XLSXFixture.workbook(
        sheets: [.init(name: "A", xml: XLSXFixture.sheet(#"<row r="2"><c r="B2"><v>7</v></c></row>"#))])
    try fixture.data().write(to: url)
    #expect(
        try XLSXWorkbook(url: url).readSheet(named: "A").rows == [TableRow(number: 2, cells: [.empty, .number(7)])])

    let missing = try #require(throws: IngestError.self) {
        try XLSXWorkbook(url: folder.appendingPathComponent("absent.xlsx"))
    }
    #expect(missing.code == .unreadableFile)
}

/// `XMLParser(data:)` fails on parts above 10 MB; the reader must not.
@Test func sheetPartLargerThanTenMegabytes() throws {
    var rows = ""
    let rowCount = 45_000
    for r in 1...rowCount {
        rows += "<row r=\"\(r)\"><c r=\"A\(r)\"><v>\(r)</v></c>"
        rows += "<c r=\"B\(r)\" t=\"inlineStr\"><is><t>Uczestnik numer \(r) z projektu integracyjnego</t></is></c>"
        rows +=
            "<c r=\"C\(r)\" t=\"inlineStr\"><is><t>Obywatelstwo ukraińskie, kurs języka polskiego</t></is></c></row>"
    }
    let xml = XLSXFixture.sheet(rows)
    #expect(xml.utf8.count > 10_000_000)
    let table = try open(XLSXFixture.workbook(sheets: [.init(name: "Duży", xml: xml)])).readSheet(named: "Duży")
    #expect(table.rows.count == rowCount)
    #expect(table.rows.last?.cells.first == .number(Double(rowCount)))
}

@Test func hiddenAndBlankRowsAreReported() throws {
    let table = try singleSheet(
        """
        <row r="1"><c r="A1" t="inlineStr"><is><t>Imię</t></is></c></row>\
        <row r="2" hidden="1"><c r="A2"><v>1</v></c></row>\
        <row r="3"/>\
        <row r="4" hidden="true" customHeight="1"/>\
        <row r="5" hidden="0"><c r="A5" s="2"/><c r="B5" t="inlineStr"><is><t xml:space="preserve">  </t></is></c></row>\
        <row hidden="1"><c><v>6</v></c></row>\
        <row r="8"><c r="A8" t="s"><v>0</v></c></row>
        """, strings: [""])
    #expect(table.rows.map(\.number) == [1, 2, 6])
    #expect(table.hiddenRowNumbers == [2, 4, 6])
    #expect(table.blankRowNumbers == [3, 4, 5, 8])
}

@Test func referencesCDATAAndPreservedWhitespaceInEveryKindOfString() throws {
    let table = try singleSheet(
        """
        <row r="1"><c r="A1" t="s"><v>0</v></c>\
        <c r="B1" t="inlineStr"><is><t>&#321;&#xF3;d&#x17a; &quot;Ł&quot; &apos;x&apos; &gt;</t></is></c>\
        <c r="C1" t="str"><f>A1</f><v>linia_x000D_&#10;druga</v></c>\
        <c r="D1" t="inlineStr"><is><t><![CDATA[<b> & ]]></t></is></c>\
        <c r="E1" t="inlineStr"><is><t xml:space="preserve">  dwie spacje  </t></is></c>\
        <c r="F1"><v><![CDATA[12.5]]></v></c><c r="G1" t="e"><v>#N/A</v></c></row>
        """, strings: ["  Ewa &amp; Jan_x0009_ "])
    #expect(
        table.rows[0].cells == [
            .string("  Ewa & Jan\t "), .string("Łódź \"Ł\" 'x' >"), .string("linia\r\ndruga"), .string("<b> & "),
            .string("  dwie spacje  "), .number(12.5), .error("#N/A"),
        ])
}

@Test(arguments: [
    (#"<row r="0"><c r="A1"><v>1</v></c></row>"#, "invalid row number"),
    (#"<row r="abc"><c r="A1"><v>1</v></c></row>"#, "invalid row number"),
    (#"<row r="1048577"><c><v>1</v></c></row>"#, "invalid row number"),
    (#"<row r="1"><c r="1A"><v>1</v></c></row>"#, "invalid reference"),
    (#"<row r="2"><c r="A2" t="s"><v>-1</v></c></row>"#, "shared string"),
])
func damagedSheetContentIsReportedWithItsRow(rows: String, message: String) throws {
    let error = try #require(throws: IngestError.self) { try singleSheet(rows, strings: ["x"]) }
    #expect(error.code == .unreadableFile)
    #expect(error.message.contains(message))
}

@Test func negativeOrNonNumericStylesAreNotDates() throws {
    let table = try singleSheet(#"<row r="1"><c r="A1" s="-1"><v>44997</v></c><c r="B1" s="x"><v>1</v></c></row>"#)
    #expect(table.rows[0].cells == [.number(44997), .number(1)])
}

@Test func cellsFarApartAreRefusedBeforeTheyExhaustMemory() throws {
    var parser = XLSXSheetParser(sharedStrings: [], dateStyles: [], uses1904Dates: false)
    parser.maxCells = 40_000
    let row = #"<row><c r="XFD1"><v>1</v></c></row>"#
    #expect(try parser.parse(Data(XLSXFixture.sheet(row).utf8), part: "s.xml").rows[0].cells.count == 16_384)
    let error = try #require(throws: IngestError.self) {
        try parser.parse(Data(XLSXFixture.sheet(String(repeating: row, count: 3)).utf8), part: "s.xml")
    }
    #expect(error.message.contains("row 3"))
}

@Test func forEachRowStreamsTheRowsReadSheetReturns() throws {
    let fixture = XLSXFixture.workbook(
        sheets: [
            .init(
                name: "Lista",
                xml: XLSXFixture.sheet(
                    #"<row r="2"><c r="B2"><v>7</v></c></row><row r="3"/><row r="4"><c r="A4" t="b"><v>1</v></c></row>"#
                ))
        ])
    let workbook = try open(fixture)
    var streamed: [TableRow] = []
    try workbook.forEachRow(sheet: "lista") { streamed.append($0) }
    #expect(streamed == (try workbook.readSheet(named: "Lista").rows))
    #expect(streamed.map(\.number) == [2, 4])
    #expect(throws: IngestError.self) { try workbook.forEachRow(sheet: "Brak") { _ in } }
}

/// A sheet cut off anywhere before its end is an error, never a crash, a hang or a silently shorter table.
@Test(.timeLimit(.minutes(5)))
func everyTruncationOfASheetIsAnUnreadableFile() throws {
    let xml = XLSXFixture.sheet(
        """
        <row r="1" hidden="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><t>Łu</t></r><r><t>cja</t></r>\
        <rPh><t>x</t></rPh></is></c><c r="C1" t="str"><f>"a"&amp;"b"</f><v>a&#38;b_x000D_</v></c></row>\
        <!-- komentarz --><row><c s="1"><v>44997</v></c><c t="b"><v>1</v></c><c><v><![CDATA[1.5E3]]></v></c></row>
        """, merges: ["A1:B1"])
    let bytes = Array(xml.utf8)
    let parser = XLSXSheetParser(sharedStrings: ["Олександр"], dateStyles: [false, true], uses1904Dates: false)
    let complete = try parser.parse(Data(bytes), part: "sheet.xml")
    #expect(complete.rows.count == 2)
    for cut in 0..<bytes.count {
        let error = try #require(throws: IngestError.self, "cut at \(cut)") {
            try parser.parse(Data(bytes[..<cut]), part: "sheet.xml")
        }
        #expect(error.code == .unreadableFile)
    }
}

/// Random byte damage gives a table or an `IngestError`, never a crash or a hang (bounds are checked everywhere).
@Test(.timeLimit(.minutes(5)))
func randomlyDamagedPartsAreReadOrRefused() throws {
    let sheet = Array(
        XLSXFixture.sheet(
            """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>&#321;&amp;</t></is></c>\
            <c r="C1" s="1"><v>44997</v></c><c r="XFD1" t="e"><v>#N/A</v></c></row>\
            <row r="3" hidden="1"><c r="A3" t="d"><v>2023-03-12</v></c><c t="str"><v>x_x000A_</v></c></row>
            """, merges: ["A1:C1"]
        ).utf8)
    let strings = Array(XLSXFixture.sharedStrings(["Ł&amp;ó", "_x000D_"]).utf8)
    let parser = XLSXSheetParser(sharedStrings: ["a", "b"], dateStyles: [false, true], uses1904Dates: false)
    var random = SeededGenerator(seed: 2024)
    let alphabet = Array("<>/=\"'&;#x:![]-?_ \r\n\u{0}0aZ".utf8) + [0xC5, 0x81, 0xFF]
    for _ in 0..<600 {
        for original in [sheet, strings] {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[at] = alphabet.randomElement(using: &random)!
                case 1: bytes.remove(at: at)
                default: bytes.insert(alphabet.randomElement(using: &random)!, at: at)
                }
            }
            do {
                if original == sheet {
                    _ = try parser.parse(Data(bytes), part: "sheet.xml")
                } else {
                    _ = try XLSXSharedStrings.read(Data(bytes), part: "strings.xml")
                }
            } catch let error as IngestError {
                #expect([.unreadableFile, .xmlDoctypeRefused].contains(error.code))
            }
        }
    }
}
