import Foundation
import IntegraCore
import IntegraLinkage
import Testing

@testable import IntegraSynth

@Suite struct PersonRecordGeneratorTests {
    static let sample = PersonRecordGenerator(seed: 2023).labelledRecords(count: 3000)

    @Test func isDeterministicAndExact() {
        let a = PersonRecordGenerator(seed: 5).records(count: 500)
        let b = PersonRecordGenerator(seed: 5).records(count: 500)
        let c = PersonRecordGenerator(seed: 6).records(count: 500)
        #expect(a.records == b.records)
        #expect(a.truth == b.truth)
        #expect(a.records != c.records)
        #expect(a.records.count == 500)
        #expect(Set(a.records.map(\.key)).count == 500)
    }

    /// Persons are numbered in order of their first record, as the linker numbers clusters.
    @Test func numbersPersonsByFirstRecord() {
        var seen = -1
        for record in Self.sample where record.person > seen {
            #expect(record.person == seen + 1)
            seen = record.person
        }
    }

    /// The CSV cells read back, through the normalisers `integra link` uses, to the record the generator returns:
    /// the labels describe exactly what the linker will be given.
    @Test func cellsReadBackToTheRecord() {
        for labelled in Self.sample {
            let r = labelled.record
            let cells = labelled.cells
            #expect(cells[0] == r.key)
            #expect(cells[1] == r.source)
            #expect(cells[2] == r.firstName && cells[3] == r.lastName)
            #expect(TextNormalisation.clean(cells[2]) == cells[2] && !cells[2].isEmpty)
            if cells[4].isEmpty {
                #expect(r.birthDate == nil)
            } else {
                let parsed = DateParser.parse(cells[4])
                #expect(parsed?.date == r.birthDate, "\(cells[4])")
                #expect(parsed?.isAmbiguous == r.birthDateAmbiguous, "\(cells[4])")
            }
            #expect((cells[5].isEmpty ? nil : Sex(parsing: cells[5])?.rawValue) == r.sex, "\(cells[5])")
            #expect((cells[6].isEmpty ? nil : Citizenship.isoAlpha3(cells[6])) == r.citizenship, "\(cells[6])")
            if let pesel = r.pesel {
                #expect(cells[7] == pesel && PESEL(pesel).isValid)
                #expect(PESEL(pesel).birthDate != nil)
            } else {
                #expect(cells[7].isEmpty)
            }
            #expect((cells[8].isEmpty ? nil : cells[8].replacingOccurrences(of: " ", with: "")) == r.document)
            #expect((cells[9].isEmpty ? nil : PhoneNumber.e164(cells[9])) == r.phone, "\(cells[9])")
            #expect((cells[10].isEmpty ? nil : Email.normalise(cells[10])) == r.email, "\(cells[10])")
        }
    }

    /// Two persons never share a PESEL, and a PESEL always encodes the person's sex.
    @Test func peselsBelongToOnePerson() {
        var owner: [String: Int] = [:]
        for labelled in Self.sample {
            guard let pesel = labelled.record.pesel else { continue }
            #expect(owner[pesel, default: labelled.person] == labelled.person)
            owner[pesel] = labelled.person
            if let sex = labelled.record.sex { #expect(PESEL(pesel).sex?.rawValue == sex) }
        }
        #expect(owner.count > 300)
    }

    @Test func coversTheVarietyTheLinkerMustHandle() {
        let traits = Self.sample.flatMap(\.traits)
        let relations = Set(Self.sample.flatMap(\.relations))
        for expected in [
            "name:native", "name:ukrainianPassport", "name:ukrainianPolish", "name:ukrainianOldPassport",
            "name:russianPassport", "name:belarusianPassport", "name:georgianLatin", "name:uzbekLatin",
            "name:spellingVariant", "name:vietnameseASCII", "name:polishName", "typo", "swapped", "patronymic",
            "birth-date:missing", "birth-date:day-month-swapped", "birth-date:typo", "case:upper",
        ] {
            #expect(traits.contains(expected), "no record with \(expected)")
        }
        #expect(relations.isSuperset(of: ["spouse", "parent", "child", "twin", "sibling", "common-name"]))
        let nationalities = Set(Self.sample.map(\.nationality))
        #expect(nationalities == ["UKR", "BLR", "RUS", "GEO", "UZB", "IND", "VNM"])
        let persons = Set(Self.sample.map(\.person)).count
        #expect((1400...1800).contains(persons), "\(persons) persons for 3000 records")
        // Many different Oleksandr Shevchenkos: the name alone must not link them.
        #expect(Self.sample.filter { $0.relations.contains("common-name") }.count >= 8)
    }

    /// Twins share a surname and birth date but not a first name.
    @Test func twinsDifferInFirstName() {
        let twins = Self.sample.filter { $0.relations.contains("twin") && $0.traits.contains("name:ukrainianPassport") }
        #expect(!twins.isEmpty)
        let byBirth = Dictionary(
            grouping: twins.filter {
                $0.record.birthDate != nil && !$0.traits.contains("typo") && !$0.traits.contains("swapped")
            }
        ) {
            "\($0.record.birthDate!.iso) \($0.record.lastName!.lowercased())"
        }
        for group in byBirth.values where Set(group.map(\.person)).count > 1 {
            #expect(Set(group.map { $0.record.firstName!.lowercased() }).count > 1)
        }
    }

    /// The generator's own romanisations, checked against the official and Polish examples in linkage.md §8.
    @Test(arguments: [
        (
            Romanisation.ukrainianPassport, "Олександр Юлія Згурський Андрій Єнакієве Гаєвич Наталія",
            "Oleksandr Yuliia Zghurskyi Andrii Yenakiieve Haievych Nataliia"
        ),
        (.ukrainianOldPassport, "Сергій Юлія Костянтин Андрій", "Serhiy Yuliya Kostyantyn Andriy"),
        (
            .ukrainianPolish, "Олександр Микола Володимир Сергій Юлія Шевченко Євген Людмила Кузьменко Ольга",
            "Ołeksandr Mykoła Wołodymyr Serhij Julija Szewczenko Jewhen Ludmyła Kuźmenko Olha"
        ),
        (.russianPassport, "Юлия Евгений Алексей Дмитрий Наталья", "Iuliia Evgenii Aleksei Dmitrii Natalia"),
        (.russianOldPassport, "Юлия Сергей Елена Пётр", "Yuliya Sergey Yelena Petr"),
        (
            .russianPolish, "Сергей Алексей Николай Евгений Елена Соловьёв",
            "Siergiej Aleksiej Nikołaj Jewgienij Jelena Sołowjow"
        ),
        (
            .belarusianPassport, "Аляксандр Марыя Святлана Ігар Мікалай Сяргей",
            "Aliaksandr Maryia Sviatlana Ihar Mikalai Siarhei"
        ),
        (.belarusianBGN, "Аляксандр Святлана", "Alyaksandr Svyatlana"),
        (.belarusianPolish, "Аляксандр Святлана Лукашэнка", "Alaksandr Swiatłana Łukaszenka"),
        (.uzbekLatin, "Холматов Шоҳрух Ғуломов", "Xolmatov Shohrux G'ulomov"),
    ])
    func romanises(system: Romanisation, cyrillic: String, latin: String) {
        #expect(system.apply(cyrillic) == latin)
    }

    @Test func romanisesGeorgian() {
        #expect(Georgian.apply("ნინო ბერიძე", .latin) == "Nino Beridze")
        #expect(Georgian.apply("ჯაფარიძე შენგელია", .polish) == "Dżaparidze Szengelia")
        #expect(Georgian.apply("გელაშვილი", .russian) == "Гелашвили")
    }
}
