import Foundation
import IntegraCore
import IntegraIngest

/// What `integra inspect` found in a partner file: its format, every sheet, and a `sources:` item to paste.
public struct FileInspection: Sendable {
    /// How a CSV file was decoded; nil for a workbook.
    public struct TextFormat: Sendable {
        public var encoding: String
        public var hadBOM: Bool
        public var delimiter: Character
    }

    /// The path as the user gave it.
    public var path: String
    public var text: TextFormat?
    /// Every sheet of a workbook in tab order (hidden ones included), or the one table of a CSV file.
    public var sheets: [SheetInspection]
    /// Index into `sheets` of the sheet the proposal is built from.
    public var inspected: Int
    public var proposal: SourceProposal
    /// Per sheet: nil when the pipeline would read it with the proposal, else why not (`missing-column: …`).
    public var sheetProblems: [String?]

    public var sheet: SheetInspection { sheets[inspected] }
}

/// One sheet (or CSV table) read as a partner table: header row, title block, columns with proposed fields.
public struct SheetInspection: Sendable {
    /// Sheet name; nil for a CSV file.
    public var name: String?
    public var isHidden: Bool
    /// 1-based row number of the header; nil for an empty sheet.
    public var headerRow: Int?
    /// How many header cells are words of the vocabulary (0: the header row was a guess).
    public var recognisedHeaders: Int
    /// True when no header cell is a vocabulary word: the row may be data, so its texts print only with
    /// `--show-values`.
    public var headerIsGuess: Bool { headerRow != nil && recognisedHeaders == 0 }
    /// Non-blank rows under the header (and under a row of session dates): the rows the pipeline would read.
    public var dataRows: Int
    /// The columns with a header or values, session columns excepted, left to right.
    public var columns: [ColumnInspection]
    /// Columns whose header is a date, not mapped to a field: an attendance sheet's sessions.
    public var sessions: [SessionColumn]
    /// The row of session dates under numbered session headers (`Zajęcia 1`); nil when the header holds the dates.
    public var sessionDatesRow: Int?
    /// Attendance marks among the non-blank session cells.
    public var sessionMarks: (known: Int, total: Int)
    /// Labelled values found above the header (`Grupa: PL-A1`).
    public var titleLabels: [TitleLabel]
    /// A course group named in a title line's sentence (`…, grupa 2024Q1-A0-a`), for `from_title:`.
    public var groupInTitleLine: TitleSentence? = nil
    public var kind: SourceKind
    /// Why that kind, in words.
    public var kindReason: String
}

public struct ColumnInspection: Sendable {
    /// 0-based column.
    public var index: Int
    /// The header text as written (merged header cells spread over their columns).
    public var header: String
    /// The proposed field, or nil.
    public var field: String?
    /// How the field was found: the header word, shares of values passing a check.
    public var evidence: [String]
    /// Why a recognised field stays out of the proposal's `columns:`; nil when it is in (or there is no field).
    public var omission: String?
    /// Up to three values, printed only with `--show-values`.
    public var samples: [String]
    /// Other fields the header word stands under (`Nr dokumentu`: `document` or `document_number`); the kind of
    /// file decides which.
    public var alternatives: [String] = []

    public var letter: String { columnLetters(index) }
    public var isProposed: Bool { field != nil && omission == nil }
}

public struct SessionColumn: Sendable, Equatable {
    public var index: Int
    public var date: LocalDate
}

public struct TitleLabel: Sendable, Equatable {
    /// `group`, `course`, `trainer` or `month`.
    public var field: String
    /// The label as written, without its colon (`Grupa`).
    public var label: String
    public var row: Int
    /// The labelled value, printed only with `--show-values`.
    public var value: String
}

/// A course group named inside a title line (`Lista obecności – kurs języka polskiego, grupa 2024Q1-A0-a`).
public struct TitleSentence: Sendable, Equatable {
    /// The `from_title:` pattern that takes it (`grupa {group}`).
    public var pattern: String
    public var row: Int
    /// The group as written, printed only with `--show-values`.
    public var value: String
}

/// Why a file could not be inspected; the message says how to fix it and holds no cell value.
public struct InspectError: Error, CustomStringConvertible, Sendable {
    /// True when the arguments are wrong (a sheet the file does not have), false when the file cannot be read.
    public var isUsage: Bool
    public var message: String
    public var description: String { message }
}

/// Reads a partner file and proposes how a project file should map it, with the evidence for each column.
///
/// ```swift
/// let vocabulary = try HeaderVocabulary.load(root: root)
/// let found = try FileInspector.inspect(url: url, displayPath: "partners/new/lista.csv", vocabulary: vocabulary)
/// found.sheet.columns.map(\.field)     // ["row_number", "last_name", "first_name", "pesel", …]
/// print(found.proposal.yaml)          // "  - id: lista\n    partner: <partner-id>\n    kind: roll\n…"
/// ```
public enum FileInspector {
    /// How far down a title block may push the header (as `TableLayoutDetector`).
    static let searchDepth = TableLayoutDetector.searchDepth

    /// Reads the file (XLSX by its zip signature or extension, otherwise CSV) and inspects `sheet`, or the first
    /// visible sheet. Throws `InspectError`, with `isUsage` set for a `sheet` the file does not have.
    public static func inspect(
        url: URL, displayPath: String, sheet: String? = nil, vocabulary: HeaderVocabulary
    ) throws(InspectError) -> FileInspection {
        do {
            return try read(url: url, displayPath: displayPath, sheet: sheet, vocabulary: vocabulary)
        } catch let error as IngestError {
            throw InspectError(isUsage: error.code == .sheetNotFound, message: error.description)
        } catch {
            throw InspectError(isUsage: false, message: "\(error)")
        }
    }

    /// Rows of a CSV file that `inspect` reads: plenty to find the header and profile the columns, and a bound on
    /// memory for a file of millions of rows.
    static let maxRows = 100_000

    private static func read(
        url: URL, displayPath: String, sheet: String?, vocabulary: HeaderVocabulary
    ) throws -> FileInspection {
        var tables: [SheetTable]
        var text: FileInspection.TextFormat?
        var inspected = 0
        switch FileSignature.of(url) {
        case .xlsx:
            let workbook = try XLSXWorkbook(url: url)
            tables = try workbook.readAllSheets()
            guard !tables.isEmpty else { throw IngestError(.unreadableFile, "the workbook has no sheets") }
            if let sheet {
                let chosen = try workbook.readSheet(named: sheet)
                inspected = tables.firstIndex { $0.name == chosen.name } ?? 0
            } else {
                // The visible sheet whose header the vocabulary recognises best (the first on a tie), so a notes or
                // instructions sheet in front of the data does not decide the proposal; a hidden sheet only when no
                // visible one has a known header word (the proposal then names it under sheets:).
                let scored = tables.indices.map { i in (i, headerRow(tables[i], vocabulary: vocabulary)?.recognised ?? 0) }
                let pick = { (candidates: [(Int, Int)]) in candidates.max { a, b in a.1 != b.1 ? a.1 < b.1 : a.0 > b.0 } }
                let visible = pick(scored.filter { !tables[$0.0].isHidden })
                inspected = (visible.map { $0.1 > 0 } ?? false ? visible : pick(scored))?.0 ?? 0
            }
        case .legacyOffice:
            throw IngestError(
                .notAnXLSX,
                "this is an old Excel (.xls) or other Office file, not an XLSX workbook; open it in Excel or "
                    + "LibreOffice and save it as .xlsx")
        case .text:
            if sheet != nil {
                throw IngestError(.sheetNotFound, "a CSV file has no sheets; leave out --sheet")
            }
            // The first rows tell the layout; keeping every row of a large file would take gigabytes.
            var rows: [TableRow] = []
            let info = try CSVReader.forEachRow(url: url) { row in
                if rows.count < Self.maxRows { rows.append(row) }
            }
            text = .init(encoding: info.encoding.rawValue, hadBOM: info.hadBOM, delimiter: info.delimiter)
            let lastRow = rows.last?.number ?? 0
            tables = [SheetTable(name: nil, rows: rows, blankRowNumbers: info.blankRowNumbers.filter { $0 <= lastRow })]
        }
        let sheets = tables.map { inspect($0, vocabulary: vocabulary) }
        var proposal = SourceProposal(
            path: displayPath, encoding: text?.encoding == SourceEncoding.utf8.rawValue ? nil : text?.encoding,
            sheet: sheets[inspected])
        let fits = tables.map { proposal.problem(reading: $0) }
        // Without sheets: the pipeline reads every visible sheet; name the sheets when that would fail on one of
        // them or miss the inspected one.
        let chosen = tables[inspected]
        if text == nil, chosen.isHidden || zip(tables, fits).contains(where: { !$0.isHidden && $1 != nil }) {
            proposal.sheets = zip(tables, fits).filter { table, problem in
                problem == nil && (!table.isHidden || table.name == chosen.name)
            }.compactMap { $0.0.name }
        }
        let problems = zip(tables, fits).map { table, problem -> String? in
            if proposal.sheets.isEmpty {
                return table.isHidden ? "hidden: not read unless named under sheets:" : problem
            }
            return proposal.sheets.contains(table.name ?? "") ? nil : problem ?? "not named under sheets:"
        }
        return FileInspection(
            path: displayPath, text: text, sheets: sheets, inspected: inspected, proposal: proposal,
            sheetProblems: problems)
    }

    /// Inspects one table: finds the header row, proposes a field per column from its header word or its values,
    /// the kind of file, session columns and title-block labels. Pure: no I/O.
    public static func inspect(_ table: SheetTable, vocabulary: HeaderVocabulary) -> SheetInspection {
        guard let (headerIndex, recognised) = headerRow(table, vocabulary: vocabulary) else {
            return SheetInspection(
                name: table.name, isHidden: table.isHidden, headerRow: nil, recognisedHeaders: 0, dataRows: 0,
                columns: [], sessions: [], sessionDatesRow: nil, sessionMarks: (0, 0), titleLabels: [], kind: .roll,
                kindReason: "the sheet is empty")
        }
        let headerCells = table.rows[headerIndex]
        let headers = TableLayoutDetector.headerTexts(table, rowIndex: headerIndex)
        let header = { (column: Int) in column < headers.count ? headers[column] : "" }
        let rowWidth = table.rows[(headerIndex + 1)...].reduce(max(headers.count, headerCells.cells.count)) {
            max($0, $1.cells.count)
        }
        let matches = (0..<rowWidth).map { vocabulary.matchColumn(header($0)) }
        var sessionDates: [Int: LocalDate] = [:]
        for column in 0..<rowWidth where matches[column] == nil {
            if let date = TableLayoutDetector.sessionDate(headerCells[column], formats: []) {
                sessionDates[column] = date
            }
        }
        // Numbered sessions ("Zajęcia 1", "1", "2"…) with their dates in the row beneath the header, where the
        // name columns are blank.
        var dataStart = headerIndex + 1
        var datesRow: Int?
        let nameColumns = matches.indices.filter {
            ["full_name", "first_name", "last_name"].contains(matches[$0]?.field)
        }
        if sessionDates.isEmpty, !nameColumns.isEmpty, dataStart < table.rows.count {
            let next = table.rows[dataStart]
            var found: [Int: LocalDate] = [:]
            for column in 0..<rowWidth where matches[column] == nil {
                if let date = TableLayoutDetector.sessionDate(next[column], formats: []) { found[column] = date }
            }
            if !found.isEmpty, nameColumns.allSatisfy({ next[$0].isBlank }) {
                sessionDates = found
                datesRow = next.number
                dataStart += 1
            }
        }
        let data = table.rows[dataStart...].filter { !$0.isBlank }

        var found: [Candidate] = []
        var sessions: [SessionColumn] = []
        var marks = (known: 0, total: 0)
        for column in 0..<rowWidth {
            let cells = data.lazy.map { $0[column] }
            let profile = ColumnProfile(cells)
            if let date = sessionDates[column] {
                sessions.append(SessionColumn(index: column, date: date))
                marks.known += profile.hits(.mark)
                marks.total += profile.count
                continue
            }
            if header(column).isEmpty && profile.count == 0 { continue }
            let samples = Array(cells.filter { !$0.isBlank }.prefix(3).map { TextNormalisation.clean($0.text) })
            found.append(
                Candidate(
                    index: column, header: header(column), match: matches[column], profile: profile, samples: samples))
        }
        let latestPerColumn = found.map { $0.profile.parsedDates.max() }
        let sessionLatest = sessions.map(\.date).max()
        var columns = found.enumerated().map { i, candidate in
            var others = latestPerColumn.enumerated().compactMap { $0.offset == i ? nil : $0.element }
            if let sessionLatest { others.append(sessionLatest) }
            return candidate.proposal(latestElsewhere: others.max())
        }
        resolveDuplicates(&columns, ranks: found.map(\.rank))

        let fields = Set(columns.compactMap(\.field))
        // Money: amounts with an accounting document make a ledger; budget lines with an amount column or period
        // columns (2024, I kw. 2024) make a budget. Words shared between kinds count for either here.
        let signals = fields.union(columns.flatMap(\.alternatives))
        let ledgerAmounts = ["net", "vat", "gross", "eligible", "eligible_vat"].filter(signals.contains)
        let ledgerDocument = ["document_number", "supplier", "supplier_nip", "payment_date", "issue_date"].filter(
            signals.contains)
        let periodColumns = columns.indices.filter {
            columns[$0].field == nil && BudgetPeriod.parse(columns[$0].header) != nil
        }
        let kind: SourceKind
        let reason: String
        if !ledgerAmounts.isEmpty && !ledgerDocument.isEmpty {
            kind = .ledger
            reason = "amounts (\(ledgerAmounts.joined(separator: ", "))) of accounting documents (\(ledgerDocument.joined(separator: ", ")))"
        } else if !signals.isDisjoint(with: ["budget_line", "line_name"]),
            signals.contains("amount") || !periodColumns.isEmpty
        {
            kind = .budget
            reason =
                signals.contains("amount")
                ? "budget lines with an amount column"
                : "budget lines with \(periodColumns.count) period column(s) (\(periodColumns.map { columns[$0].header }.joined(separator: ", ")))"
            for i in periodColumns {
                columns[i].evidence = [
                    "header names the period \(BudgetPeriod.parse(columns[i].header)!): the amounts planned for it, read without a mapping"
                ]
                columns[i].omission = nil
            }
        } else if !sessions.isEmpty {
            kind = .attendance
            let have = sessions.count == 1 ? "1 column has a date" : "\(sessions.count) columns have dates"
            reason = have + (datesRow == nil ? " in the header (sessions)" : " in the row under the header (sessions)")
        } else if fields.contains("date"), !fields.isDisjoint(with: ["topic", "mode", "consultant", "minutes"]) {
            kind = .consultations
            let with = ["topic", "mode", "consultant", "minutes"].filter(fields.contains).joined(separator: ", ")
            reason = "a date column with \(with)"
        } else {
            kind = .roll
            reason = "no date in the header and no consultation columns (date with topic or mode)"
        }
        let allowed = SourceField.allowed(for: kind)
        // A word shared between kinds (`Nr dokumentu`) means the field this kind reads.
        for i in columns.indices {
            guard let field = columns[i].field, !allowed.contains(field),
                let other = columns[i].alternatives.first(where: allowed.contains)
            else { continue }
            columns[i].field = other
            if columns[i].omission == nil || columns[i].omission?.hasPrefix("column ") == true {
                columns[i].omission = columns.contains { $0.field == other && $0.index != columns[i].index && $0.omission == nil }
                    ? "another column is \(other) already" : nil
            }
        }
        for i in columns.indices where columns[i].omission == nil {
            guard let field = columns[i].field else { continue }
            if !allowed.contains(field) {
                columns[i].omission = "not read from \(kind.rawValue) files"
            } else if field == "row_number" || field == "signature" {
                columns[i].omission = "the pipeline reads nothing from it"
            }
        }
        return SheetInspection(
            name: table.name, isHidden: table.isHidden, headerRow: table.rows[headerIndex].number,
            recognisedHeaders: recognised, dataRows: data.count, columns: columns, sessions: sessions,
            sessionDatesRow: datesRow, sessionMarks: marks,
            titleLabels: titleLabels(table.rows[..<headerIndex], vocabulary: vocabulary),
            groupInTitleLine: groupInTitleLine(table.rows[..<headerIndex], vocabulary: vocabulary),
            kind: kind, kindReason: reason)
    }

    /// The first title line that names a course group in a sentence: a group label of the vocabulary (`grupa`,
    /// `group`, `група`) followed by a space and a word with a digit or a capital (`2024Q1-A0-a`, `B`), read with
    /// the pipeline's own `from_title:` matcher. `Grupa: A1` is a title label, not a sentence.
    static func groupInTitleLine(_ rows: ArraySlice<TableRow>, vocabulary: HeaderVocabulary) -> TitleSentence? {
        let labels = vocabulary.title.first { $0.field == "group" }?.words ?? []
        let patterns = labels.compactMap { label -> FieldPattern? in
            let text = label.lowercased() + " {group}"
            return try? FieldPattern(text)
        }
        for row in rows {
            let line = row.cells.map { TextNormalisation.clean($0.text) }.filter { !$0.isEmpty }.joined(separator: " ")
            for pattern in patterns {
                guard let value = pattern.matchAnywhere(line)?["group"],
                    value.contains(where: { $0.isNumber || $0.isUppercase })
                else { continue }
                return TitleSentence(pattern: pattern.text, row: row.number, value: value)
            }
        }
        return nil
    }

    /// The row within the first `searchDepth` whose cells best match vocabulary words (an exact word counts 1, a
    /// prefix ½, each field once); without any, the first row with the most text cells. Returns the index into
    /// `table.rows` and how many header cells matched.
    static func headerRow(_ table: SheetTable, vocabulary: HeaderVocabulary) -> (index: Int, recognised: Int)? {
        var best: (index: Int, score: Double, recognised: Int)?
        var mostText: (index: Int, count: Int)?
        for index in table.rows.indices.prefix(searchDepth) {
            var scores: [String: Double] = [:]
            var recognised = 0
            for header in TableLayoutDetector.headerTexts(table, rowIndex: index) {
                guard let match = vocabulary.matchColumn(header) else { continue }
                recognised += 1
                scores[match.field] = max(scores[match.field] ?? 0, match.kind == .exact ? 1 : 0.5)
            }
            let score = scores.values.reduce(0, +)
            if score > (best?.score ?? 0) { best = (index, score, recognised) }
            let texts = table.rows[index].cells.filter {
                if case .string = $0 { return !$0.isBlank } else { return false }
            }.count
            if texts > (mostText?.count ?? 0) { mostText = (index, texts) }
        }
        if let best { return (best.index, best.recognised) }
        return mostText.map { ($0.index, 0) }
    }

    /// Keeps one column per field: an exact header word before a prefix before values alone, then the leftmost.
    /// A second CEFR column found by its values becomes `level_out`.
    private static func resolveDuplicates(_ columns: inout [ColumnInspection], ranks: [Int]) {
        var owner: [String: Int] = [:]
        let order = columns.indices.sorted { (ranks[$1], $0) < (ranks[$0], $1) }
        for i in order {
            guard var field = columns[i].field else { continue }
            if field == "level_in", ranks[i] == 0, owner["level_in"] != nil, owner["level_out"] == nil {
                field = "level_out"
                columns[i].field = field
            }
            if let first = owner[field] {
                columns[i].omission = "column \(columns[first].letter) is \(field) already"
            } else {
                owner[field] = i
            }
        }
    }

    /// Title-block labels above the header: `Grupa: A1` in one cell, or `Grupa` / `Grupa:` with the value in the
    /// next non-empty cell. A label counts only if the pipeline's own title reader finds its value.
    static func titleLabels(_ rows: ArraySlice<TableRow>, vocabulary: HeaderVocabulary) -> [TitleLabel] {
        var labels: [TitleLabel] = []
        for row in rows {
            for cell in row.cells {
                let text = TextNormalisation.clean(cell.text)
                var label = text
                if let colon = text.firstIndex(of: ":") {
                    label = TextNormalisation.clean(String(text[..<colon]))
                }
                guard let field = vocabulary.matchTitle(label), !labels.contains(where: { $0.field == field }),
                    let value = TableLayoutDetector.titleValue(
                        [row][...], labels: [TextNormalisation.foldForMatching(label)])
                else { continue }
                labels.append(TitleLabel(field: field, label: label, row: row.number, value: value))
            }
        }
        return labels
    }
}

/// A column before duplicates are resolved: what its header and values say.
private struct Candidate {
    var index: Int
    var header: String
    var match: HeaderVocabulary.Match?
    var profile: ColumnProfile
    var samples: [String]

    /// 2 for an exact header word, 1 for a prefix, 0 for values alone.
    var rank: Int {
        switch match?.kind {
        case .exact: return 2
        case .prefix: return 1
        case nil: return 0
        }
    }

    func proposal(latestElsewhere: LocalDate?) -> ColumnInspection {
        var evidence: [String] = []
        var field: String?
        var omission: String?
        if let match {
            field = match.field
            evidence.append(match.kind == .exact ? "header \"\(match.word)\"" : "header starts with \"\(match.word)\"")
            if let check = ColumnProfile.Check(field: match.field), profile.count > 0 {
                var clause = profile.evidence(check)
                if profile.count >= 5, profile.share(check) < 0.5 { clause += " — check this column" }
                evidence.append(clause)
            } else {
                evidence.append(ColumnProfile.values(profile.count))
            }
        } else {
            evidence.append(header.isEmpty ? "no header text" : "header not in the vocabulary")
            if let guess = profile.guess(latestElsewhere: latestElsewhere) {
                field = guess.field
                evidence.append(guess.evidence)
            } else {
                evidence.append(ColumnProfile.values(profile.count))
            }
            if field != nil, header.isEmpty {
                omission = "the pipeline finds columns by header text: write one in the file"
            }
        }
        return ColumnInspection(
            index: index, header: header, field: field, evidence: evidence, omission: omission, samples: samples,
            alternatives: match?.alternatives ?? [])
    }
}

/// What a file is, by its first bytes and extension.
enum FileSignature {
    case xlsx, legacyOffice, text

    static func of(_ url: URL) -> FileSignature {
        let head =
            (try? FileHandle(forReadingFrom: url)).flatMap { handle in
                defer { try? handle.close() }
                return try? handle.read(upToCount: 4)
            } ?? Data()
        let ext = url.pathExtension.lowercased()
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) || ext == "xls" || ext == "ods" { return .legacyOffice }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || ext == "xlsx" || ext == "xlsm" { return .xlsx }
        return .text
    }
}
