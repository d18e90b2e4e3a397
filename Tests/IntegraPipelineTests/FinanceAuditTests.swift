import Foundation
import IntegraCore
import IntegraReports
import IntegraTesting
import IntegraWarehouse
import Testing

@testable import IntegraPipeline

/// `explain` of a money figure and the restatement of a submitted period after an invoice is corrected.
@Suite struct FinanceAuditTests {
    static let q1 = ReportingPeriod(
        id: "2023Q1", kind: .quarter, start: LocalDate(iso: "2023-01-01")!, end: LocalDate(iso: "2023-03-31")!,
        labelPL: "I kw. 2023", labelEN: "Q1 2023")
    static let q2 = ReportingPeriod(
        id: "2023Q2", kind: .quarter, start: LocalDate(iso: "2023-04-01")!, end: LocalDate(iso: "2023-06-30")!,
        labelPL: "II kw. 2023", labelEN: "Q2 2023")

    static func indicators() throws -> [IndicatorDefinition] {
        try IndicatorDefinition.loadAll(root: TestSupport.repositoryRoot)
    }

    /// Computes every indicator over Q1 and Q2 as a run would (with their breakdowns, no age bands).
    static func compute(_ p: FinanceProject) throws -> [IndicatorValue] {
        let requests = try indicators().map { i in
            IndicatorRequest(
                i.query,
                breakdowns: i.breakdowns.filter { $0 != "age_band" }.map {
                    BreakdownSpec(key: $0, column: IndicatorDefinition.knownBreakdowns[$0]!)
                })
        }
        try p.warehouse.compute(requests, periods: [q1, q2], cumulativeStart: p.project.project.periodStart, connections: 1)
        return try p.warehouse.indicatorValues()
    }

    @Test func explainListsTheLedgerRowsBehindAnAmountInZloty() throws {
        let p = try FinanceProject()
        _ = try Self.compute(p)
        try p.warehouse.close()
        var options = RunOptions()
        options.outputFolder = p.folder
        options.definitionsRoot = TestSupport.repositoryRoot
        options.language = .en
        let projectFile = p.folder.appendingPathComponent("fin.yml")
        let e = try Pipeline.explainIndicator(
            "fin_eligible_spend", period: "2023Q2", cumulative: true, filter: "partner=przystan", projectFile: projectFile,
            options: options, showNames: false)
        // 12 000,00 + 450,50 + 12 345,67 + 2 500,00 at Przystań to the end of Q2.
        #expect(e.figure == 2_729_617)
        #expect(e.storedFigure == 2_729_617)
        let text = e.text()
        #expect(text.contains("Figure: 27 296,17 zł from 4 qualifying rows"))
        #expect(text.contains("The latest run reported 27 296,17 zł: the rows below add up to it."))
        #expect(text.contains("document FV/3/2023 (przystan): 12 345,67 zł"))
        #expect(text.contains("przystan/wydatki.csv:4  12 345,67 zł"))
        #expect(!text.contains("Kowalski"))
        // A finance officer's language by default: the same rows, in Polish.
        var polish = e
        polish.language = .pl
        #expect(polish.text().contains("Wartość: 27 296,17 zł; wiersze kwalifikujące: 4"))
        #expect(polish.text().contains("dokument FV/3/2023 (przystan): 12 345,67 zł"))
        #expect(polish.document().sheets[0].header.contains("Numer dokumentu"))
        // A budget line of one partner: several categories at once.
        let line = try Pipeline.explainIndicator(
            "fin_eligible_spend", period: "2023Q2", cumulative: true, filter: "partner=przystan,task=1,budget_line=1.1",
            projectFile: projectFile, options: options, showNames: false)
        #expect(line.figure == 2_434_567 && line.evidence.count == 2 && line.storedFigure == nil)
        // Ledger rows by number, as the ledger counts them (2 before 10).
        #expect(e.units.compactMap { Int($0) } == e.units.compactMap { Int($0) }.sorted() && e.units.count == 4)
        #expect(line.text().contains("where partner = przystan and task = 1 and budget_line = 1.1"))
        let sheet = line.document().sheets[0]
        #expect(sheet.header.contains("document_number"))
        #expect(sheet.rows.first?.contains(.money(1_200_000)) == true)
    }

    /// Q1 submitted; then invoice FV/2/2023 is corrected in the ledger (450,50 → 400,00 zł) and a late Q1 invoice
    /// is added: the restatement shows the money figures' change and the ledger rows that caused it.
    @Test func aCorrectedInvoiceAfterSubmissionIsARestatementWithItsCause() throws {
        let before = try FinanceProject()
        let indicators = try Self.indicators()
        let submitted = try PeriodSnapshot.take(
            warehouse: before.warehouse, indicators: indicators, values: try Self.compute(before), period: Self.q1,
            projectStart: before.project.project.periodStart)
        let frozen = FrozenPeriod(
            project: "fin", period: "2023Q1", periodStart: "2023-01-01", periodEnd: "2023-03-31",
            projectSHA256: String(repeating: "0", count: 64), figures: submitted.figures, rows: submitted.rows,
            inputs: [.init(path: "przystan/wydatki.csv", sha256: "before")])
        try before.warehouse.close()

        var ledger = FinanceProject.ledger
        ledger[1].grosze = 40_000
        ledger.append(FinanceProject.Row(partner: "przystan", document: "FV/9/2023", paid: "2023-03-31", grosze: 1_000, task: "1", line: "1.2", category: .direct))
        let after = try FinanceProject(ledger: ledger)
        defer { try? after.warehouse.close() }
        let now = try PeriodSnapshot.take(
            warehouse: after.warehouse, indicators: indicators, values: try Self.compute(after), period: Self.q1,
            projectStart: after.project.project.periodStart)
        let restatement = try Restatement.compare(
            frozen: frozen, now: now, inputs: [("przystan/wydatki.csv", "after")]
        ) { row in
            try after.warehouse.currentCells(file: row.file, sheet: row.sheet, row: row.row).map { SHA256Hex.of(Data($0.utf8)) }
        }
        let total = restatement.lines.first { $0.indicator == "fin_eligible_spend" && $0.scope == "in_period" && $0.breakdown.isEmpty }
        #expect(total?.submitted == 1_245_050)
        #expect(total?.current == 1_241_000)
        #expect(restatement.lines.contains { $0.indicator == "fin_eligible_spend" && $0.breakdown == "budget_line" && $0.category == "1.2" })
        #expect(!restatement.lines.contains { $0.indicator == "fin_eligible_spend" && $0.breakdown == "task" && $0.category == "2" })
        let causes = restatement.causes.filter { $0.indicator == "fin_eligible_spend" && $0.scope == "in_period" }
        // Row 3 of Przystań's ledger (the corrected invoice) changed; row 6 (the late invoice, appended) was added.
        #expect(causes.contains { $0.change == .changed && $0.file == "przystan/wydatki.csv" && $0.row == 3 })
        #expect(causes.contains { $0.change == .added && $0.row == 6 })
        #expect(causes.allSatisfy { $0.fileStatus == "changed" })
        // The restatement workbook shows the amounts in złoty.
        let l = Labels(language: .pl, project: after.project)
        let document = restatement.document(
            language: .pl, indicators: Dictionary(uniqueKeysWithValues: indicators.map { ($0.code, $0) }), labels: l,
            created: Self.q1.end, title: "Korekta")
        let row = document.sheets[0].rows.first { $0.first == .text("fin_eligible_spend") && $0[4] == .text("ogółem") && $0[2] == .text("w okresie") }
        #expect(row?[5] == .money(1_245_050) && row?[6] == .money(1_241_000) && row?[7] == .money(-4_050))
    }
}
