import Foundation
import IntegraCore
import IntegraIngest
import IntegraWarehouse

/// The files a run reads: the current stored version of each file the sources' globs match, and how the run found
/// them. Ingest's output, normalise's input.
struct IngestedFiles: StageOutput {
    /// The current file of each match, in project order (sources) and path order (files).
    var files: [(source: SourceDefinition, file: StoredFile)] = []
    var counts = IngestCounts()
    /// Files that could not be read at all, and unmatched globs (the run's collector gets them too).
    var diagnostics: [DiagnosticRecord] = []
    var failedFiles = 0
    /// What happened to each file this run, for the summary: path → new / unchanged / superseded / removed.
    var events: [(path: String, event: String)] = []

    var handled: (count: Int?, unit: String) { (files.count, "files") }
}

/// Ingest: finds each source's files, and stores in the warehouse every file whose content it has not seen,
/// with every non-blank row as read. Idempotent: a file already ingested (same source, content and reading
/// options, whatever its name) is not read again; a changed file supersedes the version at its path; a file no
/// longer matched is marked removed.
struct IngestStage: PipelineStage {
    static let stage = RunStage.ingest

    let project: ProjectDefinition
    /// The folder `files:` globs are relative to (the project file's folder).
    let base: URL
    let warehouse: Warehouse
    let run: Int
    /// Told the number of files handled so far after each one (progress on a terminal).
    var onFile: (Int) -> Void = { _ in }
    /// Threads reading files ahead of the writer (what is stored does not depend on it).
    var readers = ProcessInfo.processInfo.activeProcessorCount

    /// Ingests the files of `sources` (the project's, in project order).
    func ingest(_ sources: [SourceDefinition]) throws -> IngestedFiles {
        var out = IngestedFiles()
        var seen = Set<Int>()
        var handled = 0
        var matches = sources.map { (source: $0, paths: FileFinder.find($0.files, in: base)) }
        // A file two sources' globs match is read by the first only; the second is told (issue 17 item 14), rather
        // than the warehouse refusing the second copy of the path with a raw constraint error.
        var owner: [String: String] = [:]
        for i in matches.indices {
            let source = matches[i].source
            matches[i].paths = matches[i].paths.filter { path in
                guard let first = owner[path] else {
                    owner[path] = source.id
                    return true
                }
                out.failedFiles += 1
                out.diagnostics.append(
                    DiagnosticRecord(
                        fileID: nil, rawRowID: nil,
                        diagnostic: Diagnostic(
                            .error, .fileInTwoSources,
                            "the files: of sources \(first) and \(source.id) both match this file; it is read as \(first) only — narrow the files: pattern of one of them so that each file belongs to one source",
                            at: SourceLocation(file: path))))
                return false
            }
        }
        // The other cores read, hash and parse the files ahead of this thread, which alone writes the warehouse,
        // file after file in this order as before.
        let ahead = ReadAhead(
            jobs: matches.flatMap { m in
                m.paths.map { ReadAhead.Job(source: m.source, url: FileFinder.url(for: $0, in: base)) }
            },
            stored: try warehouse.storedVersionKeys(), workers: readers)
        defer { ahead.stop() }
        for (source, paths) in matches {
            if paths.isEmpty && !source.optional {
                // Every figure of the source would be 0 without a word: the run fails instead.
                out.failedFiles += 1
                out.diagnostics.append(
                    DiagnosticRecord(
                        fileID: nil, rawRowID: nil,
                        diagnostic: Diagnostic(
                            .error, .noFilesMatched,
                            "source \(source.id): no file matches \(source.files.joined(separator: ", ")) (relative to the project file's folder); correct files:, or add optional: true to the source if it may have no files yet",
                            at: SourceLocation(file: project.file))))
            }
            for path in paths {
                if let file = try ingestFile(path, source: source, read: ahead.next(), seen: seen, into: &out) {
                    seen.insert(file.id)
                    out.files.append((source, file))
                }
                handled += 1
                onFile(handled)
            }
        }
        let known = Set(sources.map(\.id))
        for file in try warehouse.currentFiles() where !seen.contains(file.id) {
            // Still on disk but unreadable this run: keep the version, it is simply not used.
            if known.contains(file.sourceID), out.events.contains(where: { $0.path == file.path && $0.event == "unreadable" }) {
                continue
            }
            try warehouse.retire(fileID: file.id, as: .removed, run: run)
            out.counts.removed += 1
            out.events.append((file.path, "removed"))
        }
        return out
    }

    /// Stores the file if its content is new; returns its current stored version, or nil if it cannot be read.
    private func ingestFile(
        _ path: String, source: SourceDefinition, read ahead: ReadAhead.File, seen: Set<Int>, into out: inout IngestedFiles
    ) throws -> StoredFile? {
        let content: (sha256: String, size: Int)
        do {
            content = try ahead.content.get()
        } catch let error as IngestError {
            fail(path, error.code, error.message, into: &out)
            return nil
        } catch {
            fail(path, .unreadableFile, "cannot read the file: \(error.localizedDescription)", into: &out)
            return nil
        }
        let sha = content.sha256
        let options = Self.readOptions(source)
        if let stored = try warehouse.storedFile(sourceID: source.id, sha256: sha, readOptions: options) {
            // A copy of a file this run already took (same bytes, another name): its rows would count twice.
            if seen.contains(stored.id), let index = out.files.firstIndex(where: { $0.file.id == stored.id }) {
                let first = out.files[index]
                if Self.isCopy(first.file.path, of: path) && !Self.isCopy(path, of: first.file.path) {
                    try takeOriginal(path, from: index, of: source, into: &out)
                    return nil
                }
                out.diagnostics.append(
                    DiagnosticRecord(
                        fileID: nil, rawRowID: nil,
                        diagnostic: Diagnostic(
                            .warning, .duplicateFile, Self.sameBytes(asRead: first.file.path),
                            at: SourceLocation(file: path), polish: Self.sameBytesPolish(asRead: first.file.path))))
                out.events.append((path, "duplicate"))
                return nil
            }
            if stored.status == .current {
                if stored.path != path {
                    try retireCurrent(at: path, of: source, except: stored.id, into: &out)
                    try warehouse.rename(fileID: stored.id, to: path)
                }
                out.counts.unchanged += 1
                out.events.append((path, "unchanged"))
            } else {
                // Content seen before (e.g. a file restored from an earlier version): reinstate it.
                try retireCurrent(at: path, of: source, except: stored.id, into: &out)
                try warehouse.reinstate(fileID: stored.id, path: path)
                out.counts.new += 1
                out.events.append((path, "reinstated"))
            }
            var file = stored
            file.path = path
            file.status = .current
            return file
        }
        let read: ReadAhead.Tables
        do {
            read = try ahead.parsed(source).get()
        } catch {
            fail(path, (error as? IngestError)?.code ?? .unreadableFile, "\((error as? IngestError)?.message ?? "\(error)")", into: &out)
            return nil
        }
        try retireCurrent(at: path, of: source, except: nil, into: &out)
        var new = NewSourceFile(
            sourceID: source.id, partnerID: source.partner, kind: source.kind, activityID: source.activity,
            path: path, sha256: sha, size: content.size, readOptions: options, encoding: read.encoding)
        new.readWarnings = read.warnings
        let file = try warehouse.store(new, sheets: read.sheets, run: run)
        out.counts.new += 1
        out.events.append((path, "new"))
        return file
    }

    /// The file read first under a copy's name (`lista (kopia).csv` sorts before `lista.csv`) has the same bytes
    /// as `path`, its original: the stored file takes the original's name, which row references keep, and the copy
    /// is reported as the copy.
    private func takeOriginal(
        _ path: String, from index: Int, of source: SourceDefinition, into out: inout IngestedFiles
    ) throws {
        let copy = out.files[index].file.path
        let id = out.files[index].file.id
        try retireCurrent(at: path, of: source, except: id, into: &out)
        try warehouse.rename(fileID: id, to: path)
        out.files[index].file.path = path
        if let event = out.events.lastIndex(where: { $0.path == copy && $0.event != "superseded" }) {
            out.events[event].path = path
        }
        // Copies reported before (a third file with the same bytes) named the copy as the file read: now the
        // original is.
        for i in out.diagnostics.indices
        where out.diagnostics[i].diagnostic.code == .duplicateFile
            && out.diagnostics[i].diagnostic.message == Self.sameBytes(asRead: copy)
        {
            out.diagnostics[i].diagnostic.message = Self.sameBytes(asRead: path)
            out.diagnostics[i].diagnostic.polish = Self.sameBytesPolish(asRead: path)
        }
        out.diagnostics.append(
            DiagnosticRecord(
                fileID: nil, rawRowID: nil,
                diagnostic: Diagnostic(
                    .warning, .duplicateFile,
                    "a copy of \(path) (the same bytes), which is read; this copy is not — delete it",
                    at: SourceLocation(file: copy),
                    polish: "kopia pliku \(path) (te same bajty), który jest wczytany; ta kopia nie jest — usuń ją")))
        out.events.append((copy, "duplicate"))
    }

    /// The warning on a file with the same bytes as the file `read`.
    static func sameBytes(asRead read: String) -> String {
        "the same bytes as \(read), which is read; this copy is not — delete one of the two"
    }

    static func sameBytesPolish(asRead read: String) -> String {
        "te same bajty co plik \(read), który jest wczytany; ta kopia nie jest — usuń jeden z nich"
    }

    /// Whether the file name of `copy` is that of `original` with a copy mark: `lista (kopia).csv`,
    /// `lista - Kopia.csv`, `Kopia lista.csv`, `Copy of lista.csv`, `lista (1).csv`, `lista copy 2.csv`…
    static func isCopy(_ copy: String, of original: String) -> Bool {
        func stem(_ path: String) -> String {
            let name = String(path.split(separator: "/").last ?? "")
            let dot = name.lastIndex(of: ".").map { name[..<$0] } ?? name[...]
            return dot.lowercased().trimmingCharacters(in: .whitespaces)
        }
        let copyStem = stem(copy)
        let originalStem = stem(original)
        guard copyStem != originalStem else { return false }
        let marks = [
            #"\s*[-–—_]?\s*[(\[]?\s*(kopia|copy|kopie|копия|копія)(\s*\(?\d+\)?)?\s*[)\]]?$"#,
            #"\s*[(\[]\d+[)\]]$"#,
            #"^(kopia pliku|kopia|copy of|copie de|kopie von)\s+"#,
        ]
        var stripped = copyStem
        for mark in marks {
            if let range = stripped.range(of: mark, options: .regularExpression) {
                stripped.removeSubrange(range)
                if stripped.trimmingCharacters(in: .whitespaces) == originalStem { return true }
            }
        }
        return false
    }

    private func retireCurrent(at path: String, of source: SourceDefinition, except id: Int?, into out: inout IngestedFiles) throws {
        guard let current = try warehouse.currentFile(sourceID: source.id, path: path), current.id != id else { return }
        try warehouse.retire(fileID: current.id, as: .superseded, run: run)
        out.counts.superseded += 1
        out.events.append((path, "superseded"))
    }

    private func fail(_ path: String, _ code: DiagnosticCode, _ message: String, into out: inout IngestedFiles) {
        out.failedFiles += 1
        out.events.append((path, "unreadable"))
        out.diagnostics.append(
            DiagnosticRecord(fileID: nil, rawRowID: nil, diagnostic: Diagnostic(.error, code, message, at: SourceLocation(file: path))))
    }

    /// The options that shape the rows read from a file; another value means another ingest of the same bytes.
    /// (Sheet choice is not one: every sheet is stored, and the choice applied when normalising.)
    /// The version of what the readers make of a file's bytes: raise it when the CSV or XLSX reader reads the same
    /// bytes otherwise (a new check on damaged rows, another encoding rule), so that files stored by an older Integra
    /// are read again rather than reused as they were stored.
    static let readerVersion = 2

    static func readOptions(_ source: SourceDefinition) -> String {
        var parts: [String] = ["reader=\(readerVersion)"]
        if let e = source.encoding { parts.append("encoding=\(e)") }
        if let d = source.delimiter { parts.append("delimiter=\(d == "\t" ? "tab" : String(d))") }
        return parts.joined(separator: ";")
    }
}

extension IngestStage {
    /// Ingests the sources' files as the run's `run`, closes the run's ingest in the warehouse and reports the
    /// unreadable files to the run's diagnostics.
    func run(_ sources: [SourceDefinition], in context: inout StageContext) throws -> IngestedFiles {
        var stage = self
        let clock = context.clock
        stage.onFile = { clock.progress(done: $0, total: nil, unit: "files") }
        let ingested = try stage.ingest(sources)
        try context.warehouse.finishRun(context.run, counts: ingested.counts)
        context.diagnostics.add(ingested.diagnostics)
        context.diagnostics.orderFiles(ingested.files.map(\.file.id))
        return ingested
    }
}
