import Foundation
import IntegraCore
import IntegraWarehouse

/// Every figure of the run (`indicator_values`), with what load left: the indicator stage's output, render's input.
struct IndicatorValues: StageOutput {
    var loaded: LoadedWarehouse
    /// Every indicator × period × scope × breakdown × category, in the warehouse's order.
    var values: [IndicatorValue]

    var handled: (count: Int?, unit: String) { (values.count, "figures") }
}

/// Marts and indicators: builds the marts from the loaded tables with the project's rule values, then evaluates
/// every indicator of the catalogue for every computed period and every breakdown it allows (with each report's
/// age bands), and creates the `indicator_rows` view that traces each figure to its rows.
struct IndicatorStage: PipelineStage {
    static let stage = RunStage.indicators

    func run(_ loaded: LoadedWarehouse, in context: inout StageContext) throws -> IndicatorValues {
        let definitions = context.definitions
        let project = definitions.project
        let warehouse = context.warehouse
        try warehouse.createMarts(parameters: [
            "completion_threshold": String(project.rules.completionThreshold),
            "roll_start_is_support": project.rules.rollStartIsSupport ? "1" : "0",
            "ukr_arrival_since": project.rules.ukrArrivalSince.iso,
            "objective": project.rules.objective ?? "",
        ])
        let requests = Self.requests(definitions)
        // Evaluated on both cores, stored in catalogue order (see Warehouse.compute).
        let total = definitions.indicators.count
        let clock = context.clock
        clock.progress(done: 0, total: total, unit: "indicators")
        try warehouse.compute(
            requests, periods: definitions.computed, cumulativeStart: project.project.periodStart,
            onDone: { [clock] in clock.progress(done: $0, total: total, unit: "indicators") })
        try warehouse.createIndicatorRows(definitions.indicators.map(\.query))
        return IndicatorValues(loaded: loaded, values: try warehouse.indicatorValues())
    }

    /// Each indicator's query with every breakdown it allows; `age_band` once per set of bands (``RunDefinitions/bandSets``).
    static func requests(_ definitions: RunDefinitions) -> [IndicatorRequest] {
        definitions.indicators.map { indicator in
            var specs: [BreakdownSpec] = []
            for b in indicator.breakdowns {
                let column = IndicatorDefinition.knownBreakdowns[b]!
                if b == "age_band" {
                    for (i, bands) in definitions.bandSets.enumerated() {
                        specs.append(BreakdownSpec(key: i == 0 ? "age_band" : "age_band#\(i)", column: column, bands: bands))
                    }
                } else {
                    specs.append(BreakdownSpec(key: b, column: column))
                }
            }
            return IndicatorRequest(indicator.query, breakdowns: specs)
        }
    }
}
