import IntegraCore
import Testing

@Suite struct CEFRLevelTests {
    @Test(arguments: [
        ("A1", CEFRLevel.a1), ("a1", .a1), ("A 1", .a1), ("A1.1", .a1), ("A1.2", .a1), ("A2", .a2), ("B1", .b1),
        ("B2+", .b2), ("b2-", .b2), ("C1", .c1), ("c2", .c2), ("poziom B1", .b1), ("Level A2", .a2),
        // Cyrillic А, В, С typed on a Ukrainian keyboard
        ("А2", .a2), ("В1", .b1), ("С1", .c1),
        // beginners
        ("brak", .preA1), ("Brak", .preA1), ("0", .preA1), ("A0", .preA1), ("pre-A1", .preA1),
        ("poniżej A1", .preA1),
    ])
    func parses(text: String, level: CEFRLevel) {
        #expect(CEFRLevel(parsing: text) == level)
    }

    @Test(arguments: ["", "-", "A3", "D1", "A2/B1", "B1.x", "A", "1", "B2++", "zaawansowany"])
    func rejects(text: String) {
        #expect(CEFRLevel(parsing: text) == nil)
    }

    @Test func ordered() {
        #expect(CEFRLevel.allCases == [.preA1, .a1, .a2, .b1, .b2, .c1, .c2])
        #expect(CEFRLevel.allCases.sorted() == CEFRLevel.allCases)
        #expect(CEFRLevel.allCases.map(\.rawValue).sorted() == CEFRLevel.allCases.map(\.rawValue))
        #expect(CEFRLevel.preA1 < .a1)
        #expect(CEFRLevel.a2 < .b1)
        #expect(!(CEFRLevel.c2 < .c1))
    }
}
