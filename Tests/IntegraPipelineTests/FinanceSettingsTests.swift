import Foundation
import IntegraCore
import Testing

@testable import IntegraPipeline

/// The project file's `finance:` block and its ledger and budget sources, checked before anything runs.
@Suite struct FinanceSettingsTests {
    static func project(finance: String?, sources: String) -> String {
        """
        version: 1
        project:
          id: t
          name: T
          funder: F
          period: { start: 2023-01-01, end: 2023-12-31 }
        partners:
          - { id: lead, name: Lider, role: leader }
        activities:
          course: Kurs
          consult: Porady
        \(finance.map { "finance:\n" + $0 } ?? "")
        sources:
        \(sources)
        """
    }

    static let ledger = """
          - id: ledger
            partner: lead
            kind: ledger
            files: wydatki.csv
            columns: { document_number: Nr, payment_date: Zapłacono, task: Zadanie, budget_line: Pozycja, eligible: Kwota }
        """

    static let budget = """
          - id: budget
            partner: lead
            kind: budget
            files: budzet.xlsx
            columns: { task: Zadanie, budget_line: Pozycja, category: Kategoria }
        """

    func parse(finance: String?, sources: String = Self.ledger) throws -> ProjectDefinition {
        try ProjectDefinition.parse(Self.project(finance: finance, sources: sources), file: "p.yml")
    }

    func error(finance: String?, sources: String = Self.ledger) -> DefinitionError? {
        #expect(throws: DefinitionError.self) { try parse(finance: finance, sources: sources) }
    }

    @Test func theBlockIsReadExactly() throws {
        let p = try parse(
            finance: """
                  eligibility: { start: 2023-02-01, end: 2023-11-30 }
                  vat_eligible: true
                  indirect_rate: 7%
                  flexibility: "12,5%"
                  tasks:
                    "Zadanie 1": { name: Kursy, activities: [course] }
                    "2": { name: Porady, activities: [consult, course] }
                    "3": Zarządzanie
                """)
        let f = try #require(p.finance)
        #expect(f.eligibilityStart == LocalDate(iso: "2023-02-01") && f.eligibilityEnd == LocalDate(iso: "2023-11-30"))
        #expect(f.vatEligible)
        #expect(f.indirectRate == Rate(numerator: 7, denominator: 100))
        #expect(f.flexibility == Rate(numerator: 1, denominator: 8))
        #expect(f.tasks.map(\.id) == ["1", "2", "3"])
        #expect(f.task("2")?.activities == ["consult", "course"])
        #expect(f.task("3")?.name == "Zarządzanie" && f.task("3")?.activities == [])
        #expect(p.sources[0].activity == "")
    }

    @Test func withoutABlockAFinanceSourceGetsTheDefaults() throws {
        let f = try #require(try parse(finance: nil).finance)
        #expect(f.eligibilityStart == LocalDate(iso: "2023-01-01") && f.eligibilityEnd == LocalDate(iso: "2023-12-31"))
        #expect(!f.vatEligible && f.indirectRate == nil && f.flexibility == .zero && f.tasks.isEmpty)
        let none = try parse(
            finance: nil,
            sources: """
                  - { id: r, partner: lead, kind: consultations, activity: consult, files: a.csv, columns: { date: Data, full_name: Imię } }
                """)
        #expect(none.finance == nil)
    }

    @Test func anUnknownActivityInATaskIsRefused() {
        let e = error(finance: "  tasks:\n    \"1\": { activities: [polish_course] }")
        #expect(e?.message.contains("no activity 'polish_course'") == true)
        #expect(e?.keyPath == "finance.tasks.1.activities[0]")
    }

    @Test(arguments: ["siedem procent", "-7%", "150%", "7%%"])
    func aRateThatIsNoPercentageIsRefused(_ rate: String) {
        let e = error(finance: "  indirect_rate: \"\(rate)\"")
        #expect(e?.keyPath == "finance.indirect_rate")
        #expect(e?.message.contains("percentage") == true)
    }

    @Test func theEligibilityPeriodMustBeAPeriod() {
        let e = error(finance: "  eligibility: { start: 2023-06-01, end: 2023-01-01 }")
        #expect(e?.message.contains("ends before it starts") == true)
        #expect(error(finance: "  colour: red")?.keyPath == "finance.colour")
    }

    @Test func aTaskListedTwiceIsRefused() {
        let e = error(finance: "  tasks:\n    \"1\": A\n    \"Zadanie 1\": B")
        #expect(e?.message.contains("listed twice") == true)
    }

    @Test func aFinanceSourceHasNoActivity() {
        let e = error(finance: nil, sources: Self.ledger + "\n    activity: course")
        #expect(e?.keyPath == "sources[0].activity")
        #expect(e?.message.contains("has no activity") == true)
    }

    @Test func aLedgerNeedsItsKeyColumns() {
        let e = error(
            finance: nil, sources: Self.ledger.replacingOccurrences(of: "payment_date: Zapłacono, ", with: ""))
        #expect(e?.message.contains("payment_date") == true)
        let noAmount = error(finance: nil, sources: Self.ledger.replacingOccurrences(of: ", eligible: Kwota", with: ""))
        #expect(noAmount?.message.contains("map eligible:, or net:") == true)
        let gross = error(
            finance: "  vat_eligible: true",
            sources: Self.ledger.replacingOccurrences(of: ", eligible: Kwota", with: ", net: Netto"))
        #expect(gross?.message.contains("or gross:") == true)
    }

    @Test func aBudgetNeedsTaskLineAndCategoryAndAPeriodNeedsAnAmount() throws {
        _ = try parse(finance: nil, sources: Self.budget)
        let e = error(finance: nil, sources: Self.budget.replacingOccurrences(of: ", category: Kategoria", with: ""))
        #expect(e?.message.contains("category") == true)
        let period = error(
            finance: nil,
            sources: Self.budget.replacingOccurrences(of: "category: Kategoria", with: "category: K, period: Okres"))
        #expect(period?.message.contains("period: needs amount:") == true)
    }

    @Test func aLedgerPatternMayTakeTheClaimAndNoActivity() throws {
        let p = try parse(finance: nil, sources: Self.ledger + "\n    from_file_name: \"wydatki-{claim}\"")
        #expect(p.sources[0].fromFileName?.fields == ["claim"])
        let activity = error(finance: nil, sources: Self.ledger + "\n    from_file_name: \"{activity}-wydatki\"")
        #expect(activity?.message.contains("{activity} is not read from ledger files") == true)
        let roll = error(
            finance: nil,
            sources: """
                  - { id: r, partner: lead, kind: roll, activity: course, files: a.csv, from_file_name: "{claim}_{group}", columns: { full_name: Imię } }
                """)
        #expect(roll?.message.contains("{claim} is not read from roll files") == true)
    }

    @Test func aFinanceSourceMayMapPartnerNames() throws {
        let p = try parse(finance: nil, sources: Self.ledger + "\n    values: { partner: { lead: [Fundacja] } }")
        #expect(p.sources[0].values["partner"]?["fundacja"] == "lead")
    }
}

/// A ledger's rows are checked against the finance rules as they are normalised: its stored records are keyed by
/// the `finance:` block, a participant source's are not.
@Suite struct FinanceNormalisationInputsTests {
    static func text(finance: String) -> String {
        """
        version: 1
        project: { id: t, name: T, funder: F, period: { start: 2023-01-01, end: 2023-12-31 } }
        partners: [{ id: lead, name: Lider, role: leader }]
        activities: { course: Kurs }
        finance:
        \(finance)
        sources:
          - { id: roll, partner: lead, kind: roll, activity: course, files: a.csv, columns: { full_name: N, group: G } }
          - { id: ledger, partner: lead, kind: ledger, files: w.csv, columns: { document_number: Nr, payment_date: D, task: Z, budget_line: P, eligible: K } }
        """
    }

    @Test func theFinanceBlockKeysFinanceSourcesOnly() {
        let a = NormalisationInputs.of(projectText: Self.text(finance: "  vat_eligible: false"), vocabulary: nil)
        let b = NormalisationInputs.of(projectText: Self.text(finance: "  vat_eligible: true"), vocabulary: nil)
        #expect(a.bySource["roll"] == b.bySource["roll"])
        #expect(a.bySource["ledger"] != b.bySource["ledger"])
    }
}
