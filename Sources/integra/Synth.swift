import ArgumentParser
import Foundation
import IntegraSynth

struct Synth: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate a synthetic project: partner files in their real formats, a project file and the true figures.",
        discussion: """
            Writes <dir>/<name>.yml, partner files under <dir>/<name>/ and <dir>/<name>/truth.json: the figures a \
            correct run must produce. All names, PESELs and dates are made up from a seeded generator: the same \
            seed gives the same bytes.
            """)

    @Option(help: "Folder to write the project into.")
    var dir: String = "pipelines"

    @Option(help: "Project name (file and folder name).")
    var name: String = "demo"

    @Option(help: "Seed of the random generator.")
    var seed: UInt64 = 2023

    func run() throws {
        let written = try DemoGenerator(seed: seed).write(into: URL(fileURLWithPath: dir, isDirectory: true), name: name)
        for path in written { print(path) }
    }
}
