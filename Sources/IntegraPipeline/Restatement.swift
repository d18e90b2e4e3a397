import Foundation
import IntegraCore
import IntegraReports
import IntegraWarehouse

/// A submitted period, frozen (issue 6, item 5): the figures as submitted and, per indicator, the source rows they
/// came from (file, sheet, row and a hash of the row's cells — no cell values), with the inputs' hashes. Stored as
/// `<project>.submissions/<period>.json` beside the project file, to be kept with the project's definitions.
public struct FrozenPeriod: Codable, Sendable {
    public struct Figure: Codable, Sendable, Hashable {
        public var indicator: String
        public var scope: String
        public var breakdown: String
        public var category: String
        public var value: Double
    }
    /// A source row behind an indicator's figure in the period (in-period or cumulative).
    public struct SourceRow: Codable, Sendable, Hashable, Comparable {
        public var file: String
        public var sheet: String?
        public var row: Int
        public var sha256: String

        public static func < (a: SourceRow, b: SourceRow) -> Bool {
            (a.file, a.sheet ?? "", a.row, a.sha256) < (b.file, b.sheet ?? "", b.row, b.sha256)
        }
    }
    public struct Input: Codable, Sendable, Hashable {
        public var path: String
        public var sha256: String
    }

    public var schema = "integra-frozen-period/1"
    public var project: String
    public var period: String
    public var periodStart: String
    public var periodEnd: String
    public var projectSHA256: String
    public var figures: [Figure]
    /// Indicator code → scope → the rows behind its figure.
    public var rows: [String: [String: [SourceRow]]]
    public var inputs: [Input]

    public func encoded() throws -> Data {
        try SnakeCaseJSON.encode(self)
    }

    public static func decode(_ data: Data) throws -> FrozenPeriod {
        try SnakeCaseJSON.decode(FrozenPeriod.self, from: data)
    }

    /// The project's frozen periods (`<project>.submissions/*.json`, by file name) with their periods; frozen
    /// periods no longer within the project are left out.
    static func loadAll(projectFile: URL, project: ProjectInfo) throws -> [(record: FrozenPeriod, period: ReportingPeriod)] {
        let folder = folder(projectFile: projectFile)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        return try names.compactMap { name in
            let record = try decode(Data(contentsOf: folder.appendingPathComponent(name)))
            return ReportingPeriod.parse(record.period, projectStart: project.periodStart, projectEnd: project.periodEnd)
                .map { (record, $0) }
        }
    }

    /// `<project folder>/<project file name>.submissions/`.
    static func folder(projectFile: URL) -> URL {
        projectFile.deletingLastPathComponent().appendingPathComponent(
            projectFile.deletingPathExtension().lastPathComponent + ".submissions", isDirectory: true)
    }
}

/// The figures and source rows of one period as the warehouse gives them now: what a freeze stores and what a
/// restatement compares against.
struct PeriodSnapshot {
    var figures: [FrozenPeriod.Figure]
    var rows: [String: [String: [FrozenPeriod.SourceRow]]]

    static func take(
        warehouse: Warehouse, indicators: [IndicatorDefinition], values: [IndicatorValue], period: ReportingPeriod,
        projectStart: LocalDate
    ) throws -> PeriodSnapshot {
        let figures = values.filter { $0.period == period.id && !$0.breakdown.contains("#") }.map {
            FrozenPeriod.Figure(indicator: $0.indicator, scope: $0.scope, breakdown: $0.breakdown, category: $0.category, value: $0.value)
        }
        var rows: [String: [String: [FrozenPeriod.SourceRow]]] = [:]
        for indicator in indicators {
            let query = indicator.query
            for (scope, start) in [("in_period", period.start), ("cumulative", projectStart)] {
                let evidence = try warehouse.evidence(query, from: start, to: period.end)
                let source = Set(evidence.compactMap { e -> FrozenPeriod.SourceRow? in
                    guard let file = e.file, let row = e.row else { return nil }
                    return FrozenPeriod.SourceRow(file: file, sheet: e.sheet, row: row, sha256: SHA256Hex.of(Data((e.cellsJSON ?? "").utf8)))
                })
                rows[indicator.code, default: [:]][scope] = source.sorted()
            }
        }
        return PeriodSnapshot(figures: figures, rows: rows)
    }
}

/// The restatement of a frozen period: every figure whose current value differs from the submitted one, and the
/// source rows whose change caused it.
public struct Restatement: Sendable {
    public struct Line: Sendable, Hashable {
        public var indicator: String
        public var scope: String
        public var breakdown: String
        public var category: String
        public var submitted: Double
        public var current: Double
        public var delta: Double { current - submitted }
    }
    public struct Cause: Sendable, Hashable {
        /// `added`: the row is new; `changed`: its cells differ; `removed`: the row or its file is gone;
        /// `now counts` / `no longer counts`: the row itself is unchanged but the figure's rule now takes it in or
        /// leaves it out because of another row (e.g. a course no longer completed after a mark changed).
        public enum Change: String, Sendable { case added, changed, removed, nowCounts = "now counts", noLongerCounts = "no longer counts" }
        public var indicator: String
        public var scope: String
        public var change: Change
        public var file: String
        public var sheet: String?
        public var row: Int
        /// What happened to the file since the freeze: `new`, `changed`, `removed`, `unchanged`.
        public var fileStatus: String
    }

    public var period: String
    public var lines: [Line]
    public var causes: [Cause]
    /// Inputs since the freeze: path → added / changed / removed.
    public var files: [(path: String, change: String)]

    static func compare(
        frozen: FrozenPeriod, now: PeriodSnapshot, inputs: [(path: String, sha256: String)],
        currentHash: (FrozenPeriod.SourceRow) throws -> String?
    ) rethrows -> Restatement {
        func key(_ f: FrozenPeriod.Figure) -> String { "\(f.indicator)\u{1}\(f.scope)\u{1}\(f.breakdown)\u{1}\(f.category)" }
        let then = Dictionary(frozen.figures.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        let current = Dictionary(now.figures.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        var lines: [Line] = []
        for k in Set(then.keys).union(current.keys) {
            let a = then[k]?.value ?? 0, b = current[k]?.value ?? 0
            guard abs(a - b) > 1e-9, let f = then[k] ?? current[k] else { continue }
            lines.append(Line(indicator: f.indicator, scope: f.scope, breakdown: f.breakdown, category: f.category, submitted: a, current: b))
        }
        lines.sort { ($0.indicator, $0.scope, $0.breakdown, $0.category) < ($1.indicator, $1.scope, $1.breakdown, $1.category) }

        let frozenInputs = Dictionary(frozen.inputs.map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a })
        let nowInputs = Dictionary(inputs.map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a })
        var files: [(String, String)] = []
        for (path, sha) in nowInputs.sorted(by: { $0.key < $1.key }) {
            if let old = frozenInputs[path] { if old != sha { files.append((path, "changed")) } } else { files.append((path, "added")) }
        }
        for path in frozenInputs.keys.sorted() where nowInputs[path] == nil { files.append((path, "removed")) }
        let fileStatus = Dictionary(files, uniquingKeysWith: { a, _ in a })

        // Causes: for each indicator and scope with a changed figure, the rows behind it then and now.
        var causes: [Cause] = []
        let changed = Set(lines.map { "\($0.indicator)\u{1}\($0.scope)" })
        for k in changed.sorted() {
            let parts = k.split(separator: "\u{1}").map(String.init)
            let (indicator, scope) = (parts[0], parts[1])
            let before = Set(frozen.rows[indicator]?[scope] ?? [])
            let after = Set(now.rows[indicator]?[scope] ?? [])
            func place(_ r: FrozenPeriod.SourceRow) -> String { "\(r.file)\u{1}\(r.sheet ?? "")\u{1}\(r.row)" }
            let beforeByPlace = Dictionary(before.map { (place($0), $0) }, uniquingKeysWith: { a, _ in a })
            let afterByPlace = Dictionary(after.map { (place($0), $0) }, uniquingKeysWith: { a, _ in a })
            // A row new to the figure: added or changed in its file, or unchanged and taken in because of another row.
            for r in after.subtracting(before).sorted() {
                let change: Cause.Change
                if beforeByPlace[place(r)] != nil {
                    change = .changed
                } else if let status = fileStatus[r.file], status != "unchanged" {
                    change = .added
                } else {
                    change = .nowCounts
                }
                causes.append(Cause(indicator: indicator, scope: scope, change: change, file: r.file, sheet: r.sheet, row: r.row, fileStatus: fileStatus[r.file] ?? "unchanged"))
            }
            // A row gone from the figure: removed or changed in its file, or unchanged and left out.
            for r in before.subtracting(after).sorted() where afterByPlace[place(r)] == nil {
                let change: Cause.Change
                switch try currentHash(r) {
                case nil: change = .removed
                case let h? where h != r.sha256: change = .changed
                default: change = .noLongerCounts
                }
                causes.append(Cause(indicator: indicator, scope: scope, change: change, file: r.file, sheet: r.sheet, row: r.row, fileStatus: fileStatus[r.file] ?? "unchanged"))
            }
        }
        return Restatement(period: frozen.period, lines: lines, causes: causes, files: files)
    }

    /// The restatement as a report: figures (submitted, current, delta) and the rows that caused each change.
    func document(language: ReportLanguage, indicators: [String: IndicatorDefinition], labels l: Labels, created: LocalDate, title: String) -> ReportDocument {
        let pl = language == .pl
        let figures = ReportSheet(
            slug: "figures", name: pl ? "Zmiany wartości" : "Changed figures",
            titleLines: [title, pl ? "Wartości przekazane w okresie \(period) i obecne; tylko różniące się." : "Figures submitted for \(period) and their current values; changed ones only."],
            header: pl
                ? ["Kod", "Wskaźnik", "Zakres", "Przekrój", "Kategoria", "Przekazano", "Obecnie", "Różnica"]
                : ["Code", "Indicator", "Scope", "Breakdown", "Category", "Submitted", "Current", "Delta"],
            rows: lines.map { line in
                let ind = indicators[line.indicator]
                let number: (Double) -> ReportCell = {
                    ind?.isMoney == true ? .money(Int64($0.rounded())) : ind?.aggregation == .sum ? .decimal($0) : .integer($0)
                }
                return [
                    .text(line.indicator), .text(ind?.name.text(language) ?? line.indicator),
                    .text(line.scope == "cumulative" ? l.cumulative : (pl ? "w okresie" : "in period")),
                    .text(line.breakdown.isEmpty ? "" : l.breakdownName(line.breakdown)),
                    .text(line.breakdown.isEmpty ? (pl ? "ogółem" : "total") : l.category(line.breakdown, line.category)),
                    number(line.submitted), number(line.current), number(line.delta),
                ]
            },
            notes: [lines.isEmpty ? (pl ? "Brak zmian: obecne wartości są równe przekazanym." : "No changes: the current figures equal the submitted ones.") : ""],
            widths: [22, 50, 14, 22, 26, 12, 12, 12])
        let rows = ReportSheet(
            slug: "causes", name: pl ? "Przyczyny" : "Causes",
            titleLines: [title, pl ? "Wiersze źródłowe, które dodano, zmieniono lub usunięto od przekazania." : "Source rows added, changed or removed since the submission."],
            header: pl
                ? ["Kod", "Zakres", "Zmiana wiersza", "Plik", "Arkusz", "Wiersz", "Plik od przekazania"]
                : ["Code", "Scope", "Row change", "File", "Sheet", "Row", "File since submission"],
            rows: causes.map {
                [.text($0.indicator), .text($0.scope), .text($0.change.rawValue), .text($0.file), .text($0.sheet ?? ""),
                 .integer(Double($0.row)), .text($0.fileStatus)]
            },
            widths: [22, 12, 14, 50, 14, 8, 18])
        let filesSheet = ReportSheet(
            slug: "files", name: pl ? "Pliki" : "Files", titleLines: [title],
            header: pl ? ["Plik", "Zmiana od przekazania"] : ["File", "Change since submission"],
            rows: files.map { [.text($0.path), .text($0.change)] }, widths: [60, 24])
        return ReportDocument(
            id: "restatement-\(period)", title: title, metadata: [(pl ? "Okres" : "Period", period)],
            metadataSheetName: l.metadataSheet, sheets: [figures, rows, filesSheet], created: created)
    }
}

extension Pipeline {
    /// Runs the project for `period` and freezes what it reports: `<project>.submissions/<period>.json`.
    /// Returns the file written.
    public static func freeze(projectFile: URL, displayPath: String? = nil, period: String, options: RunOptions) throws -> URL {
        var options = options
        options.period = period
        let summary = try run(projectFile: projectFile, displayPath: displayPath, options: options)
        let (project, warehouse) = try openWarehouse(projectFile: projectFile, displayPath: displayPath, options: options)
        defer { try? warehouse.close() }
        let root = try options.definitionsRoot ?? DefinitionsRoot.find(from: projectFile.deletingLastPathComponent())
        let indicators = try IndicatorDefinition.loadAll(root: root)
        let p = project.project
        guard let reporting = ReportingPeriod.parse(period, projectStart: p.periodStart, projectEnd: p.periodEnd) else {
            throw DefinitionError(file: "--period", keyPath: "", message: "'\(period)' is not a period within the project")
        }
        let snapshot = try PeriodSnapshot.take(
            warehouse: warehouse, indicators: indicators, values: try warehouse.indicatorValues(), period: reporting,
            projectStart: p.periodStart)
        let frozen = FrozenPeriod(
            project: p.id, period: reporting.id, periodStart: reporting.start.iso, periodEnd: reporting.end.iso,
            projectSHA256: summary.manifest.run.projectSHA256, figures: snapshot.figures, rows: snapshot.rows,
            inputs: summary.manifest.inputs.map { .init(path: $0.path, sha256: $0.sha256) })
        let folder = FrozenPeriod.folder(projectFile: projectFile)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("\(reporting.id.replacingOccurrences(of: "..", with: "_")).json")
        try AtomicFile.write(try frozen.encoded(), to: url)
        return url
    }

    /// The restatements of the project's frozen periods, from the warehouse as this run left it.
    static func restatements(
        _ frozen: [(record: FrozenPeriod, period: ReportingPeriod)], projectStart: LocalDate, warehouse: Warehouse,
        indicators: [IndicatorDefinition], values: [IndicatorValue], inputs: [(path: String, sha256: String)]
    ) throws -> [Restatement] {
        try frozen.map { f in
            let snapshot = try PeriodSnapshot.take(
                warehouse: warehouse, indicators: indicators, values: values, period: f.period, projectStart: projectStart)
            return try Restatement.compare(frozen: f.record, now: snapshot, inputs: inputs) { row in
                try warehouse.currentCells(file: row.file, sheet: row.sheet, row: row.row).map { SHA256Hex.of(Data($0.utf8)) }
            }
        }
    }
}
