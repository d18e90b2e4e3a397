import IntegraCore
import Testing

@testable import IntegraIngest

@Test(
    arguments: [
        ("A1", 0, 1), ("Z9", 25, 9), ("AA10", 26, 10), ("AB12", 27, 12), ("XFD1048576", 16_383, 1_048_576),
        ("$C$3", 2, 3), ("c7", 2, 7),
    ] as [(String, Int, Int?)])
func parsesCellReferences(ref: String, column: Int, row: Int?) {
    let parsed = CellReference.parse(ref)
    #expect(parsed?.column == column)
    #expect(parsed?.row == row)
}

@Test(arguments: ["", "12", "A1B", "XFE1", "AAAA1", "A-1", "A12345678"])
func rejectsInvalidReferences(ref: String) {
    #expect(CellReference.parse(ref) == nil)
}

@Test func parsesMergedRanges() {
    #expect(CellReference.range("A1:C2") == CellRange(firstRow: 0, firstColumn: 0, lastRow: 1, lastColumn: 2))
    #expect(CellReference.range("B3") == CellRange(firstRow: 2, firstColumn: 1, lastRow: 2, lastColumn: 1))
    #expect(CellReference.range("C2:A1") == CellRange(firstRow: 0, firstColumn: 0, lastRow: 1, lastColumn: 2))
    #expect(CellReference.range("A:C") == nil)
    #expect(CellReference.range("A1:B2:C3") == nil)
}
