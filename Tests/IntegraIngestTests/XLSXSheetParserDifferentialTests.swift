import Foundation
import IntegraCore
import Testing

@testable import IntegraIngest

/// A seeded sheet of every cell type and XML feature the reader meets, with the hidden and blank rows it holds.
private struct GeneratedSheet {
    var sheetXML = ""
    var sharedStringsXML = ""
    var hiddenRows: [Int] = []
    var blankRows: [Int] = []

    /// Shared string bodies (`<si>` content): runs, phonetic runs, references, CDATA, escapes, raw line ends.
    static let stringBodies = [
        "<t>Łucja Wójcik</t>", "<t>Олександр Шевченко</t>", "<t>Ґалаґан 👍</t>", "<t/>",
        "<t>a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;</t>", "<t>&#321;&#243;d&#378; &#x41F;&#x440;</t>",
        "<t>ul. Długa 5_x000D_\nlok. 3</t>", "<t>tab_x0009_ i _x005F_x000D_</t>", "<t>raz\r\ndwa\rtrzy</t>",
        "<t><![CDATA[<i>surowe & nie</i>]]></t>", "<t xml:space=\"preserve\">  spacje  </t>",
        "<r><rPr><b/></rPr><t xml:space=\"preserve\">Ewa </t></r>\n  <r><t>Nowak</t></r><rPh sb=\"0\" eb=\"1\"><t>エワ</t></rPh>",
        "<t>Kra<!-- x -->ków</t>", "<t>   </t>", "<t>n/a</t>",
    ]

    static let numbers = [
        "0", "-0", "42", "007", "1234.56", "-0.5", "1.5E3", "1E-7", "0.30000000000000004", "44997.395833333336",
        " 12 ", "1e400", "12345678901234567890", "2.5e+10",
    ]

    init(seed: UInt64, rows rowCount: Int, prefix p: String) {
        var random = SeededGenerator(seed: seed)
        var strings: [String] = []
        for k in 0..<300 {
            let body = Self.stringBodies[k % Self.stringBodies.count]
            strings.append(
                k < Self.stringBodies.count ? body : body.replacingOccurrences(of: "</t>", with: " \(k)</t>"))
        }
        let namespace = (p.isEmpty ? "xmlns" : "xmlns:" + p.dropLast()) + "=\"\(XLSXFixture.mainNS)\""
        sharedStringsXML =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<\(p)sst \(namespace) uniqueCount=\"\(strings.count)\">"
            + strings.map { "<\(p)si>" + Self.prefixed($0, p) + "</\(p)si>" }.joined(separator: "\r\n")
            + "</\(p)sst>"

        var xml =
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<\(p)worksheet \(namespace)>"
            + "<\(p)sheetPr/><\(p)cols><\(p)col min=\"1\" max=\"3\"/></\(p)cols><\(p)sheetData>\n"
        var rowNumber = 0
        for _ in 0..<rowCount {
            let explicit = Int.random(in: 0..<20, using: &random) != 0
            rowNumber += explicit ? Int.random(in: 1...3, using: &random) : 1
            var attributes = explicit ? " r=\"\(rowNumber)\"" : ""
            switch Int.random(in: 0..<40, using: &random) {
            case 0:
                attributes += " hidden=\"1\""
                hiddenRows.append(rowNumber)
            case 1:
                attributes += " hidden=\"true\" customHeight=\"1\" ht=\"0\""
                hiddenRows.append(rowNumber)
            case 2:
                attributes += " hidden=\"0\""
            default: break
            }
            switch Int.random(in: 0..<30, using: &random) {
            case 0:
                xml += "<\(p)row\(attributes)/>"
                blankRows.append(rowNumber)
                continue
            case 1:
                xml += "<\(p)row\(attributes)><\(p)c r=\"B\(rowNumber)\" s=\"2\"/>"
                xml +=
                    "<\(p)c r=\"C\(rowNumber)\" t=\"inlineStr\"><\(p)is><\(p)t xml:space=\"preserve\"> \t</\(p)t></\(p)is></\(p)c></\(p)row>"
                blankRows.append(rowNumber)
                continue
            default: break
            }
            xml += "<\(p)row\(attributes) spans=\"1:12\">"
            // Column A always holds a number, so only the rows above are blank.
            xml += "<\(p)c\(explicit ? " r=\"A\(rowNumber)\"" : "")><\(p)v>\(rowNumber)</\(p)v></\(p)c>"
            var column = 1
            while column < 12 {
                column += Int.random(in: 0..<6, using: &random) == 0 ? 2 : 1
                let reference = explicit && column < 12 ? " r=\"\(columnLetters(column))\(rowNumber)\"" : ""
                xml += Self.cell(reference, prefix: p, stringCount: strings.count, random: &random)
                if Int.random(in: 0..<10, using: &random) == 0 { xml += "\r\n  <!-- c -->" }
            }
            xml += "</\(p)row>\n"
        }
        xml +=
            "</\(p)sheetData><\(p)mergeCells count=\"2\"><\(p)mergeCell ref=\"A1:C1\"/><\(p)mergeCell ref=\"B3:B4\"/>"
        xml += "</\(p)mergeCells><\(p)pageMargins left=\"0.7\"/></\(p)worksheet>"
        sheetXML = xml
    }

    private static func cell(
        _ r: String, prefix p: String, stringCount: Int, random: inout SeededGenerator
    ) -> String {
        func v(_ text: String) -> String { "<\(p)v>\(text)</\(p)v>" }
        switch Int.random(in: 0..<12, using: &random) {
        case 0, 1:
            return "<\(p)c\(r) t=\"s\">" + v(String(Int.random(in: 0..<stringCount, using: &random))) + "</\(p)c>"
        case 2:
            let body = stringBodies.randomElement(using: &random)!
            return "<\(p)c\(r) t=\"inlineStr\"><\(p)is>" + prefixed(body, p) + "</\(p)is></\(p)c>"
        case 3:
            return "<\(p)c\(r) t=\"str\"><\(p)f>\"a\"&amp;\"b\"</\(p)f>" + v("a&amp;b_x000D_&#10;&#xD;c") + "</\(p)c>"
        case 4:
            return "<\(p)c\(r) t=\"b\">" + v(["0", "1", "true", "false"].randomElement(using: &random)!) + "</\(p)c>"
        case 5:
            return "<\(p)c\(r) t=\"e\">" + v(["#N/A", "#DIV/0!", "#REF!"].randomElement(using: &random)!) + "</\(p)c>"
        case 6: return "<\(p)c\(r) s=\"1\">" + v(String(Int.random(in: 1...60_000, using: &random))) + "</\(p)c>"
        case 7:
            return "<\(p)c\(r) t=\"d\">" + v("2023-03-\(Int.random(in: 10...28, using: &random))T10:00:00") + "</\(p)c>"
        case 8: return "<\(p)c\(r) s=\"1\"><\(p)f>TODAY()</\(p)f></\(p)c>"
        case 9: return "<\(p)c\(r) s=\"2\"/>"
        case 10: return "<\(p)c\(r)>" + v(String(Double.random(in: -1e6...1e6, using: &random))) + "</\(p)c>"
        default: return "<\(p)c\(r) t=\"n\">" + v(numbers.randomElement(using: &random)!) + "</\(p)c>"
        }
    }

    /// `body` with its element names prefixed (`<t>` → `<x:t>`).
    private static func prefixed(_ body: String, _ p: String) -> String {
        guard !p.isEmpty else { return body }
        var out = body
        for name in ["t", "r", "rPr", "b", "rPh"] {
            out = out.replacingOccurrences(of: "<\(name)>", with: "<\(p)\(name)>")
                .replacingOccurrences(of: "<\(name) ", with: "<\(p)\(name) ")
                .replacingOccurrences(of: "</\(name)>", with: "</\(p)\(name)>")
                .replacingOccurrences(of: "<\(name)/>", with: "<\(p)\(name)/>")
        }
        return out
    }
}

/// The byte scanner and libxml2 (`XMLParser`, the reader it replaced) must give identical tables.
@Test(arguments: ["", "x:"])
func scannerReadsWhatXMLParserReads(prefix: String) throws {
    let generated = GeneratedSheet(seed: 1_204, rows: 5_000, prefix: prefix)
    let stringsData = Data(generated.sharedStringsXML.utf8)
    let sheetData = Data(generated.sheetXML.utf8)

    let strings = try XLSXSharedStrings.read(stringsData, part: "xl/sharedStrings.xml")
    #expect(strings.count == 300)
    #expect(strings == XMLParserReference.sharedStrings(stringsData))
    #expect(
        strings[5...11] == [
            "Łódź Пр", "ul. Długa 5\r\nlok. 3", "tab\t i _x000D_", "raz\ndwa\ntrzy", "<i>surowe & nie</i>",
            "  spacje  ", "Ewa Nowak",
        ])

    let parser = XLSXSheetParser(sharedStrings: strings, dateStyles: [false, true, false], uses1904Dates: false)
    let (rows, layout) = try parser.parse(sheetData, part: "xl/worksheets/sheet1.xml")
    let reference = try #require(XMLParserReference.sheet(sheetData, parser: parser))
    #expect(rows.count == reference.rows.count)
    if let mismatch = zip(rows, reference.rows).first(where: { $0 != $1 }) {
        Issue.record("row \(mismatch.0.number) differs: \(mismatch.0.cells) vs \(mismatch.1.cells)")
    }
    #expect(rows.count > 4_000)
    #expect(layout.mergedRanges == reference.merged)
    #expect(layout.hiddenRowNumbers == generated.hiddenRows)
    #expect(layout.blankRowNumbers == generated.blankRows)
    #expect(!generated.hiddenRows.isEmpty && !generated.blankRows.isEmpty)

    // Through the zip and the workbook, the same table.
    let workbook = try XLSXWorkbook(
        data: XLSXFixture.workbook(
            sheets: [.init(name: "Dane", xml: generated.sheetXML)], sharedStrings: generated.sharedStringsXML,
            styles: XLSXFixture.styles(customFormats: [(164, "dd.mm.yyyy")], cellFormats: [0, 164, 0])
        ).data())
    let table = try workbook.readSheet(named: "Dane")
    #expect(table.rows == rows)
    #expect(table.hiddenRowNumbers == generated.hiddenRows)
    #expect(table.blankRowNumbers == generated.blankRows)
}
