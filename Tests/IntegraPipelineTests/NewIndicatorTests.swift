import Foundation
import IntegraCore
import IntegraPipeline
import IntegraTesting
import Testing

/// Issue 5: a new indicator is two files, `sql/indicators/<code>.sql` and `.yml`; a report definition names it and
/// it appears in the report — no Swift change. The test copies the definitions, adds an indicator and a report,
/// and runs the demo against them.
@Suite struct NewIndicatorTests {
    static let sql = """
        -- women_supported: women who received any support (a user's own indicator).
        select e.person_id as unit_id, e.event_date, e.partner_id as partner, e.raw_row_id
        from fct_support_events as e
        inner join dim_persons as d on e.person_id = d.person_id
        where d.sex = 'K'
        """
    static let yml = """
        code: women_supported
        version: 1
        name: { pl: Liczba kobiet objętych wsparciem, en: Women supported }
        unit: { pl: osoby, en: persons }
        funder: our-own
        programme: Projekt testowy
        source: "the project's own agreement, §3"
        to_verify: false
        breakdowns: [partner]
        """
    static let report = """
        id: our-report
        version: 1
        title: { pl: Nasz raport, en: Our report }
        sheets:
          - name: { pl: Kobiety, en: Women }
            indicators: [women_supported, persons_supported]
          - name: { pl: Partnerzy, en: Partners }
            indicators: [women_supported]
            breakdown: partner
        """

    @Test func twoFilesMakeAnIndicatorThatAReportShows() throws {
        let root = try TestSupport.makeTemporaryDirectory("integra-new-indicator")
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        let repo = TestSupport.repositoryRoot
        for folder in ["sql", "reports"] {
            try fm.copyItem(at: repo.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
        try fm.createDirectory(at: root.appendingPathComponent("pipelines"), withIntermediateDirectories: true)
        for folder in ["pipelines/demo", "pipelines/linkage"] {
            try fm.copyItem(at: repo.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
        try Self.sql.write(to: root.appendingPathComponent("sql/indicators/women_supported.sql"), atomically: true, encoding: .utf8)
        try Self.yml.write(to: root.appendingPathComponent("sql/indicators/women_supported.yml"), atomically: true, encoding: .utf8)
        try Self.report.write(to: root.appendingPathComponent("reports/our-report.yml"), atomically: true, encoding: .utf8)
        let demo = try String(contentsOf: repo.appendingPathComponent("pipelines/demo.yml"), encoding: .utf8)
        let project = demo.replacingOccurrences(of: "reports:\n", with: "reports:\n  - reports/our-report.yml\n")
        #expect(project != demo)
        let projectFile = root.appendingPathComponent("pipelines/demo.yml")
        try project.write(to: projectFile, atomically: true, encoding: .utf8)

        var options = RunOptions()
        options.outputFolder = root.appendingPathComponent("out")
        options.csv = .rfc4180
        let summary = try Pipeline.run(projectFile: projectFile, options: options)

        func figure(_ code: String, _ breakdown: String = "", _ category: String = "") -> Double? {
            summary.figures.first {
                $0.indicator == code && $0.period == "project" && $0.scope == "cumulative" && $0.breakdown == breakdown
                    && $0.category == category
            }?.value
        }
        let women = try #require(figure("women_supported"))
        #expect(women > 0)
        #expect(women == figure("persons_supported", "sex", "K"))
        let csv = try String(contentsOf: root.appendingPathComponent("out/reports/our-report__summary.csv"), encoding: .utf8)
        // No code in a funder's form: the Kod column is empty, never Integra's id.
        let row = try #require(csv.split(whereSeparator: \.isNewline).first { $0.contains("Liczba kobiet objętych wsparciem") })
        #expect(row.hasPrefix(",Liczba kobiet objętych wsparciem,osoby,"))
        #expect(row.split(separator: ",").last.map(String.init) == String(Int(women)))
        #expect(fm.fileExists(atPath: root.appendingPathComponent("out/reports/our-report.xlsx").path))
        let partners = try String(contentsOf: root.appendingPathComponent("out/reports/our-report__partners.csv"), encoding: .utf8)
        #expect(partners.contains("Ogółem (bez powtórzeń)"))
        #expect(summary.manifest.definitions.contains { $0.path == "sql/indicators/women_supported.sql" })
    }
}
