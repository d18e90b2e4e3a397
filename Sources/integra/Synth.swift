import ArgumentParser
import Foundation
import IntegraSynth

struct Synth: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Generate a synthetic project: partner files in their real formats, a project file and the true figures.",
        discussion: """
            Writes <dir>/<name>.yml, partner files under <dir>/<name>/ and <dir>/<name>/truth.json: the figures a \
            correct run must produce. The partner files include expenditure ledgers in three accounting programs' \
            layouts and the grant budget; truth.json's "finance" gives the eligible sums to the grosz and every \
            seeded finance problem with its file and row. All names, PESELs and dates are made up from a seeded generator: the same \
            seed gives the same bytes.

            With --fixtures, writes the test fixture corpus instead into <dir> (default Tests/Fixtures): one small \
            partner file per edge case, good and broken, project.yml with a source per file, expected.json with \
            each file's expected row accounting and diagnostics, and README.md.

            With --program, writes a programme-scale project instead: --partners partners (default 50) with \
            course rolls, attendance workbooks and consultation logs each, --persons persons (default 100000) over \
            2024-2025, 40 % of them met only in consultation logs that give a name only. Its truth.json covers \
            quarters and years, totals and the partner, sex, age and citizenship breakdowns, and each file's rows; \
            truth-records.csv gives the true person of every identity record (record_key,person). Every partner \
            also has expenditure ledgers (about two rows a person) and the programme a budget, with their truth \
            under "finance". --conditions \
            chooses the conditions of real partner files it carries: all (default), none, or a list of name-only, \
            file-name-groups, attendance-variants, broken-rows, copies, optional-source, anonymous-marks, \
            phone-in-name, totals, no-citizenship, hours (durations as "0,75" hours), birth-year-in-name \
            ("Iryna Bondar (1988)"), yearless-dates (session dates "12.03" on month sheets), corrections (a re-sent register's \
            rows corrected), each may be removed \
            with a leading - (all,-file-name-groups).

            With --link-records N, writes <dir>/records.csv (N labelled person records, the input of `integra link`), \
            <dir>/truth.csv (record_id,person_id: the true person of each record) and <dir>/normalised.csv (the \
            records with dates, phones and codes already normalised, for other linkers) instead.
            """)

    @Option(
        name: [.customLong("dir"), .customLong("out")],
        help: "Folder to write into (default: pipelines, or Tests/Fixtures with --fixtures, or . with --link-records).")
    var dir: String?

    @Option(help: "Project name (file and folder name).")
    var name: String = "demo"

    @Option(help: "Seed of the random generator.")
    var seed: UInt64 = 2023

    @Flag(help: "Write the fixture corpus (partner files with their expected outcomes) instead of the demo.")
    var fixtures = false

    @Flag(help: "Write a programme-scale project (many partners, about 100 000 persons) instead of the demo.")
    var program = false

    @Option(help: "With --program: the number of partners.")
    var partners: Int = 50

    @Option(help: "With --program: the number of persons.")
    var persons: Int = 100_000

    @Option(help: "With --program: the conditions of real partner files (all, none, or a list; see above).")
    var conditions: String = "all"

    @Option(help: "Write this many labelled person records for `integra link` (records.csv, truth.csv) instead.")
    var linkRecords: Int?

    func run() throws {
        let written: [String]
        if let linkRecords {
            written = try PersonRecordGenerator(seed: seed).write(
                count: linkRecords, into: URL(fileURLWithPath: dir ?? ".", isDirectory: true))
        } else if program {
            guard partners >= 1, persons >= 1 else { throw ValidationError("--partners and --persons must be at least 1") }
            guard let chosen = ProgramGenerator.Conditions(parsing: conditions) else {
                throw ValidationError(
                    "--conditions: all, none or a comma-separated list of "
                        + ProgramGenerator.Conditions.names.map(\.0).joined(separator: ", "))
            }
            written = try ProgramGenerator(seed: seed, partners: partners, persons: persons, conditions: chosen).write(
                into: URL(fileURLWithPath: dir ?? "pipelines", isDirectory: true), name: name)
        } else if fixtures {
            written = try FixtureCorpus().write(into: URL(fileURLWithPath: dir ?? "Tests/Fixtures", isDirectory: true))
        } else {
            written = try DemoGenerator(seed: seed).write(
                into: URL(fileURLWithPath: dir ?? "pipelines", isDirectory: true), name: name)
        }
        for path in written { print(path) }
    }
}
