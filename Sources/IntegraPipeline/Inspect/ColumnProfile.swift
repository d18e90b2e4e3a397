import Foundation
import IntegraCore

/// What the cells of one column look like, counted with the same readers the normaliser uses: shares of valid
/// PESELs, dates, sexes, countries, CEFR levels, e-mails, phones, numbers and attendance marks.
///
/// Only counts leave this type, so evidence built from it carries no participant data.
struct ColumnProfile {
    /// How many non-blank cells were looked at.
    private(set) var count = 0
    private(set) var pesels = 0
    private(set) var dates = 0
    private(set) var sexes = 0
    private(set) var countries = 0
    private(set) var levels = 0
    private(set) var emails = 0
    private(set) var phones = 0
    private(set) var wholeNumbers = 0
    private(set) var numbers = 0
    private(set) var marks = 0
    private(set) var names = 0
    private(set) var amounts = 0
    private(set) var nips = 0
    /// The dates read, to tell birth dates (long before the sheet's other dates) from event dates.
    private(set) var parsedDates: [LocalDate] = []

    /// A kind of value a column can be full of.
    enum Check: CaseIterable {
        case pesel, date, sex, country, level, email, phone, wholeNumber, number, mark, name, amount, nip

        /// The plural phrase of evidence: "97 % of 31 values are valid PESELs".
        var phrase: String {
            switch self {
            case .pesel: return "valid PESELs"
            case .date: return "dates"
            case .sex: return "sexes (K/M, Kobieta/Mężczyzna, ж/ч…)"
            case .country: return "known countries"
            case .level: return "CEFR levels"
            case .email: return "e-mail addresses"
            case .phone: return "phone numbers"
            case .wholeNumber: return "whole numbers"
            case .number: return "numbers"
            case .mark: return "attendance marks"
            case .name: return "names (two to four capitalised words)"
            case .amount: return "amounts (1 234,56)"
            case .nip: return "valid NIPs"
            }
        }

        /// The check that fits a field's values, or nil for free text (names, group, topic…).
        init?(field: String) {
            switch field {
            case "pesel": self = .pesel
            case "birth_date", "arrival_date", "start_date", "end_date", "date", "issue_date", "payment_date": self = .date
            case "sex": self = .sex
            case "citizenship": self = .country
            case "level_in", "level_out": self = .level
            case "email": self = .email
            case "phone": self = .phone
            case "row_number": self = .wholeNumber
            case "minutes", "hours": self = .number
            case "net", "vat", "gross", "eligible", "eligible_vat", "amount": self = .amount
            case "supplier_nip": self = .nip
            default: return nil
            }
        }
    }

    /// How many values a column needs before its values alone may name its field.
    static let minimumForGuess = 3
    /// The share of values that must pass a check for the values alone to name the field.
    static let guessShare = 0.8
    /// At most this many cells per column are read: enough for evidence, fast on a large export.
    static let sampleLimit = 5_000

    private static let marksVocabulary = MarkVocabulary.Folded(extra: MarkVocabulary())

    init<S: Sequence>(_ cells: S) where S.Element == CellValue {
        for cell in cells where !cell.isBlank {
            if count == Self.sampleLimit { break }
            add(cell)
        }
    }

    private mutating func add(_ cell: CellValue) {
        count += 1
        let text = TextNormalisation.clean(cell.text)
        if PESEL(text, restoringLeadingZero: true).isValid { pesels += 1 }
        if let date = TableLayoutDetector.sessionDate(cell, formats: []) {
            dates += 1
            parsedDates.append(date)
        }
        if Sex(parsing: text) != nil { sexes += 1 }
        if Citizenship.isoAlpha3(text) != nil { countries += 1 }
        if CEFRLevel(parsing: text) != nil { levels += 1 }
        if Email.normalise(text) != nil { emails += 1 }
        if PhoneNumber.e164(text) != nil { phones += 1 }
        switch cell {
        case .number(let n):
            numbers += 1
            if n == n.rounded() { wholeNumbers += 1 }
        default:
            if !text.isEmpty, text.count <= 6, text.allSatisfy(\.isASCIIDigit) { wholeNumbers += 1 }
            if Double(text.replacingOccurrences(of: ",", with: ".")) != nil { numbers += 1 }
        }
        if Self.marksVocabulary.status(of: cell) != nil { marks += 1 }
        if Self.looksLikeName(text) { names += 1 }
        if RowContext.money(cell) != nil { amounts += 1 }
        if NIP(text).isValid { nips += 1 }
    }

    /// Two to four words of two or more letters each, every word capitalised (`Olena KOWALENKO`, `Бойко Анастасія`,
    /// `Anna Nowak-Kowalska`): a person's name rather than a topic, a place or a group.
    static func looksLikeName(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        guard (2...4).contains(words.count) else { return false }
        return words.allSatisfy { word in
            guard let first = word.first, first.isUppercase else { return false }
            return word.filter(\.isLetter).count >= 2 && word.allSatisfy { $0.isLetter || "-'’".contains($0) }
        }
    }

    func hits(_ check: Check) -> Int {
        switch check {
        case .pesel: return pesels
        case .date: return dates
        case .sex: return sexes
        case .country: return countries
        case .level: return levels
        case .email: return emails
        case .phone: return phones
        case .wholeNumber: return wholeNumbers
        case .number: return numbers
        case .mark: return marks
        case .name: return names
        case .amount: return amounts
        case .nip: return nips
        }
    }

    func share(_ check: Check) -> Double { count == 0 ? 0 : Double(hits(check)) / Double(count) }

    /// "97 % of 31 values are valid PESELs"; 100 % only when every value passes, 0 % only when none does.
    func evidence(_ check: Check) -> String {
        "\(Self.percent(hits(check), of: count)) of \(Self.values(count)) are \(check.phrase)"
    }

    /// "31 values", "1 value", "no values".
    static func values(_ n: Int) -> String {
        n == 0 ? "no values" : n == 1 ? "1 value" : "\(n) values"
    }

    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "0 %" }
        let p = (Double(part) * 100 / Double(whole)).rounded()
        let shown = part == whole ? 100 : part == 0 ? 0 : min(99, max(1, Int(p)))
        return "\(shown) %"
    }

    /// The field the values alone point to, with the evidence; nil when no check is convincing.
    ///
    /// Checks go from the most specific (a PESEL's checksum rarely passes by chance) to the least. Dates name a
    /// field only when they are birth dates: mostly 15 years or more before `latestElsewhere`, the latest date in
    /// the sheet's other columns and session headers, or, with no other dates, spread over ten years or more.
    func guess(latestElsewhere: LocalDate?) -> (field: String?, evidence: String)? {
        guard count >= Self.minimumForGuess else { return nil }
        let ordered: [(Check, String)] = [
            (.pesel, "pesel"), (.email, "email"), (.sex, "sex"), (.level, "level_in"), (.country, "citizenship"),
            (.date, "birth_date"), (.name, "full_name"), (.phone, "phone"),
        ]
        for (check, field) in ordered where share(check) >= Self.guessShare {
            guard check == .date else { return (field, evidence(check)) }
            if let latest = latestElsewhere {
                let cutoff = LocalDate(year: latest.year - 15, month: latest.month, day: 1) ?? latest
                if Double(parsedDates.filter { $0 < cutoff }.count) >= Self.guessShare * Double(parsedDates.count) {
                    return ("birth_date", evidence(.date) + ", mostly 15+ years before the sheet's other dates")
                }
            } else if let first = parsedDates.min(), let last = parsedDates.max(), last.year - first.year >= 10 {
                return ("birth_date", evidence(.date) + ", spread over 10+ years")
            }
            return (nil, evidence(.date) + ": a start, end, arrival or consultation date? map it by hand")
        }
        return nil
    }
}
