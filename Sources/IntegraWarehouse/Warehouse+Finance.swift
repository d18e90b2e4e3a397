import Foundation
import GRDB
import IntegraCore

/// What the finance figures need from the project file (`finance:`): what each budget task pays for, the flat rate
/// of indirect costs. Filled by the pipeline from `ProjectDefinition.finance`.
///
/// ```swift
/// let rules = FinanceRules(
///     tasks: [FinanceTaskMapping(task: "1", name: "Kursy języka polskiego", activities: ["polish_course"])],
///     indirectRate: Rate(numerator: 7, denominator: 100))
/// ```
public struct FinanceRules: Sendable, Hashable {
    public var tasks: [FinanceTaskMapping]
    /// The flat rate of indirect costs on direct eligible costs (personnel + direct); nil = the agreement has none.
    public var indirectRate: Rate?
    /// A line may exceed its plan by this share without an annex (0 = none).
    public var flexibility: Rate

    public init(tasks: [FinanceTaskMapping] = [], indirectRate: Rate? = nil, flexibility: Rate = .zero) {
        self.tasks = tasks
        self.indirectRate = indirectRate
        self.flexibility = flexibility
    }
}

/// One budget task of `finance.tasks`: its number as the budget writes it (normalised: `1`), its name and the
/// activities it pays for (none for project management).
public struct FinanceTaskMapping: Sendable, Hashable {
    public var task: String
    public var name: String?
    public var activities: [String]

    public init(task: String, name: String? = nil, activities: [String] = []) {
        self.task = task
        self.name = name
        self.activities = activities
    }
}


/// One partner × task × budget line of the budget execution (`sql/finance/budget_lines.sql`), amounts in grosze.
public struct BudgetLineFigures: Sendable, Hashable {
    public var partner: String
    public var task: String
    public var taskName: String?
    public var budgetLine: String
    public var lineName: String?
    public var category: CostCategory?
    public var plan: Money
    /// The part of the plan due by the period's end.
    public var planToDate: Money
    public var spentInPeriod: Money
    public var spentCumulative: Money
    public var remaining: Money
    public var forecast: Money

    public init(
        partner: String, task: String, taskName: String?, budgetLine: String, lineName: String?,
        category: CostCategory?, plan: Money, planToDate: Money, spentInPeriod: Money, spentCumulative: Money,
        remaining: Money, forecast: Money
    ) {
        self.partner = partner
        self.task = task
        self.taskName = taskName
        self.budgetLine = budgetLine
        self.lineName = lineName
        self.category = category
        self.plan = plan
        self.planToDate = planToDate
        self.spentInPeriod = spentInPeriod
        self.spentCumulative = spentCumulative
        self.remaining = remaining
        self.forecast = forecast
    }

    /// Cumulative spend ÷ plan; nil without a plan.
    public var execution: Double? {
        plan.grosze == 0 ? nil : Double(spentCumulative.grosze) / Double(plan.grosze)
    }
}

/// Cost per participant and per course hour of one group of tasks (`sql/finance/unit_costs.sql`).
public struct UnitCostFigures: Sendable, Hashable {
    /// `""` for the whole project, else the group's id given in ``FinanceCostGroup``.
    public var group: String
    public var spent: Money
    public var persons: Int
    /// Hours of language-course sessions held, in hundredths of an hour.
    public var centihours: Int
    public var costPerPerson: Money?
    public var costPerHour: Money?
}

/// A group of tasks and the activities they pay for, whose unit costs `financeFigures` works out.
public struct FinanceCostGroup: Sendable, Hashable {
    public var id: String
    public var tasks: [String]
    public var activities: [String]

    public init(id: String, tasks: [String], activities: [String]) {
        self.id = id
        self.tasks = tasks
        self.activities = activities
    }
}

/// A partner's indirect costs against the flat rate (`sql/finance/indirect_costs.sql`).
public struct IndirectCostFigures: Sendable, Hashable {
    public var partner: String
    /// Eligible personnel and direct costs: the flat rate's base.
    public var direct: Money
    public var indirect: Money
    /// The flat rate of `direct`, rounded half away from zero to the grosz.
    public var limit: Money
}

/// One row of the document list (`sql/finance/expenditures.sql`). `supplier` can name a natural person.
public struct ExpenditureListEntry: Sendable, Hashable {
    public var partner: String
    public var documentNumber: String
    public var issueDate: LocalDate?
    public var paymentDate: LocalDate?
    public var supplier: String?
    public var supplierNIP: String?
    public var description: String?
    public var net: Money?
    public var vat: Money?
    public var gross: Money?
    public var eligible: Money
    public var eligibleVAT: Money?
    public var task: String
    public var budgetLine: String
    public var category: CostCategory?
    public var file: String
    public var sheet: String?
    public var row: Int
}

/// The finance figures of one period: budget execution per line, unit costs, indirect costs, the document list.
public struct FinanceFigures: Sendable {
    public var start: LocalDate
    public var end: LocalDate
    public var lines: [BudgetLineFigures] = []
    /// The whole project's (group `""`) first, then the groups in the order given.
    public var unitCosts: [UnitCostFigures] = []
    /// Empty when the rules give no flat rate.
    public var indirect: [IndirectCostFigures] = []
    public var expenditures: [ExpenditureListEntry] = []
}

/// Which of the finance figures to work out (``Warehouse/financeFigures(start:end:projectStart:projectEnd:rules:groups:parts:)``).
public struct FinanceParts: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// The budget lines: plan, spend in the period and cumulative, remaining, forecast.
    public static let lines = FinanceParts(rawValue: 1)
    /// Cost per participant and per course hour: the only part that reads the persons (the marts).
    public static let unitCosts = FinanceParts(rawValue: 2)
    /// Each partner's indirect costs against the flat rate.
    public static let indirect = FinanceParts(rawValue: 4)
    /// The document list of the period.
    public static let expenditures = FinanceParts(rawValue: 8)
    public static let all: FinanceParts = [.lines, .unitCosts, .indirect, .expenditures]
}

extension Warehouse {
    /// True when the warehouse holds any ledger row or budget cell: the finance outputs are written only then.
    public func hasFinanceData() throws -> Bool {
        try db.read { db in
            try Bool.fetchOne(
                db, sql: "select exists (select 1 from fin_budget) or exists (select 1 from fin_expenditures)") ?? false
        }
    }

    /// Works out the finance figures for the period `start...end` with the SQL of `sql/finance/`: the budget lines
    /// (spent in the period and cumulative from `projectStart`), unit costs of `groups` cumulative to `end`, each
    /// partner's indirect costs against `rules.indirectRate`, and the document list of the period; with
    /// `parts`, only those (the dashboard's quarters need the budget lines alone; the figures of the ledgers and the
    /// budget are read before the persons are loaded, and the unit costs after).
    ///
    /// - Throws: ``WarehouseError`` naming the SQL file when a file is missing or SQLite refuses it.
    public func financeFigures(
        start: LocalDate, end: LocalDate, projectStart: LocalDate, projectEnd: LocalDate, rules: FinanceRules,
        groups: [FinanceCostGroup], parts: FinanceParts = .all
    ) throws -> FinanceFigures {
        let folder = sqlRoot.appendingPathComponent("finance", isDirectory: true)
        func sql(_ name: String) throws -> (text: String, file: String) {
            let file = "sql/finance/\(name)"
            guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else {
                throw WarehouseError(file: file, message: "cannot read the file; the definitions are incomplete")
            }
            return (text, file)
        }
        let budget = try sql("budget_lines.sql")
        let unitCosts = try sql("unit_costs.sql")
        let indirect = try sql("indirect_costs.sql")
        let list = try sql("expenditures.sql")
        // Temp tables and reads only: on a held connection, inside its transaction (ReadHold).
        let figures = { (db: Database) throws -> FinanceFigures in
            try Self.fillFinanceTables(db, rules: rules, groups: groups)
            defer {
                for t in ["fin_tasks", "fin_groups", "fin_group_tasks", "fin_group_activities"] {
                    try? db.execute(sql: "drop table if exists temp.\(t)")
                }
            }
            let arguments: StatementArguments = [
                "project_start": projectStart.iso, "project_end": projectEnd.iso, "start": start.iso, "end": end.iso,
            ]
            func rows(_ query: (text: String, file: String), _ extra: StatementArguments = [:]) throws -> [Row] {
                do {
                    var all = arguments
                    all += extra
                    return try Row.fetchAll(db, sql: query.text, arguments: all)
                } catch let error as DatabaseError {
                    throw WarehouseError(file: query.file, message: error.message ?? "\(error.resultCode)")
                }
            }
            func money(_ value: Int64?) -> Money? { value.map(Money.init(grosze:)) }
            var figures = FinanceFigures(start: start, end: end)
            if parts.contains(.lines) {
                figures.lines = try rows(budget).map { r in
                    BudgetLineFigures(
                        partner: r["partner_id"], task: r["task"], taskName: r["task_name"], budgetLine: r["budget_line"],
                        lineName: r["line_name"], category: (r["category"] as String?).flatMap(CostCategory.init(rawValue:)),
                        plan: Money(grosze: r["plan_grosze"]), planToDate: Money(grosze: r["plan_to_date_grosze"]),
                        spentInPeriod: Money(grosze: r["spent_period_grosze"]),
                        spentCumulative: Money(grosze: r["spent_cumulative_grosze"]),
                        remaining: Money(grosze: r["remaining_grosze"]), forecast: Money(grosze: r["forecast_grosze"]))
                }
            }
            if parts.contains(.unitCosts) {
                let order = [""] + groups.map(\.id)
                figures.unitCosts = try rows(unitCosts).map { r in
                    UnitCostFigures(
                        group: r["group_id"], spent: Money(grosze: r["spent_grosze"]), persons: r["persons"],
                        centihours: r["centihours"], costPerPerson: money(r["cost_per_person_grosze"]),
                        costPerHour: money(r["cost_per_hour_grosze"]))
                }.sorted { (order.firstIndex(of: $0.group) ?? .max) < (order.firstIndex(of: $1.group) ?? .max) }
            }
            if parts.contains(.indirect), let rate = rules.indirectRate, rate.denominator > 0 {
                figures.indirect = try rows(
                    indirect, ["rate_numerator": rate.numerator, "rate_denominator": rate.denominator]
                ).map { r in
                    IndirectCostFigures(
                        partner: r["partner_id"], direct: Money(grosze: r["direct_grosze"]),
                        indirect: Money(grosze: r["indirect_grosze"]), limit: Money(grosze: r["limit_grosze"]))
                }
            }
            // The document list has a row per ledger row of the period (200 000 at programme scale): its columns
            // are looked up by name once, then read by position.
            if parts.contains(.expenditures) {
                do {
                    let statement = try db.makeStatement(sql: list.text)
                    let names = statement.columnNames
                    func at(_ name: String) throws -> Int {
                        guard let i = names.firstIndex(of: name) else {
                            throw WarehouseError(file: list.file, message: "the query must return a column named \(name)")
                        }
                        return i
                    }
                    let partner = try at("partner_id"), number = try at("document_number"), issue = try at("issue_date")
                    let payment = try at("payment_date"), supplier = try at("supplier"), nip = try at("supplier_nip")
                    let description = try at("description"), net = try at("net_grosze"), vat = try at("vat_grosze")
                    let gross = try at("gross_grosze"), eligible = try at("eligible_grosze")
                    let eligibleVAT = try at("eligible_vat_grosze"), task = try at("task"), line = try at("budget_line")
                    let category = try at("category"), file = try at("file"), sheet = try at("sheet")
                    let rowNumber = try at("row_number")
                    let cursor = try Row.fetchCursor(statement, arguments: arguments)
                    while let r = try cursor.next() {
                        figures.expenditures.append(
                            ExpenditureListEntry(
                                partner: r[partner], documentNumber: r[number],
                                issueDate: (r[issue] as String?).flatMap(LocalDate.init(iso:)),
                                paymentDate: (r[payment] as String?).flatMap(LocalDate.init(iso:)),
                                supplier: r[supplier], supplierNIP: r[nip], description: r[description],
                                net: money(r[net]), vat: money(r[vat]), gross: money(r[gross]),
                                eligible: Money(grosze: r[eligible]), eligibleVAT: money(r[eligibleVAT]),
                                task: r[task], budgetLine: r[line],
                                category: (r[category] as String?).flatMap(CostCategory.init(rawValue:)), file: r[file],
                                sheet: r[sheet], row: r[rowNumber]))
                    }
                } catch let error as DatabaseError {
                    throw WarehouseError(file: list.file, message: error.message ?? "\(error.resultCode)")
                }
            }
            return figures
        }
        return try insideHold ? db.inDatabase(figures) : db.write(figures)
    }

    /// The project's task mapping and the cost groups as temp tables the finance SQL reads.
    private static func fillFinanceTables(_ db: Database, rules: FinanceRules, groups: [FinanceCostGroup]) throws {
        try db.execute(
            sql: """
                drop table if exists temp.fin_tasks;
                drop table if exists temp.fin_groups;
                drop table if exists temp.fin_group_tasks;
                drop table if exists temp.fin_group_activities;
                create temp table fin_tasks (task text not null, name text, activity_id text);
                create temp table fin_groups (group_id text primary key);
                create temp table fin_group_tasks (group_id text not null, task text not null);
                create temp table fin_group_activities (group_id text not null, activity_id text not null);
                insert into fin_groups values ('');
                """)
        for t in rules.tasks {
            for activity in t.activities.isEmpty ? [nil] : t.activities.map(Optional.some) {
                try db.execute(sql: "insert into fin_tasks values (?, ?, ?)", arguments: [t.task, t.name, activity])
            }
        }
        for g in groups where !g.id.isEmpty {
            try db.execute(sql: "insert or ignore into fin_groups values (?)", arguments: [g.id])
            for t in g.tasks { try db.execute(sql: "insert into fin_group_tasks values (?, ?)", arguments: [g.id, t]) }
            for a in g.activities {
                try db.execute(sql: "insert into fin_group_activities values (?, ?)", arguments: [g.id, a])
            }
        }
    }

    /// Ledger rows by their raw row: document number, partner and eligible amount, for `explain` of a money figure.
    public func expenditureDocuments(rawRowIDs: [Int]) throws -> [Int: ExpenditureDocument] {
        guard !rawRowIDs.isEmpty else { return [:] }
        return try db.read { db in
            var result: [Int: ExpenditureDocument] = [:]
            let statement = try db.makeStatement(
                sql: "select raw_row_id, document_number, partner_id, eligible_grosze from fin_expenditures where raw_row_id = ?")
            for id in Set(rawRowIDs) {
                if let r = try Row.fetchOne(statement, arguments: [id]) {
                    result[id] = ExpenditureDocument(documentNumber: r[1], partner: r[2], eligible: Money(grosze: r[3]))
                }
            }
            return result
        }
    }
}

/// The document behind a ledger row: its number, partner and eligible amount.
public struct ExpenditureDocument: Sendable, Hashable {
    public var documentNumber: String
    public var partner: String
    public var eligible: Money
}
