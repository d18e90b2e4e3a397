import IntegraCore
import Testing

@testable import IntegraIngest

private let parser = XLSXSheetParser(sharedStrings: ["Imię", ""], dateStyles: [false, true], uses1904Dates: false)

@Test(
    arguments: [
        ("s", 0, "0", CellValue.string("Imię")), ("s", 0, "1", .empty), ("inlineStr", 0, "Kraków", .string("Kraków")),
        ("str", 0, "", .empty), ("b", 0, "0", .bool(false)), ("b", 0, "true", .bool(true)),
        ("e", 0, "#REF!", .error("#REF!")),
        ("d", 0, "2023-03-12T00:00:00", .date(LocalDate(year: 2023, month: 3, day: 12)!)),
        (nil, 0, "1.5E3", .number(1500)), ("n", 0, "", .empty),
        (nil, 1, "44997", .date(LocalDate(year: 2023, month: 3, day: 12)!)),
        (nil, 1, "0.5", .number(0.5)),  // a time without a date is not a calendar date
        (nil, 7, "44997", .number(44997)),  // style index past the table
        (nil, 0, "n/a", .string("n/a")),
    ] as [(String?, Int, String, CellValue)])
func cellValues(type: String?, style: Int, text: String, expected: CellValue) {
    #expect(parser.value(type: type, style: style, text: text) == expected)
}

@Test func missingSharedStringIsNil() {
    #expect(parser.value(type: "s", style: 0, text: "2") == nil)
    #expect(parser.value(type: "s", style: 0, text: "x") == nil)
}
