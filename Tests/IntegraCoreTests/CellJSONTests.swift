import Testing

@testable import IntegraCore

/// The stored form of a row's cells (`raw_rows.cells`): written as bytes, the same text as the scalar-by-scalar
/// writer it replaced, and read back to the same cells.
@Suite struct CellJSONTests {
    /// The writer CellJSON.quote replaced (issue 19: ingest of 200 000 ledger rows spent a quarter of its time
    /// quoting): the reference the byte writer must equal.
    static func quotedByScalars(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    @Test func quotingEqualsTheScalarWriterAndReadsBack() {
        let pieces = ["a", "ż", "Й", "\"", "\\", "\n", "\r\n", "\t", "\u{01}", "\u{1F}", "\u{7F}", "e\u{301}", "👍🏽", " ", "zł", "\u{0}"]
        var random = SeededGenerator(seed: 42)
        func next() -> Int { Int(random.next() >> 33) }
        for _ in 0..<5_000 {
            let text = (0..<(next() % 12)).map { _ in pieces[next() % pieces.count] }.joined()
            // Bytes, not `==` (canonical equivalence): the stored text must be the same bytes.
            #expect(CellJSON.quote(text).utf8.elementsEqual(Self.quotedByScalars(text).utf8), "\(text.debugDescription)")
            let cells: [CellValue] = [.string(text), .number(12.5), .empty, .bool(true), .error(text)]
            #expect(CellJSON.decode(CellJSON.encode(cells)) == cells, "\(text.debugDescription)")
        }
        #expect(CellJSON.quote("a\"b\\c\u{1}") == "\"a\\\"b\\\\c\\u0001\"")
    }
}
