import Foundation
import IntegraCore
import IntegraIngest
import IntegraWarehouse

/// The files of an ingest read, hashed, parsed and encoded for storing by worker threads, a few files ahead of the
/// one thread that writes the warehouse and takes them in order.
///
/// Workers only read: the file system, and the warehouse once before they start. A file whose content the warehouse
/// already held then is hashed and not parsed (an unchanged file costs what it did); any other file is parsed, and
/// if the writer finds the content stored after all (the same bytes under two names in one run) the parse is
/// dropped. So what the writer does, and in what order, is what it did reading each file itself.
final class ReadAhead: @unchecked Sendable {
    // @unchecked Sendable: `slots`, `taken`, `consumed` and `stopped` are read and written only while holding
    // `condition`; `jobs`, `stored` and `window` are constants.

    struct Job: Sendable {
        var source: SourceDefinition
        var url: URL
    }

    /// Every sheet of a file (hidden ones too) ready to store, the text encoding found (CSV only) and what the
    /// reader noticed.
    struct Tables: Sendable {
        var sheets: [EncodedSheet]
        var encoding: String?
        var warnings: [ReadWarning]
    }

    /// A file as a worker left it.
    struct File: Sendable {
        var url: URL
        /// The content's SHA-256 and size, or why the file cannot be read.
        var content: Result<(sha256: String, size: Int), any Error>
        /// The parsed file; nil when its content was already stored (then `data` is kept instead).
        var tables: Result<Tables, any Error>?
        var data: Data?

        /// The parsed file, parsed now if the worker did not.
        func parsed(_ source: SourceDefinition) -> Result<Tables, any Error> {
            if let tables { return tables }
            return Result { try ReadAhead.readTables(url: url, data: data ?? Data(contentsOf: url), source: source) }
        }
    }

    private let jobs: [Job]
    private let stored: Set<StoredVersionKey>
    private let window: Int
    private let condition = NSCondition()
    private var slots: [File?]
    private var taken = 0
    private var consumed = 0
    private var stopped = false
    private let group = DispatchGroup()

    /// Starts `workers` threads on `jobs`; at most `window` files are read and not yet taken by `next()`.
    init(
        jobs: [Job], stored: Set<StoredVersionKey>, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        window: Int = 4
    ) {
        self.jobs = jobs
        self.stored = stored
        self.window = max(window, 1)
        slots = Array(repeating: nil, count: jobs.count)
        for _ in 0..<max(1, min(workers, jobs.count)) {
            DispatchQueue.global().async(group: group) { self.work() }
        }
    }

    /// The next file, in job order; waits for a worker if it is not read yet. Called `jobs.count` times at most.
    func next() -> File {
        condition.lock()
        defer { condition.unlock() }
        let index = consumed
        while slots[index] == nil { condition.wait() }
        let file = slots[index]!
        slots[index] = nil
        consumed += 1
        condition.broadcast()
        return file
    }

    /// Stops the workers after the file each is reading, and waits for them.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
        group.wait()
    }

    private func work() {
        while true {
            condition.lock()
            while !stopped && taken < jobs.count && taken >= consumed + window { condition.wait() }
            if stopped || taken >= jobs.count {
                condition.unlock()
                return
            }
            let index = taken
            taken += 1
            condition.unlock()
            let file = read(jobs[index])
            condition.lock()
            slots[index] = file
            condition.broadcast()
            condition.unlock()
        }
    }

    private func read(_ job: Job) -> File {
        let data: Data
        do {
            try InputLimits.checkFileSize(job.url)
            data = try Data(contentsOf: job.url)
        } catch {
            return File(url: job.url, content: .failure(error), tables: nil, data: nil)
        }
        let sha = SHA256Hex.of(data)
        let content = Result<(sha256: String, size: Int), any Error>.success((sha, data.count))
        let key = StoredVersionKey(
            sourceID: job.source.id, sha256: sha, readOptions: IngestStage.readOptions(job.source))
        if stored.contains(key) { return File(url: job.url, content: content, tables: nil, data: data) }
        return File(
            url: job.url, content: content,
            tables: Result { try Self.readTables(url: job.url, data: data, source: job.source) }, data: nil)
    }

    /// Every sheet of a file (hidden ones too), encoded for storing, the text encoding found (CSV only) and what
    /// the reader noticed.
    static func readTables(url: URL, data: Data, source: SourceDefinition) throws -> Tables {
        let ext = url.pathExtension.lowercased()
        // An old binary workbook (.xls, OLE2) or another spreadsheet format is refused with what to do, not read as
        // a CSV that has no header (issue 17 item 14).
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) || ["xls", "xlsb", "ods", "numbers"].contains(ext) {
            throw IngestError(
                .notAnXLSX,
                "the file is an old Excel .xls or another spreadsheet format (\(ext.isEmpty ? "no extension" : "." + ext)), not .xlsx or .csv; open it in Excel or LibreOffice and save it as .xlsx (Excel workbook)")
        }
        // A zip is a workbook whatever its name says (`lista.csv` saved as .xlsx): read as one, or refused as one.
        if ext == "xlsx" || ext == "xlsm" || data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            let sheets = try XLSXWorkbook(data: data).readAllSheets()
            // A formula without its result reads as empty; say why, once per sheet (issue 17 item 14).
            let warnings = sheets.filter { !$0.uncachedFormulas.isEmpty }.map { sheet in
                ReadWarning(
                    code: DiagnosticCode.uncachedFormula.rawValue,
                    message: "\(sheet.uncachedFormulas.count) cell(s) of sheet \(sheet.name.map { "\"\($0)\"" } ?? "") hold a formula without a saved result (first: \(sheet.uncachedFormulas[0])) and read as empty: the file was written by a program that does not calculate; open it in Excel or LibreOffice and save it, so that the results are stored",
                    row: nil)
            }
            return Tables(sheets: sheets.map(EncodedSheet.init), encoding: nil, warnings: warnings)
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
        var warnings: [ReadWarning] = []
        if let declared = options.encoding, declared != document.encoding, document.encoding == .utf8 {
            warnings.append(
                ReadWarning(
                    code: DiagnosticCode.encodingMismatch.rawValue,
                    message: "the file is declared \(declared.rawValue) but is UTF-8 (valid multi-byte characters that \(declared.rawValue) would read as mojibake); it is read as UTF-8 — set encoding: utf-8 in the project file (or remove encoding:)",
                    row: nil))
        }
        if document.undecodableByteCount > 0 {
            warnings.append(
                ReadWarning(
                    code: DiagnosticCode.undecodableText.rawValue,
                    message: "\(document.undecodableByteCount) byte(s) are not characters of \(document.encoding.rawValue) and were read as \u{FFFD}; check encoding: in the project file",
                    row: nil))
        }
        // Stray quotes and rows of another width are judged per row against the header when normalising.
        warnings += DamagedRows.readWarnings(document)
        return Tables(sheets: [EncodedSheet(document.table)], encoding: document.encoding.rawValue, warnings: warnings)
    }
}
