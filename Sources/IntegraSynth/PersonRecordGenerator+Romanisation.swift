/// The generator's own romanisations of Cyrillic and Georgian names, one per system people meet in real files.
///
/// Written by hand from the tables in shared/research/linkage.md §8 and deliberately apart from IntegraCore's
/// transliteration, so the labelled records test the linker's normalisation instead of echoing it. The systems:
/// Ukrainian passport (KMU 2010), old Ukrainian passport (BGN 1965: Serhiy, Yuliya), Polish transcription of
/// Ukrainian, Russian and Belarusian (PWN rules: Ołeksandr, Siergiej, Swiatłana), Russian passport (ICAO 9303 since
/// 2012: Iuliia), old Russian passport (BGN-like: Yuliya, Sergey), Belarusian passport (Aliaksandr), BGN Belarusian
/// (Alyaksandr), Uzbek Latin (Xolmatov); Georgian national Latin, Polish and Russian forms.
enum Romanisation: String, CaseIterable, Sendable {
    case ukrainianPassport, ukrainianOldPassport, ukrainianPolish
    case russianPassport, russianOldPassport, russianPolish
    case belarusianPassport, belarusianBGN, belarusianPolish
    case uzbekLatin

    /// `text` (words in Cyrillic, separated by spaces or hyphens) in this system, each word capitalised.
    func apply(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: true).map { word in
            word.split(separator: "-").map { capitalised(romanise(Array($0.lowercased()))) }.joined(separator: "-")
        }.joined(separator: " ")
    }

    private var isPolish: Bool { self == .ukrainianPolish || self == .russianPolish || self == .belarusianPolish }

    private func romanise(_ letters: [Character]) -> String {
        var out = ""
        for (i, c) in letters.enumerated() {
            let previous: Character? = i > 0 ? letters[i - 1] : nil
            let next: Character? = i + 1 < letters.count ? letters[i + 1] : nil
            out += letter(c, previous: previous, next: next)
        }
        return out
    }

    /// Where an iotated vowel (я, ю, є, е, ё, ї) stands: it takes the `j`/`y` form at the start of a word, after
    /// a vowel and after a soft sign or apostrophe.
    private enum Position { case initial, afterL, afterConsonant }

    private func position(after previous: Character?) -> Position {
        guard let previous else { return .initial }
        if Cyrillic.vowels.contains(previous) || Cyrillic.signs.contains(previous) { return .initial }
        return previous == "л" ? .afterL : .afterConsonant
    }

    // One letter in context. Long, because each system differs in a few letters only.
    // swiftlint:disable:next cyclomatic_complexity function_body_length
    private func letter(_ c: Character, previous: Character?, next: Character?) -> String {
        let where_ = position(after: previous)
        switch self {
        case .ukrainianPassport:
            switch c {
            case "г": return previous == "з" ? "gh" : "h"
            case "є": return where_ == .initial && previous == nil ? "ye" : "ie"
            case "ї": return previous == nil ? "yi" : "i"
            case "й": return previous == nil ? "y" : "i"
            case "ю": return previous == nil ? "yu" : "iu"
            case "я": return previous == nil ? "ya" : "ia"
            default: return Cyrillic.english[c] ?? ""
            }
        case .ukrainianOldPassport:
            switch c {
            case "г": return "h"
            case "є": return "ye"
            case "ї": return "yi"
            case "й": return "y"
            case "ю": return "yu"
            case "я": return "ya"
            default: return Cyrillic.english[c] ?? ""
            }
        case .russianPassport:
            switch c {
            case "г": return "g"
            case "и": return "i"
            case "е", "ё", "э": return "e"
            case "й": return "i"
            case "ю": return "iu"
            case "я": return "ia"
            case "ъ": return "ie"
            default: return Cyrillic.english[c] ?? ""
            }
        case .russianOldPassport:
            switch c {
            case "г": return "g"
            case "и": return "i"
            case "е": return where_ == .initial ? "ye" : "e"
            case "ё": return where_ == .initial ? "yo" : "e"
            case "й": return "y"
            case "ю": return "yu"
            case "я": return "ya"
            default: return Cyrillic.english[c] ?? ""
            }
        case .belarusianPassport:
            switch c {
            case "е": return "e"
            case "ё": return "io"
            case "й": return "i"
            case "ю": return "iu"
            case "я": return "ia"
            case "ў": return "u"
            default: return Cyrillic.english[c] ?? ""
            }
        case .belarusianBGN:
            switch c {
            case "е": return where_ == .initial ? "ye" : "e"
            case "ё": return "yo"
            case "й": return "y"
            case "ю": return "yu"
            case "я": return "ya"
            case "ў": return "w"
            default: return Cyrillic.english[c] ?? ""
            }
        case .uzbekLatin:
            switch c {
            case "е": return previous == nil ? "ye" : "e"
            case "ё": return "yo"
            case "ж": return "j"
            case "й": return "y"
            case "х": return "x"
            case "ю": return "yu"
            case "я": return "ya"
            case "ъ": return "'"
            default: return Cyrillic.uzbek[c] ?? Cyrillic.english[c] ?? ""
            }
        case .ukrainianPolish, .russianPolish, .belarusianPolish:
            return polish(c, previous: previous, next: next, where_: where_)
        }
    }

    /// Polish transcription (PWN 76.B, 78.B): ł before hard vowels and consonants, l before soft ones; j-forms of
    /// iotated vowels at the start, after vowels and signs; a, u, e, o after l; i-forms after other consonants.
    private func polish(_ c: Character, previous: Character?, next: Character?, where_: Position) -> String {
        let russian = self == .russianPolish
        func iotated(_ vowel: String) -> String {
            switch where_ {
            case .initial: return "j" + vowel
            case .afterL: return vowel
            case .afterConsonant: return "i" + vowel
            }
        }
        switch c {
        case "л":
            guard let next else { return "ł" }
            let soft: String
            switch self {
            case .russianPolish: soft = "еёиьюя"
            case .belarusianPolish: soft = "яюеёіь"
            default: soft = "яюєіїь"
            }
            return soft.contains(next) ? "l" : "ł"
        case "г": return russian ? "g" : "h"
        case "я": return iotated("a")
        case "ю": return iotated("u")
        case "є": return iotated("e")
        case "ё":
            if let previous, "жчшщ".contains(previous) { return "o" }
            return iotated("o")
        case "е":
            if !russian && self != .belarusianPolish { return "e" }
            if let previous, "жцчшщ".contains(previous) { return "e" }
            return iotated("e")
        case "ї": return "ji"
        case "и":
            if !russian { return "y" }
            if let previous, "жцш".contains(previous) { return "y" }
            return previous == "ь" ? "ji" : "i"
        case "й": return "j"
        case "ў": return "u"
        case "ь": return ""
        case "н", "с", "з", "ц":
            let base = Cyrillic.polish[c]!
            guard next == "ь" else { return base }
            return ["н": "ń", "с": "ś", "з": "ź", "ц": "ć"][c]!
        default: return Cyrillic.polish[c] ?? Cyrillic.english[c] ?? ""
        }
    }

    private func capitalised(_ word: String) -> String {
        guard let first = word.first else { return word }
        return first.uppercased() + word.dropFirst()
    }
}

/// Letter tables shared by the systems above.
enum Cyrillic {
    static let vowels: Set<Character> = ["а", "е", "ё", "є", "и", "і", "ї", "о", "у", "ў", "ы", "э", "ю", "я"]
    static let signs: Set<Character> = ["ь", "ъ", "'", "’", "ʼ"]

    /// The letters every English-based system writes alike.
    static let english: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "y",
        "і": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ы": "y", "э": "e",
        "ь": "", "ъ": "", "'": "", "’": "", "ʼ": "",
        // Letters of another language met in a name: Ukrainian є, ї in a Russian system, ў, ё elsewhere.
        "є": "ie", "ї": "i", "ё": "e", "ў": "u", "й": "i", "я": "ia", "ю": "iu",
    ]
    static let polish: [Character: String] = [
        "б": "b", "в": "w", "ґ": "g", "д": "d", "ж": "ż", "з": "z", "і": "i", "к": "k", "м": "m", "н": "n",
        "с": "s", "ф": "f", "х": "ch", "ц": "c", "ч": "cz", "ш": "sz", "щ": "szcz", "ы": "y", "э": "e",
        "а": "a", "о": "o", "у": "u", "п": "p", "р": "r", "т": "t", "ъ": "", "'": "", "’": "", "ʼ": "",
    ]
    static let uzbek: [Character: String] = ["ғ": "g'", "қ": "q", "ҳ": "h", "ў": "o'", "и": "i", "г": "g"]

    /// Uzbek Cyrillic as Russian-language documents write it (ў → у, қ → к, ғ → г, ҳ → х).
    static func russifiedUzbek(_ text: String) -> String {
        let map: [Character: Character] = [
            "ў": "у", "Ў": "У", "қ": "к", "Қ": "К", "ғ": "г", "Ғ": "Г", "ҳ": "х", "Ҳ": "Х",
        ]
        return String(text.map { map[$0] ?? $0 })
    }
}

/// Georgian (Mkhedruli) in the three forms met in Polish files: the national Latin system of 2002 (as passports
/// print it, without ejective marks), Polish transcription and the Russian Cyrillic of Soviet-era documents.
enum Georgian {
    enum Form { case latin, polish, russian }

    static func apply(_ text: String, _ form: Form) -> String {
        text.split(separator: " ").map { word in
            let letters = word.map { letter in
                let row = table[letter] ?? (String(letter), String(letter), String(letter))
                switch form {
                case .latin: return row.latin
                case .polish: return row.polish
                case .russian: return row.russian
                }
            }.joined()
            guard let first = letters.first else { return letters }
            return first.uppercased() + letters.dropFirst()
        }.joined(separator: " ")
    }

    private static let table: [Character: (latin: String, polish: String, russian: String)] = [
        "ა": ("a", "a", "а"), "ბ": ("b", "b", "б"), "გ": ("g", "g", "г"), "დ": ("d", "d", "д"),
        "ე": ("e", "e", "е"), "ვ": ("v", "w", "в"), "ზ": ("z", "z", "з"), "თ": ("t", "t", "т"),
        "ი": ("i", "i", "и"), "კ": ("k", "k", "к"), "ლ": ("l", "l", "л"), "მ": ("m", "m", "м"),
        "ნ": ("n", "n", "н"), "ო": ("o", "o", "о"), "პ": ("p", "p", "п"), "ჟ": ("zh", "ż", "ж"),
        "რ": ("r", "r", "р"), "ს": ("s", "s", "с"), "ტ": ("t", "t", "т"), "უ": ("u", "u", "у"),
        "ფ": ("p", "p", "п"), "ქ": ("k", "k", "к"), "ღ": ("gh", "g", "г"), "ყ": ("q", "k", "к"),
        "შ": ("sh", "sz", "ш"), "ჩ": ("ch", "cz", "ч"), "ც": ("ts", "c", "ц"), "ძ": ("dz", "dz", "дз"),
        "წ": ("ts", "c", "ц"), "ჭ": ("ch", "cz", "ч"), "ხ": ("kh", "ch", "х"), "ჯ": ("j", "dż", "дж"),
        "ჰ": ("h", "h", "х"),
    ]
}
