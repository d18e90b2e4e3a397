import Foundation
import IntegraCore
import IntegraIngest
import IntegraSynth
import IntegraTesting
import Testing

@testable import IntegraPipeline

/// The demo project end to end: every figure against the generator's truth, the XLSX read back, identical bytes on
/// re-run, and the `integra` executable's exit codes.
@Suite(.serialized)
struct EndToEndTests {
    struct Truth: Decodable {
        struct Figure: Decodable {
            var indicator: String
            var period: String
            var scope: String
            var breakdown: String
            var category: String
            var value: Double
        }
        struct File: Decodable {
            var path: String
            var read: Int
            var loaded: Int
            var rejected: Int
        }
        struct Finance: Decodable {
            struct Spending: Decodable {
                var partner: String
                var task: String
                var budget_line: String
                var quarter: String
                var eligible_grosze: Double
            }
            var files: [File]
            var spending: [Spending]
        }
        var persons: Int
        var files: [File]
        var figures: [Figure]
        var finance: Finance?

        /// Every input file: the participant files and the ledgers and budget.
        var inputs: [File] { files + (finance?.files ?? []) }
    }

    let root = TestSupport.repositoryRoot
    var demo: URL { root.appendingPathComponent("pipelines/demo.yml") }

    func truth() throws -> Truth {
        try JSONDecoder().decode(Truth.self, from: Data(contentsOf: root.appendingPathComponent("pipelines/demo/truth.json")))
    }

    func run(into out: URL) throws -> RunSummary {
        var options = RunOptions()
        options.outputFolder = out
        return try Pipeline.run(projectFile: demo, displayPath: "pipelines/demo.yml", options: options)
    }

    @Test func committedDemoIsWhatTheGeneratorWrites() throws {
        let dir = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let written = try DemoGenerator(seed: 2023).write(into: dir, name: "demo")
        #expect(written.count == 17)
        for path in written {
            let generated = try Data(contentsOf: dir.appendingPathComponent(path))
            let committed = try Data(contentsOf: root.appendingPathComponent("pipelines").appendingPathComponent(path))
            #expect(generated == committed, "\(path) differs from the committed demo: run `make synth-demo`")
        }
    }

    @Test func everyFigureEqualsTheGeneratorsTruth() throws {
        let out = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let summary = try run(into: out)
        let truth = try truth()
        #expect(summary.persons == truth.persons)
        #expect(summary.failedFiles == 0)

        // Row accounting per file.
        let byPath = Dictionary(uniqueKeysWithValues: summary.files.map { ($0.path, $0) })
        #expect(byPath.count == truth.inputs.count)
        for t in truth.inputs {
            let f = try #require(byPath[t.path], "\(t.path) was not read")
            #expect((f.rowsRead, f.rowsLoaded, f.rowsRejected) == (t.read, t.loaded, t.rejected), "\(t.path)")
            #expect(f.rowsRead == f.rowsLoaded + f.rowsRejected)
        }

        // Every figure, breakdowns included (absent categories are 0 on both sides).
        let warehouse = out.appendingPathComponent("warehouse.sqlite")
        let values = try WarehouseFigures.read(warehouse)
        var expected: [String: Double] = [:]
        for f in truth.figures { expected["\(f.indicator)|\(f.period)|\(f.scope)|\(f.breakdown)|\(f.category)"] = f.value }
        // The money: each quarter's eligible spend in grosze, in all and by partner, task and budget line, from the
        // truth's cells (partner × task × line × quarter of payment).
        for c in truth.finance?.spending ?? [] {
            for key in ["||", "|partner|\(c.partner)", "|task|\(c.task)", "|budget_line|\(c.budget_line)"] {
                expected["fin_eligible_spend|\(c.quarter)|in_period|\(key.dropFirst())", default: 0] += c.eligible_grosze
            }
        }
        var mismatches: [String] = []
        // The truth covers months, quarters and the year with the project's age bands; the whole-project period and
        // the reports' own bands (age_band#n) are checked through those.
        let truthPeriods = Set(truth.figures.map(\.period))
        for key in Set(expected.keys).union(values.keys) where !key.contains("|age_band#") {
            let parts = key.split(separator: "|", omittingEmptySubsequences: false)
            if !truthPeriods.contains(String(parts[1])) { continue }
            // The truth's money is by quarter, in the period, and not by cost category (scripts/check-demo.py
            // compares the categories over the whole project).
            if parts[0] == "fin_eligible_spend" && (!parts[1].contains("Q") || parts[2] != "in_period" || parts[3] == "cost_category") {
                continue
            }
            if abs((values[key] ?? 0) - (expected[key] ?? 0)) > 1e-6 {
                mismatches.append("\(key): run \(values[key] ?? 0), truth \(expected[key] ?? 0)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.sorted().prefix(20).joined(separator: "\n"))")
        #expect(expected.count > 300)

        // The rejected rows, with stable codes and locations.
        let errors = summary.diagnostics.filter { $0.severity == .error }
        #expect(
            Set(errors.map(\.code.rawValue))
                == ["invalid-date", "missing-value", "unmatched-attendance", "invalid-amount", "unpaid-expenditure",
                    "duplicate-invoice", "eligible-above-gross", "expense-outside-eligibility", "unknown-budget-line",
                    "vat-not-eligible"])
        #expect(errors.allSatisfy { $0.location?.row != nil })
    }

    @Test func xlsxReadsBackWithTheFiguresInPlace() throws {
        let out = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        _ = try run(into: out)
        let truth = try truth()
        let workbook = try XLSXWorkbook(url: out.appendingPathComponent("reports/generic-quarterly.xlsx"))
        #expect(workbook.sheets.map(\.name) == [
            "Wskaźniki", "Miesiące", "Płeć", "Wiek", "Obywatelstwo", "Partnerzy", "Formy wsparcia", "Konsultacje — tematy",
            "Konsultacje — języki", "Konsultacje — forma", "Metryczka",
        ])
        let sheet = try workbook.readSheet(named: "Wskaźniki")
        let header = try #require(sheet.rows.first { $0[0] == .string("Kod") })
        #expect(header.cells.map(\.text) == [
            "Kod", "Wskaźnik", "Jednostka", "I kw. 2023\nw kwartale", "II kw. 2023\nw kwartale", "III kw. 2023\nw kwartale",
            "IV kw. 2023\nw kwartale", "Narastająco\nod początku projektu\ndo 31.12.2023", "Wartość docelowa", "% realizacji",
        ])
        func truthValue(_ code: String, _ period: String, _ scope: String) -> Double {
            truth.figures.first { $0.indicator == code && $0.period == period && $0.scope == scope && $0.breakdown.isEmpty }?.value ?? -1
        }
        // The generic indicators have no code in a funder's form: rows are found by name.
        let names = [
            "Liczba osób objętych wsparciem": "persons_supported",
            "Liczba nowych uczestników (rozpoczęcie wsparcia w okresie)": "persons_new",
            "Liczba osób, które ukończyły kurs": "course_completers", "Liczba udzielonych konsultacji": "consultations",
        ]
        var checked = 0
        for row in sheet.rows where row.number > header.number {
            guard row[0] == .empty, case .string(let name) = row[1], let code = names[name] else { continue }
            for (i, q) in ["2023Q1", "2023Q2", "2023Q3", "2023Q4"].enumerated() {
                #expect(row[3 + i] == .number(truthValue(code, q, "in_period")), "\(code) \(q)")
                checked += 1
            }
            #expect(row[7] == .number(truthValue(code, "2023Q4", "cumulative")), "\(code) cumulative")
            checked += 1
        }
        #expect(checked == 20)
        let meta = try workbook.readSheet(named: "Metryczka")
        #expect(meta.rows.contains { $0[1] == .string("Razem w Lublinie") })
    }

    @Test func twoRunsWriteIdenticalBytes() throws {
        let a = try TestSupport.makeTemporaryDirectory(), b = try TestSupport.makeTemporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: a)
            try? FileManager.default.removeItem(at: b)
        }
        let first = try run(into: a)
        _ = try run(into: b)
        #expect(first.outputs.contains("reports/generic-quarterly.xlsx"))
        for path in first.outputs + ["warehouse.sqlite"] {
            let x = try Data(contentsOf: a.appendingPathComponent(path))
            let y = try Data(contentsOf: b.appendingPathComponent(path))
            #expect(x == y, "\(path) differs between two runs")
        }
    }

    @Test func aggregateOutputsCarryNoPersonalData() throws {
        let out = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let summary = try run(into: out)
        // Surnames and PESELs of the demo's people, read from the inputs through the warehouse.
        let identifiers = try WarehouseFigures.personalValues(out.appendingPathComponent("warehouse.sqlite"))
        #expect(identifiers.count > 50)
        for path in summary.outputs {
            let url = out.appendingPathComponent(path)
            let text: String
            if path.hasSuffix(".xlsx") {
                // Every cell of every sheet, as the workbook's reader sees it.
                text = try XLSXWorkbook(url: url).readAllSheets()
                    .flatMap { $0.rows.flatMap { $0.cells.map(\.text) } }.joined(separator: "\n")
            } else {
                text = try String(contentsOf: url, encoding: .utf8)
            }
            #expect(!text.isEmpty)
            for value in identifiers where text.contains(value) {
                Issue.record("\(path) contains a personal value")
            }
        }
    }

    @Test func executableRunsTheDemoAndRefusesABadProjectFileWith64() throws {
        let exe = try #require(Executable.integra, "build the integra product first (swift build)")
        let out = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let ok = try Executable.run(exe, ["run", demo.path, "--out", out.path], in: root)
        #expect(ok.status == 0)
        // The summary speaks Polish by default, its diagnostics worded by the catalogue; English with --lang en.
        #expect(ok.stdout.contains("Osoby: \(try truth().persons)"))
        #expect(ok.stdout.contains("błąd[missing-value]: Brak wymaganej wartości"))
        #expect(!ok.stdout.contains("the row is rejected"))
        let english = try Executable.run(exe, ["run", demo.path, "--out", out.path, "--lang", "en"], in: root)
        #expect(english.stdout.contains("Persons: \(try truth().persons)"))
        #expect(english.stdout.contains("error[missing-value]: the first or last name is empty; the row is rejected"))
        #expect(ok.stdout.contains("demo/przystan/lista-uczestnikow-2023.csv"))

        let bad = out.appendingPathComponent("bad.yml")
        let text = try String(contentsOf: demo, encoding: .utf8).replacingOccurrences(of: "    kind: roll", with: "    kind: rol")
        try text.write(to: bad, atomically: true, encoding: .utf8)
        let refused = try Executable.run(exe, ["run", bad.path, "--out", out.path], in: root)
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("bad.yml:"))
        #expect(refused.stderr.contains("sources[0].kind: expected one of roll, attendance, consultations"))
    }
}
