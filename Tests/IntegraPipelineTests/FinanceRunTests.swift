import Foundation
import IntegraCore
import IntegraTesting
import Testing

@testable import IntegraPipeline

/// A project that lists the finance reports before it has ledgers or a budget keeps working: nothing finance is
/// written, and nothing else changes.
@Suite struct FinanceRunTests {
    @Test func financeReportsOfAProjectWithoutLedgersAreNotWritten() throws {
        let demo = try DemoCopy("integra-finance-run")
        defer { demo.remove() }
        var text = try String(contentsOf: demo.url("demo.yml"), encoding: .utf8)
        // The demo without its money: no ledger or budget source, no finance: block.
        let lines = text.components(separatedBy: "\n")
        let moneyStart = try #require(lines.firstIndex { $0.hasPrefix("  # The money.") })
        let sourcesEnd = try #require(lines.firstIndex { $0 == "participants:" })
        let financeStart = try #require(lines.firstIndex { $0 == "finance:" })
        let financeEnd = try #require(lines[(financeStart + 1)...].firstIndex { !$0.hasPrefix(" ") && !$0.isEmpty })
        text = (Array(lines[..<moneyStart]) + lines[sourcesEnd..<financeStart] + lines[financeEnd...])
            .joined(separator: "\n")
        #expect(text.contains("fami-2021-2027-finance") && text.contains("fundusz-pracy-rmw-finance"))
        try text.write(to: demo.url("demo.yml"), atomically: true, encoding: .utf8)
        let summary = try demo.run()
        #expect(!summary.outputs.contains { $0.contains("finance") }, "\(summary.outputs.filter { $0.contains("finance") })")
        #expect(summary.outputs.contains("reports/generic-quarterly.xlsx"))
        let html = try String(contentsOf: demo.url("out/dashboard.html"), encoding: .utf8)
        #expect(!html.contains("id=\"finance\""))
        // The money indicator is computed (zero) and written in złoty in the long table.
        let long = try String(contentsOf: demo.url("out/reports/indicators-long.csv"), encoding: .utf8)
        #expect(long.contains("fin_eligible_spend;project;projekt;ogółem;;0;0"))
    }
}
