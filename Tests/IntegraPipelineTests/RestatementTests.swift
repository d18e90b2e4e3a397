import Foundation
import IntegraCore
import IntegraPipeline
import IntegraReports
import IntegraTesting
import Testing

/// Issue 6, item 5: freeze a submitted period; a later change of one attendance mark makes every run write a
/// restatement naming the changed figures and the row.
@Suite struct RestatementTests {
    static let project = """
        version: 1
        project: { id: r, name: Restatement test, funder: FAMI, period: { start: 2023-01-01, end: 2023-12-31 } }
        partners: [{ id: a, name: Partner A, role: leader }]
        activities:
          course: { pl: Kurs, en: Course, kind: language_course, session_hours: 2 }
        sources:
          - id: roll
            partner: a
            kind: roll
            activity: course
            files: data/roll.csv
            columns: { last_name: Nazwisko, first_name: Imię, birth_date: Data urodzenia, group: Grupa, start_date: Data rozpoczęcia }
          - id: attendance
            partner: a
            kind: attendance
            activity: course
            files: data/obecnosci.xlsx
            title: { group: Grupa }
            columns: { full_name: Imię i nazwisko }
        reports: [reports/generic-quarterly.yml]
        """
    static let people = [("Kowalenko", "Olena", "1990-03-01"), ("Shevchenko", "Taras", "1985-07-12"), ("Bondar", "Iryna", "2001-11-30")]
    static let dates = ["2023-04-03", "2023-04-10", "2023-04-17", "2023-04-24", "2023-05-08"]

    /// The attendance workbook: a title block, then one column per session; `absent` marks one person's sessions.
    static func writeAttendance(_ url: URL, absentFor absentPerson: Int?, sessions: Set<Int>) throws {
        let writer = try XLSXWriter(path: url.path, properties: XLSXDocumentProperties(created: LocalDate(iso: "2023-06-30")!, title: "Lista obecności"))
        let sheet = try writer.addSheet("kwiecień")
        try sheet.write("Lista obecności — kurs języka polskiego", row: 0, col: 0)
        try sheet.write("Grupa", row: 1, col: 0)
        try sheet.write("G1", row: 1, col: 1)
        try sheet.write("Lp.", row: 3, col: 0)
        try sheet.write("Imię i nazwisko", row: 3, col: 1)
        for (i, d) in dates.enumerated() { try sheet.write(LocalDate(iso: d)!, row: 3, col: 2 + i) }
        for (p, person) in people.enumerated() {
            try sheet.write(p + 1, row: 4 + p, col: 0)
            try sheet.write("\(person.1) \(person.0)", row: 4 + p, col: 1)
            for i in dates.indices {
                let mark = (absentPerson == p && sessions.contains(i)) ? "nb" : "x"
                try sheet.write(mark, row: 4 + p, col: 2 + i)
            }
        }
        try writer.close()
    }

    @Test func oneChangedMarkIsRestatedWithItsRow() throws {
        let root = try TestSupport.makeTemporaryDirectory("integra-restatement")
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        let repo = TestSupport.repositoryRoot
        for folder in ["sql", "reports", "pipelines/linkage"] {
            try fm.createDirectory(at: root.appendingPathComponent(folder).deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: repo.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
        let data = root.appendingPathComponent("pipelines/data")
        try fm.createDirectory(at: data, withIntermediateDirectories: true)
        var rows: [[CSVField]] = [["Nazwisko", "Imię", "Data urodzenia", "Grupa", "Data rozpoczęcia"]]
        for p in Self.people { rows.append([.text(p.0), .text(p.1), .text(p.2), "G1", "2023-04-03"]) }
        try CSVTableWriter(dialect: .rfc4180).write(rows, to: data.appendingPathComponent("roll.csv"))
        // Olena misses one session of five: 80 %, she completes.
        try Self.writeAttendance(data.appendingPathComponent("obecnosci.xlsx"), absentFor: 0, sessions: [4])
        let projectFile = root.appendingPathComponent("pipelines/r.yml")
        try Self.project.write(to: projectFile, atomically: true, encoding: .utf8)
        var options = RunOptions()
        options.outputFolder = root.appendingPathComponent("out")
        options.csv = .rfc4180

        let frozen = try Pipeline.freeze(projectFile: projectFile, period: "2023Q2", options: options)
        #expect(frozen.lastPathComponent == "2023Q2.json")
        #expect(fm.fileExists(atPath: root.appendingPathComponent("pipelines/r.submissions/2023Q2.json").path))
        let frozenText = try String(contentsOf: frozen, encoding: .utf8)
        #expect(!frozenText.contains("Olena") && !frozenText.contains("Kowalenko"), "the frozen file holds no cell values")
        // Unchanged inputs: the restatement says so.
        var summary = try Pipeline.run(projectFile: projectFile, options: options)
        var figures = try String(contentsOf: root.appendingPathComponent("out/reports/restatement-2023Q2__figures.csv"), encoding: .utf8)
        #expect(figures.split(whereSeparator: \.isNewline).count == 1, "no changed figures: \(figures)")

        // One more mark changed to absent: 3 of 5, Olena no longer completes.
        try Self.writeAttendance(data.appendingPathComponent("obecnosci.xlsx"), absentFor: 0, sessions: [3, 4])
        summary = try Pipeline.run(projectFile: projectFile, options: options)
        #expect(summary.outputs.contains("reports/restatement-2023Q2.xlsx"))
        figures = try String(contentsOf: root.appendingPathComponent("out/reports/restatement-2023Q2__figures.csv"), encoding: .utf8)
        #expect(figures.contains("course_completers,\"Liczba osób, które ukończyły kurs\",Narastająco,,ogółem,3,2,-1"), "\(figures)")
        #expect(figures.contains("support_hours"), "hours fall by one session: \(figures)")
        let causes = try String(contentsOf: root.appendingPathComponent("out/reports/restatement-2023Q2__causes.csv"), encoding: .utf8)
        #expect(causes.contains("course_completers,cumulative,changed,data/obecnosci.xlsx,kwiecień,5,changed"), "\(causes)")
        let files = try String(contentsOf: root.appendingPathComponent("out/reports/restatement-2023Q2__files.csv"), encoding: .utf8)
        #expect(files.contains("data/obecnosci.xlsx,changed"))
    }
}
