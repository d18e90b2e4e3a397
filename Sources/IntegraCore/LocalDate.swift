/// A calendar date without a time zone, as partners write it in their sheets.
///
/// Reports, SQL and the warehouse use the ISO form (`2023-03-12`); comparisons are by year, month, day.
///
/// ```swift
/// let d = LocalDate(year: 2023, month: 3, day: 12)!
/// d.iso            // "2023-03-12"
/// d.polish         // "12.03.2023"
/// ```
public struct LocalDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date, or returns nil when the day does not exist (31 April, 29 February of a common year).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= LocalDate.daysInMonth(year: year, month: month)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses the ISO form `yyyy-mm-dd` only; see `DateParser` for the forms partners write.
    public init?(iso: String) {
        // Ten ASCII bytes, digits and two dashes, as the warehouse stores every date, are read from the bytes (the
        // document list reads 400 000 of them); anything else goes the general way, which gives the same answer for
        // these (a property test holds the two equal).
        var text = iso
        if let plain = text.withUTF8(LocalDate.plainISO) {
            guard let plain else { return nil }
            self = plain
        } else {
            self.init(isoInFull: iso)
        }
    }

    /// What ten bytes of digits and dashes say: a date, or `.some(nil)` for a day that does not exist; nil when the
    /// bytes are not of that form.
    static func plainISO(_ b: UnsafeBufferPointer<UInt8>) -> LocalDate?? {
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let digit = Int(b[i]) &- 0x30
                guard digit >= 0, digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        return .some(LocalDate(year: y, month: m, day: d))
    }

    /// The general reading of `init(iso:)`: the string split at dashes.
    init?(isoInFull iso: String) {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        case 2: return isLeapYear(year) ? 29 : 28
        default: return 0
        }
    }

    /// `yyyy-mm-dd`.
    public var iso: String {
        pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    /// `dd.mm.yyyy`, the form Polish readers expect.
    public var polish: String {
        pad(day, 2) + "." + pad(month, 2) + "." + pad(year, 4)
    }

    public var description: String { iso }

    /// Quarter of the year, 1...4.
    public var quarter: Int { (month - 1) / 3 + 1 }

    /// Days since 1970-01-01 (negative before), by the proleptic Gregorian calendar.
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// The date `n` days later (earlier for negative `n`).
    public func adding(days n: Int) -> LocalDate { LocalDate(daysSinceEpoch: daysSinceEpoch + n) }

    /// Whole years from `self` (a birth date) to `date`: the age on that date.
    public func age(on date: LocalDate) -> Int {
        var years = date.year - year
        if (date.month, date.day) < (month, day) { years -= 1 }
        return years
    }

    /// The date of an Excel serial number (whole days; a fraction is a time of day and is dropped).
    ///
    /// The 1900 system counts the fictitious 1900-02-29 as serial 60, so serials below 61 are shifted by one day.
    public init?(excelSerial serial: Double, date1904: Bool = false) {
        guard serial.isFinite, serial >= 1, serial < 2_958_466 else { return nil }
        var whole = Int(serial.rounded(.down))
        if date1904 {
            self.init(daysSinceEpoch: whole - 24_107)
        } else {
            if whole < 61 { whole += 1 }
            self.init(daysSinceEpoch: whole - 25_569)
        }
    }

    /// The Excel 1900-system serial of this date.
    public var excelSerial: Int { daysSinceEpoch + 25_569 }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = LocalDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a yyyy-mm-dd date"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}

@inline(__always)
private func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
