import Foundation
import GRDB
import IntegraCore
import IntegraTesting
import Testing

@testable import IntegraPipeline

/// Ingest: a source matching no file fails the run unless optional; a byte-identical copy is reported as the
/// copy; linked files and files outside the project folder are read.
@Suite(.serialized)
struct IngestStageTests {
    static let log = "demo/centrum/rejestr-porad-2023.csv"

    /// The demo with one more source, whose files match nothing.
    func demoWithAnEmptySource(optional: Bool) throws -> DemoCopy {
        let demo = try DemoCopy("integra-no-files")
        var text = try demo.text("demo.yml")
        let anchor = "  - id: centrum-guidance\n"
        #expect(text.contains(anchor))
        text = text.replacingOccurrences(
            of: anchor,
            with: """
                  - id: centrum-late
                    partner: centrum
                    kind: consultations
                    activity: consultation
                    files: demo/centrum/pozne-*.csv
                \(optional ? "    optional: true\n" : "")    columns: { date: Data, full_name: Klient }

                """ + anchor)
        try demo.write(text, to: "demo.yml")
        return demo
    }

    @Test func aSourceMatchingNoFileFailsTheRun() throws {
        let demo = try demoWithAnEmptySource(optional: false)
        defer { demo.remove() }
        let summary = try demo.run()
        #expect(summary.failedFiles == 1)
        #expect(summary.diagnostics(.noFilesMatched).map(\.severity) == [.error])
        if let integra = Executable.integra {
            let result = try Executable.run(
                integra, ["run", "demo.yml", "--out", "out-cli", "--quiet"], in: demo.dir,
                environment: ["INTEGRA_HOME": DemoCopy.root.path])
            #expect(result.status == 1, "\(result.stderr)")
        }
    }

    @Test func anOptionalSourceMayMatchNoFile() throws {
        let demo = try demoWithAnEmptySource(optional: true)
        defer { demo.remove() }
        let summary = try demo.run()
        #expect(summary.failedFiles == 0)
        #expect(summary.diagnostics(.noFilesMatched).isEmpty)
    }

    /// Files stored by an older reader (another `readerVersion`) are read again, not reused as they were stored; the
    /// figures stay, and the next run reuses them.
    @Test func filesStoredByAnOlderReaderAreReadAgain() throws {
        let demo = try DemoCopy("integra-reader-version")
        defer { demo.remove() }
        let before = try demo.run()
        let db = try DatabaseQueue(path: demo.url("out/warehouse.sqlite").path)
        try db.write { try $0.execute(sql: "update source_files set read_options = replace(read_options, 'reader=', 'reader=old')") }
        try db.close()
        let after = try demo.run()
        #expect(after.fileEvents.filter { $0.event == "unchanged" }.isEmpty)
        #expect(after.figureLines == before.figureLines)
        let again = try demo.run()
        #expect(again.fileEvents.allSatisfy { $0.event == "unchanged" })
    }

    /// Two copies that both sort before the original: each warning names the original as the file read.
    @Test func twoCopiesBothNameTheOriginal() throws {
        let demo = try DemoCopy("integra-two-copies")
        defer { demo.remove() }
        let copies = ["demo/centrum/rejestr-porad-2023 (kopia 2).csv", "demo/centrum/rejestr-porad-2023 (kopia).csv"]
        for copy in copies { try FileManager.default.copyItem(at: demo.url(Self.log), to: demo.url(copy)) }
        let after = try demo.run()
        let warnings = after.diagnostics(.duplicateFile)
        #expect(Set(warnings.compactMap { $0.location?.file }) == Set(copies))
        #expect(warnings.allSatisfy { $0.message.contains(Self.log + ",") || $0.message.contains(Self.log + " ") })
        #expect(warnings.allSatisfy { !copies.contains(where: $0.message.contains) }, "\(warnings.map(\.message))")
        #expect(after.file(Self.log) != nil)
    }

    @Test func aByteIdenticalCopyIsReportedAsTheCopy() throws {
        let demo = try DemoCopy("integra-copy")
        defer { demo.remove() }
        let before = try demo.run()
        // Sorts before the original: "rejestr-porad-2023 (kopia).csv" < "rejestr-porad-2023.csv".
        let copy = "demo/centrum/rejestr-porad-2023 (kopia).csv"
        try FileManager.default.copyItem(at: demo.url(Self.log), to: demo.url(copy))
        let after = try demo.run(out: "out2")
        #expect(after.diagnostics(.duplicateFile).map { $0.location?.file } == [copy])
        #expect(after.diagnostics(.duplicateFile).first?.message.contains(Self.log) == true)
        #expect(after.fileEvents.filter { $0.event == "duplicate" }.map(\.path) == [copy])
        // Row references keep the original's name.
        #expect(after.file(Self.log) != nil && after.file(copy) == nil)
        #expect(!after.diagnostics.contains { $0.location?.file == copy && $0.code != .duplicateFile })
        #expect(after.figureLines == before.figureLines)
        // `integra sources` lists both.
        let listed = try demo.sources(out: "out2").filter { $0.path == Self.log || $0.path == copy }
        #expect(listed.map(\.path) == [copy, Self.log])
        #expect(listed.map(\.status) == ["copy", "current"])
        #expect(listed[0].copyOf == Self.log && listed[0].sha256 == listed[1].sha256)
        // A second run keeps the original's name too.
        let again = try demo.run(out: "out2")
        #expect(again.file(Self.log) != nil && again.figureLines == before.figureLines)
    }

    @Test(arguments: [
        ("lista (kopia).csv", "lista.csv", true), ("Copy of lista.csv", "lista.csv", true),
        ("lista - Kopia.csv", "lista.csv", true), ("lista (1).csv", "lista.csv", true),
        ("x/Kopia lista.xlsx", "x/lista.xlsx", true), ("lista kopia 2.csv", "lista.csv", true),
        ("lista.csv", "lista (kopia).csv", false), ("lista-2024.csv", "lista.csv", false),
        ("lista.csv", "lista.csv", false),
    ])
    func copyNames(copy: String, original: String, isCopy: Bool) {
        #expect(IngestStage.isCopy(copy, of: original) == isCopy)
    }

    @Test func aLinkedFileAndFilesOutsideTheProjectFolderAreRead() throws {
        let demo = try DemoCopy("integra-outside")
        defer { demo.remove() }
        let before = try demo.run()
        let fm = FileManager.default
        // The log moved out of the project folder and linked back in.
        try fm.createDirectory(at: demo.url("archive"), withIntermediateDirectories: true)
        try fm.moveItem(at: demo.url(Self.log), to: demo.url("archive/porady.csv"))
        try fm.createSymbolicLink(at: demo.url(Self.log), withDestinationURL: demo.url("archive/porady.csv"))
        // The project file in a folder of its own, the partners' files beside it, one source by absolute path.
        try fm.createDirectory(at: demo.url("project"), withIntermediateDirectories: true)
        var text = try demo.text("demo.yml").replacingOccurrences(of: "files: demo/", with: "files: ../demo/")
        let absolute = demo.dir.standardizedFileURL.path + "/demo/centrum/doradztwo-zawodowe-*.csv"
        text = text.replacingOccurrences(of: "files: ../demo/centrum/doradztwo-zawodowe-*.csv", with: "files: \"\(absolute)\"")
        try demo.write(text, to: "project/demo.yml")
        var moved = demo
        moved.projectFile = "project/demo.yml"
        let after = try moved.run(out: "out2")
        #expect(after.failedFiles == 0)
        #expect(after.figureLines == before.figureLines)
        #expect(after.file("../" + Self.log) != nil)
        #expect(after.files.contains { $0.path.hasPrefix("/") && $0.path.hasSuffix("/demo/centrum/doradztwo-zawodowe-2023.csv") })
    }
}
