/// A Polish tax identification number (NIP): ten digits, the last a checksum.
///
/// Written with dashes or spaces (`123-456-32-18`, `123 456 32 18`) and often with the `PL` prefix of the EU VAT
/// number; read to its ten digits. The checksum: the first nine digits weighted 6 5 7 2 3 4 5 6 7, summed, modulo
/// 11, equals the tenth digit (a remainder of 10 is never issued).
///
/// ```swift
/// NIP("PL 526-104-08-28").digits   // "5261040828"
/// NIP("526-104-08-29").digits      // nil: the checksum is wrong
/// ```
public struct NIP: Sendable, Hashable {
    /// The ten digits when the text is a NIP with a valid checksum; nil otherwise.
    public let digits: String?

    static let weights = [6, 5, 7, 2, 3, 4, 5, 6, 7]

    public init(_ text: String) {
        var t = Substring(text.uppercased())
        while let first = t.first, first.isWhitespace { t = t.dropFirst() }
        if t.hasPrefix("PL") { t = t.dropFirst(2) }
        var digits: [Int] = []
        for ch in t {
            if let d = ch.wholeNumberValue, ch.isASCII {
                digits.append(d)
            } else if !(ch == "-" || ch == " " || ch == "\u{00A0}" || ch == ".") {
                self.digits = nil
                return
            }
        }
        guard digits.count == 10, digits.contains(where: { $0 != 0 }) else {
            self.digits = nil
            return
        }
        let sum = zip(digits, Self.weights).reduce(0) { $0 + $1.0 * $1.1 }
        self.digits = sum % 11 == digits[9] ? digits.map(String.init).joined() : nil
    }

    public var isValid: Bool { digits != nil }
}
