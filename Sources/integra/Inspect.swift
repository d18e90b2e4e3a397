import ArgumentParser
import Foundation
import IntegraCore
import IntegraPipeline

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read a new partner file and propose the sources: item that maps it.",
        discussion: """
            Prints the file's encoding and delimiter (CSV) or sheets (XLSX), the header row found under any title \
            block, each column with the field proposed for it and the evidence (the header word from \
            pipelines/vocabulary.yml, and shares of valid PESELs, dates, sexes, countries, CEFR levels or attendance \
            marks among its values), and a sources: item to paste into the project file. Cell values are never \
            printed unless --show-values is given.

            Exit codes: 0 inspected, 1 the file cannot be read, 64 bad arguments or vocabulary file.
            """)

    @Argument(help: "The partner file: .csv (any encoding Integra reads) or .xlsx.")
    var file: String

    @Option(help: "The sheet to build the proposal from (default: the first visible sheet).")
    var sheet: String?

    @Flag(help: "Print up to three values per column (personal data: only on your own screen).")
    var showValues = false

    func run() throws {
        let url = URL(fileURLWithPath: file)
        do {
            let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
            let root =
                try (try? DefinitionsRoot.find(from: cwd))
                ?? DefinitionsRoot.find(from: url.deletingLastPathComponent())
            let vocabulary = try HeaderVocabulary.load(root: root)
            let inspection = try FileInspector.inspect(
                url: url, displayPath: file, sheet: sheet, vocabulary: vocabulary)
            // Sheet names, headers and the file name are the partner's: control characters are shown, not obeyed.
            let report = InspectionReport.render(inspection, showValues: showValues)
            print(report.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.sanitized(String($0)) }
                .joined(separator: "\n"), terminator: "")
        } catch let error as DefinitionError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(64)
        } catch let error as InspectError {
            FileHandle.standardError.write(Data((TerminalText.sanitized("\(file): \(error)") + "\n").utf8))
            throw error.isUsage ? ExitCode(64) : ExitCode.failure
        } catch {
            FileHandle.standardError.write(Data((TerminalText.sanitized("\(file): \(error)") + "\n").utf8))
            throw ExitCode.failure
        }
    }
}
