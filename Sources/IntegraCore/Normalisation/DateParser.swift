/// A date read from text, and whether its day and month could have been the other way round.
public struct DateParseResult: Hashable, Sendable {
    public var date: LocalDate
    /// True for a slash form whose first two numbers are both 12 or less and differ (`03/04/2023`): the order was
    /// a guess (`preferDayFirst`).
    public var isAmbiguous: Bool

    public init(date: LocalDate, isAmbiguous: Bool = false) {
        self.date = date
        self.isAmbiguous = isAmbiguous
    }
}

/// Reads the dates partners write, without Foundation's `DateFormatter` (whose time zones shift dates).
///
/// ```swift
/// DateParser.parse("12.03.2023")?.date          // 2023-03-12
/// DateParser.parse("12 marca 2023 r.")?.date    // 2023-03-12
/// DateParser.parse("03/04/2023")                // 2023-04-03, isAmbiguous: true
/// DateParser.parse("44927")?.date               // 2023-01-01 (an Excel serial)
/// DateParser.parse("5/3/23", format: "d/M/yy")  // 2023-03-05
/// ```
public enum DateParser {
    /// Reads a date in any of the usual forms; nil when the text is not a date or names a day that does not exist.
    ///
    /// Forms: `dd.mm.yyyy`, `d.m.yyyy`, `dd.mm.yy`, `dd-mm-yyyy` (dots and dashes are always day first),
    /// `d/m/yyyy`, `d/m/yy` (ambiguous when both numbers are 12 or less, then read by `preferDayFirst`),
    /// `yyyy-mm-dd`, `yyyy.mm.dd`, `yyyy/mm/dd`, any of these followed by a time (`2023-03-12T10:00:00`,
    /// `12.03.2023 10:00`), a month as a name or abbreviation in Polish, English, Ukrainian or Russian, in any case
    /// or inflection (`12 marca 2023`, `12 mar. 2023`, `March 12, 2023`, `12 березня 2023`) or in Roman numerals
    /// (`12 III 2023`), with or without a trailing `r.`/`roku`; and Excel serial numbers written as text (`44927`,
    /// `44927.5`, `44927,5`; 1…2958465, three or more digits before a fraction so `12.03` is not serial 12). A bare
    /// `2023` is therefore serial 2023 (1905-07-15): callers that know the expected range should check it.
    /// Two-digit years up to `twoDigitYearPivot` are 20xx, later ones 19xx.
    public static func parse(_ text: String, preferDayFirst: Bool = true, twoDigitYearPivot: Int = 30)
        -> DateParseResult?
    {
        if let plain = plainDate(text) { return DateParseResult(date: plain) }
        return parseInFull(text, preferDayFirst: preferDayFirst, twoDigitYearPivot: twoDigitYearPivot)
    }

    /// ``parse(_:preferDayFirst:twoDigitYearPivot:)`` without its fast path (the reference the fast path equals).
    static func parseInFull(_ text: String, preferDayFirst: Bool = true, twoDigitYearPivot: Int = 30) -> DateParseResult? {
        let cleaned = TextNormalisation.clean(text)
        if let serial = excelSerial(cleaned) {
            return serial.map { DateParseResult(date: $0) }
        }
        let body = withoutYearWord(withoutTime(cleaned))
        if let numeric = numericParts(body) {
            return numericDate(numeric, preferDayFirst: preferDayFirst, pivot: twoDigitYearPivot)
        }
        return namedMonthDate(body, pivot: twoDigitYearPivot).map { DateParseResult(date: $0) }
    }

    /// The two commonest forms, read from the bytes: exactly `yyyy-mm-dd` (or with dots or slashes) and
    /// `dd.mm.yyyy` (or with dashes), ten ASCII characters and nothing else; nil for any other text, or a day that
    /// does not exist, which the full reading then handles (to the same answer).
    static func plainDate(_ text: String) -> LocalDate? {
        guard text.utf8.count == 10 else { return nil }
        var text = text
        return text.withUTF8 { b -> LocalDate? in
            func digits(_ r: Range<Int>) -> Int? {
                var n = 0
                for i in r {
                    guard (0x30...0x39).contains(b[i]) else { return nil }
                    n = n * 10 + Int(b[i] - 0x30)
                }
                return n
            }
            let (dot, dash, slash) = (UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "/"))
            if b[4] == b[7], [dot, dash, slash].contains(b[4]), let y = digits(0..<4), let m = digits(5..<7),
                let d = digits(8..<10)
            {
                return LocalDate(year: y, month: m, day: d)
            }
            if b[2] == b[5], [dot, dash].contains(b[2]), let d = digits(0..<2), let m = digits(3..<5),
                let y = digits(6..<10)
            {
                return LocalDate(year: y, month: m, day: d)
            }
            return nil
        }
    }

    /// Reads a date in an explicit pattern built from `d`, `dd`, `M`, `MM`, `yy`, `yyyy` and literal characters.
    ///
    /// `d`/`dd` and `M`/`MM` read one or two digits (so `dd.MM.yyyy` also reads `1.3.2023`); `yy` reads exactly
    /// two digits (by `twoDigitYearPivot`) and `yyyy` exactly four. Any other letter run (`MMM`, `yyy`, `HH`)
    /// makes the pattern invalid and the result nil, as does text left over.
    public static func parse(_ text: String, format: String, twoDigitYearPivot: Int = 30) -> LocalDate? {
        let input = Array(TextNormalisation.clean(text))
        let pattern = Array(format)
        var position = 0
        var p = 0
        var day: Int?
        var month: Int?
        var year: Int?

        func readDigits(min: Int, max: Int) -> Int? {
            var count = 0
            while count < max, position + count < input.count, input[position + count].isASCII,
                input[position + count].isNumber
            {
                count += 1
            }
            guard count >= min else { return nil }
            defer { position += count }
            return Int(String(input[position..<position + count]))
        }

        while p < pattern.count {
            let symbol = pattern[p]
            guard "dMy".contains(symbol) else {
                guard position < input.count, input[position] == symbol else { return nil }
                position += 1
                p += 1
                continue
            }
            var run = 0
            while p + run < pattern.count, pattern[p + run] == symbol { run += 1 }
            p += run
            switch (symbol, run) {
            case ("d", 1...2):
                guard day == nil, let value = readDigits(min: 1, max: 2) else { return nil }
                day = value
            case ("M", 1...2):
                guard month == nil, let value = readDigits(min: 1, max: 2) else { return nil }
                month = value
            case ("y", 2):
                guard year == nil, let value = readDigits(min: 2, max: 2) else { return nil }
                year = fullYear(twoDigits: value, pivot: twoDigitYearPivot)
            case ("y", 4):
                guard year == nil, let value = readDigits(min: 4, max: 4) else { return nil }
                year = value
            default:
                return nil
            }
        }
        guard position == input.count, let day, let month, let year else { return nil }
        return LocalDate(year: year, month: month, day: day)
    }

    // MARK: - Pieces

    /// nil when the text is not a number; `.some(nil)` for a number outside Excel's date range.
    ///
    /// A number with a fraction needs three or more digits before it, so `12.03` (a day and month without a year,
    /// common in attendance headers) is not read as serial 12.
    private static func excelSerial(_ text: String) -> LocalDate?? {
        let parts = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "." || $0 == "," })
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isDigit) }),
            parts.count == 1 || parts[0].count >= 3, let whole = Int(parts[0])
        else { return nil }
        guard (1...2_958_465).contains(whole) else { return .some(nil) }
        return .some(LocalDate(excelSerial: Double(whole)))
    }

    /// The text without a trailing time of day (`T10:00:00`, ` 10:00`, `T10:00:00.000+01:00`).
    private static func withoutTime(_ text: String) -> String {
        guard let cut = text.lastIndex(where: { $0 == " " || $0 == "T" }) else { return text }
        let time = text[text.index(after: cut)...]
        guard let first = time.first, isDigit(first), time.contains(":"),
            time.allSatisfy({ isDigit($0) || ":.+-Z".contains($0) })
        else { return text }
        return TextNormalisation.clean(String(text[..<cut]))
    }

    /// The text without the Polish, Ukrainian or Russian word for "year" after the year (`2023 r.`, `2023 року`).
    private static func withoutYearWord(_ text: String) -> String {
        let lower = text.lowercased()
        for word in ["roku", "року", "года", "r.", "r", "р.", "р", "г.", "г"] where lower.hasSuffix(word) {
            let rest = text.dropLast(word.count)
            guard let last = rest.last, last == " " || isDigit(last) else { continue }
            return TextNormalisation.clean(String(rest))
        }
        return text
    }

    /// Three runs of digits joined by the same one of `.`, `-`, `/`.
    private static func numericParts(_ text: String) -> (parts: [Substring], separator: Character)? {
        guard let separator = text.first(where: { !isDigit($0) }), ".-/".contains(separator) else { return nil }
        let parts = text.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isDigit) }) else { return nil }
        return (parts, separator)
    }

    private static func numericDate(
        _ numeric: (parts: [Substring], separator: Character), preferDayFirst: Bool, pivot: Int
    ) -> DateParseResult? {
        let p = numeric.parts
        if p[0].count == 4 {
            guard p[1].count <= 2, p[2].count <= 2 else { return nil }
            return LocalDate(year: Int(p[0])!, month: Int(p[1])!, day: Int(p[2])!).map { DateParseResult(date: $0) }
        }
        guard p[0].count <= 2, p[1].count <= 2, p[2].count == 4 || p[2].count == 2 else { return nil }
        let first = Int(p[0])!
        let second = Int(p[1])!
        let year = p[2].count == 4 ? Int(p[2])! : fullYear(twoDigits: Int(p[2])!, pivot: pivot)
        var dayFirst = true
        var ambiguous = false
        if numeric.separator == "/" {
            switch (first <= 12, second <= 12) {
            case (true, true):
                dayFirst = preferDayFirst
                ambiguous = first != second
            case (false, true): dayFirst = true
            case (true, false): dayFirst = false
            case (false, false): return nil
            }
        }
        let (day, month) = dayFirst ? (first, second) : (second, first)
        return LocalDate(year: year, month: month, day: day).map { DateParseResult(date: $0, isAmbiguous: ambiguous) }
    }

    /// `12 marca 2023`, `12.III.2023`, `March 12, 2023`.
    private static func namedMonthDate(_ text: String, pivot: Int) -> LocalDate? {
        let tokens = text.split(whereSeparator: { " .,/-".contains($0) })
        guard tokens.count == 3, let yearToken = tokens.last, yearToken.allSatisfy(isDigit),
            yearToken.count == 4 || yearToken.count == 2
        else { return nil }
        let (dayToken, monthToken) = tokens[0].allSatisfy(isDigit) ? (tokens[0], tokens[1]) : (tokens[1], tokens[0])
        guard (1...2).contains(dayToken.count), dayToken.allSatisfy(isDigit),
            let month = monthNumbers[TextNormalisation.foldForMatching(String(monthToken))]
        else { return nil }
        let year = yearToken.count == 4 ? Int(yearToken)! : fullYear(twoDigits: Int(yearToken)!, pivot: pivot)
        return LocalDate(year: year, month: month, day: Int(dayToken)!)
    }

    private static func fullYear(twoDigits: Int, pivot: Int) -> Int {
        twoDigits <= pivot ? 2000 + twoDigits : 1900 + twoDigits
    }

    private static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }

    /// Month names, inflections and abbreviations, and Roman numerals, folded as `foldForMatching` folds them.
    private static let monthNumbers: [String: Int] = {
        let names: [[String]] = [
            // Polish: nominative, genitive, locative, abbreviation; English; Ukrainian and Russian: nom., gen.
            ["styczeń", "stycznia", "styczniu", "sty", "january", "jan", "січень", "січня", "январь", "января"],
            ["luty", "lutego", "lutym", "lut", "february", "feb", "лютий", "лютого", "февраль", "февраля"],
            ["marzec", "marca", "marcu", "mar", "march", "березень", "березня", "март", "марта"],
            ["kwiecień", "kwietnia", "kwietniu", "kwi", "april", "apr", "квітень", "квітня", "апрель", "апреля"],
            ["maj", "maja", "maju", "may", "травень", "травня", "май", "мая"],
            ["czerwiec", "czerwca", "czerwcu", "cze", "june", "jun", "червень", "червня", "июнь", "июня"],
            ["lipiec", "lipca", "lipcu", "lip", "july", "jul", "липень", "липня", "июль", "июля"],
            ["sierpień", "sierpnia", "sierpniu", "sie", "august", "aug", "серпень", "серпня", "август", "августа"],
            [
                "wrzesień", "września", "wrześniu", "wrz", "september", "sep", "sept", "вересень", "вересня",
                "сентябрь", "сентября",
            ],
            [
                "październik", "października", "październiku", "paź", "october", "oct", "жовтень", "жовтня",
                "октябрь", "октября",
            ],
            [
                "listopad", "listopada", "listopadzie", "lis", "november", "nov", "листопад", "листопада", "ноябрь",
                "ноября",
            ],
            ["grudzień", "grudnia", "grudniu", "gru", "december", "dec", "грудень", "грудня", "декабрь", "декабря"],
        ]
        let roman = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
        var table: [String: Int] = [:]
        for (index, forms) in names.enumerated() {
            for form in forms + [roman[index]] { table[TextNormalisation.foldForMatching(form)] = index + 1 }
        }
        return table
    }()
}
