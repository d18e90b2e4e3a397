import Foundation
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
