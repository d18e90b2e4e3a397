/// Telephone numbers in E.164 form, for comparing the same phone written in different ways.
///
/// ```swift
/// PhoneNumber.e164("600 100 200")        // "+48600100200"
/// PhoneNumber.e164("067-123-45-67")      // "+380671234567"
/// PhoneNumber.e164("(0048) 600-100-200") // "+48600100200"
/// ```
public enum PhoneNumber {
    /// The number as `+<country><number>`, or nil when it is not a phone number this function understands.
    ///
    /// Spaces, dashes, dots, slashes and parentheses are ignored; `00` stands for `+`. Polish numbers: `+48` or
    /// `0048` and nine digits, or nine digits alone. Ukrainian numbers: `+380`/`00380`/`380` and nine digits, or ten
    /// digits starting with the trunk `0` (`0671234567`). Other `+` numbers are kept when they have 8 to 15
    /// digits, as E.164 allows. Letters, extensions and two numbers in one cell give nil.
    public static func e164(_ text: String) -> String? {
        var digits = ""
        var plus = false
        for character in TextNormalisation.clean(text) {
            if character == "+", digits.isEmpty, !plus {
                plus = true
            } else if character.isASCII, character.isNumber {
                digits.append(character)
            } else if !" -./()".contains(character) {
                return nil
            }
        }
        if !plus, digits.hasPrefix("00") {
            digits.removeFirst(2)
            plus = true
        }
        if plus {
            if digits.hasPrefix("48") { return digits.count == 11 ? "+" + digits : nil }
            if digits.hasPrefix("380") { return digits.count == 12 ? "+" + digits : nil }
            return (8...15).contains(digits.count) && !digits.hasPrefix("0") ? "+" + digits : nil
        }
        if digits.count == 9, !digits.hasPrefix("0") { return "+48" + digits }
        if digits.count == 10, digits.hasPrefix("0") { return "+380" + digits.dropFirst() }
        if digits.count == 12, digits.hasPrefix("380") { return "+" + digits }
        return nil
    }
}
