import Foundation
import IntegraCore
import Yams

/// A `sources:` item for the project file, built from an inspected sheet, with placeholders for what a file cannot
/// say (the partner and the activity).
///
/// `columns:` and `title:` hold only what the pipeline reads: `row_number` and `signature` columns and the course,
/// trainer and month labels are shown by inspect but left out, so the item is the smallest one that works.
public struct SourceProposal: Sendable {
    public var id: String
    public var kind: SourceKind
    public var files: String
    /// The CSV encoding when it is not UTF-8; nil otherwise.
    public var encoding: String?
    /// The sheets to read when not every visible sheet fits the mapping (or the inspected one is hidden); empty
    /// for all visible sheets.
    public var sheets: [String] = []
    /// Field → header text as written in the file, and the column's letter, left to right.
    public var columns: [(field: String, header: String, letter: String)]
    /// Title-block field → label as written (`group` → `Grupa`).
    public var title: [(field: String, label: String)]
    /// `from_file_name:`: the course group taken from the file name (`kurs_{group}_lista`), when no column or
    /// title gives it.
    public var fromFileName: String?
    /// `from_title:`: the course group taken from a title line's sentence (`grupa {group}`).
    public var fromTitle: String?
    /// What the file lacks for the kind (a roll's group column, a name…), written as YAML comments.
    public var gaps: [String]
    /// Recognised columns left out of `columns:`: field, header text, letter.
    public var leftOut: [(field: String, header: String, letter: String)]
    /// The header row when no word in it is in the vocabulary: it may be a row of data, so its texts are written
    /// only with `showValues`.
    public var guessedHeaderRow: Int?

    public static let partnerPlaceholder = "<partner-id>"
    public static let activityPlaceholder = "<activity-id>"

    init(path: String, encoding: String?, sheet: SheetInspection) {
        id = Self.identifier(fromPath: path)
        kind = sheet.kind
        files = path
        self.encoding = encoding
        columns = sheet.columns.filter(\.isProposed).map { ($0.field!, $0.header, $0.letter) }
        title = kind == .attendance ? sheet.titleLabels.filter { $0.field == "group" }.map { ($0.field, $0.label) } : []
        leftOut = sheet.columns.filter { $0.field != nil && $0.omission != nil }.map {
            ($0.field!, $0.header, $0.letter)
        }
        guessedHeaderRow = sheet.headerIsGuess ? sheet.headerRow : nil
        let mapped = Set(columns.map(\.field))
        // A group neither a column nor a title label gives: from a sentence of the title, else the file name (the
        // files of a source then differ by the group in their names: files: takes them all).
        if (kind == .roll && !mapped.contains("group")) || (kind == .attendance && title.isEmpty) {
            if let sentence = sheet.groupInTitleLine {
                fromTitle = sentence.pattern
            } else if let pattern = Self.fileNamePattern(path) {
                fromFileName = pattern
                let url = URL(fileURLWithPath: path)
                let glob = pattern.replacingOccurrences(of: "{group}", with: "*") + (url.pathExtension.isEmpty ? "" : "." + url.pathExtension)
                let folder = path.hasSuffix(url.lastPathComponent) ? String(path.dropLast(url.lastPathComponent.count)) : ""
                files = folder + glob
                // The id of the family, without the group: kurs_{group}_lista → kurs_lista.
                var family = Self.identifier(fromPath: pattern.replacingOccurrences(of: "{group}", with: "-"))
                while let run = family.range(of: "_-") ?? family.range(of: "-_") ?? family.range(of: "--") ?? family.range(of: "__") {
                    family.replaceSubrange(run, with: String(family[run].first!))
                }
                family = family.trimmingCharacters(in: CharacterSet(charactersIn: "-_"))
                id = family.isEmpty ? id : family
            }
        }
        let groupGiven = fromTitle != nil || fromFileName != nil
        gaps = []
        if !kind.isFinance, !(mapped.contains("full_name") || mapped.isSuperset(of: ["first_name", "last_name"])) {
            gaps.append("map full_name, or first_name and last_name: no name column was recognised")
        }
        switch kind {
        case .roll where !mapped.contains("group") && !groupGiven:
            gaps.append("a roll needs group: the column with each person's course group; none was recognised")
        case .consultations where !mapped.contains("date"):
            gaps.append("consultations need date: the column with the consultation's date")
        case .attendance where title.isEmpty && !groupGiven:
            gaps.append(
                "an attendance sheet needs its course group: title: { group: <label> }, from_title: or from_file_name:; none was found")
        case .ledger:
            for field in ["document_number", "payment_date", "task", "budget_line"] where !mapped.contains(field) {
                gaps.append("a ledger needs \(field): no column was recognised as it")
            }
            if mapped.isDisjoint(with: ["eligible", "net", "gross"]) {
                gaps.append("a ledger needs eligible: (or net:, from which the eligible amount is taken)")
            }
        case .budget:
            for field in ["task", "budget_line", "category"] where !mapped.contains(field) {
                gaps.append("a budget needs \(field): no column was recognised as it")
            }
        default:
            break
        }
    }

    /// The item as YAML, indented to paste under `sources:`.
    public var yaml: String { yaml(showValues: false) }

    /// The item as YAML; a guessed header row's texts are `<header of column D>` placeholders unless `showValues`.
    public func yaml(showValues: Bool) -> String {
        let hidden = guessedHeaderRow != nil && !showValues
        let header = { (text: String, letter: String) in hidden ? "<header of column \(letter)>" : text }
        var lines = [
            "  - id: \(Self.scalar(id))",
            "    partner: \(Self.partnerPlaceholder)",
            "    kind: \(kind.rawValue)",
        ]
        // Money is no activity's: a ledger's rows name their task and budget line.
        if !kind.isFinance { lines.append("    activity: \(Self.activityPlaceholder)") }
        lines.append("    files: \(Self.scalar(files))")
        if let encoding { lines.append("    encoding: \(encoding)") }
        if !sheets.isEmpty {
            lines.append("    sheets:")
            lines += sheets.map { "      - \(Self.scalar($0))" }
        }
        lines.append("    columns:")
        lines += columns.map { "      \($0.field): \(Self.scalar(header($0.header, $0.letter)))" }
        if !title.isEmpty {
            lines.append("    title:")
            lines += title.map { "      \($0.field): \(Self.scalar($0.label))" }
        }
        if let fromTitle { lines.append("    from_title: \(Self.scalar(fromTitle))") }
        if let fromFileName { lines.append("    from_file_name: \(Self.scalar(fromFileName))") }
        if !leftOut.isEmpty {
            let list = leftOut.map { "\($0.field) (\($0.letter) \"\(header($0.header, $0.letter))\")" }
            lines.append("    # recognised but left out (see the table above): \(list.joined(separator: ", "))")
        }
        if hidden, let row = guessedHeaderRow {
            lines.append(
                "    # header texts hidden: no word of row \(row) is a known header, so it may hold data; --show-values"
            )
        }
        lines += gaps.map { "    # missing: \($0)" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The proposal as the pipeline's source definition (placeholders for partner and activity).
    var definition: SourceDefinition {
        SourceDefinition(
            id: id, partner: Self.partnerPlaceholder, kind: kind, activity: kind.isFinance ? "" : Self.activityPlaceholder,
            files: [files],
            encoding: encoding, delimiter: nil, sheets: sheets, headerRow: nil,
            columns: Dictionary(columns.map { ($0.field, [$0.header]) }, uniquingKeysWith: { a, _ in a }),
            title: Dictionary(title.map { ($0.field, [$0.label]) }, uniquingKeysWith: { a, _ in a }),
            marks: MarkVocabulary(), values: [:], dateFormats: [], fromFileName: fromFileName.flatMap { try? FieldPattern($0) },
            fromTitle: fromTitle.flatMap { try? FieldPattern($0) })
    }

    /// A `from_file_name:` pattern for a file whose name carries its course group: the first part between `_`
    /// (or spaces) that holds a digit, without the lower-case words at its ends (`kurs_2024Q1-A0-a_lista` →
    /// `kurs_{group}_lista`, `obecnosci-PL-A2` → `obecnosci-{group}`); later parts with digits become `*`. Nil when
    /// the name has no part with a digit.
    static func fileNamePattern(_ path: String) -> String? {
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        guard !stem.contains(where: { "{}*".contains($0) }) else { return nil }
        var pattern = ""
        var part = ""
        var found = false
        func flush() {
            guard !part.isEmpty else { return }
            if !part.contains(where: \.isNumber) {
                pattern += part
            } else if found {
                pattern += "*"
            } else {
                found = true
                pattern += groupInPart(part)
            }
            part = ""
        }
        for c in stem {
            if c == "_" || c == " " {
                flush()
                pattern.append(c)
            } else {
                part.append(c)
            }
        }
        flush()
        guard found, let parsed = try? FieldPattern(pattern), parsed.matchWhole(stem) != nil else { return nil }
        return pattern
    }

    /// `obecnosci-PL-A2` → `obecnosci-{group}`: the words of three letters or more with a lower-case one, at either
    /// end of a `-`-joined part, stay literal.
    private static func groupInPart(_ part: String) -> String {
        let segments = part.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        func isWord(_ s: String) -> Bool { s.count >= 3 && s.allSatisfy(\.isLetter) && s.contains(where: \.isLowercase) }
        var first = 0
        while first < segments.count, isWord(segments[first]) { first += 1 }
        var last = segments.count - 1
        while last > first, isWord(segments[last]) { last -= 1 }
        let prefix = segments[..<first].map { $0 + "-" }.joined()
        let suffix = segments[(last + 1)...].map { "-" + $0 }.joined()
        return prefix + "{group}" + suffix
    }

    /// Nil when the pipeline's own layout reader finds every proposed column (and the group label) in `table`;
    /// otherwise its diagnostic code and message.
    func problem(reading table: SheetTable) -> String? {
        guard !columns.isEmpty else { return "no columns to map" }
        switch TableLayoutDetector.detect(table, source: definition, dateFormats: []) {
        case .failure(let problem):
            return "\(problem.code.rawValue): \(problem.message)"
        case .success(let layout):
            if kind == .attendance, !title.isEmpty, layout.title["group"] == nil {
                return "missing-title-field: no \"\(title[0].label)\" label above the header"
            }
            return nil
        }
    }

    /// A lower-case id from the file name: `obecnosci-PL-A1.xlsx` → `obecnosci-pl-a1`, Cyrillic in Latin.
    static func identifier(fromPath path: String) -> String {
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let folded = TextNormalisation.foldForMatching(Transliteration.toLatin(stem))
        var id = ""
        for scalar in folded.unicodeScalars {
            let ok = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
            if ok {
                id.unicodeScalars.append(scalar)
            } else if !id.isEmpty, !id.hasSuffix("-") {
                id += "-"
            }
        }
        while id.hasSuffix("-") { id.removeLast() }
        return id.isEmpty ? "source" : id
    }

    /// A YAML scalar that reads back as exactly `text`: plain when YAML reads it so, double-quoted otherwise
    /// (`"#"`, `"2023-01-09"`, `"No"`).
    static func scalar(_ text: String) -> String {
        if !text.isEmpty, !text.contains(where: \.isNewline),
            let loaded = try? Yams.load(yaml: "k: \(text)") as? [String: Any], loaded["k"] as? String == text
        {
            return text
        }
        // A JSON string literal is a valid YAML double-quoted scalar with the same escapes.
        return CellJSON.quote(text)
    }
}
