import Foundation
import IntegraCore
import IntegraTesting
import IntegraWarehouse
import Testing

@testable import IntegraPipeline

/// Normalise on small projects written to disk: fields from file names and title lines, the footer under a table,
/// the columns no mapping reads.
@Suite struct NormaliseStageTests {
    static let root = TestSupport.repositoryRoot

    static let head = """
        version: 1
        project:
          id: t
          name: T
          funder: F
          period: { start: 2024-01-01, end: 2025-12-31 }
        partners:
          - { id: lead, name: Lider, role: leader }
          - { id: other, name: Inny }
        activities:
          course: Kurs
          workshop: Warsztaty
          consult: Porady
        sources:

        """

    /// Writes `files` (UTF-8 text) and the project, ingests and normalises them with the repository's vocabulary.
    func normalise(_ sources: String, files: [String: String], vocabulary: Bool = true) throws -> NormalisedRecords {
        let dir = try TestSupport.makeTemporaryDirectory("integra-normalise")
        defer { try? FileManager.default.removeItem(at: dir) }
        for (path, text) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let projectFile = dir.appendingPathComponent("p.yml")
        try Data((Self.head + sources).utf8).write(to: projectFile)
        let project = try ProjectDefinition.load(from: projectFile, displayPath: "p.yml")
        let warehouse = try Warehouse.create(at: nil, sqlRoot: Self.root.appendingPathComponent("sql"))
        let run = try warehouse.beginRun(projectID: "t", projectSHA256: String(repeating: "0", count: 64), toolVersion: "test")
        let ingested = try IngestStage(project: project, base: dir, warehouse: warehouse, run: run).ingest(project.sources)
        var stage = NormaliseStage(project: project, warehouse: warehouse, workers: 1)
        if vocabulary { stage.vocabulary = try HeaderVocabulary.load(root: Self.root) }
        return try stage.run(ingested.files)
    }

    /// One source at partner `lead`, activity `course`; `keys` are its further lines (mapping, patterns), as written
    /// under the source.
    static func source(_ id: String, kind: String, files: String, _ keys: String...) -> String {
        (["  - id: \(id)", "    partner: lead", "    kind: \(kind)", "    activity: course", "    files: \"\(files)\""]
            + keys.map { "    " + $0 }).joined(separator: "\n") + "\n\n"
    }

    static let rollSource = source(
        "roll", kind: "roll", files: "kurs_*_lista.csv", "from_file_name: \"kurs_{group}_lista\"",
        "columns: { last_name: Nazwisko, first_name: Imię }")

    /// An attendance sheet whose group is on its title label `Grupa`.
    static let labelledAttendance = source(
        "att", kind: "attendance", files: "obecnosci.csv", "title: { group: Grupa }",
        "columns: { full_name: Imię i nazwisko }")

    /// A roll with its group in a column.
    static func rollWithGroupColumn(files: String) -> String {
        source("roll", kind: "roll", files: files, "columns: { full_name: Uczestnik, group: Grupa }")
    }

    // MARK: Fields from the file name and the title

    /// The roll has no group column: the group comes from the file name, as written.
    @Test func aRollWithoutAGroupColumnTakesItFromTheFileName() throws {
        let result = try normalise(
            Self.rollSource,
            files: [
                "kurs_2024Q1-A0-a_lista.csv": "Nazwisko;Imię\nKovalenko;Olena\nNowak;Anna\n",
                "kurs_PL-A2_lista.csv": "Nazwisko;Imię\nShevchenko;Ivan\n",
            ])
        #expect(result.diagnostics.filter { $0.diagnostic.severity == .error }.isEmpty)
        let groups = Dictionary(grouping: result.identities, by: { $0.group ?? "" }).mapValues { $0.map(\.lastName).sorted() }
        #expect(groups == ["2024Q1-A0-a": ["Kovalenko", "Nowak"], "PL-A2": ["Shevchenko"]])
        #expect(result.failedFiles == 0)
    }

    /// A file the pattern does not fit is not read: one file-level error, the run fails.
    @Test func aFileNameThePatternDoesNotFitIsAFileError() throws {
        let bad = try normalise(
            Self.rollSource.replacingOccurrences(of: "kurs_{group}_lista", with: "kurs_{group}_lista_2024"),
            files: ["kurs_A1_lista.csv": "Nazwisko;Imię\nKovalenko;Olena\n"])
        #expect(bad.failedFiles == 1)
        #expect(bad.identities.isEmpty)
        let d = try #require(bad.diagnostics.first { $0.diagnostic.code == .patternNotMatched }?.diagnostic)
        #expect(d.severity == .error)
        #expect(d.location == SourceLocation(file: "kurs_A1_lista.csv"))
        #expect(d.message.contains("kurs_<group>_lista_2024"))
        #expect(bad.files.first?.rowsRead == 0)
    }

    /// An attendance sheet whose group is only in a title sentence; its rows carry that group. The CSV's title line
    /// is as wide as the table.
    @Test func anAttendanceSheetTakesItsGroupFromATitleSentence() throws {
        let source = Self.source(
            "att", kind: "attendance", files: "kurs_*_obecnosci.csv", "from_title: \"grupa {group}\"",
            "columns: { full_name: Imię i nazwisko }")
        let result = try normalise(
            source,
            files: [
                "kurs_2024Q1-A0-a_obecnosci.csv":
                    "Lista obecności – kurs języka polskiego, grupa 2024Q1-A0-a;;\nImię i nazwisko;05.03.2024;12.03.2024\nOlena Kovalenko;x;x\n",
                "kurs_B_obecnosci.csv": "Lista obecności;;\nImię i nazwisko;05.03.2024;12.03.2024\nAnna Nowak;x;\n",
            ])
        #expect(result.attendance.map(\.group) == ["2024Q1-A0-a"])
        let d = try #require(result.diagnostics.first { $0.diagnostic.code == .patternNotMatched }?.diagnostic)
        #expect(d.location?.file == "kurs_B_obecnosci.csv")
        #expect(d.message.contains("grupa <group>"))
        #expect(result.failedFiles == 1)
    }

    /// An activity and a partner taken from the file name through values: the records and the file carry them; a
    /// value no map or id names is a file error.
    @Test func activityAndPartnerFromTheFileNameGoThroughValues() throws {
        let source = Self.source(
            "roll", kind: "roll", files: "*_lista.csv", "from_file_name: \"{partner}_{activity}_{group}_lista\"",
            "values:", "  activity: { workshop: [warsztaty, W] }", "  partner: { other: [inny] }",
            "columns: { full_name: Uczestnik }")
        let result = try normalise(
            source,
            files: [
                "Inny_warsztaty_W1_lista.csv": "Uczestnik\nOlena Kovalenko\n",
                "lead_course_A1_lista.csv": "Uczestnik\nAnna Nowak\n",
                "obcy_course_A2_lista.csv": "Uczestnik\nIvan Shevchenko\n",
            ])
        let byGroup = Dictionary(uniqueKeysWithValues: result.identities.map { ($0.group ?? "", ($0.partnerID, $0.activityID)) })
        #expect(byGroup["W1"]! == ("other", "workshop"))
        #expect(byGroup["A1"]! == ("lead", "course"))
        #expect(byGroup["A2"] == nil)
        #expect(result.files.first { $0.path.hasPrefix("Inny") }.map { [$0.partnerID, $0.activityID] } == ["other", "workshop"])
        #expect(result.diagnostics.map(\.diagnostic.code) == [.unknownPatternValue])
        #expect(result.failedFiles == 1)
    }

    // MARK: The footer under a table

    /// Signature, "Sporządził:" and totals lines under an attendance table are its footer: not rows read, not
    /// errors. read = loaded + rejected + blank still holds.
    @Test func footerLinesUnderAnAttendanceTableAreNotData() throws {
        let source = Self.labelledAttendance
        let csv = """
            Grupa: A1;;;
            Lp.;Imię i nazwisko;05.03.2024;12.03.2024
            1;Olena Kovalenko;x;x
            2;Anna Nowak;x;nb
            ;;;
            ;Razem;2;1
            ;;;
            Podpis prowadzącego: ………………;;;
            Sporządził: Jan Kowalski;;;
            Lublin, 31.03.2024;;;

            """
        let result = try normalise(source, files: ["obecnosci.csv": csv])
        #expect(result.attendance.count == 2)
        #expect(!result.diagnostics.contains { $0.diagnostic.severity == .error })
        let file = try #require(result.files.first)
        #expect((file.rowsRead, file.rowsLoaded, file.rowsRejected, file.rowsBlank) == (2, 2, 0, 0))
        let footer = try #require(result.diagnostics.first { $0.diagnostic.code == .tableFooter }?.diagnostic)
        #expect(footer.severity == .note)
        #expect(footer.location == SourceLocation(file: "obecnosci.csv", row: 6))
        #expect(footer.message.hasPrefix("4 row(s)"))
    }

    /// A row with marks under a footer word ends no table: rows with marks are data wherever they are. Without the
    /// vocabulary nothing is a footer.
    @Test func rowsWithMarksAreNeverFooter() throws {
        let source = Self.labelledAttendance
        let csv = "Grupa: A1;;\nImię i nazwisko;05.03.2024;12.03.2024\nOlena Kovalenko;x;x\nRazem;1;1\nAnna Nowak;x;\n"
        let result = try normalise(source, files: ["obecnosci.csv": csv])
        #expect(!result.diagnostics.contains { $0.diagnostic.code == .tableFooter })
        #expect(result.files.first?.rowsRead == 3)
        let plain = try normalise(
            source, files: ["obecnosci.csv": "Grupa: A1;;\nImię i nazwisko;05.03.2024\nOlena Kovalenko;x\nRazem;1\n"],
            vocabulary: false)
        #expect(plain.files.first?.rowsRead == 2)
    }

    /// A roll's "Razem" line and a log's "Suma" line under the table; "Suma Anna" on the last row is a person.
    @Test func aRollsTotalLineIsFooterButASurnameIsNot() throws {
        let source = Self.rollWithGroupColumn(files: "lista.csv")
        let footer = try normalise(source, files: ["lista.csv": "Uczestnik;Grupa\nOlena Kovalenko;A1\nRazem: 1 osoba;\n"])
        #expect(footer.files.first?.rowsRead == 1)
        #expect(footer.diagnostics.map(\.diagnostic.code) == [.tableFooter])
        let person = try normalise(source, files: ["lista.csv": "Uczestnik;Grupa\nOlena Kovalenko;A1\nSuma Anna;A1\n"])
        #expect(person.identities.count == 2)
        #expect(person.diagnostics.isEmpty)
    }

    // MARK: Columns no mapping reads

    /// Listed once per file, header texts only; a running number and a signature column hold nothing to read.
    @Test func columnsNoMappingReadsAreListedOncePerFile() throws {
        let source = Self.rollWithGroupColumn(files: "lista*.csv")
        let result = try normalise(
            source,
            files: [
                "lista.csv": "Lp.;Uczestnik;Grupa;Uwagi;Telefon;Podpis\n1;Olena Kovalenko;A1;alergia;500100200;\n",
                "lista2.csv": "Uczestnik;Grupa\nAnna Nowak;A1\n",
            ])
        let notes = result.diagnostics.filter { $0.diagnostic.code == .unusedColumn }.map(\.diagnostic)
        #expect(notes.count == 1)
        let note = try #require(notes.first)
        #expect(note.severity == .note)
        #expect(note.location == SourceLocation(file: "lista.csv", row: 1))
        #expect(note.message.hasPrefix("\"Uwagi\", \"Telefon\": "))
        #expect(!note.message.contains("alergia"))
        #expect(UnusedColumns.list([note]).map { [$0.file, $0.headers] } == [["lista.csv", "\"Uwagi\", \"Telefon\""]])
    }
}
