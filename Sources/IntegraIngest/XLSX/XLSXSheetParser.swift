import Foundation
import IntegraCore

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Turns one worksheet part into rows of typed cells.
struct XLSXSheetParser {
    var sharedStrings: [String]
    /// Per cell style (`s`), whether it formats numbers as dates.
    var dateStyles: [Bool]
    var uses1904Dates: Bool

    /// The sheet's non-blank rows (numbered as in Excel) and merged ranges.
    func parse(_ data: Data, part: String) throws -> (rows: [TableRow], mergedRanges: [CellRange]) {
        let handler = SheetHandler(parser: self, part: part)
        try XMLPart.parse(data, part: part, handler: handler)
        return (handler.rows, handler.mergedRanges)
    }

    /// The cell value for a `<c>` with type `t`, style `s` and the text of its `<v>` (or inline `<is>`).
    func value(type: String?, style: Int, text: String) -> CellValue? {
        switch type {
        case "s":
            guard let index = Int(text), sharedStrings.indices.contains(index) else { return nil }
            return nonEmpty(sharedStrings[index])
        case "inlineStr", "str":
            return nonEmpty(XMLPart.unescapeOOXML(text))
        case "b":
            return .bool(text == "1" || text == "true")
        case "e":
            return .error(text)
        case "d":
            // ISO 8601 date cells (Strict OOXML, some generators); the time part is dropped like Excel serial fractions.
            return LocalDate(iso: String(text.prefix(10))).map(CellValue.date) ?? nonEmpty(text)
        default:
            if text.isEmpty { return .empty }
            guard let number = Double(text) ?? Double(text.trimmingCharacters(in: .whitespaces)) else {
                return .string(text)
            }
            if style < dateStyles.count, dateStyles[style],
                let date = LocalDate(excelSerial: number, date1904: uses1904Dates)
            {
                return .date(date)
            }
            return .number(number)
        }
    }

    private func nonEmpty(_ text: String) -> CellValue { text.isEmpty ? .empty : .string(text) }
}

/// SAX handler for `<sheetData>` and `<mergeCells>`; element names may carry a namespace prefix (`x:c`).
private final class SheetHandler: XMLPartHandler {
    let sheet: XLSXSheetParser
    let part: String
    var rows: [TableRow] = []
    var mergedRanges: [CellRange] = []

    private var rowNumber = 0
    private var cells: [CellValue] = []
    private var column = 0
    private var style = 0
    private var type: String?
    private var text = ""
    private var inValue = false
    private var inInlineString = false
    private var inPhonetic = false

    init(parser: XLSXSheetParser, part: String) {
        self.sheet = parser
        self.part = part
    }

    override func start(_ name: Substring, attributes: [String: String], parser: XMLParser) {
        switch name {
        case "row":
            // Rows without `r` follow the previous one.
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            cells.removeAll(keepingCapacity: true)
        case "c":
            if let ref = attributes["r"] {
                guard let parsed = CellReference.parse(ref) else {
                    fail(damaged("has a cell with an invalid reference"), parser)
                    return
                }
                column = parsed.column
            } else {
                column = cells.count
            }
            style = attributes["s"].flatMap(Int.init) ?? 0
            type = attributes["t"]
            text = ""
        case "v":
            inValue = true
        case "is":
            inInlineString = true
        case "t":
            inValue = inInlineString && !inPhonetic
        case "rPh":
            inPhonetic = true
        case "mergeCell":
            if let ref = attributes["ref"], let range = CellReference.range(ref) { mergedRanges.append(range) }
        default:
            break
        }
    }

    override func characters(_ string: String) {
        if inValue { text += string }
    }

    override func end(_ name: Substring, parser: XMLParser) {
        switch name {
        case "v", "t":
            inValue = false
        case "is":
            inInlineString = false
        case "rPh":
            inPhonetic = false
        case "c":
            guard let value = sheet.value(type: type, style: style, text: text) else {
                fail(damaged("refers to a shared string that does not exist"), parser)
                return
            }
            if column < cells.count {
                cells[column] = value
            } else {
                // Sparse rows skip empty cells; fill the gap so that cells[i] is column i.
                cells.append(contentsOf: repeatElement(CellValue.empty, count: column - cells.count))
                cells.append(value)
            }
        case "row":
            while cells.last == .empty { cells.removeLast() }
            let row = TableRow(number: rowNumber, cells: cells)
            if !row.isBlank { rows.append(row) }
        default:
            break
        }
    }

    private func damaged(_ what: String) -> IngestError {
        IngestError(
            .unreadableFile,
            "the sheet part \(part) \(what) (row \(rowNumber)); the workbook is damaged. Open it in Excel or "
                + "LibreOffice and save it again")
    }
}
