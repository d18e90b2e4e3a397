import IntegraCore

/// A made-up participant of the fixture corpus. Names come from the demo's tables (Ukrainian in Cyrillic, passport
/// and Polish spelling) or the few Polish names below; no real people.
struct FixturePerson {
    var first: NameVariants
    var last: NameVariants
    var female: Bool
    var birth: LocalDate
    /// A valid PESEL matching `birth` and `female`, or nil.
    var pesel: String?
    var sex: String { female ? "K" : "M" }
}

enum FixturePeople {
    /// `count` persons with names not in `used` (which grows), birth dates 1960–2004 and, for most, a PESEL.
    static func draw(_ count: Int, rng: inout SeededGenerator, used: inout Set<String>) -> [FixturePerson] {
        var persons: [FixturePerson] = []
        while persons.count < count {
            let female = rng.chance(0.6)
            let first = rng.pick(female ? NameTables.femaleFirst : NameTables.maleFirst)
            let last = rng.pick(NameTables.surnames)
            guard used.insert(first.passport + " " + last.passport).inserted else { continue }
            let birth = LocalDate(year: rng.int(1960...2004), month: rng.int(1...12), day: rng.int(1...28))!
            let pesel =
                rng.chance(0.8)
                ? SyntheticPerson.makePESEL(birth: birth, female: female, serial: rng.int(0...9999)) : nil
            persons.append(FixturePerson(first: first, last: last, female: female, birth: birth, pesel: pesel))
        }
        return persons
    }

    /// Polish participants (Polish courses also enrol Polish spouses and volunteers' groups).
    static let polish: [FixturePerson] = [
        FixturePerson(
            first: .init(cyrillic: "Зофія", passport: "Zofia", polish: "Zofia"),
            last: .init(cyrillic: "Камінська", passport: "Kamińska", polish: "Kamińska"), female: true,
            birth: LocalDate(year: 1991, month: 6, day: 15)!,
            pesel: SyntheticPerson.makePESEL(
                birth: LocalDate(year: 1991, month: 6, day: 15)!, female: true, serial: 4821)),
        FixturePerson(
            first: .init(cyrillic: "Пьотр", passport: "Piotr", polish: "Piotr"),
            last: .init(cyrillic: "Зелінський", passport: "Zieliński", polish: "Zieliński"), female: false,
            birth: LocalDate(year: 1979, month: 11, day: 2)!,
            pesel: SyntheticPerson.makePESEL(
                birth: LocalDate(year: 1979, month: 11, day: 2)!, female: false, serial: 1357)),
    ]
}
