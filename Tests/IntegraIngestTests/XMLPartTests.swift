import Foundation
import IntegraCore
import Testing

@testable import IntegraIngest

@Test func aDoctypeInAnyEncodingIsRefused() throws {
    let utf16 =
        Data([0xFF, 0xFE])
        + (try #require("<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE x><x/>".data(using: .utf16LittleEndian)))
    for data in [Data(#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>"#.utf8), utf16] {
        let error = try #require(throws: IngestError.self) { try XMLPart.parse(data, part: "p.xml", handler: XMLPartHandler()) }
        #expect(error.code == .xmlDoctypeRefused)
    }
    try XMLPart.parse(Data(#"<?xml version="1.0"?><!-- note! --><x>&lt;!DOCTYPE #DIV/0!</x>"#.utf8), part: "p.xml", handler: XMLPartHandler())
}

/// Found by Fuzz/fuzz-xlsx: Foundation's XMLParser trapped on an element name that is not UTF-8.
@Test func anElementNameThatIsNotUTF8IsRefusedNotACrash() throws {
    let data = Data("<styleSheet><f".utf8) + Data(repeating: 0xEE, count: 20) + Data("/></styleSheet>".utf8)
    let error = try #require(throws: IngestError.self) { try XMLPart.parse(data, part: "xl/styles.xml", handler: XMLPartHandler()) }
    #expect(error.code == .unreadableFile)
}

@Test(arguments: [
    ("plain", "plain"), ("a_x000D_b", "a\rb"), ("tab_x0009_", "tab\t"), ("_x005F_x000D_", "_x000D_"),
    ("_x00zz_", "_x00zz_"), ("_x12", "_x12"), ("Łódź_x000A_", "Łódź\n"),
])
func decodesOOXMLEscapes(text: String, expected: String) {
    #expect(XMLPart.unescapeOOXML(text) == expected)
}
