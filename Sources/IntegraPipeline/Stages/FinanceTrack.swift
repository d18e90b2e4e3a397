import Foundation
import IntegraCore
import IntegraWarehouse

/// The money of a run (issue 19) beside link: the expenditure ledgers and the budget normalised, checked
/// (``FinanceChecks``) and loaded into the finance tables on a thread of their own while link works on the persons.
///
/// Nothing of link reads a ledger, and nothing of the money reads a person before the marts, so the two need not
/// wait for each other; link keeps one core busy for most of its time, and the money takes the other. At programme
/// scale (50 partners, 203 354 ledger rows) the money's normalise and load cost a run 9–10 s when they ran in
/// turn with the persons' (BENCHMARKS.md, "Session 10").
///
/// The results are those of a run in turn: the ledger files are normalised by the same ``NormaliseStage`` (their
/// stored records reused the same way), and the finance checks see the same rows in the same order (they read
/// ledger and budget rows only). Their row accounting and diagnostics join link's output in the files' run order
/// (``Running/join(into:diagnostics:)``), and ``Warehouse/load(_:)`` checks the finance tables' keys with everything
/// else's.
struct FinanceTrack {
    /// The ingested files apart: the persons' (for normalise and link) and the money's, each in run order.
    static func split(_ ingested: IngestedFiles) -> (persons: IngestedFiles, money: [(source: SourceDefinition, file: StoredFile)]) {
        var persons = ingested
        persons.files = ingested.files.filter { !$0.source.kind.isFinance }
        return (persons, ingested.files.filter { $0.source.kind.isFinance })
    }

    /// The finance figures that the ledgers and the budget give without the persons, read once they are loaded:
    /// the reporting period's budget lines and indirect costs, and each quarter's budget lines (the dashboard's
    /// finance section). Render reads the rest: the unit costs need the persons, and the document list (a row per
    /// ledger row) would be held in memory through link's peak.
    struct Read {
        var period: FinanceData?
        var quarters: [(period: ReportingPeriod, figures: FinanceFigures)]
    }

    /// What the track hands back: the money's accounting and diagnostics (its records are in the warehouse), and
    /// the figures read.
    struct Output {
        var records: NormalisedRecords
        var read: Read
    }

    let normalise: NormaliseStage
    let files: [(source: SourceDefinition, file: StoredFile)]
    let definitions: RunDefinitions

    /// Normalises and checks the money's files, loads their rows and cells, and reads the figures they give.
    func run() throws -> Output {
        var stage = normalise
        // One worker: the other core is link's.
        stage.workers = 1
        stage.onFile = { _, _ in }
        var money = try stage.run(files)
        let warehouse = normalise.warehouse
        try warehouse.loadFinance(
            partners: definitions.project.partnerRows,
            expenditures: money.ledger.map(\.record), budget: money.budgetRows.flatMap(\.cells))
        money.ledger = []
        money.budgetRows = []
        let project = definitions.project, reporting = definitions.periods.reporting
        let period = try FinanceData.gather(
            warehouse, project: project, rules: project.financeRules, start: reporting.start, end: reporting.end,
            parts: [.lines, .indirect])
        let quarters = period == nil ? [] : try Self.quarters(warehouse, definitions: definitions)
        return Output(records: money, read: Read(period: period, quarters: quarters))
    }

    /// Each quarter's budget lines, for the dashboard.
    static func quarters(_ warehouse: Warehouse, definitions: RunDefinitions) throws
        -> [(period: ReportingPeriod, figures: FinanceFigures)]
    {
        let project = definitions.project
        return try definitions.periods.quarters.compactMap { q in
            try FinanceData.gather(
                warehouse, project: project, rules: project.financeRules, start: q.start, end: q.end, parts: .lines
            ).map { (q, $0.figures) }
        }
    }

    /// The track at work on its own thread, started by ``start(_:files:definitions:)``.
    final class Running: @unchecked Sendable {
        fileprivate let done = Awaited<Output>()
        /// Each file's position in the run, by stored id.
        fileprivate let order: [Int: Int]

        fileprivate init(order: [Int: Int]) { self.order = order }

        /// Waits for the track, then adds the money's files, row statuses and unread files to link's accounting,
        /// each file where the run lists it, its diagnostics to the run's, and the figures read.
        func join(into linked: inout LinkedPersons, diagnostics: inout DiagnosticsCollector) throws {
            let output = try done.value()
            let money = output.records
            diagnostics.add(money.diagnostics)
            linked.accounting.files = (linked.accounting.files + money.files).enumerated()
                .sorted { (order[$0.element.id] ?? Int.max, $0.offset) < (order[$1.element.id] ?? Int.max, $1.offset) }
                .map(\.element)
            linked.accounting.rowStatus += money.rowStatus
            linked.accounting.failedFiles += money.failedFiles
            linked.financeLoaded = true
            linked.money = output.read
        }

        /// Waits for the track to end, whatever it found (it writes to the warehouse: a stage that ends must not
        /// leave it writing).
        func waitForEnd() { _ = try? done.value() }
    }

    /// Starts the track on a thread of its own; nil when the run has no money's files.
    static func start(
        _ normalise: NormaliseStage, ingested: IngestedFiles, money: [(source: SourceDefinition, file: StoredFile)],
        definitions: RunDefinitions
    ) -> Running? {
        guard !money.isEmpty else { return nil }
        let running = Running(
            order: Dictionary(ingested.files.enumerated().map { ($1.file.id, $0) }, uniquingKeysWith: { first, _ in first }))
        nonisolated(unsafe) let track = FinanceTrack(normalise: normalise, files: money, definitions: definitions)
        DispatchQueue.global().async { try? running.done.fulfil { try track.run() } }
        return running
    }
}

extension Pipeline {
    /// Normalise and link, with the money normalised, checked and loaded beside link (``FinanceTrack``), which
    /// waits for it: the normalised rows (attendance rows and consultations live on as marks and consultation
    /// records) are released before the load.
    static func normaliseLink(_ ingested: IngestedFiles, in context: inout StageContext) throws -> LinkedPersons {
        let definitions = context.definitions
        let stage = NormaliseStage(
            project: definitions.project, warehouse: context.warehouse, vocabulary: definitions.vocabulary,
            stored: definitions.normalisation)
        let (persons, money) = FinanceTrack.split(ingested)
        let normalised = try context.run(stage, persons)
        var link = try linkStage(definitions, knownIDs: try context.warehouse.personIDs())
        link.money = FinanceTrack.start(stage, ingested: ingested, money: money, definitions: definitions)
        return try context.run(link, normalised)
    }

    /// Link as the project's `linkage:` section, first-name classes, decisions file and default objective set it up;
    /// `knownIDs`: the person ids earlier runs gave, by record key.
    static func linkStage(_ definitions: RunDefinitions, knownIDs: [String: String]) throws -> LinkStage {
        LinkStage(
            settings: try linkageSettings(definitions.project, root: definitions.root),
            decisions: try decisions(definitions.project, base: definitions.base), knownIDs: knownIDs,
            defaultObjective: definitions.project.rules.objective)
    }
}
