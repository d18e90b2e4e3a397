import Foundation
import IntegraCore
import Testing

@testable import IntegraIngest

@Test func joinsRichTextRunsSkipsPhoneticRunsAndDecodesEscapes() throws {
    let xml = """
        <?xml version="1.0" encoding="UTF-8"?><sst xmlns="\(XLSXFixture.mainNS)" uniqueCount="5">\
        <si><t>Nazwisko</t></si>\
        <si><r><rPr><b/></rPr><t xml:space="preserve">Ewa </t></r><r><t>Nowak</t></r><rPh sb="0" eb="3"><t>エワ</t></rPh>\
        <phoneticPr fontId="1"/></si>\
        <si><t/></si>\
        <si><t>linia 1_x000D_
        linia 2</t></si>\
        <si><t>Євгенія &amp; Ґалаґан</t></si></sst>
        """
    let strings = try XLSXSharedStrings.read(Data(xml.utf8), part: "xl/sharedStrings.xml")
    #expect(strings == ["Nazwisko", "Ewa Nowak", "", "linia 1\r\nlinia 2", "Євгенія & Ґалаґан"])
}

@Test func referencesCDATALineEndsAndPrefixedPartsInSharedStrings() throws {
    let xml = """
        <?xml version="1.0" encoding="UTF-8"?>\r\n<x:sst xmlns:x="\(XLSXFixture.mainNS)">\r\n\
          <x:si>\r\n    <x:t>&#1054;&#x43B;&#x435;&#x433; &lt;&gt;</x:t>\r\n  </x:si>\
        <x:si><x:t><![CDATA[a & b]]>_x000D_</x:t></x:si><x:si><x:t>raz\r\ndwa\rtrzy</x:t></x:si>\
        <x:si><x:t xml:space="preserve"> </x:t></x:si></x:sst>
        """
    let strings = try XLSXSharedStrings.read(Data(xml.utf8), part: "xl/sharedStrings.xml")
    #expect(strings == ["Олег <>", "a & b\r", "raz\ndwa\ntrzy", " "])
}

@Test(arguments: [
    "<sst><si><t>a</t></si>", "<sst><si><t>a</si></sst>", "<sst><si><t>&nbsp;</t></si></sst>",
    "<sst><si><t>a</t></si></sst><sst/>",
])
func malformedSharedStringsAreAnUnreadableFile(xml: String) throws {
    let error = try #require(throws: IngestError.self) {
        try XLSXSharedStrings.read(Data(xml.utf8), part: "xl/sharedStrings.xml")
    }
    #expect(error.code == .unreadableFile)
}
