import Foundation
import GRDB
import IntegraCore
import IntegraTesting
import IntegraWarehouse
import Testing

@testable import IntegraPipeline

/// The run is a chain of typed stages (issue 18 item 1): the chain is what docs/ARCHITECTURE.md says, and each
/// stage runs on its own from its typed input.
struct PipelineStagesTests {
    static let root = TestSupport.repositoryRoot

    @Test func theChainIsTheRunsStagesInOrder() {
        #expect(Pipeline.stages.map { $0.stage } == RunStage.allCases)
    }

    /// The table under "The chain" in docs/ARCHITECTURE.md names the stages' types in the order the run wires them.
    @Test func architectureShowsTheChain() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("docs/ARCHITECTURE.md"), encoding: .utf8)
        let section = try #require(text.components(separatedBy: "## The chain").dropFirst().first)
        let rows = section.components(separatedBy: "\n## ")[0].split(separator: "\n")
            .filter { $0.hasPrefix("| ") && !$0.hasPrefix("| stage ") && !$0.hasPrefix("| ---") }
        let types = rows.map { $0.split(separator: "|")[1].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "`", with: "") }
        #expect(types == Pipeline.stages.map { String(describing: $0) })
    }

    /// The demo's project and the definitions of this repository.
    static func demoDefinitions() throws -> RunDefinitions {
        var options = RunOptions()
        options.definitionsRoot = root
        return try RunDefinitions.load(
            projectFile: root.appendingPathComponent("pipelines/demo.yml"), displayPath: "pipelines/demo.yml",
            options: options)
    }

    /// A new warehouse at `url` with the demo's files ingested, and the context of the run that ingested them.
    static func ingestDemo(_ definitions: RunDefinitions, into url: URL) throws -> (Warehouse, IngestedFiles, StageContext) {
        let warehouse = try Warehouse.open(at: url.path, sqlRoot: root.appendingPathComponent("sql"))
        let run = try warehouse.beginRun(projectID: "demo", projectSHA256: definitions.projectSHA256, toolVersion: "test")
        var context = StageContext(definitions: definitions, warehouse: warehouse, warehousePath: url.path, run: run)
        let ingested = try context.run(
            IngestStage(project: definitions.project, base: definitions.base, warehouse: warehouse, run: run),
            definitions.project.sources)
        return (warehouse, ingested, context)
    }

    /// Ingest, normalise, link, load and indicators on the demo, one by one, each from the previous one's output,
    /// with no staging folder: what the demo's run reports.
    @Test func theDemoFromIngestToIndicators() throws {
        let dir = try TestSupport.makeTemporaryDirectory("integra-stages")
        defer { try? FileManager.default.removeItem(at: dir) }
        let definitions = try Self.demoDefinitions()
        let (warehouse, ingested, context0) = try Self.ingestDemo(definitions, into: dir.appendingPathComponent("warehouse.sqlite"))
        defer { try? warehouse.close() }
        var context = context0
        #expect(ingested.files.count == 14)
        #expect(ingested.counts.new == 14)
        let normalised = try context.run(
            NormaliseStage(project: definitions.project, warehouse: warehouse, vocabulary: definitions.vocabulary),
            ingested)
        #expect(normalised.accounting.files.map(\.rowsRead).reduce(0, +) == normalised.rowStatus.count)
        let linked = try context.run(
            try Pipeline.linkStage(definitions, knownIDs: [:]), normalised)
        #expect(linked.accounting.rowStatus.count == normalised.rowStatus.count)
        let loaded = try context.run(LoadStage(), linked)
        #expect(loaded.persons == 70)
        #expect(loaded.files.map(\.path) == ingested.files.map(\.file.path))
        let values = try context.run(IndicatorStage(), loaded)
        #expect(!values.values.isEmpty)
        #expect(try warehouse.indicatorValues().count == values.values.count)
        // Every stage told the one collector: 3 errors and 3 warnings of the participant files, 8 errors and 4
        // warnings of the ledgers and the budget (pipelines/demo/README.md), as the demo's summary says.
        let diagnostics = context.diagnostics.sorted().map(\.diagnostic)
        #expect(diagnostics.filter { $0.severity == .error }.count == 3 + 8)
        #expect(diagnostics.filter { $0.severity == .warning }.count == 3 + 4)
    }

    /// The money beside link (``FinanceTrack``: the ledgers and the budget normalised, checked, loaded and partly
    /// read on a thread of their own while link works) leaves the warehouse as the money in turn does (every file
    /// normalised together, the money loaded with the persons): the same finance tables, file accounting, row
    /// statuses, diagnostics and persons; and the finance figures read in two parts (before the persons and after)
    /// are those read at once.
    @Test func theMoneyBesideLinkIsTheMoneyInTurn() throws {
        let dir = try TestSupport.makeTemporaryDirectory("integra-money-beside")
        defer { try? FileManager.default.removeItem(at: dir) }
        let definitions = try Self.demoDefinitions()
        let tables = [
            "file_accounting", "row_status", "diagnostics", "fin_expenditures", "fin_budget", "persons",
            "participant_records",
        ]
        func chain(beside: Bool) throws -> (tables: [String: [String]], period: FinanceData?, money: FinanceTrack.Read?) {
            let (warehouse, ingested, context0) = try Self.ingestDemo(
                definitions, into: dir.appendingPathComponent(beside ? "beside.sqlite" : "in-turn.sqlite"))
            defer { try? warehouse.close() }
            var context = context0
            let linked: LinkedPersons
            if beside {
                linked = try Pipeline.normaliseLink(ingested, in: &context)
                #expect(linked.financeLoaded && linked.expenditures.isEmpty)
            } else {
                let normalised = try context.run(
                    NormaliseStage(project: definitions.project, warehouse: warehouse, vocabulary: definitions.vocabulary),
                    ingested)
                linked = try context.run(
                    try Pipeline.linkStage(definitions, knownIDs: [:]), normalised)
                #expect(!linked.financeLoaded && !linked.expenditures.isEmpty)
            }
            let loaded = try context.run(LoadStage(), linked)
            // The files in run order, whichever thread normalised them.
            #expect(loaded.files.map(\.path) == ingested.files.map(\.file.path))
            _ = try context.run(IndicatorStage(), loaded)
            let dump = try warehouse.read { db in
                try Dictionary(uniqueKeysWithValues: tables.map { table in
                    (table, try Row.fetchAll(db, sql: "select * from \(table)").map(\.description).sorted())
                })
            }
            let project = definitions.project, reporting = definitions.periods.reporting
            let period = try FinanceData.gather(
                warehouse, project: project, rules: project.financeRules, start: reporting.start, end: reporting.end)
            return (dump, period, loaded.money)
        }
        let inTurn = try chain(beside: false)
        let beside = try chain(beside: true)
        for table in tables {
            #expect(!inTurn.tables[table, default: []].isEmpty, "\(table) is empty")
            #expect(inTurn.tables[table] == beside.tables[table], "\(table) differs")
        }
        // What render reads after the persons, joined to what the track read before them, is what one read gives.
        let all = try #require(inTurn.period?.figures)
        let early = try #require(beside.money?.period?.figures)
        #expect(early.expenditures.isEmpty && early.unitCosts.isEmpty)
        #expect("\(early.lines)" == "\(all.lines)")
        #expect("\(early.indirect)" == "\(all.indirect)")
        #expect(beside.money?.quarters.count == definitions.periods.quarters.count)
        #expect(inTurn.money == nil)
    }

    /// The finance reports' sheets that need no person, begun beside load (``FinanceWorkbooks``) and finished in
    /// render, are the bytes render writes when it writes them all: every report and CSV of the demo is the same.
    @Test func theFinanceSheetsBesideLoadAreThoseRenderWrites() throws {
        let dir = try TestSupport.makeTemporaryDirectory("integra-sheets-beside")
        defer { try? FileManager.default.removeItem(at: dir) }
        let definitions = try Self.demoDefinitions()
        func chain(beside: Bool) throws -> (files: [String: Data], begun: [String]) {
            let name = beside ? "beside" : "in-render"
            let (warehouse, ingested, context0) = try Self.ingestDemo(
                definitions, into: dir.appendingPathComponent("\(name).sqlite"))
            var context = context0
            context.staging = try OutputStaging(out: dir.appendingPathComponent(name))
            let linked: LinkedPersons
            if beside {
                linked = try Pipeline.normaliseLink(ingested, in: &context)
            } else {
                let normalised = try context.run(
                    NormaliseStage(project: definitions.project, warehouse: warehouse, vocabulary: definitions.vocabulary),
                    ingested)
                linked = try context.run(try Pipeline.linkStage(definitions, knownIDs: [:]), normalised)
            }
            let loaded = try context.run(LoadStage(), linked)
            let values = try context.run(IndicatorStage(), loaded)
            _ = try context.run(RenderStage(), values)
            let reports = try #require(context.staging?.folder.appendingPathComponent("reports"))
            let names = try FileManager.default.contentsOfDirectory(atPath: reports.path)
            return (
                try Dictionary(uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: reports.appendingPathComponent($0))) }),
                loaded.workbooks.keys.sorted())
        }
        let inRender = try chain(beside: false)
        let beside = try chain(beside: true)
        #expect(inRender.begun.isEmpty)
        #expect(beside.begun == ["fami-2021-2027-finance", "fundusz-pracy-rmw-finance"])
        #expect(inRender.files.keys.sorted() == beside.files.keys.sorted())
        #expect(inRender.files.keys.contains("fami-2021-2027-finance__expenditure-list.csv"))
        for (name, data) in inRender.files { #expect(beside.files[name] == data, "\(name) differs") }
    }

    /// A run stopped after the money's transaction and before load's (killed during link) leaves a warehouse whose
    /// keys all hold: the money's load adds the partners its rows name.
    @Test func aRunStoppedAfterTheMoneysLoadLeavesEveryKeySatisfied() throws {
        let dir = try TestSupport.makeTemporaryDirectory("integra-money-stopped")
        defer { try? FileManager.default.removeItem(at: dir) }
        let definitions = try Self.demoDefinitions()
        let (warehouse, ingested, _) = try Self.ingestDemo(definitions, into: dir.appendingPathComponent("w.sqlite"))
        defer { try? warehouse.close() }
        let stage = NormaliseStage(project: definitions.project, warehouse: warehouse, vocabulary: definitions.vocabulary)
        let track = FinanceTrack(normalise: stage, files: FinanceTrack.split(ingested).money, definitions: definitions)
        _ = try track.run()
        let (rows, violations) = try warehouse.read { db in
            (
                try Int.fetchOne(db, sql: "select count(*) from fin_expenditures") ?? 0,
                try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count
            )
        }
        #expect(rows > 0)
        #expect(violations == 0)
    }

    /// A row link rejects (unmatched attendance) moves from loaded to rejected in its file and its status.
    @Test func linkCountsTheRowsItRejectsAsRejected() {
        var file = SourceFileRecord(
            id: 1, sourceID: "s", partnerID: "p", kind: .attendance, activityID: "a", path: "a.xlsx", sha256: "", size: 0,
            encoding: nil)
        file.rowsRead = 2
        file.rowsLoaded = 2
        var accounting = RowAccounting(files: [file], rowStatus: [(10, true), (11, true)], failedFiles: 0)
        accounting.reject([(11, 1, Diagnostic(.error, .missingValue, "no roll record", at: nil))])
        #expect(accounting.files[0].rowsLoaded == 1)
        #expect(accounting.files[0].rowsRejected == 1)
        #expect(accounting.rowStatus.map(\.loaded) == [true, false])
        #expect(accounting.rowStatus.map(\.rawRowID) == [10, 11])
    }

    /// Stages report in the order they run; the collector is read in file, sheet, row order.
    @Test func diagnosticsAreReadInFileOrder() {
        func record(_ file: Int, row: Int) -> DiagnosticRecord {
            DiagnosticRecord(
                fileID: file, rawRowID: row,
                diagnostic: Diagnostic(.warning, .missingValue, "m", at: SourceLocation(file: "f\(file)", row: row)))
        }
        var collector = DiagnosticsCollector()
        collector.add([record(2, row: 1)])
        collector.add(record(1, row: 5))
        collector.add([record(1, row: 2)])
        #expect(collector.sorted().map { [$0.fileID ?? 0, $0.rawRowID ?? 0] } == [[1, 2], [1, 5], [2, 1]])
    }
}
