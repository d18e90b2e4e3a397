import Foundation
import IntegraCore
import IntegraReports
import IntegraWarehouse

/// The reports written into the staging folder, with what the dashboard and the manifest still need: render's
/// output, the dashboard's input.
struct RenderedReports: StageOutput {
    var indicators: IndicatorValues
    /// The definition files the run read and their hashes (``RunDefinitions/hashes()``).
    var definitionHashes: [RunManifest.FileHash]
    /// ``Dashboard/fingerprint(definitions:projectSHA256:inputs:)`` of the run, in every report's metadata.
    var fingerprint: String
    /// What the dashboard shows besides the figures, read from the warehouse before it was closed.
    var dashboardFacts: DashboardFacts
    /// Outputs staged so far.
    var outputs: Int
    /// The finance figures of the reporting period and of each quarter (the dashboard's finance section); nil when
    /// the project has no ledgers or budget.
    var finance: FinanceData? = nil
    var financeByQuarter: [(period: ReportingPeriod, figures: FinanceFigures)] = []

    var handled: (count: Int?, unit: String) { (outputs, "files") }
}

/// Render: everything the run writes from the warehouse and the figures, except the dashboard and the manifest —
/// the linkage review sheet and participant lists (personal, owner-only), each report of the project as XLSX and
/// CSV, the long table and its dictionary, restatements of frozen periods, the data-quality workbook,
/// `rejected_rows.csv` and `diagnostics.csv`. Reads what it needs from the warehouse first, checks the warehouse
/// file and closes it: a warehouse with a problem stops the run before any output is published.
struct RenderStage: PipelineStage {
    static let stage = RunStage.reports

    func run(_ input: IndicatorValues, in context: inout StageContext) throws -> RenderedReports {
        let definitions = context.definitions
        let project = definitions.project
        let options = definitions.options
        let indicators = definitions.indicators
        let periods = definitions.periods
        let warehouse = context.warehouse
        let values = input.values
        let files = input.loaded.files
        let diagnostics = context.diagnostics.sorted()
        let reportsDir = context.outputFolder.appendingPathComponent("reports", isDirectory: true)
        // The review sheet holds names: written for its owner only, listed apart from the aggregate outputs.
        let reviewXLSX = reportsDir.appendingPathComponent("linkage-review.xlsx")
        let reviewRecords = try warehouse.reviewRecords()
        let review = try LinkageReviewReport(project: project, language: options.language)
            .document(try warehouse.reviewPairs(), limit: project.linkage.reviewSheetLimit, records: { reviewRecords[$0] })
        try review.workbook.writeXLSX(to: reviewXLSX, ownerOnly: true)
        try context.record(reviewXLSX, personal: true)
        let reviewCSV = reportsDir.appendingPathComponent("linkage-review.csv")
        try ReportDocument.writeCSV(review.all, to: reviewCSV, dialect: options.csv.dialect, ownerOnly: true)
        try context.record(reviewCSV, personal: true)
        // Participant lists hold names and PESELs: written for their owner only, listed as personal.
        if !definitions.participantLists.isEmpty {
            let entries = try warehouse.participantList()
            for list in definitions.participantLists {
                let url = reportsDir.appendingPathComponent("\(list.id).csv")
                try ParticipantList(definition: list, agreement: project.reportAgreements[list.file] ?? project.project.agreement)
                    .write(entries, to: url)
                try context.record(url, personal: true)
            }
        }
        let restatements = try Pipeline.restatements(
            definitions.frozen, projectStart: project.project.periodStart, warehouse: warehouse, indicators: indicators,
            values: values, inputs: files.map { ($0.path, $0.sha256) })
        // The money: the reporting period's finance figures for the finance sheets, each quarter's for the dashboard.
        let finance = try FinanceData.gather(
            warehouse, project: project, rules: project.financeRules, start: periods.reporting.start,
            end: periods.reporting.end)
        var financeByQuarter: [(period: ReportingPeriod, figures: FinanceFigures)] = []
        if finance != nil {
            for q in periods.quarters {
                if let f = try FinanceData.gather(
                    warehouse, project: project, rules: project.financeRules, start: q.start, end: q.end, linesOnly: true)
                {
                    financeByQuarter.append((q, f.figures))
                }
            }
        }
        // The warehouse check (it reads every page of a file of gigabytes) on a second connection, while this one
        // gathers the dashboard's facts: two readers, two cores.
        let checker = try warehouse.readOnlyConnection()
        let (problems, dashboardFacts) = try concurrently(
            { try checker.check() },
            { try warehouse.dashboardFacts(ranges: Dashboard.ranges(periods, projectStart: project.project.periodStart)) })
        try checker.close()
        try warehouse.close()
        if !problems.isEmpty {
            throw WarehouseError(file: context.warehousePath, message: problems.joined(separator: "; "))
        }

        let definitionHashes = try definitions.hashes()
        let byCode = Dictionary(uniqueKeysWithValues: indicators.map { ($0.code, $0) })
        let fingerprint = Dashboard.fingerprint(
            definitions: definitionHashes, projectSHA256: definitions.projectSHA256, inputs: files)
        for report in definitions.reports {
            // A finance report of a project without ledgers or budget: nothing to show, nothing written.
            if finance == nil, report.sheets.allSatisfy(\.kind.isFinance) { continue }
            let metadata = Metadata.lines(
                project: project, report: report, indicators: indicators, projectHash: definitions.projectSHA256,
                language: options.language, reporting: periods.reporting, runFingerprint: fingerprint)
            let builder = ReportBuilder(
                project: project, indicators: byCode,
                values: ValueIndex(values, ageBandKey: definitions.ageBandKey(report.ageBands)), periods: periods,
                language: options.language, metadata: metadata, finance: finance)
            let document = builder.build(report, ageBands: report.ageBands ?? project.rules.ageBands)
            let xlsx = reportsDir.appendingPathComponent("\(report.id).xlsx")
            // A document list with suppliers' names is personal data: for its owner only, flagged in run.json.
            let personal = report.isPersonal
            try document.writeXLSX(to: xlsx, ownerOnly: personal)
            try context.record(xlsx, personal: personal)
            if personal {
                for sheet in document.sheets {
                    let url = reportsDir.appendingPathComponent("\(report.id)__\(sheet.slug).csv")
                    try ReportDocument.writeCSV(sheet, to: url, dialect: options.csv.dialect, ownerOnly: true)
                    try context.record(url, personal: true)
                }
            } else {
                try context.record(contentsOf: document.writeCSV(to: reportsDir, prefix: "\(report.id)__", dialect: options.csv.dialect))
            }
        }
        // Every figure as one lean long table, for a pivot table or ActivityInfo, with its indicators' dictionary.
        let longTable = LongTable(
            indicators: indicators.map { LongTable.Indicator($0, language: options.language) }, periods: periods.all,
            language: options.language,
            breakdownNames: LongTable.breakdownNames(
                definitions.bandSets, labels: Labels(language: options.language, project: project)))
        let longCSV = reportsDir.appendingPathComponent("indicators-long.csv")
        try longTable.write(values, to: longCSV, dialect: options.csv.dialect)
        let dictionaryCSV = reportsDir.appendingPathComponent("indicators-dictionary.csv")
        try longTable.writeDictionary(to: dictionaryCSV, dialect: options.csv.dialect)
        try context.record(contentsOf: [longCSV, dictionaryCSV])
        // Restatements of submitted (frozen) periods: what changed since, and the rows that caused it.
        for restatement in restatements {
            let l = Labels(language: options.language, project: project)
            let title = (options.language == .pl ? "Korekta wartości przekazanych za okres " : "Restatement of the figures submitted for ")
                + restatement.period
            let document = restatement.document(
                language: options.language, indicators: byCode, labels: l, created: periods.reporting.end, title: title)
            let name = "restatement-\(restatement.period.replacingOccurrences(of: "..", with: "_"))"
            let xlsx = reportsDir.appendingPathComponent("\(name).xlsx")
            try document.writeXLSX(to: xlsx)
            try context.record(xlsx)
            try context.record(contentsOf: document.writeCSV(to: reportsDir, prefix: "\(name)__", dialect: options.csv.dialect))
        }
        let quality = DataQualityReport(project: project, files: files, diagnostics: diagnostics, language: options.language)
        let qualityXLSX = reportsDir.appendingPathComponent("data-quality.xlsx")
        try quality.document(metadata: Metadata.lines(
                project: project, report: nil, indicators: [], projectHash: definitions.projectSHA256,
                language: options.language, reporting: periods.reporting))
            .writeXLSX(to: qualityXLSX)
        try context.record(qualityXLSX)
        let rejectedCSV = context.outputFolder.appendingPathComponent("rejected_rows.csv")
        try quality.writeRejectedRows(to: rejectedCSV, dialect: options.csv.dialect)
        try context.record(rejectedCSV)
        let diagnosticsCSV = context.outputFolder.appendingPathComponent("diagnostics.csv")
        try DiagnosticsFile.write(
            diagnostics, files: files, project: project, language: options.language, to: diagnosticsCSV,
            dialect: options.csv.dialect)
        try context.record(diagnosticsCSV)
        return RenderedReports(
            indicators: input, definitionHashes: definitionHashes, fingerprint: fingerprint,
            dashboardFacts: dashboardFacts, outputs: context.staging?.outputs.count ?? 0, finance: finance,
            financeByQuarter: financeByQuarter)
    }
}
