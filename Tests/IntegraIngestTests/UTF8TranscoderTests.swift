import Foundation
import IntegraCore
import Testing

@testable import IntegraIngest

private let polish = "Imię i nazwisko;Miasto\nZażółć gęślą jaźń;Łódź\nMałgorzata Wójcik;Kraków, ul. Piękna 5\n"
private let ukrainian = "Ім'я;Прізвище\nОлександр;Шевченко\nЄвгенія;Ґалаґан, Київ\nЮлія;Їжакевич\n"
private let russian = "Имя;Фамилия\nНаталья;Иванова\nСергей;Щербаков\n"
/// A Ukrainian partner's export: Polish headers typed without diacritics, Cyrillic names.
private let mixedHeaders = "Imie;Nazwisko;Obywatelstwo\nОлександр;Шевченко;Україна\n"

/// What decoding a whole file gave.
private struct Decoded {
    var text: String
    var encoding: SourceEncoding
    var hadBOM: Bool
    var substitutedCount: Int
}

/// Detects the encoding of `data` and decodes it in chunks of `chunkSize` bytes, as the reader does.
private func decode(_ data: Data, _ encoding: SourceEncoding? = nil, chunkSize: Int = 1 << 20) throws -> Decoded {
    let bytes = [UInt8](data)
    let detected = bytes.withUnsafeBytes { UTF8Transcoder.detect($0, requested: encoding, isWholeFile: true) }
    var transcoder = UTF8Transcoder(detected.encoding)
    var utf8: [UInt8] = []
    var start = detected.byteOrderMarkLength
    while start < bytes.count {
        let end = min(start + chunkSize, bytes.count)
        try bytes[start..<end].withUnsafeBytes { try transcoder.decode($0) { utf8.append(contentsOf: $0) } }
        start = end
    }
    try transcoder.finish { utf8.append(contentsOf: $0) }
    return Decoded(
        text: String(decoding: utf8, as: UTF8.self), encoding: detected.encoding, hadBOM: detected.hadBOM,
        substitutedCount: transcoder.substitutedCount)
}

/// Chunk sizes that cut every multi-byte character somewhere, and one that never does.
private let chunkSizes = [1, 2, 3, 7, 1 << 20]

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
    for chunkSize in chunkSizes {
        let decoded = try decode(data, chunkSize: chunkSize)
        #expect(decoded.encoding == expected)
        #expect(!decoded.hadBOM)
        #expect(decoded.text == text)
    }
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
    for chunkSize in chunkSizes {
        let decoded = try decode(data, chunkSize: chunkSize)
        #expect(decoded.encoding == expected)
        #expect(decoded.hadBOM)
        #expect(decoded.text == text)
    }
}

@Test func byteOrderMarkWinsOverTheRequestedEncoding() throws {
    let data = Data([0xEF, 0xBB, 0xBF]) + Data(polish.utf8)
    let decoded = try decode(data, .windows1250)
    #expect(decoded.encoding == .utf8)
    #expect(decoded.text == polish)
}

@Test func requestedEncodingIsUsed() throws {
    // The same bytes read as the other Windows code page: the caller's choice wins over detection.
    let data = try #require(polish.data(using: .windowsCP1250))
    let decoded = try decode(data, .windows1251)
    #expect(decoded.encoding == .windows1251)
    #expect(decoded.text != polish)
}

@Test func utf16WithoutBOMIsRecognisedByItsNULBytes() throws {
    let data = try #require(polish.data(using: .utf16LittleEndian))
    let decoded = try decode(data)
    #expect(decoded.encoding == .utf16LE)
    #expect(decoded.text == polish)
    #expect(try decode(#require(polish.data(using: .utf16BigEndian))).encoding == .utf16BE)
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
    #expect(try decode(Data("Lp;Imie\n1;Jan\n".utf8)).encoding == .utf8)
    // A lone high byte between punctuation gives no evidence either way.
    #expect(try decode(Data([0x31, 0x3B, 0xB0, 0x0A])).encoding == .windows1250)
}

@Test func undefinedWindowsBytesBecomeReplacementCharacters() throws {
    // 0x98 has no character in Windows-1251; Foundation would silently produce U+0098.
    let cyrillic = try #require("Иванов".data(using: .windowsCP1251))
    for chunkSize in chunkSizes {
        let decoded = try decode(
            cyrillic.prefix(3) + Data([0x98]) + cyrillic.dropFirst(3), .windows1251, chunkSize: chunkSize)
        #expect(decoded.text == "Ива\u{FFFD}нов")
        #expect(decoded.substitutedCount == 1)
    }

    let polishDecoded = try decode(Data([0x61, 0x81, 0xB9]), .windows1250)
    #expect(polishDecoded.text == "a\u{FFFD}ą")
    #expect(polishDecoded.substitutedCount == 1)
}

@Test(arguments: chunkSizes)
func invalidUTF8FailsAtItsOffsetAfterTheTextBeforeIt(chunkSize: Int) throws {
    let data = Data("Imię\nZa".utf8) + Data([0xBF]) + Data("ółć\n".utf8)
    var text: [UInt8] = []
    let failure = try #require(throws: UTF8Transcoder.Failure.self) {
        var transcoder = UTF8Transcoder(.utf8)
        for piece in data.chunks(of: chunkSize) {
            try piece.withUnsafeBytes { try transcoder.decode($0) { text.append(contentsOf: $0) } }
        }
        try transcoder.finish { text.append(contentsOf: $0) }
    }
    #expect(failure.offset == 8)
    #expect(String(decoding: text, as: UTF8.self) == "Imię\nZa")
}

@Test(
    arguments: [
        ([0xE2, 0x82], 0),  // UTF-8 cut at the end
        ([0x41, 0xED, 0xA0, 0x80], 1),  // UTF-8 surrogate
    ] as [([UInt8], Int)])
func truncatedOrInvalidUTF8FailsWhateverTheChunks(bytes: [UInt8], offset: Int) {
    for chunkSize in chunkSizes {
        #expect(throws: UTF8Transcoder.Failure(offset: offset)) {
            var transcoder = UTF8Transcoder(.utf8)
            for piece in Data(bytes).chunks(of: chunkSize) {
                try piece.withUnsafeBytes { try transcoder.decode($0) { _ in } }
            }
            try transcoder.finish { _ in }
        }
    }
}

@Test(
    arguments: [
        ([0xFF, 0xFE, 0x41, 0x00, 0x00, 0xD8, 0x42, 0x00], 2),  // high surrogate then a letter
        ([0xFF, 0xFE, 0x41, 0x00, 0x00, 0xDC], 2),  // low surrogate alone
        ([0xFF, 0xFE, 0x41, 0x00, 0x3D, 0xD8], 2),  // high surrogate at the end
        ([0xFF, 0xFE, 0x41, 0x00, 0x42], 2),  // odd byte at the end
    ] as [([UInt8], Int)])
func unpairedSurrogateInUTF16Fails(bytes: [UInt8], offset: Int) {
    for chunkSize in chunkSizes {
        #expect(throws: UTF8Transcoder.Failure(offset: offset)) { try decode(Data(bytes), chunkSize: chunkSize) }
    }
}

@Test(arguments: chunkSizes)
func surrogatePairsSurviveAnyChunkBoundary(chunkSize: Int) throws {
    let text = "😀 Ołena 𝔸\n"
    #expect(try decode(Data([0xFF, 0xFE, 0x3D, 0xD8, 0x00, 0xDE]), chunkSize: chunkSize).text == "😀")
    let little = Data([0xFF, 0xFE]) + (try #require(text.data(using: .utf16LittleEndian)))
    let big = Data([0xFE, 0xFF]) + (try #require(text.data(using: .utf16BigEndian)))
    #expect(try decode(little, chunkSize: chunkSize).text == text)
    #expect(try decode(big, chunkSize: chunkSize).text == text)
}

@Test func aUTF8SequenceCutByTheSampleEndStillCountsAsUTF8() {
    let bytes = Array("Zażółć".utf8)
    let cut = Array(bytes[..<3])  // "Za" and the first byte of "ż"
    #expect(cut.withUnsafeBytes { UTF8Transcoder.detect($0, requested: nil, isWholeFile: false) }.encoding == .utf8)
    #expect(
        cut.withUnsafeBytes { UTF8Transcoder.detect($0, requested: nil, isWholeFile: true) }.encoding == .windows1250)
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

@Test(
    arguments: [
        ([0x41, 0xE2, 0x82], 1, false),
        ([0x41, 0xE2, 0x41], 1, true),
        ([0xF0, 0x9F, 0x98], 0, false),
        ([0xC0], 0, true),
        ([0x41, 0x42], 2, false),
    ] as [([UInt8], Int, Bool)])
func validPrefixTellsACutCharacterFromAnInvalidOne(bytes: [UInt8], count: Int, isInvalid: Bool) {
    let valid = bytes.withUnsafeBytes(UTF8Transcoder.validUTF8Prefix)
    #expect(valid.count == count)
    #expect(valid.isInvalid == isInvalid)
}

extension Data {
    /// The bytes in consecutive pieces of `size` (the last may be shorter).
    func chunks(of size: Int) -> [Data] {
        stride(from: startIndex, to: endIndex, by: size).map { self[$0..<Swift.min($0 + size, endIndex)] }
    }
}
