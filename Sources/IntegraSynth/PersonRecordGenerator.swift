import Foundation
import IntegraCore
import IntegraLinkage

/// Labelled person records for measuring the linker: many partners' records of the same made-up persons, written
/// the ways real files write them, with the true person of every record.
///
/// Persons are Ukrainian (most), Belarusian, Russian, Georgian, Uzbek, Indian and Vietnamese, with names drawn from
/// hand-written tables (`PersonNames`) and rendered per record in one of the forms a partner's file may hold: native
/// script, passport romanisation, an old passport system, Polish transcription, the Russian form of the name, a
/// Polish or English equivalent, spelling variants. Each person has 1–4 records, mostly at different partners, with
/// typing slips (one-letter edits), swapped first and last names, missing, reformatted or day/month-swapped birth
/// dates, PESEL on some records only, phones and e-mails written several ways. Households add the hard negatives:
/// spouses and siblings sharing a surname and phone, parents and children (a few with the same first name), twins
/// (same surname, birth date and phone, different first names), and many different people called Oleksandr
/// Shevchenko or Olena Kovalenko.
///
/// ```swift
/// let (records, truth) = PersonRecordGenerator(seed: 7).records(count: 10_000)
/// truth[0] == truth[5]   // records 0 and 5 are the same person
/// ```
///
/// The same seed gives the same records on every platform.
public struct PersonRecordGenerator: Sendable {
    public let seed: UInt64

    public init(seed: UInt64) { self.seed = seed }

    /// The columns of the records CSV (`integra link`'s input).
    public static let columns = [
        "record_id", "partner", "first_name", "last_name", "birth_date", "sex", "citizenship", "pesel", "passport",
        "phone", "email",
    ]

    /// One generated record with what the generator knows about it.
    public struct LabelledRecord: Sendable {
        public var record: LinkRecord
        /// The true person, numbered 0, 1, … in order of each person's first record.
        public var person: Int
        /// The row as written to the CSV, one cell per `columns` entry (empty for a missing value).
        public var cells: [String]
        /// ISO alpha-3 of the person's citizenship (whether or not the record states it).
        public var nationality: String
        /// What this record's rendering did: `name:<form>`, `typo`, `swapped`, `patronymic`,
        /// `birth-date:<missing|typo|day-month-swapped|…>`, `case:<upper|lower|surname-upper>`.
        public var traits: [String]
        /// The person's household: `spouse`, `parent`, `child`, `junior` (a child with the parent's first name),
        /// `twin`, `sibling`, `common-name`.
        public var relations: [String]
        /// The person's household (persons who share a surname, phone or e-mail on purpose), numbered from 0.
        public var household: Int
    }

    /// `count` records and the true person of each.
    public func records(count: Int) -> (records: [LinkRecord], truth: [Int]) {
        let labelled = labelledRecords(count: count)
        return (labelled.map(\.record), labelled.map(\.person))
    }

    /// `count` records with their labels, in file order (a person's records are scattered).
    public func labelledRecords(count: Int) -> [LabelledRecord] {
        var state = GeneratorState(seed: seed)
        var drafts: [LabelledRecord] = []
        drafts.reserveCapacity(count + 8)
        while drafts.count < count {
            let household = state.nextHousehold
            state.nextHousehold += 1
            for var person in state.makeHousehold() {
                person.household = household
                drafts += state.makeRecords(of: person)
            }
        }
        drafts.removeLast(drafts.count - count)
        state.rng.shuffle(&drafts)
        // Keys in file order; persons renumbered by first appearance, as the linker numbers its clusters.
        var personNumber: [Int: Int] = [:]
        let width = max(7, String(count).count)
        for i in drafts.indices {
            let key = "R" + String(repeating: "0", count: max(0, width - String(i + 1).count)) + String(i + 1)
            drafts[i].record.key = key
            drafts[i].cells[0] = key
            if personNumber[drafts[i].person] == nil { personNumber[drafts[i].person] = personNumber.count }
            drafts[i].person = personNumber[drafts[i].person]!
        }
        return drafts
    }

    /// Writes into `folder`: `records.csv` (the columns above, as partners write them), `truth.csv`
    /// (`record_id,person_id`) and `normalised.csv` (the same records with every value but the names as
    /// `integra link` normalises them: ISO dates, `K`/`M`, alpha-3, E.164, lower-case e-mail), which lets another
    /// linker be given the same clean fields so that a comparison measures linkage, not date parsing. Returns the
    /// paths written.
    public func write(count: Int, into folder: URL) throws -> [String] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let labelled = labelledRecords(count: count)
        let header = Self.columns.joined(separator: ",") + "\n"
        var records = header
        var normalised = header
        var truth = "record_id,person_id\n"
        records.reserveCapacity(count * 110)
        normalised.reserveCapacity(count * 110)
        truth.reserveCapacity(count * 18)
        for row in labelled {
            records += row.cells.map(csvField).joined(separator: ",")
            records += "\n"
            let r = row.record
            let clean = [
                r.key, r.source, r.firstName, r.lastName, r.birthDate?.iso, r.sex, r.citizenship, r.pesel, r.document,
                r.phone, r.email,
            ]
            normalised += clean.map { csvField($0 ?? "") }.joined(separator: ",")
            normalised += "\n"
            truth += r.key + ",T" + String(format: "%06d", row.person + 1) + "\n"
        }
        var written: [String] = []
        for (name, text) in [("records.csv", records), ("truth.csv", truth), ("normalised.csv", normalised)] {
            let url = folder.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            written.append(url.path)
        }
        return written
    }

    private func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

// MARK: - Persons

enum Nationality: String, CaseIterable, Sendable {
    case ukrainian = "UKR", belarusian = "BLR", russian = "RUS", georgian = "GEO", uzbek = "UZB", indian = "IND"
    case vietnamese = "VNM"
}

/// What a person is called, in the data the forms are rendered from.
enum PersonName: Sendable {
    /// Ukrainian, Russian or Belarusian: a first-name class, the surname in the person's own language and in
    /// Russian (the same for Ukrainians and Russians), and maybe a patronymic (Russian for Belarusians).
    case slavic(PersonNames.FirstNameClass, surname: String, russianSurname: String, patronymic: String?)
    case uzbek(first: String, surname: String)
    case georgian(first: String, russianFirst: String?, surname: String)
    /// Each part as its list of spellings.
    case indian(first: [String], surname: [String])
    case vietnamese(family: PersonNames.Syllable, middle: PersonNames.Syllable, given: PersonNames.Syllable)
}

struct SyntheticLinkPerson: Sendable {
    var id: Int
    var nationality: Nationality
    var female: Bool
    var name: PersonName
    var birth: LocalDate
    var pesel: String?
    /// E.164; the first is the one most records give.
    var phones: [String]
    /// A relative's phone some of this person's records give instead (a household's one number).
    var householdPhone: String?
    var email: String?
    var householdEmail: String?
    var passport: String?
    var relations: [String]
    var isChild: Bool
    var household = 0
}

/// The generator's running state: the random source and the identifiers already given out (kept unique).
struct GeneratorState {
    var rng: SeededGenerator
    var nextPerson = 0
    var nextHousehold = 0
    var usedPESELs: Set<String> = []
    var usedEmails: Set<String> = []
    static let reference = LocalDate(year: 2023, month: 6, day: 30)!

    init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    // MARK: Households

    /// One household's persons: a single person, a couple, a parent with children, twins or siblings.
    mutating func makeHousehold() -> [SyntheticLinkPerson] {
        let nationality = pickNationality()
        let roll = rng.int(0...99)
        switch roll {
        case 0..<62:
            return [makePerson(nationality, female: rng.chance(0.55), birth: adultBirth())]
        case 62..<76:
            var a = makePerson(nationality, female: false, birth: adultBirth())
            var b = makePerson(nationality, female: true, birth: a.birth.adding(days: rng.int(-5 * 365...8 * 365)))
            if rng.chance(0.75) { b.name = withSurname(of: a, for: b) }
            a.relations.append("spouse")
            b.relations.append("spouse")
            share(from: &a, to: &b, phone: 0.7, email: 0.1)
            return [a, b]
        case 76..<90:
            let parentFemale = rng.chance(0.6)
            var parent = makePerson(nationality, female: parentFemale, birth: adultBirth(minAge: 30, maxAge: 62))
            parent.relations.append("parent")
            var family = [parent]
            for _ in 0..<rng.int(1...2) {
                let age = parent.birth.age(on: Self.reference) - rng.int(19...36)
                let birth = age < 18 ? childBirth(age: max(age, 0)) : adultBirth(minAge: age, maxAge: age)
                var child = makePerson(nationality, female: rng.chance(0.5), birth: birth)
                child.isChild = age < 18
                child.name = withSurname(of: parent, for: child)
                child.relations.append("child")
                if child.female == parent.female, rng.chance(0.08), case .slavic = parent.name {
                    child.name = withFirstName(of: parent, for: child)
                    child.relations.append("junior")
                }
                share(from: &family[0], to: &child, phone: child.isChild ? 0.9 : 0.5, email: child.isChild ? 0.4 : 0.1)
                family.append(child)
            }
            return family
        case 90..<94:
            let birth = rng.chance(0.4) ? childBirth(age: rng.int(3...17)) : adultBirth(minAge: 18, maxAge: 50)
            var a = makePerson(nationality, female: rng.chance(0.5), birth: birth)
            var b = makePerson(nationality, female: rng.chance(0.5), birth: birth)
            while sameFirstName(a.name, b.name) { b = makePerson(nationality, female: b.female, birth: birth) }
            b.name = withSurname(of: a, for: b)
            a.isChild = birth.age(on: Self.reference) < 18
            b.isChild = a.isChild
            a.relations.append("twin")
            b.relations.append("twin")
            share(from: &a, to: &b, phone: 0.8, email: 0.1)
            return [a, b]
        default:
            var a = makePerson(nationality, female: rng.chance(0.5), birth: adultBirth(minAge: 20, maxAge: 55))
            let birth = a.birth.adding(days: rng.int(1...12) * 365 + rng.int(0...200))
            var b = makePerson(nationality, female: rng.chance(0.5), birth: birth)
            while sameFirstName(a.name, b.name) { b = makePerson(nationality, female: b.female, birth: birth) }
            b.name = withSurname(of: a, for: b)
            a.relations.append("sibling")
            b.relations.append("sibling")
            share(from: &a, to: &b, phone: 0.4, email: 0.05)
            return [a, b]
        }
    }

    /// Gives `b` a household phone (and maybe e-mail) of `a`'s, which some of `b`'s records will carry.
    mutating func share(
        from a: inout SyntheticLinkPerson, to b: inout SyntheticLinkPerson, phone: Double, email: Double
    ) {
        if rng.chance(phone), let shared = a.phones.first {
            b.householdPhone = shared
            if b.isChild || b.phones.isEmpty || rng.chance(0.3) { b.phones = [] }
        }
        if rng.chance(email), let shared = a.email {
            b.householdEmail = shared
        }
    }

    mutating func pickNationality() -> Nationality {
        switch rng.int(0...99) {
        case 0..<60: return .ukrainian
        case 60..<70: return .belarusian
        case 70..<77: return .russian
        case 77..<83: return .georgian
        case 83..<89: return .uzbek
        case 89..<95: return .indian
        default: return .vietnamese
        }
    }

    mutating func adultBirth(minAge: Int = 18, maxAge: Int = 68) -> LocalDate {
        // Most participants are 25–45: the sum of two uniform draws peaks in the middle of the range.
        let span = maxAge - minAge
        let age = minAge + (span == 0 ? 0 : (rng.int(0...span) + rng.int(0...span)) / 2)
        return birthDate(age: age)
    }

    mutating func childBirth(age: Int) -> LocalDate { birthDate(age: age) }

    mutating func birthDate(age: Int) -> LocalDate {
        Self.reference.adding(days: -(age * 365 + rng.int(0...364)))
    }

    // MARK: Persons

    mutating func makePerson(_ nationality: Nationality, female: Bool, birth: LocalDate) -> SyntheticLinkPerson {
        let id = nextPerson
        nextPerson += 1
        var person = SyntheticLinkPerson(
            id: id, nationality: nationality, female: female, name: makeName(nationality, female: female), birth: birth,
            pesel: nil, phones: [], householdPhone: nil, email: nil, householdEmail: nil, passport: nil, relations: [],
            isChild: birth.age(on: Self.reference) < 18)
        if nationality == .ukrainian, rng.chance(0.015) {
            person.name = commonName(female: female)
            person.relations.append("common-name")
        }
        if rng.chance(nationality == .ukrainian ? 0.55 : 0.25) {
            person.pesel = uniquePESEL(birth: birth, female: female)
        }
        if rng.chance(0.75) { person.phones.append(polishPhone()) }
        if person.phones.isEmpty || rng.chance(0.3) { person.phones.append(homePhone(nationality)) }
        if !person.isChild, rng.chance(0.6) { person.email = uniqueEmail(for: person) }
        if rng.chance(0.6) { person.passport = passportNumber(nationality) }
        return person
    }

    /// Oleksandr Shevchenko or Olena Kovalenko: the names that make blocking on names alone explode.
    func commonName(female: Bool) -> PersonName {
        let first = female ? PersonNames.femaleFirst[0] : PersonNames.maleFirst[0]
        let surname = female ? "Коваленко" : "Шевченко"
        return .slavic(first, surname: surname, russianSurname: surname, patronymic: nil)
    }

    mutating func makeName(_ nationality: Nationality, female: Bool) -> PersonName {
        switch nationality {
        case .ukrainian, .russian, .belarusian:
            let first = ranked(female ? PersonNames.femaleFirst : PersonNames.maleFirst, offset: 5)
            let surname: String
            let russianSurname: String
            switch nationality {
            case .ukrainian:
                surname = ukrainianSurname()
                russianSurname = surname
            case .russian:
                surname = ranked(PersonNames.russianSurnames, offset: 30)
                russianSurname = surname
            default:
                let pair = ranked(PersonNames.belarusianSurnames, offset: 10)
                surname = pair.belarusian
                russianSurname = pair.russian
            }
            var patronymic: String?
            if rng.chance(0.4) {
                let list = nationality == .ukrainian ? PersonNames.ukrainianPatronymics : PersonNames.russianPatronymics
                patronymic = rng.pick(female ? list.female : list.male)
            }
            let language: PersonNames.Language =
                nationality == .ukrainian ? .ukrainian : nationality == .russian ? .russian : .belarusian
            // A Ukrainian surname keeps its Ukrainian women's form in Russian-language records too.
            let russianLanguage: PersonNames.Language = nationality == .ukrainian ? .ukrainian : .russian
            return .slavic(
                first, surname: female ? PersonNames.feminine(surname, language: language) : surname,
                russianSurname: female
                    ? PersonNames.feminine(russianSurname, language: russianLanguage) : russianSurname,
                patronymic: patronymic)
        case .uzbek:
            let surname = ranked(PersonNames.uzbekSurnames, offset: 5)
            return .uzbek(
                first: ranked(female ? PersonNames.uzbekFemaleFirst : PersonNames.uzbekMaleFirst, offset: 4),
                surname: female ? PersonNames.feminine(surname, language: .uzbek) : surname)
        case .georgian:
            let first = ranked(female ? PersonNames.georgianFemaleFirst : PersonNames.georgianMaleFirst, offset: 4)
            return .georgian(
                first: first.0, russianFirst: first.russian, surname: ranked(PersonNames.georgianSurnames, offset: 6))
        case .indian:
            return .indian(
                first: ranked(female ? PersonNames.indianFemaleFirst : PersonNames.indianMaleFirst, offset: 4),
                surname: ranked(PersonNames.indianSurnames, offset: 3))
        case .vietnamese:
            return .vietnamese(
                family: ranked(PersonNames.vietnameseFamily, offset: 1),
                middle: rng.pick(female ? PersonNames.vietnameseFemaleMiddle : PersonNames.vietnameseMaleMiddle),
                given: ranked(female ? PersonNames.vietnameseFemaleGiven : PersonNames.vietnameseMaleGiven, offset: 3))
        }
    }

    /// A Ukrainian surname: one of the common ones three times in four, else one of the long tail of stem + ending.
    mutating func ukrainianSurname() -> String {
        if rng.chance(0.75) { return ranked(PersonNames.ukrainianSurnames, offset: 25) }
        return rng.pick(PersonNames.ukrainianStems) + rng.pick(PersonNames.ukrainianEndings)
    }

    /// An item of a list ordered from common to rare: weight 1 / (rank + offset), so a larger offset flattens.
    mutating func ranked<T>(_ items: [T], offset: Int) -> T {
        let total = (0..<items.count).reduce(0.0) { $0 + 1 / Double($1 + 1 + offset) }
        var target = Double(rng.next() >> 11) / Double(1 << 53) * total
        for (rank, item) in items.enumerated() {
            target -= 1 / Double(rank + 1 + offset)
            if target < 0 { return item }
        }
        return items[items.count - 1]
    }

    /// `b`'s name with `a`'s surname, in `b`'s gender.
    func withSurname(of a: SyntheticLinkPerson, for b: SyntheticLinkPerson) -> PersonName {
        switch (a.name, b.name) {
        case let (.slavic(_, surname, russianSurname, _), .slavic(first, _, _, patronymic)):
            let language: PersonNames.Language =
                a.nationality == .ukrainian ? .ukrainian : a.nationality == .russian ? .russian : .belarusian
            let russianLanguage: PersonNames.Language = a.nationality == .ukrainian ? .ukrainian : .russian
            let base = masculine(surname, female: a.female, language: language)
            let russianBase = masculine(russianSurname, female: a.female, language: russianLanguage)
            return .slavic(
                first, surname: b.female ? PersonNames.feminine(base, language: language) : base,
                russianSurname: b.female ? PersonNames.feminine(russianBase, language: russianLanguage) : russianBase,
                patronymic: patronymic)
        case let (.uzbek(_, surname), .uzbek(first, _)):
            let base = masculine(surname, female: a.female, language: .uzbek)
            return .uzbek(first: first, surname: b.female ? PersonNames.feminine(base, language: .uzbek) : base)
        case let (.georgian(_, _, surname), .georgian(first, russianFirst, _)):
            return .georgian(first: first, russianFirst: russianFirst, surname: surname)
        case let (.indian(_, surname), .indian(first, _)):
            return .indian(first: first, surname: surname)
        case let (.vietnamese(family, _, _), .vietnamese(_, middle, given)):
            return .vietnamese(family: family, middle: middle, given: given)
        default:
            return b.name
        }
    }

    /// `b`'s name with `a`'s first name (a son named after his father).
    func withFirstName(of a: SyntheticLinkPerson, for b: SyntheticLinkPerson) -> PersonName {
        guard case let .slavic(first, _, _, _) = a.name,
            case let .slavic(_, surname, russianSurname, patronymic) = b.name
        else { return b.name }
        return .slavic(first, surname: surname, russianSurname: russianSurname, patronymic: patronymic)
    }

    /// A man's surname back from a woman's, so a daughter's or husband's form can be made from it.
    func masculine(_ surname: String, female: Bool, language: PersonNames.Language) -> String {
        guard female else { return surname }
        let candidates: [(String, String)]
        switch language {
        case .ukrainian: candidates = [("ська", "ський"), ("цька", "цький"), ("а", "ий")]
        case .belarusian:
            candidates = [
                ("ская", "скі"), ("цкая", "цкі"), ("ова", "оў"), ("ёва", "ёў"), ("ева", "еў"), ("ава", "аў"),
                ("іна", "ін"),
            ]
        case .russian, .uzbek:
            candidates = [
                ("ская", "ский"), ("цкая", "цкий"), ("ова", "ов"), ("ева", "ев"), ("ёва", "ёв"), ("ина", "ин"),
                ("ына", "ын"),
            ]
        }
        for (feminine, masculine) in candidates where surname.hasSuffix(feminine) {
            let candidate = String(surname.dropLast(feminine.count)) + masculine
            if PersonNames.feminine(candidate, language: language) == surname { return candidate }
        }
        return surname
    }

    func sameFirstName(_ a: PersonName, _ b: PersonName) -> Bool {
        switch (a, b) {
        case let (.slavic(x, _, _, _), .slavic(y, _, _, _)): return x.ukrainian == y.ukrainian
        case let (.uzbek(x, _), .uzbek(y, _)): return x == y
        case let (.georgian(x, _, _), .georgian(y, _, _)): return x == y
        case let (.indian(x, _), .indian(y, _)): return x == y
        case let (.vietnamese(_, _, x), .vietnamese(_, _, y)): return x.native == y.native
        default: return false
        }
    }

    // MARK: Identifiers

    mutating func uniquePESEL(birth: LocalDate, female: Bool) -> String? {
        guard (1900...2099).contains(birth.year) else { return nil }
        for _ in 0..<50 {
            let pesel = SyntheticPerson.makePESEL(birth: birth, female: female, serial: rng.int(0...999))
            if usedPESELs.insert(pesel).inserted { return pesel }
        }
        return nil
    }

    mutating func polishPhone() -> String {
        "+48" + String(rng.pick([5, 6, 7, 8])) + digits(8)
    }

    mutating func homePhone(_ nationality: Nationality) -> String {
        switch nationality {
        case .ukrainian:
            return "+380" + rng.pick(["50", "63", "66", "67", "68", "73", "93", "95", "96", "97", "98", "99"])
                + digits(7)
        case .belarusian: return "+375" + rng.pick(["29", "33", "44", "25"]) + digits(7)
        case .russian: return "+79" + digits(9)
        case .georgian: return "+9955" + digits(8)
        case .uzbek: return "+9989" + digits(8)
        case .indian: return "+91" + String(rng.int(6...9)) + digits(9)
        case .vietnamese: return "+849" + digits(8)
        }
    }

    mutating func digits(_ n: Int) -> String {
        String((0..<n).map { _ in Character(String(rng.int(0...9))) })
    }

    mutating func passportNumber(_ nationality: Nationality) -> String {
        let letters = Array("ABCEHKMPTX")
        func two(_ rng: inout SeededGenerator) -> String { String([rng.pick(letters), rng.pick(letters)]) }
        switch nationality {
        case .ukrainian:
            return (rng.chance(0.5) ? "F" + String(rng.pick(letters)) : "E" + String(rng.pick(letters))) + digits(6)
        case .belarusian: return "M" + String(rng.pick(["P", "C", "H"])) + digits(7)
        case .russian: return "7" + String(rng.int(0...9)) + digits(7)
        case .georgian: return digits(2) + two(&rng) + digits(5)
        case .uzbek: return two(&rng) + digits(7)
        case .indian: return String(rng.pick(letters)) + digits(7)
        case .vietnamese: return "C" + digits(7)
        }
    }

    /// An address built from the person's passport-form name, unique across persons.
    mutating func uniqueEmail(for person: SyntheticLinkPerson) -> String {
        let rendered = render(person, form: passportForm(person.nationality))
        let first = ascii(rendered.0)
        let last = ascii(rendered.1)
        let domains: [String]
        switch person.nationality {
        case .ukrainian: domains = ["gmail.com", "ukr.net", "i.ua", "gmail.com", "wp.pl", "meta.ua"]
        case .russian, .belarusian: domains = ["mail.ru", "yandex.ru", "gmail.com", "tut.by", "gmail.com"]
        default: domains = ["gmail.com", "outlook.com", "yahoo.com", "wp.pl", "onet.pl"]
        }
        let year = String(person.birth.year % 100)
        let patterns = [
            "\(first).\(last)", "\(first)\(last)", "\(first.prefix(1)).\(last)", "\(last).\(first)",
            "\(first)_\(last)", "\(first)\(year)", "\(last)\(year)", "\(first).\(last)\(year)",
        ]
        var local = rng.pick(patterns)
        var email = local + "@" + rng.pick(domains)
        while !usedEmails.insert(email).inserted {
            local += String(rng.int(0...9))
            email = local + "@" + rng.pick(domains)
        }
        return email
    }

    func ascii(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) }.map(Character.init))
    }

    // MARK: Records

    /// Partners and the name form each prefers: some copy passports, some write Polish transcription, some Cyrillic.
    static let partners: [(name: String, style: FormStyle, isLog: Bool)] = [
        ("fundacja-przystan", .passport, false), ("stowarzyszenie-nadija", .native, false),
        ("centrum-wsparcia", .polish, true), ("szkola-jezykowa-lingua", .passport, false),
        ("caritas-parafia", .polish, true), ("dom-sasiedzki", .neutral, false),
        ("punkt-informacyjny", .native, true), ("projekt-aktywizacja-pup", .passport, false),
    ]

    mutating func makeRecords(of person: SyntheticLinkPerson) -> [PersonRecordGenerator.LabelledRecord] {
        let count: Int
        switch rng.int(0...99) {
        case 0..<45: count = 1
        case 45..<75: count = 2
        case 75..<90: count = 3
        default: count = 4
        }
        var partnerOrder = Array(Self.partners.indices)
        rng.shuffle(&partnerOrder)
        var records: [PersonRecordGenerator.LabelledRecord] = []
        for i in 0..<count {
            let partner = i > 0 && rng.chance(0.08) ? partnerOrder[0] : partnerOrder[i]
            records.append(makeRecord(of: person, partner: partner))
        }
        return records
    }

    mutating func makeRecord(of person: SyntheticLinkPerson, partner index: Int) -> PersonRecordGenerator.LabelledRecord
    {
        let partner = Self.partners[index]
        var traits: [String] = []
        var record = LinkRecord(key: "", source: partner.name)
        var cells = Array(repeating: "", count: PersonRecordGenerator.columns.count)
        cells[1] = partner.name

        // Name.
        let form = pickForm(person.nationality, style: partner.style)
        traits.append("name:" + form.rawValue)
        var (first, last) = render(person, form: form)
        if case let .slavic(_, _, _, patronymic?) = person.name, rng.chance(form.isCyrillic ? 0.05 : 0.01) {
            first += " " + renderPatronymic(patronymic, person: person, form: form)
            traits.append("patronymic")
        }
        if rng.chance(0.08) {
            if rng.chance(0.5) { first = typo(first) } else { last = typo(last) }
            traits.append("typo")
        }
        switch rng.int(0...99) {
        case 0..<16:
            last = last.uppercased()
            traits.append("case:surname-upper")
        case 16..<29:
            first = first.uppercased()
            last = last.uppercased()
            traits.append("case:upper")
        case 29..<33:
            first = first.lowercased()
            last = last.lowercased()
            traits.append("case:lower")
        default: break
        }
        if rng.chance(0.05) {
            swap(&first, &last)
            traits.append("swapped")
        }
        record.firstName = first
        record.lastName = last
        cells[2] = first
        cells[3] = last

        // Identifiers and contacts: a consultation log (isLog) asks for less than a course roll.
        let phone: String? = {
            guard rng.chance(partner.isLog ? 0.8 : 0.7) else { return nil }
            if let household = person.householdPhone, person.phones.isEmpty || rng.chance(0.6) { return household }
            guard let primary = person.phones.first else { return nil }
            return person.phones.count > 1 && rng.chance(0.25) ? person.phones[1] : primary
        }()
        if let phone {
            record.phone = phone
            cells[9] = phoneText(phone)
        }
        let email: String? = {
            guard rng.chance(partner.isLog ? 0.3 : 0.5) else { return nil }
            if let household = person.householdEmail, person.email == nil || rng.chance(0.5) { return household }
            return person.email
        }()
        if let email {
            record.email = email
            cells[10] = rng.chance(0.2) ? mixedCase(email) : email
        }
        if let pesel = person.pesel, rng.chance(partner.isLog ? 0.25 : 0.6) {
            record.pesel = pesel
            cells[7] = pesel
        }
        if let passport = person.passport, rng.chance(partner.isLog ? 0.05 : 0.2) {
            record.document = passport
            cells[8] = rng.chance(0.3) ? passport.prefix(2) + " " + passport.dropFirst(2) : passport
        }
        let hasOtherEvidence =
            record.phone != nil || record.email != nil || record.pesel != nil || record.document != nil
        if rng.chance(partner.isLog ? 0.85 : 0.98) || !hasOtherEvidence {
            let (text, date, ambiguous, trait) = birthDateText(person.birth)
            record.birthDate = date
            record.birthDateAmbiguous = ambiguous
            cells[4] = text
            if let trait { traits.append("birth-date:" + trait) }
        } else {
            traits.append("birth-date:missing")
        }
        if rng.chance(partner.isLog ? 0.5 : 0.85) {
            record.sex = person.female ? "K" : "M"
            cells[5] = sexText(person.female, nationality: person.nationality)
        }
        if rng.chance(partner.isLog ? 0.9 : 0.95) {
            record.citizenship = person.nationality.rawValue
            cells[6] = citizenshipText(person.nationality)
        }
        return PersonRecordGenerator.LabelledRecord(
            record: record, person: person.id, cells: cells, nationality: person.nationality.rawValue,
            traits: traits, relations: person.relations, household: person.household)
    }

    // MARK: Birth dates

    /// The birth date as one record writes it, the date a reader takes from that text, whether that reading had to
    /// guess the day/month order, and what went wrong (nil when nothing did).
    mutating func birthDateText(_ birth: LocalDate) -> (String, LocalDate, Bool, String?) {
        var date = birth
        var trait: String?
        if rng.chance(0.02) {
            switch rng.int(0...2) {
            case 0:
                date = LocalDate(year: date.year, month: date.month, day: date.day == 28 ? 27 : date.day + 1) ?? date
            case 1:
                date =
                    LocalDate(year: date.year + (rng.chance(0.5) ? 1 : -1), month: date.month, day: min(date.day, 28))
                    ?? date
            default:
                date =
                    LocalDate(
                        year: date.year, month: date.day <= 12 ? date.day : date.month,
                        day: date.day <= 12 ? date.month : date.day) ?? date
            }
            trait = date == birth ? nil : "typo"
        }
        let d = date.day, m = date.month, y = date.year
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let months = [
            "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września",
            "października", "listopada", "grudnia",
        ]
        switch rng.int(0...99) {
        case 0..<50: return ("\(two(d)).\(two(m)).\(y)", date, false, trait)
        case 50..<75: return ("\(y)-\(two(m))-\(two(d))", date, false, trait ?? "iso")
        case 75..<80: return ("\(d).\(m).\(y)", date, false, trait ?? "short")
        case 80..<88:
            return ("\(two(d))/\(two(m))/\(y)", date, d <= 12 && m <= 12 && d != m, trait ?? "slash")
        case 88..<93: return ("\(d) \(months[m - 1]) \(y)", date, false, trait ?? "words")
        default:
            // Month first, as an American form or a foreign system writes it: read day first when both fit.
            let text = "\(m)/\(d)/\(y)"
            if d <= 12, d != m {
                return (text, LocalDate(year: y, month: d, day: m)!, true, "day-month-swapped")
            }
            return (text, date, false, trait ?? "month-first")
        }
    }

    // MARK: Cell texts

    mutating func phoneText(_ e164: String) -> String {
        if e164.hasPrefix("+48") {
            let n = Array(e164.dropFirst(3))
            let g = [String(n[0..<3]), String(n[3..<6]), String(n[6..<9])]
            return rng.pick([
                "+48 \(g[0]) \(g[1]) \(g[2])", g.joined(separator: " "), g.joined(separator: "-"), g.joined(),
                "0048" + g.joined(), e164,
            ])
        }
        if e164.hasPrefix("+380") {
            let n = Array(e164.dropFirst(4))
            let op = String(n[0..<2]), a = String(n[2..<5]), b = String(n[5..<7]), c = String(n[7..<9])
            return rng.pick([
                "+380 \(op) \(a) \(b) \(c)", e164, "0\(op)\(a)\(b)\(c)", "0\(op) \(a) \(b) \(c)",
                "380\(op)\(a)\(b)\(c)",
                "(0\(op)) \(a)-\(b)-\(c)",
            ])
        }
        return rng.chance(0.5) ? e164 : spaced(e164)
    }

    /// `+995555123456` → `+995 555 123 456`: the country code, then groups of three.
    func spaced(_ e164: String) -> String {
        let codeLength = e164.hasPrefix("+7") ? 1 : e164.hasPrefix("+91") || e164.hasPrefix("+84") ? 2 : 3
        let digits = Array(e164.dropFirst(1 + codeLength))
        var groups: [String] = []
        var i = 0
        while i < digits.count {
            groups.append(String(digits[i..<min(i + 3, digits.count)]))
            i += 3
        }
        return "+" + e164.dropFirst().prefix(codeLength) + " " + groups.joined(separator: " ")
    }

    func mixedCase(_ email: String) -> String {
        let parts = email.split(separator: "@")
        let local = parts[0].split(separator: ".").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(
            separator: ".")
        return local + "@" + parts[1].prefix(1).uppercased() + parts[1].dropFirst()
    }

    mutating func sexText(_ female: Bool, nationality: Nationality) -> String {
        let cyrillic = nationality == .ukrainian || nationality == .russian || nationality == .belarusian
        if female {
            return rng.pick(cyrillic ? ["K", "K", "Kobieta", "kobieta", "ж", "Ж"] : ["K", "K", "Kobieta", "kobieta"])
        }
        return rng.pick(
            cyrillic ? ["M", "M", "Mężczyzna", "mężczyzna", "ч", "Ч"] : ["M", "M", "Mężczyzna", "mężczyzna"])
    }

    mutating func citizenshipText(_ nationality: Nationality) -> String {
        switch nationality {
        case .ukrainian: return rng.pick(["Ukraina", "UKR", "ukraińskie", "Україна", "Ukraina", "UA"])
        case .belarusian: return rng.pick(["Białoruś", "BLR", "białoruskie", "Беларусь"])
        case .russian: return rng.pick(["Rosja", "RUS", "rosyjskie", "Россия"])
        case .georgian: return rng.pick(["Gruzja", "GEO", "gruzińskie"])
        case .uzbek: return rng.pick(["Uzbekistan", "UZB", "uzbeckie"])
        case .indian: return rng.pick(["Indie", "IND", "indyjskie", "India"])
        case .vietnamese: return rng.pick(["Wietnam", "VNM", "wietnamskie"])
        }
    }

    // MARK: Typos

    /// One slip of the keyboard: a neighbouring key, a dropped, doubled or transposed letter (never the first).
    mutating func typo(_ text: String) -> String {
        var letters = Array(text)
        let positions = letters.indices.filter { $0 > 0 && letters[$0].isLetter }
        guard positions.count >= 2, let i = rng.element(of: positions) else { return text }
        switch rng.int(0...99) {
        case 0..<40:
            let lower = Character(letters[i].lowercased())
            guard let neighbours = PersonNames.keyboardNeighbours[lower],
                let replacement = rng.element(of: Array(neighbours))
            else {
                letters.remove(at: i)
                break
            }
            letters[i] = letters[i].isUppercase ? Character(replacement.uppercased()) : replacement
        case 40..<60:
            letters.remove(at: i)
        case 60..<75:
            letters.insert(letters[i], at: i)
        default:
            let j = i + 1 < letters.count && letters[i + 1].isLetter ? i + 1 : i - 1
            guard j > 0 else {
                letters.remove(at: i)
                break
            }
            letters.swapAt(i, j)
        }
        let result = String(letters)
        return result == text ? String(letters.dropLast()) : result
    }
}
