import Foundation
import IntegraCore
import IntegraReports
import IntegraWarehouse

/// The finance reports' sheets that need no person — the document list, budget execution and indirect costs —
/// written beside load, and finished in render with the sheets that count persons (issue 19).
///
/// The document list has a row per ledger row paid in the period (203 354 at programme scale): laying it out and
/// writing it as cells took about 5 s of CPU in render, whose pool keeps both cores busy, while load keeps one core
/// busy and leaves the other idle. The ledgers and the budget are in the warehouse by then (``FinanceTrack``
/// committed them during link), so a read-only connection reads the document list beside load's transaction, the
/// sheets are laid out and written into the begun workbook (``ReportWorkbook``) with their CSVs, and render adds the
/// unit costs and indicator sheets and the metadata sheet.
///
/// The bytes are those of a run that writes the whole report in render: both write a report's sheets in the same
/// order — those that need no person first, then the others, each group in the layout's order
/// (``write(_:finance:definitions:prepared:late:metadata:reportsDir:)``).
enum FinanceWorkbooks {
    /// A finance report begun: its workbook with the sheets that need no person written, and their CSVs.
    final class Begun: @unchecked Sendable {
        let workbook: ReportWorkbook
        /// The CSV of each sheet written, by the sheet's index in the report.
        var csvs: [Int: URL] = [:]

        init(workbook: ReportWorkbook) { self.workbook = workbook }
    }

    /// The sheets of `report` that need no person, by index: its finance sheets other than the unit costs.
    static func early(_ report: ReportDefinition) -> [Int] {
        report.sheets.indices.filter { report.sheets[$0].kind.isFinance && !report.sheets[$0].kind.needsPersons }
    }

    /// Begins the workbook of `report` (every sheet named, in its place) and writes the sheets that need no person
    /// from `finance`, each with its CSV.
    static func begin(
        _ report: ReportDefinition, finance: FinanceData, definitions: RunDefinitions, reportsDir: URL
    ) throws -> Begun {
        let project = definitions.project, language = definitions.options.language
        let header = ReportBuilder.document(
            report, sheets: [], metadata: [], project: project, periods: definitions.periods, language: language)
        let begun = Begun(
            workbook: try ReportWorkbook(
                header, to: reportsDir.appendingPathComponent("\(report.id).xlsx"), ownerOnly: report.isPersonal,
                sheetNames: report.sheets.map { $0.name.text(language) }))
        let builder = FinanceSheetBuilder(project: project, finance: finance, periods: definitions.periods, language: language)
        for i in early(report) {
            let sheet = builder.build(report.sheets[i], slug: ReportBuilder.slug(report, i), report: report)
            try begun.workbook.write(sheet, at: i)
            begun.csvs[i] = try report.writeCSV(sheet, in: reportsDir, dialect: definitions.options.csv.dialect)
        }
        return begun
    }

    /// Writes a report whose sheets include some that need no person: begins it (or takes `prepared`, begun beside
    /// load), writes the sheets that count persons (`late`, laid out by the caller, with their indices), each with
    /// its CSV, and the metadata sheet. Returns the files in the order a report's are listed: the workbook, then a
    /// CSV per sheet in the report's order, each with whether it is personal.
    static func write(
        _ report: ReportDefinition, finance: FinanceData, definitions: RunDefinitions, prepared: Begun?,
        late: [(index: Int, sheet: ReportSheet)], metadata: [(label: String, value: String)], reportsDir: URL
    ) throws -> [(URL, Bool)] {
        let begun = try prepared ?? begin(report, finance: finance, definitions: definitions, reportsDir: reportsDir)
        for (i, sheet) in late {
            try begun.workbook.write(sheet, at: i)
            begun.csvs[i] = try report.writeCSV(sheet, in: reportsDir, dialect: definitions.options.csv.dialect)
        }
        try begun.workbook.finish(metadata: metadata)
        let personal = report.isPersonal
        return [(reportsDir.appendingPathComponent("\(report.id).xlsx"), personal)]
            + begun.csvs.keys.sorted().map { (begun.csvs[$0]!, personal) }
    }


    /// The reports begun beside load, started by ``start(_:money:warehouse:reportsDir:)``.
    final class Running: @unchecked Sendable {
        fileprivate let done = Awaited<[String: Begun]>()

        /// The begun reports by id, once written (waits until then).
        func value() throws -> [String: Begun] { try done.value() }

        /// Waits for the writing to end, whatever it found (it reads the warehouse on a connection of its own: a stage
        /// that ends must not leave it reading).
        func waitForEnd() { _ = try? done.value() }
    }

    /// Starts, on a thread of its own, the finance reports' sheets that need no person: the document list read on
    /// a read-only connection, the budget lines and indirect costs the money's track read (`money`). Nil when no
    /// report has such a sheet or the project has no ledger row and no budget cell.
    ///
    /// Call it before load's transaction begins: the warehouse file is held as it is (``ReadHold``: the money
    /// committed during link, none of load's rows) until the document list is read, so that read never waits for
    /// load, and load's commit waits for it instead (it takes about a second at programme scale; load, 12–16 s).
    static func start(
        _ definitions: RunDefinitions, money: FinanceTrack.Read?, warehouse: Warehouse, reportsDir: URL
    ) throws -> Running? {
        let reports = definitions.reports.filter { !early($0).isEmpty }
        guard let period = money?.period, !reports.isEmpty else { return nil }
        let needsList = reports.contains { r in early(r).contains { r.sheets[$0].kind == .expenditureList } }
        let hold = needsList ? try warehouse.holdRead() : nil
        let running = Running()
        DispatchQueue.global().async {
            try? running.done.fulfil {
                var finance = period
                if let hold {
                    defer { hold.end() }
                    let project = definitions.project, reporting = definitions.periods.reporting
                    finance.figures.expenditures = try hold.warehouse.financeFigures(
                        start: reporting.start, end: reporting.end, projectStart: project.project.periodStart,
                        projectEnd: project.project.periodEnd, rules: finance.rules, groups: finance.groups.map(\.group),
                        parts: [.expenditures]
                    ).expenditures
                }
                var begun: [String: Begun] = [:]
                for report in reports {
                    begun[report.id] = try begin(report, finance: finance, definitions: definitions, reportsDir: reportsDir)
                }
                return begun
            }
        }
        return running
    }
}

extension ReportDefinition {
    /// Writes `sheet`'s table as this report's CSV `<report id>__<sheet slug>.csv`; a personal report's (a document
    /// list with suppliers' names) for its owner only.
    func writeCSV(_ sheet: ReportSheet, in reportsDir: URL, dialect: CSVDialect) throws -> URL {
        let url = reportsDir.appendingPathComponent("\(id)__\(sheet.slug).csv")
        try ReportDocument.writeCSV(sheet, to: url, dialect: dialect, ownerOnly: isPersonal)
        return url
    }
}
