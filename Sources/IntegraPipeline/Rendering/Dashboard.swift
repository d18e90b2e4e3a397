import Foundation
import IntegraCore
import IntegraWarehouse
import Mustache

/// `dashboard.html`: one self-contained page (inline CSS, JS and SVG; no network; opens from `file://`) with the
/// project's figures against targets, per quarter, by breakdown, and the data-quality picture, in Polish and
/// English. The page is `reports/dashboard/dashboard.mustache` filled with a ``DashboardPage``; its look changes in
/// the template, CSS and JS beside it, without Swift.
///
/// Aggregates only: no names, PESEL, phones or e-mails; counts of persons are published with small-cell suppression
/// (``SmallCellSuppression``, threshold from the project file's `dashboard: { suppress_below: 5 }`).
///
/// ```swift
/// let html = try Dashboard(project: project, indicators: shown, values: index, periods: periods, files: files,
///     diagnostics: diagnostics, evidence: evidence, facts: facts, language: .pl, fingerprint: hash)
///     .render(templateFolder: root.appendingPathComponent(Dashboard.templateFolder))
/// ```
struct Dashboard {
    let project: ProjectDefinition
    /// Indicators in the order the page shows them.
    let indicators: [IndicatorDefinition]
    let values: ValueIndex
    let periods: ReportPeriods
    let files: [SourceFileRecord]
    let diagnostics: [DiagnosticRecord]
    /// Persons by what joined their records (`pesel`, `name_birth_date`, `name_only`).
    let evidence: [String: Int]
    let facts: DashboardFacts
    /// The language the page opens in; both are in the file.
    let language: ReportLanguage
    /// ``Dashboard/fingerprint(definitions:projectSHA256:inputs:)`` of the run.
    let fingerprint: String
    /// The project's reports, in the project file's order: the tiles are grouped by the report (and so the funder)
    /// whose figures they are; indicators in no report close the page's tiles.
    var reports: [ReportDefinition] = []
    /// The finance figures of the reporting period and of each quarter; nil when the project has no ledgers or
    /// budget (the finance section is then left out).
    var finance: FinanceData? = nil
    var financeByQuarter: [(period: ReportingPeriod, figures: FinanceFigures)] = []

    /// The template's folder, relative to the definitions root.
    static let templateFolder = "reports/dashboard"
    /// The key of the period selector's cumulative view (the project's start to the reporting period's end).
    static let cumulativeKey = "cumulative"
    /// The breakdowns of persons supported the page tabulates, in this order.
    static let breakdownKeys = ["sex", "age_band", "citizenship", "partner", "activity"]

    /// The date ranges whose partner × activity tables and dated records the page needs: the cumulative view and
    /// each quarter.
    static func ranges(_ periods: ReportPeriods, projectStart: LocalDate) -> [DashboardRange] {
        [DashboardRange(key: cumulativeKey, start: projectStart, end: periods.reporting.end)]
            + periods.quarters.map { DashboardRange(key: $0.id, start: $0.start, end: $0.end) }
    }

    /// Checks the project file's partner targets against the indicators: each names an indicator that has the
    /// `partner` breakdown (the figure a partner's target is compared with).
    ///
    /// - Throws: ``DefinitionError`` naming the project file, the item's line and key.
    static func checkPartnerTargets(_ project: ProjectDefinition, indicators: [IndicatorDefinition]) throws {
        for target in project.partnerTargets {
            func fail(_ message: String) -> DefinitionError {
                DefinitionError(file: project.file, line: target.line, keyPath: "\(target.keyPath).indicator", message: message)
            }
            guard let indicator = indicators.first(where: { $0.code == target.indicator }) else {
                throw fail("no indicator '\(target.indicator)' in sql/indicators")
            }
            guard indicator.breakdowns.contains("partner") else {
                throw fail(
                    "'\(target.indicator)' has no partner breakdown, so a partner's figure is not known; "
                        + "targets per partner need one of: "
                        + indicators.filter { $0.breakdowns.contains("partner") }.map(\.code).joined(separator: ", "))
            }
        }
    }

    /// The template's files (relative to the definitions root, sorted): definitions of the run like the SQL.
    static func templateFiles(root: URL) -> [String] {
        let names =
            (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(templateFolder).path))
            ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { "\(templateFolder)/\($0)" }
    }

    /// SHA-256 of what the figures derive from — every definition file, the project file and every input — and so
    /// the same for every run that must give the same page. (`run.json` lists the dashboard itself, so its hash
    /// cannot be on the page.)
    static func fingerprint(definitions: [RunManifest.FileHash], projectSHA256: String, inputs: [SourceFileRecord])
        -> String
    {
        var lines = definitions.map { "definition \($0.path) \($0.sha256)" }
        lines.append("project \(projectSHA256)")
        lines += inputs.map { "input \($0.path) \($0.sha256)" }
        return SHA256Hex.of(Data(lines.sorted().joined(separator: "\n").utf8))
    }

    /// Fills the template of `templateFolder` (`dashboard.mustache`, the other `*.mustache` as partials,
    /// `dashboard.css` and `dashboard.js` inlined).
    ///
    /// - Throws: ``DefinitionError`` when a template file is missing or does not parse.
    func render(templateFolder: URL) throws -> String {
        func read(_ name: String) throws -> String {
            let url = templateFolder.appendingPathComponent(name)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw DefinitionError(
                    file: "\(Self.templateFolder)/\(name)", keyPath: "", message: "cannot read the dashboard template")
            }
            return text
        }
        var library = MustacheLibrary()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: templateFolder.path)) ?? []
        for name in names.sorted() where name.hasSuffix(".mustache") {
            do {
                library.register(
                    try MustacheTemplate(string: try read(name)), named: String(name.dropLast(".mustache".count)))
            } catch let error as DefinitionError {
                throw error
            } catch {
                throw DefinitionError(
                    file: "\(Self.templateFolder)/\(name)", keyPath: "",
                    message: "not a valid Mustache template: \(error)")
            }
        }
        // Inline blocks end at the first `</style` or `</script`, whatever follows.
        let css = try read("dashboard.css").replacingOccurrences(of: "</", with: "<\\/")
        let script = try read("dashboard.js").replacingOccurrences(of: "</", with: "<\\/")
        guard let html = library.render(page(css: css, script: script), withTemplate: "dashboard") else {
            throw DefinitionError(
                file: "\(Self.templateFolder)/dashboard.mustache", keyPath: "",
                message: "cannot read the dashboard template")
        }
        return html
    }

    /// The values the template is filled with.
    func page(css: String, script: String) -> DashboardPage {
        let p = project.project
        let views = self.views
        let suppression = SmallCellSuppression(threshold: project.dashboard.suppressBelow)
        let builder = sections(views: views, suppression: suppression)
        return DashboardPage(
            lang: language.rawValue,
            title: PageText("\(p.name) — wskaźniki", "\(p.name) — indicators"),
            project: .init(
                name: p.name, funder: p.funder, programme: p.programme.isEmpty ? nil : p.programme,
                agreement: p.agreement.isEmpty ? nil : p.agreement,
                periodStart: PageText(p.periodStart.polish, p.periodStart.iso),
                periodEnd: PageText(p.periodEnd.polish, p.periodEnd.iso),
                reportingLabel: PageText(periods.reporting.labelPL, periods.reporting.labelEN),
                reportingEnd: PageText(periods.reporting.end.polish, periods.reporting.end.iso)),
            periods: views.map { .init(key: $0.key, label: $0.label, selected: $0.key == Self.cumulativeKey) },
            statuses: DashboardSections.Progress.allCases.map(\.status),
            tiles: builder.tiles(),
            partnerTargets: builder.partnerTargets(),
            charts: builder.charts(),
            breakdowns: builder.breakdowns(),
            quality: builder.quality(),
            finance: financeSection(),
            suppression: .init(
                on: suppression.isOn, threshold: suppression.threshold,
                largestHidden: max(suppression.threshold - 1, 0),
                mark: "<\(suppression.threshold)"),
            fingerprint: fingerprint,
            definitions: indicators.map { .init(code: $0.code, version: $0.version) },
            integraVersion: integraVersion,
            css: css, script: script)
    }

    /// The page's section builder, its counts hidden over the whole page: a first layout gathers every count the
    /// page shows, then ``ReleaseSuppression`` decides what must be hidden so that no hidden count follows from the
    /// shown ones (issue 17 item 2).
    func sections(views: [View], suppression: SmallCellSuppression) -> DashboardSections {
        let builder = DashboardSections(dashboard: self, views: views, suppression: suppression)
        guard suppression.isOn else { return builder }
        _ = (builder.tiles(), builder.partnerTargets(), builder.charts(), builder.breakdowns())
        let ledger = builder.ledger
        let relations = builder.figureValues.relations(ledger.published.keys) { indicator, breakdown in
            var found = values.categories(indicator, breakdown).sorted()
            if ReportBuilder.partitions.contains(breakdown), !found.contains("") { found.append("") }
            return found
        }
        ledger.hidden = ReleaseSuppression(threshold: suppression.threshold)
            .hidden(published: ledger.published, relations: relations, initial: ledger.hiddenLocally)
        return builder
    }

    /// One view of the period selector: what its tiles and tables show.
    struct View {
        var key: String
        var label: PageText
        /// Where the view's own figures are: the reporting period cumulative, or a quarter in-period.
        var period: String
        var scope: String
        /// The view's end: progress against targets is cumulative to here.
        var end: LocalDate
        var isCumulative: Bool { scope == "cumulative" }
        /// "narastająco do 30.06.2023": what a tile's big number and its % of target are.
        var cumulativeLabel: PageText { PageText("narastająco do \(end.polish)", "cumulative to \(end.iso)") }
    }

    var views: [View] {
        let r = periods.reporting
        let cumulative = View(
            key: Self.cumulativeKey,
            label: PageText("Narastająco do \(r.end.polish)", "Cumulative to \(r.end.iso)"),
            period: r.id, scope: "cumulative", end: r.end)
        return [cumulative]
            + periods.quarters.map { q in
                View(key: q.id, label: PageText(q.labelPL, q.labelEN), period: q.id, scope: "in_period", end: q.end)
            }
    }
}
