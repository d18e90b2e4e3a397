import Testing

@testable import IntegraLinkage

@Suite struct FellegiSunterModelTests {
    /// Level distributions among matches (m) and non-matches (u) of the candidate pairs, index 1… per field.
    /// Matches never fall in the levels the linker treats as contradictions (another first name, another birth
    /// date): EM fixes those pairs as non-matches.
    static let trueM: [[Double]] = [
        [0.55, 0.25, 0.08, 0.05, 0.03, 0.02, 0.02, 0], [0.48, 0.3, 0.04, 0.08, 0.04, 0.02, 0.02, 0.02],
        [0.88, 0.03, 0.05, 0.02, 0.02, 0], [0.99, 0.01], [0.97, 0.03], [0.95, 0.05], [0.85, 0.15], [0.9, 0.1],
    ]
    static let trueU: [[Double]] = [
        [0.05, 0.03, 0.02, 0.02, 0.05, 0.08, 0.35, 0.40], [0.3, 0.1, 0.001, 0.05, 0.1, 0.1, 0.339, 0.01],
        [0.4, 0.01, 0.05, 0.04, 0.02, 0.48], [0.6, 0.4], [0.8, 0.2], [0.001, 0.999], [0.05, 0.95], [0.01, 0.99],
    ]

    private static func draw(_ distribution: [Double], _ random: inout SplitMix64) -> UInt8 {
        let x = Double(random.next() >> 11) / Double(1 << 53)
        var cumulative = 0.0
        for (index, p) in distribution.enumerated() {
            cumulative += p
            if x < cumulative { return UInt8(index + 1) }
        }
        return UInt8(distribution.count)
    }

    /// Candidate pairs drawn from known m, u and share of matches, a fifth of values missing.
    static func syntheticPatterns(pairs: Int, share: Double, seed: UInt64) -> [(
        pattern: ComparisonPattern, count: Double
    )] {
        var random = SplitMix64(seed: seed)
        var counts: [UInt32: Double] = [:]
        for _ in 0..<pairs {
            let match = Double(random.next() >> 11) / Double(1 << 53) < share
            var pattern = ComparisonPattern()
            for field in ComparisonField.all {
                if random.below(5) == 0 { continue }
                pattern[field] = draw((match ? trueM : trueU)[field.rawValue], &random)
            }
            counts[pattern.bits, default: 0] += 1
        }
        return counts.keys.sorted().map { (ComparisonPattern(bits: $0), counts[$0]!) }
    }

    @Test func expectationMaximisationRecoversM() {
        let patterns = Self.syntheticPatterns(pairs: 40_000, share: 0.3, seed: 42)
        let em = FellegiSunterModel.expectationMaximisation(
            patterns, startingM: FellegiSunterModel.startingM, fixedShare: nil)
        #expect(abs(em.share - 0.3) < 0.02, "share \(em.share)")
        for field in ComparisonField.all {
            for level in 1...field.levelCount {
                let estimated = em.m[field.rawValue][level]
                let truth = Self.trueM[field.rawValue][level - 1]
                #expect(abs(estimated - truth) < 0.03, "\(field.name) \(field.levels[level]): \(estimated) vs \(truth)")
            }
        }
        #expect(em.iterations < 200)
    }

    /// The same patterns in another order give the same estimate, to the bit (sums run in pattern order).
    @Test func deterministic() {
        let patterns = Self.syntheticPatterns(pairs: 5000, share: 0.2, seed: 1)
        let a = FellegiSunterModel.expectationMaximisation(
            patterns, startingM: FellegiSunterModel.startingM, fixedShare: nil)
        let b = FellegiSunterModel.expectationMaximisation(
            patterns, startingM: FellegiSunterModel.startingM, fixedShare: nil)
        #expect(a.m == b.m)
        #expect(a.share == b.share)
    }

    /// No candidates: the starting values stand.
    @Test func noCandidates() {
        let em = FellegiSunterModel.expectationMaximisation(
            [], startingM: FellegiSunterModel.startingM, fixedShare: nil)
        #expect(em.m == FellegiSunterModel.startingM)
    }

    /// Agreement among all pairs counts the same person's records too; taking the matches out leaves the u of
    /// different persons. For an e-mail shared only by one person's records, that is close to nothing.
    @Test func uWithoutMatches() {
        let observed = ComparisonField.all.map { field in
            [0.0] + [Double](repeating: 1 / Double(field.levelCount), count: field.levelCount)
        }
        var email = [0.0, 0.001, 0.999]
        var u = observed
        u[ComparisonField.email.rawValue] = email
        var matches = ComparisonField.all.map { [Double](repeating: 0, count: $0.levelCount + 1) }
        matches[ComparisonField.email.rawValue][1] = 99  // of 100 agreeing pairs among 100,000
        let pairs = [Double](repeating: 100_000, count: ComparisonField.all.count)
        let corrected = FellegiSunterModel.withoutMatches(u, matchesAtLevel: matches, pairsWithBothValues: pairs)
        email = corrected[ComparisonField.email.rawValue]
        #expect(abs(email[1] - 0.00001) < 1e-6)
        #expect(abs(email[1] + email[2] - 1) < 1e-9)
    }
}
