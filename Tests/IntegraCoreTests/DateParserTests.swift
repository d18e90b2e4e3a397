import Testing

@testable import IntegraCore

@Suite struct DateParserTests {
    @Test(arguments: [
        // dots and dashes: day first, never ambiguous
        ("12.03.2023", "2023-03-12"), ("1.3.2023", "2023-03-01"), ("03.04.2023", "2023-04-03"),
        ("12.03.23", "2023-03-12"), ("12.03.30", "2030-03-12"), ("12.03.31", "1931-03-12"), ("05.07.85", "1985-07-05"),
        ("12-03-2023", "2023-03-12"), ("29.02.2024", "2024-02-29"), (" 12.03.2023\u{00A0}", "2023-03-12"),
        ("12.03.2023 r.", "2023-03-12"), ("12.03.2023r", "2023-03-12"),
        // year first
        ("2023-03-12", "2023-03-12"), ("2023-3-5", "2023-03-05"), ("2023.03.12", "2023-03-12"),
        ("2023/03/12", "2023-03-12"),
        // with a time
        ("2023-03-12T10:00:00", "2023-03-12"), ("2023-03-12 10:00", "2023-03-12"),
        ("2023-03-12T10:00:00.000+01:00", "2023-03-12"), ("2023-03-12T23:30:00Z", "2023-03-12"),
        ("12.03.2023 10:00", "2023-03-12"),
        // slashes with a certain order
        ("13/04/2023", "2023-04-13"), ("04/13/2023", "2023-04-13"), ("4/4/23", "2023-04-04"),
        // month names, abbreviations, Roman numerals
        ("12 marca 2023", "2023-03-12"), ("12 MARCA 2023", "2023-03-12"), ("12 Marzec 2023", "2023-03-12"),
        ("12 mar 2023", "2023-03-12"), ("12 mar. 2023", "2023-03-12"), ("1 października 2023 r.", "2023-10-01"),
        ("1 pazdziernika 2023", "2023-10-01"), ("3 maja 2023", "2023-05-03"), ("15 sierpnia 2023 roku", "2023-08-15"),
        ("5 wrz 2023", "2023-09-05"), ("31 grudnia 99", "1999-12-31"), ("12-mar-2023", "2023-03-12"),
        ("12 March 2023", "2023-03-12"), ("March 12, 2023", "2023-03-12"), ("12 Sept 2023", "2023-09-12"),
        ("12 березня 2023", "2023-03-12"), ("12 листопада 2023 року", "2023-11-12"),
        ("12 марта 2023 г.", "2023-03-12"),
        ("12 III 2023", "2023-03-12"), ("12.III.2023", "2023-03-12"), ("1 xii 2023", "2023-12-01"),
        // Excel serials as text
        ("44927", "2023-01-01"), ("44927.5", "2023-01-01"), ("44927,75", "2023-01-01"), ("45000", "2023-03-15"),
        ("1", "1900-01-01"), ("2958465", "9999-12-31"),
    ])
    func reads(text: String, iso: String) throws {
        let result = try #require(DateParser.parse(text))
        #expect(result.date.iso == iso)
        #expect(!result.isAmbiguous)
    }

    @Test(arguments: [
        "", "abc", "31.04.2023", "29.02.2023", "32.01.2023", "2023-13-01", "2023-02-30", "00.01.2023",
        "12.03", "12.03.", "1.2.3.4", "12.03.202", "123.03.2023", "12.03-2023", "12 foo 2023", "marca 2023",
        "13/13/2023", "0", "2958466", "12.03.2023 abc", "12 03 2023", "31 września 2023", "12 XIII 2023",
        "2023-03-12T", "1e5",
    ])
    func rejects(text: String) {
        #expect(DateParser.parse(text) == nil)
    }

    @Test func slashFormsWithSmallNumbersAreAmbiguous() throws {
        let dayFirst = try #require(DateParser.parse("03/04/2023"))
        #expect(dayFirst.date == LocalDate(year: 2023, month: 4, day: 3))
        #expect(dayFirst.isAmbiguous)
        let monthFirst = try #require(DateParser.parse("03/04/2023", preferDayFirst: false))
        #expect(monthFirst.date == LocalDate(year: 2023, month: 3, day: 4))
        #expect(monthFirst.isAmbiguous)
        #expect(DateParser.parse("3/4/23")?.isAmbiguous == true)
        #expect(DateParser.parse("13/04/2023", preferDayFirst: false)?.date == LocalDate(year: 2023, month: 4, day: 13))
        #expect(DateParser.parse("04/04/2023")?.isAmbiguous == false)
    }

    /// The fast path for `yyyy-mm-dd` and `dd.mm.yyyy` reads what the full reading reads: seeded random texts of
    /// ten digits and separators (impossible days among them).
    @Test func thePlainFastPathAgreesWithTheFullReading() {
        var read = 0
        // Every other text in a date's shape, so that both forms and impossible days are well covered.
        let texts = Self.propertyTexts(seed: 3, alphabet: "0123456789012345678901231.-/ ", lengths: 10...10) { next in
            let y = 1990 + next() % 50, m = next() % 14, d = next() % 33
            return next() % 2 == 0 ? "\(y)\(["-", ".", "/"][next() % 3])\(Self.pad(m))\(["-", ".", "/"][next() % 3])\(Self.pad(d))"
                : "\(Self.pad(d))\([".", "-", "/"][next() % 3])\(Self.pad(m))\([".", "-", "/"][next() % 3])\(y)"
        }
        for text in texts {
            if let fast = DateParser.plainDate(text) {
                read += 1
                #expect(DateParser.parseInFull(text) == DateParseResult(date: fast), "\(text)")
            }
            #expect(DateParser.parse(text) == DateParser.parseInFull(text), "\(text)")
        }
        #expect(read > 3_000)
    }

    /// `LocalDate(iso:)` reads ten bytes of digits and dashes directly; it agrees with the general reading on
    /// seeded random texts of dates' shapes (signs, spaces, impossible days, other lengths among them).
    @Test func theISOFastPathAgreesWithTheGeneralReading() {
        var dates = 0
        let texts = Self.propertyTexts(seed: 11, alphabet: "0123456789012345678901-+ x", lengths: 8...11) { next in
            "\(1990 + next() % 50)-\(Self.pad(next() % 14))-\(Self.pad(next() % 33))"
        }
        for text in texts {
            let fast = LocalDate(iso: text)
            #expect(fast == LocalDate(isoInFull: text), "\(text)")
            if fast != nil { dates += 1 }
        }
        #expect(dates > 10_000)
        #expect(LocalDate(iso: "2024-02-29") == LocalDate(year: 2024, month: 2, day: 29))
        #expect(LocalDate(iso: "2023-02-29") == nil)
        #expect(LocalDate(iso: "2023-+1-05") == LocalDate(isoInFull: "2023-+1-05"))
    }

    /// 40 000 seeded texts for the fast paths' property tests: every other one made by `shaped` (a date's shape),
    /// the rest random strings of `alphabet` with lengths in `lengths`.
    static func propertyTexts(
        seed: UInt64, alphabet: String, lengths: ClosedRange<Int>, shaped: (() -> Int) -> String
    ) -> [String] {
        let chars = Array(alphabet)
        var random = SeededGenerator(seed: seed)
        func next() -> Int { Int(random.next() >> 33) }
        return (0..<40_000).map { i in
            i % 2 == 0
                ? shaped(next)
                : String((0..<(lengths.lowerBound + next() % lengths.count)).map { _ in chars[next() % chars.count] })
        }
    }

    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    @Test func twoDigitYearPivotIsAParameter() {
        #expect(DateParser.parse("12.03.35")?.date.year == 1935)
        #expect(DateParser.parse("12.03.35", twoDigitYearPivot: 40)?.date.year == 2035)
        #expect(DateParser.parse("12.03.00")?.date.year == 2000)
        #expect(DateParser.parse("12.03.10", twoDigitYearPivot: 5)?.date.year == 1910)
    }

    @Test(arguments: [
        ("12.03.2023", "dd.MM.yyyy", "2023-03-12"), ("1.3.2023", "dd.MM.yyyy", "2023-03-01"),
        ("2023-03-12", "yyyy-MM-dd", "2023-03-12"), ("5/3/23", "d/M/yy", "2023-03-05"),
        ("03/12/2023", "MM/dd/yyyy", "2023-03-12"), ("12/03/2023", "dd/MM/yyyy", "2023-03-12"),
        ("20230312", "yyyyMMdd", "2023-03-12"), ("12.03.2023 r.", "dd.MM.yyyy r.", "2023-03-12"),
        (" 12.03.2023 ", "dd.MM.yyyy", "2023-03-12"),
    ])
    func readsExplicitFormat(text: String, format: String, iso: String) {
        #expect(DateParser.parse(text, format: format)?.iso == iso)
    }

    @Test(arguments: [
        ("2023-03-12", "dd.MM.yyyy"), ("12.03.2023", "dd.MM.yy"), ("12.03.23", "dd.MM.yyyy"),
        ("31.04.2023", "dd.MM.yyyy"), ("29.02.2023", "dd.MM.yyyy"), ("12.03.2023", "dd.MMM.yyyy"),
        ("12.03.2023", "dd.MM.yyy"), ("12.03.2023 10:00", "dd.MM.yyyy"), ("12.03.2023", "dd.MM.yyyy HH"),
        ("12.03.2023", "dd.dd.yyyy"), ("12/03/2023", "dd.MM.yyyy"), ("", "dd.MM.yyyy"),
    ])
    func rejectsExplicitFormat(text: String, format: String) {
        #expect(DateParser.parse(text, format: format) == nil)
    }
}
