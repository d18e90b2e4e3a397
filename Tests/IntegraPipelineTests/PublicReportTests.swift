import Foundation
import IntegraCore
import IntegraPipeline
import IntegraTesting
import Testing

/// Issue 7: the dashboard's small-cell suppression is available for any report marked `public: true`, and never
/// applied to funder submissions unless asked.
@Suite struct PublicReportTests {
    @Test func aPublicReportHidesSmallCountsAndFunderReportsStayExact() throws {
        let root = try TestSupport.makeTemporaryDirectory("integra-public")
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        let repo = TestSupport.repositoryRoot
        for folder in ["sql", "reports", "pipelines/demo", "pipelines/linkage"] {
            try fm.createDirectory(at: root.appendingPathComponent(folder).deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: repo.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
        let generic = try String(contentsOf: repo.appendingPathComponent("reports/generic-quarterly.yml"), encoding: .utf8)
        try generic.replacingOccurrences(of: "id: generic-quarterly", with: "id: generic-public\npublic: true")
            .write(to: root.appendingPathComponent("reports/generic-public.yml"), atomically: true, encoding: .utf8)
        let demo = try String(contentsOf: repo.appendingPathComponent("pipelines/demo.yml"), encoding: .utf8)
        try demo.replacingOccurrences(of: "reports:\n", with: "reports:\n  - reports/generic-public.yml\n")
            .write(to: root.appendingPathComponent("pipelines/demo.yml"), atomically: true, encoding: .utf8)
        var options = RunOptions()
        options.outputFolder = root.appendingPathComponent("out")
        options.csv = .rfc4180
        _ = try Pipeline.run(projectFile: root.appendingPathComponent("pipelines/demo.yml"), options: options)

        func figureCells(_ file: String) throws -> [String] {
            let text = try String(contentsOf: root.appendingPathComponent("out/reports/\(file)"), encoding: .utf8)
            return text.split(whereSeparator: \.isNewline).dropFirst().flatMap { line in
                line.split(separator: ",", omittingEmptySubsequences: false).dropFirst(3).map(String.init)
            }
        }
        let publicCells = try figureCells("generic-public__citizenship.csv")
        #expect(publicCells.contains("<5"))
        #expect(!publicCells.contains { ["1", "2", "3", "4"].contains($0) }, "\(publicCells)")
        let exact = try figureCells("generic-quarterly__citizenship.csv")
        #expect(!exact.contains("<5"))
        #expect(exact.contains { ["1", "2", "3", "4"].contains($0) })
    }
}
