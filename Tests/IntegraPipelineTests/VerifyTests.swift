import Foundation
import GRDB
import IntegraCore
import IntegraPipeline
import IntegraTesting
import Testing

/// Issue 6, item 3: `integra verify run.json` says identical on a fresh run and names each kind of change.
@Suite struct VerifyTests {
    /// A scratch copy of the definitions and the demo project, run once; returns the root and the manifest.
    static func runCopy() throws -> (root: URL, manifest: URL) {
        let root = try TestSupport.makeTemporaryDirectory("integra-verify-test")
        let fm = FileManager.default
        let repo = TestSupport.repositoryRoot
        for folder in ["sql", "reports", "pipelines/demo", "pipelines/linkage"] {
            try fm.createDirectory(at: root.appendingPathComponent(folder).deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: repo.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
        try fm.copyItem(at: repo.appendingPathComponent("pipelines/demo.yml"), to: root.appendingPathComponent("pipelines/demo.yml"))
        var options = RunOptions()
        options.outputFolder = root.appendingPathComponent("out")
        _ = try Pipeline.run(projectFile: root.appendingPathComponent("pipelines/demo.yml"), displayPath: "pipelines/demo.yml", options: options)
        return (root, root.appendingPathComponent("out/run.json"))
    }

    static func verify(_ root: URL, _ manifest: URL) throws -> VerifyReport {
        try Pipeline.verify(manifest: manifest, projectFile: root.appendingPathComponent("pipelines/demo.yml"))
    }

    @Test func aFreshRunIsIdenticalAndVerifyLeavesItUntouched() throws {
        let (root, manifest) = try Self.runCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        let before = try Data(contentsOf: manifest)
        let warehouse = try Data(contentsOf: root.appendingPathComponent("out/warehouse.sqlite"))
        let report = try Self.verify(root, manifest)
        #expect(report.identical, "\(report.text())")
        #expect(report.outputsCompared > 10)
        #expect(try Data(contentsOf: manifest) == before)
        #expect(try Data(contentsOf: root.appendingPathComponent("out/warehouse.sqlite")) == warehouse)
    }

    /// Issue 17, item 5: a stored row (a consultation) deleted from the warehouse changes the next run's figures under unchanged
    /// input hashes; verify re-derives from the input files in a fresh warehouse and names the outputs that differ.
    @Test func anEditedWarehouseRowIsADifference() throws {
        let (root, manifest) = try Self.runCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        var config = Configuration()
        config.foreignKeysEnabled = false
        let db = try DatabaseQueue(path: root.appendingPathComponent("out/warehouse.sqlite").path, configuration: config)
        let deleted = try db.write { db in
            try db.execute(
                sql: """
                    delete from raw_rows where row_number = 3 and source_file_id = (select id from source_files
                    where path like '%rejestr-porad-2023.csv' and status = 'current')
                    """)
            return db.changesCount
        }
        try db.close()
        #expect(deleted == 1)
        var options = RunOptions()
        options.outputFolder = root.appendingPathComponent("out")
        let before = try RunManifest.decode(Data(contentsOf: manifest))
        _ = try Pipeline.run(
            projectFile: root.appendingPathComponent("pipelines/demo.yml"), displayPath: "pipelines/demo.yml", options: options)
        let after = try RunManifest.decode(Data(contentsOf: manifest))
        #expect(after.inputs.map(\.sha256) == before.inputs.map(\.sha256))
        #expect(after.figures.sha256 != before.figures.sha256)
        let report = try Self.verify(root, manifest)
        #expect(!report.identical)
        #expect(report.differences.contains(.outputFileDiffers("figures.json")), "\(report.text())")
        #expect(report.differences.contains(.outputFileDiffers("dashboard.html")), "\(report.text())")
        #expect(!report.differences.contains { if case .inputChanged = $0 { return true } else { return false } })
    }

    /// Issue 17, item 5: a report CSV edited on disk (its hash in run.json left alone) is named.
    @Test func anOutputEditedOnDiskIsADifference() throws {
        let (root, manifest) = try Self.runCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        let recorded = try RunManifest.decode(Data(contentsOf: manifest))
        let csv = try #require(recorded.outputs.first { $0.path.hasPrefix("reports/generic-quarterly__") && $0.path.hasSuffix(".csv") })
        let file = root.appendingPathComponent("out").appendingPathComponent(csv.path)
        try (Data(contentsOf: file) + Data("edited;1\r\n".utf8)).write(to: file)
        try FileManager.default.removeItem(at: root.appendingPathComponent("out/reports/data-quality.xlsx"))
        let report = try Self.verify(root, manifest)
        #expect(
            Set(report.differences) == [.outputFileDiffers(csv.path), .outputFileMissing("reports/data-quality.xlsx")],
            "\(report.text())")
    }

    @Test func eachKindOfChangeIsNamed() throws {
        let (root, manifest) = try Self.runCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        let log = root.appendingPathComponent("pipelines/demo/centrum/rejestr-porad-2023.csv")
        // One input row edited: a consultation's topic.
        var text = try String(contentsOf: log, encoding: .utf8)
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        #expect(lines.count > 5)
        var edited = lines
        edited[3] = edited[3].replacingOccurrences(of: ",", with: ",X", options: [], range: edited[3].range(of: ","))
        text = edited.joined(separator: "\r\n")
        try text.write(to: log, atomically: true, encoding: .utf8)
        var report = try Self.verify(root, manifest)
        #expect(
            report.differences.contains { if case .inputChanged(let p, _, _) = $0 { return p == "demo/centrum/rejestr-porad-2023.csv" } else { return false } },
            "\(report.text())")
        #expect(!report.identical)

        // A definition changed.
        let sql = root.appendingPathComponent("sql/indicators/consultations.sql")
        try (try String(contentsOf: sql, encoding: .utf8) + "\n-- edited\n").write(to: sql, atomically: true, encoding: .utf8)
        report = try Self.verify(root, manifest)
        #expect(report.differences.contains(.definitionChanged("sql/indicators/consultations.sql")), "\(report.text())")

        // An input removed, another added.
        let attendance = root.appendingPathComponent("pipelines/demo/nadija/obecnosci-warsztaty.xlsx")
        try fm.moveItem(at: attendance, to: root.appendingPathComponent("pipelines/demo/nadija/obecnosci-warsztaty-2.xlsx"))
        report = try Self.verify(root, manifest)
        #expect(report.differences.contains(.inputMissing("demo/nadija/obecnosci-warsztaty.xlsx")), "\(report.text())")
        #expect(report.differences.contains(.inputAdded("demo/nadija/obecnosci-warsztaty-2.xlsx")), "\(report.text())")
        #expect(report.differences.contains { if case .outputDiffers = $0 { return true } else { return false } })
    }
}
