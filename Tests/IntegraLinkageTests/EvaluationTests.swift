import IntegraLinkage
import Testing

@Suite struct EvaluationTests {
    /// Records 0–2 are one person, record 3 another; the prediction splits the first person and joins record 2 to
    /// record 3. Pairs: predicted {01, 23}, true {01, 02, 12}, correct {01}.
    @Test func scoresASplitAndAWrongJoin() {
        let summary = LinkEvaluation.evaluate(predicted: [0, 0, 1, 1], truth: [0, 0, 0, 1])
        #expect(summary.predictedPairs == 2)
        #expect(summary.truePairs == 3)
        #expect(summary.correctPairs == 1)
        #expect(summary.pairwise.precision == 0.5)
        #expect(abs(summary.pairwise.recall - 1.0 / 3) < 1e-12)
        #expect(abs(summary.pairwise.f1 - 0.4) < 1e-12)
        // B-cubed per record (precision, recall): (1, 2/3), (1, 2/3), (1/2, 1/3), (1/2, 1).
        #expect(summary.bcubed.precision == 0.75)
        #expect(abs(summary.bcubed.recall - 2.0 / 3) < 1e-12)
        #expect(abs(summary.bcubed.f1 - 12.0 / 17) < 1e-12)
        #expect(summary.predictedPersons == 2)
        #expect(summary.truePersons == 2)
        #expect(summary.personCountError == 0)
    }

    @Test func aPerfectClusteringScoresOneWhateverItsLabels() {
        let truth = [0, 1, 0, 2, 1, 0]
        let predicted = [7, 3, 7, 9, 3, 7]
        #expect(LinkEvaluation.pairwise(predicted: predicted, truth: truth) == .init(precision: 1, recall: 1))
        #expect(LinkEvaluation.bcubed(predicted: predicted, truth: truth) == .init(precision: 1, recall: 1))
        #expect(LinkEvaluation.pairwise(predicted: predicted, truth: truth).f1 == 1)
    }

    /// Every record alone: no predicted pairs, so pairwise precision is 1 and recall 0; B-cubed recall is the mean
    /// of 1/size over records.
    @Test func allSingletons() {
        let truth = [0, 0, 0, 1, 1, 2]
        let summary = LinkEvaluation.evaluate(predicted: [0, 1, 2, 3, 4, 5], truth: truth)
        #expect(summary.pairwise == .init(precision: 1, recall: 0))
        #expect(summary.pairwise.f1 == 0)
        #expect(summary.bcubed.precision == 1)
        #expect(abs(summary.bcubed.recall - (3 * (1.0 / 3) + 2 * 0.5 + 1) / 6) < 1e-12)
        #expect(summary.predictedPersons == 6)
        #expect(summary.truePersons == 3)
        #expect(summary.personCountError == 1)
    }

    /// Everything merged: pairwise precision is true pairs over all pairs, recall 1.
    @Test func allMerged() {
        let truth = [0, 0, 1, 1, 2]
        let summary = LinkEvaluation.evaluate(predicted: [0, 0, 0, 0, 0], truth: truth)
        #expect(summary.pairwise == .init(precision: 2.0 / 10, recall: 1))
        #expect(abs(summary.pairwise.f1 - 1.0 / 3) < 1e-12)
        // Each record shares its cluster of 5 with 2, 2, 2, 2 and 1 of its own person.
        #expect(abs(summary.bcubed.precision - (4 * 0.4 + 0.2) / 5) < 1e-12)
        #expect(summary.bcubed.recall == 1)
        #expect(abs(summary.personCountError - (1.0 - 3) / 3) < 1e-12)
    }

    @Test func noRecordsAndNoPairsScoreOne() {
        #expect(LinkEvaluation.evaluate(predicted: [], truth: []).pairwise.f1 == 1)
        #expect(LinkEvaluation.evaluate(predicted: [], truth: []).bcubed.f1 == 1)
        #expect(LinkEvaluation.evaluate(predicted: [0, 1], truth: [5, 6]).pairwise.f1 == 1)
    }

    /// The contingency counts agree with counting every pair, on a clustering with every kind of error.
    @Test func agreesWithCountingPairs() {
        var rng = SplitMix(seed: 11)
        let truth = (0..<300).map { _ in Int(rng.next() % 90) }
        let predicted = truth.enumerated().map { i, t in
            rng.next() % 7 == 0 ? 1000 + Int(rng.next() % 40) : (i % 5 == 0 ? t + 1 : t)
        }
        var both = 0, predictedPairs = 0, truePairs = 0
        for i in 0..<truth.count {
            for j in (i + 1)..<truth.count {
                let p = predicted[i] == predicted[j]
                let t = truth[i] == truth[j]
                if p { predictedPairs += 1 }
                if t { truePairs += 1 }
                if p && t { both += 1 }
            }
        }
        let summary = LinkEvaluation.evaluate(predicted: predicted, truth: truth)
        #expect(summary.correctPairs == both)
        #expect(summary.predictedPairs == predictedPairs)
        #expect(summary.truePairs == truePairs)
        var precision = 0.0, recall = 0.0
        for i in 0..<truth.count {
            let cluster = (0..<truth.count).filter { predicted[$0] == predicted[i] }
            let person = (0..<truth.count).filter { truth[$0] == truth[i] }
            let shared = Double(cluster.filter { truth[$0] == truth[i] }.count)
            precision += shared / Double(cluster.count)
            recall += shared / Double(person.count)
        }
        #expect(abs(summary.bcubed.precision - precision / 300) < 1e-12)
        #expect(abs(summary.bcubed.recall - recall / 300) < 1e-12)
    }

    @Test func describesScoresWithFourDecimals() {
        #expect(
            "\(LinkEvaluation.Scores(precision: 1, recall: 0.98765))" == "precision 1.0000, recall 0.9877, F1 0.9938")
    }
}

private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
