import Foundation
import IntegraCore
import IntegraReports
import IntegraWarehouse

/// Normalise: reads the current files' stored rows back, locates header and title block with the project's
/// mapping, and turns every data row into a typed record or a rejection with its diagnostics.
///
/// Works on the stored rows, so a changed mapping applies to every file without reading any of them again.
/// Rows read = loaded + rejected + blank, per file; rows above the header (the title block) and the footer under
/// the table (`TableFooter`) are not data rows.
struct NormaliseStage: PipelineStage {
    static let stage = RunStage.normalise

    let project: ProjectDefinition
    let warehouse: Warehouse
    /// `pipelines/vocabulary.yml`: its footer words, and the headers of columns that hold nothing to read (`Lp.`,
    /// `Podpis`); nil = no footer is recognised and every column no mapping uses is listed.
    var vocabulary: HeaderVocabulary?
    /// The keys of each source's stored normalised records (`stg_normalised_files`): a file version the warehouse
    /// holds records for under the same path and key is not normalised again. Nil = every file is normalised and
    /// nothing is stored.
    var stored: NormalisationInputs?
    /// Told how many files of how many are done as each one starts (progress on a terminal).
    var onFile: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    /// Files normalised at once (the results do not depend on it).
    var workers = ProcessInfo.processInfo.activeProcessorCount

    /// Files are normalised side by side, one per core (each file's rows depend only on that file), and their
    /// results joined in file order: every record, diagnostic and row status is where a one-file-at-a-time run
    /// puts it, and each row's `order` (its position in the run) is numbered after the join.
    ///
    /// A file whose records the warehouse holds from an earlier run (same version, path and inputs) is not
    /// normalised again; the records of the others are stored for the next run. What depends on other files —
    /// re-sent registers, the same rows in an earlier file, `order` — is worked out below on every run.
    func run(_ files: [(source: SourceDefinition, file: StoredFile)]) throws -> NormalisedRecords {
        let results = try InOrder.map(
            files.count, workers: workers, state: { Memos() }, onTake: { onFile($0, files.count) },
            { memos, i in try normaliseOrReuse(files[i].source, files[i].file, memos: memos) })
        try warehouse.saveNormalisedFiles(results.compactMap(\.entry))
        var parts = results.map(\.records)
        var result = NormalisedRecords()
        var duplicates = CrossFileDuplicates(warehouse: warehouse)
        // Rows a newer copy of the register re-sends corrected count once, as the newer copy writes them.
        let corrections = ResentCorrections(parts: parts, warehouse: warehouse)
        for i in parts.indices {
            // Taken out of the array so that it is changed in place, and freed as it is joined.
            var part = parts[i]
            parts[i] = NormalisedRecords()
            try corrections.reject(in: &part)
            // The same rows in an earlier file of the partner are counted once, from that file.
            try duplicates.reject(in: &part)
            // The file's rows were numbered 1, 2, … on their own; the rows of the files before it come first.
            let offset = result.rowStatus.count
            for j in part.identities.indices { part.identities[j].order += offset }
            for j in part.consultations.indices { part.consultations[j].identity?.order += offset }
            result.files += part.files
            result.rowStatus += part.rowStatus
            result.diagnostics += part.diagnostics
            result.identities += part.identities
            result.attendance += part.attendance
            result.consultations += part.consultations
            result.ledger += part.ledger
            result.budgetRows += part.budgetRows
            result.failedFiles += part.failedFiles
        }
        // Ledgers against the budget, and the same invoice in two rows: across files, in input order.
        if let finance = project.finance { FinanceChecks(project: project, finance: finance).apply(to: &result) }
        return result
    }

    /// A worker's memos of pure functions, kept from file to file: name keys and folded header texts.
    private struct Memos {
        let names = NameKeys()
        let folds = FoldedTexts()
        let ledgerTexts = LedgerTexts()
    }

    /// A file's records as stored by an earlier run for the same version, path and inputs; else normalised, with
    /// the entry that stores them. A stored entry this Integra cannot decode is normalised again and replaced.
    private func normaliseOrReuse(_ source: SourceDefinition, _ file: StoredFile, memos: Memos) throws
        -> (records: NormalisedRecords, entry: NormalisedFileEntry?)
    {
        guard let key = stored?.bySource[source.id] else { return (try normalise(source, file, memos: memos), nil) }
        if let data = try warehouse.normalisedFile(fileID: file.id, path: file.path, inputs: key),
            let records = try? CompactDecoder().decode(NormalisedRecords.self, from: data)
        {
            return (records, nil)
        }
        let records = try normalise(source, file, memos: memos)
        // Binary, not JSON: encoding a programme's records as JSON was an eighth of a run's CPU.
        let entry = NormalisedFileEntry(
            fileID: file.id, path: file.path, inputs: key, records: try CompactEncoder().encode(records))
        return (records, entry)
    }

    /// One file's accounting, diagnostics and records; `order` counts its data rows from 1.
    private func normalise(_ source: SourceDefinition, _ stored: StoredFile, memos: Memos) throws -> NormalisedRecords {
        var result = NormalisedRecords()
        var order = 0
        var file = SourceFileRecord(
            id: stored.id, sourceID: source.id, partnerID: source.partner, kind: source.kind,
            activityID: source.activity, path: stored.path, sha256: stored.sha256, size: stored.size,
            encoding: stored.encoding)
        var normaliser = RowNormaliser(
            project: project, source: source, fileID: stored.id, path: stored.path, names: memos.names,
            ledgerTexts: memos.ledgerTexts)
        normaliser.categories = vocabulary?.categories ?? CategoryVocabulary()
        func fail(_ problem: Diagnostic.Problem, sheet: String? = nil) {
            result.failedFiles += 1
            result.diagnostics.append(
                DiagnosticRecord(
                    fileID: stored.id, rawRowID: nil,
                    diagnostic: Diagnostic(.error, problem.code, problem.message, at: SourceLocation(file: stored.path, sheet: sheet))))
        }
        // Fields the file name gives (`from_file_name:`): the whole file is unread when it does not match.
        if source.fromFileName != nil {
            switch FieldPattern.fileNameFields(stored.path, source: source, project: project) {
            case .failure(let problem):
                fail(problem)
                result.files.append(file)
                return result
            case .success(let fields):
                normaliser.partner = fields.partner ?? normaliser.partner
                normaliser.activity = fields.activity ?? normaliser.activity
                normaliser.fileGroup = fields.group
                normaliser.fileClaim = fields.claim
            }
        }
        file.partnerID = normaliser.partner
        file.activityID = normaliser.activity
        let filePartner = normaliser.partner, fileActivity = normaliser.activity
        var titleSettledFile = false
        var unusedColumns: [String] = []
        var unusedAt: SourceLocation?
        for w in stored.readWarnings where !DamagedRows.isAboutOneRow(w) {
            result.diagnostics.append(
                DiagnosticRecord(
                    fileID: stored.id, rawRowID: nil,
                    diagnostic: Diagnostic(.warning, DiagnosticCode(rawValue: w.code), w.message, at: SourceLocation(file: stored.path, row: w.row))))
        }
        let all = try warehouse.sheets(fileID: stored.id)
        let chosen: [StoredSheet]
        switch SheetChoice.choose(all, patterns: source.sheets) {
        case .failure(let problem):
            fail(problem)
            result.files.append(file)
            return result
        case .success(let (sheets, skippedHidden)):
            chosen = sheets
            for name in skippedHidden {
                result.diagnostics.append(
                    DiagnosticRecord(
                        fileID: stored.id, rawRowID: nil,
                        diagnostic: Diagnostic(
                            .warning, .hiddenSheet,
                            "this sheet is hidden in Excel and is not read; name it under sheets: to read it",
                            at: SourceLocation(file: stored.path, sheet: name))))
            }
        }
        for sheet in chosen {
            let table = sheet.table
            let sheetName = table.name
            func note(_ d: Diagnostic) { result.diagnostics.append(DiagnosticRecord(fileID: stored.id, rawRowID: nil, diagnostic: d)) }
            if let hidden = table.hiddenRowNumbers.first {
                note(
                    Diagnostic(
                        .warning, .hiddenRows,
                        "\(table.hiddenRowNumbers.count) hidden row(s) (first: \(hidden)) are read like the others; unhide them to check them",
                        at: SourceLocation(file: stored.path, sheet: sheetName, row: hidden)))
            }
            let layout: TableLayout
            let detected = TableLayoutDetector.detect(
                table, source: source, dateFormats: source.dateFormats, folds: memos.folds,
                fileName: (stored.path as NSString).lastPathComponent)
            switch detected {
            case .failure(let problem):
                fail(problem, sheet: sheetName)
                continue
            case .success(let l):
                layout = l
            }
            // Fields a title line gives (`from_title:`) hold for this sheet.
            normaliser.partner = filePartner
            normaliser.activity = fileActivity
            if source.fromTitle != nil {
                switch FieldPattern.ids(layout.title, source: source, project: project) {
                case .failure(let problem):
                    fail(problem, sheet: sheetName)
                    continue
                case .success(let ids):
                    normaliser.partner = ids.partner ?? filePartner
                    normaliser.activity = ids.activity ?? fileActivity
                    // The file's own partner and activity: its first sheet's (a field the file name takes is no
                    // title line's, so the file name's stands).
                    if !titleSettledFile {
                        file.partnerID = normaliser.partner
                        file.activityID = normaliser.activity
                        titleSettledFile = true
                    }
                }
            }
            let used = Set(layout.fields.values).union(layout.sessions.map(\.column)).union(layout.periods.map(\.column))
            for (column, header) in layout.headers.enumerated()
            where !used.contains(column) && !header.isEmpty && !unusedColumns.contains(header)
                && !(vocabulary?.isNeverRead(header) ?? false)
            {
                unusedColumns.append(header)
                if unusedAt == nil {
                    unusedAt = SourceLocation(file: stored.path, sheet: sheetName, row: layout.headerRowNumber)
                }
            }
            if source.kind == .attendance && layout.sessions.isEmpty {
                note(
                    Diagnostic(
                        .warning, .noSessionColumns,
                        "no column right of the names has a date in the header row \(layout.headerRowNumber); write session dates there (12.03.2023, 2023-03-12 or date cells), or a row of dates under numbered sessions",
                        at: SourceLocation(file: stored.path, sheet: sheetName, row: layout.headerRowNumber)))
            }
            let period = project.project
            for (column, date) in layout.sessions where date < period.periodStart || date > period.periodEnd {
                let header = column < layout.headers.count ? layout.headers[column] : columnLetters(column)
                note(
                    Diagnostic(
                        .warning, .dateOutsidePeriod,
                        "this session is outside the project period \(period.periodStart.polish)–\(period.periodEnd.polish); it counts in no period",
                        at: SourceLocation(file: stored.path, sheet: sheetName, row: layout.headerRowNumber, column: header),
                        value: date.iso))
            }
            let damaged = DamagedRows(stored.readWarnings, header: table.rows[layout.headerIndex])
            var dataRows = table.rows[(layout.dataStartIndex)...].filter { !$0.isBlank }
            // A cell over Excel's 32 767 characters is cut to them (no report can hold more), with a warning.
            for i in dataRows.indices {
                for (column, cell) in dataRows[i].cells.enumerated() {
                    guard case .string(let text) = cell, text.utf8.count > XLSXSheet.maxCellCharacters else { continue }
                    let fitted = XLSXSheet.fitted(text)
                    guard fitted != text else { continue }
                    dataRows[i].cells[column] = .string(fitted)
                    let header = column < layout.headers.count ? layout.headers[column] : columnLetters(column)
                    note(
                        Diagnostic(
                            .warning, .cellTooLong,
                            "the cell holds \(text.unicodeScalars.count) characters, more than Excel keeps in a cell (32 767); it is read cut to 32 767",
                            at: SourceLocation(file: stored.path, sheet: sheetName, row: dataRows[i].number, column: header)))
                }
            }
            if let vocabulary {
                let footer = TableFooter.count(
                    dataRows, layout: layout, kind: source.kind, vocabulary: vocabulary, marks: normaliser.marks)
                if footer > 0 {
                    let first = dataRows[dataRows.count - footer].number
                    note(
                        Diagnostic(
                            .note, .tableFooter,
                            "\(footer) row(s) under the table, from row \(first), are its footer (signatures, totals), not data rows",
                            at: SourceLocation(file: stored.path, sheet: sheetName, row: first)))
                    dataRows.removeLast(footer)
                }
            }
            var seenRows: [[CellValue]: Int] = [:]
            for row in dataRows {
                order += 1
                let rawID = sheet.rawRowIDs[row.number] ?? 0
                var outcome: RowNormaliser.Outcome
                if let problem = damaged.problem(with: row, at: SourceLocation(file: stored.path, sheet: sheetName, row: row.number)) {
                    outcome = RowNormaliser.Outcome(loaded: false, record: nil, diagnostics: [problem])
                } else {
                    outcome = normaliser.normalise(row, sheet: sheetName, layout: layout, rawRowID: rawID, order: order)
                }
                // The same row twice in one sheet was typed twice: not two people or two visits. Anonymous
                // consultations are exempt: two identical short phone calls on one day are ordinary.
                var named = true
                if case .consultation(let c) = outcome.record, c.identity == nil { named = false }
                // A ledger row typed twice is the same invoice claimed twice: `duplicate-invoice` (FinanceChecks)
                // names it, within the file as across files and partners.
                if case .expenditure(let r) = outcome.record, r.invoiceKey != nil { named = false }
                let signature = layout.duplicateKey(of: row)
                if named, let first = seenRows[signature], outcome.loaded {
                    outcome = RowNormaliser.Outcome(
                        loaded: false, record: nil,
                        diagnostics: [
                            Diagnostic(
                                .error, .duplicateRow,
                                "this row repeats row \(first) of the same sheet; delete one of them; the row is rejected",
                                at: SourceLocation(file: stored.path, sheet: sheetName, row: row.number))
                        ])
                } else if named && seenRows[signature] == nil {
                    seenRows[signature] = row.number
                }
                result.rowStatus.append((rawID, outcome.loaded))
                file.rowsRead += 1
                if outcome.loaded { file.rowsLoaded += 1 } else { file.rowsRejected += 1 }
                result.diagnostics += outcome.diagnostics.map { DiagnosticRecord(fileID: stored.id, rawRowID: rawID, diagnostic: $0) }
                switch outcome.record {
                case .identity(let r): result.identities.append(r)
                case .attendance(let r): result.attendance.append(r)
                case .consultation(let r): result.consultations.append(r)
                case .expenditure(let r): result.ledger.append(r)
                case .budget(let r): result.budgetRows.append(r)
                case nil: break
                }
            }
            file.rowsBlank += blankRows(table, after: table.rows[layout.headerIndex].number, through: dataRows.last?.number)
            file.rowsRead = file.rowsLoaded + file.rowsRejected + file.rowsBlank
        }
        if let unusedAt {
            result.diagnostics.append(
                DiagnosticRecord(
                    fileID: stored.id, rawRowID: nil,
                    diagnostic: Diagnostic(.note, .unusedColumn, UnusedColumns.message(unusedColumns), at: unusedAt)))
        }
        result.files.append(file)
        return result
    }

    /// Blank rows between the header and the last data row: for CSV the blank lines the reader skipped, for XLSX
    /// every row number in that range with no data (a gap in Excel is an empty row to the user).
    private func blankRows(_ table: SheetTable, after header: Int, through last: Int?) -> Int {
        guard let last, last > header else { return 0 }
        if table.name == nil {
            return table.blankRowNumbers.filter { $0 > header && $0 < last }.count
        }
        let used = Set(table.rows.map(\.number))
        return (header + 1..<last).filter { !used.contains($0) }.count
    }
}

/// Which stored sheets a source reads: those matching `sheets:` (names or `*`/`?` patterns, in pattern order),
/// or every visible sheet. Hidden sheets are read only when named.
enum SheetChoice {
    static func choose(_ sheets: [StoredSheet], patterns: [String]) -> Result<(sheets: [StoredSheet], skippedHidden: [String]), Diagnostic.Problem> {
        if patterns.isEmpty {
            return .success(
                (sheets.filter { !$0.table.isHidden }, sheets.filter(\.table.isHidden).compactMap(\.table.name)))
        }
        var chosen: [StoredSheet] = []
        for pattern in patterns {
            let matches = sheets.filter { FileFinder.nameMatches(pattern, $0.table.name ?? "") }
            if matches.isEmpty {
                let names = sheets.compactMap(\.table.name)
                return .failure(
                    .init(.sheetNotFound, "no sheet matches '\(pattern)' (sheets:); the workbook has: \(names.joined(separator: ", "))"))
            }
            for m in matches where !chosen.contains(where: { $0.table.name == m.table.name }) { chosen.append(m) }
        }
        return .success((chosen, []))
    }
}

/// The `unused-column` note: the header texts of a file's columns that no mapping reads, once per file.
public enum UnusedColumns {
    static let tail = ": no mapping reads these columns; map any that matters under columns:"

    static func message(_ headers: [String]) -> String {
        headers.map { "\"\($0)\"" }.joined(separator: ", ") + tail
    }

    /// Per file, the quoted header texts of its `unused-column` note, in file order: what `run` prints.
    public static func list(_ diagnostics: [Diagnostic]) -> [(file: String, headers: String)] {
        diagnostics.compactMap { d in
            guard d.code == .unusedColumn, let file = d.location?.file, d.message.hasSuffix(tail) else { return nil }
            return (file, String(d.message.dropLast(tail.count)))
        }
    }
}

extension NormaliseStage {
    /// Normalises the ingested files and reports what it found to the run's diagnostics.
    func run(_ input: IngestedFiles, in context: inout StageContext) throws -> NormalisedRecords {
        var stage = self
        let clock = context.clock
        stage.onFile = { clock.progress(done: $0, total: $1, unit: "files") }
        let normalised = try stage.run(input.files)
        context.diagnostics.add(normalised.diagnostics)
        return normalised
    }
}
