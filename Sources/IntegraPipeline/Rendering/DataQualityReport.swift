import Foundation
import IntegraCore
import IntegraReports

/// `reports/data-quality.xlsx` and `rejected_rows.csv`: what was read from each file, every rejected row and every
/// warning with its partner, the problem and what to fix (from the diagnostic catalogue, in the report language),
/// and the diagnostics by code. Locations and codes only: no cell values.
struct DataQualityReport {
    let project: ProjectDefinition
    let files: [SourceFileRecord]
    let diagnostics: [DiagnosticRecord]
    let language: ReportLanguage

    private func t(_ pl: String, _ en: String) -> String { language == .pl ? pl : en }

    /// The first error of each rejected row, in file and row order.
    var rejectedRows: [DiagnosticRecord] {
        var seen = Set<Int>()
        var rows: [DiagnosticRecord] = []
        for d in diagnostics where d.diagnostic.severity == .error {
            guard let raw = d.rawRowID else { continue }
            if seen.insert(raw).inserted { rows.append(d) }
        }
        return rows
    }

    /// Every diagnostic that is not a rejected row's first error: warnings, notes, errors of whole files.
    var otherDiagnostics: [DiagnosticRecord] {
        let shown = Set(rejectedRows)
        return diagnostics.filter { !shown.contains($0) }
    }

    private func lines(_ records: [DiagnosticRecord]) -> [DiagnosticLine] {
        DiagnosticLine.lines(records, files: files, project: project, language: language)
    }

    private static func row(_ l: DiagnosticLine, severity: Bool) -> [ReportCell] {
        [.text(l.partner), .text(l.file), .text(l.sheet), l.row.map { .integer(Double($0)) } ?? .empty, .text(l.column)]
            + (severity ? [.text(l.severity)] : []) + [.text(l.code), .text(l.problem), .text(l.hint)]
    }

    private func header(severity: Bool) -> [String] {
        [t("Partner", "Partner"), t("Plik", "File"), t("Arkusz", "Sheet"), t("Wiersz", "Row"), t("Kolumna", "Column")]
            + (severity ? [t("Waga", "Severity")] : [])
            + [t("Kod", "Code"), t("Problem", "Problem"), t("Co poprawić", "What to fix")]
    }

    func document(metadata: [(label: String, value: String)]) -> ReportDocument {
        let title = t("Jakość danych — wczytane i odrzucone wiersze", "Data quality — loaded and rejected rows")
        let lines = [title, project.project.name]
        let english = language == .en
        var fileRows: [[ReportCell]] = []
        for f in files {
            fileRows.append([
                .text(f.path), .text(project.partner(f.partnerID)?.name ?? f.partnerID), .text(f.sourceID),
                .text(f.kind.name.text(english: english)),
                .integer(Double(f.rowsRead)), .integer(Double(f.rowsLoaded)), .integer(Double(f.rowsRejected)),
                .integer(Double(f.rowsBlank)),
            ])
        }
        let total = files.reduce(into: (0, 0, 0, 0)) {
            $0.0 += $1.rowsRead
            $0.1 += $1.rowsLoaded
            $0.2 += $1.rowsRejected
            $0.3 += $1.rowsBlank
        }
        fileRows.append([
            .text(t("Razem", "Total")), .empty, .empty, .empty, .integer(Double(total.0)), .integer(Double(total.1)),
            .integer(Double(total.2)), .integer(Double(total.3)),
        ])
        let filesSheet = ReportSheet(
            slug: "files", name: t("Pliki", "Files"), titleLines: lines,
            header: [t("Plik", "File"), t("Partner", "Partner"), t("Źródło", "Source"), t("Rodzaj", "Kind"),
                     t("Wiersze", "Rows read"), t("Wczytane", "Loaded"), t("Odrzucone", "Rejected"), t("Puste", "Blank")],
            rows: fileRows, totalRows: [fileRows.count - 1],
            notes: [t("Wiersze = wczytane + odrzucone + puste (wiersze danych pod nagłówkiem).",
                      "Rows read = loaded + rejected + blank (data rows under the header).")],
            widths: [48, 30, 24, 18, 10, 10, 10, 10])
        let detailsNote = t(
            "Szczegóły każdego komunikatu (np. który inny plik zawiera powtórzony wiersz): diagnostics.csv.",
            "Each message's details (e.g. which other file holds a repeated row): diagnostics.csv.")
        let rejectedSheet = ReportSheet(
            slug: "rejected-rows", name: t("Odrzucone wiersze", "Rejected rows"), titleLines: lines,
            header: header(severity: false), rows: self.lines(rejectedRows).map { Self.row($0, severity: false) },
            notes: [t("Wiersz odrzucony nie jest liczony w żadnym wskaźniku; po poprawieniu pliku uruchom Integrę ponownie.",
                      "A rejected row counts in no indicator; correct the file and run Integra again."), detailsNote],
            widths: [24, 40, 12, 8, 18, 22, 40, 60])
        let warningsSheet = ReportSheet(
            slug: "warnings", name: t("Ostrzeżenia i uwagi", "Warnings and notes"), titleLines: lines,
            header: header(severity: true), rows: self.lines(otherDiagnostics).map { Self.row($0, severity: true) },
            notes: [t("Ostrzeżenie: wiersz wczytano, ale pominięto lub zakwestionowano wartość. Uwaga: informacja, nic nie odrzucono. Błąd bez wiersza dotyczy całego pliku lub arkusza.",
                      "Warning: the row is loaded, a value was dropped or is doubtful. Note: for information, nothing is rejected. An error without a row concerns a whole file or sheet."),
                    detailsNote],
            widths: [24, 40, 12, 8, 18, 12, 22, 40, 60])
        var counts: [DiagnosticCode: (severity: Diagnostic.Severity, count: Int)] = [:]
        for d in diagnostics {
            let code = d.diagnostic.code
            // A code that is an error anywhere is shown as an error.
            let severity = max(counts[code]?.severity ?? d.diagnostic.severity, d.diagnostic.severity)
            counts[code] = (severity, (counts[code]?.count ?? 0) + 1)
        }
        let codeRows = counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { code, entry -> [ReportCell] in
            [.text(code.rawValue), .text(entry.severity.name.text(english: english)), .integer(Double(entry.count)),
             .text(code.explanation.problem.text(english: english)), .text(code.explanation.hint.text(english: english))]
        }
        let codesSheet = ReportSheet(
            slug: "diagnostics", name: t("Diagnostyka", "Diagnostics"), titleLines: lines,
            header: [t("Kod", "Code"), t("Waga", "Severity"), t("Liczba", "Count"), t("Problem", "Problem"),
                     t("Co poprawić", "What to fix")], rows: codeRows,
            notes: [t("Wszystkie komunikaty z lokalizacją: diagnostics.csv.", "Every message with its location: diagnostics.csv.")],
            widths: [24, 12, 8, 44, 64])
        return ReportDocument(
            id: "data-quality", title: title, metadata: metadata, metadataSheetName: t("Metryczka", "About"),
            sheets: [filesSheet, rejectedSheet, warningsSheet, codesSheet], created: project.project.periodEnd)
    }

    /// `rejected_rows.csv`: one line per rejected row with its first error.
    func writeRejectedRows(to url: URL, dialect: CSVDialect) throws {
        var rows: [[CSVField]] = [
            (language == .pl
                ? ["Partner", "Plik", "Arkusz", "Wiersz", "Kolumna", "Kod", "Problem", "Co poprawić", "Szczegóły"]
                : ["partner", "file", "sheet", "row", "column", "code", "problem", "what_to_fix", "details"]).map(CSVField.text)
        ]
        for l in lines(rejectedRows) {
            rows.append([
                .text(l.partner), .text(l.file), .text(l.sheet), l.row.map { .number(Double($0)) } ?? .empty,
                .text(l.column), .text(l.code), .text(l.problem), .text(l.hint), .text(l.details),
            ])
        }
        try CSVTableWriter(dialect: dialect).write(rows, to: url)
    }
}
