import Foundation
import IntegraCore
import IntegraReports
import IntegraTesting
import IntegraWarehouse
import Testing

@testable import IntegraPipeline

/// Issue 17 item 2: the disclosure check. A `public: true` release is attacked as a reader would: from the counts it
/// shows and the sums that tie them (categories to their total, months to their quarter, quarters to their year,
/// periods to the cumulative, the same figure on two sheets), every hidden count that can be worked out is worked
/// out. None may come back.
@Suite struct DisclosureCheckTests {
    /// What a reader of the release can do with it.
    struct Attack {
        init() {}

        /// The counts the release shows, by figure.
        var shown: [PublishedFigure: Double] = [:]
        /// The figures shown as "<5".
        var hidden = Set<PublishedFigure>()
        var relations: [FigureRelation] = []

        init(_ builder: ReportBuilder, _ report: ReportDefinition, ageBands: [AgeBand]) {
            let sheets = builder.layout(report, ageBands: ageBands)
            for s in sheets {
                for (r, cells) in s.figures {
                    for (c, f) in cells {
                        switch s.sheet.rows[r][c] {
                        case .integer(let v):
                            if let seen = shown[f] { precondition(seen == v, "\(f) shown as \(seen) and \(v)") }
                            shown[f] = v
                        case .text(let t) where t.hasPrefix("<"): hidden.insert(f)
                        default: break
                        }
                    }
                }
            }
            relations = builder.relations(sheets, ageBands: ageBands)
        }

        /// Solves every tie with one unknown, over and over (the subtraction of the issue: February = quarter −
        /// January − March), then asks the audit for what any combination of ties gives.
        func recovered() -> [PublishedFigure: Double] {
            var known = shown
            var progress = true
            while progress {
                progress = false
                for r in relations {
                    let unknown = r.members.filter { known[$0] == nil }
                    guard unknown.count == 1, let u = unknown.first else { continue }
                    let parts = r.parts.filter { $0 != u }.reduce(0) { $0 + known[$1]! }
                    known[u] = u == r.total ? parts : known[r.total]! - parts
                    progress = true
                }
            }
            var result = known.filter { hidden.contains($0.key) }
            for f in DisclosureAudit.recovered(shown: shown, hidden: hidden, relations: relations)
            where result[f] == nil {
                result[f] = .nan
            }
            return result
        }
    }

    static let indicators = try! IndicatorDefinition.loadAll(root: TestSupport.repositoryRoot)

    static func publicReport(_ sheets: String, in dir: URL) throws -> ReportDefinition {
        let text = "id: public-test\nversion: 1\npublic: true\ntitle: { pl: Test, en: Test }\nsheets:\n" + sheets
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("reports"), withIntermediateDirectories: true)
        try text.write(to: dir.appendingPathComponent("reports/public-test.yml"), atomically: true, encoding: .utf8)
        return try ReportDefinition.load("reports/public-test.yml", root: dir, indicators: indicators)
    }

    /// The issue's reproduction, small: 90 consultations in a quarter, 2 of them in February; 52 new persons, 2 in
    /// January; 3 consultations on one topic. Months, the quarter, the cumulative column and topics are on three
    /// sheets.
    @Test func theIssuesSubtractionsGiveNothingBack() throws {
        let dir = try TestSupport.makeTemporaryDirectory("integra-disclosure")
        defer { try? FileManager.default.removeItem(at: dir) }
        var project = try ProjectDefinition.parse(ProjectDefinitionTests.demoText, file: "demo.yml")
        project.project.periodEnd = LocalDate(year: 2023, month: 3, day: 31)!
        let report = try Self.publicReport(
            """
              - name: Indicators
                indicators: [persons_new, consultations]
                cumulative: true
              - name: Months
                indicators: [persons_new, consultations]
                periods: months
                cumulative: false
              - name: Topics
                indicators: [consultations]
                breakdown: topic
                periods: months

            """, in: dir)
        let periods = ReportPeriods(
            projectStart: project.project.periodStart, projectEnd: project.project.periodEnd, reporting: nil)
        // In-period values; cumulative ones are running sums. Topic "prawo" has 3 consultations: 1, 2, 0.
        let months = ["2023-01", "2023-02", "2023-03"]
        let series: [(String, String, String, [Double])] = [
            ("consultations", "", "", [30, 2, 58]), ("persons_new", "", "", [2, 20, 30]),
            ("consultations", "topic", "prawo", [1, 2, 0]), ("consultations", "topic", "praca", [29, 0, 58]),
        ]
        var values: [IndicatorValue] = []
        for (indicator, b, c, perMonth) in series {
            var running = 0.0
            for (m, v) in zip(months, perMonth) {
                running += v
                values.append(
                    IndicatorValue(
                        indicator: indicator, period: m, scope: "in_period", breakdown: b, category: c, value: v))
                values.append(
                    IndicatorValue(
                        indicator: indicator, period: m, scope: "cumulative", breakdown: b, category: c, value: running)
                )
            }
            for p in ["2023Q1", "2023", "project"] {
                for scope in ["in_period", "cumulative"] {
                    values.append(
                        IndicatorValue(
                            indicator: indicator, period: p, scope: scope, breakdown: b, category: c, value: running))
                }
            }
        }
        let builder = ReportBuilder(
            project: project, indicators: Dictionary(uniqueKeysWithValues: Self.indicators.map { ($0.code, $0) }),
            values: ValueIndex(values), periods: periods, language: .en, metadata: [])
        let attack = Attack(builder, report, ageBands: project.rules.ageBands)
        #expect(attack.hidden.count >= 4, "\(attack.hidden.sorted())")
        #expect(!attack.relations.isEmpty)
        let recovered = attack.recovered()
        #expect(recovered.isEmpty, "recovered: \(recovered.sorted { $0.key < $1.key })")
        // The same figure is hidden on every sheet that shows it (Attack checks that its shown values agree).
        #expect(attack.shown.keys.allSatisfy { !attack.hidden.contains($0) })
        let february = PublishedFigure(
            indicator: "consultations", breakdown: "", category: "", start: LocalDate(year: 2023, month: 2, day: 1)!,
            end: LocalDate(year: 2023, month: 2, day: 28)!)
        #expect(attack.hidden.contains(february))
    }

    /// Two hidden counts whose shown total leaves only 1 + 1 are exposed, though no subtraction isolates either.
    @Test func aTieLeavingOnlyOnesIsCaught() {
        let day = { LocalDate(year: 2023, month: $0, day: $1)! }
        func f(_ c: String) -> PublishedFigure {
            PublishedFigure(indicator: "x", breakdown: "sex", category: c, start: day(1, 1), end: day(3, 31))
        }
        let total = PublishedFigure(indicator: "x", breakdown: "", category: "", start: day(1, 1), end: day(3, 31))
        let relation = FigureRelation(total: total, parts: [f("K"), f("M")])
        #expect(
            DisclosureAudit.recovered(shown: [total: 2], hidden: [f("K"), f("M")], relations: [relation]).count == 2)
        #expect(DisclosureAudit.recovered(shown: [total: 7], hidden: [f("K"), f("M")], relations: [relation]).isEmpty)
        // Through a figure the release never shows: Q = a + b, Y = Q + c, Y and c shown, a shown → b.
        let a = f("a"), b = f("b"), c = f("c")
        let q = PublishedFigure(indicator: "x", breakdown: "", category: "q", start: day(1, 1), end: day(3, 31))
        let y = PublishedFigure(indicator: "x", breakdown: "", category: "y", start: day(1, 1), end: day(3, 31))
        let relations = [FigureRelation(total: q, parts: [a, b]), FigureRelation(total: y, parts: [q, c])]
        #expect(DisclosureAudit.recovered(shown: [a: 10, c: 8, y: 21], hidden: [b], relations: relations) == [b])
        #expect(DisclosureAudit.recovered(shown: [c: 8, y: 21], hidden: [a, b], relations: relations).isEmpty)
    }

    /// The demo's generic quarterly report published (`public: true`): every hidden count stays hidden.
    @Test func theDemosPublicReleaseGivesNoHiddenCountBack() throws {
        let copy = try DemoCopy("integra-disclosure-demo")
        defer { copy.remove() }
        let generic = try String(
            contentsOf: TestSupport.repositoryRoot.appendingPathComponent("reports/generic-quarterly.yml"),
            encoding: .utf8)
        let report = try Self.publicReport(String(generic[generic.range(of: "sheets:\n")!.upperBound...]), in: copy.dir)
        _ = try copy.run()
        let project = try ProjectDefinition.load(from: copy.url("demo.yml"))
        let warehouse = try Warehouse.open(
            at: copy.url("out/warehouse.sqlite").path, sqlRoot: TestSupport.repositoryRoot.appendingPathComponent("sql")
        )
        let values = try warehouse.indicatorValues()
        try warehouse.close()
        let periods = ReportPeriods(
            projectStart: project.project.periodStart, projectEnd: project.project.periodEnd, reporting: nil)
        let builder = ReportBuilder(
            project: project, indicators: Dictionary(uniqueKeysWithValues: Self.indicators.map { ($0.code, $0) }),
            values: ValueIndex(values), periods: periods, language: .pl, metadata: [])
        let attack = Attack(builder, report, ageBands: project.rules.ageBands)
        #expect(attack.hidden.count > 10, "\(attack.hidden.count) hidden")
        #expect(attack.relations.count > 100, "\(attack.relations.count) ties")
        let recovered = attack.recovered()
        #expect(recovered.isEmpty, "recovered: \(recovered.sorted { $0.key < $1.key }.prefix(10))")
    }

    /// The dashboard is published too: its tiles, trend charts, partner targets and breakdown tables, attacked
    /// together. Built from `values`, laid out as the page is (the counts each section shows, as shown or hidden).
    static func attackDashboard(_ project: ProjectDefinition, _ values: [IndicatorValue]) throws -> Attack {
        let periods = ReportPeriods(
            projectStart: project.project.periodStart, projectEnd: project.project.periodEnd, reporting: nil)
        let dashboard = Dashboard(
            project: project, indicators: indicators, values: ValueIndex(values), periods: periods, files: [],
            diagnostics: [], evidence: [:], facts: DashboardFacts(), language: .pl,
            fingerprint: String(repeating: "0", count: 64))
        let sections = dashboard.sections(
            views: dashboard.views, suppression: SmallCellSuppression(threshold: project.dashboard.suppressBelow))
        sections.ledger.hiddenLocally = []
        sections.ledger.published = [:]
        _ = (sections.tiles(), sections.partnerTargets(), sections.charts(), sections.breakdowns())
        var attack = Attack()
        let ledger = sections.ledger
        attack.hidden = ledger.hidden.union(ledger.hiddenLocally).filter { ledger.published[$0] != nil }
        attack.shown = ledger.published.filter { !attack.hidden.contains($0.key) }
        attack.relations = sections.figureValues.relations(ledger.published.keys) { indicator, breakdown in
            var found = ValueIndex(values).categories(indicator, breakdown).sorted()
            if ReportBuilder.partitions.contains(breakdown), !found.contains("") { found.append("") }
            return found
        }
        return attack
    }

    /// 32 consultations to the end of June, 30 to the end of March: the trend chart's cumulative line and the
    /// quarter's tiles gave the 2 of the second quarter back.
    @Test func theDashboardsCumulativeLineGivesNoQuarterBack() throws {
        let project = try ProjectDefinition.parse(ProjectDefinitionTests.demoText, file: "demo.yml")
        var values: [IndicatorValue] = []
        let quarters: [(String, [String], Double)] = [
            ("2023Q1", ["2023-01", "2023-02", "2023-03"], 30), ("2023Q2", ["2023-04", "2023-05", "2023-06"], 2),
            ("2023Q3", ["2023-07", "2023-08", "2023-09"], 40), ("2023Q4", ["2023-10", "2023-11", "2023-12"], 18),
        ]
        var running = 0.0
        for (q, months, v) in quarters {
            running += v
            values.append(
                IndicatorValue(
                    indicator: "consultations", period: q, scope: "in_period", breakdown: "", category: "", value: v))
            values.append(
                IndicatorValue(
                    indicator: "consultations", period: q, scope: "cumulative", breakdown: "", category: "",
                    value: running))
            // The quarter's consultations all in its first month.
            for (i, m) in months.enumerated() {
                values.append(
                    IndicatorValue(
                        indicator: "consultations", period: m, scope: "in_period", breakdown: "", category: "",
                        value: i == 0 ? v : 0))
                values.append(
                    IndicatorValue(
                        indicator: "consultations", period: m, scope: "cumulative", breakdown: "", category: "",
                        value: running))
            }
        }
        for p in ["2023", "project"] {
            for scope in ["in_period", "cumulative"] {
                values.append(
                    IndicatorValue(
                        indicator: "consultations", period: p, scope: scope, breakdown: "", category: "", value: running
                    ))
            }
        }
        let attack = try Self.attackDashboard(project, values)
        let q2 = PublishedFigure(
            indicator: "consultations", breakdown: "", category: "", start: LocalDate(year: 2023, month: 4, day: 1)!,
            end: LocalDate(year: 2023, month: 6, day: 30)!)
        #expect(attack.hidden.contains(q2))
        let recovered = attack.recovered()
        #expect(recovered.isEmpty, "recovered: \(recovered.sorted { $0.key < $1.key })")
    }

    /// The demo's dashboard: every hidden count stays hidden.
    @Test func theDemosDashboardGivesNoHiddenCountBack() throws {
        let copy = try DemoCopy("integra-disclosure-dashboard")
        defer { copy.remove() }
        _ = try copy.run()
        let project = try ProjectDefinition.load(from: copy.url("demo.yml"))
        let warehouse = try Warehouse.open(
            at: copy.url("out/warehouse.sqlite").path, sqlRoot: TestSupport.repositoryRoot.appendingPathComponent("sql")
        )
        let values = try warehouse.indicatorValues()
        try warehouse.close()
        let attack = try Self.attackDashboard(project, values)
        #expect(attack.hidden.count > 5, "\(attack.hidden.count) hidden")
        let recovered = attack.recovered()
        #expect(recovered.isEmpty, "recovered: \(recovered.sorted { $0.key < $1.key }.prefix(10))")
    }
}
