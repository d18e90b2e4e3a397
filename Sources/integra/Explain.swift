import ArgumentParser
import Foundation
import IntegraPipeline

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain how a result was reached.",
        subcommands: [ExplainPerson.self])
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

    func run() throws {
        let project = try ProjectLocator.locate(pipeline)
        var options = RunOptions()
        options.outputFolder = out.map { URL(fileURLWithPath: $0, isDirectory: true) }
        do {
            print(try Pipeline.explainPerson(id, projectFile: URL(fileURLWithPath: project), displayPath: project, options: options, showNames: showNames))
        } catch let error as DefinitionError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(64)
        }
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
