/// A language level on the Common European Framework scale, with `preA1` for "no knowledge yet".
///
/// Ordered, so progress between an entry and an exit test is a comparison. Raw values sort as strings in the same
/// order (`A0` < `A1` < … < `C2`), which keeps SQL comparisons right too.
///
/// ```swift
/// CEFRLevel(parsing: "b2+")            // .b2
/// CEFRLevel(parsing: "A1.2")           // .a1
/// CEFRLevel(parsing: "brak")           // .preA1
/// CEFRLevel.a2 < CEFRLevel.b1          // true
/// ```
public enum CEFRLevel: String, Codable, Sendable, CaseIterable, Comparable {
    /// Below A1: a beginner who was tested or declared "brak" (none), "0" or "A0". A distinct case rather than nil,
    /// because going from nothing to A1 is progress an indicator counts, while nil means the level is unknown.
    case preA1 = "A0"
    case a1 = "A1"
    case a2 = "A2"
    case b1 = "B1"
    case b2 = "B2"
    case c1 = "C1"
    case c2 = "C2"

    /// Reads `A1`, `a1`, `A 1`, `A1.1` and `A1.2` (→ A1), `B2+`/`B2-` (→ B2), a leading "poziom"/"level", and the
    /// beginner words `brak`, `0`, `A0`, `pre-A1`, `poniżej A1`. Cyrillic А/В/С typed for Latin letters are read as
    /// Latin. A range such as `A2/B1` and anything else is nil.
    public init?(parsing text: String) {
        var key = ""
        for character in TextNormalisation.foldForMatching(text) {
            key.append(CEFRLevel.cyrillicLookAlikes[character] ?? character)
        }
        for prefix in ["poziom ", "level "] where key.hasPrefix(prefix) { key.removeFirst(prefix.count) }
        key.removeAll { $0 == " " }
        if CEFRLevel.beginnerWords.contains(key) {
            self = .preA1
            return
        }
        if let sublevel = key.firstIndex(where: { ".+-".contains($0) }) {
            let rest = key[sublevel...]
            guard rest == "+" || rest == "-" || rest.dropFirst().allSatisfy(\.isNumber) && rest.first == "." else {
                return nil
            }
            key = String(key[..<sublevel])
        }
        guard let level = CEFRLevel(rawValue: key.uppercased()) else { return nil }
        self = level
    }

    public static func < (a: CEFRLevel, b: CEFRLevel) -> Bool {
        a.rawValue < b.rawValue
    }

    private static let beginnerWords: Set<String> = ["brak", "0", "a0", "prea1", "pre-a1", "ponizeja1", "none"]

    private static let cyrillicLookAlikes: [Character: Character] = ["а": "a", "в": "b", "с": "c"]
}
