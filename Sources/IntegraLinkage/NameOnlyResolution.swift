import Foundation

/// Joins records that carry a name and nothing else — information-point clients — after the scored links.
///
/// A consultation log holds a client's name, perhaps a citizenship, and nothing the model could weigh beside it, so
/// a pair of such records rarely reaches the match threshold however well the names agree (the prior of two records
/// being one person is about one in the number of records). Yet one client's visits to one partner are one person,
/// whoever wrote them: Batihushko, Batigushko, Батігушко, in capitals, with a patronymic, Helen or Olena. Here the
/// evidence such records do have is weighed:
///
/// - **the same partner**: a client comes back to the same information point. Name-only records join each other
///   within one partner (`source`) only; a name-only group joins a person of another partner only as a likely
///   visitor (step 3 below, `name-only-other-partner`);
/// - **the name**: the surname the same name in any script, romanisation or Belarusian/Russian form, swapped with the
///   first name, or a typing slip away; the first name the same, of the same class (Helen, Olena) or a slip away (a
///   looser slip, Okha for Olha, only beside the same surname); or
///   the same words split at another place (Thanh | Lan Pham, Thanh Lan | PHAM). Blocking pairs records by name and
///   birth date, so pairs of one partner whose name parts are a slip apart are added (`slipPairs`);
/// - **no contradiction**: a known sex or citizenship that differs keeps two records apart, and so do patronymics
///   naming different fathers (Nataliia Petrivna, Nataliia Volodymyrivna: `PreparedRecords.patronymicKey`);
/// - **how rare the name is**: the partner's expected namesakes are its persons × the name's share (surname share ×
///   first-name share, taken the right way round when a consultant wrote the surname first, or the share of other
///   records bearing this very name when higher, both shrunk towards typical shares). The probability of a join is
///   1 / (1 + that).
///
/// The steps: name-only clusters of one partner whose records are alike join into groups, most probable pairs first
/// (never across a coordinator's cannot-link, a differing sex or citizenship). A join below the match threshold is
/// still made — counting one client's visits as several persons is the worse error — but listed for review. Then
/// each group joins the one person of that partner with more than a name and an alike name (a course participant,
/// "Liubov Onyshchuk" on the roll with a birth date, or a roll row kept with the surname alone), when that is likelier
/// than a namesake (the probability reaches the review floor). When two or more such persons qualify (namesakes with
/// different birth dates), or the name is too common, the group stays a person of its own and the candidates go to
/// review. Last, a group still of its own joins the one person of another partner bearing its very name when the
/// programme's own counts say a visitor is likelier than a namesake (the odds are worked out in step 3).
///
/// ```swift
/// let resolution = NameOnlyResolution(prepared: prepared, sources: sources, candidates: pairs, patterns: patterns,
///                                     root: root, cannotLink: cannot, matchThreshold: 0.9, reviewFloor: 0.5)
/// resolution.root     // the clusters after the joins
/// resolution.links    // each join with its probability, `decidedBy: "name-only"`
/// ```
struct NameOnlyResolution {
    /// A join (or a candidate left for review), in canonical record indices.
    struct Join {
        var a: Int32
        var b: Int32
        var pattern: ComparisonPattern
        var probability: Double
        /// `name-only`; in review also `name-only-ambiguous` (another person qualified too), `name-only-common-name`
        /// (likelier a namesake) and `name-only-other-partner`.
        var decidedBy: String
    }

    private(set) var root: [Int32]
    private(set) var links: [Join] = []
    private(set) var review: [Join] = []

    init(
        prepared: PreparedRecords, sources: [Int32], candidates: [UInt64], patterns: [ComparisonPattern],
        root initialRoot: [Int32], cannotLink: Set<UInt64>, matchThreshold: Double, reviewFloor: Double
    ) {
        let n = prepared.count
        root = initialRoot
        guard n > 1 else { return }
        let nameOnly = Self.nameOnly(prepared)
        // A cluster is name-only when every record in it is.
        var clusterNameOnly = [Bool](repeating: true, count: n)
        for i in 0..<n where !nameOnly[i] { clusterNameOnly[Int(initialRoot[i])] = false }
        guard nameOnly.contains(true) else { return }

        // Shares of surnames and first names over the programme, and persons per partner.
        let names = prepared.names
        var surnameCount: [Int32: Int] = [:]
        var firstCount: [Int32: Int] = [:]
        var fullNameCount: [UInt64: Int] = [:]
        var recordsWithNames = 0
        /// Record i's name as (first name, surname) spellings, turned round when its columns hold them the other way
        /// (a consultant who writes the surname first: Das | Mohammed): the way whose parts are the commoner surname
        /// and first name.
        var oriented: [(first: Int32, last: Int32)] = []
        func fullName(_ i: Int) -> UInt64 {
            UInt64(UInt32(bitPattern: names.skeletonOfSpelling[Int(oriented[i].last)])) << 32
                | UInt64(UInt32(bitPattern: Self.firstNameKey(names, oriented[i].first)))
        }
        for i in 0..<n where prepared.firstName[i] >= 0 && prepared.lastName[i] >= 0 {
            recordsWithNames += 1
            surnameCount[names.skeletonOfSpelling[Int(prepared.lastName[i])], default: 0] += 1
            firstCount[Self.firstNameKey(names, prepared.firstName[i]), default: 0] += 1
        }
        oriented = (0..<n).map { i in
            let (first, last) = (prepared.firstName[i], prepared.lastName[i])
            guard first >= 0, last >= 0 else { return (first, last) }
            func weight(_ first: Int32, _ last: Int32) -> Int {
                (surnameCount[names.skeletonOfSpelling[Int(last)]] ?? 0) * (firstCount[Self.firstNameKey(names, first)] ?? 0)
            }
            return weight(last, first) > weight(first, last) ? (last, first) : (first, last)
        }
        for i in 0..<n where prepared.firstName[i] >= 0 && prepared.lastName[i] >= 0 {
            fullNameCount[fullName(i), default: 0] += 1
        }
        // Members of each current cluster, for checking cannot-link decisions and contradictions when two join.
        var members: [Int32: [Int32]] = [:]
        for i in 0..<n { members[initialRoot[i], default: []].append(Int32(i)) }
        var personsOfSource: [Int32: Set<Int32>] = [:]
        for i in 0..<n { personsOfSource[sources[i], default: []].insert(initialRoot[i]) }
        let total = Double(max(recordsWithNames, 1))
        /// The share of records that would bear record i's name by chance: surname share × first-name share, or the
        /// share of records outside the clusters `apart` that bear this very name, when that is higher (first names
        /// and surnames go together by nationality: Aishwarya Joshi is commoner than Aishwarya × Joshi).
        func share(_ i: Int, apart: [Int32] = []) -> Double {
            // The right way round: a consultant who writes the surname first (Das | Mohammed) must not make a
            // common name look rare.
            let (first, last) = oriented[i]
            let s = smoothed(surnameCount[names.skeletonOfSpelling[Int(last)]] ?? 1, Self.surnamePrior)
            let f = smoothed(firstCount[Self.firstNameKey(names, first)] ?? 1, Self.firstNamePrior)
            let independent = s * f
            guard !apart.isEmpty else { return independent }
            let key = fullName(i)
            var others = fullNameCount[key] ?? 0
            for cluster in Set(apart) {
                for r in members[cluster] ?? [] where prepared.firstName[Int(r)] >= 0 && prepared.lastName[Int(r)] >= 0 {
                    if fullName(Int(r)) == key { others -= 1 }
                }
            }
            return max(independent, Double(max(others, 0)) / (total + Self.pseudoRecords))
        }
        /// A count's share, shrunk towards a typical share as `pseudoRecords` records of it would (in a project of a
        /// few records every name is "common").
        func smoothed(_ count: Int, _ prior: Double) -> Double {
            (Double(count) + Self.pseudoRecords * prior) / (total + Self.pseudoRecords)
        }
        /// The chance that two records of one partner with alike names are one person: 1 / (1 + the partner's
        /// expected namesakes).
        func probability(_ a: Int, _ b: Int, apart: [Int32] = []) -> Double {
            let persons = Double(personsOfSource[sources[a]]?.count ?? 1)
            return 1 / (1 + persons * max(share(a, apart: apart), share(b, apart: apart)))
        }

        // Alike pairs of one partner with a name-only side.
        var alike: [(k: Int, a: Int32, b: Int32)] = []
        var across: [(k: Int, a: Int32, b: Int32)] = []
        var surnameOnly: [(k: Int, a: Int32, b: Int32)] = []
        for (k, candidate) in candidates.enumerated() {
            let a = Int32(candidate >> 32)
            let b = Int32(candidate & 0xFFFF_FFFF)
            guard nameOnly[Int(a)] || nameOnly[Int(b)], !cannotLink.contains(candidate) else { continue }
            if sources[Int(a)] == sources[Int(b)], sources[Int(a)] >= 0 {
                let oneWordFirstNames = [a, b].allSatisfy { r in
                    let first = prepared.firstName[Int(r)]
                    return first >= 0 && !names.severalWords[Int(names.skeletonOfSpelling[Int(first)])]
                }
                if Self.alike(patterns[k], looseFirstName: oneWordFirstNames)
                    || Self.sameWords(names, prepared, Int(a), Int(b), patterns[k])
                {
                    alike.append((k, a, b))
                } else if Self.surnameOnly(prepared, nameOnly, Int(a), Int(b), patterns[k]) {
                    surnameOnly.append((k, a, b))
                }
            } else if Self.sameName(patterns[k]) {
                across.append((k, a, b))
            }
        }
        guard !alike.isEmpty || !across.isEmpty || !surnameOnly.isEmpty else { return }

        var parent = initialRoot
        func find(_ x: Int32) -> Int32 {
            var x = x
            while parent[Int(x)] != x {
                parent[Int(x)] = parent[Int(parent[Int(x)])]
                x = parent[Int(x)]
            }
            return x
        }
        let sex = prepared.sex
        let citizenship = prepared.citizenship
        let patronymic = prepared.patronymic
        func canJoin(_ x: Int32, _ y: Int32) -> Bool {
            let (mx, my) = (members[x] ?? [], members[y] ?? [])
            for a in mx {
                for b in my {
                    let key = UInt64(min(a, b)) << 32 | UInt64(max(a, b))
                    if cannotLink.contains(key) { return false }
                    if sex[Int(a)] >= 0, sex[Int(b)] >= 0, sex[Int(a)] != sex[Int(b)] { return false }
                    if citizenship[Int(a)] >= 0, citizenship[Int(b)] >= 0, citizenship[Int(a)] != citizenship[Int(b)] {
                        return false
                    }
                    if patronymic[Int(a)] >= 0, patronymic[Int(b)] >= 0, patronymic[Int(a)] != patronymic[Int(b)] {
                        return false
                    }
                }
            }
            return true
        }
        func union(_ x: Int32, _ y: Int32) {
            let (keep, gone) = x < y ? (x, y) : (y, x)
            parent[Int(gone)] = keep
            clusterNameOnly[Int(keep)] = clusterNameOnly[Int(keep)] && clusterNameOnly[Int(gone)]
            members[keep, default: []] += members[gone] ?? []
            members[gone] = nil
        }

        // 1. Name-only clusters of one partner join each other, most probable pairs first.
        let between = alike.filter { nameOnly[Int($0.a)] && nameOnly[Int($0.b)] }
            .map { (pair: $0, p: probability(Int($0.a), Int($0.b))) }
            .sorted { ($0.p, $1.pair.a, $1.pair.b) > ($1.p, $0.pair.a, $0.pair.b) }
        for (pair, p) in between {
            let (x, y) = (find(pair.a), find(pair.b))
            guard x != y, clusterNameOnly[Int(x)], clusterNameOnly[Int(y)], canJoin(x, y) else { continue }
            union(x, y)
            let join = Join(a: pair.a, b: pair.b, pattern: patterns[pair.k], probability: p, decidedBy: "name-only")
            links.append(join)
            if p < matchThreshold { review.append(join) }
        }

        // 2. Each group joins the one person of its partner with more than a name whose record is alike.
        var offers: [Int32: [Int32: (k: Int, a: Int32, b: Int32, p: Double)]] = [:]
        for pair in alike where nameOnly[Int(pair.a)] != nameOnly[Int(pair.b)] {
            let (loose, known) = nameOnly[Int(pair.a)] ? (pair.a, pair.b) : (pair.b, pair.a)
            let (group, person) = (find(loose), find(known))
            guard group != person, clusterNameOnly[Int(group)], !clusterNameOnly[Int(person)] else { continue }
            let p = probability(Int(pair.a), Int(pair.b), apart: [group, person])
            if let best = offers[group]?[person], best.p >= p { continue }
            offers[group, default: [:]][person] = (pair.k, pair.a, pair.b, p)
        }
        // A record kept without its first name (a roll row with only the surname and a birth date) is offered the
        // name-only groups of its partner with that surname that no person with their whole name is offered; the
        // chance of a namesake is the surname's alone.
        let offered = Set(offers.keys)
        for pair in surnameOnly {
            let (loose, known) = nameOnly[Int(pair.a)] ? (pair.a, pair.b) : (pair.b, pair.a)
            let (group, person) = (find(loose), find(known))
            guard group != person, clusterNameOnly[Int(group)], !clusterNameOnly[Int(person)], !offered.contains(group)
            else { continue }
            let surname = names.skeletonOfSpelling[Int(prepared.lastName[Int(known)])]
            let persons = Double(personsOfSource[sources[Int(known)]]?.count ?? 1)
            let p = 1 / (1 + persons * smoothed(surnameCount[surname] ?? 1, Self.surnamePrior))
            if let best = offers[group]?[person], best.p >= p { continue }
            offers[group, default: [:]][person] = (pair.k, pair.a, pair.b, p)
        }
        for group in offers.keys.sorted() {
            let persons = offers[group]!.keys.filter { canJoin(find(group), find($0)) }.sorted()
            guard !persons.isEmpty else { continue }
            if persons.count == 1, offers[group]![persons[0]]!.p >= reviewFloor {
                let offer = offers[group]![persons[0]]!
                union(find(group), find(persons[0]))
                let join = Join(
                    a: offer.a, b: offer.b, pattern: patterns[offer.k], probability: offer.p, decidedBy: "name-only")
                links.append(join)
                if offer.p < matchThreshold { review.append(join) }
            } else {
                for person in persons {
                    let offer = offers[group]![person]!
                    review.append(
                        Join(
                            a: offer.a, b: offer.b, pattern: patterns[offer.k], probability: offer.p / Double(persons.count),
                            decidedBy: persons.count > 1 ? "name-only-ambiguous" : "name-only-common-name"))
                }
            }
        }
        // 3. Across partners: a client of another partner's information point. A name-only group is either a person
        // of its own or a person with more than a name from another partner who came by (a visitor). It is offered
        // the k persons of other partners bearing its very name (no slip). A person of its own meets such namesakes
        // by chance, Poisson with mean μ; a visitor meets itself besides. μ is weighed, not assumed:
        // - a prior worth one draw of the Q persons with more than a name, whose mean is Q × the name's share from
        //   its parts × how crowded such names are in this programme (`crowding`: pairs of persons whose birth dates
        //   differ and whose names are the same, against the pairs the shares foresee, by band and citizenship —
        //   among 100 000 persons the same full names recur far more often than their parts' shares say);
        // - updated by the m other bearers of the name found beside the offers (persons of the group's own partner,
        //   other name-only groups): μ ~ Gamma(α, β), α = prior mean + m, β = 1 + (groups + persons of the partner) / Q.
        // Integrated over μ (negative binomial), a group offered k persons is a visitor with the odds
        // λ / (1 − λ) · k (1 + β) / (k − 1 + α). λ, the share of visitors among the groups, and a scale of the prior
        // mean are fitted to all groups by maximum likelihood (`visitorModel`). Among 3 000 persons a name borne by no
        // one else makes a visitor likely; among 100 000 the same names recur and a name alone decides next to
        // nothing. A group offered one person joins it from `match_threshold` up, as a scored pair would: on
        // generated programmes of 20 000 persons the chances were overstated about twofold in odds, so the review
        // floor would join more namesakes than visitors. From half the review floor up (the chance that the group is
        // a visitor at all) the pairs go to review. Two name-only groups at two partners are only ever reviewed.
        if !across.isEmpty {
            var persons = 0
            var groups = 0
            for i in 0..<n where find(Int32(i)) == Int32(i) {
                if clusterNameOnly[i] { groups += 1 } else { persons += 1 }
            }
            let programmePersons = Double(persons + groups)
            var visits: [Int32: [Int32: (k: Int, a: Int32, b: Int32, share: Double)]] = [:]
            var reviewOffers: [UInt64: (k: Int, a: Int32, b: Int32, share: Double)] = [:]
            for pair in across {
                let (x, y) = (find(pair.a), find(pair.b))
                guard x != y, clusterNameOnly[Int(x)] || clusterNameOnly[Int(y)] else { continue }
                if clusterNameOnly[Int(x)] != clusterNameOnly[Int(y)] {
                    let (group, person) = clusterNameOnly[Int(x)] ? (x, y) : (y, x)
                    guard canJoin(group, person) else { continue }
                    let groupRecord = clusterNameOnly[Int(x)] ? pair.a : pair.b
                    let share = share(Int(groupRecord))
                    if let best = visits[group]?[person], best.share <= share { continue }
                    visits[group, default: [:]][person] = (pair.k, groupRecord, groupRecord == pair.a ? pair.b : pair.a, share)
                } else {
                    let share = max(share(Int(pair.a), apart: [x, y]), share(Int(pair.b), apart: [x, y]))
                    let key = UInt64(UInt32(bitPattern: min(x, y))) << 32 | UInt64(UInt32(bitPattern: max(x, y)))
                    if let best = reviewOffers[key], best.share <= share { continue }
                    reviewOffers[key] = (pair.k, pair.a, pair.b, share)
                }
            }
            let q = Double(max(persons, 1))
            // How crowded names are, measured on the persons whose birth dates tell namesakes apart: pairs of
            // persons with more than a name, the same name (as the offers have it) and birth dates that differ,
            // against the pairs the names' shares foresee, by band of expected namesakes.
            func band(_ expected: Double) -> Int { Int(log2(max(expected, 1e-9)).rounded(.down)) }
            var namesakePairs = Set<UInt64>()
            var observed: [Int: Double] = [:]
            var observedBy: [Int: Double] = [:]
            for (k, candidate) in candidates.enumerated() {
                let (a, b) = (Int32(candidate >> 32), Int32(candidate & 0xFFFF_FFFF))
                guard prepared.birthDate[Int(a)] >= 0, prepared.birthDate[Int(b)] >= 0,
                    prepared.firstName[Int(a)] >= 0, prepared.lastName[Int(a)] >= 0,
                    patterns[k].pesel != .equal, patterns[k][.birthDate] == DateLevel.different,
                    Self.sameName(patterns[k])
                else { continue }
                let (x, y) = (find(a), find(b))
                guard x != y else { continue }
                let key = UInt64(UInt32(bitPattern: min(x, y))) << 32 | UInt64(UInt32(bitPattern: max(x, y)))
                if namesakePairs.insert(key).inserted {
                    let b = band(q * share(Int(a)))
                    observed[b, default: 0] += 1
                    observedBy[Self.nationalBand(b, citizenship[Int(a)]), default: 0] += 1
                }
            }
            var foreseen: [Int: Double] = [:]
            var foreseenBy: [Int: Double] = [:]
            for i in 0..<n where !nameOnly[i] && prepared.birthDate[i] >= 0 && find(Int32(i)) == Int32(i)
                && prepared.firstName[i] >= 0 && prepared.lastName[i] >= 0
            {
                let expected = q * share(i)
                foreseen[band(expected), default: 0] += expected / 2
                foreseenBy[Self.nationalBand(band(expected), citizenship[i]), default: 0] += expected / 2
            }
            // Summed in key order: the same bits in every run.
            let allObserved = observed.keys.sorted().reduce(0) { $0 + observed[$1]! }
            let allForeseen = foreseen.keys.sorted().reduce(0) { $0 + foreseen[$1]! }
            let overall = allForeseen > 0 ? max(allObserved / allForeseen, 0.01) : 1
            /// Observed over foreseen namesake pairs for a name of this band and citizenship (names of one
            /// nationality go together: few Vietnamese surnames, Georgian first names with Georgian surnames), shrunk
            /// towards the band's ratio, and that towards the overall one, as 5 foreseen pairs would.
            func crowding(_ expected: Double, _ nationality: Int32) -> Double {
                let b = band(expected)
                let ofBand = ((observed[b] ?? 0) + 5 * overall) / ((foreseen[b] ?? 0) + 5)
                let key = Self.nationalBand(b, nationality)
                return ((observedBy[key] ?? 0) + 5 * ofBand) / ((foreseenBy[key] ?? 0) + 5)
            }
            // The other bearers of each offered group's name, as the offers are found (the same name, no slip): any
            // person or group of the programme but the group and its offers.
            var bearersOf: [Int32: Set<Int32>] = [:]
            for (k, candidate) in candidates.enumerated() where Self.sameName(patterns[k]) {
                let (x, y) = (find(Int32(candidate >> 32)), find(Int32(candidate & 0xFFFF_FFFF)))
                guard x != y else { continue }
                if clusterNameOnly[Int(x)], visits[x]?[y] == nil { bearersOf[x, default: []].insert(y) }
                if clusterNameOnly[Int(y)], visits[y]?[x] == nil { bearersOf[y, default: []].insert(x) }
            }
            // Persons with more than a name per partner: the others of the programme bearing a group's name are
            // drawn from those of its own partner and from all name-only groups.
            var personsOfPartner: [Int32: Int] = [:]
            for i in 0..<n where find(Int32(i)) == Int32(i) && !clusterNameOnly[i] {
                personsOfPartner[sources[i], default: 0] += 1
            }
            // Every name-only group: its offers k, the other bearers m, the prior's expected namesakes, β.
            var groupRoots: [Int32] = []
            var counts: [(k: Int, m: Int, expected: Double, beta: Double)] = []
            for i in 0..<n where find(Int32(i)) == Int32(i) && clusterNameOnly[i] {
                let group = Int32(i)
                let record: Int32
                if let offers = visits[group] {
                    record = offers.values.min { ($0.share, $0.a) < ($1.share, $1.a) }!.a
                } else {
                    record = (members[group] ?? [group]).min { (share(Int($0)), $0) < (share(Int($1)), $1) }!
                }
                let expected = q * share(Int(record))
                groupRoots.append(group)
                counts.append(
                    (visits[group]?.count ?? 0, bearersOf[group]?.count ?? 0, crowding(expected, citizenship[Int(record)]) * expected,
                     1 + Double(groups + (personsOfPartner[sources[i]] ?? 0)) / q))
            }
            let model = Self.visitorModel(counts)
            var evidence: [Int32: Double] = [:]
            for (g, group) in groupRoots.enumerated() where counts[g].k > 0 { evidence[group] = model.evidence[g] }
            let visitors = model.visitors
            for group in visits.keys.sorted() {
                let offers = visits[group]!
                let people = offers.keys.sorted()
                let k = people.count
                let odds = visitors / (1 - visitors) * evidence[group]!
                let p = odds / (1 + odds) / Double(k)
                if people.count == 1, p >= matchThreshold, canJoin(find(group), find(people[0])) {
                    let offer = offers[people[0]]!
                    union(find(group), find(people[0]))
                    let join = Join(
                        a: offer.a, b: offer.b, pattern: patterns[offer.k], probability: p,
                        decidedBy: "name-only-other-partner")
                    links.append(join)
                } else if p * Double(k) >= reviewFloor / 2 {
                    for person in people {
                        let offer = offers[person]!
                        review.append(
                            Join(
                                a: offer.a, b: offer.b, pattern: patterns[offer.k], probability: p,
                                decidedBy: "name-only-other-partner"))
                    }
                }
            }
            // Two name-only groups at two partners: the chance that no other person of the programme bears the
            // name, its expected namesakes calibrated as above; reviewed from the review floor up.
            for key in reviewOffers.keys.sorted() {
                let offer = reviewOffers[key]!
                let namesakes = programmePersons * offer.share * crowding(q * offer.share, citizenship[Int(offer.a)])
                let p = 1 / (1 + namesakes)
                guard p >= reviewFloor else { continue }
                review.append(
                    Join(
                        a: offer.a, b: offer.b, pattern: patterns[offer.k], probability: p,
                        decidedBy: "name-only-other-partner"))
            }
        }
        for i in 0..<n { root[i] = find(Int32(i)) }
    }

    /// The share λ of name-only groups that are visitors from another partner, and each group's likelihood ratio
    /// (visitor against a person of its own), fitted to all name-only groups at once. A group is offered k persons of
    /// other partners bearing its name and m other bearers are found; its namesakes among the offered are Poisson
    /// with mean μ ~ Gamma(α = c · expected + m, β), so k is negative binomial for a person of its own and k − 1 for a
    /// visitor. The scale c of the expected namesakes (how much more crowded names are than the shares and the
    /// calibration by birth dates say) is chosen on a grid of powers of √2 from 1/8 to 64, λ by
    /// expectation–maximisation for each c, the pair of the highest likelihood kept: the groups offered nobody, or
    /// several persons, tell the model how often names meet by chance.
    ///
    /// ```swift
    /// let model = NameOnlyResolution.visitorModel([(k: 1, m: 0, expected: 0.02, beta: 1.5), (k: 0, m: 0, expected: 0.03, beta: 1.5)])
    /// model.visitors       // λ
    /// model.evidence[0]    // the first group's likelihood ratio
    /// ```
    static func visitorModel(_ groups: [(k: Int, m: Int, expected: Double, beta: Double)]) -> (
        visitors: Double, evidence: [Double]
    ) {
        guard groups.contains(where: { $0.k > 0 }) else { return (0, groups.map { _ in 1 }) }
        /// log P(k) under the negative binomial of shape α and rate β.
        func logNB(_ k: Int, _ alpha: Double, _ beta: Double) -> Double {
            let kk = Double(k)
            return lgamma(kk + alpha) - lgamma(alpha) - lgamma(kk + 1) + alpha * log(beta / (1 + beta))
                - kk * log(1 + beta)
        }
        var best: (logLikelihood: Double, visitors: Double, evidence: [Double])?
        for step in -6...12 {
            let scale = pow(2, Double(step) / 2)
            var own: [Double] = []
            var visitor: [Double] = []
            own.reserveCapacity(groups.count)
            visitor.reserveCapacity(groups.count)
            for group in groups {
                let alpha = max(scale * group.expected + Double(group.m), 1e-6)
                own.append(exp(logNB(group.k, alpha, group.beta)))
                visitor.append(group.k > 0 ? exp(logNB(group.k - 1, alpha, group.beta)) : 0)
            }
            var lambda = 0.05
            for _ in 0..<1000 {
                var sum = 0.0
                for (o, v) in zip(own, visitor) where v > 0 {
                    sum += lambda * v / (lambda * v + (1 - lambda) * o)
                }
                let next = min(sum / Double(groups.count), 0.99)
                if abs(next - lambda) < 1e-10 { lambda = next; break }
                lambda = next
            }
            var logLikelihood = 0.0
            for (o, v) in zip(own, visitor) { logLikelihood += log(max((1 - lambda) * o + lambda * v, 1e-300)) }
            if best == nil || logLikelihood > best!.logLikelihood {
                best = (logLikelihood, lambda, zip(own, visitor).map { $1 / max($0, 1e-300) })
            }
        }
        return (best!.visitors, best!.evidence)
    }

    /// A band of expected namesakes and a citizenship (−1 unknown) as one key.
    static func nationalBand(_ band: Int, _ citizenship: Int32) -> Int { (Int(citizenship) + 1) * 1_000 + band + 500 }

    /// How many records the typical shares below are worth.
    static let pseudoRecords = 1000.0
    /// A typical surname's share (the commonest Ukrainian surnames hold about 0.5 % each) and a typical first name's.
    static let surnamePrior = 0.002
    static let firstNamePrior = 0.02

    /// Pairs of records of one partner, one of them name-only, with a name part (surname or first name, either
    /// column) a typing slip apart from one of the other's (Bondar, Bondpr; Kovbenko, KOVBRNKO; Zakhuik Svitlana, Svitlana
    /// Zakhiuk) and that `besides` (sorted candidate pairs) does not hold: the deletion
    /// neighbourhoods of the skeletons (`NameCatalogue.deletions`) keyed by partner. A key shared by more than
    /// `largestSlipBlock` records gives no pairs (a common surname at a large partner).
    static func slipPairs(
        _ prepared: PreparedRecords, sources: [Int32], nameOnly: [Bool], besides: [UInt64]
    ) -> [UInt64] {
        let withNameOnly = Set((0..<prepared.count).filter { nameOnly[$0] }.map { sources[$0] })
        guard !withNameOnly.isEmpty else { return [] }
        let names = prepared.names
        // Each skeleton's deletion neighbourhood as 64-bit hashes of its texts (FNV-1a), worked out once; a block is
        // the records of one partner sharing a hash. Sorting (hash, record) pairs replaces a dictionary of text keys
        // (two million of them at programme scale). Two texts with one hash would put their records in one block:
        // at most a few more candidate pairs, each still scored; with 64 bits it does not happen in practice.
        var skeletonKeys: [Int32: [UInt64]] = [:]
        var keyed: [(key: UInt64, record: Int32)] = []
        var variants: [UInt64] = []
        // Either name part: a record with swapped names meets its others too.
        for i in 0..<prepared.count where withNameOnly.contains(sources[i]) {
            variants.removeAll(keepingCapacity: true)
            for spelling in [prepared.lastName[i], prepared.firstName[i]] where spelling >= 0 {
                let skeleton = names.skeletonOfSpelling[Int(spelling)]
                if skeletonKeys[skeleton] == nil {
                    let letters = names.words(ofSkeleton: skeleton).map {
                        String(String.UnicodeScalarView($0.compactMap(Unicode.Scalar.init)))
                    }
                    skeletonKeys[skeleton] = NameCatalogue.deletions(letters.joined(separator: " ")).map(Self.fnv1a)
                }
                variants += skeletonKeys[skeleton]!
            }
            variants.sort()
            let partner = UInt64(UInt32(bitPattern: sources[i])) &* 0x9E37_79B9_7F4A_7C15
            var previous: UInt64?
            for variant in variants where variant != previous {
                previous = variant
                keyed.append((Self.mix(variant ^ partner), Int32(i)))
            }
        }
        RadixSort.sort(&keyed, key: \.key)
        var pairs: [UInt64] = []
        var start = 0
        while start < keyed.count {
            var end = start + 1
            while end < keyed.count, keyed[end].key == keyed[start].key { end += 1 }
            let count = end - start
            if count > 1 && count <= largestSlipBlock {
                for x in start..<(end - 1) {
                    for y in (x + 1)..<end where nameOnly[Int(keyed[x].record)] || nameOnly[Int(keyed[y].record)] {
                        let (a, b) = (min(keyed[x].record, keyed[y].record), max(keyed[x].record, keyed[y].record))
                        pairs.append(UInt64(a) << 32 | UInt64(b))
                    }
                }
            }
            start = end
        }
        // Freed before the pairs are sorted: at programme scale each holds tens of mebibytes.
        keyed = []
        skeletonKeys = [:]
        RadixSort.sort(&pairs)
        var unique: [UInt64] = []
        unique.reserveCapacity(pairs.count)
        for pair in pairs where pair != unique.last && !contains(besides, pair) { unique.append(pair) }
        return unique
    }

    /// FNV-1a of a text's UTF-8 bytes.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// A 64-bit finaliser (SplitMix64's): spreads a combined key over all bits, for the radix sort's passes.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static let largestSlipBlock = 60

    private static func contains(_ sorted: [UInt64], _ value: UInt64) -> Bool {
        var (low, high) = (0, sorted.count)
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low < sorted.count && sorted[low] == value
    }

    /// Records with a first and last name and no birth date, PESEL, document, phone or e-mail.
    static func nameOnly(_ prepared: PreparedRecords) -> [Bool] {
        (0..<prepared.count).map { i in
            prepared.birthDate[i] < 0 && prepared.pesel[i] < 0 && prepared.document[i] < 0
                && prepared.phone[i] < 0 && prepared.email[i] < 0 && prepared.firstName[i] >= 0
                && prepared.lastName[i] >= 0
        }
    }

    /// One record's name words (first and last name together, two or more) all among the other's: a name split at
    /// another word or with a name left out (VAN | PHUC NGUYEN and Van Phuc | NGUYEN; Tran | Linh and Ngoc Linh |
    /// Tran), with no known sex or citizenship that differs.
    static func sameWords(
        _ names: NameCatalogue, _ prepared: PreparedRecords, _ a: Int, _ b: Int, _ pattern: ComparisonPattern
    ) -> Bool {
        guard pattern[.sex] != 2, pattern[.citizenship] != 2 else { return false }
        func words(_ i: Int) -> [[UInt32]] {
            [prepared.firstName[i], prepared.lastName[i]].filter { $0 >= 0 }
                .flatMap { names.words(ofSkeleton: names.skeletonOfSpelling[Int($0)]) }
                .map(Array.init).sorted { $0.lexicographicallyPrecedes($1) }
        }
        let (x, y) = (words(a), words(b))
        let (small, large) = x.count <= y.count ? (x, y) : (y, x)
        guard small.count >= 2, large.count > 2 || small != large else { return false }
        var rest = large
        for word in small {
            guard let k = rest.firstIndex(of: word) else { return false }
            rest.remove(at: k)
        }
        return true
    }

    /// A name-only record and a record with a surname and no first name (but more than a name: a roll row kept
    /// without its first name), the surname the same name in any script or form, nothing that differs.
    static func surnameOnly(
        _ prepared: PreparedRecords, _ nameOnly: [Bool], _ a: Int, _ b: Int, _ pattern: ComparisonPattern
    ) -> Bool {
        guard nameOnly[a] != nameOnly[b] else { return false }
        let known = nameOnly[a] ? b : a
        return prepared.firstName[known] < 0 && prepared.lastName[known] >= 0
            && sameSurname.contains(pattern[.lastName]) && pattern[.sex] != 2 && pattern[.citizenship] != 2
    }

    /// The same name across partners: no slip allowed.
    static func sameName(_ pattern: ComparisonPattern) -> Bool {
        sameSurname.contains(pattern[.lastName]) && sameFirstName.contains(pattern[.firstName]) && pattern[.sex] != 2
            && pattern[.citizenship] != 2
    }

    /// Names alike enough for records with nothing else: the surname the same name (any script, romanisation,
    /// Belarusian/Russian form, swapped with the first name) or a slip away; the first name the same, of one class or
    /// a slip away; no known sex or citizenship that differs.
    static func alike(_ pattern: ComparisonPattern, looseFirstName: Bool = false) -> Bool {
        let (last, first) = (pattern[.lastName], pattern[.firstName])
        // With `looseFirstName` (both first names one word: Ngoc Yen and Ngoc Lan are alike only in their shared
        // word), a first name only `similar` (a slip in a short name or two in a long one: Okha, Olhz for Olha;
        // Ttjana for Tetiana — never two known names, which are `different-name`) goes with the same surname: one
        // slip per name, not one in each part.
        let firstAlike =
            alikeFirstName.contains(first)
            || (looseFirstName && first == NameLevel.similar && sameSpelledSurname.contains(last))
        return alikeSurname.contains(last) && firstAlike && pattern[.sex] != 2 && pattern[.citizenship] != 2
    }

    private static let sameSpelledSurname: Set<UInt8> = [NameLevel.exact, NameLevel.skeleton]

    private static let alikeSurname: Set<UInt8> = [
        NameLevel.exact, NameLevel.skeleton, NameLevel.swapped, NameLevel.typo, NameLevel.equivalentForm,
    ]
    private static let alikeFirstName: Set<UInt8> = [
        NameLevel.exact, NameLevel.skeleton, NameLevel.equivalent, NameLevel.typo,
    ]
    private static let sameSurname: Set<UInt8> = [
        NameLevel.exact, NameLevel.skeleton, NameLevel.swapped, NameLevel.equivalentForm,
    ]
    private static let sameFirstName: Set<UInt8> = [NameLevel.exact, NameLevel.skeleton, NameLevel.equivalent]

    /// A first name's key for its share: its first-name class when it has one (Helen and Olena are one name), else
    /// its skeleton (offset past the class ids).
    private static func firstNameKey(_ names: NameCatalogue, _ spelling: Int32) -> Int32 {
        let skeleton = names.skeletonOfSpelling[Int(spelling)]
        if let first = names.classes(ofSkeleton: skeleton).first { return first }
        return skeleton + 1_000_000
    }
}
