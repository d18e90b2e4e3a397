import Foundation
import IntegraCore

/// Turns one worksheet part into rows of typed cells.
struct XLSXSheetParser {
    var sharedStrings: [String]
    /// Per cell style (`s`), whether it formats numbers as dates.
    var dateStyles: [Bool]
    var uses1904Dates: Bool
    /// Cells a sheet may expand to, counting the empty ones that fill gaps: `<c r="XFD1">` on every row of a small
    /// part would otherwise ask for 16 384 cells a row, exhausting memory.
    /// Ten million cells stay under 512 MB; the largest real partner sheets have a few hundred thousand.
    var maxCells = 10_000_000

    /// What a sheet holds besides its rows.
    struct Layout: Equatable {
        var mergedRanges: [CellRange] = []
        /// Rows with `hidden="1"`, in sheet order, blank or not.
        var hiddenRowNumbers: [Int] = []
        /// Rows present in the XML whose cells are all blank; they are not passed on as rows.
        var blankRowNumbers: [Int] = []
        /// Cells (`B5`) holding a formula without a stored result — a workbook written by a program that does not
        /// calculate (openpyxl, a script): they read as empty, and the reader says why.
        var uncachedFormulas: [String] = []
    }

    /// The kinds of cell the `t` attribute names; anything else (or none) is a number.
    enum CellType {
        case number, sharedString, inlineString, formulaString, boolean, error, isoDate

        init(attribute: String?) {
            var name = attribute ?? ""
            self = name.withUTF8 { CellType(UnsafeRawBufferPointer($0)) }
        }

        @inline(__always)
        init(_ bytes: UnsafeRawBufferPointer) {
            switch bytes.count {
            case 1:
                switch bytes[0] {
                case UInt8(ascii: "s"): self = .sharedString
                case UInt8(ascii: "b"): self = .boolean
                case UInt8(ascii: "e"): self = .error
                case UInt8(ascii: "d"): self = .isoDate
                default: self = .number
                }
            case 3 where bytes.elementsEqual("str".utf8): self = .formulaString
            case 9 where bytes.elementsEqual("inlineStr".utf8): self = .inlineString
            default: self = .number
            }
        }
    }

    /// The sheet's non-blank rows (numbered as in Excel) and its layout.
    func parse(_ data: Data, part: String) throws -> (rows: [TableRow], layout: Layout) {
        var rows: [TableRow] = []
        let layout = try parse(data, part: part) { rows.append($0) }
        return (rows, layout)
    }

    /// Passes the sheet's non-blank rows to `body` in sheet order as they are read, and returns the layout.
    func parse(_ data: Data, part: String, eachRow body: (TableRow) throws -> Void) throws -> Layout {
        try XMLPart.scan(data, part: part) { scanner in
            var reader = SheetReader(sheet: self, part: part)
            try reader.read(&scanner, eachRow: body)
            return reader.layout
        }
    }

    /// The cell value for a `<c>` with type `t`, style `s` and the text of its `<v>` (or inline `<is>`).
    func value(type: String?, style: Int, text: String) -> CellValue? {
        var text = text
        return text.withUTF8 { value(type: CellType(attribute: type), style: style, text: UnsafeRawBufferPointer($0)) }
    }

    /// `value` on the decoded UTF-8 bytes of the cell's text; nil when a shared string index is invalid.
    @inline(__always)
    func value(type: CellType, style: Int, text: UnsafeRawBufferPointer) -> CellValue? {
        switch type {
        case .number:
            if text.isEmpty { return .empty }
            guard let number = Self.decimal(text) ?? Self.double(String(decoding: text, as: UTF8.self)) else {
                return .string(String(decoding: text, as: UTF8.self))
            }
            if style >= 0, style < dateStyles.count, dateStyles[style],
                let date = LocalDate(excelSerial: number, date1904: uses1904Dates)
            {
                return .date(date)
            }
            return .number(number)
        case .sharedString:
            guard let index = Self.integer(text), index >= 0, index < sharedStrings.count else { return nil }
            return nonEmpty(sharedStrings[index])
        case .inlineString, .formulaString:
            return nonEmpty(XMLPart.unescapeOOXML(text))
        case .boolean:
            return .bool(text.elementsEqual("1".utf8) || text.elementsEqual("true".utf8))
        case .error:
            return .error(String(decoding: text, as: UTF8.self))
        case .isoDate:
            // ISO 8601 date cells (Strict OOXML, some generators); the time is dropped like serial fractions.
            let string = String(decoding: text, as: UTF8.self)
            return LocalDate(iso: String(string.prefix(10))).map(CellValue.date) ?? nonEmpty(string)
        }
    }

    private func nonEmpty(_ text: String) -> CellValue { text.isEmpty ? .empty : .string(text) }

    private static func double(_ text: String) -> Double? {
        Double(text) ?? Double(text.trimmingCharacters(in: .whitespaces))
    }

    /// `Int(String)` on ASCII bytes: an optional sign and decimal digits, nil on anything else or overflow.
    @inline(__always)
    static func integer(_ bytes: UnsafeRawBufferPointer) -> Int? {
        var i = 0
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            i = 1
        }
        guard i < bytes.count else { return nil }
        var value = 0
        while i < bytes.count {
            let digit = bytes[i] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) =
                negative
                ? times10.subtractingReportingOverflow(Int(digit)) : times10.addingReportingOverflow(Int(digit))
            guard !overflow1, !overflow2 else { return nil }
            value = next
            i += 1
        }
        return value
    }

    /// Exact powers of ten a `Double` holds.
    private static let powersOfTen: [Double] = (0...22).map { (0..<$0).reduce(1.0) { acc, _ in acc * 10 } }

    /// The plain decimals spreadsheets write (`-12`, `44997.5`, `1.5E-3`) when they convert exactly: a mantissa below
    /// 2^53 scaled by at most 10^22 is one correctly rounded operation, the same double `Double(String)` gives.
    /// nil for everything else, which goes the slow way.
    @inline(__always)
    static func decimal(_ text: UnsafeRawBufferPointer) -> Double? {
        let n = text.count
        var i = 0
        let negative = n > 0 && text[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        let integerStart = i
        while i < n, case let digit = text[i] &- UInt8(ascii: "0"), digit < 10 {
            if mantissa != 0 || digit != 0 { significant += 1 }
            mantissa = mantissa &* 10 &+ UInt64(digit)
            i += 1
        }
        guard i > integerStart else { return nil }
        if i < n, text[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            while i < n, case let digit = text[i] &- UInt8(ascii: "0"), digit < 10 {
                if mantissa != 0 || digit != 0 { significant += 1 }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                exponent -= 1
                i += 1
            }
            guard i > fractionStart else { return nil }
        }
        // 19 significant digits cannot have wrapped a UInt64; the 2^53 test below then decides.
        guard significant <= 19 else { return nil }
        if i < n, text[i] == UInt8(ascii: "E") || text[i] == UInt8(ascii: "e") {
            i += 1
            var exponentNegative = false
            if i < n, text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+") {
                exponentNegative = text[i] == UInt8(ascii: "-")
                i += 1
            }
            let digitsStart = i
            var written = 0
            while i < n, i - digitsStart < 4, case let digit = text[i] &- UInt8(ascii: "0"), digit < 10 {
                written = written * 10 + Int(digit)
                i += 1
            }
            guard i > digitsStart else { return nil }
            exponent += exponentNegative ? -written : written
        }
        guard i == n, mantissa <= 1 << 53 else { return nil }
        var value = Double(mantissa)
        if mantissa != 0 {
            guard exponent >= -22, exponent <= 22 else { return nil }
            value = exponent < 0 ? value / powersOfTen[-exponent] : value * powersOfTen[exponent]
        }
        return negative ? -value : value
    }
}

/// The state of one pass over `<sheetData>` and `<mergeCells>`; element names may carry a namespace prefix (`x:c`).
private struct SheetReader {
    let sheet: XLSXSheetParser
    let part: String
    var layout = XLSXSheetParser.Layout()

    private var inSheetData = false
    private var rowNumber = 0
    private var cells: [CellValue] = []
    private var rowWidth = 0
    private var column = 0
    private var style = 0
    private var type = XLSXSheetParser.CellType.number
    private var text = XMLTextCollector()
    private var inValue = false
    private var inInlineString = false
    private var inPhonetic = false
    private var hasFormula = false
    private var hasValue = false
    private var cellsLeft: Int

    init(sheet: XLSXSheetParser, part: String) {
        self.sheet = sheet
        self.part = part
        cellsLeft = sheet.maxCells
    }

    mutating func read(_ scanner: inout XMLScanner, eachRow body: (TableRow) throws -> Void) throws {
        while true {
            switch try scanner.next() {
            case .start(let name):
                if inSheetData { try startInSheetData(name, scanner) } else { start(name, scanner) }
            case .text(let run):
                if inValue { text.append(run, from: scanner) }
            case .end(let name):
                if inSheetData { try endInSheetData(name, scanner, eachRow: body) }
            case .endOfDocument:
                return
            }
        }
    }

    private mutating func start(_ name: XMLScanner.Span, _ scanner: XMLScanner) {
        if scanner.matches(name, "sheetData") {
            inSheetData = true
        } else if scanner.matches(name, "mergeCell"), let ref = scanner.attribute("ref"),
            let range = CellReference.range(scanner.string(ref))
        {
            layout.mergedRanges.append(range)
        }
    }

    @inline(__always)
    private mutating func startInSheetData(_ name: XMLScanner.Span, _ scanner: XMLScanner) throws {
        if scanner.matches(name, "c") {
            try startCell(scanner)
        } else if scanner.matches(name, "v") {
            inValue = true
            hasValue = true
        } else if scanner.matches(name, "f") {
            hasFormula = true
        } else if scanner.matches(name, "row") {
            try startRow(scanner)
        } else if scanner.matches(name, "is") {
            inInlineString = true
        } else if scanner.matches(name, "t") {
            inValue = inInlineString && !inPhonetic
        } else if scanner.matches(name, "rPh") {
            inPhonetic = true
        }
    }

    @inline(__always)
    private mutating func endInSheetData(
        _ name: XMLScanner.Span, _ scanner: XMLScanner, eachRow body: (TableRow) throws -> Void
    ) throws {
        if scanner.matches(name, "v") || scanner.matches(name, "t") {
            inValue = false
        } else if scanner.matches(name, "c") {
            try endCell(scanner)
        } else if scanner.matches(name, "row") {
            try endRow(body)
        } else if scanner.matches(name, "is") {
            inInlineString = false
        } else if scanner.matches(name, "rPh") {
            inPhonetic = false
        } else if scanner.matches(name, "sheetData") {
            inSheetData = false
        }
    }

    private mutating func startRow(_ scanner: XMLScanner) throws {
        if let r = scanner.attribute("r") {
            // Excel's last row is 1 048 576; a number outside that is damage, not a row to file data under.
            guard let number = scanner.withValue(of: r, XLSXSheetParser.integer), (1...1_048_576).contains(number)
            else { throw damaged("has a row with an invalid row number") }
            rowNumber = number
        } else {
            // Rows without `r` follow the previous one.
            rowNumber += 1
        }
        if let hidden = scanner.attribute("hidden"),
            scanner.withValue(of: hidden, { $0.elementsEqual("1".utf8) || $0.elementsEqual("true".utf8) })
        {
            layout.hiddenRowNumbers.append(rowNumber)
        }
        cells = []
        cells.reserveCapacity(rowWidth)
    }

    @inline(__always)
    private mutating func startCell(_ scanner: XMLScanner) throws {
        column = cells.count
        style = 0
        type = .number
        hasFormula = false
        hasValue = false
        for attribute in scanner.attributes {
            if scanner.matches(attribute.name, "r") {
                guard let parsed = scanner.withValue(of: attribute, { CellReference.parse(utf8: $0) }) else {
                    throw damaged("has a cell with an invalid reference")
                }
                column = parsed.column
            } else if scanner.matches(attribute.name, "s") {
                style = scanner.withValue(of: attribute, XLSXSheetParser.integer) ?? 0
            } else if scanner.matches(attribute.name, "t") {
                type = scanner.withValue(of: attribute, XLSXSheetParser.CellType.init)
            }
        }
        text.reset()
    }

    @inline(__always)
    private mutating func endCell(_ scanner: XMLScanner) throws {
        inValue = false
        if text.withBytes(in: scanner, \.count) > InputLimits.maxCellBytes {
            throw InputLimits.cellTooLarge(where: "the sheet part \(part), row \(rowNumber),")
        }
        if column >= InputLimits.maxColumns {
            throw InputLimits.tooManyColumns(where: "the sheet part \(part), row \(rowNumber),")
        }
        if hasFormula && !hasValue && !inInlineString {
            layout.uncachedFormulas.append(columnLetters(column) + String(rowNumber))
        }
        let sheet = self.sheet
        let (type, style) = (self.type, self.style)
        guard let value = text.withBytes(in: scanner, { sheet.value(type: type, style: style, text: $0) }) else {
            throw damaged("refers to a shared string that does not exist")
        }
        if column < cells.count {
            cells[column] = value
        } else {
            cellsLeft -= column + 1 - cells.count
            guard cellsLeft >= 0 else {
                throw IngestError(
                    .unreadableFile,
                    "the sheet part \(part) spreads its cells over more than \(sheet.maxCells) cells (row "
                        + "\(rowNumber)); delete the stray cells far right of or below the data and save it again")
            }
            // Sparse rows skip empty cells; fill the gap so that cells[i] is column i.
            if column > cells.count {
                cells.append(contentsOf: repeatElement(CellValue.empty, count: column - cells.count))
            }
            cells.append(value)
        }
    }

    private mutating func endRow(_ body: (TableRow) throws -> Void) throws {
        while let last = cells.last, case .empty = last { cells.removeLast() }
        rowWidth = cells.count
        let row = TableRow(number: rowNumber, cells: cells)
        cells = []
        if row.isBlank {
            layout.blankRowNumbers.append(rowNumber)
        } else {
            try body(row)
        }
    }

    private func damaged(_ what: String) -> IngestError {
        IngestError(
            .unreadableFile,
            "the sheet part \(part) \(what) (row \(rowNumber)); the workbook is damaged. Open it in Excel or "
                + "LibreOffice and save it again")
    }
}
