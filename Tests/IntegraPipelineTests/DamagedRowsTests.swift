import Foundation
import IntegraCore
import IntegraTesting
import IntegraWarehouse
import Testing

@testable import IntegraPipeline

/// CSV rows that cannot be split into the header's columns are rejected with their line, never padded or shifted;
/// a stray quote damages its own row only.
@Suite(.serialized)
struct DamagedRowsTests {
    static let log = "demo/centrum/rejestr-porad-2023.csv"

    /// The row numbers of a file with an error, in a run.
    func rowsWithErrors(_ summary: RunSummary, _ path: String) -> Set<Int> {
        Set(summary.diagnostics.filter { $0.severity == .error && $0.location?.file == path }.compactMap { $0.location?.row })
    }

    func expectAccountingHolds(_ summary: RunSummary) {
        for f in summary.files { #expect(f.rowsRead == f.rowsLoaded + f.rowsRejected + f.rowsBlank, "\(f.path)") }
    }

    @Test func aRowWithFewerOrMoreFieldsThanItsHeaderIsRejectedWithItsLine() throws {
        let demo = try DemoCopy("integra-field-count")
        defer { demo.remove() }
        let before = try demo.run()
        let loaded = try #require(before.file(Self.log)).rowsLoaded
        #expect(rowsWithErrors(before, Self.log).isDisjoint(with: [5, 6, 7]))

        var lines = try demo.lines(Self.log)
        #expect(lines[4].split(separator: ",", omittingEmptySubsequences: false).count == 10)
        // Line 5 lacks the consultant: every value after it would move one column left.
        var fields = lines[4].split(separator: ",", omittingEmptySubsequences: false)
        fields.remove(at: 1)
        lines[4] = fields.joined(separator: ",")
        lines[5] += ",nadmiar"  // text past the last column
        lines[6] += ",,"  // empty extra fields are fine
        try demo.write(lines.joined(separator: "\n") + "\n", to: Self.log)
        let after = try demo.run(out: "out2")

        let problems = after.diagnostics(.fieldCount)
        #expect(problems.map(\.location?.row) == [5, 6])
        #expect(problems.allSatisfy { $0.severity == .error && $0.location?.file == Self.log })
        #expect(try #require(after.file(Self.log)).rowsLoaded == loaded - 2)
        #expect(!rowsWithErrors(after, Self.log).contains(7))
        expectAccountingHolds(after)
    }

    /// One stray quote made a 53-row log load as 5 rows, 48 names becoming one "topic".
    @Test func aStrayQuoteRejectsItsRowAndTheRestIsRead() throws {
        let demo = try DemoCopy("integra-stray-quote")
        defer { demo.remove() }
        let before = try demo.run()
        let file = try #require(before.file(Self.log))
        #expect(!rowsWithErrors(before, Self.log).contains(5))

        var lines = try demo.lines(Self.log)
        var fields = lines[4].split(separator: ",", omittingEmptySubsequences: false)
        fields[6] = "\"" + fields[6]  // the topic opens a quote that never closes
        lines[4] = fields.joined(separator: ",")
        try demo.write(lines.joined(separator: "\r\n") + "\r\n", to: Self.log)
        let after = try demo.run(out: "out2")

        #expect(after.diagnostics(.strayQuote).map(\.location?.row) == [5])
        #expect(after.diagnostics(.strayQuote).allSatisfy { $0.severity == .error })
        let damaged = try #require(after.file(Self.log))
        #expect(damaged.rowsRead == file.rowsRead)
        #expect(damaged.rowsLoaded == file.rowsLoaded - 1)
        #expect(rowsWithErrors(after, Self.log).subtracting([5]) == rowsWithErrors(before, Self.log))
        expectAccountingHolds(after)
    }

    @Test func readWarningsKeepBothNumbers() {
        #expect(DamagedRows.decode(DamagedRows.encode(3, 12)) ?? (0, 0) == (3, 12))
        let header = TableRow(number: 2, cells: [.string("Lp"), .string("Imię"), .string("Nazwisko"), .empty])
        let warnings = [
            ReadWarning(code: "field-count", message: DamagedRows.encode(1, 4), row: 1),  // a title line
            ReadWarning(code: "field-count", message: DamagedRows.encode(2, 4), row: 4),
            ReadWarning(code: "field-count", message: DamagedRows.encode(6, 4), row: 5),
            ReadWarning(code: "field-count", message: DamagedRows.encode(6, 4), row: 6),
            ReadWarning(code: "stray-quote", message: "", row: 7),
        ]
        let damaged = DamagedRows(warnings, header: header)
        func code(_ number: Int, _ cells: [CellValue]) -> DiagnosticCode? {
            damaged.problem(with: TableRow(number: number, cells: cells), at: SourceLocation(file: "x.csv", row: number))?.code
        }
        #expect(code(3, [.string("1"), .string("Anna"), .string("Nowak")]) == nil)
        #expect(code(4, [.string("2"), .string("Jan")]) == .fieldCount)
        #expect(code(5, [.string("3"), .string("Ewa"), .string("Lis"), .empty, .string("x")]) == .fieldCount)
        #expect(code(6, [.string("4"), .string("Ola"), .string("Kot")]) == nil)  // empty extra fields
        #expect(code(7, [.string("5"), .string("\"Kyiv office")]) == .strayQuote)
        // Without field-count warnings every record has the header's width.
        #expect(DamagedRows([], header: header).problem(with: TableRow(number: 3, cells: []), at: SourceLocation(file: "x")) == nil)
    }
}
