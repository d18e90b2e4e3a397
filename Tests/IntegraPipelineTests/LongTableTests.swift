import Foundation
import IntegraCore
import IntegraReports
import IntegraTesting
import IntegraWarehouse
import Testing

@testable import IntegraPipeline

/// The long CSV for ActivityInfo: one row per figure, fixed order, both dialects.
@Suite struct LongTableTests {
    static let q1 = ReportingPeriod(
        id: "2023Q1", kind: .quarter, start: LocalDate(iso: "2023-01-01")!, end: LocalDate(iso: "2023-03-31")!,
        labelPL: "I kw. 2023", labelEN: "Q1 2023")
    static let q2 = ReportingPeriod(
        id: "2023Q2", kind: .quarter, start: LocalDate(iso: "2023-04-01")!, end: LocalDate(iso: "2023-06-30")!,
        labelPL: "II kw. 2023", labelEN: "Q2 2023")
    static let table = LongTable(
        indicators: [
            .init(code: "persons_supported", name: "Osoby objęte wsparciem", unit: "osoby"),
            .init(code: "support_hours", name: "Godziny wsparcia, w tym \"konsultacje\"", unit: "godziny"),
        ],
        periods: [q1, q2])

    /// Given in the warehouse's alphabetical order (cumulative before in_period, 2023Q2 after 2023Q1 …).
    static let values = [
        IndicatorValue(
            indicator: "persons_supported", period: "2023Q1", scope: "cumulative", breakdown: "", category: "", value: 3
        ),
        IndicatorValue(
            indicator: "persons_supported", period: "2023Q1", scope: "in_period", breakdown: "", category: "", value: 3),
        IndicatorValue(
            indicator: "persons_supported", period: "2023Q1", scope: "in_period", breakdown: "sex", category: "",
            value: 1),
        IndicatorValue(
            indicator: "persons_supported", period: "2023Q1", scope: "in_period", breakdown: "sex", category: "K",
            value: 2),
        IndicatorValue(
            indicator: "persons_supported", period: "2023Q2", scope: "in_period", breakdown: "", category: "", value: 4),
        IndicatorValue(
            indicator: "support_hours", period: "2023Q1", scope: "in_period", breakdown: "", category: "", value: 12.5),
    ]

    @Test func oneRowPerValueInAFixedOrder() throws {
        let rows = try Self.table.rows(Self.values.reversed())
        #expect(rows[0] == LongTable.header.map(CSVField.text))
        let keys = rows.dropFirst().map { row in
            [row[0], row[3], row[6], row[7], row[8]].map { field -> String in
                if case .text(let s) = field { return s }
                return "?"
            }.joined(separator: " ")
        }
        #expect(
            keys == [
                "persons_supported 2023Q1 in_period  ",
                "persons_supported 2023Q1 in_period sex ",
                "persons_supported 2023Q1 in_period sex K",
                "persons_supported 2023Q1 cumulative  ",
                "persons_supported 2023Q2 in_period  ",
                "support_hours 2023Q1 in_period  ",
            ])
    }

    /// RFC 4180 by default: no BOM, commas, CRLF, a dot in 12.5 (what ActivityInfo's importer expects), ISO dates.
    @Test func rfc4180Bytes() throws {
        let text = String(decoding: try Self.table.encode(Self.values), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(
            lines[0]
                == "indicator_code,indicator_name,unit,period,period_start,period_end,scope,breakdown,category,value")
        #expect(lines[1] == "persons_supported,Osoby objęte wsparciem,osoby,2023Q1,2023-01-01,2023-03-31,in_period,,,3")
        #expect(
            lines[3] == "persons_supported,Osoby objęte wsparciem,osoby,2023Q1,2023-01-01,2023-03-31,in_period,sex,K,2")
        #expect(
            lines[6]
                == "support_hours,\"Godziny wsparcia, w tym \"\"konsultacje\"\"\",godziny,2023Q1,2023-01-01,2023-03-31,in_period,,,12.5"
        )
        #expect(lines.count == 8)
    }

    /// The Excel-PL dialect on request: BOM, semicolons, decimal comma.
    @Test func excelPLBytes() throws {
        let data = try Self.table.encode(Self.values, dialect: .excelPL)
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let lines = String(decoding: data.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("indicator_code;indicator_name;unit;period;"))
        #expect(
            lines[6]
                == #"support_hours;"Godziny wsparcia, w tym ""konsultacje""";godziny;2023Q1;2023-01-01;2023-03-31;in_period;;;12,5"#
        )
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
