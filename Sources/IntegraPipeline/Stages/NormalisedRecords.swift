import IntegraCore

/// A person as one row names them, normalised: the input of linkage.
struct IdentityRecord: Codable {
    /// `path#sheet#row` (`path#row` for CSV): the record's name in decisions files and explanations.
    var key: String
    var rawRowID: Int
    var fileID: Int
    /// Position of the row in the run (file order, sheet, row): the tie-breaker that keeps ids stable.
    var order: Int
    var partnerID: String
    var activityID: String
    var kind: SourceKind
    var group: String?
    var firstName: String
    var lastName: String
    /// Order-independent name key: the two name skeletons sorted and joined.
    var nameKey: String
    /// A valid PESEL only; invalid ones are reported and dropped.
    var pesel: String?
    var birthDate: LocalDate?
    /// Day and month of the birth date could be swapped (03/04/1990).
    var birthDateAmbiguous = false
    var sex: String?
    var citizenship: String?
    var arrivalDate: LocalDate?
    /// FAMI objective the row registers the person under, and since when.
    var objective: String?
    var objectiveSince: LocalDate?
    /// A PESEL with status UKR is recorded.
    var ukrStatus: Bool?
    var employmentDate: LocalDate?
    var startDate: LocalDate?
    var endDate: LocalDate?
    var levelIn: String?
    var levelOut: String?
    /// E.164.
    var phone: String?
    /// Lower-case.
    var email: String?
    /// Passport or other document number, upper-case, no spaces.
    var document: String?
}

extension SourceLocation {
    /// `path#sheet#row`, or `path#row` for a CSV file: a record's key.
    var recordKey: String {
        [file, sheet, row.map(String.init)].compactMap { $0 }.joined(separator: "#")
    }
}

/// A row of an attendance sheet: a name, the course group, and one mark per session column.
struct AttendanceRow {
    var rawRowID: Int
    var fileID: Int
    var location: SourceLocation
    var partnerID: String
    var activityID: String
    var group: String
    /// The name as split from the sheet (for comparing with the roll's names), and its order-free key.
    var firstName: String
    var lastName: String
    var nameKey: String
    var marks: [(column: String, date: LocalDate, status: AttendanceStatus)]
}

/// A row of a consultation log; `identity` is nil for anonymous consultations.
struct ConsultationRow: Codable {
    var rawRowID: Int
    var partnerID: String
    var activityID: String
    var date: LocalDate
    var topic: String?
    var language: String?
    var mode: String?
    var minutes: Int?
    var identity: IdentityRecord?
    /// Who wrote the row (`consultant:`), cleaned: not loaded, only to tell two consultants' logs apart.
    var consultant: String? = nil
}

/// What normalise hands to linkage: the file accounting, every raw row, the diagnostics and the typed rows.
struct NormalisedRecords: StageOutput {
    var files: [SourceFileRecord] = []
    /// Loaded (true) or rejected, per data row.
    var rowStatus: [(rawRowID: Int, loaded: Bool)] = []
    var diagnostics: [DiagnosticRecord] = []
    var identities: [IdentityRecord] = []
    var attendance: [AttendanceRow] = []
    var consultations: [ConsultationRow] = []
    /// Ledger rows and budget rows (issue 19); after `FinanceChecks`, the loaded ones only.
    var ledger: [LedgerRow] = []
    var budgetRows: [BudgetRow] = []
    /// Files that could not be read at all (structural errors).
    var failedFiles = 0
}

extension NormalisedRecords {
    var handled: (count: Int?, unit: String) { (rowStatus.count, "rows") }

    /// Rejects the loaded data row at `index` of `rowStatus` (the part holds one file): not loaded, counted as
    /// rejected, with `diagnostic` as its reason.
    mutating func rejectRow(at index: Int, _ diagnostic: Diagnostic) {
        rowStatus[index].loaded = false
        files[0].rowsLoaded -= 1
        files[0].rowsRejected += 1
        diagnostics.append(
            DiagnosticRecord(fileID: files[0].id, rawRowID: rowStatus[index].rawRowID, diagnostic: diagnostic))
    }

    /// The files' accounting and each data row's status, without the records.
    var accounting: RowAccounting {
        RowAccounting(files: files, rowStatus: rowStatus, failedFiles: failedFiles)
    }
}

/// Rows read, loaded, rejected and blank per file, and whether each data row is loaded: what normalise found,
/// corrected by link for the rows it rejects.
struct RowAccounting {
    var files: [SourceFileRecord] = []
    var rowStatus: [(rawRowID: Int, loaded: Bool)] = []
    /// Files that could not be read at all (structural errors).
    var failedFiles = 0

    /// Counts a row linkage rejected (unmatched attendance) as rejected rather than loaded.
    mutating func reject(_ rejected: [(rawRowID: Int, fileID: Int, diagnostic: Diagnostic)]) {
        var status = Dictionary(uniqueKeysWithValues: rowStatus.map { ($0.rawRowID, $0.loaded) })
        for (rawID, fileID, _) in rejected {
            status[rawID] = false
            if let i = files.firstIndex(where: { $0.id == fileID }) {
                files[i].rowsLoaded -= 1
                files[i].rowsRejected += 1
            }
        }
        rowStatus = rowStatus.map { ($0.rawRowID, status[$0.rawRowID] ?? $0.loaded) }
    }
}

// MARK: Stored per file version (`stg_normalised_files`)

extension AttendanceRow: Codable {
    private struct Mark: Codable {
        var column: String
        var date: LocalDate
        var status: AttendanceStatus
    }

    private enum CodingKeys: String, CodingKey {
        case rawRowID, fileID, location, partnerID, activityID, group, firstName, lastName, nameKey, marks
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rawRowID = try c.decode(Int.self, forKey: .rawRowID)
        fileID = try c.decode(Int.self, forKey: .fileID)
        location = try c.decode(SourceLocation.self, forKey: .location)
        partnerID = try c.decode(String.self, forKey: .partnerID)
        activityID = try c.decode(String.self, forKey: .activityID)
        group = try c.decode(String.self, forKey: .group)
        firstName = try c.decode(String.self, forKey: .firstName)
        lastName = try c.decode(String.self, forKey: .lastName)
        nameKey = try c.decode(String.self, forKey: .nameKey)
        marks = try c.decode([Mark].self, forKey: .marks).map { ($0.column, $0.date, $0.status) }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rawRowID, forKey: .rawRowID)
        try c.encode(fileID, forKey: .fileID)
        try c.encode(location, forKey: .location)
        try c.encode(partnerID, forKey: .partnerID)
        try c.encode(activityID, forKey: .activityID)
        try c.encode(group, forKey: .group)
        try c.encode(firstName, forKey: .firstName)
        try c.encode(lastName, forKey: .lastName)
        try c.encode(nameKey, forKey: .nameKey)
        try c.encode(marks.map { Mark(column: $0.column, date: $0.date, status: $0.status) }, forKey: .marks)
    }
}

extension NormalisedRecords: Codable {
    private enum CodingKeys: String, CodingKey {
        case files, rowIDs, rowsLoaded, diagnostics, identities, attendance, consultations, ledger, budgetRows
        case failedFiles
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        files = try c.decode([SourceFileRecord].self, forKey: .files)
        let ids = try c.decode([Int].self, forKey: .rowIDs)
        let loaded = try c.decode([Bool].self, forKey: .rowsLoaded)
        guard ids.count == loaded.count else {
            throw DecodingError.dataCorruptedError(
                forKey: .rowsLoaded, in: c, debugDescription: "\(ids.count) rows but \(loaded.count) statuses")
        }
        rowStatus = zip(ids, loaded).map { ($0, $1) }
        diagnostics = try c.decode([DiagnosticRecord].self, forKey: .diagnostics)
        identities = try c.decode([IdentityRecord].self, forKey: .identities)
        attendance = try c.decode([AttendanceRow].self, forKey: .attendance)
        consultations = try c.decode([ConsultationRow].self, forKey: .consultations)
        ledger = try c.decodeIfPresent([LedgerRow].self, forKey: .ledger) ?? []
        budgetRows = try c.decodeIfPresent([BudgetRow].self, forKey: .budgetRows) ?? []
        failedFiles = try c.decode(Int.self, forKey: .failedFiles)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(files, forKey: .files)
        try c.encode(rowStatus.map(\.rawRowID), forKey: .rowIDs)
        try c.encode(rowStatus.map(\.loaded), forKey: .rowsLoaded)
        try c.encode(diagnostics, forKey: .diagnostics)
        try c.encode(identities, forKey: .identities)
        try c.encode(attendance, forKey: .attendance)
        try c.encode(consultations, forKey: .consultations)
        if !ledger.isEmpty { try c.encode(ledger, forKey: .ledger) }
        if !budgetRows.isEmpty { try c.encode(budgetRows, forKey: .budgetRows) }
        try c.encode(failedFiles, forKey: .failedFiles)
    }
}
