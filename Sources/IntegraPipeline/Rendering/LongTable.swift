import Foundation
import IntegraCore
import IntegraReports
import IntegraWarehouse

/// Every figure of a run as one lean long table, for a pivot table or for loading into a database such as
/// ActivityInfo, with a small dictionary of the indicators beside it.
///
/// One row per indicator × period × breakdown category, with the value in the period and the value cumulative from
/// the project's start to the period's end side by side. Columns (Polish headers by default, these with
/// `--lang en`): `indicator_code, period, period_type, breakdown, category, in_period, cumulative`.
///
/// - `period_type` (`miesiąc`, `kwartał`, `rok`, `projekt`, `okres`): filter on one type before summing, so a pivot
///   table never adds quarters to the year they make up.
/// - A period with the same dates as another is written once: `2023` is left out when the project is the year 2023
///   (the project, then quarters, months, years, custom periods are kept first).
/// - `cumulative` is empty on month rows: cumulative figures are given at the ends of quarters, years and the
///   project (every figure, month-end cumulative ones included, is in `figures.json`).
/// - Breakdowns by their readable names (`Płeć`, `Wiek (0–17, 18+)` for a report's own age bands); totals have
///   the breakdown `ogółem` and an empty category; `brak danych` is the category of units whose value is unknown.
///   Categories are the warehouse's codes (`K`, partner ids, `UKR`), the same in both languages; a budget line is
///   `poz. 1.1`, since Polish Excel opens a bare `1.1` as a date.
/// - Indicator names and units are in the dictionary (``dictionaryRows()``), not repeated on every row.
///
/// ```swift
/// let table = LongTable(indicators: indicators.map { .init($0, language: .pl) }, periods: periods, language: .pl)
/// try table.write(try warehouse.indicatorValues(), to: out.appendingPathComponent("indicators-long.csv"),
///                 dialect: .excelPL)
/// ```
public struct LongTable: Sendable {
    /// An indicator's code and its name and unit in the report language.
    public struct Indicator: Sendable, Hashable {
        public var code: String
        public var name: String
        public var unit: String
        /// Money: values in grosze, written as złoty (two decimals at most).
        public var money = false

        public init(code: String, name: String, unit: String, money: Bool = false) {
            self.code = code
            self.name = name
            self.unit = unit
            self.money = money
        }

        /// The definition's name and unit in `language`.
        public init(_ definition: IndicatorDefinition, language: ReportLanguage) {
            self.init(
                code: definition.code, name: definition.name.text(language), unit: definition.unit.text(language),
                money: definition.isMoney)
        }
    }

    /// A value the table cannot place: its indicator or period is not among those given.
    public struct UnknownReference: Error, CustomStringConvertible, Sendable {
        public var indicator: String
        public var period: String
        public var description: String {
            "indicator value \(indicator) / \(period): the long table was given no indicator or period of that id"
        }
    }

    public static func header(_ language: ReportLanguage) -> [String] {
        language == .pl
            ? ["Kod wskaźnika", "Okres", "Rodzaj okresu", "Przekrój", "Kategoria", "W okresie", "Narastająco"]
            : ["indicator_code", "period", "period_type", "breakdown", "category", "in_period", "cumulative"]
    }

    public static func dictionaryHeader(_ language: ReportLanguage) -> [String] {
        language == .pl ? ["Kod wskaźnika", "Nazwa", "Jednostka"] : ["indicator_code", "name", "unit"]
    }

    /// Rows follow this order: indicators as given, periods as given, the total before breakdowns, breakdowns and
    /// categories by code.
    public var indicators: [Indicator]
    public var periods: [ReportingPeriod]
    public var language: ReportLanguage
    /// Readable names of breakdown keys (`sex` → `Płeć`, `age_band#1` → `Wiek (0–17, 18+)`); a key without one is
    /// written as it is.
    public var breakdownNames: [String: String]

    public init(
        indicators: [Indicator], periods: [ReportingPeriod], language: ReportLanguage = .pl,
        breakdownNames: [String: String] = [:]
    ) {
        self.indicators = indicators
        self.periods = periods
        self.language = language
        self.breakdownNames = breakdownNames
    }

    private func t(_ pl: String, _ en: String) -> String { language == .pl ? pl : en }

    func periodType(_ kind: ReportingPeriod.Kind) -> String {
        switch kind {
        case .month: t("miesiąc", "month")
        case .quarter: t("kwartał", "quarter")
        case .year: t("rok", "year")
        case .project: t("projekt", "project")
        case .custom: t("okres", "custom")
        }
    }

    /// The periods written: of periods with the same dates, the one of the kind first in
    /// project, quarter, month, year, custom; the others are dropped with their values.
    var writtenPeriods: Set<String> {
        let preference: [ReportingPeriod.Kind] = [.project, .quarter, .month, .year, .custom]
        var kept: [String: ReportingPeriod] = [:]
        for p in periods {
            let dates = "\(p.start.iso)..\(p.end.iso)"
            if let other = kept[dates],
                (preference.firstIndex(of: other.kind) ?? 9) <= (preference.firstIndex(of: p.kind) ?? 9)
            {
                continue
            }
            kept[dates] = p
        }
        return Set(kept.values.map(\.id))
    }

    private struct Key: Hashable {
        var indicator: Int
        var period: Int
        var breakdown: String
        var category: String
    }

    /// The header row, then one row per indicator, period and category, in the table's fixed order whatever the
    /// order of `values`.
    public func rows(_ values: [IndicatorValue]) throws -> [[CSVField]] {
        let indicatorRank = Dictionary(indicators.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        let periodRank = Dictionary(periods.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let written = writtenPeriods
        var cells: [Key: (inPeriod: Double?, cumulative: Double?)] = [:]
        for v in values {
            guard let i = indicatorRank[v.indicator], let p = periodRank[v.period] else {
                throw UnknownReference(indicator: v.indicator, period: v.period)
            }
            guard written.contains(v.period) else { continue }
            let key = Key(indicator: i, period: p, breakdown: v.breakdown, category: v.category)
            switch v.scope {
            case "in_period": cells[key, default: (nil, nil)].inPeriod = v.value
            case "cumulative" where periods[p].kind != .month: cells[key, default: (nil, nil)].cumulative = v.value
            default: continue
            }
        }
        let keys = cells.keys.sorted {
            ($0.indicator, $0.period, $0.breakdown, $0.category) < ($1.indicator, $1.period, $1.breakdown, $1.category)
        }
        return [Self.header(language).map(CSVField.text)]
            + keys.map { key in
                let period = periods[key.period]
                let value = cells[key]!
                let total = key.breakdown.isEmpty
                // Money is stored in grosze and written in złoty: the grosze / 100 prints exactly ("1234.56").
                let scale = indicators[key.indicator].money ? 100.0 : 1.0
                return [
                    .text(indicators[key.indicator].code), .text(period.id), .text(periodType(period.kind)),
                    .text(total ? t("ogółem", "total") : breakdownNames[key.breakdown] ?? key.breakdown),
                    .text(
                        total || !key.category.isEmpty
                            ? (key.breakdown == "budget_line" ? Labels.budgetLine(key.category, language: .pl) : key.category)
                            : t("brak danych", "unknown")),
                    // A category absent from a period has no unit there: 0, not unknown.
                    .number((value.inPeriod ?? 0) / scale),
                    period.kind == .month ? .empty : .number((value.cumulative ?? 0) / scale),
                ]
            }
    }

    /// The indicators' dictionary: code, name and unit in the report language, one row each.
    public func dictionaryRows() -> [[CSVField]] {
        [Self.dictionaryHeader(language).map(CSVField.text)]
            + indicators.map { [.text($0.code), .text($0.name), .text($0.unit)] }
    }

    /// The file's bytes in `dialect`.
    public func encode(_ values: [IndicatorValue], dialect: CSVDialect = .excelPL) throws -> Data {
        try CSVTableWriter(dialect: dialect).encode(try rows(values))
    }

    /// Writes the table to `url` atomically.
    public func write(_ values: [IndicatorValue], to url: URL, dialect: CSVDialect = .excelPL) throws {
        try CSVTableWriter(dialect: dialect).write(try rows(values), to: url)
    }

    /// Writes the indicators' dictionary to `url` atomically.
    public func writeDictionary(to url: URL, dialect: CSVDialect = .excelPL) throws {
        try CSVTableWriter(dialect: dialect).write(dictionaryRows(), to: url)
    }
}

extension LongTable {
    /// Readable names of every breakdown key an indicator may have: the reports' names (`Płeć`, `Obywatelstwo`),
    /// `Wiek` for the project's age bands and `Wiek (0–17, 18+)` for the n-th report's own (`age_band#n`).
    static func breakdownNames(_ bandSets: [[AgeBand]], labels: Labels) -> [String: String] {
        var names: [String: String] = [:]
        for key in IndicatorDefinition.knownBreakdowns.keys { names[key] = labels.breakdownName(key) }
        let age = labels.language == .pl ? "Wiek" : "Age"
        for (i, bands) in bandSets.enumerated() {
            names[i == 0 ? "age_band" : "age_band#\(i)"] =
                i == 0 ? age : "\(age) (\(bands.map(\.label).joined(separator: ", ")))"
        }
        return names
    }
}
