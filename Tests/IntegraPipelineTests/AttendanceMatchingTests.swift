import Foundation
import IntegraCore
import IntegraLinkage
import Testing

@testable import IntegraPipeline

@Suite struct AttendanceMatchingTests {
    /// The project's first-name classes (`pipelines/linkage/first-names.yml`), as `integra run` loads them.
    static let classes: [[String]] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("pipelines/linkage/first-names.yml")
        return (try? FirstNameClasses.load(url, displayPath: "first-names.yml")) ?? []
    }()

    /// Rows and a roll as the sheet and the roll write them; the outcome of each row, with roll ids 1, 2, ….
    static func match(rows: [String], roll: [String]) -> [AttendanceMatching.Outcome] {
        let split = (rows + roll).map { NameSplitter.split($0) }
        let names = NameComparison(names: split.map { ($0.first, $0.last) }, firstNameClasses: classes)
        func entry(_ i: Int, id: Int) -> AttendanceMatching.Entry {
            .init(id: id, nameKey: NameKey.orderFree(split[i].first, split[i].last), name: i)
        }
        return AttendanceMatching.match(
            rows: rows.indices.map { entry($0, id: $0) },
            roll: roll.indices.map { entry(rows.count + $0, id: $0 + 1) }, names: names)
    }

    static let roll = [
        "Elizaveta Piatachenko", "Irina Zajcewa", "Oksana Cirilenko", "Olena Medveduk", "Thi Lan Nguyen",
        "Olena Kovalenko", "Anna Novak", "Ivan Petrenko",
    ]

    /// The forms issue #15 names: a patronymic, another script, another romanisation, an English first name,
    /// Vietnamese order without diacritics — each meets its roll record.
    @Test(arguments: [
        ("PIATACHENKO Elizaveta Vaktarovna", 1), ("ЗАЙЦЕВА Ирина", 2), ("KIRILENKO Oksana", 3), ("MEDVEDUK Helen", 4),
        ("NGUYỄN LAN", 5), ("KOVALENKO Olena", 6), ("Kowałenko Ołena", 6), ("Olena Kovalemko", 6),
    ])
    func formsMeetTheirRoll(row: String, id: Int) {
        #expect(Self.match(rows: [row], roll: Self.roll) == [.matched(id)], "\(row)")
    }

    /// A roll row kept without its first name (`missing-name-part`) still takes its person's attendance, whichever
    /// column of the sheet holds the surname.
    @Test(arguments: ["SITUK Jarosław", "Situk Jarosław", "Jarosław Situk", "Jarosław Sitjuk", "SYTUK Jarosław"])
    func aRollRowWithoutAFirstNameIsMatched(row: String) {
        let split = [NameSplitter.split(row), (first: "", last: "Ситук"), (first: "Anna", last: "Novak")]
        let names = NameComparison(
            names: split.map { ($0.first.isEmpty ? nil : $0.first, $0.last.isEmpty ? nil : $0.last) },
            firstNameClasses: Self.classes)
        let outcome = AttendanceMatching.match(
            rows: [.init(id: 0, nameKey: "row", name: 0)],
            roll: [.init(id: 1, nameKey: "situk", name: 1), .init(id: 2, nameKey: "anna|novak", name: 2)], names: names)
        #expect(outcome == [.matched(1)], "\(row)")
    }

    /// The whole sheet at once: each row its own record, one to one.
    @Test func aWholeSheet() {
        let rows = [
            "PIATACHENKO Elizaveta Vaktarovna", "ЗАЙЦЕВА Ирина", "KIRILENKO Oksana", "MEDVEDUK Helen", "NGUYỄN LAN",
            "Kovalenko Olena", "NOVAK Anna", "Петренко Іван",
        ]
        #expect(Self.match(rows: rows, roll: Self.roll) == (1...8).map { .matched($0) })
    }

    /// Two rows near one roll record: the nearer takes it; the other is unmatched and told the closest record.
    @Test func oneToOne() {
        let outcomes = Self.match(rows: ["Olena Kovalenkko", "Olena Kovalenk"], roll: ["Olena Kovalenko", "Anna Novak"])
        #expect(outcomes[0] == .matched(1))
        guard case .unmatched(let closest, let likeness) = outcomes[1] else {
            Issue.record("expected unmatched, got \(outcomes[1])")
            return
        }
        #expect(closest == 1)
        #expect((likeness ?? 0) > 0.6)
    }

    /// A row equally near two roll records is ambiguous, not a guess; identical names on the roll too.
    @Test func equallyNearTwoIsAmbiguous() {
        #expect(Self.match(rows: ["Anna Novek"], roll: ["Anna Novak", "Anna Novik"]) == [.ambiguous(2)])
        #expect(Self.match(rows: ["Anna Novak"], roll: ["Anna Novak", "ANNA NOVAK"]) == [.ambiguous(2)])
    }

    /// Another first name, or another surname, is not a match however the rest agrees.
    @Test(arguments: ["Oksana Kovalenko", "Olena Kovalchuk", "Mykola Shevchuk"])
    func otherPersonsStayUnmatched(row: String) {
        let outcome = Self.match(rows: [row], roll: ["Olena Kovalenko"])[0]
        guard case .unmatched = outcome else {
            Issue.record("\(row): \(outcome)")
            return
        }
    }

    @Test func optimalAssignmentPrefersTheBestTotal() {
        #expect(OptimalAssignment.solve([[0.9, 0.8], [0.85, nil]]) == [1, 0])
        #expect(OptimalAssignment.solve([[nil, nil], [0.7, nil]]) == [nil, 0])
        #expect(OptimalAssignment.solve([[0.7], [0.9], [0.8]]) == [nil, 0, nil])
    }

    @Test(arguments: [
        ("Olena Petrivna Kovalenko", "Olena Petrivna", "Kovalenko"),
        ("Kovalenko Olena Petrivna", "Olena Petrivna", "Kovalenko"),
        ("PIATACHENKO Elizaveta Vaktarovna", "Elizaveta Vaktarovna", "PIATACHENKO"),
        ("Olena Kovalenko tel. 600 100 200", "Olena", "Kovalenko"),
        ("Anna Maria Janowicz", "Anna", "Maria Janowicz"),
    ])
    func splitting(full: String, first: String, last: String) {
        let split = NameSplitter.split(full)
        #expect(split.first == first && split.last == last, "\(full): \(split)")
    }
}

