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
}
