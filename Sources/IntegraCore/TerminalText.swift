/// Text made safe to print on a terminal: control characters (an escape sequence in a file name, a bell, a carriage
/// return that overwrites the line, a bidirectional override) are shown as `\x1B`, `\u{202E}` and the like instead of
/// being obeyed. Line feeds in the middle are shown too; the caller adds its own.
///
/// ```swift
/// TerminalText.sanitized("lista\u{1B}[2J.csv")   // "lista\\x1B[2J.csv"
/// ```
public enum TerminalText {
    public static func sanitized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += scalar.value < 0x100
                    ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex : "\\u{\(hex)}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// C0 and C1 controls, DEL, and the bidirectional embeddings, overrides and isolates.
    static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || (0x202A...0x202E).contains(s.value)
            || (0x2066...0x2069).contains(s.value)
    }
}
