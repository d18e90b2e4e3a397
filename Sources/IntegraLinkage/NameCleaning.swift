import IntegraCore

/// A name cell made ready for comparison: forms of address, academic titles and bracketed remarks removed.
///
/// Hand-typed sheets carry "mgr Olena Kovalenko", "Pani Iryna", "Shevchenko (z d. Bondarenko)"; the extra words would
/// count as a different name. A cell left with no letter, or holding only a placeholder such as "brak" or "n/d",
/// is no name at all (nil), so it is missing evidence rather than a disagreement.
///
/// ```swift
/// NameCleaning.cleaned("mgr inż. Olena (Ołena)")  // "Olena"
/// NameCleaning.cleaned("brak")                    // nil
/// ```
public enum NameCleaning {
    public static func cleaned(_ text: String) -> String? {
        let visible = withoutBrackets(TextNormalisation.clean(text))
        let words = visible.split(separator: " ").map(String.init)
        let kept = words.filter { !isTitle($0) }
        let name = (kept.isEmpty ? words : kept).joined(separator: " ")
        guard name.contains(where: \.isLetter) else { return nil }
        if placeholders.contains(TextNormalisation.foldForMatching(name)) { return nil }
        return name
    }

    /// A first-name cell made ready: `cleaned`, and without a patronymic after the given name (Анастасия Николаевна,
    /// Pavlo Mykolaiovych, Paweł Mykołajowycz), which partners copy from documents that carry one and others leave
    /// out.
    ///
    /// ```swift
    /// NameCleaning.givenName("Анастасия Николаевна")  // "Анастасия"
    /// NameCleaning.givenName("Anna Maria")            // "Anna Maria"
    /// ```
    public static func givenName(_ text: String) -> String? {
        guard let name = cleaned(text) else { return nil }
        let words = name.split(separator: " ")
        guard words.count > 1 else { return name }
        let kept = [words[0]] + words.dropFirst().filter { !isPatronymic(String($0)) }
        return kept.joined(separator: " ")
    }

    /// Endings of Ukrainian, Russian and Belarusian patronymics, in Cyrillic, in passport Latin and in Polish
    /// transcription.
    static let patronymicEndings = [
        "ович", "евич", "євич", "івна", "ївна", "овна", "евна", "ична", "ічна", "ovych", "evych", "ovich", "evich",
        "ovna", "evna", "ivna", "yivna", "ichna", "ovycz", "owycz", "ewycz", "owicz", "ewicz", "owna", "ewna", "iwna",
    ]

    /// Whether a word is a patronymic by its ending (Petrivna, Mykolaiovych, Николаевна), six letters or more.
    public static func isPatronymic(_ word: String) -> Bool {
        let folded = TextNormalisation.foldForMatching(word)
        return folded.count >= 6 && patronymicEndings.contains { folded.hasSuffix($0) }
    }

    /// Words that are never part of a name; matched case- and diacritic-insensitively, with or without a dot.
    static let titles: Set<String> = [
        "mgr", "dr", "inz", "prof", "hab", "lek", "med", "lic", "pan", "pani", "panna", "p", "mr", "mrs", "ms", "miss",
        "пан", "пані", "пани", "гр", "г-н", "г-жа",
    ]

    /// Cell contents that say the name is unknown.
    static let placeholders: Set<String> = [
        "brak", "brak danych", "nie dotyczy", "n/d", "nd", "nieznane", "nieznany", "nieznana", "x", "xx", "xxx",
        "anonim", "anonimowy", "anonimowa", "anonymous", "unknown", "немає", "нет", "n.n.", "n.n", "nn", "n n", "nn.",
        "анонім", "анонімно", "аноним", "анонимно",
    ]

    /// A word is a title when every dot-separated part of it is one ("dr.", "dr.hab.", "inż."). A single "P" is a
    /// title only with its dot: without one it may be an initial.
    private static func isTitle(_ word: String) -> Bool {
        let folded = TextNormalisation.foldForMatching(word)
        if folded == "p" { return false }
        let parts = folded.split(separator: ".").map(String.init)
        return !parts.isEmpty && parts.allSatisfy(titles.contains)
    }

    /// Text with every `(…)`, `[…]` and `{…}` removed (an unclosed bracket removes the rest); spaces collapsed.
    private static func withoutBrackets(_ text: String) -> String {
        guard text.contains(where: { "([{".contains($0) }) else { return text }
        var out = ""
        var depth = 0
        for character in text {
            if "([{".contains(character) {
                depth += 1
                out.append(" ")
            } else if ")]}".contains(character) {
                depth = max(0, depth - 1)
            } else if depth == 0 {
                out.append(character)
            }
        }
        return TextNormalisation.clean(out)
    }
}
