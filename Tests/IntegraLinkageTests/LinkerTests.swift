import Foundation
import IntegraCore
import Testing

@testable import IntegraLinkage

/// The linker end to end on hand-written records set among a generated background population, which gives the
/// estimated model realistic frequencies (many Shevchenkos, namesakes, families).
@Suite struct LinkerTests {
    typealias F = LinkageFixtures

    static let background = SyntheticPopulation(persons: 500, seed: 11, keyPrefix: "bg").records

    /// Links `records` among the background; the cluster of each record by key.
    private static func link(
        _ records: [LinkRecord], decisions: LinkDecisions = .init(), settings: LinkageSettings = F.settings
    ) -> Linked {
        let all = background + records
        let result = Linker(settings: settings).link(all, decisions: decisions)
        var cluster: [String: Int] = [:]
        var index: [String: Int] = [:]
        for (i, record) in all.enumerated() {
            cluster[record.key] = result.clusterOfRecord[i]
            index[record.key] = i
        }
        return Linked(result: result, cluster: cluster, index: index)
    }

    struct Linked {
        var result: LinkResult
        var cluster: [String: Int]
        var index: [String: Int]

        /// The scored pair of two records in `pairs`, if there.
        func pair(_ x: String, _ y: String, in pairs: [ScoredPair]) -> ScoredPair? {
            let (a, b) = (index[x]!, index[y]!)
            return pairs.first { $0.a == min(a, b) && $0.b == max(a, b) }
        }
    }

    private static func record(
        _ key: String, _ first: String?, _ last: String?, _ birth: String? = nil, sex: String? = nil,
        pesel: String? = nil, phone: String? = nil, email: String? = nil, document: String? = nil
    ) -> LinkRecord {
        LinkRecord(
            key: key, firstName: first, lastName: last, birthDate: birth.map(F.date), sex: sex, citizenship: "UKR",
            pesel: pesel, document: document, phone: phone, email: email)
    }

    /// Every scenario's records, linked together in one run (each scenario's names, dates and phones are its own).
    static let scenarios = link([
        // One name in four spellings.
        record("a1", "Олександр", "Шевченко", "1990-03-12", sex: "M", phone: "+48500100200"),
        record("a2", "Oleksandr", "Shevchenko", "1990-03-12", phone: "+48500100200"),
        record("a3", "Ołeksandr", "Szewczenko", "1990-03-12", sex: "M", email: "osh@example.org"),
        record("a4", "Aleksandr", "Shevchenko", "1990-03-12", sex: "M", email: "osh@example.org"),
        // Relatives: same surname, phone and e-mail.
        record("ivan", "Ivan", "Shevchenko", "1983-02-11", sex: "M", phone: "+48500100300", email: "shev@example.org"),
        record(
            "iryna", "Iryna", "Shevchenko", "1986-09-30", sex: "K", phone: "+48500100300", email: "shev@example.org"),
        record("mother", "Olena", "Kovalenko", "1962-04-04", sex: "K", phone: "+48500100301"),
        record("son", "Andrii", "Kovalenko", "1988-12-01", sex: "M", phone: "+48500100301"),
        // Twins.
        record("t1", "Oleksii", "Bondarchuk", "2005-07-22", sex: "M", phone: "+48500100400"),
        record("t2", "Oleksandr", "Bondarchuk", "2005-07-22", sex: "M", phone: "+48500100400"),
        record("t3", "Karthik", "Sharma", "2009-05-26", sex: "M", phone: "+48500100401"),
        record("t4", "Anil", "Sharma", "2009-05-26", sex: "M", phone: "+48500100401"),
        // Swapped names.
        record("s1", "Taras", "Hnatyshyn", "1985-05-05", sex: "M"),
        record("s2", "Hnatyshyn", "Taras", "1985-05-05", sex: "M"),
        record("s3", "Гнатишин", "Тарас", "1985-05-05"),
        // A typo in the surname.
        record("b1", "Iryna", "Bondarenko", "1988-07-21", sex: "K", phone: "+48500100500"),
        record("b2", "Iryna", "Bondarenkp", "1988-07-21", sex: "K"),
        // Two valid PESELs, everything else equal.
        record("p1", "Nadiia", "Ostapchuk", "1944-05-14", sex: "M", pesel: "44051401359", phone: "+48500100600"),
        record("p2", "Nadiia", "Ostapchuk", "1944-05-14", sex: "M", pesel: "44051401458", phone: "+48500100600"),
        // One PESEL, two names.
        record("q1", "Nadiia", "Ostapchuk", pesel: "02122401358"),
        record("q2", "Надія", "Мельник", pesel: "02122401358"),
        // A common and a rare surname.
        record("c1", "Iryna", "Shevchenko", "1979-10-10", sex: "K"),
        record("c2", "Iryna", "Szewczenko", "1979-10-10", sex: "K"),
        record("r1", "Iryna", "Zghurska", "1979-10-11", sex: "K"),
        record("r2", "Iryna", "Zgurska", "1979-10-11", sex: "K"),
    ])

    @Test func oneNameInFourSpellings() {
        let cluster = Self.scenarios.cluster
        #expect(Set(["a1", "a2", "a3", "a4"].map { cluster[$0]! }).count == 1)
    }

    /// Same surname, phone and e-mail, another person: a brother and sister, a mother and son.
    @Test func relativesStayApart() {
        let cluster = Self.scenarios.cluster
        #expect(cluster["ivan"] != cluster["iryna"])
        #expect(cluster["mother"] != cluster["son"])
    }

    /// Twins: same surname, birth date and phone; other first names — known ones, or unknown and unlike.
    @Test func twinsStayApart() {
        let linked = Self.scenarios
        #expect(linked.cluster["t1"] != linked.cluster["t2"])
        #expect(linked.cluster["t3"] != linked.cluster["t4"])
        // The high-scoring pair goes to review, marked as a contradiction.
        #expect(linked.pair("t1", "t2", in: linked.result.review)?.decidedBy == "contradiction")
    }

    @Test func swappedNamesLink() {
        let cluster = Self.scenarios.cluster
        #expect(Set(["s1", "s2", "s3"].map { cluster[$0]! }).count == 1)
    }

    @Test func surnameTypoWithSameBirthDateLinks() {
        #expect(Self.scenarios.cluster["b1"] == Self.scenarios.cluster["b2"])
    }

    /// Everything equal but two valid PESELs: two persons, and the refused pair says why.
    @Test func differentPESELsNeverLink() {
        let linked = Self.scenarios
        #expect(linked.cluster["p1"] != linked.cluster["p2"])
        #expect(linked.pair("p1", "p2", in: linked.result.refused)?.decidedBy == "pesel")
    }

    /// The same PESEL decides, whatever the names say.
    @Test func samePESELLinks() {
        let linked = Self.scenarios
        #expect(linked.cluster["q1"] == linked.cluster["q2"])
        let link = linked.pair("q1", "q2", in: linked.result.links)
        #expect(link?.decidedBy == "pesel")
        #expect(link?.probability == 1)
    }

    @Test func decisionsAreHonoured() {
        let records = [
            Self.record("m1", "Halyna", "Zhuk", "1970-01-01"), Self.record("m2", "Olha", "Marchuk", "1971-02-02"),
            Self.record("c1", "Larysa", "Dovzhenko", "1975-03-03", sex: "K", phone: "+48500100700"),
            Self.record("c2", "Larysa", "Dovzhenko", "1975-03-03", sex: "K", phone: "+48500100700"),
        ]
        let decisions = LinkDecisions(
            mustLink: [.init("m1", "m2", note: "same person, new surname"), .init("m1", "nowhere")],
            cannotLink: [.init("c1", "c2", note: "twins, checked at the office")])
        let linked = Self.link(records, decisions: decisions)
        #expect(linked.cluster["m1"] == linked.cluster["m2"])
        #expect(linked.cluster["c1"] != linked.cluster["c2"])
        #expect(linked.pair("m1", "m2", in: linked.result.links)?.decidedBy == "must-link")
        #expect(linked.pair("c1", "c2", in: linked.result.refused)?.decidedBy == "cannot-link")
        #expect(linked.pair("c1", "c2", in: linked.result.review) == nil)
        #expect(linked.result.unmatchedDecisions.map(\.b) == ["nowhere"])
    }

    /// A common surname agreeing counts for less than a rare one.
    @Test func commonNamesWeighLess() throws {
        let linked = Self.scenarios
        func namesWeight(_ x: String, _ y: String) throws -> Double {
            try #require(linked.pair(x, y, in: linked.result.links)).contributions
                .filter { $0.field.hasSuffix("_name") }.map(\.weight).reduce(0, +)
        }
        #expect(try namesWeight("c1", "c2") < namesWeight("r1", "r2"))
    }

    /// A linker's pair works its contributions out when read (it keeps the pattern and a shared scorer, not eleven
    /// contributions per link); it equals the same pair holding them, and a stored list replaces the worked-out one.
    @Test func contributionsWorkedOutWhenReadEqualStoredOnes() throws {
        let link = try #require(Self.scenarios.result.links.first { $0.decidedBy == "score" })
        let contributions = link.contributions
        #expect(!contributions.isEmpty)
        #expect(link.contributions == contributions)
        var stored = ScoredPair(
            a: link.a, b: link.b, weight: link.weight, probability: link.probability, contributions: contributions,
            decidedBy: link.decidedBy)
        #expect(stored == link)
        #expect(Set([stored, link]).count == 1)
        stored.contributions = []
        #expect(stored.contributions.isEmpty)
        #expect(stored != link)
    }

    /// Each link explains itself: a contribution per field, summing with the prior to the weight.
    @Test func linksCarryTheirContributions() throws {
        let result = Self.scenarios.result
        let link = try #require(result.links.first { $0.decidedBy == "score" })
        #expect(
            link.contributions.map(\.field) == [
                "first_name", "last_name", "birth_date", "sex", "citizenship", "document", "phone", "email", "pesel",
            ])
        let prior = log2(result.matchPrior / (1 - result.matchPrior))
        #expect(abs(prior + link.contributions.map(\.weight).reduce(0, +) - link.weight) < 1e-9)
        #expect(link.probability >= F.settings.matchThreshold)
        #expect(link.probability == Scorer.probability(link.weight))
        #expect(
            result.review.allSatisfy {
                $0.probability < F.settings.matchThreshold || $0.decidedBy == "contradiction" || $0.decidedBy.hasPrefix("name-only")
            })
        #expect(result.model.count == ComparisonField.all.reduce(0) { $0 + $1.levelCount })
    }

    /// The same records in another order: the same persons, links and model.
    @Test func shuffledInputGivesTheSameClusters() {
        let records = Self.background
        var shuffled = records
        var random = SplitMix64(seed: 99)
        for i in stride(from: shuffled.count - 1, to: 0, by: -1) { shuffled.swapAt(i, random.below(i + 1)) }
        let a = Linker(settings: F.settings).link(records)
        let b = Linker(settings: F.settings).link(shuffled)
        func persons(_ result: LinkResult, _ records: [LinkRecord]) -> Set<Set<String>> {
            Set(
                Dictionary(grouping: records.indices) { result.clusterOfRecord[$0] }.values.map {
                    Set($0.map { records[$0].key })
                })
        }
        func links(_ result: LinkResult, _ records: [LinkRecord]) -> Set<String> {
            Set(
                result.links.map {
                    [records[$0.a].key, records[$0.b].key].sorted().joined(separator: "|") + "\($0.weight)"
                })
        }
        #expect(persons(a, records) == persons(b, shuffled))
        #expect(links(a, records) == links(b, shuffled))
        #expect(a.model == b.model)
    }

    /// Clusters are numbered by their first record in the input.
    @Test func clusterNumbering() {
        let result = Self.scenarios.result
        var next = 0
        for cluster in result.clusterOfRecord {
            #expect(cluster <= next)
            if cluster == next { next += 1 }
        }
        #expect(result.links == result.links.sorted { ($0.a, $0.b) < ($1.a, $1.b) })
    }

    /// A small block cap skips common keys and says how many.
    /// The share of visitors among name-only groups: groups offered a person bearing a name nobody else bears,
    /// where chance offers are rare, are mostly visitors; where every name is borne by several persons, the offers
    /// are what chance gives and no group is likely a visitor.
    @Test func theShareOfVisitorsIsFittedToTheGroups() {
        // 1 000 groups of rare names (0.01 namesakes expected); 100 of them offered one person.
        let rare = (0..<1_000).map { i in (k: i < 100 ? 1 : 0, m: 0, expected: 0.01, beta: 1.5) }
        let fitted = NameOnlyResolution.visitorModel(rare)
        #expect(abs(fitted.visitors - 0.099) < 0.01, "\(fitted.visitors)")
        #expect(fitted.evidence[0] > 50)
        // Names borne by two other persons each (m = 2), offered about as often as chance says.
        let crowded = (0..<1_000).map { i in (k: i % 3 == 0 ? 1 : 0, m: 2, expected: 0.5, beta: 1.5) }
        let chance = NameOnlyResolution.visitorModel(crowded)
        #expect(chance.visitors < 0.05, "\(chance.visitors)")
        #expect(chance.evidence[0] < 2)
        #expect(NameOnlyResolution.visitorModel([(k: 0, m: 0, expected: 0.1, beta: 1.5)]).visitors == 0)
    }

    @Test func skippedBlocksAreCounted() {
        var settings = F.settings
        settings.maxBlockSize = 3
        #expect(Linker(settings: settings).link(Self.background).skippedBlocks > 0)
    }

    @Test func emptyAndSingleInputs() {
        #expect(Linker().link([]).clusterOfRecord.isEmpty)
        let one = Linker().link([LinkRecord(key: "x", firstName: "Olena")])
        #expect(one.clusterOfRecord == [0])
        #expect(one.links.isEmpty)
    }
}
