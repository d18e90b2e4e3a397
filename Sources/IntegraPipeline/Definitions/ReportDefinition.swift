import Foundation
import IntegraCore

/// A report layout from `reports/<id>.yml`: sheets whose rows are indicator codes and whose columns are periods,
/// optionally split by one breakdown.
///
/// ```yaml
/// id: generic-quarterly
/// sheets:
///   - name: { pl: Wskaźniki, en: Indicators }
///     indicators: [persons_supported, consultations]
///     targets: true
///   - name: { pl: Płeć, en: Sex }
///     indicators: [persons_supported]
///     breakdown: sex
/// ```
public struct ReportDefinition: Sendable {
    public struct Sheet: Sendable {
        public var name: LocalizedText
        public var indicators: [String]
        /// A breakdown key (`sex`, `age_band`…) or nil for totals only.
        public var breakdown: String?
        /// Show each period's in-period value (`in_period`) or the running total (`cumulative`).
        public var scope: String
        /// Add a cumulative (project-to-date) column after the periods.
        public var cumulativeColumn: Bool
        /// Add target and % achieved columns (totals sheets).
        public var targets: Bool
    }

    public var id: String
    public var version: Int
    public var title: LocalizedText
    public var source: String
    /// Age bands of this report; nil = the project's.
    public var ageBands: [AgeBand]?
    public var sheets: [Sheet]
    public var file: String

    /// Loads `root/<path>` and checks its indicator codes and breakdowns against the catalogue.
    public static func load(_ path: String, root: URL, indicators: [IndicatorDefinition]) throws -> ReportDefinition {
        let url = root.appendingPathComponent(path)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw DefinitionError(file: path, keyPath: "", message: "cannot read the report definition")
        }
        let node = try YAMLNode.parse(text, file: path)
        try node.checkKeys(["id", "version", "title", "source", "age_bands", "sheets"])
        let byCode = Dictionary(uniqueKeysWithValues: indicators.map { ($0.code, $0) })
        let sheets = try node.required("sheets").items().map { s -> Sheet in
            try s.checkKeys(["name", "indicators", "breakdown", "scope", "cumulative", "targets"])
            let codesNode = try s.required("indicators")
            let codes = try codesNode.strings()
            for code in codes where byCode[code] == nil {
                throw codesNode.error("no indicator '\(code)' in sql/indicators; known: \(byCode.keys.sorted().joined(separator: ", "))")
            }
            var breakdown: String?
            if let b = s.optional("breakdown") {
                let key = try b.string()
                for code in codes where !(byCode[code]!.breakdowns.contains(key)) {
                    throw b.error("indicator \(code) does not allow the breakdown '\(key)' (its YAML lists \(byCode[code]!.breakdowns.joined(separator: ", ")))")
                }
                breakdown = key
            }
            let name = try s.required("name").localized()
            if name.pl.count > 31 || name.en.count > 31 { throw s.error("sheet names are at most 31 characters (Excel's limit)") }
            return Sheet(
                name: name, indicators: codes, breakdown: breakdown,
                scope: try s.optional("scope")?.oneOf(["in_period", "cumulative"]) ?? "in_period",
                cumulativeColumn: try s.optional("cumulative")?.bool() ?? true,
                targets: try s.optional("targets")?.bool() ?? false)
        }
        return ReportDefinition(
            id: try node.required("id").string(), version: try node.required("version").int(),
            title: try node.required("title").localized(), source: try node.optional("source")?.string() ?? "",
            ageBands: try node.optional("age_bands").map(ProjectDefinition.parseAgeBands), sheets: sheets, file: path)
    }
}
