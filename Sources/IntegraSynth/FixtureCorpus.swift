import Foundation
import IntegraCore
import IntegraReports

/// Writes the fixture corpus: partner files as partners really write them, good and broken, one project file with
/// a source per file, `expected.json` with the outcome a correct run must report for each file, and a README.
///
/// Every file is small (3–15 data rows) and made up. The generator knows which rows it broke and how, so the
/// expected row accounting and diagnostics are computed while the files are written, never copied from a run.
/// Deterministic: no clock, and the few random choices come from a seeded generator.
///
/// ```swift
/// let written = try FixtureCorpus().write(into: URL(fileURLWithPath: "Tests/Fixtures"))
/// // ["przystan/lista-PL-A1.csv", …, "project.yml", "expected.json", "README.md"]
/// ```
public struct FixtureCorpus {
    public init() {}

    /// Writes the corpus into `folder` (created if needed); returns the paths written, relative to `folder`.
    public func write(into folder: URL) throws -> [String] {
        let build = FixtureBuild(folder: folder)
        try build.rolls()
        try build.attendance()
        try build.consultations()
        try build.brokenFiles()
        try build.groupsOutsideTheTable()
        try build.finish()
        return build.written
    }
}

/// The state of one corpus being written: files so far, their sources and expectations, and who is on each roll.
final class FixtureBuild {
    static let projectID = "fixtures"
    static let periodStart = LocalDate(year: 2023, month: 1, day: 1)!
    static let periodEnd = LocalDate(year: 2023, month: 12, day: 31)!

    let folder: URL
    var rng = SeededGenerator(seed: 1147)
    var usedNames = Set<String>()
    private(set) var written: [String] = []
    var sources: [FixtureSource] = []
    var expectations: [FixtureExpectation] = []
    /// Group → the persons its roll loads, with the name as the roll writes it (first, last).
    var rosters: [String: [(person: FixturePerson, first: String, last: String)]] = [:]

    init(folder: URL) { self.folder = folder }

    // MARK: Files

    func save(_ data: Data, to path: String) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        written.append(path)
    }

    /// Registers a fixture file's source and finished expectation.
    func record(_ source: FixtureSource, _ ledger: FixtureLedger) {
        sources.append(source)
        expectations.append(ledger.finish())
    }

    /// CSV bytes in a dialect, and the line each row starts on (a quoted line break inside a field adds a line).
    func csv(
        _ rows: [[CSVField]], delimiter: Character, encoding: TextEncoding, decimalSeparator: Character = ","
    ) throws -> (data: Data, lines: [Int]) {
        let data = try CSVTableWriter(delimiter: delimiter, encoding: encoding, decimalSeparator: decimalSeparator).verbatim()
            .encode(rows)
        var lines: [Int] = []
        var line = 1
        for row in rows {
            lines.append(line)
            line += 1
            for case .text(let s) in row { line += s.filter { $0 == "\n" }.count }
        }
        return (data, lines)
    }

    /// Text as Excel's "Unicode text" writes it: UTF-16 little-endian with a byte-order mark.
    func utf16LE(_ text: String) -> Data {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        return Data(bytes)
    }

    /// A valid PESEL with its check digit changed: wrong checksum.
    func brokenChecksum(_ pesel: String) -> String {
        let last = Int(String(pesel.last!))!
        return String(pesel.dropLast()) + String((last + 1) % 10)
    }

    // MARK: Project file, expectations, README

    func finish() throws {
        try save(Data(projectFile().utf8), to: "project.yml")
        let failed = expectations.filter { $0.error != nil }.count
        try save(
            try FixtureExpectations(project: Self.projectID, failedFiles: failed, files: expectations).encoded(),
            to: "expected.json")
        try save(Data(readme().utf8), to: "README.md")
    }

    private func projectFile() -> String {
        """
        # Fixture project for Integra's tests — every person, number and organisation is made up.
        # Written by `integra synth --fixtures` (make fixtures); do not edit by hand. One source per fixture file;
        # expected.json says what a correct run reports for each, README.md which case each file exercises.
        version: 1

        project:
          id: \(Self.projectID)
          name: Korpus plików testowych
          funder: Fundusz Pracy
          programme: Razem Możemy Więcej
          agreement: RMW/2023/TEST
          period:
            start: \(Self.periodStart.iso)
            end: \(Self.periodEnd.iso)

        partners:
          - id: przystan
            name: Fundacja Przystań
            role: leader
          - id: nadija
            name: Stowarzyszenie Nadija
          - id: centrum
            name: Centrum Wsparcia Cudzoziemców

        activities:
          polish_course: { pl: Kurs języka polskiego, en: Polish language course }
          integration_workshop: { pl: Warsztaty integracyjne, en: Integration workshops }
          consultation: { pl: Punkt informacyjny — konsultacje, en: Information point — consultations }

        sources:
        \(sources.map(\.yaml).joined(separator: "\n\n"))

        participants:
          completion_threshold: 80%

        reports:
          - reports/generic-quarterly.yml

        """
    }

    private func readme() -> String {
        var lines = [
            "# Fixture corpus",
            "",
            "Partner files as partners really write them, good and broken, each with its expected outcome",
            "in `expected.json` (rows read / loaded / rejected / blank, the diagnostics with their rows, or",
            "the error of a file that cannot be read). Written by `integra synth --fixtures` (`make fixtures`);",
            "every name, PESEL and date is synthetic. `project.yml` has one source per file.",
            "`FixtureCorpusTests` runs the project and compares.",
            "",
            "| file | source | what it exercises |",
            "| --- | --- | --- |",
        ]
        for e in expectations { lines.append("| \(e.path) | \(e.source) | \(e.exercises) |") }
        return lines.joined(separator: "\n") + "\n"
    }
}
