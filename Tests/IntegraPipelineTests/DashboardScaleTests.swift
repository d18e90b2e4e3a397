import Foundation
import IntegraCore
import IntegraTesting
import IntegraWarehouse
import Testing

@testable import IntegraPipeline

/// A programme-sized page: 50 partners, 14 activities, two years of quarters, every indicator and breakdown the
/// catalogue allows — the page stays one file well under 5 MB. With `INTEGRA_DASHBOARD_SCALE_OUT=path` the test writes
/// the page there, for scripts/check-dashboard.py to time in Chromium (`.ci/run` does).
struct DashboardScaleTests {
    static let partners = 50
    static let activities = 14

    /// A project file with 50 partners and 14 activities, targets on a few indicators.
    static func project() throws -> ProjectDefinition {
        var yaml = """
            version: 1
            project: { id: scale, name: Program integracyjny, funder: FAMI, period: { start: 2023-01-01, end: 2024-12-31 } }
            partners:

            """
        for p in 1...partners {
            yaml += "  - { id: p\(p), name: Organizacja partnerska nr \(p)\(p == 1 ? ", role: leader" : "") }\n"
        }
        yaml += "activities:\n"
        for a in 1...activities { yaml += "  a\(a): { pl: Forma wsparcia \(a), en: Activity \(a) }\n" }
        yaml += """
            sources: []
            targets:
              - { indicator: persons_supported, value: 6000 }
              - { indicator: persons_supported, where: { citizenship: UKR }, value: 4000 }
              - { indicator: course_completers, value: 2500 }
              - { indicator: consultations, value: 9000 }

            """
        return try ProjectDefinition.parse(yaml, file: "scale.yml")
    }

    /// Seeded figures for every indicator × period × scope × breakdown category.
    static func values(_ indicators: [IndicatorDefinition], periods: ReportPeriods) -> [IndicatorValue] {
        var state: UInt64 = 2023
        func next(_ bound: Int) -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(Int((state >> 33) % UInt64(bound)))
        }
        let categories: [String: [String]] = [
            "sex": ["K", "M", ""], "age_band": AgeBand.defaults.map(\.label) + [""],
            "citizenship": ["UKR", "BLR", "GEO", "MDA", "RUS", "KAZ", "UZB", "IND", "VNM", "TUR", ""],
            "partner": (1...partners).map { "p\($0)" }, "activity": (1...activities).map { "a\($0)" },
            "objective": ["integration", "asylum", ""], "priority": ["I", "II"],
            "topic": ["praca", "legalizacja pobytu", "zdrowie"],
            "language": ["UA", "RU", "PL"], "mode": ["osobiście", "telefon", "online"],
        ]
        var result: [IndicatorValue] = []
        for indicator in indicators {
            for period in periods.all {
                for scope in ["in_period", "cumulative"] {
                    let scale = scope == "cumulative" ? 3000 : 900
                    result.append(
                        .init(
                            indicator: indicator.code, period: period.id, scope: scope, breakdown: "", category: "",
                            value: next(scale)))
                    for b in indicator.breakdowns {
                        for c in categories[b] ?? [] {
                            result.append(
                                .init(
                                    indicator: indicator.code, period: period.id, scope: scope, breakdown: b,
                                    category: c, value: next(scale / 8)))
                        }
                    }
                }
            }
        }
        return result
    }

    static func render() throws -> String {
        let root = TestSupport.repositoryRoot
        let project = try project()
        let indicators = try IndicatorDefinition.loadAll(root: root)
        let periods = ReportPeriods(
            projectStart: project.project.periodStart, projectEnd: project.project.periodEnd, reporting: nil)
        var facts = DashboardFacts()
        var seed = 7
        for range in Dashboard.ranges(periods, projectStart: project.project.periodStart) {
            var cells: [PartnerActivityCount] = []
            var records: [String: Int] = [:]
            for p in 1...partners {
                for a in 1...activities where (p + a) % 3 != 0 {
                    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
                    cells.append(PartnerActivityCount(partner: "p\(p)", activity: "a\(a)", persons: seed % 60))
                }
                if (p + range.key.count) % 7 != 0 { records["p\(p)"] = 10 + p }
            }
            facts.partnerActivity[range.key] = cells
            facts.partnerRecords[range.key] = records
        }
        facts.records = 9100
        facts.persons = 6400
        facts.reviewPairs = 120
        var files: [SourceFileRecord] = []
        var diagnostics: [DiagnosticRecord] = []
        for p in 1...partners {
            for (k, kind) in [SourceKind.roll, .attendance, .consultations, .attendance].enumerated() {
                let id = files.count + 1
                var file = SourceFileRecord(
                    id: id, sourceID: "s\(p)-\(k)", partnerID: "p\(p)", kind: kind, activityID: "a\(k + 1)",
                    path: "partnerzy/p\(p)/plik-\(k + 1)-2023.xlsx", sha256: String(repeating: "a", count: 64),
                    size: 1000, encoding: nil)
                file.rowsRead = 200 + p
                file.rowsRejected = p % 5
                file.rowsLoaded = file.rowsRead - file.rowsRejected
                files.append(file)
                for _ in 0..<(p % 5) {
                    diagnostics.append(
                        DiagnosticRecord(fileID: id, rawRowID: nil, diagnostic: Diagnostic(.error, "invalid-date", "x"))
                    )
                }
            }
        }
        let dashboard = Dashboard(
            project: project, indicators: indicators, values: ValueIndex(values(indicators, periods: periods)),
            periods: periods,
            files: files, diagnostics: diagnostics,
            evidence: ["pesel": 3000, "name_birth_date": 3000, "name_only": 400],
            facts: facts, language: .pl, fingerprint: String(repeating: "0", count: 64))
        return try dashboard.render(templateFolder: root.appendingPathComponent(Dashboard.templateFolder))
    }

    @Test func fiftyPartnersFitInOneFileUnderFiveMegabytes() throws {
        let html = try Self.render()
        let size = html.utf8.count
        #expect(size < 5 * 1024 * 1024, "\(size) bytes")
        for p in [1, 25, 50] { #expect(html.contains("Organizacja partnerska nr \(p)<")) }
        if let path = ProcessInfo.processInfo.environment["INTEGRA_DASHBOARD_SCALE_OUT"], !path.isEmpty {
            let url = URL(fileURLWithPath: path, relativeTo: TestSupport.repositoryRoot)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(html.utf8).write(to: url)
        }
    }
}
