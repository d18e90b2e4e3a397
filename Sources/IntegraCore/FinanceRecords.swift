import Foundation

/// The cost categories of a grant budget (issue 19): how the funder classifies an expenditure.
public enum CostCategory: String, Sendable, Codable, CaseIterable {
    /// Koszty personelu: salaries and fees of project staff.
    case personnel
    /// Koszty bezpośrednie: other direct costs of the tasks.
    case direct
    /// Koszty pośrednie: management and overheads, often a flat rate of direct costs.
    case indirect
    /// Cross-financing (cross-financing): EU-funded costs of another fund's kind, capped by the agreement.
    case crossFinancing = "cross_financing"

    /// Polish label as funders' forms write it.
    public var polish: String {
        switch self {
        case .personnel: "koszty personelu"
        case .direct: "koszty bezpośrednie"
        case .indirect: "koszty pośrednie"
        case .crossFinancing: "cross-financing"
        }
    }
}

/// One row of a partner's expenditure ledger (zestawienie dokumentów księgowych), normalised: amounts in grosze.
///
/// The supplier's name can name a natural person (a trainer's contract): it stays in the warehouse and the
/// document list sent to the funder, never in aggregate outputs, the dashboard or logs.
public struct ExpenditureRecord: Sendable, Hashable, Codable {
    public var id: Int
    /// The ledger row it was read from (provenance for `explain`).
    public var rawRowID: Int
    public var partnerID: String
    public var documentNumber: String
    public var issueDate: LocalDate?
    /// The date the expenditure was paid: it places the expenditure in a period (cash basis of grant accounting).
    public var paymentDate: LocalDate?
    public var supplier: String?
    /// Ten digits, checksum-valid, or nil.
    public var supplierNIP: String?
    public var description: String?
    public var net: Money?
    public var vat: Money?
    public var gross: Money?
    /// The amount claimed as eligible (kwota wydatków kwalifikowalnych).
    public var eligible: Money
    /// Of the eligible amount, VAT (where the ledger gives it).
    public var eligibleVAT: Money?
    /// Task number or code as the budget names it (`1`, `Zadanie 2`→`2`).
    public var task: String
    /// Budget line as the budget names it (`1.1`, `2.3`).
    public var budgetLine: String
    public var category: CostCategory

    public init(
        id: Int, rawRowID: Int, partnerID: String, documentNumber: String, eligible: Money, task: String,
        budgetLine: String, category: CostCategory
    ) {
        self.id = id
        self.rawRowID = rawRowID
        self.partnerID = partnerID
        self.documentNumber = documentNumber
        self.eligible = eligible
        self.task = task
        self.budgetLine = budgetLine
        self.category = category
    }
}

extension ExpenditureRecord {
    /// Encoded as an array of its fields in declaration order, not an object with a key per field: the stored
    /// normalised records of a programme's ledgers (`stg_normalised_files`) were 120 MB of repeated key names.
    public init(from decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        id = try c.decode(Int.self)
        rawRowID = try c.decode(Int.self)
        partnerID = try c.decode(String.self)
        documentNumber = try c.decode(String.self)
        issueDate = try c.decodeIfPresent(LocalDate.self)
        paymentDate = try c.decodeIfPresent(LocalDate.self)
        supplier = try c.decodeIfPresent(String.self)
        supplierNIP = try c.decodeIfPresent(String.self)
        description = try c.decodeIfPresent(String.self)
        net = try c.decodeIfPresent(Money.self)
        vat = try c.decodeIfPresent(Money.self)
        gross = try c.decodeIfPresent(Money.self)
        eligible = try c.decode(Money.self)
        eligibleVAT = try c.decodeIfPresent(Money.self)
        task = try c.decode(String.self)
        budgetLine = try c.decode(String.self)
        category = try c.decode(CostCategory.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(id)
        try c.encode(rawRowID)
        try c.encode(partnerID)
        try c.encode(documentNumber)
        try c.encode(issueDate)
        try c.encode(paymentDate)
        try c.encode(supplier)
        try c.encode(supplierNIP)
        try c.encode(description)
        try c.encode(net)
        try c.encode(vat)
        try c.encode(gross)
        try c.encode(eligible)
        try c.encode(eligibleVAT)
        try c.encode(task)
        try c.encode(budgetLine)
        try c.encode(category)
    }
}

/// One cell of the grant agreement's budget: a partner's amount for one budget line in one period.
public struct BudgetRecord: Sendable, Hashable, Codable {
    /// The budget row it was read from.
    public var rawRowID: Int
    public var partnerID: String
    public var task: String
    /// Task name as the budget writes it (`Kursy języka polskiego`), if given.
    public var taskName: String?
    public var budgetLine: String
    /// Line name as the budget writes it (`Wynagrodzenie lektora`), if given.
    public var lineName: String?
    public var category: CostCategory
    /// `project`, a year (`2024`) or a quarter (`2024Q3`): the period the amount is planned for.
    public var periodID: String
    public var amount: Money

    public init(
        rawRowID: Int, partnerID: String, task: String, budgetLine: String, category: CostCategory, periodID: String,
        amount: Money
    ) {
        self.rawRowID = rawRowID
        self.partnerID = partnerID
        self.task = task
        self.budgetLine = budgetLine
        self.category = category
        self.periodID = periodID
        self.amount = amount
    }
}
