import Foundation
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
