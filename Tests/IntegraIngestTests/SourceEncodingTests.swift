import Testing

@testable import IntegraIngest

@Test(arguments: [
    ("utf-8", SourceEncoding.utf8), ("UTF8", .utf8), ("utf-8-sig", .utf8), ("UTF-16", .utf16LE),
    ("unicode", .utf16LE), ("UTF-16LE", .utf16LE), ("utf_16_be", .utf16BE), ("cp1250", .windows1250),
    ("Windows-1250", .windows1250), ("WINDOWS1250", .windows1250), ("win1250", .windows1250),
    ("CP-1251", .windows1251), ("windows-1251", .windows1251), ("1251", .windows1251),
])
func acceptsCommonSpellings(name: String, expected: SourceEncoding) {
    #expect(SourceEncoding(name: name) == expected)
}

@Test(arguments: ["latin2", "iso-8859-2", "koi8-u", "", "utf-32"])
func rejectsUnsupportedNames(name: String) {
    #expect(SourceEncoding(name: name) == nil)
}

@Test func rawValuesAreAcceptedAsNames() {
    for encoding in SourceEncoding.allCases {
        #expect(SourceEncoding(name: encoding.rawValue) == encoding)
    }
}
