import Foundation

/// Finds which records are the same person: blocking → comparison levels → Fellegi–Sunter weights estimated from
/// the records → constrained clustering.
///
/// ```swift
/// let records = [
///     LinkRecord(key: "a.csv#1", firstName: "Олександр", lastName: "Шевченко", birthDate: LocalDate(iso: "1990-03-12")),
///     LinkRecord(key: "b.xlsx#4", firstName: "Ołeksandr", lastName: "Szewczenko", birthDate: LocalDate(iso: "1990-03-12")),
/// ] + otherRecords
/// let result = Linker().link(records)
/// result.clusterOfRecord[0] == result.clusterOfRecord[1]  // true
/// result.links.first?.contributions                       // each field's level and weight
/// ```
///
/// The steps, each in its own type:
/// - `PreparedRecords`: names cleaned (`NameCleaning`), transliterated and reduced to skeletons (`NameKey`), coded
///   (`DaitchMokotoff`), every value interned;
/// - `Blocking`: candidate pairs from several keys, each block capped at `maxBlockSize`;
/// - `Comparator`: each candidate pair's level per field;
/// - `FellegiSunterModel`: u from random pairs and value frequencies, m and the prior by EM, term frequencies;
/// - scoring: prior log2 odds plus each field's log2 Bayes factor;
/// - `ConstrainedClustering`: decisions first, then PESEL, then links by weight, refusing conflicts and weak bridges.
///
/// Two rules sit on top of the scores. Equal valid PESELs decide a pair (one person); two different valid PESELs are
/// never one person. A pair whose first names are two different names (`different-name`) or whose birth dates
/// disagree beyond a typing slip, with no PESEL or document number in common, is not linked however high its score,
/// but listed for review (`contradiction`): relatives share surnames, phones, e-mails and (twins) birth dates, and
/// those shared values break the model's assumption that fields agree independently between different persons. A
/// scored link that would put two records with such birth dates in one person is refused, so a record with a name
/// only cannot join two namesakes.
///
/// The same records in any order give the same clusters, links and model: the records are processed in an order of
/// their keys, every list is sorted, and the only randomness is the sample of pairs seeded by `settings.seed`.
public struct Linker: Sendable {
    public var settings: LinkageSettings

    public init(settings: LinkageSettings = .init()) {
        self.settings = settings
    }

    public func link(_ records: [LinkRecord], decisions: LinkDecisions = .init()) -> LinkResult {
        let clock = ContinuousClock()
        var mark = clock.now
        var stages: [(stage: String, duration: Duration)] = []
        func lap(_ stage: String) {
            let now = clock.now
            stages.append((stage, now - mark))
            mark = now
        }
        let prepared = PreparedRecords(records, firstNameClasses: settings.firstNameClasses)
        lap("prepare")
        let blocking = Blocking(prepared, maxBlockSize: settings.maxBlockSize)
        lap("block")
        let comparator = Comparator(records: prepared)
        let candidates = blocking.pairs
        // Candidate pairs repeat pairs of spellings (Oleksandr / Aleksandr in every block of them): each chunk
        // remembers the levels of the spelling pairs it has compared.
        let patterns = Parallel.map(candidates.count, state: { NameLevelMemo(capacity: 1 << 15) }) { memo, k in
            comparator.pattern(Int(candidates[k] >> 32), Int(candidates[k] & 0xFFFF_FFFF), memo: &memo)
        }
        lap("compare")
        let frequencies = ValueFrequencies(prepared)
        let model = estimateModel(prepared, frequencies: frequencies, patterns: patterns)
        let scorer = Scorer(model: model, frequencies: frequencies)
        lap("model")
        var result = LinkAssembly(
            records: records, prepared: prepared, settings: settings, scorer: scorer, comparator: comparator,
            candidates: blocking.pairs, patterns: patterns, decisions: decisions
        ).result(skippedBlocks: blocking.skippedBlocks)
        lap("cluster")
        result.stageTimes = stages
        return result
    }

    private func estimateModel(
        _ records: PreparedRecords, frequencies: ValueFrequencies, patterns: [ComparisonPattern]
    ) -> FellegiSunterModel {
        let u = FellegiSunterModel.estimateU(
            records, frequencies: frequencies, samplePairs: settings.randomPairsForU, seed: settings.seed)
        var sorted = patterns.map { UInt64($0.bits) }
        RadixSort.sort(&sorted)
        var distinct: [(pattern: ComparisonPattern, count: Double)] = []
        for bits in sorted {
            if let last = distinct.last, UInt64(last.pattern.bits) == bits {
                distinct[distinct.count - 1].count += 1
            } else {
                distinct.append((ComparisonPattern(bits: UInt32(bits)), 1))
            }
        }
        let n = Double(records.count)
        let allPairs = max(n * (n - 1) / 2, 1)
        let candidates = Double(patterns.count)
        let fixedShare = settings.priorMatchProbability.map { min($0 * allPairs / max(candidates, 1), 0.99) }
        let em = FellegiSunterModel.expectationMaximisation(
            distinct, startingM: FellegiSunterModel.startingM, fixedShare: fixedShare)
        let expected = em.share * candidates
        // A few records cannot say how likely two of them are one person (three name-only records, all alike, make
        // EM put every pair in the match class): the estimate is shrunk towards a default as a Beta prior worth
        // `priorPseudoPairs` pairs would (posterior mean). On a project's full data the data decide.
        let pseudo = LinkageSettings.priorPseudoPairs
        let estimated = (expected + pseudo * LinkageSettings.defaultMatchPrior) / (allPairs + pseudo)
        let prior = settings.priorMatchProbability ?? min(estimated, 0.5)
        let pairsWithBothValues = ComparisonField.all.map { field -> Double in
            let present = Double(records.presentCount(field))
            return present * (present - 1) / 2
        }
        let uNonMatch = FellegiSunterModel.withoutMatches(
            u, matchesAtLevel: em.matchesAtLevel, pairsWithBothValues: pairsWithBothValues)
        let m = FellegiSunterModel.withKnownMatches(em.m, patterns: distinct)
        return FellegiSunterModel(m: m, u: uNonMatch, prior: prior)
    }
}
