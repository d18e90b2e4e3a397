import Foundation
import IntegraCore
import IntegraReports
import IntegraWarehouse

/// The periods a run reports on: the reporting period (`--period`, the whole project by default) and the months,
/// quarters and years of the project up to its end.
struct ReportPeriods {
    var reporting: ReportingPeriod
    var months: [ReportingPeriod]
    var quarters: [ReportingPeriod]
    var years: [ReportingPeriod]

    init(projectStart: LocalDate, projectEnd: LocalDate, reporting: ReportingPeriod?) {
        let r = reporting ?? ReportingPeriod.project(from: projectStart, to: projectEnd)
        self.reporting = r
        // Columns run from the project's start to the reporting period's end; a later period is not yet reported.
        months = ReportingPeriod.months(from: projectStart, to: r.end)
        quarters = ReportingPeriod.quarters(from: projectStart, to: r.end)
        years = ReportingPeriod.years(from: projectStart, to: r.end)
    }

    /// Every period to compute, each once, in a fixed order.
    var all: [ReportingPeriod] {
        var seen = Set<String>()
        return (months + quarters + years + [reporting]).filter { seen.insert($0.id).inserted }
    }

    func columns(_ kind: ReportDefinition.Columns) -> [ReportingPeriod] {
        switch kind {
        case .months: return months
        case .quarters: return quarters
        case .years: return years
        case .reporting: return [reporting]
        }
    }
}

/// Lays out a report definition with the run's indicator values: one table per sheet, plus a metadata sheet.
struct ReportBuilder {
    let project: ProjectDefinition
    let indicators: [String: IndicatorDefinition]
    let values: ValueIndex
    let periods: ReportPeriods
    let language: ReportLanguage
    let metadata: [(label: String, value: String)]
    /// The finance figures of the reporting period; nil when the project has no ledgers or budget, and its
    /// reports' finance sheets are left out.
    var finance: FinanceData? = nil

    func build(_ report: ReportDefinition, ageBands: [AgeBand]) -> ReportDocument {
        Self.document(
            report, sheets: layout(report, ageBands: ageBands).map(\.sheet), metadata: metadata, project: project,
            periods: periods, language: language)
    }

    /// The document of `report` with `sheets`: its title, creation date (the reporting period's end), metadata
    /// sheet's name, page footer and signature block.
    static func document(
        _ report: ReportDefinition, sheets: [ReportSheet], metadata: [(label: String, value: String)],
        project: ProjectDefinition, periods: ReportPeriods, language: ReportLanguage
    ) -> ReportDocument {
        let l = Labels(language: language, project: project)
        var document = ReportDocument(
            id: report.id, title: report.title.text(language), metadata: metadata, metadataSheetName: l.metadataSheet,
            sheets: sheets, created: periods.reporting.end)
        document.pageFooter = l.pageFooter
        document.signature = l.signature
        return document
    }

    /// The report's sheets (those of `only`, when given) with the figure behind each count; a public report's small
    /// counts hidden across all its sheets (``ReleaseSuppression``: only indicator sheets have counts to hide).
    func layout(_ report: ReportDefinition, ageBands: [AgeBand], only: Set<Int>? = nil) -> [LaidOutSheet] {
        let l = Labels(language: language, project: project)
        var laid = report.sheets.indices.filter { only?.contains($0) ?? true }.compactMap { i -> LaidOutSheet? in
            let sheet = report.sheets[i]
            guard sheet.kind.isFinance else { return build(sheet, index: i, report: report, ageBands: ageBands, labels: l) }
            return finance.map {
                LaidOutSheet(
                    sheet: FinanceSheetBuilder(project: project, finance: $0, periods: periods, language: language)
                        .build(sheet, slug: Self.slug(report, i), report: report))
            }
        }
        if report.isPublic, project.dashboard.suppressBelow > 1 {
            let hidden = ReleaseSuppression(threshold: project.dashboard.suppressBelow)
                .hidden(published: published(laid), relations: relations(laid, ageBands: ageBands))
            let mark = ReportCell.text("<\(project.dashboard.suppressBelow)")
            for i in laid.indices {
                for (r, cells) in laid[i].figures { for (c, f) in cells where hidden.contains(f) { laid[i].sheet.rows[r][c] = mark } }
                for (r, cells) in laid[i].revealing { for (c, f) in cells where hidden.contains(f) { laid[i].sheet.rows[r][c] = .empty } }
            }
        }
        return laid
    }

    /// A sheet as laid out, with the figure behind each count cell (row → column → figure) and the figure each
    /// percentage achieved gives away (its numerator), for a public report's suppression.
    struct LaidOutSheet {
        var sheet: ReportSheet
        var figures: [Int: [Int: PublishedFigure]] = [:]
        var revealing: [Int: [Int: PublishedFigure]] = [:]
    }

    /// The figures a release publishes, each with its value (a count; sums such as hours are not suppressed).
    func published(_ sheets: [LaidOutSheet]) -> [PublishedFigure: Double] {
        let value = figureValues
        var result: [PublishedFigure: Double] = [:]
        for s in sheets {
            for (r, cells) in s.figures {
                for (c, f) in cells { if case .integer(let v) = s.sheet.rows[r][c] { result[f] = v } }
            }
            for cells in s.revealing.values { for f in cells.values { result[f] = value(f) } }
        }
        return result
    }

    /// The ties between every figure of the indicators and breakdowns a release shows, over every period computed.
    func relations(_ sheets: [LaidOutSheet], ageBands: [AgeBand]) -> [FigureRelation] {
        let figures = sheets.flatMap { s in
            s.figures.values.flatMap(\.values) + s.revealing.values.flatMap(\.values)
        }
        return figureValues.relations(figures) { categories($0, breakdown: $1, ageBands: ageBands) }
    }

    private var figureValues: FigureValues {
        FigureValues(values: values, periods: periods, projectStart: project.project.periodStart)
    }

    private func build(
        _ sheet: ReportDefinition.Sheet, index: Int, report: ReportDefinition, ageBands: [AgeBand], labels l: Labels
    ) -> LaidOutSheet {
        let periodScope = sheet.scope
        let columns = periods.columns(sheet.columns)
        let reporting = periods.reporting
        let funder = ReportFunder(project: project, report: report, language: language)
        // A whole-project column and a cumulative one would show the same figures: the cumulative one is left out.
        let cumulativeColumn = sheet.cumulativeColumn && !(sheet.columns == .reporting && reporting.kind == .project)
        let codes = sheet.rows.compactMap { indicators[$0.indicator]?.funderCode }
        var header = [l.code, l.indicator]
        var widths: [Double] = [max(6, Double((codes.map(\.count).max() ?? 0) + 2)), columns.count > 6 ? 34 : 46]
        if let b = sheet.breakdown {
            header.append(l.breakdownName(b))
            widths.append(24)
        } else {
            header.append(l.unit)
            let units = sheet.indicators.compactMap { indicators[$0]?.unit.text(language).count }
            widths.append(max(10, Double((units.max() ?? 0) + 2)))
        }
        for p in columns {
            header.append(l.periodHeading(p, scope: periodScope))
            widths.append(sheet.columns == .months ? 9 : sheet.columns == .reporting ? 13 : 11)
        }
        if cumulativeColumn {
            header.append(l.cumulativeHeading(reporting.end))
            widths.append(14)
        }
        let withTargets = sheet.targets && sheet.breakdown == nil
        if withTargets {
            header += [l.target, l.achieved]
            widths += [11, 11]
        }
        var rows: [[ReportCell]] = []
        var totals = Set<Int>()
        func cell(_ indicator: IndicatorDefinition, _ v: Double) -> ReportCell {
            indicator.aggregation == .sum ? .decimal(v) : .integer(v)
        }
        var figureKeys: [Int: [Int: PublishedFigure]] = [:]
        var revealing: [Int: [Int: PublishedFigure]] = [:]
        /// Notes the figures behind the count cells of the row about to be appended.
        func noteFigures(_ indicator: IndicatorDefinition, _ breakdown: String, _ category: String) {
            guard indicator.aggregation != .sum else { return }
            var spans = columns.map { p in
                (start: periodScope == "cumulative" ? project.project.periodStart : p.start, end: p.end)
            }
            if cumulativeColumn { spans.append((project.project.periodStart, reporting.end)) }
            for (i, span) in spans.enumerated() {
                figureKeys[rows.count, default: [:]][3 + i] = PublishedFigure(
                    indicator: indicator.code, breakdown: breakdown, category: category, start: span.start, end: span.end)
            }
        }
        func figures(_ indicator: IndicatorDefinition, _ breakdown: String, _ category: String) -> [ReportCell] {
            var cells = columns.map { cell(indicator, values.value(indicator.code, $0.id, periodScope, breakdown, category)) }
            if cumulativeColumn {
                cells.append(cell(indicator, values.value(indicator.code, reporting.id, "cumulative", breakdown, category)))
            }
            return cells
        }
        // The code of the funder's form, or none: never Integra's own indicator id.
        func codeCell(_ indicator: IndicatorDefinition) -> ReportCell { indicator.funderCode.map { .text($0) } ?? .empty }
        // % achieved divides the cumulative figure (or the whole project's) by the target, as a formula.
        let achievedColumn = cumulativeColumn ? 3 + columns.count
            : sheet.columns == .reporting && reporting.kind == .project ? 3 : nil
        func name(_ indicator: IndicatorDefinition, _ row: ReportDefinition.Row?) -> String {
            var text = indicator.name.text(language)
            if let row, let label = row.label {
                text = label.text(language)
            } else if let f = row?.filter {
                text += " — " + l.breakdownName(f.breakdown) + ": " + l.category(f.breakdown, f.value)
            }
            return text + (indicator.toVerify ? " " + l.toVerifyMark : "")
        }
        func targetCells(_ code: String, _ filter: BreakdownCategory?) -> [ReportCell] {
            guard let target = project.targets.first(where: { $0.indicator == code && $0.category == filter }) else {
                return [.empty, .empty]
            }
            let achieved = values.value(code, reporting.id, "cumulative", filter?.breakdown ?? "", filter?.value ?? "")
            guard target.value > 0 else { return [.integer(target.value), .empty] }
            let targetColumn = 3 + columns.count + (cumulativeColumn ? 1 : 0)
            // The percentage gives its numerator away to anyone who multiplies it by the target.
            if indicators[code]?.aggregation != .sum {
                revealing[rows.count, default: [:]][targetColumn + 1] = PublishedFigure(
                    indicator: code, breakdown: filter?.breakdown ?? "", category: filter?.value ?? "",
                    start: project.project.periodStart, end: reporting.end)
            }
            return [
                .integer(target.value),
                achievedColumn.map { .ratio(achieved / target.value, numerator: $0, denominator: targetColumn) }
                    ?? .percent(achieved / target.value),
            ]
        }
        for row in sheet.rows {
            guard let indicator = indicators[row.indicator] else { continue }
            if let b = sheet.breakdown {
                for category in categories(indicator.code, breakdown: b, ageBands: ageBands) {
                    noteFigures(indicator, b, category)
                    rows.append([codeCell(indicator), .text(name(indicator, row)), .text(l.category(b, category))] + figures(indicator, b, category))
                }
                totals.insert(rows.count)
                noteFigures(indicator, "", "")
                rows.append([codeCell(indicator), .text(name(indicator, row)), .text(l.totalDeduplicated)] + figures(indicator, "", ""))
            } else {
                var cells: [ReportCell] = [codeCell(indicator), .text(name(indicator, row)), .text(indicator.unit.text(language))]
                cells += figures(indicator, row.filter?.breakdown ?? "", row.filter?.value ?? "")
                noteFigures(indicator, row.filter?.breakdown ?? "", row.filter?.value ?? "")
                if withTargets { cells += targetCells(indicator.code, row.filter) }
                rows.append(cells)
            }
        }
        // Targets set on a breakdown category (persons_supported where citizenship = UKR) that no row shows get
        // their own rows.
        if withTargets {
            let shown = Set(sheet.rows.map { "\($0.indicator)\u{1}\($0.filter?.breakdown ?? "")\u{1}\($0.filter?.value ?? "")" })
            for target in project.targets where target.category != nil && sheet.indicators.contains(target.indicator) {
                guard let c = target.category, let indicator = indicators[target.indicator],
                    !shown.contains("\(target.indicator)\u{1}\(c.breakdown)\u{1}\(c.value)")
                else { continue }
                let row = ReportDefinition.Row(indicator: target.indicator, filter: c, label: nil)
                var cells: [ReportCell] = [codeCell(indicator), .text(name(indicator, row)), .text(indicator.unit.text(language))]
                cells += figures(indicator, c.breakdown, c.value)
                noteFigures(indicator, c.breakdown, c.value)
                cells += targetCells(target.indicator, c)
                rows.append(cells)
            }
        }
        var notes: [String] = []
        // Partners and forms of support overlap (a person in two of them); sex, age, citizenship do not.
        if let b = sheet.breakdown, !Self.partitions.contains(b) { notes.append(l.dedupNote) }
        if !codes.isEmpty { notes.append(l.codeNote) }
        if sheet.indicators.contains(where: { indicators[$0]?.toVerify == true }) || report.toVerify { notes.append(l.toVerifyNote) }
        if report.isPublic, project.dashboard.suppressBelow > 1 {
            notes.append(l.suppressionNote(project.dashboard.suppressBelow))
        }
        let funderLine = funder.funder + (funder.programme.isEmpty ? "" : ", \(funder.programme)")
        let laidOut = ReportSheet(
            slug: Self.slug(report, index),
            name: sheet.name.text(language),
            titleLines: [
                report.title.text(language) + (report.toVerify ? " " + l.toVerifyMark : ""),
                "\(project.project.name) — \(funderLine)",
                "\(l.reportingPeriod): \(reporting.start.polish) – \(reporting.end.polish)"
                    + (funder.agreement.isEmpty ? "" : "; \(funder.agreementLabel): \(funder.agreement)"),
                l.periodLine(sheet.columns, scope: periodScope, cumulative: cumulativeColumn, reporting: reporting),
            ],
            header: header, rows: rows, totalRows: totals, notes: notes, widths: widths)
        return LaidOutSheet(sheet: laidOut, figures: figureKeys, revealing: revealing)
    }

    /// Breakdowns in which every person has exactly one category (an unknown one included).
    static let partitions: Set<String> = ["sex", "age_band", "citizenship", "objective"]

    /// A sheet's CSV file name part: its English name in lower-case ASCII words joined by '-' (`sex`,
    /// `consultation-topics`), the first sheet `summary` (unless it is a finance table: `expenditure-list`); a
    /// repeated name gets the sheet's number.
    static func slug(_ report: ReportDefinition, _ index: Int) -> String {
        func base(_ i: Int) -> String {
            if i == 0 && !report.sheets[i].kind.isFinance { return "summary" }
            let folded = TextNormalisation.foldForMatching(report.sheets[i].name.en)
            let words = folded.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
            return words.isEmpty ? "sheet-\(i + 1)" : words.joined(separator: "-")
        }
        let mine = base(index)
        return (0..<index).contains { base($0) == mine } ? "\(mine)-\(index + 1)" : mine
    }

    /// The categories shown for a breakdown: every band or partner or activity in definition order, other
    /// categories as found in the values, sorted, with "unknown" last.
    func categories(_ code: String, breakdown: String, ageBands: [AgeBand]) -> [String] {
        let found = values.categories(code, breakdown)
        var ordered: [String]
        switch breakdown {
        case "age_band": ordered = ageBands.map(\.label)
        case "partner": ordered = project.partners.map(\.id)
        case "activity": ordered = project.activities.map(\.id).filter { found.contains($0) }
        case "sex": ordered = ["K", "M"]
        case "objective": ordered = FundingObjective.allCases.map(\.rawValue)
        default: ordered = found.filter { !$0.isEmpty }.sorted()
        }
        ordered += found.filter { !$0.isEmpty && !ordered.contains($0) }.sorted()
        // A partition (each person in one category) always shows its unknown row, so its rows visibly add up to
        // the total; other breakdowns show it when someone falls in it.
        if found.contains("") || Self.partitions.contains(breakdown) { ordered.append("") }
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
