import Foundation

/// How ledgers and budgets write the places of an expenditure in the budget: task numbers, budget lines, cost
/// categories and planned periods, read to one form so that a ledger's `Zad. 1` meets the budget's `1`.
///
/// ```swift
/// BudgetCode.task("Zadanie 1")        // "1"
/// BudgetCode.line("poz. 1.1.")        // "1.1"
/// CostCategory.parse("Koszty personelu")   // .personnel
/// BudgetPeriod.parse("I kw. 2024")    // "2024Q1"
/// ```
public enum BudgetCode {
    /// A task number: the first number in the text, dots inside it kept and a trailing dot dropped ("Zadanie 1",
    /// "Zad. 1", "1.", "1" → "1"); text without a digit is kept as written (cleaned).
    public static func task(_ text: String) -> String { code(text) }

    /// A budget line: the dotted number in the text ("1.1.", "poz. 1.1", "1.1 Wynagrodzenie lektora" → "1.1").
    public static func line(_ text: String) -> String { code(text) }

    static func code(_ text: String) -> String {
        let cleaned = TextNormalisation.clean(text)
        let chars = Array(cleaned)
        guard let start = chars.firstIndex(where: \.isASCIIDigitCharacter) else { return cleaned }
        var end = start
        while end < chars.count, chars[end].isASCIIDigitCharacter || chars[end] == "." { end += 1 }
        var number = String(chars[start..<end])
        while number.hasSuffix(".") { number.removeLast() }
        return number
    }
}

extension CostCategory {
    /// The category a ledger or budget writes: "koszty personelu", "personel", "wynagrodzenia" → personnel;
    /// "bezpośrednie", "koszty bezpośrednie" → direct; "pośrednie", "koszty pośrednie", "ryczałt" → indirect;
    /// "cross-financing", "CF" → cross_financing; the English names and raw values too. Nil for anything else.
    public static func parse(_ text: String) -> CostCategory? {
        let folded = TextNormalisation.foldForMatching(text)
            .replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        let key = folded.split(separator: " ").joined(separator: " ")
        switch key {
        case "personnel", "personel", "koszty personelu", "wynagrodzenia", "koszty wynagrodzen", "kp",
            "personnel costs", "staff costs", "staff":
            return .personnel
        case "direct", "bezposrednie", "koszty bezposrednie", "koszt bezposredni", "kb", "direct costs",
            "pozostale koszty bezposrednie", "inne koszty bezposrednie":
            return .direct
        case "indirect", "posrednie", "koszty posrednie", "koszt posredni", "ryczalt", "koszty posrednie ryczalt",
            "indirect costs", "flat rate":
            return .indirect
        case "cross financing", "cf", "crossfinancing", "cross financing costs":
            return .crossFinancing
        default:
            return nil
        }
    }
}

/// The period a budget column or cell plans an amount for: a year (`2024`) or a quarter (`2024Q3`).
public enum BudgetPeriod {
    /// The id of the period a header or cell names, or nil: "2024", "2024 r.", "rok 2024" → "2024";
    /// "2024Q1", "2024 Q1", "Q1 2024", "Q1/2024", "I kw. 2024", "1 kw. 2024", "I kwartał 2024", "kw. I 2024",
    /// "2024-Q1" → "2024Q1". Years from 2000 to 2099 only, so an amount is never taken for a year.
    public static func parse(_ text: String) -> String? {
        let folded = TextNormalisation.foldForMatching(text)
        var words: [String] = []
        var current = ""
        func flush() {
            if !current.isEmpty { words.append(current) }
            current = ""
        }
        // Split into runs of digits and runs of letters ("2024q1" → "2024", "q", "1").
        for ch in folded {
            if ch.isASCIIDigitCharacter {
                if let last = current.last, !last.isASCIIDigitCharacter { flush() }
                current.append(ch)
            } else if ch.isLetter {
                if let last = current.last, last.isASCIIDigitCharacter { flush() }
                current.append(ch)
            } else {
                flush()
            }
        }
        flush()
        var year: Int?
        var quarter: Int?
        var expectQuarter = false
        var i = 0
        while i < words.count {
            let w = words[i]
            if w.count == 4, let y = Int(w), (2000...2099).contains(y) {
                guard year == nil else { return nil }
                year = y
            } else if ["q", "kw", "kwartal", "kwartalu", "quarter"].contains(w) {
                expectQuarter = true
                // "q1", "kw. I": the number may follow; "I kw.": it may precede (taken below).
                if i + 1 < words.count, let q = quarterNumber(words[i + 1]), quarter == nil {
                    quarter = q
                    i += 1
                }
            } else if ["r", "rok", "roku", "year"].contains(w) {
                // "2024 r.", "rok 2024"
            } else if let q = quarterNumber(w), quarter == nil, i + 1 < words.count,
                ["q", "kw", "kwartal", "quarter"].contains(words[i + 1])
            {
                quarter = q
                expectQuarter = true
                i += 1
            } else {
                return nil
            }
            i += 1
        }
        guard let year else { return nil }
        if expectQuarter {
            guard let quarter else { return nil }
            return "\(year)Q\(quarter)"
        }
        return String(year)
    }

    private static func quarterNumber(_ w: String) -> Int? {
        switch w {
        case "1", "i": 1
        case "2", "ii": 2
        case "3", "iii": 3
        case "4", "iv": 4
        default: nil
        }
    }

    /// The last day of a period id (`2024` → 2024-12-31, `2024Q1` → 2024-03-31); nil for `project` or others.
    public static func end(of id: String) -> LocalDate? {
        guard id.count >= 4, let year = Int(id.prefix(4)) else { return nil }
        if id.count == 4 { return LocalDate(year: year, month: 12, day: 31) }
        guard id.count == 6, id.dropFirst(4).first == "Q", let q = Int(id.suffix(1)), (1...4).contains(q) else {
            return nil
        }
        let month = q * 3
        return LocalDate(year: year, month: month, day: LocalDate.daysInMonth(year: year, month: month))
    }
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { ("0"..."9").contains(self) }
}
