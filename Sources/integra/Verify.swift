import ArgumentParser
import Foundation
import IntegraPipeline

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-derive a run from its run.json and say whether every output is identical, or what differs.",
        discussion: """
            Re-runs the recorded project with the recorded options on the current input files, in a scratch \
            folder with a fresh warehouse (nothing of the run's warehouse is used but the person ids it gave; the \
            original outputs and warehouse are not touched), compares the project file, every input, definition \
            and output by SHA-256 with run.json, and every re-derived output byte for byte with the file in the \
            run's folder. Prints "identical" and exits 0, or lists each difference (a missing, changed or added \
            input, a changed definition, an output that differs from the re-derived one) and exits 1; exits 75 \
            while a run is writing into the folder.
            """)

    @Argument(help: "The run manifest, e.g. out/demo/run.json.")
    var manifest: String

    @Option(help: "The project file (default: the one recorded in run.json, from here or above the manifest).")
    var pipeline: String?

    func run() throws {
        let report: VerifyReport
        do {
            report = try Pipeline.verify(
                manifest: URL(fileURLWithPath: manifest), projectFile: pipeline.map { URL(fileURLWithPath: $0) })
        } catch let error as DefinitionError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(64)
        } catch let error as RunLockError {
            FileHandle.standardError.write(Data("\(error.english ? "error" : "błąd"): \(error)\n".utf8))
            throw ExitCode(75)
        }
        print(report.text())
        if !report.identical { throw ExitCode.failure }
    }
}
