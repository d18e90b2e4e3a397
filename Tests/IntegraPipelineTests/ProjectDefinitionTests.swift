import Foundation
import IntegraCore
@testable import IntegraPipeline
import IntegraTesting
import Testing

@Suite struct ProjectDefinitionTests {
    static let demoText = try! String(
        contentsOf: TestSupport.repositoryRoot.appendingPathComponent("pipelines/demo.yml"), encoding: .utf8)

    @Test func parsesTheDemoProject() throws {
        let project = try ProjectDefinition.parse(Self.demoText, file: "demo.yml")
        #expect(project.project.id == "demo")
        #expect(project.project.periodStart == LocalDate(year: 2023, month: 1, day: 1))
        #expect(project.project.periodEnd == LocalDate(year: 2023, month: 12, day: 31))
        #expect(project.partners.map(\.id) == ["przystan", "nadija", "centrum"])
        #expect(project.partners.map(\.role) == [.leader, .partner, .partner])
        #expect(project.sources.count == 10)
        #expect(
            project.sources.map(\.kind)
                == [.roll, .attendance, .roll, .attendance, .consultations, .consultations, .ledger, .ledger, .ledger, .budget])
        #expect(project.sources[1].title["group"] == ["Grupa"])
        #expect(project.sources[4].columns["full_name"] == ["Imię i nazwisko klienta", "Klient"])
        #expect(project.rules.completionThreshold == 0.8)
        #expect(project.rules.rollStartIsSupport)
        #expect(project.rules.ageBands == AgeBand.defaults)
        #expect(project.file == "demo.yml")
    }

    /// A broken copy of demo.yml. `old` must occur in the file (its first occurrence is replaced by `new`); the error
    /// must be on the line of the mutated text that starts with `at` (first match after `after`, if given).
    struct Breakage: Sendable, CustomTestStringConvertible {
        var label: String
        var old: String
        var new: String
        var keyPath: String
        var at: String
        var after: String? = nil
        var testDescription: String { label }

        /// `text` written right after `anchor` (which stays).
        static func adding(_ text: String, after anchor: String, label: String, keyPath: String, at: String) -> Self {
            Breakage(label: label, old: anchor, new: anchor + text, keyPath: keyPath, at: at)
        }

        /// The demo roll's last column mapping, the place to add keys to the roll source.
        static let rollEnd = "      employment_date: Data podjęcia zatrudnienia\n"
        /// The demo attendance source's title label.
        static let attendanceTitle = "    title:\n      group: Grupa\n"
    }

    @Test(arguments: [
        Breakage(
            label: "typo colums:", old: "    columns:\n      last_name: Nazwisko", new: "    colums:\n      last_name: Nazwisko",
            keyPath: "sources[0].colums", at: "    colums:"),
        Breakage(
            label: "missing project.period.end", old: "    end: 2023-12-31\n", new: "",
            keyPath: "project.period.end", at: "    start: 2023-01-01"),
        Breakage(
            label: "bad date", old: "    end: 2023-12-31", new: "    end: 31.12.2023",
            keyPath: "project.period.end", at: "    end: 31.12.2023"),
        Breakage(
            label: "period ends before it starts", old: "    end: 2023-12-31", new: "    end: 2022-12-31",
            keyPath: "project.period.end", at: "    end: 2022-12-31"),
        Breakage(
            label: "unknown partner id in a source", old: "    partner: przystan\n    kind: roll",
            new: "    partner: przystanek\n    kind: roll", keyPath: "sources[0].partner", at: "    partner: przystanek"),
        Breakage(
            label: "unknown kind", old: "    kind: roll", new: "    kind: rolls", keyPath: "sources[0].kind",
            at: "    kind: rolls"),
        Breakage(
            label: "no leader", old: "    role: leader", new: "    role: partner", keyPath: "partners",
            at: "  - id: przystan"),
        Breakage(
            label: "unknown role", old: "    role: leader", new: "    role: lider", keyPath: "partners[0].role",
            at: "    role: lider"),
        Breakage(
            label: "threshold 1.5", old: "  completion_threshold: 80%", new: "  completion_threshold: 1.5",
            keyPath: "participants.completion_threshold", at: "  completion_threshold: 1.5"),
        Breakage(
            label: "threshold 150%", old: "  completion_threshold: 80%", new: "  completion_threshold: 150%",
            keyPath: "participants.completion_threshold", at: "  completion_threshold: 150%"),
        Breakage(
            label: "YAML syntax error", old: "  name: Razem w Lublinie", new: "  name: Razem: w Lublinie", keyPath: "",
            at: "  name: Razem: w Lublinie"),
        Breakage(
            label: "roll without group column", old: "      group: Grupa\n      start_date", new: "      start_date",
            keyPath: "sources[0].columns", at: "      last_name: Nazwisko"),
        Breakage(
            label: "attendance without title group", old: "    title:\n      group: Grupa\n", new: "",
            keyPath: "sources[1]", at: "  - id: przystan-attendance"),
        Breakage(
            label: "field not allowed for the kind", old: "      full_name: Imię i nazwisko\n",
            new: "      full_name: Imię i nazwisko\n      group: Grupa\n", keyPath: "sources[1].columns.group",
            at: "      group: Grupa", after: "      full_name: Imię i nazwisko"),
        Breakage(
            label: "version 2", old: "version: 1", new: "version: 2", keyPath: "version", at: "version: 2"),
    ])
    func brokenFileNamesFileLineAndKey(_ b: Breakage) throws {
        try Self.check(b)
    }

    /// The error should point at the second use of the id, not at the start of the list.
    @Test(
        arguments: [
            Breakage(
                label: "duplicate source id", old: "  - id: nadija-roll", new: "  - id: przystan-roll",
                keyPath: "sources[2].id", at: "  - id: przystan-roll", after: "  - id: przystan-attendance"),
            Breakage(
                label: "duplicate partner id", old: "  - id: nadija\n", new: "  - id: przystan\n",
                keyPath: "partners[1].id", at: "  - id: przystan", after: "    role: leader"),
        ])
    func duplicateIDNamesTheSecondUse(_ b: Breakage) throws {
        try Self.check(b)
    }

    static func check(_ b: Breakage) throws {
        let range = try #require(Self.demoText.range(of: b.old), "\(b.label): the demo file changed")
        let text = Self.demoText.replacingCharacters(in: range, with: b.new)
        let lines = text.components(separatedBy: "\n")
        let start = b.after.flatMap { a in lines.firstIndex { $0.hasPrefix(a) } } ?? 0
        let index = try #require(lines[start...].firstIndex { $0.hasPrefix(b.at) }, "\(b.label): no line \(b.at)")
        let line = index + 1
        let error = #expect(throws: DefinitionError.self, "\(b.label)") {
            try ProjectDefinition.parse(text, file: "demo.yml")
        }
        #expect(error?.file == "demo.yml", "\(b.label)")
        #expect(error?.line == line, "\(b.label)")
        #expect(error?.keyPath == b.keyPath, "\(b.label)")
        #expect(error?.description.hasPrefix("demo.yml:\(line):") == true, "\(b.label): \(error?.description ?? "")")
    }

    @Test func optionalSourcesAreMarked() throws {
        #expect(try ProjectDefinition.parse(Self.demoText, file: "demo.yml").sources.allSatisfy { !$0.optional })
        let text = Self.demoText.replacingOccurrences(
            of: "    files: demo/centrum/rejestr-porad-*.csv\n", with: "    files: demo/centrum/rejestr-porad-*.csv\n    optional: true\n")
        let project = try ProjectDefinition.parse(text, file: "demo.yml")
        #expect(project.sources.map(\.optional) == [false, false, false, false, true, false, false, false, false, false])
        let wrong = text.replacingOccurrences(of: "optional: true", with: "optional: maybe")
        #expect(throws: DefinitionError.self) { try ProjectDefinition.parse(wrong, file: "demo.yml") }
    }

    @Test func emptyFileIsAnError() {
        let error = #expect(throws: DefinitionError.self) { try ProjectDefinition.parse("# nothing\n", file: "x.yml") }
        #expect(error?.line == 1)
        #expect(error?.description.hasPrefix("x.yml:1:") == true)
    }

    @Test(arguments: [("80%", 0.8), ("0.75", 0.75), ("0,9", 0.9), ("100%", 1.0)])
    func thresholdForms(written: String, share: Double) throws {
        let text = Self.demoText.replacingOccurrences(
            of: "completion_threshold: 80%", with: "completion_threshold: \(written)")
        #expect(try ProjectDefinition.parse(text, file: "demo.yml").rules.completionThreshold == share)
    }

    /// `from_file_name:` / `from_title:` patterns and `values:` maps that would do nothing are refused at load, on
    /// the line of the offending key (exit 64 in the CLI, as every definition error).
    @Test(arguments: [
        Breakage(
            label: "unknown field in a pattern", old: "    title:\n      group: Grupa\n",
            new: "    from_file_name: \"obecnosci-{grupa}\"\n", keyPath: "sources[1].from_file_name",
            at: "    from_file_name:"),
        Breakage(
            label: "pattern without a field", old: "    title:\n      group: Grupa\n", new: "    from_title: \"grupa\"\n",
            keyPath: "sources[1].from_title", at: "    from_title:"),
        Breakage(
            label: "an open brace", old: "    title:\n      group: Grupa\n", new: "    from_title: \"grupa {group\"\n",
            keyPath: "sources[1].from_title", at: "    from_title:"),
        .adding(
            "    from_title: \"grupa {group}\"\n", after: Breakage.attendanceTitle,
            label: "group from a title label and a title line", keyPath: "sources[1]", at: "  - id: przystan-attendance"),
        .adding(
            "    from_file_name: \"lista-{group}\"\n", after: "    encoding: windows-1250\n",
            label: "group from a column and the file name", keyPath: "sources[0]", at: "  - id: przystan-roll"),
        .adding(
            "    from_file_name: \"rejestr-porad-{group}\"\n", after: "    files: demo/centrum/rejestr-porad-*.csv\n",
            label: "a consultation log has no group", keyPath: "sources[4].from_file_name", at: "    from_file_name:"),
        Breakage(
            label: "one field from both patterns", old: "    title:\n      group: Grupa\n",
            new: "    from_file_name: \"{activity}-*\"\n    from_title: \"kurs {activity}, grupa {group}\"\n",
            keyPath: "sources[1].from_title", at: "    from_title:"),
        .adding(
            "    values:\n      group: { A1: [a1] }\n", after: Breakage.rollEnd, label: "values: group on a roll",
            keyPath: "sources[0].values.group", at: "      group: { A1"),
        .adding(
            "    values:\n      first_name: { Olena: [Helen] }\n", after: Breakage.rollEnd, label: "values: for a name",
            keyPath: "sources[0].values.first_name", at: "      first_name: { Olena"),
        .adding(
            "    values:\n      activity: { polish_course: [PL] }\n", after: Breakage.rollEnd,
            label: "values: activity without a pattern taking it", keyPath: "sources[0].values.activity",
            at: "      activity: { polish_course"),
        .adding(
            "    from_file_name: \"{activity}-*\"\n    values:\n      activity: { kurs: [PL] }\n",
            after: Breakage.attendanceTitle, label: "values: activity naming no activity",
            keyPath: "sources[1].values.activity.kurs", at: "      activity: { kurs"),
    ])
    func patternsAndValueMapsThatDoNothingAreRefused(_ b: Breakage) throws {
        try Self.check(b)
    }

    /// A roll without a group column takes the group from its file name; an attendance sheet from a title sentence;
    /// activity and partner through values:.
    @Test func patternsLoad() throws {
        var text = Self.demoText.replacingOccurrences(
            of: "      group: Grupa\n      start_date", with: "      start_date")
        text = text.replacingOccurrences(
            of: "    encoding: windows-1250\n", with: "    encoding: windows-1250\n    from_file_name: \"lista-uczestnikow-{group}\"\n")
        text = text.replacingOccurrences(
            of: "    files: demo/przystan/obecnosci-*.xlsx\n    title:\n      group: Grupa\n",
            with: "    files: demo/przystan/obecnosci-*.xlsx\n    from_title: \"grupa {group}\"\n    from_file_name: \"{activity}-*\"\n"
                + "    values:\n      activity: { polish_course: [obecnosci] }\n")
        let project = try ProjectDefinition.parse(text, file: "demo.yml")
        #expect(project.sources[0].fromFileName?.fields == ["group"])
        #expect(project.sources[0].columns["group"] == nil)
        #expect(project.sources[1].fromTitle?.text == "grupa {group}")
        #expect(project.sources[1].fromFileName?.fields == ["activity"])
        #expect(project.sources[1].values["activity"] == ["obecnosci": "polish_course"])
    }

    /// Polish typography puts a space before the per cent sign.
    @Test
    func thresholdWithASpaceBeforePercent() throws {
        let text = Self.demoText.replacingOccurrences(of: "completion_threshold: 80%", with: "completion_threshold: 80 %")
        #expect(try ProjectDefinition.parse(text, file: "demo.yml").rules.completionThreshold == 0.8)
    }
}
