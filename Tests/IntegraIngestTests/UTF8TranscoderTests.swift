import Foundation
import IntegraCore
import Testing

@testable import IntegraIngest

private let polish = "Imię i nazwisko;Miasto\nZażółć gęślą jaźń;Łódź\nMałgorzata Wójcik;Kraków, ul. Piękna 5\n"
private let ukrainian = "Ім'я;Прізвище\nОлександр;Шевченко\nЄвгенія;Ґалаґан, Київ\nЮлія;Їжакевич\n"
private let russian = "Имя;Фамилия\nНаталья;Иванова\nСергей;Щербаков\n"
/// A Ukrainian partner's export: Polish headers typed without diacritics, Cyrillic names.
private let mixedHeaders = "Imie;Nazwisko;Obywatelstwo\nОлександр;Шевченко;Україна\n"

private func decode(_ data: Data, _ encoding: SourceEncoding? = nil) throws -> (text: String, decoded: DecodedText) {
    let decoded = try UTF8Transcoder.decode(data, encoding: encoding)
    return (decoded.string, decoded)
}

@Test(arguments: [
    (polish, String.Encoding.windowsCP1250, SourceEncoding.windows1250),
    (ukrainian, .windowsCP1251, .windows1251),
    (russian, .windowsCP1251, .windows1251),
    (mixedHeaders, .windowsCP1251, .windows1251),
    (polish, .utf8, .utf8),
    (ukrainian, .utf8, .utf8),
])
func detectsEncodingWithoutBOM(text: String, foundation: String.Encoding, expected: SourceEncoding) throws {
    let data = try #require(text.data(using: foundation))
    let (decodedText, decoded) = try decode(data)
    #expect(decoded.encoding == expected)
    #expect(!decoded.hadBOM)
    #expect(decodedText == text)
}

@Test(
    arguments: [
        (polish, [0xEF, 0xBB, 0xBF], String.Encoding.utf8, SourceEncoding.utf8),
        (ukrainian, [0xEF, 0xBB, 0xBF], .utf8, .utf8),
        (polish, [0xFF, 0xFE], .utf16LittleEndian, .utf16LE),
        (ukrainian, [0xFF, 0xFE], .utf16LittleEndian, .utf16LE),
        (ukrainian, [0xFE, 0xFF], .utf16BigEndian, .utf16BE),
    ] as [(String, [UInt8], String.Encoding, SourceEncoding)])
func byteOrderMarkDecidesAndIsStripped(
    text: String, bom: [UInt8], foundation: String.Encoding, expected: SourceEncoding
)
    throws
{
    let data = Data(bom) + (try #require(text.data(using: foundation)))
    let (decodedText, decoded) = try decode(data)
    #expect(decoded.encoding == expected)
    #expect(decoded.hadBOM)
    #expect(decodedText == text)
}

@Test func byteOrderMarkWinsOverTheRequestedEncoding() throws {
    let data = Data([0xEF, 0xBB, 0xBF]) + Data(polish.utf8)
    let (text, decoded) = try decode(data, .windows1250)
    #expect(decoded.encoding == .utf8)
    #expect(text == polish)
}

@Test func requestedEncodingIsUsed() throws {
    // The same bytes read as the other Windows code page: the caller's choice wins over detection.
    let data = try #require(polish.data(using: .windowsCP1250))
    let (text, decoded) = try decode(data, .windows1251)
    #expect(decoded.encoding == .windows1251)
    #expect(text != polish)
}

@Test func utf16WithoutBOMIsRecognisedByItsNULBytes() throws {
    let data = try #require(polish.data(using: .utf16LittleEndian))
    let (text, decoded) = try decode(data)
    #expect(decoded.encoding == .utf16LE)
    #expect(text == polish)
    #expect(try decode(#require(polish.data(using: .utf16BigEndian))).decoded.encoding == .utf16BE)
}

@Test func scoreSeparatesPolishFromCyrillicWords() throws {
    let score1250 = try #require(polish.data(using: .windowsCP1250)).withUnsafeBytes(UTF8Transcoder.windowsTextScore)
    #expect(score1250.highOnlyWords == 0)
    #expect(score1250.mixedWords == 9)  // Imię Zażółć gęślą jaźń Łódź Małgorzata Wójcik Kraków Piękna
    let score1251 = try #require(ukrainian.data(using: .windowsCP1251)).withUnsafeBytes(
        UTF8Transcoder.windowsTextScore)
    #expect(score1251.mixedWords == 0)
    #expect(score1251.highOnlyWords == 9)  // the apostrophe splits Ім'я; a one-letter я is no evidence
}

@Test func pureASCIIDefaultsToUTF8AndUndecidableWindowsTextToWindows1250() throws {
    #expect(try decode(Data("Lp;Imie\n1;Jan\n".utf8)).decoded.encoding == .utf8)
    // A lone high byte between punctuation gives no evidence either way.
    #expect(try decode(Data([0x31, 0x3B, 0xB0, 0x0A])).decoded.encoding == .windows1250)
}

@Test func undefinedWindowsBytesBecomeReplacementCharacters() throws {
    // 0x98 has no character in Windows-1251; Foundation would silently produce U+0098.
    let cyrillic = try #require("Иванов".data(using: .windowsCP1251))
    let (text, decoded) = try decode(cyrillic.prefix(3) + Data([0x98]) + cyrillic.dropFirst(3), .windows1251)
    #expect(text == "Ива\u{FFFD}нов")
    #expect(decoded.substitutedCount == 1)

    let (polishText, polishDecoded) = try decode(Data([0x61, 0x81, 0xB9]), .windows1250)
    #expect(polishText == "a\u{FFFD}ą")
    #expect(polishDecoded.substitutedCount == 1)
}

@Test func invalidUTF8IsRefusedWhenUTF8IsRequested() throws {
    let data = Data("Imię\nZa".utf8) + Data([0xBF]) + Data("ółć\n".utf8)
    let error = try #require(throws: IngestError.self) { try decode(data, .utf8) }
    #expect(error.code == .undecodableText)
    #expect(error.message.contains("line 2"))
}

@Test func unpairedSurrogateInUTF16IsRefused() throws {
    let error = try #require(throws: IngestError.self) {
        try decode(Data([0xFF, 0xFE, 0x41, 0x00, 0x00, 0xD8, 0x42, 0x00]))
    }
    #expect(error.code == .undecodableText)
    #expect(try decode(Data([0xFF, 0xFE, 0x3D, 0xD8, 0x00, 0xDE])).text == "😀")
}

@Test(
    arguments: [
        ([0x41, 0x42], nil),
        (Array("a longer run of plain ASCII text".utf8) + [0xC4, 0x85], nil),
        ([0xF0, 0x9F, 0x98, 0x80], nil),
        ([0xC0, 0x80], 0),  // overlong NUL
        ([0x41, 0xED, 0xA0, 0x80], 1),  // surrogate
        ([0xF4, 0x90, 0x80, 0x80], 0),  // above U+10FFFF
        (Array("123456789".utf8) + [0xE2, 0x82], 9),  // truncated at the end
        ([0x61, 0xB9, 0x62], 1),  // Windows-1250 ą
    ] as [([UInt8], Int?)])
func utf8Validation(bytes: [UInt8], firstInvalid: Int?) {
    #expect(bytes.withUnsafeBytes(UTF8Transcoder.firstInvalidUTF8Offset) == firstInvalid)
}
