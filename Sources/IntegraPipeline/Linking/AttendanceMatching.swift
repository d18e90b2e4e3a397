import IntegraLinkage

/// Matches the rows of one attendance sheet to the course roll of their group, one to one.
///
/// A row's name key (`NameKey.orderFree`: both name skeletons, sorted) already ignores name order, case and script.
/// First every row whose key is the key of exactly one roll record takes that record. Then the rows left are
/// matched to the roll records no row of the sheet took yet, allowing a typing slip in either name or both (`score`:
/// Ołena Kowalemko for Olena Kovalenko; not Olena Kovalchuk).
/// Pairs are taken from the most similar down, each row and roll record at most once; a row whose best similarity
/// two free roll records share is ambiguous and left unmatched. Rows that find nothing stay unmatched: they are
/// reported, never guessed.
///
/// ```swift
/// let roll = [(id: 1, nameKey: "kovalenko|olena"), (id: 2, nameKey: "anna|novak")]
/// AttendanceMatching.match(rows: ["kovalemko|olena"], roll: roll)   // [.matched(1)]
/// ```
enum AttendanceMatching {
    enum Outcome: Equatable {
        case matched(Int)
        /// No roll record of this name, nor one a slip away.
        case unmatched
        /// Several roll records fit equally well.
        case ambiguous(Int)
    }

    /// Jaro–Winkler similarity at which a name counts as a slip of another (the linker's `typo` level).
    static let slipSimilarity = 0.92

    /// The outcome of each row, in order. Several rows of one sheet with the same exact key all match its record (the
    /// caller reports the repeated marks).
    static func match(rows: [String], roll: [(id: Int, nameKey: String)]) -> [Outcome] {
        var byKey: [String: [Int]] = [:]
        for record in roll { byKey[record.nameKey, default: []].append(record.id) }
        var outcomes = [Outcome](repeating: .unmatched, count: rows.count)
        var taken = Set<Int>()
        var open: [Int] = []
        for (i, key) in rows.enumerated() {
            let ids = byKey[key] ?? []
            if ids.count == 1 {
                outcomes[i] = .matched(ids[0])
                taken.insert(ids[0])
            } else if ids.count > 1 {
                outcomes[i] = .ambiguous(ids.count)
            } else {
                open.append(i)
            }
        }
        let free = roll.filter { !taken.contains($0.id) }
        var scored: [(row: Int, record: Int, score: Double)] = []
        for i in open {
            for record in free {
                if let score = score(rows[i], record.nameKey) { scored.append((i, record.id, score)) }
            }
        }
        scored.sort { ($0.score, -$0.row, -$0.record) > ($1.score, -$1.row, -$1.record) }
        var done = Set<Int>()
        for candidate in scored where !done.contains(candidate.row) && !taken.contains(candidate.record) {
            let rivals = scored.filter {
                $0.row == candidate.row && $0.record != candidate.record && $0.score == candidate.score
                    && !taken.contains($0.record)
            }
            done.insert(candidate.row)
            if rivals.isEmpty {
                outcomes[candidate.row] = .matched(candidate.record)
                taken.insert(candidate.record)
            } else {
                outcomes[candidate.row] = .ambiguous(rivals.count + 1)
            }
        }
        return outcomes
    }

    /// The similarity of two order-free name keys (mean Jaro–Winkler of the two names, in the better order), or nil
    /// unless each name is the other's or a typing slip from it: one letter wrong, missing, added or exchanged with
    /// its neighbour (names of four letters or more), or Jaro–Winkler at least `slipSimilarity`.
    static func score(_ a: String, _ b: String) -> Double? {
        let x = a.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        let y = b.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard x.count == 2, y.count == 2 else { return nil }
        var best: Double?
        for (p, q) in [(y[0], y[1]), (y[1], y[0])] where isSlip(x[0], p) && isSlip(x[1], q) {
            let mean = (JaroWinkler.similarity(x[0], p) + JaroWinkler.similarity(x[1], q)) / 2
            if mean > (best ?? 0) { best = mean }
        }
        return best
    }

    private static func isSlip(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        let (x, y) = (Array(a), Array(b))
        if min(x.count, y.count) >= 4, atMostOneEdit(x, y) { return true }
        return JaroWinkler.similarity(a, b) >= slipSimilarity
    }

    /// Optimal string alignment distance at most 1.
    private static func atMostOneEdit(_ a: [Character], _ b: [Character]) -> Bool {
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        guard long.count - short.count <= 1 else { return false }
        var i = 0
        while i < short.count, short[i] == long[i] { i += 1 }
        if i == short.count { return true }
        if short.count == long.count {
            if short[(i + 1)...] == long[(i + 1)...] { return true }
            return i + 1 < short.count && short[i] == long[i + 1] && short[i + 1] == long[i]
                && short[(i + 2)...] == long[(i + 2)...]
        }
        return short[i...] == long[(i + 1)...]
    }
}
