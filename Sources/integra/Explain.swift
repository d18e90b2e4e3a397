import ArgumentParser
import Foundation
import IntegraCore
import IntegraPipeline
import IntegraReports

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain how a result was reached: a figure (integra explain INDICATOR) or a person (integra explain person ID).",
        subcommands: [ExplainIndicator.self, ExplainPerson.self], defaultSubcommand: ExplainIndicator.self)
}

struct ExplainIndicator: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicator",
        abstract: "List the persons (or consultations) behind a figure, with the source file, sheet and row that qualified each.",
        discussion: """
            Example: integra explain persons_supported --period 2023Q2 --where sex=K. Reads the warehouse of the \
            latest run; the listed units add up to the figure the run reported. Person ids are pseudonymous; names \
            only with --show-names.
            """)

    @Argument(help: "The indicator code, e.g. persons_supported (see sql/indicators/).")
    var indicator: String

    @Option(help: "The period: 2023Q2, 2023-05, 2023, project (default) or 2023-03-15..2023-06-30.")
    var period: String?

    @Flag(help: "Cumulative: from the project's start to the period's end (default: within the period).")
    var cumulative = false

    @Option(name: .customLong("where"), help: "A breakdown category, e.g. sex=K, citizenship=UKR, partner=nadija, age_band=18–29; several joined by commas: partner=przystan,task=1,budget_line=1.1.")
    var filter: String?

    @Option(help: "The project file (default: the only project in pipelines/).")
    var pipeline: String?

    @Option(name: .shortAndLong, help: "The output folder the run wrote to (default: out/<project id>/).")
    var out: String?

    @Option(help: "Also write the rows to this CSV file (for Polish Excel: UTF-8 with BOM, semicolons, decimal comma).")
    var csv: String?

    @Option(help: "Also write the rows to this XLSX file.")
    var xlsx: String?

    @Flag(help: "Also print names (personal data: only on your own screen and files).")
    var showNames = false

    @Option(help: "Language of the text and the CSV/XLSX headings: pl or en.")
    var lang: String = "pl"

    func run() throws {
        let project = try ProjectLocator.locate(pipeline)
        var options = RunOptions()
        options.outputFolder = out.map { URL(fileURLWithPath: $0, isDirectory: true) }
        options.language = try ExplainLanguage.parse(lang)
        do {
            let explanation = try Pipeline.explainIndicator(
                indicator, period: period, cumulative: cumulative, filter: filter, projectFile: URL(fileURLWithPath: project),
                displayPath: project, options: options, showNames: showNames)
            print(explanation.text())
            let document = explanation.document()
            if let csv {
                // For people, like a run's CSVs. With names, the file is personal data: owner-only from its first byte.
                try ReportDocument.writeCSV(
                    document.sheets[0], to: URL(fileURLWithPath: csv), dialect: .excelPL, ownerOnly: showNames)
            }
            if let xlsx {
                try document.writeXLSX(to: URL(fileURLWithPath: xlsx), ownerOnly: showNames)
            }
        } catch let error as DefinitionError {
            FileHandle.standardError.write(Data("\(options.language == .en ? "error" : "błąd"): \(error)\n".utf8))
            throw ExitCode(64)
        }
    }
}

struct ExplainPerson: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person",
        abstract: "Show a person's records (file, sheet, row) and why they were joined: each link's probability and fields.",
        discussion: """
            Reads the warehouse of the latest run. Person ids are pseudonymous (P000012); names and birth dates are \
            printed only with --show-names. Pairs in the uncertain band are listed too: decide them in the \
            decisions file beside the project file.
            """)

    @Argument(help: "The person id, e.g. P000012.")
    var id: String

    @Option(help: "The project file (default: the only project in pipelines/).")
    var pipeline: String?

    @Option(name: .shortAndLong, help: "The output folder the run wrote to (default: out/<project id>/).")
    var out: String?

    @Flag(help: "Also print names and birth dates (personal data: only on your own screen).")
    var showNames = false

    @Option(help: "Language of the text: pl or en.")
    var lang: String = "pl"

    func run() throws {
        let project = try ProjectLocator.locate(pipeline)
        var options = RunOptions()
        options.outputFolder = out.map { URL(fileURLWithPath: $0, isDirectory: true) }
        options.language = try ExplainLanguage.parse(lang)
        do {
            print(try Pipeline.explainPerson(id, projectFile: URL(fileURLWithPath: project), displayPath: project, options: options, showNames: showNames))
        } catch let error as DefinitionError {
            FileHandle.standardError.write(Data("\(options.language == .en ? "error" : "błąd"): \(error)\n".utf8))
            throw ExitCode(64)
        }
    }
}

/// `--lang` of the explain commands: Polish unless asked otherwise, as `integra run`.
enum ExplainLanguage {
    static func parse(_ lang: String) throws -> ReportLanguage {
        guard let language = ReportLanguage(rawValue: lang) else { throw ValidationError("--lang takes pl or en") }
        return language
    }
}

/// Finds the project file when a command is not given one: the only `pipelines/*.yml` that is a project.
enum ProjectLocator {
    static func locate(_ given: String?) throws -> String {
        if let given { return given }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "pipelines")) ?? []
        let projects = names.filter { $0.hasSuffix(".yml") && !$0.hasSuffix(".decisions.yml") && $0 != "vocabulary.yml" }.sorted()
        guard projects.count == 1 else {
            throw ValidationError(
                projects.isEmpty ? "no project file in pipelines/: give --pipeline FILE" : "several projects in pipelines/ (\(projects.joined(separator: ", "))): give --pipeline FILE")
        }
        return "pipelines/\(projects[0])"
    }
}
