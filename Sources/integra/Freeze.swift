import ArgumentParser
import Foundation
import IntegraPipeline

struct Freeze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Freeze a submitted period: its figures and the source rows and inputs they came from.",
        discussion: """
            Runs the project for the period and writes <project>.submissions/<period>.json beside the project file \\
            (keep it with the project's definitions). From then on every run writes \\
            reports/restatement-<period>.xlsx and CSVs: each figure whose value changed since the submission, \\
            submitted vs current and the delta, and the source rows (file, sheet, row) added, changed or removed \\
            that caused it. The frozen file holds no cell values, only their hashes.
            """)

    @Argument(help: "The project file, e.g. pipelines/demo.yml.")
    var pipeline: String

    @Option(help: "The submitted period: 2023Q2, 2023-05, 2023 or 2023-03-15..2023-06-30.")
    var period: String

    @Option(name: .shortAndLong, help: "Output folder (default: out/<project id>/).")
    var out: String?

    func run() throws {
        var options = RunOptions()
        options.outputFolder = out.map { URL(fileURLWithPath: $0, isDirectory: true) }
        do {
            let url = try Pipeline.freeze(
                projectFile: URL(fileURLWithPath: pipeline), displayPath: pipeline, period: period, options: options)
            print("Frozen: \(url.path)")
            print("Every later run writes reports/restatement-\(period).xlsx with what changed since.")
        } catch let error as DefinitionError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(64)
        }
    }
}
