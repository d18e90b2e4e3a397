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
    public static func run(projectFile: URL, displayPath: String? = nil, options: RunOptions) throws -> RunSummary {
        let shownPath = displayPath ?? projectFile.path
        let project = try ProjectDefinition.load(from: projectFile, displayPath: shownPath)
        let projectData = try Data(contentsOf: projectFile)
        let base = projectFile.deletingLastPathComponent()
        let root = try options.definitionsRoot ?? DefinitionsRoot.find(from: base)
        let vocabulary = try Pipeline.vocabulary(root: root)
        let indicators = try IndicatorDefinition.loadAll(root: root)
        // A project's `reports:` names report layouts and participant lists (`kind: participant_list`) alike.
        let participantLists = try project.reports.compactMap { try ParticipantListDefinition.loadIfParticipantList($0, root: root) }
        let reports = try project.reports.filter { path in !participantLists.contains { $0.file == path } }
            .map { try ReportDefinition.load($0, root: root, indicators: indicators) }
        try project.checkTargets(indicators: indicators, file: shownPath)
        try Dashboard.checkPartnerTargets(project, indicators: indicators)
        var reportingPeriod: ReportingPeriod?
        if let text = options.period {
            guard let p = ReportingPeriod.parse(text, projectStart: project.project.periodStart, projectEnd: project.project.periodEnd) else {
                throw DefinitionError(
                    file: "--period", keyPath: "",
                    message: "'\(text)' is not a period within the project (\(project.project.periodStart.iso) – \(project.project.periodEnd.iso)); "
                        + "write 2023Q2, 2023-05, 2023, project or 2023-03-15..2023-06-30")
            }
            reportingPeriod = p
        }
        let periods = ReportPeriods(
            projectStart: project.project.periodStart, projectEnd: project.project.periodEnd, reporting: reportingPeriod)
        // Frozen (submitted) periods are computed on every run, for their restatements.
        let frozen = try FrozenPeriod.loadAll(projectFile: projectFile, project: project.project)
        var computed = periods.all
        for f in frozen where !computed.contains(where: { $0.id == f.period.id }) { computed.append(f.period) }
        let out = outputFolder(project, options)
        // The output folder first: two projects with different warehouses must not write into one folder at once.
        let outputLock = try RunLock(outputFolder: out, language: options.language)
        // Every output goes into the staging folder, hashed as it is written, and is published with the others.
        var staging = try OutputStaging(out: out)
        let stage = staging.folder
        var published = false
        // A run that fails leaves the output folder as it was, and no staging folder.
        defer { if !published { try? FileManager.default.removeItem(at: stage) } }
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)

        // Ingest new and changed files into the warehouse, normalise the current ones, link.
        let warehousePath = (options.warehousePath ?? warehousePath(project, base: base, out: out)).path
        let lock = try RunLock(warehouse: warehousePath, language: options.language)
        defer { withExtendedLifetime((outputLock, lock)) {} }
        TemporaryFiles.removeLeftovers(in: [out, out.appendingPathComponent("reports", isDirectory: true)])
        let warehouse = try Warehouse.open(at: warehousePath, sqlRoot: root.appendingPathComponent("sql"))
        let projectHash = SHA256Hex.of(projectData)
        let runNumber = try warehouse.beginRun(projectID: project.project.id, projectSHA256: projectHash, toolVersion: integraVersion)
        var clock = StageClock(options.observer)
        clock.enter(.ingest)
        let ingest = try IngestStage(
            project: project, base: base, warehouse: warehouse, run: runNumber,
            onFile: { [clock] in clock.progress(done: $0, total: nil, unit: "files") }
        ).ingest()
        try warehouse.finishRun(runNumber, counts: ingest.counts)
        clock.finish(count: ingest.files.count, unit: "files")
        // Normalise, link and load in one function: the rows, records and links it holds (most of a run's memory)
        // are released when it returns, before the marts and indicators are built.
        let loaded = try normaliseLinkLoad(
            project: project, root: root, base: base, warehouse: warehouse, vocabulary: vocabulary, ingest: ingest,
            periods: computed, clock: &clock)
        let files = loaded.files
        let diagnostics = loaded.diagnostics
        clock.enter(.indicators)
        try warehouse.createMarts(parameters: [
            "completion_threshold": String(project.rules.completionThreshold),
            "roll_start_is_support": project.rules.rollStartIsSupport ? "1" : "0",
            "ukr_arrival_since": project.rules.ukrArrivalSince.iso,
            "objective": project.rules.objective ?? "",
        ])

        // Indicators: every breakdown an indicator allows, with each report's age bands.
        var bandSets: [[AgeBand]] = [project.rules.ageBands]
        for r in reports { if let b = r.ageBands, !bandSets.contains(b) { bandSets.append(b) } }
        let requests = indicators.map { indicator in
            var specs: [BreakdownSpec] = []
            for b in indicator.breakdowns {
                let column = IndicatorDefinition.knownBreakdowns[b]!
                if b == "age_band" {
                    for (i, bands) in bandSets.enumerated() {
                        specs.append(BreakdownSpec(key: i == 0 ? "age_band" : "age_band#\(i)", column: column, bands: bands))
                    }
                } else {
                    specs.append(BreakdownSpec(key: b, column: column))
                }
            }
            return IndicatorRequest(indicator.query, breakdowns: specs)
        }
        // Evaluated on both cores, stored in catalogue order (see Warehouse.compute).
        let total = indicators.count
        clock.progress(done: 0, total: total, unit: "indicators")
        try warehouse.compute(
            requests, periods: computed, cumulativeStart: project.project.periodStart,
            onDone: { [clock] in clock.progress(done: $0, total: total, unit: "indicators") })
        try warehouse.createIndicatorRows(indicators.map(\.query))
        let values = try warehouse.indicatorValues()
        clock.finish(count: values.count, unit: "figures")
        clock.enter(.reports)
        // The review sheet holds names: written for its owner only, listed apart from the aggregate outputs.
        let reviewDir = stage.appendingPathComponent("reports", isDirectory: true)
        let reviewXLSX = reviewDir.appendingPathComponent("linkage-review.xlsx")
        try LinkageReviewReport(project: project, language: options.language)
            .document(try warehouse.reviewPairs(), records: { try warehouse.record(key: $0) })
            .writeXLSX(to: reviewXLSX, ownerOnly: true)
        try staging.record(reviewXLSX, personal: true)
        // Participant lists hold names and PESELs: written for their owner only, listed as personal.
        if !participantLists.isEmpty {
            let entries = try warehouse.participantList()
            for list in participantLists {
                let url = reviewDir.appendingPathComponent("\(list.id).csv")
                try ParticipantList(definition: list, agreement: project.reportAgreements[list.file] ?? project.project.agreement)
                    .write(entries, to: url)
                try staging.record(url, personal: true)
            }
        }
        let restatements = try restatements(
            frozen, projectStart: project.project.periodStart, warehouse: warehouse, indicators: indicators,
            values: values, inputs: files.map { ($0.path, $0.sha256) })
        // The warehouse check (it reads every page of a file of gigabytes) on a second connection, while this one
        // gathers the dashboard's facts: two readers, two cores.
        let checker = try warehouse.readOnlyConnection()
        let (problems, dashboardFacts) = try concurrently(
            { try checker.check() },
            { try warehouse.dashboardFacts(ranges: Dashboard.ranges(periods, projectStart: project.project.periodStart)) })
        try checker.close()
        try warehouse.close()
        if !problems.isEmpty {
            throw WarehouseError(file: warehousePath, message: problems.joined(separator: "; "))
        }

        // Definitions and their hashes.
        var definitionFiles = indicators.flatMap(\.files) + reports.map(\.file) + participantLists.map(\.file)
            + Dashboard.templateFiles(root: root)
        // The vocabulary's footer words decide which rows are data.
        if vocabulary != nil { definitionFiles.append(HeaderVocabulary.file) }
        for folder in ["sql/schema", "sql/marts", "sql/dashboard"] {
            let dir = root.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            definitionFiles += names.filter { $0.hasSuffix(".sql") }.sorted().map { "\(folder)/\($0)" }
        }
        let definitions = try definitionFiles.sorted().map { path -> RunManifest.FileHash in
            let data = try Data(contentsOf: root.appendingPathComponent(path))
            return RunManifest.FileHash(path: path, sha256: SHA256Hex.of(data), size: data.count)
        }

        // Reports, CSVs, diagnostics, dashboard.
        let reportsDir = stage.appendingPathComponent("reports", isDirectory: true)
        let byCode = Dictionary(uniqueKeysWithValues: indicators.map { ($0.code, $0) })
        let index = ValueIndex(values, ageBandKey: "age_band")
        let fingerprint = Dashboard.fingerprint(definitions: definitions, projectSHA256: projectHash, inputs: files)
        for report in reports {
            let bandKey = report.ageBands.flatMap { b in bandSets.firstIndex(of: b) }.map { $0 == 0 ? "age_band" : "age_band#\($0)" } ?? "age_band"
            let metadata = Metadata.lines(
                project: project, report: report, indicators: indicators, projectHash: projectHash,
                language: options.language, reporting: periods.reporting, runFingerprint: fingerprint)
            let builder = ReportBuilder(
                project: project, indicators: byCode, values: ValueIndex(values, ageBandKey: bandKey), periods: periods,
                language: options.language, metadata: metadata)
            let document = builder.build(report, ageBands: report.ageBands ?? project.rules.ageBands)
            let xlsx = reportsDir.appendingPathComponent("\(report.id).xlsx")
            try document.writeXLSX(to: xlsx)
            try staging.record(xlsx)
            try staging.record(contentsOf: document.writeCSV(to: reportsDir, prefix: "\(report.id)__", dialect: options.csv.dialect))
        }
        // Every figure as one lean long table, for a pivot table or ActivityInfo, with its indicators' dictionary.
        let longTable = LongTable(
            indicators: indicators.map { LongTable.Indicator($0, language: options.language) }, periods: periods.all,
            language: options.language,
            breakdownNames: LongTable.breakdownNames(bandSets, labels: Labels(language: options.language, project: project)))
        let longCSV = reportsDir.appendingPathComponent("indicators-long.csv")
        try longTable.write(values, to: longCSV, dialect: options.csv.dialect)
        let dictionaryCSV = reportsDir.appendingPathComponent("indicators-dictionary.csv")
        try longTable.writeDictionary(to: dictionaryCSV, dialect: options.csv.dialect)
        try staging.record(contentsOf: [longCSV, dictionaryCSV])
        // Restatements of submitted (frozen) periods: what changed since, and the rows that caused it.
        for restatement in restatements {
            let l = Labels(language: options.language, project: project)
            let title = (options.language == .pl ? "Korekta wartości przekazanych za okres " : "Restatement of the figures submitted for ")
                + restatement.period
            let document = restatement.document(
                language: options.language, indicators: byCode, labels: l, created: periods.reporting.end, title: title)
            let name = "restatement-\(restatement.period.replacingOccurrences(of: "..", with: "_"))"
            let xlsx = reportsDir.appendingPathComponent("\(name).xlsx")
            try document.writeXLSX(to: xlsx)
            try staging.record(xlsx)
            try staging.record(contentsOf: document.writeCSV(to: reportsDir, prefix: "\(name)__", dialect: options.csv.dialect))
        }
        let quality = DataQualityReport(project: project, files: files, diagnostics: diagnostics, language: options.language)
        let qualityXLSX = reportsDir.appendingPathComponent("data-quality.xlsx")
        try quality.document(metadata: Metadata.lines(
                project: project, report: nil, indicators: [], projectHash: projectHash, language: options.language,
                reporting: periods.reporting))
            .writeXLSX(to: qualityXLSX)
        try staging.record(qualityXLSX)
        let rejectedCSV = stage.appendingPathComponent("rejected_rows.csv")
        try quality.writeRejectedRows(to: rejectedCSV, dialect: options.csv.dialect)
        try staging.record(rejectedCSV)
        let diagnosticsCSV = stage.appendingPathComponent("diagnostics.csv")
        try DiagnosticsFile.write(
            diagnostics, files: files, project: project, language: options.language, to: diagnosticsCSV,
            dialect: options.csv.dialect)
        try staging.record(diagnosticsCSV)
        let persons = loaded.persons
        let evidence = loaded.evidence
        var byCodeCount: [String: Int] = [:]
        for d in diagnostics { byCodeCount[d.diagnostic.code.rawValue, default: 0] += 1 }
        let figures = values.map {
            RunManifest.Figure(
                indicator: $0.indicator, period: $0.period, scope: $0.scope, breakdown: $0.breakdown, category: $0.category,
                value: $0.value)
        }
        clock.finish(count: staging.outputs.count, unit: "files")
        clock.enter(.dashboard)
        let dashboard = stage.appendingPathComponent("dashboard.html")
        // The dashboard follows the reports' indicator order, then the rest of the catalogue.
        var shown: [IndicatorDefinition] = []
        for code in reports.flatMap({ $0.sheets.flatMap(\.indicators) }) + indicators.map(\.code)
        where !shown.contains(where: { $0.code == code }) {
            if let i = byCode[code] { shown.append(i) }
        }
        let html = try Dashboard(
            project: project, indicators: shown, values: index, periods: periods, files: files,
            diagnostics: diagnostics, evidence: evidence, facts: dashboardFacts, language: options.language,
            fingerprint: fingerprint,
            reports: reports
        ).render(templateFolder: root.appendingPathComponent(Dashboard.templateFolder))
        try AtomicFile.write(Data(html.utf8), to: dashboard)
        try staging.record(dashboard)
        clock.finish()
        clock.enter(.manifest)

        // The figures beside the manifest, which records their hash; and the warehouse as this run left it.
        let figuresHash = try staging.write(try RunManifest.Figure.json(figures), to: RunManifest.figuresFile)
        let outputs = staging.outputs.sorted { $0.path < $1.path }
        let warehouseData = try Data(contentsOf: URL(fileURLWithPath: warehousePath), options: .alwaysMapped)
        let warehouseHash = RunManifest.FileHash(
            path: relativePath(URL(fileURLWithPath: warehousePath), to: out), sha256: SHA256Hex.of(warehouseData),
            size: warehouseData.count)
        let manifest = RunManifest(
            tool: .init(name: "integra", version: integraVersion, commit: GitCommit.of(root)),
            job: .init(namespace: "integra", name: project.project.id),
            run: .init(
                projectFile: shownPath, projectSHA256: projectHash, periodStart: project.project.periodStart.iso,
                periodEnd: project.project.periodEnd.iso, reportingPeriod: periods.reporting.id,
                reportingStart: periods.reporting.start.iso, reportingEnd: periods.reporting.end.iso,
                language: options.language.rawValue, csv: options.csv.rawValue),
            definitions: definitions,
            inputs: files.map {
                .init(
                    path: $0.path, sha256: $0.sha256, size: $0.size, source: $0.sourceID, partner: $0.partnerID,
                    kind: $0.kind.rawValue, encoding: $0.encoding, rowsRead: $0.rowsRead, rowsLoaded: $0.rowsLoaded,
                    rowsRejected: $0.rowsRejected, rowsBlank: $0.rowsBlank)
            },
            outputs: outputs, figures: figuresHash, warehouse: warehouseHash,
            persons: persons, personsByEvidence: evidence,
            diagnostics: .init(
                errors: diagnostics.filter { $0.diagnostic.severity == .error }.count,
                warnings: diagnostics.filter { $0.diagnostic.severity == .warning }.count, byCode: byCodeCount))
        _ = try staging.write(try manifest.encoded(), to: "run.json")
        let removedOutputs = try staging.publish()
        published = true
        clock.finish()
        return RunSummary(
            outputFolder: out, manifest: manifest, figures: figures, files: files,
            diagnostics: diagnostics.map(\.diagnostic), persons: persons,
            outputs: outputs.filter { $0.personal != true }.map(\.path) + [RunManifest.figuresFile, "run.json"],
            failedFiles: ingest.failedFiles + loaded.failedFiles, reviewPairs: loaded.reviewPairs,
            personsIfAllJoined: persons - loaded.reviewJoins,
            personalOutputs: outputs.filter { $0.personal == true }.map(\.path), ingest: ingest.counts,
            fileEvents: ingest.events, removedOutputs: removedOutputs)
    }

    /// What a run keeps of its normalised, linked and loaded records: the file accounting, the diagnostics and the
    /// counts the summary and manifest report.
    struct Loaded {
        var files: [SourceFileRecord]
        var diagnostics: [DiagnosticRecord]
        var persons: Int
        var evidence: [String: Int]
        var reviewPairs: Int
        /// How many persons fewer there would be if every review pair were one person (joins of a union–find).
        var reviewJoins: Int
        var failedFiles: Int
    }

    /// Normalises the current files' stored rows, links them and loads everything derived into the warehouse.
    static func normaliseLinkLoad(
        project: ProjectDefinition, root: URL, base: URL, warehouse: Warehouse, vocabulary: HeaderVocabulary?,
        ingest: IngestStage.Output, periods computed: [ReportingPeriod], clock: inout StageClock
    ) throws -> Loaded {
        clock.enter(.normalise)
        var ingested = try NormaliseStage(
            project: project, warehouse: warehouse, vocabulary: vocabulary,
            onFile: { [clock] in clock.progress(done: $0, total: $1, unit: "files") }
        ).run(ingest.files)
        clock.finish(count: ingested.rowStatus.count, unit: "rows")
        clock.enter(.link)
        let linked = LinkStage(
            settings: try linkageSettings(project, root: root), decisions: try decisions(project, base: base),
            knownIDs: try warehouse.personIDs()
        ).run(ingested)
        // The attendance rows and consultations live on as marks and consultation records: their normalised form is
        // released before the load.
        ingested.attendance = []
        ingested.consultations = []
        // Rule 6: one FAMI objective per person, the earliest registration; other statements are reported.
        let objectives = ObjectiveRule(defaultObjective: project.rules.objective).apply(
            persons: linked.persons, participants: linked.participants,
            consultationDates: Dictionary(uniqueKeysWithValues: linked.consultations.map { ($0.rawRowID, $0.date) }),
            fileOfRow: Dictionary(ingested.identities.map { ($0.rawRowID, $0.fileID) }, uniquingKeysWith: { a, _ in a }))
        var files = ingested.files
        var rowStatus = Dictionary(uniqueKeysWithValues: ingested.rowStatus.map { ($0.rawRowID, $0.loaded) })
        var diagnostics = ingest.diagnostics + ingested.diagnostics
        for (rawID, fileID, diagnostic) in linked.rejected {
            rowStatus[rawID] = false
            if let i = files.firstIndex(where: { $0.id == fileID }) {
                files[i].rowsLoaded -= 1
                files[i].rowsRejected += 1
            }
            diagnostics.append(DiagnosticRecord(fileID: fileID, rawRowID: rawID, diagnostic: diagnostic))
        }
        diagnostics += linked.warnings.map { DiagnosticRecord(fileID: $0.fileID, rawRowID: $0.rawRowID, diagnostic: $0.diagnostic) }
        diagnostics += objectives.warnings
        diagnostics.sort(by: DiagnosticOrder.precedes)
        clock.finish(count: linked.participants.count, unit: "records")

        // Load.
        clock.enter(.load)
        var batch = WarehouseBatch()
        batch.partners = project.partners.map { ($0.id, $0.name, $0.role.rawValue) }
        batch.activities = project.activities.map {
            ActivityRow(
                id: $0.id, namePL: $0.name.pl, nameEN: $0.name.en, kind: $0.kind, priority: $0.priority,
                completionThreshold: project.rules.completionThreshold($0),
                supportStarts: project.rules.supportStarts($0).rawValue, sessionHours: $0.sessionHours)
        }
        batch.files = files
        batch.rowStatus = ingested.rowStatus.map { ($0.rawRowID, rowStatus[$0.rawRowID] ?? $0.loaded) }
        batch.diagnostics = diagnostics
        batch.persons = objectives.persons
        batch.courses = linked.courses
        batch.participants = linked.participants
        batch.sessions = linked.sessions
        batch.marks = linked.marks
        batch.consultations = linked.consultations
        batch.periods = computed
        batch.links = linked.links
        batch.review = linked.review
        batch.model = linked.model
        try warehouse.load(batch)
        try warehouse.savePersonIDs(linked.assignedIDs)
        clock.finish(count: ingested.rowStatus.count, unit: "rows")
        var evidence: [String: Int] = [:]
        for p in linked.persons { evidence[p.evidence.rawValue, default: 0] += 1 }
        return Loaded(
            files: files, diagnostics: diagnostics, persons: objectives.persons.count, evidence: evidence,
            reviewPairs: Set(linked.review.map { [$0.personA, $0.personB].sorted() }).count,
            reviewJoins: Self.joins(linked.review.map { ($0.personA, $0.personB) }),
            failedFiles: ingested.failedFiles)
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
    static func precedes(_ a: DiagnosticRecord, _ b: DiagnosticRecord) -> Bool {
        let la = a.diagnostic.location, lb = b.diagnostic.location
        let ka = (a.fileID ?? 0, la?.sheet ?? "", la?.row ?? 0, a.rawRowID ?? 0)
        let kb = (b.fileID ?? 0, lb?.sheet ?? "", lb?.row ?? 0, b.rawRowID ?? 0)
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
