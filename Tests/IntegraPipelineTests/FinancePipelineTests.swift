import Foundation
import GRDB
import IntegraCore
import IntegraReports
import IntegraTesting
import Testing

@testable import IntegraPipeline

/// A project with a partner's ledger as an accounting program exports it (CSV, Windows-1250, `;`) and the
/// agreement's budget as an XLSX with a column per period, run end to end: the rows in `fin_expenditures` and
/// `fin_budget`, and every file's rows read = loaded + rejected.
@Suite struct FinancePipelineTests {
    static let project = """
        version: 1
        project:
          id: fin
          name: Finanse
          funder: Fundusz Pracy
          period: { start: 2023-01-01, end: 2024-12-31 }
        partners:
          - { id: przystan, name: Fundacja Przystań, role: leader }
          - { id: nadija, name: Stowarzyszenie Nadija }
        activities:
          polish_course: { pl: Kurs języka polskiego, en: Polish course, kind: language_course }
        finance:
          indirect_rate: 7%
          flexibility: 10%
          tasks:
            "1": { name: Kursy języka polskiego, activities: [polish_course] }
            "2": { name: Zarządzanie projektem }
        sources:
          - id: przystan-ledger
            partner: przystan
            kind: ledger
            files: dane/zestawienie-wydatkow-*.csv
            encoding: windows-1250
            from_file_name: "zestawienie-wydatkow-{claim}"
            columns:
              document_number: Nr dokumentu
              issue_date: Data wystawienia
              payment_date: Data zapłaty
              supplier: Kontrahent
              supplier_nip: NIP
              description: Opis
              net: Netto
              vat: VAT
              gross: Brutto
              eligible: Kwota kwalifikowalna
              task: Zadanie
              budget_line: Pozycja budżetu
          - id: budget
            partner: przystan
            kind: budget
            files: dane/budzet-projektu.xlsx
            columns:
              task: Zadanie
              task_name: Nazwa zadania
              budget_line: Nr pozycji
              line_name: Pozycja
              partner: Partner
              category: Kategoria kosztu

        """

    static let ledger = """
        Nr dokumentu;Data wystawienia;Data zapłaty;Kontrahent;NIP;Opis;Netto;VAT;Brutto;Kwota kwalifikowalna;Zadanie;Pozycja budżetu
        FV/01/2023;05.01.2023;20.01.2023;Szkoła Językowa Łódź;526-104-08-28;Zajęcia z lektorem – styczeń;1 000,00;230,00;1 230,00;1 000,00;Zadanie 1;1.1.
        FV/02/2023;06.02.2023;15.02.2023;Księgarnia Żak;7740001454;Podręczniki;"1 234,56";"283,95";"1 518,51";"1 234,56";Zad. 1;poz. 1.2
        FV/03/2023;06.02.2023;;Księgarnia Żak;7740001454;Podręczniki (nieopłacone);100,00;23,00;123,00;100,00;1;1.2
        FV/04/2023;10.03.2023;30.03.2023;Biuro Rachunkowe;5261040829;Obsługa księgowa;50,00;11,50;61,50;50,00;2;2.1
        FV/01/2023;05.01.2023;21.01.2023;Szkoła Językowa Łódź;5261040828;Zajęcia – duplikat;1 000,00;230,00;1 230,00;1 000,00;1;1.1
        FV/05/2023;10.03.2023;05.04.2023;Biuro Rachunkowe;;Obsługa księgowa;-10,00;-2,30;-12,30;-10,00;2;2.1
        Razem;;;;;;;;;3 274,56;;

        """

    /// The budget: task, names, line, partner, category, then one column per period.
    static func writeBudget(_ url: URL) throws {
        let writer = try XLSXWriter(
            path: url.path, properties: XLSXDocumentProperties(created: LocalDate(iso: "2023-01-01")!, title: "Budżet"))
        let sheet = try writer.addSheet("Budżet")
        try sheet.write("Budżet projektu (załącznik nr 2 do umowy)", row: 0, col: 0)
        let header = [
            "Zadanie", "Nazwa zadania", "Nr pozycji", "Pozycja", "Partner", "Kategoria kosztu", "2023", "I kw. 2024",
            "Razem",
        ]
        for (c, h) in header.enumerated() { try sheet.write(h, row: 2, col: c) }
        let rows: [(String, String, String, String, String, String, Double?, Double?)] = [
            (
                "1", "Kursy języka polskiego", "1.1", "Wynagrodzenie lektora", "przystan", "koszty personelu", 12000,
                3000
            ),
            ("1", "Kursy języka polskiego", "1.2", "Podręczniki", "przystan", "koszty bezpośrednie", 1000.5, nil),
            ("2", "Zarządzanie projektem", "2.1", "Koszty pośrednie", "przystan", "koszty pośrednie", 900, nil),
            (
                "1", "Kursy języka polskiego", "1.1", "Wynagrodzenie lektora", "Stowarzyszenie Nadija", "personel", nil,
                500
            ),
        ]
        for (i, r) in rows.enumerated() {
            let row = 3 + i
            for (c, text) in [r.0, r.1, r.2, r.3, r.4, r.5].enumerated() { try sheet.write(text, row: row, col: c) }
            if let a = r.6 { try sheet.write(a, row: row, col: 6) }
            if let b = r.7 { try sheet.write(b, row: row, col: 7) }
        }
        try writer.close()
    }

    @Test func aLedgerAndABudgetReachTheWarehouse() throws {
        let dir = try TestSupport.makeTemporaryDirectory("integra-finance-run")
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("dane")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try #require(Self.ledger.data(using: .windowsCP1250)).write(
            to: data.appendingPathComponent("zestawienie-wydatkow-2023Q1.csv"))
        try Self.writeBudget(data.appendingPathComponent("budzet-projektu.xlsx"))
        let projectFile = dir.appendingPathComponent("fin.yml")
        try Data(Self.project.utf8).write(to: projectFile)
        var options = RunOptions()
        options.outputFolder = dir.appendingPathComponent("out")
        options.definitionsRoot = TestSupport.repositoryRoot
        let summary = try Pipeline.run(projectFile: projectFile, displayPath: "fin.yml", options: options)

        let ledgerPath = "dane/zestawienie-wydatkow-2023Q1.csv"
        let ledger = try #require(summary.files.first { $0.path == ledgerPath })
        #expect(ledger.rowsRead == 6 && ledger.rowsLoaded == 4 && ledger.rowsRejected == 2)
        let budget = try #require(summary.files.first { $0.path == "dane/budzet-projektu.xlsx" })
        #expect(budget.rowsLoaded == 4 && budget.rowsRejected == 0)
        for f in summary.files { #expect(f.rowsRead == f.rowsLoaded + f.rowsRejected + f.rowsBlank, "\(f.path)") }

        func at(_ code: DiagnosticCode) -> [String] {
            summary.diagnostics.filter { $0.code == code }.map { "\($0.location?.file ?? ""):\($0.location?.row ?? 0)" }
        }
        #expect(at(.unpaidExpenditure) == ["\(ledgerPath):4"])
        #expect(at(.duplicateInvoice) == ["\(ledgerPath):6"])
        #expect(at(.invalidNIP) == ["\(ledgerPath):5"])
        #expect(at(.paidAfterClaim) == ["\(ledgerPath):7"])
        // Indirect 40,00 against 7 % of 2 234,56 = 156,42: within the rate.
        #expect(at(.indirectOverFlatRate).isEmpty)
        #expect(at(.tableFooter) == ["\(ledgerPath):8"])

        let db = try DatabaseQueue(path: dir.appendingPathComponent("out/warehouse.sqlite").path)
        defer { try? db.close() }
        try db.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    select e.id, e.partner_id, e.document_number, e.issue_date, e.payment_date, e.supplier, e.supplier_nip,
                        e.net_grosze, e.vat_grosze, e.gross_grosze, e.eligible_grosze, e.task, e.budget_line, e.category,
                        r.row_number
                    from fin_expenditures e join raw_rows r on r.id = e.raw_row_id order by e.id
                    """)
            #expect(rows.count == 4)
            #expect(rows.map { $0[2] as String } == ["FV/01/2023", "FV/02/2023", "FV/04/2023", "FV/05/2023"])
            #expect(rows.map { $0[14] as Int } == [2, 3, 5, 7])
            #expect(rows.map { $0[10] as Int64 } == [100_000, 123_456, 5_000, -1_000])
            #expect(rows[0][5] as String == "Szkoła Językowa Łódź")
            #expect(rows[0][6] as String == "5261040828")
            #expect((rows[2][6] as String?) == nil)
            #expect(rows.map { $0[3] as String } == ["2023-01-05", "2023-02-06", "2023-03-10", "2023-03-10"])
            #expect(rows[3][4] as String == "2023-04-05")
            #expect(rows.map { $0[11] as String } == ["1", "1", "2", "2"])
            #expect(rows.map { $0[12] as String } == ["1.1", "1.2", "2.1", "2.1"])
            #expect(rows.map { $0[13] as String } == ["personnel", "direct", "indirect", "indirect"])
            #expect(rows[1][7] as Int64 == 123_456 && rows[1][8] as Int64 == 28_395 && rows[1][9] as Int64 == 151_851)

            let plan = try Row.fetchAll(
                db,
                sql: """
                    select partner_id, task, task_name, budget_line, line_name, category, period_id, amount_grosze
                    from fin_budget order by raw_row_id, period_id
                    """)
            #expect(
                plan.map {
                    "\($0[0] as String)|\($0[1] as String)|\($0[3] as String)|\($0[6] as String)|\($0[7] as Int64)"
                } == [
                    "przystan|1|1.1|2023|1200000", "przystan|1|1.1|2024Q1|300000", "przystan|1|1.2|2023|100050",
                    "przystan|2|2.1|2023|90000", "nadija|1|1.1|2024Q1|50000",
                ])
            #expect(plan[0][2] as String == "Kursy języka polskiego" && plan[0][4] as String == "Wynagrodzenie lektora")
            #expect(plan.map { $0[5] as String } == ["personnel", "personnel", "direct", "indirect", "personnel"])
            let accounting = try Row.fetchAll(
                db,
                sql:
                    "select kind, activity_id, rows_read, rows_loaded, rows_rejected, rows_blank from source_files f join file_accounting a on a.source_file_id = f.id order by f.path"
            )
            #expect(accounting.count == 2)
            for row in accounting {
                #expect(row[1] as String == "")
                #expect(row[2] as Int == (row[3] as Int) + (row[4] as Int) + (row[5] as Int))
            }
        }
    }
}
