// The stable diagnostic codes. The README's "Diagnostic codes" table lists each with its fix; add a code there too.
extension DiagnosticCode {
    // Files and layout
    public static let unreadableFile: DiagnosticCode = "unreadable-file"
    public static let noFilesMatched: DiagnosticCode = "no-files-matched"
    /// One file matched by the `files:` of two sources: read by the first only (issue 17 item 14).
    public static let fileInTwoSources: DiagnosticCode = "file-in-two-sources"
    public static let headerNotFound: DiagnosticCode = "header-not-found"
    public static let missingColumn: DiagnosticCode = "missing-column"
    /// A header with ISO-8859-2 letters read as Windows-1250 (`±` for `ą`): the file is refused with what to do.
    public static let latin2Text: DiagnosticCode = "latin2-text"
    /// A header a mapping reads stands over two columns: the file is refused, naming both (issue 17 item 13).
    public static let duplicateHeader: DiagnosticCode = "duplicate-header"
    public static let sheetNotFound: DiagnosticCode = "sheet-not-found"
    public static let noSessionColumns: DiagnosticCode = "no-session-columns"
    public static let missingTitleField: DiagnosticCode = "missing-title-field"
    /// A `from_file_name:` or `from_title:` pattern does not match the file name or any title line.
    public static let patternNotMatched: DiagnosticCode = "pattern-not-matched"
    /// A pattern took an activity or partner that is no id of the project, even through `values:`.
    public static let unknownPatternValue: DiagnosticCode = "unknown-pattern-value"
    /// Columns with a header that no mapping reads (a note, once per file).
    public static let unusedColumn: DiagnosticCode = "unused-column"
    /// Rows under a table that are its footer (signatures, totals): not data rows (a note, once per sheet).
    public static let tableFooter: DiagnosticCode = "table-footer"
    public static let hiddenRows: DiagnosticCode = "hidden-rows"
    public static let hiddenSheet: DiagnosticCode = "hidden-sheet"
    /// Written by earlier versions, which read a quote that never closes to the end of the file.
    public static let unterminatedQuote: DiagnosticCode = "unterminated-quote"
    /// A CSV row with fewer fields than its header, or more that are not empty: rejected, not padded or shifted.
    public static let fieldCount: DiagnosticCode = "field-count"
    /// A CSV field opened by a quote that does not close on its line: the row is rejected, reading goes on.
    public static let strayQuote: DiagnosticCode = "stray-quote"
    // Cells
    /// A cell over Excel's limit of 32 767 characters: read cut to the limit (issue 17 item 6).
    public static let cellTooLong: DiagnosticCode = "cell-too-long"
    public static let missingValue: DiagnosticCode = "missing-value"
    public static let invalidDate: DiagnosticCode = "invalid-date"
    public static let ambiguousDate: DiagnosticCode = "ambiguous-date"
    public static let dateOutsidePeriod: DiagnosticCode = "date-outside-period"
    public static let futureDate: DiagnosticCode = "future-date"
    public static let invalidPESEL: DiagnosticCode = "invalid-pesel"
    public static let peselMismatch: DiagnosticCode = "pesel-mismatch"
    public static let invalidSex: DiagnosticCode = "invalid-sex"
    public static let unknownCitizenship: DiagnosticCode = "unknown-citizenship"
    public static let invalidNumber: DiagnosticCode = "invalid-number"
    public static let invalidLevel: DiagnosticCode = "invalid-level"
    public static let unknownMark: DiagnosticCode = "unknown-mark"
    public static let invalidName: DiagnosticCode = "invalid-name"
    /// A roll row with a first name or a last name only: kept, linked by its other fields.
    public static let missingNamePart: DiagnosticCode = "missing-name-part"
    public static let invalidPhone: DiagnosticCode = "invalid-phone"
    public static let invalidEmail: DiagnosticCode = "invalid-email"
    public static let unknownObjective: DiagnosticCode = "unknown-objective"
    public static let invalidYesNo: DiagnosticCode = "invalid-yes-no"
    /// A topic, language or mode that is no category of the vocabulary nor of the source's `values:`: counted as
    /// "inne"; the warning never carries the cell.
    public static let uncategorisedValue: DiagnosticCode = "uncategorised-value"
    // Linking
    public static let unmatchedAttendance: DiagnosticCode = "unmatched-attendance"
    public static let ambiguousAttendance: DiagnosticCode = "ambiguous-attendance"
    public static let unknownCourse: DiagnosticCode = "unknown-course"
    public static let duplicateRow: DiagnosticCode = "duplicate-row"
    /// A file with the same bytes as another file of the same source in this run: read once, under the first path.
    public static let duplicateFile: DiagnosticCode = "duplicate-file"
    /// A consultation (or roll row) that another file of the same partner holds too: counted once, from the file
    /// read first.
    public static let duplicateAcrossFiles: DiagnosticCode = "duplicate-across-files"
    /// A consultation that a newer copy of the partner's register re-sends with other values (a correction): counted
    /// once, as the newer copy writes it.
    public static let correctedAcrossFiles: DiagnosticCode = "corrected-across-files"
    public static let duplicateMark: DiagnosticCode = "duplicate-mark"
    // Participant rules
    public static let objectiveConflict: DiagnosticCode = "objective-conflict"
    // Finance (issue 19): expenditure ledgers and the budget
    /// An amount that does not parse as money (`12,345`, text): the row is rejected when the eligible amount (or the
    /// net or gross it is derived from) is the one; another amount is dropped with a warning.
    public static let invalidAmount: DiagnosticCode = "invalid-amount"
    /// A ledger row without a payment date: it counts when it is paid.
    public static let unpaidExpenditure: DiagnosticCode = "unpaid-expenditure"
    /// Paid outside the eligibility period, or issued before it starts.
    public static let expenseOutsideEligibility: DiagnosticCode = "expense-outside-eligibility"
    public static let eligibleAboveGross: DiagnosticCode = "eligible-above-gross"
    /// VAT counted as eligible in a project whose VAT is recoverable (`vat_eligible: false`).
    public static let vatNotEligible: DiagnosticCode = "vat-not-eligible"
    /// A ledger row's task and budget line are no line of the budget (of any partner).
    public static let unknownBudgetLine: DiagnosticCode = "unknown-budget-line"
    /// The same supplier NIP and document number as an earlier ledger row: claimed twice (double funding).
    public static let duplicateInvoice: DiagnosticCode = "duplicate-invoice"
    /// Paid after the end of the quarter of the payment claim the row names: it counts in its payment's quarter.
    public static let paidAfterClaim: DiagnosticCode = "paid-after-claim"
    /// A NIP whose checksum is wrong: dropped, the row kept.
    public static let invalidNIP: DiagnosticCode = "invalid-nip"
    /// A budget line's cumulative eligible spend above its plan by more than the agreement's flexibility.
    public static let lineOverBudget: DiagnosticCode = "line-over-budget"
    /// A budget line's spend above its plan, within the flexibility (a note).
    public static let lineWithinFlexibility: DiagnosticCode = "line-within-flexibility"
    /// A partner's indirect costs above the flat rate of its direct costs.
    public static let indirectOverFlatRate: DiagnosticCode = "indirect-over-flat-rate"
    /// A `partner` column holding no partner id or name of the project: the row is rejected.
    public static let unknownPartner: DiagnosticCode = "unknown-partner"
    /// A cost category Integra does not know: the budget line's is used (ledger); the row is rejected (budget).
    public static let invalidCategory: DiagnosticCode = "invalid-category"
    /// A budget `period` cell that names no year or quarter: the row is rejected.
    public static let invalidPeriod: DiagnosticCode = "invalid-period"
}
