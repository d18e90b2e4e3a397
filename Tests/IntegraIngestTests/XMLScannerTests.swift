import Foundation
import IntegraCore
import Testing

@testable import IntegraIngest

/// The scanner's events as text: `<name attr=value`, `>` for an end, `"text"` decoded.
private func events(_ xml: String) throws -> [String] {
    var xml = xml
    return try xml.withUTF8 { utf8 in
        var scanner = XMLScanner(UnsafeRawBufferPointer(utf8))
        var out: [String] = []
        func string(_ span: XMLScanner.Span) -> String {
            String(decoding: UnsafeRawBufferPointer(rebasing: scanner.bytes[span.start..<span.end]), as: UTF8.self)
        }
        while true {
            switch try scanner.next() {
            case .start(let name):
                let attributes = scanner.attributes.map { " \(string($0.name))=\(scanner.string($0))" }
                out.append("<" + string(name) + attributes.joined())
            case .end(let name):
                out.append(">" + string(name))
            case .text(let text):
                var bytes: [UInt8] = []
                scanner.appendDecoded(text, to: &bytes)
                out.append("\"" + String(decoding: bytes, as: UTF8.self) + "\"")
            case .endOfDocument:
                return out
            }
        }
    }
}

private func syntaxError(_ xml: String) -> XMLSyntaxError.Reason? {
    do {
        _ = try events(xml)
        return nil
    } catch let error as XMLSyntaxError {
        return error.reason
    } catch {
        return nil
    }
}

@Test func startEndTextAndEmptyElements() throws {
    #expect(
        try events(#"<?xml version="1.0"?><a x="1"><b/>hi<c y='2' z = "3">t</c></a>"#) == [
            "<a x=1", "<b", ">b", "\"hi\"", "<c y=2 z=3", "\"t\"", ">c", ">a",
        ])
}

@Test func namespacePrefixesAreStrippedFromElementNames() throws {
    #expect(try events(#"<x:sst xmlns:x="u"><x:si/></x:sst>"#) == ["<sst xmlns:x=u", "<si", ">si", ">sst"])
}

@Test func predefinedEntitiesAndCharacterReferencesAreDecoded() throws {
    let xml = "<t a=\"&quot;&amp;&#x41;\">&amp; &lt; &gt; &quot; &apos; &#321;&#xf3;d&#X17A;</t>"
    #expect(syntaxError(xml) == .badReference)  // `&#X` is not a reference; XML wants a lower-case x
    #expect(
        try events("<t a=\"&quot;&amp;&#x41;\">&amp; &lt; &gt; &quot; &apos; &#321;&#xf3;d&#x17A;&#0065;</t>") == [
            "<t a=\"&A", "\"& < > \" ' ŁódźA\"", ">t",
        ])
}

@Test func lineEndsAreNormalisedButCharacterReferencesAreNot() throws {
    #expect(try events("<t>a\r\nb\rc&#13;d&#10;</t>") == ["<t", "\"a\nb\nc\rd\n\"", ">t"])
    #expect(try events("<t a=\"1\r\n2\t3&#10;\"/>") == ["<t a=1 2 3\n", ">t"])
}

@Test func cdataIsTextAndCommentsAndInstructionsAreSkipped() throws {
    #expect(
        try events("<t><!-- note --><?pi x?><![CDATA[<b>&amp;\r\n]]>z</t><!-- end -->") == [
            "<t", "\"<b>&amp;\n\"", "\"z\"", ">t",
        ])
}

@Test func whitespaceIsKeptInsideElementsAndAllowedAroundTheRoot() throws {
    #expect(try events("\n <t xml:space=\"preserve\">  a  </t>\r\n") == ["<t xml:space=preserve", "\"  a  \"", ">t"])
}

@Test(
    arguments: [
        ("", .noRootElement), ("  ", .noRootElement), ("<a>", .truncated), ("<a><b></a>", .mismatchedEndTag),
        ("<a></b>", .mismatchedEndTag), ("</a>", .mismatchedEndTag), ("<a/><b/>", .contentOutsideRoot),
        ("x<a/>", .contentOutsideRoot), ("<a/>x", .contentOutsideRoot), ("<a>&nbsp;</a>", .badReference),
        ("<a>AT&T</a>", .badReference), ("<a>&#0;</a>", .badReference), ("<a>&#xD800;</a>", .badReference),
        ("<a>&#x110000;</a>", .badReference), ("<a>&#1;</a>", .badReference), ("<a>&#;</a>", .badReference),
        ("<a>\u{1}</a>", .invalidCharacter), ("<a b=\"<\"/>", .malformedTag), ("<a b=1/>", .malformedTag),
        ("<a b=\"1\"c=\"2\"/>", .malformedTag), ("<a b=\"1\" b=\"2\"/>", .duplicateAttribute),
        ("<a b/>", .malformedTag),
        ("<a b=\"1", .truncated), ("<a", .truncated), ("<", .truncated), ("<a><!-- x", .truncated),
        ("<a><![CDATA[x", .truncated), ("<1a/>", .malformedTag), ("< a/>", .malformedTag), ("<a></a >", nil),
        ("<!DOCTYPE a><a/>", .doctype), ("<a><!ENTITY x \"y\"></a>", .doctype), ("<a><!ELEMENT a></a>", .malformedTag),
        ("<![CDATA[x]]><a/>", .contentOutsideRoot), ("<a:/>", .malformedTag),
    ] as [(String, XMLSyntaxError.Reason?)])
func malformedXMLIsASyntaxError(xml: String, reason: XMLSyntaxError.Reason?) {
    #expect(syntaxError(xml) == reason)
}

@Test func nestingAndAttributeCountsAreLimited() {
    let deep = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
    #expect(syntaxError(deep) == .tooDeep)
    let fine = String(repeating: "<a>", count: 200) + String(repeating: "</a>", count: 200)
    #expect(syntaxError(fine) == nil)
    let crowded = "<a" + (0..<200).map { " a\($0)=\"\"" }.joined() + "/>"
    #expect(syntaxError(crowded) == .tooManyAttributes)
}

@Test(
    arguments: [
        ([0x41, 0xC3, 0xB3], true), ([0xF0, 0x9F, 0x91, 0x8D], true), ([0xC3], false), ([0xC0, 0x80], false),
        ([0xED, 0xA0, 0x80], false), ([0xF4, 0x90, 0x80, 0x80], false), ([0xE2, 0x82], false), ([0xFF], false),
        (Array("plain ascii text, longer than eight bytes".utf8) + [0xC5, 0x81], true),
    ] as [([UInt8], Bool)])
func validatesUTF8(bytes: [UInt8], valid: Bool) {
    #expect(bytes.withUnsafeBytes(XMLScanner.isValidUTF8) == valid)
}

@Test func partsAreCheckedForUTF8AndMayBeUTF16() throws {
    let invalid = Data("<a>".utf8) + Data([0xC3, 0x28]) + Data("</a>".utf8)
    let error = try #require(throws: IngestError.self) {
        try XMLPart.scan(invalid, part: "xl/sharedStrings.xml") { scanner in try scanner.next() }
    }
    #expect(error.code == .unreadableFile)
    #expect(error.message.contains("UTF-8"))

    let utf16 = Data([0xFF, 0xFE]) + (try #require("<a>Łódź</a>".data(using: .utf16LittleEndian)))
    let bom = Data([0xEF, 0xBB, 0xBF]) + Data("<a>Łódź</a>".utf8)
    for data in [utf16, bom] {
        let text = try XMLPart.scan(data, part: "p") { scanner -> String in
            _ = try scanner.next()
            guard case .text(let text) = try scanner.next() else { return "" }
            var bytes: [UInt8] = []
            scanner.appendDecoded(text, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
        #expect(text == "Łódź")
    }
}

@Test func syntaxErrorsNameThePartAndLineButNoText() throws {
    let xml = Data("<sst>\n<si><t>Tajne nazwisko &bogus;</t></si>\n</sst>".utf8)
    let error = try #require(throws: IngestError.self) { try XLSXSharedStrings.read(xml, part: "xl/sharedStrings.xml") }
    #expect(error.code == .unreadableFile)
    #expect(error.message.contains("xl/sharedStrings.xml"))
    #expect(error.message.contains("line 2"))
    #expect(!error.message.contains("Tajne"))
}
