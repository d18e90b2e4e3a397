import Foundation
import IntegraCore
import IntegraReports

/// Every output of the run but the manifest, staged: the dashboard's output, the manifest's input.
struct RenderedOutputs: StageOutput {
    var reports: RenderedReports

    var handled: (count: Int?, unit: String) { (nil, "") }
}

/// Dashboard: `dashboard.html`, one offline page of the figures against targets, trends, breakdowns and data
/// quality, filled from the Mustache template under `reports/dashboard/`.
struct DashboardStage: PipelineStage {
    static let stage = RunStage.dashboard

    func run(_ input: RenderedReports, in context: inout StageContext) throws -> RenderedOutputs {
        let definitions = context.definitions
        let loaded = input.indicators.loaded
        let byCode = Dictionary(uniqueKeysWithValues: definitions.indicators.map { ($0.code, $0) })
        // The dashboard follows the reports' indicator order, then the rest of the catalogue.
        var shown: [IndicatorDefinition] = []
        for code in definitions.reports.flatMap({ $0.sheets.flatMap(\.indicators) }) + definitions.indicators.map(\.code)
        where !shown.contains(where: { $0.code == code }) {
            // Money figures have the finance section of their own; tiles and breakdowns count persons and hours.
            if let i = byCode[code], !i.isMoney { shown.append(i) }
        }
        var page = Dashboard(
            project: definitions.project, indicators: shown,
            values: ValueIndex(input.indicators.values, ageBandKey: "age_band"), periods: definitions.periods,
            files: loaded.files, diagnostics: context.diagnostics.sorted(), evidence: loaded.evidence,
            facts: input.dashboardFacts, language: definitions.options.language, fingerprint: input.fingerprint,
            reports: definitions.reports)
        page.finance = input.finance
        page.financeByQuarter = input.financeByQuarter
        let html = try page.render(templateFolder: definitions.root.appendingPathComponent(Dashboard.templateFolder))
        let dashboard = context.outputFolder.appendingPathComponent("dashboard.html")
        try AtomicFile.write(Data(html.utf8), to: dashboard)
        try context.record(dashboard)
        return RenderedOutputs(reports: input)
    }
}
