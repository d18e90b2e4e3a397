import Foundation
import IntegraCore
import IntegraPipeline

/// The run summary printed to the terminal: per-file accounting, persons, figures, diagnostics — in the run's
/// language (`--lang`), diagnostics worded by the diagnostic catalogue.
enum SummaryPrinter {
    static func render(_ s: RunSummary, showValues: Bool, maxDiagnostics: Int) -> String {
        let english = s.manifest.run.language == "en"
        func t(_ pl: String, _ en: String) -> String { english ? en : pl }
        var lines: [String] = []
        let width = max(40, s.files.map(\.path.count).max() ?? 0)
        let c = s.ingest
        lines.append(
            t("Pliki: nowe \(c.new), bez zmian \(c.unchanged) (nie czytane ponownie), zastąpione nowszą wersją \(c.superseded), usunięte \(c.removed)",
              "Files: \(c.new) new, \(c.unchanged) unchanged (not read again), \(c.superseded) superseded by a changed version, \(c.removed) removed"))
        for (path, event) in s.fileEvents where event != "new" && event != "unchanged" {
            lines.append("  \(event): \(path)")
        }
        lines.append("")
        lines.append(
            t("Wiersze" + String(repeating: " ", count: width - 5) + "  czyt.  wczyt.  odrzuc.  puste",
              "Rows" + String(repeating: " ", count: width - 2) + "   read  loaded  rejected  blank"))
        var totals = (0, 0, 0, 0)
        for f in s.files {
            lines.append(
                "  " + f.path.padding(toLength: width, withPad: " ", startingAt: 0) + pad(f.rowsRead, 7) + pad(f.rowsLoaded, 8)
                    + pad(f.rowsRejected, 10) + pad(f.rowsBlank, 7))
            totals.0 += f.rowsRead
            totals.1 += f.rowsLoaded
            totals.2 += f.rowsRejected
            totals.3 += f.rowsBlank
        }
        lines.append(
            "  " + t("razem", "total").padding(toLength: width, withPad: " ", startingAt: 0) + pad(totals.0, 7) + pad(totals.1, 8)
                + pad(totals.2, 10) + pad(totals.3, 7))
        lines.append("")
        let ev = s.manifest.personsByEvidence
        lines.append(
            t("Osoby: \(s.persons) (połączone po PESEL-u: \(ev["pesel"] ?? 0), po imieniu, nazwisku i dacie urodzenia: \(ev["name_birth_date"] ?? 0), tylko po imieniu i nazwisku: \(ev["name_only"] ?? 0))",
              "Persons: \(s.persons) (joined by PESEL: \(ev["pesel"] ?? 0), by name and birth date: \(ev["name_birth_date"] ?? 0), on name only: \(ev["name_only"] ?? 0))"))
        if let review = s.reviewPairs, review > 0 {
            lines.append(
                t("Łączenie: decyzje do podjęcia w niepewnych parach osób: \(review) → reports/linkage-review.xlsx (dane osobowe), potem plik decyzji",
                  "Linkage: \(review) decision(s) to make on uncertain pairs of persons → reports/linkage-review.xlsx (personal data), then the decisions file"))
            if let low = s.personsIfAllJoined, low < s.persons {
                lines.append(
                    t("  Od tych decyzji zależy liczba osób: od \(low) (każda para to ta sama osoba) do \(s.persons) (żadna)",
                      "  These decisions move the count of persons between \(low) (every pair one person) and \(s.persons) (none)"))
            }
        }
        lines.append("")
        lines.append(t("Wskaźniki (narastająco do \(s.manifest.run.reportingEnd)):", "Indicators (cumulative to \(s.manifest.run.reportingEnd)):"))
        for f in s.figures
        where f.scope == "cumulative" && f.period == s.manifest.run.reportingPeriod && f.breakdown.isEmpty {
            let value = f.value == f.value.rounded() ? String(Int(f.value)) : String(format: "%.2f", f.value)
            lines.append("  " + f.indicator.padding(toLength: 32, withPad: " ", startingAt: 0) + String(repeating: " ", count: max(0, 10 - value.count)) + value)
        }
        let errors = s.diagnostics.filter { $0.severity == .error }
        let warnings = s.diagnostics.filter { $0.severity == .warning }
        lines.append("")
        lines.append(
            t("Diagnostyka: błędy \(errors.count), ostrzeżenia \(warnings.count) (wszystkie w \(s.outputFolder.path)/diagnostics.csv i reports/data-quality.xlsx)",
              "Diagnostics: \(errors.count) errors, \(warnings.count) warnings (all in \(s.outputFolder.path)/diagnostics.csv and reports/data-quality.xlsx)"))
        for d in (errors + warnings).prefix(maxDiagnostics) {
            lines.append("  " + d.rendered(english: english, showValues: showValues))
        }
        if errors.count + warnings.count > maxDiagnostics {
            lines.append("  … " + t("i \(errors.count + warnings.count - maxDiagnostics) więcej", "\(errors.count + warnings.count - maxDiagnostics) more"))
        }
        let unused = UnusedColumns.list(s.diagnostics)
        if !unused.isEmpty {
            lines.append("")
            lines.append(
                t("Kolumny, których żadne mapowanie nie czyta (nie wczytane; zmapuj je w columns:, jeśli są potrzebne):",
                  "Columns no mapping reads (not loaded; map them under columns: if they matter):"))
            for u in unused.prefix(maxDiagnostics) { lines.append("  \(u.file): \(u.headers)") }
            if unused.count > maxDiagnostics {
                lines.append("  … " + t("i \(unused.count - maxDiagnostics) plików więcej", "\(unused.count - maxDiagnostics) more files"))
            }
        }
        lines.append("")
        lines.append(t("Wyniki w \(s.outputFolder.path)/:", "Outputs in \(s.outputFolder.path)/:"))
        for o in s.outputs { lines.append("  \(o)") }
        if !s.removedOutputs.isEmpty {
            lines.append(
                t("Usunięte wyniki poprzedniego przebiegu, których projekt już nie tworzy: ",
                  "Removed outputs of the previous run that the project no longer produces: ")
                    + s.removedOutputs.joined(separator: ", "))
        }
        if !s.personalOutputs.isEmpty {
            lines.append(
                t("Dane osobowe (tylko do Twojego odczytu; nie udostępniaj): ", "Personal data (readable by you only; do not share): ")
                    + s.personalOutputs.joined(separator: ", "))
        }
        // A file name with an escape code in it is shown, not obeyed (issue 17 item 14).
        return lines.map(TerminalText.sanitized).joined(separator: "\n")
    }

    private static func pad(_ n: Int, _ w: Int) -> String {
        let s = String(n)
        return String(repeating: " ", count: max(0, w - s.count)) + s
    }
}
