import Foundation
import IntegraCore

/// From scored candidate pairs to the linker's answer: which pairs are links, which go to review, which are refused,
/// the clusters, all in the caller's record indices and sorted.
struct LinkAssembly {
    let records: [LinkRecord]
    let prepared: PreparedRecords
    let settings: LinkageSettings
    let scorer: Scorer
    let comparator: Comparator
    let candidates: [UInt64]
    let patterns: [ComparisonPattern]
    let decisions: LinkDecisions

    /// A pair on its way to the output, in canonical indices.
    private struct Pair {
        var a: Int32
        var b: Int32
        var pattern: ComparisonPattern
        var weight: Double
        var decidedBy: String
    }

    func result(skippedBlocks: Int) -> LinkResult {
        let matchWeight = LinkAssembly.logOdds(settings.matchThreshold)
        let reviewWeight = LinkAssembly.logOdds(settings.reviewFloor)
        let strongWeight = LinkAssembly.logOdds(settings.strongLinkThreshold)

        let (mustLink, cannotLink, unmatched) = resolvedDecisions()
        let mustLinkPairs = Set(mustLink.map { UInt64($0.0) << 32 | UInt64($0.1) })
        let cannotLinkPairs = Set(cannotLink.map { UInt64($0.0) << 32 | UInt64($0.1) })

        var edges: [ConstrainedClustering.Edge] = []
        var edgePairs: [Pair] = []
        var review: [Pair] = []
        var refused: [Pair] = []
        var unlinked: [Pair] = []
        let keepAll = settings.keepEveryComparedPair
        var birthDateConflicts: [(Int32, Int32)] = []
        for (a, b) in mustLink {
            let pattern = comparator.pattern(Int(a), Int(b))
            edges.append(.mustLink(a: a, b: b))
            edgePairs.append(
                Pair(
                    a: a, b: b, pattern: pattern, weight: scorer.weight(pattern, Int(a), Int(b)), decidedBy: "must-link"
                ))
        }
        // Records with a name only are joined by `NameOnlyResolution`, which weighs the partner and the name's rarity;
        // across partners the score alone (names and nothing else) does not link them.
        var sourceIDs: [String: Int32] = [:]
        let sources = prepared.order.map { original -> Int32 in
            guard let source = records[original].source else { return -1 }
            if let id = sourceIDs[source] { return id }
            let id = Int32(sourceIDs.count)
            sourceIDs[source] = id
            return id
        }
        let nameOnlyRecord = NameOnlyResolution.nameOnly(prepared)
        let weights = Parallel.map(candidates.count) { k in
            scorer.weight(patterns[k], Int(candidates[k] >> 32), Int(candidates[k] & 0xFFFF_FFFF))
        }
        for (k, candidate) in candidates.enumerated() where !mustLinkPairs.contains(candidate) {
            let a = Int32(candidate >> 32)
            let b = Int32(candidate & 0xFFFF_FFFF)
            let pattern = patterns[k]
            let weight = weights[k]
            switch pattern.pesel {
            case .equal:
                edges.append(.pesel(a: a, b: b))
                edgePairs.append(Pair(a: a, b: b, pattern: pattern, weight: weight, decidedBy: "pesel"))
            case .different:
                if weight >= matchWeight {
                    refused.append(Pair(a: a, b: b, pattern: pattern, weight: weight, decidedBy: "pesel"))
                } else if keepAll {
                    unlinked.append(Pair(a: a, b: b, pattern: pattern, weight: weight, decidedBy: "pesel"))
                }
            case .missing:
                let contradicted = LinkAssembly.isContradicted(pattern)
                if contradicted, pattern[.birthDate] == DateLevel.different { birthDateConflicts.append((a, b)) }
                guard weight >= reviewWeight else {
                    if keepAll { unlinked.append(Pair(a: a, b: b, pattern: pattern, weight: weight, decidedBy: "score")) }
                    continue
                }
                let nameOnlyAcross =
                    (nameOnlyRecord[Int(a)] || nameOnlyRecord[Int(b)]) && sources[Int(a)] != sources[Int(b)]
                if contradicted {
                    let reason = weight >= matchWeight ? "contradiction" : "score"
                    review.append(Pair(a: a, b: b, pattern: pattern, weight: weight, decidedBy: reason))
                } else if nameOnlyAcross {
                    // Weighed by `NameOnlyResolution` (a client of another partner's point), which joins or reviews
                    // the likely ones; the score of a name against a name says little here (at programme scale 96 %
                    // of such pairs above the match threshold were namesakes), so it lists none of its own.
                    continue
                } else if weight >= matchWeight {
                    edges.append(.score(a: a, b: b, weight: weight, strong: weight >= strongWeight))
                    edgePairs.append(Pair(a: a, b: b, pattern: pattern, weight: weight, decidedBy: "score"))
                } else {
                    review.append(Pair(a: a, b: b, pattern: pattern, weight: weight, decidedBy: "score"))
                }
            }
        }

        let clustering = ConstrainedClustering(
            count: prepared.count, edges: edges, cannotLink: cannotLink, contradictions: birthDateConflicts,
            pesel: prepared.pesel)
        var links: [Pair] = []
        for (pair, outcome) in zip(edgePairs, clustering.outcomes) {
            var pair = pair
            switch outcome {
            case .linked:
                links.append(pair)
                continue
            case .refusedPESEL: pair.decidedBy = "pesel"
            case .refusedCannotLink: pair.decidedBy = "cannot-link"
            case .refusedContradiction: pair.decidedBy = "contradiction"
            case .refusedBridge: pair.decidedBy = "weak-bridge"
            }
            refused.append(pair)
        }
        // Records with a name only, after the scored links: see `NameOnlyResolution`.
        // Blocking keys a surname with a first name, so a slip in either meets nothing when there is no birth date
        // or identifier: pairs of one partner whose surnames are a slip apart are compared here too.
        let slips = NameOnlyResolution.slipPairs(
            prepared, sources: sources, nameOnly: nameOnlyRecord, besides: candidates)
        let slipPatterns = slips.map { comparator.pattern(Int($0 >> 32), Int($0 & 0xFFFF_FFFF)) }
        let nameOnly = NameOnlyResolution(
            prepared: prepared, sources: sources, candidates: candidates + slips, patterns: patterns + slipPatterns,
            root: clustering.root,
            cannotLink: cannotLinkPairs, matchThreshold: settings.matchThreshold,
            reviewFloor: settings.reviewFloor)
        for join in nameOnly.links {
            links.append(
                Pair(
                    a: join.a, b: join.b, pattern: join.pattern, weight: LinkAssembly.logOdds(join.probability),
                    decidedBy: join.decidedBy))
        }
        let root = nameOnly.root
        review.removeAll { pair in
            root[Int(pair.a)] == root[Int(pair.b)]
                || cannotLinkPairs.contains(UInt64(min(pair.a, pair.b)) << 32 | UInt64(max(pair.a, pair.b)))
        }

        for join in nameOnly.review {
            review.append(
                Pair(
                    a: join.a, b: join.b, pattern: join.pattern, weight: LinkAssembly.logOdds(join.probability),
                    decidedBy: join.decidedBy))
        }
        var result = LinkResult(
            clusterOfRecord: clusterNumbers(root),
            links: output(links),
            review: output(review),
            refused: output(refused),
            model: modelTable(),
            comparedPairs: candidates.count,
            skippedBlocks: skippedBlocks,
            matchPrior: scorer.model.prior,
            unmatchedDecisions: unmatched
        )
        result.unlinked = output(unlinked)
        return result
    }

    /// Not a match whatever the score: the first names are two different known names, or the birth dates disagree
    /// beyond a typing slip, and neither a PESEL nor a document number says it is one person. (First names that are
    /// merely unlike — an unknown name, a badly mistyped one — are left to their weight.)
    static func isContradicted(_ pattern: ComparisonPattern) -> Bool {
        guard pattern.pesel != .equal, pattern[.document] != 1 else { return false }
        return pattern[.firstName] == NameLevel.differentName || pattern[.birthDate] == DateLevel.different
    }

    static func logOdds(_ probability: Double) -> Double {
        let p = min(max(probability, 1e-15), 1 - 1e-15)
        return log2(p / (1 - p))
    }

    /// Decisions as canonical index pairs (lower first, sorted, each once); those naming unknown keys apart.
    private func resolvedDecisions() -> (
        mustLink: [(Int32, Int32)], cannotLink: [(Int32, Int32)], unmatched: [LinkDecisions.Pair]
    ) {
        if decisions.mustLink.isEmpty && decisions.cannotLink.isEmpty { return ([], [], []) }
        var indexOfKey: [String: Int32] = [:]
        for (i, original) in prepared.order.enumerated() where indexOfKey[records[original].key] == nil {
            indexOfKey[records[original].key] = Int32(i)
        }
        var unmatched: [LinkDecisions.Pair] = []
        func resolve(_ pairs: [LinkDecisions.Pair]) -> [(Int32, Int32)] {
            var out = Set<UInt64>()
            for pair in pairs {
                guard let a = indexOfKey[pair.a], let b = indexOfKey[pair.b] else {
                    unmatched.append(pair)
                    continue
                }
                if a != b { out.insert(UInt64(min(a, b)) << 32 | UInt64(max(a, b))) }
            }
            return out.sorted().map { (Int32($0 >> 32), Int32($0 & 0xFFFF_FFFF)) }
        }
        let must = resolve(decisions.mustLink)
        let cannot = resolve(decisions.cannotLink)
        return (must, cannot, unmatched)
    }

    /// Clusters numbered 0, 1, … in the order of their first record in the caller's input.
    private func clusterNumbers(_ root: [Int32]) -> [Int] {
        var position = [Int](repeating: 0, count: prepared.count)
        for (canonical, original) in prepared.order.enumerated() { position[original] = canonical }
        var number = [Int32: Int]()
        return position.map { canonical in
            let r = root[canonical]
            if let n = number[r] { return n }
            let n = number.count
            number[r] = n
            return n
        }
    }

    /// Pairs in the caller's indices, lower first, sorted by (a, b).
    private func output(_ pairs: [Pair]) -> [ScoredPair] {
        let box = ScorerBox(scorer)
        return pairs.map { pair in
            let x = prepared.order[Int(pair.a)]
            let y = prepared.order[Int(pair.b)]
            let decisive = pair.decidedBy == "must-link" || (pair.decidedBy == "pesel" && pair.pattern.pesel == .equal)
            return ScoredPair(
                a: min(x, y), b: max(x, y), weight: pair.weight,
                probability: decisive ? 1 : Scorer.probability(pair.weight), decidedBy: pair.decidedBy,
                scorer: box, pattern: pair.pattern, canonical: (pair.a, pair.b))
        }.sorted { ($0.a, $0.b, $0.decidedBy) < ($1.a, $1.b, $1.decidedBy) }
    }

    private func modelTable() -> [ModelLevel] {
        let model = scorer.model
        return ComparisonField.all.flatMap { field in
            (1...field.levelCount).map { level in
                ModelLevel(
                    field: field.name, level: field.levels[level], m: model.m[field.rawValue][level],
                    u: model.u[field.rawValue][level], weight: model.weight(field, UInt8(level)))
            }
        }
    }
}
