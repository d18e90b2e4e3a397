import Foundation
import IntegraCore
import IntegraIngest
@testable import IntegraPipeline
import IntegraTesting
import Testing

/// A report belongs to its funder (issue 16): the workbook header and its Metryczka name the report's funder,
/// programme and agreement, never the project's when they differ; the Metryczka is written for the funder.
@Suite struct ReportFunderTests {
    @Test func reportsListPathsOrEntriesWithAnAgreement() throws {
        let text = ProjectDefinitionTests.demoText
        let project = try ProjectDefinition.parse(text, file: "demo.yml")
        #expect(project.reports.count == 7)
        #expect(project.reportAgreements["reports/fami-2021-2027-finance.yml"] == "FAMI.02.01-IP.01-0042/23")
        #expect(project.reports.contains("reports/generic-quarterly.yml"))
        #expect(project.reportAgreements["reports/fami-2021-2027.yml"] == "FAMI.02.01-IP.01-0042/23")
        #expect(project.reportAgreements["reports/fami-2014-2020.yml"] == "PL/2019/PR/0042")
        #expect(project.reportAgreements["reports/fundusz-pracy-rmw.yml"] == nil)
        // The plain list of paths still reads.
        let plain = text.replacingOccurrences(
            of: #"- { report: reports/fami-2014-2020.yml, agreement: "PL/2019/PR/0042" }"#, with: "- reports/fami-2014-2020.yml")
        #expect(plain != text)
        let old = try ProjectDefinition.parse(plain, file: "demo.yml")
        #expect(old.reports.contains("reports/fami-2014-2020.yml") && old.reportAgreements["reports/fami-2014-2020.yml"] == nil)
        // A misspelt key is refused.
        let typo = text.replacingOccurrences(of: "agreement: \"PL/2019/PR/0042\"", with: "agrement: \"PL/2019/PR/0042\"")
        #expect(throws: DefinitionError.self) { try ProjectDefinition.parse(typo, file: "demo.yml") }
    }

    /// The FAMI workbooks are headed with FAMI and their own agreement; the Fundusz Pracy one with the project's.
    /// The Metryczka says the same, holds the run's checksum and how to verify it, and no notes for the team.
    @Test func eachWorkbookNamesItsOwnFunder() throws {
        let (out, reports, _) = try BreakdownTotalsTests.demoWorkbooks()
        defer { try? FileManager.default.removeItem(at: out) }
        let expected = [
            "fami-2014-2020": ("Fundusz Azylu, Migracji i Integracji 2014–2020", "PL/2019/PR/0042"),
            "fami-2021-2027": ("Fundusz Azylu, Migracji i Integracji 2021–2027", "FAMI.02.01-IP.01-0042/23"),
            "fundusz-pracy-rmw": ("Fundusz Pracy", "RMW/2023/0042"),
            "generic-quarterly": ("Fundusz Pracy", "RMW/2023/0042"),
        ]
        #expect(Set(reports.map(\.definition.id)) == Set(expected.keys))
        for (definition, sheets) in reports {
            let (funder, agreement) = try #require(expected[definition.id])
            for sheet in sheets.dropLast() {
                let lines = sheet.rows.prefix(3).map { $0.cells.first?.text ?? "" }
                #expect(lines[1].contains("— \(funder)"), "\(definition.id): \(lines[1])")
                #expect(lines[2].hasSuffix(": \(agreement)"), "\(definition.id): \(lines[2])")
                if funder != "Fundusz Pracy" { #expect(!lines.joined().contains("Fundusz Pracy")) }
            }
            let meta = try #require(sheets.last)
            var values: [String: String] = [:]
            for row in meta.rows where row.cells.count >= 2 { values[row.cells[0].text] = row.cells[1].text }
            #expect(values["Instytucja finansująca"] == funder)
            #expect(values.values.contains(agreement))
            #expect(values["Beneficjent (lider projektu)"] == "Fundacja Przystań")
            #expect(values["Suma kontrolna przebiegu (SHA-256)"]?.wholeMatch(of: try Regex("[0-9a-f]{64}")) != nil)
            #expect(values["Jak odtworzyć raport"]?.contains("integra verify") == true)
            #expect(values["Wersja definicji"]?.contains("\(definition.id) v\(definition.version)") == true)
            let text = meta.rows.flatMap(\.cells).map(\.text).joined(separator: "\n")
            for note in [".md", ".yml", "shared/", "NOT", "template", "sql/"] {
                #expect(!text.contains(note), "\(definition.id) Metryczka: \(note)")
            }
        }
    }

    /// Each table says what its period columns count; a quarters table says a person counts once per quarter.
    @Test func eachTableNamesItsPeriodKind() throws {
        let (out, reports, _) = try BreakdownTotalsTests.demoWorkbooks()
        defer { try? FileManager.default.removeItem(at: out) }
        for (definition, sheets) in reports {
            for (i, sheet) in definition.sheets.enumerated() {
                let header = BreakdownTotalsTests.tableRows(sheets[i]).header.joined(separator: " | ")
                let lines = sheets[i].rows.prefix(4).map { $0.cells.first?.text ?? "" }.joined(separator: "\n")
                switch sheet.columns {
                case .quarters:
                    #expect(header.contains("I kw. 2023\nw kwartale"), "\(definition.id) \(sheet.name.pl)")
                    #expect(lines.contains("jest liczona w każdym z nich"), "\(definition.id) \(sheet.name.pl)")
                case .months: #expect(header.contains("w miesiącu"))
                case .years: #expect(header.contains("w roku"))
                case .reporting: #expect(header.contains("Cały projekt"), "\(definition.id) \(sheet.name.pl)")
                }
                if sheet.cumulativeColumn && sheet.columns != .reporting {
                    #expect(header.contains("Narastająco\nod początku projektu\ndo 31.12.2023"))
                }
            }
        }
    }
}
