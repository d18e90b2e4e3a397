import Foundation

/// The Fellegi–Sunter model of one run, estimated from the records themselves.
///
/// For each field and level, m = P(level | same person) and u = P(level | different persons); a pair's match weight
/// is log2 of the prior odds plus, for each field, log2(m/u) — the Bayes factor of what that field shows (Splink's
/// formulation; shared/research/linkage.md §1.1).
///
/// - **u** comes from all pairs of records: the agreement levels exactly from value frequencies (the share of pairs
///   sharing a value is Σ c(c−1) / n(n−1)), the fuzzy levels (typo, phonetic, equivalent name, swapped) from a sample
///   of random pairs seeded by `LinkageSettings.seed`. All pairs include one person's own records, which for an
///   e-mail or phone are nearly all the agreeing pairs, so the matches EM finds at each level are then taken out
///   (`withoutMatches`).
/// - **m** and the share of matches among the candidate pairs come from expectation maximisation over the
///   candidates' comparison patterns, with the candidates' own u estimated alongside (candidates are chosen for
///   agreeing, so random-pair u would make every candidate look like a match). Pairs with equal PESELs are known
///   matches and pairs with two different PESELs known non-matches. Pairs the linker never links on score
///   (`LinkAssembly.isContradicted`) count as non-matches: left free, EM puts relatives — same surname, phone and
///   e-mail — in the match class and learns that a different phone is common among matches. The starting m values
///   (`startingM`) are also a weak prior (ten pseudo-pairs), so a small input cannot give degenerate estimates.
/// - The **prior** λ is the expected number of matches among the candidates over the number of all pairs.
/// - **Term frequencies** (`ValueFrequencies`): agreeing on a value many records share (Shevchenko, 01.01 birth
///   dates, a family's phone) counts for less than agreeing on a rare one, as Splink's term-frequency adjustment does.
struct FellegiSunterModel {
    /// `m[field][level]`, level 0 (missing) unused.
    var m: [[Double]]
    var u: [[Double]]
    /// P(two random records are the same person).
    var prior: Double

    var priorWeight: Double { log2(prior / (1 - prior)) }

    func weight(_ field: ComparisonField, _ level: UInt8) -> Double {
        level == 0 ? 0 : log2(m[field.rawValue][Int(level)] / u[field.rawValue][Int(level)])
    }

    /// Levels at which two values agree and the term-frequency adjustment applies.
    static func isAgreement(_ field: ComparisonField, _ level: UInt8) -> Bool {
        switch field {
        case .firstName, .lastName: level == NameLevel.exact || level == NameLevel.skeleton
        case .birthDate, .document, .phone, .email: level == 1
        // Citizenship's values mostly repeat what the names already say (a Georgian name, GEO); a rare citizenship
        // would count the same evidence twice.
        case .sex, .citizenship: false
        }
    }

    /// Where EM starts, and its prior: most matches agree; the fuzzy levels catch a few per cent each.
    static let startingM: [[Double]] = ComparisonField.all.map { field in
        switch field {
        case .firstName: [0, 0.70, 0.12, 0.05, 0.05, 0.03, 0.03, 0.015, 0.005]
        case .lastName: [0, 0.68, 0.12, 0.03, 0.06, 0.03, 0.03, 0.03, 0.02]
        case .birthDate: [0, 0.88, 0.03, 0.04, 0.02, 0.02, 0.01]
        case .sex: [0, 0.97, 0.03]
        case .citizenship: [0, 0.95, 0.05]
        case .document: [0, 0.85, 0.15]
        case .phone, .email: [0, 0.75, 0.25]
        }
    }

    /// Pseudo-pairs behind the starting values in every M-step.
    static let priorStrength = 10.0
}

/// Value frequencies per field: the exact u of agreement levels and each record's term-frequency adjustment.
struct ValueFrequencies {
    /// u of the levels computed from frequencies, by field: `[level: u]`.
    var exactU: [[UInt8: Double]]
    /// Per field (rawValue), per record: for names and birth dates log2(U / f) for the record's value (Splink's
    /// adjustment); for phone, e-mail and document −log2 f with f counted by persons (`identifierRarity`); 0 when
    /// missing.
    var adjustment: [[Float]]
    /// Per record: −log2 of how often a record of another person has the record's full name (its pair of name
    /// skeletons, in either order). For agreeing on both names, this replaces the two names' own adjustments: first
    /// and last names are not independent (Georgian first names come with Georgian surnames, a family passes its
    /// names on), so the two fields' frequencies would make a name common in one community look rare. The count is
    /// of persons, not records — a person's own records would otherwise make their name look common — with persons
    /// estimated as the distinct birth dates the name is seen with (at least one): a name held by k persons in c
    /// records leaves c·(k−1)/k records of others (at least half a record).
    var fullNameRarity: [Float]

    init(_ records: PreparedRecords) {
        fullNameRarity = ValueFrequencies.fullNameRarity(records)
        exactU = Array(repeating: [:], count: ComparisonField.all.count)
        adjustment = Array(repeating: [], count: ComparisonField.all.count)
        let names = records.names
        for field in ComparisonField.all {
            switch field {
            case .firstName, .lastName:
                let spellings = field == .firstName ? records.firstName : records.lastName
                let skeletons = spellings.map { $0 >= 0 ? names.skeletonOfSpelling[Int($0)] : -1 }
                let bySpelling = ValueFrequencies.agreement(spellings, distinct: names.spellingCount)
                let bySkeleton = ValueFrequencies.agreement(skeletons, distinct: names.skeletonCount)
                exactU[field.rawValue] = [
                    NameLevel.exact: bySpelling.u,
                    NameLevel.skeleton: max(bySkeleton.u - bySpelling.u, 0),
                ]
                adjustment[field.rawValue] = bySkeleton.adjustment
            case .birthDate:
                var dense: [Int32: Int32] = [:]
                let ids = records.birthDate.map { date -> Int32 in
                    guard date >= 0 else { return -1 }
                    if let id = dense[date] { return id }
                    let id = Int32(dense.count)
                    dense[date] = id
                    return id
                }
                let agreement = ValueFrequencies.agreement(ids, distinct: dense.count)
                exactU[field.rawValue] = [DateLevel.exact: agreement.u]
                adjustment[field.rawValue] = agreement.adjustment
            case .sex, .citizenship:
                let ids = records.values(of: field)
                let agreement = ValueFrequencies.agreement(ids, distinct: Int(ids.max() ?? -1) + 1)
                exactU[field.rawValue] = [1: agreement.u, 2: 1 - agreement.u]
                adjustment[field.rawValue] = []
            case .document, .phone, .email:
                let ids = records.values(of: field)
                let agreement = ValueFrequencies.agreement(ids, distinct: Int(ids.max() ?? -1) + 1)
                exactU[field.rawValue] = [1: agreement.u, 2: 1 - agreement.u]
                adjustment[field.rawValue] = ValueFrequencies.identifierRarity(ids, records)
            }
        }
    }

    private static func fullNameRarity(_ records: PreparedRecords) -> [Float] {
        let names = records.names
        let skeletons = UInt64(names.skeletonCount)
        var fullNames: [UInt64: Int32] = [:]
        var ids = [Int32](repeating: -1, count: records.count)
        for i in 0..<records.count {
            let f = records.firstName[i]
            let l = records.lastName[i]
            guard f >= 0, l >= 0 else { continue }
            let x = UInt64(names.skeletonOfSpelling[Int(f)])
            let y = UInt64(names.skeletonOfSpelling[Int(l)])
            let key = min(x, y) * skeletons + max(x, y)
            if let id = fullNames[key] {
                ids[i] = id
            } else {
                ids[i] = Int32(fullNames.count)
                fullNames[key] = ids[i]
            }
        }
        var recordsOfName = [Int](repeating: 0, count: fullNames.count)
        var withDate: [UInt64] = []
        for (i, id) in ids.enumerated() where id >= 0 {
            recordsOfName[Int(id)] += 1
            let date = records.birthDate[i]
            if date >= 0 { withDate.append(UInt64(id) << 32 | UInt64(date)) }
        }
        RadixSort.sort(&withDate)
        // Persons per name: its distinct birth dates, a date one typing slip or a day–month swap from one already
        // counted being the same person's.
        var persons = [Int](repeating: 1, count: fullNames.count)
        var start = 0
        while start < withDate.count {
            let name = withDate[start] >> 32
            var end = start
            var dates: [Int32] = []
            while end < withDate.count, withDate[end] >> 32 == name {
                let date = Int32(truncatingIfNeeded: withDate[end] & 0xFFFF_FFFF)
                if dates.last != date, !dates.contains(where: { Comparator.dateLevel($0, date) <= DateLevel.typo }) {
                    dates.append(date)
                }
                end += 1
            }
            persons[Int(name)] = max(dates.count, 1)
            start = end
        }
        let others = Double(max(ids.filter { $0 >= 0 }.count - 1, 1))
        return ids.map { id in
            guard id >= 0 else { return 0 }
            let c = Double(recordsOfName[Int(id)])
            let k = Double(persons[Int(id)])
            return Float(-log2(max(c * (k - 1) / k, 0.1) / others))
        }
    }

    /// −log2 of how often a record of another person has the record's phone, e-mail or document number. The
    /// persons sharing a value are estimated as the distinct first names on its records (a family's phone is
    /// written on the parents' and the children's records); a value on k persons' c records leaves c·(k−1)/k
    /// records of others, at least a tenth of a record. The field's weight then uses this frequency in place of u
    /// (the scorer adds log2 u), so a personal number is strong evidence and a family's is weak.
    private static func identifierRarity(_ ids: [Int32], _ records: PreparedRecords) -> [Float] {
        let names = records.names
        var byValue: [UInt64] = []
        var present = 0
        for (i, id) in ids.enumerated() where id >= 0 {
            present += 1
            let spelling = records.firstName[i]
            let name: UInt64 = spelling >= 0 ? UInt64(names.skeletonOfSpelling[Int(spelling)]) + 1 : 0
            byValue.append(UInt64(id) << 32 | name)
        }
        RadixSort.sort(&byValue)
        let distinct = Int(ids.max() ?? -1) + 1
        var count = [Int](repeating: 0, count: distinct)
        var persons = [Int](repeating: 0, count: distinct)
        var previous: UInt64?
        for value in byValue {
            let id = Int(value >> 32)
            count[id] += 1
            // Records without a first name add no person of their own.
            if value != previous, value & 0xFFFF_FFFF != 0 { persons[id] += 1 }
            previous = value
        }
        let others = Double(max(present - 1, 1))
        return ids.map { id in
            guard id >= 0 else { return 0 }
            let c = Double(count[Int(id)])
            let k = Double(max(persons[Int(id)], 1))
            return Float(-log2(max(c * (k - 1) / k, 0.1) / others))
        }
    }

    /// The share of pairs of present values that agree, and log2(U / f) per record.
    private static func agreement(_ ids: [Int32], distinct: Int) -> (u: Double, adjustment: [Float]) {
        var counts = [Int](repeating: 0, count: distinct)
        var present = 0
        for id in ids where id >= 0 {
            counts[Int(id)] += 1
            present += 1
        }
        guard present > 1 else { return (0, [Float](repeating: 0, count: ids.count)) }
        let n = Double(present)
        let agreeing = counts.reduce(0.0) { $0 + Double($1) * Double($1 - 1) }
        let u = agreeing / (n * (n - 1))
        guard u > 0 else { return (0, [Float](repeating: 0, count: ids.count)) }
        let adjustment = ids.map { id -> Float in
            guard id >= 0 else { return 0 }
            let frequency = Double(max(counts[Int(id)] - 1, 1)) / (n - 1)
            return Float(log2(u / frequency))
        }
        return (u, adjustment)
    }
}

extension FellegiSunterModel {
    /// u for every level: agreement levels from `frequencies`, the rest shared out by a seeded sample of random pairs.
    static func estimateU(
        _ records: PreparedRecords, frequencies: ValueFrequencies, samplePairs: Int, seed: UInt64
    ) -> [[Double]] {
        let comparator = Comparator(records: records)
        let fields = ComparisonField.all
        let n = records.count
        let allPairs = n * (n - 1) / 2
        // The pairs first (one seeded sequence), then their levels counted in parallel chunks; the counts are whole
        // numbers, so their sum is the same in any order.
        var pairs: [UInt64] = []
        if allPairs <= samplePairs {
            pairs.reserveCapacity(max(allPairs, 0))
            for a in 0..<n {
                for b in (a + 1)..<n { pairs.append(UInt64(a) << 32 | UInt64(b)) }
            }
        } else {
            pairs.reserveCapacity(samplePairs)
            var random = SplitMix64(seed: seed)
            for _ in 0..<samplePairs {
                let a = random.below(n)
                var b = random.below(n - 1)
                if b >= a { b += 1 }
                pairs.append(UInt64(a) << 32 | UInt64(b))
            }
        }
        let levelCounts = fields.reduce(0) { $0 + $1.levelCount + 1 }
        let offsets = fields.map { field in fields.prefix(field.rawValue).reduce(0) { $0 + $1.levelCount + 1 } }
        let partial = Parallel.chunked(pairs.count) { range -> [Int] in
            var tally = [Int](repeating: 0, count: levelCounts)
            for k in range {
                let pattern = comparator.pattern(Int(pairs[k] >> 32), Int(pairs[k] & 0xFFFF_FFFF))
                for field in fields { tally[offsets[field.rawValue] + Int(pattern[field])] += 1 }
            }
            return tally
        }
        let counts = fields.map { field in
            (0...field.levelCount).map { level in
                level == 0 ? 0 : Double(partial.reduce(0) { $0 + $1[offsets[field.rawValue] + level] })
            }
        }
        return fields.map { field in
            let exact = frequencies.exactU[field.rawValue]
            var u = [Double](repeating: 0, count: field.levelCount + 1)
            let sampled = (1...field.levelCount).filter { exact[UInt8($0)] == nil }
            let remaining = max(1 - exact.values.reduce(0, +), 0)
            let total = sampled.reduce(0.0) { $0 + counts[field.rawValue][$1] } + 0.5 * Double(sampled.count)
            for level in 1...field.levelCount {
                if let value = exact[UInt8(level)] {
                    u[level] = value
                } else {
                    u[level] = remaining * (counts[field.rawValue][level] + 0.5) / total
                }
            }
            // A level no random pair reached still needs a u above zero (its weight is then large but finite).
            let floor = 0.5 / Double(max(min(samplePairs, allPairs), 1))
            return u.enumerated().map { $0.offset == 0 ? 0 : max($0.element, floor) }
        }
    }

    /// m, the candidates' own u and the share of matches among the candidates, by expectation maximisation over
    /// the candidates' comparison patterns (with how many candidates show each).
    static func expectationMaximisation(
        _ patterns: [(pattern: ComparisonPattern, count: Double)], startingM: [[Double]], fixedShare: Double?,
        maxIterations: Int = 200, tolerance: Double = 1e-7
    ) -> (m: [[Double]], share: Double, matchesAtLevel: [[Double]], iterations: Int) {
        let fields = ComparisonField.all
        let total = patterns.reduce(0.0) { $0 + $1.count }
        let none = fields.map { [Double](repeating: 0, count: $0.levelCount + 1) }
        guard total > 0 else { return (startingM, fixedShare ?? 0, none, 0) }
        // The candidates' u starts at their overall level shares: most candidates are different persons.
        var uBlocked = fields.map { [Double](repeating: 0, count: $0.levelCount + 1) }
        for (pattern, count) in patterns {
            for field in fields where pattern[field] != 0 { uBlocked[field.rawValue][Int(pattern[field])] += count }
        }
        uBlocked = uBlocked.map { FellegiSunterModel.normalised($0, smoothing: 0.5) }
        let uPrior = uBlocked
        var m = startingM
        var share = fixedShare ?? 0.1
        var iterations = 0
        var matchesAtLevel = none
        let strength = FellegiSunterModel.priorStrength
        for iteration in 1...maxIterations {
            iterations = iteration
            matchesAtLevel = none
            var mCounts = fields.map { field in startingM[field.rawValue].map { $0 * strength } }
            var uCounts = fields.map { field in uPrior[field.rawValue].map { $0 * strength } }
            var matches = 0.0
            for (pattern, count) in patterns {
                let p: Double
                switch pattern.pesel {
                case .equal: p = 1
                case .different: p = 0
                case .missing where LinkAssembly.isContradicted(pattern): p = 0
                case .missing:
                    var likelihoodMatch = share
                    var likelihoodOther = 1 - share
                    for field in fields {
                        let level = Int(pattern[field])
                        if level == 0 { continue }
                        likelihoodMatch *= m[field.rawValue][level]
                        likelihoodOther *= uBlocked[field.rawValue][level]
                    }
                    p = likelihoodMatch / (likelihoodMatch + likelihoodOther)
                }
                matches += p * count
                for field in fields {
                    let level = Int(pattern[field])
                    if level == 0 { continue }
                    mCounts[field.rawValue][level] += p * count
                    matchesAtLevel[field.rawValue][level] += p * count
                    uCounts[field.rawValue][level] += (1 - p) * count
                }
            }
            let newM = mCounts.map { FellegiSunterModel.normalised($0, smoothing: 0) }
            uBlocked = uCounts.map { FellegiSunterModel.normalised($0, smoothing: 0) }
            let change = zip(newM, m).map { zip($0, $1).map { abs($0 - $1) }.max() ?? 0 }.max() ?? 0
            m = newM
            let newShare = fixedShare ?? matches / total
            let shareChange = abs(newShare - share)
            share = newShare
            if change < tolerance, shareChange < tolerance { break }
        }
        return (m, share, matchesAtLevel, iterations)
    }

    /// m with the pairs known to be one person (equal valid PESELs) counted in: their levels are an unbiased sample
    /// of how one person's records differ, where EM's m is biased towards agreement (a match that shows only a name
    /// and a different phone looks like a non-match to EM, so EM learns that matches rarely have different phones).
    /// Splink estimates m from a reliable identifier the same way (`estimate_m_from_label_column`). EM's m weighs as
    /// `knownMatchPriorStrength` pairs, so a few known matches move it a little and many replace it. Birth date and
    /// sex are left to EM: a record without them takes them from its PESEL, so known matches agree on them by
    /// construction.
    static func withKnownMatches(
        _ m: [[Double]], patterns: [(pattern: ComparisonPattern, count: Double)]
    ) -> [[Double]] {
        var counts = ComparisonField.all.map { [Double](repeating: 0, count: $0.levelCount + 1) }
        for (pattern, count) in patterns where pattern.pesel == .equal {
            for field in ComparisonField.all where pattern[field] != 0 {
                counts[field.rawValue][Int(pattern[field])] += count
            }
        }
        return ComparisonField.all.map { field in
            guard field != .birthDate, field != .sex else { return m[field.rawValue] }
            let strength = knownMatchPriorStrength
            let weighted = counts[field.rawValue].indices.map { level in
                level == 0 ? 0 : counts[field.rawValue][level] + strength * m[field.rawValue][level]
            }
            return normalised(weighted, smoothing: 0)
        }
    }

    static let knownMatchPriorStrength = 50.0

    /// u without the same-person pairs: the random-pair u counts every pair of records, and for identifiers (an
    /// e-mail, a phone) almost all agreeing pairs are one person's records, which would make agreement look as
    /// common among different persons as among the same. The expected matches at each level (from EM, over the
    /// candidate pairs, which hold nearly all matches) are taken out of the pairs that show it; at least one pair
    /// per level is left, so no weight is infinite.
    static func withoutMatches(
        _ u: [[Double]], matchesAtLevel: [[Double]], pairsWithBothValues: [Double]
    ) -> [[Double]] {
        ComparisonField.all.map { field in
            let pairs = pairsWithBothValues[field.rawValue]
            let observed = u[field.rawValue]
            guard pairs >= 1 else { return observed }
            var corrected = observed.indices.map { level -> Double in
                level == 0 ? 0 : max(observed[level] - matchesAtLevel[field.rawValue][level] / pairs, 1 / pairs)
            }
            let total = corrected.reduce(0, +)
            corrected = corrected.map { $0 / total }
            return corrected
        }
    }

    /// Levels 1… scaled to sum to 1 (level 0, missing, stays 0), each count raised by `smoothing` first.
    static func normalised(_ counts: [Double], smoothing: Double) -> [Double] {
        let total = counts.dropFirst().reduce(0) { $0 + $1 + smoothing }
        guard total > 0 else { return counts.indices.map { $0 == 0 ? 0 : 1 / Double(counts.count - 1) } }
        return counts.enumerated().map { $0.offset == 0 ? 0 : ($0.element + smoothing) / total }
    }
}
