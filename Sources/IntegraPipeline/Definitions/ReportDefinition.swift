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
    /// One row of a sheet: an indicator, optionally one breakdown category of it (`where: { sex: K }`), with its
    /// own label ("w tym kobiety").
    public struct Row: Sendable, Hashable {
        public var indicator: String
        public var filter: BreakdownCategory?
        public var label: LocalizedText?
    }

    /// Which periods a sheet's columns show.
    public enum Columns: String, Sendable, CaseIterable {
        /// Every quarter (month, year) of the project up to the reporting period's end.
        case quarters, months, years
        /// One column: the reporting period (`--period`; the whole project by default).
        case reporting
    }

    public struct Sheet: Sendable {
        public var name: LocalizedText
        public var rows: [Row]
        /// The indicator codes of the rows, in order, once each.
        public var indicators: [String] {
            var seen: [String] = []
            for r in rows where !seen.contains(r.indicator) { seen.append(r.indicator) }
            return seen
        }
        /// A breakdown key (`sex`, `age_band`…) or nil for totals only.
        public var breakdown: String?
        public var columns: Columns
        /// Show each period's in-period value (`in_period`) or the running total (`cumulative`).
        public var scope: String
        /// Add a cumulative (project start to the reporting period's end) column after the periods.
        public var cumulativeColumn: Bool
        /// Add target and % achieved columns (totals sheets).
        public var targets: Bool
    }

    public var id: String
    public var version: Int
    public var title: LocalizedText
    /// The funder the layout is for ("Fundusz Azylu, Migracji i Integracji 2014–2020"); empty for a layout of no
    /// particular funder, which then reports for the project's own funder and agreement.
    public var funder: LocalizedText
    /// The funder's programme or call ("Razem Możemy Więcej"); empty = none named.
    public var programme: LocalizedText
    /// What the funder calls the agreement number ("Numer umowy o dofinansowanie").
    public var agreementLabel: LocalizedText
    public var source: String
    /// True while the layout is not confirmed against the funder's form.
    public var toVerify: Bool
    /// A report published beyond the project: small counts are suppressed as on the dashboard (the project's
    /// `dashboard.suppress_below`). Funder submissions leave it false and show exact counts.
    public var isPublic = false
    /// Age bands of this report; nil = the project's.
    public var ageBands: [AgeBand]?
    public var sheets: [Sheet]
    public var file: String

    /// "Numer umowy" / "Agreement no.", for a layout that names no label of its own.
    public static let defaultAgreementLabel = LocalizedText(pl: "Numer umowy", en: "Agreement no.")

    /// Loads `root/<path>` and checks its indicator codes and breakdowns against the catalogue.
    public static func load(_ path: String, root: URL, indicators: [IndicatorDefinition]) throws -> ReportDefinition {
        let url = root.appendingPathComponent(path)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw DefinitionError(file: path, keyPath: "", message: "cannot read the report definition")
        }
        let node = try YAMLNode.parse(text, file: path)
        try node.checkKeys([
            "id", "version", "title", "funder", "programme", "agreement_label", "source", "to_verify", "public",
            "age_bands", "sheets",
        ])
        let byCode = Dictionary(uniqueKeysWithValues: indicators.map { ($0.code, $0) })
        func indicator(_ n: YAMLNode) throws -> IndicatorDefinition {
            let code = try n.string()
            guard let i = byCode[code] else {
                throw n.error("no indicator '\(code)' in sql/indicators; known: \(byCode.keys.sorted().joined(separator: ", "))")
            }
            return i
        }
        func allows(_ i: IndicatorDefinition, _ breakdown: String, _ at: YAMLNode) throws {
            guard i.breakdowns.contains(breakdown) else {
                throw at.error("indicator \(i.code) does not allow the breakdown '\(breakdown)' (its YAML lists \(i.breakdowns.joined(separator: ", ")))")
            }
        }
        let sheets = try node.required("sheets").items().map { s -> Sheet in
            try s.checkKeys(["name", "indicators", "rows", "breakdown", "periods", "scope", "cumulative", "targets"])
            var rows: [Row] = []
            if let list = s.optional("indicators") {
                rows += try list.items().map { Row(indicator: try indicator($0).code, filter: nil, label: nil) }
            }
            if let list = s.optional("rows") {
                rows += try list.items().map { r -> Row in
                    try r.checkKeys(["indicator", "where", "label"])
                    let ind = try indicator(r.required("indicator"))
                    var filter: BreakdownCategory?
                    if let w = r.optional("where") {
                        let entries = try w.entries()
                        guard entries.count == 1, let (key, value) = entries.first else {
                            throw w.error("give exactly one breakdown, e.g. where: { sex: K }")
                        }
                        try allows(ind, key, w)
                        filter = BreakdownCategory(breakdown: key, value: try value.string())
                    }
                    return Row(indicator: ind.code, filter: filter, label: try r.optional("label")?.localized())
                }
            }
            guard !rows.isEmpty else { throw s.error("a sheet needs indicators: [...] or rows: [...]") }
            var breakdown: String?
            if let b = s.optional("breakdown") {
                let key = try b.string()
                for row in rows { try allows(byCode[row.indicator]!, key, b) }
                breakdown = key
            }
            let name = try s.required("name").localized()
            if name.pl.count > 31 || name.en.count > 31 { throw s.error("sheet names are at most 31 characters (Excel's limit)") }
            return Sheet(
                name: name, rows: rows, breakdown: breakdown,
                columns: Columns(rawValue: try s.optional("periods")?.oneOf(Columns.allCases.map(\.rawValue)) ?? "quarters")!,
                scope: try s.optional("scope")?.oneOf(["in_period", "cumulative"]) ?? "in_period",
                cumulativeColumn: try s.optional("cumulative")?.bool() ?? true,
                targets: try s.optional("targets")?.bool() ?? false)
        }
        return ReportDefinition(
            id: try node.required("id").string(), version: try node.required("version").int(),
            title: try node.required("title").localized(),
            funder: try node.optional("funder")?.localized() ?? LocalizedText(pl: "", en: ""),
            programme: try node.optional("programme")?.localized() ?? LocalizedText(pl: "", en: ""),
            agreementLabel: try node.optional("agreement_label")?.localized() ?? Self.defaultAgreementLabel,
            source: try node.optional("source")?.string() ?? "", toVerify: try node.optional("to_verify")?.bool() ?? false,
            isPublic: try node.optional("public")?.bool() ?? false,
            ageBands: try node.optional("age_bands").map(ProjectDefinition.parseAgeBands), sheets: sheets, file: path)
    }
}
