import Testing

@testable import IntegraPipeline

/// Small-cell suppression: primary (1–4 hidden), secondary (no line with exactly one hidden cell), fixed totals.
struct DashboardSuppressionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var values: [Double]
        var lines: [[Int]]
        var fixed: [Int: Bool] = [:]
        var hidden: [Bool]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "nothing small", values: [10, 20, 30], lines: [[0, 1, 2]], fixed: [2: false],
            hidden: [false, false, false]),
        Case(
            name: "one small cell takes the next smallest with it", values: [3, 20, 0, 12, 35],
            lines: [[0, 1, 2, 3, 4]],
            fixed: [4: false], hidden: [true, false, false, true, false]),
        Case(
            name: "two small cells need nothing more", values: [3, 20, 2, 25], lines: [[0, 1, 2, 3]], fixed: [3: false],
            hidden: [true, false, true, false]),
        Case(
            name: "zeros stay shown and are not taken", values: [4, 0, 9, 13], lines: [[0, 1, 2, 3]], fixed: [3: false],
            hidden: [true, false, true, false]),
        Case(
            name: "a small total is hidden with its cells", values: [3, 0, 3], lines: [[0, 1, 2]],
            fixed: [2: true], hidden: [true, false, true]),
        Case(
            name: "ties take the first cell", values: [1, 7, 7, 15], lines: [[0, 1, 2, 3]], fixed: [3: false],
            hidden: [true, true, false, false]),
        Case(
            name: "the threshold's own value is shown", values: [5, 6, 11], lines: [[0, 1, 2]], fixed: [2: false],
            hidden: [false, false, false]),
        // A 2 × 2 table with margins: hiding (0,0) forces (0,1) in its row, then (1,0) in its column, then (1,1).
        Case(
            name: "secondary suppression runs along rows and columns until no line has one hidden cell",
            values: [2, 10, 8, 9, /* row margins */ 12, 17, /* column margins */ 10, 19],
            lines: [[0, 1, 4], [2, 3, 5], [0, 2, 6], [1, 3, 7]],
            fixed: [4: false, 5: false, 6: false, 7: false],
            hidden: [true, true, true, true, false, false, false, false]),
        Case(
            name: "a margin hidden elsewhere hides a cell of its row", values: [20, 0, 20], lines: [[0, 1, 2]],
            fixed: [2: true],
            hidden: [true, false, true]),
    ]

    @Test(arguments: cases) func hides(_ c: Case) {
        #expect(SmallCellSuppression(threshold: 5).hidden(values: c.values, lines: c.lines, fixed: c.fixed) == c.hidden)
    }

    @Test func thresholdZeroHidesNothing() {
        let off = SmallCellSuppression(threshold: 0)
        #expect(!off.isOn)
        #expect(off.hidden(values: [1, 2, 3], lines: [[0, 1, 2]]) == [false, false, false])
        #expect(!SmallCellSuppression(threshold: 1).isSmall(0.5))
    }

    @Test func theThresholdIsConfigurable() {
        let s = SmallCellSuppression(threshold: 10)
        #expect(s.isSmall(9) && !s.isSmall(10) && !s.isSmall(0))
    }
}
