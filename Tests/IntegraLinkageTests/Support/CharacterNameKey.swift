import Foundation
import IntegraCore

/// `NameKey` as it was written before it worked on character codes: on arrays of `Character`, rule for rule the
/// same. Kept here only as the reference the faster implementation is checked against (`NameKeyEquivalenceTests`).
enum CharacterNameKey {
    /// The skeleton of one name part (a first name or a surname); words are kept and joined by one space.
    static func skeleton(_ name: String) -> String {
        let latin = Transliteration.toLatin(TextNormalisation.clean(name)).lowercased()
        return words(of: latin).map(skeleton(word:)).filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The rewrite rules, applied in this order to each lower-case word.
    ///
    /// The target is the ASCII form the Ukrainian passport system (KMU 2010) gives, with the choices that system
    /// makes by position (Yu/iu, Ye/ie) and the ways other systems write й, я, ю, є levelled out.
    static let rules: [Rule] = [
        // Polish and Czech write х as "ch" (Mychajło), because their "cz"/"č" is ч. Only trusted in a word whose
        // other letters show that spelling; an English-style word keeps "ch" = ч (Kovalchuk, even as Kowalchuk).
        Rule("ch", "kh", when: [.nonEnglishSpelling]),
        // Polish has no "zh": there z+h is з+г (Zhurśkyj = Згурський), which KMU writes "zgh" (ж is ż).
        Rule("zh", "zgh", when: [.polishLetters]),
        // Polish writes hard л as ł and soft л as l, dropping the "i" of я ю є after it (Ludmyła = Людмила, KMU
        // Liudmyla). Only in a word that has a ł, so its plain l is known to be soft. The cost: Polish names with
        // both (Bolesław) no longer meet their spelling without diacritics (Boleslaw).
        Rule("l", "li", when: [.hasLWithStroke, .before("aue")]),
        // Х before р at the start of a word, whatever the spelling (Chrystyna with no other Polish letter);
        // ч+р does not start Ukrainian words.
        Rule("chr", "khr", when: [.wordStart]),
        // щ: Polish "szcz", Czech/ISO 9 "šč" and "ŝ"; "sch" in the 1996 national system and home-made tables
        // (Ivaschenko). The cost: KMU "sch" for с+ч (Beschastnyi) is read as щ.
        Rule("szcz", "shch"), Rule("šč", "shch"), Rule("ŝ", "shch"), Rule("sch", "shch"),
        // ш, ч, ж in Polish and Czech.
        Rule("sz", "sh"), Rule("š", "sh"),
        Rule("cz", "ch"), Rule("č", "ch"),
        Rule("ż", "zh"), Rule("ž", "zh"),
        // ц: Polish/Czech "c", and Polish "ć" for ць (Troć = Троць); KMU drops the soft sign, so ć is plain ц.
        Rule("ć", "c"), Rule("c", "ts", when: [.notBefore("h")]),
        // English x (Olexandr, Alexander) is к+с.
        Rule("x", "ks"),
        // Polish and German w is в.
        Rule("w", "v"),
        // The remaining diacritics go (ł→l, ś→s, ź→z, ń→n, ó→o, ü→u …): Polish ł is KMU's l, and the acute of
        // ś ź ń marks a soft sign, which KMU drops.
        .foldDiacritics,
        // Polish, Czech and German j is й (Julija, Jewhen, Serhij).
        Rule("j", "y"),
        // г: h in Ukrainian, g in Russian ICAO, Polish-of-Russian and older documents (Olga/Olha, Sergiy/Serhiy).
        // з+г keeps its "zgh" so it never becomes ж. The cost is ґ = г (rare; Galagan meets Halahan).
        Rule("zg", "zgh", when: [.notBefore("h")]),
        Rule("g", "h", when: [.notAfter("z")]),
        // ICAO has no word-initial forms: Iuliia, Ievhen, Iaroslav are KMU's Yuliia, Yevhen, Yaroslav.
        Rule("i", "y", when: [.wordStart, .before("aeou")]),
        // я ю є after a letter: "ia iu ie" in KMU, "ya yu ye" in BGN 1965 (Kostyantyn), "ja ju je" in Polish.
        Rule("y", "i", when: [.notWordStart, .before("aeou")]),
        // й after a vowel: "i" in KMU, "y" in BGN and English (Andrey, Mykhaylo, Boyko), "j" in Polish.
        Rule("y", "i", when: [.after("aeiouy")]),
        // The endings -ій -ія -ий: KMU "ii iia yi", BGN "iy iya yy", Polish "ij ija yj" become one "i" (Andrii,
        // Andriy, Andrij; Yuliia, Yulia; Khmelnytskyi, Khmelnytskyy). Single "y" (и) and "i" (і) stay distinct.
        .collapseRuns(of: "iy", into: "i"),
        // Doubled letters are written single as often as double (Hanna/Hana, Illia/Ilia, Savva).
        .dropDoubledLetters,
    ]

    static func skeleton(word: [Character]) -> String {
        let context = Rule.Context(word)
        var letters = word
        for rule in rules { letters = rule.apply(to: letters, in: context) }
        return String(letters)
    }

    /// The words of a name: runs of letters; apostrophes are dropped inside a word, anything else separates words.
    private static func words(of text: String) -> [[Character]] {
        var words: [[Character]] = []
        var current: [Character] = []
        for character in text {
            if character.isLetter {
                current.append(character)
            } else if let scalar = character.unicodeScalars.first, CharacterNameKey.apostrophes.contains(scalar) {
                continue
            } else if !current.isEmpty {
                words.append(current)
                current = []
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}

extension CharacterNameKey {
    /// One step of the skeleton: a rewrite of a letter sequence under conditions, or a whole-word operation.
    enum Rule: Sendable {
        case rewrite(pattern: [Character], replacement: [Character], conditions: [Condition])
        case foldDiacritics
        /// Every run of two or more of `letters` becomes the one letter.
        case collapseRuns(of: String, into: Character)
        case dropDoubledLetters

        init(_ pattern: String, _ replacement: String, when conditions: [Condition] = []) {
            self = .rewrite(pattern: Array(pattern), replacement: Array(replacement), conditions: conditions)
        }

        /// Where a rewrite may happen, judged on the word as it stands before this rule.
        enum Condition: Sendable {
            case wordStart, notWordStart
            /// The next letter is (is not) one of these.
            case before(String)
            case notBefore(String)
            /// The previous letter is (is not) one of these.
            case after(String)
            case notAfter(String)
            /// The original word has Polish or Czech letters (ł ż ź ś ć ń ó ą ę š č ž) or "sz"/"cz".
            case polishLetters
            /// `polishLetters`, or a "j", which English-style spellings do not use.
            case nonEnglishSpelling
            /// The original word has a "ł".
            case hasLWithStroke
        }

        /// What is known about the word before any rule runs.
        struct Context {
            let hasPolishLetters: Bool
            let hasJ: Bool
            let hasLWithStroke: Bool

            init(_ word: [Character]) {
                let text = String(word)
                hasPolishLetters =
                    word.contains { "łżźśćńóąęščž".contains($0) } || text.contains("sz") || text.contains("cz")
                hasJ = word.contains("j")
                hasLWithStroke = word.contains("ł")
            }
        }

        func apply(to word: [Character], in context: Context) -> [Character] {
            switch self {
            case .rewrite(let pattern, let replacement, let conditions):
                return Rule.rewrite(word, pattern, replacement, conditions, context)
            case .foldDiacritics:
                return Array(TextNormalisation.foldForMatching(String(word))).filter(\.isLetter)
            case .collapseRuns(let letters, let letter):
                var out: [Character] = []
                var i = 0
                while i < word.count {
                    var end = i
                    while end < word.count, letters.contains(word[end]) { end += 1 }
                    if end - i >= 2 {
                        out.append(letter)
                        i = end
                    } else {
                        out.append(word[i])
                        i += 1
                    }
                }
                return out
            case .dropDoubledLetters:
                var out: [Character] = []
                for character in word where out.last != character { out.append(character) }
                return out
            }
        }

        private static func rewrite(
            _ word: [Character], _ pattern: [Character], _ replacement: [Character], _ conditions: [Condition],
            _ context: Context
        ) -> [Character] {
            // Most rules find nothing to rewrite in a given word: skip the copy then.
            guard let head = pattern.first, word.contains(head) else { return word }
            var out: [Character] = []
            out.reserveCapacity(word.count + replacement.count)
            var i = 0
            while i < word.count {
                let end = i + pattern.count
                if end <= word.count, word[i..<end].elementsEqual(pattern),
                    conditions.allSatisfy({ holds($0, word, i, end, context) })
                {
                    out += replacement
                    i = end
                } else {
                    out.append(word[i])
                    i += 1
                }
            }
            return out
        }

        private static func holds(
            _ condition: Condition, _ word: [Character], _ start: Int, _ end: Int, _ context: Context
        ) -> Bool {
            let next = end < word.count ? word[end] : nil
            let previous = start > 0 ? word[start - 1] : nil
            switch condition {
            case .wordStart: return start == 0
            case .notWordStart: return start > 0
            case .before(let letters): return next.map(letters.contains) ?? false
            case .notBefore(let letters): return !(next.map(letters.contains) ?? false)
            case .after(let letters): return previous.map(letters.contains) ?? false
            case .notAfter(let letters): return !(previous.map(letters.contains) ?? false)
            case .polishLetters: return context.hasPolishLetters
            case .nonEnglishSpelling: return context.hasPolishLetters || context.hasJ
            case .hasLWithStroke: return context.hasLWithStroke
            }
        }
    }
}

extension CharacterNameKey {
    /// `TextWord.apostrophes` (internal to IntegraCore).
    static let apostrophes: Set<Unicode.Scalar> = [
        "'", "\u{2019}", "\u{02BC}", "\u{2018}", "`", "\u{00B4}", "\u{02B9}", "\u{2032}",
    ]
}
