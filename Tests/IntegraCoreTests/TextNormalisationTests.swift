import Foundation
import Testing

@testable import IntegraCore

@Suite struct TextNormalisationTests {
    /// The code-point shortcut for Latin and Cyrillic says what the Unicode properties say, for every scalar it
    /// covers.
    @Test func theShortcutAgreesWithTheUnicodeProperties() {
        for v in Array(0..<0x300) + Array(0x400...0x52F) {
            guard let scalar = Unicode.Scalar(UInt32(v)) else { continue }
            let expected: TextNormalisation.Visibility =
                scalar.properties.isWhitespace
                ? .space
                : [.format, .control].contains(scalar.properties.generalCategory) ? .invisible : .visible
            #expect(TextNormalisation.visibility(scalar) == expected, "U+\(String(v, radix: 16))")
        }
    }

    /// The scalars `clean` returns unchanged without Foundation's NFC (``TextNormalisation/standsAlone(_:)``) are
    /// those NFC leaves alone: each on its own, and after a letter and before a combining mark.
    @Test func scalarsTakenAsComposedAreLeftAloneByNFC() {
        for v in Array(0x2010..<0x2028) + Array(0x2030..<0x205F) + Array(0x20A0..<0x20C0) + [0x2116] {
            guard let scalar = Unicode.Scalar(UInt32(v)) else { continue }
            let alone = String(Character(scalar))
            #expect(alone.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(alone.unicodeScalars), "U+\(String(v, radix: 16))")
            let around = "a" + alone + "b"
            #expect(around.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(around.unicodeScalars))
        }
        // Text mixing them with Polish and Cyrillic, clean or not: the shortcut answers what the full path answers.
        let pieces = ["Wynagrodzenie", " ", "  ", "lektorów", "—", "„", "”", "…", "€", "№", "\u{00A0}", "styczeń", "Й", "e\u{301}", "\u{200B}", "\t", "\u{2001}"]
        var random = SeededGenerator(seed: 7)
        func next() -> Int { Int(random.next() >> 33) }
        for _ in 0..<3_000 {
            let text = (0..<(next() % 8)).map { _ in pieces[next() % pieces.count] }.joined()
            let cleaned = TextNormalisation.clean(text)
            // Scalars, not `==`: Swift compares strings by canonical equivalence, which NFC never changes.
            #expect(cleaned.unicodeScalars.elementsEqual(cleaned.precomposedStringWithCanonicalMapping.unicodeScalars), "\(text.debugDescription)")
            #expect(TextNormalisation.clean(cleaned).unicodeScalars.elementsEqual(cleaned.unicodeScalars), "\(text.debugDescription)")
            #expect(!cleaned.hasPrefix(" ") && !cleaned.hasSuffix(" ") && !cleaned.contains("  "), "\(text.debugDescription)")
        }
    }

    @Test(arguments: [
        ("  Jan   Kowalski  ", "Jan Kowalski"),
        ("Jan\u{00A0}Kowalski", "Jan Kowalski"),
        ("Jan\u{202F}\u{2007}Kowalski", "Jan Kowalski"),
        ("Jan\tKowalski\r\n", "Jan Kowalski"),
        ("Ko\u{200B}walski", "Kowalski"),
        ("\u{FEFF}Imię", "Imię"),
        ("Ola\u{00AD}\u{200D}\u{2060}", "Ola"),
        ("Wo\u{0301}jcik", "Wójcik"),
        ("И\u{0306}осип", "Йосип"),
        ("", ""),
        ("\u{00A0} \u{200B}", ""),
    ])
    func clean(input: String, expected: String) {
        let cleaned = TextNormalisation.clean(input)
        #expect(cleaned == expected)
        #expect(Array(cleaned.unicodeScalars) == Array(expected.unicodeScalars))
    }

    @Test(arguments: [
        ("Data URODZENIA", "data urodzenia"),
        ("Zażółć gęślą jaźń", "zazolc gesla jazn"),
        ("ŁÓDŹ", "lodz"),
        ("Imię i nazwisko", "imie i nazwisko"),
        ("Straße", "strasse"),
        ("Nguyễn Thị Hương", "nguyen thi huong"),
        ("  Płeć\u{00A0}", "plec"),
        ("Їжак Йосип", "їжак йосип"),
        ("ЄВГЕН Ґалаґан", "євген ґалаґан"),
        ("Ёлкин", "ёлкин"),
        ("Оле\u{0301}на", "олена"),
        ("Прізвище", "прізвище"),
    ])
    func foldForMatching(input: String, expected: String) {
        #expect(TextNormalisation.foldForMatching(input) == expected)
    }

    @Test func foldingKeepsUkrainianLettersDistinct() {
        #expect(TextNormalisation.foldForMatching("ї") != TextNormalisation.foldForMatching("і"))
        #expect(TextNormalisation.foldForMatching("й") != TextNormalisation.foldForMatching("и"))
    }
}
