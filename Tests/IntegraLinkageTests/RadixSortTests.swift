import Testing

@testable import IntegraLinkage

@Suite struct RadixSortTests {
    @Test func sortsLikeTheStandardLibrary() {
        var random = SplitMix64(seed: 5)
        var values = (0..<5000).map { _ in random.next() >> UInt64(random.below(64)) }
        let expected = values.sorted()
        RadixSort.sort(&values)
        #expect(values == expected)
    }

    /// Stable: equal keys keep their order (blocking relies on it to keep records in order within a key).
    @Test func stable() {
        var values = [(3, "a"), (1, "b"), (3, "c"), (1, "d"), (2, "e")]
        RadixSort.sort(&values) { UInt64($0.0) }
        #expect(values.map(\.1) == ["b", "d", "e", "a", "c"])
    }
}
