import Testing

@testable import IntegraLinkage

@Suite struct ConstrainedClusteringTests {
    typealias Edge = ConstrainedClustering.Edge

    private func partition(_ clustering: ConstrainedClustering) -> [Int32] { clustering.root }

    @Test func linksJoinRecords() {
        let c = ConstrainedClustering(
            count: 3,
            edges: [.score(a: 0, b: 1, weight: 10, strong: true), .score(a: 1, b: 2, weight: 8, strong: false)],
            cannotLink: [], pesel: [-1, -1, -1])
        #expect(Set(c.root).count == 1)
        #expect(c.outcomes == [.linked, .linked])
    }

    /// Two clusters of two records each; one weak link between them is refused as a bridge …
    @Test func weakBridgeIsRefused() {
        let edges: [Edge] = [
            .score(a: 0, b: 1, weight: 20, strong: true), .score(a: 2, b: 3, weight: 20, strong: true),
            .score(a: 1, b: 2, weight: 5, strong: false),
        ]
        let c = ConstrainedClustering(count: 4, edges: edges, cannotLink: [], pesel: [-1, -1, -1, -1])
        #expect(c.root[0] == c.root[1])
        #expect(c.root[2] == c.root[3])
        #expect(c.root[1] != c.root[2])
        #expect(c.outcomes[2] == .refusedBridge)
    }

    /// … but joins them when a second link supports it, or when it is strong.
    @Test func supportedOrStrongBridgeJoins() {
        let supported: [Edge] = [
            .score(a: 0, b: 1, weight: 20, strong: true), .score(a: 2, b: 3, weight: 20, strong: true),
            .score(a: 1, b: 2, weight: 5, strong: false), .score(a: 0, b: 3, weight: 4, strong: false),
        ]
        let c = ConstrainedClustering(count: 4, edges: supported, cannotLink: [], pesel: [-1, -1, -1, -1])
        #expect(Set(c.root).count == 1)
        let strong: [Edge] = [
            .score(a: 0, b: 1, weight: 20, strong: true), .score(a: 2, b: 3, weight: 20, strong: true),
            .score(a: 1, b: 2, weight: 15, strong: true),
        ]
        #expect(
            Set(ConstrainedClustering(count: 4, edges: strong, cannotLink: [], pesel: [-1, -1, -1, -1]).root).count == 1
        )
    }

    /// A single record joins a cluster on one link: the bridge rule is for two clusters of several records.
    @Test func singleRecordJoinsOnOneLink() {
        let edges: [Edge] = [
            .score(a: 0, b: 1, weight: 20, strong: true), .score(a: 1, b: 2, weight: 5, strong: false),
        ]
        #expect(
            Set(ConstrainedClustering(count: 3, edges: edges, cannotLink: [], pesel: [-1, -1, -1]).root).count == 1)
    }

    /// Two different PESELs never end in one cluster, even through a third record without one.
    @Test func differentPESELsStayApart() {
        let edges: [Edge] = [
            .score(a: 0, b: 2, weight: 20, strong: true), .score(a: 1, b: 2, weight: 19, strong: true),
        ]
        let c = ConstrainedClustering(count: 3, edges: edges, cannotLink: [], pesel: [7, 8, -1])
        #expect(c.root[0] == c.root[2])
        #expect(c.root[1] != c.root[2])
        #expect(c.outcomes == [.linked, .refusedPESEL])
    }

    @Test func mustLinkAndCannotLink() {
        let edges: [Edge] = [
            .mustLink(a: 0, b: 3), .score(a: 0, b: 1, weight: 20, strong: true),
            .score(a: 1, b: 2, weight: 20, strong: true),
        ]
        let c = ConstrainedClustering(count: 4, edges: edges, cannotLink: [(2, 3)], pesel: [-1, -1, -1, -1])
        #expect(c.root[0] == c.root[3])
        #expect(c.root[0] == c.root[1])
        #expect(c.root[2] != c.root[3])
        #expect(c.outcomes == [.linked, .linked, .refusedCannotLink])
    }

    /// Stronger links are tried first, whatever order they come in.
    @Test func strongestFirst() {
        let edges: [Edge] = [
            .score(a: 1, b: 2, weight: 5, strong: false), .score(a: 0, b: 1, weight: 20, strong: true),
        ]
        let c = ConstrainedClustering(count: 3, edges: edges, cannotLink: [(0, 2)], pesel: [-1, -1, -1])
        #expect(c.outcomes == [.refusedCannotLink, .linked])
    }
}
