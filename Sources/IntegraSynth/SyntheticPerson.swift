import Foundation
import IntegraCore

/// A made-up person: the ground truth behind every row that names them.
struct SyntheticPerson {
    var index: Int
    var female: Bool
    var first: NameVariants
    var last: NameVariants
    var birthDate: LocalDate
    /// A valid PESEL, or nil for persons who have none.
    var pesel: String?
    /// ISO alpha-3 code.
    var citizenship: String
    var arrival: LocalDate

    /// The PESEL for a birth date and sex: century in the month, even 10th digit for women, check digit.
    static func makePESEL(birth: LocalDate, female: Bool, serial: Int) -> String {
        var month = birth.month
        switch birth.year {
        case 1800..<1900: month += 80
        case 2000..<2100: month += 20
        default: break
        }
        let sexDigit = female ? (serial % 5) * 2 : (serial % 5) * 2 + 1
        let body = String(format: "%02d%02d%02d%03d%d", birth.year % 100, month, birth.day, serial % 1000, sexDigit)
        let weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
        let sum = zip(body, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return body + String((10 - sum % 10) % 10)
    }
}
