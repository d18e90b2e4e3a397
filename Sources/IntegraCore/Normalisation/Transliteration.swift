import Foundation

/// Cyrillic → Latin transliteration by the systems found on the documents of Integra's participants.
///
/// ICU has no transform for either system (its `Ukrainian-Latin/BGN` is the 1965 one: Yuliya, Serhiy), so both are
/// written out here as letter tables with their position rules.
///
/// ```swift
/// Transliteration.ukrainianKMU2010("Юлія Згурська")  // "Yuliia Zghurska"
/// Transliteration.russianICAO("Юлия Сергеевна")     // "Iuliia Sergeevna"
/// Transliteration.toLatin("Ірина Ёлкина")           // "Iryna Elkina" — each word by its own letters
/// ```
public enum Transliteration {
    /// The Ukrainian national system (Cabinet of Ministers resolution 55 of 27 January 2010), used in passports.
    ///
    /// Є Ї Й Ю Я are `Ye Yi Y Yu Ya` at the start of a word and `ie i i iu ia` elsewhere; `зг` is `zgh` so it is not
    /// read as `ж`; the soft sign and apostrophes are dropped. Letters outside the Ukrainian alphabet (ё ы э ъ ў)
    /// take their ICAO values. Words in capitals stay in capitals (`ЮЛІЯ` → `YULIIA`); non-Cyrillic text is kept.
    public static func ukrainianKMU2010(_ text: String) -> String {
        transliterate(text) { _ in .ukrainianKMU2010 }
    }

    /// Russian by ICAO Doc 9303 (Russian passports since 2013): no position rules, `ё → e`, `ъ → ie`, `ь` dropped.
    ///
    /// `Александр` → `Aleksandr`, `Сергей` → `Sergei`, `Юлия` → `Iuliia`. Belarusian and Ukrainian letters take their
    /// ICAO values too (`ў → u`, `і → i`, `є → ie`, `ї → i`).
    public static func russianICAO(_ text: String) -> String {
        transliterate(text) { _ in .russianICAO }
    }

    /// Every Cyrillic word in Latin, the system chosen from the letters of the word.
    ///
    /// A word with a Ukrainian-only letter (і ї є ґ) is read as Ukrainian (KMU 2010), one with a Russian-only letter
    /// (ы э ё ъ) as Russian (ICAO). A word with neither takes the language of the other words of the text when they
    /// all agree (`Юлия Ёлкина` is Russian) and otherwise KMU 2010, because most participants are Ukrainian — so a
    /// Russian name alone in a cell reads the Ukrainian way (`Сергей` → `Serhei`). A word mixing Latin and Cyrillic
    /// look-alike letters (a keyboard-layout slip such as Latin `C` in `Cергій`) is first put into the script of
    /// most of its letters. Latin text passes through unchanged.
    public static func toLatin(_ text: String) -> String {
        // Nothing to transliterate in ASCII (most Latin cells).
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        let words = TextWord.split(text.precomposedStringWithCanonicalMapping)
        var languages = Set<System>()
        for case .word(let letters) in words {
            if let system = System.evident(in: Homoglyphs.unified(letters)) { languages.insert(system) }
        }
        let fallback: System = languages.count == 1 ? languages.first! : .ukrainianKMU2010
        return transliterate(words) { System.evident(in: $0) ?? fallback }
    }

    private static func transliterate(_ text: String, system: ([Unicode.Scalar]) -> System) -> String {
        transliterate(TextWord.split(text.precomposedStringWithCanonicalMapping), system: system)
    }

    private static func transliterate(_ words: [TextWord], system: ([Unicode.Scalar]) -> System) -> String {
        var out = ""
        for word in words {
            switch word {
            case .other(let scalars):
                out.unicodeScalars.append(contentsOf: scalars)
            case .word(let scalars):
                let letters = Homoglyphs.unified(scalars)
                if letters.contains(where: Alphabet.isCyrillic) {
                    out += transliterate(word: letters, system: system(letters))
                } else {
                    out.unicodeScalars.append(contentsOf: letters)
                }
            }
        }
        return out
    }

    /// One word: apostrophes and stress marks dropped, each Cyrillic letter replaced, case carried over.
    private static func transliterate(word: [Unicode.Scalar], system: System) -> String {
        let letters = word.filter {
            !TextWord.apostrophes.contains($0) && $0.properties.generalCategory != .nonspacingMark
        }
        let cased = letters.filter { $0.properties.isUppercase || $0.properties.isLowercase }
        let wordInCapitals = cased.count > 1 && cased.allSatisfy { $0.properties.isUppercase }
        var out = ""
        for (index, scalar) in letters.enumerated() {
            let lower = Character(scalar).lowercased().unicodeScalars.first!
            guard let entry = system.table[lower] else {
                out.unicodeScalars.append(scalar)
                continue
            }
            var latin = index == 0 ? entry.initial : entry.other
            if system == .ukrainianKMU2010, lower == "г", index > 0,
                Character(letters[index - 1]).lowercased() == "з"
            {
                latin = "gh"
            }
            if scalar == lower || latin.isEmpty {
                out += latin
            } else if wordInCapitals {
                out += latin.uppercased()
            } else {
                out += latin.prefix(1).uppercased() + latin.dropFirst()
            }
        }
        return out
    }
}

/// A transliteration system: for each lower-case Cyrillic letter, its Latin form at the start of a word and elsewhere.
private enum System {
    case ukrainianKMU2010, russianICAO

    struct Entry {
        let initial: String
        let other: String
    }

    var table: [Unicode.Scalar: Entry] {
        switch self {
        case .ukrainianKMU2010: return System.kmu2010
        case .russianICAO: return System.icao
        }
    }

    /// The language a word's letters prove, if any.
    static func evident(in letters: [Unicode.Scalar]) -> System? {
        let lower = letters.map { Character($0).lowercased().unicodeScalars.first! }
        if lower.contains(where: { "іїєґ".unicodeScalars.contains($0) }) { return .ukrainianKMU2010 }
        if lower.contains(where: { "ыэёъ".unicodeScalars.contains($0) }) { return .russianICAO }
        return nil
    }

    private static func entries(_ pairs: [(Unicode.Scalar, String)]) -> [Unicode.Scalar: Entry] {
        Dictionary(uniqueKeysWithValues: pairs.map { ($0.0, Entry(initial: $0.1, other: $0.1)) })
    }

    /// KMU 55/2010, with the five letters that change at the start of a word; ё ы э ъ ў as in ICAO.
    static let kmu2010: [Unicode.Scalar: Entry] = entries([
        ("а", "a"), ("б", "b"), ("в", "v"), ("г", "h"), ("ґ", "g"), ("д", "d"), ("е", "e"), ("ж", "zh"),
        ("з", "z"), ("и", "y"), ("і", "i"), ("к", "k"), ("л", "l"), ("м", "m"), ("н", "n"), ("о", "o"),
        ("п", "p"), ("р", "r"), ("с", "s"), ("т", "t"), ("у", "u"), ("ф", "f"), ("х", "kh"), ("ц", "ts"),
        ("ч", "ch"), ("ш", "sh"), ("щ", "shch"), ("ь", ""),
        ("ё", "e"), ("ы", "y"), ("э", "e"), ("ъ", "ie"), ("ў", "u"),
    ]).merging([
        "є": Entry(initial: "ye", other: "ie"),
        "ї": Entry(initial: "yi", other: "i"),
        "й": Entry(initial: "y", other: "i"),
        "ю": Entry(initial: "yu", other: "iu"),
        "я": Entry(initial: "ya", other: "ia"),
    ]) { $1 }

    /// ICAO Doc 9303 Part 3 for Russian; no position rules.
    static let icao: [Unicode.Scalar: Entry] = entries([
        ("а", "a"), ("б", "b"), ("в", "v"), ("г", "g"), ("ґ", "g"), ("д", "d"), ("е", "e"), ("ё", "e"),
        ("є", "ie"), ("ж", "zh"), ("з", "z"), ("и", "i"), ("і", "i"), ("ї", "i"), ("й", "i"), ("к", "k"),
        ("л", "l"), ("м", "m"), ("н", "n"), ("о", "o"), ("п", "p"), ("р", "r"), ("с", "s"), ("т", "t"),
        ("у", "u"), ("ў", "u"), ("ф", "f"), ("х", "kh"), ("ц", "ts"), ("ч", "ch"), ("ш", "sh"), ("щ", "shch"),
        ("ъ", "ie"), ("ы", "y"), ("ь", ""), ("э", "e"), ("ю", "iu"), ("я", "ia"),
    ])
}

/// Text cut into words (letters, combining marks and apostrophes) and the runs between them.
enum TextWord {
    case word([Unicode.Scalar])
    case other([Unicode.Scalar])

    /// Apostrophe-like marks typed inside Ukrainian words (Знам'янка) or for a soft sign (Natalʹya, Kowal´czuk).
    static let apostrophes: Set<Unicode.Scalar> = [
        "'", "\u{2019}", "\u{02BC}", "\u{2018}", "`", "\u{00B4}", "\u{02B9}", "\u{2032}",
    ]

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.generalCategory == .nonspacingMark
            || apostrophes.contains(scalar)
    }

    static func split(_ text: String) -> [TextWord] {
        var parts: [TextWord] = []
        var current: [Unicode.Scalar] = []
        var inWord = false
        for scalar in text.unicodeScalars {
            let isWord = isWordScalar(scalar)
            if isWord != inWord, !current.isEmpty {
                parts.append(inWord ? .word(current) : .other(current))
                current = []
            }
            inWord = isWord
            current.append(scalar)
        }
        if !current.isEmpty { parts.append(inWord ? .word(current) : .other(current)) }
        return parts
    }
}

/// Latin and Cyrillic letters that look alike, for words typed with a keyboard switched mid-word.
enum Homoglyphs {
    private static let latinToCyrillic: [Unicode.Scalar: Unicode.Scalar] = [
        "A": "А", "a": "а", "B": "В", "C": "С", "c": "с", "E": "Е", "e": "е", "H": "Н", "I": "І", "i": "і",
        "K": "К", "M": "М", "O": "О", "o": "о", "P": "Р", "p": "р", "T": "Т", "X": "Х", "x": "х", "Y": "У",
        "y": "у", "ï": "ї",
    ]

    private static let cyrillicToLatin: [Unicode.Scalar: Unicode.Scalar] = Dictionary(
        uniqueKeysWithValues: latinToCyrillic.map { ($0.value, $0.key) })

    /// The word in the script of most of its letters (Cyrillic on a tie); look-alikes of the other script converted.
    static func unified(_ word: [Unicode.Scalar]) -> [Unicode.Scalar] {
        let cyrillic = word.filter(Alphabet.isCyrillic).count
        let latin = word.filter(Alphabet.isLatinLetter).count
        guard cyrillic > 0, latin > 0 else { return word }
        let map = cyrillic >= latin ? latinToCyrillic : cyrillicToLatin
        return word.map { map[$0] ?? $0 }
    }
}
