import Foundation

/// A canonical Latin skeleton of a name, so that one person's name in Cyrillic, in the Ukrainian passport system,
/// in Polish spelling or in an older romanisation gives the same key.
///
/// The name is transliterated (`Transliteration.toLatin`), lower-cased and cut into words at spaces, hyphens and
/// other non-letters (apostrophes and soft-sign marks are dropped, not cut at); each word then goes through the
/// ordered rules in `rules`. Keys are for exact comparison: two spellings meet or they do not. Cross-language
/// name forms (Олександр / Александр, Hanna / Anna, Iwan / Jan) are different names here, not variants.
///
/// ```swift
/// NameKey.skeleton("Юлія")       // "yulia"
/// NameKey.skeleton("Julija")     // "yulia"
/// NameKey.skeleton("Szewczenko") // "shevchenko"
/// NameKey.personKey(first: "Ołeksandr", last: "Szewczenko")  // "shevchenko|oleksandr"
/// ```
public enum NameKey {
    /// The skeleton of one name part (a first name or a surname); words are kept and joined by one space.
    public static func skeleton(_ name: String) -> String {
        let latin = Transliteration.toLatin(TextNormalisation.clean(name)).lowercased()
        var letters = Letters()
        let words = words(of: latin, letters: &letters).map { skeleton(word: $0, letters: &letters) }
        return letters.string(of: words.filter { !$0.isEmpty })
    }

    /// `skeleton(last)|skeleton(first)`: the key of a person by name, surname first.
    public static func personKey(first: String, last: String) -> String {
        skeleton(last) + "|" + skeleton(first)
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

    /// The skeleton of one word of character codes (`Letters`).
    static func skeleton(word: [UInt32], letters: inout Letters) -> [UInt32] {
        let context = Rule.Context(word)
        var word = word
        for rule in rules { word = rule.apply(to: word, in: context, letters: &letters) }
        return word
    }

    /// The words of a name: runs of letters; apostrophes are dropped inside a word, anything else separates words.
    private static func words(of text: String, letters: inout Letters) -> [[UInt32]] {
        var words: [[UInt32]] = []
        var current: [UInt32] = []
        func endWord() {
            if !current.isEmpty { words.append(current) }
            current = []
        }
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    current.append(UInt32(byte))
                case UInt8(ascii: "'"), UInt8(ascii: "`"): continue
                default: endWord()
                }
            }
        } else if text.unicodeScalars.allSatisfy(Letters.isOwnCharacter) {
            for scalar in text.unicodeScalars {
                if scalar.properties.isAlphabetic {
                    current.append(scalar.value)
                } else if !TextWord.apostrophes.contains(scalar) {
                    endWord()
                }
            }
        } else {
            for character in text {
                if character.isLetter {
                    current.append(letters.code(of: character))
                } else if let scalar = character.unicodeScalars.first, TextWord.apostrophes.contains(scalar) {
                    continue
                } else {
                    endWord()
                }
            }
        }
        endWord()
        return words
    }
}

extension NameKey {
    /// The characters of a name as the rules see them: one code per `Character`, so that the rules compare integers.
    ///
    /// A character that is one Unicode scalar after NFC — every letter of a name in Latin or Cyrillic script — is
    /// that scalar's value. A character of several scalars (a letter with a combining mark that has no precomposed
    /// form) gets a code above the Unicode range, one per distinct character, which no rule's letters equal, just as
    /// no rule's `Character` would equal it.
    struct Letters {
        private var clusters: [String] = []
        private static let firstClusterCode: UInt32 = 0x11_0000

        /// Scalars that are a `Character` of their own and already in NFC in any text: below the combining marks
        /// (U+0300) and the precomposed letters of Latin Extended Additional (Vietnamese).
        static func isOwnCharacter(_ scalar: Unicode.Scalar) -> Bool {
            scalar.value < 0x300 || (0x1E00..<0x1F00).contains(scalar.value)
        }

        mutating func code(of character: Character) -> UInt32 {
            let scalars = character.unicodeScalars
            if scalars.count == 1, let scalar = scalars.first, Letters.isOwnCharacter(scalar) { return scalar.value }
            let composed = String(character).precomposedStringWithCanonicalMapping
            if composed.unicodeScalars.count == 1 { return composed.unicodeScalars.first!.value }
            if let index = clusters.firstIndex(of: composed) { return Letters.firstClusterCode + UInt32(index) }
            clusters.append(composed)
            return Letters.firstClusterCode + UInt32(clusters.count - 1)
        }

        func text(of code: UInt32) -> String {
            if code >= Letters.firstClusterCode { return clusters[Int(code - Letters.firstClusterCode)] }
            return Unicode.Scalar(code).map { String($0) } ?? ""
        }

        /// `TextNormalisation.foldForMatching` of one character, keeping the letters.
        mutating func folded(_ code: UInt32) -> [UInt32] {
            if code < Letters.firstClusterCode, let known = Letters.foldedLatin[code] { return known }
            return TextNormalisation.foldForMatching(text(of: code)).filter(\.isLetter).map { self.code(of: $0) }
        }

        /// The folding of every letter that is its own character (`isOwnCharacter`), worked out once.
        private static let foldedLatin: [UInt32: [UInt32]] = {
            var table: [UInt32: [UInt32]] = [:]
            for value in Array(0x80..<0x300) + Array(0x1E00..<0x1F00) {
                guard let scalar = Unicode.Scalar(UInt32(value)), scalar.properties.isAlphabetic else { continue }
                let folded = TextNormalisation.foldForMatching(String(scalar)).filter(\.isLetter)
                let scalars = folded.map(\.unicodeScalars)
                guard scalars.allSatisfy({ $0.count == 1 && isOwnCharacter($0.first!) }) else { continue }
                table[UInt32(value)] = scalars.map { $0.first!.value }
            }
            return table
        }()

        /// The words as text, one space between them.
        func string(of words: [[UInt32]]) -> String {
            var out = String.UnicodeScalarView()
            for word in words {
                if !out.isEmpty { out.append(" ") }
                for code in word {
                    if code < Letters.firstClusterCode, let scalar = Unicode.Scalar(code) {
                        out.append(scalar)
                    } else {
                        out.append(contentsOf: text(of: code).unicodeScalars)
                    }
                }
            }
            return String(out)
        }
    }
}

extension NameKey {
    /// One step of the skeleton: a rewrite of a letter sequence under conditions, or a whole-word operation.
    enum Rule: Sendable {
        case rewrite(pattern: [UInt32], replacement: [UInt32], conditions: [Condition])
        case foldDiacritics
        /// Every run of two or more of `letters` becomes the one letter.
        case collapseRuns(of: [UInt32], into: UInt32)
        case dropDoubledLetters

        init(_ pattern: String, _ replacement: String, when conditions: [Condition] = []) {
            self = .rewrite(pattern: Rule.codes(pattern), replacement: Rule.codes(replacement), conditions: conditions)
        }

        static func collapseRuns(of letters: String, into letter: Unicode.Scalar) -> Rule {
            .collapseRuns(of: Rule.codes(letters), into: letter.value)
        }

        /// Where a rewrite may happen, judged on the word as it stands before this rule.
        enum Condition: Sendable {
            case wordStart, notWordStart
            /// The next letter is (is not) one of these.
            case before([UInt32])
            case notBefore([UInt32])
            /// The previous letter is (is not) one of these.
            case after([UInt32])
            case notAfter([UInt32])
            /// The original word has Polish or Czech letters (ł ż ź ś ć ń ó ą ę š č ž) or "sz"/"cz".
            case polishLetters
            /// `polishLetters`, or a "j", which English-style spellings do not use.
            case nonEnglishSpelling
            /// The original word has a "ł".
            case hasLWithStroke

            static func before(_ letters: String) -> Condition { .before(Rule.codes(letters)) }
            static func notBefore(_ letters: String) -> Condition { .notBefore(Rule.codes(letters)) }
            static func after(_ letters: String) -> Condition { .after(Rule.codes(letters)) }
            static func notAfter(_ letters: String) -> Condition { .notAfter(Rule.codes(letters)) }
        }

        /// What is known about the word before any rule runs.
        struct Context {
            let hasPolishLetters: Bool
            let hasJ: Bool
            let hasLWithStroke: Bool

            private static let polish = Rule.codes("łżźśćńóąęščž")
            private static let (c, s, z, j, lWithStroke): (UInt32, UInt32, UInt32, UInt32, UInt32) = (
                0x63, 0x73, 0x7A, 0x6A, 0x142  // c s z j ł
            )

            init(_ word: [UInt32]) {
                var polish = false
                var j = false
                var l = false
                for (i, code) in word.enumerated() {
                    if code == Context.j { j = true }
                    if code == Context.lWithStroke { l = true }
                    if code >= 0x80, Context.polish.contains(code) { polish = true }
                    if code == Context.z, i > 0, word[i - 1] == Context.s || word[i - 1] == Context.c { polish = true }
                }
                hasPolishLetters = polish
                hasJ = j
                hasLWithStroke = l
            }
        }

        func apply(to word: [UInt32], in context: Context, letters: inout Letters) -> [UInt32] {
            switch self {
            case .rewrite(let pattern, let replacement, let conditions):
                return Rule.rewrite(word, pattern, replacement, conditions, context)
            case .foldDiacritics:
                guard word.contains(where: { $0 >= 0x80 }) else { return word }
                var out: [UInt32] = []
                out.reserveCapacity(word.count)
                for code in word {
                    if code < 0x80 { out.append(code) } else { out += letters.folded(code) }
                }
                return out
            case .collapseRuns(let runLetters, let letter):
                var out: [UInt32] = []
                out.reserveCapacity(word.count)
                var i = 0
                while i < word.count {
                    var end = i
                    while end < word.count, runLetters.contains(word[end]) { end += 1 }
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
                var out: [UInt32] = []
                out.reserveCapacity(word.count)
                for code in word where out.last != code { out.append(code) }
                return out
            }
        }

        private static func rewrite(
            _ word: [UInt32], _ pattern: [UInt32], _ replacement: [UInt32], _ conditions: [Condition],
            _ context: Context
        ) -> [UInt32] {
            // Most rules find nothing to rewrite in a given word: skip the copy then.
            guard let head = pattern.first, word.contains(head) else { return word }
            var out: [UInt32] = []
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
            _ condition: Condition, _ word: [UInt32], _ start: Int, _ end: Int, _ context: Context
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

        /// The scalar values of a rule's letters (each one character in NFC).
        static func codes(_ letters: String) -> [UInt32] {
            letters.precomposedStringWithCanonicalMapping.unicodeScalars.map(\.value)
        }
    }
}
