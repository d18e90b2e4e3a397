import Testing

@testable import IntegraCore

/// NIP checksums, task and line numbers, cost categories and budget periods as ledgers and budgets write them.
@Suite struct FinanceTextTests {
    @Test(arguments: [
        ("5261040828", "5261040828"), ("526-104-08-28", "5261040828"), ("PL 526 104 08 28", "5261040828"),
        ("PL5261040828", "5261040828"), ("7740001454", "7740001454"),
    ])
    func validNIPs(_ text: String, _ digits: String) {
        #expect(NIP(text).digits == digits)
    }

    @Test(arguments: ["5261040829", "526104082", "52610408280", "0000000000", "526-104-08-2A", "", "1234567890"])
    func invalidNIPs(_ text: String) {
        #expect(NIP(text).digits == nil)
    }

    @Test(arguments: [("Zadanie 1", "1"), ("Zad. 1", "1"), ("1.", "1"), ("1", "1"), ("zadanie nr 3 – porady", "3")])
    func tasks(_ text: String, _ id: String) {
        #expect(BudgetCode.task(text) == id)
    }

    @Test(arguments: [
        ("1.1.", "1.1"), ("poz. 1.1", "1.1"), ("1.1", "1.1"), ("1.1 Wynagrodzenie lektora", "1.1"),
        ("Pozycja 2.3.1", "2.3.1"), ("Zarządzanie", "Zarządzanie"),
    ])
    func lines(_ text: String, _ id: String) {
        #expect(BudgetCode.line(text) == id)
    }

    @Test(arguments: [
        ("koszty personelu", CostCategory.personnel), ("Personel", .personnel), ("wynagrodzenia", .personnel),
        ("personnel", .personnel), ("bezpośrednie", .direct), ("Koszty bezpośrednie", .direct), ("direct", .direct),
        ("pośrednie", .indirect), ("koszty pośrednie", .indirect), ("Ryczałt", .indirect), ("indirect", .indirect),
        ("cross-financing", .crossFinancing), ("cross financing", .crossFinancing), ("CF", .crossFinancing),
        ("cross_financing", .crossFinancing),
    ])
    func categories(_ text: String, _ category: CostCategory) {
        #expect(CostCategory.parse(text) == category)
    }

    @Test func unknownCategory() {
        #expect(CostCategory.parse("inne") == nil)
    }

    @Test(arguments: [
        ("2023", "2023"), ("2023 r.", "2023"), ("rok 2023", "2023"), ("2023Q1", "2023Q1"), ("2023 Q1", "2023Q1"),
        ("Q1 2023", "2023Q1"), ("Q1/2023", "2023Q1"), ("I kw. 2023", "2023Q1"), ("IV kw. 2023", "2023Q4"),
        ("1 kw. 2023", "2023Q1"), ("I kwartał 2023", "2023Q1"), ("kw. II 2023", "2023Q2"), ("2023-Q3", "2023Q3"),
    ])
    func periods(_ text: String, _ id: String) {
        #expect(BudgetPeriod.parse(text) == id)
    }

    @Test(arguments: ["Razem", "Kwota", "1999", "2023Q5", "V kw. 2023", "12 000,00", "2023 2024", "Q1", ""])
    func notPeriods(_ text: String) {
        #expect(BudgetPeriod.parse(text) == nil)
    }

    @Test func periodEnds() {
        #expect(BudgetPeriod.end(of: "2024") == LocalDate(iso: "2024-12-31"))
        #expect(BudgetPeriod.end(of: "2024Q1") == LocalDate(iso: "2024-03-31"))
        #expect(BudgetPeriod.end(of: "2024Q2") == LocalDate(iso: "2024-06-30"))
        #expect(BudgetPeriod.end(of: "project") == nil)
    }
}
