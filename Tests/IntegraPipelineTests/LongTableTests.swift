import Foundation
import IntegraCore
import IntegraReports
import IntegraTesting
import IntegraWarehouse
import Testing

@testable import IntegraPipeline

/// The lean long CSV (issue 16, item 9): one row per indicator, period and category, fixed order, both dialects.
@Suite struct LongTableTests {
    static let q1 = ReportingPeriod(
        id: "2023Q1", kind: .quarter, start: LocalDate(iso: "2023-01-01")!, end: LocalDate(iso: "2023-03-31")!,
        labelPL: "I kw. 2023", labelEN: "Q1 2023")
    static let q2 = ReportingPeriod(
        id: "2023Q2", kind: .quarter, start: LocalDate(iso: "2023-04-01")!, end: LocalDate(iso: "2023-06-30")!,
        labelPL: "II kw. 2023", labelEN: "Q2 2023")
    static let year = ReportingPeriod(
        id: "2023", kind: .year, start: LocalDate(iso: "2023-01-01")!, end: LocalDate(iso: "2023-06-30")!,
        labelPL: "2023", labelEN: "2023")
    static let project = ReportingPeriod(
        id: "project", kind: .project, start: LocalDate(iso: "2023-01-01")!, end: LocalDate(iso: "2023-06-30")!,
        labelPL: "cały projekt", labelEN: "whole project")
    static let march = ReportingPeriod(
        id: "2023-03", kind: .month, start: LocalDate(iso: "2023-03-01")!, end: LocalDate(iso: "2023-03-31")!,
        labelPL: "marzec 2023", labelEN: "March 2023")
    static let indicators: [LongTable.Indicator] = [
        .init(code: "persons_supported", name: "Osoby objęte wsparciem", unit: "osoby"),
        .init(code: "support_hours", name: "Godziny wsparcia, w tym \"konsultacje\"", unit: "godziny"),
    ]
    static let table = LongTable(
        indicators: indicators, periods: [q1, q2, march, year, project], language: .pl,
        breakdownNames: ["sex": "Płeć", "age_band#1": "Wiek (0–17, 18+)"])

    static func value(_ indicator: String, _ period: String, _ scope: String, _ b: String = "", _ c: String = "", v: Double)
        -> IndicatorValue
    {
        IndicatorValue(indicator: indicator, period: period, scope: scope, breakdown: b, category: c, value: v)
    }

    /// Given in the warehouse's alphabetical order (cumulative before in_period, 2023Q2 after 2023Q1 …).
    static let values = [
        value("persons_supported", "2023", "in_period", v: 6),
        value("persons_supported", "2023-03", "cumulative", v: 3),
        value("persons_supported", "2023-03", "in_period", v: 1),
        value("persons_supported", "2023Q1", "cumulative", v: 3),
        value("persons_supported", "2023Q1", "in_period", v: 3),
        value("persons_supported", "2023Q1", "in_period", "sex", "", v: 1),
        value("persons_supported", "2023Q1", "in_period", "sex", "K", v: 2),
        value("persons_supported", "2023Q2", "cumulative", "age_band#1", "18+", v: 5),
        value("persons_supported", "2023Q2", "in_period", v: 4),
        value("persons_supported", "project", "in_period", v: 6),
        value("support_hours", "2023Q1", "in_period", v: 12.5),
    ]

    static func texts(_ rows: [[CSVField]]) -> [String] {
        rows.map { row in
            row.map { field -> String in
                switch field {
                case .text(let s): return s
                case .number(let d): return d == d.rounded() ? String(Int(d)) : String(d)
                case .empty: return ""
                case .date(let d): return d.iso
                }
            }.joined(separator: "|")
        }
    }

    /// One row per indicator, period and category with both values; the year with the project's dates left out,
    /// months without a cumulative value, readable breakdowns, `brak danych` for an unknown category.
    @Test func oneRowPerCategoryWithBothValuesInAFixedOrder() throws {
        let rows = Self.texts(try Self.table.rows(Self.values.reversed()))
        #expect(
            rows == [
                "Kod wskaźnika|Okres|Rodzaj okresu|Przekrój|Kategoria|W okresie|Narastająco",
                "persons_supported|2023Q1|kwartał|ogółem||3|3",
                "persons_supported|2023Q1|kwartał|Płeć|brak danych|1|0",
                "persons_supported|2023Q1|kwartał|Płeć|K|2|0",
                "persons_supported|2023Q2|kwartał|ogółem||4|0",
                "persons_supported|2023Q2|kwartał|Wiek (0–17, 18+)|18+|0|5",
                "persons_supported|2023-03|miesiąc|ogółem||1|",
                "persons_supported|project|projekt|ogółem||6|0",
                "support_hours|2023Q1|kwartał|ogółem||12.5|0",
            ])
    }

    /// English headers and period types with --lang en; the dictionary holds each name once.
    @Test func englishHeadersAndTheDictionary() throws {
        var table = Self.table
        table.language = .en
        let rows = Self.texts(try table.rows(Self.values))
        #expect(rows[0] == "indicator_code|period|period_type|breakdown|category|in_period|cumulative")
        #expect(rows[1] == "persons_supported|2023Q1|quarter|total||3|3")
        #expect(
            Self.texts(table.dictionaryRows()) == [
                "indicator_code|name|unit", "persons_supported|Osoby objęte wsparciem|osoby",
                "support_hours|Godziny wsparcia, w tym \"konsultacje\"|godziny",
            ])
    }

    /// RFC 4180 on request: no BOM, commas, CRLF, a dot in 12.5 (what ActivityInfo's importer expects).
    @Test func rfc4180Bytes() throws {
        let text = String(decoding: try Self.table.encode(Self.values, dialect: .rfc4180), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0] == "Kod wskaźnika,Okres,Rodzaj okresu,Przekrój,Kategoria,W okresie,Narastająco")
        #expect(lines[8] == "support_hours,2023Q1,kwartał,ogółem,,12.5,0")
    }

    /// The Excel-PL dialect by default: BOM, semicolons, decimal comma.
    @Test func excelPLBytes() throws {
        let data = try Self.table.encode(Self.values)
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let lines = String(decoding: data.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("Kod wskaźnika;Okres;Rodzaj okresu;"))
        #expect(lines[8] == "support_hours;2023Q1;kwartał;ogółem;;12,5;0")
    }

    /// Names in the report language, from the indicator definitions.
    @Test func namesFollowTheReportLanguage() throws {
        let definitions = try IndicatorDefinition.loadAll(root: TestSupport.repositoryRoot)
        let supported = try #require(definitions.first { $0.code == "persons_supported" })
        let pl = LongTable.Indicator(supported, language: .pl)
        let en = LongTable.Indicator(supported, language: .en)
        #expect(pl.name == supported.name.pl && pl.unit == supported.unit.pl)
        #expect(en.name == supported.name.en && en.unit == supported.unit.en)
        #expect(pl.name != en.name)
    }

    /// A value of an indicator or period the table was not given is a wiring mistake, reported, not dropped.
    @Test func aValueOfAnUnknownIndicatorIsRefused() throws {
        let stray = IndicatorValue(
            indicator: "retired", period: "2023Q1", scope: "in_period", breakdown: "", category: "", value: 1)
        let error = #expect(throws: LongTable.UnknownReference.self) { try Self.table.rows(Self.values + [stray]) }
        #expect(error?.indicator == "retired")
    }
}
