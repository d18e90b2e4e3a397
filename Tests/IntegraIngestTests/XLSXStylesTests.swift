import Foundation
import Testing

@testable import IntegraIngest

@Test(arguments: [
    ("dd.mm.yyyy", true), ("yyyy-mm-dd", true), ("d/m/yy", true), ("[$-415]d mmmm yyyy", true),
    ("h:mm", true), ("[h]:mm:ss", true), ("mm:ss.0", true), ("dd\\.mm\\.yyyy;@", true), ("[Red]dd.mm.yyyy", true),
    ("General", false), ("general", false), ("0.00E+00", false), ("#,##0.00\\ \"zł\"", false), ("0\" dni\"", false),
    ("[Blue]0;[Red]-0", false), ("_-* #,##0.00\\ _z_ł_-", false), ("@", false), ("0%", false),
    ("0;\"d\"yyyy", false),  // only the first section decides
])
func dateFormatCodes(code: String, isDate: Bool) {
    #expect(XLSXStyles.isDateFormatCode(code) == isDate)
}

@Test func builtInDateFormatIds() {
    let dates = (0...200).filter(XLSXStyles.isBuiltInDateFormat)
    #expect(dates == Array(14...22) + Array(27...36) + Array(45...47) + Array(50...58))
}

@Test func aFormatCodeDecidesOverTheBuiltInId() {
    #expect(XLSXStyles.isDateFormat(id: 14, code: nil))
    #expect(!XLSXStyles.isDateFormat(id: 164, code: nil))
    #expect(!XLSXStyles.isDateFormat(id: 14, code: "0.00"))
    #expect(XLSXStyles.isDateFormat(id: 164, code: "dd.mm.yyyy"))
}

@Test func dateStylesFollowCellXfsNotCellStyleXfs() throws {
    let xml = XLSXFixture.styles(
        customFormats: [(164, "General"), (165, "dd.mm.yyyy")], cellFormats: [0, 14, 164, 165, 4])
    #expect(try XLSXStyles.dateStyles(Data(xml.utf8), part: "xl/styles.xml") == [false, true, false, true, false])
}
