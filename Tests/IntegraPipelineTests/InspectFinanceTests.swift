import Foundation
import IntegraCore
import IntegraIngest
import IntegraTesting
import Testing

@testable import IntegraPipeline

/// `integra inspect` on expenditure ledgers as accounting programs export them and on grant budgets: the kind, a
/// field for each column, and a proposal the project loader accepts.
@Suite struct InspectFinanceTests {
    static let vocabulary = Result { try HeaderVocabulary.load(root: TestSupport.repositoryRoot) }

    func sheet(_ rows: [[String]]) -> SheetTable {
        SheetTable(
            name: nil,
            rows: rows.enumerated().map { i, texts in
                TableRow(number: i + 1, cells: texts.map { $0.isEmpty ? .empty : .string($0) })
            })
    }

    func fields(_ inspection: SheetInspection) -> [String: String] {
        var result: [String: String] = [:]
        for c in inspection.columns where c.isProposed { result[c.header] = c.field }
        return result
    }

    /// The header lines of ledgers as Comarch Optima, Symfonia, Rewizor and a funder's "zestawienie dokumentów"
    /// write them.
    @Test(arguments: [
        [
            "Lp.", "Nr dokumentu", "Data wystawienia", "Data zapłaty", "Kontrahent", "NIP kontrahenta", "Opis",
            "Netto", "VAT", "Brutto", "Kwota kwalifikowalna", "Zadanie", "Pozycja budżetu",
        ],
        [
            "Numer faktury", "Data dokumentu", "Data płatności", "Nazwa dostawcy", "NIP", "Treść", "Kwota netto",
            "Kwota VAT", "Wartość brutto", "Wydatki kwalifikowalne", "w tym VAT", "Nr zadania", "Nr pozycji",
            "Kategoria kosztu", "Partner", "Wniosek o płatność",
        ],
        // Comarch Optima's register: the counterparty is "Podmiot", the category "Rodzaj kosztu".
        [
            "Numer dokumentu", "Data dokumentu", "Data płatności", "Podmiot", "NIP podmiotu", "Opis", "Netto", "VAT",
            "Brutto", "Wydatki kwalifikowalne", "Nr zadania", "Nr pozycji", "Rodzaj kosztu",
        ],
    ])
    func aLedgerIsProposedAsALedger(_ header: [String]) throws {
        let vocabulary = try Self.vocabulary.get()
        let row = header.map { _ in "1" }
        let inspection = FileInspector.inspect(sheet([header, row]), vocabulary: vocabulary)
        #expect(inspection.kind == .ledger, "\(inspection.kindReason)")
        let found = fields(inspection)
        let values = ColumnProfile([CellValue.string("1 234,56"), .number(12.5), .string("526-104-08-28")])
        #expect(values.hits(.amount) == 2 && values.hits(.nip) == 1)
        for (h, field) in zip(header, Self.expectedLedgerFields(header)) where field != nil {
            #expect(found[h] == field, "\(h)")
        }
        let proposal = SourceProposal(path: "wydatki.csv", encoding: nil, sheet: inspection)
        #expect(!proposal.yaml.contains("activity:"))
        let pasted = try InspectTests.pasted(proposal)
        #expect(pasted.kind == .ledger)
        #expect(pasted.columns["document_number"] != nil && pasted.columns["budget_line"] != nil)
    }

    static func expectedLedgerFields(_ header: [String]) -> [String?] {
        let map: [String: String] = [
            "Nr dokumentu": "document_number", "Numer faktury": "document_number", "Data wystawienia": "issue_date",
            "Data dokumentu": "issue_date", "Data zapłaty": "payment_date", "Data płatności": "payment_date",
            "Kontrahent": "supplier", "Nazwa dostawcy": "supplier", "NIP kontrahenta": "supplier_nip",
            "NIP": "supplier_nip", "Opis": "description", "Treść": "description", "Netto": "net",
            "Kwota netto": "net", "VAT": "vat", "Kwota VAT": "vat", "Brutto": "gross", "Wartość brutto": "gross",
            "Kwota kwalifikowalna": "eligible", "Wydatki kwalifikowalne": "eligible", "w tym VAT": "eligible_vat",
            "Zadanie": "task", "Nr zadania": "task", "Pozycja budżetu": "budget_line", "Nr pozycji": "budget_line",
            "Kategoria kosztu": "category", "Partner": "partner", "Wniosek o płatność": "claim",
            "Numer dokumentu": "document_number", "Podmiot": "supplier", "NIP podmiotu": "supplier_nip",
            "Rodzaj kosztu": "category",
        ]
        return header.map { map[$0] }
    }

    @Test func aRollsDocumentColumnStaysAPersonsDocument() throws {
        let inspection = FileInspector.inspect(
            sheet([["Nazwisko", "Imię", "Nr dokumentu", "Grupa"], ["Kowalenko", "Olena", "FA123456", "A1"]]),
            vocabulary: try Self.vocabulary.get())
        #expect(inspection.kind == .roll)
        #expect(fields(inspection)["Nr dokumentu"] == "document")
    }

    @Test func aBudgetWithPeriodColumnsIsProposedAsABudget() throws {
        let inspection = FileInspector.inspect(
            sheet([
                [
                    "Zadanie", "Nazwa zadania", "Nr pozycji", "Pozycja", "Kategoria kosztu", "2023", "I kw. 2024",
                    "Razem",
                ],
                ["1", "Kursy", "1.1", "Lektor", "koszty personelu", "12 000,00", "3 000,00", "15 000,00"],
            ]),
            vocabulary: try Self.vocabulary.get())
        #expect(inspection.kind == .budget, "\(inspection.kindReason)")
        #expect(inspection.kindReason.contains("2023, I kw. 2024"))
        let found = fields(inspection)
        #expect(found["Zadanie"] == "task" && found["Nazwa zadania"] == "task_name")
        #expect(found["Nr pozycji"] == "budget_line" && found["Pozycja"] == "line_name")
        #expect(found["Kategoria kosztu"] == "category")
        #expect(found["2023"] == nil && found["I kw. 2024"] == nil)
        let proposal = SourceProposal(path: "budzet.xlsx", encoding: nil, sheet: inspection)
        #expect(proposal.gaps.isEmpty, "\(proposal.gaps)")
        #expect(try InspectTests.pasted(proposal).kind == .budget)
    }

    @Test func aLongBudgetHasAnAmountColumn() throws {
        let inspection = FileInspector.inspect(
            sheet([
                ["Zadanie", "Pozycja budżetu", "Kategoria", "Okres", "Kwota"], ["1", "1.1", "personel", "2023", "10"],
            ]),
            vocabulary: try Self.vocabulary.get())
        #expect(inspection.kind == .budget)
        #expect(fields(inspection)["Kwota"] == "amount" && fields(inspection)["Okres"] == "period")
    }

    @Test func aWordTwoFieldsOfOneKindShareIsRefused() {
        let text = "version: 1\ncolumns: { net: [Kwota], gross: [kwota] }\n"
        let error = #expect(throws: DefinitionError.self) { try HeaderVocabulary.parse(text, file: "v.yml") }
        #expect(error?.message.contains("of a ledger file only") == true)
        #expect(throws: Never.self) {
            try HeaderVocabulary.parse(
                "version: 1\ncolumns: { document: [Nr dok], document_number: [Nr dok] }\n", file: "v.yml")
        }
    }
}
