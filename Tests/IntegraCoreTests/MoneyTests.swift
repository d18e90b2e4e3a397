import Testing

@testable import IntegraCore

/// Amounts as Polish accounting programs and Excel write them, read to exact grosze.
@Suite struct MoneyTests {
    @Test(arguments: [
        ("1 234,56 zł", 123_456), ("1.234,56", 123_456), ("1234.56", 123_456), ("1 234", 123_400),
        ("(1 234,56)", -123_456), ("-50", -5_000), ("PLN 10", 1_000), ("10 PLN", 1_000), ("1234,56", 123_456),
        ("1\u{00A0}234,56", 123_456), ("1\u{202F}234,56\u{00A0}zł", 123_456), ("0,5", 50), ("0,05", 5), ("1.5", 150),
        ("1,234.56", 123_456), ("1 234 567,89", 123_456_789), ("1.234.567,89", 123_456_789),
        ("1,234,567", 123_456_700), ("1.234", 123_400), ("−50", -5_000), ("1 234,56-", -123_456),
        ("-1 234,56 zł", -123_456), ("+5", 500), ("0", 0), ("  12,50  ", 1_250), ("1'234.56", 123_456),
        ("10zł", 1_000), ("10 zł.", 1_000), ("10 zl", 1_000), ("zł 10,00", 1_000), ("PLN -10", -1_000),
        ("(1 234,56 zł)", -123_456), ("(1 234,56) zł", -123_456), ("1 234,5", 123_450), ("-0,00", 0),
        ("1 000 000 000 000", 100_000_000_000_000), (" - zł", 0), ("-", 0),
    ])
    func parses(_ text: String, _ grosze: Int64) {
        #expect(Money.parse(text) == Money(grosze: grosze), "\(text)")
    }

    @Test(arguments: [
        "12,345", "", "abc", "1,2,3", "12,3456", "1234,5678", "12 34,56", "1.234 567,89", "12.34.56", "1e5",
        "1.234,567", "1,234.5678", "1 234.", ",5", "1 000 000 000 000,01", "10 EUR", "1-2", "--5", "(-5)x",
        "1 234,56 zł zł",
    ])
    func refuses(_ text: String) {
        #expect(Money.parse(text) == nil, "\(text)")
    }

    /// The fast path for plain amounts (`1234,56`, `-12.5`) reads what the full reader reads, and leaves every
    /// other text to it: seeded random texts of digits, marks, signs and blanks.
    @Test func thePlainFastPathAgreesWithTheFullReader() {
        let pieces = [
            "0", "1", "2", "5", "9", "00", "123", "1 234", ",", ".", "-", " ", "\t", "zł", " zł", "PLN", "(", ")",
            "1234567890", "+", "\u{00A0}", "\u{00A0}234", " 567", "12",
        ]
        var random = SeededGenerator(seed: 19)
        func next() -> Int { Int(random.next() >> 33) }
        for _ in 0..<50_000 {
            let text = (0..<(next() % 8)).map { _ in pieces[next() % pieces.count] }.joined()
            if let fast = Money.parsePlain(text) {
                #expect(fast == Money.parseInFull(text), "\(text.debugDescription)")
            }
            #expect(Money.parse(text) == Money.parseInFull(text), "\(text.debugDescription)")
        }
        #expect(Money.parsePlain(" 1234,5 ") == Money(grosze: 123_450))
        #expect(Money.parsePlain("330.11 zł") == Money(grosze: 33_011))
        #expect(Money.parsePlain("-1 234 567,89 PLN") == Money(grosze: -123_456_789))
        #expect(Money.parsePlain("1\u{00A0}234,5") == Money(grosze: 123_450))
        #expect(Money.parsePlain("1 23,45") == nil && Money.parse("1 23,45") == nil)
        #expect(Money.parsePlain("1.234,56") == nil && Money.parse("1.234,56") == Money(grosze: 123_456))
    }

    @Test func formats() {
        #expect(Money(grosze: 123_456).polish == "1 234,56")
        #expect(Money(grosze: -5).polish == "-0,05")
        #expect(Money(grosze: 100_000_000).polish == "1 000 000,00")
        #expect(Money(grosze: 123_456).plain == "1234.56")
        #expect(Money(grosze: -100).plain == "-1.00")
    }

    @Test func numberCellsRoundToTheGrosz() {
        #expect(Money.fromNumber(0.1 + 0.2) == Money(grosze: 30))
        #expect(Money.fromNumber(1234.565) == Money(grosze: 123_457))
        #expect(Money.fromNumber(-2.5) == Money(grosze: -250))
        #expect(Money.fromNumber(.nan) == nil)
        #expect(Money.fromNumber(1e13) == nil)
    }

    /// Flat rates: half away from zero to the grosz.
    @Test func sharesRoundHalfAwayFromZero() {
        #expect(Money(grosze: 1_000_050).share(numerator: 7, denominator: 100) == Money(grosze: 70_004))
        #expect(Money(grosze: 50).share(numerator: 1, denominator: 100) == Money(grosze: 1))
        #expect(Money(grosze: 49).share(numerator: 1, denominator: 100) == Money(grosze: 0))
        #expect(Money(grosze: -50).share(numerator: 1, denominator: 100) == Money(grosze: -1))
        #expect(Money(grosze: 1_000).share(numerator: 125, denominator: 1_000) == Money(grosze: 125))
    }

    @Test func ratesAreExact() {
        #expect(Rate.parse("7%") == Rate(numerator: 7, denominator: 100))
        #expect(Rate.parse("12,5 %") == Rate(numerator: 1, denominator: 8))
        #expect(Rate.parse("0.07") == Rate(numerator: 7, denominator: 100))
        #expect(Rate.parse("100%")?.isAtMostOne == true)
        #expect(Rate.parse("150%")?.isAtMostOne == false)
        #expect(Rate.parse("-5%") == nil)
        #expect(Rate.parse("siedem") == nil)
        #expect(Rate.parse("12,5%")?.description == "12.5%")
        #expect(Rate.parse("7%")?.of(Money(grosze: 1_000_050)) == Money(grosze: 70_004))
    }
}
