import Foundation
import IntegraCore

/// How to read a CSV file; every field left nil is detected from the bytes.
public struct CSVOptions: Hashable, Sendable {
    /// The file's encoding; nil detects it (a byte-order mark always wins over this setting).
    public var encoding: SourceEncoding?
    /// The field delimiter, one ASCII character; nil detects `;`, `,` or tab.
    public var delimiter: Character?

    public init(encoding: SourceEncoding? = nil, delimiter: Character? = nil) {
        self.encoding = encoding
        self.delimiter = delimiter
    }
}

/// What reading a CSV file found out about it, apart from its rows.
public struct CSVFileInfo: Hashable, Sendable {
    /// The encoding the bytes were decoded from.
    public var encoding: SourceEncoding
    /// True when the file started with a byte-order mark (removed from the first cell).
    public var hadBOM: Bool
    /// The delimiter that split the fields.
    public var delimiter: Character
    /// Bytes with no character in the encoding, read as U+FFFD (0x98 in Windows-1251); worth a warning when > 0.
    public var undecodableByteCount: Int
    /// The line where a quoted field starts that never closes (the record it is in is in `strayQuoteLines`).
    public var unterminatedQuoteLine: Int?
    /// The lines where records start whose fields are all blank; they were skipped.
    public var blankRowNumbers: [Int]
    /// The rows passed on: the records that are not blank.
    public var recordCount: Int
    /// The lines of the records a stray quote damaged: each row is passed on as it stands on its line (the quote
    /// kept) and should be rejected; reading went on at the next line.
    public var strayQuoteLines: [Int] = []
    /// The number of fields most records at the start of the file have; nil for an empty file.
    public var typicalFieldCount: Int?
    /// The number of fields of each row passed on whose number differs from `typicalFieldCount`, by line (every
    /// other row has `typicalFieldCount`): trailing empty fields count, though no cell of the row keeps them.
    public var fieldCounts: [Int: Int] = [:]
}

/// A CSV file read into a table, with the encoding and delimiter that were used.
public struct CSVDocument: Sendable {
    /// The encoding the bytes were decoded from.
    public var encoding: SourceEncoding
    /// True when the file started with a byte-order mark (removed from the first cell).
    public var hadBOM: Bool
    /// The delimiter that split the fields.
    public var delimiter: Character
    /// The records as rows (name nil); `TableRow.number` is the line where the record starts. Blank records are
    /// left out and listed in `table.blankRowNumbers`.
    public var table: SheetTable
    /// Bytes with no character in the encoding, read as U+FFFD (0x98 in Windows-1251); worth a warning when > 0.
    public var undecodableByteCount: Int
    /// The line where a quoted field starts that never closes (the record it is in is in `strayQuoteLines`).
    public var unterminatedQuoteLine: Int?
    /// The lines of the records a stray quote damaged (see `CSVFileInfo.strayQuoteLines`).
    public var strayQuoteLines: [Int] = []
    /// See `CSVFileInfo.typicalFieldCount`.
    public var typicalFieldCount: Int?
    /// See `CSVFileInfo.fieldCounts`.
    public var fieldCounts: [Int: Int] = [:]
}

/// Reads partner CSV files: detects the encoding and delimiter, then parses RFC 4180 records into string cells.
///
/// Values are not interpreted: every non-empty field is `.string` (decimal commas and dates are the normaliser's
/// job). Records whose fields are all blank are skipped; the others keep the line number where they start, so a user
/// can find them in a text editor.
///
/// A stray quote (a field that starts with a quote never closed on its line) damages only its own record: the
/// record is passed on as it stands on its line and listed in `strayQuoteLines`, and reading goes on at the next
/// line (see `CSVParser`). The number of fields of every record is kept where it differs from the typical one
/// (`fieldCounts`), so that a row shorter than its header can be told from one whose last fields are empty.
///
/// The file is read a chunk at a time, so `forEachRow` needs the same memory for a thousand rows as for ten million.
/// The encoding is decided from the first 4 MiB (`encodingSampleSize`; a byte-order mark always decides) and the
/// delimiter from the first 256 KiB of text.
///
/// ```swift
/// let doc = try CSVReader.read(url: URL(fileURLWithPath: "partners/sie/porady-2023Q1.csv"))
/// doc.encoding            // .windows1250
/// doc.delimiter           // ";"
/// for row in doc.table.rows { print(row.number, row[0].text) }
///
/// let utf8 = try CSVReader.read(url: url, options: CSVOptions(encoding: .utf8, delimiter: ","))
///
/// let info = try CSVReader.forEachRow(url: url) { row in try loader.insert(row) }
/// info.recordCount        // rows passed to the closure
/// ```
public enum CSVReader {
    /// Bytes read from the file at a time.
    static let defaultChunkSize = 1 << 20
    /// Bytes at the start of a file that decide its encoding when it has no byte-order mark.
    static let encodingSampleSize = 4 << 20
    /// The smallest sample: a whole byte-order mark, which decides the encoding whatever the sample size.
    private static let minimumSampleSize = 4

    /// Reads the file at `url` and keeps every row.
    public static func read(url: URL, options: CSVOptions = .init()) throws -> CSVDocument {
        var rows: [TableRow] = []
        let info = try forEachRow(url: url, options: options) { rows.append($0) }
        return CSVDocument(info, rows: rows)
    }

    /// Parses CSV bytes.
    public static func read(data: Data, options: CSVOptions = .init()) throws -> CSVDocument {
        try read(data: data, options: options, chunkSize: defaultChunkSize, sampleSize: encodingSampleSize)
    }

    /// Reads the file at `url` a chunk at a time and calls `body` with each row that is not blank, in file order,
    /// without keeping them: memory does not grow with the file (only with the record being read and the list of
    /// blank lines).
    ///
    /// A problem found part way (bytes that are not valid UTF-8 beyond the part that decided the encoding) throws
    /// after the rows before it have been passed on; so does an error thrown by `body`, which stops the reading.
    public static func forEachRow(
        url: URL, options: CSVOptions = .init(), _ body: (TableRow) throws -> Void
    ) throws -> CSVFileInfo {
        try forEachRow(
            url: url, options: options, chunkSize: defaultChunkSize, sampleSize: encodingSampleSize, body)
    }

    static func forEachRow(
        url: URL, options: CSVOptions, chunkSize: Int, sampleSize: Int, _ body: (TableRow) throws -> Void
    ) throws -> CSVFileInfo {
        let requestedDelimiter = try validDelimiter(options.delimiter)
        let input = try ChunkedInput(
            FileByteSource(url: url), chunkSize: chunkSize, sampleSize: max(sampleSize, minimumSampleSize))
        return try forEachRow(input, options: options, delimiter: requestedDelimiter, body)
    }

    static func forEachRow(
        data: Data, options: CSVOptions, chunkSize: Int, sampleSize: Int, _ body: (TableRow) throws -> Void
    ) throws -> CSVFileInfo {
        let requestedDelimiter = try validDelimiter(options.delimiter)
        let input = try ChunkedInput(
            DataByteSource(data), chunkSize: chunkSize, sampleSize: max(sampleSize, minimumSampleSize))
        return try forEachRow(input, options: options, delimiter: requestedDelimiter, body)
    }

    static func read(data: Data, options: CSVOptions, chunkSize: Int, sampleSize: Int) throws -> CSVDocument {
        var rows: [TableRow] = []
        let info = try forEachRow(data: data, options: options, chunkSize: chunkSize, sampleSize: sampleSize) {
            rows.append($0)
        }
        return CSVDocument(info, rows: rows)
    }

    /// Decodes and parses `input`: the encoding from its sample, the delimiter from the first decoded text, then
    /// records chunk by chunk.
    private static func forEachRow<Source: ByteSource>(
        _ input: ChunkedInput<Source>, options: CSVOptions, delimiter requestedDelimiter: UInt8?,
        _ body: (TableRow) throws -> Void
    ) throws -> CSVFileInfo {
        var input = input
        let detected = input.sample.withUnsafeBytes {
            UTF8Transcoder.detect($0, requested: options.encoding, isWholeFile: input.sampleIsWholeInput)
        }
        let sampleSize = input.sampleIsWholeInput ? nil : input.sample.count
        input.skip(detected.byteOrderMarkLength)
        var transcoder = UTF8Transcoder(detected.encoding)
        func decodingError(_ failure: UTF8Transcoder.Failure, line: Int) -> IngestError {
            undecodable(
                failure, detected: detected, guessed: options.encoding == nil, sampleSize: sampleSize, line: line)
        }

        // The delimiter is decided from text, so the start of the file is decoded before any record is parsed:
        // enough for Excel's `sep=` line and the delimiter window, with a byte to spare to tell the window was cut.
        var head: [UInt8] = []
        var inputEnded = false
        do {
            while head.count <= CSVParser.delimiterWindow + 8, !inputEnded {
                inputEnded = try !input.next { chunk in try transcoder.decode(chunk) { head.append(contentsOf: $0) } }
            }
            if inputEnded { try transcoder.finish { head.append(contentsOf: $0) } }
        } catch let failure as UTF8Transcoder.Failure {
            throw decodingError(failure, line: head.withUnsafeBytes(CSVParser.lineNumber(atEndOf:)))
        }
        let (delimiter, bodyOffset, firstLine, typicalWidth) = head.withUnsafeBytes { bytes in
            let sep = CSVParser.excelSeparatorLine(bytes)
            let bodyOffset = sep?.bodyOffset ?? 0
            let delimiter =
                requestedDelimiter ?? sep?.delimiter
                ?? CSVParser.detectDelimiter(UnsafeRawBufferPointer(rebasing: bytes[bodyOffset...]))
            let width = CSVParser.typicalWidth(
                UnsafeRawBufferPointer(rebasing: bytes[bodyOffset...]), delimiter: delimiter)
            return (delimiter, bodyOffset, sep == nil ? 1 : 2, width)
        }

        var parser = CSVParser(delimiter: delimiter, firstLine: firstLine)
        parser.expectedWidth = typicalWidth
        var blankRowNumbers: [Int] = []
        var fieldCounts: [Int: Int] = [:]
        var recordCount = 0
        func deliver(_ line: Int, _ fields: [CellValue]) throws {
            guard recordCount + blankRowNumbers.count < InputLimits.maxRows else {
                throw IngestError(
                    .tooManyRows,
                    "the file has more than \(InputLimits.maxRows) records (line \(line)), blank ones included; split "
                        + "it into smaller files, or delete the empty lines at its end")
            }
            let row = TableRow(number: line, cells: fields)
            if startsVisibly(fields) || !row.isBlank {
                recordCount += 1
                if fields.count != typicalWidth { fieldCounts[line] = fields.count }
                try body(row)
            } else {
                blankRowNumbers.append(line)
            }
        }
        do {
            // In the chunk size of the rest, so that small chunks in tests cut the start of the file too.
            try head.withUnsafeBytes { bytes in
                var start = bodyOffset
                while start < bytes.count {
                    let end = min(start + input.chunkSize, bytes.count)
                    try parser.consume(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), deliver)
                    start = end
                }
            }
            head = []
            if !inputEnded {
                while try input.next({ chunk in try transcoder.decode(chunk) { try parser.consume($0, deliver) } }) {}
                try transcoder.finish { try parser.consume($0, deliver) }
            }
            try parser.finish(deliver)
        } catch let failure as UTF8Transcoder.Failure {
            throw decodingError(failure, line: parser.line)
        }

        return CSVFileInfo(
            encoding: detected.encoding, hadBOM: detected.hadBOM,
            delimiter: Character(UnicodeScalar(parser.delimiter)), undecodableByteCount: transcoder.substitutedCount,
            unterminatedQuoteLine: parser.unterminatedQuoteLine, blankRowNumbers: blankRowNumbers,
            recordCount: recordCount, strayQuoteLines: parser.damagedLines, typicalFieldCount: typicalWidth,
            fieldCounts: fieldCounts)
    }

    /// The requested delimiter as a byte, refusing what cannot split fields.
    private static func validDelimiter(_ delimiter: Character?) throws -> UInt8? {
        guard let delimiter else { return nil }
        guard let ascii = delimiter.asciiValue, ascii != CSVParser.quote, ascii != CSVParser.lf,
            ascii != CSVParser.cr
        else {
            throw IngestError(
                .unsupportedDelimiter,
                "the CSV delimiter must be one ASCII character other than a quote or a line break, such as ; , "
                    + "or a tab; change the source's delimiter or leave it out to detect it")
        }
        return ascii
    }

    /// The error for bytes that cannot be decoded; positions count from the start of the file.
    ///
    /// - Parameters:
    ///   - guessed: the encoding was detected, not given, so the message says how to give it.
    ///   - sampleSize: the bytes that decided the encoding, when they were not the whole file.
    private static func undecodable(
        _ failure: UTF8Transcoder.Failure, detected: DetectedEncoding, guessed: Bool, sampleSize: Int?, line: Int
    ) -> IngestError {
        let byte = failure.offset + detected.byteOrderMarkLength + 1
        switch detected.encoding {
        case .utf16LE, .utf16BE:
            return IngestError(
                .undecodableText,
                "the file is not valid UTF-16 (byte \(byte)); save it again as UTF-8 or set the source's encoding")
        case .utf8, .windows1250, .windows1251:
            let fix = "set the source's encoding to windows-1250 or windows-1251, or save the file again as UTF-8"
            if guessed, !detected.hadBOM, let sampleSize {
                return IngestError(
                    .undecodableText,
                    "the file is not valid UTF-8 at byte \(byte), line \(line), although its first "
                        + "\(describe(bytes: sampleSize)) are, so it was read as UTF-8; \(fix)")
            }
            return IngestError(.undecodableText, "the file is not valid UTF-8 (byte \(byte), line \(line)); \(fix)")
        }
    }

    private static func describe(bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }
}

extension CSVDocument {
    init(_ info: CSVFileInfo, rows: [TableRow]) {
        self.init(
            encoding: info.encoding, hadBOM: info.hadBOM, delimiter: info.delimiter,
            table: SheetTable(name: nil, rows: rows, blankRowNumbers: info.blankRowNumbers),
            undecodableByteCount: info.undecodableByteCount, unterminatedQuoteLine: info.unterminatedQuoteLine,
            strayQuoteLines: info.strayQuoteLines, typicalFieldCount: info.typicalFieldCount,
            fieldCounts: info.fieldCounts)
    }
}

/// True when a field starts with a visible ASCII character: the row is certainly not blank, and the full Unicode
/// white-space test (costly over a million rows) can be skipped.
@inline(__always)
private func startsVisibly(_ fields: [CellValue]) -> Bool {
    for field in fields {
        if case .string(let s) = field, let first = s.utf8.first, first > 0x20, first < 0x7F { return true }
    }
    return false
}
