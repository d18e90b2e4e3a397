import Foundation
import IntegraCore

extension ReportDocument {
    /// Writes the report as one workbook: a sheet per report sheet and a metadata sheet last, each ready to print.
    ///
    /// A table sheet has its title block and notes merged across the table and wrapped, a bold header row that is
    /// frozen, filtered and repeated on every printed page, bordered cells whose long texts wrap (row heights fitted to
    /// them), number formats, `.ratio` cells as formulas, a signature block (`signature`), the footer `pageFooter`,
    /// and A4 portrait or landscape (whichever the table's width needs) fitted to one page wide.
    ///
    /// The bytes depend only on the document: the creation date is `created`, never the clock. `ownerOnly` writes a
    /// file of personal data, readable by its owner only (mode 0600) from its first byte. ``ReportWorkbook`` writes
    /// the same workbook a sheet at a time.
    public func writeXLSX(to url: URL, ownerOnly: Bool = false) throws {
        let workbook = try ReportWorkbook(self, to: url, ownerOnly: ownerOnly)
        for (i, sheet) in sheets.enumerated() { try workbook.write(sheet, at: i) }
        try workbook.finish(metadata: metadata)
    }

    /// `SOURCE_DATE_EPOCH` (seconds since 1970, reproducible-builds.org), as a date, when set: it overrides the
    /// reporting date as the workbook's creation date.
    static func sourceDateEpoch() -> LocalDate? {
        guard let text = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = Int(text), seconds >= 0 else {
            return nil
        }
        return LocalDate(daysSinceEpoch: seconds / 86_400)
    }

    /// Writes each sheet's table (header row and data rows, no title block) as `<prefix><sheet slug>.csv`;
    /// returns the files written, in sheet order.
    public func writeCSV(to folder: URL, prefix: String, dialect: CSVDialect) throws -> [URL] {
        try sheets.map { sheet in
            let url = folder.appendingPathComponent("\(prefix)\(sheet.slug).csv")
            try Self.writeCSV(sheet, to: url, dialect: dialect)
            return url
        }
    }

    /// Writes one sheet's table (header row and data rows) to `url`; `ownerOnly` as in `writeXLSX`.
    public static func writeCSV(
        _ sheet: ReportSheet, to url: URL, dialect: CSVDialect, ownerOnly: Bool = false
    ) throws {
        // Headings break lines in a workbook ("I kw. 2023" / "w kwartale"); a CSV heading is one line.
        var rows: [[CSVField]] = [sheet.header.map { .text($0.replacingOccurrences(of: "\n", with: " ")) }]
        for cells in sheet.rows {
            rows.append(
                cells.map { cell in
                    switch cell {
                    case .empty: return .empty
                    case .text(let s): return .text(s)
                    case .integer(let d): return .number(d)
                    case .decimal, .percent, .ratio, .money: return .text(cell.csvText(decimalSeparator: dialect.decimalSeparator))
                    }
                })
        }
        try CSVTableWriter(dialect: dialect).write(rows, to: url, ownerOnly: ownerOnly)
    }
}

/// The arithmetic of a printed page: column widths in Excel's character units (the width of "0" in Calibri 11, 7 px
/// at 96 dpi), A4 with half-inch side margins.
enum PrintLayout {
    static let sideMargin = 0.5
    /// Printable width of A4 portrait (8.27 in) and landscape (11.69 in) in pixels at 96 dpi.
    static let portraitPixels = (8.27 - 2 * sideMargin) * 96
    static let landscapePixels = (11.69 - 2 * sideMargin) * 96
    /// Average widths of a character of Polish text, in pixels: Calibri 11, bold 11, 14.
    static let plainChar = 6.4
    static let boldChar = 7.0
    static let titleChar = 8.5
    /// A table that fits portrait at this scale or more prints portrait.
    static let portraitScale = 0.9

    /// The smallest scale a printed table may take: 11 pt text stays above 8 pt.
    static let minimumScale = 0.8

    /// `widths` narrowed, widest first, until the table fits one landscape page wide at `minimumScale`; a column
    /// keeps room for its longest word (`longestWords`, in characters). Texts wrap, so nothing is lost.
    static func fitted(_ widths: [Double], longestWords: [Int], numbers: [Double] = []) -> [Double] {
        // A column is at least as wide as its widest number (Excel shows ### in a narrower one).
        var result = widths.indices.map { max(widths[$0], numbers.indices.contains($0) ? (numbers[$0] + 1).rounded(.up) : 0) }
        let limit = landscapePixels / minimumScale
        while pixels(result) > limit {
            let floors = result.indices.map {
                max(
                    8, Double(longestWords.indices.contains($0) ? longestWords[$0] : 0) + 1,
                    numbers.indices.contains($0) ? (numbers[$0] + 1).rounded(.up) : 0)
            }
            guard let widest = result.indices.filter({ result[$0] - 1 >= floors[$0] }).max(by: { result[$0] < result[$1] })
            else { break }
            result[widest] -= 1
        }
        return result
    }

    /// How wide a number cell's text is with its format (`1 234 567,89 zł`, `1 234`, `12,5%`), in Excel's width
    /// units (a digit of Calibri 11 is one; a space, comma or dot about half); nil for text.
    static func shownWidth(_ cell: ReportCell) -> Double? {
        func digits(_ n: Int64) -> Double {
            let count = String(n.magnitude).count
            return Double(count) + Double((count - 1) / 3) * 0.5 + (n < 0 ? 0.6 : 0)
        }
        switch cell {
        case .money(let grosze): return digits(grosze / 100) + 0.5 + 2 + 1.8  // ",00" and " zł"
        case .integer(let d): return digits(Int64(d.rounded()))
        case .decimal(let d): return digits(Int64(d.rounded())) + 2.5
        case .percent, .ratio: return 6
        case .empty, .text: return nil
        }
    }

    /// The length of the longest word of `text`, in characters.
    static func longestWord(_ text: String) -> Int {
        // Text whose every scalar is a character of its own: words counted by scalars.
        var longest = 0, run = 0
        for scalar in text.unicodeScalars {
            guard TextNormalisation.standsAlone(scalar.value) else { return longestWordByCharacters(text) }
            if scalar == " " || scalar == "\n" {
                run = 0
            } else {
                run += 1
                longest = max(longest, run)
            }
        }
        return longest
    }

    /// ``longestWord(_:)`` of any text, counted over characters (the reference the fast path equals).
    static func longestWordByCharacters(_ text: String) -> Int {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(\.count).max() ?? 0
    }

    /// A column's width in pixels, as Excel draws it (5 px of padding).
    static func pixels(_ widths: [Double]) -> Double { widths.reduce(0) { $0 + ($1 * 7 + 5).rounded(.down) } }

    /// How many lines `text` takes when wrapped in a column `width` characters wide (words kept whole, a word
    /// longer than the line broken).
    static func lines(_ text: String, width: Double, charWidth: Double) -> Int {
        let capacity = max(1, Int(((width * 7 + 5) - 8) / charWidth))
        // No more bytes than fit on a line and no line break: one line (a character is at least one byte).
        if text.utf8.count <= capacity, !text.utf8.contains(0x0A) { return 1 }
        if let scalars = simpleLines(text, capacity: capacity) { return scalars }
        return linesByCharacters(text, capacity: capacity)
    }

    /// ``lines(_:width:charWidth:)`` of any text, counted over characters (the reference the fast paths equal).
    static func linesByCharacters(_ text: String, capacity: Int) -> Int {
        var total = 0
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var lines = 1
            var used = 0
            for word in paragraph.split(separator: " ") {
                let n = word.count
                if used == 0 {
                    lines += (n - 1) / capacity
                    used = (n - 1) % capacity + 1
                } else if used + 1 + n <= capacity {
                    used += 1 + n
                } else {
                    lines += 1 + (n - 1) / capacity
                    used = (n - 1) % capacity + 1
                }
            }
            total += lines
        }
        return max(1, total)
    }

    /// ``lines(_:width:charWidth:)`` counted over scalars, for text each of whose scalars is a character
    /// (`TextNormalisation.standsAlone`); nil for any other text.
    private static func simpleLines(_ text: String, capacity: Int) -> Int? {
        var total = 0, lines = 1, used = 0, word = 0
        func endWord() {
            guard word > 0 else { return }
            if used == 0 {
                lines += (word - 1) / capacity
                used = (word - 1) % capacity + 1
            } else if used + 1 + word <= capacity {
                used += 1 + word
            } else {
                lines += 1 + (word - 1) / capacity
                used = (word - 1) % capacity + 1
            }
            word = 0
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            guard TextNormalisation.standsAlone(v) else { return nil }
            if v == 0x0A {
                endWord()
                total += lines
                lines = 1
                used = 0
            } else if v == 0x20 {
                endWord()
            } else {
                word += 1
            }
        }
        endWord()
        total += lines
        return max(1, total)
    }
}
