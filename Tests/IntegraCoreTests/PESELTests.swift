import IntegraCore
import Testing

@Suite struct PESELTests {
    /// Vectors from DOMAIN.md, then computed ones for each century and each failure.
    @Test(arguments: [
        ("44051401359", PESELValidation.valid, LocalDate(year: 1944, month: 5, day: 14), Sex.male),
        ("44051401358", .badChecksum, LocalDate(year: 1944, month: 5, day: 14), .male),
        ("02122401358", .valid, LocalDate(year: 1902, month: 12, day: 24), .male),
        ("02211307589", .valid, LocalDate(year: 2002, month: 1, day: 13), .female),
        ("90810112343", .valid, LocalDate(year: 1890, month: 1, day: 1), .female),
        ("05410100029", .valid, LocalDate(year: 2105, month: 1, day: 1), .female),
        ("00620100038", .valid, LocalDate(year: 2200, month: 2, day: 1), .male),
        ("24222900005", .valid, LocalDate(year: 2024, month: 2, day: 29), .female),
        ("88123100045", .valid, LocalDate(year: 1988, month: 12, day: 31), .female),
        ("00023000009", .impossibleDate, nil, .female),
        ("44130100007", .impossibleDate, nil, .female),
    ])
    func decodes(text: String, validation: PESELValidation, birthDate: LocalDate?, sex: Sex) {
        let pesel = PESEL(text)
        #expect(pesel.validation == validation)
        #expect(pesel.digits == text)
        #expect(pesel.birthDate == birthDate)
        #expect(pesel.sex == sex)
    }

    @Test(arguments: [
        ("", PESELValidation.wrongLength), ("4405140135", .wrongLength), ("440514013590", .wrongLength),
        ("4405140135X", .nonDigits), ("44-05-14-01359", .nonDigits), ("4.40514E+10", .nonDigits),
        ("٤٤٠٥١٤٠١٣٥٩", .nonDigits),
    ])
    func rejects(text: String, validation: PESELValidation) {
        let pesel = PESEL(text)
        #expect(pesel.validation == validation)
        #expect(pesel.digits == nil)
        #expect(pesel.birthDate == nil)
        #expect(pesel.sex == nil)
        #expect(!pesel.isValid)
    }

    @Test func whiteSpaceIsIgnored() {
        #expect(PESEL(" 440514 01359\u{00A0}").digits == "44051401359")
        #expect(PESEL(" 440514 01359\u{00A0}").isValid)
    }

    @Test func leadingZeroRestoredOnlyWhenAskedAndValid() {
        #expect(PESEL("2122401358").validation == .wrongLength)
        #expect(PESEL("2122401358", restoringLeadingZero: true).digits == "02122401358")
        #expect(PESEL("2122401357", restoringLeadingZero: true).validation == .wrongLength)
    }

    @Test func disagreements() {
        let pesel = PESEL("02211307589")
        let born = LocalDate(year: 2002, month: 1, day: 13)
        #expect(pesel.disagreements(birthDate: born, sex: .female) == [])
        #expect(pesel.disagreements(birthDate: born, sex: .male) == [.sex])
        #expect(pesel.disagreements(birthDate: LocalDate(year: 2002, month: 1, day: 14), sex: .female) == [.birthDate])
        #expect(
            pesel.disagreements(birthDate: LocalDate(year: 1902, month: 1, day: 13), sex: .male) == [.birthDate, .sex])
        #expect(pesel.disagreements(birthDate: nil, sex: nil) == [])
        #expect(PESEL("123").disagreements(birthDate: born, sex: .male) == [])
    }
}
