import Foundation
import IntegraCore
import IntegraWarehouse

/// One stage of a run: a value that turns its named input into its named output.
///
/// A run is the chain ingest → normalise → link → load → indicators → render → dashboard → manifest
/// (``Pipeline/stages``, docs/ARCHITECTURE.md "The chain"): each stage's output is the next one's input, and what
/// every stage reads besides — the definitions, the warehouse, the diagnostics found so far, the staging folder —
/// is the ``StageContext`` they share.
///
/// ```swift
/// var context = StageContext(definitions: definitions, warehouse: warehouse, warehousePath: path, run: run)
/// let ingested = try context.run(IngestStage(…), definitions.project.sources)
/// let normalised = try context.run(NormaliseStage(…), ingested)
/// ```
protocol PipelineStage {
    associatedtype Input
    associatedtype Output: StageOutput
    /// The stage as `--timings` and the progress line name it.
    static var stage: RunStage { get }
    func run(_ input: Input, in context: inout StageContext) throws -> Output
}

/// What a stage tells the progress line it handled when it ends (`70 files`, `1 234 rows`).
protocol StageOutput {
    var handled: (count: Int?, unit: String) { get }
}

/// What the stages of a run share: the definitions they read, the warehouse, the one diagnostics collector, the
/// staging folder the outputs are written into, and the clock that tells the observer where the run is.
struct StageContext {
    let definitions: RunDefinitions
    let warehouse: Warehouse
    /// The warehouse file, for the manifest's hash and the check's message.
    let warehousePath: String
    /// The warehouse's number for this run (`runs`).
    let run: Int
    /// Every diagnostic of the run, from every stage.
    var diagnostics = DiagnosticsCollector()
    /// Where the render, dashboard and manifest stages write; nil for a context that only ingests, links and loads.
    var staging: OutputStaging?
    var clock: StageClock

    init(
        definitions: RunDefinitions, warehouse: Warehouse, warehousePath: String, run: Int,
        staging: OutputStaging? = nil
    ) {
        self.definitions = definitions
        self.warehouse = warehouse
        self.warehousePath = warehousePath
        self.run = run
        self.staging = staging
        self.clock = StageClock(definitions.options.observer)
    }

    /// Runs one stage between the clock's enter and finish.
    mutating func run<S: PipelineStage>(_ stage: S, _ input: S.Input) throws -> S.Output {
        clock.enter(S.stage)
        let output = try stage.run(input, in: &self)
        let handled = output.handled
        clock.finish(count: handled.count, unit: handled.unit)
        return output
    }

    /// The staging folder: a stage that writes outputs runs only in a context that has one.
    var outputFolder: URL {
        guard let staging else { preconditionFailure("a stage that writes outputs needs a staging folder") }
        return staging.folder
    }

    /// Hashes an output as it is written into the staging folder (see ``OutputStaging/record(_:personal:)``).
    mutating func record(_ url: URL, personal: Bool = false) throws {
        try staging?.record(url, personal: personal)
    }

    mutating func record(contentsOf urls: [URL]) throws {
        try staging?.record(contentsOf: urls)
    }
}

/// The run's diagnostics, as every stage reports them: kept in the order found and read in file, sheet, row order
/// (``DiagnosticOrder``), so outputs do not depend on which stage found a problem first.
struct DiagnosticsCollector {
    private var found: [DiagnosticRecord] = []
    private var isSorted = true
    /// Each current file's position in the run, by stored id (see ``orderFiles(_:)``).
    private var fileRanks: [Int: Int] = [:]

    /// The run's files in project and path order, as ingest lists them: diagnostics follow that order rather than
    /// the files' stored ids, which depend on when each version was first read — so a run into a warehouse with
    /// history lists them as a run from an empty one does.
    mutating func orderFiles(_ ids: [Int]) {
        fileRanks = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        isSorted = false
    }

    mutating func add(_ records: [DiagnosticRecord]) {
        guard !records.isEmpty else { return }
        found += records
        isSorted = false
    }

    mutating func add(_ record: DiagnosticRecord) { add([record]) }

    /// Every diagnostic so far, in file, sheet, row order.
    mutating func sorted() -> [DiagnosticRecord] {
        if !isSorted {
            found.sort { [fileRanks] in DiagnosticOrder.precedes($0, $1, fileRanks: fileRanks) }
            isSorted = true
        }
        return found
    }
}
