import Foundation
import IntegraCore

/// The programme's money: one budget for every partner (XLSX, a column per year) and each partner's expenditure
/// ledgers, about two rows per person (50 partners and 100 000 persons give some 200 000 rows), in three layouts by
/// partner (`p%3`): Symfonia-like CSV per payment claim (a quarter), Comarch Optima-like XLSX per year, Rewizor-like
/// CSV per year. Seeded problems at a low rate (``ProgramGenerator/seededShare`` of a partner's rows per code, at
/// least one where the layout allows it), and aggregate ones by partner (`p%10`): 3 a line over its budget beyond
/// the flexibility, 5 a line within it, 7 indirect costs above the flat rate.
extension ProgramGenerator {
    static let seededShare = 0.0005
    static let years = ["2024", "2025"]

    static func ledgerDialect(_ p: Int) -> LedgerDialect { [.symfonia, .optima, .rewizor][p % 3] }

    /// A line a partner may have: which partners (by index), its weight in the partner's budget and rows, and what
    /// its invoices buy.
    struct ProgrammeLine: Sendable {
        enum Partners: Sendable {
            case all, language, workshop, guidance
        }
        var line: String
        var name: String
        var category: CostCategory
        var weight: Double
        var supplies: String?
        var at: Partners = .all

        func has(_ p: Int) -> Bool {
            switch at {
            case .all: return true
            case .language: return p % 2 == 0
            case .workshop: return p % 2 == 1
            case .guidance: return p % 4 >= 2
            }
        }
    }

    static let programmeLines: [ProgrammeLine] = [
        .init(line: "1.1", name: "Wynagrodzenie lektorów", category: .personnel, weight: 0.28, at: .language),
        .init(
            line: "1.2", name: "Podręczniki i materiały", category: .direct, weight: 0.06, supplies: "books",
            at: .language),
        .init(
            line: "1.3", name: "Wynajem sal", category: .direct, weight: 0.10, supplies: "rooms", at: .language),
        .init(line: "2.1", name: "Honoraria za warsztaty", category: .personnel, weight: 0.24, at: .workshop),
        .init(
            line: "2.2", name: "Catering", category: .direct, weight: 0.08, supplies: "catering", at: .workshop),
        .init(
            line: "2.3", name: "Materiały warsztatowe", category: .direct, weight: 0.04, supplies: "office",
            at: .workshop),
        .init(
            line: "2.4", name: "Tłumaczenia", category: .direct, weight: 0.06, supplies: "translations",
            at: .workshop),
        .init(line: "3.1", name: "Wynagrodzenie personelu punktu informacyjnego", category: .personnel, weight: 0.22),
        .init(line: "3.2", name: "Wynagrodzenie doradcy zawodowego", category: .personnel, weight: 0.08, at: .guidance),
        .init(
            line: "3.3", name: "Tłumacz i materiały informacyjne", category: .direct, weight: 0.04,
            supplies: "translations"),
        .init(line: "4.1", name: "Koordynacja", category: .personnel, weight: 0.14),
        .init(
            line: "4.2", name: "Obsługa księgowa", category: .direct, weight: 0.05, supplies: "accounting"),
    ]
    static let indirectWeight = 0.05

    static let supplierKinds: [(kind: String, vat: Int64, what: String, names: [String])] = [
        ("books", 5, "Podręczniki do nauki języka polskiego", ["Wydawnictwo", "Księgarnia", "Oficyna"]),
        ("rooms", 23, "Wynajem sali", ["Centrum Konferencyjne", "Dom Kultury", "Hotel"]),
        ("catering", 8, "Catering", ["Catering", "Restauracja", "Bar"]),
        ("office", 23, "Materiały biurowe", ["Biuro", "Papiernik", "Hurtownia"]),
        ("translations", 23, "Tłumaczenie", ["Biuro Tłumaczeń", "Lingwista", "Translatorium"]),
        ("accounting", 23, "Usługa księgowa", ["Biuro Rachunkowe", "Kancelaria Podatkowa", "Rachmistrz"]),
        ("overheads", 23, "Czynsz i media", ["Nieruchomości", "Telekom", "Energia"]),
    ]
    static let supplierPlaces = [
        "Bilans", "Wisła", "Orzeł", "Pod Lipami", "Centrum", "Nova", "Sokół", "Jantar", "Mazowsze", "Podlasie",
        "Lubelskie", "Karpaty",
    ]
    static let payeeFirst = [
        "Anna", "Katarzyna", "Małgorzata", "Agnieszka", "Ewa", "Joanna", "Piotr", "Tomasz", "Paweł", "Marek",
        "Oksana", "Olena", "Iryna", "Andrij",
    ]
    static let payeeLast = [
        "Nowak", "Wójcik", "Kowalczyk", "Lewandowska", "Zielińska", "Szymańska", "Dąbrowski", "Kozłowski", "Jankowski",
        "Mazur", "Krawczyk", "Melnyk", "Bojko", "Kowalenko",
    ]

    /// Writes the budget and every partner's ledgers; returns the paths written and the finance truth.
    func writeFinance(into folder: URL, name: String, partners: [Partner]) throws -> (
        paths: [String], truth: FinanceBook.Truth
    ) {
        var rng = SeededGenerator(seed: seed &+ 0xF1_4A_7CE)
        var suppliers: [String: [Supplier]] = [:]
        for kind in Self.supplierKinds {
            for (i, place) in Self.supplierPlaces.enumerated() {
                let form = ["Sp. z o.o.", "s.c.", "S.A.", "sp.j."][i % 4]
                suppliers[kind.kind, default: []].append(
                    Supplier(
                        name: "\(kind.names[i % kind.names.count]) \(place) \(form)", nip: LedgerMaker.nip(rng: &rng),
                        vat: kind.vat, what: kind.what))
            }
        }
        let allSuppliers = suppliers.values.flatMap { $0 }
        var maker = LedgerMaker(rng: rng, eligibilityStart: Self.periodStart, eligibilityEnd: Self.periodEnd)
        var book = FinanceBook(eligibilityStart: Self.periodStart, eligibilityEnd: Self.periodEnd)
        let quarters = Self.years.flatMap { y in (1...4).map { "\(y)Q\($0)" } }
        let bounds = quarters.map { q -> (start: LocalDate, end: LocalDate) in
            let end = LedgerMaker.quarterEnd(q)
            return (LocalDate(year: end.year, month: end.month - 2, day: 1)!, end)
        }
        let personsPerPartner = Double(personCount) / Double(max(1, partnerCount))
        var used = Set<Int>()
        var earlier: [(entry: LedgerEntry, dialect: LedgerDialect)] = []
        var paths: [String] = []

        for (p, partner) in partners.enumerated() {
            let dialect = Self.ledgerDialect(p)
            let mine = Self.programmeLines.filter { $0.has(p) }
            let totalWeight = mine.reduce(Self.indirectWeight) { $0 + $1.weight }
            let rowCount = max(40.0, 2 * personsPerPartner) * Double(maker.rng.int(80...120)) / 100
            let budget = personsPerPartner * 600 * 100  // grosze over the two years
            let flatRateBreaker = p % 10 == 7
            var entries: [LedgerEntry] = []
            var directPlan: [String: Int64] = [:]
            var directSpent = [Int64](repeating: 0, count: quarters.count)
            let lineSuppliers = { (kind: String) -> [Supplier] in
                let pool = suppliers[kind]!
                return [pool[(p * 7) % pool.count], pool[(p * 7 + 3) % pool.count]]
            }
            for (l, spec) in mine.enumerated() {
                let task = String(spec.line.prefix(1))
                var plan: [String: Int64] = [:]
                for year in Self.years {
                    plan[year] = Int64((budget * spec.weight / 2 / 10_000).rounded()) * 10_000
                    directPlan[year, default: 0] += plan[year]!
                }
                let line = PlannedLine(
                    partner: partner.id, task: task, taskName: DemoGenerator.taskNames[task]!, line: spec.line,
                    lineName: spec.name, category: spec.category, plan: plan)
                book.lines.append(line)
                var ratio = Double(maker.rng.int(flatRateBreaker ? 85...90 : 85...97)) / 100
                if p % 10 == 3 && l == 1 { ratio = 1.2 }
                if p % 10 == 5 && spec.line == "4.2" { ratio = 1.05 }
                let payees = (0..<3).map { _ in "\(maker.rng.pick(Self.payeeFirst)) \(maker.rng.pick(Self.payeeLast))" }
                let count = max(1, Int((rowCount * spec.weight / totalWeight / Double(quarters.count)).rounded()))
                for (q, quarter) in quarters.enumerated() {
                    let target = Int64((Double(plan[String(quarter.prefix(4))]!) / 4 * ratio).rounded())
                    let rows = maker.rows(
                        for: line, target: target, count: count, period: bounds[q], payees: payees,
                        suppliers: spec.supplies.map(lineSuppliers) ?? [], partial: dialect.hasEligible ? 0.05 : 0)
                    directSpent[q] += rows.reduce(0) { $0 + $1.eligible }
                    entries += rows
                }
            }
            var plan: [String: Int64] = [:]
            for year in Self.years {
                plan[year] = Money(grosze: directPlan[year]!).share(numerator: 7, denominator: 100).grosze
            }
            let indirect = PlannedLine(
                partner: partner.id, task: "4", taskName: DemoGenerator.taskNames["4"]!, line: "4.3",
                lineName: "Koszty pośrednie (ryczałt 7 %)", category: .indirect, plan: plan)
            book.lines.append(indirect)
            let factor = Double(maker.rng.int(flatRateBreaker ? 75...76 : 60...68)) / 1000
            let count = max(1, Int((rowCount * Self.indirectWeight / totalWeight / Double(quarters.count)).rounded()))
            for q in quarters.indices {
                entries += maker.rows(
                    for: indirect, target: Int64((Double(directSpent[q]) * factor).rounded()), count: count,
                    period: bounds[q], payees: [], suppliers: lineSuppliers("overheads"),
                    partial: dialect.hasEligible ? 0.05 : 0)
            }

            // The files: per claim (quarter) or per year of payment.
            var files: [LedgerFile]
            switch dialect {
            case .symfonia:
                files = quarters.map { q in
                    LedgerFile(
                        path: "\(name)/\(partner.id)/zestawienie-wydatkow-\(q).csv", partner: partner.id,
                        dialect: dialect, claim: q, entries: entries.filter { FinanceBook.quarter($0.payment!) == q })
                }
            case .optima, .rewizor:
                files = Self.years.map { y in
                    LedgerFile(
                        path: "\(name)/\(partner.id)/"
                            + (dialect == .optima ? "zestawienie-dokumentow-\(y).xlsx" : "rejestr-zakupow-\(y).csv"),
                        partner: partner.id, dialect: dialect,
                        entries: entries.filter { String($0.payment!.year) == y },
                        title: [
                            "Zestawienie dokumentów księgowych — projekt „Razem w regionie”",
                            "Partner \(partner.id.uppercased())", "Okres: 01.01.\(y) – 31.12.\(y)",
                        ])
                }
            }

            // Seeded problems: a few of each code the layout allows.
            let each = max(1, Int(Double(entries.count) * Self.seededShare))
            for code in FinanceBook.rowCodes {
                for _ in 0..<each {
                    if code == "duplicate-invoice", !earlier.isEmpty, maker.rng.chance(0.5) {
                        let original = earlier.remove(at: maker.rng.int(0...(earlier.count - 1)))
                        _ = maker.seed(
                            code, in: &files, suppliers: allSuppliers, used: &used, earlier: [original])
                    } else {
                        _ = maker.seed(code, in: &files, suppliers: allSuppliers, used: &used)
                    }
                }
            }
            // One invoice split across two budget lines, a row each: both count.
            _ = maker.split(in: &files, used: &used)
            LedgerMaker.sort(&files)
            // A few clean invoices later partners may claim again (double funding).
            for f in files {
                let clean = f.entries.filter { $0.seeded == nil && $0.nip != nil && !used.contains($0.id) }
                if let e = clean.first { earlier.append((e, f.dialect)) }
            }
            for file in files {
                try file.bytes().write(to: folder.appendingPathComponent(file.path))
                paths.append(file.path)
                book.ledgers.append(file)
            }
        }

        let budgetPath = "\(name)/budzet-programu.xlsx"
        let budget = book.budgetWorkbook(
            path: budgetPath,
            title: [
                "Budżet programu „Razem w regionie” — umowa nr RMW/2024/0900",
                "Okres realizacji: 01.01.2024 – 31.12.2025; koszty pośrednie: ryczałt 7 % kosztów bezpośrednich; kwoty w zł",
            ],
            periods: Self.years.map { ("\($0) r.", $0) },
            partnerNames: Dictionary(uniqueKeysWithValues: partners.map { ($0.id, "Partner \($0.id.uppercased())") }))
        try budget.write(to: folder.appendingPathComponent(budgetPath))
        paths.append(budgetPath)
        return (paths, book.truth())
    }
}
