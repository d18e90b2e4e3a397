import IntegraCore
import IntegraSynth
import Testing

@testable import IntegraLinkage

/// `NameKey` works on character codes for speed; it must give exactly the keys of the `Character` implementation it
/// replaced (`CharacterNameKey`), on every name the linker sees.
@Suite struct NameKeyEquivalenceTests {
    /// Every form of a name cell the linker takes a skeleton of (`NameCatalogue.analyse`, `russianReading`).
    static func forms(of cell: String) -> [String] {
        var forms = [cell]
        if let given = NameCleaning.givenName(cell)?.lowercased() {
            let latinOrCyrillic = NameCatalogue.inLatinOrCyrillic(given)
            forms += [given, latinOrCyrillic, Transliteration.russianICAO(latinOrCyrillic)]
        }
        return forms
    }

    static func mismatches(_ names: some Sequence<String>) -> [String] {
        Set(names.flatMap(forms(of:))).sorted().compactMap { name in
            let key = NameKey.skeleton(name)
            let reference = CharacterNameKey.skeleton(name)
            return key == reference ? nil : "\(name): \(key) ≠ \(reference)"
        }
    }

    @Test func generatedNames() {
        let records = PersonRecordGenerator(seed: 2023).labelledRecords(count: 10_000).map(\.record)
        let mismatches = Self.mismatches(records.flatMap { [$0.firstName, $0.lastName].compactMap(\.self) })
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }

    @Test func projectFirstNames() throws {
        let names = try LinkQualityTests.firstNameClasses().flatMap(\.self)
        #expect(names.count > 100)
        let mismatches = Self.mismatches(names)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }

    /// Text outside the common path: combining marks with and without a precomposed letter, decomposed Polish
    /// letters, letters that fold to two, capitals whose lower case gains a mark, apostrophes and other scripts.
    @Test(arguments: [
        "Z\u{307}urs\u{301}kyj", "Nguyễn Thị Minh Khai", "Nguye\u{302}\u{303}n", "c\u{308}hrystyna",
        "n\u{308}n\u{308}a",
        "Straße", "Æsa", "İlkay", "Ołeksandr\u{200D}", "Koval\u{2019}chuk", "ʼOlha", "O\u{2019}\u{301}lha", "ქეთევან",
        "Đorđe", "Ǆemal", "Šćepan", "Oleksandr-Iwan Szewczenko", "a\u{20DD}b", "Ŝura", "ŁUDMYŁA", "x\u{301}x\u{301}",
        "Kelvin \u{212A}\u{212B}sa", "",
    ])
    func unusualText(name: String) {
        #expect(NameKey.skeleton(name) == CharacterNameKey.skeleton(name))
    }
}
