import Foundation
import IntegraCore
import IntegraReports
import Testing

@testable import IntegraPipeline

@Suite struct LinkageReviewReportTests {
    /// The pairs nearest an even chance come first, whatever order the linker gave them.
    @Test func mostDoubtfulPairsComeFirst() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let project = try ProjectDefinition.load(from: root.appendingPathComponent("pipelines/demo.yml"))
        let pairs = [0.95, 0.53, 0.7, 0.25, 0.48].enumerated().map { i, p in
            LinkReviewRecord(
                recordA: "a.csv#\(i)", recordB: "b.csv#\(i)", personA: "P\(i)", personB: "Q\(i)", weight: 0,
                probability: p, contributionsJSON: "[]")
        }
        let document = try LinkageReviewReport(project: project, language: .pl).document(pairs) { _ in nil }.workbook
        let order = document.sheets[0].rows.map { row -> String in
            if case .text(let key) = row[2] { return key }
            return ""
        }
        #expect(order == ["a.csv#4", "a.csv#1", "a.csv#2", "a.csv#3", "a.csv#0"])
    }

    /// The workbook shows the most doubtful `limit` decisions and says how many there are; the CSV sheet has them all.
    @Test func theWorkbookShowsTheMostDoubtfulAndTheCSVAll() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let project = try ProjectDefinition.load(from: root.appendingPathComponent("pipelines/demo.yml"))
        let pairs = (0..<5).map { i in
            LinkReviewRecord(
                recordA: "a.csv#\(i)", recordB: "b.csv#\(i)", personA: "P\(i)", personB: "Q\(i)", weight: 0,
                probability: [0.95, 0.6, 0.7, 0.8, 0.52][i], contributionsJSON: "[]")
        }
        let (workbook, all) = try LinkageReviewReport(project: project, language: .pl).document(pairs, limit: 2) { _ in nil }
        #expect(workbook.sheets[0].rows.count == 2)
        #expect(all.rows.count == 5)
        #expect(workbook.sheets[0].titleLines.last == "Pokazano 2 najbardziej wątpliwych z 5 decyzji; wszystkie są w pliku linkage-review.csv obok tego skoroszytu.")
        let (uncapped, _) = try LinkageReviewReport(project: project, language: .pl).document(pairs, limit: 5) { _ in nil }
        #expect(uncapped.sheets[0].titleLines.count == 3)
    }

    /// One decision per pair of persons: its record pairs (either order of the persons) make one row, shown by the
    /// pair nearest an even chance, with how many pairs it settles.
    @Test func onePairOfPersonsIsOneDecision() {
        func pair(_ a: String, _ b: String, _ p: Double, _ key: String) -> LinkReviewRecord {
            LinkReviewRecord(
                recordA: key, recordB: key + "'", personA: a, personB: b, weight: 0, probability: p,
                contributionsJSON: "[]")
        }
        let decisions = LinkageReviewReport.decisions([
            pair("P1", "P2", 0.8, "x"), pair("P2", "P1", 0.55, "y"), pair("P1", "P2", 0.7, "z"), pair("P3", "P3", 0.6, "w"),
        ])
        #expect(decisions.map(\.pair.recordA) == ["y", "w"])
        #expect(decisions.map(\.settles) == [3, 1])
    }
}

/// The range the coordinator's decisions can move the count of persons in: every review pair joined is a union–find.
@Suite struct ReviewRangeTests {
    @Test func joinsCountUnionsNotPairs() {
        // P1–P2, P2–P3 and P1–P3 make one person of three (two joins); P4–P5 one more; a repeated pair adds none.
        let pairs = [("P1", "P2"), ("P2", "P3"), ("P1", "P3"), ("P4", "P5"), ("P5", "P4")]
        #expect(Pipeline.joins(pairs) == 3)
        #expect(Pipeline.joins([]) == 0)
    }

    @Test func theDemoSummaryGivesTheRange() throws {
        let demo = try DemoCopy("integra-review-range")
        defer { demo.remove() }
        let summary = try demo.run()
        let low = try #require(summary.personsIfAllJoined)
        #expect(low <= summary.persons)
        #expect((summary.reviewPairs ?? 0) == 0 ? low == summary.persons : low < summary.persons)
    }
}
