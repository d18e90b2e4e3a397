import Foundation
import IntegraCore
import IntegraReports
import IntegraTesting
import IntegraWarehouse
import Testing

@testable import IntegraPipeline

/// A small project with ledgers and a budget loaded straight into a warehouse (the finance normaliser's rows), for
/// the finance sheets, the dashboard's finance section and `explain` of a money figure.
struct FinanceProject {
    static let projectYAML = """
        version: 1
        project:
          id: fin
          name: Projekt finansowy
          funder: Fundusz Pracy
          programme: Razem Możemy Więcej
          agreement: RMW/2023/FIN
          period: { start: 2023-01-01, end: 2023-12-31 }
        partners:
          - { id: przystan, name: Fundacja Przystań, role: leader }
          - { id: nadija, name: Stowarzyszenie Nadija }
        activities:
          polish_course: { pl: Kurs języka polskiego, en: Polish language course, kind: language_course, session_hours: 2 }
          consultation: { pl: Konsultacje, en: Consultations, kind: consultation }
        sources: []
        """

    static let rules = FinanceRules(
        tasks: [
            FinanceTaskMapping(task: "1", name: "Kursy języka polskiego", activities: ["polish_course"]),
            FinanceTaskMapping(task: "2", name: "Punkt informacyjny", activities: ["consultation"]),
            FinanceTaskMapping(task: "3", name: "Zarządzanie projektem"),
        ],
        indirectRate: Rate(numerator: 7, denominator: 100), flexibility: Rate(numerator: 10, denominator: 100))

    /// One ledger row: partner, document, NIP, paid, eligible grosze, task, line, category, supplier.
    struct Row {
        var partner: String
        var document: String
        var paid: String
        var grosze: Int64
        var task: String
        var line: String
        var category: CostCategory
        var supplier = "Jan Kowalski"
    }

    static let ledger: [Row] = [
        Row(partner: "przystan", document: "FV/1/2023", paid: "2023-02-10", grosze: 1_200_000, task: "1", line: "1.1", category: .personnel),
        Row(partner: "przystan", document: "FV/2/2023", paid: "2023-03-15", grosze: 45_050, task: "1", line: "1.2", category: .direct, supplier: "Księgarnia Sp. z o.o."),
        Row(partner: "przystan", document: "FV/3/2023", paid: "2023-05-05", grosze: 1_234_567, task: "1", line: "1.1", category: .personnel),
        Row(partner: "nadija", document: "RK/7/2023", paid: "2023-04-20", grosze: 300_000, task: "2", line: "2.1", category: .direct, supplier: "Anna Nowak"),
        Row(partner: "nadija", document: "KOR/1/2023", paid: "2023-06-01", grosze: -10_000, task: "2", line: "2.1", category: .direct, supplier: "Anna Nowak"),
        Row(partner: "przystan", document: "LP/4/2023", paid: "2023-06-30", grosze: 250_000, task: "3", line: "3.1", category: .indirect, supplier: "Biuro Rachunkowe"),
    ]

    /// (partner, task, line, category, period, grosze, task name, line name)
    static let budget: [(String, String, String, CostCategory, String, Int64, String, String)] = [
        ("przystan", "1", "1.1", .personnel, "project", 2_000_000, "Kursy języka polskiego", "Wynagrodzenie lektora"),
        ("przystan", "1", "1.2", .direct, "project", 40_000, "Kursy języka polskiego", "Podręczniki"),
        ("nadija", "2", "2.1", .direct, "2023", 800_000, "Punkt informacyjny", "Doradca"),
        ("przystan", "3", "3.1", .indirect, "project", 300_000, "Zarządzanie projektem", "Koszty pośrednie (ryczałt)"),
    ]

    let folder: URL
    let project: ProjectDefinition
    let warehouse: Warehouse

    /// The project file in a temporary folder, and a warehouse file there with the ledger (`ledger`, after
    /// `change` is applied) and the budget loaded, plus a course and consultations for the unit costs.
    init(ledger rows: [Row] = Self.ledger, folder given: URL? = nil) throws {
        folder = try given ?? TestSupport.makeTemporaryDirectory("integra-finance")
        let projectFile = folder.appendingPathComponent("fin.yml")
        try Self.projectYAML.write(to: projectFile, atomically: true, encoding: .utf8)
        project = try ProjectDefinition.load(from: projectFile)
        warehouse = try Warehouse.create(
            at: folder.appendingPathComponent("warehouse.sqlite").path,
            sqlRoot: TestSupport.repositoryRoot.appendingPathComponent("sql"))
        try Self.load(rows, into: warehouse)
    }

    static func load(_ rows: [Row], into warehouse: Warehouse) throws {
        let run = try warehouse.beginRun(projectID: "fin", projectSHA256: String(repeating: "0", count: 64), toolVersion: "test")
        var batch = WarehouseBatch()
        batch.partners = [("przystan", "Fundacja Przystań", "leader"), ("nadija", "Stowarzyszenie Nadija", "partner")]
        batch.activities = [
            ActivityRow(id: "polish_course", namePL: "Kurs języka polskiego", nameEN: "Polish language course", kind: "language_course", sessionHours: 2),
            ActivityRow(id: "consultation", namePL: "Konsultacje", nameEN: "Consultations", kind: "consultation"),
        ]
        let (start, end) = (LocalDate(iso: "2023-01-01")!, LocalDate(iso: "2023-12-31")!)
        batch.periods = ReportPeriods(projectStart: start, projectEnd: end, reporting: nil).all
        var rawID = 0
        /// Stores a file of `cells` rows (data from row 2) and returns its raw row ids.
        func file(_ path: String, partner: String, kind: SourceKind, activity: String, _ cells: [[CellValue]]) throws -> [Int] {
            let text = cells.map { $0.map(\.text).joined(separator: ";") }.joined(separator: "\n")
            let sha = SHA256Hex.of(Data((path + text).utf8))
            let stored = try warehouse.store(
                NewSourceFile(
                    sourceID: path, partnerID: partner, kind: kind, activityID: activity, path: path, sha256: sha,
                    size: text.utf8.count, readOptions: "", encoding: "utf-8"),
                sheets: [SheetTable(name: nil, rows: cells.enumerated().map { TableRow(number: $0.offset + 2, cells: $0.element) })],
                run: run)
            var record = SourceFileRecord(
                id: stored.id, sourceID: path, partnerID: partner, kind: kind, activityID: activity, path: path, sha256: sha,
                size: text.utf8.count, encoding: "utf-8")
            record.rowsRead = cells.count
            record.rowsLoaded = cells.count
            batch.files.append(record)
            let ids = cells.indices.map { rawID + 1 + $0 }
            rawID += cells.count
            for id in ids { batch.rowStatus.append((id, true)) }
            return ids
        }
        let budgetIDs = try file(
            "budzet.csv", partner: "przystan", kind: .budget, activity: "",
            budget.map { [.string($0.0), .string($0.1), .string($0.2), .string($0.4), .number(Double($0.5) / 100)] })
        for (b, id) in zip(budget, budgetIDs) {
            var r = BudgetRecord(rawRowID: id, partnerID: b.0, task: b.1, budgetLine: b.2, category: b.3, periodID: b.4, amount: Money(grosze: b.5))
            r.taskName = b.6
            r.lineName = b.7
            batch.budget.append(r)
        }
        for partner in ["nadija", "przystan"] {
            let mine = rows.filter { $0.partner == partner }
            let ids = try file(
                "\(partner)/wydatki.csv", partner: partner, kind: .ledger, activity: "",
                mine.map { [.string($0.document), .string($0.paid), .string(Money(grosze: $0.grosze).polish), .string($0.supplier)] })
            for (r, id) in zip(mine, ids) {
                var e = ExpenditureRecord(
                    id: batch.expenditures.count + 1, rawRowID: id, partnerID: partner, documentNumber: r.document,
                    eligible: Money(grosze: r.grosze), task: r.task, budgetLine: r.line, category: r.category)
                e.paymentDate = LocalDate(iso: r.paid)
                e.issueDate = LocalDate(iso: r.paid)
                e.supplier = r.supplier
                e.supplierNIP = "5260250274"
                e.description = "Usługa \(r.document)"
                e.net = Money(grosze: r.grosze)
                e.vat = Money(grosze: 0)
                e.gross = Money(grosze: r.grosze)
                batch.expenditures.append(e)
            }
        }
        // Three persons: two on the course at Przystań (two sessions held), one of them and a third consulting at Nadija.
        let rollIDs = try file(
            "przystan/lista.csv", partner: "przystan", kind: .roll, activity: "polish_course",
            [[.string("A")], [.string("B")]])
        let consultIDs = try file(
            "nadija/porady.csv", partner: "nadija", kind: .consultations, activity: "consultation",
            [[.string("A")], [.string("C")]])
        for p in ["P000001", "P000002", "P000003"] {
            batch.persons.append(PersonRecord(id: p, sex: nil, birthDate: nil, citizenship: "UKR", arrivalDate: nil, evidence: .nameOnly))
        }
        batch.courses = [CourseRecord(id: 1, partnerID: "przystan", activityID: "polish_course", groupCode: "A1")]
        for (i, p) in ["P000001", "P000002"].enumerated() {
            var r = ParticipantRecord(
                id: i + 1, rawRowID: rollIDs[i], personID: p, partnerID: "przystan", activityID: "polish_course", courseID: 1,
                firstName: "Imię", lastName: "Nazwisko", nameKey: "imie|nazwisko")
            r.startDate = LocalDate(iso: "2023-02-01")
            batch.participants.append(r)
        }
        batch.sessions = [
            SessionRecord(id: 1, courseID: 1, date: LocalDate(iso: "2023-02-02")!),
            SessionRecord(id: 2, courseID: 1, date: LocalDate(iso: "2023-02-09")!),
        ]
        batch.marks = [1, 2].map {
            AttendanceMarkRecord(rawRowID: rollIDs[0], sessionID: $0, participantRecordID: 1, column: "s\($0)", status: .present)
        }
        for (i, p) in ["P000001", "P000003"].enumerated() {
            batch.participants.append(
                ParticipantRecord(
                    id: batch.participants.count + 1, rawRowID: consultIDs[i], personID: p, partnerID: "nadija",
                    activityID: "consultation", courseID: nil, firstName: "Imię", lastName: "Nazwisko", nameKey: "imie|nazwisko"))
            batch.consultations.append(
                ConsultationRecord(
                    rawRowID: consultIDs[i], partnerID: "nadija", activityID: "consultation", personID: p,
                    date: LocalDate(iso: "2023-04-0\(i + 1)")!, topic: nil, language: nil, mode: nil, minutes: 30))
        }
        try warehouse.load(batch)
        try warehouse.createMarts(parameters: ["ukr_arrival_since": "2022-02-24"])
    }

    var periods: ReportPeriods {
        ReportPeriods(projectStart: project.project.periodStart, projectEnd: project.project.periodEnd, reporting: nil)
    }

    func finance(_ reporting: ReportingPeriod? = nil) throws -> FinanceData? {
        let r = reporting ?? periods.reporting
        return try FinanceData.gather(warehouse, project: project, rules: Self.rules, start: r.start, end: r.end)
    }

    func document(_ reportID: String, language: ReportLanguage = .pl, finance: FinanceData?) throws -> ReportDocument {
        let root = TestSupport.repositoryRoot
        let indicators = try IndicatorDefinition.loadAll(root: root)
        let report = try ReportDefinition.load("reports/\(reportID).yml", root: root, indicators: indicators)
        let builder = ReportBuilder(
            project: project, indicators: Dictionary(uniqueKeysWithValues: indicators.map { ($0.code, $0) }),
            values: ValueIndex([]), periods: periods, language: language, metadata: [("Projekt", "fin")], finance: finance)
        return builder.build(report, ageBands: project.rules.ageBands)
    }
}

@Suite struct FinanceReportTests {
    @Test func budgetExecutionSheetTotalsAndFormulaToTheGrosz() throws {
        let p = try FinanceProject()
        defer { try? p.warehouse.close() }
        let document = try p.document("fami-2021-2027-finance", finance: try p.finance())
        #expect(document.sheets.map(\.name) == ["Zestawienie wydatków", "Wykonanie budżetu", "Koszty jednostkowe", "Koszty pośrednie"])
        let budget = document.sheets[1]
        // Lines 1.1, 1.2, total task 1; 2.1, total task 2; 3.1, total task 3; overall.
        #expect(budget.rows.count == 8)
        #expect(budget.totalRows == [2, 4, 6, 7])
        let plan = budget.header.firstIndex(of: "Wartość w budżecie")!
        let cumulative = budget.header.firstIndex(of: "Wydatki narastająco")!
        let execution = budget.header.firstIndex(of: "% wykonania")!
        #expect(budget.rows[0][plan] == .money(2_000_000))
        #expect(budget.rows[0][cumulative] == .money(2_434_567))
        #expect(budget.rows[0][execution] == .ratio(2_434_567.0 / 2_000_000, numerator: cumulative, denominator: plan))
        #expect(budget.rows[2][cumulative] == .money(2_479_617))  // task 1: 2 434 567 + 45 050
        #expect(budget.rows[7][cumulative] == .money(2_479_617 + 290_000 + 250_000))
        #expect(budget.rows[7][plan] == .money(3_140_000))
        // Line 1.1 is 121,7 % of its plan, beyond the 10 % shift: named in the notes.
        #expect(budget.notes.contains { $0.contains("1.1 (Fundacja Przystań)") && $0.contains("10 %") })
        // The whole project is the reporting period: in-period equals cumulative.
        let csv = budget.rows[0][cumulative].csvText(decimalSeparator: ",")
        #expect(csv == "24345,67")
    }

    @Test func documentListHasNoSupplierNamesAndSumsItsAmounts() throws {
        let p = try FinanceProject()
        defer { try? p.warehouse.close() }
        let list = try p.document("fami-2021-2027-finance", finance: try p.finance()).sheets[0]
        #expect(list.rows.count == FinanceProject.ledger.count + 1)
        let texts = list.rows.flatMap { $0 }.compactMap { cell -> String? in if case .text(let s) = cell { return s }; return nil }
        #expect(!texts.contains { $0.contains("Kowalski") || $0.contains("Nowak") })
        let eligible = list.header.firstIndex(of: "Kwota wydatków kwalifikowalnych")!
        #expect(list.rows.last?[eligible] == .money(FinanceProject.ledger.reduce(0) { $0 + $1.grosze }))
        #expect(list.totalRows == [list.rows.count - 1])
        // Sorted by payment date.
        #expect(list.rows[0][2] == .text("FV/1/2023"))
    }

    @Test func unitCostsAndIndirectCostsSheets() throws {
        let p = try FinanceProject()
        defer { try? p.warehouse.close() }
        let document = try p.document("fami-2021-2027-finance", finance: try p.finance())
        let costs = document.sheets[2]
        // Whole project: 30 196,17 zł / 3 persons = 10 065,39 zł.
        #expect(costs.rows[0][1] == .money(3_019_617) && costs.rows[0][2] == .integer(3) && costs.rows[0][4] == .money(1_006_539))
        // Course (task 1): 24 796,17 zł / 2 persons; per hour: 2 sessions × 2 h = 4 h → 6 199,04 zł (6 199,0425).
        #expect(costs.rows[1][4] == .money(1_239_809))
        #expect(costs.rows[2][4] == .money(145_000))  // consultations: 2 900,00 zł / 2 persons
        #expect(costs.rows[3][2] == .decimal(4) && costs.rows[3][4] == .money(619_904))
        #expect(costs.notes.contains { $0.contains("Zadania bez form wsparcia (3") })
        let indirect = document.sheets[3]
        // Przystań: direct 24 796,17 × 7 % = 1 735,7319 → 1 735,73 zł; indirect 2 500,00: over the limit.
        #expect(indirect.rows[0][3] == .money(173_573) && indirect.rows[0][4] == .money(250_000))
        #expect(indirect.rows[0][6] == .text("ponad limit"))
    }

    /// A project without ledgers and budget: no finance sheet (RenderStage then writes no finance report).
    @Test func noFinanceDataNoFinanceSheets() throws {
        let p = try FinanceProject(ledger: [])
        defer { try? p.warehouse.close() }
        let document = try p.document("fundusz-pracy-rmw-finance", finance: nil)
        #expect(document.sheets.isEmpty)
    }

    /// The dashboard's finance section: spending against plan by quarter, lines near or over plan, unit costs; no
    /// supplier, document or person in it. FINANCE_DASHBOARD_OUT writes the page for scripts/check-dashboard.py.
    @Test func dashboardFinanceSection() throws {
        let p = try FinanceProject()
        defer { try? p.warehouse.close() }
        let indicators = try IndicatorDefinition.loadAll(root: TestSupport.repositoryRoot).filter { !$0.isMoney }
        var dashboard = Dashboard(
            project: p.project, indicators: indicators, values: ValueIndex([]), periods: p.periods, files: [],
            diagnostics: [], evidence: [:], facts: DashboardFacts(), language: .pl, fingerprint: String(repeating: "0", count: 64))
        let section = try #require(try { () -> DashboardPage.FinanceSection? in
            dashboard.finance = try p.finance()
            dashboard.financeByQuarter = try p.periods.quarters.map { q in (q, try p.finance(q)!.figures) }
            return dashboard.financeSection()
        }())
        #expect(section.quarters.count == 4)
        // Q1: 12 000,00 + 450,50 spent; Q2: 12 345,67 + 3 000,00 − 100,00 + 2 500,00.
        #expect(section.quarters[0].spentInQuarter.pl == "12\u{00A0}450,50\u{00A0}zł")
        #expect(section.quarters[1].spentInQuarter.pl == "17\u{00A0}745,67\u{00A0}zł")
        #expect(section.quarters[3].spentCumulative.pl == "30\u{00A0}196,17\u{00A0}zł")
        // The plan due by the year's end is the whole budget.
        #expect(section.quarters[3].planCumulative.pl == "31\u{00A0}400,00\u{00A0}zł")
        // 1.1 (121,7 %) and 1.2 (112,6 %) are beyond the 10 % shift; 3.1 (83,3 %) and 2.1 (36,3 %) are not listed.
        #expect(section.lines.map(\.statusKey) == ["behind", "behind"])
        // Fewer than 5 persons everywhere: no cost per participant on the page; the course hour's cost stays.
        #expect(section.costs.map(\.cost.pl) == ["6\u{00A0}199,04\u{00A0}zł"])
        let html = try dashboard.render(templateFolder: TestSupport.repositoryRoot.appendingPathComponent(Dashboard.templateFolder))
        #expect(html.contains("id=\"finance\""))
        for personal in ["Kowalski", "Nowak", "FV/1/2023", "5260250274"] { #expect(!html.contains(personal), "\(personal)") }
        if let out = ProcessInfo.processInfo.environment["FINANCE_DASHBOARD_OUT"] {
            try Data(html.utf8).write(to: URL(fileURLWithPath: out))
        }
        // Without ledgers and budget the section is not on the page.
        dashboard.finance = nil
        let plain = try dashboard.render(templateFolder: TestSupport.repositoryRoot.appendingPathComponent(Dashboard.templateFolder))
        #expect(!plain.contains("id=\"finance\"") && !plain.contains("href=\"#finance\""))
    }

    /// The workbook as a finance officer gets it, for `scripts/check-pages.py` (set FINANCE_REPORTS_OUT to a folder).
    @Test func writesTheFinanceWorkbooks() throws {
        let p = try FinanceProject()
        defer { try? p.warehouse.close() }
        let out = ProcessInfo.processInfo.environment["FINANCE_REPORTS_OUT"].map { URL(fileURLWithPath: $0) } ?? p.folder
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        for (id, language) in [("fami-2021-2027-finance", ReportLanguage.pl), ("fundusz-pracy-rmw-finance", .pl), ("fami-2021-2027-finance", .en)] {
            let document = try p.document(id, language: language, finance: try p.finance())
            let url = out.appendingPathComponent("\(id)\(language == .en ? "-en" : "").xlsx")
            try document.writeXLSX(to: url)
            #expect(FileManager.default.fileExists(atPath: url.path))
            let csvs = try document.writeCSV(to: out, prefix: "\(id)__", dialect: .excelPL)
            #expect(csvs.count == document.sheets.count)
        }
    }
}

/// Finance sheets in report definitions: kinds, columns, the supplier's name as personal data.
@Suite struct FinanceReportDefinitionTests {
    static func load(_ yaml: String) throws -> ReportDefinition {
        let root = try TestSupport.makeTemporaryDirectory("integra-finance-defs")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("reports"), withIntermediateDirectories: true)
        try yaml.write(to: root.appendingPathComponent("reports/x.yml"), atomically: true, encoding: .utf8)
        return try ReportDefinition.load("reports/x.yml", root: root, indicators: [])
    }

    static func report(_ sheet: String) -> String {
        "id: x\nversion: 1\ntitle: { pl: X, en: X }\nsheets:\n" + sheet
    }

    @Test func shippedLayoutsLoadWithoutSupplierNames() throws {
        let root = TestSupport.repositoryRoot
        let indicators = try IndicatorDefinition.loadAll(root: root)
        for id in ["fami-2021-2027-finance", "fundusz-pracy-rmw-finance"] {
            let report = try ReportDefinition.load("reports/\(id).yml", root: root, indicators: indicators)
            #expect(report.hasFinanceSheets && !report.isPersonal, "\(id)")
            #expect(report.sheets.allSatisfy { $0.kind.isFinance })
        }
    }

    @Test func aSupplierColumnMakesTheReportPersonal() throws {
        let report = try Self.load(Self.report("""
              - name: { pl: Zestawienie, en: List }
                kind: expenditure_list
                columns: [number, document_number, supplier, { field: eligible, header: { pl: Kwota, en: Amount } }]
            """))
        #expect(report.isPersonal)
        #expect(report.sheets[0].financeColumns.map(\.field) == [.number, .documentNumber, .supplier, .eligible])
        #expect(report.sheets[0].financeColumns[3].header?.pl == "Kwota")
    }

    @Test func defaultColumnsLeaveTheSupplierOut() throws {
        let report = try Self.load(Self.report("  - { name: { pl: Z, en: L }, kind: expenditure_list }\n"))
        #expect(!report.isPersonal && report.sheets[0].financeColumns.count == 15)
    }

    @Test(arguments: [
        ("  - { name: { pl: Z, en: L }, kind: expenditure_list, columns: [plan] }\n", "expected one of number, partner"),
        ("  - { name: { pl: Z, en: L }, kind: unit_costs, columns: [number] }\n", "fixed columns"),
        ("  - { name: { pl: Z, en: L }, kind: budget_execution, indicators: [persons_supported] }\n", "indicators"),
        ("  - { name: { pl: Z, en: L }, kind: ledger }\n", "expected one of indicators, expenditure_list"),
    ])
    func badFinanceSheetsAreRefused(sheet: String, mentions: String) throws {
        let error = #expect(throws: DefinitionError.self) { try Self.load(Self.report(sheet)) }
        #expect(error.map { "\($0)".contains(mentions) } == true, "\(String(describing: error))")
    }
}
