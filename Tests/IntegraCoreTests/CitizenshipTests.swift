import IntegraCore
import Testing

@Suite struct CitizenshipTests {
    @Test(arguments: [
        // Polish names and adjectives
        ("Ukraina", "UKR"), ("ukraińskie", "UKR"), ("Ukraińska", "UKR"), ("UKRAINSKIE", "UKR"), ("ukraiński", "UKR"),
        ("obywatelstwo ukraińskie", "UKR"), ("Ukrainka", "UKR"), ("Białoruś", "BLR"), ("białoruskie", "BLR"),
        ("Bialorus", "BLR"), ("Rosja", "RUS"), ("rosyjskie", "RUS"), ("Federacja Rosyjska", "RUS"),
        ("Gruzja", "GEO"), ("gruzińskie", "GEO"), ("Mołdawia", "MDA"), ("mołdawskie", "MDA"), ("Kazachstan", "KAZ"),
        ("kazachskie", "KAZ"), ("Uzbekistan", "UZB"), ("uzbeckie", "UZB"), ("Tadżykistan", "TJK"),
        ("tadżyckie", "TJK"), ("Kirgistan", "KGZ"), ("Turkmenistan", "TKM"), ("Armenia", "ARM"), ("ormiańskie", "ARM"),
        ("Azerbejdżan", "AZE"), ("azerbejdżańskie", "AZE"), ("Indie", "IND"), ("indyjskie", "IND"),
        ("Wietnam", "VNM"), ("wietnamskie", "VNM"), ("Afganistan", "AFG"), ("Syria", "SYR"), ("Turcja", "TUR"),
        ("tureckie", "TUR"), ("Chiny", "CHN"), ("chińskie", "CHN"), ("Filipiny", "PHL"), ("Nepal", "NPL"),
        ("Bangladesz", "BGD"), ("Kolumbia", "COL"), ("Nigeria", "NGA"), ("Polska", "POL"), ("polskie", "POL"),
        // English
        ("Ukraine", "UKR"), ("Ukrainian", "UKR"), ("Belarusian", "BLR"), ("Russian Federation", "RUS"),
        ("Georgian", "GEO"), ("Moldova", "MDA"), ("Viet Nam", "VNM"), ("Türkiye", "TUR"), ("Philippines", "PHL"),
        // Ukrainian
        ("Україна", "UKR"), ("українське", "UKR"), ("Українська", "UKR"), ("Білорусь", "BLR"), ("білоруське", "BLR"),
        ("Росія", "RUS"), ("Грузія", "GEO"), ("Молдова", "MDA"), ("В'єтнам", "VNM"), ("В’єтнам", "VNM"),
        ("Туреччина", "TUR"), ("Польща", "POL"),
        // Russian
        ("Украина", "UKR"), ("украинское", "UKR"), ("Беларусь", "BLR"), ("Белоруссия", "BLR"), ("Россия", "RUS"),
        ("российское", "RUS"), ("РФ", "RUS"), ("Киргизия", "KGZ"), ("Кыргызстан", "KGZ"), ("Вьетнам", "VNM"),
        // codes
        ("UA", "UKR"), ("ua", "UKR"), ("UKR", "UKR"), ("ukr.", "UKR"), ("BY", "BLR"), ("BLR", "BLR"), ("RU", "RUS"),
        ("GE", "GEO"), ("MD", "MDA"), ("PL", "POL"), ("IN", "IND"), (" UKR\u{00A0}", "UKR"),
    ])
    func recognises(text: String, alpha3: String) {
        #expect(Citizenship.isoAlpha3(text) == alpha3)
    }

    @Test(arguments: ["", "Ukraina/Polska", "Niemcy", "XX", "bezpaństwowiec", "ukr ukr", "Kraj"])
    func unknown(text: String) {
        #expect(Citizenship.isoAlpha3(text) == nil)
    }

    @Test(arguments: [
        ("UKR", "Ukraina"), ("ukr", "Ukraina"), ("BLR", "Białoruś"), ("GEO", "Gruzja"), ("MDA", "Mołdawia"),
        ("TJK", "Tadżykistan"), ("AZE", "Azerbejdżan"), ("POL", "Polska"),
    ])
    func polishNames(alpha3: String, name: String) {
        #expect(Citizenship.displayNamePL(alpha3) == name)
    }

    @Test func unknownCodeHasNoPolishName() {
        #expect(Citizenship.displayNamePL("DEU") == nil)
    }
}
