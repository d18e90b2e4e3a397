import IntegraLinkage

/// Matches the rows of one attendance sheet to the course roll of their group, one to one.
///
/// Sheets write names otherwise than the roll of the same group: surname first in capitals with a patronymic
/// ("PIATACHENKO Elizaveta Vaktarovna" for Elizaveta Piatachenko), in another script ("ЗАЙЦЕВА Ирина" for Irina
/// Zajcewa) or romanisation ("KIRILENKO Oksana", Oksana Cirilenko), with an English or Polish first name ("MEDVEDUK
/// Helen", Olena Medveduk), in Vietnamese order ("NGUYỄN LAN", Thi Lan Nguyen). A group holds 5–30 persons, so
/// every row can be compared with every roll record by the linker's own name comparison (`NameComparison`).
///
/// 1. A row whose order-free name key is the key of exactly one roll record takes that record; several rows of one
///    sheet with that key all do (the caller reports the repeated marks); a key shared by several roll records is
///    ambiguous.
/// 2. The other rows are assigned to the roll records no row took yet, one to one, maximising the sum of the pairs'
///    likeness (`OptimalAssignment`), pairs below `minimumLikeness` or not names of one person excluded. A row whose
///    record another free record fits exactly as well is ambiguous.
/// 3. A row left over is unmatched, reported with its closest roll record and that record's likeness: rows are never
///    guessed.
///
/// ```swift
/// // names: the NameComparison of the run's attendance rows and roll records
/// AttendanceMatching.match(rows: rowNames, roll: rollEntries, names: names)   // [.matched(12), .unmatched(…)]
/// ```
enum AttendanceMatching {
    enum Outcome: Equatable {
        case matched(Int)
        /// No roll record fits; the closest one (its id and likeness), if any is a name of one person at all.
        case unmatched(closest: Int?, likeness: Double?)
        /// Several roll records fit equally well.
        case ambiguous(Int)
    }

    /// One side of the match: an id, the order-free name key and the index of the name in the `NameComparison` (any
    /// value for step 1).
    struct Entry {
        var id: Int
        var nameKey: String
        var name: Int
    }

    /// Below this a pair is not a match: a surname only alike (Kovalchuk, Kovalenko) even with the same first name, or a
    /// mistyped surname with no first name to back it.
    static let minimumLikeness = 0.75

    /// The outcome of each row, in order.
    static func match(rows: [Entry], roll: [Entry], names: NameComparison) -> [Outcome] {
        assign(matchExactly(rows: rows, roll: roll), rows: rows, roll: roll, names: names)
    }

    /// What step 1 leaves: each row's outcome so far, the rows still open and the roll records no row took.
    struct ExactMatch {
        var outcomes: [Outcome?]
        var open: [Int]
        var free: [Int]
    }

    /// Step 1, on the name keys alone (no `NameComparison` needed: most rows of most sheets end here).
    static func matchExactly(rows: [Entry], roll: [Entry]) -> ExactMatch {
        var byKey: [String: [Int]] = [:]
        for (k, record) in roll.enumerated() { byKey[record.nameKey, default: []].append(k) }
        var outcomes = [Outcome?](repeating: nil, count: rows.count)
        var taken = Set<Int>()
        var open: [Int] = []
        for (i, row) in rows.enumerated() {
            let found = byKey[row.nameKey] ?? []
            if found.count == 1 {
                outcomes[i] = .matched(roll[found[0]].id)
                taken.insert(found[0])
            } else if found.count > 1 {
                outcomes[i] = .ambiguous(found.count)
            } else {
                open.append(i)
            }
        }
        return ExactMatch(outcomes: outcomes, open: open, free: roll.indices.filter { !taken.contains($0) })
    }

    /// Steps 2 and 3: the open rows assigned to the free roll records; `names` must hold the open rows' names and
    /// every roll record's (their `name` indices).
    static func assign(_ exact: ExactMatch, rows: [Entry], roll: [Entry], names: NameComparison) -> [Outcome] {
        var outcomes = exact.outcomes
        let (open, free) = (exact.open, exact.free)
        let scores: [[Double?]] = open.map { i in
            free.map { k in
                names.likeness(rows[i].name, roll[k].name).flatMap { $0 >= minimumLikeness ? $0 : nil }
            }
        }
        let assigned = OptimalAssignment.solve(scores)
        let used = Set(assigned.compactMap { $0 })
        for (o, i) in open.enumerated() {
            if let column = assigned[o], let score = scores[o][column] {
                let rivals = free.indices.filter { c in
                    c != column && !used.contains(c) && scores[o][c].map { abs($0 - score) < 1e-9 } == true
                }
                outcomes[i] = rivals.isEmpty ? .matched(roll[free[column]].id) : .ambiguous(rivals.count + 1)
            } else {
                var closest: (id: Int, likeness: Double)?
                for record in roll {
                    if let l = names.likeness(rows[i].name, record.name), l > (closest?.likeness ?? -1) {
                        closest = (record.id, l)
                    }
                }
                outcomes[i] = .unmatched(closest: closest?.id, likeness: closest?.likeness)
            }
        }
        return outcomes.map { $0 ?? .unmatched(closest: nil, likeness: nil) }
    }
}
