import Foundation
import IntegraCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One field of a CSV row: text is written as is (quoted when needed), numbers in the dialect's decimal form.
///
/// Literals work: `["Gmina", 12, 0.25, .empty]`.
public enum CSVField: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral
{
    case empty
    case text(String)
    /// A number; integral values print without a fractional part, never in exponent notation.
    case number(Double)
    /// A date in ISO form `yyyy-mm-dd`, which Excel in every locale reads as a date.
    case date(LocalDate)

    /// The field for a cell as a reader found it (booleans as `TRUE`/`FALSE`, errors as their text).
    public init(_ cell: CellValue) {
        switch cell {
        case .empty: self = .empty
        case .string(let s): self = .text(s)
        case .number(let d): self = .number(d)
        case .date(let d): self = .date(d)
        case .bool, .error: self = .text(cell.text)
        }
    }

    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
}

/// How a CSV file is laid out and encoded.
public struct CSVDialect: Hashable, Sendable {
    /// Separates fields; never `"`, CR or LF.
    public var delimiter: Character
    public var encoding: TextEncoding
    /// Written between the integral and fractional part of a non-integral number.
    public var decimalSeparator: Character
    /// Written after every row, including the last.
    public var lineEnding: String

    /// Creates a dialect; the delimiter may not be the quote character or a line break.
    public init(delimiter: Character, encoding: TextEncoding, decimalSeparator: Character, lineEnding: String = "\r\n")
    {
        precondition(delimiter != "\"" && !delimiter.isNewline, "a CSV delimiter cannot be a quote or a line break")
        self.delimiter = delimiter
        self.encoding = encoding
        self.decimalSeparator = decimalSeparator
        self.lineEnding = lineEnding
    }

    /// RFC 4180: UTF-8 without BOM, `,`, CRLF, `.` as decimal separator.
    public static let rfc4180 = CSVDialect(delimiter: ",", encoding: .utf8, decimalSeparator: ".")

    /// What Polish Excel opens with a double click: UTF-8 with BOM, `;`, CRLF, decimal comma.
    public static let excelPL = CSVDialect(delimiter: ";", encoding: .utf8BOM, decimalSeparator: ",")
}

/// A CSV writing problem that stops the file from being written.
public enum CSVTableWriterError: Error, CustomStringConvertible {
    /// A character in a field has no byte in the target code page. Row and column are 1-based.
    case unencodableCharacter(row: Int, column: Int, scalar: Unicode.Scalar, encoding: TextEncoding)
    /// NaN or an infinity, which no spreadsheet can read back as a number. Row and column are 1-based.
    case nonFiniteNumber(row: Int, column: Int)

    public var description: String {
        switch self {
        case .unencodableCharacter(let row, let column, let scalar, let encoding):
            let code = String(scalar.value, radix: 16, uppercase: true)
            let padded = String(repeating: "0", count: max(0, 4 - code.count)) + code
            return "row \(row), column \(column) (\(columnLetters(column - 1))): character U+\(padded) cannot be "
                + "written in \(encoding.rawValue); write the file in UTF-8 or replace the character"
        case .nonFiniteNumber(let row, let column):
            return "row \(row), column \(column) (\(columnLetters(column - 1))): a number is NaN or infinite; "
                + "write it as text or leave the field empty"
        }
    }
}

/// Writes a table as CSV in a chosen dialect, byte for byte deterministic.
///
/// ```swift
/// let csv = CSVTableWriter(dialect: .excelPL)
/// try csv.write([["Wskaźnik", "Wartość"], ["Odsetek kobiet", 0.625]], to: url)
/// // "\u{FEFF}Wskaźnik;Wartość\r\nOdsetek kobiet;0,625\r\n"
/// ```
public struct CSVTableWriter: Sendable {
    public var dialect: CSVDialect
    /// Text that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage
    /// return and is not a number) is written with an apostrophe in front, as OWASP advises against CSV injection:
    /// a participant named `=HYPERLINK(…)` stays text when the file is opened in Excel or LibreOffice. On for every
    /// output; off only for the synthetic partner files the generators write (inputs, as a partner would save them).
    public var neutralisesFormulas = true

    public init(dialect: CSVDialect) {
        self.dialect = dialect
    }

    /// A writer for any dialect, e.g. Windows-1250 with `;` and decimal comma as Polish Excel saves CSV.
    public init(
        delimiter: Character, encoding: TextEncoding, decimalSeparator: Character, lineEnding: String = "\r\n"
    ) {
        self.init(
            dialect: CSVDialect(
                delimiter: delimiter, encoding: encoding, decimalSeparator: decimalSeparator, lineEnding: lineEnding))
    }

    /// This writer with ``neutralisesFormulas`` off: for files that stand for a partner's input, written as saved.
    public func verbatim() -> CSVTableWriter {
        var copy = self
        copy.neutralisesFormulas = false
        return copy
    }

    /// The file's bytes, byte order mark included.
    public func encode(_ rows: [[CSVField]]) throws -> Data {
        let encoder = TextEncoder(dialect.encoding)
        var bytes = dialect.encoding.byteOrderMark
        let delimiter = String(dialect.delimiter)
        for (rowIndex, row) in rows.enumerated() {
            for (columnIndex, field) in row.enumerated() {
                if columnIndex > 0 { _ = encoder.append(delimiter, to: &bytes) }
                let text: String
                switch field {
                case .empty: continue
                case .text(let s): text = neutralisesFormulas ? CSVTableWriter.neutralised(s) : s
                case .date(let d): text = d.iso
                case .number(let d):
                    guard d.isFinite else {
                        throw CSVTableWriterError.nonFiniteNumber(row: rowIndex + 1, column: columnIndex + 1)
                    }
                    text = CSVTableWriter.plainDecimal(d, separator: dialect.decimalSeparator)
                }
                if let scalar = encoder.append(quotedIfNeeded(text), to: &bytes) {
                    throw CSVTableWriterError.unencodableCharacter(
                        row: rowIndex + 1, column: columnIndex + 1, scalar: scalar, encoding: dialect.encoding)
                }
            }
            _ = encoder.append(dialect.lineEnding, to: &bytes)
        }
        return Data(bytes)
    }

    /// The file's bytes for a table of text; wrap numbers in `CSVField.number` to get the dialect's decimal form.
    public func encode(_ rows: [[String]]) throws -> Data {
        try encode(rows.map { $0.map(CSVField.text) })
    }

    /// Writes the table to `url` atomically: a reader sees the old file or the whole new one, never a part.
    /// `ownerOnly` writes a file of personal data, readable by its owner only (mode 0600) from its first byte.
    public func write(_ rows: [[CSVField]], to url: URL, ownerOnly: Bool = false) throws {
        let data = try encode(rows)
        try AtomicFile.write(to: url) { temporary in
            if ownerOnly {
                // Created empty and owner-only, then filled: no byte is ever readable by others.
                let created = FileManager.default.createFile(
                    atPath: temporary.path, contents: nil, attributes: [.posixPermissions: 0o600])
                guard created else {
                    throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary.path])
                }
                let handle = try FileHandle(forWritingTo: temporary)
                try handle.write(contentsOf: data)
                try handle.close()
            } else {
                try data.write(to: temporary)
            }
        }
    }

    /// Writes a table of text to `url` atomically; `ownerOnly` as above.
    public func write(_ rows: [[String]], to url: URL, ownerOnly: Bool = false) throws {
        try write(rows.map { $0.map(CSVField.text) }, to: url, ownerOnly: ownerOnly)
    }

    /// The characters that make a spreadsheet read a cell as a formula (or, after a tab or CR, may do so).
    public static let formulaTriggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// `text` with an apostrophe in front when a spreadsheet would run it as a formula: it starts with `=`, `+`,
    /// `-`, `@`, a tab or a CR and is not a plain number (`-12`, `+3,5` and `-0.25` stay as they are).
    ///
    /// ```swift
    /// CSVTableWriter.neutralised("=HYPERLINK(\"http://x\")")   // "'=HYPERLINK(\"http://x\")"
    /// CSVTableWriter.neutralised("-12,5")                       // "-12,5"
    /// ```
    public static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, formulaTriggers.contains(first) else { return text }
        return isPlainNumber(text) ? text : "'" + text
    }

    /// An optional sign, digits, and at most one `.` or `,` followed by digits: what a spreadsheet reads as a number.
    public static func isPlainNumber(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        if let f = scalars.first, f == "+" || f == "-" { scalars = scalars.dropFirst() }
        var digits = 0, separators = 0, digitsAfter = 0
        for s in scalars {
            if ("0"..."9").contains(s) {
                digits += 1
                if separators > 0 { digitsAfter += 1 }
            } else if s == "." || s == "," {
                separators += 1
                guard separators == 1, digits > 0 else { return false }
            } else {
                return false
            }
        }
        return digits > 0 && (separators == 0 || digitsAfter > 0)
    }

    private func quotedIfNeeded(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return text }
        let delimiter = dialect.delimiter.unicodeScalars
        let needsQuotes =
            first == " " || first == "\t" || last == " " || last == "\t"
            || scalars.contains { $0 == "\"" || $0 == "\r" || $0 == "\n" }
            || (delimiter.count == 1 ? scalars.contains(delimiter.first!) : text.contains(dialect.delimiter))
        guard needsQuotes else { return text }
        return Self.quoted(text)
    }

    /// `text` in quotes with its quotes doubled (RFC 4180), scalar by scalar: `replacingOccurrences` compares
    /// characters, and a quote followed by a combining mark (`"͎`) is one character that is not a quote, so it was
    /// left single and ended the field early for a spreadsheet (found by Fuzz/fuzz-csv).
    public static func quoted(_ text: String) -> String {
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in text.unicodeScalars {
            quoted.append(scalar)
            if scalar == "\"" { quoted.append("\"") }
        }
        quoted.append("\"")
        return String(quoted)
    }

    /// `d` in positional notation with the shortest digits that read back as `d`: `3`, `-0.5`, `0.00001`.
    static func plainDecimal(_ d: Double, separator: Character) -> String {
        if d == 0 { return "0" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        let shortest = "\(d)"
        let plain: String
        if let e = shortest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            plain = expandExponent(mantissa: shortest[..<e], exponent: Int(shortest[shortest.index(after: e)...])!)
        } else if shortest.hasSuffix(".0") {
            plain = String(shortest.dropLast(2))
        } else {
            plain = shortest
        }
        return separator == "." ? plain : plain.replacingOccurrences(of: ".", with: String(separator))
    }

    private static func expandExponent(mantissa: Substring, exponent: Int) -> String {
        let negative = mantissa.hasPrefix("-")
        let unsigned = negative ? mantissa.dropFirst() : mantissa
        let digits = Array(unsigned.filter { $0 != "." })
        let integerDigits = unsigned.prefix { $0 != "." }.count
        let pointPosition = integerDigits + exponent
        var result: String
        if pointPosition <= 0 {
            result = "0." + String(repeating: "0", count: -pointPosition) + String(digits)
        } else if pointPosition >= digits.count {
            result = String(digits) + String(repeating: "0", count: pointPosition - digits.count)
        } else {
            result = String(digits[..<pointPosition]) + "." + String(digits[pointPosition...])
        }
        if result.contains(".") {
            while result.hasSuffix("0") { result.removeLast() }
            if result.hasSuffix(".") { result.removeLast() }
        }
        return negative ? "-" + result : result
    }
}

/// Replaces a file in one step: the content goes to a hidden temporary file in the same folder (same file
/// system, so `rename(2)` is atomic), which then takes the final name. On failure the temporary file is removed.
/// Every output of a run is written this way (`integra run` removes the `.….tmp` files a killed run leaves).
public enum AtomicFile {
    /// Writes `data` to `url` through a temporary file.
    public static func write(_ data: Data, to url: URL) throws {
        try write(to: url) { try data.write(to: $0) }
    }

    /// Lets `produce` write the temporary file it is given, then gives it the final name.
    public static func write(to url: URL, _ produce: (URL) throws -> Void) throws {
        let temporary = temporaryURL(for: url)
        do {
            try produce(temporary)
            try move(temporary, to: url)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    static func temporaryURL(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
    }

    static func move(_ temporary: URL, to url: URL) throws {
        guard rename(temporary.path, url.path) == 0 else {
            let code = errno
            throw CocoaError(
                .fileWriteUnknown,
                userInfo: [
                    NSFilePathErrorKey: url.path,
                    NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(code)),
                ])
        }
    }
}
