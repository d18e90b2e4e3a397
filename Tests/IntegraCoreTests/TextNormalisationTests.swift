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
