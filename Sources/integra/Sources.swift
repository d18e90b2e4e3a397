import ArgumentParser
import Foundation
import IntegraPipeline

struct Sources: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List every input file version the project's warehouse holds: status, hash, row counts.",
        discussion: """
            current: used by the latest run; superseded: replaced by a changed file at the same path (its rows stay \
            in the warehouse); removed: no longer matched by the project's sources; copy: the same bytes as a current file \
            of the source, not read (its rows would count twice). Run numbers say when a version \
            was ingested and when it was replaced.
            """)

    @Argument(help: "The project file, e.g. pipelines/demo.yml.")
    var pipeline: String

    @Option(name: .shortAndLong, help: "The output folder the runs wrote to (default: out/<project id>/).")
    var out: String?

    func run() throws {
        var options = RunOptions()
        options.outputFolder = out.map { URL(fileURLWithPath: $0, isDirectory: true) }
        let listing: [SourceListing]
        do {
            listing = try Pipeline.sources(projectFile: URL(fileURLWithPath: pipeline), displayPath: pipeline, options: options)
        } catch let error as DefinitionError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(64)
        }
        let width = max(30, listing.map(\.path.count).max() ?? 0)
        print("path".padding(toLength: width, withPad: " ", startingAt: 0) + "  source                  status      run  sha256        bytes    read  loaded  rejected  blank")
        for l in listing {
            var line = l.path.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
            line += l.sourceID.padding(toLength: 22, withPad: " ", startingAt: 0) + "  "
            line += l.status.padding(toLength: 10, withPad: " ", startingAt: 0)
            let runs = "\(l.ingestedRun)" + (l.supersededRun.map { "–\($0)" } ?? "")
            line += String(repeating: " ", count: max(1, 5 - runs.count)) + runs + "  " + l.sha256.prefix(12) + " "
            line += String(format: "%8d", l.size)
            if let r = l.rows {
                line += String(format: "  %6d  %6d  %8d  %5d", r.read, r.loaded, r.rejected, r.blank)
            }
            if let original = l.copyOf { line += "  copy of \(original), not read" }
            print(line)
        }
    }
}
