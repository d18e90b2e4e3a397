import Foundation

/// An exact share (a flat rate, a flexibility) as a fraction, so that no floating point enters an amount.
///
/// ```swift
/// let rate = Rate.parse("7%")!               // 7/100
/// Rate.parse("12,5%")                        // 125/1000
/// rate.of(Money(grosze: 1_000_050))          // 70 004 grosze (70 003,5 rounded half away from zero)
/// ```
public struct Rate: Sendable, Hashable, Codable, CustomStringConvertible {
    public var numerator: Int64
    public var denominator: Int64

    public init(numerator: Int64, denominator: Int64) {
        precondition(denominator > 0)
        self.numerator = numerator
        self.denominator = denominator
    }

    public static let zero = Rate(numerator: 0, denominator: 1)

    /// `rate` of an amount, rounded half away from zero to the grosz (``Money/share(numerator:denominator:)``).
    public func of(_ amount: Money) -> Money { amount.share(numerator: numerator, denominator: denominator) }

    /// Reads `7%`, `7 %`, `12,5%`, `0.07`, `0,125` (a decimal share without `%`); nil for anything else, for
    /// negative shares and for more than six decimals.
    public static func parse(_ text: String) -> Rate? {
        var t = text.trimmingCharacters(in: .whitespaces)
        var percent = false
        if t.hasSuffix("%") {
            percent = true
            t = String(t.dropLast()).trimmingCharacters(in: .whitespaces)
        }
        let parts = t.replacingOccurrences(of: ",", with: ".").split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty || parts.count == 2 else { return nil }
        let whole = String(parts[0]), fraction = parts.count == 2 ? String(parts[1]) : ""
        guard whole.allSatisfy(\.isASCII), whole.allSatisfy(\.isNumber), fraction.allSatisfy(\.isASCII),
            fraction.allSatisfy(\.isNumber), whole.count <= 6, fraction.count <= 6, !(whole + fraction).isEmpty
        else { return nil }
        var denominator: Int64 = percent ? 100 : 1
        for _ in 0..<fraction.count { denominator *= 10 }
        guard let numerator = Int64(whole + fraction) else { return nil }
        return Rate(numerator: numerator, denominator: denominator).reduced
    }

    /// The same share in lowest terms.
    public var reduced: Rate {
        var a = numerator.magnitude, b = UInt64(denominator)
        while b != 0 { (a, b) = (b, a % b) }
        let g = Int64(max(a, 1))
        return Rate(numerator: numerator / g, denominator: denominator / g)
    }

    /// The share as a fraction, for display only (0.07): amounts are computed with ``of(_:)``, never with this.
    public var value: Double { Double(numerator) / Double(denominator) }

    /// Whether the share is at most 1 (100 %).
    public var isAtMostOne: Bool { numerator <= denominator }

    /// `7%`, `12.5%`: the share as a percentage, for messages.
    public var description: String {
        let hundredths = (numerator * 10_000) / denominator
        let whole = hundredths / 100, rest = hundredths % 100
        if rest == 0 { return "\(whole)%" }
        return rest % 10 == 0 ? "\(whole).\(rest / 10)%" : "\(whole).\(rest < 10 ? "0" : "")\(rest)%"
    }
}
