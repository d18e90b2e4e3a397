/// Country names, adjectives and codes partners write for a citizenship, read as ISO 3166-1 alpha-3 codes.
///
/// ```swift
/// Citizenship.isoAlpha3("ukraińskie")   // "UKR"
/// Citizenship.isoAlpha3("Україна")      // "UKR"
/// Citizenship.isoAlpha3("BY")           // "BLR"
/// Citizenship.displayNamePL("GEO")      // "Gruzja"
/// ```
public enum Citizenship {
    /// The alpha-3 code of a country name, adjective or code in Polish, English, Ukrainian or Russian; nil if unknown.
    ///
    /// Case, diacritics, apostrophes and punctuation do not matter, and a leading "obywatelstwo" is ignored.
    /// Only the countries in `countries` are known; two countries in one cell (`Ukraina/Polska`) give nil.
    public static func isoAlpha3(_ text: String) -> String? {
        var key = lookupKey(text)
        if key.hasPrefix("obywatelstwo ") { key.removeFirst("obywatelstwo ".count) }
        return index[key]
    }

    /// The alpha-3 codes of the countries known here, sorted: the citizenship categories figures can have.
    public static var knownCodes: [String] { countries.map(\.alpha3).sorted() }

    /// The Polish name of a country known here, by its alpha-3 code (any case): `UKR` → `Ukraina`.
    public static func displayNamePL(_ alpha3: String) -> String? {
        countries.first { $0.alpha3 == alpha3.uppercased() }?.namePL
    }

    /// A country and the ways it is written.
    ///
    /// Adjectives are given by stem and take each language's endings: Polish `-i -a -ie -iego -iej`, Ukrainian
    /// `-ий -а -е -ого -ої`, Russian `-ий -ая -ое -ого -ой` (`ukraińsk` → ukraiński, ukraińska, ukraińskie, …).
    struct Country: Sendable {
        let alpha3: String
        let alpha2: String
        let namePL: String
        let pl: [String]
        let plAdjective: String
        let en: [String]
        let uk: [String]
        let ukAdjective: String
        let ru: [String]
        let ruAdjective: String

        var spellings: [String] {
            [alpha3, alpha2, namePL] + pl + en + uk + ru
                + ["i", "a", "ie", "iego", "iej"].map { plAdjective + $0 }
                + ["ий", "а", "е", "ого", "ої"].map { ukAdjective + $0 }
                + ["ий", "ая", "ое", "ого", "ой"].map { ruAdjective + $0 }
        }
    }

    static let countries: [Country] = [
        Country(
            alpha3: "UKR", alpha2: "UA", namePL: "Ukraina", pl: ["Ukrainiec", "Ukrainka"], plAdjective: "ukraińsk",
            en: ["Ukraine", "Ukrainian"], uk: ["Україна"], ukAdjective: "українськ", ru: ["Украина"],
            ruAdjective: "украинск"),
        Country(
            alpha3: "BLR", alpha2: "BY", namePL: "Białoruś", pl: ["Białorusin", "Białorusinka"],
            plAdjective: "białorusk", en: ["Belarus", "Belarusian", "Belarussian", "Byelorussian"],
            uk: ["Білорусь", "Білорусія"], ukAdjective: "білоруськ", ru: ["Беларусь", "Белоруссия"],
            ruAdjective: "белорусск"),
        Country(
            alpha3: "RUS", alpha2: "RU", namePL: "Rosja", pl: ["Federacja Rosyjska", "Rosjanin", "Rosjanka"],
            plAdjective: "rosyjsk", en: ["Russia", "Russian", "Russian Federation"],
            uk: ["Росія", "Російська Федерація"], ukAdjective: "російськ",
            ru: ["Россия", "Российская Федерация", "РФ"], ruAdjective: "российск"),
        Country(
            alpha3: "GEO", alpha2: "GE", namePL: "Gruzja", pl: [], plAdjective: "gruzińsk",
            en: ["Georgia", "Georgian"], uk: ["Грузія"], ukAdjective: "грузинськ", ru: ["Грузия"],
            ruAdjective: "грузинск"),
        Country(
            alpha3: "MDA", alpha2: "MD", namePL: "Mołdawia", pl: ["Mołdowa"], plAdjective: "mołdawsk",
            en: ["Moldova", "Moldovan", "Republic of Moldova"], uk: ["Молдова"], ukAdjective: "молдовськ",
            ru: ["Молдова", "Молдавия"], ruAdjective: "молдавск"),
        Country(
            alpha3: "KAZ", alpha2: "KZ", namePL: "Kazachstan", pl: [], plAdjective: "kazachsk",
            en: ["Kazakhstan", "Kazakh", "Kazakhstani"], uk: ["Казахстан"], ukAdjective: "казахськ",
            ru: ["Казахстан"], ruAdjective: "казахстанск"),
        Country(
            alpha3: "UZB", alpha2: "UZ", namePL: "Uzbekistan", pl: [], plAdjective: "uzbeck",
            en: ["Uzbekistan", "Uzbek"], uk: ["Узбекистан"], ukAdjective: "узбецьк", ru: ["Узбекистан"],
            ruAdjective: "узбекск"),
        Country(
            alpha3: "TJK", alpha2: "TJ", namePL: "Tadżykistan", pl: [], plAdjective: "tadżyck",
            en: ["Tajikistan", "Tajik"], uk: ["Таджикистан"], ukAdjective: "таджицьк", ru: ["Таджикистан"],
            ruAdjective: "таджикск"),
        Country(
            alpha3: "KGZ", alpha2: "KG", namePL: "Kirgistan", pl: ["Kirgizja"], plAdjective: "kirgisk",
            en: ["Kyrgyzstan", "Kyrgyz", "Kirghizia"], uk: ["Киргизстан", "Киргизія"], ukAdjective: "киргизьк",
            ru: ["Киргизия", "Кыргызстан"], ruAdjective: "киргизск"),
        Country(
            alpha3: "TKM", alpha2: "TM", namePL: "Turkmenistan", pl: ["Turkmenia"], plAdjective: "turkmeńsk",
            en: ["Turkmenistan", "Turkmen"], uk: ["Туркменістан"], ukAdjective: "туркменськ",
            ru: ["Туркменистан", "Туркмения"], ruAdjective: "туркменск"),
        Country(
            alpha3: "ARM", alpha2: "AM", namePL: "Armenia", pl: [], plAdjective: "ormiańsk",
            en: ["Armenia", "Armenian"], uk: ["Вірменія"], ukAdjective: "вірменськ", ru: ["Армения"],
            ruAdjective: "армянск"),
        Country(
            alpha3: "AZE", alpha2: "AZ", namePL: "Azerbejdżan", pl: [], plAdjective: "azerbejdżańsk",
            en: ["Azerbaijan", "Azerbaijani"], uk: ["Азербайджан"], ukAdjective: "азербайджанськ",
            ru: ["Азербайджан"], ruAdjective: "азербайджанск"),
        Country(
            alpha3: "IND", alpha2: "IN", namePL: "Indie", pl: [], plAdjective: "indyjsk", en: ["India", "Indian"],
            uk: ["Індія"], ukAdjective: "індійськ", ru: ["Индия"], ruAdjective: "индийск"),
        Country(
            alpha3: "VNM", alpha2: "VN", namePL: "Wietnam", pl: [], plAdjective: "wietnamsk",
            en: ["Vietnam", "Viet Nam", "Vietnamese"], uk: ["В'єтнам"], ukAdjective: "в'єтнамськ",
            ru: ["Вьетнам"], ruAdjective: "вьетнамск"),
        Country(
            alpha3: "AFG", alpha2: "AF", namePL: "Afganistan", pl: [], plAdjective: "afgańsk",
            en: ["Afghanistan", "Afghan"], uk: ["Афганістан"], ukAdjective: "афганськ", ru: ["Афганистан"],
            ruAdjective: "афганск"),
        Country(
            alpha3: "SYR", alpha2: "SY", namePL: "Syria", pl: [], plAdjective: "syryjsk", en: ["Syria", "Syrian"],
            uk: ["Сирія"], ukAdjective: "сирійськ", ru: ["Сирия"], ruAdjective: "сирийск"),
        Country(
            alpha3: "TUR", alpha2: "TR", namePL: "Turcja", pl: [], plAdjective: "tureck",
            en: ["Turkey", "Türkiye", "Turkish"], uk: ["Туреччина"], ukAdjective: "турецьк", ru: ["Турция"],
            ruAdjective: "турецк"),
        Country(
            alpha3: "CHN", alpha2: "CN", namePL: "Chiny", pl: [], plAdjective: "chińsk", en: ["China", "Chinese"],
            uk: ["Китай"], ukAdjective: "китайськ", ru: ["Китай"], ruAdjective: "китайск"),
        Country(
            alpha3: "PHL", alpha2: "PH", namePL: "Filipiny", pl: [], plAdjective: "filipińsk",
            en: ["Philippines", "Filipino", "Philippine"], uk: ["Філіппіни"], ukAdjective: "філіппінськ",
            ru: ["Филиппины"], ruAdjective: "филиппинск"),
        Country(
            alpha3: "NPL", alpha2: "NP", namePL: "Nepal", pl: [], plAdjective: "nepalsk",
            en: ["Nepal", "Nepali", "Nepalese"], uk: ["Непал"], ukAdjective: "непальськ", ru: ["Непал"],
            ruAdjective: "непальск"),
        Country(
            alpha3: "BGD", alpha2: "BD", namePL: "Bangladesz", pl: [], plAdjective: "bangladesk",
            en: ["Bangladesh", "Bangladeshi"], uk: ["Бангладеш"], ukAdjective: "бангладеськ", ru: ["Бангладеш"],
            ruAdjective: "бангладешск"),
        Country(
            alpha3: "COL", alpha2: "CO", namePL: "Kolumbia", pl: [], plAdjective: "kolumbijsk",
            en: ["Colombia", "Colombian"], uk: ["Колумбія"], ukAdjective: "колумбійськ", ru: ["Колумбия"],
            ruAdjective: "колумбийск"),
        Country(
            alpha3: "NGA", alpha2: "NG", namePL: "Nigeria", pl: [], plAdjective: "nigeryjsk",
            en: ["Nigeria", "Nigerian"], uk: ["Нігерія"], ukAdjective: "нігерійськ", ru: ["Нигерия"],
            ruAdjective: "нигерийск"),
        Country(
            alpha3: "POL", alpha2: "PL", namePL: "Polska", pl: ["Polak", "Polka"], plAdjective: "polsk",
            en: ["Poland", "Polish"], uk: ["Польща"], ukAdjective: "польськ", ru: ["Польша"], ruAdjective: "польск"),
    ]

    private static let index: [String: String] = {
        var index: [String: String] = [:]
        for country in countries {
            for spelling in country.spellings {
                let key = lookupKey(spelling)
                precondition(index[key] == nil || index[key] == country.alpha3, "\(key) names two countries")
                index[key] = country.alpha3
            }
        }
        return index
    }()

    /// Folded, apostrophes and dots removed, other punctuation as spaces: `"В’єтнам"` → `"вєтнам"`, `"UKR."` → `"ukr"`.
    private static func lookupKey(_ text: String) -> String {
        var key = ""
        for character in TextNormalisation.foldForMatching(text) {
            if character == "." { continue }
            if let scalar = character.unicodeScalars.first, TextWord.apostrophes.contains(scalar) { continue }
            key.append(character.isLetter ? character : " ")
        }
        return TextNormalisation.clean(key)
    }
}
