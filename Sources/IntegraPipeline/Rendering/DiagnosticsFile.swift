import Foundation
import IntegraCore
import IntegraReports

/// One diagnostic as a user reads it: the partner whose file it is, where, how serious, and the catalogue's problem
/// and fix in the report language. No cell values.
struct DiagnosticLine {
    var partner: String
    var file: String
    var sheet: String
    var row: Int?
    var column: String
    var severity: String
    var code: String
    var problem: String
    var hint: String
    /// The stage's own message for this row (in Polish where the stage wrote one, else in English): names the other
    /// file of a duplicate, the closest name on the roll, the earlier record of an objective conflict and the like.
    var details: String

    init(_ record: DiagnosticRecord, partner: String, language: ReportLanguage) {
        let d = record.diagnostic
        let english = language == .en
        let explanation = d.code.explanation
        self.partner = partner
        file = d.location?.file ?? ""
        // A sheet name, a header or a group label in a message was typed by a partner: a PESEL, a phone number or an
        // e-mail address in one is masked, so that the file can go back to the partner (issue 17 item 3).
        sheet = PersonalDataMask.mask(d.location?.sheet ?? "")
        row = d.location?.row
        column = PersonalDataMask.mask(d.location?.column ?? "")
        severity = d.severity.name.text(english: english)
        code = d.code.rawValue
        // In Polish, a message with its details in Polish (the closest name on the roll, the other file) stands for
        // the catalogue's problem; the English message stays the details otherwise.
        problem = english ? explanation.problem.en : PersonalDataMask.mask(d.polish ?? explanation.problem.pl)
        hint = explanation.hint.text(english: english)
        details = PersonalDataMask.mask(english ? d.message : d.polish ?? d.message)
    }

    /// The partner of each diagnostic's file (by file id, else by path), as the project names it.
    static func partners(
        _ records: [DiagnosticRecord], files: [SourceFileRecord], project: ProjectDefinition
    ) -> [String] {
        let byID = Dictionary(files.map { ($0.id, $0.partnerID) }, uniquingKeysWith: { a, _ in a })
        let byPath = Dictionary(files.map { ($0.path, $0.partnerID) }, uniquingKeysWith: { a, _ in a })
        return records.map { r in
            guard let id = r.fileID.flatMap({ byID[$0] }) ?? r.diagnostic.location.flatMap({ byPath[$0.file] }) else {
                return ""
            }
            return project.partner(id)?.name ?? id
        }
    }

    static func lines(
        _ records: [DiagnosticRecord], files: [SourceFileRecord], project: ProjectDefinition, language: ReportLanguage
    ) -> [DiagnosticLine] {
        zip(records, partners(records, files: files, project: project)).map {
            DiagnosticLine($0, partner: $1, language: language)
        }
    }
}

/// `diagnostics.csv`: every problem with partner, file, sheet, row, column, severity, stable code, the problem and
/// how to fix it (in the report language) and the stage's detailed message. Holds no cell values, so it can go back
/// to the partner who sent the file.
enum DiagnosticsFile {
    static func header(_ language: ReportLanguage) -> [String] {
        language == .pl
            ? [
                "Partner", "Plik", "Arkusz", "Wiersz", "Kolumna", "Waga", "Kod", "Problem", "Co poprawić",
                "Szczegóły",
            ]
            : ["partner", "file", "sheet", "row", "column", "severity", "code", "problem", "what_to_fix", "details"]
    }

    static func write(
        _ records: [DiagnosticRecord], files: [SourceFileRecord], project: ProjectDefinition, language: ReportLanguage,
        to url: URL, dialect: CSVDialect
    ) throws {
        var rows: [[CSVField]] = [header(language).map(CSVField.text)]
        for l in DiagnosticLine.lines(records, files: files, project: project, language: language) {
            rows.append([
                .text(l.partner), .text(l.file), .text(l.sheet), l.row.map { .number(Double($0)) } ?? .empty,
                .text(l.column), .text(l.severity), .text(l.code), .text(l.problem), .text(l.hint), .text(l.details),
            ])
        }
        try CSVTableWriter(dialect: dialect).write(rows, to: url)
    }
}
