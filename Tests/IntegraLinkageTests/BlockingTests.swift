import IntegraCore
import Testing

@testable import IntegraLinkage

@Suite struct BlockingTests {
    typealias F = LinkageFixtures

    private func pairs(_ records: [LinkRecord], maxBlockSize: Int = 200) -> (pairs: Set<[String]>, skipped: Int) {
        let prepared = PreparedRecords(records, firstNameClasses: F.firstNameClasses)
        let blocking = Blocking(prepared, maxBlockSize: maxBlockSize)
        let keys = blocking.pairs.map { pair in
            [records[prepared.order[Int(pair >> 32)]].key, records[prepared.order[Int(pair & 0xFFFF_FFFF)]].key]
                .sorted()
        }
        return (Set(keys), blocking.skippedBlocks)
    }

    /// Each kind of key finds the pair it is for, and nothing else.
    @Test(arguments: [
        (
            "phone", LinkRecord(key: "a", firstName: "Olena", phone: "+48500100200"),
            LinkRecord(key: "b", firstName: "Petro", phone: "+48500100200")
        ),
        ("email", LinkRecord(key: "a", email: "o@example.org"), LinkRecord(key: "b", email: "o@example.org")),
        (
            "pesel", LinkRecord(key: "a", pesel: "44051401359"),
            LinkRecord(key: "b", firstName: "X", pesel: "44051401359")
        ),
        ("document", LinkRecord(key: "a", document: "FE1"), LinkRecord(key: "b", document: "FE1")),
        (
            "birth date + last name",
            LinkRecord(key: "a", firstName: "Olena", lastName: "Shevchenko", birthDate: F.date("1990-03-12")),
            LinkRecord(key: "b", firstName: "Olna", lastName: "Шевченко", birthDate: F.date("1990-03-12"))
        ),
        (
            "birth date + first name",
            LinkRecord(key: "a", firstName: "Olena", lastName: "Shevchenko", birthDate: F.date("1990-03-12")),
            LinkRecord(key: "b", firstName: "Ołena", lastName: "Szewczenkp", birthDate: F.date("1990-03-12"))
        ),
        (
            "swapped names",
            LinkRecord(key: "a", firstName: "Shevchenko", lastName: "Olena"),
            LinkRecord(key: "b", firstName: "Olena", lastName: "Shevchenko")
        ),
        (
            "last name + first-name class",
            LinkRecord(key: "a", firstName: "Oleksandr", lastName: "Shevchenko"),
            LinkRecord(key: "b", firstName: "Alexander", lastName: "Szewczenko")
        ),
        (
            "Daitch–Mokotoff of the last name + birth year",
            LinkRecord(key: "a", firstName: "Olena", lastName: "Shevchenko", birthDate: F.date("1990-03-12")),
            LinkRecord(key: "b", firstName: "Ołna", lastName: "Schewtschenko", birthDate: F.date("1990-07-01"))
        ),
        (
            "a word left out of a three-word name",
            LinkRecord(key: "a", firstName: "Linh", lastName: "Bui"),
            LinkRecord(key: "b", firstName: "Linh Bui", lastName: "Thanh")
        ),
        (
            "the surname's East Slavic form + first-name key",
            LinkRecord(key: "a", firstName: "Ana", lastName: "Japaridze"),
            LinkRecord(key: "b", firstName: "Анна", lastName: "Джапаридзе")
        ),
        (
            "ambiguous birth date, both ways",
            LinkRecord(
                key: "a", firstName: "Olna", lastName: "Shevchenko", birthDate: F.date("1990-03-04"),
                birthDateAmbiguous: true),
            LinkRecord(key: "b", firstName: "Olena", lastName: "Shevchenko", birthDate: F.date("1990-04-03"))
        ),
    ])
    func keyFindsItsPair(kind: String, a: LinkRecord, b: LinkRecord) {
        let unrelated = LinkRecord(key: "z", firstName: "Karthik", lastName: "Verma", birthDate: F.date("1970-01-02"))
        #expect(pairs([a, b, unrelated]).pairs == [["a", "b"]], "\(kind)")
    }

    /// A key shared by more records than the cap gives no pairs and is counted; the records still meet by others.
    @Test func oversizedBlock() {
        var records = (0..<12).map { LinkRecord(key: "r\($0)", firstName: "F\($0)", phone: "+48500100200") }
        records.append(
            LinkRecord(
                key: "x", firstName: "Olena", lastName: "Kovalenko", phone: "+48500100200", email: "o@example.org"))
        records.append(
            LinkRecord(
                key: "y", firstName: "Ołena", lastName: "Kowalenko", phone: "+48500100200", email: "o@example.org"))
        let capped = pairs(records, maxBlockSize: 10)
        #expect(capped.skipped == 1)
        #expect(capped.pairs == [["x", "y"]])
        #expect(pairs(records, maxBlockSize: 20).pairs.count == 14 * 13 / 2)
    }

    /// A pair found by several keys is compared once.
    @Test func pairsAreUnique() {
        let a = LinkRecord(
            key: "a", firstName: "Olena", lastName: "Shevchenko", birthDate: F.date("1990-03-12"),
            phone: "+48500100200", email: "o@example.org")
        var b = a
        b.key = "b"
        let prepared = PreparedRecords([a, b], firstNameClasses: [])
        #expect(Blocking(prepared, maxBlockSize: 200).pairs.count == 1)
    }
}
