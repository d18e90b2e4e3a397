import Foundation
import IntegraCore
import IntegraTesting
import IntegraWarehouse
import Testing

extension WarehouseFixture {
    /// A ledger row of `partner` paid on `paid` (one row of its own file), eligible `grosze`.
    @discardableResult
    mutating func spend(
        _ partner: String, task: String, line: String, _ grosze: Int64, paid: String?, category: CostCategory = .direct,
        document: String? = nil
    ) -> Int {
        let raw = rawRow(partner, .ledger)
        var e = ExpenditureRecord(
            id: batch.expenditures.count + 1, rawRowID: raw, partnerID: partner,
            documentNumber: document ?? "FV/\(batch.expenditures.count + 1)/2023", eligible: Money(grosze: grosze),
            task: task, budgetLine: line, category: category)
        e.paymentDate = paid.map(Self.day)
        e.gross = Money(grosze: grosze)
        batch.expenditures.append(e)
        return raw
    }

    /// A budget cell: `partner`'s plan for (task, line) in `period` (`project`, `2023`, `2023Q2`).
    mutating func plan(
        _ partner: String, task: String, line: String, _ grosze: Int64, period: String = "project",
        category: CostCategory = .direct, taskName: String? = nil, lineName: String? = nil
    ) {
        let raw = rawRow(partner, .budget)
        var b = BudgetRecord(
            rawRowID: raw, partnerID: partner, task: task, budgetLine: line, category: category, periodID: period,
            amount: Money(grosze: grosze))
        b.taskName = taskName
        b.lineName = lineName
        batch.budget.append(b)
    }
}

/// The SQL of `sql/finance/` and the money indicator on ledger rows and budget cells loaded through `Warehouse.load`.
@Suite struct FinanceFiguresTests {
    static let start = WarehouseFixture.day("2023-01-01")
    static let end = WarehouseFixture.day("2023-12-31")

    static func figures(
        _ warehouse: Warehouse, to periodEnd: String, from periodStart: String, rules: FinanceRules = FinanceRules(),
        groups: [FinanceCostGroup] = []
    ) throws -> FinanceFigures {
        try warehouse.financeFigures(
            start: WarehouseFixture.day(periodStart), end: WarehouseFixture.day(periodEnd), projectStart: start,
            projectEnd: end, rules: rules, groups: groups)
    }

    /// Lead plans 10 000,00 zł for 1.1 for the project; spends 1 000,01 in Q1 and 500,00 in Q2, less a 200,00
    /// credit note in Q2. Other plans 1.1 per quarter (300,00 each) and spends nothing.
    @Test func budgetLinesSpentRemainingAndForecastToTheGrosz() throws {
        var f = WarehouseFixture()
        f.plan("lead", task: "1", line: "1.1", 1_000_000, taskName: "Kursy", lineName: "Lektor")
        for q in 1...4 { f.plan("other", task: "1", line: "1.1", 30_000, period: "2023Q\(q)") }
        f.spend("lead", task: "1", line: "1.1", 100_001, paid: "2023-02-10")
        f.spend("lead", task: "1", line: "1.1", 50_000, paid: "2023-04-02")
        f.spend("lead", task: "1", line: "1.1", -20_000, paid: "2023-05-15")
        let warehouse = try f.warehouse()
        #expect(try warehouse.hasFinanceData())

        let q1 = try Self.figures(warehouse, to: "2023-03-31", from: "2023-01-01")
        #expect(q1.lines.map(\.partner) == ["lead", "other"])
        let lead = q1.lines[0]
        #expect(lead.taskName == "Kursy" && lead.lineName == "Lektor" && lead.category == .direct)
        #expect(lead.plan.grosze == 1_000_000)
        #expect(lead.spentInPeriod.grosze == 100_001 && lead.spentCumulative.grosze == 100_001)
        #expect(lead.remaining.grosze == 899_999)
        // 100 001 × 365 / 90 = 405 559,61… → 405 560 grosze.
        #expect(lead.forecast.grosze == 405_560)
        // A project total accrues by day: 1 000 000 × 90 / 365 = 246 575,34… → 246 575.
        #expect(lead.planToDate.grosze == 246_575)
        let other = q1.lines[1]
        #expect(other.plan.grosze == 120_000 && other.planToDate.grosze == 30_000 && other.spentCumulative.grosze == 0)
        #expect(other.remaining.grosze == 120_000 && other.execution == 0)

        let q2 = try Self.figures(warehouse, to: "2023-06-30", from: "2023-04-01")
        #expect(q2.lines[0].spentInPeriod.grosze == 30_000)
        #expect(q2.lines[0].spentCumulative.grosze == 130_001)
        #expect(q2.lines[1].planToDate.grosze == 60_000)
        // At the project's end the forecast is what was spent.
        let year = try Self.figures(warehouse, to: "2023-12-31", from: "2023-01-01")
        #expect(year.lines[0].forecast.grosze == 130_001)
        #expect(year.expenditures.map(\.eligible.grosze) == [100_001, 50_000, -20_000])
        #expect(year.expenditures[0].file == "lead/ledger-1.csv" || year.expenditures[0].file.hasPrefix("lead/ledger"))
        #expect(year.expenditures.allSatisfy { $0.row == 2 })
    }

    /// A line planned both as a project total and per year takes the project total, not the sum of both.
    @Test func theCoarsestPlanOfALineIsItsPlan() throws {
        var f = WarehouseFixture()
        f.plan("lead", task: "2", line: "2.1", 500_000)
        f.plan("lead", task: "2", line: "2.1", 500_000, period: "2023")
        let warehouse = try f.warehouse()
        let figures = try Self.figures(warehouse, to: "2023-12-31", from: "2023-01-01")
        #expect(figures.lines.count == 1)
        #expect(figures.lines[0].plan.grosze == 500_000)
    }

    /// Spending on a line only the other partner plans shows as a line of its own with no plan.
    @Test func spendingWithoutAPlanOfThePartnerIsALineWithPlanZero() throws {
        var f = WarehouseFixture()
        f.plan("lead", task: "1", line: "1.1", 100_000)
        f.spend("other", task: "1", line: "1.1", 2_500, paid: "2023-03-01")
        let warehouse = try f.warehouse()
        let line = try Self.figures(warehouse, to: "2023-03-31", from: "2023-01-01").lines.first { $0.partner == "other" }
        #expect(line?.plan.grosze == 0 && line?.remaining.grosze == -2_500 && line?.execution == nil)
    }

    /// Three persons supported (P1 on the course at lead, P1 and P2 consulting at other, P3 consulting at lead);
    /// task 1 pays for the course, task 2 for consultations, task 3 (management) for nothing.
    @Test func costPerParticipantAndPerCourseHour() throws {
        var f = WarehouseFixture()
        for p in ["P000001", "P000002", "P000003"] { f.person(p) }
        let course = f.course("lead", "A1")
        let record = f.enrol("P000001", course: course, start: "2023-01-10")
        let s = f.sessions(course, ["2023-01-12", "2023-01-19", "2023-01-26"])
        f.attend(record, [(s[0], true), (s[1], true), (s[2], false)])  // the third session nobody attended
        f.consult("other", "P000001", on: "2023-02-01")
        f.consult("other", "P000002", on: "2023-02-02")
        f.consult("lead", "P000003", on: "2023-02-03")
        f.spend("lead", task: "1", line: "1.1", 100_000, paid: "2023-02-01")
        f.spend("other", task: "2", line: "2.1", 20_000, paid: "2023-02-01")
        f.spend("lead", task: "3", line: "3.1", 10_001, paid: "2023-02-01", category: .indirect)
        let warehouse = try f.warehouse()
        let groups = [
            FinanceCostGroup(id: "course", tasks: ["1"], activities: ["course"]),
            FinanceCostGroup(id: "consult", tasks: ["2"], activities: ["consult"]),
        ]
        let figures = try Self.figures(warehouse, to: "2023-03-31", from: "2023-01-01", groups: groups)
        #expect(figures.unitCosts.map(\.group) == ["", "course", "consult"])
        let total = figures.unitCosts[0]
        // 130 001 grosze / 3 persons = 43 333,67 → 43 334.
        #expect(total.spent.grosze == 130_001 && total.persons == 3 && total.costPerPerson?.grosze == 43_334)
        let courseCost = figures.unitCosts[1]
        // Two sessions held × 2 h: 1 000,00 zł / 4 h = 250,00 zł an hour; one person.
        #expect(courseCost.centihours == 400 && courseCost.costPerHour?.grosze == 25_000)
        #expect(courseCost.persons == 1 && courseCost.costPerPerson?.grosze == 100_000)
        let consult = figures.unitCosts[2]
        #expect(consult.persons == 3 && consult.costPerPerson?.grosze == 6_667 && consult.costPerHour == nil)
    }

    /// Indirect costs against a 7 % flat rate of personnel + direct costs, rounded half away from zero.
    @Test func indirectCostsAgainstTheFlatRate() throws {
        var f = WarehouseFixture()
        f.spend("lead", task: "1", line: "1.1", 50_050, paid: "2023-02-01", category: .personnel)
        f.spend("lead", task: "1", line: "1.2", 50, paid: "2023-02-01", category: .direct)
        f.spend("lead", task: "4", line: "4.1", 3_600, paid: "2023-02-01", category: .indirect)
        f.spend("lead", task: "1", line: "1.3", 9_999, paid: "2023-02-01", category: .crossFinancing)
        let warehouse = try f.warehouse()
        let figures = try Self.figures(
            warehouse, to: "2023-03-31", from: "2023-01-01",
            rules: FinanceRules(indirectRate: Rate(numerator: 7, denominator: 100)))
        #expect(figures.indirect.count == 1)
        let lead = figures.indirect[0]
        // 50 100 × 7 % = 3 507 grosze exactly; cross-financing is not in the base.
        #expect(lead.direct.grosze == 50_100 && lead.indirect.grosze == 3_600 && lead.limit.grosze == 3_507)
        #expect(try Self.figures(warehouse, to: "2023-03-31", from: "2023-01-01").indirect.isEmpty)
    }

    /// The money indicator sums grosze exactly per period of payment and per partner, task, line and category.
    @Test func eligibleSpendIndicatorSumsGroszeByPaymentDate() throws {
        var f = WarehouseFixture()
        f.spend("lead", task: "1", line: "1.1", 100_001, paid: "2023-03-31")
        f.spend("other", task: "1", line: "1.1", 33, paid: "2023-04-01", category: .personnel)
        f.spend("other", task: "2", line: "2.1", -1_000, paid: "2023-05-01")
        let warehouse = try f.warehouse()
        try warehouse.compute(
            "fin_eligible_spend", aggregation: .sum,
            breakdowns: ["partner", "task", "budget_line", "cost_category"].map { BreakdownSpec(key: $0, column: $0) })
        let figures = try warehouse.figures("fin_eligible_spend")
        #expect(figures["2023Q1 in_period"] == 100_001)
        #expect(figures["2023Q2 in_period"] == -967)
        #expect(figures["2023Q2 cumulative"] == 99_034)
        #expect(figures["2023Q2 cumulative partner=other"] == -967)
        #expect(figures["2023Q2 cumulative task=1"] == 100_034)
        #expect(figures["2023Q2 in_period budget_line=2.1"] == -1_000)
        #expect(figures["2023Q2 cumulative cost_category=personnel"] == 33)
    }

    @Test func aWarehouseWithoutLedgersHasNoFinanceData() throws {
        let warehouse = try WarehouseTests.goodBatch().warehouse()
        #expect(try !warehouse.hasFinanceData())
        let figures = try Self.figures(warehouse, to: "2023-03-31", from: "2023-01-01")
        #expect(figures.lines.isEmpty && figures.expenditures.isEmpty)
        #expect(figures.unitCosts.map(\.spent.grosze) == [0])
    }
}

/// A read held beside load (``ReadHold``: the finance sheets' document list, read while load writes): it reads the
/// warehouse as it was when the hold began, and load's commit waits for it instead of failing on a locked file.
@Suite struct ReadHoldTests {
    @Test func aHeldReadSeesTheWarehouseBeforeLoadAndLoadWaitsForIt() throws {
        let dir = try TestSupport.makeTemporaryDirectory("integra-read-hold")
        defer { try? FileManager.default.removeItem(at: dir) }
        var f = WarehouseFixture()
        f.spend("lead", task: "1", line: "1.1", 100_001, paid: "2023-02-10")
        let warehouse = try f.warehouse(at: dir.appendingPathComponent("warehouse.sqlite").path)
        func list(_ w: Warehouse) throws -> [ExpenditureListEntry] {
            try w.financeFigures(
                start: FinanceFiguresTests.start, end: FinanceFiguresTests.end, projectStart: FinanceFiguresTests.start,
                projectEnd: FinanceFiguresTests.end, rules: FinanceRules(), groups: [], parts: [.expenditures]
            ).expenditures
        }
        let hold = try warehouse.holdRead()
        // The next run's load: the same, without the ledger row.
        var batch = f.batch
        batch.expenditures = []
        nonisolated(unsafe) let next = batch
        let loaded = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var failure: (any Error)?
        nonisolated(unsafe) let writer = warehouse
        DispatchQueue.global().async {
            do { try writer.load(next) } catch { failure = error }
            loaded.signal()
        }
        #expect(loaded.wait(timeout: .now() + 0.5) == .timedOut, "load committed while the file was held")
        #expect(try list(hold.warehouse).count == 1)
        hold.end()
        #expect(loaded.wait(timeout: .now() + 60) == .success)
        #expect(failure == nil)
        #expect(try list(warehouse).isEmpty)
    }
}
