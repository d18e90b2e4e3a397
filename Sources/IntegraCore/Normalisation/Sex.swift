/// A participant's sex as Polish reports write it: `K` (kobieta) or `M` (mężczyzna).
///
/// ```swift
/// Sex(parsing: "Mężczyzna")  // .male
/// Sex(parsing: "жін.")       // .female
/// Sex.female.rawValue        // "K"
/// ```
public enum Sex: String, Codable, Sendable, CaseIterable {
    case female = "K"
    case male = "M"

    /// Reads the words and abbreviations partners write in Polish, English, Ukrainian and Russian.
    ///
    /// Case, diacritics and a trailing dot do not matter (`mezczyzna`, `Kob.`). Two letters mean different things
    /// by language and are read this way: Cyrillic `м` is male (Russian мужской; Ukrainian writes `ч`), and
    /// Cyrillic `К` is taken as a Latin `K` typed on a Cyrillic keyboard layout, because no UK/RU form abbreviates
    /// a sex with it. German `w`/`weiblich` and other languages are not read; anything else is nil.
    public init?(parsing text: String) {
        var key = TextNormalisation.foldForMatching(text)
        while key.hasSuffix(".") { key.removeLast() }
        guard let sex = Sex.vocabulary[key] else { return nil }
        self = sex
    }

    /// The label of the SM EFS participant list: `Kobieta` or `Mężczyzna`.
    public var polishName: String {
        switch self {
        case .female: return "Kobieta"
        case .male: return "Mężczyzna"
        }
    }

    /// Folded words for each sex; folding has already removed case and Latin diacritics.
    private static let vocabulary: [String: Sex] = {
        let female = [
            // Polish
            "k", "kob", "kobieta", "kobiety", "zenska", "dziewczynka",
            // English
            "f", "female", "woman",
            // Ukrainian
            "ж", "жін", "жінка", "жіноча", "жіноча стать",
            // Russian
            "жен", "женщина", "женский", "женская",
            // Cyrillic К typed for Polish K
            "к",
        ]
        let male = [
            // Polish
            "m", "mez", "mezczyzna", "mezczyzni", "meska", "chlopiec",
            // English
            "male", "man",
            // Ukrainian
            "ч", "чол", "чоловік", "чоловіча", "чоловіча стать",
            // Russian
            "м", "муж", "мужчина", "мужской", "мужская",
        ]
        var table: [String: Sex] = [:]
        for word in female { table[word] = .female }
        for word in male { table[word] = .male }
        return table
    }()
}
