import Foundation
import IntegraCore
import IntegraReports
import IntegraPipeline
import IntegraTesting
import IntegraWarehouse
import Testing

/// Issue 6, item 1: the units `integra explain INDICATOR` lists add up to the figure the run reported, for every
/// indicator and quarter, in-period and cumulative, in total and for a breakdown category; every listed row names
/// its source file and row.
@Suite struct ExplainIndicatorTests {
    @Test func explainedUnitsAddUpToEveryFigure() throws {
        let out = try TestSupport.makeTemporaryDirectory("integra-explain")
        defer { try? FileManager.default.removeItem(at: out) }
        let projectFile = TestSupport.repositoryRoot.appendingPathComponent("pipelines/demo.yml")
        var options = RunOptions()
        options.outputFolder = out
        let summary = try Pipeline.run(projectFile: projectFile, displayPath: "pipelines/demo.yml", options: options)
        let figures = summary.figures
        func reported(_ code: String, _ period: String, _ scope: String, _ b: String = "", _ c: String = "") -> Double {
            figures.first { $0.indicator == code && $0.period == period && $0.scope == scope && $0.breakdown == b && $0.category == c }?.value ?? 0
        }
        let codes = Set(figures.map(\.indicator)).sorted()
        #expect(codes.count >= 16)
        var checked = 0
        for code in codes {
            for quarter in ["2023Q1", "2023Q2", "2023Q3", "2023Q4"] {
                for cumulative in [false, true] {
                    let e = try Pipeline.explainIndicator(
                        code, period: quarter, cumulative: cumulative, filter: nil, projectFile: projectFile, options: options,
                        showNames: false)
                    let want = reported(code, quarter, cumulative ? "cumulative" : "in_period")
                    #expect(abs(e.figure - want) < 1e-9, "\(code) \(quarter) cumulative=\(cumulative)")
                    #expect(e.storedFigure.map { abs($0 - want) < 1e-9 } == true)
                    #expect(e.evidence.allSatisfy { $0.file != nil && $0.row != nil }, "\(code): a row without its source")
                    #expect(e.names.isEmpty)
                    checked += 1
                }
            }
        }
        // A breakdown category: women supported in Q2, and an age band.
        for filter in ["sex=K", "age_band=30–49", "partner=nadija"] {
            let e = try Pipeline.explainIndicator(
                "persons_supported", period: "2023Q2", cumulative: false, filter: filter, projectFile: projectFile,
                options: options, showNames: false)
            let parts = filter.split(separator: "=").map(String.init)
            #expect(e.figure == reported("persons_supported", "2023Q2", "in_period", parts[0], parts[1]), "\(filter)")
            #expect(e.figure > 0, "\(filter)")
        }
        #expect(checked == codes.count * 8)
        // Pseudonymous by default; names only when asked. In Polish unless asked otherwise, as a run's reports.
        let explanation = try Pipeline.explainIndicator(
            "persons_supported", period: "2023Q1", cumulative: false, filter: nil, projectFile: projectFile, options: options,
            showNames: false)
        let text = explanation.text()
        #expect(text.contains("P0000"))
        #expect(text.contains("Okres 2023Q1 (2023-01-01 – 2023-03-31), w okresie"))
        #expect(text.contains("wiersze poniżej dają dokładnie tę wartość"))
        #expect(!text.contains("qualifying"))
        let table = explanation.document()
        #expect(table.sheets[0].header.first == "Jednostka" && table.metadataSheetName == "Metryczka")
        // Ledger rows by number (2 before 10), as the ledger counts them.
        let money = try Pipeline.explainIndicator(
            "fin_eligible_spend", period: "2023Q2", cumulative: true, filter: "partner=przystan", projectFile: projectFile,
            options: options, showNames: false)
        let numbers = money.units.compactMap { Int($0) }
        #expect(numbers.count == money.units.count && numbers.count > 10 && numbers == numbers.sorted())
        var english = explanation
        english.language = .en
        #expect(english.text().contains("the rows below add up to it"))
        #expect(english.document().sheets[0].header.first == "unit_id")
        // `integra explain person` speaks Polish unless asked otherwise too, decimals with a comma.
        // P000003: a course participant of one partner met in another's consultation log (one link).
        let polish = try Pipeline.explainPerson("P000003", projectFile: projectFile, options: options, showNames: false)
        #expect(polish.hasPrefix("Osoba P000003: najmocniejszy dowód to "))
        #expect(polish.contains("Rekordy (2):") && polish.contains("Połączenia (1), od najsilniejszego:"))
        #expect(polish.range(of: #"p = \d,\d{4}, waga \d+,\d\d"#, options: .regularExpression) != nil)
        #expect(!polish.contains("Records") && !polish.contains("weight"))
        var englishOptions = options
        englishOptions.language = .en
        let person = try Pipeline.explainPerson("P000003", projectFile: projectFile, options: englishOptions, showNames: false)
        #expect(person.hasPrefix("Person P000003: the strongest evidence is "))
        #expect(person.range(of: #"p = \d\.\d{4}, weight \d+\.\d\d"#, options: .regularExpression) != nil)
    }

    @Test func aBreakdownTheIndicatorLacksIsRefused() throws {
        let projectFile = TestSupport.repositoryRoot.appendingPathComponent("pipelines/demo.yml")
        var options = RunOptions()
        options.outputFolder = try TestSupport.makeTemporaryDirectory("integra-explain-bad")
        defer { try? FileManager.default.removeItem(at: options.outputFolder!) }
        _ = try Pipeline.run(projectFile: projectFile, options: options)
        #expect(throws: DefinitionError.self) {
            try Pipeline.explainIndicator(
                "consultations", period: "2023Q1", cumulative: false, filter: "sex=K", projectFile: projectFile,
                options: options, showNames: false)
        }
        #expect(throws: DefinitionError.self) {
            try Pipeline.explainIndicator(
                "persons_supported", period: "2031Q1", cumulative: false, filter: nil, projectFile: projectFile,
                options: options, showNames: false)
        }
        // The command's own messages speak the language asked for: Polish unless --lang en.
        func message(_ options: RunOptions, _ body: (RunOptions) throws -> Void) -> String {
            do { try body(options) } catch { return "\(error)" }
            return ""
        }
        let breakdown = { (o: RunOptions) in
            _ = try Pipeline.explainIndicator(
                "consultations", period: "2023Q1", cumulative: false, filter: "sex=K", projectFile: projectFile,
                options: o, showNames: false)
        }
        let person = { (o: RunOptions) in
            _ = try Pipeline.explainPerson("P999999", projectFile: projectFile, options: o, showNames: false)
        }
        #expect(message(options, breakdown).hasSuffix("consultations nie ma przekroju 'sex'; ma: partner, activity, topic, language, mode"))
        #expect(message(options, person).contains("w ostatnim przebiegu nie ma osoby P999999"))
        var english = options
        english.language = .en
        #expect(message(english, breakdown).hasSuffix("consultations has no breakdown 'sex'; it allows partner, activity, topic, language, mode"))
        #expect(message(english, person).contains("no person P999999 in the latest run"))
    }
}
