import Foundation
import IntegraCore
import IntegraWarehouse

/// An indicator from `sql/indicators/<code>.yml` and its SQL twin `<code>.sql`.
public struct IndicatorDefinition: Sendable {
    public var code: String
    public var version: Int
    public var name: LocalizedText
    public var description: LocalizedText
    public var unit: LocalizedText
    public var aggregation: IndicatorQuery.Aggregation
    /// How the values read: plain numbers, or `money` (sums of grosze, shown as złoty with two decimals).
    public var format: Format = .number
    public var funder: String
    /// The funding programme (and call or version) the indicator belongs to.
    public var programme: String
    /// The code the funder's form gives the indicator (`C1`, `O.2.1`), shown in reports instead of `code`.
    public var funderCode: String?
    /// The document and article the definition comes from.
    public var source: String
    /// True while the definition is not confirmed against its official source.
    public var toVerify: Bool
    public var breakdowns: [String]
    public var sql: String
    /// Paths of the two files, relative to the definitions root.
    public var files: [String]

    /// How an indicator's values are shown (`format:` in its YAML).
    public enum Format: String, Sendable, CaseIterable {
        /// Counts and other numbers as computed.
        case number
        /// Money: the values are whole grosze (sums of the integer `*_grosze` columns, exact), shown as złoty with
        /// two decimals ("1 234,56 zł").
        case money
    }

    /// True for money indicators (``Format/money``): values in grosze.
    public var isMoney: Bool { format == .money }

    /// The breakdowns Integra knows and the indicator-row column each reads.
    public static let knownBreakdowns: [String: String] = [
        "sex": "sex", "age_band": "age", "citizenship": "citizenship", "partner": "partner", "activity": "activity",
        "topic": "topic", "language": "language", "mode": "mode", "objective": "objective", "priority": "priority",
        "task": "task", "budget_line": "budget_line", "cost_category": "cost_category",
    ]

    /// Loads every indicator of `root/sql/indicators`, sorted by code.
    public static func loadAll(root: URL) throws -> [IndicatorDefinition] {
        let dir = root.appendingPathComponent("sql/indicators")
        let ymls = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yml" || $0.pathExtension == "yaml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        return try ymls.map { try load($0, root: root) }
    }

    static func load(_ yml: URL, root: URL) throws -> IndicatorDefinition {
        let rel = "sql/indicators/\(yml.lastPathComponent)"
        let node = try YAMLNode.parse(try String(contentsOf: yml, encoding: .utf8), file: rel)
        try node.checkKeys([
            "code", "version", "name", "description", "unit", "aggregation", "funder", "programme", "funder_code",
            "source", "to_verify", "breakdowns", "format",
        ])
        let codeNode = try node.required("code")
        let code = try codeNode.string()
        guard code == yml.deletingPathExtension().lastPathComponent else {
            throw codeNode.error("the code must equal the file name (\(yml.deletingPathExtension().lastPathComponent))")
        }
        let sqlURL = yml.deletingPathExtension().appendingPathExtension("sql")
        guard let sql = try? String(contentsOf: sqlURL, encoding: .utf8) else {
            throw codeNode.error("the SQL twin sql/indicators/\(code).sql is missing")
        }
        let breakdownsNode = node.optional("breakdowns")
        let breakdowns = try breakdownsNode?.strings() ?? []
        for b in breakdowns where knownBreakdowns[b] == nil {
            throw breakdownsNode!.error(
                "unknown breakdown '\(b)'; known: \(knownBreakdowns.keys.sorted().joined(separator: ", "))")
        }
        let aggregation = try node.optional("aggregation")?.oneOf(IndicatorQuery.Aggregation.allCases.map(\.rawValue))
        let formatNode = node.optional("format")
        let format = try formatNode.map { Format(rawValue: try $0.oneOf(Format.allCases.map(\.rawValue)))! } ?? .number
        if format == .money, aggregation != IndicatorQuery.Aggregation.sum.rawValue {
            throw formatNode!.error("a money indicator sums grosze: give it aggregation: sum")
        }
        var definition = IndicatorDefinition(
            code: code, version: try node.required("version").int(), name: try node.required("name").localized(),
            description: try node.optional("description")?.localized() ?? LocalizedText(pl: "", en: ""),
            unit: try node.required("unit").localized(),
            aggregation: aggregation.flatMap(IndicatorQuery.Aggregation.init(rawValue:)) ?? .countDistinct,
            funder: try node.required("funder").string(), programme: try node.optional("programme")?.string() ?? "",
            funderCode: try node.optional("funder_code")?.string(), source: try node.required("source").string(),
            toVerify: try node.optional("to_verify")?.bool() ?? false, breakdowns: breakdowns, sql: sql,
            files: [rel, "sql/indicators/\(code).sql"])
        definition.format = format
        return definition
    }
}

extension IndicatorDefinition {
    /// The indicator as the warehouse computes it.
    var query: IndicatorQuery {
        IndicatorQuery(code: code, sql: sql, aggregation: aggregation, file: files[1])
    }
}
