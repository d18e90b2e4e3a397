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

/// A CSV file read into a table, with the encoding and delimiter that were used.
public struct CSVDocument: Sendable {
    /// The encoding the bytes were decoded from.
    public var encoding: SourceEncoding
    /// True when the file started with a byte-order mark (removed from the first cell).
    public var hadBOM: Bool
    /// The delimiter that split the fields.
    public var delimiter: Character
    /// The records as rows (name nil); `TableRow.number` is the line where the record starts.
    public var table: SheetTable
    /// Bytes with no character in the encoding, read as U+FFFD (0x98 in Windows-1251); worth a warning when > 0.
    public var undecodableByteCount: Int
    /// The line where a quoted field starts that never closes; it swallowed the rest of the file. Worth a warning.
    public var unterminatedQuoteLine: Int?
}

/// Reads partner CSV files: detects the encoding and delimiter, then parses RFC 4180 records into string cells.
///
/// Values are not interpreted: every non-empty field is `.string` (decimal commas and dates are the normaliser's
/// job). Records whose fields are all blank are skipped; the others keep the line number where they start, so a user
/// can find them in a text editor.
///
/// ```swift
/// let doc = try CSVReader.read(url: URL(fileURLWithPath: "partners/sie/porady-2023Q1.csv"))
/// doc.encoding            // .windows1250
/// doc.delimiter           // ";"
/// for row in doc.table.rows { print(row.number, row[0].text) }
///
/// let utf8 = try CSVReader.read(url: url, options: CSVOptions(encoding: .utf8, delimiter: ","))
/// ```
public enum CSVReader {
    /// Reads and parses the file at `url` (memory-mapped, so large files are not copied before decoding).
    public static func read(url: URL, options: CSVOptions = .init()) throws -> CSVDocument {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw IngestError.unreadable(url, underlying: error)
        }
        return try read(data: data, options: options)
    }

    /// Parses CSV bytes.
    public static func read(data: Data, options: CSVOptions = .init()) throws -> CSVDocument {
        var requestedDelimiter: UInt8?
        if let delimiter = options.delimiter {
            guard let ascii = delimiter.asciiValue, ascii != CSVParser.quote, ascii != CSVParser.lf,
                ascii != CSVParser.cr
            else {
                throw IngestError(
                    .unsupportedDelimiter,
                    "the CSV delimiter must be one ASCII character other than a quote or a line break, such as ; , "
                        + "or a tab; change the source's delimiter or leave it out to detect it")
            }
            requestedDelimiter = ascii
        }
        let text = try UTF8Transcoder.decode(data, encoding: options.encoding)

        return text.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> CSVDocument in
            var body = bytes
            var firstLine = 1
            var delimiter = requestedDelimiter
            if let sep = CSVParser.excelSeparatorLine(bytes) {
                body = UnsafeRawBufferPointer(rebasing: bytes[sep.bodyOffset...])
                firstLine = 2
                delimiter = delimiter ?? sep.delimiter
            }
            let chosen = delimiter ?? CSVParser.detectDelimiter(body)
            var rows: [TableRow] = []
            let unterminated = CSVParser.parse(body, delimiter: chosen, firstLine: firstLine) { line, fields in
                let row = TableRow(number: line, cells: fields)
                if startsVisibly(fields) || !row.isBlank { rows.append(row) }
            }
            return CSVDocument(
                encoding: text.encoding, hadBOM: text.hadBOM, delimiter: Character(UnicodeScalar(chosen)),
                table: SheetTable(name: nil, rows: rows), undecodableByteCount: text.substitutedCount,
                unterminatedQuoteLine: unterminated)
        }
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
