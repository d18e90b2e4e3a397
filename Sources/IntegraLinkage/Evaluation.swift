/// Scores a clustering of records against the true one: pairwise and B-cubed precision, recall and F1.
///
/// Both clusterings give, for each record by index, a cluster label; labels are only compared for equality, so the
/// predicted and true labels need not share a numbering. Every figure comes from the contingency table of
/// (predicted cluster, true cluster) counts, so a million records cost a pass over them, not a pass over all pairs.
///
/// ```swift
/// let scores = LinkEvaluation.pairwise(predicted: [0, 0, 1, 1], truth: [0, 0, 0, 1])
/// scores.precision  // 0.5  (two predicted pairs, one true)
/// scores.recall     // 0.333…  (three true pairs, one found)
/// LinkEvaluation.bcubed(predicted: [0, 0, 1, 1], truth: [0, 0, 0, 1]).f1
/// ```
public enum LinkEvaluation {
    /// Precision, recall and their harmonic mean.
    public struct Scores: Sendable, Hashable, CustomStringConvertible {
        public var precision: Double
        public var recall: Double
        public var f1: Double

        public init(precision: Double, recall: Double) {
            self.precision = precision
            self.recall = recall
            f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
        }

        public var description: String {
            "precision \(fixed(precision)), recall \(fixed(recall)), F1 \(fixed(f1))"
        }
    }

    /// Every figure of one evaluation, with the pair counts behind the pairwise scores.
    public struct Summary: Sendable, Hashable {
        public var pairwise: Scores
        public var bcubed: Scores
        /// Pairs of records put in one cluster by the prediction, by the truth, and by both.
        public var predictedPairs: Int
        public var truePairs: Int
        public var correctPairs: Int
        public var predictedPersons: Int
        public var truePersons: Int

        /// Predicted minus true persons, as a fraction of the true count (−0.01: one person in a hundred too few).
        public var personCountError: Double {
            truePersons == 0 ? 0 : Double(predictedPersons - truePersons) / Double(truePersons)
        }
    }

    /// Pairwise scores: precision is the share of predicted same-person pairs that are true, recall the share of true
    /// pairs predicted. With no predicted pairs precision is 1; with no true pairs recall is 1.
    public static func pairwise(predicted: [Int], truth: [Int]) -> Scores {
        evaluate(predicted: predicted, truth: truth).pairwise
    }

    /// B-cubed scores: each record's precision is the share of its predicted cluster that truly is its person, its
    /// recall the share of its person found in its predicted cluster; both are averaged over records.
    public static func bcubed(predicted: [Int], truth: [Int]) -> Scores {
        evaluate(predicted: predicted, truth: truth).bcubed
    }

    /// All figures at once.
    public static func evaluate(predicted: [Int], truth: [Int]) -> Summary {
        precondition(predicted.count == truth.count, "one predicted and one true label per record")
        var predictedSizes: [Int: Int] = [:]
        var trueSizes: [Int: Int] = [:]
        var cells: [Cell: Int] = [:]
        for (p, t) in zip(predicted, truth) {
            predictedSizes[p, default: 0] += 1
            trueSizes[t, default: 0] += 1
            cells[Cell(predicted: p, truth: t), default: 0] += 1
        }
        let predictedPairs = predictedSizes.values.reduce(0) { $0 + pairs($1) }
        let truePairs = trueSizes.values.reduce(0) { $0 + pairs($1) }
        var correctPairs = 0
        var precisionSum = 0.0
        var recallSum = 0.0
        for (cell, n) in cells {
            correctPairs += pairs(n)
            // Each of the n records of the cell shares n records with its predicted and with its true cluster.
            precisionSum += Double(n * n) / Double(predictedSizes[cell.predicted]!)
            recallSum += Double(n * n) / Double(trueSizes[cell.truth]!)
        }
        let records = Double(max(predicted.count, 1))
        return Summary(
            pairwise: Scores(
                precision: predictedPairs == 0 ? 1 : Double(correctPairs) / Double(predictedPairs),
                recall: truePairs == 0 ? 1 : Double(correctPairs) / Double(truePairs)),
            bcubed: predicted.isEmpty
                ? Scores(precision: 1, recall: 1)
                : Scores(precision: precisionSum / records, recall: recallSum / records),
            predictedPairs: predictedPairs, truePairs: truePairs, correctPairs: correctPairs,
            predictedPersons: predictedSizes.count, truePersons: trueSizes.count)
    }

    private struct Cell: Hashable {
        var predicted: Int
        var truth: Int
    }

    private static func pairs(_ n: Int) -> Int { n * (n - 1) / 2 }
}

private func fixed(_ value: Double) -> String {
    let scaled = Int((value * 10_000).rounded())
    let fraction = String(scaled % 10_000)
    return "\(scaled / 10_000)." + String(repeating: "0", count: 4 - fraction.count) + fraction
}
