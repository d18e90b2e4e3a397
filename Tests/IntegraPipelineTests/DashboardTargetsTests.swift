import Foundation
import IntegraTesting
import Testing

@testable import IntegraPipeline

/// Issue 16, item 8 (and item 5's dashboard part): partner targets in the project file and on the page, tiles
/// grouped by report, the quarter view's big number and % of target about the same figure, and the linkage cards'
/// wording.
@Suite(.serialized)
struct DashboardTargetsTests {
    static let project = """
        version: 1
        project: { id: t, name: T, funder: F, period: { start: 2023-01-01, end: 2023-12-31 } }
        partners: [{ id: a, name: A, role: leader }, { id: b, name: B }]
        activities: { x: { pl: X, en: X } }
        sources: []
        targets:
          - { indicator: persons_supported, value: 60 }
          - { indicator: persons_supported, partner: b, value: 20 }
        """

    // MARK: The project file

    @Test func partnerTargetsAreReadApartFromTheProjectsTargets() throws {
        let p = try ProjectDefinition.parse(Self.project, file: "t.yml")
        #expect(p.targets.map(\.indicator) == ["persons_supported"])
        #expect(p.targets.first?.category == nil)
        #expect(p.partnerTargets.count == 1)
        let t = try #require(p.partnerTargets.first)
        #expect(t.indicator == "persons_supported" && t.partner == "b" && t.value == 20)
        #expect(t.line == 8)
    }

    @Test func anUnknownPartnerIsADefinitionErrorWithFileAndLine() throws {
        let text = Self.project.replacingOccurrences(of: "partner: b,", with: "partner: zz,")
        do {
            _ = try ProjectDefinition.parse(text, file: "t.yml")
            Issue.record("an unknown partner was accepted")
        } catch let error as DefinitionError {
            #expect(error.file == "t.yml")
            #expect(error.line == 8)
            #expect(error.description.contains("no partner 'zz'"))
            #expect(error.description.contains("a, b"))
        }
    }

    @Test func aPartnerTargetWithWhereOrWithoutAValueAboveZeroIsRefused() {
        for broken in [
            "partner: b, where: { sex: K },", "partner: b, value: 0 } #",
        ] {
            let text = Self.project.replacingOccurrences(of: "partner: b,", with: broken)
            #expect(throws: DefinitionError.self, "\(broken)") { try ProjectDefinition.parse(text, file: "t.yml") }
        }
    }

    @Test func aPartnerTargetNeedsAnIndicatorWithThePartnerBreakdown() throws {
        let root = TestSupport.repositoryRoot
        let indicators = try IndicatorDefinition.loadAll(root: root)
        let p = try ProjectDefinition.parse(Self.project, file: "t.yml")
        try Dashboard.checkPartnerTargets(p, indicators: indicators)
        // An indicator without a partner breakdown (every indicator of the catalogue has one: one is made here)
        // cannot have partner targets.
        var changed = indicators
        let i = try #require(changed.firstIndex { $0.code == "persons_supported" })
        changed[i].breakdowns.removeAll { $0 == "partner" }
        do {
            try Dashboard.checkPartnerTargets(p, indicators: changed)
            Issue.record("persons_supported without a partner breakdown but its partner target was accepted")
        } catch let error as DefinitionError {
            #expect(error.line == 8)
            #expect(error.description.contains("no partner breakdown"))
        }
        var unknown = p
        unknown.partnerTargets[0].indicator = "no_such_indicator"
        #expect(throws: DefinitionError.self) { try Dashboard.checkPartnerTargets(unknown, indicators: indicators) }
    }

    // MARK: The demo's page

    static let demo: Result<String, DashboardTests.RunFailure> = {
        DashboardTests.demo.map(\.html)
    }()

    /// The HTML between `start` and the next `end`.
    func between(_ html: String, _ start: String, _ end: String) throws -> Substring {
        let a = try #require(html.range(of: start), "no \(start)")
        let b = try #require(html[a.upperBound...].range(of: end), "no \(end) after \(start)")
        return html[a.upperBound..<b.lowerBound]
    }

    @Test func thePartnerBehindItsTargetStandsOut() throws {
        let html = try Self.demo.get()
        let table = try between(html, "<table class=\"sortable partner-targets\" id=\"partner-targets-cumulative\">", "</table>")
        // Nadija: 22 persons of 30 at the project's end — behind, said with a symbol and a word, not colour alone.
        let nadija = try between(
            String(table), "data-partner=\"nadija\" data-indicator=\"persons_supported\" data-status=\"", "</tr>")
        #expect(nadija.hasPrefix("behind\""))
        let text = DashboardTests.visibleText(String(nadija))
        #expect(text.contains("30") && text.contains("22") && text.contains("73 %"))
        #expect(text.contains("✕ opóźnienie"))
        // The others reached theirs.
        for partner in ["przystan", "centrum"] {
            #expect(table.contains("data-partner=\"\(partner)\" data-indicator=\"persons_supported\" data-status=\"achieved\""))
        }
        // Named above the table.
        let view = try between(html, "<h3 id=\"partner-targets\">", "<table class=\"sortable partner-targets\" id=\"partner-targets-cumulative\">")
        let callout = try between(String(view), "<div class=\"callout late\"", "</div>")
        #expect(callout.contains("Stowarzyszenie Nadija"))
        #expect(!callout.contains("Fundacja Przystań"))
        // A quarter view compares the partner's figure cumulative to the quarter's end, and shows the quarter's own.
        let q2 = try between(html, "id=\"partner-targets-2023Q2\">", "</table>")
        #expect(q2.contains("w kwartale"))
    }

    @Test func tilesAreGroupedByReport() throws {
        let html = try Self.demo.get()
        let view = try #require(DashboardTests().viewBlock(html, "cumulative"))
        let groups = Array(view.components(separatedBy: "<section class=\"group\" data-group=\"").dropFirst())
        let ids = groups.map { String($0.prefix { $0 != "\"" }) }
        #expect(ids == ["generic-quarterly", "fami-2021-2027", "fami-2014-2020", "fundusz-pracy-rmw"])
        func tiles(_ id: String) -> [String] {
            guard let g = groups.first(where: { $0.hasPrefix(id + "\"") }) else { return [] }
            return g.components(separatedBy: "data-indicator=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        }
        #expect(Set(tiles("fami-2014-2020")) == ["fami1420_c1_asylum", "fami1420_integration"])
        #expect(Set(tiles("fundusz-pracy-rmw")) == ["fp_foreigners", "fp_ukr_after_2022", "fp_employment"])
        #expect(tiles("generic-quarterly").first == "persons_supported")
        // Each group names its report and workbook.
        #expect(groups[1].contains("FAMI 2021–2027") && groups[1].contains("reports/fami-2021-2027.xlsx"))
        // Every tile is in a group, once.
        let all = ids.flatMap(tiles)
        #expect(all.count == view.components(separatedBy: "<article class=\"tile").count - 1)
    }

    @Test func aQuarterTilesNumberAndItsPercentAreBothCumulative() throws {
        let run = try DashboardTests.demo.get()
        let view = try #require(DashboardTests().viewBlock(run.html, "2023Q2"))
        let tile = try between(String(view), "data-indicator=\"persons_supported\" data-category=\"\"", "</article>")
        let cumulative = try #require(run.figures["persons_supported|2023Q2|cumulative||"])
        let inQuarter = try #require(run.figures["persons_supported|2023Q2|in_period||"])
        #expect(cumulative != inQuarter)
        let value = try between(String(tile), "<div class=\"value\">", "</div>")
        #expect(DashboardTests.visibleText(String(value)) == SmallCellDisplay.number(cumulative))
        let text = DashboardTests.visibleText(String(tile))
        #expect(text.contains("narastająco do 30.06.2023"))
        #expect(text.contains("w kwartale: \(SmallCellDisplay.number(inQuarter))"))
        #expect(text.contains("realizacja \(Int((cumulative / 60 * 100).rounded())) %"))
    }

    @Test func crossFileMatchesAreNotCalledDuplicates() throws {
        let html = try Self.demo.get()
        let quality = try between(html, "<section id=\"quality\"", "</section>")
        let kpis = try between(String(quality), "<div class=\"kpis\">", "<h3>")
        #expect(!kpis.contains("(duplikaty)") && !kpis.contains("(duplicates)"))
        #expect(kpis.contains("rekordy połączone z innym rekordem tej samej osoby"))
        #expect(kpis.contains("osoby, których rekordy połączono z innymi plikami"))
        // "duplikaty" only for rows rejected as a repeat of another row (none in the demo).
        let duplicates = try between(String(kpis), "<div class=\"kpi\"><b>", "duplikaty: wiersze odrzucone")
        #expect(duplicates.components(separatedBy: "<div class=\"kpi\"><b>").last?.hasPrefix("0</b>") == true)
    }
}
