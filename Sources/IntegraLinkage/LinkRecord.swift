import IntegraCore

/// One record to link: what one row says about a person, already normalised.
///
/// `key` identifies the record across runs (the pipeline uses `path#sheet#row`); decisions and explanations name
/// records by it. Empty fields are nil: a missing value is no evidence either way.
public struct LinkRecord: Sendable, Hashable {
    public var key: String
    /// The partner (or other source) that wrote the record; records of one source are not assumed distinct.
    public var source: String?
    public var firstName: String?
    public var lastName: String?
    public var birthDate: LocalDate?
    /// True when day and month of `birthDate` could be swapped (03/04/1990).
    public var birthDateAmbiguous: Bool
    /// `K` or `M`.
    public var sex: String?
    /// ISO 3166 alpha-3.
    public var citizenship: String?
    /// A valid PESEL only.
    public var pesel: String?
    /// Passport or other document number, upper-case, without spaces.
    public var document: String?
    /// E.164.
    public var phone: String?
    /// Lower-case.
    public var email: String?

    public init(
        key: String, source: String? = nil, firstName: String? = nil, lastName: String? = nil,
        birthDate: LocalDate? = nil, birthDateAmbiguous: Bool = false, sex: String? = nil, citizenship: String? = nil,
        pesel: String? = nil, document: String? = nil, phone: String? = nil, email: String? = nil
    ) {
        self.key = key
        self.source = source
        self.firstName = firstName
        self.lastName = lastName
        self.birthDate = birthDate
        self.birthDateAmbiguous = birthDateAmbiguous
        self.sex = sex
        self.citizenship = citizenship
        self.pesel = pesel
        self.document = document
        self.phone = phone
        self.email = email
    }
}

/// Coordinators' decisions, from `pipelines/<project>.decisions.yml`: pairs of record keys that must or must not be
/// the same person. Every run honours them before any score.
public struct LinkDecisions: Sendable, Hashable {
    public var mustLink: [Pair]
    public var cannotLink: [Pair]

    public struct Pair: Sendable, Hashable {
        public var a: String
        public var b: String
        /// Why, in the coordinator's words (kept for the audit trail).
        public var note: String?

        public init(_ a: String, _ b: String, note: String? = nil) {
            self.a = a
            self.b = b
            self.note = note
        }
    }

    public init(mustLink: [Pair] = [], cannotLink: [Pair] = []) {
        self.mustLink = mustLink
        self.cannotLink = cannotLink
    }
}

/// How the linker decides.
public struct LinkageSettings: Sendable, Hashable {
    /// Pairs whose match probability reaches this are linked. 0.90: on 10 000 and 100 000 labelled generated
    /// records it gives a higher pairwise F1 and a closer person count than 0.95 at nearly the same precision
    /// (BENCHMARKS.md, "Linkage": the pairs between 0.90 and 0.95 that survive the clustering's constraints are nine in ten the
    /// same person).
    public var matchThreshold: Double = 0.90
    /// Pairs with a probability in `reviewFloor ..< matchThreshold` are not linked but listed for review.
    public var reviewFloor: Double = 0.5
    /// A blocking key shared by more records than this produces no pairs (a common name cannot explode the count);
    /// other keys still find those records' pairs.
    public var maxBlockSize: Int = 200
    /// Prior probability that two random records are the same person; estimated from the data when nil.
    public var priorMatchProbability: Double?
    /// Seed of the random pairs used to estimate u-probabilities: the same seed gives the same model and links.
    public var seed: UInt64 = 2023
    /// First-name equivalence classes (`Олександр`, `Aleksandr`, `Alexander`…): names in one class compare as a
    /// weaker level than the same skeleton.
    public var firstNameClasses: [[String]] = []
    /// A scored link that would join two clusters that both already hold several records is taken alone only at
    /// this probability; below it, a second link between the two clusters must support it (no chaining of two
    /// persons through one doubtful pair).
    public var strongLinkThreshold: Double = 0.9999
    /// How many random pairs estimate the u-probabilities of the fuzzy levels (all pairs when there are fewer). The
    /// agreement levels' u comes from value frequencies, exactly; the sample only shares out the rest. 2 · 10⁵ pairs
    /// gave the same clusters on 10 000 generated records as 10⁶ and at 100 000 records F1 0.9855 either way, for
    /// a fifth of the time (10⁶ comparisons took about half a second on two cores).
    public var randomPairsForU: Int = 200_000
    /// Also return every other compared pair (`LinkResult.unlinked`): those below the review floor and those with two
    /// different PESELs below the threshold. Off by default (millions of pairs on a large input).
    public var keepEveryComparedPair = false

    public init() {}

    /// The match prior assumed before the data speak: a project of some ten thousand records in which a record has
    /// one or two others of its person (about 1.4 · 10⁻⁴ of pairs are matches in the generated benchmark records;
    /// rounded down).
    static let defaultMatchPrior = 1e-4
    /// How many pairs the default prior is worth: the estimate from n records is (EM's expected matches + 10⁴ ·
    /// 10⁻⁴) / (n(n−1)/2 + 10⁴), so below about 150 records the default dominates and from a few thousand the data.
    static let priorPseudoPairs = 1e4
}

/// One field's part in a pair's score: the comparison level it fell in and the log2 Bayes factor it added.
public struct FieldContribution: Sendable, Hashable {
    public var field: String
    /// `exact`, `skeleton`, `equivalent-name`, `phonetic`, `typo`, `swapped`, `different`, `missing`…
    public var level: String
    public var weight: Double

    public init(field: String, level: String, weight: Double) {
        self.field = field
        self.level = level
        self.weight = weight
    }
}

/// A compared pair of records (indices into the input), with its score and why.
public struct ScoredPair: Sendable, Hashable {
    public var a: Int
    public var b: Int
    /// Prior log2 odds plus every contribution.
    public var weight: Double
    public var probability: Double
    /// Each field's level and weight, and the PESEL's level. A linker's pairs work them out when read, from the pair's
    /// comparison pattern and the model: a programme has some 800 000 links, and eleven contributions held per pair
    /// were a third of a gigabyte.
    public var contributions: [FieldContribution] {
        get { stored ?? source.map { $0.box.scorer.contributions($0.pattern, Int($0.a), Int($0.b)) } ?? [] }
        set {
            stored = newValue
            source = nil
        }
    }
    /// `score`, `pesel`, `must-link`, `cannot-link`: what decided the pair. Also `contradiction` for a pair scored above
    /// the threshold whose first names or birth dates disagree outright with no PESEL or document number in common
    /// (in `review`), or a link refused because it would put two such records in one person (in `refused`); and
    /// `weak-bridge` for a refused lone doubtful link between two clusters.
    public var decidedBy: String

    private var stored: [FieldContribution]?
    private var source: ContributionSource?

    public init(a: Int, b: Int, weight: Double, probability: Double, contributions: [FieldContribution], decidedBy: String) {
        self.a = a
        self.b = b
        self.weight = weight
        self.probability = probability
        self.stored = contributions
        self.decidedBy = decidedBy
    }

    /// A linker's pair: its contributions are worked out by `scorer` when read.
    init(
        a: Int, b: Int, weight: Double, probability: Double, decidedBy: String, scorer: ScorerBox,
        pattern: ComparisonPattern, canonical: (a: Int32, b: Int32)
    ) {
        self.a = a
        self.b = b
        self.weight = weight
        self.probability = probability
        self.decidedBy = decidedBy
        self.source = ContributionSource(box: scorer, pattern: pattern, a: canonical.a, b: canonical.b)
    }

    public static func == (x: ScoredPair, y: ScoredPair) -> Bool {
        (x.a, x.b, x.weight, x.probability, x.decidedBy) == (y.a, y.b, y.weight, y.probability, y.decidedBy)
            && x.contributions == y.contributions
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(a)
        hasher.combine(b)
        hasher.combine(weight)
        hasher.combine(decidedBy)
    }
}

/// What a linker's pair needs to work out its contributions: the scorer (one box shared by every pair), the pattern
/// and the records' canonical indices.
private struct ContributionSource: Sendable {
    let box: ScorerBox
    let pattern: ComparisonPattern
    let a: Int32
    let b: Int32
}

/// A linker's scorer, shared by reference by all its pairs.
final class ScorerBox: Sendable {
    let scorer: Scorer

    init(_ scorer: Scorer) { self.scorer = scorer }
}

/// The linker's answer.
public struct LinkResult: Sendable {
    /// For each input record (by index), the index of its cluster; clusters are numbered 0, 1, … in order of their
    /// first record in the input.
    public var clusterOfRecord: [Int]
    /// The links that joined records (the edges each cluster was built from), with scores and contributions.
    public var links: [ScoredPair]
    /// Pairs in the uncertain band, not linked, for a coordinator to decide.
    public var review: [ScoredPair]
    /// Pairs the clustering refused to join (two different PESELs, a cannot-link decision, a contradiction, a weak
    /// bridge).
    public var refused: [ScoredPair]
    /// With `LinkageSettings.keepEveryComparedPair`, every other compared pair, not linked (`decidedBy` `score`, or
    /// `pesel` for two different PESELs); otherwise empty.
    public var unlinked: [ScoredPair] = []
    /// Wall-clock time of each step (`prepare`, `block`, `compare`, `model`, `cluster`), for benchmarks; never
    /// part of any output that must be reproducible.
    public var stageTimes: [(stage: String, duration: Duration)] = []
    /// The estimated model, per field and level: m, u and the log2 weight, for the audit trail.
    public var model: [ModelLevel]
    /// Candidate pairs compared (after blocking).
    public var comparedPairs: Int
    /// Blocking keys shared by more than `maxBlockSize` records, which gave no pairs.
    public var skippedBlocks: Int
    /// The prior probability that two random records are the same person: estimated, or the one given.
    public var matchPrior: Double
    /// Decisions naming a record key that is not in the input; they were not applied.
    public var unmatchedDecisions: [LinkDecisions.Pair]

    public init(
        clusterOfRecord: [Int], links: [ScoredPair], review: [ScoredPair], refused: [ScoredPair], model: [ModelLevel],
        comparedPairs: Int, skippedBlocks: Int = 0, matchPrior: Double = 0,
        unmatchedDecisions: [LinkDecisions.Pair] = []
    ) {
        self.clusterOfRecord = clusterOfRecord
        self.links = links
        self.review = review
        self.refused = refused
        self.model = model
        self.comparedPairs = comparedPairs
        self.skippedBlocks = skippedBlocks
        self.matchPrior = matchPrior
        self.unmatchedDecisions = unmatchedDecisions
    }
}

/// One comparison level of the estimated Fellegi–Sunter model: m, u and the log2 weight (the warehouse stores the
/// same record in `linkage_model`).
public typealias ModelLevel = LinkageModelRecord
