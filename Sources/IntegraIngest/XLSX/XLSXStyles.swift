import Foundation

/// Which cell styles of a workbook show numbers as dates: in XLSX a date is a plain number whose style has a date
/// number format.
enum XLSXStyles {
    /// For each entry of `<cellXfs>` (a cell's `s` attribute), whether its number format is a date or time.
    static func dateStyles(_ data: Data, part: String) throws -> [Bool] {
        let handler = StylesHandler()
        try XMLPart.parse(data, part: part, handler: handler)
        return handler.cellFormats.map { isDateFormat(id: $0, code: handler.customFormats[$0]) }
    }

    /// Built-in number formats that are dates or times: 14–22 and 45–47 in every locale, 27–36 and 50–58 in
    /// East-Asian ones.
    static func isBuiltInDateFormat(_ id: Int) -> Bool {
        (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id)
    }

    /// Whether a number format shows a date or time. A format code, when the workbook gives one, decides; otherwise
    /// the built-in id does.
    static func isDateFormat(id: Int, code: String?) -> Bool {
        guard let code else { return isBuiltInDateFormat(id) }
        return isDateFormatCode(code)
    }

    /// True when the first section of a format code has a d, m, y, h or s outside quoted text, `[...]` (colours,
    /// locales, elapsed-time brackets) and characters escaped by `\`, `_` or `*`.
    ///
    /// LibreOffice writes a custom format 164 = `General`, which must stay a number; the `E` of `0.00E+00` is not
    /// a date part either.
    static func isDateFormatCode(_ code: String) -> Bool {
        let section = code.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let lowered = section.lowercased()
        if lowered.trimmingCharacters(in: .whitespaces) == "general" { return false }
        var inQuote = false
        var inBracket = false
        var escaped = false
        for ch in lowered.replacingOccurrences(of: "general", with: "") {
            if escaped {
                escaped = false
                continue
            }
            if inQuote {
                if ch == "\"" { inQuote = false }
                continue
            }
            if inBracket {
                if ch == "]" { inBracket = false }
                continue
            }
            switch ch {
            case "\\", "_", "*": escaped = true
            case "\"": inQuote = true
            case "[": inBracket = true
            case "d", "m", "y", "h", "s": return true
            default: break
            }
        }
        return false
    }
}

/// Reads `<numFmts>` and the number format of each `<cellXfs>` entry (not `cellStyleXfs`, which cells do not use).
private final class StylesHandler: XMLPartHandler {
    var customFormats: [Int: String] = [:]
    var cellFormats: [Int] = []
    private var inCellXfs = false

    override func start(_ name: Substring, attributes: [String: String]) {
        switch name {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] {
                customFormats[id] = code
            }
        case "cellXfs": inCellXfs = true
        case "xf" where inCellXfs: cellFormats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
        default: break
        }
    }

    override func end(_ name: Substring) {
        if name == "cellXfs" { inCellXfs = false }
    }
}
