/// Candidate pairs: records that share at least one blocking key.
///
/// Comparing every pair of a million records is 5·10¹¹ comparisons; comparing only records that share a key keeps
/// the count near linear. Each key catches a different kind of variation, so a pair missed by one is found by
/// another (Splink's advice: several simple equi-join rules rather than one rule with OR):
///
/// | key | catches |
/// |---|---|
/// | PESEL, e-mail, phone, document | the same identifier, whatever the name and date |
/// | birth date + either name's skeleton or first-name class | the other name in another form, mistyped; swapped |
/// | the two name skeletons, in either order | no birth date or a wrong one; first and last name swapped |
/// | last-name skeleton + first-name class | Олександр / Aleksandr with no birth date |
/// | Daitch–Mokotoff code of the last name (each word) + birth year | surname spelled a third way, date mistyped |
/// | Daitch–Mokotoff code of the last name + first-name key | surname spelled a third way (Navitskaia, Новицкая), no birth date |
/// | birth date + Daitch–Mokotoff code of the first name | both names mistyped or respelled (Maksom Sokołow, Maksim Sololov) |
/// | all the words of a name, sorted; each two of a three-word name's | the name split at another word (Thanh \| Lan Pham, Thanh Lan \| PHAM), a word left out (Bui Linh, Linh Bui Thanh) |
/// | the surname's East Slavic form + first-name key | the Russian or Belarusian form (Miedwiediew, Medvedev; Marozau, Morozov) |
///
/// Cyrillic names with no Ukrainian letter are keyed under both readings (`NameCatalogue.russianSkeletonOfSpelling`).
/// A birth date marked ambiguous (03.04 could be 04.03) is keyed both ways. A key shared by more than
/// `maxBlockSize` records (a quarter of that for the surname-sound + first-name key) gives no pairs (a common name
/// cannot explode the count); its records still meet through
/// their other keys. Pairs found by several keys are compared once.
struct Blocking {
    /// Candidate pairs as `a << 32 | b` with `a < b`, sorted, each once.
    var pairs: [UInt64]
    /// Keys left out because too many records shared them.
    var skippedBlocks: Int

    init(_ records: PreparedRecords, maxBlockSize: Int) {
        let keys = KeyMaker(records: records)
        // Made in parallel chunks of records and joined in record order: the same entries as one pass would make.
        var entries = Parallel.chunked(records.count) { range -> [Entry] in
            var part: [Entry] = []
            part.reserveCapacity(range.count * 16)
            for i in range { keys.keys(of: i) { part.append(Entry(key: $0, record: UInt32(i))) } }
            return part
        }.flatMap { $0 }
        RadixSort.sort(&entries) { $0.key }
        var pairs: [UInt64] = []
        pairs.reserveCapacity(records.count * 4)
        var skipped = 0
        var start = 0
        var members: [UInt64] = []
        while start < entries.count {
            var end = start + 1
            while end < entries.count, entries[end].key == entries[start].key { end += 1 }
            members.removeAll(keepingCapacity: true)
            for k in start..<end where members.last != UInt64(entries[k].record) {
                members.append(UInt64(entries[k].record))
            }
            let limit = KeyMaker.isLoose(entries[start].key) ? maxBlockSize / KeyMaker.looseKeyDivisor : maxBlockSize
            if members.count > limit {
                skipped += 1
            } else if members.count > 1 {
                for x in 0..<(members.count - 1) {
                    for y in (x + 1)..<members.count { pairs.append(members[x] << 32 | members[y]) }
                }
            }
            start = end
        }
        entries = []
        RadixSort.sort(&pairs)
        var unique = 0
        for pair in pairs where unique == 0 || pairs[unique - 1] != pair {
            pairs[unique] = pair
            unique += 1
        }
        pairs.removeLast(pairs.count - unique)
        self.pairs = pairs
        skippedBlocks = skipped
    }

    /// A record's key; entries are made in record order, so a stable sort by key keeps records in order per key.
    private struct Entry {
        var key: UInt64
        var record: UInt32
    }
}

/// The blocking keys of one record, as 64-bit values: the key kind in the top four bits, the key below.
private struct KeyMaker {
    let records: PreparedRecords
    /// First-name key: the first class of the skeleton when it has one (so Oleksandr meets Aleksandr), else the
    /// skeleton; class keys are numbered after the skeletons.
    let firstKeyOfSkeleton: [UInt32]

    init(records: PreparedRecords) {
        self.records = records
        let names = records.names
        let skeletons = names.skeletonCount
        firstKeyOfSkeleton = (0..<skeletons).map { s in
            names.classes(ofSkeleton: Int32(s)).first.map { UInt32(skeletons) + UInt32($0) } ?? UInt32(s)
        }
    }

    private enum Kind: UInt64 {
        case pesel = 0, email, phone, document, birthName, namesEitherOrder, lastFirst, phoneticLastYear, phoneticLastFirst, birthPhoneticFirst
        case allWords, slavicLastFirst
    }

    private func key(_ kind: Kind, _ value: UInt64) -> UInt64 { kind.rawValue << 60 | value }

    /// Keys of a surname's sound with a first name: looser than the others (a common surname's sound with a common
    /// first name holds many persons), so their blocks are kept only when this many times smaller than
    /// `maxBlockSize`; at a million records larger ones made most of the compared pairs and almost no links.
    static let looseKeyDivisor = 4

    static func isLoose(_ key: UInt64) -> Bool { key >> 60 == Kind.phoneticLastFirst.rawValue }

    func keys(of i: Int, _ emit: (UInt64) -> Void) {
        if records.pesel[i] >= 0 { emit(key(.pesel, UInt64(records.pesel[i]))) }
        if records.email[i] >= 0 { emit(key(.email, UInt64(records.email[i]))) }
        if records.phone[i] >= 0 { emit(key(.phone, UInt64(records.phone[i]))) }
        if records.document[i] >= 0 { emit(key(.document, UInt64(records.document[i]))) }

        let names = records.names
        let first = skeletons(records.firstName[i])
        let last = skeletons(records.lastName[i])
        let firstKeys = first.map { UInt64(firstKeyOfSkeleton[Int($0)]) }

        var dates: [Int32] = []
        let date = records.birthDate[i]
        if date >= 0 {
            dates.append(date)
            let (month, day) = (date / 100 % 100, date % 100)
            if records.birthDateAmbiguous[i], day <= 12, day != month {
                dates.append(date / 10_000 * 10_000 + day * 100 + month)
            }
        }
        // Birth date with either name, whatever its column: a record with swapped names still meets its others.
        let classKeys = Set((first + last).map { UInt64(firstKeyOfSkeleton[Int($0)]) }).subtracting(
            (first + last).map(UInt64.init))
        for date in dates {
            for s in last + first { emit(key(.birthName, UInt64(date) << 32 | UInt64(s))) }
            for k in classKeys.sorted() { emit(key(.birthName, UInt64(date) << 32 | k)) }
        }
        for f in first {
            for l in last { emit(key(.namesEitherOrder, UInt64(min(f, l)) << 30 | UInt64(max(f, l)))) }
        }
        // Either column may hold the surname (swapped records): each name's skeleton with the other's first-name key.
        var lastFirst: [UInt64] = []
        for l in last {
            for k in firstKeys { lastFirst.append(UInt64(l) << 30 | k) }
        }
        for f in first {
            for l in last { lastFirst.append(UInt64(f) << 30 | UInt64(firstKeyOfSkeleton[Int(l)])) }
        }
        for k in Set(lastFirst).sorted() { emit(key(.lastFirst, k)) }
        // The surname in its other East Slavic form (Miedwiediew, Medvedev; Kobzishin, Kobzyshyn; Dżaparidze,
        // Japaridze: `NameCatalogue.slavicForm`) with the first name's key.
        var slavic: [UInt64] = []
        for l in last {
            for k in firstKeys { slavic.append(UInt64(names.slavicFormOfSkeleton[Int(l)]) << 30 | k) }
        }
        for k in Set(slavic).sorted() { emit(key(.slavicLastFirst, k)) }
        // A name of three words or more split at another word (Thanh | Lan Pham, Thanh Lan | PHAM; Nguyen | Van
        // Phuc, VAN | PHUC NGUYEN): its words, sorted, whatever the columns. A name of three words also meets the
        // same name written with one word left out (Linh Bui Thanh, Bui Linh; Dung Tran Minh, TRAN Dung): each two
        // of its words, sorted, against the two words of a two-word name.
        if let own = first.first, let other = last.first {
            let words = (names.words(ofSkeleton: own) + names.words(ofSkeleton: other)).map(Array.init)
                .sorted { $0.lexicographicallyPrecedes($1) }
            func hash(_ words: [[UInt32]]) -> UInt64 {
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                for word in words {
                    for letter in word + [32] {
                        hash ^= UInt64(letter)
                        hash &*= 0x100_0000_01b3
                    }
                }
                return hash >> 4
            }
            if words.count >= 2 { emit(key(.allWords, hash(words))) }
            if words.count == 3 {
                for left in 0..<3 {
                    emit(key(.allWords, hash(words.enumerated().filter { $0.offset != left }.map(\.element))))
                }
            }
        }
        let spelling = records.lastName[i]
        let lastCodes = spelling >= 0 ? names.blockingCodes(ofSpelling: spelling).prefix(4) : []
        if date >= 0 {
            for code in lastCodes { emit(key(.phoneticLastYear, UInt64(code) << 16 | UInt64(date / 10_000))) }
        }
        for code in lastCodes {
            for k in Set(firstKeys).sorted() { emit(key(.phoneticLastFirst, UInt64(code) << 30 | k)) }
        }
        let firstSpelling = records.firstName[i]
        if firstSpelling >= 0 {
            for date in dates {
                for code in names.phoneticCodes(ofSpelling: firstSpelling).prefix(4) {
                    emit(key(.birthPhoneticFirst, UInt64(date) << 24 | UInt64(code)))
                }
            }
        }
    }

    /// A spelling's skeletons: its own and, for Cyrillic without Ukrainian letters, its Russian reading.
    private func skeletons(_ spelling: Int32) -> [Int32] {
        guard spelling >= 0 else { return [] }
        let (own, russian) = records.names.skeletons(of: spelling)
        return russian >= 0 ? [own, russian] : [own]
    }
}
