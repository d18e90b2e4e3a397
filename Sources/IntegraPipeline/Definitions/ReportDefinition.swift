import Foundation
import IntegraCore

/// A report layout from `reports/<id>.yml`: sheets whose rows are indicator codes and whose columns are periods,
/// optionally split by one breakdown.
///
/// ```yaml
/// id: generic-quarterly
/// sheets:
///   - name: { pl: Wskaźniki, en: Indicators }
///     indicators: [persons_supported, consultations]
///     targets: true
///   - name: { pl: Płeć, en: Sex }
///     indicators: [persons_supported]
///     breakdown: sex
/// ```
public struct ReportDefinition: Sendable {
    /// One row of a sheet: an indicator, optionally one breakdown category of it (`where: { sex: K }`), with its
    /// own label ("w tym kobiety").
    public struct Row: Sendable, Hashable {
        public var indicator: String
        public var filter: BreakdownCategory?
        public var label: LocalizedText?
    }

    /// Which periods a sheet's columns show.
    public enum Columns: String, Sendable, CaseIterable {
        /// Every quarter (month, year) of the project up to the reporting period's end.
        case quarters, months, years
        /// One column: the reporting period (`--period`; the whole project by default).
        case reporting
    }

    /// What a sheet shows: indicator figures (the default), or one of the finance tables (issue 19), which read
    /// the ledgers and the budget rather than indicators.
    public enum SheetKind: String, Sendable, CaseIterable {
        case indicators
        /// The document list for the funder (zestawienie dokumentów): one row per ledger row paid in the period.
        case expenditureList = "expenditure_list"
        /// Budget execution: task × budget line × partner, plan against spending, totals per task and overall.
        case budgetExecution = "budget_execution"
        /// Cost per participant (total and by activity) and per course hour.
        case unitCosts = "unit_costs"
        /// Each partner's indirect costs against the agreement's flat rate.
        case indirectCosts = "indirect_costs"

        public var isFinance: Bool { self != .indicators }
        /// True when the sheet's figures count persons (indicators, cost per participant), so it can be laid out
        /// only once the persons are loaded and the marts built; the document list, budget execution and indirect
        /// costs come from the ledgers and the budget alone.
        public var needsPersons: Bool { self == .indicators || self == .unitCosts }
    }

    /// A column of a finance table: a field of ``FinanceColumnField`` with the layout's own heading, if any.
    public struct FinanceColumn: Sendable, Hashable {
        public var field: FinanceColumnField
        public var header: LocalizedText?
    }

    public struct Sheet: Sendable {
        public var kind: SheetKind = .indicators
        /// The columns of an `expenditure_list` or `budget_execution` sheet, in order (empty = the kind's default).
        public var financeColumns: [FinanceColumn] = []
        public var name: LocalizedText
        public var rows: [Row]
        /// The indicator codes of the rows, in order, once each.
        public var indicators: [String] {
            var seen: [String] = []
            for r in rows where !seen.contains(r.indicator) { seen.append(r.indicator) }
            return seen
        }
        /// A breakdown key (`sex`, `age_band`…) or nil for totals only.
        public var breakdown: String?
        public var columns: Columns
        /// Show each period's in-period value (`in_period`) or the running total (`cumulative`).
        public var scope: String
        /// Add a cumulative (project start to the reporting period's end) column after the periods.
        public var cumulativeColumn: Bool
        /// Add target and % achieved columns (totals sheets).
        public var targets: Bool
    }

    public var id: String
    public var version: Int
    public var title: LocalizedText
    /// The funder the layout is for ("Fundusz Azylu, Migracji i Integracji 2014–2020"); empty for a layout of no
    /// particular funder, which then reports for the project's own funder and agreement.
    public var funder: LocalizedText
    /// The funder's programme or call ("Razem Możemy Więcej"); empty = none named.
    public var programme: LocalizedText
    /// What the funder calls the agreement number ("Numer umowy o dofinansowanie").
    public var agreementLabel: LocalizedText
    public var source: String
    /// True while the layout is not confirmed against the funder's form.
    public var toVerify: Bool
    /// A report published beyond the project: small counts are suppressed as on the dashboard (the project's
    /// `dashboard.suppress_below`). Funder submissions leave it false and show exact counts.
    public var isPublic = false
    /// Age bands of this report; nil = the project's.
    public var ageBands: [AgeBand]?
    public var sheets: [Sheet]
    public var file: String

    /// True when a sheet reads the ledgers or the budget.
    public var hasFinanceSheets: Bool { sheets.contains { $0.kind.isFinance } }
    /// True when a document list shows suppliers' names, which can name natural persons: the workbook and its CSVs
    /// are then personal data (written for their owner only, flagged personal in run.json).
    public var isPersonal: Bool { sheets.contains { $0.financeColumns.contains { $0.field == .supplier } } }

    /// "Numer umowy" / "Agreement no.", for a layout that names no label of its own.
    public static let defaultAgreementLabel = LocalizedText(pl: "Numer umowy", en: "Agreement no.")

    /// Loads `root/<path>` and checks its indicator codes and breakdowns against the catalogue.
    public static func load(_ path: String, root: URL, indicators: [IndicatorDefinition]) throws -> ReportDefinition {
        let url = root.appendingPathComponent(path)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw DefinitionError(file: path, keyPath: "", message: "cannot read the report definition")
        }
        let node = try YAMLNode.parse(text, file: path)
        try node.checkKeys([
            "id", "version", "title", "funder", "programme", "agreement_label", "source", "to_verify", "public",
            "age_bands", "sheets",
        ])
        let byCode = Dictionary(uniqueKeysWithValues: indicators.map { ($0.code, $0) })
        func indicator(_ n: YAMLNode) throws -> IndicatorDefinition {
            let code = try n.string()
            guard let i = byCode[code] else {
                throw n.error("no indicator '\(code)' in sql/indicators; known: \(byCode.keys.sorted().joined(separator: ", "))")
            }
            return i
        }
        func allows(_ i: IndicatorDefinition, _ breakdown: String, _ at: YAMLNode) throws {
            guard i.breakdowns.contains(breakdown) else {
                throw at.error("indicator \(i.code) does not allow the breakdown '\(breakdown)' (its YAML lists \(i.breakdowns.joined(separator: ", ")))")
            }
        }
        let sheets = try node.required("sheets").items().map { s -> Sheet in
            let kind = SheetKind(rawValue: try s.optional("kind")?.oneOf(SheetKind.allCases.map(\.rawValue)) ?? "indicators")!
            if kind.isFinance { return try financeSheet(s, kind: kind) }
            try s.checkKeys(["name", "indicators", "rows", "breakdown", "periods", "scope", "cumulative", "targets", "kind"])
            var rows: [Row] = []
            if let list = s.optional("indicators") {
                rows += try list.items().map { Row(indicator: try indicator($0).code, filter: nil, label: nil) }
            }
            if let list = s.optional("rows") {
                rows += try list.items().map { r -> Row in
                    try r.checkKeys(["indicator", "where", "label"])
                    let ind = try indicator(r.required("indicator"))
                    var filter: BreakdownCategory?
                    if let w = r.optional("where") {
                        let entries = try w.entries()
                        guard entries.count == 1, let (key, value) = entries.first else {
                            throw w.error("give exactly one breakdown, e.g. where: { sex: K }")
                        }
                        try allows(ind, key, w)
                        filter = BreakdownCategory(breakdown: key, value: try value.string())
                    }
                    return Row(indicator: ind.code, filter: filter, label: try r.optional("label")?.localized())
                }
            }
            guard !rows.isEmpty else { throw s.error("a sheet needs indicators: [...] or rows: [...]") }
            var breakdown: String?
            if let b = s.optional("breakdown") {
                let key = try b.string()
                for row in rows { try allows(byCode[row.indicator]!, key, b) }
                breakdown = key
            }
            let name = try s.required("name").localized()
            if name.pl.count > 31 || name.en.count > 31 { throw s.error("sheet names are at most 31 characters (Excel's limit)") }
            return Sheet(
                name: name, rows: rows, breakdown: breakdown,
                columns: Columns(rawValue: try s.optional("periods")?.oneOf(Columns.allCases.map(\.rawValue)) ?? "quarters")!,
                scope: try s.optional("scope")?.oneOf(["in_period", "cumulative"]) ?? "in_period",
                cumulativeColumn: try s.optional("cumulative")?.bool() ?? true,
                targets: try s.optional("targets")?.bool() ?? false)
        }
        return ReportDefinition(
            id: try node.required("id").string(), version: try node.required("version").int(),
            title: try node.required("title").localized(),
            funder: try node.optional("funder")?.localized() ?? LocalizedText(pl: "", en: ""),
            programme: try node.optional("programme")?.localized() ?? LocalizedText(pl: "", en: ""),
            agreementLabel: try node.optional("agreement_label")?.localized() ?? Self.defaultAgreementLabel,
            source: try node.optional("source")?.string() ?? "", toVerify: try node.optional("to_verify")?.bool() ?? false,
            isPublic: try node.optional("public")?.bool() ?? false,
            ageBands: try node.optional("age_bands").map(ProjectDefinition.parseAgeBands), sheets: sheets, file: path)
    }

    /// A finance sheet: `kind`, `name` and, for a document list or budget execution, `columns:` (fields, or
    /// `{ field: net, header: { pl: Netto, en: Net } }`).
    static func financeSheet(_ s: YAMLNode, kind: SheetKind) throws -> Sheet {
        try s.checkKeys(["name", "kind", "columns"])
        let name = try s.required("name").localized()
        if name.pl.count > 31 || name.en.count > 31 { throw s.error("sheet names are at most 31 characters (Excel's limit)") }
        var sheet = Sheet(
            name: name, rows: [], breakdown: nil, columns: .reporting, scope: "in_period", cumulativeColumn: false,
            targets: false)
        sheet.kind = kind
        let allowed = FinanceColumnField.allowed(in: kind)
        if let list = s.optional("columns") {
            guard !allowed.isEmpty else { throw list.error("a \(kind.rawValue) sheet has fixed columns: leave out columns:") }
            sheet.financeColumns = try list.items().map { c -> FinanceColumn in
                let fieldNode = c.optional("field") ?? c
                if c.optional("field") != nil { try c.checkKeys(["field", "header"]) }
                let field = FinanceColumnField(rawValue: try fieldNode.oneOf(allowed.map(\.rawValue)))!
                return FinanceColumn(field: field, header: try c.optional("header")?.localized())
            }
            guard !sheet.financeColumns.isEmpty else { throw list.error("give at least one column") }
        } else {
            sheet.financeColumns = FinanceColumnField.defaults(for: kind).map { FinanceColumn(field: $0, header: nil) }
        }
        return sheet
    }
}

/// The fields a finance table's columns can show.
public enum FinanceColumnField: String, Sendable, CaseIterable {
    // Document list (expenditure_list)
    case number, partner, documentNumber = "document_number", issueDate = "issue_date", paymentDate = "payment_date"
    /// The supplier's name: can name a natural person, so a report showing it is personal data.
    case supplier
    case supplierNIP = "supplier_nip", description, net, vat, gross, eligible, eligibleVAT = "eligible_vat", task
    case budgetLine = "budget_line", category, source
    // Budget execution (budget_execution); task, budget_line, category and partner as above
    case lineName = "line_name", plan, planToDate = "plan_to_date", spentPeriod = "spent_period"
    case spentCumulative = "spent_cumulative", execution, remaining, forecast

    static let listFields: [FinanceColumnField] = [
        .number, .partner, .documentNumber, .issueDate, .paymentDate, .supplier, .supplierNIP, .description, .net, .vat,
        .gross, .eligible, .eligibleVAT, .task, .budgetLine, .category, .source,
    ]
    static let budgetFields: [FinanceColumnField] = [
        .task, .budgetLine, .lineName, .category, .partner, .plan, .planToDate, .spentPeriod, .spentCumulative,
        .execution, .remaining, .forecast,
    ]

    static func allowed(in kind: ReportDefinition.SheetKind) -> [FinanceColumnField] {
        switch kind {
        case .expenditureList: return listFields
        case .budgetExecution: return budgetFields
        default: return []
        }
    }

    /// The columns of a sheet that names none: the funders' lists identify a supplier by NIP, not by name.
    static func defaults(for kind: ReportDefinition.SheetKind) -> [FinanceColumnField] {
        switch kind {
        case .expenditureList: return listFields.filter { $0 != .supplier && $0 != .source }
        case .budgetExecution: return budgetFields.filter { $0 != .planToDate }
        default: return []
        }
    }

    /// True for amounts (money cells, summed in total rows).
    var isMoney: Bool {
        switch self {
        case .net, .vat, .gross, .eligible, .eligibleVAT, .plan, .planToDate, .spentPeriod, .spentCumulative, .remaining,
            .forecast:
            return true
        default: return false
        }
    }
}
