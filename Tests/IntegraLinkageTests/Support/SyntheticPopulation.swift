import IntegraCore
import IntegraLinkage

/// A quick labelled population for the linker's tests: persons with Ukrainian, Russian and Belarusian names, each
/// seen in one to four records written in Cyrillic, the passport system or Polish spelling, with typos, swapped
/// names, missing and swapped birth dates, and households sharing a surname and a phone.
///
/// Seeded and deterministic. Not the project's labelled generator (`IntegraSynth.PersonRecordGenerator`): it exists
/// so the linker's tests need nothing else and give a background population that makes the estimated model
/// realistic.
struct SyntheticPopulation {
    var records: [LinkRecord] = []
    /// True person of each record.
    var person: [Int] = []

    init(persons: Int, seed: UInt64, keyPrefix: String = "synthetic") {
        var random = TestRandom(seed: seed)
        var index = 0
        var household: (surname: Int, phone: String)?
        for p in 0..<persons {
            let female = random.chance(0.55)
            let firstNames = female ? SyntheticNames.female : SyntheticNames.male
            let first = firstNames[random.zipf(firstNames.count)]
            // A third of persons share a surname and phone with the previous one (a family).
            let joinsFamily = household != nil && random.chance(0.3)
            let surname = joinsFamily ? household!.surname : random.zipf(SyntheticNames.surnames.count)
            let phone = joinsFamily ? household!.phone : "+485\(10_000_000 + random.int(89_999_999))"
            household = (surname, phone)
            let birth = LocalDate(daysSinceEpoch: random.int(365 * 60) - 365 * 20)
            let citizenship = random.chance(0.85) ? "UKR" : random.pick(["BLR", "RUS", "GEO", "MDA"])
            let pesel: String? = random.chance(0.3) ? SyntheticPopulation.pesel(birth, female, serial: p) : nil
            let email: String? = random.chance(0.4) ? "p\(p)x\(random.int(999))@example.org" : nil
            let document: String? = random.chance(0.2) ? "FE\(100_000 + p)" : nil
            let copies = 1 + (random.chance(0.45) ? 1 + (random.chance(0.3) ? 1 + (random.chance(0.3) ? 1 : 0) : 0) : 0)
            for _ in 0..<copies {
                var firstName = random.pick(first.spellings)
                var lastName = random.pick(SyntheticNames.surnames[surname].spellings(female: female))
                if random.chance(0.04) { lastName = random.typo(lastName) }
                if random.chance(0.02) { firstName = random.typo(firstName) }
                if random.chance(0.03) { swap(&firstName, &lastName) }
                var date: LocalDate? = random.chance(0.9) ? birth : nil
                var ambiguous = false
                if let d = date, random.chance(0.04), d.day <= 12, d.day != d.month {
                    date = LocalDate(year: d.year, month: d.day, day: d.month)
                    ambiguous = true
                } else if let d = date, random.chance(0.02) {
                    date = LocalDate(year: d.year, month: d.month, day: d.day % 28 + 1)
                }
                records.append(
                    LinkRecord(
                        key: "\(keyPrefix)#\(index)", source: "partner-\(random.int(3))", firstName: firstName,
                        lastName: lastName, birthDate: date, birthDateAmbiguous: ambiguous,
                        sex: random.chance(0.85) ? (female ? "K" : "M") : nil,
                        citizenship: random.chance(0.8) ? citizenship : nil,
                        pesel: pesel.flatMap { random.chance(0.7) ? $0 : nil },
                        document: document.flatMap { random.chance(0.5) ? $0 : nil },
                        phone: random.chance(0.6) ? phone : nil,
                        email: email.flatMap { random.chance(0.6) ? $0 : nil }))
                person.append(p)
                index += 1
            }
        }
    }

    /// A valid PESEL for a birth date and sex.
    static func pesel(_ birth: LocalDate, _ female: Bool, serial: Int) -> String {
        var month = birth.month
        if birth.year >= 2000 { month += 20 }
        let sexDigit = (serial % 5) * 2 + (female ? 0 : 1)
        var digits = [birth.year % 100 / 10, birth.year % 10, month / 10, month % 10, birth.day / 10, birth.day % 10]
        digits += [serial / 100 % 10, serial / 10 % 10, serial % 10, sexDigit]
        let weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
        let sum = zip(digits, weights).map(*).reduce(0, +)
        digits.append((10 - sum % 10) % 10)
        return digits.map(String.init).joined()
    }
}

/// SplitMix64 for the tests' data.
struct TestRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
    mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }

    /// An index in `0 ..< count`, index k about 1/(k+1) as likely as index 0.
    mutating func zipf(_ count: Int) -> Int {
        let x = Double(next() >> 11) / Double(1 << 53)
        let h = (1...count).reduce(0.0) { $0 + 1 / Double($1) }
        var cumulative = 0.0
        for k in 0..<count {
            cumulative += 1 / Double(k + 1) / h
            if x < cumulative { return k }
        }
        return count - 1
    }

    /// One letter replaced, dropped or doubled.
    mutating func typo(_ word: String) -> String {
        var letters = Array(word)
        guard letters.count > 3 else { return word }
        let position = 1 + int(letters.count - 2)
        switch int(3) {
        case 0: letters[position] = Character(UnicodeScalar(UInt8(97 + int(26))))
        case 1: letters.remove(at: position)
        default: letters.insert(letters[position], at: position)
        }
        return String(letters)
    }
}

/// Names in the spellings a partner may write: Cyrillic, the passport system (KMU 2010), Polish transcription,
/// an older passport form, and (for some) the Russian form.
enum SyntheticNames {
    struct Name {
        var spellings: [String]
    }

    struct Surname {
        var male: [String]
        var female: [String]

        func spellings(female isFemale: Bool) -> [String] { isFemale ? female : male }
    }

    static let female: [Name] = [
        ["Олена", "Olena", "Ołena", "Елена", "Olena"], ["Юлія", "Yuliia", "Julija", "Yuliya", "Iuliia"],
        ["Наталія", "Nataliia", "Natalija", "Nataliya", "Наталья"], ["Тетяна", "Tetiana", "Tetiana", "Tetyana"],
        ["Ірина", "Iryna", "Iryna", "Ирина"], ["Світлана", "Svitlana", "Switłana"],
        ["Катерина", "Kateryna", "Kateryna"],
        ["Оксана", "Oksana", "Oksana"], ["Марія", "Mariia", "Marija", "Mariya"],
        ["Анастасія", "Anastasiia", "Anastasija"],
        ["Галина", "Halyna", "Hałyna"], ["Вікторія", "Viktoriia", "Wiktorija"], ["Людмила", "Liudmyla", "Ludmyła"],
        ["Ганна", "Hanna", "Hanna"], ["Ольга", "Olha", "Ołha", "Olga"], ["Дарина", "Daryna", "Daryna"],
        ["Софія", "Sofiia", "Sofija"], ["Валентина", "Valentyna", "Walentyna"], ["Лариса", "Larysa", "Łarysa"],
        ["Христина", "Khrystyna", "Chrystyna"], ["Уляна", "Uliana", "Ulana"], ["Надія", "Nadiia", "Nadija"],
    ].map { Name(spellings: $0) }

    static let male: [Name] = [
        ["Олександр", "Oleksandr", "Ołeksandr", "Олександр", "Olexandr"], ["Сергій", "Serhii", "Serhij", "Serhiy"],
        ["Андрій", "Andrii", "Andrij", "Andriy"], ["Микола", "Mykola", "Mykoła"], ["Євген", "Yevhen", "Jewhen"],
        ["Дмитро", "Dmytro", "Dmytro"], ["Володимир", "Volodymyr", "Wołodymyr"], ["Юрій", "Yurii", "Jurij", "Yuriy"],
        ["Василь", "Vasyl", "Wasyl"], ["Петро", "Petro", "Petro"], ["Олексій", "Oleksii", "Ołeksij", "Oleksiy"],
        ["Богдан", "Bohdan", "Bohdan"], ["Тарас", "Taras", "Taras"], ["Іван", "Ivan", "Iwan"],
        ["Максим", "Maksym", "Maksym"], ["Віталій", "Vitalii", "Witalij"], ["Роман", "Roman", "Roman"],
        ["Ігор", "Ihor", "Ihor", "Igor"], ["Михайло", "Mykhailo", "Mychajło"], ["Ярослав", "Yaroslav", "Jarosław"],
        ["Григорій", "Hryhorii", "Hryhorij"], ["Костянтин", "Kostiantyn", "Kostiantyn", "Kostyantyn"],
    ].map { Name(spellings: $0) }

    /// Surnames from Ukrainian stems and endings, in Cyrillic, KMU 2010 and Polish spelling.
    static let surnames: [Surname] = {
        let stems: [(cyrillic: String, latin: String, polish: String)] = [
            ("Шевч", "Shevch", "Szewcz"), ("Ковал", "Koval", "Kowal"), ("Бондар", "Bondar", "Bondar"),
            ("Ткач", "Tkach", "Tkacz"), ("Кравч", "Kravch", "Krawcz"), ("Мельнич", "Melnych", "Melnycz"),
            ("Савч", "Savch", "Sawcz"), ("Руд", "Rud", "Rud"), ("Марч", "March", "Marcz"),
            ("Гончар", "Honchar", "Honczar"),
            ("Литвин", "Lytvyn", "Łytwyn"), ("Павл", "Pavl", "Pawł"), ("Кузьм", "Kuzm", "Kuźm"),
            ("Яков", "Yakov", "Jakow"),
            ("Захарч", "Zakharch", "Zacharcz"), ("Лис", "Lys", "Łys"), ("Петр", "Petr", "Petr"),
            ("Іван", "Ivan", "Iwan"),
            ("Сидор", "Sydor", "Sydor"), ("Гриц", "Hryts", "Hryc"), ("Дорош", "Dorosh", "Dorosz"),
            ("Карп", "Karp", "Karp"),
            ("Остап", "Ostap", "Ostap"), ("Тимош", "Tymosh", "Tymosz"), ("Федор", "Fedor", "Fedor"),
            ("Харч", "Kharch", "Charcz"),
            ("Юрч", "Yurch", "Jurcz"), ("Мартин", "Martyn", "Martyn"), ("Семен", "Semen", "Semen"),
            ("Кириленк", "Kyrylenk", "Kyryłenk"),
            ("Панас", "Panas", "Panas"), ("Данил", "Danyl", "Danył"), ("Левч", "Levch", "Lewcz"),
            ("Гаврил", "Havryl", "Hawrył"),
            ("Мирон", "Myron", "Myron"), ("Прокоп", "Prokop", "Prokop"), ("Степан", "Stepan", "Stepan"),
            ("Тарасов", "Tarasov", "Tarasow"),
            ("Назар", "Nazar", "Nazar"), ("Филип", "Fylyp", "Fyłyp"), ("Бойч", "Boich", "Bojcz"),
            ("Гуц", "Huts", "Huc"),
            ("Костюч", "Kostiuch", "Kostiucz"), ("Мацк", "Matsk", "Mack"), ("Нестер", "Nester", "Nester"),
            ("Осадч", "Osadch", "Osadcz"),
        ]
        let endings: [(cyrillic: String, latin: String, polish: String, female: (String, String, String)?)] = [
            ("енко", "enko", "enko", nil), ("ук", "uk", "uk", nil),
            ("ишин", "yshyn", "yszyn", ("ишина", "yshyna", "yszyna")),
            ("ак", "ak", "ak", nil), ("ич", "ych", "ycz", nil), ("ський", "skyi", "śkyj", ("ська", "ska", "śka")),
            ("ко", "ko", "ko", nil), ("ан", "an", "an", nil),
        ]
        var out: [Surname] = []
        for ending in endings {
            for stem in stems {
                let male = [stem.cyrillic + ending.cyrillic, stem.latin + ending.latin, stem.polish + ending.polish]
                let female =
                    ending.female.map { [stem.cyrillic + $0.0, stem.latin + $0.1, stem.polish + $0.2] } ?? male
                out.append(Surname(male: male, female: female))
            }
        }
        return out
    }()
}
