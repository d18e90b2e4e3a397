import Foundation
import IntegraCore
import IntegraIngest
import IntegraPipeline
import IntegraTesting
import Testing

/// Every breakdown adds up to its total (issue #15): a person whose sex, age or citizenship is unknown (a client met
/// only in consultations, by name) is counted in a "brak danych" category, so women + men + unknown = all, in the
/// figures and in every report that lists categories as rows.
@Suite struct BreakdownTotalsTests {
    /// Breakdowns in which each unit has exactly one category; partner, activity and the like are not partitions
    /// (a person supported by two partners counts in both, and once in the total).
    static let partitions = ["sex", "age_band", "citizenship", "objective"]

    @Test func everyPartitionAddsUpToItsTotal() throws {
        let out = try TestSupport.makeTemporaryDirectory("integra-totals")
        defer { try? FileManager.default.removeItem(at: out) }
        var options = RunOptions()
        options.outputFolder = out
        _ = try Pipeline.run(
            projectFile: TestSupport.repositoryRoot.appendingPathComponent("pipelines/demo.yml"),
            displayPath: "pipelines/demo.yml", options: options)
        // figures.json: every figure with the warehouse's breakdown keys, whatever --csv and --lang.
        let figures = try RunManifest.Figure.decode(json: Data(contentsOf: out.appendingPathComponent("figures.json")))
        var totals: [String: Double] = [:]
        var sums: [String: Double] = [:]
        var unknown = 0
        for f in figures {
            let key = "\(f.indicator) \(f.period) \(f.scope)"
            let kind = f.breakdown
            if kind.isEmpty {
                totals[key] = f.value
            } else if Self.partitions.contains(where: { kind == $0 || kind.hasPrefix($0 + "#") }) {
                sums["\(key) \(kind)", default: 0] += f.value
                if f.category.isEmpty && f.value > 0 { unknown += 1 }
            }
        }
        #expect(unknown > 0, "the demo has persons whose sex or age is unknown")
        var mismatches: [String] = []
        for (key, sum) in sums {
            let total = key.split(separator: " ").prefix(3).joined(separator: " ")
            if abs(sum - (totals[total] ?? 0)) > 1e-9 { mismatches.append("\(key): \(sum) ≠ \(totals[total] ?? 0)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.sorted().prefix(10))")
        #expect(!sums.isEmpty)
    }

    /// A report that lists categories of a partition as rows ("w tym kobiety", "w tym mężczyźni") lists them all,
    /// unknown included, so its rows add up to the indicator's row.
    @Test func reportRowsOfAPartitionListEveryCategory() throws {
        let folder = TestSupport.repositoryRoot.appendingPathComponent("reports")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yml") }
        var checked = 0
        for file in files.sorted() where file != "participants-sm-efs.yml" {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            // `where: { sex: K }` rows per indicator.
            var categories: [String: Set<String>] = [:]
            for line in text.split(separator: "\n") where line.contains("where: { sex:") {
                guard let indicator = line.split(separator: ",").first?.split(separator: ":").last else { continue }
                let value = line.components(separatedBy: "where: { sex:")[1].split(separator: "}")[0]
                    .trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\"", with: "")
                categories[indicator.trimmingCharacters(in: .whitespaces), default: []].insert(value)
            }
            for (indicator, found) in categories where found.count > 1 {
                checked += 1
                #expect(found == ["K", "M", ""], "\(file): \(indicator) lists sex \(found.sorted())")
            }
        }
        #expect(checked > 0)
    }
}
