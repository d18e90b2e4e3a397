import IntegraCore

/// The footer under a table: the lines partners write below the last person (`Podpis prowadzącego`,
/// `Sporządził:`, `Razem`), which are not data rows, as the title block above the header is not.
///
/// A footer starts at a row whose first text cell is a footer word of `pipelines/vocabulary.yml`
/// (`HeaderVocabulary.isFooterText`); filler rows right above it (`……`, `____`) belong to it. On an attendance
/// sheet every row from there down is footer provided none of them holds a present or excused mark (a place and
/// date line under the signatures is footer too; numbers in the session columns are totals, not marks). On a roll
/// or a log the footer is the run of footer-word and filler rows at the very end.
///
/// ```swift
/// // rows: 1 Olena Kovalenko x x / Razem 1 1 / Podpis prowadzącego ……
/// TableFooter.count(rows, layout: layout, kind: .attendance, vocabulary: vocabulary, marks: marks)   // 2
/// ```
enum TableFooter {
    /// How many of `rows` (the non-blank rows under the header, top to bottom) are the table's footer, at their end.
    static func count(
        _ rows: [TableRow], layout: TableLayout, kind: SourceKind, vocabulary: HeaderVocabulary,
        marks: MarkVocabulary.Folded
    ) -> Int {
        var start: Int?
        if kind == .attendance {
            // From the bottom up while no row holds a mark; the footer starts at the highest footer-word row there.
            var i = rows.count - 1
            while i >= 0, !hasMark(rows[i], layout: layout, marks: marks) {
                if opensWithFooterWord(rows[i], vocabulary: vocabulary) { start = i }
                i -= 1
            }
        } else {
            var i = rows.count - 1
            while i >= 0 {
                if opensWithFooterWord(rows[i], vocabulary: vocabulary) {
                    start = i
                } else if !isFiller(rows[i]) {
                    break
                }
                i -= 1
            }
        }
        guard var first = start else { return 0 }
        while first > 0, isFiller(rows[first - 1]) { first -= 1 }
        return rows.count - first
    }

    /// The row's first cell with a letter (a running number or a date before it skipped) is a footer word.
    static func opensWithFooterWord(_ row: TableRow, vocabulary: HeaderVocabulary) -> Bool {
        for cell in row.cells where !cell.isBlank {
            if case .date = cell { continue }
            let text = TextNormalisation.clean(cell.text)
            guard text.contains(where: \.isLetter) else { continue }
            return vocabulary.isFooterText(text)
        }
        return false
    }

    /// A row of dots, dashes or underscores: a line to sign on.
    static func isFiller(_ row: TableRow) -> Bool {
        row.cells.allSatisfy { cell in
            cell.isBlank || !cell.text.contains { $0.isLetter || $0.isNumber }
        }
    }

    /// A session cell with a present or excused mark written as text or a tick box; numbers, in number cells or
    /// written as digits (a CSV), are totals here.
    private static func hasMark(_ row: TableRow, layout: TableLayout, marks: MarkVocabulary.Folded) -> Bool {
        layout.sessions.contains { session in
            let cell = row[session.column]
            switch cell {
            case .string(let text) where !text.isEmpty && text.allSatisfy({ $0.isNumber || $0.isWhitespace }):
                return false
            case .string, .bool:
                let status = marks.status(of: cell)
                return status == .present || status == .excused
            default:
                return false
            }
        }
    }
}
