import Foundation
import IntegraCore

/// A named pattern that takes a source's fields from a file name or a title line: `{field}` placeholders, `*`
/// wildcards, and literal text compared ignoring case and diacritics (the project file's `from_file_name:` and
/// `from_title:`).
///
/// ```swift
/// let name = try FieldPattern("kurs_{group}_lista")
/// name.matchWhole("kurs_2024Q1-A0-a_lista")        // ["group": "2024Q1-A0-a"]
/// let title = try FieldPattern("grupa {group}")
/// title.matchAnywhere("Lista obecności – kurs języka polskiego, grupa 2024Q1-A0-a")   // ["group": "2024Q1-A0-a"]
/// ```
public struct FieldPattern: Sendable, Hashable {
    /// The fields a pattern may take (`claim`: a ledger's payment claim, issue 19); which of them a kind of file
    /// reads is `SourceField.patternFields(for:)`.
    public static let knownFields: Set<String> = ["group", "activity", "partner", "claim"]

    /// Why a pattern cannot be used; the loader names the file, line and key.
    public struct Problem: Error, Equatable {
        public var message: String
    }

    enum Piece: Hashable {
        /// Folded characters, compared one to one with the folded subject.
        case literal([Character])
        /// Any text, the shortest that lets the rest match.
        case wildcard
        case field(String)
    }

    /// The pattern as written.
    public let text: String
    let pieces: [Piece]

    /// The fields the pattern takes, in order.
    public var fields: [String] { Self.fields(in: pieces) }

    private static func fields(in pieces: [Piece]) -> [String] {
        pieces.compactMap { if case .field(let f) = $0 { f } else { nil } }
    }

    /// Parses `text`; throws when it names an unknown field, has no `{field}`, repeats one, leaves a brace open or
    /// puts two of `{field}` and `*` side by side (which would leave the split between them to chance).
    public init(_ text: String) throws(Problem) {
        self.text = text
        var pieces: [Piece] = []
        var literal = ""
        func flush() {
            if !literal.isEmpty { pieces.append(.literal(Self.fold(literal).chars)) }
            literal = ""
        }
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            switch c {
            case "{":
                guard let close = text[i...].firstIndex(of: "}") else {
                    throw Problem(message: "a '{' is not closed; write {group}, {activity} or {partner}")
                }
                let name = String(text[text.index(after: i)..<close]).trimmingCharacters(in: .whitespaces)
                guard Self.knownFields.contains(name) else {
                    throw Problem(message: "unknown field {\(name)}; a pattern takes {group}, {activity}, {partner} or {claim}")
                }
                flush()
                pieces.append(.field(name))
                i = text.index(after: close)
                continue
            case "}":
                throw Problem(message: "a '}' without its '{'")
            case "*":
                flush()
                pieces.append(.wildcard)
            default:
                literal.append(c)
            }
            i = text.index(after: i)
        }
        flush()
        let fields = Self.fields(in: pieces)
        guard !fields.isEmpty else {
            throw Problem(message: "the pattern takes no field; put {group}, {activity} or {partner} where the value is")
        }
        if let repeated = fields.first(where: { f in fields.filter { $0 == f }.count > 1 }) {
            throw Problem(message: "{\(repeated)} appears twice")
        }
        for (a, b) in zip(pieces, pieces.dropFirst()) {
            if case .literal = a { continue }
            if case .literal = b { continue }
            if a == .wildcard && b == .wildcard { continue }
            throw Problem(message: "put literal text between two of {field} and * (where one ends and the other starts is unknown)")
        }
        self.pieces = pieces
    }

    /// The pattern as a reader fills it in, for messages: `grupa <group>`, `kurs_<group>_…`.
    public var example: String {
        text.replacingOccurrences(of: "{", with: "<").replacingOccurrences(of: "}", with: ">")
            .replacingOccurrences(of: "*", with: "…")
    }

    /// Matches the whole of `text` (a file name without its extension); the field values as written, or nil.
    public func matchWhole(_ text: String) -> [String: String]? {
        let subject = Self.fold(text)
        var captures: [String: String] = [:]
        return match(0, 0, subject, whole: true, &captures) ? captures : nil
    }

    /// Matches anywhere in `line` starting at a word boundary, a `{field}` at the end taking the rest of the word
    /// (letters, digits, `-`, `_`, `.`, `/`; a final `.` is punctuation); the field values, or nil.
    public func matchAnywhere(_ line: String) -> [String: String]? {
        let subject = Self.fold(line)
        for start in 0..<max(subject.chars.count, 1) {
            if start > 0, Self.isWordCharacter(subject.chars[start - 1]), Self.isWordCharacter(subject.chars[start]) {
                continue
            }
            var captures: [String: String] = [:]
            if match(0, start, subject, whole: false, &captures) { return captures }
        }
        return nil
    }

    private func match(_ p: Int, _ at: Int, _ s: Folded, whole: Bool, _ captures: inout [String: String]) -> Bool {
        guard p < pieces.count else { return !whole || at == s.chars.count }
        switch pieces[p] {
        case .literal(let chars):
            guard at + chars.count <= s.chars.count, s.chars[at..<(at + chars.count)].elementsEqual(chars) else {
                return false
            }
            return match(p + 1, at + chars.count, s, whole: whole, &captures)
        case .wildcard:
            for end in at...s.chars.count where match(p + 1, end, s, whole: whole, &captures) { return true }
            return false
        case .field(let name):
            if !whole && p == pieces.count - 1 {
                var end = at
                while end < s.chars.count, Self.isWordCharacter(s.chars[end]) { end += 1 }
                while end > at, s.chars[end - 1] == "." { end -= 1 }
                guard end > at, let value = s.original(at, end) else { return false }
                captures[name] = value
                return true
            }
            guard at < s.chars.count else { return false }
            for end in (at + 1)...s.chars.count {
                guard let value = s.original(at, end) else { continue }
                captures[name] = value
                if match(p + 1, end, s, whole: whole, &captures) { return true }
                captures[name] = nil
            }
            return false
        }
    }

    static func isWordCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "-" || c == "_" || c == "." || c == "/"
    }

    /// Text folded character by character (case, Latin diacritics; white space runs as one space), each folded
    /// character remembering the written one it came from, so a field's value is taken as written.
    struct Folded {
        var chars: [Character] = []
        var origin: [Int] = []
        var written: [Character] = []

        /// The written text behind folded characters `from..<to`, cleaned; nil when that is empty.
        func original(_ from: Int, _ to: Int) -> String? {
            let text = TextNormalisation.clean(String(written[origin[from]...origin[to - 1]]))
            return text.isEmpty ? nil : text
        }
    }

    static func fold(_ text: String) -> Folded {
        var folded = Folded()
        folded.written = Array(text)
        var lastWasSpace = false
        for (i, c) in folded.written.enumerated() {
            if c.isWhitespace {
                if !lastWasSpace {
                    folded.chars.append(" ")
                    folded.origin.append(i)
                }
                lastWasSpace = true
                continue
            }
            lastWasSpace = false
            for f in TextNormalisation.foldForMatching(String(c)) {
                folded.chars.append(f)
                folded.origin.append(i)
            }
        }
        return folded
    }
}

extension FieldPattern {
    /// What `source`'s `from_file_name:` takes from the name of the file at `path` (without its extension): the
    /// partner and activity ids and the group as written; a failure when the name does not match or names no id.
    static func fileNameFields(
        _ path: String, source: SourceDefinition, project: ProjectDefinition
    ) -> Result<(partner: String?, activity: String?, group: String?, claim: String?), Diagnostic.Problem> {
        guard let pattern = source.fromFileName else { return .success((nil, nil, nil, nil)) }
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        guard let captured = pattern.matchWhole(stem) else {
            return .failure(
                .init(
                    .patternNotMatched,
                    "the file name does not match from_file_name: \"\(pattern.text)\" (expected a name like \"\(pattern.example)\"); rename the file or correct the pattern; the file is not read"
                ))
        }
        return ids(captured, source: source, project: project).map {
            ($0.partner, $0.activity, captured["group"], captured["claim"])
        }
    }

    /// The partner and activity ids that captured `partner` and `activity` texts name: through the source's
    /// `values:` map, else the id itself (ignoring case and diacritics); nil for a field not captured.
    static func ids(
        _ captured: [String: String], source: SourceDefinition, project: ProjectDefinition
    ) -> Result<(partner: String?, activity: String?), Diagnostic.Problem> {
        func id(_ field: String, among ids: [String]) -> Result<String?, Diagnostic.Problem> {
            guard let text = captured[field] else { return .success(nil) }
            let folded = TextNormalisation.foldForMatching(text)
            if let mapped = source.values[field]?[folded] { return .success(mapped) }
            if let id = ids.first(where: { TextNormalisation.foldForMatching($0) == folded }) { return .success(id) }
            return .failure(
                .init(
                    .unknownPatternValue,
                    "the \(field) the pattern takes here is no \(field) id of the project; add its written form under values: \(field): (e.g. \(field): { <id>: [\"…\"] }); the sheet is not read"
                ))
        }
        switch (id("partner", among: project.partners.map(\.id)), id("activity", among: project.activities.map(\.id))) {
        case (.failure(let problem), _), (_, .failure(let problem)): return .failure(problem)
        case (.success(let partner), .success(let activity)): return .success((partner, activity))
        }
    }
}
