import Foundation
import IntegraCore

/// One cell of a hand-built workbook.
enum FixtureCell: Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case empty
    case text(String)
    /// A plain number cell (no date format): how a PESEL typed into a number cell or an unformatted serial looks.
    case number(Double)
    /// A number with the built-in date format 14, as Excel stores a date.
    case date(LocalDate)

    init(stringLiteral value: String) { self = value.isEmpty ? .empty : .text(value) }
    init(integerLiteral value: Int) { self = .number(Double(value)) }
}

/// A sheet of a `FixtureWorkbook`: rows by 1-based number, so gaps (blank rows) are explicit.
struct FixtureSheet {
    var name: String
    /// `state="hidden"` in the workbook: Excel shows no tab for it.
    var isHidden = false
    var rows: [Int: [FixtureCell]] = [:]
    /// Rows with `hidden="1"`.
    var hiddenRows: Set<Int> = []
    /// Merged ranges as Excel references, `A1:F1`.
    var merges: [String] = []

    init(_ name: String, hidden: Bool = false) {
        self.name = name
        self.isHidden = hidden
    }

    subscript(row: Int) -> [FixtureCell] {
        get { rows[row] ?? [] }
        set { rows[row] = newValue }
    }
}

/// A workbook written part by part, for what libxlsxwriter cannot write (hidden sheets and rows) and for damaged
/// files: the parts can be tampered with before they are zipped.
///
/// ```swift
/// var sheet = FixtureSheet("Obecności")
/// sheet[1] = ["Grupa", "PL-A2"]
/// sheet.hiddenRows = [7]
/// let data = FixtureWorkbook(sheets: [sheet]).bytes()
/// ```
struct FixtureWorkbook {
    var sheets: [FixtureSheet]

    /// Part name → XML text, in zip order.
    func parts() -> [(name: String, xml: String)] {
        var strings: [String] = []
        var index: [String: Int] = [:]
        func stringIndex(_ s: String) -> Int {
            if let i = index[s] { return i }
            index[s] = strings.count
            strings.append(s)
            return strings.count - 1
        }
        var sheetParts: [(String, String)] = []
        for (i, sheet) in sheets.enumerated() {
            var xml = Self.declaration + "<worksheet xmlns=\"\(Self.main)\" xmlns:r=\"\(Self.rel)\"><sheetData>"
            let numbers = Set(sheet.rows.keys).union(sheet.hiddenRows).sorted()
            for r in numbers {
                xml += "<row r=\"\(r)\"" + (sheet.hiddenRows.contains(r) ? " hidden=\"1\"" : "") + ">"
                for (c, cell) in sheet[r].enumerated() {
                    let ref = columnLetters(c) + String(r)
                    switch cell {
                    case .empty: continue
                    case .text(let s): xml += "<c r=\"\(ref)\" t=\"s\"><v>\(stringIndex(s))</v></c>"
                    case .number(let n): xml += "<c r=\"\(ref)\"><v>\(Self.format(n))</v></c>"
                    case .date(let d): xml += "<c r=\"\(ref)\" s=\"1\"><v>\(d.excelSerial)</v></c>"
                    }
                }
                xml += "</row>"
            }
            xml += "</sheetData>"
            if !sheet.merges.isEmpty {
                xml += "<mergeCells count=\"\(sheet.merges.count)\">"
                xml += sheet.merges.map { "<mergeCell ref=\"\($0)\"/>" }.joined()
                xml += "</mergeCells>"
            }
            xml += "</worksheet>"
            sheetParts.append(("xl/worksheets/sheet\(i + 1).xml", xml))
        }
        let sheetType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
        let contentTypes =
            Self.declaration + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" "
            + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + sheets.indices.map {
                "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"\(sheetType)\"/>"
            }
            .joined()
            + "<Override PartName=\"/xl/styles.xml\" "
            + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            + "<Override PartName=\"/xl/sharedStrings.xml\" "
            + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
            + "</Types>"
        let rootRels =
            Self.declaration + "<Relationships xmlns=\"\(Self.packageRel)\">"
            + "<Relationship Id=\"rId1\" Type=\"\(Self.rel)/officeDocument\" Target=\"xl/workbook.xml\"/>"
            + "</Relationships>"
        let workbook =
            Self.declaration + "<workbook xmlns=\"\(Self.main)\" xmlns:r=\"\(Self.rel)\"><sheets>"
            + sheets.enumerated().map { i, s in
                "<sheet name=\"\(Self.escape(s.name))\" sheetId=\"\(i + 1)\""
                    + (s.isHidden ? " state=\"hidden\"" : "") + " r:id=\"rId\(i + 1)\"/>"
            }.joined()
            + "</sheets></workbook>"
        func relationship(_ id: Int, _ type: String, _ target: String) -> String {
            "<Relationship Id=\"rId\(id)\" Type=\"\(Self.rel)/\(type)\" Target=\"\(target)\"/>"
        }
        let workbookRels =
            Self.declaration + "<Relationships xmlns=\"\(Self.packageRel)\">"
            + sheets.indices.map { relationship($0 + 1, "worksheet", "worksheets/sheet\($0 + 1).xml") }.joined()
            + relationship(sheets.count + 1, "styles", "styles.xml")
            + relationship(sheets.count + 2, "sharedStrings", "sharedStrings.xml")
            + "</Relationships>"
        let shared =
            Self.declaration
            + "<sst xmlns=\"\(Self.main)\" count=\"\(strings.count)\" uniqueCount=\"\(strings.count)\">"
            + strings.map { "<si><t xml:space=\"preserve\">\(Self.escape($0))</t></si>" }.joined() + "</sst>"
        return [
            ("[Content_Types].xml", contentTypes), ("_rels/.rels", rootRels), ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", workbookRels), ("xl/styles.xml", Self.styles),
        ] + sheetParts + [("xl/sharedStrings.xml", shared)]
    }

    /// The .xlsx bytes.
    func bytes() -> Data {
        var zip = FixtureZip()
        for part in parts() { zip.add(part.name, part.xml) }
        return zip.bytes()
    }

    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRel = "http://schemas.openxmlformats.org/package/2006/relationships"

    /// Style 0 is the default, style 1 the built-in date format 14 (shown by Excel in the user's locale).
    static let styles =
        declaration + "<styleSheet xmlns=\"\(main)\">"
        + "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
        + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"14\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>"
        + "</styleSheet>"

    static func escape(_ text: String) -> String {
        var s = ""
        for ch in text {
            switch ch {
            case "&": s += "&amp;"
            case "<": s += "&lt;"
            case ">": s += "&gt;"
            case "\"": s += "&quot;"
            default: s.append(ch)
            }
        }
        return s
    }

    static func format(_ n: Double) -> String {
        n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : "\(n)"
    }
}
