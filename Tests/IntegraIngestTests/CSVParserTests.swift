import IntegraCore
import Testing

@testable import IntegraIngest

/// Parses `text` and returns each record's start line and its fields as text (empty fields as "").
private func records(_ text: String, delimiter: Character = ";") -> [(line: Int, fields: [String])] {
    var result: [(Int, [String])] = []
    _ = Array(text.utf8).withUnsafeBytes { bytes in
        CSVParser.parse(bytes, delimiter: delimiter.asciiValue!) { line, fields in
            result.append((line, fields.map(\.text)))
        }
    }
    return result
}

@Test func quotedFieldsWithDelimitersNewlinesAndDoubledQuotes() {
    let parsed = records(
        """
        Lp;Imię;Uwagi
        1;Anna;"ma ""dwa"" telefony; dzwonić
        po 16:00
        lub rano"
        2;"Jan;Maria";
        3;Olena;"x"

        """)
    #expect(parsed.map(\.line) == [1, 2, 5, 6])
    #expect(parsed[1].fields == ["1", "Anna", "ma \"dwa\" telefony; dzwonić\npo 16:00\nlub rano"])
    #expect(parsed[2].fields == ["2", "Jan;Maria", ""])
    #expect(parsed[3].fields == ["3", "Olena", "x"])
}

@Test func emptyFieldsAreEmptyCellsAndOthersStrings() {
    var cells: [[CellValue]] = []
    _ = Array("a;;\"\";\" \"\n".utf8).withUnsafeBytes { bytes in
        CSVParser.parse(bytes, delimiter: UInt8(ascii: ";")) { _, fields in cells.append(fields) }
    }
    #expect(cells == [[.string("a"), .empty, .empty, .string(" ")]])
}

@Test(arguments: ["a;b\r\nc;d\r\ne;f", "a;b\rc;d\re;f\r", "a;b\nc;d\ne;f\n"])
func lineEndingsCRLFCRAndLF(text: String) {
    let parsed = records(text)
    #expect(parsed.map(\.line) == [1, 2, 3])
    #expect(parsed.map(\.fields) == [["a", "b"], ["c", "d"], ["e", "f"]])
}

@Test func lineNumbersCountBreaksInsideQuotesOfEveryKind() {
    let parsed = records("h\n\"a\r\nb\rc\nd\"\nnext\n\nlast")
    #expect(parsed.map(\.line) == [1, 2, 6, 7, 8])
    #expect(parsed[1].fields == ["a\r\nb\rc\nd"])
    #expect(parsed[3].fields == [""])  // the blank line: the reader skips it
}

@Test func unterminatedQuoteRunsToTheEndAndIsReported() {
    var unterminated: Int?
    var parsed: [[String]] = []
    Array("a;b\n1;\"Kowal\n2;x\n".utf8).withUnsafeBytes { bytes in
        unterminated = CSVParser.parse(bytes, delimiter: UInt8(ascii: ";")) { _, fields in
            parsed.append(fields.map(\.text))
        }
    }
    #expect(parsed == [["a", "b"], ["1", "Kowal\n2;x\n"]])
    #expect(unterminated == 2)
}

@Test func trailingDelimiterGivesAnEmptyLastFieldAndTextAfterAQuoteIsKept() {
    #expect(records("a;b;").map(\.fields) == [["a", "b", ""]])
    #expect(records("\"a\"b;c").map(\.fields) == [["ab", "c"]])
    #expect(records("").isEmpty)
}

@Test(
    arguments: [
        ("Lp;Imię;Kwota\n1;Jan;12,50\n2;Ewa;3,75\n", ";"),
        ("id,name,city\n1,Jan,Kraków\n2,\"Ewa; Anna\",Łódź\n", ","),
        ("Lp\tImię\tUwagi\n1\tJan\ta, b; c\n", "\t"),
        ("Imię i nazwisko\nJan Kowalski\n", ";"),  // one column: nothing to split, Polish Excel's default
        ("a,b;c\n1,2;3\n4,5;6\n", ";"),  // equally consistent: ; wins the tie
        ("a;b;c\n1;2;3\n\n\n4;5;6\nx,y\n", ";"),
    ] as [(String, Character)])
func detectsTheMostConsistentDelimiter(text: String, expected: Character) {
    let detected = Array(text.utf8).withUnsafeBytes { CSVParser.detectDelimiter($0) }
    #expect(Character(UnicodeScalar(detected)) == expected)
}

@Test func excelSeparatorLine() {
    let sep = Array("sep=,\r\na,b\n".utf8).withUnsafeBytes { CSVParser.excelSeparatorLine($0) }
    #expect(sep?.delimiter == UInt8(ascii: ","))
    #expect(sep?.bodyOffset == 7)
    #expect(Array("sep=;x\n".utf8).withUnsafeBytes { CSVParser.excelSeparatorLine($0) } == nil)
    #expect(Array("separator;x\n".utf8).withUnsafeBytes { CSVParser.excelSeparatorLine($0) } == nil)
}
