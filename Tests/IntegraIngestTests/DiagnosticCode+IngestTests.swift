import IntegraCore
import Testing

@testable import IntegraIngest

@Test func ingestCodesAreStableKebabCaseSlugs() {
    let codes: [DiagnosticCode] = [.notAnXLSX, .zipBomb, .xmlDoctypeRefused, .undecodableText, .unsupportedDelimiter]
    #expect(
        codes.map(\.rawValue) == [
            "not-an-xlsx", "zip-bomb", "xml-doctype-refused", "undecodable-text", "unsupported-delimiter",
        ])
}
