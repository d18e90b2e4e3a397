import Foundation
import IntegraCore
import IntegraWarehouse

/// The run's manifest and figures, written beside its outputs: the manifest stage's output, the end of the chain.
struct WrittenManifest: StageOutput {
    var manifest: RunManifest
    /// Every computed value, as `figures.json` holds them.
    var figures: [RunManifest.Figure]
    /// Every staged output but `figures.json` and `run.json`, by path.
    var outputs: [RunManifest.FileHash]
    var loaded: LoadedWarehouse
    /// The staging folder with every output recorded, ready to publish.
    var staging: OutputStaging

    var handled: (count: Int?, unit: String) { (nil, "") }
}

/// Manifest: `figures.json` and `run.json` — the hashes of the project file, the definitions, every input and
/// output and the warehouse as this run left it, the row accounting, the diagnostics' counts and the figures' hash.
struct ManifestStage: PipelineStage {
    static let stage = RunStage.manifest
    /// The output folder the manifest's paths are relative to.
    let out: URL

    func run(_ input: RenderedOutputs, in context: inout StageContext) throws -> WrittenManifest {
        guard let staging = context.staging else { preconditionFailure("the manifest stage needs a staging folder") }
        let definitions = context.definitions
        let project = definitions.project
        let options = definitions.options
        let periods = definitions.periods
        let loaded = input.reports.indicators.loaded
        let files = loaded.files
        let diagnostics = context.diagnostics.sorted()
        var byCodeCount: [String: Int] = [:]
        for d in diagnostics { byCodeCount[d.diagnostic.code.rawValue, default: 0] += 1 }
        let figures = input.reports.indicators.values.map {
            RunManifest.Figure(
                indicator: $0.indicator, period: $0.period, scope: $0.scope, breakdown: $0.breakdown, category: $0.category,
                value: $0.value)
        }
        // The figures beside the manifest, which records their hash; and the warehouse as this run left it.
        let figuresHash = try staging.write(try RunManifest.Figure.json(figures), to: RunManifest.figuresFile)
        let outputs = staging.outputs.sorted { $0.path < $1.path }
        let warehouseFile = try SHA256Hex.streaming(URL(fileURLWithPath: context.warehousePath))
        let warehouseHash = RunManifest.FileHash(
            path: Pipeline.relativePath(URL(fileURLWithPath: context.warehousePath), to: out),
            sha256: warehouseFile.sha256, size: warehouseFile.size)
        let manifest = RunManifest(
            tool: .init(name: "integra", version: integraVersion, commit: GitCommit.of(definitions.root)),
            job: .init(namespace: "integra", name: project.project.id),
            run: .init(
                projectFile: definitions.shownPath, projectSHA256: definitions.projectSHA256,
                periodStart: project.project.periodStart.iso, periodEnd: project.project.periodEnd.iso,
                reportingPeriod: periods.reporting.id, reportingStart: periods.reporting.start.iso,
                reportingEnd: periods.reporting.end.iso, language: options.language.rawValue, csv: options.csv.rawValue),
            definitions: input.reports.definitionHashes,
            inputs: files.map {
                .init(
                    path: $0.path, sha256: $0.sha256, size: $0.size, source: $0.sourceID, partner: $0.partnerID,
                    kind: $0.kind.rawValue, encoding: $0.encoding, rowsRead: $0.rowsRead, rowsLoaded: $0.rowsLoaded,
                    rowsRejected: $0.rowsRejected, rowsBlank: $0.rowsBlank)
            },
            outputs: outputs, figures: figuresHash, warehouse: warehouseHash,
            persons: loaded.persons, personsByEvidence: loaded.evidence,
            diagnostics: .init(
                errors: diagnostics.filter { $0.diagnostic.severity == .error }.count,
                warnings: diagnostics.filter { $0.diagnostic.severity == .warning }.count, byCode: byCodeCount))
        _ = try staging.write(try manifest.encoded(), to: "run.json")
        return WrittenManifest(manifest: manifest, figures: figures, outputs: outputs, loaded: loaded, staging: staging)
    }
}
