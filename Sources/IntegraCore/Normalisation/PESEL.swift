/// A Polish national identification number (PESEL) read from a cell, with its check and what it encodes.
///
/// `RRMMDDPPPPK`: birth date with the century in the month (+80 → 1800s, +0 → 1900s, +20 → 2000s, +40 → 2100s,
/// +60 → 2200s), a serial whose last digit is even for women, and a check digit.
///
/// ```swift
/// let pesel = PESEL("02211307589")
/// pesel.validation  // .valid
/// pesel.birthDate   // 2002-01-13
/// pesel.sex         // .female
/// ```
public struct PESEL: Hashable, Sendable {
    /// The eleven digits; nil when the text was not eleven digits.
    public let digits: String?
    /// Whether the number is a PESEL, or the first reason it is not.
    public let validation: PESELValidation

    /// Reads a cell; white space (including no-break spaces) is ignored, any other non-digit is an error.
    ///
    /// Excel drops the leading zero of a PESEL typed into a number cell (people born 1900–1909 and 2000–2009), so a
    /// ten-digit text is read with a zero put back when `restoringLeadingZero` is true and the result validates;
    /// otherwise it is `.wrongLength`.
    public init(_ text: String, restoringLeadingZero: Bool = false) {
        // Most cells are plain ASCII digits and spaces: read on the bytes, without Unicode properties.
        let ascii = text.utf8.allSatisfy { $0 < 0x80 }
        let compact =
            ascii
            ? String(decoding: text.utf8.filter { !($0 == 0x20 || (0x09...0x0D).contains($0)) }, as: UTF8.self)
            : String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
        guard compact.allSatisfy(\.isASCIIDigitCharacter) else {
            digits = nil
            validation = .nonDigits
            return
        }
        if compact.count == 10, restoringLeadingZero {
            let restored = PESEL("0" + compact)
            if restored.validation == .valid {
                self = restored
                return
            }
        }
        guard compact.count == 11 else {
            digits = nil
            validation = .wrongLength
            return
        }
        digits = compact
        let values = compact.map { $0.wholeNumberValue! }
        let weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
        let sum = zip(values, weights).map(*).reduce(0, +)
        if (10 - sum % 10) % 10 != values[10] {
            validation = .badChecksum
        } else if PESEL.decodeBirthDate(values) == nil {
            validation = .impossibleDate
        } else {
            validation = .valid
        }
    }

    /// True when `validation` is `.valid`.
    public var isValid: Bool { validation == .valid }

    /// The birth date the digits encode, whether or not the check digit is right; nil when there is no such date.
    public var birthDate: LocalDate? {
        digits.flatMap { PESEL.decodeBirthDate($0.map { $0.wholeNumberValue! }) }
    }

    /// The sex the tenth digit encodes (even, zero included, is female), whether or not the check digit is right.
    public var sex: Sex? {
        guard let digits else { return nil }
        let tenth = digits[digits.index(digits.startIndex, offsetBy: 9)].wholeNumberValue!
        return tenth % 2 == 0 ? .female : .male
    }

    /// Which of the given birth date and sex disagree with the number; a nil argument is not compared.
    ///
    /// ```swift
    /// PESEL("44051401359").disagreements(birthDate: LocalDate(year: 1944, month: 5, day: 14), sex: .female)
    /// // [.sex]
    /// ```
    public func disagreements(birthDate date: LocalDate?, sex stated: Sex?) -> PESELDisagreement {
        var found: PESELDisagreement = []
        if let date, let encoded = birthDate, encoded != date { found.insert(.birthDate) }
        if let stated, let encoded = sex, encoded != stated { found.insert(.sex) }
        return found
    }

    private static func decodeBirthDate(_ d: [Int]) -> LocalDate? {
        let yy = d[0] * 10 + d[1]
        let encodedMonth = d[2] * 10 + d[3]
        let day = d[4] * 10 + d[5]
        let (century, month): (Int, Int)
        switch encodedMonth {
        case 81...92: (century, month) = (1800, encodedMonth - 80)
        case 1...12: (century, month) = (1900, encodedMonth)
        case 21...32: (century, month) = (2000, encodedMonth - 20)
        case 41...52: (century, month) = (2100, encodedMonth - 40)
        case 61...72: (century, month) = (2200, encodedMonth - 60)
        default: return nil
        }
        return LocalDate(year: century + yy, month: month, day: day)
    }
}

/// The outcome of checking a PESEL, in the order the checks run.
public enum PESELValidation: String, Hashable, Sendable, Codable {
    case valid
    /// Not eleven digits.
    case wrongLength
    /// Holds something other than digits and white space.
    case nonDigits
    /// The eleventh digit is not the check digit of the first ten.
    case badChecksum
    /// The check digit is right but the digits do not encode a real date (month 13, 30 February).
    case impossibleDate
}

/// The fields of a record that disagree with its PESEL.
public struct PESELDisagreement: OptionSet, Hashable, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let birthDate = PESELDisagreement(rawValue: 1 << 0)
    public static let sex = PESELDisagreement(rawValue: 1 << 1)
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
