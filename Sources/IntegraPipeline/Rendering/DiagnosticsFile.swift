import Foundation
import IntegraCore
import IntegraReports

/// `diagnostics.csv`: every problem with file, sheet, row, column, severity, stable code and how to fix it.
/// Holds no cell values, so it can go back to the partner who sent the file.
enum DiagnosticsFile {
    static func write(_ records: [DiagnosticRecord], files: [SourceFileRecord], to url: URL, dialect: CSVDialect) throws {
        var rows: [[CSVField]] = [["file", "sheet", "row", "column", "severity", "code", "message"]]
        for r in records {
            let d = r.diagnostic
            rows.append([
                .text(d.location?.file ?? ""), .text(d.location?.sheet ?? ""),
                d.location?.row.map { .number(Double($0)) } ?? .empty, .text(d.location?.column ?? ""),
                .text(d.severity.rawValue), .text(d.code.rawValue), .text(d.message),
            ])
        }
        try CSVTableWriter(dialect: dialect).write(rows, to: url)
    }
}
