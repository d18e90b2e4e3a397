import Foundation
import IntegraCore
import IntegraTesting

@testable import IntegraPipeline

/// A copy of the demo project in a temporary folder, whose files a test may change, run and list.
struct DemoCopy {
    static let root = TestSupport.repositoryRoot
    let dir: URL
    /// The project file, relative to `dir`.
    var projectFile = "demo.yml"

    init(_ name: String) throws {
        dir = try TestSupport.makeTemporaryDirectory(name)
        try FileManager.default.copyItem(
            at: Self.root.appendingPathComponent("pipelines/demo.yml"), to: dir.appendingPathComponent("demo.yml"))
        try FileManager.default.copyItem(
            at: Self.root.appendingPathComponent("pipelines/demo"), to: dir.appendingPathComponent("demo"))
    }

    func remove() { try? FileManager.default.removeItem(at: dir) }

    func url(_ path: String) -> URL { dir.appendingPathComponent(path) }

    func options(_ out: String) -> RunOptions {
        var options = RunOptions()
        options.outputFolder = dir.appendingPathComponent(out)
        options.definitionsRoot = Self.root
        return options
    }

    func run(out: String = "out") throws -> RunSummary {
        try Pipeline.run(projectFile: url(projectFile), displayPath: projectFile, options: options(out))
    }

    func sources(out: String = "out") throws -> [SourceListing] {
        try Pipeline.sources(projectFile: url(projectFile), options: options(out))
    }

    func text(_ path: String) throws -> String { try String(contentsOf: url(path), encoding: .utf8) }

    func write(_ text: String, to path: String) throws { try Data(text.utf8).write(to: url(path)) }

    /// The lines of a text file, whatever its line ends (the last, empty, left out).
    func lines(_ path: String) throws -> [String] {
        var lines = try text(path).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

extension RunSummary {
    /// Every figure as `indicator|period|scope|breakdown|category=value`.
    var figureLines: [String] {
        figures.map { "\($0.indicator)|\($0.period)|\($0.scope)|\($0.breakdown)|\($0.category)=\($0.value)" }
    }

    func file(_ path: String) -> SourceFileRecord? { files.first { $0.path == path } }

    func diagnostics(_ code: DiagnosticCode) -> [Diagnostic] { diagnostics.filter { $0.code == code } }
}
