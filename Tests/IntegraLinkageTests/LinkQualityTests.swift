import Foundation
import IntegraCore
import IntegraLinkage
import IntegraSynth
import Testing

/// The linker on generated records with known persons (issue 4, item 7): pairwise F1 at least 0.98 and the person
/// count within 1 % of the truth. When a target is missed, the message says which kinds of pairs go wrong.
@Suite struct LinkQualityTests {
    static let seed: UInt64 = 2023

    @Test func tenThousandRecordsPairwiseF1() throws {
        let (summary, figures, report) = try Self.tenThousand()
        #expect(summary.pairwise.f1 >= 0.98, "\(figures)\n\(report)")
    }

    /// The person count within 1 % of the truth — and not by merging freely: pairwise precision stays at 0.99 or
    /// above (a linker that merged every uncertain pair could meet the count with wrong persons).
    @Test func tenThousandRecordsPersonCount() throws {
        let (summary, figures, report) = try Self.tenThousand()
        #expect(abs(summary.personCountError) <= 0.01, "\(figures)\n\(report)")
        #expect(summary.pairwise.precision >= 0.99, "\(figures)\n\(report)")
    }

    /// Linked once for both tests (Swift Testing may run them side by side).
    static func tenThousand() throws -> (summary: LinkEvaluation.Summary, figures: String, report: LinkErrorReport) {
        try cached.get()
    }

    private static let cached = Result { try linkTenThousand() }

    private static func linkTenThousand() throws -> (
        summary: LinkEvaluation.Summary, figures: String, report: LinkErrorReport
    ) {
        let labelled = PersonRecordGenerator(seed: Self.seed).labelledRecords(count: 10_000)
        var settings = LinkageSettings()
        settings.firstNameClasses = try Self.firstNameClasses()
        let result = Linker(settings: settings).link(labelled.map(\.record), decisions: LinkDecisions())
        let summary = LinkEvaluation.evaluate(predicted: result.clusterOfRecord, truth: labelled.map(\.person))
        let figures = """
            pairwise \(summary.pairwise); b-cubed \(summary.bcubed); persons \(summary.predictedPersons) predicted, \
            \(summary.truePersons) true; pairs \(summary.correctPairs) correct of \(summary.predictedPairs) predicted, \
            \(summary.truePairs) true
            """
        print("LinkQuality 10k: \(figures); \(settings.firstNameClasses.count) first-name classes")
        let report = LinkErrorReport(labelled, predicted: result.clusterOfRecord)
        // LINK_REPORT=1 prints the breakdown of missed and false links even when the targets are met.
        if ProcessInfo.processInfo.environment["LINK_REPORT"] != nil { print(report) }
        return (summary, figures, report)
    }
}

extension LinkQualityTests {
    /// The project's first-name classes, `pipelines/linkage/first-names.yml`, as `integra link` and `integra run`
    /// use them. The file writes each class as a one-line flow list (`- names: [Олександр, Oleksandr, …]`), which is
    /// all this reads; this target does not depend on the pipeline's YAML reader.
    static func firstNameClasses() throws -> [[String]] {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("pipelines/linkage/first-names.yml")
        let text = try String(contentsOf: file, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let body = line.drop { $0 == " " }
            guard body.hasPrefix("- names: ["), let close = body.lastIndex(of: "]") else { return nil }
            let list = body[body.index(body.startIndex, offsetBy: "- names: [".count)..<close]
            return list.split(separator: ",").map { String($0.trimmingCharacters(in: .whitespaces)) }
        }
    }
}

/// Missed and false links grouped by what the two records have in common and how they were written.
struct LinkErrorReport: CustomStringConvertible {
    var missed: [String: Int] = [:]
    var missedForms: [String: Int] = [:]
    var falseLinks: [String: Int] = [:]
    var missedExamples: [String: String] = [:]
    var falseExamples: [String: String] = [:]

    init(_ labelled: [PersonRecordGenerator.LabelledRecord], predicted: [Int]) {
        let byPerson = Dictionary(grouping: labelled.indices) { labelled[$0].person }
        for members in byPerson.values {
            for (x, i) in members.enumerated() {
                for j in members[(x + 1)...] where predicted[i] != predicted[j] {
                    let key = Self.evidence(labelled[i], labelled[j]) + Self.noise(labelled[i], labelled[j])
                    missed[key, default: 0] += 1
                    missedForms[Self.forms(labelled[i], labelled[j]), default: 0] += 1
                    missedExamples[key] = missedExamples[key] ?? Self.show(labelled[i], labelled[j])
                }
            }
        }
        let byCluster = Dictionary(grouping: labelled.indices) { predicted[$0] }
        for members in byCluster.values where members.count <= 60 {
            for (x, i) in members.enumerated() {
                for j in members[(x + 1)...] where labelled[i].person != labelled[j].person {
                    let a = labelled[i], b = labelled[j]
                    let kin =
                        a.household == b.household
                        ? "same household (" + Set(a.relations + b.relations).sorted().joined(separator: "+") + ")"
                        : (a.relations.contains("common-name") && b.relations.contains("common-name")
                            ? "common name" : "unrelated")
                    let key = kin + ", " + Self.evidence(a, b)
                    falseLinks[key, default: 0] += 1
                    falseExamples[key] = falseExamples[key] ?? Self.show(a, b)
                }
            }
        }
        let oversized = byCluster.values.filter { $0.count > 60 }.map(\.count)
        if !oversized.isEmpty { falseLinks["clusters over 60 records (not enumerated): \(oversized)"] = 1 }
    }

    /// Which identifying fields the two records share, contradict or lack.
    static func evidence(_ a: PersonRecordGenerator.LabelledRecord, _ b: PersonRecordGenerator.LabelledRecord) -> String
    {
        var parts: [String] = []
        func compare<T: Equatable>(_ name: String, _ x: T?, _ y: T?) {
            guard let x, let y else { return }
            parts.append(x == y ? name : name + "≠")
        }
        let x = a.record, y = b.record
        if x.birthDate == nil || y.birthDate == nil {
            parts.append("no-dob")
        } else {
            compare("dob", x.birthDate, y.birthDate)
        }
        compare("pesel", x.pesel, y.pesel)
        compare("phone", x.phone, y.phone)
        compare("email", x.email, y.email)
        compare("passport", x.document, y.document)
        return parts.joined(separator: " ")
    }

    static func noise(_ a: PersonRecordGenerator.LabelledRecord, _ b: PersonRecordGenerator.LabelledRecord) -> String {
        let traits = Set((a.traits + b.traits).filter { !$0.hasPrefix("name:") && !$0.hasPrefix("case:") })
        return traits.isEmpty ? "" : " [" + traits.sorted().joined(separator: ", ") + "]"
    }

    static func forms(_ a: PersonRecordGenerator.LabelledRecord, _ b: PersonRecordGenerator.LabelledRecord) -> String {
        let pair = [a, b].map { r in (r.traits.first { $0.hasPrefix("name:") } ?? "?").dropFirst(5) }.sorted()
        return "\(a.nationality): \(pair[0]) vs \(pair[1])"
    }

    static func show(_ a: PersonRecordGenerator.LabelledRecord, _ b: PersonRecordGenerator.LabelledRecord) -> String {
        [a, b].map { r in
            "\(r.record.firstName ?? "") \(r.record.lastName ?? "") \(r.record.birthDate?.iso ?? "-")"
        }.joined(separator: " | ")
    }

    var description: String {
        func top(_ counts: [String: Int], _ examples: [String: String] = [:], limit: Int = 15) -> String {
            counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(limit).map {
                "  \($0.value)× \($0.key)" + (examples[$0.key].map { "  e.g. \($0)" } ?? "")
            }.joined(separator: "\n")
        }
        return """
            missed pairs (\(missed.values.reduce(0, +))) by shared evidence and noise:
            \(top(missed, missedExamples))
            missed pairs by name forms:
            \(top(missedForms))
            false links (\(falseLinks.values.reduce(0, +))) by kinship and shared evidence:
            \(top(falseLinks, falseExamples))
            """
    }
}
