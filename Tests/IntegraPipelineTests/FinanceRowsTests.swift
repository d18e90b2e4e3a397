import Foundation
import IntegraCore
import IntegraTesting
import IntegraWarehouse
import Testing

@testable import IntegraPipeline

/// Ledger and budget rows normalised on small projects written to disk: every finance check, each with its code,
/// file and row, and the rows it keeps.
@Suite struct FinanceRowsTests {
    static let root = TestSupport.repositoryRoot

    static func head(finance: String) -> String {
        """
        version: 1
        project:
          id: t
          name: T
          funder: F
          period: { start: 2023-01-01, end: 2023-12-31 }
        partners:
          - { id: lead, name: Fundacja Przystań, role: leader }
          - { id: other, name: Stowarzyszenie Nadija }
        activities:
          course: Kurs
        finance:
        \(finance)
        sources:

        """
    }

    static let defaultFinance = """
          indirect_rate: 7%
          flexibility: 10%
          tasks:
            "1": { name: Kursy, activities: [course] }
        """

    static let budgetSource = """
          - id: budget
            partner: lead
            kind: budget
            files: budzet.csv
            columns: { task: Zadanie, budget_line: Pozycja, partner: Partner, category: Kategoria, amount: Kwota }

        """

    static let ledgerColumns =
        "{ document_number: Nr dokumentu, issue_date: Data wystawienia, payment_date: Data zapłaty, supplier: Kontrahent, "
        + "supplier_nip: NIP, net: Netto, vat: VAT, gross: Brutto, eligible: Kwota kwalifikowalna, eligible_vat: w tym VAT, "
        + "task: Zadanie, budget_line: Pozycja, category: Kategoria, partner: Partner }"

    static func ledgerSource(files: String = "wydatki-*.csv", pattern: String? = "wydatki-{claim}") -> String {
        """
          - id: ledger
            partner: lead
            kind: ledger
            files: "\(files)"
        \(pattern.map { "    from_file_name: \"\($0)\"\n" } ?? "")    columns: \(ledgerColumns)

        """
    }

    static let budget = """
        Zadanie;Pozycja;Partner;Kategoria;Kwota
        1;1.1;lead;koszty personelu;1000,00
        1;1.2;lead;koszty bezpośrednie;500,00
        2;2.1;lead;koszty pośrednie;100,00
        1;1.1;other;koszty personelu;1000,00

        """

    static let ledgerHeader =
        "Nr dokumentu;Data wystawienia;Data zapłaty;Kontrahent;NIP;Netto;VAT;Brutto;Kwota kwalifikowalna;w tym VAT;Zadanie;Pozycja;Kategoria;Partner"

    /// A good row: an invoice of 100 zł net paid in January, charged to line 1.1 of task 1.
    static func row(
        _ doc: String = "FV/1/2023", issued: String = "2023-01-10", paid: String = "2023-01-20",
        supplier: String = "Firma A", nip: String = "5261040828", net: String = "100,00", vat: String = "23,00",
        gross: String = "123,00", eligible: String = "100,00", eligibleVAT: String = "0", task: String = "Zadanie 1",
        line: String = "poz. 1.1", category: String = "", partner: String = ""
    ) -> String {
        [doc, issued, paid, supplier, nip, net, vat, gross, eligible, eligibleVAT, task, line, category, partner]
            .joined(separator: ";")
    }

    /// Writes the project and files, ingests and normalises them (the finance checks included).
    func normalise(
        _ sources: String, files: [String: String], finance: String = Self.defaultFinance
    ) throws -> NormalisedRecords {
        let dir = try TestSupport.makeTemporaryDirectory("integra-finance")
        defer { try? FileManager.default.removeItem(at: dir) }
        for (path, text) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let projectFile = dir.appendingPathComponent("p.yml")
        try Data((Self.head(finance: finance) + sources).utf8).write(to: projectFile)
        let project = try ProjectDefinition.load(from: projectFile, displayPath: "p.yml")
        let warehouse = try Warehouse.create(at: nil, sqlRoot: Self.root.appendingPathComponent("sql"))
        let run = try warehouse.beginRun(
            projectID: "t", projectSHA256: String(repeating: "0", count: 64), toolVersion: "test")
        let ingested = try IngestStage(project: project, base: dir, warehouse: warehouse, run: run).ingest(
            project.sources)
        var stage = NormaliseStage(project: project, warehouse: warehouse, workers: 1)
        stage.vocabulary = try HeaderVocabulary.load(root: Self.root)
        return try stage.run(ingested.files)
    }

    /// The budget and one ledger file `wydatki-2023Q1.csv` holding `rows` under the header.
    func ledger(_ rows: [String], finance: String = Self.defaultFinance, budget: String = Self.budget) throws
        -> NormalisedRecords
    {
        try normalise(
            Self.budgetSource + Self.ledgerSource(),
            files: [
                "budzet.csv": budget,
                "wydatki-2023Q1.csv": ([Self.ledgerHeader] + rows).joined(separator: "\n") + "\n",
            ], finance: finance)
    }

    static let ledgerFile = "wydatki-2023Q1.csv"

    /// The one diagnostic of `code`, expected at `file`, `row` and `severity`.
    @discardableResult
    func expectOne(
        _ result: NormalisedRecords, _ code: DiagnosticCode, file: String = Self.ledgerFile, row: Int,
        severity: Diagnostic.Severity = .error, column: String? = nil,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> Diagnostic? {
        let found = result.diagnostics.map(\.diagnostic).filter { $0.code == code }
        #expect(found.count == 1, "\(code): \(found)", sourceLocation: sourceLocation)
        guard let d = found.first else { return nil }
        #expect(d.location?.file == file, sourceLocation: sourceLocation)
        #expect(d.location?.row == row, sourceLocation: sourceLocation)
        #expect(d.severity == severity, sourceLocation: sourceLocation)
        if let column { #expect(d.location?.column == column, sourceLocation: sourceLocation) }
        return d
    }

    func accounting(_ result: NormalisedRecords, _ path: String = Self.ledgerFile) -> SourceFileRecord? {
        result.files.first { $0.path == path }
    }

    func expectHolds(_ result: NormalisedRecords, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for f in result.files {
            #expect(
                f.rowsRead == f.rowsLoaded + f.rowsRejected + f.rowsBlank, "\(f.path)", sourceLocation: sourceLocation)
        }
        let loaded = result.rowStatus.filter(\.loaded).count
        #expect(loaded == result.files.reduce(0) { $0 + $1.rowsLoaded }, sourceLocation: sourceLocation)
    }

    // MARK: Rows read

    @Test func aGoodLedgerRowIsReadToGrosze() throws {
        let result = try ledger([Self.row()])
        #expect(result.diagnostics.filter { $0.diagnostic.severity != .note }.isEmpty, "\(result.diagnostics)")
        let r = try #require(result.ledger.first?.record)
        #expect(r.id == 1)
        #expect(r.partnerID == "lead")
        #expect(r.documentNumber == "FV/1/2023")
        #expect(r.task == "1" && r.budgetLine == "1.1")
        #expect(r.category == .personnel)  // the budget line's
        #expect(r.net == Money(grosze: 10_000) && r.vat == Money(grosze: 2_300) && r.gross == Money(grosze: 12_300))
        #expect(r.eligible == Money(grosze: 10_000))
        #expect(r.eligibleVAT == Money.zero)
        #expect(r.supplierNIP == "5261040828")
        #expect(r.issueDate == LocalDate(iso: "2023-01-10") && r.paymentDate == LocalDate(iso: "2023-01-20"))
        #expect(result.budgetRows.count == 4)
        #expect(result.budgetRows.flatMap(\.cells).map(\.periodID) == ["project", "project", "project", "project"])
        #expect(result.budgetRows[0].cells[0].amount == Money(grosze: 100_000))
        expectHolds(result)
    }

    @Test func aCreditNoteIsANegativeExpenditure() throws {
        let result = try ledger([
            Self.row(), Self.row("KOR/1/2023", net: "-20,00", vat: "-4,60", gross: "-24,60", eligible: "-20,00"),
        ])
        #expect(result.ledger.map(\.record.eligible) == [Money(grosze: 10_000), Money(grosze: -2_000)])
    }

    @Test func withoutAnEligibleColumnTheNetAmountIsEligible() throws {
        let columns = Self.ledgerColumns.replacingOccurrences(of: "eligible: Kwota kwalifikowalna, ", with: "")
        let result = try normalise(
            Self.budgetSource + Self.ledgerSource().replacingOccurrences(of: Self.ledgerColumns, with: columns),
            files: ["budzet.csv": Self.budget, "wydatki-2023Q1.csv": Self.ledgerHeader + "\n" + Self.row() + "\n"])
        #expect(result.ledger.first?.record.eligible == Money(grosze: 10_000))
        let vatEligible = try normalise(
            Self.budgetSource + Self.ledgerSource().replacingOccurrences(of: Self.ledgerColumns, with: columns),
            files: ["budzet.csv": Self.budget, "wydatki-2023Q1.csv": Self.ledgerHeader + "\n" + Self.row() + "\n"],
            finance: "  vat_eligible: true")
        #expect(vatEligible.ledger.first?.record.eligible == Money(grosze: 12_300))
    }

    // MARK: Rejected rows

    @Test func invalidAmount() throws {
        let result = try ledger([Self.row(), Self.row("FV/2/2023", eligible: "12,345")])
        expectOne(result, .invalidAmount, row: 3, column: "Kwota kwalifikowalna")
        #expect(result.ledger.count == 1)
        #expect(accounting(result)?.rowsRejected == 1)
        expectHolds(result)
    }

    @Test func anUnreadableOtherAmountIsDroppedWithAWarning() throws {
        let result = try ledger([Self.row(vat: "dwadzieścia")])
        expectOne(result, .invalidAmount, row: 2, severity: .warning, column: "VAT")
        #expect(result.ledger.first?.record.vat == nil)
    }

    @Test(arguments: [
        (FinanceRowsTests.row(""), "Nr dokumentu"), (FinanceRowsTests.row(task: ""), "Zadanie"),
        (FinanceRowsTests.row(line: ""), "Pozycja"),
    ])
    func missingValue(_ bad: String, _ column: String) throws {
        let result = try ledger([bad])
        expectOne(result, .missingValue, row: 2, column: column)
        #expect(result.ledger.isEmpty)
    }

    @Test func unpaidExpenditure() throws {
        let result = try ledger([Self.row(paid: "")])
        expectOne(result, .unpaidExpenditure, row: 2, column: "Data zapłaty")
        #expect(result.ledger.isEmpty)
    }

    @Test func anUnreadablePaymentDateRejectsTheRow() throws {
        let result = try ledger([Self.row(paid: "wkrótce")])
        expectOne(result, .invalidDate, row: 2, column: "Data zapłaty")
        #expect(result.ledger.isEmpty)
    }

    @Test func expenseOutsideEligibility() throws {
        let paidLate = try ledger([Self.row(paid: "2024-01-05")])
        expectOne(paidLate, .expenseOutsideEligibility, row: 2, column: "Data zapłaty")
        let issuedEarly = try ledger([Self.row(issued: "2022-12-20")])
        expectOne(issuedEarly, .expenseOutsideEligibility, row: 2, column: "Data wystawienia")
        // The finance block's own period, narrower than the project's.
        let narrow = try ledger(
            [Self.row(paid: "2023-01-20")], finance: "  eligibility: { start: 2023-02-01, end: 2023-12-31 }")
        #expect(narrow.diagnostics.contains { $0.diagnostic.code == .expenseOutsideEligibility })
    }

    @Test func eligibleAboveGross() throws {
        let result = try ledger([Self.row(eligible: "200,00")])
        expectOne(result, .eligibleAboveGross, row: 2, column: "Kwota kwalifikowalna")
        #expect(result.ledger.isEmpty)
    }

    @Test func vatNotEligible() throws {
        let vatColumn = try ledger([Self.row(eligibleVAT: "23,00")])
        expectOne(vatColumn, .vatNotEligible, row: 2, column: "w tym VAT")
        let aboveNet = try ledger([Self.row(eligible: "123,00")])
        expectOne(aboveNet, .vatNotEligible, row: 2, column: "Kwota kwalifikowalna")
        // Where VAT is eligible, the same row is loaded.
        let eligible = try ledger([Self.row(eligible: "123,00", eligibleVAT: "23,00")], finance: "  vat_eligible: true")
        #expect(eligible.ledger.count == 1)
    }

    @Test func unknownBudgetLine() throws {
        let line = try ledger([Self.row(line: "1.9")])
        let d = expectOne(line, .unknownBudgetLine, row: 2, column: "Pozycja")
        #expect(d?.message.contains("no line 1.9") == true)
        let task = try ledger([Self.row(task: "Zad. 9", line: "9.1")])
        let t = expectOne(task, .unknownBudgetLine, row: 2)
        #expect(t?.message.contains("no task 9") == true)
        #expect(task.ledger.isEmpty && accounting(task)?.rowsRejected == 1)
        expectHolds(task)
    }

    @Test func duplicateInvoiceWithinAPartner() throws {
        let result = try ledger([Self.row(), Self.row("fv/1/ 2023", paid: "2023-02-01")])
        let d = expectOne(result, .duplicateInvoice, row: 3, column: "Nr dokumentu")
        #expect(d?.message.contains("wydatki-2023Q1.csv:2") == true)
        #expect(result.ledger.count == 1 && result.ledger[0].location.row == 2)
        expectHolds(result)
    }

    /// One document split across budget lines is one row per line, all loaded while their eligible parts together
    /// stay within its gross; a part beyond it, or a second row on a line the document already has, is rejected.
    @Test func aDocumentSplitAcrossLinesIsLoadedWithinItsGross() throws {
        let split = try ledger([
            Self.row(net: "1000,00", vat: "230,00", gross: "1230,00", eligible: "600,00"),
            Self.row(net: "1000,00", vat: "230,00", gross: "1230,00", eligible: "400,00", line: "poz. 1.2"),
        ])
        #expect(!split.diagnostics.contains { $0.diagnostic.code == .duplicateInvoice })
        #expect(split.ledger.map(\.record.budgetLine) == ["1.1", "1.2"])
        #expect(split.ledger.map(\.record.eligible.grosze) == [60_000, 40_000])
        expectHolds(split)

        // VAT is not eligible here: the parts may claim the net amount, 1 000 zł, not the gross.
        let over = try ledger([
            Self.row(net: "1000,00", vat: "230,00", gross: "1230,00", eligible: "700,00"),
            Self.row(net: "1000,00", vat: "230,00", gross: "1230,00", eligible: "400,00", line: "poz. 1.2"),
        ])
        let d = expectOne(over, .duplicateInvoice, row: 3)
        #expect(d?.message.contains("more than the document's net amount") == true)
        #expect(over.ledger.count == 1)

        let sameLine = try ledger([
            Self.row(net: "1000,00", vat: "230,00", gross: "1230,00", eligible: "600,00"),
            Self.row(net: "1000,00", vat: "230,00", gross: "1230,00", eligible: "400,00"),
        ])
        expectOne(sameLine, .duplicateInvoice, row: 3)
        #expect(sameLine.ledger.count == 1)
    }

    /// A row typed twice is the same invoice claimed twice, not a `duplicate-row`.
    @Test func aRowTypedTwiceIsADuplicateInvoice() throws {
        let result = try ledger([Self.row(), Self.row()])
        expectOne(result, .duplicateInvoice, row: 3)
        #expect(!result.diagnostics.contains { $0.diagnostic.code == .duplicateRow })
        #expect(result.ledger.count == 1)
        expectHolds(result)
    }

    @Test func duplicateInvoiceAcrossPartnersAndFilesIsDoubleFunding() throws {
        let result = try normalise(
            Self.budgetSource + Self.ledgerSource(),
            files: [
                "budzet.csv": Self.budget,
                "wydatki-2023Q1.csv": Self.ledgerHeader + "\n" + Self.row() + "\n",
                "wydatki-2023Q2.csv": Self.ledgerHeader + "\n" + Self.row("X", paid: "2023-04-02") + "\n"
                    + Self.row(paid: "2023-04-03", partner: "Stowarzyszenie Nadija") + "\n",
            ])
        let d = expectOne(result, .duplicateInvoice, file: "wydatki-2023Q2.csv", row: 3)
        #expect(d?.message.contains("double funding") == true)
        #expect(d?.message.contains("wydatki-2023Q1.csv:2") == true)
        #expect(result.ledger.map(\.record.documentNumber) == ["FV/1/2023", "X"])
    }

    @Test func withoutANIPTheSupplierNameKeysTheInvoice() throws {
        let result = try ledger([
            Self.row(nip: ""), Self.row(paid: "2023-02-01", supplier: "FIRMA  a", nip: ""),
            Self.row(paid: "2023-02-02", supplier: "Firma B", nip: ""),
        ])
        expectOne(result, .duplicateInvoice, row: 3)
        #expect(result.ledger.count == 2)
    }

    @Test func unknownPartner() throws {
        let result = try ledger([Self.row(partner: "nieznany")])
        expectOne(result, .unknownPartner, row: 2, column: "Partner")
        let byName = try ledger([Self.row(partner: "stowarzyszenie nadija")])
        #expect(byName.ledger.first?.record.partnerID == "other")
    }

    // MARK: Kept with a warning

    @Test func paidAfterClaim() throws {
        let result = try ledger([Self.row(paid: "2023-04-05")])
        expectOne(result, .paidAfterClaim, row: 2, severity: .warning, column: "Data zapłaty")
        #expect(result.ledger.count == 1)
    }

    @Test func invalidNIP() throws {
        let result = try ledger([Self.row(nip: "5261040829")])
        expectOne(result, .invalidNIP, row: 2, severity: .warning, column: "NIP")
        #expect(result.ledger.count == 1 && result.ledger[0].record.supplierNIP == nil)
    }

    @Test func invalidCategoryInALedgerTakesTheLinesCategory() throws {
        let result = try ledger([Self.row(category: "różne")])
        expectOne(result, .invalidCategory, row: 2, severity: .warning, column: "Kategoria")
        #expect(result.ledger.first?.record.category == .personnel)
        let own = try ledger([Self.row(category: "koszty bezpośrednie")])
        #expect(own.ledger.first?.record.category == .direct)
    }

    // MARK: Aggregate checks

    @Test func lineOverBudgetAndWithinFlexibility() throws {
        let result = try ledger([
            // Line 1.1: 1 050 of 1 000 planned, within 10 %.
            Self.row(eligible: "100,00"), Self.row("FV/2", net: "950,00", gross: "1168,50", eligible: "950,00"),
            // Line 1.2: 600 of 500 planned, beyond 10 % (550).
            Self.row("FV/3", net: "600,00", gross: "738,00", eligible: "600,00", line: "1.2"),
        ])
        let over = expectOne(result, .lineOverBudget, file: "budzet.csv", row: 3, severity: .warning)
        #expect(over?.message.contains("600,00") == true)
        expectOne(result, .lineWithinFlexibility, file: "budzet.csv", row: 2, severity: .note)
        #expect(result.ledger.count == 3)
    }

    @Test func indirectOverFlatRate() throws {
        // Direct 1 000 (personnel); indirect 80 > 7 % = 70.
        let result = try ledger([
            Self.row(net: "1000,00", gross: "1230,00", eligible: "1000,00"),
            Self.row("FV/9", net: "80,00", gross: "98,40", eligible: "80,00", task: "2", line: "2.1"),
        ])
        let d = expectOne(result, .indirectOverFlatRate, file: "budzet.csv", row: 4, severity: .warning)
        #expect(d?.message.contains("70,00") == true)
        let within = try ledger([
            Self.row(net: "1000,00", gross: "1230,00", eligible: "1000,00"),
            Self.row("FV/9", net: "70,00", gross: "86,10", eligible: "70,00", task: "2", line: "2.1"),
        ])
        #expect(!within.diagnostics.contains { $0.diagnostic.code == .indirectOverFlatRate })
    }

    /// Without a budget source: no line is unknown, the row's own category counts, the flat rate is still checked
    /// (at the first indirect ledger row), and a row without a category cannot be placed.
    @Test func withoutABudget() throws {
        let result = try normalise(
            Self.ledgerSource(),
            files: [
                "wydatki-2023Q1.csv": [
                    Self.ledgerHeader,
                    Self.row(net: "1000,00", gross: "1230,00", eligible: "1000,00", line: "7.7", category: "personel"),
                    Self.row("FV/2", eligible: "100,00", line: "9.9", category: "pośrednie"),
                    Self.row("FV/3", line: "9.9"),
                ].joined(separator: "\n") + "\n"
            ])
        #expect(result.ledger.map(\.record.category) == [.personnel, .indirect])
        expectOne(result, .indirectOverFlatRate, row: 3, severity: .warning)
        expectOne(result, .missingValue, row: 4)
        #expect(!result.diagnostics.contains { $0.diagnostic.code == .unknownBudgetLine })
    }

    /// The claim from a title line above the table (`from_title:`), for the paid-after-claim check.
    @Test func theClaimFromATitleLine() throws {
        let source = Self.ledgerSource(files: "zestawienie.csv", pattern: nil)
            .replacingOccurrences(of: "    columns:", with: "    from_title: \"wniosek nr {claim}\"\n    columns:")
        let result = try normalise(
            Self.budgetSource + source,
            files: [
                "budzet.csv": Self.budget,
                "zestawienie.csv": "Zestawienie do wniosek nr 2023Q1\n" + Self.ledgerHeader + "\n"
                    + Self.row(paid: "2023-04-02") + "\n",
            ])
        expectOne(result, .paidAfterClaim, file: "zestawienie.csv", row: 3, severity: .warning)
    }

    // MARK: Budgets

    @Test func aWideBudgetTakesItsPeriodsFromTheHeaders() throws {
        let source = """
              - id: budget
                partner: lead
                kind: budget
                files: budzet.csv
                columns: { task: Zadanie, budget_line: Pozycja, category: Kategoria, line_name: Nazwa }

            """
        let result = try normalise(
            source,
            files: [
                "budzet.csv": """
                Zadanie;Pozycja;Nazwa;Kategoria;2023;I kw. 2024;Q2 2024;2024 r.;Razem
                1;1.1;Lektor;personel;1 000,00;250,00;;;1250,00
                1;1.2;Podręczniki;bezpośrednie;;;;300;300
                1;1.3;Sale;bezpośrednie;;;;;

                """
            ])
        let cells = result.budgetRows.flatMap(\.cells)
        #expect(cells.map(\.periodID) == ["2023", "2024Q1", "2024"])
        #expect(cells.map(\.amount.grosze) == [100_000, 25_000, 30_000])
        #expect(cells[0].lineName == "Lektor")
        #expect(result.budgetRows.count == 3 && result.budgetRows[2].cells.isEmpty)
        #expect(result.diagnostics.filter { $0.diagnostic.severity == .error }.isEmpty)
        #expect(FinanceChecks.projectPlan(result.budgetRows[0].cells) == Money(grosze: 125_000))
        // A year and its own quarters count once: the year's amount.
        var lineCells = result.budgetRows[0].cells
        lineCells.append(
            BudgetRecord(
                rawRowID: 0, partnerID: "lead", task: "1", budgetLine: "1.1", category: .personnel, periodID: "2023Q1",
                amount: Money(grosze: 50_000)))
        #expect(FinanceChecks.projectPlan(lineCells) == Money(grosze: 125_000))
    }

    @Test func aWideBudgetWithoutPeriodHeadersIsRefused() throws {
        let source = """
              - id: budget
                partner: lead
                kind: budget
                files: budzet.csv
                columns: { task: Zadanie, budget_line: Pozycja, category: Kategoria }

            """
        let result = try normalise(
            source, files: ["budzet.csv": "Zadanie;Pozycja;Kategoria;Kwota\n1;1.1;personel;10\n"])
        #expect(result.diagnostics.contains { $0.diagnostic.code == .missingColumn })
        #expect(result.failedFiles == 1)
    }

    @Test func budgetRowChecks() throws {
        let source = """
              - id: budget
                partner: lead
                kind: budget
                files: budzet.csv
                columns: { task: Zadanie, budget_line: Pozycja, category: Kategoria, amount: Kwota, period: Okres, partner: Partner }

            """
        let result = try normalise(
            source,
            files: [
                "budzet.csv": """
                Zadanie;Pozycja;Kategoria;Kwota;Okres;Partner
                1;1.1;personel;1000;2023;
                1;1.2;personel;dużo;2023;
                1;1.3;inne;10;2023;
                1;1.4;personel;10;półrocze;
                1;1.5;personel;10;;
                1;1.6;personel;10;;ktoś
                1;;personel;10;;

                """
            ])
        expectOne(result, .invalidAmount, file: "budzet.csv", row: 3, column: "Kwota")
        expectOne(result, .invalidCategory, file: "budzet.csv", row: 4, column: "Kategoria")
        expectOne(result, .invalidPeriod, file: "budzet.csv", row: 5, column: "Okres")
        expectOne(result, .unknownPartner, file: "budzet.csv", row: 7, column: "Partner")
        expectOne(result, .missingValue, file: "budzet.csv", row: 8, column: "Pozycja")
        #expect(result.budgetRows.flatMap(\.cells).map(\.periodID) == ["2023", "project"])
        #expect(accounting(result, "budzet.csv")?.rowsRejected == 5)
        expectHolds(result)
    }

    // MARK: The stored records

    /// A second run decodes the stored records of each file and runs the cross-file checks again: the same result.
    @Test func storedRecordsRoundTrip() throws {
        let result = try ledger([Self.row(), Self.row("FV/2", line: "1.2", category: "bezpośrednie")])
        let data = try CompactEncoder().encode(result)
        let decoded = try CompactDecoder().decode(NormalisedRecords.self, from: data)
        #expect(decoded.ledger.map(\.record) == result.ledger.map(\.record))
        #expect(decoded.budgetRows.flatMap(\.cells) == result.budgetRows.flatMap(\.cells))
        #expect(decoded.ledger.map(\.invoiceKey) == result.ledger.map(\.invoiceKey))
    }
}
