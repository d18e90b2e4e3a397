import Foundation
import IntegraCore
import IntegraTesting
import IntegraWarehouse
import Testing

@testable import IntegraPipeline

/// Ingest reads files ahead of its writer on other threads, and normalise works on several files at once: both must
/// give exactly what one thread gives — the same stored rows and ids, records, `order` numbers, diagnostics and row
/// statuses, in the same order.
struct ParallelStagesTests {
    static let root = TestSupport.repositoryRoot
    /// The demo (XLSX and CSV, several sources) and the fixture corpus (every edge case, unreadable files).
    static let projects = ["pipelines/demo.yml", "Tests/Fixtures/project.yml"]

    func ingest(_ projectFile: URL, readers: Int) throws -> (ProjectDefinition, Warehouse, IngestStage.Output) {
        let project = try ProjectDefinition.load(from: projectFile, displayPath: projectFile.lastPathComponent)
        let warehouse = try Warehouse.create(at: nil, sqlRoot: Self.root.appendingPathComponent("sql"))
        let run = try warehouse.beginRun(
            projectID: project.project.id, projectSHA256: String(repeating: "0", count: 64), toolVersion: "test")
        var stage = IngestStage(
            project: project, base: projectFile.deletingLastPathComponent(), warehouse: warehouse, run: run)
        stage.readers = readers
        return (project, warehouse, try stage.ingest(project.sources))
    }

    func expectSameIngest(_ projectFile: URL) throws {
        let (_, one, a) = try ingest(projectFile, readers: 1)
        let (_, three, b) = try ingest(projectFile, readers: 3)
        #expect(a.files.map(\.file) == b.files.map(\.file))
        #expect(String(reflecting: a.diagnostics) == String(reflecting: b.diagnostics))
        #expect(String(reflecting: a.events) == String(reflecting: b.events))
        #expect(String(reflecting: a.counts) == String(reflecting: b.counts))
        #expect(a.failedFiles == b.failedFiles)
        for (x, y) in zip(a.files, b.files) {
            let (p, q) = (try one.sheets(fileID: x.file.id), try three.sheets(fileID: y.file.id))
            #expect(String(reflecting: p.map(\.table)) == String(reflecting: q.map(\.table)))
            #expect(p.map(\.rawRowIDs) == q.map(\.rawRowIDs))
        }
    }

    @Test(arguments: projects) func readingAheadStoresWhatOneReaderStores(_ path: String) throws {
        try expectSameIngest(Self.root.appendingPathComponent(path))
    }

    /// A second copy of a file read in the same run is parsed by a reader ahead of the writer, then dropped as a
    /// duplicate: the run reports it as one reader did.
    @Test func aCopyReadAheadIsStillADuplicate() throws {
        let dir = try TestSupport.makeTemporaryDirectory("integra-read-ahead")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(
            at: Self.root.appendingPathComponent("pipelines/demo.yml"), to: dir.appendingPathComponent("demo.yml"))
        try FileManager.default.copyItem(
            at: Self.root.appendingPathComponent("pipelines/demo"), to: dir.appendingPathComponent("demo"))
        try FileManager.default.copyItem(
            at: dir.appendingPathComponent("demo/centrum/rejestr-porad-2023.csv"),
            to: dir.appendingPathComponent("demo/centrum/rejestr-porad-2023-kopia.csv"))
        let (_, _, out) = try ingest(dir.appendingPathComponent("demo.yml"), readers: 2)
        // The copy sorts first, yet is the one reported: the original keeps its name.
        #expect(out.events.filter { $0.event == "duplicate" }.map(\.path) == ["demo/centrum/rejestr-porad-2023-kopia.csv"])
        #expect(out.files.contains { $0.file.path == "demo/centrum/rejestr-porad-2023.csv" })
        #expect(out.diagnostics.map(\.diagnostic.code) == [.duplicateFile])
        try expectSameIngest(dir.appendingPathComponent("demo.yml"))
    }

    @Test(arguments: projects) func filesNormalisedSideBySideGiveWhatOneWorkerGives(_ path: String) throws {
        let (project, warehouse, ingested) = try ingest(Self.root.appendingPathComponent(path), readers: 2)
        let one = try NormaliseStage(project: project, warehouse: warehouse, workers: 1).run(ingested.files)
        let three = try NormaliseStage(project: project, warehouse: warehouse, workers: 3).run(ingested.files)
        #expect(!one.identities.isEmpty && !one.diagnostics.isEmpty)
        #expect(String(reflecting: one) == String(reflecting: three))
        // Positions in the run: one per data row, in file order.
        let orders = one.identities.map(\.order)
        #expect(orders == orders.sorted() && Set(orders).count == orders.count)
        #expect((orders.last ?? 0) <= one.rowStatus.count)
    }

    @Test func inOrderGivesResultsInIndexOrderAndTheFirstError() throws {
        struct Failure: Error, Equatable { var index: Int }
        let squares = try InOrder.map(50, workers: 3, state: { 0 }) { calls, i in
            calls += 1
            // Uneven costs, so workers finish out of order.
            if i % 7 == 0 { Thread.sleep(forTimeInterval: 0.002) }
            return i * i
        }
        #expect(squares == (0..<50).map { $0 * $0 })
        #expect(throws: Failure(index: 5)) {
            try InOrder.map(50, workers: 3, state: { () }) { _, i -> Int in
                if i == 5 || i == 30 { throw Failure(index: i) }
                return i
            }
        }
    }

    /// Pairs of rows (the running number in column D); some stored alike, some not.
    static let rowPairs: [([CellValue], [CellValue])] = [
        ([.string("Olena"), .number(1)], [.string("Olena"), .number(1), .empty, .empty]),
        ([.string("Olena"), .number(1)], [.string("Olena"), .string("1")]),
        ([.number(0)], [.number(-0.0)]),
        ([.number(.nan), .string("a")], [.empty, .string("a")]),
        ([.string("a"), .number(.infinity)], [.string("a")]),
        ([.string("a"), .number(.infinity)], [.string("a"), .number(-.infinity)]),
        ([.number(1.5)], [.number(1.50000001)]),
        ([.string("\u{0143}"), .empty], [.string("N\u{0301}")]),
        ([.bool(true)], [.number(1)]),
        ([.date(LocalDate(year: 2023, month: 3, day: 12)!)], [.string("2023-03-12")]),
        ([.error("#N/A")], [.string("#N/A")]),
        ([.string("Olena"), .empty, .empty, .number(7)], [.string("Olena"), .empty, .empty, .number(8)]),
    ]

    /// Two rows are one row typed twice exactly when the warehouse stores the same cells for them.
    @Test(arguments: rowPairs)
    func duplicateKeysAreEqualExactlyWhenTheStoredCellsAre(_ a: [CellValue], _ b: [CellValue]) {
        let layout = TableLayout(
            headerIndex: 0, headerRowNumber: 1, fields: ["row_number": 3], headers: ["Imię", "", "", "Lp."], title: [:],
            sessions: [], dataStartIndex: 1)
        let x = TableRow(number: 2, cells: a)
        let y = TableRow(number: 3, cells: b)
        #expect(
            (layout.duplicateKey(of: x) == layout.duplicateKey(of: y))
                == (CellJSON.encode(layout.contentCells(of: x)) == CellJSON.encode(layout.contentCells(of: y))))
    }
}
