import Foundation
import IntegraCore
import IntegraIngest

/// Ingest and normalise: finds each source's files, reads them (CSV or XLSX), locates header and title block, maps
/// columns to fields and turns every data row into a typed record or a rejection with its diagnostics.
///
/// Rows read = rows loaded + rows rejected, per file. Blank rows and the rows above the header are not data rows.
struct IngestStage {
    let project: ProjectDefinition
    /// The folder `files:` globs are relative to (the project file's folder).
    let base: URL

    func run() -> IngestResult {
        var result = IngestResult()
        var order = 0
        for source in project.sources {
            let paths = FileFinder.find(source.files, in: base)
            if paths.isEmpty {
                result.diagnostics.append(
                    DiagnosticRecord(
                        fileID: nil, rawRowID: nil,
                        diagnostic: Diagnostic(
                            .warning, .noFilesMatched,
                            "source \(source.id): no file matches \(source.files.joined(separator: ", ")) under \(project.file)'s folder",
                            at: SourceLocation(file: project.file))))
            }
            for path in paths {
                ingestFile(path, source: source, into: &result, order: &order)
            }
        }
        return result
    }

    private func ingestFile(_ path: String, source: SourceDefinition, into result: inout IngestResult, order: inout Int) {
        let url = base.appendingPathComponent(path)
        let fileID = result.files.count + 1
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            result.failedFiles += 1
            result.diagnostics.append(
                DiagnosticRecord(
                    fileID: nil, rawRowID: nil,
                    diagnostic: Diagnostic(.error, .unreadableFile, "cannot read the file: \(error.localizedDescription)", at: SourceLocation(file: path))))
            return
        }
        var file = SourceFileRecord(
            id: fileID, sourceID: source.id, partnerID: source.partner, kind: source.kind, activityID: source.activity,
            path: path, sha256: SHA256Hex.of(data), size: data.count, encoding: nil)
        var sheets: [SheetTable] = []
        do {
            (sheets, file.encoding) = try readTables(url: url, data: data, source: source)
        } catch {
            result.failedFiles += 1
            let code = (error as? IngestError)?.code ?? .unreadableFile
            result.files.append(file)
            result.diagnostics.append(
                DiagnosticRecord(
                    fileID: fileID, rawRowID: nil,
                    diagnostic: Diagnostic(.error, code, "\(error)", at: SourceLocation(file: path))))
            return
        }
        var normaliser = RowNormaliser(project: project, source: source, fileID: fileID, path: path)
        for table in sheets {
            let sheetName = table.name
            switch TableLayoutDetector.detect(table, source: source, dateFormats: source.dateFormats) {
            case .failure(let problem):
                result.failedFiles += 1
                result.diagnostics.append(
                    DiagnosticRecord(
                        fileID: fileID, rawRowID: nil,
                        diagnostic: Diagnostic(.error, problem.code, problem.message, at: SourceLocation(file: path, sheet: sheetName))))
            case .success(let layout):
                if source.kind == .attendance && layout.sessions.isEmpty {
                    result.diagnostics.append(
                        DiagnosticRecord(
                            fileID: fileID, rawRowID: nil,
                            diagnostic: Diagnostic(
                                .warning, .noSessionColumns,
                                "no column right of the names has a date in the header row \(layout.headerRowNumber); write session dates there (12.03.2023, 2023-03-12 or date cells)",
                                at: SourceLocation(file: path, sheet: sheetName, row: layout.headerRowNumber))))
                }
                let period = project.project
                for (column, date) in layout.sessions where date < period.periodStart || date > period.periodEnd {
                    let header = column < layout.headers.count ? layout.headers[column] : columnLetters(column)
                    result.diagnostics.append(
                        DiagnosticRecord(
                            fileID: fileID, rawRowID: nil,
                            diagnostic: Diagnostic(
                                .warning, .dateOutsidePeriod,
                                "this session is outside the project period \(period.periodStart.polish)–\(period.periodEnd.polish); it counts in no period",
                                at: SourceLocation(file: path, sheet: sheetName, row: layout.headerRowNumber, column: header),
                                value: date.iso)))
                }
                for row in table.rows[(layout.headerIndex + 1)...] where !row.isBlank {
                    order += 1
                    let rawID = result.rawRows.count + 1
                    let outcome = normaliser.normalise(row, sheet: sheetName, layout: layout, rawRowID: rawID, order: order)
                    result.rawRows.append(
                        RawRowRecord(
                            id: rawID, fileID: fileID, sheet: sheetName ?? "", rowNumber: row.number,
                            cellsJSON: RowJSON.encode(row, headers: layout.headers), loaded: outcome.loaded))
                    file.rowsRead += 1
                    if outcome.loaded { file.rowsLoaded += 1 } else { file.rowsRejected += 1 }
                    result.diagnostics += outcome.diagnostics.map { DiagnosticRecord(fileID: fileID, rawRowID: rawID, diagnostic: $0) }
                    switch outcome.record {
                    case .identity(let r): result.identities.append(r)
                    case .attendance(let r): result.attendance.append(r)
                    case .consultation(let r): result.consultations.append(r)
                    case nil: break
                    }
                }
            }
        }
        result.files.append(file)
    }

    /// The tables of a file and the text encoding found (CSV only).
    private func readTables(url: URL, data: Data, source: SourceDefinition) throws -> ([SheetTable], String?) {
        let ext = url.pathExtension.lowercased()
        if ext == "xlsx" || ext == "xlsm" {
            let workbook = try XLSXWorkbook(url: url)
            if source.sheets.isEmpty {
                let visible = workbook.sheets.filter { !$0.isHidden }
                return (try visible.map { try workbook.readSheet(named: $0.name) }, nil)
            }
            var tables: [SheetTable] = []
            for pattern in source.sheets {
                let names = workbook.sheets.map(\.name).filter { FileFinder.nameMatches(pattern, $0) }
                if names.isEmpty {
                    throw IngestError(
                        .sheetNotFound,
                        "no sheet matches '\(pattern)'; the workbook has: \(workbook.sheets.map(\.name).joined(separator: ", "))")
                }
                for name in names where !tables.contains(where: { $0.name == name }) {
                    tables.append(try workbook.readSheet(named: name))
                }
            }
            return (tables, nil)
        }
        var options = CSVOptions()
        if let name = source.encoding {
            guard let encoding = SourceEncoding(name: name) else {
                throw IngestError(.unreadableFile, "unknown encoding '\(name)' in the project file")
            }
            options.encoding = encoding
        }
        options.delimiter = source.delimiter
        let document = try CSVReader.read(data: data, options: options)
        return ([document.table], document.encoding.rawValue)
    }
}

extension FileFinder {
    /// Whether a sheet name matches a pattern with `*` and `?`.
    static func nameMatches(_ pattern: String, _ name: String) -> Bool {
        find([pattern], names: [name]).isEmpty == false
    }

    private static func find(_ patterns: [String], names: [String]) -> [String] {
        names.filter { name in
            patterns.contains { p in
                let regex = "^" + NSRegularExpression.escapedPattern(for: p)
                    .replacingOccurrences(of: "\\*", with: ".*").replacingOccurrences(of: "\\?", with: ".") + "$"
                return name.range(of: regex, options: [.regularExpression, .caseInsensitive]) != nil
            }
        }
    }
}

/// A raw row as JSON: `{"Nazwisko": "…", …}` in column order, keys from the header (column letter when blank).
enum RowJSON {
    static func encode(_ row: TableRow, headers: [String]) -> String {
        var parts: [String] = []
        var used = Set<String>()
        for (i, cell) in row.cells.enumerated() where !cell.isBlank {
            var key = i < headers.count && !headers[i].isEmpty ? headers[i] : columnLetters(i)
            if !used.insert(key).inserted {
                key += " (\(columnLetters(i)))"
                used.insert(key)
            }
            parts.append("\(quote(key)):\(quote(cell.text))")
        }
        return "{" + parts.joined(separator: ",") + "}"
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
