import Foundation
import IntegraCore

/// The demo's money: the grant agreement's budget (XLSX, wide form, a column per quarter) and each partner's
/// expenditure ledger in its accounting program's layout, with one row of every row-level finance problem, one line
/// over its budget beyond the flexibility, one within it, and one partner's indirect costs above the flat rate.
extension DemoGenerator {
    static let partnerNames = [
        "przystan": "Fundacja Przystań", "nadija": "Stowarzyszenie Nadija", "centrum": "Centrum Wsparcia Cudzoziemców",
    ]
    static let taskNames = [
        "1": "Kursy języka polskiego", "2": "Warsztaty integracyjne", "3": "Punkt informacyjny i doradztwo",
        "4": "Zarządzanie projektem",
    ]
    static let quarters = ["2023Q1", "2023Q2", "2023Q3", "2023Q4"]

    /// A budget line of the demo: plan per quarter in złoty, ledger rows per quarter, and how much of the plan is
    /// spent (1.05: within the 10 % flexibility; 1.18: over it).
    struct DemoLine {
        var partner: String
        var line: String
        var name: String
        var category: CostCategory
        var plan: [Int64]
        var rows: [Int]
        var spent: ClosedRange<Double>
    }

    static let demoLines: [DemoLine] = [
        .init(
            partner: "przystan", line: "1.1", name: "Wynagrodzenie lektorów języka polskiego", category: .personnel,
            plan: [9000, 9000, 9000, 9000], rows: [6, 6, 6, 6], spent: 0.88...0.97),
        .init(
            partner: "przystan", line: "1.2", name: "Podręczniki i materiały dydaktyczne", category: .direct,
            plan: [4000, 1000, 4000, 1000], rows: [3, 1, 3, 1], spent: 1.05...1.05),
        .init(
            partner: "przystan", line: "1.3", name: "Wynajem sal szkoleniowych", category: .direct,
            plan: [3000, 3000, 3000, 3000], rows: [3, 3, 3, 3], spent: 0.88...0.97),
        .init(
            partner: "przystan", line: "4.1", name: "Koordynator projektu", category: .personnel,
            plan: [12000, 12000, 12000, 12000], rows: [3, 3, 3, 3], spent: 0.88...0.97),
        .init(
            partner: "przystan", line: "4.2", name: "Obsługa księgowa", category: .direct,
            plan: [3000, 3000, 3000, 3000], rows: [3, 3, 3, 3], spent: 0.88...0.97),
        .init(
            partner: "nadija", line: "2.1", name: "Honoraria za prowadzenie warsztatów", category: .personnel,
            plan: [0, 12000, 6000, 12000], rows: [0, 6, 3, 6], spent: 0.88...0.97),
        .init(
            partner: "nadija", line: "2.2", name: "Catering podczas warsztatów", category: .direct,
            plan: [0, 3000, 1000, 3000], rows: [0, 4, 2, 4], spent: 1.18...1.18),
        .init(
            partner: "nadija", line: "2.3", name: "Materiały warsztatowe", category: .direct,
            plan: [0, 2000, 0, 2000], rows: [0, 2, 0, 2], spent: 0.88...0.97),
        .init(
            partner: "nadija", line: "2.4", name: "Tłumaczenia", category: .direct,
            plan: [0, 2500, 1000, 2500], rows: [0, 2, 1, 2], spent: 0.88...0.97),
        .init(
            partner: "nadija", line: "4.2", name: "Obsługa księgowa", category: .direct,
            plan: [1500, 1500, 1500, 1500], rows: [3, 3, 3, 3], spent: 0.88...0.97),
        .init(
            partner: "centrum", line: "3.1", name: "Wynagrodzenie personelu punktu informacyjnego",
            category: .personnel, plan: [15000, 15000, 15000, 15000], rows: [9, 9, 9, 9], spent: 0.86...0.90),
        .init(
            partner: "centrum", line: "3.2", name: "Wynagrodzenie doradcy zawodowego", category: .personnel,
            plan: [6000, 6000, 6000, 6000], rows: [3, 3, 3, 3], spent: 0.86...0.90),
        .init(
            partner: "centrum", line: "3.3", name: "Tłumacz i materiały informacyjne", category: .direct,
            plan: [2000, 2000, 2000, 2000], rows: [2, 2, 2, 2], spent: 0.86...0.90),
        .init(
            partner: "centrum", line: "4.2", name: "Obsługa księgowa", category: .direct,
            plan: [1500, 1500, 1500, 1500], rows: [3, 3, 3, 3], spent: 0.86...0.90),
    ]

    /// Indirect costs spent as a share of the quarter's direct costs (personnel + direct): Centrum's above the 7 %
    /// flat rate.
    static let indirectSpent: [String: Double] = ["przystan": 0.064, "nadija": 0.066, "centrum": 0.076]

    /// Writes the budget and the ledgers; returns the paths written and the finance truth.
    func writeFinance(into folder: URL, name: String) throws -> (paths: [String], truth: FinanceBook.Truth) {
        var rng = SeededGenerator(seed: seed &+ 0xF1_4A_7CE)
        var nips: [String] = []
        for _ in 0..<12 { nips.append(LedgerMaker.nip(rng: &rng)) }
        let bookkeeper = Supplier(
            name: "Biuro Rachunkowe Bilans Anna Wrona", nip: nips[0], vat: 23, what: "Usługa księgowa")
        let translator = Supplier(
            name: "Biuro Tłumaczeń Lingua Sp. z o.o.", nip: nips[1], vat: 23, what: "Tłumaczenie dokumentów")
        let office = [
            Supplier(name: "Orange Polska S.A.", nip: nips[2], vat: 23, what: "Usługi telekomunikacyjne"),
            Supplier(name: "Biuro Plus Sp. z o.o.", nip: nips[3], vat: 23, what: "Materiały biurowe"),
            Supplier(name: "Nieruchomości Lubelskie Sp. z o.o.", nip: nips[4], vat: 23, what: "Czynsz za biuro"),
        ]
        let suppliers: [String: [Supplier]] = [
            "1.2": [
                Supplier(
                    name: "Wydawnictwo Polonicum Sp. z o.o.", nip: nips[5], vat: 5,
                    what: "Podręczniki do nauki języka polskiego"),
                Supplier(name: "Księgarnia Akademicka s.c.", nip: nips[6], vat: 5, what: "Zeszyty ćwiczeń i słowniki"),
            ],
            "1.3": [
                Supplier(
                    name: "Centrum Konferencyjne Pod Zegarem Sp. z o.o.", nip: nips[7], vat: 23,
                    what: "Wynajem sali szkoleniowej")
            ],
            "2.2": [
                Supplier(
                    name: "Catering Smaki Lublina s.c.", nip: nips[8], vat: 8, what: "Catering — warsztaty integracyjne"
                )
            ],
            "2.3": [Supplier(name: "Biuro Plus Sp. z o.o.", nip: nips[3], vat: 23, what: "Materiały warsztatowe")],
            "2.4": [translator],
            "3.3": [
                translator, Supplier(name: "Drukarnia Format", nip: nips[9], vat: 23, what: "Ulotki informacyjne"),
            ],
            "4.2": [bookkeeper],
            "4.3": office,
        ]
        let payees: [String: [String]] = [
            "1.1": ["Magdalena Zielińska", "Tomasz Wróbel"], "4.1": ["Katarzyna Lis"],
            "2.1": ["Oksana Melnyk", "Andrij Bojko"],
            "3.1": ["Olena Krawiec", "Marta Sowa", "Piotr Dudek"], "3.2": ["Ewa Kamińska"],
        ]
        let allSuppliers = suppliers.values.flatMap { $0 }

        var book = FinanceBook(eligibilityStart: Self.periodStart, eligibilityEnd: Self.periodEnd)
        var maker = LedgerMaker(rng: rng, eligibilityStart: Self.periodStart, eligibilityEnd: Self.periodEnd)
        let quarterBounds = Self.quarters.map { q -> (start: LocalDate, end: LocalDate) in
            let end = LedgerMaker.quarterEnd(q)
            return (LocalDate(year: end.year, month: end.month - 2, day: 1)!, end)
        }
        var entries: [String: [LedgerEntry]] = [:]
        for partner in ["przystan", "nadija", "centrum"] {
            var directPlan = [Int64](repeating: 0, count: 4)
            var directSpent = [Int64](repeating: 0, count: 4)
            for spec in Self.demoLines where spec.partner == partner {
                let task = String(spec.line.prefix(1))
                var plan: [String: Int64] = [:]
                for (q, zl) in spec.plan.enumerated() where zl > 0 { plan[Self.quarters[q]] = zl * 100 }
                let line = PlannedLine(
                    partner: partner, task: task, taskName: Self.taskNames[task]!, line: spec.line,
                    lineName: spec.name, category: spec.category, plan: plan)
                book.lines.append(line)
                let ratio =
                    spec.spent.lowerBound + Double(maker.rng.int(0...100)) / 100
                    * (spec.spent.upperBound - spec.spent.lowerBound)
                for q in 0..<4 {
                    let target = Int64((Double(spec.plan[q] * 100) * ratio).rounded())
                    let rows = maker.rows(
                        for: line, target: target, count: spec.rows[q], period: quarterBounds[q],
                        payees: payees[spec.line] ?? [], suppliers: suppliers[spec.line] ?? [],
                        partial: partner == "centrum" ? 0 : 0.1)
                    directPlan[q] += spec.plan[q] * 100
                    directSpent[q] += rows.reduce(0) { $0 + $1.eligible }
                    entries[partner, default: []] += rows
                }
            }
            // Indirect costs: the flat rate of the planned direct costs, spent as a share of the spent ones.
            var plan: [String: Int64] = [:]
            for q in 0..<4 {
                plan[Self.quarters[q]] = Money(grosze: directPlan[q]).share(numerator: 7, denominator: 100).grosze
            }
            let line = PlannedLine(
                partner: partner, task: "4", taskName: Self.taskNames["4"]!, line: "4.3",
                lineName: "Koszty pośrednie (ryczałt 7 %)", category: .indirect, plan: plan)
            book.lines.append(line)
            for q in 0..<4 {
                let target = Int64((Double(directSpent[q]) * Self.indirectSpent[partner]!).rounded())
                entries[partner, default: []] += maker.rows(
                    for: line, target: target, count: partner == "nadija" && q == 0 ? 1 : 2, period: quarterBounds[q],
                    payees: [], suppliers: office, partial: partner == "centrum" ? 0 : 0.1)
            }
        }
        book.lines.sort {
            ($0.task, $0.line, ["przystan", "nadija", "centrum"].firstIndex(of: $0.partner)!)
                < ($1.task, $1.line, ["przystan", "nadija", "centrum"].firstIndex(of: $1.partner)!)
        }

        // The files: Przystań sends a ledger per payment claim (a quarter, named in the file), the others one a year.
        let przystanFiles = Self.quarters.map { q in
            LedgerFile(
                path: "\(name)/przystan/zestawienie-wydatkow-\(q).csv", partner: "przystan", dialect: .symfonia,
                claim: q, entries: entries["przystan"]!.filter { FinanceBook.quarter($0.payment!) == q })
        }
        var files: [String: [LedgerFile]] = [
            "przystan": przystanFiles,
            "nadija": [
                LedgerFile(
                    path: "\(name)/nadija/zestawienie-dokumentow-2023.xlsx", partner: "nadija", dialect: .optima,
                    entries: entries["nadija"]!,
                    title: [
                        "Zestawienie dokumentów księgowych — projekt „Razem w Lublinie”", "Stowarzyszenie Nadija",
                        "Okres: 01.01.2023 – 31.12.2023",
                    ])
            ],
            "centrum": [
                LedgerFile(
                    path: "\(name)/centrum/rejestr-zakupow-2023.csv", partner: "centrum", dialect: .rewizor,
                    entries: entries["centrum"]!)
            ],
        ]

        // One row of every problem. Nadija's ledger comes before Centrum's in the project file (Integra's input
        // order: sources as listed, then paths), so Nadija's translation invoice is the one kept and Centrum's copy
        // of it is the double funding.
        var used = Set<Int>()
        for code in ["unpaid-expenditure", "invalid-amount"] {
            precondition(maker.seed(code, in: &files["centrum"]!, suppliers: allSuppliers, used: &used))
        }
        let kept = files["nadija"]![0].entries.first {
            $0.line == "2.4" && $0.supplier == translator.name && $0.seeded == nil && !used.contains($0.id)
        }!
        precondition(
            maker.seed(
                "duplicate-invoice", in: &files["centrum"]!, suppliers: allSuppliers, used: &used,
                earlier: [(kept, .optima)], onLine: "3.3"))
        for code in ["expense-outside-eligibility", "eligible-above-gross"] {
            precondition(maker.seed(code, in: &files["nadija"]!, suppliers: allSuppliers, used: &used))
        }
        // A credit note: a trainer's fee corrected down, counted as a negative amount.
        let corrected = files["nadija"]![0].entries.first { $0.line == "2.1" && !used.contains($0.id) }!
        var note = corrected
        note.id = maker.newID()
        note.document = "KOR/\(corrected.document)"
        note.description = "Korekta wynagrodzenia — \(LedgerMaker.months[corrected.issue.month - 1])"
        (note.net, note.vat, note.gross, note.eligible) = (-30000, 0, -30000, -30000)
        note.payment = min(
            corrected.payment!.adding(days: 9), LedgerMaker.quarterEnd(FinanceBook.quarter(corrected.payment!)))
        note.issue = note.payment!
        files["nadija"]![0].entries.append(note)
        for code in ["vat-not-eligible", "unknown-budget-line", "paid-after-claim", "duplicate-invoice", "invalid-nip"]
        {
            precondition(maker.seed(code, in: &files["przystan"]!, suppliers: allSuppliers, used: &used))
        }
        // One document split across two budget lines, a row each (a room hired for the course, part of it for the
        // course's materials fair): both rows load, their eligible parts together within the document's net amount.
        precondition(maker.split(in: &files["przystan"]!, used: &used, from: "1.3", onto: "1.2"))

        var paths: [String] = []
        let budgetPath = "\(name)/budzet-projektu.xlsx"
        let budget = book.budgetWorkbook(
            path: budgetPath,
            title: [
                "Budżet projektu „Razem w Lublinie” — umowa nr RMW/2023/0042 (Fundusz Pracy, współfinansowanie FAMI)",
                "Okres realizacji: 01.01.2023 – 31.12.2023; koszty pośrednie: ryczałt 7 % kosztów bezpośrednich; kwoty w zł",
            ],
            periods: Self.quarters.enumerated().map { (["I", "II", "III", "IV"][$0] + " kw. 2023", $1) },
            partnerNames: Self.partnerNames)
        try budget.write(to: folder.appendingPathComponent(budgetPath))
        paths.append(budgetPath)
        for partner in ["przystan", "nadija", "centrum"] {
            LedgerMaker.sort(&files[partner]!)
            for file in files[partner]! {
                try file.bytes().write(to: folder.appendingPathComponent(file.path))
                paths.append(file.path)
                book.ledgers.append(file)
            }
        }
        return (paths, book.truth())
    }
}
