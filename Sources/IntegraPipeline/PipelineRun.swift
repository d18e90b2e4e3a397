import Foundation
import IntegraCore
import IntegraLinkage
import IntegraReports
import IntegraWarehouse

/// The version written into every run manifest.
public let integraVersion = "0.1.0"

/// Options of one run, as the CLI passes them.
public struct RunOptions: Sendable {
    /// Output folder; nil = `out/<project id>/` in the current directory.
    public var outputFolder: URL?
    public var language: ReportLanguage = .pl
    /// Polish Excel's dialect unless `--csv rfc4180`: report tables are opened by people first.
    public var csv: CSVStyle = .excelPL
    /// Where `sql/` and `reports/` are; nil = found from the project file (see ``DefinitionsRoot``).
    public var definitionsRoot: URL?
    /// The warehouse to use instead of the project's (verify runs on a copy).
    public var warehousePath: URL?
    /// The reporting period (`2023Q2`, `2023-05`, `2023`, `2023-03-15..2023-06-30`); nil = the whole project.
    public var period: String?
    /// Told where the run is (`--timings`, progress on a terminal); never changes an output.
    public var observer: (any RunObserver)?

    public init() {}
}

/// The CSV dialect of report tables, `indicators-long.csv`, `diagnostics.csv` and `rejected_rows.csv`.
public enum CSVStyle: String, Sendable, CaseIterable {
    /// UTF-8 without BOM, comma, `.` decimals: for other programs (`--csv rfc4180`).
    case rfc4180
    /// UTF-8 with BOM, semicolon, decimal comma: opens into columns in Polish Excel with a double click (default).
    case excelPL = "excel-pl"

    var dialect: CSVDialect { self == .rfc4180 ? .rfc4180 : .excelPL }
}

/// What a run produced: the summary the CLI prints and the manifest it wrote.
public struct RunSummary: Sendable {
    public var outputFolder: URL
    public var manifest: RunManifest
    /// Every computed value, as `figures.json` holds them.
    public var figures: [RunManifest.Figure]
    public var files: [SourceFileRecord]
    public var diagnostics: [Diagnostic]
    public var persons: Int
    public var outputs: [String]
    /// Files (or sheets) that could not be read at all: the run exits with 1.
    public var failedFiles: Int
    /// Decisions waiting in the review sheet: pairs of persons with record pairs in the linkage's uncertain band.
    public var reviewPairs: Int?
    /// Persons there would be if every pair of the review sheet turned out to be one person: with `persons`, the
    /// range the coordinator's decisions can move the count in.
    public var personsIfAllJoined: Int?
    /// Outputs that hold personal data (the linkage review sheet): readable by their owner only.
    public var personalOutputs: [String]
    /// How the run found its files: new, unchanged, superseded, removed.
    public var ingest: IngestCounts
    /// What happened to each file this run (new, unchanged, superseded, reinstated, removed, unreadable).
    public var fileEvents: [(path: String, event: String)]
    /// Outputs of the previous run in the folder that this run no longer produces, removed (a report dropped from
    /// the project file, a participant list no longer asked for).
    public var removedOutputs: [String] = []
}

/// Runs a project end to end: ingest → normalise → link → load → indicators → reports, dashboard, manifest.
///
/// ```swift
/// let summary = try Pipeline.run(projectFile: URL(fileURLWithPath: "pipelines/demo.yml"), options: RunOptions())
/// print(summary.persons)
/// ```
public enum Pipeline {
    /// The chain of a run, in order: each stage's output is the next one's input (docs/ARCHITECTURE.md, "The
    /// chain"). ``run(projectFile:displayPath:options:)`` wires them in this order.
    static var stages: [any PipelineStage.Type] {
        [
            IngestStage.self, NormaliseStage.self, LinkStage.self, LoadStage.self, IndicatorStage.self,
            RenderStage.self, DashboardStage.self, ManifestStage.self,
        ]
    }

    public static func run(projectFile: URL, displayPath: String? = nil, options: RunOptions) throws -> RunSummary {
        let definitions = try RunDefinitions.load(projectFile: projectFile, displayPath: displayPath, options: options)
        let project = definitions.project
        let out = outputFolder(project, options)
        // The output folder first: two projects with different warehouses must not write into one folder at once.
        let outputLock = try RunLock(outputFolder: out, language: options.language)
        // Every output goes into the staging folder, hashed as it is written, and is published with the others.
        let staging = try OutputStaging(out: out)
        let stagingFolder = staging.folder
        var published = false
        // A run that fails leaves the output folder as it was, and no staging folder.
        defer { if !published { try? FileManager.default.removeItem(at: stagingFolder) } }
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)

        let warehousePath = (options.warehousePath ?? warehousePath(project, base: definitions.base, out: out)).path
        let lock = try RunLock(warehouse: warehousePath, language: options.language)
        defer { withExtendedLifetime((outputLock, lock)) {} }
        TemporaryFiles.removeLeftovers(in: [out, out.appendingPathComponent("reports", isDirectory: true)])
        let warehouse = try Warehouse.open(at: warehousePath, sqlRoot: definitions.root.appendingPathComponent("sql"))
        let runNumber = try warehouse.beginRun(
            projectID: project.project.id, projectSHA256: definitions.projectSHA256, toolVersion: integraVersion)
        var context = StageContext(
            definitions: definitions, warehouse: warehouse, warehousePath: warehousePath, run: runNumber,
            staging: staging)

        let ingested = try context.run(
            IngestStage(project: project, base: definitions.base, warehouse: warehouse, run: runNumber), project.sources)
        let loaded = try normaliseLinkLoad(ingested, in: &context)
        let values = try context.run(IndicatorStage(), loaded)
        let reports = try context.run(RenderStage(), values)
        let rendered = try context.run(DashboardStage(), reports)
        let written = try context.run(ManifestStage(out: out), rendered)
        let removedOutputs = try written.staging.publish()
        published = true
        let outputs = written.outputs
        return RunSummary(
            outputFolder: out, manifest: written.manifest, figures: written.figures, files: loaded.files,
            diagnostics: context.diagnostics.sorted().map(\.diagnostic), persons: loaded.persons,
            outputs: outputs.filter { $0.personal != true }.map(\.path) + [RunManifest.figuresFile, "run.json"],
            failedFiles: ingested.failedFiles + loaded.failedFiles, reviewPairs: loaded.reviewPairs,
            personsIfAllJoined: loaded.persons - loaded.reviewJoins,
            personalOutputs: outputs.filter { $0.personal == true }.map(\.path), ingest: ingested.counts,
            fileEvents: ingested.events, removedOutputs: removedOutputs)
    }

    /// Normalise, link and load in one function: the rows, records and links they hand on (most of a run's memory)
    /// are released when it returns, before the marts and indicators are built.
    static func normaliseLinkLoad(_ ingested: IngestedFiles, in context: inout StageContext) throws -> LoadedWarehouse {
        let linked = try normaliseLink(ingested, in: &context)
        return try context.run(LoadStage(), linked)
    }

    /// How many unions joining each pair makes (distinct persons joined minus the groups they form).
    static func joins(_ pairs: [(String, String)]) -> Int {
        var parent: [String: String] = [:]
        func find(_ x: String) -> String {
            var x = x
            while let p = parent[x], p != x {
                parent[x] = parent[p] ?? p
                x = p
            }
            return x
        }
        var joins = 0
        for (a, b) in pairs {
            if parent[a] == nil { parent[a] = a }
            if parent[b] == nil { parent[b] = b }
            let (x, y) = (find(a), find(b))
            if x != y {
                parent[max(x, y)] = min(x, y)
                joins += 1
            }
        }
        return joins
    }

    /// `pipelines/vocabulary.yml` under the definitions root, for the footer words and the columns that hold nothing
    /// to read; nil in a root without one (only `sql/indicators` makes a root), where no row is a footer.
    static func vocabulary(root: URL) throws -> HeaderVocabulary? {
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent(HeaderVocabulary.file).path) else {
            return nil
        }
        return try HeaderVocabulary.load(root: root)
    }

    /// The linker's settings from the project's `linkage:` section and the first-name classes file.
    static func linkageSettings(_ project: ProjectDefinition, root: URL) throws -> LinkageSettings {
        var settings = LinkageSettings()
        settings.matchThreshold = project.linkage.matchThreshold
        settings.reviewFloor = project.linkage.reviewFloor
        settings.maxBlockSize = project.linkage.maxBlockSize
        let names = root.appendingPathComponent(project.linkage.firstNames)
        if FileManager.default.fileExists(atPath: names.path) {
            settings.firstNameClasses = try FirstNameClasses.load(names, displayPath: project.linkage.firstNames)
        }
        return settings
    }

    /// The coordinators' decisions: `linkage.decisions`, or `<project>.decisions.yml` beside the project file.
    static func decisions(_ project: ProjectDefinition, base: URL) throws -> LinkDecisions {
        let name = project.linkage.decisions ?? (URL(fileURLWithPath: project.file).deletingPathExtension().lastPathComponent + ".decisions.yml")
        let url = base.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            if project.linkage.decisions != nil {
                throw DefinitionError(file: project.file, keyPath: "linkage.decisions", message: "no file \(name) beside the project file")
            }
            return LinkDecisions()
        }
        return try DecisionsFile.load(url, displayPath: name)
    }

    static func relativePath(_ url: URL, to base: URL) -> String {
        let b = base.standardizedFileURL.path
        let p = url.standardizedFileURL.path
        return p.hasPrefix(b + "/") ? String(p.dropFirst(b.count + 1)) : p
    }
}

/// Diagnostics in file, sheet, row order, so outputs do not depend on the order stages found them.
enum DiagnosticOrder {
    /// `fileRanks`: each file's position in the run by stored id; a diagnostic of no file (an unreadable one) comes
    /// first, of a file the ranks do not name after those they do, by stored id.
    static func precedes(_ a: DiagnosticRecord, _ b: DiagnosticRecord, fileRanks: [Int: Int] = [:]) -> Bool {
        func rank(_ id: Int?) -> Int { id.map { fileRanks[$0] ?? Int.max } ?? -1 }
        let la = a.diagnostic.location, lb = b.diagnostic.location
        let ka = (rank(a.fileID), a.fileID ?? 0, la?.sheet ?? "", la?.row ?? 0, a.rawRowID ?? 0)
        let kb = (rank(b.fileID), b.fileID ?? 0, lb?.sheet ?? "", lb?.row ?? 0, b.rawRowID ?? 0)
        if ka != kb { return ka < kb }
        return (a.diagnostic.code.rawValue, a.diagnostic.location?.column ?? "", a.diagnostic.message)
            < (b.diagnostic.code.rawValue, b.diagnostic.location?.column ?? "", b.diagnostic.message)
    }
}

/// The hidden temporary files (`.name.….tmp…`) that outputs are written to before they take their names.
enum TemporaryFiles {
    /// Deletes those a killed run left behind. Called with the run lock held: no other run is writing them.
    static func removeLeftovers(in folders: [URL]) {
        let fm = FileManager.default
        for folder in folders {
            for name in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
            where name.hasPrefix(".") && name.contains(".tmp") {
                try? fm.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }
}
