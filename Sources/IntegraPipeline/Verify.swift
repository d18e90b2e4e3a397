import Foundation
import IntegraCore
import IntegraWarehouse

/// What `integra verify run.json` found: identical, or every difference between the recorded run and a re-run from
/// the current inputs and definitions.
public struct VerifyReport: Sendable {
    public enum Difference: Sendable, Hashable, CustomStringConvertible {
        case projectFileChanged(String)
        case inputMissing(String)
        case inputChanged(path: String, rowsWere: Int, rowsNow: Int)
        case inputAdded(String)
        case definitionChanged(String)
        case definitionMissing(String)
        case definitionAdded(String)
        case optionDiffers(name: String, recorded: String, now: String)
        case outputDiffers(String)
        case outputMissing(String)
        case outputAdded(String)
        /// The file in the run's folder is not the one the re-run wrote (edited, or written by something else).
        case outputFileDiffers(String)
        /// An output `run.json` lists is not in the run's folder.
        case outputFileMissing(String)

        public var description: String {
            switch self {
            case .projectFileChanged(let p): return "project file changed: \(p)"
            case .inputMissing(let p): return "input missing: \(p)"
            case .inputChanged(let p, let was, let now): return "input changed: \(p) (rows read: \(was) then, \(now) now)"
            case .inputAdded(let p): return "input added: \(p) (not in the recorded run)"
            case .definitionChanged(let p): return "definition changed: \(p)"
            case .definitionMissing(let p): return "definition missing: \(p)"
            case .definitionAdded(let p): return "definition added: \(p)"
            case .optionDiffers(let n, let r, let now): return "option \(n): recorded \(r), now \(now)"
            case .outputDiffers(let p): return "output differs: \(p)"
            case .outputMissing(let p): return "output not produced now: \(p)"
            case .outputAdded(let p): return "output produced now but not recorded: \(p)"
            case .outputFileDiffers(let p): return "file on disk differs from the re-derived output: \(p)"
            case .outputFileMissing(let p): return "output missing from the folder: \(p)"
            }
        }
    }

    public var differences: [Difference]
    public var outputsCompared: Int
    public var identical: Bool { differences.isEmpty }

    public func text() -> String {
        if identical {
            return "identical: \(outputsCompared) outputs re-derived from the input files in a fresh warehouse, "
                + "byte for byte the same as the files on disk and as run.json records them"
        }
        return "DIFFERENT (\(differences.count)):\n" + differences.map { "  \($0)" }.joined(separator: "\n")
    }
}

extension Pipeline {
    /// Re-derives a run from its manifest: the same project file, inputs and definitions, the same options, into a
    /// scratch folder with a fresh warehouse that holds nothing of the run's warehouse but the person ids it has
    /// given (so the participant lists name the same persons); then compares inputs, definitions, every output's and
    /// `figures.json`'s SHA-256 and the rest of `run.json` with the record (issue 6, item 3), and every output's
    /// bytes with the file in the run's folder (issue 17, item 5): a row edited in the warehouse, or an output
    /// edited on disk, is a difference. The warehouse's hash is not compared: the re-run's warehouse is another.
    ///
    /// `projectFile` defaults to the manifest's `run.project_file`, found from the current folder or the manifest's.
    public static func verify(manifest url: URL, projectFile: URL? = nil) throws -> VerifyReport {
        let recorded = try RunManifest.decode(Data(contentsOf: url))
        let fm = FileManager.default
        let project: URL
        if let projectFile {
            project = projectFile
        } else {
            let given = recorded.run.projectFile
            var candidates = [URL(fileURLWithPath: given)]
            var dir = url.deletingLastPathComponent().standardizedFileURL
            for _ in 0..<4 {
                candidates.append(dir.appendingPathComponent(given))
                dir = dir.deletingLastPathComponent()
            }
            guard let found = candidates.first(where: { fm.fileExists(atPath: $0.path) }) else {
                throw DefinitionError(
                    file: url.path, keyPath: "run.project_file",
                    message: "the project file \(given) is not found from here; give --pipeline FILE")
            }
            project = found
        }
        let scratch = fm.temporaryDirectory.appendingPathComponent("integra-verify-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: scratch) }

        var options = RunOptions()
        options.outputFolder = scratch.appendingPathComponent("out", isDirectory: true)
        options.language = ReportLanguage(rawValue: recorded.run.language) ?? .pl
        options.csv = CSVStyle(rawValue: recorded.run.csv ?? "rfc4180") ?? .rfc4180
        options.period = recorded.run.reportingPeriod == "project" ? nil : recorded.run.reportingPeriod
        let definition = try ProjectDefinition.load(from: project, displayPath: recorded.run.projectFile)
        let originalOut = url.deletingLastPathComponent()
        // No run may publish into the folder while its files are compared.
        let lock = try RunLock(outputFolder: originalOut, language: options.language)
        defer { withExtendedLifetime(lock) {} }
        // Nothing of the run's warehouse is trusted but the person ids it has given: the rows, marts and figures
        // are derived again from the input files.
        let warehouse = warehousePath(definition, base: project.deletingLastPathComponent(), out: originalOut)
        let fresh = scratch.appendingPathComponent("warehouse.sqlite")
        // A warehouse that cannot be read gives no ids: the persons are numbered afresh, and any participant list that
        // then names them otherwise is reported as differing.
        let ids = (try? Warehouse.personIDs(readingOnly: warehouse.path)) ?? [:]
        if !ids.isEmpty {
            let root = try DefinitionsRoot.find(from: project.deletingLastPathComponent())
            let seeded = try Warehouse.create(at: fresh.path, sqlRoot: root.appendingPathComponent("sql"))
            try seeded.savePersonIDs(ids.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
            try seeded.close()
        }
        options.warehousePath = fresh
        let now = try run(projectFile: project, displayPath: recorded.run.projectFile, options: options).manifest
        let rederived = options.outputFolder!

        var differences: [VerifyReport.Difference] = []
        if now.run.projectSHA256 != recorded.run.projectSHA256 { differences.append(.projectFileChanged(recorded.run.projectFile)) }
        if now.tool.version != recorded.tool.version || now.tool.commit != recorded.tool.commit {
            differences.append(
                .optionDiffers(
                    name: "Integra version",
                    recorded: "\(recorded.tool.version) \(recorded.tool.commit ?? "(no commit)")",
                    now: "\(now.tool.version) \(now.tool.commit ?? "(no commit)")"))
        }
        if now.run.reportingPeriod != recorded.run.reportingPeriod {
            differences.append(.optionDiffers(name: "period", recorded: recorded.run.reportingPeriod, now: now.run.reportingPeriod))
        }
        let inputsNow = Dictionary(now.inputs.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        for input in recorded.inputs {
            guard let current = inputsNow[input.path] else {
                differences.append(.inputMissing(input.path))
                continue
            }
            if current.sha256 != input.sha256 {
                differences.append(.inputChanged(path: input.path, rowsWere: input.rowsRead, rowsNow: current.rowsRead))
            }
        }
        let recordedInputs = Set(recorded.inputs.map(\.path))
        for input in now.inputs where !recordedInputs.contains(input.path) { differences.append(.inputAdded(input.path)) }
        let definitionsNow = Dictionary(now.definitions.map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a })
        for d in recorded.definitions {
            guard let sha = definitionsNow[d.path] else {
                differences.append(.definitionMissing(d.path))
                continue
            }
            if sha != d.sha256 { differences.append(.definitionChanged(d.path)) }
        }
        let recordedDefinitions = Set(recorded.definitions.map(\.path))
        for d in now.definitions where !recordedDefinitions.contains(d.path) { differences.append(.definitionAdded(d.path)) }
        let outputsNow = Dictionary(now.outputs.map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a })
        for o in recorded.outputs {
            guard let sha = outputsNow[o.path] else {
                differences.append(.outputMissing(o.path))
                continue
            }
            if sha != o.sha256 { differences.append(.outputDiffers(o.path)) }
        }
        let recordedOutputs = Set(recorded.outputs.map(\.path))
        for o in now.outputs where !recordedOutputs.contains(o.path) { differences.append(.outputAdded(o.path)) }
        if now.figures.sha256 != recorded.figures.sha256 { differences.append(.outputDiffers(recorded.figures.path)) }
        // Every file the re-run wrote, byte for byte against the one in the run's folder.
        for path in (now.outputs.map(\.path) + [now.figures.path]).sorted() {
            let onDisk = originalOut.appendingPathComponent(path)
            guard let data = try? Data(contentsOf: onDisk, options: .alwaysMapped) else {
                if recordedOutputs.contains(path) || path == now.figures.path { differences.append(.outputFileMissing(path)) }
                continue
            }
            if data != (try Data(contentsOf: rederived.appendingPathComponent(path), options: .alwaysMapped)) {
                differences.append(.outputFileDiffers(path))
            }
        }
        // run.json itself: the same inputs, definitions and figures give the same bytes — but for the warehouse's
        // hash and path: the re-run numbers itself in its copy of the warehouse, in the scratch folder.
        var recordedRest = recorded, nowRest = now
        recordedRest.warehouse = nil
        nowRest.warehouse = nil
        if differences.isEmpty, try nowRest.encoded() != recordedRest.encoded() {
            differences.append(.outputDiffers("run.json"))
        }
        return VerifyReport(differences: differences, outputsCompared: now.outputs.count + 2)
    }
}
