import Testing

@testable import IntegraPipeline

@Suite struct AttendanceMatchingTests {
    static let roll = [(id: 1, nameKey: "kovalenko|olena"), (id: 2, nameKey: "anna|novak"), (id: 3, nameKey: "ivan|petrenko")]

    @Test func exactKeysFirstThenSlips() {
        let rows = ["kovalemko|olena", "anna|novak", "ivan|petrenkp", "mykola|shevchuk"]
        #expect(AttendanceMatching.match(rows: rows, roll: Self.roll) == [.matched(1), .matched(2), .matched(3), .unmatched])
    }

    /// Two rows near one roll record: the nearer takes it, the other is left unmatched (one to one).
    @Test func oneToOne() {
        let rows = ["kovalenkko|olena", "kovalenk|olena"]
        #expect(AttendanceMatching.match(rows: rows, roll: Self.roll) == [.matched(1), .unmatched])
    }

    /// A row equally near two roll records is ambiguous, not a guess.
    @Test func equallyNearTwoIsAmbiguous() {
        let roll = [(id: 1, nameKey: "anna|novak"), (id: 2, nameKey: "anna|novik")]
        #expect(AttendanceMatching.match(rows: ["anna|novek"], roll: roll) == [.ambiguous(2)])
    }

    /// Either order of the two names; a slip in one name passes, another first name does not.
    @Test(arguments: [
        ("kovalenko|olena", true), ("olena|kovalenko", true), ("kovalemko|olena", true), ("kovalenko|oksana", false),
        ("kovalchuk|olena", false),
    ])
    func scores(row: String, near: Bool) {
        #expect((AttendanceMatching.score(row, "kovalenko|olena") != nil) == near, "\(row)")
    }
}
