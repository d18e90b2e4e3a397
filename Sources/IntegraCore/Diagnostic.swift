/// Where in a partner file something was found: file, sheet, 1-based row and column.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Path relative to the project file's folder.
    public var file: String
    /// Sheet name (XLSX only).
    public var sheet: String?
    /// 1-based row, as the user sees it in Excel.
    public var row: Int?
    /// Header text of the column, or its letter when the header is unknown.
    public var column: String?

    public init(file: String, sheet: String? = nil, row: Int? = nil, column: String? = nil) {
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
    }

    /// The location with PESEL-, phone- and e-mail-like text in the sheet name and header masked.
    public var masked: SourceLocation {
        var l = self
        l.sheet = sheet.map(PersonalDataMask.mask)
        l.column = column.map(PersonalDataMask.mask)
        return l
    }

    /// `demo/a/roll.csv[Arkusz1]:42:"Data urodzenia"`.
    public var description: String {
        var s = file
        if let sheet { s += "[\(sheet)]" }
        if let row { s += ":\(row)" }
        if let column { s += ":\"\(column)\"" }
        return s
    }
}

/// A problem found in the data or the definitions, collected rather than thrown.
///
/// Row problems become diagnostics and the row is rejected; the run goes on. Messages say what is wrong and how to
/// fix it and never contain cell values; a value goes to `value` and is printed only on explicit request
/// (`--show-values`).
public struct Diagnostic: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable, Comparable {
        case note, warning, error

        private var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var severity: Severity
    public var code: DiagnosticCode
    public var message: String
    public var location: SourceLocation?
    /// The offending cell value; personal data, never printed unless the user asks.
    public var value: String?
    /// The message in Polish, where its details matter beyond the catalogue's wording (the closest name on the roll,
    /// the other file of a repeated row); Polish outputs show it in place of the catalogue's problem. No cell values.
    public var polish: String?

    public init(
        _ severity: Severity, _ code: DiagnosticCode, _ message: String, at location: SourceLocation? = nil,
        value: String? = nil, polish: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.value = value
        self.polish = polish
    }

    /// `file:row:"column": error[code]: message`, without the cell value.
    public var description: String { rendered(showValues: false) }

    /// The diagnostic as one line; the cell value is appended only when `showValues` is true.
    /// Control characters (an escape code in a file or sheet name) are shown, not obeyed; PESEL-, phone- and
    /// e-mail-like text in a sheet name, header or message is masked unless values are shown.
    public func rendered(showValues: Bool) -> String {
        var s = ""
        if let location { s += "\(showValues ? location : location.masked): " }
        s += "\(severity.rawValue)[\(code.rawValue)]: \(showValues ? message : PersonalDataMask.mask(message))"
        if showValues, let value { s += " (value: \"\(value)\")" }
        return TerminalText.sanitized(s)
    }
}

/// A stable kebab-case diagnostic code; users search for it in the README's table of codes.
public struct DiagnosticCode: Hashable, Sendable, Codable, RawRepresentable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}
