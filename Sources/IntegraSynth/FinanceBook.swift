import Foundation
import IntegraCore
import IntegraReports

/// One partner's budget line of the grant agreement: what it plans, per period.
struct PlannedLine {
    var partner: String
    var task: String
    var taskName: String
    var line: String
    var lineName: String
    var category: CostCategory
    /// Period id (`2023Q1`, `2024`) → planned grosze; periods with nothing planned are absent.
    var plan: [String: Int64]

    var total: Int64 { plan.values.reduce(0, +) }
    var key: FinanceBook.LineKey { .init(partner: partner, task: task, line: line) }
}

/// One ledger row as the generator means it. A clean row loads and counts; a seeded row carries the diagnostic code
/// a correct run must give on it (``FinanceBook/warningCodes`` load and count, the others are rejected).
struct LedgerEntry {
    var id: Int
    var partner: String
    var document: String
    var issue: LocalDate
    var payment: LocalDate?
    /// A company, or a natural person paid for work (payroll, a contract): personal data.
    var supplier: String
    /// Ten digits; checksum-valid unless seeded `invalid-nip`.
    var nip: String?
    var description: String
    var net: Int64?
    var vat: Int64?
    var gross: Int64?
    /// The eligible amount as the ledger's eligible column states it (ledgers without one: the net amount).
    var eligible: Int64
    /// Of the eligible amount, VAT (written where the ledger has the column).
    var eligibleVAT: Int64 = 0
    var task: String
    var line: String
    var category: CostCategory
    var seeded: String?
    /// Written instead of the counted amount (`invalid-amount`).
    var amountText: String?
    /// `duplicate-invoice`: the row it copies.
    var duplicateOf: Int?

    var loads: Bool { seeded.map { FinanceBook.warningCodes.contains($0) } ?? true }
    var sortDate: LocalDate { payment ?? issue }
}

/// A ledger export's layout, after the accounting programs Polish NGOs use: their header names, how they write
/// dates, amounts and NIPs, and the file format.
enum LedgerDialect {
    /// Symfonia-like: CSV, Windows-1250, `;`, amounts "1 234,56", dates `dd.mm.yyyy`, NIP `123-456-78-90`,
    /// "Zadanie 1", "poz. 1.1", category words.
    case symfonia
    /// Comarch Optima-like: XLSX with a title block, dates as date cells, amounts as number cells, the eligible
    /// amount with its VAT ("w tym VAT"), task numbers as numbers.
    case optima
    /// Rewizor-like: CSV, UTF-8 with BOM, `,`, amounts "1234.56 zł", ISO dates, NIP `123-45-67-890`, "Zad. 3",
    /// "3.1."; no eligible column (the net amount is eligible: VAT is not) and no category (the budget line's).
    case rewizor

    var headers: [String] {
        switch self {
        case .symfonia:
            return [
                "Lp.", "Nr dokumentu", "Data wystawienia", "Data zapłaty", "Kontrahent", "NIP kontrahenta",
                "Opis operacji", "Kwota netto", "Kwota VAT", "Kwota brutto", "Kwota kwalifikowalna", "Zadanie",
                "Pozycja budżetu", "Kategoria",
            ]
        case .optima:
            return [
                "Lp.", "Numer dokumentu", "Data dokumentu", "Data płatności", "Podmiot", "NIP podmiotu", "Opis",
                "Netto", "VAT", "Brutto", "Wydatki kwalifikowalne", "w tym VAT", "Nr zadania", "Nr pozycji",
                "Rodzaj kosztu",
            ]
        case .rewizor:
            return [
                "Nr ewid.", "Dokument", "Data wyst.", "Data zapł.", "Kontrahent", "NIP", "Treść", "Wartość netto",
                "Wartość VAT", "Wartość brutto", "Zadanie", "Poz. budżetu",
            ]
        }
    }

    var hasEligible: Bool { self != .rewizor }
    var isXLSX: Bool { self == .optima }
    /// The 1-based row of the header: the Optima-like workbook has a title block of three lines and a blank row.
    var headerRow: Int { self == .optima ? 5 : 1 }
    static let sheetName = "Zestawienie"

    /// The project file's `columns:` for this layout (indented for a source entry).
    var columns: String {
        switch self {
        case .symfonia:
            return """
                    columns:
                      document_number: Nr dokumentu
                      issue_date: Data wystawienia
                      payment_date: Data zapłaty
                      supplier: Kontrahent
                      supplier_nip: NIP kontrahenta
                      description: Opis operacji
                      net: Kwota netto
                      vat: Kwota VAT
                      gross: Kwota brutto
                      eligible: Kwota kwalifikowalna
                      task: Zadanie
                      budget_line: Pozycja budżetu
                      category: Kategoria
                """
        case .optima:
            return """
                    columns:
                      document_number: Numer dokumentu
                      issue_date: Data dokumentu
                      payment_date: Data płatności
                      supplier: Podmiot
                      supplier_nip: NIP podmiotu
                      description: Opis
                      net: Netto
                      vat: VAT
                      gross: Brutto
                      eligible: Wydatki kwalifikowalne
                      eligible_vat: w tym VAT
                      task: Nr zadania
                      budget_line: Nr pozycji
                      category: Rodzaj kosztu
                """
        case .rewizor:
            return """
                    columns:
                      document_number: Dokument
                      issue_date: Data wyst.
                      payment_date: Data zapł.
                      supplier: Kontrahent
                      supplier_nip: NIP
                      description: Treść
                      net: Wartość netto
                      vat: Wartość VAT
                      gross: Wartość brutto
                      task: Zadanie
                      budget_line: Poz. budżetu
                """
        }
    }

    /// The amount counted for a loaded row: the eligible column, or the net amount where the ledger has none.
    func counted(_ e: LedgerEntry) -> Int64 { hasEligible ? e.eligible : e.net ?? 0 }

    /// Text for an amount that does not parse, in this layout's style (a letter O typed for a zero).
    var brokenAmount: String {
        switch self {
        case .symfonia: return "1 2O0,00"
        case .optima: return "35O,00 zł"
        case .rewizor: return "1O50.00 zł"
        }
    }

    func nip(_ digits: String) -> String {
        let d = Array(digits)
        switch self {
        case .symfonia: return "\(String(d[0..<3]))-\(String(d[3..<6]))-\(String(d[6..<8]))-\(String(d[8..<10]))"
        case .optima: return digits
        case .rewizor: return "\(String(d[0..<3]))-\(String(d[3..<5]))-\(String(d[5..<7]))-\(String(d[7..<10]))"
        }
    }

    func category(_ c: CostCategory) -> String {
        switch (self, c) {
        case (.optima, .personnel): return "wynagrodzenia"
        case (.optima, .direct): return "bezpośrednie"
        case (.optima, .indirect): return "pośrednie"
        case (_, .crossFinancing): return "cross-financing"
        default: return c.polish
        }
    }

    /// One written row (`number`: the ledger's own running number).
    func cells(_ e: LedgerEntry, number: Int) -> [FixtureCell] {
        func amount(_ g: Int64?) -> FixtureCell {
            guard let g else { return .empty }
            switch self {
            case .symfonia: return .text(Money(grosze: g).polish)
            case .optima: return .number(Double(g) / 100)
            case .rewizor: return .text(Money(grosze: g).plain + " zł")
            }
        }
        func date(_ d: LocalDate?) -> FixtureCell {
            guard let d else { return .empty }
            switch self {
            case .symfonia: return .text(d.polish)
            case .optima: return .date(d)
            case .rewizor: return .text(d.iso)
            }
        }
        let nip: FixtureCell = e.nip.map { .text(self.nip($0)) } ?? .empty
        var net = amount(e.net)
        var eligible = amount(e.eligible)
        if let broken = e.amountText {
            if hasEligible { eligible = .text(broken) } else { net = .text(broken) }
        }
        switch self {
        case .symfonia:
            return [
                .text(String(number)), .text(e.document), date(e.issue), date(e.payment), .text(e.supplier), nip,
                .text(e.description), net, amount(e.vat), amount(e.gross), eligible, .text("Zadanie \(e.task)"),
                .text("poz. \(e.line)"), .text(category(e.category)),
            ]
        case .optima:
            return [
                .number(Double(number)), .text(e.document), date(e.issue), date(e.payment), .text(e.supplier), nip,
                .text(e.description), net, amount(e.vat), amount(e.gross), eligible, amount(e.eligibleVAT),
                Int(e.task).map { .number(Double($0)) } ?? .text(e.task), .text(e.line),
                .text(category(e.category)),
            ]
        case .rewizor:
            return [
                .text(String(number)), .text(e.document), date(e.issue), date(e.payment), .text(e.supplier), nip,
                .text(e.description), net, amount(e.vat), amount(e.gross), .text("Zad. \(e.task)"),
                .text("\(e.line)."),
            ]
        }
    }
}

/// One ledger file: its layout, the claim its name states, its rows in order.
struct LedgerFile {
    var path: String
    var partner: String
    var dialect: LedgerDialect
    /// The claim (a quarter, `2023Q2`) the file name states, if it does.
    var claim: String?
    var entries: [LedgerEntry] = []
    /// Lines of the Optima-like title block.
    var title: [String] = []

    /// The 1-based sheet row of entry `index`.
    func row(of index: Int) -> Int { dialect.headerRow + 1 + index }

    func bytes() throws -> Data {
        let rows = entries.enumerated().map { dialect.cells($1, number: $0 + 1) }
        if dialect.isXLSX {
            var sheet = FixtureSheet(LedgerDialect.sheetName)
            for (i, line) in title.prefix(dialect.headerRow - 2).enumerated() { sheet[i + 1] = [.text(line)] }
            sheet[dialect.headerRow] = dialect.headers.map { .text($0) }
            for (i, cells) in rows.enumerated() { sheet[row(of: i)] = cells }
            return FixtureWorkbook(sheets: [sheet]).bytes()
        }
        let fields: [[CSVField]] = [dialect.headers.map { .text($0) }] + rows.map { $0.map(Self.field) }
        let writer =
            dialect == .symfonia
            ? CSVTableWriter(delimiter: ";", encoding: .windows1250, decimalSeparator: ",")
            : CSVTableWriter(delimiter: ",", encoding: .utf8BOM, decimalSeparator: ".")
        return try writer.verbatim().encode(fields)
    }

    static func field(_ cell: FixtureCell) -> CSVField {
        switch cell {
        case .empty: return .empty
        case .text(let s): return .text(s)
        case .number(let n): return .number(n)
        case .date(let d): return .text(d.iso)
        }
    }
}

/// The money side of a generated project: the budget, the ledgers and the truth about them. The generators fill
/// it (``DemoGenerator``, ``ProgramGenerator``); ``truth()`` applies the rules of the finance checks independently
/// of Integra's normalisers.
struct FinanceBook {
    struct LineKey: Hashable, Comparable {
        var partner: String
        var task: String
        var line: String

        static func < (a: LineKey, b: LineKey) -> Bool { (a.partner, a.task, a.line) < (b.partner, b.task, b.line) }
    }

    /// Codes on rows that load and count (warnings); every other seeded code rejects its row.
    static let warningCodes: Set<String> = ["paid-after-claim", "invalid-nip"]
    /// Every row-level code the generators seed.
    static let rowCodes = [
        "expense-outside-eligibility", "paid-after-claim", "duplicate-invoice", "eligible-above-gross",
        "vat-not-eligible", "unknown-budget-line", "unpaid-expenditure", "invalid-nip", "invalid-amount",
    ]

    var eligibilityStart: LocalDate
    var eligibilityEnd: LocalDate
    /// Percent, for `indirect_rate:` and `flexibility:`.
    var indirectRate: Int64 = 7
    var flexibility: Int64 = 10
    var lines: [PlannedLine] = []
    var budgetPath = ""
    /// The budget's 1-based sheet row of each line.
    var budgetRows: [LineKey: Int] = [:]
    var budgetSheet = ""
    var ledgers: [LedgerFile] = []

    // MARK: Writing the budget

    /// The budget workbook in the wide form: title lines, a blank row, the header, one row per partner's line with
    /// a number cell per period (`periods`: header and period id), and a total column.
    mutating func budgetWorkbook(
        path: String, title: [String], periods: [(header: String, id: String)], partnerNames: [String: String]
    ) -> Data {
        budgetPath = path
        budgetSheet = "Budżet"
        var sheet = FixtureSheet(budgetSheet)
        for (i, line) in title.enumerated() { sheet[i + 1] = [.text(line)] }
        let headerRow = title.count + 2
        let headers =
            ["Zadanie", "Nazwa zadania", "Nr pozycji", "Pozycja", "Kategoria kosztu", "Partner"]
            + periods.map(\.header) + ["Razem"]
        sheet[headerRow] = headers.map { .text($0) }
        sheet.merges = title.indices.map { "A\($0 + 1):\(columnLetters(headers.count - 1))\($0 + 1)" }
        for (i, line) in lines.enumerated() {
            let row = headerRow + 1 + i
            budgetRows[line.key] = row
            sheet[row] =
                [
                    .text(line.task), .text(line.taskName), .text(line.line), .text(line.lineName),
                    .text(line.category.polish), .text(partnerNames[line.partner] ?? line.partner),
                ]
                + periods.map { p in line.plan[p.id].map { .number(Double($0) / 100) } ?? .empty }
                + [.number(Double(line.total) / 100)]
        }
        return FixtureWorkbook(sheets: [sheet]).bytes()
    }

    // MARK: The truth

    struct Truth: Codable {
        struct Settings: Codable {
            var eligibilityStart: String
            var eligibilityEnd: String
            var vatEligible: Bool
            var indirectRatePercent: Int64
            var flexibilityPercent: Int64

            enum CodingKeys: String, CodingKey {
                case eligibilityStart = "eligibility_start", eligibilityEnd = "eligibility_end"
                case vatEligible = "vat_eligible", indirectRatePercent = "indirect_rate_percent"
                case flexibilityPercent = "flexibility_percent"
            }
        }
        /// Eligible grosze of loaded rows paid in one quarter on one partner's line.
        struct Spending: Codable {
            var partner: String
            var task: String
            var budgetLine: String
            var quarter: String
            var eligibleGrosze: Int64
            var rows: Int

            enum CodingKeys: String, CodingKey {
                case partner, task, budgetLine = "budget_line", quarter, eligibleGrosze = "eligible_grosze", rows
            }
        }
        struct Totals: Codable {
            var all: Int64
            var partner: [String: Int64]
            var task: [String: Int64]
            /// By `task/line`, every partner together.
            var budgetLine: [String: Int64]
            var category: [String: Int64]

            enum CodingKeys: String, CodingKey { case all, partner, task, budgetLine = "budget_line", category }
        }
        struct Plan: Codable {
            var partner: String
            var task: String
            var budgetLine: String
            var category: String
            var period: String
            var amountGrosze: Int64

            enum CodingKeys: String, CodingKey {
                case partner, task, budgetLine = "budget_line", category, period, amountGrosze = "amount_grosze"
            }
        }
        struct Expected: Codable, Comparable {
            var code: String
            var severity: String
            var file: String
            var sheet: String?
            var row: Int
            /// `duplicate-invoice`: the first occurrence, which is kept.
            var firstFile: String?
            var firstRow: Int?
            /// Aggregate checks: what they are about.
            var partner: String?
            var task: String?
            var budgetLine: String?

            enum CodingKeys: String, CodingKey {
                case code, severity, file, sheet, row, firstFile = "first_file", firstRow = "first_row", partner, task
                case budgetLine = "budget_line"
            }

            static func < (a: Expected, b: Expected) -> Bool { (a.file, a.row, a.code) < (b.file, b.row, b.code) }
        }

        var note: String
        var settings: Settings
        var files: [TruthBuilder.FileTruth]
        var spending: [Spending]
        var totals: Totals
        var plan: [Plan]
        var expectedDiagnostics: [Expected]

        enum CodingKeys: String, CodingKey {
            case note, settings, files, spending, totals, plan, expectedDiagnostics = "expected_diagnostics"
        }
    }

    static func quarter(_ d: LocalDate) -> String { "\(d.year)Q\(d.quarter)" }

    func truth() -> Truth {
        var files: [TruthBuilder.FileTruth] = []
        var cells: [String: Truth.Spending] = [:]
        var spent: [LineKey: Int64] = [:]
        var totals = Truth.Totals(all: 0, partner: [:], task: [:], budgetLine: [:], category: [:])
        var expected: [Truth.Expected] = []
        var where_: [Int: (file: String, row: Int)] = [:]
        for file in ledgers {
            for (i, e) in file.entries.enumerated() { where_[e.id] = (file.path, file.row(of: i)) }
        }
        for file in ledgers {
            let sheet = file.dialect.isXLSX ? LedgerDialect.sheetName : nil
            var rejected = 0
            for (i, e) in file.entries.enumerated() {
                if let code = e.seeded {
                    let first = e.duplicateOf.flatMap { where_[$0] }
                    expected.append(
                        Truth.Expected(
                            code: code, severity: e.loads ? "warning" : "error", file: file.path, sheet: sheet,
                            row: file.row(of: i), firstFile: first?.file, firstRow: first?.row))
                }
                guard e.loads else {
                    rejected += 1
                    continue
                }
                let amount = file.dialect.counted(e)
                let quarter = Self.quarter(e.payment!)
                let key = "\(e.partner)|\(e.task)|\(e.line)|\(quarter)"
                cells[
                    key,
                    default: .init(
                        partner: e.partner, task: e.task, budgetLine: e.line, quarter: quarter, eligibleGrosze: 0,
                        rows: 0)
                ].eligibleGrosze += amount
                cells[key]!.rows += 1
                spent[LineKey(partner: e.partner, task: e.task, line: e.line), default: 0] += amount
                totals.all += amount
                totals.partner[e.partner, default: 0] += amount
                totals.task[e.task, default: 0] += amount
                totals.budgetLine["\(e.task)/\(e.line)", default: 0] += amount
                totals.category[e.category.rawValue, default: 0] += amount
            }
            files.append(
                .init(
                    path: file.path, read: file.entries.count, loaded: file.entries.count - rejected,
                    rejected: rejected))
        }
        files.append(.init(path: budgetPath, read: lines.count, loaded: lines.count, rejected: 0))

        // Aggregate checks, placed on the budget file at the line's row.
        var direct: [String: Int64] = [:]
        var indirect: [String: Int64] = [:]
        for line in lines.sorted(by: { $0.key < $1.key }) {
            let s = spent[line.key] ?? 0
            let allowed = line.total + Money(grosze: line.total).share(numerator: flexibility, denominator: 100).grosze
            let code: String? = s > allowed ? "line-over-budget" : s > line.total ? "line-within-flexibility" : nil
            if let code {
                expected.append(
                    .init(
                        code: code, severity: code == "line-over-budget" ? "warning" : "note", file: budgetPath,
                        sheet: budgetSheet, row: budgetRows[line.key]!, partner: line.partner, task: line.task,
                        budgetLine: line.line))
            }
        }
        for (key, amount) in spent {
            let category = lines.first { $0.key == key }!.category
            switch category {
            case .indirect: indirect[key.partner, default: 0] += amount
            case .personnel, .direct: direct[key.partner, default: 0] += amount
            case .crossFinancing: break
            }
        }
        for (partner, amount) in indirect.sorted(by: { $0.key < $1.key }) {
            let cap = Money(grosze: direct[partner] ?? 0).share(numerator: indirectRate, denominator: 100).grosze
            guard amount > cap else { continue }
            let line = lines.filter { $0.partner == partner && $0.category == .indirect }.min { $0.key < $1.key }!
            expected.append(
                .init(
                    code: "indirect-over-flat-rate", severity: "warning", file: budgetPath, sheet: budgetSheet,
                    row: budgetRows[line.key]!, partner: partner, task: line.task, budgetLine: line.line))
        }
        let plan = lines.flatMap { line in
            line.plan.map {
                Truth.Plan(
                    partner: line.partner, task: line.task, budgetLine: line.line, category: line.category.rawValue,
                    period: $0.key, amountGrosze: $0.value)
            }
        }
        return Truth(
            note: "Money a correct run must produce on these ledgers and this budget (integra synth). spending: "
                + "eligible grosze of the rows that load, by partner, task, budget line and the quarter of the payment "
                + "date; totals: the same summed (budget_line keyed task/line); plan: the budget's cells (a period "
                + "left empty is absent); expected_diagnostics: every seeded problem (1-based sheet row, header and "
                + "title rows counted), and the aggregate checks on the budget file at the line's row "
                + "(indirect-over-flat-rate: the partner's indirect line).",
            settings: .init(
                eligibilityStart: eligibilityStart.iso, eligibilityEnd: eligibilityEnd.iso, vatEligible: false,
                indirectRatePercent: indirectRate, flexibilityPercent: flexibility),
            files: files.sorted { $0.path < $1.path },
            spending: cells.values.sorted {
                ($0.partner, $0.task, $0.budgetLine, $0.quarter) < ($1.partner, $1.task, $1.budgetLine, $1.quarter)
            },
            totals: totals,
            plan: plan.sorted {
                ($0.partner, $0.task, $0.budgetLine, $0.period) < ($1.partner, $1.task, $1.budgetLine, $1.period)
            },
            expectedDiagnostics: expected.sorted())
    }
}

// MARK: Making ledger rows

/// A company a partner buys from.
struct Supplier {
    var name: String
    var nip: String
    /// VAT rate in percent (0: exempt).
    var vat: Int64
    var what: String
}

/// Draws ledger rows for budget lines: amounts that add up to a target per period, dates in the period, invoice
/// numbers unique per supplier, payroll numbers unique per partner. Seeded errors are made from clean rows.
struct LedgerMaker {
    var rng: SeededGenerator
    var eligibilityStart: LocalDate
    var eligibilityEnd: LocalDate
    private(set) var nextID = 0
    private var invoices: [String: Int] = [:]
    private var payrolls: [String: Int] = [:]

    init(rng: SeededGenerator, eligibilityStart: LocalDate, eligibilityEnd: LocalDate) {
        self.rng = rng
        self.eligibilityStart = eligibilityStart
        self.eligibilityEnd = eligibilityEnd
    }

    /// A checksum-valid NIP (weights 6 5 7 2 3 4 5 6 7, mod 11; a checksum of 10 is no NIP).
    static func nip(rng: inout SeededGenerator) -> String {
        while true {
            var d = [rng.int(1...9)] + (0..<8).map { _ in rng.int(0...9) }
            let sum = zip(d, [6, 5, 7, 2, 3, 4, 5, 6, 7]).reduce(0) { $0 + $1.0 * $1.1 } % 11
            guard sum != 10 else { continue }
            d.append(sum)
            return d.map(String.init).joined()
        }
    }

    static func nipIsValid(_ nip: String) -> Bool {
        let d = nip.compactMap(\.wholeNumberValue)
        guard d.count == 10 else { return false }
        let sum = zip(d, [6, 5, 7, 2, 3, 4, 5, 6, 7]).reduce(0) { $0 + $1.0 * $1.1 } % 11
        return sum == d[9]
    }

    static let months = [
        "styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień", "wrzesień", "październik",
        "listopad", "grudzień",
    ]

    /// Splits one clean invoice of a file across two budget lines, a row each (a room shared by two lines): a
    /// share of its eligible amount moves to a row on the line of another clean invoice of the same file, with the
    /// same document number and amounts. Both rows load (Integra allows a document's parts on different lines while
    /// they claim no more than the document's net amount). False when the file has no two such invoices.
    /// `from` and `onto` pick the lines (any when nil).
    mutating func split(
        in files: inout [LedgerFile], used: inout Set<Int>, from: String? = nil, onto: String? = nil
    ) -> Bool {
        // A ledger without an eligible column (the net amount is eligible) cannot give a part of a document.
        for f in files.indices where files[f].dialect.hasEligible {
            let clean = files[f].entries.indices.filter {
                let e = files[f].entries[$0]
                return e.seeded == nil && !used.contains(e.id) && e.nip != nil && e.eligible > 100 && e.amountText == nil
                    && e.eligibleVAT == 0
            }
            guard let i = clean.first(where: { from == nil || files[f].entries[$0].line == from }),
                let other = clean.first(where: {
                    files[f].entries[$0].line != files[f].entries[i].line
                        && (onto == nil || files[f].entries[$0].line == onto)
                })
            else { continue }
            var part = files[f].entries[i]
            used.insert(part.id)
            let share = part.eligible * Int64(rng.int(2...5)) / 10
            files[f].entries[i].eligible -= share
            let target = files[f].entries[other]
            part.id = newID()
            (part.task, part.line, part.category, part.eligible) = (target.task, target.line, target.category, share)
            files[f].entries.insert(part, at: i + 1)
            return true
        }
        return false
    }

    mutating func newID() -> Int {
        nextID += 1
        return nextID
    }

    /// `target` grosze split into `count` parts of similar size (each at least 1 zł).
    mutating func split(_ target: Int64, into count: Int) -> [Int64] {
        guard count > 1 else { return [target] }
        let weights = (0..<count).map { _ in Int64(rng.int(60...140)) }
        let sum = weights.reduce(0, +)
        var parts = weights.map { target * $0 / sum }
        parts[count - 1] += target - parts.reduce(0, +)
        return parts
    }

    /// A day in the period (clipped to eligibility).
    mutating func day(in start: LocalDate, _ end: LocalDate) -> LocalDate {
        let from = max(start, eligibilityStart), to = min(end, eligibilityEnd)
        return from.adding(days: rng.int(0...(to.daysSinceEpoch - from.daysSinceEpoch)))
    }

    mutating func invoiceNumber(_ supplier: Supplier, on date: LocalDate) -> String {
        let n = (invoices[supplier.nip] ?? 0) + 1
        invoices[supplier.nip] = n
        switch supplier.nip.last!.wholeNumberValue! % 3 {
        case 0: return "FV \(n)/\(String(format: "%02d", date.month))/\(date.year)"
        case 1: return "F/\(date.year)/\(String(format: "%05d", n))"
        default: return "\(n)/\(date.year)"
        }
    }

    mutating func payrollNumber(partner: String, on date: LocalDate) -> String {
        let n = (payrolls[partner] ?? 0) + 1
        payrolls[partner] = n
        return "LP/\(partner.uppercased())/\(date.year)/\(String(format: "%02d", date.month))/\(n)"
    }

    /// Rows paying `target` grosze on a line within one period: payroll rows to `payees` (no VAT, no NIP) for
    /// personnel lines, invoices of `suppliers` otherwise; `partial`: the share of invoices only partly eligible.
    mutating func rows(
        for line: PlannedLine, target: Int64, count: Int, period: (start: LocalDate, end: LocalDate),
        payees: [String], suppliers: [Supplier], partial: Double
    ) -> [LedgerEntry] {
        guard target > 0, count > 0 else { return [] }
        return split(target, into: count).map { amount in
            let payment = day(in: period.start, period.end)
            let issue = max(max(period.start, eligibilityStart), payment.adding(days: -rng.int(0...14)))
            if line.category == .personnel {
                let payee = rng.pick(payees)
                return LedgerEntry(
                    id: newID(), partner: line.partner, document: payrollNumber(partner: line.partner, on: payment),
                    issue: issue, payment: payment, supplier: payee, nip: nil,
                    description: "\(line.lineName) — \(Self.months[issue.month - 1]) \(issue.year)", net: amount,
                    vat: 0, gross: amount, eligible: amount, task: line.task, line: line.line,
                    category: line.category)
            }
            let supplier = rng.pick(suppliers)
            var net = amount
            if rng.chance(partial) { net += amount * Int64(rng.int(25...100)) / 100 }
            let vat = Money(grosze: net).share(numerator: supplier.vat, denominator: 100).grosze
            return LedgerEntry(
                id: newID(), partner: line.partner, document: invoiceNumber(supplier, on: issue), issue: issue,
                payment: payment, supplier: supplier.name, nip: supplier.nip, description: supplier.what, net: net,
                vat: vat, gross: net + vat, eligible: amount, task: line.task, line: line.line,
                category: line.category)
        }
    }

    /// A new row like `e` (a new document number of its supplier), for a seeded error.
    mutating func copy(_ e: LedgerEntry, suppliers: [Supplier]) -> LedgerEntry {
        var c = e
        c.id = newID()
        if let supplier = suppliers.first(where: { $0.nip == e.nip }) {
            c.document = invoiceNumber(supplier, on: e.issue)
        } else {
            c.document = payrollNumber(partner: e.partner, on: e.issue)
        }
        return c
    }
}

// MARK: Seeding errors

extension LedgerMaker {
    /// Seeds one row of `code` into `files` (one partner's ledgers, in path order), returning false when the files
    /// have no row to make it from. Rejected codes add a row; `paid-after-claim` and `invalid-nip` change a clean
    /// row (amounts unchanged). `used`: rows already taking part in a seeded error, left alone.
    mutating func seed(
        _ code: String, in files: inout [LedgerFile], suppliers: [Supplier], used: inout Set<Int>,
        earlier: [(entry: LedgerEntry, dialect: LedgerDialect)] = [], onLine line: String? = nil
    ) -> Bool {
        func candidates(_ f: Int, invoice: Bool, vat: Bool = false) -> [Int] {
            files[f].entries.indices.filter {
                let e = files[f].entries[$0]
                return e.seeded == nil && !used.contains(e.id) && (!invoice || e.nip != nil)
                    && (line == nil || e.line == line)
                    && (!vat || (e.vat ?? 0) > 0) && e.eligible > 0
            }
        }
        func pickFile(_ allowed: (LedgerFile) -> Bool, invoice: Bool, vat: Bool = false) -> (Int, Int)? {
            let choices = files.indices.filter {
                allowed(files[$0]) && !candidates($0, invoice: invoice, vat: vat).isEmpty
            }
            guard !choices.isEmpty else { return nil }
            let f = rng.pick(choices)
            return (f, rng.pick(candidates(f, invoice: invoice, vat: vat)))
        }
        // Files are sorted by date afterwards (``LedgerMaker/sort(_:)``): a copy dated like its original follows it.
        func add(_ entry: LedgerEntry, to f: Int) { files[f].entries.append(entry) }
        switch code {
        case "paid-after-claim":
            // A row of a claim file paid after the claim's quarter, still within eligibility.
            guard
                let (f, i) = pickFile(
                    {
                        guard let claim = $0.claim else { return false }
                        return Self.quarterEnd(claim) < eligibilityEnd.adding(days: -30)
                    }, invoice: false)
            else { return false }
            used.insert(files[f].entries[i].id)
            files[f].entries[i].payment = Self.quarterEnd(files[f].claim!).adding(days: rng.int(1...20))
            files[f].entries[i].seeded = code
        case "invalid-nip":
            guard let (f, i) = pickFile({ _ in true }, invoice: true) else { return false }
            used.insert(files[f].entries[i].id)
            var d = files[f].entries[i].nip!.compactMap(\.wholeNumberValue)
            d[9] = (d[9] + rng.int(1...9)) % 10
            files[f].entries[i].nip = d.map(String.init).joined()
            files[f].entries[i].seeded = code
        case "duplicate-invoice":
            if let original = earlier.first {
                // Another partner's invoice claimed again here (double funding): placed on this partner's own line.
                guard let (f, i) = pickFile({ _ in true }, invoice: true) else { return false }
                let mine = files[f].entries[i]
                var c = original.entry
                c.id = newID()
                c.partner = mine.partner
                (c.task, c.line, c.category) = (mine.task, mine.line, mine.category)
                // Paid when this partner's rows of the period are (a claim file holds its quarter's payments).
                (c.issue, c.payment) = (min(original.entry.issue, mine.payment!), mine.payment)
                if !files[f].dialect.hasEligible || !original.dialect.hasEligible { c.eligible = c.net! }
                c.eligibleVAT = 0
                c.seeded = code
                c.duplicateOf = original.entry.id
                used.insert(original.entry.id)
                add(c, to: f)
            } else {
                guard let (f, i) = pickFile({ _ in true }, invoice: true) else { return false }
                let original = files[f].entries[i]
                used.insert(original.id)
                var c = original
                c.id = newID()
                // Typed again: spaces dropped, lower case (the same number once normalised).
                c.document = original.document.replacingOccurrences(of: " ", with: "").lowercased()
                c.seeded = code
                c.duplicateOf = original.id
                // In the next claim's file, paid in its quarter, or later in the same file.
                if f + 1 < files.count, let claim = files[f + 1].claim, rng.chance(0.5) {
                    let end = Self.quarterEnd(claim)
                    c.payment = day(in: LocalDate(year: end.year, month: end.month - 2, day: 1)!, end)
                    add(c, to: f + 1)
                } else {
                    add(c, to: f)
                }
            }
        default:
            let vat = code == "vat-not-eligible"
            guard let (f, i) = pickFile({ _ in true }, invoice: true, vat: vat) else { return false }
            guard files[f].dialect.hasEligible || !["eligible-above-gross", "vat-not-eligible"].contains(code)
            else { return false }
            var c = copy(files[f].entries[i], suppliers: suppliers)
            c.seeded = code
            switch code {
            case "expense-outside-eligibility":
                if files[f].claim != nil {
                    // Issued before the eligibility period, paid early in it: in the first claim's file.
                    c.issue = eligibilityStart.adding(days: -rng.int(5...25))
                    c.payment = eligibilityStart.adding(days: rng.int(2...20))
                    guard let first = files.firstIndex(where: { $0.claim == FinanceBook.quarter(c.payment!) })
                    else { return false }
                    add(c, to: first)
                    return true
                }
                // Paid after the eligibility period ended: in the last file.
                c.issue = eligibilityEnd.adding(days: -rng.int(1...10))
                c.payment = eligibilityEnd.adding(days: rng.int(3...25))
                add(c, to: files.count - 1)
                return true
            case "eligible-above-gross":
                // No net amount written: the row breaks this rule only (eligible above net would be VAT as well).
                c.net = nil
                c.vat = nil
                c.eligible = c.gross! + Int64(rng.int(10...60)) * 100
            case "vat-not-eligible":
                c.eligible = c.gross!
                c.eligibleVAT = c.vat!
            case "unknown-budget-line":
                c.line = "\(c.task).9"
            case "unpaid-expenditure":
                c.payment = nil
            case "invalid-amount":
                c.amountText = files[f].dialect.brokenAmount
                precondition(Money.parse(files[f].dialect.brokenAmount) == nil)
            default:
                preconditionFailure("no seeding for \(code)")
            }
            add(c, to: f)
        }
        return true
    }

    /// Each file's rows by date (payment, else issue), then in the order made.
    static func sort(_ files: inout [LedgerFile]) {
        for f in files.indices {
            files[f].entries.sort { ($0.sortDate, $0.id) < ($1.sortDate, $1.id) }
        }
    }

    /// The last day of a quarter `2023Q2`.
    static func quarterEnd(_ quarter: String) -> LocalDate {
        let year = Int(quarter.prefix(4))!, q = Int(quarter.suffix(1))!
        return LocalDate(year: year, month: q * 3, day: LocalDate.daysInMonth(year: year, month: q * 3))!
    }
}
