import ArgumentParser
import Foundation
import IntegraLinkage
import IntegraPipeline

struct Link: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Count each person once in a flat list of person records: one person id per record.",
        discussion: """
            RECORDS.csv is UTF-8 CSV with a header naming any of record_id (required, unique), partner, first_name, \
            last_name, birth_date, sex, citizenship, pesel, passport, phone, email; empty cells are allowed and \
            dates may be in any supported form. Writes record_id,person_id to --out, persons numbered P000001… in \
            order of their first record, and prints how many records and persons there are.

            With --evaluate TRUTH.csv (record_id,person_id, the true persons), also prints pairwise precision, \
            recall and F1, B-cubed precision, recall and F1, and the predicted against the true person count.

            With --pairs PAIRS.csv, also writes every compared pair — links, pairs in the review band, refused links, \
            pairs left unlinked — with its probability, what decided it, and each field's comparison level and weight.
            """)

    @Argument(help: "The records file (CSV with a header).")
    var records: String

    @Option(name: .shortAndLong, help: "Where to write record_id,person_id.")
    var out: String

    @Option(help: "A record_id,person_id file with the true persons, to score the result against.")
    var evaluate: String?

    @Option(
        help: ArgumentHelp(
            "Also write every compared pair (links, review, refused, unlinked) with each field's level and weight.",
            valueName: "pairs.csv"))
    var pairs: String?

    @Option(help: "Match probability at which two records are linked (0 < P < 1; default 0.90).")
    var threshold: Double?

    @Option(help: "First-name equivalence classes (YAML; default pipelines/linkage/first-names.yml when it exists).")
    var firstNames: String?

    func validate() throws {
        if let threshold, !(threshold > 0 && threshold < 1) {
            throw ValidationError("--threshold takes a probability between 0 and 1, e.g. 0.95")
        }
    }

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let input: FlatRecords
        var truth: [(recordID: String, personID: String)]?
        var settings = LinkageSettings()
        if let threshold { settings.matchThreshold = threshold }
        settings.keepEveryComparedPair = pairs != nil
        let names = firstNames ?? "pipelines/linkage/first-names.yml"
        if firstNames != nil || FileManager.default.fileExists(atPath: names) {
            settings.firstNameClasses = try reading(names) {
                try FlatRecords.firstNameClasses(url: URL(fileURLWithPath: names), displayPath: names)
            }
        }
        input = try reading(records) { try FlatRecords.read(url: URL(fileURLWithPath: records)) }
        if let evaluate {
            truth = try reading(evaluate) { try FlatRecords.readAssignments(url: URL(fileURLWithPath: evaluate)) }
        }
        let read = clock.now

        let result = Linker(settings: settings).link(input.records, decisions: LinkDecisions())
        let linked = clock.now

        let keys = input.records.map(\.key)
        try write(FlatRecords.clustersCSV(keys: keys, clusterOfRecord: result.clusterOfRecord), to: out)
        if let pairs { try write(FlatRecords.pairsCSV(keys: keys, result: result), to: pairs) }

        let ignored = input.ignoredValues.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        print(
            "records: \(input.records.count)"
                + (ignored.isEmpty ? "" : " (unreadable values left out: \(ignored.joined(separator: ", ")))"))
        print("persons: \(Set(result.clusterOfRecord).count)")
        print("compared pairs: \(result.comparedPairs)")
        print("links: \(result.links.count), for review: \(result.review.count), refused: \(result.refused.count)")
        let total = clock.now - start
        let steps = result.stageTimes.map { "\($0.stage) \(seconds($0.duration))" }.joined(separator: ", ")
        print(
            "seconds: read \(seconds(read - start)), link \(seconds(linked - read)) (\(steps)), "
                + "total \(seconds(total))")

        if let truth, let evaluate {
            let summary = try evaluation(
                of: result.clusterOfRecord, keys: input.records.map(\.key), truth: truth, file: evaluate)
            let pairs = "predicted pairs \(summary.predictedPairs), true pairs \(summary.truePairs)"
            print("pairwise: \(summary.pairwise) (\(pairs), correct \(summary.correctPairs))")
            print("b-cubed: \(summary.bcubed)")
            let error = String(format: "%+.2f", summary.personCountError * 100)
            print("persons: predicted \(summary.predictedPersons), true \(summary.truePersons) (\(error) %)")
        }
    }

    private func write(_ csv: String, to path: String) throws {
        do {
            try Data(csv.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            FileHandle.standardError.write(Data("error: cannot write \(path): \(error.localizedDescription)\n".utf8))
            throw ExitCode.failure
        }
    }

    /// Runs `body`; an error it throws is printed as `path: error[code]: message` and ends the command with exit 1.
    private func reading<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            let text = "\(error)"
            let message = text.hasPrefix("error") ? text : "error: " + text
            FileHandle.standardError.write(Data("\(path): \(message)\n".utf8))
            throw ExitCode.failure
        }
    }

    private func evaluation(
        of clusters: [Int], keys: [String], truth: [(recordID: String, personID: String)], file: String
    ) throws -> LinkEvaluation.Summary {
        var personOfRecord: [String: String] = [:]
        for (record, person) in truth { personOfRecord[record] = person }
        var labels: [String: Int] = [:]
        var trueLabels: [Int] = []
        trueLabels.reserveCapacity(keys.count)
        var missing = 0
        for key in keys {
            guard let person = personOfRecord[key] else {
                missing += 1
                continue
            }
            if labels[person] == nil { labels[person] = labels.count }
            trueLabels.append(labels[person]!)
        }
        guard missing == 0 else {
            FileHandle.standardError.write(
                Data("error: \(file) has no person for \(missing) of the records; it must list every record_id\n".utf8))
            throw ExitCode.failure
        }
        return LinkEvaluation.evaluate(predicted: clusters, truth: trueLabels)
    }

    private func seconds(_ duration: Duration) -> String {
        let (whole, attoseconds) = duration.components
        return String(format: "%.2f", Double(whole) + Double(attoseconds) / 1e18)
    }
}
