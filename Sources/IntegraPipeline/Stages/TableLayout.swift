import Foundation
import IntegraCore

/// Where the data sits in a sheet: the header row, which column holds which field, the title block's labelled
/// values and, for attendance sheets, the session columns.
struct TableLayout {
    /// 0-based index into `SheetTable.rows` of the header row.
    var headerIndex: Int
    /// Sheet row number of the header (1-based), for messages.
    var headerRowNumber: Int
    /// Field → 0-based column.
    var fields: [String: Int]
    /// Header text of every column (merged header cells spread over the columns they span).
    var headers: [String]
    /// Title-block field → value (`group` → `A1`): from the `title:` labels and the `from_title:` pattern.
    var title: [String: String]
    /// Attendance: session date per column.
    var sessions: [(column: Int, date: LocalDate)]
    /// 0-based index of the first data row: after the header, or after the row of dates under numbered sessions.
    var dataStartIndex: Int
    /// A wide budget (no `amount:` mapped): the period each amount column plans for, found by its header
    /// (`2024`, `2024Q1`, `I kw. 2024`).
    var periods: [(column: Int, period: String)] = []

    /// The row's cells without its running number (`Lp.`), so two rows that differ only there compare equal.
    func contentCells(of row: TableRow) -> [CellValue] {
        var cells = row.cells
        if let c = fields["row_number"], c < cells.count { cells[c] = .empty }
        return cells
    }

    /// What makes two rows one row typed twice: their content cells as `CellJSON` writes them (trailing empty
    /// cells left out, then a number that is not finite written as an empty cell). Compared as values rather than
    /// as JSON text, which cost a string built per row; equal exactly when the texts are.
    func duplicateKey(of row: TableRow) -> [CellValue] {
        var cells = contentCells(of: row)
        while let last = cells.last, case .empty = last { cells.removeLast() }
        for i in cells.indices {
            if case .number(let n) = cells[i], !n.isFinite { cells[i] = .empty }
        }
        return cells
    }
}

/// Finds the layout of a table from the source's mapping, or says precisely why it cannot.
enum TableLayoutDetector {
    /// How far down a title block may push the header.
    static let searchDepth = 40

    /// A character that ISO-8859-2's ą, ś, ź, Ą, Ś, Ź become when the bytes are read as Windows-1250 (the two code
    /// pages differ in just these letters), found in a header next to a letter; nil when none is.
    static func latin2Sign(_ headers: [String]) -> String? {
        let signs: Set<Character> = ["±", "¶", "Ľ", "ˇ", "¦", "¬"]
        for header in headers {
            let chars = Array(header)
            for (i, c) in chars.enumerated() where signs.contains(c) {
                let neighbour = (i > 0 && chars[i - 1].isLetter) || (i + 1 < chars.count && chars[i + 1].isLetter)
                if neighbour { return String(c) }
            }
        }
        return nil
    }

    /// `folds` may be kept across sheets: a programme's sheets repeat the same headers and labels.
    static func detect(
        _ table: SheetTable, source: SourceDefinition, dateFormats: [String], folds: FoldedTexts = FoldedTexts(),
        fileName: String? = nil
    ) -> Result<TableLayout, Diagnostic.Problem> {
        let wanted = source.columns.mapValues { $0.map(folds.fold) }
        let candidates: [Int]
        if let forced = source.headerRow {
            guard let index = table.rows.firstIndex(where: { $0.number == forced }) else {
                return .failure(.init(.headerNotFound, "header_row \(forced) is empty or beyond the end of the sheet"))
            }
            candidates = [index]
        } else {
            candidates = Array(table.rows.indices.prefix(searchDepth))
        }
        var best: (index: Int, fields: [String: Int], headers: [String])?
        for index in candidates {
            let headers = headerTexts(table, rowIndex: index)
            let folded = headers.map(folds.fold)
            var found: [String: Int] = [:]
            for (field, names) in wanted {
                if let column = folded.firstIndex(where: { names.contains($0) }) { found[field] = column }
            }
            if found.count > (best?.fields.count ?? 0) { best = (index, found, headers) }
            if found.count == wanted.count { break }
        }
        guard let best, !best.fields.isEmpty else {
            if let sign = latin2Sign(candidates.prefix(5).flatMap { headerTexts(table, rowIndex: $0) }) {
                return .failure(
                    .init(
                        .latin2Text,
                        "the first rows have \"\(sign)\" where a Polish letter (ą, ś, ź) belongs and no mapped header: the file is in ISO-8859-2 (Latin-2), which Integra does not read; save it again as CSV UTF-8 (Excel: \"CSV UTF-8\") or Windows-1250"
                    ))
            }
            let expected = source.columns.keys.sorted().compactMap { source.columns[$0]?.first }.joined(separator: "\", \"")
            return .failure(
                .init(
                    .headerNotFound,
                    "no header row with any of the mapped column names (\"\(expected)\") in the first \(searchDepth) rows; check columns: in the project file or set header_row"
                ))
        }
        let missing = source.columns.keys.filter { best.fields[$0] == nil }.sorted()
        if !missing.isEmpty, let sign = latin2Sign(best.headers) {
            return .failure(
                .init(
                    .latin2Text,
                    "header row \(table.rows[best.index].number) has \"\(sign)\" where a Polish letter (ą, ś, ź) belongs: the file is in ISO-8859-2 (Latin-2), which Integra does not read; save it again as CSV UTF-8 (Excel: \"CSV UTF-8\") or Windows-1250"
                ))
        }
        if !missing.isEmpty {
            let names = missing.map { "\($0) (\"\(source.columns[$0]?.joined(separator: "\" or \"") ?? "")\")" }
            return .failure(
                .init(
                    .missingColumn,
                    "header row \(table.rows[best.index].number) lacks \(names.joined(separator: ", ")); rename the column in the file or add its header text to columns: in the project file"
                ))
        }
        // The same header twice, where a mapping reads it: which column holds the field is a guess; refused, naming
        // both columns (issue 17 item 13).
        let bestFolded = best.headers.map(folds.fold)
        for field in best.fields.keys.sorted() {
            let column = best.fields[field]!
            let names = wanted[field] ?? []
            // A header merged over several columns is written once (the other cells of the merge are blank).
            let written = table.rows[best.index]
            if let other = bestFolded.indices.first(where: {
                $0 != column && bestFolded[$0] == bestFolded[column] && names.contains(bestFolded[$0])
                    && !written[$0].isBlank && !written[column].isBlank
            }) {
                return .failure(
                    .init(
                        .duplicateHeader,
                        "header row \(table.rows[best.index].number) has \"\(best.headers[column])\" twice, in columns \(columnLetters(column)) and \(columnLetters(other)), and \(field) is read from it; rename or remove one of the two columns"
                    ))
            }
        }
        var title: [String: String] = [:]
        for (field, labels) in source.title {
            if let value = titleValue(table.rows[..<best.index], labels: labels.map(folds.fold), folds: folds) {
                title[field] = value
            }
        }
        if let pattern = source.fromTitle {
            guard let captured = titleFields(table.rows[..<best.index], pattern: pattern) else {
                return .failure(
                    .init(
                        .patternNotMatched,
                        "no line above the header row \(table.rows[best.index].number) matches from_title: \"\(pattern.text)\"; write the line (e.g. \"\(pattern.example)\") above the table, or correct the pattern"
                    ))
            }
            title.merge(captured) { _, new in new }
        }
        var sessions: [(Int, LocalDate)] = []
        var dataStart = best.index + 1
        if source.kind == .attendance {
            let mapped = Set(best.fields.values)
            let headerRow = table.rows[best.index]
            for column in 0..<max(headerRow.cells.count, best.headers.count) where !mapped.contains(column) {
                if let date = sessionDate(headerRow[column], formats: dateFormats) { sessions.append((column, date)) }
            }
            // Numbered sessions ("Zajęcia 1", "1", "2"…) with their dates in the row beneath the header.
            if sessions.isEmpty, best.index + 1 < table.rows.count {
                let datesRow = table.rows[best.index + 1]
                for column in 0..<datesRow.cells.count where !mapped.contains(column) {
                    if let date = sessionDate(datesRow[column], formats: dateFormats) { sessions.append((column, date)) }
                }
                let namesEmpty = mapped.allSatisfy { datesRow[$0].isBlank }
                if sessions.count >= 1 && namesEmpty {
                    dataStart = best.index + 2
                } else {
                    sessions = []
                }
            }
            // Session dates without a year ("12.03", "12 marca") on a month's sheet: the year is the one the sheet
            // name, the title block or the file name gives ("marzec 2024", "Lista obecności — marzec 2024",
            // obecnosci-2024Q1.xlsx).
            if sessions.isEmpty {
                let yearless = (0..<max(headerRow.cells.count, best.headers.count)).filter { !mapped.contains($0) }
                    .compactMap { column in yearlessDate(headerRow[column]).map { (column, $0) } }
                if !yearless.isEmpty {
                    let title = table.rows[..<best.index].map { row in
                        row.cells.map { TextNormalisation.clean($0.text) }.joined(separator: " ")
                    }.joined(separator: " ")
                    let hints = [table.name ?? "", title, fileName ?? ""]
                    guard let year = hints.lazy.compactMap(monthsYear).first ?? hints.lazy.compactMap(onlyYear).first
                    else {
                        return .failure(
                            .init(
                                .noSessionColumns,
                                "the session dates in the header row \(headerRow.number) have no year (e.g. \"\(yearless[0].1)\") and neither the sheet name, the title above the table nor the file name gives one; write the year in the sheet name (\"marzec 2024\") or in the dates (12.03.2024)"
                            ))
                    }
                    sessions = yearless.compactMap { column, text in
                        let full: String
                        if text.contains(where: \.isLetter) {
                            full = text + " \(year)"
                        } else {
                            full = text.hasSuffix(".") || text.hasSuffix("/") ? text + "\(year)" : text + "." + "\(year)"
                        }
                        return (DateParser.parse(full.replacingOccurrences(of: "/", with: "."))?.date).map { (column, $0) }
                    }
                }
            }
        }
        // A budget without an amount column plans an amount per period column, each found by its header.
        var periods: [(Int, String)] = []
        if source.kind == .budget && source.columns["amount"] == nil {
            let mapped = Set(best.fields.values)
            for column in best.headers.indices where !mapped.contains(column) {
                if let period = BudgetPeriod.parse(best.headers[column]) { periods.append((column, period)) }
            }
            if periods.isEmpty {
                return .failure(
                    .init(
                        .missingColumn,
                        "header row \(table.rows[best.index].number) names no period (2024, 2024Q1, I kw. 2024, Q1 2024, 2024 r.) and the source maps no amount: column; write the periods as column headers, or map amount: (and period:)"
                    ))
            }
        }
        return .success(
            TableLayout(
                headerIndex: best.index, headerRowNumber: table.rows[best.index].number, fields: best.fields,
                headers: best.headers, title: title, sessions: sessions, dataStartIndex: dataStart, periods: periods))
    }

    /// Header texts of a row, with a merged header's text copied to every column it spans.
    static func headerTexts(_ table: SheetTable, rowIndex: Int) -> [String] {
        let row = table.rows[rowIndex]
        var texts = row.cells.map { TextNormalisation.clean($0.text) }
        let sheetRow = row.number - 1
        for range in table.mergedRanges where range.firstRow <= sheetRow && sheetRow <= range.lastRow {
            guard let origin = table.rows.first(where: { $0.number - 1 == range.firstRow }) else { continue }
            let text = TextNormalisation.clean(origin[range.firstColumn].text)
            if texts.count <= range.lastColumn { texts += Array(repeating: "", count: range.lastColumn + 1 - texts.count) }
            for c in range.firstColumn...range.lastColumn where texts[c].isEmpty { texts[c] = text }
        }
        return texts
    }

    /// A labelled value in the title block: `Grupa: A1` in one cell, or `Grupa` / `Grupa:` with the value in the
    /// next non-empty cell to the right.
    static func titleValue(
        _ rows: ArraySlice<TableRow>, labels: [String], folds: FoldedTexts = FoldedTexts()
    ) -> String? {
        for row in rows {
            for (i, cell) in row.cells.enumerated() {
                let text = TextNormalisation.clean(cell.text)
                let folded = folds.fold(text)
                for label in labels {
                    if folded == label || folded == label + ":" {
                        if let next = row.cells[(i + 1)...].first(where: { !$0.isBlank }) {
                            return TextNormalisation.clean(next.text)
                        }
                    } else if folded.hasPrefix(label), let colon = text.firstIndex(of: ":") {
                        let prefix = TextNormalisation.foldForMatching(String(text[..<colon]))
                        if prefix == label {
                            let value = TextNormalisation.clean(String(text[text.index(after: colon)...]))
                            if !value.isEmpty { return value }
                        }
                    }
                }
            }
        }
        return nil
    }

    /// The fields a `from_title:` pattern takes from the first title line it matches (a line: the row's non-empty
    /// cells joined by a space), or nil.
    static func titleFields(_ rows: ArraySlice<TableRow>, pattern: FieldPattern) -> [String: String]? {
        for row in rows {
            let line = row.cells.map { TextNormalisation.clean($0.text) }.filter { !$0.isEmpty }.joined(separator: " ")
            if let captured = pattern.matchAnywhere(line) { return captured }
        }
        return nil
    }

    /// A header cell that is a day and month without a year: "12.03", "12.03.", "12/03", "12 marca", "12 mar." (text
    /// that is not a date on its own); nil otherwise.
    static func yearlessDate(_ cell: CellValue) -> String? {
        guard case .string(let s) = cell else { return nil }
        let text = TextNormalisation.clean(s)
        let parts = text.split(whereSeparator: { $0 == "." || $0 == "/" || $0 == " " })
        guard parts.count == 2, let day = Int(parts[0]), (1...31).contains(day) else { return nil }
        let month = parts[1]
        if month.allSatisfy(\.isASCIIDigit) {
            guard let m = Int(month), (1...12).contains(m), !text.contains(" ") else { return nil }
        } else {
            guard month.allSatisfy(\.isLetter), DateParser.parse("\(day) \(month) 2000")?.date != nil else { return nil }
        }
        return DateParser.parse(text)?.date == nil ? text : nil
    }

    /// The one year (2000–2099) a text names after a month's name ("Miesiąc: styczeń 2025", "marca 2024"), or nil:
    /// stronger than a year anywhere, which may be part of a group's name (2024Q4-A0-a) whose sessions run into the
    /// next year.
    static func monthsYear(_ text: String) -> Int? {
        let words = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        var years = Set<Int>()
        for (k, word) in words.enumerated() where k > 0 && word.count == 4 {
            guard let year = Int(word), (2000...2099).contains(year), words[k - 1].allSatisfy(\.isLetter),
                DateParser.parse("1 \(words[k - 1]) 2000")?.date != nil
            else { continue }
            years.insert(year)
        }
        return years.count == 1 ? years.first : nil
    }

    /// The one year (2000–2099) a text names, or nil when it names none or several ("marzec 2024",
    /// "obecnosci-2024Q1").
    static func onlyYear(_ text: String) -> Int? {
        let years = Set(
            text.split(whereSeparator: { !$0.isASCIIDigit }).filter { $0.count == 4 }.compactMap { Int($0) }
                .filter { (2000...2099).contains($0) })
        return years.count == 1 ? years.first : nil
    }

    /// A header cell that names a session date: a date cell, a date written as text, or an Excel serial.
    /// Digits alone are a serial only between 1954 and 2119 (20 000–80 000): session numbers (`1`, `2`) and years
    /// (`2023`) are not dates.
    static func sessionDate(_ cell: CellValue, formats: [String]) -> LocalDate? {
        switch cell {
        case .date(let d): return d
        case .number(let n): return plausibleSerial(n)
        case .string(let s):
            let text = TextNormalisation.clean(s)
            if !text.isEmpty, text.allSatisfy(\.isASCIIDigit) { return Double(text).flatMap(plausibleSerial) }
            for format in formats { if let d = DateParser.parse(text, format: format) { return d } }
            return DateParser.parse(text)?.date
        default: return nil
        }
    }
}

/// `TextNormalisation.foldForMatching` with each text folded once: header detection folds every header cell and
/// title-block cell of every sheet, and a programme's thousands of sheets repeat the same few. A memo of a pure
/// function, so it changes no result; one per normalise worker, not shared between threads.
final class FoldedTexts {
    private var folded: [String: String] = [:]

    func fold(_ text: String) -> String {
        if let known = folded[text] { return known }
        let result = TextNormalisation.foldForMatching(text)
        folded[text] = result
        return result
    }
}

private func plausibleSerial(_ n: Double) -> LocalDate? {
    n >= 20_000 && n < 80_000 && n == n.rounded() ? LocalDate(excelSerial: n) : nil
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension Diagnostic {
    /// A problem before it has a location: code and message.
    struct Problem: Error {
        var code: DiagnosticCode
        var message: String
        init(_ code: DiagnosticCode, _ message: String) {
            self.code = code
            self.message = message
        }
    }
}
