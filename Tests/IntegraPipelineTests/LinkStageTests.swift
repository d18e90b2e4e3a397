import IntegraCore
import IntegraLinkage
@testable import IntegraPipeline
import Testing

/// Hand-built linkage input: every record its own raw row; `order` is the position in the run.
struct LinkInput {
    var result = NormalisedRecords()

    /// A roll record (group given) or, with `group` nil, an identified consultation client.
    mutating func person(
        _ raw: Int, order: Int? = nil, partner: String = "lead", group: String? = "A1", first: String, last: String,
        pesel: String? = nil, born: String? = nil
    ) {
        var r = IdentityRecord(
            key: "\(group == nil ? "porady.csv" : "lista.csv")#\(raw)", rawRowID: raw, fileID: 1, order: order ?? raw, partnerID: partner,
            activityID: group == nil ? "consult" : "course", kind: group == nil ? .consultations : .roll, group: group,
            firstName: first, lastName: last, nameKey: NameKey.orderFree(first, last))
        r.pesel = pesel
        r.birthDate = born.map(Sheet.day)
        r.startDate = group == nil ? nil : Sheet.day("2023-03-01")
        if group == nil {
            result.consultations.append(
                ConsultationRow(
                    rawRowID: raw, partnerID: partner, activityID: "consult", date: Sheet.day("2023-03-05"), topic: nil,
                    language: nil, mode: nil, minutes: nil, identity: r))
        } else {
            result.identities.append(r)
        }
    }

    mutating func anonymousConsultation(_ raw: Int, partner: String = "lead") {
        result.consultations.append(
            ConsultationRow(
                rawRowID: raw, partnerID: partner, activityID: "consult", date: Sheet.day("2023-03-06"), topic: nil,
                language: nil, mode: nil, minutes: nil, identity: nil))
    }

    /// An attendance row: the name as the sheet writes it (split as the normaliser would) and marks by date.
    mutating func attendance(
        _ raw: Int, partner: String = "lead", group: String = "A1", name: String, _ marks: [(String, AttendanceStatus)]
    ) {
        let parts = NameSplitter.split(name)
        result.attendance.append(
            AttendanceRow(
                rawRowID: raw, fileID: 2, location: SourceLocation(file: "obecnosci.xlsx", sheet: "marzec", row: raw),
                partnerID: partner, activityID: "course", group: group, firstName: parts.first, lastName: parts.last,
                nameKey: NameKey.orderFree(parts.first, parts.last),
                marks: marks.map { (column: $0.0, date: Sheet.day($0.0), status: $0.1) }))
    }

    func run(
        decisions: LinkDecisions = .init(), knownIDs: [String: String] = [:], firstNameClasses: [[String]] = []
    ) -> LinkStage.Output {
        var settings = LinkageSettings()
        settings.firstNameClasses = firstNameClasses
        return LinkStage(settings: settings, decisions: decisions, knownIDs: knownIDs).run(result)
    }
}

extension LinkStage.Output {
    /// Person id of each participant record, by raw row.
    var personOfRawRow: [Int: String] {
        Dictionary(uniqueKeysWithValues: participants.map { ($0.rawRowID, $0.personID) })
    }
}

@Suite struct LinkStageTests {
    /// A roll record with half a name (`missing-name-part`) is linked by its other fields: the empty part is no
    /// evidence, not a name "" shared by every such record. An attendance row of its group meets it without a crash.
    @Test func aRecordWithHalfANameLinksByItsOtherFields() {
        var input = LinkInput()
        input.person(1, first: "", last: "Kowalenko", pesel: "44051401359")
        input.person(2, partner: "other", group: "B1", first: "Olena", last: "Kowalenko", pesel: "44051401359")
        input.person(3, first: "", last: "Nowak")
        input.person(4, first: "", last: "Kowalczuk")
        input.attendance(10, name: "Olena Kowalenko", [("2023-03-02", .present)])
        input.attendance(11, name: "Kowalenko", [("2023-03-02", .present)])
        let out = input.run()
        #expect(out.personOfRawRow[1] == out.personOfRawRow[2])
        #expect(out.personOfRawRow[3] != out.personOfRawRow[4])
        #expect(out.persons.count == 3)
        #expect(out.participants.count == 4)
    }

    @Test func theSamePESELJoins() {
        var input = LinkInput()
        input.person(1, first: "Olena", last: "Kowalenko", pesel: "44051401359")
        input.person(2, partner: "other", group: "B1", first: "Ołena", last: "Kovalenko", pesel: "44051401359", born: "1944-05-14")
        let out = input.run()
        #expect(out.persons.map(\.id) == ["P000001"])
        #expect(out.persons.first?.evidence == .pesel)
        #expect(out.persons.first?.birthDate == Sheet.day("1944-05-14"))
        #expect(out.persons.first?.sex == "M")
        #expect(out.personOfRawRow == [1: "P000001", 2: "P000001"])
    }

    @Test(arguments: [
        ("Olena", "Kovalenko"), ("Олена", "Коваленко"), ("Ołena", "Kowałenko"), ("Kovalenko", "Olena"),
        ("Коваленко", "Олена"), ("OLENA", "KOVALENKO"),
    ])
    func theSameNameAndBirthDateJoin(first: String, last: String) {
        var input = LinkInput()
        input.person(1, first: "Olena", last: "Kovalenko", born: "1990-01-01")
        input.person(2, partner: "other", group: nil, first: first, last: last, born: "1990-01-01")
        let out = input.run()
        #expect(out.persons.map(\.id) == ["P000001"])
        #expect(out.persons.first?.evidence == .nameBirthDate)
        #expect(out.personOfRawRow == [1: "P000001", 2: "P000001"])
    }

    @Test func theSameNameWithAnotherBirthDateStaysApart() {
        var input = LinkInput()
        input.person(1, first: "Olena", last: "Kovalenko", born: "1990-01-01")
        input.person(2, first: "Олена", last: "Коваленко", born: "1990-01-02")
        #expect(input.run().personOfRawRow == [1: "P000001", 2: "P000002"])
    }

    /// Two valid PESELs never join, even with the same name and birth date; a third record with only that name and
    /// birth date joins one of them, never both.
    @Test func twoDifferentPESELsStayTwoPersons() {
        var input = LinkInput()
        input.person(1, first: "Ołeh", last: "Kowalenko", pesel: "44051401359", born: "1944-05-14")
        input.person(2, first: "Oleh", last: "Kovalenko", pesel: "44051401373", born: "1944-05-14")
        input.person(3, partner: "other", group: nil, first: "Олег", last: "Коваленко", born: "1944-05-14")
        let out = input.run()
        #expect(out.persons.map(\.id) == ["P000001", "P000002"])
        #expect(out.persons.map(\.evidence) == [.pesel, .pesel])
        #expect(out.personOfRawRow == [1: "P000001", 2: "P000002", 3: "P000001"])
    }

    /// Records that share only a name are one person within one partner (a client coming back, a consultation client
    /// on the partner's roll), never across partners on the name alone.
    @Test func nameOnlyRecordsJoinWithinAPartnerOnly() {
        var input = LinkInput()
        input.person(1, first: "Anna", last: "Nowak")
        input.person(2, partner: "other", group: "B1", first: "Anna", last: "Nowak")
        input.person(3, group: nil, first: "Anna", last: "Nowak")
        let out = input.run()
        #expect(out.persons.map(\.id) == ["P000001", "P000002"])
        #expect(out.personOfRawRow == [1: "P000001", 2: "P000002", 3: "P000001"])
        #expect(out.links.map(\.decidedBy) == ["name-only"])
    }

    /// One client's visits to one information point, written by different consultants: another romanisation,
    /// Cyrillic, capitals, a patronymic, an English first name — one person.
    @Test func oneClientsVisitsInManySpellingsAreOnePerson() {
        var input = LinkInput()
        let spellings = [
            ("Olena", "Batihushko"), ("Olena", "Batigushko"), ("Олена", "Батігушко"), ("OLENA", "BATIHUSHKO"),
            ("Olena Petrivna", "Batihushko"), ("Helen", "Batihushko"), ("Ołena", "Batyhuszko"),
        ]
        for (i, name) in spellings.enumerated() { input.person(i + 1, group: nil, first: name.0, last: name.1) }
        input.person(20, group: nil, first: "Iryna", last: "Koval")
        let out = input.run(firstNameClasses: AttendanceMatchingTests.classes)
        #expect(out.persons.count == 2, "\(out.personOfRawRow.sorted { $0.key < $1.key })")
        #expect(Set((1...7).map { out.personOfRawRow[$0] }) == ["P000001"])
    }

    /// A consultation client whose name is on the partner's roll (with a birth date) is that participant; with two
    /// namesakes of different birth dates on the roll the data cannot say which, so the client stays apart and the
    /// pairs go to review.
    @Test func aConsultationClientJoinsTheOneParticipantOfThatName() {
        var one = LinkInput()
        one.person(1, first: "Liubov", last: "Onyshchuk", born: "1980-02-03")
        one.person(2, group: nil, first: "Liubov", last: "Onyshchuk")
        one.person(3, group: nil, first: "ЛЮБОВ", last: "ОНИЩУК")
        #expect(Set(one.run().personOfRawRow.values) == ["P000001"])

        var two = LinkInput()
        two.person(1, first: "Liubov", last: "Onyshchuk", born: "1980-02-03")
        two.person(2, group: "A2", first: "Liubov", last: "Onyshchuk", born: "1991-07-08")
        two.person(3, group: nil, first: "Liubov", last: "Onyshchuk")
        let out = two.run()
        #expect(out.persons.count == 3)
        #expect(out.review.filter { $0.recordA.hasPrefix("lista.csv") || $0.recordB.hasPrefix("lista.csv") }.count == 2)
    }

    /// A coordinator's cannot-link between two visits keeps namesakes apart, and so does a different citizenship.
    @Test func namesakesStayApartWhereTheEvidenceSaysSo() {
        var input = LinkInput()
        input.person(1, group: nil, first: "Olena", last: "Kovalenko")
        input.person(2, group: nil, first: "Olena", last: "Kovalenko")
        let decided = input.run(
            decisions: LinkDecisions(cannotLink: [.init("porady.csv#1", "porady.csv#2", note: "two clients")]))
        #expect(decided.persons.count == 2)
        #expect(input.run().persons.count == 1)
    }

    /// A slip in either name part, the parts swapped, or the words split at another place: still one client of one
    /// partner (blocking keys names with birth dates, so such pairs are found within the partner).
    @Test(arguments: [
        ("Ivan", "Bondar", "Ivan", "Bondpr"), ("Iryna", "Kovbenko", "Iryna", "KOVBRNKO"),
        ("Svitlana", "Zakhiuk", "Zakhuik", "Svitlana"), ("Thanh Lan", "Pham", "Thanh", "Lan Pham"),
        ("Van Phuc", "NGUYEN", "VAN", "PHUC NGUYEN"),
        // A looser slip in a short first name, beside the same surname.
        ("Okha", "HRYSHKO", "Olha", "Hryshko"), ("Olhz", "Yefymovych", "OLHA", "YEFYMOVYCH"),
        // A word left out (a Vietnamese middle name): the two words meet the three.
        ("Linh", "Bui", "Linh Bui", "Thanh"), ("Dung", "TRAN", "Dung Tran", "Minh"),
        // The Russian or Polish-of-Russian form of a Ukrainian surname, and Georgian дж written j.
        ("Irina", "Kobzishin", "Iryna", "Kobzyshyn"), ("Natalja", "Tieriesziuk", "Nataliia", "Tereshiuk"),
        ("Sergei", "Miedwiediew", "Sergei", "Medvedev"), ("Анна", "Джапаридзе", "Ana", "Japaridze"),
    ])
    func slipsAndSplitsWithinAPartnerJoin(first: String, last: String, otherFirst: String, otherLast: String) {
        var input = LinkInput()
        input.person(1, group: nil, first: first, last: last)
        input.person(2, group: nil, first: otherFirst, last: otherLast)
        input.person(3, group: nil, first: "Olena", last: "Koval")
        let out = input.run()
        #expect(out.personOfRawRow[1] == out.personOfRawRow[2], "\(first) \(last) / \(otherFirst) \(otherLast)")
        #expect(out.persons.count == 2)
    }

    /// Two Vietnamese given names sharing a word (Ngoc Yen, Ngoc Lan) are two names, not a slip; a looser slip in the
    /// first name needs the surname spelled the same (Okha Hryshko and Olha Hrishko stay apart).
    @Test func looseFirstNameSlipsNeedOneWordAndTheSameSurname() {
        var input = LinkInput()
        input.person(1, group: nil, first: "Ngoc Yen", last: "NGUYEN")
        input.person(2, group: nil, first: "Ngoc Lan", last: "Nguyen")
        input.person(3, group: nil, first: "Okha", last: "Hryshko")
        input.person(4, group: nil, first: "Olha", last: "Hryszczko")
        input.person(5, group: nil, first: "Olena", last: "Koval")
        let out = input.run()
        #expect(out.persons.count == 5, "\(out.personOfRawRow)")
    }

    /// Two clients of one name whose patronymics name different fathers are two persons; a visit without a
    /// patronymic still joins one of them.
    @Test func patronymicsOfDifferentFathersKeepNamesakesApart() {
        var input = LinkInput()
        input.person(1, group: nil, first: "Nataliia Petrivna", last: "Tymoshenko")
        input.person(2, group: nil, first: "Nataliia Volodymyrivna", last: "Tymoshenko")
        input.person(3, group: nil, first: "Natalia Wołodymyriwna", last: "TYMOSZENKO")
        input.person(4, group: nil, first: "Olena", last: "Koval")
        let out = input.run()
        #expect(out.personOfRawRow[1] != out.personOfRawRow[2])
        #expect(out.personOfRawRow[2] == out.personOfRawRow[3])
        #expect(out.persons.count == 3)
    }

    /// A roll row kept without its first name joins the partner's name-only visits of that surname; a namesake on the
    /// roll (another birth date) makes it a question for review instead.
    @Test func aRollRowWithOnlyASurnameJoinsItsVisits() {
        var input = LinkInput()
        input.person(1, first: "", last: "Yurchenko", pesel: "66032268366", born: "1966-03-22")
        input.person(2, group: nil, first: "Yuliia", last: "YURCHENKO")
        input.person(3, group: nil, first: "ЮЛІЯ", last: "ЮРЧЕНКО")
        input.person(4, group: nil, first: "Olena", last: "Koval")
        let out = input.run()
        #expect(Set([1, 2, 3].map { out.personOfRawRow[$0] }).count == 1, "\(out.personOfRawRow)")
        #expect(out.persons.count == 2)
        input.person(5, group: "B1", first: "", last: "Юрченко", born: "1990-01-02")
        #expect(input.run().personOfRawRow[1] != input.run().personOfRawRow[2])
    }

    /// The same rare name at two partners is not joined on the name alone: it goes to review.
    @Test func theSameNameAtAnotherPartnerGoesToReview() {
        var input = LinkInput()
        input.person(1, group: nil, first: "Liubov", last: "Onyshchuk")
        input.person(2, partner: "other", group: nil, first: "Liubov", last: "Onyshchuk")
        let out = input.run()
        #expect(out.persons.count == 2)
        #expect(out.review.map(\.decidedBy) == ["name-only-other-partner"])
    }

    /// Surnames no two persons share, for programmes built in tests.
    static let surnames = [
        "Hrabovskyi", "Dovhaliuk", "Zelinskyi", "Kotsiubynskyi", "Maslovskyi", "Perepelytsia", "Rudakevych",
        "Sokyrko", "Tymchyshyn", "Vovkodav", "Yavorivskyi", "Zahorodniuk", "Bilodid", "Chornobai", "Dzhyhyr",
        "Fedyshyn", "Horbulin", "Ilnytskyi", "Kachur", "Lomaka", "Mykytiuk", "Nesterak", "Ostrovskyi", "Pidlypnyi",
        "Repetylo", "Sheremeta", "Tsymbaliuk", "Ulianytskyi", "Vasylkiv", "Zabolotnyi", "Antoniuk", "Berezhnyi",
        "Chupryna", "Didukh", "Harasymiv", "Holovatyi", "Kalynovskyi", "Kravets", "Lutsyshyn", "Matviiv",
        "Nahirnyi", "Onufriiv", "Prykhodko", "Romaniuk", "Semeniv", "Stakhiv", "Teslenko", "Ustymenko", "Verbytskyi",
        "Yatsyshyn", "Zhovnir", "Bilyk", "Dobrianskyi", "Hnativ", "Kostyshyn", "Mazepa", "Orlyk", "Pyrih", "Sahaidak",
        "Tarnavskyi",
    ]
    static let firstNames = ["Olena", "Iryna", "Oksana", "Nataliia", "Tetiana", "Mykola", "Andrii", "Serhii", "Ihor", "Yurii"]

    /// A small programme: a name-only client of one partner's information point bearing the name of a participant of
    /// another partner — a name no one else in the programme bears — is that participant, not a namesake.
    @Test func aVisitorFromAnotherPartnerJoinsTheOneParticipantOfThatName() {
        var input = LinkInput()
        for i in 0..<30 {
            input.person(
                i + 1, first: Self.firstNames[i % 10], last: Self.surnames[i], born: "19\(60 + i)-03-0\(1 + i % 9)")
        }
        // The other partner's own clients, and three visitors.
        for i in 30..<60 { input.person(i + 1, partner: "other", group: nil, first: Self.firstNames[i % 10], last: Self.surnames[i]) }
        input.person(101, partner: "other", group: nil, first: "Olena", last: "HRABOVSKYI")
        input.person(102, partner: "other", group: nil, first: "Ірина", last: "Довгалюк")
        input.person(103, partner: "other", group: nil, first: "Oksana", last: "Zelinskyi")
        let out = input.run()
        #expect(out.persons.count == 60, "\(out.persons.count)")
        #expect(out.personOfRawRow[101] == out.personOfRawRow[1])
        #expect(out.personOfRawRow[102] == out.personOfRawRow[2])
        #expect(out.personOfRawRow[103] == out.personOfRawRow[3])
        #expect(out.links.filter { $0.decidedBy == "name-only-other-partner" }.count == 3)
    }

    /// The same, in a programme where persons with birth dates share their full names with namesakes at other
    /// partners (27 names in 30): the name alone no longer tells a visitor from a namesake, and nothing is joined.
    @Test func inAProgrammeOfNamesakesANameAloneJoinsNothingAcrossPartners() {
        var input = LinkInput()
        for i in 0..<30 {
            input.person(
                i + 1, first: Self.firstNames[i % 10], last: Self.surnames[i], born: "19\(60 + i)-03-0\(1 + i % 9)")
        }
        for i in 3..<30 {
            input.person(
                200 + i, partner: "third", first: Self.firstNames[i % 10], last: Self.surnames[i],
                born: "19\(60 + i)-11-2\(i % 9)")
        }
        for i in 30..<60 { input.person(i + 1, partner: "other", group: nil, first: Self.firstNames[i % 10], last: Self.surnames[i]) }
        input.person(101, partner: "other", group: nil, first: "Olena", last: "HRABOVSKYI")
        input.person(102, partner: "other", group: nil, first: "Ірина", last: "Довгалюк")
        input.person(103, partner: "other", group: nil, first: "Oksana", last: "Zelinskyi")
        let out = input.run()
        #expect(out.persons.count == 30 + 27 + 33, "\(out.persons.count)")
        #expect(!out.links.contains { $0.decidedBy == "name-only-other-partner" })
    }

    /// One decision settles the group it implies: a client's three visits join the participant of that name; a
    /// cannot-link between the participant and one visit keeps the whole group apart.
    @Test func oneDecisionSettlesTheGroup() {
        var input = LinkInput()
        input.person(1, first: "Liubov", last: "Onyshchuk", born: "1980-02-03")
        for raw in 2...4 { input.person(raw, group: nil, first: "Liubov", last: "Onyshchuk") }
        #expect(Set(input.run().personOfRawRow.values) == ["P000001"])
        let decided = input.run(
            decisions: LinkDecisions(cannotLink: [.init("lista.csv#1", "porady.csv#3", note: "another client")]))
        #expect(decided.persons.count == 2)
        #expect(Set([2, 3, 4].map { decided.personOfRawRow[$0] }).count == 1)
        #expect(decided.personOfRawRow[1] != decided.personOfRawRow[2])
    }

    /// Records arrive out of order (rolls first, then consultations); ids follow `order`, and a second run on the
    /// same input gives the same ids.
    @Test func personIDsFollowFirstAppearanceAndAreStable() {
        var input = LinkInput()
        input.person(10, order: 4, first: "Anna", last: "Nowak", born: "1980-02-02")
        input.person(11, order: 2, first: "Olena", last: "Kovalenko", born: "1990-01-01")
        input.person(12, order: 5, partner: "other", group: "B1", first: "Олена", last: "Коваленко", born: "1990-01-01")
        input.person(13, order: 1, partner: "other", group: nil, first: "Iwan", last: "Petrenko")
        input.person(14, order: 3, partner: "other", group: nil, first: "Anna", last: "Nowak", born: "1980-02-02")
        let first = input.run()
        #expect(first.personOfRawRow == [13: "P000001", 11: "P000002", 12: "P000002", 14: "P000003", 10: "P000003"])
        #expect(first.persons.map(\.id) == ["P000001", "P000002", "P000003"])
        #expect(first.participants.map(\.rawRowID) == [13, 11, 14, 10, 12])
        let second = input.run()
        #expect(second.persons == first.persons)
        #expect(second.participants == first.participants)
    }

    /// Ids given by an earlier run stay: a new record joining a known person takes that person's id, new persons
    /// take the next number, and when two known persons merge the smaller id survives.
    @Test func personIDsStayStableAcrossRuns() {
        var input = LinkInput()
        input.person(1, first: "Olena", last: "Kovalenko", born: "1990-01-01")
        input.person(2, first: "Iwan", last: "Petrenko", born: "1985-06-06")
        input.person(3, partner: "other", group: "B1", first: "Taras", last: "Bondarenko", born: "1979-09-09")
        // Earlier runs numbered these records differently (e.g. before another file was added).
        let known = ["lista.csv#1": "P000007", "lista.csv#2": "P000003", "lista.csv#3": "P000009"]
        input.person(4, order: 0, partner: "other", group: nil, first: "Олена", last: "Коваленко", born: "1990-01-01")
        input.person(5, partner: "other", group: nil, first: "Mykola", last: "Shevchuk", born: "1970-03-03")
        let out = input.run(knownIDs: known)
        #expect(out.personOfRawRow == [1: "P000007", 4: "P000007", 2: "P000003", 3: "P000009", 5: "P000010"])
        #expect(Dictionary(uniqueKeysWithValues: out.assignedIDs.map { ($0.recordKey, $0.personID) })["porady.csv#4"] == "P000007")
        // Two persons known apart merge (a must-link decision): the smaller id survives.
        let merged = input.run(
            decisions: LinkDecisions(mustLink: [.init("lista.csv#1", "lista.csv#2", note: "same person, new surname")]),
            knownIDs: known)
        #expect(merged.personOfRawRow[1] == "P000003" && merged.personOfRawRow[2] == "P000003")
    }

    @Test func decisionsOverrideScores() {
        var input = LinkInput()
        input.person(1, first: "Olena", last: "Kovalenko", born: "1990-01-01")
        input.person(2, partner: "other", group: nil, first: "Олена", last: "Коваленко", born: "1990-01-01")
        input.person(3, partner: "other", group: "B1", first: "Anna", last: "Nowak", born: "1980-02-02")
        let apart = input.run(decisions: LinkDecisions(cannotLink: [.init("lista.csv#1", "porady.csv#2")]))
        #expect(apart.personOfRawRow[1] != apart.personOfRawRow[2])
        let together = input.run(decisions: LinkDecisions(mustLink: [.init("lista.csv#1", "lista.csv#3")]))
        #expect(together.personOfRawRow[1] == together.personOfRawRow[3])
        #expect(together.links.contains { $0.decidedBy == "must-link" })
    }

    @Test func consultationsKeepAnonymousOnesWithoutPerson() {
        var input = LinkInput()
        input.person(1, group: nil, first: "Olena", last: "Kovalenko")
        input.anonymousConsultation(2)
        let out = input.run()
        #expect(out.consultations.map(\.personID) == ["P000001", nil])
        #expect(out.participants.map(\.courseID) == [nil])
        #expect(out.courses == [])
    }

    /// Roll of group A1 at `lead`: Olena Kovalenko (raw 1), Anna Nowak (raw 2); Anna Nowak is also in B1 at `other`.
    func rollWithAttendance(_ add: (inout LinkInput) -> Void) -> LinkStage.Output {
        var input = LinkInput()
        input.person(1, first: "Olena", last: "Kovalenko", born: "1990-01-01")
        input.person(2, first: "Anna", last: "Nowak")
        input.person(3, partner: "other", group: "B1", first: "Anna", last: "Nowak")
        add(&input)
        return input.run()
    }

    @Test func anAttendanceRowMatchesItsGroupsRollRecord() {
        let out = rollWithAttendance { $0.attendance(20, name: "KOWALENKO Olena", [("2023-03-02", .present)]) }
        #expect(out.rejected.isEmpty)
        #expect(out.courses.map(\.groupCode) == ["A1", "B1"])
        #expect(out.sessions == [SessionRecord(id: 1, courseID: 1, date: Sheet.day("2023-03-02"))])
        #expect(out.marks == [
            AttendanceMarkRecord(rawRowID: 20, sessionID: 1, participantRecordID: 1, column: "2023-03-02", status: .present)
        ])
    }

    @Test func theGroupDecidesWhichRollRecordAMarkGoesTo() {
        let out = rollWithAttendance {
            $0.attendance(20, partner: "other", group: "b1", name: "Anna NOWAK", [("2023-03-02", .present)])
        }
        #expect(out.rejected.isEmpty)
        #expect(out.sessions.map(\.courseID) == [2])
        #expect(out.marks.map(\.participantRecordID) == [3])
    }

    @Test func anUnknownNameIsUnmatchedAttendance() throws {
        let out = rollWithAttendance {
            $0.attendance(20, name: "PETRENKO Iwan", [("2023-03-02", .present)])
            $0.attendance(21, name: "KOWALENKO Olena", [("2023-03-09", .present)])
        }
        #expect(out.rejected.map(\.rawRowID) == [20])
        let d = try #require(out.rejected.first?.diagnostic)
        #expect((d.severity, d.code) == (.error, .unmatchedAttendance))
        #expect(d.location == SourceLocation(file: "obecnosci.xlsx", sheet: "marzec", row: 20))
        // Said in Polish too, with what the closest name on the roll is (or that none is alike).
        let polish = try #require(d.polish)
        #expect(polish.hasPrefix("osoby o tym imieniu i nazwisku"))
        #expect(polish.contains("najbliższe nazwisko na liście") || polish.contains("żadne nazwisko"))
        #expect(d.rendered(english: false, showValues: false).contains(polish))
        // The rejected row's present mark makes no session.
        #expect(out.sessions.map(\.date) == [Sheet.day("2023-03-09")])
    }

    /// A typing slip in the sheet still finds the roll record; a name no roll record is near stays unmatched.
    @Test func aMistypedNameMatchesTheRollRecordItIsNear() {
        let out = rollWithAttendance {
            $0.attendance(20, name: "KOWALEMKO Olena", [("2023-03-02", .present)])
            $0.attendance(21, name: "Nowsk Anna", [("2023-03-02", .present)])
            $0.attendance(22, name: "Petrenko Iwan", [("2023-03-02", .present)])
        }
        #expect(out.marks.map(\.rawRowID) == [20, 21])
        #expect(out.marks.map(\.participantRecordID) == [1, 2])
        #expect(out.rejected.map(\.rawRowID) == [22])
        #expect(out.rejected.map(\.diagnostic.code) == [.unmatchedAttendance])
    }

    /// One to one within a sheet: a roll record another row of the sheet already names exactly is not given to a
    /// mistyped row as well.
    @Test func aRollRecordTakenExactlyIsNotGivenToAMistypedRow() {
        let out = rollWithAttendance {
            $0.attendance(20, name: "Olena Kovalenko", [("2023-03-02", .present)])
            $0.attendance(21, name: "Olena Kovalenka", [("2023-03-02", .present)])
        }
        #expect(out.marks.map(\.rawRowID) == [20])
        #expect(out.rejected.map(\.rawRowID) == [21])
    }

    @Test func aGroupWithoutRollIsAnUnknownCourse() {
        let out = rollWithAttendance { $0.attendance(20, group: "B9", name: "KOWALENKO Olena", [("2023-03-02", .present)]) }
        #expect(out.rejected.map(\.rawRowID) == [20])
        #expect(out.rejected.map(\.diagnostic.code) == [.unknownCourse])
        #expect(out.sessions == [])
    }

    @Test func twoRollRecordsOfOneNameMakeTheRowAmbiguous() {
        let out = rollWithAttendance {
            $0.person(4, first: "Anna", last: "Nowak")  // a second Anna Nowak in A1
            $0.attendance(20, name: "NOWAK Anna", [("2023-03-02", .present)])
        }
        #expect(out.rejected.map(\.diagnostic.code) == [.ambiguousAttendance])
    }

    /// Sessions are the dates with at least one present mark; marks on other dates are not recorded.
    @Test func sessionsOnlyForDatesWithAPresentMark() {
        let out = rollWithAttendance {
            $0.attendance(20, name: "KOWALENKO Olena", [("2023-03-02", .present), ("2023-03-09", .absent), ("2023-03-16", .excused)])
            $0.attendance(21, name: "NOWAK Anna", [("2023-03-02", .absent), ("2023-03-09", .absent), ("2023-03-16", .present)])
        }
        #expect(out.sessions.map(\.date) == [Sheet.day("2023-03-02"), Sheet.day("2023-03-16")])
        #expect(out.marks.map { "\($0.participantRecordID) \($0.sessionID) \($0.status)" } == [
            "1 1 present", "1 2 excused", "2 1 absent", "2 2 present",
        ])
    }

    @Test func aSecondMarkForTheSameSessionIsAWarning() {
        let out = rollWithAttendance {
            $0.attendance(20, name: "KOWALENKO Olena", [("2023-03-02", .present)])
            $0.attendance(21, name: "Olena Kovalenko", [("2023-03-02", .absent)])
        }
        #expect(out.marks.map(\.rawRowID) == [20])
        #expect(out.warnings.map(\.rawRowID) == [21])
        #expect(out.warnings.map(\.diagnostic.code) == [.duplicateMark])
        #expect(out.warnings.first?.diagnostic.location?.column == "2023-03-02")
    }
}

@Suite struct ContributionsJSONTests {
    /// Equal contribution lists come back as the text made for the first (one string for thousands of links), and
    /// every text is the one made without a memo.
    @Test func equalListsGiveOneTextAndTheSameBytes() {
        let a = [
            FieldContribution(field: "first_name", level: "exact", weight: 3.25),
            FieldContribution(field: "pesel", level: "missing", weight: 0),
        ]
        var b = a
        b[0].weight = 3.5
        var memo = LinkStage.JSONMemo()
        let texts = [a, b, a, b, a].map { LinkStage.json($0, formatted: &memo) }
        #expect(texts == [a, b, a, b, a].map { LinkStage.json($0) })
        #expect(texts[0] == #"[{"field":"first_name","level":"exact","weight":3.2500},{"field":"pesel","level":"missing","weight":0.0000}]"#)
        #expect(memo.lists.count == 2)
        #expect(memo.items.count == 3)
    }
}
