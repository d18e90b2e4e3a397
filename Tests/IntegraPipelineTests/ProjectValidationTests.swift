import Foundation
import IntegraCore
import IntegraTesting
import Testing

@testable import IntegraPipeline

/// Issue 17 items 7, 10, 11: numbers out of range, age bands with a gap or an overlap, target categories that no
/// figure can have and implausible periods are refused when the project file is loaded, on the offending line —
/// never a crash after the run, never a silently wrong figure.
@Suite struct ProjectValidationTests {
    typealias Breakage = ProjectDefinitionTests.Breakage

    @Test(arguments: [
        Breakage(
            label: "target of 10^23", old: "  - { indicator: persons_supported, value: 60 }",
            new: "  - { indicator: persons_supported, value: 99999999999999999999999 }", keyPath: "targets[0].value",
            at: "  - { indicator: persons_supported, value: 9999"),
        Breakage(
            label: "negative target", old: "  - { indicator: course_completers, value: 30 }",
            new: "  - { indicator: course_completers, value: -30 }", keyPath: "targets[2].value",
            at: "  - { indicator: course_completers, value: -30"),
        Breakage(
            label: "infinite target", old: "  - { indicator: course_completers, value: 30 }",
            new: "  - { indicator: course_completers, value: .inf }", keyPath: "targets[2].value",
            at: "  - { indicator: course_completers, value: .inf"),
        Breakage(
            label: "nan target", old: "  - { indicator: course_completers, value: 30 }",
            new: "  - { indicator: course_completers, value: nan }", keyPath: "targets[2].value",
            at: "  - { indicator: course_completers, value: nan"),
        Breakage(
            label: "negative partner target", old: "  - { indicator: persons_supported, partner: nadija, value: 30 }",
            new: "  - { indicator: persons_supported, partner: nadija, value: -3 }", keyPath: "targets[9].value",
            at: "  - { indicator: persons_supported, partner: nadija"),
        Breakage(
            label: "suppress_below Int.max", old: "targets:\n",
            new: "dashboard: { suppress_below: 9223372036854775807 }\ntargets:\n",
            keyPath: "dashboard.suppress_below", at: "dashboard:"),
        Breakage(
            label: "suppress_below beyond Int", old: "targets:\n",
            new: "dashboard: { suppress_below: 99999999999999999999 }\ntargets:\n",
            keyPath: "dashboard.suppress_below", at: "dashboard:"),
        Breakage(
            label: "age above 150", old: "    - { label: \"65+\", min: 65 }",
            new: "    - { label: \"65+\", min: 65000 }",
            keyPath: "participants.age_bands[4].min", at: "    - { label: \"65+\""),
        Breakage(
            label: "max_block_size too large", old: "targets:\n",
            new: "linkage: { max_block_size: 9223372036854775807 }\ntargets:\n",
            keyPath: "linkage.max_block_size", at: "linkage:"),
    ])
    func outOfRangeNumbersAreRefusedOnTheirLine(_ b: Breakage) throws {
        try ProjectDefinitionTests.check(b)
    }

    @Test(arguments: [
        Breakage(
            label: "gap 30–34", old: "    - { label: \"30–49\", min: 30, max: 49 }",
            new: "    - { label: \"35–49\", min: 35, max: 49 }",
            keyPath: "participants.age_bands[2]", at: "    - { label: \"35–49\""),
        Breakage(
            label: "overlap at 29", old: "    - { label: \"30–49\", min: 30, max: 49 }",
            new: "    - { label: \"29–49\", min: 29, max: 49 }",
            keyPath: "participants.age_bands[2]", at: "    - { label: \"29–49\""),
        Breakage(
            label: "first band from 18", old: "    - { label: \"0–17\", max: 17 }\n", new: "",
            keyPath: "participants.age_bands[0]", at: "    - { label: \"18–29\""),
        Breakage(
            label: "closed last band", old: "    - { label: \"65+\", min: 65 }",
            new: "    - { label: \"65–99\", min: 65, max: 99 }",
            keyPath: "participants.age_bands[4]", at: "    - { label: \"65–99\""),
        Breakage(
            label: "open band before another", old: "    - { label: \"50–64\", min: 50, max: 64 }",
            new: "    - { label: \"50+\", min: 50 }",
            keyPath: "participants.age_bands[4]", at: "    - { label: \"65+\""),
        Breakage(
            label: "a label twice", old: "    - { label: \"65+\", min: 65 }",
            new: "    - { label: \"50–64\", min: 65 }",
            keyPath: "participants.age_bands[4].label", at: "    - { label: \"50–64\", min: 65"),
    ])
    func ageBandsWithAGapOrAnOverlapAreRefused(_ b: Breakage) throws {
        try ProjectDefinitionTests.check(b)
    }

    @Test(arguments: [
        Breakage(
            label: "citizenship Ukraina", old: "where: { citizenship: UKR }", new: "where: { citizenship: Ukraina }",
            keyPath: "targets[1].where.citizenship", at: "  - { indicator: persons_supported, where"),
        Breakage(
            label: "sex F", old: "where: { sex: K }", new: "where: { sex: F }", keyPath: "targets[5].where.sex",
            at: "  - { indicator: fp_foreigners, where"),
        Breakage(
            label: "unknown age band", old: "where: { citizenship: UKR }", new: "where: { age_band: \"18-29\" }",
            keyPath: "targets[1].where.age_band", at: "  - { indicator: persons_supported, where"),
        Breakage(
            label: "unknown partner", old: "where: { citizenship: UKR }", new: "where: { partner: caritas }",
            keyPath: "targets[1].where.partner", at: "  - { indicator: persons_supported, where"),
        Breakage(
            label: "unknown breakdown", old: "where: { citizenship: UKR }", new: "where: { nationality: UKR }",
            keyPath: "targets[1].where.nationality", at: "  - { indicator: persons_supported, where"),
    ])
    func targetCategoriesMustBeKnown(_ b: Breakage) throws {
        try ProjectDefinitionTests.check(b)
    }

    @Test func theKnownCategoriesAreListed() throws {
        let cases = [
            ("where: { citizenship: Ukraina }", ["write UKR", "BLR", "UKR"]),
            ("where: { sex: F }", ["known: K, M"]),
            ("where: { age_band: \"18-29\" }", ["known: 0–17, 18–29, 30–49, 50–64, 65+"]),
        ]
        for (written, expected) in cases {
            let text = ProjectDefinitionTests.demoText.replacingOccurrences(
                of: "where: { citizenship: UKR }", with: written
            )
            .replacingOccurrences(
                of: "where: { sex: K }", with: written.contains("sex") ? written : "where: { sex: K }")
            let error = #expect(throws: DefinitionError.self) { try ProjectDefinition.parse(text, file: "demo.yml") }
            for e in expected { #expect(error?.message.contains(e) == true, "\(error?.message ?? "")") }
        }
    }

    @Test func aTargetOnABreakdownTheIndicatorLacksIsRefusedWithItsLine() throws {
        let text = ProjectDefinitionTests.demoText.replacingOccurrences(
            of: "  - { indicator: consultations, value: 80 }",
            with: "  - { indicator: consultations, where: { sex: K }, value: 80 }")
        let project = try ProjectDefinition.parse(text, file: "demo.yml")
        let indicators = try IndicatorDefinition.loadAll(root: TestSupport.repositoryRoot)
        let error = #expect(throws: DefinitionError.self) {
            try project.checkTargets(indicators: indicators, file: "demo.yml")
        }
        let line = text.components(separatedBy: "\n").firstIndex { $0.contains("indicator: consultations, where") }! + 1
        #expect(error?.line == line)
        #expect(error?.keyPath == "targets[3].where")
        #expect(error?.message.contains("partner, activity, topic, language, mode") == true)
    }

    @Test(arguments: [
        Breakage(
            label: "end 2203", old: "    end: 2023-12-31", new: "    end: 2203-12-31", keyPath: "project.period.end",
            at: "    end: 2203"),
        Breakage(
            label: "twenty years", old: "    end: 2023-12-31", new: "    end: 2042-12-31",
            keyPath: "project.period.end",
            at: "    end: 2042"),
        Breakage(
            label: "start 1923", old: "    start: 2023-01-01", new: "    start: 1923-01-01",
            keyPath: "project.period.start",
            at: "    start: 1923"),
    ])
    func implausiblePeriodsAreRefused(_ b: Breakage) throws {
        try ProjectDefinitionTests.check(b)
    }

    @Test func aLongPeriodRunsWhenConfirmed() throws {
        let text = ProjectDefinitionTests.demoText.replacingOccurrences(
            of: "    end: 2023-12-31\n", with: "    end: 2042-12-31\n    long: true\n")
        let project = try ProjectDefinition.parse(text, file: "demo.yml")
        #expect(project.project.periodEnd == LocalDate(year: 2042, month: 12, day: 31))
        // Nine years (FAMI 2021–2027 with its last two) need no confirmation.
        let nine = ProjectDefinitionTests.demoText.replacingOccurrences(
            of: "    end: 2023-12-31", with: "    end: 2031-12-31")
        #expect(try ProjectDefinition.parse(nine, file: "demo.yml").project.periodEnd.year == 2031)
    }

    /// The reproduction: the CLI refuses each at load with exit 64 and file:line, before any output is written.
    @Test(arguments: [
        (
            "  - { indicator: persons_supported, value: 60 }",
            "  - { indicator: persons_supported, value: 99999999999999999999999 }"
        ),
        ("targets:\n", "dashboard: { suppress_below: 9223372036854775807 }\ntargets:\n"),
        ("    end: 2023-12-31", "    end: 2203-12-31"),
        ("where: { citizenship: UKR }", "where: { citizenship: Ukraina }"),
    ])
    func theCLIExitsWith64BeforeTheRun(old: String, new: String) throws {
        let exe = try #require(Executable.integra, "build the integra executable first")
        let copy = try DemoCopy("integra-validation")
        defer { copy.remove() }
        let text = try String(contentsOf: copy.url("demo.yml"), encoding: .utf8)
        try text.replacingOccurrences(of: old, with: new).write(
            to: copy.url("demo.yml"), atomically: true, encoding: .utf8)
        let result = try Executable.run(
            exe, ["run", "demo.yml", "--out", "out"], in: copy.dir,
            environment: ["INTEGRA_HOME": TestSupport.repositoryRoot.path])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("demo.yml:"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: copy.url("out/run.json").path))
    }
}
