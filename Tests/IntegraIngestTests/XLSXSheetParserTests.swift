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

/// The fast decimal path must give exactly the double `Double(String)` gives, or decline.
@Test func fastDecimalsMatchDoubleParsing() {
    let fixed = [
        "0", "-0", "7", "007", "44997", "44997.395833333336", "0.30000000000000004", "1234.56", "-0.5", "1.5E3",
        "1E-7", "2.5e+10", "9007199254740993", "123456789012345678901234", "1e22", "1e23", "4.9406564584124654E-324",
        "1.7976931348623157E308", "1.", ".5", "1e", "-", "+1", "1,5", " 1", "0x10", "inf", "1e0400", "",
    ]
    var random = SeededGenerator(seed: 11)
    let generated = (0..<5_000).map { _ -> String in
        let digits = String(UInt64.random(in: 0...UInt64.max, using: &random)).prefix(
            Int.random(in: 1...19, using: &random))
        let point = Int.random(in: 0...digits.count, using: &random)
        var text = String(digits.prefix(point)) + (point < digits.count ? "." + digits.dropFirst(point) : "")
        if text.hasPrefix(".") { text = "0" + text }
        if Bool.random(using: &random) { text += "E" + String(Int.random(in: -30...30, using: &random)) }
        return Bool.random(using: &random) ? "-" + text : text
    }
    for text in fixed + generated {
        var copy = text
        let fast = copy.withUTF8 { XLSXSheetParser.decimal(UnsafeRawBufferPointer($0)) }
        if let fast {
            #expect(fast.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
    }
    var sample = "44997.5"
    #expect(sample.withUTF8 { XLSXSheetParser.decimal(UnsafeRawBufferPointer($0)) } == 44997.5)
}

@Test(arguments: [
    "0", "12", "-3", "+4", "", "-", "1.0", " 1", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
    "x",
])
func integersParseLikeInt(text: String) {
    var copy = text
    #expect(copy.withUTF8 { XLSXSheetParser.integer(UnsafeRawBufferPointer($0)) } == Int(text))
}
