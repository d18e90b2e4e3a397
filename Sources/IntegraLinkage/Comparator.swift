/// Puts a pair of prepared records into one level per field: the pair's comparison pattern.
struct Comparator {
    let records: PreparedRecords
    /// The records' arrays, held here so the hot loop reads them without going through `records`.
    private let names: NameCatalogue
    private let firstName: [Int32]
    private let lastName: [Int32]
    private let birthDate: [Int32]
    private let sex: [Int32]
    private let citizenship: [Int32]
    private let document: [Int32]
    private let phone: [Int32]
    private let email: [Int32]
    private let pesel: [Int32]

    init(records: PreparedRecords) {
        self.records = records
        names = records.names
        firstName = records.firstName
        lastName = records.lastName
        birthDate = records.birthDate
        sex = records.sex
        citizenship = records.citizenship
        document = records.document
        phone = records.phone
        email = records.email
        pesel = records.pesel
    }

    func pattern(_ a: Int, _ b: Int) -> ComparisonPattern {
        var none = NameLevelMemo(capacity: 0)
        return pattern(a, b, memo: &none)
    }

    /// `pattern(a, b)`, name levels looked up in and added to `memo`.
    func pattern(_ a: Int, _ b: Int, memo: inout NameLevelMemo) -> ComparisonPattern {
        var pattern = ComparisonPattern()
        let (first, last) = nameLevels(a, b, memo: &memo)
        pattern[.firstName] = first
        pattern[.lastName] = last
        let x = birthDate[a]
        let y = birthDate[b]
        if x >= 0, y >= 0 { pattern[.birthDate] = Comparator.dateLevel(x, y) }
        pattern[.sex] = exact(sex[a], sex[b])
        pattern[.citizenship] = exact(citizenship[a], citizenship[b])
        pattern[.document] = exact(document[a], document[b])
        pattern[.phone] = exact(phone[a], phone[b])
        pattern[.email] = exact(email[a], email[b])
        let p = pesel[a]
        let q = pesel[b]
        if p >= 0, q >= 0 { pattern.pesel = p == q ? .equal : .different }
        return pattern
    }

    private func exact(_ x: Int32, _ y: Int32) -> UInt8 {
        x < 0 || y < 0 ? 0 : x == y ? 1 : 2
    }

    /// First- and last-name levels. When the names disagree but each record's surname is like the other's first
    /// name (Shevchenko Ivan / Ivan Shevchenko: the given names at least a typo apart, the surnames at least
    /// phonetically alike), the last name's level is `swapped` and the first name is compared with the other
    /// record's last name.
    func nameLevels(_ a: Int, _ b: Int) -> (first: UInt8, last: UInt8) {
        var none = NameLevelMemo(capacity: 0)
        return nameLevels(a, b, memo: &none)
    }

    func nameLevels(_ a: Int, _ b: Int, memo: inout NameLevelMemo) -> (first: UInt8, last: UInt8) {
        let fa = firstName[a]
        let fb = firstName[b]
        let la = lastName[a]
        let lb = lastName[b]
        var first: UInt8 = fa >= 0 && fb >= 0 ? nameLevel(fa, fb, firstName: true, memo: &memo) : 0
        var last: UInt8 = la >= 0 && lb >= 0 ? nameLevel(la, lb, firstName: false, memo: &memo) : 0
        if fa >= 0, fb >= 0, la >= 0, lb >= 0, last > NameLevel.skeleton, first > NameLevel.skeleton,
            sameWordsInAnotherOrder(fa, la, fb, lb)
        {
            // Vietnamese and other names written family name first, or split at another word (Thu Mai / Ho,
            // Mai Ho / Thu): the same words, another order.
            return (NameLevel.skeleton, NameLevel.swapped)
        }
        if fa >= 0, fb >= 0, la >= 0, lb >= 0, last > NameLevel.skeleton, first > NameLevel.skeleton {
            // Either record may be the swapped one, and either name may carry the slip (Onyshchuk Ivab / Іван
            // Онищук): one crossing at least a typo apart, the other at least phonetically alike.
            let crossedLast = nameLevel(la, fb, firstName: true, memo: &memo)
            if crossedLast <= NameLevel.phonetic {
                let crossedFirst = nameLevel(fa, lb, firstName: true, memo: &memo)
                if crossedLast <= NameLevel.typo, crossedFirst <= NameLevel.phonetic, crossedFirst < first {
                    first = crossedFirst
                    last = NameLevel.swapped
                } else if crossedFirst <= NameLevel.typo, crossedLast < first {
                    first = crossedLast
                    last = NameLevel.swapped
                }
            }
        }
        return (first, last)
    }

    /// True when two records' first and last names together are the same words (three or more), in another order.
    private func sameWordsInAnotherOrder(_ fa: Int32, _ la: Int32, _ fb: Int32, _ lb: Int32) -> Bool {
        let (sfa, sla) = (names.skeletonOfSpelling[Int(fa)], names.skeletonOfSpelling[Int(la)])
        let (sfb, slb) = (names.skeletonOfSpelling[Int(fb)], names.skeletonOfSpelling[Int(lb)])
        let several = names.severalWords
        guard several[Int(sfa)] || several[Int(sla)] || several[Int(sfb)] || several[Int(slb)] else { return false }
        func words(_ x: Int32, _ y: Int32) -> [[UInt32]] {
            (names.words(ofSkeleton: x) + names.words(ofSkeleton: y)).map(Array.init)
                .sorted { $0.lexicographicallyPrecedes($1) }
        }
        let a = words(sfa, sla)
        return a.count >= 3 && a == words(sfb, slb)
    }

    /// The level of two spellings (`NameCatalogue.level`).
    func nameLevel(_ x: Int32, _ y: Int32, firstName: Bool) -> UInt8 {
        x == y ? NameLevel.exact : names.level(x, y, firstName: firstName)
    }

    /// The level of two spellings, from `memo` when it holds them.
    func nameLevel(_ x: Int32, _ y: Int32, firstName: Bool, memo: inout NameLevelMemo) -> UInt8 {
        if x == y { return NameLevel.exact }
        let key = UInt64(UInt32(bitPattern: x)) << 33 | UInt64(UInt32(bitPattern: y)) << 1 | (firstName ? 1 : 0)
        if let known = memo[key] { return known }
        let level = names.level(x, y, firstName: firstName)
        memo[key] = level
        return level
    }
}

/// A fixed-size, direct-mapped memo of name levels by spelling pair: a newer pair takes an older one's slot. It only
/// saves work; what it returns is what `NameCatalogue.level` would.
struct NameLevelMemo {
    private var keys: [UInt64]
    private var levels: [UInt8]
    private let mask: Int

    /// `capacity` a power of two, or 0 for no memo.
    init(capacity: Int) {
        keys = [UInt64](repeating: .max, count: capacity)
        levels = [UInt8](repeating: 0, count: capacity)
        mask = capacity - 1
    }

    subscript(key: UInt64) -> UInt8? {
        get {
            guard mask >= 0 else { return nil }
            let slot = NameLevelMemo.slot(key, mask)
            return keys[slot] == key ? levels[slot] : nil
        }
        set {
            guard mask >= 0, let newValue else { return }
            let slot = NameLevelMemo.slot(key, mask)
            keys[slot] = key
            levels[slot] = newValue
        }
    }

    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }
}

extension NameCatalogue {
    /// The level of two spellings, the first that holds: the same spelling; the same skeleton; for first names, the
    /// same class (`equivalent-name`) or two known names of different classes (`different-name`); one typing slip or
    /// Jaro–Winkler ≥ 0.92 on the skeletons (`typo`); Jaro–Winkler ≥ 0.85, or the words of one inside the other's
    /// (`similar`); a shared Daitch–Mokotoff code or consonant key (`phonetic`); otherwise `different`, or
    /// `different-name` for first
    /// names with little in common. A Cyrillic spelling with a Russian reading takes the better of its two skeletons.
    func level(_ x: Int32, _ y: Int32, firstName: Bool) -> UInt8 {
        if x == y { return NameLevel.exact }
        let (s, sr) = skeletons(of: x)
        let (t, tr) = skeletons(of: y)
        let readings = sr >= 0 || tr >= 0
        if s == t || (readings && (s == tr || sr == t || (sr >= 0 && sr == tr))) { return NameLevel.skeleton }
        if firstName {
            let known = classLevel(s, t) ?? (readings ? readingsClassLevel(s, sr, t, tr) : nil)
            if let known { return known }
        } else if sameSlavicForm(s, sr, t, tr) {
            return NameLevel.equivalentForm
        }
        if oneSlipApart(x, y, skeletons: s, t) { return NameLevel.typo }
        var similarity = self.similarity(s, t)
        if readings {
            if sr >= 0 { similarity = max(similarity, self.similarity(sr, t)) }
            if tr >= 0 { similarity = max(similarity, self.similarity(s, tr)) }
            if sr >= 0, tr >= 0 { similarity = max(similarity, self.similarity(sr, tr)) }
        }
        if similarity >= NameLevel.typoSimilarity { return NameLevel.typo }
        if similarity >= NameLevel.similarSimilarity || wordsContained(s, t) { return NameLevel.similar }
        if NameCatalogue.intersect(phonetic, phoneticStart, x, y)
            || NameCatalogue.intersect(consonantKeys, consonantStart, x, y)
        {
            return NameLevel.phonetic
        }
        return firstName && similarity < NameLevel.unlikeSimilarity ? NameLevel.differentName : NameLevel.different
    }

    /// `equivalent-name` when two first names share a class; `different-name` when both are known names of
    /// different classes, however alike they look (Oleksii, Oleksandr); nil when either is not a known name, or is
    /// only read as one (a slip of a known name: Ttiana may be a slip of Tetiana, not only of the name it was read
    /// as) and the classes differ.
    private func classLevel(_ s: Int32, _ t: Int32) -> UInt8? {
        let aEmpty = classStart[Int(s)] == classStart[Int(s) + 1]
        let bEmpty = classStart[Int(t)] == classStart[Int(t) + 1]
        if aEmpty || bEmpty { return nil }
        if NameCatalogue.intersect(classes, classStart, s, t) { return NameLevel.equivalent }
        return classesInferred[Int(s)] || classesInferred[Int(t)] ? nil : NameLevel.differentName
    }

    private func readingsClassLevel(_ s: Int32, _ sr: Int32, _ t: Int32, _ tr: Int32) -> UInt8? {
        var found: UInt8?
        for x in [s, sr] where x >= 0 {
            for y in [t, tr] where y >= 0 {
                let level = classLevel(x, y)
                guard let level else { continue }
                if level == NameLevel.equivalent { return level }
                found = level
            }
        }
        return found
    }
}

extension Comparator {
    /// Two birth dates as `yyyymmdd`: equal; day and month swapped (03.04 read as 04.03); one digit wrong or two
    /// neighbouring digits exchanged (1985 / 1958); the same year and month; two such slips (two digits wrong, or day
    /// and month swapped with a digit wrong); or different.
    static func dateLevel(_ x: Int32, _ y: Int32) -> UInt8 {
        if x == y { return DateLevel.exact }
        let (xYear, xMonth, xDay) = (x / 10_000, x / 100 % 100, x % 100)
        let (yYear, yMonth, yDay) = (y / 10_000, y / 100 % 100, y % 100)
        if xYear == yYear, xMonth == yDay, xDay == yMonth { return DateLevel.dayMonthSwapped }
        if isOneSlip(x, y) { return DateLevel.typo }
        if xYear == yYear, xMonth == yMonth { return DateLevel.yearMonth }
        if differingDigits(x, y) == 2 { return DateLevel.close }
        // Either date may be the one written day-first: the level must not depend on which record comes first.
        if xDay <= 12, isOneSlip(xYear * 10_000 + xDay * 100 + xMonth, y) { return DateLevel.close }
        if yDay <= 12, isOneSlip(yYear * 10_000 + yDay * 100 + yMonth, x) { return DateLevel.close }
        return DateLevel.different
    }

    /// One digit wrong, or two neighbouring digits exchanged.
    private static func isOneSlip(_ x: Int32, _ y: Int32) -> Bool {
        var differing = 0
        var firstDifference = -1
        var p = x
        var q = y
        for position in 0..<8 {
            if p % 10 != q % 10 {
                differing += 1
                if firstDifference < 0 {
                    firstDifference = position
                } else if position != firstDifference + 1 || differing > 2 {
                    return false
                }
            }
            p /= 10
            q /= 10
        }
        if differing == 1 { return true }
        guard differing == 2 else { return false }
        let shift = Int32(pow10[firstDifference])
        let xLow = x / shift % 100
        let yLow = y / shift % 100
        return xLow / 10 == yLow % 10 && xLow % 10 == yLow / 10
    }

    /// How many of the eight digits differ.
    private static func differingDigits(_ x: Int32, _ y: Int32) -> Int {
        var count = 0
        var p = x
        var q = y
        for _ in 0..<8 {
            if p % 10 != q % 10 { count += 1 }
            p /= 10
            q /= 10
        }
        return count
    }

    private static let pow10 = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000]
}
