import Foundation

/// An amount of money in grosze (1/100 zł), exact: never a floating-point value.
///
/// Partners' accounting exports write amounts in many Polish forms; ``parse(_:)`` reads them all:
///
/// ```swift
/// Money.parse("1 234,56 zł")   // 123456 grosze
/// Money.parse("1.234,56")      // 123456
/// Money.parse("1234.56")       // 123456
/// Money.parse("-50")           // -5000
/// Money(grosze: 123456).polish // "1 234,56"
/// ```
public struct Money: Sendable, Hashable, Comparable, Codable {
    /// The amount in grosze.
    public var grosze: Int64

    public init(grosze: Int64) {
        self.grosze = grosze
    }

    /// Encoded as the bare number of grosze (`123456`), not an object: a programme's stored ledger rows hold a
    /// million amounts.
    public init(from decoder: any Decoder) throws {
        grosze = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(grosze)
    }

    public static let zero = Money(grosze: 0)

    public static func < (a: Money, b: Money) -> Bool { a.grosze < b.grosze }
    public static func + (a: Money, b: Money) -> Money { Money(grosze: a.grosze + b.grosze) }
    public static func - (a: Money, b: Money) -> Money { Money(grosze: a.grosze - b.grosze) }
    public static func += (a: inout Money, b: Money) { a.grosze += b.grosze }

    /// The largest amount read: a trillion złoty, far above any grant, and far below `Int64` and the 2⁵³ grosze a
    /// SQLite `real` sum still holds exactly.
    public static let largest = Money(grosze: 100_000_000_000_000)

    /// `rate` of the amount (a flat rate, a partner's share), rounded half away from zero to the grosz: the rule
    /// Polish grant budgets apply ("zaokrąglenie do pełnych groszy"). `rate` is a fraction written as
    /// `numerator/denominator` so that no floating point enters the amount (7 % = 7/100, 12,5 % = 125/1000).
    public func share(numerator: Int64, denominator: Int64) -> Money {
        precondition(denominator > 0)
        let product = grosze.multipliedReportingOverflow(by: numerator)
        precondition(!product.overflow, "amount × rate overflows")
        let (q, r) = product.partialValue.quotientAndRemainder(dividingBy: denominator)
        // Half away from zero: |r| * 2 >= denominator rounds the magnitude up.
        if r.magnitude * 2 >= UInt64(denominator) { return Money(grosze: q + (product.partialValue < 0 ? -1 : 1)) }
        return Money(grosze: q)
    }

    /// `1 234,56` (a non-breaking-free space between thousands, comma before grosze, minus sign for negatives).
    public var polish: String {
        let negative = grosze < 0
        let magnitude = grosze.magnitude
        let zl = String(magnitude / 100)
        let gr = magnitude % 100
        var grouped = ""
        for (i, ch) in zl.enumerated() {
            if i > 0 && (zl.count - i) % 3 == 0 { grouped.append(" ") }
            grouped.append(ch)
        }
        return (negative ? "-" : "") + grouped + "," + (gr < 10 ? "0" : "") + String(gr)
    }

    /// `1234.56`: for CSV in the RFC 4180 dialect and for JSON.
    public var plain: String {
        let magnitude = grosze.magnitude
        let gr = magnitude % 100
        return (grosze < 0 ? "-" : "") + String(magnitude / 100) + "." + (gr < 10 ? "0" : "") + String(gr)
    }

    /// Reads an amount as Polish accounting programs and Excel write it; nil when the text is not one amount.
    ///
    /// Accepted: an optional sign (or accounting parentheses `(1 234,56)`), digits grouped by spaces (also
    /// non-breaking), dots or apostrophes, a decimal comma or dot with at most two digits, and a currency word
    /// before or after (`zł`, `PLN`, `zl`); a lone dash is zero (Excel's accounting format). A lone separator followed by exactly three digits is a thousands
    /// separator when the other separator is also present (`1.234,56`), and a decimal otherwise only if fewer than
    /// three digits follow: `1.234` alone is ambiguous and is read as one thousand two hundred thirty-four, the way
    /// Polish Excel shows it. More than two decimals (`12,345`) with a comma are refused, not rounded.
    public static func parse(_ text: String) -> Money? {
        parsePlain(text) ?? parseInFull(text)
    }

    /// ``parse(_:)`` without its fast path for the commonest forms (the reference the fast path equals).
    static func parseInFull(_ text: String) -> Money? {
        var t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty, t.count <= 40 else { return nil }
        var negative = false
        // The currency word may stand outside accounting parentheses ("(1 234,56) zł") or inside them.
        t = withoutCurrency(t)
        if t.hasPrefix("(") && t.hasSuffix(")") {
            negative = true
            t = withoutCurrency(String(t.dropFirst().dropLast()))
        }
        // Excel's accounting format shows zero as a dash ("  -   zł").
        if ["-", "–", "—"].contains(t) { return .zero }
        if t.hasPrefix("-") || t.hasPrefix("−") {
            negative.toggle()
            t = String(t.dropFirst()).trimmingCharacters(in: .whitespaces)
        } else if t.hasPrefix("+") {
            t = String(t.dropFirst()).trimmingCharacters(in: .whitespaces)
        }
        if t.hasSuffix("-") {  // trailing minus of some ERP exports: "1 234,56-"
            negative.toggle()
            t = String(t.dropLast()).trimmingCharacters(in: .whitespaces)
        }
        // Digits and separators only; every kind of space is one grouping mark.
        var chars: [Character] = []
        for ch in t {
            switch ch {
            case "0"..."9", ",", ".": chars.append(ch)
            case " ", "\u{00A0}", "\u{202F}", "'", "’": chars.append(" ")
            default: return nil
            }
        }
        guard let first = chars.first, first.isNumber, chars.last!.isNumber else { return nil }
        // The decimal mark: of a comma and a dot both present, the later one; a lone mark followed by one or two
        // digits; a dot followed by three digits after at most three is a thousands dot; anything else is refused.
        let commas = chars.indices.filter { chars[$0] == "," }
        let dots = chars.indices.filter { chars[$0] == "." }
        var decimalAt: Int?
        var grouping: Character?
        if let c = commas.last, let d = dots.last {
            decimalAt = max(c, d)
            grouping = c > d ? "." : ","
            guard (c > d ? commas.count : dots.count) == 1 else { return nil }
        } else if let only = commas.last ?? dots.last {
            let count = commas.isEmpty ? dots.count : commas.count
            let mark = chars[only]
            let digitsAfter = chars.count - only - 1
            if count == 1 && (1...2).contains(digitsAfter) {
                decimalAt = only
            } else if count == 1 && digitsAfter == 3 && mark == "," {
                return nil  // "12,345": three decimals or a thousands comma; refused, never guessed
            } else {
                grouping = mark
            }
        }
        let integerChars = decimalAt.map { Array(chars[..<$0]) } ?? chars
        let fraction = decimalAt.map { String(chars[($0 + 1)...]) } ?? ""
        // "1.234,567", "1,234.5678": more than two decimals after the decimal mark are refused, never read as grosze.
        guard fraction.allSatisfy(\.isNumber), fraction.count <= 2 else { return nil }
        let marks = Set(integerChars.filter { !$0.isNumber })
        guard marks.isSubset(of: [" ", grouping ?? " "]), marks.count <= 1 else { return nil }
        let groups = integerChars.split(omittingEmptySubsequences: false, whereSeparator: { !$0.isNumber })
        if groups.count > 1 {
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        let digits = String(groups.joined())
        guard !digits.isEmpty, digits.count <= 16, let zl = Int64(digits) else { return nil }
        let gr: Int64 = fraction.isEmpty ? 0 : Int64(fraction.count == 1 ? fraction + "0" : fraction)!
        let total = zl * 100 + gr
        guard total <= largest.grosze else { return nil }
        return Money(grosze: negative ? -total : total)
    }

    /// The commonest forms, read from the bytes: optional ASCII blanks around, an optional minus, up to 16 digits
    /// (grouped in threes by single spaces or non-breaking spaces, or not at all), optionally a comma or dot with one
    /// or two digits after it, and optionally ` zł` or ` PLN` after (`1234,56`, `-12.5`, `1 234,56 zł`,
    /// `330.11 zł`). Nil for any other text, which ``parse(_:)`` then reads in full (to the same amount where both
    /// read it).
    static func parsePlain(_ text: String) -> Money? {
        var utf8 = text.utf8[...]
        func blank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        while let b = utf8.first, blank(b) { utf8 = utf8.dropFirst() }
        while let b = utf8.last, blank(b) { utf8 = utf8.dropLast() }
        // A currency word after the amount: "zł" (UTF-8 7A C5 82) or "PLN", with or without a space before it.
        if utf8.count > 2, utf8.suffix(3).elementsEqual([0x7A, 0xC5, 0x82]) || utf8.suffix(3).elementsEqual("PLN".utf8) {
            utf8 = utf8.dropLast(3)
            while let b = utf8.last, b == 0x20 { utf8 = utf8.dropLast() }
        }
        var negative = false
        if utf8.first == UInt8(ascii: "-") {
            negative = true
            utf8 = utf8.dropFirst()
        }
        var zl: Int64 = 0, digits = 0, gr: Int64 = 0, decimals = -1
        // Digits of the current group and whether a group mark was seen (then every group after the first has 3).
        var group = 0, grouped = false, afterMark = false
        var i = utf8.startIndex
        while i < utf8.endIndex {
            let b = utf8[i]
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                afterMark = false
                if decimals >= 0 {
                    decimals += 1
                    guard decimals <= 2 else { return nil }
                    gr = gr * 10 + Int64(b - 0x30)
                } else {
                    digits += 1
                    group += 1
                    guard digits <= 16 else { return nil }
                    zl = zl * 10 + Int64(b - 0x30)
                }
            case 0x20, 0xC2:
                // A space, or a non-breaking space (C2 A0), between groups of the whole złoty.
                if b == 0xC2 {
                    let next = utf8.index(after: i)
                    guard next < utf8.endIndex, utf8[next] == 0xA0 else { return nil }
                    i = next
                }
                guard decimals < 0, !afterMark, group >= 1, group <= 3, !grouped || group == 3 else { return nil }
                grouped = true
                afterMark = true
                group = 0
            case UInt8(ascii: ","), UInt8(ascii: "."):
                guard decimals < 0, digits > 0, !afterMark else { return nil }
                decimals = 0
            default:
                return nil
            }
            i = utf8.index(after: i)
        }
        guard digits > 0, decimals != 0, !afterMark, !grouped || group == 3 else { return nil }
        let total = zl * 100 + (decimals == 1 ? gr * 10 : gr)
        guard total <= largest.grosze else { return nil }
        return Money(grosze: negative ? -total : total)
    }

    /// The text without a currency word before or after it (`zł`, `zł.`, `zl`, `PLN`), trimmed.
    private static func withoutCurrency(_ text: String) -> String {
        var t = text
        let lowered = t.lowercased()
        for unit in ["pln", "zł.", "zl.", "zł", "zl"] {
            if lowered.hasSuffix(unit) {
                t = String(t.dropLast(unit.count))
                break
            }
            if lowered.hasPrefix(unit) {
                t = String(t.dropFirst(unit.count))
                break
            }
        }
        return t.trimmingCharacters(in: .whitespaces)
    }

    /// An amount from a number cell (XLSX): rounded to the grosz half away from zero, because a spreadsheet's
    /// binary double for 0,1 is not exactly 0,1; nil for values beyond ``largest`` or not finite.
    public static func fromNumber(_ value: Double) -> Money? {
        guard value.isFinite, abs(value) * 100 <= Double(largest.grosze) else { return nil }
        return Money(grosze: Int64((value * 100).rounded(.toNearestOrAwayFromZero)))
    }
}
