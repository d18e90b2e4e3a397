import IntegraCore

/// Parses A1-style references (`AB12`, `A1:C3`) into 0-based positions.
enum CellReference {
    /// Excel's last column is XFD (16 384 columns).
    static let maxColumns = 16_384

    /// The 0-based column and 1-based row of `B7`; the row is nil when the reference has no digits.
    static func parse<S: StringProtocol>(_ ref: S) -> (column: Int, row: Int?)? {
        parse(utf8: ref.utf8)
    }

    /// `parse` on the UTF-8 bytes of a reference, as the sheet scanner finds them.
    @inline(__always)
    static func parse(utf8 ref: some Sequence<UInt8>) -> (column: Int, row: Int?)? {
        var column = 0
        var row = 0
        var letters = 0
        var digits = 0
        for u in ref {
            switch u {
            case UInt8(ascii: "$"):
                continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard digits == 0, letters < 3 else { return nil }
                column = column * 26 + Int((u & ~0x20) - UInt8(ascii: "A") + 1)
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard letters > 0, digits < 7 else { return nil }
                row = row * 10 + Int(u - UInt8(ascii: "0"))
                digits += 1
            default:
                return nil
            }
        }
        guard letters > 0, column <= maxColumns else { return nil }
        return (column - 1, digits > 0 ? row : nil)
    }

    /// A merged range such as `A1:C2` (or a single cell `B3`), 0-based.
    static func range(_ ref: String) -> CellRange? {
        let parts = ref.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2,
            let first = parse(parts[0]), let firstRow = first.row,
            let last = parse(parts[parts.count - 1]), let lastRow = last.row,
            firstRow >= 1, lastRow >= 1
        else { return nil }
        return CellRange(
            firstRow: min(firstRow, lastRow) - 1, firstColumn: min(first.column, last.column),
            lastRow: max(firstRow, lastRow) - 1, lastColumn: max(first.column, last.column))
    }
}
