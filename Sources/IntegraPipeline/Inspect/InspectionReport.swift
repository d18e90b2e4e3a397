import IntegraCore

/// The text `integra inspect` prints: format, sheets, header row, a table of columns with the proposed field and
/// its evidence, and the `sources:` item to paste.
///
/// Header texts, labels and sheet names are printed; cell values (names, PESELs, dates of rows, title-block
/// values) only when `showValues` is true, up to three per column.
public enum InspectionReport {
    public static func render(_ inspection: FileInspection, showValues: Bool = false) -> String {
        var out: [String] = []
        let sheet = inspection.sheet
        if let text = inspection.text {
            let delimiter = text.delimiter == "\t" ? "tab" : "'\(text.delimiter)'"
            let bom = text.hadBOM ? " with byte-order mark" : ""
            out.append("\(inspection.path): CSV, \(text.encoding)\(bom), delimiter \(delimiter)")
            if let problem = inspection.sheetProblems[0] {
                out.append("The proposal below does not read this file: \(problem)")
            }
        } else {
            let n = inspection.sheets.count
            out.append("\(inspection.path): XLSX workbook, \(n) sheet\(n == 1 ? "" : "s")")
            out.append("")
            var rows = [["sheet", "state", "header row", "data rows", "sessions", "read with the proposal"]]
            for (s, problem) in zip(inspection.sheets, inspection.sheetProblems) {
                rows.append([
                    s.name ?? "", s.isHidden ? "hidden" : "visible", s.headerRow.map(String.init) ?? "-",
                    String(s.dataRows), String(s.sessions.count), problem.map { "no: \(Self.code(of: $0))" } ?? "yes",
                ])
            }
            out += table(rows, rightAligned: [2, 3, 4])
            if inspection.sheetProblems.contains(where: { $0 != nil }) {
                out.append("")
                out.append("A sheet marked no needs a source of its own: inspect it with --sheet NAME.")
            }
        }
        out.append("")
        guard let headerRow = sheet.headerRow else {
            out.append(sheet.name.map { "Sheet \"\($0)\" is empty." } ?? "The file is empty.")
            return out.joined(separator: "\n") + "\n"
        }
        let words = sheet.recognisedHeaders
        let place = sheet.name.map { "Sheet \"\($0)\": header" } ?? "Header"
        let how =
            words == 0
            ? " is a guess (no header word recognised: the first row with the most text; its texts are hidden"
                + " unless --show-values, as it may hold data)"
            : " (\(plural(words, "header word")) recognised)"
        out.append("\(place) row \(headerRow)\(how), \(plural(sheet.dataRows, "data row"))")
        if !sheet.titleLabels.isEmpty {
            let labels = sheet.titleLabels.map {
                "\($0.field) \"\($0.label)\" (row \($0.row))" + (showValues ? " = \($0.value)" : "")
            }
            out.append("Title block: " + labels.joined(separator: ", "))
        }
        if let sentence = sheet.groupInTitleLine {
            out.append(
                "Title line: row \(sentence.row) names a course group (from_title: \"\(sentence.pattern)\")"
                    + (showValues ? " = \(sentence.value)" : ""))
        }
        out.append("Kind: \(sheet.kind.rawValue) — \(sheet.kindReason)")
        if let pattern = inspection.proposal.fromFileName {
            out.append("Group: from the file name (from_file_name: \"\(pattern)\"; files: \(inspection.proposal.files))")
        }
        if let earliest = sheet.sessions.map(\.date).min(), let latest = sheet.sessions.map(\.date).max() {
            out.append(
                "Sessions: \(plural(sheet.sessions.count, "column")), \(sessionLetters(sheet)), "
                    + (sheet.headerIsGuess && !showValues ? "dates hidden" : "\(earliest.iso) … \(latest.iso)")
                    + (sheet.sessionDatesRow.map { ", dates in row \($0) under numbered headers" } ?? ""))
        }
        out.append("")

        var rows = [["column", "header", "field", "evidence"] + (showValues ? ["values"] : [])]
        var sessionsShown = false
        for column in sheet.columns.sorted(by: { $0.index < $1.index }) {
            if !sessionsShown, let first = sheet.sessions.first, first.index < column.index {
                rows.append(sessionRow(sheet, showValues: showValues))
                sessionsShown = true
            }
            var evidence = column.evidence.joined(separator: "; ")
            if let omission = column.omission { evidence += "; left out: \(omission)" }
            let field = column.field ?? "-"
            let header = sheet.headerIsGuess && !showValues ? "(hidden)" : column.header
            rows.append(
                [column.letter, header, field, evidence]
                    + (showValues ? [column.samples.joined(separator: " | ")] : []))
        }
        if !sessionsShown, !sheet.sessions.isEmpty { rows.append(sessionRow(sheet, showValues: showValues)) }
        out += table(rows, rightAligned: [])
        out.append("")
        out.append(
            inspection.proposal.kind.isFinance
                ? "Paste under sources: in the project file, then replace \(SourceProposal.partnerPlaceholder):"
                : "Paste under sources: in the project file, then replace \(SourceProposal.partnerPlaceholder) and "
                    + "\(SourceProposal.activityPlaceholder):")
        out.append("")
        out.append(inspection.proposal.yaml(showValues: showValues))
        return out.joined(separator: "\n")
    }

    private static func sessionRow(_ sheet: SheetInspection, showValues: Bool) -> [String] {
        let marks = sheet.sessionMarks
        let share = ColumnProfile.percent(marks.known, of: marks.total)
        let evidence =
            (sheet.sessionDatesRow.map { "dates in row \($0)" } ?? "date headers") + "; "
            + (marks.total == 0 ? "no marks" : "\(share) of \(ColumnProfile.values(marks.total)) are attendance marks")
        return [sessionLetters(sheet), "(\(plural(sheet.sessions.count, "session")))", "sessions", evidence]
            + (showValues ? [""] : [])
    }

    /// `C–J`, or `C` for one session column.
    private static func sessionLetters(_ sheet: SheetInspection) -> String {
        guard let first = sheet.sessions.first?.index, let last = sheet.sessions.last?.index else { return "" }
        return first == last ? columnLetters(first) : "\(columnLetters(first))–\(columnLetters(last))"
    }

    /// "1 data row", "17 data rows".
    private static func plural(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// The diagnostic code of a sheet problem (`missing-column: …` → `missing-column`), for the sheets table;
    /// inspect the sheet with `--sheet` for the whole story.
    private static func code(of problem: String) -> String {
        problem.firstIndex(of: ":").map { String(problem[..<$0]) } ?? problem
    }

    /// Columns padded to their widest cell, two spaces apart; the last column is not padded.
    private static func table(_ rows: [[String]], rightAligned: Set<Int>) -> [String] {
        guard let width = rows.map(\.count).max() else { return [] }
        var widths = Array(repeating: 0, count: width)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            var line = ""
            for (i, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                if i == row.count - 1 {
                    line += rightAligned.contains(i) ? pad + cell : cell
                } else {
                    line += (rightAligned.contains(i) ? pad + cell : cell + pad) + "  "
                }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return "  " + line
        }
    }
}
