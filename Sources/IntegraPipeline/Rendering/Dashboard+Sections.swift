import Foundation
import IntegraCore
import IntegraWarehouse

/// Builds the page's sections from the run's figures: tiles, trend charts, breakdowns, data quality.
struct DashboardSections {
    let dashboard: Dashboard
    let views: [Dashboard.View]
    let suppression: SmallCellSuppression
    /// Every count the page shows, and those hidden over the whole page (``ReleaseSuppression``): a quarter's
    /// figure that the cumulative ones before and after it would give away is hidden, on every section showing it.
    let ledger = FigureLedger()
    let figureValues: FigureValues

    init(dashboard: Dashboard, views: [Dashboard.View], suppression: SmallCellSuppression) {
        self.dashboard = dashboard
        self.views = views
        self.suppression = suppression
        figureValues = FigureValues(
            values: dashboard.values, periods: dashboard.periods, projectStart: dashboard.project.project.periodStart)
    }

    private var project: ProjectDefinition { dashboard.project }
    private var values: ValueIndex { dashboard.values }
    private var quarters: [ReportingPeriod] { dashboard.periods.quarters }
    private var labels: (pl: Labels, en: Labels) {
        (Labels(language: .pl, project: project), Labels(language: .en, project: project))
    }

    // MARK: Figures

    /// A count or sum as the page shows it; counts (never sums such as hours) below the threshold are hidden.
    func figure(_ value: Double, count: Bool = true, hidden: Bool? = nil, key: PublishedFigure? = nil) -> Figure {
        if isHidden(value, count: count, hidden: hidden, key: key) {
            let mark = "<\(suppression.threshold)"
            return Figure(text: PageText(mark), sort: "-1", hidden: true)
        }
        return Figure(text: Self.number(value), sort: Self.plain(value), hidden: false)
    }

    /// Whether a figure is hidden: by its table's rule (`hidden`, else primary), or over the whole page. A count
    /// with a `key` is noted in the ledger.
    func isHidden(_ value: Double, count: Bool = true, hidden: Bool? = nil, key: PublishedFigure?) -> Bool {
        let local = hidden ?? (count && suppression.isSmall(value))
        guard count, suppression.isOn, let key else { return local }
        ledger.published[key] = value
        if local { ledger.hiddenLocally.insert(key) }
        return local || ledger.hidden.contains(key)
    }

    /// The figure of a period and scope (nil for one the run did not compute).
    func key(_ indicator: String, _ period: String, _ scope: String, _ breakdown: String = "", _ category: String = "")
        -> PublishedFigure?
    {
        figureValues.figure(indicator, period, scope, breakdown, category)
    }

    /// `1 234` (no-break space) in both languages; up to two decimals (as the reports), with a comma in Polish and a
    /// point in English.
    static func number(_ value: Double) -> PageText {
        let hundredths = Int((abs(value) * 100).rounded())
        var digits = ""
        for (k, ch) in String(hundredths / 100).reversed().enumerated() {
            if k > 0 && k % 3 == 0 { digits.append("\u{00A0}") }
            digits.append(ch)
        }
        let whole = (value < 0 && hundredths > 0 ? "-" : "") + String(digits.reversed())
        guard hundredths % 100 != 0 else { return PageText(whole) }
        var fraction = String(format: "%02d", hundredths % 100)
        if fraction.hasSuffix("0") { fraction.removeLast() }
        return PageText("\(whole),\(fraction)", "\(whole).\(fraction)")
    }

    /// A number for `data-v` and SVG: at most two decimals, a point, no grouping.
    static func plain(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.2f", rounded)
    }

    private func isCount(_ indicator: IndicatorDefinition) -> Bool { indicator.aggregation == .countDistinct }

    private func name(_ indicator: IndicatorDefinition, _ category: BreakdownCategory?) -> PageText {
        guard let c = category else { return PageText(indicator.name.pl, indicator.name.en) }
        let (pl, en) = labels
        return PageText(
            "\(indicator.name.pl) — \(pl.breakdownName(c.breakdown)): \(pl.category(c.breakdown, c.value))",
            "\(indicator.name.en) — \(en.breakdownName(c.breakdown)): \(en.category(c.breakdown, c.value))")
    }

    // MARK: Tiles

    /// Where a figure stands against its target at a date: the share of the project period elapsed sets the
    /// expected value.
    enum Progress: String, CaseIterable {
        case achieved, onTrack = "on-track", lagging, behind

        var status: DashboardPage.Status {
            switch self {
            case .achieved:
                return .init(key: rawValue, label: PageText("cel osiągnięty", "target reached"), symbol: "✓")
            case .onTrack:
                return .init(key: rawValue, label: PageText("zgodnie z planem", "on track"), symbol: "●")
            case .lagging:
                return .init(key: rawValue, label: PageText("niewielkie opóźnienie", "slightly behind"), symbol: "▲")
            case .behind: return .init(key: rawValue, label: PageText("opóźnienie", "behind"), symbol: "✕")
            }
        }

        /// Achieved at the target; on track at the expected value (target × share of the period elapsed); lagging
        /// at 75 % of it; behind below.
        static func of(value: Double, target: Double, expected: Double) -> Progress {
            if value >= target { return .achieved }
            if value >= expected { return .onTrack }
            if value >= 0.75 * expected { return .lagging }
            return .behind
        }
    }

    /// The share of the project period elapsed at `date`'s end, 0…1.
    func elapsed(at date: LocalDate) -> Double {
        let start = project.project.periodStart.daysSinceEpoch, end = project.project.periodEnd.daysSinceEpoch
        let total = Double(end - start + 1)
        return min(max(Double(date.daysSinceEpoch - start + 1) / total, 0), 1)
    }

    /// The tiles of each view, grouped by report: each report of the project file (its funder's form) gets the
    /// indicators its sheets show that no earlier report took; indicators in no report come last. Within a group,
    /// the project's targets (in the project file's order) come first, then the group's other indicators.
    func tiles() -> [DashboardPage.TileView] {
        let byCode = Dictionary(uniqueKeysWithValues: dashboard.indicators.map { ($0.code, $0) })
        let withTarget = Set(project.targets.filter { $0.category == nil }.map(\.indicator))
        var groups: [(id: String, title: PageText, file: String, codes: [String])] = []
        var taken = Set<String>()
        for report in dashboard.reports {
            let codes = report.sheets.flatMap(\.indicators).filter { byCode[$0] != nil && !taken.contains($0) }
            var unique: [String] = []
            for c in codes where !unique.contains(c) { unique.append(c) }
            guard !unique.isEmpty else { continue }
            taken.formUnion(unique)
            groups.append((report.id, PageText(report.title.pl, report.title.en), "reports/\(report.id).xlsx", unique))
        }
        let rest = dashboard.indicators.map(\.code).filter { !taken.contains($0) }
        if !rest.isEmpty {
            groups.append(
                (
                    "other",
                    groups.isEmpty
                        ? PageText("Wskaźniki", "Indicators") : PageText("Wskaźniki spoza raportów", "Indicators in no report"),
                    "", rest
                ))
        }
        return views.map { view in
            let tileGroups = groups.map { group -> DashboardPage.TileGroup in
                let members = Set(group.codes)
                var targetTiles: [DashboardPage.Tile] = []
                for target in project.targets where members.contains(target.indicator) {
                    guard let indicator = byCode[target.indicator] else { continue }
                    targetTiles.append(tile(indicator, target.category, target: target.value, view: view))
                }
                let others = group.codes.filter { !withTarget.contains($0) }.compactMap { byCode[$0] }.map {
                    tile($0, nil, target: nil, view: view)
                }
                return .init(
                    id: group.id, title: group.title, file: group.file, targetTiles: targetTiles, otherTiles: others,
                    hasTargetTiles: !targetTiles.isEmpty, hasOtherTiles: !others.isEmpty)
            }
            return .init(
                key: view.key, hidden: !view.isCumulative, label: view.label,
                scope: view.isCumulative
                    ? PageText(
                        "Wartości narastająco od początku projektu do \(view.end.polish).",
                        "Values cumulative from the project's start to \(view.end.iso).")
                    : PageText(
                        "Duża liczba: narastająco od początku projektu do końca kwartału (\(view.end.polish)), jak % celu; pod nią liczba w samym kwartale.",
                        "Big number: cumulative from the project's start to the quarter's end (\(view.end.iso)), as is the % of target; below it, the quarter's own figure."),
                isQuarter: !view.isCumulative, groups: tileGroups)
        }
    }

    /// A tile: the big number is cumulative to the view's end, and so is its % of the target; a quarter's tile adds
    /// the quarter's own figure, labelled as such.
    private func tile(
        _ indicator: IndicatorDefinition, _ category: BreakdownCategory?, target: Double?, view: Dashboard.View
    )
        -> DashboardPage.Tile
    {
        let b = category?.breakdown ?? "", c = category?.value ?? ""
        let count = isCount(indicator)
        let inPeriod = values.value(indicator.code, view.period, view.scope, b, c)
        let cumulative = values.value(indicator.code, view.period, "cumulative", b, c)
        let cumulativeKey = key(indicator.code, view.period, "cumulative", b, c)
        var tile = DashboardPage.Tile(
            code: indicator.code, categoryKey: category.map { "\($0.breakdown)=\($0.value)" } ?? "",
            name: name(indicator, category), unit: PageText(indicator.unit.pl, indicator.unit.en),
            figure: figure(cumulative, count: count, key: cumulativeKey), scope: view.cumulativeLabel,
            toVerify: indicator.toVerify, showInPeriod: !view.isCumulative,
            inPeriod: figure(inPeriod, count: count, key: key(indicator.code, view.period, view.scope, b, c)),
            hasTarget: false, target: "",
            percent: PageText(""), bar: 0, expected: 0, status: Progress.behind.status)
        guard let target, target > 0 else { return tile }
        let progress = self.progress(
            cumulative, target: target, count: count, at: view.end,
            hidden: isHidden(cumulative, count: count, key: cumulativeKey))
        tile.hasTarget = true
        tile.target = Self.number(target).pl
        tile.percent = progress.percent
        tile.bar = progress.bar
        tile.expected = progress.expectedShare
        tile.status = progress.status
        return tile
    }

    /// A figure against its target at a date: the % (a bound when the count is hidden), the bar, the expected share
    /// and value, and the status.
    private func progress(_ value: Double, target: Double, count: Bool, at date: LocalDate, hidden: Bool? = nil)
        -> (percent: PageText, percentSort: Double, bar: Int, expectedShare: Int, expected: Double, status: DashboardPage.Status)
    {
        let expected = target * elapsed(at: date)
        let isHidden = hidden ?? (count && suppression.isSmall(value))
        var percent: PageText, sort: Double, bar = 0
        if isHidden {
            let bound = Int((Double(suppression.threshold) / target * 100).rounded(.up))
            percent = PageText("<\(bound) %")
            sort = -1
        } else {
            percent = PageText("\(Int((value / target * 100).rounded())) %")
            sort = value / target * 100
            bar = Int((min(value / target, 1) * 100).rounded())
        }
        return (
            percent, sort, bar, Int((min(expected / target, 1) * 100).rounded()), expected,
            Progress.of(value: value, target: target, expected: expected).status
        )
    }

    // MARK: Partner targets

    /// Each view's table of partner targets (the project file's `targets:` items with `partner:`): the partner's
    /// figure cumulative to the view's end against its target and the expected value there, the status in a symbol
    /// and a word; partners lagging or behind are named above the table. Counts follow the page's suppression: a
    /// persons-supported figure is hidden exactly as in the partner table of the breakdowns; for other indicators
    /// each indicator's partner figures are a line with its tile (secondary suppression).
    func partnerTargets() -> DashboardPage.PartnerTargets? {
        let targets = project.partnerTargets
        guard !targets.isEmpty else { return nil }
        let byCode = Dictionary(uniqueKeysWithValues: dashboard.indicators.map { ($0.code, $0) })
        let order = Dictionary(uniqueKeysWithValues: project.partners.enumerated().map { ($1.id, $0) })
        let sorted = targets.enumerated().sorted { a, b in
            let pa = order[a.element.partner] ?? Int.max, pb = order[b.element.partner] ?? Int.max
            return pa != pb ? pa < pb : a.offset < b.offset
        }.map(\.element)
        return .init(
            views: views.map { view in
                let cumulativeView = Dashboard.View(
                    key: view.key, label: view.label, period: view.period, scope: "cumulative", end: view.end)
                var hiddenCumulative: [String: Bool] = [:]
                for code in Set(targets.map(\.indicator)) {
                    guard let indicator = byCode[code], isCount(indicator) else { continue }
                    let partners = project.partners.map(\.id)
                    if code == "persons_supported" {
                        let (cells, _) = suppressed("partner", view: cumulativeView)
                        for (p, _, f) in cells { hiddenCumulative["\(code)\u{1}\(p)"] = f.hidden }
                        continue
                    }
                    let numbers = partners.map { values.value(code, view.period, "cumulative", "partner", $0) }
                    let total = values.value(code, view.period, "cumulative", "", "")
                    let hidden = suppression.hidden(
                        values: numbers + [total], lines: [Array(0...numbers.count)],
                        fixed: [numbers.count: suppression.isSmall(total)])
                    for (i, p) in partners.enumerated() { hiddenCumulative["\(code)\u{1}\(p)"] = hidden[i] }
                }
                var rows: [DashboardPage.PartnerTargetRow] = []
                var late: [DashboardPage.LatePartner] = []
                for t in sorted {
                    guard let indicator = byCode[t.indicator] else { continue }
                    let count = isCount(indicator)
                    let value = values.value(t.indicator, view.period, "cumulative", "partner", t.partner)
                    let quarter = values.value(t.indicator, view.period, view.scope, "partner", t.partner)
                    let valueKey = key(t.indicator, view.period, "cumulative", "partner", t.partner)
                    let hidden = isHidden(
                        value, count: count, hidden: hiddenCumulative["\(t.indicator)\u{1}\(t.partner)"] ?? false,
                        key: valueKey)
                    let p = progress(value, target: t.value, count: count, at: view.end, hidden: hidden)
                    let name = PageText(indicator.name.pl, indicator.name.en)
                    let partner = project.partner(t.partner)?.name ?? t.partner
                    let shown = count ? figure(value, hidden: hidden, key: valueKey) : figure(value, count: false)
                    let isLate = p.status.key == Progress.lagging.rawValue || p.status.key == Progress.behind.rawValue
                    rows.append(
                        .init(
                            partnerKey: t.partner, partner: partner, indicator: t.indicator, name: name,
                            target: Self.number(t.value).pl, targetSort: Self.plain(t.value), figure: shown,
                            inPeriod: figure(
                                quarter, count: count, key: key(t.indicator, view.period, view.scope, "partner", t.partner)),
                            percent: p.percent,
                            percentSort: Self.plain(p.percentSort), expected: Self.number(p.expected.rounded(.up)).pl,
                            status: p.status, late: isLate))
                    if isLate {
                        late.append(
                            .init(
                                partner: partner, name: name, figure: shown, target: Self.number(t.value).pl,
                                percent: p.percent, status: p.status))
                    }
                }
                return .init(
                    key: view.key, hidden: !view.isCumulative, label: view.label, scope: view.cumulativeLabel,
                    isQuarter: !view.isCumulative, rows: rows, late: late, anyLate: !late.isEmpty)
            })
    }

    // MARK: Trend charts

    /// One chart per target (in-period bars, the cumulative line, the target line); without targets, one for
    /// persons supported.
    func charts() -> [DashboardPage.Chart] {
        let byCode = Dictionary(uniqueKeysWithValues: dashboard.indicators.map { ($0.code, $0) })
        var series: [(IndicatorDefinition, BreakdownCategory?, Double?)] = project.targets.compactMap { t in
            byCode[t.indicator].map { ($0, t.category, t.value) }
        }
        if series.isEmpty, let supported = byCode["persons_supported"] ?? dashboard.indicators.first {
            series = [(supported, nil, nil)]
        }
        return series.enumerated().map { i, s in chart(id: "chart-\(i + 1)", s.0, s.1, target: s.2) }
    }

    private func chart(id: String, _ indicator: IndicatorDefinition, _ category: BreakdownCategory?, target: Double?)
        -> DashboardPage.Chart
    {
        let b = category?.breakdown ?? "", c = category?.value ?? ""
        let count = isCount(indicator)
        let inPeriod = quarters.map { values.value(indicator.code, $0.id, "in_period", b, c) }
        let cumulative = quarters.map { values.value(indicator.code, $0.id, "cumulative", b, c) }
        let top0 = max((inPeriod + cumulative).max() ?? 0, target ?? 0, 1)
        let yMax = Self.niceCeiling(top0)
        // The plot starts right of the widest axis label (about 8 units a character at the phone's 13 px).
        let widest = [0, 0.5, 1].map { Self.number(yMax * $0).pl.count }.max() ?? 1
        let width = 420, height = 230, left = max(46, 14 + 8 * widest), right = 410, top = 16, baseline = 190
        func y(_ v: Double) -> Double { Double(baseline) - v / yMax * Double(baseline - top) }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        let band = Double(right - left) / Double(max(quarters.count, 1))
        var bars: [DashboardPage.ChartBar] = []
        var points: [DashboardPage.ChartPoint] = []
        for (k, q) in quarters.enumerated() {
            let centre = Double(left) + band * (Double(k) + 0.5)
            let inPeriodKey = key(indicator.code, q.id, "in_period", b, c)
            let cumulativeKey = key(indicator.code, q.id, "cumulative", b, c)
            let hidden = isHidden(inPeriod[k], count: count, key: inPeriodKey)
            let barWidth = band * 0.5
            let top = hidden ? Double(baseline) : y(inPeriod[k])
            bars.append(
                .init(
                    x: f(centre - barWidth / 2), y: f(top), width: f(barWidth), height: f(Double(baseline) - top),
                    labelX: f(centre),
                    period: PageText(q.labelPL, q.labelEN),
                    short: PageText(["I", "II", "III", "IV"][q.start.quarter - 1] + " kw.", "Q\(q.start.quarter)"),
                    year: k == 0 || quarters[k - 1].start.year != q.start.year ? String(q.start.year) : "",
                    inPeriod: figure(inPeriod[k], count: count, key: inPeriodKey),
                    cumulative: figure(cumulative[k], count: count, key: cumulativeKey), hidden: hidden))
            if !isHidden(cumulative[k], count: count, key: cumulativeKey) {
                points.append(.init(x: f(centre), y: f(y(cumulative[k]))))
            }
        }
        let ticks = [0, 0.5, 1].map { share in
            DashboardPage.ChartTick(y: f(y(yMax * share)), label: Self.number(yMax * share).pl)
        }
        let last = cumulative.last ?? 0
        let lastHidden = isHidden(
            last, count: count, key: quarters.last.flatMap { key(indicator.code, $0.id, "cumulative", b, c) })
        let lastText = lastHidden ? "<\(suppression.threshold)" : Self.number(last).pl
        let lastTextEN = lastHidden ? "<\(suppression.threshold)" : Self.number(last).en
        let targetPL = target.map { ", cel \(Self.number($0).pl)" } ?? ""
        let targetEN = target.map { ", target \(Self.number($0).en)" } ?? ""
        return .init(
            id: id, name: name(indicator, category), width: width, height: height, plotLeft: left, plotRight: right,
            baseline: baseline, tickX: left - 6, axisLabelY: baseline + 15, yearLabelY: baseline + 29,
            supY: baseline - 4,
            ticks: ticks, bars: bars, line: points.map { "\($0.x),\($0.y)" }.joined(separator: " "),
            points: points, hasTarget: target != nil, targetY: target.map { f(y($0)) } ?? "",
            targetLabelX: left + 4, targetLabelY: target.map { f(y($0) - 5) } ?? "",
            target: target.map { Self.number($0).pl } ?? "",
            summary: PageText(
                "Wykres: słupki — wartości w kwartałach, linia — narastająco (na koniec: \(lastText)\(targetPL)).",
                "Chart: bars — values within each quarter, line — cumulative (at the end: \(lastTextEN)\(targetEN))."))
    }

    /// The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ) at or above `value`.
    static func niceCeiling(_ value: Double) -> Double {
        var scale = 1.0
        while scale * 10 <= value { scale *= 10 }
        for step in [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10] where step * scale >= value { return step * scale }
        return 10 * scale
    }

    // MARK: Breakdowns

    /// Categories of a breakdown in the order readers expect: the project's partners, activities and age bands;
    /// women, men; the rest sorted; unknown last.
    func categories(_ breakdown: String) -> [String] {
        let present = values.categories("persons_supported", breakdown)
        let order: [String]
        switch breakdown {
        case "age_band": order = project.rules.ageBands.map(\.label)
        case "partner": order = project.partners.map(\.id)
        case "activity": order = project.activities.map(\.id)
        case "sex": order = ["K", "M"]
        default: order = []
        }
        let rest = present.subtracting(order).subtracting([""]).sorted()
        return order + rest + (present.contains("") ? [""] : [])
    }

    /// A breakdown of persons supported in one view, suppressed: category → figure, and the total.
    func suppressed(_ breakdown: String, view: Dashboard.View) -> (cells: [(String, Double, Figure)], total: Figure) {
        let cats = categories(breakdown)
        let numbers = cats.map { values.value("persons_supported", view.period, view.scope, breakdown, $0) }
        let total = values.value("persons_supported", view.period, view.scope, "", "")
        let all = numbers + [total]
        let hidden = suppression.hidden(
            values: all, lines: [Array(all.indices)], fixed: [numbers.count: suppression.isSmall(total)])
        let cells = cats.indices.map {
            (
                cats[$0], numbers[$0],
                figure(
                    numbers[$0], hidden: hidden[$0],
                    key: key("persons_supported", view.period, view.scope, breakdown, cats[$0]))
            )
        }
        return (cells, figure(total, hidden: hidden[numbers.count], key: key("persons_supported", view.period, view.scope)))
    }

    func breakdowns() -> [DashboardPage.BreakdownView] {
        guard let supported = dashboard.indicators.first(where: { $0.code == "persons_supported" }) else { return [] }
        let keys = Dashboard.breakdownKeys.filter { supported.breakdowns.contains($0) }
        let (pl, en) = labels
        return views.map { view in
            var tables: [DashboardPage.BreakdownTable] = []
            var margins: [String: [String: Figure]] = [:]
            for key in keys {
                let (cells, total) = suppressed(key, view: view)
                let largest = cells.filter { !$0.2.hidden }.map(\.1).max() ?? 0
                let rows = cells.map { category, value, figure in
                    DashboardPage.BreakdownRow(
                        key: category, label: PageText(pl.category(key, category), en.category(key, category)),
                        figure: figure,
                        bar: figure.hidden || largest == 0 ? 0 : Int((value / largest * 80).rounded()))
                }
                margins[key] = Dictionary(uniqueKeysWithValues: cells.map { ($0.0, $0.2) })
                tables.append(
                    .init(
                        id: "bd-\(view.key)-\(key)".replacingOccurrences(of: "_", with: "-"),
                        title: PageText(pl.breakdownName(key), en.breakdownName(key)), rows: rows, total: total))
            }
            let total = values.value("persons_supported", view.period, view.scope, "", "")
            return .init(
                key: view.key, hidden: !view.isCumulative, label: view.label,
                scope: view.isCumulative
                    ? PageText(
                        "Osoby objęte wsparciem od początku projektu do \(view.end.polish) (narastająco).",
                        "Persons supported from the project's start to \(view.end.iso) (cumulative).")
                    : PageText(
                        "Osoby objęte wsparciem w kwartale (\(view.label.pl)), nie narastająco.",
                        "Persons supported within the quarter (\(view.label.en)), not cumulative."),
                tables: tables,
                cross: cross(
                    view: view, partnerMargins: margins["partner"] ?? [:], activityMargins: margins["activity"] ?? [:],
                    total: figure(total, key: key("persons_supported", view.period, view.scope))))
        }
    }

    /// Persons supported per partner × activity in one view. Margins are the partner and activity tables' figures
    /// (fixed); each row and column with its margin is a line for secondary suppression.
    private func cross(
        view: Dashboard.View, partnerMargins: [String: Figure], activityMargins: [String: Figure], total: Figure
    ) -> DashboardPage.CrossTable {
        let counts = dashboard.facts.partnerActivity[view.key] ?? []
        let anyView = Set(dashboard.facts.partnerActivity.values.flatMap { $0.map(\.activity) })
        let activities =
            project.activities.map(\.id).filter { anyView.contains($0) }
            + anyView.subtracting(project.activities.map(\.id)).sorted()
        let partners =
            project.partners.map(\.id)
            + Set(counts.map(\.partner)).subtracting(project.partners.map(\.id)).sorted()
        var lookup: [String: Int] = [:]
        for c in counts { lookup["\(c.partner)\u{1}\(c.activity)"] = c.persons }
        let nA = activities.count
        // Cells row by row, then the partner margins, then the activity margins.
        var numbers: [Double] = []
        for p in partners { for a in activities { numbers.append(Double(lookup["\(p)\u{1}\(a)"] ?? 0)) } }
        let partnerBase = numbers.count
        numbers += partners.map { p in Double(activities.reduce(0) { max($0, lookup["\(p)\u{1}\($1)"] ?? 0) }) }
        let activityBase = numbers.count
        numbers += activities.map { a in Double(partners.reduce(0) { max($0, lookup["\($1)\u{1}\(a)"] ?? 0) }) }
        var fixed: [Int: Bool] = [:]
        for (i, p) in partners.enumerated() { fixed[partnerBase + i] = partnerMargins[p]?.hidden ?? false }
        for (j, a) in activities.enumerated() { fixed[activityBase + j] = activityMargins[a]?.hidden ?? false }
        var lines: [[Int]] = partners.indices.map { i in (0..<nA).map { i * nA + $0 } + [partnerBase + i] }
        lines += activities.indices.map { j in partners.indices.map { $0 * nA + j } + [activityBase + j] }
        let hidden = suppression.hidden(values: numbers, lines: lines, fixed: fixed)
        let (pl, en) = labels
        let rows = partners.enumerated().map { i, p in
            DashboardPage.CrossRow(
                partner: PageText(pl.category("partner", p), en.category("partner", p)),
                cells: (0..<nA).map { figure(numbers[i * nA + $0], hidden: hidden[i * nA + $0]) },
                total: partnerMargins[p] ?? figure(0))
        }
        return .init(
            activities: activities.map { PageText(pl.category("activity", $0), en.category("activity", $0)) },
            rows: rows,
            totals: activities.map { activityMargins[$0] ?? figure(0) }, total: total, empty: counts.isEmpty)
    }

    // MARK: Data quality

    func quality() -> DashboardPage.Quality {
        let files = dashboard.files.sorted { a, b in
            let pa = project.partners.firstIndex { $0.id == a.partnerID } ?? Int.max
            let pb = project.partners.firstIndex { $0.id == b.partnerID } ?? Int.max
            return pa != pb ? pa < pb : a.path < b.path
        }
        func partnerName(_ id: String) -> String { project.partner(id)?.name ?? id }
        let partners = project.partners.map { partner -> DashboardPage.PartnerQuality in
            let own = files.filter { $0.partnerID == partner.id }
            let read = own.reduce(0) { $0 + $1.rowsRead }, rejected = own.reduce(0) { $0 + $1.rowsRejected }
            let share = read == 0 ? 0 : Double(rejected) / Double(read) * 100
            return .init(
                partner: partner.name, files: own.count, read: read, loaded: own.reduce(0) { $0 + $1.rowsLoaded },
                rejected: rejected, rejectedShare: Self.number(share), rejectedSort: Self.plain(share))
        }
        let fileRows = files.map {
            DashboardPage.FileQuality(
                partner: partnerName($0.partnerID), path: $0.path, kind: PageText($0.kind.name.pl, $0.kind.name.en),
                read: $0.rowsRead, loaded: $0.rowsLoaded, rejected: $0.rowsRejected, blank: $0.rowsBlank)
        }
        var codeRows: [String: Int] = [:], codeFiles: [String: Set<Int>] = [:],
            codeSeverity: [String: Diagnostic.Severity] = [:]
        for d in dashboard.diagnostics {
            let code = d.diagnostic.code.rawValue
            codeRows[code, default: 0] += 1
            if let f = d.fileID { codeFiles[code, default: []].insert(f) }
            // A code that is an error anywhere is shown as an error.
            if codeSeverity[code] != .error { codeSeverity[code] = d.diagnostic.severity }
        }
        let codes = codeRows.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { code, rows in
            // The wording is the diagnostic catalogue's, shared with data-quality.xlsx and diagnostics.csv.
            let severity = codeSeverity[code] ?? .warning
            return DashboardPage.CodeCount(
                code: code, severity: PageText(severity.consequence.pl, severity.consequence.en),
                severityKey: codeSeverity[code]?.rawValue ?? "warning", rows: rows, files: codeFiles[code]?.count ?? 0)
        }
        let facts = dashboard.facts
        let evidenceKeys: [(String, PageText)] = [
            ("pesel", PageText("PESEL", "PESEL")),
            ("name_birth_date", PageText("imię, nazwisko i data urodzenia", "name and birth date")),
            ("name_only", PageText("tylko imię i nazwisko", "name only")),
        ]
        let coverage = project.partners.map { partner -> DashboardPage.CoverageRow in
            let cells = quarters.map { q -> DashboardPage.CoverageCell in
                let records = facts.partnerRecords[q.id]?[partner.id] ?? 0
                return .init(missing: records == 0, records: records)
            }
            return .init(partner: partner.name, cells: cells, missingCount: cells.filter(\.missing).count)
        }
        return .init(
            partners: partners, files: fileRows, noFiles: fileRows.isEmpty, codes: codes, noCodes: codes.isEmpty,
            records: facts.records, persons: facts.persons, merged: max(facts.records - facts.persons, 0),
            acrossFiles: facts.personsAcrossFiles,
            duplicates: dashboard.diagnostics.filter {
                $0.diagnostic.code == .duplicateRow || $0.diagnostic.code == .duplicateAcrossFiles
            }.count,
            // How records were joined describes the linkage, not the persons: shown exactly.
            evidence: evidenceKeys.map { .init(label: $0.1, persons: dashboard.evidence[$0.0] ?? 0) },
            reviewPairs: facts.reviewPairs, quarters: quarters.map { PageText($0.labelPL, $0.labelEN) },
            coverage: coverage,
            missing: coverage.reduce(0) { $0 + $1.missingCount }, expected: coverage.count * quarters.count)
    }
}
