import Foundation
import IntegraCore

/// The header words partners write, per source field and title-block label, read from `pipelines/vocabulary.yml`.
///
/// ```swift
/// let vocabulary = try HeaderVocabulary.load(root: URL(fileURLWithPath: "."))
/// vocabulary.matchColumn("Data ur. (dd.mm.rrrr)")   // birth_date, word "Data ur.", .prefix
/// vocabulary.matchTitle("Grupa")                   // "group"
/// ```
public struct HeaderVocabulary: Sendable {
    /// Field → the words for it, in file order (fields in file order too).
    public var columns: [(field: String, words: [String])]
    /// Title-block field (`group`, `course`, `trainer`, `month`) → labels.
    public var title: [(field: String, words: [String])]
    /// The words that open a line under a table: signatures, totals (`Podpis prowadzącego`, `Razem`).
    public var footer: [String]
    /// The published categories of `topic`, `language` and `mode`, each with the forms partners write for it.
    public var categories = CategoryVocabulary()

    /// How a header met a vocabulary word.
    public enum MatchKind: Sendable, Equatable {
        /// The whole header is the word.
        case exact
        /// The header starts with the word, then a space, bracket, slash, comma or dot (`Telefon kontaktowy`).
        case prefix
    }

    public struct Match: Sendable, Equatable {
        public var field: String
        /// The vocabulary word as the file `vocabulary.yml` writes it.
        public var word: String
        public var kind: MatchKind
        /// The other fields the same word stands under (`Nr dokumentu`: a person's `document`, a ledger's
        /// `document_number`), which no kind of file reads together with `field`: the file's kind decides.
        public var alternatives: [String] = []
    }

    /// The title-block fields a source's `title:` may name.
    public static let titleFields: Set<String> = ["group", "course", "trainer", "month"]

    private var columnIndex: [String: (field: String, word: String, alternatives: [String])] = [:]
    private var titleIndex: [String: String] = [:]
    private var footerKeys: Set<String> = []

    /// Builds the lookup tables; throws when a word stands under two fields that one kind of file reads together.
    init(
        columns: [(field: String, words: [String])], title: [(field: String, words: [String])], footer: [String] = []
    ) throws {
        self.columns = columns
        self.title = title
        self.footer = footer
        footerKeys = Set(footer.map(Self.key))
        for (field, words) in columns {
            for word in words {
                let key = Self.key(word)
                if let other = columnIndex[key], other.field != field {
                    // A word two kinds of file use for different fields (a roll's identity document, a ledger's
                    // accounting document) is fine as long as no kind reads both.
                    let together = SourceKind.allCases.first {
                        let allowed = SourceField.allowed(for: $0)
                        return allowed.contains(field) && ([other.field] + other.alternatives).contains(where: allowed.contains)
                    }
                    if let together {
                        throw DefinitionError(
                            file: "vocabulary", keyPath: "columns.\(field)",
                            message:
                                "\"\(word)\" is also listed under \(other.field); a word may stand under one field of a \(together.rawValue) file only")
                    }
                    if !other.alternatives.contains(field) { columnIndex[key]?.alternatives.append(field) }
                    continue
                }
                columnIndex[key] = (field, word, [])
            }
        }
        for (field, words) in title {
            for word in words { titleIndex[Self.key(word)] = field }
        }
    }

    /// The vocabulary's path under the definitions root.
    public static let file = "pipelines/vocabulary.yml"

    /// Reads `<root>/pipelines/vocabulary.yml`, the definitions root being a checkout or `$INTEGRA_HOME`.
    public static func load(root: URL) throws -> HeaderVocabulary {
        let url = root.appendingPathComponent(file)
        let name = url.path
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DefinitionError(
                file: name, keyPath: "",
                message: "cannot read the header vocabulary; run from a checkout or set INTEGRA_HOME")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DefinitionError(file: name, keyPath: "", message: "the file is not UTF-8 text")
        }
        return try parse(text, file: name)
    }

    /// Parses vocabulary text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws -> HeaderVocabulary {
        let root = try YAMLNode.parse(text, file: file)
        try root.checkKeys(["version", "columns", "title", "footer", "categories"])
        if let v = root.optional("version"), try v.int() != 1 {
            throw v.error("this Integra reads vocabulary files of version 1")
        }
        let columnsNode = try root.required("columns")
        let fields = SourceKind.allCases.reduce(into: Set<String>()) { $0.formUnion(SourceField.allowed(for: $1)) }
        try columnsNode.checkKeys(fields)
        let columns = try columnsNode.entries().map { (field: $0.key, words: try $0.value.strings()) }
        var title: [(field: String, words: [String])] = []
        if let titleNode = root.optional("title") {
            try titleNode.checkKeys(titleFields)
            title = try titleNode.entries().map { (field: $0.key, words: try $0.value.strings()) }
        }
        let footer = try root.optional("footer")?.strings() ?? []
        var categories = CategoryVocabulary()
        if let node = root.optional("categories") {
            try node.checkKeys(CategoryVocabulary.fields)
            for (field, list) in try node.entries() {
                // A list entry is a category written as it is published, or `category: [written forms]`.
                for item in try list.items() {
                    if let forms = try? item.entries(), forms.count == 1 {
                        categories.add(field: field, category: forms[0].key, forms: try forms[0].value.strings())
                    } else {
                        categories.add(field: field, category: try item.string(), forms: [])
                    }
                }
            }
        }
        do {
            var vocabulary = try HeaderVocabulary(columns: columns, title: title, footer: footer)
            vocabulary.categories = categories
            return vocabulary
        } catch var error as DefinitionError {
            error.file = file
            throw error
        }
    }

    /// The field a column header names: an exact word first, else the longest word the header starts with.
    public func matchColumn(_ header: String) -> Match? {
        let key = Self.key(header)
        guard !key.isEmpty else { return nil }
        if let hit = columnIndex[key] {
            return Match(field: hit.field, word: hit.word, kind: .exact, alternatives: hit.alternatives)
        }
        var best: (field: String, word: String, alternatives: [String], length: Int)?
        for (word, hit) in columnIndex where word.count > (best?.length ?? 0) && key.hasPrefix(word) {
            let next = key[key.index(key.startIndex, offsetBy: word.count)]
            if Self.prefixSeparators.contains(next) { best = (hit.field, hit.word, hit.alternatives, word.count) }
        }
        return best.map { Match(field: $0.field, word: $0.word, kind: .prefix, alternatives: $0.alternatives) }
    }

    /// The title-block field a label names (`Grupa`, `Grupa:`, `Prowadząca`), or nil.
    public func matchTitle(_ label: String) -> String? {
        titleIndex[Self.key(label)]
    }

    /// True when a cell's text opens a footer line: a footer word alone, or followed by a colon (`Sporządził: …`)
    /// or by text without letters (`Razem 12`, `Podpis prowadzącego ……`). A word followed by more words is not
    /// (`Suma Anna` is a person).
    public func isFooterText(_ text: String) -> Bool {
        guard !footerKeys.isEmpty else { return false }
        let key = Self.key(text)
        if footerKeys.contains(key) { return true }
        if let colon = key.firstIndex(of: ":"), footerKeys.contains(Self.key(String(key[..<colon]))) { return true }
        for word in footerKeys where key.hasPrefix(word + " ") {
            if !key.dropFirst(word.count).contains(where: \.isLetter) { return true }
        }
        return false
    }

    /// True when a header names a column the pipeline reads nothing from, mapped or not: a running number
    /// (`Lp.`) or a signature column.
    public func isNeverRead(_ header: String) -> Bool {
        guard let match = matchColumn(header) else { return false }
        return match.field == "row_number" || match.field == "signature"
    }

    /// What may follow a word at the start of a longer header; `.` because keys drop a word's trailing dot
    /// (`Data ur.` is `data ur`, met by `Data ur. (dd.mm.rrrr)`).
    private static let prefixSeparators: Set<Character> = [" ", "(", "/", ",", "[", "."]

    /// Folded for matching (case, Latin diacritics), with apostrophe forms unified and a trailing `.`, `:` or `*`
    /// dropped, so `Ім’я`, `Ім'я`, `Lp` and `Lp.` meet.
    static func key(_ text: String) -> String {
        var folded = String(
            TextNormalisation.foldForMatching(text).map { apostrophes.contains($0) ? "'" : $0 })
        while let last = folded.last, last == "." || last == ":" || last == "*" || last == " " { folded.removeLast() }
        return folded
    }

    private static let apostrophes: Set<Character> = ["\u{2019}", "\u{02BC}", "\u{2018}", "`", "\u{00B4}"]
}

/// The categories a consultation's `topic`, `language` and `mode` may be published as (`vocabulary.yml`,
/// `categories:`), with the forms partners write for each. A cell that is none of them — and not a form of the
/// source's `values:` map — is counted as ``other`` ("inne"), with a warning that does not carry the cell: free text
/// (a name, a PESEL, a phone number typed into the wrong column) never becomes a category of a report.
///
/// ```swift
/// vocabulary.categories.category("topic", "Praca")        // "praca"
/// vocabulary.categories.category("topic", "Jan 8501…")   // nil: counted as "inne"
/// ```
public struct CategoryVocabulary: Sendable, Equatable {
    /// The fields whose values are categories of the vocabulary.
    public static let fields: Set<String> = ["topic", "language", "mode"]
    /// What a value outside the vocabulary is counted as.
    public static let other = "inne"

    /// Field → folded written form (the category itself included) → the category as published.
    private var index: [String: [String: String]] = [:]

    public init() {}

    mutating func add(field: String, category: String, forms: [String]) {
        for form in [category] + forms {
            index[field, default: [:]][TextNormalisation.foldForMatching(form)] = category
        }
    }

    /// The category `text` is written for, or nil when the vocabulary has none for it.
    public func category(_ field: String, _ text: String) -> String? {
        index[field]?[TextNormalisation.foldForMatching(text)]
    }
}
