import Foundation
import IntegraCore

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
            }
        }
    }

    public var differences: [Difference]
    public var outputsCompared: Int
    public var identical: Bool { differences.isEmpty }

    public func text() -> String {
        if identical { return "identical: \(outputsCompared) outputs re-derived from the recorded inputs and definitions, byte for byte" }
        return "DIFFERENT (\(differences.count)):\n" + differences.map { "  \($0)" }.joined(separator: "\n")
    }
}

extension Pipeline {
    /// Re-derives a run from its manifest: the same project file, inputs and definitions, the same options, into a
    /// scratch folder with a copy of the warehouse (so the person ids it has given stay the same); then compares
    /// inputs, definitions, every output's and `figures.json`'s SHA-256 and the rest of `run.json` with the record
    /// (issue 6, item 3). The warehouse's hash is not compared: the re-run adds itself to its copy.
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
        // The warehouse keeps the person ids earlier runs gave: verify on a copy of it, never the original.
        let definition = try ProjectDefinition.load(from: project, displayPath: recorded.run.projectFile)
        let originalOut = url.deletingLastPathComponent()
        let warehouse = warehousePath(definition, base: project.deletingLastPathComponent(), out: originalOut)
        let copy = scratch.appendingPathComponent("warehouse.sqlite")
        if fm.fileExists(atPath: warehouse.path) { try fm.copyItem(at: warehouse, to: copy) }
        options.warehousePath = copy
        let now = try run(projectFile: project, displayPath: recorded.run.projectFile, options: options).manifest

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
        // run.json itself: the same inputs, definitions and figures give the same bytes — but for the warehouse's
        // hash and path: the re-run numbers itself in its copy of the warehouse, in the scratch folder.
        var recordedRest = recorded, nowRest = now
        recordedRest.warehouse = nil
        nowRest.warehouse = nil
        if differences.isEmpty, try nowRest.encoded() != recordedRest.encoded() {
            differences.append(.outputDiffers("run.json"))
        }
        return VerifyReport(differences: differences, outputsCompared: recorded.outputs.count + 2)
    }
}
