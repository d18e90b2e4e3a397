import IntegraCore

// Codes for structural problems found while reading a partner file. The README's "Diagnostic codes" table lists
// each with its fix.
extension DiagnosticCode {
    /// The file is not an XLSX workbook (not a zip, an old `.xls`, a password-protected file, or no workbook part).
    public static let notAnXLSX: DiagnosticCode = "not-an-xlsx"
    /// A zip entry is implausibly large or compressed; the file is refused before it is unpacked.
    public static let zipBomb: DiagnosticCode = "zip-bomb"
    /// An XML part declares a document type; refused because entity expansion could exhaust memory.
    public static let xmlDoctypeRefused: DiagnosticCode = "xml-doctype-refused"
    /// The bytes of a text file cannot be decoded in the given or detected encoding.
    public static let undecodableText: DiagnosticCode = "undecodable-text"
    /// The CSV delimiter asked for cannot be used (it must be one ASCII character other than a quote or newline).
    public static let unsupportedDelimiter: DiagnosticCode = "unsupported-delimiter"
    /// A partner file is larger than `InputLimits.maxFileSize`; it is refused before it is read.
    public static let fileTooLarge: DiagnosticCode = "file-too-large"
    /// A cell holds more text than `InputLimits.maxCellBytes`; the file is refused.
    public static let cellTooLarge: DiagnosticCode = "cell-too-large"
    /// A row has more cells than `InputLimits.maxColumns`; the file is refused.
    public static let tooManyColumns: DiagnosticCode = "too-many-columns"
    /// A CSV record (a line) is longer than `InputLimits.maxRecordBytes`; the file is refused.
    public static let lineTooLong: DiagnosticCode = "line-too-long"
    /// A CSV file has more records than `InputLimits.maxRows`; the file is refused.
    public static let tooManyRows: DiagnosticCode = "too-many-rows"
    /// A file declared Windows-1250/1251 that is valid UTF-8 with multi-byte characters: read as UTF-8 (issue 17 item 13).
    public static let encodingMismatch: DiagnosticCode = "encoding-mismatch"
    /// Cells with a formula but no stored result: read as empty, with why and what to do (issue 17 item 14).
    public static let uncachedFormula: DiagnosticCode = "uncached-formula"
}
