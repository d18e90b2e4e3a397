import Foundation
import IntegraCore
import IntegraTesting
import Testing

@testable import IntegraPipeline

/// Idempotent ingest: unchanged files are not read again, a changed file supersedes its earlier version, a renamed
/// one is recognised by content, a missing one is marked removed — and the outputs depend only on the current files.
@Suite(.serialized)
struct IncrementalIngestTests {
    let root = TestSupport.repositoryRoot

    /// A copy of the demo project in a temporary folder, so files can be changed.
    func copyDemo() throws -> URL {
        let dir = try TestSupport.makeTemporaryDirectory("integra-incremental")
        try FileManager.default.copyItem(
            at: root.appendingPathComponent("pipelines/demo.yml"), to: dir.appendingPathComponent("demo.yml"))
        try FileManager.default.copyItem(at: root.appendingPathComponent("pipelines/demo"), to: dir.appendingPathComponent("demo"))
        return dir
    }

    func run(_ dir: URL) throws -> RunSummary {
        var options = RunOptions()
        options.outputFolder = dir.appendingPathComponent("out")
        options.definitionsRoot = root
        return try Pipeline.run(projectFile: dir.appendingPathComponent("demo.yml"), displayPath: "demo.yml", options: options)
    }

    /// Each output's bytes; run.json's without the warehouse's hash, which changes with every run (each run numbers
    /// itself in the warehouse).
    func outputs(_ dir: URL, _ summary: RunSummary) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for path in summary.outputs {
            let data = try Data(contentsOf: dir.appendingPathComponent("out").appendingPathComponent(path))
            if path == "run.json" {
                var manifest = try RunManifest.decode(data)
                manifest.warehouse = nil
                result[path] = try manifest.encoded()
            } else {
                result[path] = data
            }
        }
        return result
    }

    func sources(_ dir: URL) throws -> [SourceListing] {
        var options = RunOptions()
        options.outputFolder = dir.appendingPathComponent("out")
        options.definitionsRoot = root
        return try Pipeline.sources(projectFile: dir.appendingPathComponent("demo.yml"), options: options)
    }

    @Test func unchangedFilesAreNotReadAgainAndOutputsStayIdentical() throws {
        let dir = try copyDemo()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try run(dir)
        #expect(first.ingest.new == 14 && first.ingest.unchanged == 0)
        let firstOutputs = try outputs(dir, first)
        let second = try run(dir)
        #expect(second.ingest.new == 0 && second.ingest.unchanged == 14 && second.ingest.superseded == 0)
        #expect(try outputs(dir, second) == firstOutputs)
        #expect(try sources(dir).count == 14)
    }

    @Test func aChangedFileSupersedesItsEarlierVersionWhichStays() throws {
        let dir = try copyDemo()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try run(dir)
        let log = dir.appendingPathComponent("demo/centrum/rejestr-porad-2023.csv")
        let original = try Data(contentsOf: log)
        // One anonymous consultation more at the end of the log.
        try (original + Data("15.06.2023,K. Nowicka,,,,UA,praca,telefon,15,\r\n".utf8)).write(to: log)
        let second = try run(dir)
        #expect(second.ingest.new == 1 && second.ingest.superseded == 1 && second.ingest.unchanged == 13)
        #expect(second.fileEvents.contains { $0.path == "demo/centrum/rejestr-porad-2023.csv" && $0.event == "superseded" })
        let consultations = { (s: RunSummary) in
            s.figures.first { $0.indicator == "consultations" && $0.period == "2023Q4" && $0.scope == "cumulative" }?.value ?? -1
        }
        #expect(consultations(second) == consultations(first) + 1)
        let versions = try sources(dir).filter { $0.path == "demo/centrum/rejestr-porad-2023.csv" }
        #expect(versions.map(\.status) == ["superseded", "current"])
        #expect(versions[0].supersededRun == 2 && versions[1].ingestedRun == 2)
        #expect(versions[1].rows?.read == 54)

        // Back to the original content: the earlier version is current again, nothing is read.
        try original.write(to: log)
        let third = try run(dir)
        #expect(third.fileEvents.contains { $0.event == "reinstated" })
        #expect(consultations(third) == consultations(first))
        #expect(try sources(dir).filter { $0.path == "demo/centrum/rejestr-porad-2023.csv" }.map(\.status) == ["current", "superseded"])
    }

    @Test func renamedFilesAreKnownByContentAndMissingOnesRemoved() throws {
        let dir = try copyDemo()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try run(dir)
        let fm = FileManager.default
        try fm.moveItem(
            at: dir.appendingPathComponent("demo/nadija/uczestnicy-warsztatow.csv"),
            to: dir.appendingPathComponent("demo/nadija/uczestnicy-2023.csv"))
        let renamed = try run(dir)
        #expect(renamed.ingest.new == 0 && renamed.ingest.unchanged == 14)
        #expect(renamed.persons == first.persons)
        #expect(try sources(dir).contains { $0.path == "demo/nadija/uczestnicy-2023.csv" && $0.status == "current" })

        try fm.removeItem(at: dir.appendingPathComponent("demo/przystan/obecnosci-PL-A2.xlsx"))
        let removed = try run(dir)
        #expect(removed.ingest.removed == 1)
        #expect(try sources(dir).first { $0.path == "demo/przystan/obecnosci-PL-A2.xlsx" }?.status == "removed")
        #expect(removed.files.count == 13)
    }
}
