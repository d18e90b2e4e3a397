/// Hides what looks like personal data in text that is not a cell but may have been typed by a partner: a sheet
/// name, a group label, a column header. A PESEL-like run of 9 digits or more, a phone number (`600 100 200`,
/// `+48 600-100-200`, `22 123 45 67`) and an e-mail address become `***`; everything else is kept.
///
/// Applied to every location and detail that `diagnostics.csv`, `data-quality.xlsx` and the terminal show, so that a
/// hidden sheet named with a PESEL does not reach a file that goes back to the partner.
///
/// ```swift
/// PersonalDataMask.mask("Kowalski 85010112345")   // "Kowalski ***"
/// PersonalDataMask.mask("tel. +48 600 100 200")   // "tel. ***"
/// PersonalDataMask.mask("Arkusz1")                // "Arkusz1"
/// ```
public enum PersonalDataMask {
    public static let placeholder = "***"

    /// `text` with PESEL-, phone- and e-mail-like parts replaced by ``placeholder``.
    ///
    /// Works on Unicode scalars, ASCII compared directly: every diagnostic's location and detail pass through here
    /// (hundreds of thousands at programme scale), and `Character` properties cost a Unicode table lookup each.
    public static func mask(_ text: String) -> String {
        // Nothing to mask without an `@` or nine ASCII digits in all.
        var digits = 0
        var candidate = false
        for b in text.utf8 {
            if b == UInt8(ascii: "@") {
                candidate = true
                break
            }
            if b &- UInt8(ascii: "0") < 10 {
                digits += 1
                if digits >= 9 {
                    candidate = true
                    break
                }
            }
        }
        guard candidate else { return text }
        let chars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < chars.count {
            if let end = emailEnd(chars, at: i) ?? numberEnd(chars, at: i) {
                out.append(contentsOf: placeholder.unicodeScalars)
                i = end
            } else {
                out.append(chars[i])
                i += 1
            }
        }
        return String(out)
    }

    /// True when `mask` would change `text`.
    public static func containsPersonalData(_ text: String) -> Bool { mask(text) != text }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value &- 0x30 < 10 }

    /// A letter, a digit (of any script), a combining mark, or one of `._%+-`: what an e-mail address is made of.
    private static func isWordChar(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII {
            switch c {
            case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "%", "+", "-": return true
            default: return false
            }
        }
        let p = c.properties
        return p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
            || p.generalCategory == .spacingMark || p.generalCategory == .enclosingMark
    }

    /// The end of a phone- or PESEL-like number starting at `i`: digits in groups separated by one space or dash,
    /// with an optional leading `+`, 9 digits or more in all, not inside a longer word of digits.
    private static func numberEnd(_ chars: [Unicode.Scalar], at i: Int) -> Int? {
        if i > 0, isDigit(chars[i - 1]) { return nil }
        var j = i
        if chars[j] == "+" { j += 1 }
        guard j < chars.count, isDigit(chars[j]) else { return nil }
        var digits = 0
        var end = j
        var group = 0
        var firstGroup = true
        while j < chars.count {
            if isDigit(chars[j]) {
                digits += 1
                group += 1
                // After the first group, a phone's groups are short; a longer one starts something else (a date).
                if !firstGroup && group > 3 { return digits - group >= 9 ? end : nil }
                j += 1
            } else if chars[j] == " " || chars[j] == "-", j + 1 < chars.count, isDigit(chars[j + 1]) {
                end = j
                firstGroup = false
                group = 0
                j += 1
                continue
            } else {
                break
            }
            end = j
        }
        return digits >= 9 ? end : nil
    }

    /// The end of an e-mail-like word containing `@` when one starts at `i` (after a space or the start).
    private static func emailEnd(_ chars: [Unicode.Scalar], at i: Int) -> Int? {
        if i > 0, isWordChar(chars[i - 1]) || chars[i - 1] == "@" { return nil }
        var j = i
        while j < chars.count, isWordChar(chars[j]) { j += 1 }
        guard j > i, j < chars.count, chars[j] == "@" else { return nil }
        j += 1
        let domainStart = j
        while j < chars.count, isWordChar(chars[j]) { j += 1 }
        let domain = chars[domainStart..<j]
        guard domain.contains("."), domain.last != "." else { return nil }
        return j
    }
}
