import IntegraCore

/// The linker's name comparison for callers that match a few names against a few others: the rows of an
/// attendance sheet against its group's roll.
///
/// Every name is analysed once (`NameCatalogue`: skeletons across scripts and romanisations, first-name classes,
/// patronymics dropped, phonetic codes); `likeness(i, j)` then says how alike two of them are, on the linker's
/// levels, and whether they can be one person's name at all.
///
/// ```swift
/// let names = NameComparison(
///     names: [(first: "Helen", last: "MEDVEDUK"), (first: "Olena", last: "Medveduk")],
///     firstNameClasses: [["Olena", "Helen", "Helena", "Олена"]])
/// names.likeness(0, 1)   // 0.95: the same surname, first names of one class
/// ```
public struct NameComparison: Sendable {
    private let comparator: Comparator
    /// Canonical index of each caller's name.
    private let canonical: [Int]
    /// The skeleton words of each caller's full name (first and last name together), sorted.
    private let words: [[String]]

    public init(names: [(first: String?, last: String?)], firstNameClasses: [[String]]) {
        let records = names.enumerated().map { i, name in
            LinkRecord(key: String(i), firstName: name.first, lastName: name.last)
        }
        let prepared = PreparedRecords(records, firstNameClasses: firstNameClasses)
        var canonical = [Int](repeating: 0, count: names.count)
        for (c, original) in prepared.order.enumerated() { canonical[original] = c }
        self.canonical = canonical
        comparator = Comparator(records: prepared)
        words = names.map { name in
            let full = NameCleaning.cleaned([name.first, name.last].compactMap { $0 }.joined(separator: " ")) ?? ""
            let kept = full.split(separator: " ").map(String.init).filter { !NameCleaning.isPatronymic($0) }
            return NameKey.skeleton(kept.joined(separator: " ")).split(separator: " ").map(String.init).sorted()
        }
    }

    /// The first- and last-name levels of two names (`ComparisonField.levels`: 1 exact … 8).
    public func levels(_ i: Int, _ j: Int) -> (first: UInt8, last: UInt8) {
        comparator.nameLevels(canonical[i], canonical[j])
    }

    /// How alike two names are, from 0 to 1, or nil when they cannot be one person's name.
    ///
    /// The surname must be the same name in another spelling, script or form, or a slip or a likeness away
    /// (Kirilenko, Cirilenko); the first name the same, a name of the same class (Helen, Olena), a slip or a
    /// likeness away, or missing on one side. A name whose words all stand in the other (NGUYỄN LAN, Thi Lan
    /// Nguyen; a patronymic on one side only) is alike too, at least two words in common. A name of one part (a roll
    /// row without its first name) is compared with either part of the other, whichever column holds the surname.
    public func likeness(_ i: Int, _ j: Int) -> Double? {
        var (first, last) = levels(i, j)
        if first == 0, let single = singlePartLevel(i, j) { last = single }
        var best: Double?
        if let l = NameComparison.surnameScore[Int(last)], let f = NameComparison.firstNameScore[Int(first)] {
            best = (l + f) / 2
        }
        if let contained = wordsContained(i, j), contained > (best ?? 0) { best = contained }
        return best
    }

    /// When one name has a single part (first or last name missing): the best surname level of that part against
    /// either part of the other name (SITUK Jarosław read as first name SITUK against a roll's surname Ситук).
    private func singlePartLevel(_ i: Int, _ j: Int) -> UInt8? {
        let records = comparator.records
        let (a, b) = (canonical[i], canonical[j])
        func parts(_ r: Int) -> [Int32] { [records.lastName[r], records.firstName[r]].filter { $0 >= 0 } }
        let (x, y) = (parts(a), parts(b))
        guard min(x.count, y.count) == 1, max(x.count, y.count) >= 1 else { return nil }
        let (single, other) = x.count == 1 ? (x[0], y) : (y[0], x)
        return other.map { comparator.nameLevel(single, $0, firstName: false) }.min { rank($0) < rank($1) }
    }

    /// Surname levels from the strongest (`equivalent-form` is numbered last but is strong).
    private func rank(_ level: UInt8) -> Double { -(NameComparison.surnameScore[Int(level)] ?? -1) }

    /// Scores of a surname level (index = level): missing and different never match; a surname only alike or alike in
    /// sound (Kovalchuk, Kovalenko) is another family's name unless the rest of the name is the same words.
    static let surnameScore: [Double?] = [nil, 1.0, 0.97, 0.95, 0.85, 0.45, 0.4, nil, 0.9]
    /// Scores of a first-name level. A missing first name (a roll row kept without it) neither helps nor forbids: it
    /// lets the surname decide when that is the same name or one slip from it (Бондаренко for "Микола Бондапенко":
    /// (0.85 + 0.65) / 2 reaches `AttendanceMatching.minimumLikeness`), never when the surname is only alike.
    static let firstNameScore: [Double?] = [0.65, 1.0, 0.97, 0.9, 0.85, 0.7, 0.6, nil, nil]

    /// 0.9 when the smaller name's words (two or more) are all among the other's.
    private func wordsContained(_ i: Int, _ j: Int) -> Double? {
        let (a, b) = words[i].count <= words[j].count ? (words[i], words[j]) : (words[j], words[i])
        guard a.count >= 2 else { return nil }
        var rest = b
        for w in a {
            guard let k = rest.firstIndex(of: w) else { return nil }
            rest.remove(at: k)
        }
        return 0.9
    }
}

/// A one-to-one assignment of rows to candidates that maximises the total score (the Hungarian method), for the
/// small problems of matching a sheet's rows to a group's roll (5–30 a side).
///
/// ```swift
/// OptimalAssignment.solve([[0.9, 0.8], [0.85, nil]])   // [1, 0]: 0.8 + 0.85 beats 0.9 alone
/// ```
public enum OptimalAssignment {
    /// For each row, the column it is assigned, or nil; `nil` scores can never be assigned.
    public static func solve(_ scores: [[Double?]]) -> [Int?] {
        let rows = scores.count
        guard rows > 0 else { return [] }
        let columns = scores[0].count
        guard columns > 0 else { return [Int?](repeating: nil, count: rows) }
        // Square cost matrix: forbidden and padding cells cost more than any real pair, so a row takes one only when
        // nothing else is left.
        let n = max(rows, columns)
        let forbidden = 1e6
        var cost = [[Double]](repeating: [Double](repeating: forbidden, count: n), count: n)
        for r in 0..<rows {
            for c in 0..<columns { if let s = scores[r][c] { cost[r][c] = -s } }
        }
        // Jonker–Volgenant style O(n³) Hungarian (potentials u, v; p[j] = row assigned to column j, 1-based).
        var u = [Double](repeating: 0, count: n + 1)
        var v = [Double](repeating: 0, count: n + 1)
        var p = [Int](repeating: 0, count: n + 1)
        var way = [Int](repeating: 0, count: n + 1)
        for i in 1...n {
            p[0] = i
            var j0 = 0
            var minv = [Double](repeating: .infinity, count: n + 1)
            var used = [Bool](repeating: false, count: n + 1)
            repeat {
                used[j0] = true
                let i0 = p[j0]
                var delta = Double.infinity
                var j1 = 0
                for j in 1...n where !used[j] {
                    let current = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if current < minv[j] {
                        minv[j] = current
                        way[j] = j0
                    }
                    if minv[j] < delta {
                        delta = minv[j]
                        j1 = j
                    }
                }
                for j in 0...n {
                    if used[j] {
                        u[p[j]] += delta
                        v[j] -= delta
                    } else {
                        minv[j] -= delta
                    }
                }
                j0 = j1
            } while p[j0] != 0
            repeat {
                let j1 = way[j0]
                p[j0] = p[j1]
                j0 = j1
            } while j0 != 0
        }
        var result = [Int?](repeating: nil, count: rows)
        for j in 1...n where p[j] >= 1 && p[j] <= rows && j <= columns {
            if scores[p[j] - 1][j - 1] != nil { result[p[j] - 1] = j - 1 }
        }
        return result
    }
}
