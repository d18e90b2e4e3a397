import IntegraCore
import IntegraTesting
import IntegraWarehouse
import Testing

/// The funder-specific and newer generic indicators of `sql/indicators/` on hand-computed tables: each rule of
/// docs/INDICATORS.md on the smallest data that shows it.
@Suite struct FunderIndicatorTests {
    /// Rule 6: one objective per person. P1 integration, P2 asylum, P3 none (unknown): P3 counts in neither form.
    @Test func eachPersonCountsUnderOneObjectiveOnly() throws {
        var f = WarehouseFixture()
        f.person("P000001", objective: "integration")
        f.person("P000002", objective: "asylum")
        f.person("P000003")
        for p in ["P000001", "P000002", "P000003"] { f.consult("lead", p, on: "2023-02-01") }
        let warehouse = try f.warehouse()
        for code in ["fami1420_c1_asylum", "fami1420_integration", "fami2127_participants", "persons_supported"] {
            try warehouse.compute(code, breakdowns: [BreakdownSpec(key: "objective", column: "objective")])
        }
        #expect(try warehouse.figures("fami1420_c1_asylum")["2023Q1 in_period"] == 1)
        #expect(try warehouse.figures("fami1420_integration")["2023Q1 in_period"] == 1)
        #expect(try warehouse.figures("fami2127_participants")["2023Q1 in_period"] == 1)
        let all = try warehouse.figures("persons_supported").filter { $0.key.hasPrefix("2023Q1 in_period") }
        #expect(all == [
            "2023Q1 in_period": 3, "2023Q1 in_period objective=": 1, "2023Q1 in_period objective=asylum": 1,
            "2023Q1 in_period objective=integration": 1,
        ])
    }

    /// Rule 8: a foreigner has a known citizenship other than Polish. Rule 7: a Ukrainian who came on or after
    /// 2022-02-24, by the declared date or a recorded PESEL status UKR.
    @Test func foreignersAndUkrainiansWhoCameAfterTheInvasion() throws {
        var f = WarehouseFixture()
        f.person("P000001", citizenship: "UKR", arrived: "2022-02-24")  // the day itself counts
        f.person("P000002", citizenship: "UKR", arrived: "2022-02-23")
        f.person("P000003", citizenship: "UKR")  // PESEL status UKR recorded below
        f.person("P000004", citizenship: "BLR", arrived: "2022-03-01")  // not Ukrainian
        f.person("P000005", citizenship: "POL")
        f.person("P000006", citizenship: nil)
        for p in ["P000001", "P000002", "P000003", "P000004", "P000005", "P000006"] { f.consult("lead", p, on: "2023-02-01") }
        f.batch.participants[2].ukrStatus = true
        let warehouse = try f.warehouse()
        try warehouse.compute("fp_foreigners")
        try warehouse.compute("fp_ukr_after_2022")
        #expect(try warehouse.figures("fp_foreigners")["2023Q1 in_period"] == 4)
        #expect(try warehouse.figures("fp_ukr_after_2022")["2023Q1 in_period"] == 2)
    }

    /// Rule 5: A1 → A2 and A2 → B2 improve; B1 → B1 and a missing level do not. Dated at the end date, else the
    /// course's last session.
    @Test func cefrImprovementByAtLeastOneLevel() throws {
        var f = WarehouseFixture()
        for p in ["P000001", "P000002", "P000003", "P000004"] { f.person(p, objective: "integration") }
        let course = f.course("lead", "A1")
        let levels: [(String?, String?, String?)] = [("A1", "A2", "2023-03-30"), ("A2", "B2", nil), ("B1", "B1", "2023-03-30"), ("A1", nil, nil)]
        var records: [Int] = []
        for (i, l) in levels.enumerated() {
            let r = f.enrol("P00000\(i + 1)", course: course, start: "2023-01-10")
            f.batch.participants[r - 1].levelIn = l.0
            f.batch.participants[r - 1].levelOut = l.1
            f.batch.participants[r - 1].endDate = l.2.map(WarehouseFixture.day)
            records.append(r)
        }
        let s = f.sessions(course, ["2023-01-12", "2023-04-20"])
        for r in records { f.attend(r, s.map { ($0, true) }) }
        let warehouse = try f.warehouse()
        try warehouse.compute("cefr_improved")
        try warehouse.compute("fami2127_cefr_improved")
        #expect(try warehouse.figures("cefr_improved") == [
            "2023Q1 in_period": 1, "2023Q1 cumulative": 1, "2023Q2 in_period": 1, "2023Q2 cumulative": 2,
        ])
        #expect(try warehouse.figures("fami2127_cefr_improved")["2023Q2 cumulative"] == 2)
    }

    /// Rule 9: two attended 2-hour sessions (one absence) and a 30-minute consultation plus an anonymous one of
    /// 30 minutes: 5 hours.
    @Test func hoursOfSupportSumSessionsAndConsultations() throws {
        var f = WarehouseFixture()
        f.person("P000001")
        let course = f.course("lead", "A1")
        let r = f.enrol("P000001", course: course, start: "2023-01-10")
        let s = f.sessions(course, ["2023-01-12", "2023-01-19", "2023-01-26"])
        f.attend(r, [(s[0], true), (s[1], false), (s[2], true)])
        f.consult("other", "P000001", on: "2023-02-01")
        f.consult("other", nil, on: "2023-02-02")
        let warehouse = try f.warehouse()
        try warehouse.compute("support_hours", aggregation: .sum, breakdowns: [BreakdownSpec(key: "partner", column: "partner")])
        let q1 = try warehouse.figures("support_hours").filter { $0.key.hasPrefix("2023Q1 in_period") }
        #expect(q1 == ["2023Q1 in_period": 5, "2023Q1 in_period partner=lead": 4, "2023Q1 in_period partner=other": 1])
    }

    /// Rule 10: employment counts once per foreigner, at the earliest recorded date.
    @Test func employmentAtTheEarliestRecordedDate() throws {
        var f = WarehouseFixture()
        f.person("P000001", citizenship: "UKR")
        f.person("P000002", citizenship: "POL")
        let course = f.course("lead", "A1")
        let a = f.enrol("P000001", course: course, start: "2023-01-10")
        let b = f.enrol("P000001", course: course, start: "2023-01-10")
        let c = f.enrol("P000002", course: course, start: "2023-01-10")
        f.batch.participants[a - 1].employmentDate = WarehouseFixture.day("2023-05-01")
        f.batch.participants[b - 1].employmentDate = WarehouseFixture.day("2023-03-01")
        f.batch.participants[c - 1].employmentDate = WarehouseFixture.day("2023-03-01")
        let warehouse = try f.warehouse()
        try warehouse.compute("fp_employment")
        #expect(try warehouse.figures("fp_employment") == [
            "2023Q1 in_period": 1, "2023Q1 cumulative": 1, "2023Q2 in_period": 0, "2023Q2 cumulative": 1,
        ])
    }

    /// FAMI 2021–2027 participants per kind of activity: the course is a language course, consultations are not.
    @Test func languageCourseParticipantsFollowTheActivityKind() throws {
        var f = WarehouseFixture()
        f.person("P000001", objective: "integration")
        f.person("P000002", objective: "integration")
        let course = f.course("lead", "A1")
        f.enrol("P000001", course: course, start: "2023-01-10")
        f.consult("other", "P000002", on: "2023-02-01")
        let warehouse = try f.warehouse()
        try warehouse.compute("fami2127_language_course")
        try warehouse.compute("fami2127_participants")
        #expect(try warehouse.figures("fami2127_language_course")["2023Q1 in_period"] == 1)
        #expect(try warehouse.figures("fami2127_participants")["2023Q1 in_period"] == 2)
    }
}
