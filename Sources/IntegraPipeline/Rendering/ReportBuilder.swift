import Foundation
import IntegraCore
import IntegraReports
import IntegraWarehouse

/// Lays out a report definition with the run's indicator values: one table per sheet, plus a metadata sheet.
struct ReportBuilder {
    let project: ProjectDefinition
    let indicators: [String: IndicatorDefinition]
    let values: ValueIndex
    let periods: [ReportingPeriod]
    let language: ReportLanguage
    let metadata: [(label: String, value: String)]

    func build(_ report: ReportDefinition, ageBands: [AgeBand]) -> ReportDocument {
        let l = Labels(language: language, project: project)
        var sheets: [ReportSheet] = []
        for (i, sheet) in report.sheets.enumerated() {
            sheets.append(build(sheet, index: i, report: report, ageBands: ageBands, labels: l))
        }
        return ReportDocument(
            id: report.id, title: report.title.text(language), metadata: metadata, metadataSheetName: l.metadataSheet,
            sheets: sheets, created: project.project.periodEnd)
    }

    private func build(
        _ sheet: ReportDefinition.Sheet, index: Int, report: ReportDefinition, ageBands: [AgeBand], labels l: Labels
    ) -> ReportSheet {
        let periodScope = sheet.scope
        var header = [l.code, l.indicator]
        var widths: [Double] = [20, 58]
        if let b = sheet.breakdown {
            header.append(l.breakdownName(b))
            widths.append(32)
        } else {
            header.append(l.unit)
            widths.append(12)
        }
        for p in periods {
            header.append(language == .pl ? p.labelPL : p.labelEN)
            widths.append(12)
        }
        if sheet.cumulativeColumn {
            header.append(l.cumulative)
            widths.append(14)
        }
        let withTargets = sheet.targets && sheet.breakdown == nil
        if withTargets {
            header += [l.target, l.achieved]
            widths += [14, 12]
        }
        var rows: [[ReportCell]] = []
        var totals = Set<Int>()
        let last = periods.last?.id ?? ""
        for code in sheet.indicators {
            guard let indicator = indicators[code] else { continue }
            let name = indicator.name.text(language) + (indicator.toVerify ? " " + l.toVerifyMark : "")
            func figures(_ breakdown: String, _ category: String) -> [ReportCell] {
                var cells = periods.map { ReportCell.integer(values.value(code, $0.id, periodScope, breakdown, category)) }
                if sheet.cumulativeColumn { cells.append(.integer(values.value(code, last, "cumulative", breakdown, category))) }
                return cells
            }
            if let b = sheet.breakdown {
                for category in categories(code, breakdown: b, ageBands: ageBands) {
                    rows.append([.text(code), .text(name), .text(l.category(b, category))] + figures(b, category))
                }
                totals.insert(rows.count)
                rows.append([.text(code), .text(name), .text(l.totalDeduplicated)] + figures("", ""))
            } else {
                var row: [ReportCell] = [.text(code), .text(name), .text(indicator.unit.text(language))] + figures("", "")
                if withTargets {
                    if let target = project.targets.first(where: { $0.indicator == code && $0.category == nil }) {
                        let achieved = values.value(code, last, "cumulative", "", "")
                        row += [.integer(target.value), target.value > 0 ? .percent(achieved / target.value) : .empty]
                    } else {
                        row += [.empty, .empty]
                    }
                }
                rows.append(row)
            }
        }
        // Targets set on a breakdown category (e.g. persons_supported where citizenship = UKR) get their own rows.
        if withTargets {
            for target in project.targets where target.category != nil && sheet.indicators.contains(target.indicator) {
                guard let c = target.category, let indicator = indicators[target.indicator] else { continue }
                let name = indicator.name.text(language) + " — " + l.breakdownName(c.breakdown) + ": "
                    + l.category(c.breakdown, c.value)
                var row: [ReportCell] = [.text(target.indicator), .text(name), .text(indicator.unit.text(language))]
                row += periods.map { .integer(values.value(target.indicator, $0.id, periodScope, c.breakdown, c.value)) }
                let achieved = values.value(target.indicator, last, "cumulative", c.breakdown, c.value)
                if sheet.cumulativeColumn { row.append(.integer(achieved)) }
                row += [.integer(target.value), target.value > 0 ? .percent(achieved / target.value) : .empty]
                rows.append(row)
            }
        }
        var notes = [periodScope == "in_period" ? l.inPeriodNote : l.cumulativeNote]
        if sheet.breakdown != nil { notes.append(l.dedupNote) }
        if sheet.indicators.contains(where: { indicators[$0]?.toVerify == true }) { notes.append(l.toVerifyNote) }
        return ReportSheet(
            slug: sheet.breakdown.map { "by-\($0.replacingOccurrences(of: "_", with: "-"))" } ?? (index == 0 ? "summary" : "sheet-\(index + 1)"),
            name: sheet.name.text(language),
            titleLines: [
                report.title.text(language), "\(project.project.name) — \(project.project.funder)"
                    + (project.project.programme.isEmpty ? "" : ", \(project.project.programme)"),
                "\(l.period): \(project.project.periodStart.polish) – \(project.project.periodEnd.polish)"
                    + (project.project.agreement.isEmpty ? "" : "; \(l.agreement) \(project.project.agreement)"),
            ],
            header: header, rows: rows, totalRows: totals, notes: notes, widths: widths)
    }

    /// The categories shown for a breakdown: every band or partner or activity in definition order, other
    /// categories as found in the values, sorted, with "unknown" last.
    private func categories(_ code: String, breakdown: String, ageBands: [AgeBand]) -> [String] {
        let found = values.categories(code, breakdown)
        var ordered: [String]
        switch breakdown {
        case "age_band": ordered = ageBands.map(\.label)
        case "partner": ordered = project.partners.map(\.id)
        case "activity": ordered = project.activities.map(\.id).filter { found.contains($0) }
        case "sex": ordered = ["K", "M"]
        default: ordered = found.filter { !$0.isEmpty }.sorted()
        }
        ordered += found.filter { !$0.isEmpty && !ordered.contains($0) }.sorted()
        if found.contains("") { ordered.append("") }
        return ordered
    }
}

/// Indicator values by (indicator, period, scope, breakdown, category); missing combinations are 0.
struct ValueIndex {
    private var table: [String: Double] = [:]
    private var cats: [String: Set<String>] = [:]

    /// Indexes `values`, showing the age-band breakdown stored under `ageBandKey` (one per set of bands) as
    /// `age_band` and leaving out the other sets.
    init(_ values: [IndicatorValue], ageBandKey: String = "age_band") {
        for var v in values {
            if v.breakdown.hasPrefix("age_band") {
                guard v.breakdown == ageBandKey else { continue }
                v.breakdown = "age_band"
            }
            table[Self.key(v.indicator, v.period, v.scope, v.breakdown, v.category)] = v.value
            if !v.breakdown.isEmpty { cats["\(v.indicator)\u{1}\(v.breakdown)", default: []].insert(v.category) }
        }
    }

    private static func key(_ parts: String...) -> String { parts.joined(separator: "\u{1}") }

    func value(_ indicator: String, _ period: String, _ scope: String, _ breakdown: String, _ category: String) -> Double {
        table[Self.key(indicator, period, scope, breakdown, category)] ?? 0
    }

    func categories(_ indicator: String, _ breakdown: String) -> Set<String> {
        cats["\(indicator)\u{1}\(breakdown)"] ?? []
    }
}
