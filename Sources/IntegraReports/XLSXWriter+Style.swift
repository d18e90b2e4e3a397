import CXlsxWriter

/// How a cell looks: a preset (`.header`, `.integer`, `.date`…) optionally adjusted with `bolded()`,
/// `bordered()`, `aligned(_:)` or `formatted(_:)`.
///
/// Each distinct style becomes one libxlsxwriter format, created the first time a workbook uses it.
///
/// ```swift
/// try sheet.write(date, row: 3, col: 4, style: .header.formatted(.date))   // a date column heading
/// try sheet.write(total, row: 9, col: 2, style: .integer.bolded().bordered())
/// try sheet.write("x", row: 4, col: 4, style: .text.aligned(.center))
/// ```
public struct XLSXStyle: Hashable, Sendable {
    /// The font and fill of a cell.
    public enum Look: Hashable, Sendable {
        /// Calibri 11, as Excel's default.
        case plain
        /// Bold, 14 pt: the first line of a sheet.
        case title
        /// Bold on a grey fill with thin borders, wrapped and centred vertically: column headings.
        case header
        /// Italic grey: sources, footnotes, "data as of".
        case note
    }

    /// How a number is shown; Polish Excel shows `#,##0.00` as `1 234,50`.
    public enum NumberFormat: Hashable, Sendable {
        case general
        /// `#,##0`
        case integer
        /// `#,##0.00`
        case decimal
        /// `0.0%`
        case percent
        /// `#,##0.00 "zł"`: złoty with two decimals ("1 234,56 zł" in a Polish Excel).
        case money
        /// `dd.mm.yyyy`, the Polish reading order.
        case date
        /// `yyyy-mm-dd`
        case isoDate
        /// Any Excel number format code, e.g. `#,##0.00 "zł"`.
        case custom(String)

        /// The Excel format code, nil for General.
        public var code: String? {
            switch self {
            case .general: return nil
            case .integer: return "#,##0"
            case .decimal: return "#,##0.00"
            case .percent: return "0.0%"
            case .money: return "#,##0.00 \"zł\""
            case .date: return "dd.mm.yyyy"
            case .isoDate: return "yyyy-mm-dd"
            case .custom(let code): return code
            }
        }

        /// True for the formats that show a serial number as a date.
        public var isDate: Bool { self == .date || self == .isoDate }
    }

    /// Horizontal alignment.
    public enum Alignment: Hashable, Sendable {
        /// Excel's default: text left, numbers right.
        case general
        case left
        case center
        case right
    }

    /// Vertical alignment.
    public enum VerticalAlignment: Hashable, Sendable {
        /// Excel's default.
        case bottom
        case top
        case center
    }

    public var look: Look
    public var numberFormat: NumberFormat
    public var isBold: Bool
    /// Thin borders on all four sides.
    public var hasBorder: Bool
    public var alignment: Alignment
    /// Long text wraps onto more lines within the column instead of running into the next cell.
    public var wraps: Bool
    public var verticalAlignment: VerticalAlignment

    public init(
        look: Look = .plain, numberFormat: NumberFormat = .general, isBold: Bool = false, hasBorder: Bool = false,
        alignment: Alignment = .general, wraps: Bool = false, verticalAlignment: VerticalAlignment = .bottom
    ) {
        self.look = look
        self.numberFormat = numberFormat
        self.isBold = isBold
        self.hasBorder = hasBorder
        self.alignment = alignment
        self.wraps = wraps
        self.verticalAlignment = verticalAlignment
    }

    /// Excel's default look.
    public static let text = XLSXStyle()
    /// Bold, 14 pt.
    public static let title = XLSXStyle(look: .title)
    /// Bold on a grey fill, thin borders, wrapped, centred vertically.
    public static let header = XLSXStyle(look: .header)
    /// Bold text.
    public static let bold = XLSXStyle(isBold: true)
    /// Italic grey text.
    public static let note = XLSXStyle(look: .note)
    /// `#,##0`
    public static let integer = XLSXStyle(numberFormat: .integer)
    /// `#,##0.00`
    public static let decimal = XLSXStyle(numberFormat: .decimal)
    /// `0.0%` (write 0.25 to show 25,0%).
    public static let percent = XLSXStyle(numberFormat: .percent)
    /// Money in złoty, two decimals.
    public static let money = XLSXStyle(numberFormat: .money)
    /// `dd.mm.yyyy`
    public static let date = XLSXStyle(numberFormat: .date)
    /// `yyyy-mm-dd`
    public static let isoDate = XLSXStyle(numberFormat: .isoDate)

    /// This style in bold.
    public func bolded() -> XLSXStyle {
        var copy = self
        copy.isBold = true
        return copy
    }

    /// This style with thin borders on all sides.
    public func bordered() -> XLSXStyle {
        var copy = self
        copy.hasBorder = true
        return copy
    }

    /// This style with another horizontal alignment.
    public func aligned(_ alignment: Alignment) -> XLSXStyle {
        var copy = self
        copy.alignment = alignment
        return copy
    }

    /// This style with long text wrapped within the column.
    public func wrapped() -> XLSXStyle {
        var copy = self
        copy.wraps = true
        return copy
    }

    /// This style with another vertical alignment.
    public func aligned(vertical: VerticalAlignment) -> XLSXStyle {
        var copy = self
        copy.verticalAlignment = vertical
        return copy
    }

    /// This style with another number format.
    public func formatted(_ numberFormat: NumberFormat) -> XLSXStyle {
        var copy = self
        copy.numberFormat = numberFormat
        return copy
    }

    /// Adds a libxlsxwriter format for this style to `workbook`, which owns and frees it.
    func makeFormat(in workbook: UnsafeMutablePointer<lxw_workbook>) throws -> UnsafeMutablePointer<lxw_format> {
        if let code = numberFormat.code, code.utf8.count > 127 {
            throw XLSXWriterError.numberFormatTooLong(code)
        }
        let format = workbook_add_format(workbook)!
        switch look {
        case .plain:
            break
        case .title:
            format_set_bold(format)
            format_set_font_size(format, 14)
        case .header:
            format_set_bold(format)
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, 0xD9D9D9)
            format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_text_wrap(format)
            format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        case .note:
            format_set_italic(format)
            format_set_font_color(format, 0x808080)
        }
        if isBold { format_set_bold(format) }
        if hasBorder { format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue)) }
        switch alignment {
        case .general: break
        case .left: format_set_align(format, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center: format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right: format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue))
        }
        if wraps { format_set_text_wrap(format) }
        switch verticalAlignment {
        case .bottom: break
        case .top: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        case .center: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        }
        if let code = numberFormat.code { format_set_num_format(format, code) }
        return format
    }
}
