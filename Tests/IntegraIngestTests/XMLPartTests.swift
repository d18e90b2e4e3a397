import Foundation
import Testing

@testable import IntegraIngest

@Test func detectsDoctypeDeclarations() throws {
    #expect(XMLPart.containsDoctype(Data(#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>"#.utf8)))
    #expect(!XMLPart.containsDoctype(Data(#"<?xml version="1.0"?><!-- note! --><x>&lt;!DOCTYPE</x>"#.utf8)))
    #expect(!XMLPart.containsDoctype(Data("<x>#DIV/0!</x>".utf8)))
    #expect(!XMLPart.containsDoctype(Data("<!DOC".utf8)))
    let utf16 =
        Data([0xFF, 0xFE])
        + (try #require("<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE x><x/>".data(using: .utf16LittleEndian)))
    #expect(XMLPart.containsDoctype(utf16))
}

@Test func stripsNamespacePrefixes() {
    #expect(XMLPart.localName("x:c") == "c")
    #expect(XMLPart.localName("sheetData") == "sheetData")
}

@Test(arguments: [
    ("plain", "plain"), ("a_x000D_b", "a\rb"), ("tab_x0009_", "tab\t"), ("_x005F_x000D_", "_x000D_"),
    ("_x00zz_", "_x00zz_"), ("_x12", "_x12"), ("Łódź_x000A_", "Łódź\n"),
])
func decodesOOXMLEscapes(text: String, expected: String) {
    #expect(XMLPart.unescapeOOXML(text) == expected)
}
