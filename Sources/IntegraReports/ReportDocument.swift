import IntegraCore

/// A finished report, independent of file format: what the XLSX and CSV writers render.
///
/// Built by the pipeline from a report definition and the indicator values; every number is final, so XLSX, CSV and
/// dashboard show the same figures (a `.ratio` is written as an Excel formula with its computed value stored).
public struct ReportDocument: Sendable {
    public var id: String
    public var title: String
    /// Label/value lines of the metadata sheet (project, funder, agreement, period, definitions, hashes).
    public var metadata: [(label: String, value: String)]
    public var metadataSheetName: String
    public var sheets: [ReportSheet]
    /// The date written as the workbook's creation date: from the data, never the clock.
    public var created: LocalDate
    /// The printed pages' footer, in Excel's header/footer codes (`&A` sheet name, `&P` page, `&N` pages).
    public var pageFooter = "&L&9&A&R&9&P / &N"
    /// Labels of the signature block under each table ("Sporządził(a):", "Data:", "Podpis:"); empty = none.
    public var signature: [String] = []

    public init(
        id: String, title: String, metadata: [(label: String, value: String)], metadataSheetName: String,
        sheets: [ReportSheet], created: LocalDate
    ) {
        self.id = id
        self.title = title
        self.metadata = metadata
        self.metadataSheetName = metadataSheetName
        self.sheets = sheets
        self.created = created
    }
}

/// One sheet: title lines above a table with one header row.
public struct ReportSheet: Sendable {
    /// Short identifier used in CSV file names (`summary`, `by-sex`).
    public var slug: String
    public var name: String
    public var titleLines: [String]
    public var header: [String]
    public var rows: [[ReportCell]]
    /// Rows that are totals (rendered bold).
    public var totalRows: Set<Int>
    /// Notes under the table (definitions, deduplication).
    public var notes: [String]
    /// Column widths in characters, one per header column.
    public var widths: [Double]

    public init(
        slug: String, name: String, titleLines: [String], header: [String], rows: [[ReportCell]],
        totalRows: Set<Int> = [], notes: [String] = [], widths: [Double]
    ) {
        self.slug = slug
        self.name = name
        self.titleLines = titleLines
        self.header = header
        self.rows = rows
        self.totalRows = totalRows
        self.notes = notes
        self.widths = widths
    }
}

/// A cell of a report table.
public enum ReportCell: Sendable, Hashable {
    case empty
    case text(String)
    /// A count or other whole number.
    case integer(Double)
    /// A decimal number shown with two decimals.
    case decimal(Double)
    /// A ratio (0.75) shown as a percentage.
    case percent(Double)
    /// A ratio of two numbers of the same row (value / target), shown as a percentage: in a workbook, a formula
    /// dividing the cell in column `numerator` by the one in column `denominator` (0-based), with `value` stored as
    /// its result for programs that do not recalculate.
    case ratio(Double, numerator: Int, denominator: Int)
    /// An amount of money in grosze, exact: shown as złoty with two decimals ("1 234,56 zł" in a workbook,
    /// `1234,56` in a CSV).
    case money(Int64)

    /// The cell as CSV text: numbers with `.` or `decimalSeparator`, percentages as percent values (75.0).
    public func csvText(decimalSeparator: Character = ".") -> String {
        switch self {
        case .empty: return ""
        case .text(let s): return s
        case .integer(let d): return CellValue.number(d).text
        case .decimal(let d): return format(d, places: 2, decimalSeparator)
        case .percent(let r), .ratio(let r, _, _): return format(r * 100, places: 1, decimalSeparator)
        case .money(let grosze):
            // From the integer, never through a double: the text is exact.
            let magnitude = grosze.magnitude
            let gr = magnitude % 100
            return (grosze < 0 ? "-" : "") + "\(magnitude / 100)\(decimalSeparator)" + (gr < 10 ? "0" : "") + "\(gr)"
        }
    }

    private func format(_ d: Double, places: Int, _ sep: Character) -> String {
        let scale = places == 1 ? 10.0 : 100.0
        let scaled = Int64((abs(d) * scale).rounded())
        let whole = scaled / Int64(scale)
        var frac = String(scaled % Int64(scale))
        while frac.count < places { frac = "0" + frac }
        return (d < 0 && scaled != 0 ? "-" : "") + "\(whole)\(sep)\(frac)"
    }
}
