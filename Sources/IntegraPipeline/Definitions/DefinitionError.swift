import IntegraCore

/// A definition file (project, indicator, report) that cannot be used: names the file, line, column and key.
///
/// Rendered as `pipelines/demo.yml:12:5: sources[0].kind: expected one of attendance, roll, consultations`.
/// The CLI maps it to exit code 64 (usage).
public struct DefinitionError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int?
    public var column: Int?
    /// Dotted key path such as `sources[0].columns.birth_date`.
    public var keyPath: String
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, keyPath: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let column { s += ":\(column)" }
        s += ": "
        if !keyPath.isEmpty { s += "\(keyPath): " }
        return s + message
    }
}
