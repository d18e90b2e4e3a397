import Foundation

/// Daitch–Mokotoff Soundex: six-digit phonetic codes built for Slavic and Yiddish surnames.
///
/// The rules are the coding chart of Gary Mokotoff and Randy Daitch as published by Avotaynu ("Soundexing and
/// Genealogy", avotaynu.com/soundex.htm) and JewishGen (jewishgen.org/infofiles/soundex.html), with the additions
/// Apache Commons Codec makes to it (Polish ą/ę coded 6 or not at all, Romanian ţ/ț as 3 or 4). Each letter group is
/// coded by its position: at the start of the name, before a vowel, or elsewhere; the longest group matching at a
/// position wins; a digit equal to the end of the previous group's code is not repeated (except for m/n next to
/// each other); codes are cut at six digits and padded with zeros. Some groups have two readings (`ch` is /x/ or
/// /tʃ/, `rz` is /ʒ/ or /rz/), so a name has one code per reading.
///
/// Names are compared across romanisations by sharing any code: Szewczenko and Shevchenko both give 474650,
/// Serhii and Sergei 495000 (h and g, m and n share a digit). It is evidence for blocking and a weak comparison
/// level, never decisive: unrelated names meet too.
///
/// ```swift
/// DaitchMokotoff.codes("Peters")      // ["734000", "739400"]
/// DaitchMokotoff.codes("Szewczenko")  // ["474650"]
/// ```
public enum DaitchMokotoff {
    /// Every code of a name, sorted. White space is ignored (a name of several words is coded as one); letters
    /// outside the chart (digits, hyphens, apostrophes, Cyrillic) are skipped. Empty when nothing is coded.
    public static func codes(_ name: String) -> [String] {
        packedCodes(name).map { code in
            let digits = String(code)
            return String(repeating: "0", count: 6 - digits.count) + digits
        }
    }

    /// The codes as integers (`"097400"` → 97400), sorted; the form the linker stores and compares.
    static func packedCodes(_ name: String) -> [UInt32] {
        let letters = prepared(name)
        guard letters.contains(where: { rulesByFirstLetter[$0] != nil }) else { return [] }
        var branches = [Branch()]
        var previousLetter: Unicode.Scalar?
        var index = 0
        while index < letters.count {
            let letter = letters[index]
            guard let candidates = rulesByFirstLetter[letter],
                let rule = candidates.first(where: { $0.matches(letters, at: index) })
            else {
                index += 1
                continue
            }
            let readings = rule.readings(letters, at: index, atStart: previousLetter == nil)
            // m and n next to each other are both coded (Kleinmann 586660), though they share a digit.
            let force = (previousLetter == "m" && letter == "n") || (previousLetter == "n" && letter == "m")
            var next: [Branch] = []
            for branch in branches {
                for reading in readings {
                    var extended = branch
                    extended.append(reading, force: force)
                    if !next.contains(where: { $0.digits == extended.digits }) { next.append(extended) }
                }
            }
            branches = next
            previousLetter = letter
            index += rule.pattern.count
        }
        return Set(branches.map(\.packed)).sorted()
    }

    /// Lower case, no white space, Latin letters folded to the chart's alphabet (é → e, ł → l, ß → s).
    private static func prepared(_ name: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        for character in name.lowercased() where !character.isWhitespace {
            for scalar in String(character).unicodeScalars {
                if rulesByFirstLetter[scalar] != nil {
                    out.append(scalar)
                } else if let folded = foldings[scalar] {
                    out.append(folded)
                } else {
                    // Decompose (é → e + ◌́) and keep the base letter when it is in the chart.
                    let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first ?? scalar
                    out.append(base)
                }
            }
        }
        return out
    }

    /// Letters with no canonical decomposition to a chart letter.
    private static let foldings: [Unicode.Scalar: Unicode.Scalar] = [
        "ß": "s", "æ": "a", "ð": "d", "ø": "o", "þ": "b", "ł": "l",
    ]

    private static let vowels: Set<Unicode.Scalar> = ["a", "e", "i", "o", "u"]

    /// A code being built along one reading of the name.
    private struct Branch {
        var digits: [UInt8] = []
        /// The code of the previous letter group, nil before the first.
        var previous: [UInt8]?

        mutating func append(_ code: [UInt8], force: Bool) {
            let repeats = previous.map { $0.count >= code.count && Array($0.suffix(code.count)) == code } ?? false
            if (!repeats || force), digits.count < 6 {
                digits += code.prefix(6 - digits.count)
            }
            previous = code
        }

        var packed: UInt32 {
            var value: UInt32 = 0
            for position in 0..<6 {
                value = value * 10 + UInt32(position < digits.count ? digits[position] : 0)
            }
            return value
        }
    }

    /// One row of the chart: a letter group and its codes at the start, before a vowel, and elsewhere.
    private struct Rule {
        let pattern: [Unicode.Scalar]
        let atStart: [[UInt8]]
        let beforeVowel: [[UInt8]]
        let otherwise: [[UInt8]]

        /// Codes are written as in the chart: digits, `|` between two readings, empty for "not coded".
        init(_ pattern: String, _ atStart: String, _ beforeVowel: String, _ otherwise: String) {
            func readings(_ text: String) -> [[UInt8]] {
                text.split(separator: "|", omittingEmptySubsequences: false).map { reading in
                    reading.unicodeScalars.map { UInt8($0.value - 48) }
                }
            }
            self.pattern = Array(pattern.unicodeScalars)
            self.atStart = readings(atStart)
            self.beforeVowel = readings(beforeVowel)
            self.otherwise = readings(otherwise)
        }

        func matches(_ letters: [Unicode.Scalar], at index: Int) -> Bool {
            index + pattern.count <= letters.count && letters[index..<(index + pattern.count)].elementsEqual(pattern)
        }

        func readings(_ letters: [Unicode.Scalar], at index: Int, atStart start: Bool) -> [[UInt8]] {
            if start { return atStart }
            let next = index + pattern.count
            return next < letters.count && DaitchMokotoff.vowels.contains(letters[next]) ? beforeVowel : otherwise
        }
    }

    /// The chart, by first letter, longest group first.
    private static let rulesByFirstLetter: [Unicode.Scalar: [Rule]] = Dictionary(grouping: chart) { $0.pattern[0] }
        .mapValues { rules in rules.sorted { $0.pattern.count > $1.pattern.count } }

    private static let chart: [Rule] = [
        // Vowels and vowel pairs: coded 0 at the start; a pair ending in a glide is 1 before a vowel.
        Rule("a", "0", "", ""), Rule("ai", "0", "1", ""), Rule("aj", "0", "1", ""), Rule("ay", "0", "1", ""),
        Rule("au", "0", "7", ""),
        Rule("e", "0", "", ""), Rule("ei", "0", "1", ""), Rule("ej", "0", "1", ""), Rule("ey", "0", "1", ""),
        Rule("eu", "1", "1", ""),
        Rule("i", "0", "", ""), Rule("ia", "1", "", ""), Rule("ie", "1", "", ""), Rule("io", "1", "", ""),
        Rule("iu", "1", "", ""),
        Rule("o", "0", "", ""), Rule("oi", "0", "1", ""), Rule("oj", "0", "1", ""), Rule("oy", "0", "1", ""),
        Rule("u", "0", "", ""), Rule("ui", "0", "1", ""), Rule("uj", "0", "1", ""), Rule("uy", "0", "1", ""),
        Rule("ue", "0", "1", ""),
        Rule("y", "1", "", ""),
        // Polish nasal vowels: not coded, or 6 (n) elsewhere than at the start or before a vowel.
        Rule("ą", "", "", "|6"), Rule("ę", "", "", "|6"),
        // B, D, F, G, H, K, L, M, N, P, Q, R, T, V, W, X
        Rule("b", "7", "7", "7"),
        Rule("d", "3", "3", "3"), Rule("dt", "3", "3", "3"),
        Rule("ds", "4", "4", "4"), Rule("dsh", "4", "4", "4"), Rule("dsz", "4", "4", "4"),
        Rule("dz", "4", "4", "4"), Rule("dzh", "4", "4", "4"), Rule("dzs", "4", "4", "4"),
        Rule("drz", "4", "4", "4"), Rule("drs", "4", "4", "4"),
        Rule("f", "7", "7", "7"), Rule("fb", "7", "7", "7"),
        Rule("g", "5", "5", "5"),
        Rule("h", "5", "5", ""),
        Rule("k", "5", "5", "5"), Rule("kh", "5", "5", "5"), Rule("ks", "5", "54", "54"),
        Rule("l", "8", "8", "8"),
        Rule("m", "6", "6", "6"), Rule("mn", "66", "66", "66"),
        Rule("n", "6", "6", "6"), Rule("nm", "66", "66", "66"),
        Rule("p", "7", "7", "7"), Rule("pf", "7", "7", "7"), Rule("ph", "7", "7", "7"),
        Rule("q", "5", "5", "5"),
        Rule("r", "9", "9", "9"), Rule("rz", "4|94", "4|94", "4|94"), Rule("rs", "4|94", "4|94", "4|94"),
        Rule("t", "3", "3", "3"), Rule("th", "3", "3", "3"),
        Rule("tch", "4", "4", "4"), Rule("ttch", "4", "4", "4"), Rule("ttsch", "4", "4", "4"),
        Rule("trz", "4", "4", "4"), Rule("trs", "4", "4", "4"),
        Rule("tsch", "4", "4", "4"), Rule("tsh", "4", "4", "4"),
        Rule("ts", "4", "4", "4"), Rule("tts", "4", "4", "4"), Rule("ttsz", "4", "4", "4"), Rule("tc", "4", "4", "4"),
        Rule("tz", "4", "4", "4"), Rule("ttz", "4", "4", "4"), Rule("tzs", "4", "4", "4"), Rule("tsz", "4", "4", "4"),
        Rule("ţ", "3|4", "3|4", "3|4"), Rule("ț", "3|4", "3|4", "3|4"),
        Rule("v", "7", "7", "7"),
        Rule("w", "7", "7", "7"),
        Rule("x", "5", "54", "54"),
        // C: /ts/ or /k/; CH: /x/ or /tʃ/; CK: /k/ or /tsk/.
        Rule("c", "4|5", "4|5", "4|5"), Rule("ch", "4|5", "4|5", "4|5"), Rule("ck", "5|45", "5|45", "5|45"),
        Rule("chs", "5", "54", "54"),
        Rule("cz", "4", "4", "4"), Rule("cs", "4", "4", "4"), Rule("csz", "4", "4", "4"), Rule("czs", "4", "4", "4"),
        // J: /j/ (not coded inside a name) or /dʒ/.
        Rule("j", "1|4", "|4", "|4"),
        // S and its groups: ST/SHT/SZT… are 2 at the start, 43 elsewhere; SHCH, SZCZ… are 2 at the start, 4 elsewhere.
        Rule("s", "4", "4", "4"), Rule("sh", "4", "4", "4"), Rule("sz", "4", "4", "4"), Rule("sch", "4", "4", "4"),
        Rule("sc", "2", "4", "4"),
        Rule("st", "2", "43", "43"), Rule("sd", "2", "43", "43"),
        Rule("sht", "2", "43", "43"), Rule("szt", "2", "43", "43"), Rule("shd", "2", "43", "43"),
        Rule("szd", "2", "43", "43"), Rule("scht", "2", "43", "43"), Rule("schd", "2", "43", "43"),
        Rule("shch", "2", "4", "4"), Rule("shtch", "2", "4", "4"), Rule("shtsh", "2", "4", "4"),
        Rule("schtsch", "2", "4", "4"), Rule("schtsh", "2", "4", "4"), Rule("schtch", "2", "4", "4"),
        Rule("stch", "2", "4", "4"), Rule("stsch", "2", "4", "4"), Rule("stsh", "2", "4", "4"),
        Rule("strz", "2", "4", "4"), Rule("strs", "2", "4", "4"),
        Rule("szcz", "2", "4", "4"), Rule("szcs", "2", "4", "4"),
        // Z and its groups.
        Rule("z", "4", "4", "4"), Rule("zh", "4", "4", "4"), Rule("zs", "4", "4", "4"), Rule("zsh", "4", "4", "4"),
        Rule("zsch", "4", "4", "4"),
        Rule("zd", "2", "43", "43"), Rule("zhd", "2", "43", "43"),
        Rule("zdz", "2", "4", "4"), Rule("zdzh", "2", "4", "4"), Rule("zhdzh", "2", "4", "4"),
    ]
}
