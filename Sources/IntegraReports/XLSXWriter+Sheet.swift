import CXlsxWriter
import IntegraCore

/// One sheet of an `XLSXWriter` workbook. Rows and columns are 0-based; every call throws `.closed` once the
/// workbook is closed.
///
/// ```swift
/// let sheet = try workbook.addSheet("Obecności")
/// try sheet.merge(firstRow: 0, firstCol: 0, lastRow: 0, lastCol: 5, text: "Lista obecności", style: .title)
/// try sheet.write("Nazwisko", row: 2, col: 0, style: .header)
/// try sheet.write(LocalDate(year: 2024, month: 3, day: 4)!, row: 2, col: 1, style: .header.formatted(.date))
/// try sheet.write("x", row: 3, col: 1, style: .text.aligned(.center))
/// try sheet.setColumnWidth(0, 24)
/// try sheet.freezePanes(row: 3, col: 1)
/// ```
public final class XLSXSheet {
    public let name: String
    // Strong, so the workbook (and the C sheet it owns) lives as long as any of its sheets is used.
    private let workbook: XLSXWriter
    private let worksheet: UnsafeMutablePointer<lxw_worksheet>
    private var mergedRanges: [CellRange] = []

    init(workbook: XLSXWriter, worksheet: UnsafeMutablePointer<lxw_worksheet>, name: String) {
        self.workbook = workbook
        self.worksheet = worksheet
        self.name = name
    }

    /// Writes text; an empty string leaves the cell blank. Text over Excel's limit of 32 767 characters in a cell
    /// is cut to it, ending in `…` (``truncatedCells`` counts them): a long cell never stops a report.
    public func write(_ text: String, row: Int, col: Int, style: XLSXStyle = .text) throws {
        try write(text, row: row, col: col, format: try resolve(style))
    }

    /// A style made into the workbook's format once, for a table that writes it in many cells (the same cells as
    /// with the style itself, without looking the style up per cell).
    public struct Format {
        fileprivate let pointer: UnsafeMutablePointer<lxw_format>?
    }

    /// The workbook's format of `style`, for the `format:` forms of ``write(_:row:col:format:)``.
    public func resolve(_ style: XLSXStyle) throws -> Format { Format(pointer: try workbook.format(for: style)) }

    /// Writes text in a resolved format (see ``write(_:row:col:style:)``).
    public func write(_ text: String, row: Int, col: Int, format: Format) throws {
        let (r, c) = try position(row, col)
        let fitted = XLSXSheet.fitted(text)
        if fitted.utf8.count != text.utf8.count { workbook.truncatedCells += 1 }
        try check("writing text", row, col) { worksheet_write_string(worksheet, r, c, fitted, format.pointer) }
    }

    /// Writes a number in a resolved format; NaN and infinities are refused.
    public func write(_ number: Double, row: Int, col: Int, format: Format) throws {
        let (r, c) = try position(row, col)
        guard number.isFinite else { throw XLSXWriterError.nonFiniteNumber(sheet: name, cell: reference(row, col)) }
        try check("writing a number", row, col) { worksheet_write_number(worksheet, r, c, number, format.pointer) }
    }

    /// Formats an empty cell in a resolved format.
    public func writeBlank(row: Int, col: Int, format: Format) throws {
        let (r, c) = try position(row, col)
        try check("writing a blank cell", row, col) { worksheet_write_blank(worksheet, r, c, format.pointer) }
    }

    /// Excel's limit of characters in a cell (libxlsxwriter counts code points).
    public static let maxCellCharacters = 32_767

    /// `text` cut to ``maxCellCharacters`` code points, the last one `…`; unchanged when it fits.
    public static func fitted(_ text: String) -> String {
        guard text.utf8.count > maxCellCharacters, text.unicodeScalars.count > maxCellCharacters else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.prefix(maxCellCharacters - 1))
        scalars.append("…")
        return String(scalars)
    }

    /// Writes a number; NaN and infinities are refused.
    public func write(_ number: Double, row: Int, col: Int, style: XLSXStyle = .text) throws {
        let (r, c) = try position(row, col)
        guard number.isFinite else { throw XLSXWriterError.nonFiniteNumber(sheet: name, cell: reference(row, col)) }
        let format = try workbook.format(for: style)
        try check("writing a number", row, col) { worksheet_write_number(worksheet, r, c, number, format) }
    }

    /// Writes a whole number.
    public func write(_ number: Int, row: Int, col: Int, style: XLSXStyle = .text) throws {
        try write(Double(number), row: row, col: col, style: style)
    }

    /// Writes a real date cell (a serial number with a date format).
    ///
    /// A `style` whose number format is not a date gets `dd.mm.yyyy`, so the cell never shows a bare serial.
    public func write(_ date: LocalDate, row: Int, col: Int, style: XLSXStyle = .date) throws {
        let (r, c) = try position(row, col)
        guard date.year >= 1900 else { throw XLSXWriterError.dateOutOfRange(sheet: name, cell: reference(row, col)) }
        let format = try workbook.format(for: style.numberFormat.isDate ? style : style.formatted(.date))
        var datetime = lxw_datetime(
            year: Int32(date.year), month: Int32(date.month), day: Int32(date.day), hour: 0, min: 0, sec: 0)
        try check("writing a date", row, col) { worksheet_write_datetime(worksheet, r, c, &datetime, format) }
    }

    /// Writes `TRUE` or `FALSE`.
    public func write(_ value: Bool, row: Int, col: Int, style: XLSXStyle = .text) throws {
        let (r, c) = try position(row, col)
        let format = try workbook.format(for: style)
        try check("writing a boolean", row, col) { worksheet_write_boolean(worksheet, r, c, value ? 1 : 0, format) }
    }

    /// Writes a cell as a reader found it; `.error` values are written as their text.
    public func write(_ cell: CellValue, row: Int, col: Int, style: XLSXStyle = .text) throws {
        switch cell {
        case .empty: try writeBlank(row: row, col: col, style: style)
        case .string(let text), .error(let text): try write(text, row: row, col: col, style: style)
        case .number(let number): try write(number, row: row, col: col, style: style)
        case .bool(let value): try write(value, row: row, col: col, style: style)
        case .date(let date): try write(date, row: row, col: col, style: style)
        }
    }

    /// Formats an empty cell (borders, fill); with the default style nothing is written.
    public func writeBlank(row: Int, col: Int, style: XLSXStyle = .text) throws {
        let (r, c) = try position(row, col)
        let format = try workbook.format(for: style)
        try check("writing a blank cell", row, col) { worksheet_write_blank(worksheet, r, c, format) }
    }

    /// Writes a formula with the value the pipeline already computed.
    ///
    /// Excel recalculates on open, but LibreOffice and openpyxl show the stored value, which would otherwise be 0.
    public func writeFormula(
        _ formula: String, cachedValue: Double, row: Int, col: Int, style: XLSXStyle = .text
    ) throws {
        let (r, c) = try position(row, col)
        guard cachedValue.isFinite else {
            throw XLSXWriterError.nonFiniteNumber(sheet: name, cell: reference(row, col))
        }
        let format = try workbook.format(for: style)
        try check("writing a formula", row, col) {
            worksheet_write_formula_num(worksheet, r, c, formula, format, cachedValue)
        }
    }

    /// Merges a range and writes `text` in it; every cell of the range gets `style` (so borders go all round).
    ///
    /// A one-cell range just writes the text. Ranges may not overlap, which Excel would report as a damaged file.
    public func merge(
        firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int, text: String, style: XLSXStyle = .text
    ) throws {
        let range = try validatedRange(firstRow, firstCol, lastRow, lastCol)
        if firstRow == lastRow && firstCol == lastCol {
            try write(text, row: firstRow, col: firstCol, style: style)
            return
        }
        if mergedRanges.contains(where: { overlaps($0, range) }) {
            throw XLSXWriterError.invalidRange(
                sheet: name, range: reference(range), reason: "overlaps a range merged before")
        }
        let format = try workbook.format(for: style)
        try check("merging cells", firstRow, firstCol) {
            worksheet_merge_range(
                worksheet, lxw_row_t(firstRow), lxw_col_t(firstCol), lxw_row_t(lastRow), lxw_col_t(lastCol), text,
                format)
        }
        mergedRanges.append(range)
    }

    /// Sets a column's width in characters of the default font.
    public func setColumnWidth(_ col: Int, _ width: Double) throws {
        try setColumnWidth(col...col, width)
    }

    /// Sets the width of several adjacent columns.
    public func setColumnWidth(_ cols: ClosedRange<Int>, _ width: Double) throws {
        _ = try position(0, cols.lowerBound)
        _ = try position(0, cols.upperBound)
        try check("setting a column width", 0, cols.lowerBound) {
            worksheet_set_column(worksheet, lxw_col_t(cols.lowerBound), lxw_col_t(cols.upperBound), width, nil)
        }
    }

    /// Sets a row's height in points (Excel's default is 15).
    public func setRowHeight(_ row: Int, _ height: Double) throws {
        let (r, _) = try position(row, 0)
        try check("setting a row height", row, 0) { worksheet_set_row(worksheet, r, height, nil) }
    }

    /// Keeps the rows above `row` and the columns left of `col` in view while scrolling.
    public func freezePanes(row: Int, col: Int) throws {
        let (r, c) = try position(row, col)
        worksheet_freeze_panes(worksheet, r, c)
    }

    /// Adds filter buttons to the first row of the range (the headings); one range per sheet.
    public func autofilter(firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int) throws {
        let range = try validatedRange(firstRow, firstCol, lastRow, lastCol)
        try check("adding an autofilter", firstRow, firstCol) {
            worksheet_autofilter(
                worksheet, lxw_row_t(range.firstRow), lxw_col_t(range.firstColumn), lxw_row_t(range.lastRow),
                lxw_col_t(range.lastColumn))
        }
    }

    /// Sets up printing: orientation, A4 paper, fitting all columns on one page width, rows repeated on every page.
    public func printSetup(
        landscape: Bool = true, paperA4: Bool = true, fitToWidth: Bool = true, repeatRows: ClosedRange<Int>? = nil
    ) throws {
        _ = try workbook.open()
        if landscape { worksheet_set_landscape(worksheet) } else { worksheet_set_portrait(worksheet) }
        if paperA4 { worksheet_set_paper(worksheet, 9) }
        // Height 0 lets the rows run on to as many pages as they need.
        if fitToWidth { worksheet_fit_to_pages(worksheet, 1, 0) }
        if let repeatRows {
            _ = try position(repeatRows.lowerBound, 0)
            _ = try position(repeatRows.upperBound, 0)
            try check("setting rows to repeat", repeatRows.lowerBound, 0) {
                worksheet_repeat_rows(worksheet, lxw_row_t(repeatRows.lowerBound), lxw_row_t(repeatRows.upperBound))
            }
        }
    }

    /// Sets the printed pages' footer, in Excel's codes (`&L`/`&C`/`&R` left, centre, right; `&P` page number, `&N`
    /// pages, `&A` sheet name, `&9` 9 pt).
    public func setFooter(_ text: String) throws {
        _ = try workbook.open()
        try check("setting the footer", 0, 0) { worksheet_set_footer(worksheet, text) }
    }

    /// Sets the printed page margins in inches and centres the table across the page.
    public func setMargins(left: Double, right: Double, top: Double, bottom: Double) throws {
        _ = try workbook.open()
        worksheet_set_margins(worksheet, left, right, top, bottom)
        worksheet_center_horizontally(worksheet)
    }

    /// Hides the grid lines on screen and on paper, for title pages and forms.
    public func hideGridlines() throws {
        _ = try workbook.open()
        worksheet_gridlines(worksheet, UInt8(LXW_HIDE_ALL_GRIDLINES.rawValue))
    }

    // MARK: - Checks

    private static let rowCount = Int(LXW_ROW_MAX)
    private static let columnCount = Int(LXW_COL_MAX)

    /// The C indices of a cell, after checking that the workbook is open and the cell is in Excel's grid.
    private func position(_ row: Int, _ col: Int) throws -> (lxw_row_t, lxw_col_t) {
        _ = try workbook.open()
        guard (0..<XLSXSheet.rowCount).contains(row), (0..<XLSXSheet.columnCount).contains(col) else {
            throw XLSXWriterError.cellOutOfRange(sheet: name, row: row, column: col)
        }
        return (lxw_row_t(row), lxw_col_t(col))
    }

    private func validatedRange(_ firstRow: Int, _ firstCol: Int, _ lastRow: Int, _ lastCol: Int) throws -> CellRange {
        _ = try position(firstRow, firstCol)
        _ = try position(lastRow, lastCol)
        let range = CellRange(firstRow: firstRow, firstColumn: firstCol, lastRow: lastRow, lastColumn: lastCol)
        guard firstRow <= lastRow, firstCol <= lastCol else {
            throw XLSXWriterError.invalidRange(
                sheet: name, range: reference(range), reason: "the first cell is below or right of the last")
        }
        return range
    }

    private func check(_ operation: String, _ row: Int, _ col: Int, _ call: () -> lxw_error) throws {
        let error = call()
        guard error == LXW_NO_ERROR else {
            throw XLSXWriterError.library(
                operation: operation, location: "'\(name)'!\(reference(row, col))", code: Int(error.rawValue),
                message: String(cString: lxw_strerror(error)))
        }
    }

    private func reference(_ row: Int, _ col: Int) -> String {
        row >= 0 && col >= 0 ? columnLetters(col) + String(row + 1) : "R\(row)C\(col)"
    }

    private func reference(_ range: CellRange) -> String {
        reference(range.firstRow, range.firstColumn) + ":" + reference(range.lastRow, range.lastColumn)
    }

    private func overlaps(_ a: CellRange, _ b: CellRange) -> Bool {
        a.firstRow <= b.lastRow && b.firstRow <= a.lastRow && a.firstColumn <= b.lastColumn
            && b.firstColumn <= a.lastColumn
    }
}
