import Foundation

/// One `sources:` entry of the fixture project file: a single fixture file and how to read it.
struct FixtureSource {
    var id: String
    var partner: String
    var kind: String
    var activity: String
    var file: String
    /// Why the entry looks the way it does, written above it in the project file.
    var comment: String
    var encoding: String?
    var delimiter: String?
    var sheets: [String] = []
    var headerRow: Int?
    /// Field → accepted header texts, in the order written.
    var columns: [(field: String, headers: [String])]
    var title: [(field: String, label: String)] = []
    var marks: [(status: String, words: [String])] = []
    var values: [(field: String, map: [(canonical: String, written: [String])])] = []
    var dateFormats: [String] = []
    /// `from_file_name:` / `from_title:`: a pattern taking the group (or activity, partner) from the file name or a
    /// title line.
    var fromFileName: String?
    var fromTitle: String?

    /// The entry as YAML, indented for the `sources:` list.
    var yaml: String {
        var lines = ["  # \(comment)", "  - id: \(id)"]
        func add(_ key: String, _ value: String) { lines.append("    \(key): \(value)") }
        add("partner", partner)
        add("kind", kind)
        add("activity", activity)
        add("files", Self.scalar(file))
        if let encoding { add("encoding", encoding) }
        if let delimiter { add("delimiter", Self.scalar(delimiter)) }
        if !sheets.isEmpty { add("sheets", Self.list(sheets)) }
        if let headerRow { add("header_row", String(headerRow)) }
        if !dateFormats.isEmpty { add("date_formats", Self.list(dateFormats)) }
        if !title.isEmpty {
            lines.append("    title:")
            for t in title { lines.append("      \(t.field): \(Self.scalar(t.label))") }
        }
        if let fromFileName { add("from_file_name", Self.scalar(fromFileName)) }
        if let fromTitle { add("from_title", Self.scalar(fromTitle)) }
        lines.append("    columns:")
        for c in columns {
            lines.append(
                "      \(c.field): " + (c.headers.count == 1 ? Self.scalar(c.headers[0]) : Self.list(c.headers)))
        }
        if !marks.isEmpty {
            lines.append("    marks:")
            for m in marks { lines.append("      \(m.status): \(Self.list(m.words))") }
        }
        if !values.isEmpty {
            lines.append("    values:")
            for v in values {
                lines.append("      \(v.field):")
                for m in v.map { lines.append("        \(Self.scalar(m.canonical)): \(Self.list(m.written))") }
            }
        }
        return lines.joined(separator: "\n")
    }

    static func list(_ items: [String]) -> String { "[" + items.map(scalar).joined(separator: ", ") + "]" }

    /// A YAML scalar, double-quoted when plain style could be misread (indicators, `: `, `#`, flow characters,
    /// words YAML 1.1 reads as booleans or null, numbers).
    static func scalar(_ s: String) -> String {
        let special: Set<Character> = [
            ":", "#", ",", "[", "]", "{", "}", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`", "\t",
        ]
        let reserved = ["yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"]
        let needsQuotes =
            s.isEmpty || s.contains(where: special.contains) || s.first == " " || s.last == " "
            || s.first == "-" || s.first == "?" || reserved.contains(s.lowercased())
            || Double(s) != nil
        guard needsQuotes else { return s }
        return "\""
            + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\t", with: "\\t") + "\""
    }
}
