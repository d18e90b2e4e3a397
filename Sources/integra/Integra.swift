import ArgumentParser
import Foundation
import IntegraCore
import IntegraPipeline

@main
struct Integra: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "integra",
        abstract: "Partner spreadsheets of integration projects for foreigners → funder reports, dashboard, audit trail.",
        discussion: """
            Integra reads the attendance sheets, course rolls and consultation logs that project partners keep \
            (CSV in any Polish or Cyrillic encoding, XLSX), counts each person once across partners, computes the \
            indicators defined in sql/indicators/ and writes the reports defined in reports/ as XLSX and CSV, an \
            offline dashboard.html and a run.json manifest with the hash of every input and output.

            Exit codes: 0 success (rejected rows are reported, not fatal), 1 a file could not be read or the run \
            failed, 64 a bad project file or bad arguments, 75 another run holds the output folder or the warehouse \
            (nothing was changed; run again once it has finished).
            """,
        version: integraVersion,
        subcommands: [Run.self, Explain.self, Verify.self, Freeze.self, Sources.self, Synth.self, Inspect.self, Link.self]
    )

    /// Every command's error told as advice where there is one (a full disk, a read-only folder, a damaged
    /// warehouse or run.json: code, problem, what to do), in the language `--lang` asks for; other errors as
    /// ArgumentParser prints them. Control characters in either are shown, not obeyed (issue 17 item 14).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if let advice = ErrorAdvice(error) {
                FileHandle.standardError.write(Data((advice.rendered(english: Self.english) + "\n").utf8))
                Foundation.exit(1)
            }
            // An error naming a file with an escape code in its name: shown, not obeyed.
            let text = "\(error)"
            if !(error is ExitCode), TerminalText.sanitized(text) != text {
                FileHandle.standardError.write(Data(("Error: " + TerminalText.sanitized(text) + "\n").utf8))
                Foundation.exit(1)
            }
            exit(withError: error)
        }
    }

    /// `--lang en` on the command line.
    static var english: Bool {
        let arguments = CommandLine.arguments
        if arguments.contains("--lang=en") { return true }
        guard let i = arguments.firstIndex(of: "--lang"), i + 1 < arguments.count else { return false }
        return arguments[i + 1] == "en"
    }
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a project end to end: ingest, link, load, indicators, reports, dashboard, manifest.",
        discussion: """
            Writes into the output folder: reports/<report>.xlsx and one CSV per report sheet, diagnostics.csv \
            (every rejected row and warning with file, sheet, row, column and code), dashboard.html, \
            warehouse.sqlite and run.json. Prints rows read/loaded/rejected per file, persons, and each indicator's \
            cumulative value. Cell values never reach the terminal unless --show-values is given.
            """)

    @Argument(help: "The project file, e.g. pipelines/demo.yml.")
    var pipeline: String

    @Option(name: .shortAndLong, help: "Output folder (default: out/<project id>/).")
    var out: String?

    @Option(help: "Report language: pl or en.")
    var lang: String = "pl"

    @Option(
        help: "CSV dialect of report tables, indicators-long.csv, diagnostics.csv and rejected_rows.csv: excel-pl (UTF-8 BOM, semicolon, decimal comma; opens into columns in Polish Excel) or rfc4180 (UTF-8, comma, decimal point; for other programs).")
    var csv: String = "excel-pl"

    @Option(help: """
        Reporting period: a quarter (2023Q2), month (2023-05), year (2023), project, or a range \
        (2023-03-15..2023-06-30). Reports show the periods up to its end and the cumulative value to its end; \
        default: the whole project.
        """)
    var period: String?

    @Flag(help: "Fail (exit 1) on any rejected row or warning.")
    var strict = false

    @Flag(help: "Print the offending cell value with each diagnostic (personal data: only on your own screen).")
    var showValues = false

    @Option(help: "Diagnostics printed in full; the rest are counted (all are in diagnostics.csv).")
    var maxDiagnostics: Int = 20

    @Flag(help: "Print each stage's wall time to stderr at the end (also INTEGRA_TIMINGS=1).")
    var timings = false

    @Flag(help: "No progress line, even on a terminal.")
    var quiet = false

    func validate() throws {
        guard ["pl", "en"].contains(lang) else { throw ValidationError("--lang takes pl or en") }
        guard ["rfc4180", "excel-pl"].contains(csv) else { throw ValidationError("--csv takes rfc4180 or excel-pl") }
    }

    func run() throws {
        var options = RunOptions()
        options.outputFolder = out.map { URL(fileURLWithPath: $0, isDirectory: true) }
        options.language = ReportLanguage(rawValue: lang) ?? .pl
        options.csv = CSVStyle(rawValue: csv) ?? .excelPL
        options.period = period
        // Progress only when someone watches: stdout and stderr on a terminal.
        let reporter = StageReporter(
            live: !quiet && isatty(STDOUT_FILENO) == 1 && isatty(STDERR_FILENO) == 1,
            timings: timings || ProcessInfo.processInfo.environment["INTEGRA_TIMINGS"] == "1")
        options.observer = reporter
        defer { reporter.report() }
        let summary: RunSummary
        do {
            summary = try Pipeline.run(
                projectFile: URL(fileURLWithPath: pipeline), displayPath: pipeline, options: options)
        } catch let error as DefinitionError {
            FileHandle.standardError.write(Data((TerminalText.sanitized("error: \(error)") + "\n").utf8))
            throw ExitCode(64)
        } catch let error as RunLockError {
            // EX_TEMPFAIL: nothing was changed, the same command succeeds once the other run has finished.
            FileHandle.standardError.write(Data("\(error.english ? "error" : "błąd"): \(error)\n".utf8))
            throw ExitCode(75)
        } catch {
            if let advice = ErrorAdvice(error) {
                FileHandle.standardError.write(Data((advice.rendered(english: options.language == .en) + "\n").utf8))
            } else {
                FileHandle.standardError.write(Data((TerminalText.sanitized("error: \(error)") + "\n").utf8))
            }
            throw ExitCode.failure
        }
        print(SummaryPrinter.render(summary, showValues: showValues, maxDiagnostics: maxDiagnostics))
        if summary.failedFiles > 0 || (strict && !summary.diagnostics.isEmpty) { throw ExitCode.failure }
    }
}
