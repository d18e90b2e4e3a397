import Foundation
import IntegraCore
import IntegraReports

/// `reports/data-quality.xlsx` and `rejected_rows.csv`: what was read from each file, every rejected row with the
/// reason, and the diagnostics by code. Locations and codes only: no cell values.
struct DataQualityReport {
    let project: ProjectDefinition
    let files: [SourceFileRecord]
    let diagnostics: [DiagnosticRecord]
    let language: ReportLanguage

    private func t(_ pl: String, _ en: String) -> String { language == .pl ? pl : en }

    /// The first error of each rejected row, in file and row order.
    var rejectedRows: [Diagnostic] {
        var seen = Set<Int>()
        var rows: [Diagnostic] = []
        for d in diagnostics where d.diagnostic.severity == .error {
            guard let raw = d.rawRowID else { continue }
            if seen.insert(raw).inserted { rows.append(d.diagnostic) }
        }
        return rows
    }

    func document(metadata: [(label: String, value: String)]) -> ReportDocument {
        let title = t("Jakość danych — wczytane i odrzucone wiersze", "Data quality — loaded and rejected rows")
        let lines = [title, project.project.name]
        var fileRows: [[ReportCell]] = []
        for f in files {
            fileRows.append([
                .text(f.path), .text(project.partner(f.partnerID)?.name ?? f.partnerID), .text(f.sourceID), .text(f.kind.rawValue),
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
            widths: [48, 30, 24, 14, 10, 10, 10, 10])
        let rejected = rejectedRows.map { d -> [ReportCell] in
            [.text(d.location?.file ?? ""), .text(d.location?.sheet ?? ""), d.location?.row.map { .integer(Double($0)) } ?? .empty,
             .text(d.location?.column ?? ""), .text(d.code.rawValue), .text(d.message)]
        }
        let rejectedSheet = ReportSheet(
            slug: "rejected-rows", name: t("Odrzucone wiersze", "Rejected rows"), titleLines: lines,
            header: [t("Plik", "File"), t("Arkusz", "Sheet"), t("Wiersz", "Row"), t("Kolumna", "Column"), t("Kod", "Code"),
                     t("Co poprawić", "What to fix")],
            rows: rejected, notes: [t("Kody opisuje README, rozdział „Diagnostic codes”.", "The README's \"Diagnostic codes\" explains each code.")],
            widths: [44, 14, 8, 22, 24, 90])
        var counts: [String: (severity: String, count: Int)] = [:]
        for d in diagnostics {
            let key = d.diagnostic.code.rawValue
            counts[key] = (d.diagnostic.severity.rawValue, (counts[key]?.count ?? 0) + 1)
        }
        let codeRows = counts.sorted { $0.key < $1.key }.map { [ReportCell.text($0.key), .text($0.value.severity), .integer(Double($0.value.count))] }
        let codesSheet = ReportSheet(
            slug: "diagnostics", name: t("Diagnostyka", "Diagnostics"), titleLines: lines,
            header: [t("Kod", "Code"), t("Waga", "Severity"), t("Liczba", "Count")], rows: codeRows,
            notes: [t("Wszystkie komunikaty z lokalizacją: diagnostics.csv.", "Every message with its location: diagnostics.csv.")],
            widths: [28, 12, 10])
        return ReportDocument(
            id: "data-quality", title: title, metadata: metadata, metadataSheetName: t("Metryczka", "About"),
            sheets: [filesSheet, rejectedSheet, codesSheet], created: project.project.periodEnd)
    }

    /// `rejected_rows.csv`: one line per rejected row with its first error.
    func writeRejectedRows(to url: URL, dialect: CSVDialect) throws {
        var rows: [[CSVField]] = [["file", "sheet", "row", "column", "code", "message"]]
        for d in rejectedRows {
            rows.append([
                .text(d.location?.file ?? ""), .text(d.location?.sheet ?? ""), d.location?.row.map { .number(Double($0)) } ?? .empty,
                .text(d.location?.column ?? ""), .text(d.code.rawValue), .text(d.message),
            ])
        }
        try CSVTableWriter(dialect: dialect).write(rows, to: url)
    }
}
