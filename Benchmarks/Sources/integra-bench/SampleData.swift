import IntegraCore

/// A seeded generator (SplitMix64), so every run writes the same files.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Synthetic participants of an integration project: Polish and Ukrainian names, PESEL-like numbers, dates and
/// free-text remarks of the kind partners type into spreadsheets.
struct SampleParticipant {
    static let surnames = [
        "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński",
        "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Mazur", "Krawczyk", "Król", "Jabłoński", "Żółkiewski",
        "Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Кравченко", "Олійник", "Шевчук", "Поліщук", "Мельник",
        "Марченко", "Лисенко", "Руденко", "Савченко", "Петренко", "Іваненко", "Їжакевич", "Гончаренко",
    ]
    static let givenNames = [
        "Anna", "Łucja", "Małgorzata", "Michał", "Jan", "Paweł", "Zofia", "Krzysztof", "Agnieszka", "Błażej",
        "Олександр", "Олена", "Євгенія", "Ірина", "Андрій", "Наталія", "Юлія", "Сергій", "Оксана", "Дмитро",
    ]
    static let citizenships = ["polskie", "ukraińskie", "białoruskie", "українське", "gruzińskie"]
    static let cities = ["Kraków", "Łódź", "Wrocław", "Gdańsk", "Poznań", "Warszawa", "Rzeszów", "Białystok"]
    static let supportForms = ["doradztwo", "kurs językowy", "porada prawna", "warsztaty", "консультація"]
    static let remarks = [
        "", "", "", "", "", "", "brak", "telefon: 600 100 200", "Kraków, ul. Długa 5",
        "dzwonić po 16:00, nie rano", "Adres:\nul. Piękna 5\nm. 12", "ma \"dwa\" telefony, oba nieaktywne",
        "Олена, мама двох дітей", "przeniesiona z grupy A1,\r\nzgoda RODO podpisana",
    ]

    var surname: String
    var givenName: String
    var pesel: String
    var birthDate: LocalDate
    var female: Bool
    var citizenship: String
    var city: String
    var supportDate: LocalDate
    var supportForm: String
    /// Quarter hours, 1–40.
    var quarterHours: Int
    var remarks: String

    init(using generator: inout SeededGenerator) {
        surname = Self.surnames.randomElement(using: &generator)!
        givenName = Self.givenNames.randomElement(using: &generator)!
        let year = Int.random(in: 1950...2010, using: &generator)
        let month = Int.random(in: 1...12, using: &generator)
        let day = Int.random(in: 1...28, using: &generator)
        birthDate = LocalDate(year: year, month: month, day: day)!
        female = Bool.random(using: &generator)
        let serial = Int.random(in: 0...9999, using: &generator)
        let peselMonth = month + (year >= 2000 ? 20 : 0)
        pesel =
            Self.twoDigits(year % 100) + Self.twoDigits(peselMonth) + Self.twoDigits(day)
            + String(serial + 10000).dropFirst() + String(Int.random(in: 0...9, using: &generator))
        citizenship = Self.citizenships.randomElement(using: &generator)!
        city = Self.cities.randomElement(using: &generator)!
        supportDate = LocalDate(
            year: 2023, month: Int.random(in: 1...12, using: &generator), day: Int.random(in: 1...28, using: &generator)
        )!
        supportForm = Self.supportForms.randomElement(using: &generator)!
        quarterHours = Int.random(in: 1...40, using: &generator)
        remarks = Self.remarks.randomElement(using: &generator)!
    }

    /// Hours with a decimal comma, as Polish Excel writes them: "2,5".
    var hoursText: String {
        let whole = quarterHours / 4
        switch quarterHours % 4 {
        case 0: return "\(whole)"
        case 1: return "\(whole),25"
        case 2: return "\(whole),5"
        default: return "\(whole),75"
        }
    }

    static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
