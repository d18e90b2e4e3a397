import IntegraCore
import IntegraTesting
import IntegraWarehouse
import Testing

/// The indicator SQL of `sql/indicators/` on hand-computed tables (see `WarehouseFixture` in WarehouseTests.swift).
@Suite struct IndicatorTests {
    static let partner = BreakdownSpec(key: "partner", column: "partner")

    @Test func aPersonAtTwoPartnersCountsInBothPartnerRowsAndOnceInTheTotal() throws {
        var f = WarehouseFixture()
        f.person("P000001")
        f.person("P000002")
        let course = f.course("lead", "A1")
        f.enrol("P000001", course: course, start: "2023-02-01")
        f.enrol("P000002", course: course, start: "2023-02-01")
        f.consult("other", "P000001", on: "2023-02-10")
        let warehouse = try f.warehouse()
        try warehouse.compute("persons_supported", breakdowns: [Self.partner])
        let q1 = try warehouse.figures("persons_supported").filter { $0.key.hasPrefix("2023Q1 in_period") }
        #expect(q1 == ["2023Q1 in_period": 2, "2023Q1 in_period partner=lead": 2, "2023Q1 in_period partner=other": 1])
    }

    /// P1 supported in Q1 only, P2 in Q1 and Q2, P3 in Q2 only.
    @Test func inPeriodAndCumulativeAcrossTwoQuarters() throws {
        var f = WarehouseFixture()
        for p in ["P000001", "P000002", "P000003"] { f.person(p) }
        f.consult("lead", "P000001", on: "2023-01-05")
        f.consult("lead", "P000002", on: "2023-03-31")
        f.consult("lead", "P000002", on: "2023-04-01")
        f.consult("lead", "P000003", on: "2023-06-30")
        let warehouse = try f.warehouse()
        try warehouse.compute("persons_supported")
        #expect(try warehouse.figures("persons_supported") == [
            "2023Q1 in_period": 2, "2023Q1 cumulative": 2, "2023Q2 in_period": 2, "2023Q2 cumulative": 3,
        ])
    }

    /// P1 starts in Q1 at `lead` and is supported again in Q2 at `other`; P2 starts in Q2 at `other`.
    @Test func personsNewCountsTheFirstSupportOnly() throws {
        var f = WarehouseFixture()
        f.person("P000001")
        f.person("P000002")
        f.consult("lead", "P000001", on: "2023-02-01")
        f.consult("other", "P000001", on: "2023-05-01")
        f.consult("other", "P000002", on: "2023-05-02")
        let warehouse = try f.warehouse()
        try warehouse.compute("persons_new", breakdowns: [Self.partner])
        #expect(try warehouse.figures("persons_new") == [
            "2023Q1 in_period": 1, "2023Q1 in_period partner=lead": 1,
            "2023Q1 cumulative": 1, "2023Q1 cumulative partner=lead": 1,
            "2023Q2 in_period": 1, "2023Q2 in_period partner=other": 1,
            "2023Q2 cumulative": 2, "2023Q2 cumulative partner=lead": 1, "2023Q2 cumulative partner=other": 1,
        ])
    }

    /// Five sessions held (P2 attends all): for P1, 4 of 5 is exactly the 80 % threshold and completes; 3 of 5
    /// does not. Dated at the last session (in Q2), whatever P1 attended.
    @Test(arguments: [(5, 2.0), (4, 2.0), (3, 1.0), (0, 1.0)])
    func courseCompletersAtTheThreshold(attended: Int, completers: Double) throws {
        var f = WarehouseFixture()
        f.person("P000001")
        f.person("P000002")
        let course = f.course("lead", "A1")
        let record = f.enrol("P000001", course: course, start: "2023-03-01")
        let other = f.enrol("P000002", course: course, start: "2023-03-01")
        let s = f.sessions(course, ["2023-03-02", "2023-03-09", "2023-03-16", "2023-03-23", "2023-04-06"])
        f.attend(record, s.enumerated().map { ($0.element, $0.offset < attended) })
        f.attend(other, s.map { ($0, true) })
        let warehouse = try f.warehouse()
        try warehouse.compute("course_completers")
        #expect(try warehouse.figures("course_completers") == [
            "2023Q1 in_period": 0, "2023Q1 cumulative": 0, "2023Q2 in_period": completers, "2023Q2 cumulative": completers,
        ])
    }

    /// A date nobody attended is not a session (the pipeline creates sessions from present marks only), so a course
    /// that met on four dates holds 4 sessions: 4 of 4 completes, 3 of 4 (75 %) does not.
    @Test func completionDividesByTheSessionsPresent() throws {
        var f = WarehouseFixture()
        f.person("P000001")
        f.person("P000002")
        let course = f.course("lead", "A1")
        let r1 = f.enrol("P000001", course: course)
        let r2 = f.enrol("P000002", course: course)
        let s = f.sessions(course, ["2023-03-02", "2023-03-09", "2023-03-16", "2023-03-23"])
        f.attend(r1, s.map { ($0, true) })
        f.attend(r2, [(s[0], true), (s[1], true), (s[2], true), (s[3], false)])
        let warehouse = try f.warehouse()
        #expect(
            try warehouse.distinctValues(
                "person_id || ' ' || sessions_attended || '/' || sessions_held || ' ' || completed",
                from: "fct_course_results", probe: "probe_results") == ["P000001 4/4 1", "P000002 3/4 0"])
        try warehouse.compute("course_completers")
        #expect(try warehouse.figures("course_completers")["2023Q1 in_period"] == 1)
    }

    /// P1 is only enrolled (start 2023-01-10); P2 is enrolled (2023-01-10) and attends on 2023-04-05.
    @Test(arguments: [
        ("1", ["2023Q1 in_period": 2.0, "2023Q1 cumulative": 2, "2023Q2 in_period": 1, "2023Q2 cumulative": 2],
         ["2023Q1 in_period": 2.0, "2023Q1 cumulative": 2, "2023Q2 in_period": 0, "2023Q2 cumulative": 2]),
        ("0", ["2023Q1 in_period": 0.0, "2023Q1 cumulative": 0, "2023Q2 in_period": 1, "2023Q2 cumulative": 1],
         ["2023Q1 in_period": 0.0, "2023Q1 cumulative": 0, "2023Q2 in_period": 1, "2023Q2 cumulative": 1]),
    ])
    func rollStartIsSupport(rule: String, supported: [String: Double], new: [String: Double]) throws {
        var f = WarehouseFixture()
        f.person("P000001")
        f.person("P000002")
        let course = f.course("lead", "A1")
        f.enrol("P000001", course: course, start: "2023-01-10")
        let r2 = f.enrol("P000002", course: course, start: "2023-01-10")
        let s = f.sessions(course, ["2023-04-05"])
        f.attend(r2, [(s[0], true)])
        let warehouse = try f.warehouse(rollStartIsSupport: rule)
        try warehouse.compute("persons_supported")
        try warehouse.compute("persons_new")
        #expect(try warehouse.figures("persons_supported") == supported)
        #expect(try warehouse.figures("persons_new") == new)
    }

    /// The age is taken at the first support (2023-03-01): P1 turns 18 the day after (0–17), P2 on that day
    /// (18–29). P1 is supported again in Q2, after the birthday, and stays in 0–17.
    @Test func ageBandAtTheFirstSupport() throws {
        var f = WarehouseFixture()
        f.person("P000001", born: "2005-03-02")
        f.person("P000002", born: "2005-03-01")
        f.person("P000003")  // no birth date: no age band
        f.consult("lead", "P000001", on: "2023-03-01")
        f.consult("lead", "P000002", on: "2023-03-01")
        f.consult("lead", "P000003", on: "2023-03-01")
        f.consult("lead", "P000001", on: "2023-05-01")
        let warehouse = try f.warehouse()
        try warehouse.compute(
            "persons_supported", breakdowns: [BreakdownSpec(key: "age_band", column: "age", bands: AgeBand.defaults)])
        let figures = try warehouse.figures("persons_supported").filter { $0.key.contains("in_period age_band") }
        #expect(figures == [
            "2023Q1 in_period age_band=0–17": 1, "2023Q1 in_period age_band=18–29": 1, "2023Q1 in_period age_band=": 1,
            "2023Q2 in_period age_band=0–17": 1,
        ])
    }

    @Test func unknownSexIsTheEmptyCategory() throws {
        var f = WarehouseFixture()
        f.person("P000001", sex: "K")
        f.person("P000002", sex: "M")
        f.person("P000003", sex: nil)
        f.person("P000004", sex: "K")
        for p in ["P000001", "P000002", "P000003", "P000004"] { f.consult("lead", p, on: "2023-02-01") }
        let warehouse = try f.warehouse()
        try warehouse.compute("persons_supported", breakdowns: [BreakdownSpec(key: "sex", column: "sex")])
        let figures = try warehouse.figures("persons_supported").filter { $0.key.hasPrefix("2023Q1 in_period") }
        #expect(figures == [
            "2023Q1 in_period": 4, "2023Q1 in_period sex=": 1, "2023Q1 in_period sex=K": 2, "2023Q1 in_period sex=M": 1,
        ])
    }

    /// Three consultations, one anonymous and two of the same person: three consultations, one person.
    @Test func consultationsCountAnonymousOnes() throws {
        var f = WarehouseFixture()
        f.person("P000001")
        f.consult("other", "P000001", on: "2023-02-01", topic: "praca")
        f.consult("other", "P000001", on: "2023-02-08", topic: "praca")
        f.consult("other", nil, on: "2023-02-09", topic: "zdrowie")
        let warehouse = try f.warehouse()
        try warehouse.compute("consultations", breakdowns: [BreakdownSpec(key: "topic", column: "topic")])
        try warehouse.compute("persons_supported")
        let consultations = try warehouse.figures("consultations").filter { $0.key.hasPrefix("2023Q1 in_period") }
        #expect(consultations == [
            "2023Q1 in_period": 3, "2023Q1 in_period topic=praca": 2, "2023Q1 in_period topic=zdrowie": 1,
        ])
        #expect(try warehouse.figures("persons_supported")["2023Q1 in_period"] == 1)
    }
}
