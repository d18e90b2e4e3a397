/// One cell as a reader found it, before any mapping or normalisation.
///
/// CSV readers produce only `.string` and `.empty`; the XLSX reader produces every case. A number cell whose
/// style is a date format becomes `.date`.
public enum CellValue: Hashable, Sendable {
    case empty
    case string(String)
    case number(Double)
    case bool(Bool)
    case date(LocalDate)
    /// An Excel error value such as `#N/A` or `#DIV/0!`.
    case error(String)

    /// True for `.empty` and for strings that hold only white space.
    public var isBlank: Bool {
        switch self {
        case .empty: return true
        case .string(let s): return s.allSatisfy(\.isWhitespace)
        default: return false
        }
    }

    /// The cell as text, the way a user would read it in the sheet (dates in ISO form, integral numbers
    /// without a decimal point).
    public var text: String {
        switch self {
        case .empty: return ""
        case .string(let s): return s
        case .number(let d): return CellValue.format(d)
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .date(let d): return d.iso
        case .error(let e): return e
        }
    }

    static func format(_ d: Double) -> String {
        if d.isFinite, d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }
}

/// One row of a sheet or CSV file, with its 1-based row number as the user sees it in Excel or a text editor.
public struct TableRow: Hashable, Sendable {
    /// 1-based row number in the sheet (XLSX) or record number counting the header line (CSV, line of the record's start).
    public var number: Int
    public var cells: [CellValue]

    public init(number: Int, cells: [CellValue]) {
        self.number = number
        self.cells = cells
    }

    /// The cell at a 0-based column index, `.empty` past the end.
    public subscript(column: Int) -> CellValue {
        column < cells.count ? cells[column] : .empty
    }

    /// True when every cell is blank.
    public var isBlank: Bool { cells.allSatisfy(\.isBlank) }
}

/// A rectangular range of merged cells, 0-based and inclusive.
public struct CellRange: Hashable, Sendable {
    public var firstRow: Int
    public var firstColumn: Int
    public var lastRow: Int
    public var lastColumn: Int

    public init(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        self.firstRow = firstRow
        self.firstColumn = firstColumn
        self.lastRow = lastRow
        self.lastColumn = lastColumn
    }
}

/// A whole sheet (XLSX) or file (CSV) read into memory.
public struct SheetTable: Sendable {
    /// Sheet name; nil for CSV files.
    public var name: String?
    public var rows: [TableRow]
    /// Merged ranges, rows 0-based as sheet rows minus one.
    public var mergedRanges: [CellRange]
    public var isHidden: Bool
    /// Row numbers of rows the reader skipped because every cell was blank (XLSX rows present in the sheet XML;
    /// CSV records, by the line they start on). Row accounting counts those under the header as blank.
    public var blankRowNumbers: [Int]
    /// Row numbers of rows hidden in Excel (XLSX `hidden="1"`); they are read like any other row and reported.
    public var hiddenRowNumbers: [Int]
    /// Cells (`B5`) with a formula but no stored result (XLSX written by a program that does not calculate): they
    /// read as empty.
    public var uncachedFormulas: [String] = []

    public init(
        name: String?, rows: [TableRow], mergedRanges: [CellRange] = [], isHidden: Bool = false,
        blankRowNumbers: [Int] = [], hiddenRowNumbers: [Int] = [], uncachedFormulas: [String] = []
    ) {
        self.uncachedFormulas = uncachedFormulas
        self.name = name
        self.rows = rows
        self.mergedRanges = mergedRanges
        self.isHidden = isHidden
        self.blankRowNumbers = blankRowNumbers
        self.hiddenRowNumbers = hiddenRowNumbers
    }
}

/// Converts a 0-based column index to Excel letters: 0 → "A", 27 → "AB".
public func columnLetters(_ index: Int) -> String {
    var n = index + 1
    var letters = ""
    while n > 0 {
        let r = (n - 1) % 26
        letters = String(UnicodeScalar(UInt8(65 + r))) + letters
        n = (n - 1) / 26
    }
    return letters
}
