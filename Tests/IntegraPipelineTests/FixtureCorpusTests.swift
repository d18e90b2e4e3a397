import Foundation
import GRDB
import IntegraCore
import IntegraSynth
import IntegraTesting
import Testing

@testable import IntegraPipeline

/// The fixture corpus in `Tests/Fixtures/`: it is what the generator writes, and a run of its project reports, file
/// by file, exactly the row accounting, diagnostics, marks, participants and consultations `expected.json` says.
struct FixtureCorpusTests {
    /// `expected.json`, decoded independently of the generator's types.
    struct Expected: Decodable, Sendable {
        struct Diagnostic: Decodable, Hashable, Comparable, Sendable, CustomStringConvertible {
            var code: String
            var severity: String
            var sheet: String?
            var row: Int?

            static func < (a: Self, b: Self) -> Bool {
                (a.code, a.sheet ?? "", a.row ?? 0, a.severity) < (b.code, b.sheet ?? "", b.row ?? 0, b.severity)
            }

            var description: String {
                "\(severity)[\(code)]" + (sheet.map { " [\($0)]" } ?? "") + (row.map { ":\($0)" } ?? "")
            }
        }
        struct Marks: Decodable, Hashable, Sendable {
            var present: Int
            var absent: Int
            var excused: Int
        }
        struct Participant: Decodable, Hashable, Sendable {
            var firstName: String
            var lastName: String
            var birthDate: String?
            var startDate: String?
            var endDate: String?
            var sex: String?
            var citizenship: String?
            var pesel: String?
        }
        struct Consultations: Decodable, Hashable, Sendable {
            var named: Int
            var anonymous: Int
            var modes: [String]
            var languages: [String]
            var citizenships: [String]
        }
        struct File: Decodable, Sendable {
            var path: String
            var source: String
            var exercises: String
            var encoding: String?
            var read: Int
            var loaded: Int
            var rejected: Int
            var blank: Int
            var diagnostics: [Diagnostic]
            var error: String?
            var marks: Marks?
            var participants: [Participant]?
            var consultations: Consultations?
        }
        var project: String
        var failedFiles: Int
        var files: [File]
    }

    static let folder = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures")

    static let expected: Expected = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(
                Expected.self, from: Data(contentsOf: folder.appendingPathComponent("expected.json")))
        } catch {
            Issue.record("Tests/Fixtures/expected.json cannot be read (\(error)); run `make fixtures`")
            return Expected(project: "", failedFiles: 0, files: [])
        }
    }()

    /// Every fixture file.
    static let paths: [String] = expected.files.map(\.path)

    @Test func committedCorpusIsWhatTheGeneratorWrites() throws {
        let dir = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let written = try FixtureCorpus().write(into: dir)
        #expect(written.contains("project.yml") && written.contains("expected.json") && written.contains("README.md"))
        for path in written {
            let generated = try Data(contentsOf: dir.appendingPathComponent(path))
            let committed = try? Data(contentsOf: Self.folder.appendingPathComponent(path))
            #expect(generated == committed, "\(path) differs from Tests/Fixtures: run `make fixtures`")
        }
        // Nothing stale: the folder holds exactly what the generator writes.
        let enumerator = FileManager.default.enumerator(
            at: Self.folder, includingPropertiesForKeys: [.isRegularFileKey])
        var committed: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            if (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
                committed.append(Pipeline.relativePath(url, to: Self.folder))
            }
        }
        #expect(committed.sorted() == written.sorted())
    }

    @Test func corpusCoversEveryKindOfFileAndItsSmall() {
        let files = Self.expected.files
        #expect(files.count >= 18)
        for f in files where f.error == nil {
            #expect((3...15).contains(f.loaded + f.rejected), "\(f.path): 3 to 15 data rows")
        }
        #expect(Set(files.compactMap(\.encoding)) == ["windows-1250", "windows-1251", "utf-8", "utf-16le"])
        #expect(Self.expected.failedFiles == files.filter { $0.error != nil }.count)
    }

    @Test func theRunFailsOnlyTheBrokenFilesAndEveryDiagnosticIsExpected() throws {
        let run = try FixtureRun.shared.get()
        #expect(run.summary.failedFiles == Self.expected.failedFiles)
        let paths = Set(Self.expected.files.map(\.path))
        let stray = run.summary.diagnostics.filter { !paths.contains($0.location?.file ?? "") }
        #expect(stray.isEmpty, "diagnostics outside the fixture files: \(stray.map(\.description))")
    }

    @Test(arguments: paths)
    func eachFileHasItsExpectedOutcome(_ path: String) throws {
        try checkOutcome(of: path)
    }

    /// Compares one file's outcome in the shared run with `expected.json`.
    func checkOutcome(of path: String) throws {
        let run = try FixtureRun.shared.get()
        let e = try #require(Self.expected.files.first { $0.path == path })
        let actual = run.summary.diagnostics.filter { $0.location?.file == path }.map {
            Expected.Diagnostic(
                code: $0.code.rawValue, severity: $0.severity.rawValue, sheet: $0.location?.sheet, row: $0.location?.row
            )
        }.sorted()
        #expect(actual == e.diagnostics, "\(path): \(e.exercises)")

        let file = run.summary.files.first { $0.path == path }
        if e.error != nil {
            // Refused whole: never stored (ingest) or stored without a single data row (layout).
            if let file {
                let rows: [Int] = [file.rowsRead, file.rowsLoaded, file.rowsRejected, file.rowsBlank]
                #expect(rows == [0, 0, 0, 0], "\(path): a refused file has no rows")
            }
            return
        }
        let f = try #require(file, "\(path) was not read")
        let rows: [Int] = [f.rowsRead, f.rowsLoaded, f.rowsRejected, f.rowsBlank]
        #expect(rows == [e.read, e.loaded, e.rejected, e.blank], "\(path): read, loaded, rejected, blank")
        if let encoding = e.encoding { #expect(f.encoding == encoding, "\(path): encoding") }
        if let marks = e.marks {
            let stored = run.marks[path] ?? Expected.Marks(present: 0, absent: 0, excused: 0)
            #expect(stored == marks, "\(path): attendance marks stored")
        }
        if let participants = e.participants {
            let got = (run.participants[path] ?? []).sorted {
                ($0.lastName, $0.firstName) < ($1.lastName, $1.firstName)
            }
            let want = participants.sorted { ($0.lastName, $0.firstName) < ($1.lastName, $1.firstName) }
            #expect(got == want, "\(path): participant records")
        }
        if let consultations = e.consultations {
            #expect(run.consultations[path] == consultations, "\(path): consultations")
        }
    }
}

/// One run of the fixture project, shared by the tests, with what they read back from its warehouse.
struct FixtureRun: Sendable {
    var summary: RunSummary
    var marks: [String: FixtureCorpusTests.Expected.Marks]
    var participants: [String: [FixtureCorpusTests.Expected.Participant]]
    var consultations: [String: FixtureCorpusTests.Expected.Consultations]

    /// Run once: the pipeline is deterministic, so one run serves every test and keeps the suite fast.
    static let shared: Result<FixtureRun, any Error> = Result { try FixtureRun.make() }

    static func make() throws -> FixtureRun {
        let out = try TestSupport.makeTemporaryDirectory("integra-fixtures")
        defer { try? FileManager.default.removeItem(at: out) }
        var options = RunOptions()
        options.outputFolder = out
        options.definitionsRoot = TestSupport.repositoryRoot
        let summary = try Pipeline.run(
            projectFile: FixtureCorpusTests.folder.appendingPathComponent("project.yml"),
            displayPath: "Tests/Fixtures/project.yml", options: options)

        let db = try DatabaseQueue(path: out.appendingPathComponent("warehouse.sqlite").path)
        defer { try? db.close() }
        return try db.read { db in
            let fromRow = "join raw_rows r on r.id = x.raw_row_id join source_files f on f.id = r.source_file_id"
            var marks: [String: FixtureCorpusTests.Expected.Marks] = [:]
            for row in try Row.fetchAll(
                db, sql: "select f.path, x.status, count(*) from attendance_marks x \(fromRow) group by 1, 2")
            {
                let path: String = row[0], status: String = row[1], n: Int = row[2]
                var m = marks[path] ?? .init(present: 0, absent: 0, excused: 0)
                switch status {
                case "present": m.present = n
                case "absent": m.absent = n
                default: m.excused = n
                }
                marks[path] = m
            }
            var participants: [String: [FixtureCorpusTests.Expected.Participant]] = [:]
            var citizenships: [String: Set<String>] = [:]
            let people = try Row.fetchAll(
                db,
                sql: """
                    select f.path, x.first_name, x.last_name, x.birth_date, x.start_date, x.end_date, x.sex,
                        x.citizenship, x.pesel, x.course_id is not null from participant_records x \(fromRow)
                    """)
            for row in people {
                let path: String = row[0]
                if let c: String = row[7] { citizenships[path, default: []].insert(c) }
                guard row[9] as Bool else { continue }
                participants[path, default: []].append(
                    .init(
                        firstName: row[1], lastName: row[2], birthDate: row[3], startDate: row[4], endDate: row[5],
                        sex: row[6], citizenship: row[7], pesel: row[8]))
            }
            var consultations: [String: FixtureCorpusTests.Expected.Consultations] = [:]
            for row in try Row.fetchAll(
                db, sql: "select f.path, x.person_id is null, x.mode, x.language from consultations x \(fromRow)")
            {
                let path: String = row[0]
                var c = consultations[path] ?? .init(named: 0, anonymous: 0, modes: [], languages: [], citizenships: [])
                if row[1] as Bool { c.anonymous += 1 } else { c.named += 1 }
                if let m: String = row[2], !c.modes.contains(m) { c.modes = (c.modes + [m]).sorted() }
                if let l: String = row[3], !c.languages.contains(l) { c.languages = (c.languages + [l]).sorted() }
                c.citizenships = (citizenships[path] ?? []).sorted()
                consultations[path] = c
            }
            return FixtureRun(
                summary: summary, marks: marks, participants: participants,
                consultations: consultations)
        }
    }
}
