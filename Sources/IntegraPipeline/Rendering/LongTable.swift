import Foundation
import IntegraCore
import IntegraReports
import IntegraWarehouse

/// Every computed figure of a run as one long table, one row per value, for loading into a database such as
/// ActivityInfo (a form whose fields are these columns) or for pivoting in a spreadsheet.
///
/// Columns: `indicator_code, indicator_name, unit, period, period_start, period_end, scope, breakdown, category,
/// value`. The names follow ActivityInfo's advice for records to import
/// (https://activityinfo.org/support/docs/working-with-data/preparing-the-records-for-import.html): headers that
/// can be a form's field codes as they are (ASCII, no spaces), dates as `YYYY-MM-DD`, quantities with a dot as the
/// decimal sign and no thousands separator "even if ActivityInfo is configured for another locale" — so the
/// RFC 4180 dialect is the one to import; the Excel-PL dialect (decimal comma) is for opening in Polish Excel.
/// `indicator_code, period, scope, breakdown, category` identify a row: declared as the form's key fields, a
/// later run's file updates the records of an earlier import instead of adding new ones.
///
/// `breakdown` and `category` are empty on a total (each unit counted once); `category` is empty within a
/// breakdown for units whose value is unknown. Categories are the warehouse's codes (`K`, partner ids, `UKR`),
/// stable across languages; `age_band#n` is the breakdown by the n-th report's own age bands.
///
/// ```swift
/// let table = LongTable(indicators: indicators.map { .init($0, language: .pl) }, periods: periods)
/// try table.write(try warehouse.indicatorValues(), to: out.appendingPathComponent("indicators-long.csv"),
///                 dialect: .rfc4180)
/// ```
public struct LongTable: Sendable {
    /// An indicator's code and its name and unit in the report language.
    public struct Indicator: Sendable, Hashable {
        public var code: String
        public var name: String
        public var unit: String

        public init(code: String, name: String, unit: String) {
            self.code = code
            self.name = name
            self.unit = unit
        }

        /// The definition's name and unit in `language`.
        public init(_ definition: IndicatorDefinition, language: ReportLanguage) {
            self.init(code: definition.code, name: definition.name.text(language), unit: definition.unit.text(language))
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

    public static let header = [
        "indicator_code", "indicator_name", "unit", "period", "period_start", "period_end", "scope", "breakdown",
        "category", "value",
    ]

    /// Rows follow this order: indicators as given, periods as given, `in_period` before `cumulative`, the total
    /// before breakdowns, breakdowns and categories by code.
    public var indicators: [Indicator]
    public var periods: [ReportingPeriod]

    public init(indicators: [Indicator], periods: [ReportingPeriod]) {
        self.indicators = indicators
        self.periods = periods
    }

    /// The header row, then one row per value, in the table's fixed order whatever the order of `values`.
    public func rows(_ values: [IndicatorValue]) throws -> [[CSVField]] {
        let indicatorRank = Dictionary(indicators.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        let periodRank = Dictionary(periods.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let scopeRank = ["in_period": 0, "cumulative": 1]
        var keyed: [(key: (Int, Int, Int, String, String, String), value: IndicatorValue)] = []
        for v in values {
            guard let i = indicatorRank[v.indicator], let p = periodRank[v.period] else {
                throw UnknownReference(indicator: v.indicator, period: v.period)
            }
            keyed.append(((i, p, scopeRank[v.scope] ?? 2, v.scope, v.breakdown, v.category), v))
        }
        keyed.sort { $0.key < $1.key }
        return [Self.header.map(CSVField.text)]
            + keyed.map { k, v in
                let indicator = indicators[k.0]
                let period = periods[k.1]
                return [
                    .text(indicator.code), .text(indicator.name), .text(indicator.unit), .text(period.id),
                    .date(period.start), .date(period.end), .text(v.scope), .text(v.breakdown), .text(v.category),
                    .number(v.value),
                ]
            }
    }

    /// The file's bytes in `dialect`.
    public func encode(_ values: [IndicatorValue], dialect: CSVDialect = .rfc4180) throws -> Data {
        try CSVTableWriter(dialect: dialect).encode(try rows(values))
    }

    /// Writes the table to `url` atomically.
    public func write(_ values: [IndicatorValue], to url: URL, dialect: CSVDialect = .rfc4180) throws {
        try CSVTableWriter(dialect: dialect).write(try rows(values), to: url)
    }
}
