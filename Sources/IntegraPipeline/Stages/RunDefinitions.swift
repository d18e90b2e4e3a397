import Foundation
import IntegraCore
import IntegraWarehouse

/// Everything a run reads besides the partner files: the project file, the definitions under the definitions root
/// (indicators, reports, participant lists, the header vocabulary), the frozen periods and the run's options, with
/// the periods worked out from them. Read once, before anything is locked or written, and shared by every stage.
struct RunDefinitions {
    let projectFile: URL
    /// The project file as messages and the manifest name it.
    let shownPath: String
    let project: ProjectDefinition
    let projectSHA256: String
    /// The project file's folder: `files:` globs and the decisions file are relative to it.
    let base: URL
    /// Where `sql/`, `reports/` and `pipelines/vocabulary.yml` are.
    let root: URL
    let vocabulary: HeaderVocabulary?
    /// What normalising each source's files reads besides their rows: the key of their stored normalised records.
    let normalisation: NormalisationInputs
    let indicators: [IndicatorDefinition]
    let reports: [ReportDefinition]
    let participantLists: [ParticipantListDefinition]
    /// The reporting period and the months, quarters and years up to its end.
    let periods: ReportPeriods
    /// Submitted periods, computed on every run for their restatements.
    let frozen: [(record: FrozenPeriod, period: ReportingPeriod)]
    /// Every period the indicators are computed for: `periods.all`, then the frozen ones not among them.
    let computed: [ReportingPeriod]
    /// The project's age bands, then each report's own ones: the `age_band` breakdowns computed.
    let bandSets: [[AgeBand]]
    let options: RunOptions

    /// Reads and checks the project file and the definitions it names; throws ``DefinitionError`` for a bad one.
    static func load(projectFile: URL, displayPath: String?, options: RunOptions) throws -> RunDefinitions {
        let shownPath = displayPath ?? projectFile.path
        let project = try ProjectDefinition.load(from: projectFile, displayPath: shownPath)
        let projectData = try Data(contentsOf: projectFile)
        let base = projectFile.deletingLastPathComponent()
        let root = try options.definitionsRoot ?? DefinitionsRoot.find(from: base)
        let vocabulary = try Pipeline.vocabulary(root: root)
        let normalisation = NormalisationInputs.of(
            projectText: String(decoding: projectData, as: UTF8.self),
            vocabulary: vocabulary == nil ? nil : try Data(contentsOf: root.appendingPathComponent(HeaderVocabulary.file)))
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
        let frozen = try FrozenPeriod.loadAll(projectFile: projectFile, project: project.project)
        var computed = periods.all
        for f in frozen where !computed.contains(where: { $0.id == f.period.id }) { computed.append(f.period) }
        var bandSets: [[AgeBand]] = [project.rules.ageBands]
        for r in reports { if let b = r.ageBands, !bandSets.contains(b) { bandSets.append(b) } }
        return RunDefinitions(
            projectFile: projectFile, shownPath: shownPath, project: project, projectSHA256: SHA256Hex.of(projectData),
            base: base, root: root, vocabulary: vocabulary, normalisation: normalisation, indicators: indicators, reports: reports,
            participantLists: participantLists, periods: periods, frozen: frozen, computed: computed,
            bandSets: bandSets, options: options)
    }

    /// The `age_band` breakdown key of a report's bands: `age_band` for the project's, `age_band#i` for the i-th set.
    func ageBandKey(_ bands: [AgeBand]?) -> String {
        bands.flatMap { b in bandSets.firstIndex(of: b) }.map { $0 == 0 ? "age_band" : "age_band#\($0)" } ?? "age_band"
    }

    /// The definition files a run read and their hashes, sorted by path: in the manifest, and the dashboard's
    /// fingerprint.
    func hashes() throws -> [RunManifest.FileHash] {
        var definitionFiles = indicators.flatMap(\.files) + reports.map(\.file) + participantLists.map(\.file)
            + Dashboard.templateFiles(root: root)
        // The vocabulary's footer words decide which rows are data.
        if vocabulary != nil { definitionFiles.append(HeaderVocabulary.file) }
        for folder in ["sql/schema", "sql/marts", "sql/dashboard", "sql/finance"] {
            let dir = root.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            definitionFiles += names.filter { $0.hasSuffix(".sql") }.sorted().map { "\(folder)/\($0)" }
        }
        return try definitionFiles.sorted().map { path -> RunManifest.FileHash in
            let data = try Data(contentsOf: root.appendingPathComponent(path))
            return RunManifest.FileHash(path: path, sha256: SHA256Hex.of(data), size: data.count)
        }
    }
}
