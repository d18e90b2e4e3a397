import IntegraCore

/// The finance checks that need more than one row: each ledger row against the budget, the same invoice in two
/// rows, and the aggregate checks of a line's spend against its plan and of indirect costs against the flat rate.
///
/// Runs on every run after normalise has joined every file's records (like `CrossFileDuplicates`), in input order
/// — files in project and path order, rows top-down — so which copy of an invoice is kept never depends on the
/// number of cores or on what an earlier run stored.
///
/// - `unknown-budget-line` (error): the row's task and line are no line of the budget of any partner (or its task
///   is no task of the budget). Not checked when the project has no budget source.
/// - the category: the row's own, else its budget line's (the partner's line, else the line of the first partner
///   that has it); a row with neither is rejected (`missing-value`).
/// - `duplicate-invoice` (error): the same supplier NIP (else supplier name) and document number as an earlier
///   loaded row at another partner (double funding), or on the same task and line, or — a document split across
///   lines, one row per line, is allowed — with eligible parts that together would exceed its gross; the first is
///   kept.
/// - `line-over-budget` (warning) / `line-within-flexibility` (note): a partner's cumulative eligible spend on a line
///   above its plan for the whole project, beyond / within `flexibility`. At the line's first budget row.
/// - `indirect-over-flat-rate` (warning): a partner's indirect eligible spend above `indirect_rate` of its personnel
///   and direct eligible spend (rounded half away from zero to the grosz). At the partner's first budget row.
struct FinanceChecks {
    let project: ProjectDefinition
    let finance: FinanceSettings

    /// The line a budget row or ledger row names, across partners.
    private static func line(_ task: String, _ line: String) -> String { task + "\u{1F}" + line }
    private static func partnerLine(_ partner: String, _ task: String, _ line: String) -> String {
        partner + "\u{1F}" + task + "\u{1F}" + line
    }

    /// A line's plan for the whole project: its `project` amounts when the budget gives any; else its years' and
    /// the quarters of the years it gives no year amount for (a budget giving both a year and its quarters is not
    /// counted twice).
    static func projectPlan(_ cells: [BudgetRecord]) -> Money {
        let project = cells.filter { $0.periodID == "project" }
        if !project.isEmpty { return project.reduce(Money.zero) { $0 + $1.amount } }
        let years = Set(cells.filter { $0.periodID.count == 4 }.map(\.periodID))
        return cells.filter { $0.periodID.count == 4 || !years.contains(String($0.periodID.prefix(4))) }
            .reduce(Money.zero) { $0 + $1.amount }
    }

    func apply(to result: inout NormalisedRecords) {
        guard !result.ledger.isEmpty || !result.budgetRows.isEmpty else { return }
        let hasBudget = project.sources.contains { $0.kind == .budget }
        var firstOfLine: [String: BudgetRow] = [:]
        var firstOfPartnerLine: [String: BudgetRow] = [:]
        var budgetTasks = Set<String>()
        var cellsOfPartnerLine: [String: [BudgetRecord]] = [:]
        for row in result.budgetRows {
            let line = Self.line(row.task, row.budgetLine)
            let partnerLine = Self.partnerLine(row.partnerID, row.task, row.budgetLine)
            if firstOfLine[line] == nil { firstOfLine[line] = row }
            if firstOfPartnerLine[partnerLine] == nil { firstOfPartnerLine[partnerLine] = row }
            budgetTasks.insert(row.task)
            cellsOfPartnerLine[partnerLine, default: []] += row.cells
        }

        // Indexed at the first rejection: most runs reject a few rows of the run's hundreds of thousands.
        var statusIndex: [Int: Int]?
        var fileIndex: [Int: Int] = [:]
        for (i, file) in result.files.enumerated() { fileIndex[file.id] = i }
        func reject(_ row: LedgerRow, _ diagnostic: Diagnostic) {
            if statusIndex == nil {
                var index: [Int: Int] = [:]
                index.reserveCapacity(result.rowStatus.count)
                for (i, status) in result.rowStatus.enumerated() { index[status.rawRowID] = i }
                statusIndex = index
            }
            if let i = statusIndex![row.record.rawRowID] { result.rowStatus[i].loaded = false }
            if let f = fileIndex[row.fileID] {
                result.files[f].rowsLoaded -= 1
                result.files[f].rowsRejected += 1
            }
            result.diagnostics.append(
                DiagnosticRecord(fileID: row.fileID, rawRowID: row.record.rawRowID, diagnostic: diagnostic))
        }
        func at(_ row: LedgerRow, column: String?) -> SourceLocation {
            var location = row.location
            location.column = column
            return location
        }

        /// A document's rows loaded so far: the first (named by messages), the lines it is split across and what they
        /// claim together.
        struct ClaimedDocument {
            var first: LedgerRow
            var lines: Set<String>
            var eligible: Money
            /// The most its rows may claim together: its gross, or its net when VAT is not eligible.
            var limit: Money?
        }
        func claimLimit(_ r: ExpenditureRecord) -> Money? { finance.vatEligible ? r.gross : (r.net ?? r.gross) }
        var kept: [LedgerRow] = []
        var invoices: [String: ClaimedDocument] = [:]
        invoices.reserveCapacity(result.ledger.count)
        kept.reserveCapacity(result.ledger.count)
        for var row in result.ledger {
            let r = row.record
            let line = Self.line(r.task, r.budgetLine)
            if hasBudget, firstOfLine[line] == nil {
                let known = budgetTasks.contains(r.task)
                reject(
                    row,
                    Diagnostic(
                        .error, .unknownBudgetLine,
                        (known
                            ? "task \(r.task) of the budget has no line \(r.budgetLine)"
                            : "the budget has no task \(r.task)")
                            + "; write the task and line as the agreement's budget numbers them, or add the line to the budget (an annex); the row is rejected",
                        at: at(row, column: row.lineColumn),
                        polish: (known
                            ? "zadanie \(r.task) budżetu nie ma pozycji \(r.budgetLine)"
                            : "w budżecie nie ma zadania \(r.task)")
                            + "; wpisz numery zadania i pozycji jak w budżecie z umowy albo dopisz pozycję do budżetu (aneks); wiersz odrzucony"
                    ))
                continue
            }
            let budgetRow = firstOfPartnerLine[Self.partnerLine(r.partnerID, r.task, r.budgetLine)] ?? firstOfLine[line]
            guard let category = row.category ?? budgetRow?.category else {
                reject(
                    row,
                    Diagnostic(
                        .error, .missingValue,
                        "no cost category: the ledger maps no category column (or its cell is empty or unknown) and there is no budget to take the line's category from; the row is rejected",
                        at: at(row, column: row.lineColumn)))
                continue
            }
            if let key = row.invoiceKey {
                if let claimed = invoices[key] {
                    let first = claimed.first
                    let place =
                        "\(first.location.file)\(first.location.sheet.map { "[\($0)]" } ?? ""):\(first.location.row ?? 0)"
                    let other = first.record.partnerID != r.partnerID
                    let sameLine = claimed.lines.contains(line)
                    // One document split across budget lines (a room for two tasks, a bill shared by lines) is
                    // one row per line: allowed while its rows together claim no more than the document's gross
                    // (its net when VAT is not eligible).
                    let limit = claimed.limit ?? claimLimit(r)
                    let overClaimed = limit.map { claimed.eligible + r.eligible > $0 } ?? false
                    if other || sameLine || overClaimed {
                        let why: (en: String, pl: String) =
                            other
                            ? (" by partner \(first.record.partnerID): double funding", " u partnera \(first.record.partnerID) — podwójne finansowanie")
                            : sameLine
                                ? ("", "")
                                : (" on other budget lines, and with this row its rows would claim more than the document's \(finance.vatEligible ? "gross" : "net") amount",
                                   " na innych pozycjach budżetu, a z tym wierszem jego wiersze przekroczyłyby kwotę \(finance.vatEligible ? "brutto" : "netto") dokumentu")
                        reject(
                            row,
                            Diagnostic(
                                .error, .duplicateInvoice,
                                "the same document (supplier and document number) is claimed in \(place)" + why.en
                                    + "; it counts once, from there; delete the repeated row (a document split across budget lines is one row per line, its eligible parts together at most its gross); the row is rejected",
                                at: at(row, column: row.documentColumn), value: r.documentNumber,
                                polish: "ten sam dokument (dostawca i numer) wykazano już w \(place)" + why.pl
                                    + "; liczy się raz, stamtąd; usuń powtórzony wiersz (dokument podzielony między pozycje budżetu to jeden wiersz na pozycję, a ich kwoty kwalifikowalne łącznie najwyżej do kwoty brutto); wiersz odrzucony"))
                        continue
                    }
                    invoices[key]!.lines.insert(line)
                    invoices[key]!.eligible += r.eligible
                    if invoices[key]!.limit == nil { invoices[key]!.limit = claimLimit(r) }
                } else {
                    invoices[key] = ClaimedDocument(first: row, lines: [line], eligible: r.eligible, limit: claimLimit(r))
                }
            }
            row.record.category = category
            row.record.id = kept.count + 1
            kept.append(row)
        }
        result.ledger = kept
        if hasBudget {
            checkLines(
                kept, &result, firstOfLine: firstOfLine, firstOfPartnerLine: firstOfPartnerLine,
                cells: cellsOfPartnerLine)
        }
        checkFlatRate(kept, &result)
    }

    /// A line's cumulative spend against its plan, in the order the lines are first spent on.
    private func checkLines(
        _ kept: [LedgerRow], _ result: inout NormalisedRecords, firstOfLine: [String: BudgetRow],
        firstOfPartnerLine: [String: BudgetRow], cells cellsOfPartnerLine: [String: [BudgetRecord]]
    ) {
        var spend: [String: Money] = [:]
        var order: [(key: String, row: ExpenditureRecord)] = []
        for row in kept {
            let key = Self.partnerLine(row.record.partnerID, row.record.task, row.record.budgetLine)
            if spend[key] == nil { order.append((key, row.record)) }
            spend[key, default: .zero] += row.record.eligible
        }
        for (key, r) in order {
            let spent = spend[key]!
            let plan = Self.projectPlan(cellsOfPartnerLine[key] ?? [])
            guard spent > plan,
                let budgetRow = firstOfPartnerLine[key] ?? firstOfLine[Self.line(r.task, r.budgetLine)]
            else { continue }
            let limit = plan + finance.flexibility.of(plan)
            let over = spent > limit
            let what =
                "partner \(r.partnerID) spent \(spent.polish) on line \(r.budgetLine) of task \(r.task), above its plan of \(plan.polish)"
            let co =
                "partner \(r.partnerID) wydał \(spent.polish) na pozycję \(r.budgetLine) zadania \(r.task), ponad plan \(plan.polish)"
            result.diagnostics.append(
                DiagnosticRecord(
                    fileID: budgetRow.fileID, rawRowID: budgetRow.rawRowID,
                    diagnostic: Diagnostic(
                        over ? .warning : .note, over ? .lineOverBudget : .lineWithinFlexibility,
                        over
                            ? "\(what) by more than the flexibility of \(finance.flexibility) (up to \(limit.polish)): an annex is needed"
                            : "\(what), within the flexibility of \(finance.flexibility) (up to \(limit.polish))",
                        at: budgetRow.location,
                        polish: over
                            ? "\(co) o więcej niż dopuszczalne przesunięcie \(finance.flexibility) (do \(limit.polish)): potrzebny aneks"
                            : "\(co), w granicach dopuszczalnego przesunięcia \(finance.flexibility) (do \(limit.polish))"
                    )))
        }
    }

    /// Indirect costs against the flat rate, per partner in the project file's order; at the partner's first
    /// indirect line of the budget (else its first budget row, else the budget's first, else its first indirect
    /// ledger row).
    private func checkFlatRate(_ kept: [LedgerRow], _ result: inout NormalisedRecords) {
        guard let rate = finance.indirectRate else { return }
        var direct: [String: Money] = [:], indirect: [String: Money] = [:]
        var firstIndirect: [String: LedgerRow] = [:]
        for row in kept {
            switch row.record.category {
            case .personnel, .direct: direct[row.record.partnerID, default: .zero] += row.record.eligible
            case .indirect:
                indirect[row.record.partnerID, default: .zero] += row.record.eligible
                if firstIndirect[row.record.partnerID] == nil { firstIndirect[row.record.partnerID] = row }
            case .crossFinancing: break
            }
        }
        for partner in project.partners {
            let direct = direct[partner.id] ?? .zero
            let allowed = rate.of(direct)
            guard let indirect = indirect[partner.id], indirect > allowed, let ledgerRow = firstIndirect[partner.id]
            else { continue }
            let partnerRows = result.budgetRows.filter { $0.partnerID == partner.id }
            let place =
                partnerRows.first { $0.category == .indirect } ?? partnerRows.first ?? result.budgetRows.first
            result.diagnostics.append(
                DiagnosticRecord(
                    fileID: place?.fileID ?? ledgerRow.fileID, rawRowID: place?.rawRowID ?? ledgerRow.record.rawRowID,
                    diagnostic: Diagnostic(
                        .warning, .indirectOverFlatRate,
                        "partner \(partner.id)'s indirect costs, \(indirect.polish), are above the flat rate of \(rate) of its direct costs \(direct.polish) (personnel and direct): at most \(allowed.polish), rounded half away from zero to the grosz",
                        at: place?.location ?? ledgerRow.location,
                        polish:
                            "koszty pośrednie partnera \(partner.id), \(indirect.polish), przekraczają ryczałt \(rate) kosztów bezpośrednich \(direct.polish) (personel i bezpośrednie): najwyżej \(allowed.polish), zaokrąglając do pełnego grosza"
                    )))
        }
    }
}
