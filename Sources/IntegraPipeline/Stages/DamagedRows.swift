import IntegraCore
import IntegraIngest
import IntegraWarehouse

/// CSV rows that cannot be split into the header's columns: a row a stray quote damaged, or a row with fewer fields
/// than the header (or more fields that are not empty). Each is rejected with its line, never padded or shifted.
///
/// The reader cannot tell which row is the header (that depends on the mapping, and a changed mapping applies
/// without reading the file again), so it keeps what it found with the stored file, as read warnings with a row:
/// `stray-quote` for each damaged record, and `field-count` for each record whose number of fields differs from the
/// file's typical one (stored rows leave out trailing empty cells, so the count is not in the row). This type reads
/// them back and judges each data row against its sheet's header row. Rows above the header (a title block) are
/// not data rows and are never judged.
///
/// ```swift
/// let damaged = DamagedRows(stored.readWarnings, header: table.rows[layout.headerIndex])
/// if let d = damaged.problem(with: row, at: location) { /* reject the row with d */ }
/// ```
struct DamagedRows {
    /// Lines of records a stray quote damaged.
    private var strayQuote: Set<Int> = []
    /// The file's typical number of fields, when some record has another.
    private var typical: Int?
    /// The number of fields of each record that has not the typical number, by line.
    private var counts: [Int: Int] = [:]
    private let headerNumber: Int
    /// The header's number of fields, and how many of them reach its last named column.
    private var headerWidth: Int?
    private var headerNamed = 0

    init(_ warnings: [ReadWarning], header: TableRow) {
        headerNumber = header.number
        for w in warnings {
            guard let row = w.row else { continue }
            switch w.code {
            case DiagnosticCode.strayQuote.rawValue:
                strayQuote.insert(row)
            case DiagnosticCode.fieldCount.rawValue:
                guard let (count, typical) = Self.decode(w.message) else { continue }
                counts[row] = count
                self.typical = typical
            default:
                break
            }
        }
        if let typical { headerWidth = counts[header.number] ?? typical }
        headerNamed = (header.cells.lastIndex { !$0.isBlank } ?? -1) + 1
    }

    /// Whether a read warning is about one row, judged here rather than reported for the whole file.
    static func isAboutOneRow(_ warning: ReadWarning) -> Bool {
        warning.row != nil
            && (warning.code == DiagnosticCode.strayQuote.rawValue || warning.code == DiagnosticCode.fieldCount.rawValue)
    }

    /// The error that rejects a data row, or nil when the row can be split into the header's columns.
    func problem(with row: TableRow, at location: SourceLocation) -> Diagnostic? {
        if strayQuote.contains(row.number) {
            return Diagnostic(
                .error, .strayQuote,
                "a field on this line starts with a quote that does not close before the line ends, so the row "
                    + "cannot be split into its columns; the row is rejected and reading goes on at the next line — "
                    + "delete the quote, or close it",
                at: location)
        }
        guard let typical, let headerWidth else { return nil }
        let width = counts[row.number] ?? typical
        if width < headerNamed {
            return Diagnostic(
                .error, .fieldCount,
                "this row has \(width) field(s) and the header (row \(headerNumber)) \(headerNamed): a delimiter is "
                    + "missing, so its values would land in the wrong columns; the row is rejected — add the missing "
                    + "\(headerNamed - width) delimiter(s) where the fields are missing",
                at: location)
        }
        if width > headerWidth, row.cells.count > headerWidth, row.cells[headerWidth...].contains(where: { !$0.isBlank }) {
            return Diagnostic(
                .error, .fieldCount,
                "this row has \(width) fields and the header (row \(headerNumber)) \(headerWidth), with text past the "
                    + "last column: a value holds the delimiter without quotes, or a delimiter was typed twice, so "
                    + "its values would land in the wrong columns; the row is rejected — quote that value, or delete "
                    + "the extra delimiter",
                at: location)
        }
        return nil
    }

    /// The read warnings that keep what a CSV read found about single rows.
    static func readWarnings(_ document: CSVDocument) -> [ReadWarning] {
        var warnings = document.strayQuoteLines.map {
            ReadWarning(
                code: DiagnosticCode.strayQuote.rawValue,
                message: "a quote opens a field on this line and does not close before the line ends", row: $0)
        }
        if let typical = document.typicalFieldCount {
            for (line, count) in document.fieldCounts.sorted(by: { $0.key < $1.key }) {
                warnings.append(
                    ReadWarning(code: DiagnosticCode.fieldCount.rawValue, message: encode(count, typical), row: line))
            }
        }
        return warnings
    }

    /// `field-count` read warnings keep both numbers in their message, the row's first.
    static func encode(_ count: Int, _ typical: Int) -> String {
        "\(count) field(s) where most records have \(typical)"
    }

    static func decode(_ message: String) -> (count: Int, typical: Int)? {
        let numbers = message.split { !$0.isASCIIDigit }.compactMap { Int($0) }
        guard numbers.count >= 2 else { return nil }
        return (numbers[0], numbers[numbers.count - 1])
    }
}
