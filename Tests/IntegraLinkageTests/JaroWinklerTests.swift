import IntegraLinkage
import Testing

@Suite struct JaroWinklerTests {
    /// Winkler's classic examples (0.961, 0.840, 0.813) and the research note's cross-romanisation figures
    /// (shared/research/linkage.md §9, jellyfish 1.3.0).
    @Test(arguments: [
        ("martha", "marhta", 0.9611), ("dwayne", "duane", 0.84), ("dixon", "dicksonx", 0.8133),
        ("oleksandr", "aleksandr", 0.926), ("mykola", "nikolai", 0.746), ("serhii", "serhiy", 0.933),
        ("yuliia", "yulia", 0.967), ("kovalchuk", "kowalczuk", 0.881),
    ])
    func knownValues(a: String, b: String, expected: Double) {
        #expect(abs(JaroWinkler.similarity(a, b) - expected) < 0.001)
        #expect(abs(JaroWinkler.similarity(b, a) - expected) < 0.001)
    }

    @Test func edges() {
        #expect(JaroWinkler.similarity("", "") == 1)
        #expect(JaroWinkler.similarity("abc", "") == 0)
        #expect(JaroWinkler.similarity("abc", "xyz") == 0)
        #expect(JaroWinkler.similarity("olena", "olena") == 1)
        // Longer than 64 letters takes the general path and agrees with itself.
        let long = String(repeating: "shevchenko", count: 8)
        #expect(JaroWinkler.similarity(long, long) == 1)
    }
}
