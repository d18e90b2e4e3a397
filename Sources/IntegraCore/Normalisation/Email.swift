/// E-mail addresses as one comparable form.
///
/// ```swift
/// Email.normalise("  Olena.K@Gmail.COM ")  // "olena.k@gmail.com"
/// Email.normalise("olena.k@gmail")         // nil
/// ```
public enum Email {
    /// Trimmed and lower-cased, or nil when the text is not `local@domain.tld`.
    ///
    /// Accepts a `mailto:` prefix and angle brackets (`<a@b.pl>`). Lower-casing the local part is not what the
    /// standard says but what every mail provider partners' participants use does. The check is deliberately
    /// small: one `@`, no white space, a domain with a dot that neither starts nor ends it and no empty label.
    public static func normalise(_ text: String) -> String? {
        var address = TextNormalisation.clean(text).lowercased()
        if address.hasPrefix("mailto:") { address.removeFirst("mailto:".count) }
        if address.hasPrefix("<"), address.hasSuffix(">") { address = String(address.dropFirst().dropLast()) }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !address.contains(where: \.isWhitespace) else { return nil }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }) else { return nil }
        return address
    }
}
