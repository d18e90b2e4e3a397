import ArgumentParser
import Foundation
import IntegraSynth

struct Synth: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Generate a synthetic project: partner files in their real formats, a project file and the true figures.",
        discussion: """
            Writes <dir>/<name>.yml, partner files under <dir>/<name>/ and <dir>/<name>/truth.json: the figures a \
            correct run must produce. All names, PESELs and dates are made up from a seeded generator: the same \
            seed gives the same bytes.

            With --fixtures, writes the test fixture corpus instead into <dir> (default Tests/Fixtures): one small \
            partner file per edge case, good and broken, project.yml with a source per file, expected.json with \
            each file's expected row accounting and diagnostics, and README.md.
            """)

    @Option(help: "Folder to write into (default: pipelines, or Tests/Fixtures with --fixtures).")
    var dir: String?

    @Option(help: "Project name (file and folder name).")
    var name: String = "demo"

    @Option(help: "Seed of the random generator.")
    var seed: UInt64 = 2023

    @Flag(help: "Write the fixture corpus (partner files with their expected outcomes) instead of the demo.")
    var fixtures = false

    func run() throws {
        let written: [String]
        if fixtures {
            written = try FixtureCorpus().write(into: URL(fileURLWithPath: dir ?? "Tests/Fixtures", isDirectory: true))
        } else {
            written = try DemoGenerator(seed: seed).write(
                into: URL(fileURLWithPath: dir ?? "pipelines", isDirectory: true), name: name)
        }
        for path in written { print(path) }
    }
}
