import Foundation
import IntegraCore
import IntegraTesting
import Testing

@testable import IntegraPipeline

/// Issue 17, items 4, 8 and 9: a run's outputs are written apart, hashed as written and published together; another
/// run cannot write into the same folder meanwhile; outputs the project no longer produces are removed.
@Suite struct OutputPublishingTests {
    /// Every file under `folder` (relative path → bytes) but the warehouse, its hidden scratch files, and `run.json`,
    /// whose warehouse hash changes from run to run.
    static func outputs(_ folder: URL) throws -> [String: Data] {
        var found: [String: Data] = [:]
        let base = folder.standardizedFileURL.resolvingSymlinksInPath().path
        for case let url as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)! {
            let path = url.standardizedFileURL.resolvingSymlinksInPath().path
            let relative = String(path.dropFirst(base.count + 1))
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                !relative.hasPrefix("warehouse.sqlite"), !url.lastPathComponent.hasPrefix("."), relative != "run.json"
            else { continue }
            found[relative] = try Data(contentsOf: url)
        }
        return found
    }

    /// `run.json`'s hashes are those of the files in the folder.
    static func expectManifestVouchesForFiles(_ folder: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation)
        throws
    {
        let manifest = try RunManifest.decode(Data(contentsOf: folder.appendingPathComponent("run.json")))
        for output in manifest.outputs + [manifest.figures] {
            let data = try Data(contentsOf: folder.appendingPathComponent(output.path))
            #expect(SHA256Hex.of(data) == output.sha256, "\(output.path)", sourceLocation: sourceLocation)
        }
    }

    /// Calls `action` when the watched run enters `stage`, and keeps what it threw.
    final class AtStage: RunObserver, @unchecked Sendable {
        let stage: RunStage
        let action: () throws -> Void
        var error: (any Error)?
        var called = false

        init(_ stage: RunStage, _ action: @escaping () throws -> Void) {
            self.stage = stage
            self.action = action
        }

        func stageStarted(_ stage: RunStage) {
            guard stage == self.stage else { return }
            called = true
            do { try action() } catch { self.error = error }
        }
        func stageProgress(_ stage: RunStage, done: Int, total: Int?, unit: String) {}
        func stageFinished(_ stage: RunStage, count: Int?, unit: String) {}
    }

    /// Item 4: project B (its own warehouse, English reports) started into A's folder while A writes its manifest
    /// exited 0 and A's `run.json` listed B's files. Now B is refused, and A's folder holds A's outputs only.
    @Test func aSecondRunIntoTheSameOutputFolderIsRefused() throws {
        let demo = try DemoCopy("integra-outlock")
        defer { demo.remove() }
        _ = try demo.run(out: "reference")
        var options = demo.options("out")
        let intruder = AtStage(.manifest) {
            var other = demo.options("out")
            other.warehousePath = demo.url("other/warehouse.sqlite")
            other.language = .en
            _ = try Pipeline.run(projectFile: demo.url("demo.yml"), displayPath: "demo.yml", options: other)
        }
        options.observer = intruder
        _ = try Pipeline.run(projectFile: demo.url("demo.yml"), displayPath: "demo.yml", options: options)
        #expect(intruder.called)
        let refusal = try #require(intruder.error as? RunLockError, "the second run into the folder went ahead")
        #expect(refusal.resource == .outputFolder)
        #expect(refusal.message.hasPrefix("another integra run is writing its outputs into"))
        #expect(try Self.outputs(demo.url("out")) == Self.outputs(demo.url("reference")))
        try Self.expectManifestVouchesForFiles(demo.url("out"))
    }

    /// Item 4: the lock's message in English with `--lang en`, naming the folder.
    @Test func theRefusalIsWorded() throws {
        let out = try TestSupport.makeTemporaryDirectory("integra-outlock-words")
        defer { try? FileManager.default.removeItem(at: out) }
        try {
            let held = try RunLock(outputFolder: out)
            do {
                _ = try RunLock(outputFolder: out, language: .en)
                Issue.record("taken twice")
            } catch let error as RunLockError {
                #expect(error.message.hasPrefix("another integra run is writing its outputs into \(out.path)"))
                #expect(error.holder == String(getpid()))
            }
            do {
                _ = try RunLock(outputFolder: out)
                Issue.record("taken twice")
            } catch let error as RunLockError {
                #expect(error.message.hasPrefix("inny przebieg integra zapisuje wyniki do folderu \(out.path)"))
            }
            withExtendedLifetime(held) {}
        }()
        _ = try RunLock(outputFolder: out)  // released: free again
    }

    /// Item 8: while a run on changed inputs writes its reports, dashboard and manifest, the output folder still
    /// holds the previous run's outputs, all of them and only them; then the new ones, all together.
    @Test func nothingIsPublishedBeforeEveryOutputIsWritten() throws {
        let demo = try DemoCopy("integra-publish")
        defer { demo.remove() }
        _ = try demo.run()
        let old = try Self.outputs(demo.url("out"))
        let oldManifest = try Data(contentsOf: demo.url("out/run.json"))
        // A consultation fewer: every report, the dashboard and the figures change.
        var lines = try demo.lines("demo/centrum/rejestr-porad-2023.csv")
        lines.remove(at: 1)
        try demo.write(lines.joined(separator: "\r\n") + "\r\n", to: "demo/centrum/rejestr-porad-2023.csv")
        // Looked at as each of the last stages starts and ends (but the manifest's end, which is the publishing).
        var seen: [String: Bool] = [:]
        final class Watcher: RunObserver, @unchecked Sendable {
            let check: (String) -> Void
            init(_ check: @escaping (String) -> Void) { self.check = check }
            func stageStarted(_ stage: RunStage) { check("\(stage.rawValue) started") }
            func stageProgress(_ stage: RunStage, done: Int, total: Int?, unit: String) {}
            func stageFinished(_ stage: RunStage, count: Int?, unit: String) {
                if stage != .manifest { check("\(stage.rawValue) finished") }
            }
        }
        var options = demo.options("out")
        options.observer = Watcher { moment in
            guard moment.hasPrefix("reports") || moment.hasPrefix("dashboard") || moment.hasPrefix("manifest") else {
                return
            }
            seen[moment] =
                (try? Self.outputs(demo.url("out"))) == old
                && (try? Data(contentsOf: demo.url("out/run.json"))) == oldManifest
        }
        _ = try Pipeline.run(projectFile: demo.url("demo.yml"), displayPath: "demo.yml", options: options)
        #expect(
            seen == [
                "reports started": true, "reports finished": true, "dashboard started": true,
                "dashboard finished": true, "manifest started": true,
            ])
        let new = try Self.outputs(demo.url("out"))
        #expect(new["figures.json"] != old["figures.json"])
        #expect(Set(new.keys) == Set(old.keys))
        try Self.expectManifestVouchesForFiles(demo.url("out"))
        // No staging folder is left beside the output folder.
        let beside = try FileManager.default.contentsOfDirectory(atPath: demo.dir.path)
        #expect(!beside.contains { $0.contains("integra-staging") || $0.contains("integra-previous") })
    }

    /// Item 9: a participant list dropped from the project file leaves no stale personal CSV behind; the summary
    /// says so; the user's own files and the warehouse stay.
    @Test func outputsTheProjectNoLongerProducesAreRemoved() throws {
        let demo = try DemoCopy("integra-stale")
        defer { demo.remove() }
        _ = try demo.run()
        let list = demo.url("out/reports/participants-sm-efs.csv")
        #expect(FileManager.default.fileExists(atPath: list.path))
        try demo.write("notatki", to: "out/notatki.txt")
        try demo.write("moje", to: "out/reports/moje-zestawienie.csv")
        let project = try demo.text("demo.yml")
        #expect(project.contains("  - reports/participants-sm-efs.yml\n"))
        try demo.write(
            project.replacingOccurrences(of: "  - reports/participants-sm-efs.yml\n", with: ""), to: "demo.yml")
        let summary = try demo.run()
        #expect(!FileManager.default.fileExists(atPath: list.path))
        #expect(summary.removedOutputs == ["reports/participants-sm-efs.csv"])
        #expect(try demo.text("out/notatki.txt") == "notatki")
        #expect(try demo.text("out/reports/moje-zestawienie.csv") == "moje")
        // The warehouse came along: its files were not read again.
        #expect(summary.ingest.new == 0 && summary.ingest.unchanged > 0)
        let manifest = try RunManifest.decode(Data(contentsOf: demo.url("out/run.json")))
        #expect(!manifest.outputs.contains { $0.path.contains("participants-sm-efs") })
        // A run with nothing to remove says nothing.
        #expect(try demo.run().removedOutputs.isEmpty)
    }

    /// Items 8 and 9 where the folder cannot be exchanged (a mount point, a parent folder not writable): staged
    /// inside it, renamed into place with `run.json` last, stale outputs deleted, other files kept.
    @Test func aFolderThatCannotBeExchangedIsPublishedInPlace() throws {
        let out = try TestSupport.makeTemporaryDirectory("integra-in-place")
        defer { try? FileManager.default.removeItem(at: out) }
        func publish(_ files: [String: String]) throws -> [String] {
            var staging = try OutputStaging(out: out, exchanges: false)
            #expect(
                staging.folder.deletingLastPathComponent().path
                    == out.standardizedFileURL.resolvingSymlinksInPath().path)
            for (path, text) in files {
                let url = staging.folder.appendingPathComponent(path)
                try Data(text.utf8).write(to: url)
                try staging.record(url)
            }
            let figures = try staging.write(Data("{}".utf8), to: RunManifest.figuresFile)
            let manifest = RunManifest(
                tool: .init(name: "integra", version: integraVersion, commit: nil),
                job: .init(namespace: "integra", name: "t"),
                run: .init(
                    projectFile: "t.yml", projectSHA256: "", periodStart: "", periodEnd: "", reportingPeriod: "",
                    reportingStart: "", reportingEnd: "", language: "pl", csv: nil),
                definitions: [], inputs: [], outputs: staging.outputs, figures: figures, warehouse: nil, persons: 0,
                personsByEvidence: [:], diagnostics: .init(errors: 0, warnings: 0, byCode: [:]))
            _ = try staging.write(try manifest.encoded(), to: "run.json")
            return try staging.publish()
        }
        #expect(try publish(["reports/a.csv": "a1", "reports/list.csv": "l1"]) == [])
        try Data("mine".utf8).write(to: out.appendingPathComponent("notes.txt"))
        #expect(try publish(["reports/a.csv": "a2"]) == ["reports/list.csv"])
        #expect(try String(contentsOf: out.appendingPathComponent("reports/a.csv"), encoding: .utf8) == "a2")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("reports/list.csv").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("notes.txt").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(".integra-staging").path))
        try Self.expectManifestVouchesForFiles(out)
    }
}
