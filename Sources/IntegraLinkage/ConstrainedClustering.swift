/// Joins records into persons along the accepted links, strongest first, under the constraints that no link
/// may break.
///
/// Union–find over the edges in a fixed order:
///
/// 1. coordinators' must-link decisions;
/// 2. pairs with the same PESEL;
/// 3. scored links, by weight from the strongest down (ties by record order).
///
/// A union is refused when the joined cluster would hold two different valid PESELs, both records of a
/// cannot-link decision, or — for a scored link — two records given as `contradictions` (the linker gives pairs
/// whose birth dates disagree beyond a typing slip). The last stops a record with little information (a name only)
/// from joining two namesakes. (Pairs with two different first names are not given: a badly mistyped name reads as
/// another name, and refusing on it split more true persons than it saved.) Connected components alone let one doubtful link chain two people's records together
/// (Splink's issue #1824), so a scored link that would join two clusters that both already have several records is
/// taken only when it is strong (probability ≥ `strongLink`) or when at least one more link between the two
/// clusters supports it. Such a link is held back and tried once more after all others, when the clusters may have
/// grown to give it support; if it still stands alone, it is refused as a weak bridge. A link between records of
/// one cluster is kept as further evidence for it.
struct ConstrainedClustering {
    enum Edge: Comparable {
        case mustLink(a: Int32, b: Int32)
        case pesel(a: Int32, b: Int32)
        /// A scored link; `strong` when its probability reaches the strong-link bar.
        case score(a: Int32, b: Int32, weight: Double, strong: Bool)

        var a: Int32 {
            switch self {
            case .mustLink(let a, _), .pesel(let a, _), .score(let a, _, _, _): a
            }
        }

        var b: Int32 {
            switch self {
            case .mustLink(_, let b), .pesel(_, let b), .score(_, let b, _, _): b
            }
        }

        private var rank: (Int, Double, Int32, Int32) {
            switch self {
            case .mustLink(let a, let b): (0, 0, a, b)
            case .pesel(let a, let b): (1, 0, a, b)
            case .score(let a, let b, let weight, _): (2, -weight, a, b)
            }
        }

        static func < (x: Edge, y: Edge) -> Bool { x.rank < y.rank }
    }

    enum Outcome: Equatable {
        case linked
        case refusedPESEL
        case refusedCannotLink
        case refusedContradiction
        case refusedBridge
    }

    /// Cluster root of every record.
    private(set) var root: [Int32]
    /// The outcome of every edge, in the order of `edges` as given.
    private(set) var outcomes: [Outcome]

    /// `contradictions`: pairs of records that must not end in one cluster through scored links.
    init(
        count: Int, edges: [Edge], cannotLink: [(Int32, Int32)], contradictions: [(Int32, Int32)] = [],
        pesel: [Int32]
    ) {
        var state = State(
            count: count, pesel: pesel, cannotLink: cannotLink, contradictions: contradictions, edges: edges)
        var outcomes = [Outcome](repeating: .linked, count: edges.count)
        let order = edges.indices.sorted { edges[$0] < edges[$1] }
        var heldBack: [Int] = []
        for index in order {
            if let outcome = state.attempt(edges[index], finalAttempt: false) {
                outcomes[index] = outcome
            } else {
                heldBack.append(index)
            }
        }
        for index in heldBack {
            outcomes[index] = state.attempt(edges[index], finalAttempt: true) ?? .refusedBridge
        }
        root = (0..<count).map { state.find(Int32($0)) }
        self.outcomes = outcomes
    }

    private struct State {
        var parent: [Int32]
        var size: [Int32]
        /// Members of each cluster as a linked list from the root: `next[i]`, -1 at the end; `tail[root]`.
        var next: [Int32]
        var tail: [Int32]
        /// The valid PESEL of each cluster (at the root), -1 when none.
        var peselOfRoot: [Int32]
        /// Records joined by a scored or PESEL link, both ways, for counting the links between two clusters.
        let links: Adjacency
        /// Records that a cannot-link decision keeps apart.
        let cannotLink: Adjacency
        /// Records whose comparison contradicts.
        let contradictions: Adjacency

        init(
            count: Int, pesel: [Int32], cannotLink: [(Int32, Int32)], contradictions: [(Int32, Int32)], edges: [Edge]
        ) {
            parent = (0..<Int32(count)).map { $0 }
            size = [Int32](repeating: 1, count: count)
            next = [Int32](repeating: -1, count: count)
            tail = parent
            peselOfRoot = pesel
            let linked = edges.compactMap { edge -> (Int32, Int32)? in
                if case .mustLink = edge { return nil }
                return (edge.a, edge.b)
            }
            links = Adjacency(count: count, pairs: linked)
            self.cannotLink = Adjacency(count: count, pairs: cannotLink)
            self.contradictions = Adjacency(count: count, pairs: contradictions)
        }

        mutating func find(_ x: Int32) -> Int32 {
            var r = x
            while parent[Int(r)] != r { r = parent[Int(r)] }
            var y = x
            while parent[Int(y)] != r {
                let up = parent[Int(y)]
                parent[Int(y)] = r
                y = up
            }
            return r
        }

        /// The edge's outcome, or nil when it is a lone weak bridge to try again later.
        mutating func attempt(_ edge: Edge, finalAttempt: Bool) -> Outcome? {
            let x = find(edge.a)
            let y = find(edge.b)
            if x == y { return .linked }
            let px = peselOfRoot[Int(x)]
            let py = peselOfRoot[Int(y)]
            if px >= 0, py >= 0, px != py { return .refusedPESEL }
            if count(cannotLink, between: x, and: y, upTo: 1) > 0 { return .refusedCannotLink }
            if case .score(_, _, _, let strong) = edge {
                if count(contradictions, between: x, and: y, upTo: 1) > 0 { return .refusedContradiction }
                if !strong, size[Int(x)] > 1, size[Int(y)] > 1, count(links, between: x, and: y, upTo: 2) < 2 {
                    return finalAttempt ? .refusedBridge : nil
                }
            }
            union(x, y)
            return .linked
        }

        /// Pairs of `adjacency` between two clusters, counted up to `limit`.
        private mutating func count(_ adjacency: Adjacency, between x: Int32, and y: Int32, upTo limit: Int) -> Int {
            guard adjacency.isEmpty == false else { return 0 }
            let (small, other) = size[Int(x)] <= size[Int(y)] ? (x, y) : (y, x)
            var count = 0
            var member = small
            while member >= 0 {
                for k in adjacency.start[Int(member)]..<adjacency.start[Int(member) + 1]
                where find(adjacency.neighbours[Int(k)]) == other {
                    count += 1
                    if count >= limit { return count }
                }
                member = next[Int(member)]
            }
            return count
        }

        private mutating func union(_ x: Int32, _ y: Int32) {
            let (big, small) = size[Int(x)] >= size[Int(y)] ? (x, y) : (y, x)
            parent[Int(small)] = big
            size[Int(big)] += size[Int(small)]
            next[Int(tail[Int(big)])] = small
            tail[Int(big)] = tail[Int(small)]
            if peselOfRoot[Int(big)] < 0 { peselOfRoot[Int(big)] = peselOfRoot[Int(small)] }
        }
    }

    /// Pairs of records as neighbour lists (compressed rows), both ways.
    struct Adjacency {
        let start: [Int32]
        let neighbours: [Int32]
        var isEmpty: Bool { neighbours.isEmpty }

        init(count: Int, pairs: [(Int32, Int32)]) {
            var start = [Int32](repeating: 0, count: count + 1)
            for (a, b) in pairs {
                start[Int(a) + 1] += 1
                start[Int(b) + 1] += 1
            }
            for i in 0..<count { start[i + 1] += start[i] }
            var fill = start
            var neighbours = [Int32](repeating: 0, count: Int(start[count]))
            for (a, b) in pairs {
                neighbours[Int(fill[Int(a)])] = b
                fill[Int(a)] += 1
                neighbours[Int(fill[Int(b)])] = a
                fill[Int(b)] += 1
            }
            self.start = start
            self.neighbours = neighbours
        }
    }
}
