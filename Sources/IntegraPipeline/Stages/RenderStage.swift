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
/// `rejected_rows.csv` and `diagnostics.csv`. Reads what it needs from the warehouse, checks the warehouse file and
/// writes the outputs as jobs on every core (the reads first), then closes the warehouse: a warehouse with a problem
/// stops the run before any output is published.
struct RenderStage: PipelineStage {
    /// One output's writing: its files, each with whether it is personal (owner-only).
    typealias RenderJob = () throws -> [(URL, Bool)]

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
        let reportsDir = context.outputFolder.appendingPathComponent("reports", isDirectory: true)
        let language = options.language, dialect = options.csv.dialect

        // Every piece of the stage is a job of one pool that works on every core: the warehouse reads (each on a
        // connection of its own), then every output, each written into the staging folder and hashed. A job that
        // needs a read waits for it (``Awaited``); reads come first in the list, so a waiting job's read is
        // already being worked on. Outputs are recorded in the order of the list, whichever job finished first.
        var jobs: [RenderJob] = []
        var connections: [Warehouse] = []
        defer { for c in connections { try? c.close() } }
        func reader(marts: Bool) throws -> Warehouse {
            let connection = try warehouse.readOnlyConnection(marts: marts)
            connections.append(connection)
            return connection
        }
        // Restatements of submitted (frozen) periods, before any other connection is open: tracing their figures
        // writes temp tables on this connection, whose commit a reader on another connection could hold up.
        let restatements = try Pipeline.restatements(
            definitions.frozen, projectStart: project.project.periodStart, warehouse: warehouse,
            indicators: indicators, values: values, inputs: files.map { ($0.path, $0.sha256) })
        // The review pairs and the participant list, on this connection.
        let reads = Awaited<(review: (workbook: ReportDocument, all: ReportSheet), entries: [ParticipantListEntry])>()
        jobs.append {
            try reads.fulfil {
                let reviewRecords = try warehouse.reviewRecords()
                let review = try LinkageReviewReport(project: project, language: language)
                    .document(try warehouse.reviewPairs(), limit: project.linkage.reviewSheetLimit, records: { reviewRecords[$0] })
                let entries = definitions.participantLists.isEmpty ? [] : try warehouse.participantList()
                return (review, entries)
            }
            return []
        }
        // The money: the reporting period's finance figures for the finance sheets, and each quarter's budget lines
        // for the dashboard. The budget lines and indirect costs were read beside link (``FinanceTrack``); the
        // cost per participant and the document list are read here, on a connection with the materialised marts
        // (persons per activity). A run whose money was not read before (a stage run on its own) reads it all
        // here, the quarters on another connection at the same time.
        let early = input.loaded.money
        let financeRead = Awaited<FinanceData?>()
        let financeReader = try reader(marts: true)
        jobs.append {
            try financeRead.fulfil {
                guard let early else {
                    return try FinanceData.gather(
                        financeReader, project: project, rules: project.financeRules, start: periods.reporting.start,
                        end: periods.reporting.end)
                }
                guard var data = early.period else { return nil }
                // The document list was read beside load for the workbooks begun there (when load began them).
                let begun = !input.loaded.workbooks.isEmpty
                let rest = try FinanceData.gather(
                    financeReader, project: project, rules: project.financeRules, start: periods.reporting.start,
                    end: periods.reporting.end, parts: begun ? [.unitCosts] : [.unitCosts, .expenditures])
                data.figures.unitCosts = rest?.figures.unitCosts ?? []
                if !begun { data.figures.expenditures = rest?.figures.expenditures ?? [] }
                return data
            }
            return []
        }
        let quartersRead = Awaited<[(period: ReportingPeriod, figures: FinanceFigures)]>()
        if let early {
            try quartersRead.fulfil { early.quarters }
        } else {
            let quartersReader = try reader(marts: false)
            jobs.append {
                try quartersRead.fulfil { try FinanceTrack.quarters(quartersReader, definitions: definitions) }
                return []
            }
        }
        // What the dashboard shows besides the figures, on a connection with the marts.
        let facts = Awaited<DashboardFacts>()
        let factsReader = try reader(marts: true)
        jobs.append {
            try facts.fulfil {
                try factsReader.dashboardFacts(ranges: Dashboard.ranges(periods, projectStart: project.project.periodStart))
            }
            return []
        }
        // The warehouse check: it reads every page of a file of gigabytes. A warehouse with a problem stops the run
        // before any output is published (the outputs written so far stay in the staging folder, unpublished).
        let check = Awaited<[String]>()
        let checker = try reader(marts: false)
        jobs.append {
            try check.fulfil { try checker.check() }
            return []
        }

        let definitionHashes = try definitions.hashes()
        let byCode = Dictionary(uniqueKeysWithValues: indicators.map { ($0.code, $0) })
        let fingerprint = Dashboard.fingerprint(
            definitions: definitionHashes, projectSHA256: definitions.projectSHA256, inputs: files)
        let staging = context.outputFolder
        for report in definitions.reports {
            jobs.append {
                // A finance report of a project without ledgers or budget: nothing to show, nothing written.
                let finance = report.hasFinanceSheets ? try financeRead.value() : nil
                if finance == nil, report.sheets.allSatisfy(\.kind.isFinance) { return [] }
                let index = ValueIndex(values, ageBandKey: definitions.ageBandKey(report.ageBands))
                let metadata = Metadata.lines(
                    project: project, report: report, indicators: indicators, projectHash: definitions.projectSHA256,
                    language: language, reporting: periods.reporting, runFingerprint: fingerprint)
                let builder = ReportBuilder(
                    project: project, indicators: byCode, values: index, periods: periods, language: language,
                    metadata: metadata, finance: finance)
                let ageBands = report.ageBands ?? project.rules.ageBands
                // A report with sheets that need no person: those first (begun beside load, or here), then the others.
                let early = FinanceWorkbooks.early(report)
                if let finance, !early.isEmpty {
                    let late = report.sheets.indices.filter { !early.contains($0) }
                    return try FinanceWorkbooks.write(
                        report, finance: finance, definitions: definitions, prepared: input.loaded.workbooks[report.id],
                        late: Array(zip(late, builder.layout(report, ageBands: ageBands, only: Set(late)).map(\.sheet))),
                        metadata: metadata, reportsDir: reportsDir)
                }
                let document = builder.build(report, ageBands: ageBands)
                let xlsx = reportsDir.appendingPathComponent("\(report.id).xlsx")
                // A document list with suppliers' names is personal data: for its owner only, flagged in run.json.
                let personal = report.isPersonal
                try document.writeXLSX(to: xlsx, ownerOnly: personal)
                return [(xlsx, personal)]
                    + (try document.sheets.map { (try report.writeCSV($0, in: reportsDir, dialect: dialect), personal) })
            }
        }
        // Every figure as one lean long table, for a pivot table or ActivityInfo, with its indicators' dictionary.
        jobs.append {
            let longTable = LongTable(
                indicators: indicators.map { LongTable.Indicator($0, language: language) }, periods: periods.all,
                language: language,
                breakdownNames: LongTable.breakdownNames(
                    definitions.bandSets, labels: Labels(language: language, project: project)))
            let longCSV = reportsDir.appendingPathComponent("indicators-long.csv")
            try longTable.write(values, to: longCSV, dialect: dialect)
            let dictionaryCSV = reportsDir.appendingPathComponent("indicators-dictionary.csv")
            try longTable.writeDictionary(to: dictionaryCSV, dialect: dialect)
            return [(longCSV, false), (dictionaryCSV, false)]
        }
        // Restatements of submitted (frozen) periods: what changed since, and the rows that caused it.
        for restatement in restatements {
            jobs.append {
                let l = Labels(language: language, project: project)
                let title = (language == .pl ? "Korekta wartości przekazanych za okres " : "Restatement of the figures submitted for ")
                    + restatement.period
                let document = restatement.document(
                    language: language, indicators: byCode, labels: l, created: periods.reporting.end, title: title)
                let name = "restatement-\(restatement.period.replacingOccurrences(of: "..", with: "_"))"
                let xlsx = reportsDir.appendingPathComponent("\(name).xlsx")
                try document.writeXLSX(to: xlsx)
                return [(xlsx, false)] + (try document.writeCSV(to: reportsDir, prefix: "\(name)__", dialect: dialect).map { ($0, false) })
            }
        }
        let diagnostics = context.diagnostics.sorted()
        let quality = DataQualityReport(project: project, files: files, diagnostics: diagnostics, language: language)
        jobs.append {
            let qualityXLSX = reportsDir.appendingPathComponent("data-quality.xlsx")
            try quality.document(metadata: Metadata.lines(
                    project: project, report: nil, indicators: [], projectHash: definitions.projectSHA256,
                    language: language, reporting: periods.reporting))
                .writeXLSX(to: qualityXLSX)
            return [(qualityXLSX, false)]
        }
        jobs.append {
            let rejectedCSV = staging.appendingPathComponent("rejected_rows.csv")
            try quality.writeRejectedRows(to: rejectedCSV, dialect: dialect)
            return [(rejectedCSV, false)]
        }
        jobs.append {
            let diagnosticsCSV = staging.appendingPathComponent("diagnostics.csv")
            try DiagnosticsFile.write(
                diagnostics, files: files, project: project, language: language, to: diagnosticsCSV, dialect: dialect)
            return [(diagnosticsCSV, false)]
        }
        // The review sheet holds names: written for its owner only, listed apart from the aggregate outputs.
        jobs.append {
            let review = try reads.value().review
            let xlsx = reportsDir.appendingPathComponent("linkage-review.xlsx")
            try review.workbook.writeXLSX(to: xlsx, ownerOnly: true)
            let csv = reportsDir.appendingPathComponent("linkage-review.csv")
            try ReportDocument.writeCSV(review.all, to: csv, dialect: dialect, ownerOnly: true)
            return [(xlsx, true), (csv, true)]
        }
        // Participant lists hold names and PESELs: written for their owner only, listed as personal.
        for list in definitions.participantLists {
            jobs.append {
                let entries = try reads.value().entries
                let url = reportsDir.appendingPathComponent("\(list.id).csv")
                try ParticipantList(definition: list, agreement: project.reportAgreements[list.file] ?? project.project.agreement)
                    .write(entries, to: url)
                return [(url, true)]
            }
        }
        let hashed = try InOrder.map(jobs.count, state: { () }) { _, i in
            try jobs[i]().map { try OutputStaging.hash($0.0, personal: $0.1, in: staging) }
        }
        for hashes in hashed { context.staging?.append(hashes) }
        for c in connections { try c.close() }
        connections = []
        try warehouse.close()
        let problems = try check.value()
        if !problems.isEmpty {
            throw WarehouseError(file: context.warehousePath, message: problems.joined(separator: "; "))
        }
        let finance = try financeRead.value()
        let financeByQuarter = finance == nil ? [] : try quartersRead.value()
        let dashboardFacts = try facts.value()
        return RenderedReports(
            indicators: input, definitionHashes: definitionHashes, fingerprint: fingerprint,
            dashboardFacts: dashboardFacts, outputs: context.staging?.outputs.count ?? 0, finance: finance,
            financeByQuarter: financeByQuarter)
    }
}
