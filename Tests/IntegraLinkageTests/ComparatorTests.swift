import IntegraCore
import IntegraLinkage
import Testing

/// Each comparison level on hand-written pairs, as Splink's comparison-level tests do.
@Suite struct ComparatorTests {
    typealias F = LinkageFixtures

    @Test(arguments: [
        // Same spelling (case and extra spaces aside).
        ("Oleksandr", "OLEKSANDR", "exact"),
        // One name across scripts and romanisations: the same skeleton.
        ("Олександр", "Oleksandr", "skeleton"), ("Oleksandr", "Ołeksandr", "skeleton"), ("Юлія", "Yuliia", "skeleton"),
        ("Julija", "Yuliya", "skeleton"), ("Сергій", "Serhiy", "skeleton"),
        // The same name in another language: a first-name class.
        ("Олександр", "Aleksandr", "equivalent-name"), ("Oleksandr", "Alexander", "equivalent-name"),
        ("Mykola", "Nikolai", "equivalent-name"), ("Olena", "Helena", "equivalent-name"),
        // A name in no class but one slip from a known name reads as that name.
        ("Oleksandr", "Oleksnadr", "equivalent-name"),
        // A typing slip: Jaro–Winkler ≥ 0.92 on the skeletons, or one edit.
        ("Bohuslava", "Bohusalva", "typo"), ("Kateryna", "Katerina", "typo"), ("Тетяна", "Тетчна", "typo"),
        ("Myroslava", "Mirosława", "typo"),
        // A looser likeness: Jaro–Winkler ≥ 0.85, or one name's words inside the other's, each word the same or one
        // slip from one (a Vietnamese given name kept in part, and mistyped).
        ("Stepan", "Sztefan", "similar"), ("Duc Khoa", "Khoa", "similar"), ("Thi Ngan", "Ngn", "similar"),
        ("Quang Son", "Sno", "similar"),
        // Only a Daitch–Mokotoff code in common.
        ("Zakhar", "Sachar", "phonetic"), ("Pylyp", "Filip", "phonetic"),
        // Unlike names, one unknown.
        ("Liudmyla", "Liudochka", "different"), ("Matvii", "Mateo", "different"),
        // Two known names of different classes, or names with nothing in common.
        ("Oleksii", "Oleksandr", "different-name"), ("Ivan", "Iryna", "different-name"),
        ("Karthik", "Anil", "different-name"),
    ])
    func firstNameLevels(a: String, b: String, level: String) {
        let levels = F.levels(LinkRecord(key: "a", firstName: a), LinkRecord(key: "b", firstName: b))
        #expect(levels["first_name"] == level, "\(a) / \(b)")
    }

    @Test(arguments: [
        ("Shevchenko", "SHEVCHENKO", "exact"), ("Шевченко", "Szewczenko", "skeleton"),
        ("Kovalenko", "Kowalenko", "skeleton"), ("Bondarenko", "Bondarenkp", "typo"),
        ("Ivanova-Yashchenko", "Yashchenko", "similar"), ("Shevchenko", "Kovalenko", "different"),
        // One surname in its Belarusian and its Russian form: ў for в, a for unstressed o, io for ё.
        ("Marozau", "Morozov", "equivalent-form"), ("Kavaliova", "Kovaleva", "equivalent-form"),
        ("Kazłou", "Kozlov", "equivalent-form"), ("Bandarenka", "Bondarenko", "equivalent-form"),
        ("ЛУКАШЭНКА", "Лукашенко", "equivalent-form"), ("Nawickaja", "Новицкая", "equivalent-form"),
        ("Kavaliou", "Kovalev", "equivalent-form"),
        // A Ukrainian surname in its Russian form (и as i) and in the Polish transcription of Russian (е as ie).
        ("Kobzishin", "Kobzyshyn", "equivalent-form"), ("Miedwiediew", "Medvedev", "equivalent-form"),
        ("Tieriesziuk", "Tereshiuk", "equivalent-form"), ("MIELNIK", "Melnyk", "equivalent-form"),
        // Georgian дж: Polish dż, Russian дж, Georgian and English j.
        ("Dżaparidze", "Japaridze", "equivalent-form"), ("Джапаридзе", "Japaridze", "equivalent-form"),
        // Further apart (another vowel: Шевченко, Shauchenka), they share only their consonants.
        ("Shauchenka", "Шевченко", "phonetic"),
        // Read as Russian when nothing in it is Ukrainian: Кипиани is Kipiani, not Kypyany.
        ("Кипиани", "Kipiani", "skeleton"),
    ])
    func lastNameLevels(a: String, b: String, level: String) {
        let levels = F.levels(LinkRecord(key: "a", lastName: a), LinkRecord(key: "b", lastName: b))
        #expect(levels["last_name"] == level, "\(a) / \(b)")
    }

    @Test func swappedNames() {
        let levels = F.levels(
            LinkRecord(key: "a", firstName: "Shevchenko", lastName: "Taras"),
            LinkRecord(key: "b", firstName: "Тарас", lastName: "Шевченко"))
        #expect(levels["last_name"] == "swapped")
        #expect(levels["first_name"] == "skeleton")
        // Names written family name first and split elsewhere: the same words.
        let vietnamese = F.levels(
            LinkRecord(key: "a", firstName: "Thu Mai", lastName: "Ho"),
            LinkRecord(key: "b", firstName: "Mai Ho", lastName: "Thu"))
        #expect(vietnamese["last_name"] == "swapped")
    }

    @Test(arguments: [
        ("1990-03-12", "1990-03-12", false, "exact"), ("1990-03-04", "1990-04-03", true, "day-month-swapped"),
        ("1990-03-12", "1990-03-13", false, "typo"), ("1985-06-01", "1958-06-01", false, "typo"),
        ("1990-03-12", "1990-03-27", false, "year-month"), ("1975-05-29", "1974-05-28", false, "close"),
        ("1970-06-04", "1971-04-06", false, "close"), ("1990-03-12", "1991-07-30", false, "different"),
        // Swapped and a digit wrong, in either order (12.07 written 7/12, the other record 13.07).
        ("1987-07-13", "1987-12-07", false, "close"), ("1987-12-07", "1987-07-13", false, "close"),
    ])
    func birthDateLevels(a: String, b: String, ambiguous: Bool, level: String) {
        let levels = F.levels(
            LinkRecord(key: "a", birthDate: F.date(a), birthDateAmbiguous: ambiguous),
            LinkRecord(key: "b", birthDate: F.date(b)))
        #expect(levels["birth_date"] == level, "\(a) / \(b)")
    }

    @Test func exactFieldsAndMissing() {
        let a = LinkRecord(
            key: "a", sex: "K", citizenship: "UKR", pesel: "44051401359", document: "FE123456", phone: "+48500100200",
            email: "olena@example.org")
        let same = F.levels(
            a,
            LinkRecord(
                key: "b", sex: "K", citizenship: "UKR", pesel: "44051401359", document: "FE123456",
                phone: "+48500100200", email: "olena@example.org"))
        for field in ["sex", "citizenship", "pesel", "document", "phone", "email"] {
            #expect(same[field] == "exact", "\(field)")
        }
        let other = F.levels(
            a,
            LinkRecord(
                key: "b", sex: "M", citizenship: "BLR", pesel: "02122401358", document: "FE000001",
                phone: "+48500100201", email: "x@example.org"))
        for field in ["sex", "citizenship", "document", "phone", "email"] {
            #expect(other[field] == "different", "\(field)")
        }
        #expect(other["pesel"] == "different")
        let missing = F.levels(a, LinkRecord(key: "b"))
        for field in [
            "first_name", "last_name", "birth_date", "sex", "citizenship", "pesel", "document", "phone", "email",
        ] {
            #expect(missing[field] == "missing", "\(field)")
        }
    }

    /// A PESEL fills a missing birth date and sex: 44051401359 is a man born 1944-05-14.
    @Test func peselFillsBirthDateAndSex() {
        let levels = F.levels(
            LinkRecord(key: "a", pesel: "44051401359"),
            LinkRecord(key: "b", birthDate: F.date("1944-05-14"), sex: "M"))
        #expect(levels["birth_date"] == "exact")
        #expect(levels["sex"] == "exact")
    }

    /// A written birth date that disagrees with the record's PESEL is compared as the PESEL's (a slip: the PESEL's
    /// check digit vouches for its date).
    @Test func peselDateTakesPrecedence() {
        let levels = F.levels(
            LinkRecord(key: "a", birthDate: F.date("1944-05-15"), pesel: "44051401359"),
            LinkRecord(key: "b", birthDate: F.date("1944-05-14")))
        #expect(levels["birth_date"] == "exact")
    }

    /// A name read as a slip of one known name (Ttiana, one letter from Diana) may be a slip of another (Тетяна):
    /// the reading makes names equivalent, never two different names.
    @Test func readingAsAKnownNameNeverMakesADifferentName() {
        let classes = [["Тетяна", "Tetiana", "Татьяна", "Tatiana"], ["Діана", "Diana"]]
        func level(_ a: String, _ b: String) -> String? {
            F.levels(LinkRecord(key: "a", firstName: a), LinkRecord(key: "b", firstName: b), classes: classes)[
                "first_name"]
        }
        #expect(level("Ttiana", "Diana") == "equivalent-name")
        #expect(level("Ttiana", "Тетяна") == "typo")
        #expect(level("Diana", "Тетяна") == "different-name")
    }

    /// Titles and bracketed remarks do not make a name different.
    @Test func cleanedNames() {
        let levels = F.levels(
            LinkRecord(key: "a", firstName: "mgr Olena (Ołena)"), LinkRecord(key: "b", firstName: "Olena"))
        #expect(levels["first_name"] == "exact")
    }
}
