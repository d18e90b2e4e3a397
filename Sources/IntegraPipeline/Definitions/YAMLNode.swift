import Foundation
import IntegraCore
import Yams

/// A YAML node with the file and key path it came from, so every error can name file, line and key.
///
/// Definition loaders walk a file with it and reject unknown keys, which catches typos such as `colums:`.
struct YAMLNode {
    let node: Node
    let file: String
    let path: String

    /// Parses `text` (the contents of `file`) into its root node.
    static func parse(_ text: String, file: String) throws -> YAMLNode {
        do {
            guard let root = try Yams.compose(yaml: text) else {
                throw DefinitionError(file: file, line: 1, keyPath: "", message: "the file is empty")
            }
            return YAMLNode(node: root, file: file, path: "")
        } catch let error as YamlError {
            throw DefinitionError(file: file, line: error.line, column: error.column, keyPath: "", message: error.summary)
        }
    }

    func error(_ message: String) -> DefinitionError {
        DefinitionError(file: file, line: node.mark?.line, column: node.mark?.column, keyPath: path, message: message)
    }

    private func child(_ node: Node, _ key: String) -> YAMLNode {
        YAMLNode(node: node, file: file, path: path.isEmpty ? key : "\(path).\(key)")
    }

    // MARK: Mappings

    /// The mapping's entries in file order; throws when the node is not a mapping.
    func entries() throws -> [(key: String, value: YAMLNode)] {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping (key: value lines)") }
        return try mapping.map { pair in
            guard let key = pair.key.string else {
                throw DefinitionError(
                    file: file, line: pair.key.mark?.line, column: pair.key.mark?.column, keyPath: path,
                    message: "mapping keys must be text")
            }
            return (key, child(pair.value, key))
        }
    }

    /// Throws for the first key not in `allowed`, naming the allowed ones.
    func checkKeys(_ allowed: Set<String>) throws {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping (key: value lines)") }
        for pair in mapping {
            let key = pair.key.string ?? ""
            if !allowed.contains(key) {
                throw DefinitionError(
                    file: file, line: pair.key.mark?.line, column: pair.key.mark?.column,
                    keyPath: path.isEmpty ? key : "\(path).\(key)",
                    message: "unknown key; allowed here: \(allowed.sorted().joined(separator: ", "))")
            }
        }
    }

    /// The value under `key`, or nil when absent or null.
    func optional(_ key: String) -> YAMLNode? {
        guard case .mapping(let mapping) = node, let value = mapping[key] else { return nil }
        if case .scalar(let s) = value, (s.style == .plain && ["", "~", "null"].contains(s.string)) {
            return nil
        }
        return child(value, key)
    }

    /// The value under `key`; throws naming the key when it is missing.
    func required(_ key: String) throws -> YAMLNode {
        guard case .mapping = node else { throw error("expected a mapping (key: value lines)") }
        guard let value = optional(key) else {
            throw DefinitionError(
                file: file, line: node.mark?.line, column: node.mark?.column,
                keyPath: path.isEmpty ? key : "\(path).\(key)", message: "required key is missing")
        }
        return value
    }

    // MARK: Sequences

    /// The items of a sequence; a single scalar is accepted as a one-item list when `allowScalar` is true.
    func items(allowScalar: Bool = false) throws -> [YAMLNode] {
        switch node {
        case .sequence(let seq):
            return seq.enumerated().map { YAMLNode(node: $0.element, file: file, path: "\(path)[\($0.offset)]") }
        case .scalar where allowScalar:
            return [self]
        default:
            throw error("expected a list (lines starting with '- ')")
        }
    }

    // MARK: Scalars

    func string() throws -> String {
        guard case .scalar(let s) = node else { throw error("expected a text value") }
        return s.string
    }

    func int() throws -> Int {
        guard case .scalar(let s) = node, let v = Int(s.string.replacingOccurrences(of: "_", with: "")) else {
            throw error("expected a whole number")
        }
        return v
    }

    func double() throws -> Double {
        guard case .scalar(let s) = node else { throw error("expected a number") }
        let text = s.string.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("%"),
            let v = Double(text.dropLast().trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")),
            v.isFinite
        {
            return v / 100
        }
        // `inf` and `nan` read as numbers in Swift; no setting means either.
        guard let v = Double(text.replacingOccurrences(of: ",", with: ".")), v.isFinite else {
            throw error("expected a number")
        }
        return v
    }

    func bool() throws -> Bool {
        guard case .scalar(let s) = node else { throw error("expected true or false") }
        switch s.string.lowercased() {
        case "true", "yes", "tak": return true
        case "false", "no", "nie": return false
        default: throw error("expected true or false")
        }
    }

    func date() throws -> LocalDate {
        guard let d = LocalDate(iso: try string()) else { throw error("expected a date as yyyy-mm-dd") }
        return d
    }

    func oneOf(_ allowed: [String]) throws -> String {
        let v = try string()
        guard allowed.contains(v) else { throw error("expected one of \(allowed.joined(separator: ", "))") }
        return v
    }

    /// A list of texts, or one text.
    func strings() throws -> [String] {
        try items(allowScalar: true).map { try $0.string() }
    }

    /// `{pl: …, en: …}`, or one text used for both languages.
    func localized() throws -> LocalizedText {
        if case .scalar = node {
            let s = try string()
            return LocalizedText(pl: s, en: s)
        }
        try checkKeys(["pl", "en"])
        let pl = try required("pl").string()
        return LocalizedText(pl: pl, en: try optional("en")?.string() ?? pl)
    }
}

extension YamlError {
    var line: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }
    var column: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.column
        default: return nil
        }
    }
    var summary: String {
        switch self {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return "YAML syntax error: \(problem)"
        default:
            return "YAML error: \(self)"
        }
    }
}
