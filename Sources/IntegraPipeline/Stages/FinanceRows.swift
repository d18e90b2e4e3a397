import IntegraCore

/// A ledger row as normalise reads it: the expenditure, where it was read, and what the cross-file finance checks
/// (`FinanceChecks`) still need — the category it writes (nil: the budget line's) and the invoice's key.
struct LedgerRow: Codable {
    /// The expenditure; its `category` is settled by `FinanceChecks` (the row's own, else the budget line's) and
    /// its `id` numbered there in input order.
    var record: ExpenditureRecord
    var fileID: Int
    var location: SourceLocation
    /// The category the row writes; nil = the budget line's.
    var category: CostCategory?
    /// The same invoice in two rows (double funding): the supplier's NIP (else its name, folded) and the document
    /// number in upper case without spaces; nil when the row names neither a NIP nor a supplier.
    var invoiceKey: String?
    /// The headers of the budget line and document number columns, for the cross-file checks' locations.
    var lineColumn: String?
    var documentColumn: String?
}

/// The amounts of a ledger row, by field name (`net`, `vat`, `gross`, `eligible`, `eligible_vat`).
struct LedgerAmounts {
    static let fields = ["net", "vat", "gross", "eligible", "eligible_vat"]
    private var values: [Money?] = [nil, nil, nil, nil, nil]

    subscript(field: String) -> Money? {
        get { Self.fields.firstIndex(of: field).flatMap { values[$0] } }
        set { values[Self.fields.firstIndex(of: field)!] = newValue }
    }
}

/// A budget row as normalise reads it: one line of one partner, with its amount per planned period.
struct BudgetRow: Codable {
    var fileID: Int
    var rawRowID: Int
    var location: SourceLocation
    var partnerID: String
    var task: String
    var budgetLine: String
    var category: CostCategory
    /// One per period with an amount (long form: one, `project` when no period is given); empty when every period
    /// cell of a wide budget is empty (the line is known, nothing is planned).
    var cells: [BudgetRecord]
}

extension RowNormaliser {
    /// The finance settings of the project (its defaults when a test builds a project without them).
    var finance: FinanceSettings {
        project.finance
            ?? FinanceSettings(eligibilityStart: project.project.periodStart, eligibilityEnd: project.project.periodEnd)
    }

    /// One expenditure ledger row (zestawienie dokumentów księgowych).
    ///
    /// Rejected: a `partner` cell naming no partner (`unknown-partner`); no document number, task or budget line
    /// (`missing-value`); an eligible amount that does not parse or is empty — or the net (gross when VAT is
    /// eligible) it is taken from when no `eligible` column is mapped (`invalid-amount`); no payment date
    /// (`unpaid-expenditure`) or one that cannot be read (`invalid-date`); paid outside the eligibility period or
    /// issued before it (`expense-outside-eligibility`); eligible above gross (`eligible-above-gross`); VAT claimed
    /// where VAT is not eligible (`vat-not-eligible`). Kept with a warning: another amount that does not parse
    /// (dropped), a NIP with a wrong checksum (dropped, `invalid-nip`), an unknown category (the budget line's
    /// applies, `invalid-category`), paid after its claim's period (`paid-after-claim`).
    func ledger(_ c: inout RowContext, rawRowID: Int) -> Outcome {
        let rejected = Outcome(loaded: false, record: nil, diagnostics: [])
        let finance = self.finance
        guard let partner = rowPartner(&c) else { return rejected }
        guard let document = c.text("document_number") else {
            c.reject(.missingValue, field: "document_number", "the document number is empty")
            return rejected
        }
        guard let taskText = c.text("task") else {
            c.reject(.missingValue, field: "task", "the task (zadanie) is empty; write the budget's task number")
            return rejected
        }
        guard let lineText = c.text("budget_line") else {
            c.reject(.missingValue, field: "budget_line", "the budget line is empty; write the budget's line number")
            return rejected
        }
        // Amounts: the eligible one is required (from its column, else from net or gross); any other that does not
        // parse is dropped with a warning.
        let eligibleField = source.columns["eligible"] != nil ? "eligible" : finance.vatEligible ? "gross" : "net"
        var amounts = LedgerAmounts()
        for field in LedgerAmounts.fields where c.has(field) {
            if let money = c.money(field) {
                amounts[field] = money
            } else if field == eligibleField {
                let from = field == "eligible" ? "" : " (the eligible amount is taken from it)"
                c.reject(
                    .invalidAmount, field: field,
                    "the \(Self.amountName(field)) amount\(from) is not an amount Integra can read; write it as 1 234,56",
                    value: c.text(field))
                return rejected
            } else {
                c.warn(
                    .invalidAmount, field: field,
                    "the \(Self.amountName(field)) amount is not an amount Integra can read (write it as 1 234,56); it is left empty",
                    value: c.text(field))
            }
        }
        guard let eligible = amounts[eligibleField] else {
            let from = eligibleField == "eligible" ? "" : " (the eligible amount is taken from it)"
            c.reject(
                .invalidAmount, field: eligibleField, "the \(Self.amountName(eligibleField)) amount\(from) is empty")
            return rejected
        }
        guard c.has("payment_date") else {
            c.reject(
                .unpaidExpenditure, field: "payment_date",
                "no payment date: an expenditure counts in the period it is paid; write the date once it is paid")
            return rejected
        }
        let warningsBefore = c.diagnostics.count
        guard let paid = c.date("payment_date", formats: source.dateFormats) else {
            if c.diagnostics.count > warningsBefore {
                let unreadable = c.rejectLast()
                c.diagnostics.append(unreadable)
            } else {
                c.reject(.unpaidExpenditure, field: "payment_date", "no payment date: write the date it was paid")
            }
            return rejected
        }
        let issued = c.date("issue_date", formats: source.dateFormats)
        var period: String { "\(finance.eligibilityStart.polish)–\(finance.eligibilityEnd.polish)" }
        if paid < finance.eligibilityStart || paid > finance.eligibilityEnd {
            c.reject(
                .expenseOutsideEligibility, field: "payment_date",
                "paid outside the eligibility period \(period): not an eligible expenditure", value: paid.iso)
            return rejected
        }
        if let issued, issued < finance.eligibilityStart {
            c.reject(
                .expenseOutsideEligibility, field: "issue_date",
                "the document was issued before the eligibility period \(period) starts: not an eligible expenditure",
                value: issued.iso)
            return rejected
        }
        if let gross = amounts["gross"], Self.exceeds(eligible, gross) {
            c.reject(
                .eligibleAboveGross, field: eligibleField, "the eligible amount is above the document's gross amount",
                value: "\(eligible.plain) > \(gross.plain)")
            return rejected
        }
        if !finance.vatEligible {
            if let vat = amounts["eligible_vat"], vat.grosze > 0 {
                c.reject(
                    .vatNotEligible, field: "eligible_vat",
                    "the row counts VAT as eligible, and the project's VAT is not eligible (finance: vat_eligible: false)",
                    value: vat.plain)
                return rejected
            }
            if eligibleField == "eligible", let net = amounts["net"], Self.exceeds(eligible, net) {
                c.reject(
                    .vatNotEligible, field: "eligible",
                    "the eligible amount is above the net amount: VAT is counted as eligible, and the project's VAT is not (finance: vat_eligible: false)",
                    value: "\(eligible.plain) > \(net.plain)")
                return rejected
            }
        }
        var nip: String?
        if let text = c.text("supplier_nip") {
            nip = NIP(text).digits
            if nip == nil {
                c.warn(
                    .invalidNIP, field: "supplier_nip",
                    "not a valid NIP (ten digits with a checksum); it is left empty and the document is matched by the supplier's name",
                    value: text)
            }
        }
        var category: CostCategory?
        if let text = c.mapped("category") {
            category = ledgerTexts.category(text)
            if category == nil {
                c.warn(
                    .invalidCategory, field: "category",
                    "not a cost category Integra knows (koszty personelu, bezpośrednie, pośrednie, cross-financing); the budget line's category is used",
                    value: text)
            }
        }
        let claimText = c.text("claim") ?? c.layout.title["claim"] ?? fileClaim
        if let claimText, let claim = BudgetPeriod.parse(claimText), let end = BudgetPeriod.end(of: claim), paid > end {
            c.warn(
                .paidAfterClaim, field: c.has("claim") ? "claim" : "payment_date",
                "paid after the end of the claim's period \(claim) (\(end.polish)); it counts in the quarter it was paid",
                value: paid.iso)
        }
        let supplier = c.text("supplier")
        var record = ExpenditureRecord(
            id: 0, rawRowID: rawRowID, partnerID: partner, documentNumber: document, eligible: eligible,
            task: ledgerTexts.code(taskText), budgetLine: ledgerTexts.code(lineText), category: category ?? .direct)
        record.issueDate = issued
        record.paymentDate = paid
        record.supplier = supplier
        record.supplierNIP = nip
        record.description = c.text("description")
        record.net = amounts["net"]
        record.vat = amounts["vat"]
        record.gross = amounts["gross"]
        record.eligibleVAT = amounts["eligible_vat"]
        let number = document.uppercased().filter { !$0.isWhitespace }
        let invoiceKey =
            nip.map { "nip:\($0)|\(number)" }
            ?? supplier.map { "name:\(ledgerTexts.supplier($0))|\(number)" }
        return Outcome(
            loaded: true,
            record: .expenditure(
                LedgerRow(
                    record: record, fileID: fileID, location: c.location, category: category,
                    invoiceKey: invoiceKey, lineColumn: c.header("budget_line"),
                    documentColumn: c.header("document_number"))),
            diagnostics: [])
    }

    /// One budget row: a task and line of a partner with its planned amounts.
    ///
    /// Long form: one `amount` column, its period in a `period` column (empty or none: the whole project). Wide
    /// form: one column per period found by its header (`2024`, `2024Q1`, `I kw. 2024`), an empty cell planning
    /// nothing. Rejected: no task, line or category (`missing-value`), an unknown category (`invalid-category`),
    /// an amount that does not parse or an empty long-form amount (`invalid-amount`), a period that is no year or
    /// quarter (`invalid-period`), an unknown partner (`unknown-partner`).
    func budget(_ c: inout RowContext, rawRowID: Int) -> Outcome {
        let rejected = Outcome(loaded: false, record: nil, diagnostics: [])
        guard let partner = rowPartner(&c) else { return rejected }
        guard let taskText = c.text("task") else {
            c.reject(.missingValue, field: "task", "the task (zadanie) is empty")
            return rejected
        }
        guard let lineText = c.text("budget_line") else {
            c.reject(.missingValue, field: "budget_line", "the budget line is empty")
            return rejected
        }
        guard let categoryText = c.mapped("category") else {
            c.reject(.missingValue, field: "category", "the cost category is empty")
            return rejected
        }
        guard let category = CostCategory(rawValue: categoryText) ?? CostCategory.parse(categoryText) else {
            c.reject(
                .invalidCategory, field: "category",
                "not a cost category Integra knows (koszty personelu, bezpośrednie, pośrednie, cross-financing)",
                value: categoryText)
            return rejected
        }
        let task = BudgetCode.task(taskText), line = BudgetCode.line(lineText)
        func cell(_ period: String, _ amount: Money) -> BudgetRecord {
            var record = BudgetRecord(
                rawRowID: rawRowID, partnerID: partner, task: task, budgetLine: line, category: category,
                periodID: period, amount: amount)
            record.taskName = c.text("task_name")
            record.lineName = c.text("line_name")
            return record
        }
        var cells: [BudgetRecord] = []
        if c.layout.fields["amount"] != nil {
            guard c.has("amount") else {
                c.reject(.invalidAmount, field: "amount", "the planned amount is empty")
                return rejected
            }
            guard let amount = c.money("amount") else {
                c.reject(
                    .invalidAmount, field: "amount",
                    "the planned amount is not an amount Integra can read; write it as 1 234,56",
                    value: c.text("amount"))
                return rejected
            }
            var period = "project"
            if let text = c.text("period") {
                guard let id = BudgetPeriod.parse(text) else {
                    c.reject(
                        .invalidPeriod, field: "period",
                        "not a year or a quarter (2024, 2024Q1, I kw. 2024); leave it empty for the whole project",
                        value: text)
                    return rejected
                }
                period = id
            }
            cells.append(cell(period, amount))
        } else {
            for (column, period) in c.layout.periods {
                let value = c.row[column]
                guard !value.isBlank else { continue }
                let header = column < c.layout.headers.count ? c.layout.headers[column] : columnLetters(column)
                guard let amount = RowContext.money(value) else {
                    c.diagnostics.append(
                        Diagnostic(
                            .error, .invalidAmount,
                            "the amount planned for \(period) is not an amount Integra can read; write it as 1 234,56; the row is rejected",
                            at: SourceLocation(
                                file: c.location.file, sheet: c.location.sheet, row: c.location.row, column: header),
                            value: value.text))
                    return rejected
                }
                cells.append(cell(period, amount))
            }
        }
        return Outcome(
            loaded: true,
            record: .budget(
                BudgetRow(
                    fileID: fileID, rawRowID: rawRowID, location: c.location, partnerID: partner, task: task,
                    budgetLine: line, category: category, cells: cells)),
            diagnostics: [])
    }

    /// The partner of a finance row: its `partner` cell (a partner id or name of the project, or a form the
    /// source's `values: partner:` maps), else the source's (or the file name's). Nil, with the row rejected
    /// (`unknown-partner`), when the cell names no partner.
    private func rowPartner(_ c: inout RowContext) -> String? {
        guard let text = c.text("partner") else { return partner }
        let folded = TextNormalisation.foldForMatching(text)
        if let mapped = source.values["partner"]?[folded] { return mapped }
        if let match = project.partners.first(where: {
            TextNormalisation.foldForMatching($0.id) == folded || TextNormalisation.foldForMatching($0.name) == folded
        }) {
            return match.id
        }
        c.reject(
            .unknownPartner, field: "partner",
            "no partner of the project has this id or name; write a partner id of partners: (\(project.partners.map(\.id).joined(separator: ", "))) or the partner's name",
            value: text)
        return nil
    }

    /// `a` is beyond `b` in `b`'s direction: above a positive amount, below a negative one (a credit note).
    static func exceeds(_ a: Money, _ b: Money) -> Bool {
        b.grosze >= 0 ? a > b : a < b
    }

    static func amountName(_ field: String) -> String {
        switch field {
        case "eligible": "eligible"
        case "eligible_vat": "eligible VAT"
        case "vat": "VAT"
        default: field
        }
    }
}

extension RowContext {
    /// The amount of a field: a number cell to the grosz (`Money.fromNumber`), text by `Money.parse`; nil when
    /// blank or not an amount.
    func money(_ field: String) -> Money? { Self.money(cell(field)) }

    static func money(_ cell: CellValue) -> Money? {
        switch cell {
        case .number(let n): Money.fromNumber(n)
        case .string(let s): Money.parse(s)
        default: nil
        }
    }
}
