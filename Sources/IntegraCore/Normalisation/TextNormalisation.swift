import Foundation

/// Cleans cell text and folds it for case- and diacritic-insensitive comparison.
///
/// ```swift
/// TextNormalisation.clean("  Jan\u{00A0}\u{200B}Kowalski ")   // "Jan Kowalski"
/// TextNormalisation.foldForMatching("Data URODZENIA (Łódź)")  // "data urodzenia (lodz)"
/// TextNormalisation.foldForMatching("Їжак")                   // "їжак" — Cyrillic letters stay themselves
/// ```
public enum TextNormalisation {
    /// Trims, composes to NFC, drops invisible characters and collapses every run of white space to one space.
    ///
    /// Invisible characters are Unicode format characters (zero-width space and joiners, soft hyphen, byte order
    /// mark, direction marks) and control characters that are not white space. White space includes the no-break
    /// spaces Excel and web forms leave behind.
    public static func clean(_ text: String) -> String {
        var visible = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !visible.isEmpty
                continue
            }
            switch scalar.properties.generalCategory {
            case .format, .control: continue
            default: break
            }
            if pendingSpace {
                visible.append(" ")
                pendingSpace = false
            }
            visible.append(scalar)
        }
        return String(visible).precomposedStringWithCanonicalMapping
    }

    /// Cleans, lower-cases and removes diacritics from Latin letters (ł → l, ß → ss too), keeping Cyrillic letters.
    ///
    /// Foundation's `.diacriticInsensitive` folding is not used on purpose: it leaves `ł` alone and turns the
    /// Ukrainian letters `ї` and `й` into `і` and `и`, which are other letters. Here a character whose base is
    /// Cyrillic keeps its composed form and only loses stray accents (stress marks such as `о́`).
    public static func foldForMatching(_ text: String) -> String {
        var folded = String.UnicodeScalarView()
        for character in clean(text).lowercased() {
            guard let base = character.unicodeScalars.first else { continue }
            if Alphabet.isCyrillic(base) {
                let composed = String(character).precomposedStringWithCanonicalMapping.unicodeScalars
                folded.append(contentsOf: composed.filter { $0.properties.generalCategory != .nonspacingMark })
                continue
            }
            for scalar in String(character).decomposedStringWithCanonicalMapping.unicodeScalars
            where scalar.properties.generalCategory != .nonspacingMark {
                if let plain = latinWithoutDecomposition[scalar] {
                    folded.append(contentsOf: plain.unicodeScalars)
                } else {
                    folded.append(scalar)
                }
            }
        }
        return String(folded)
    }

    /// Latin letters whose diacritic is not a combining mark in Unicode, so canonical decomposition keeps them.
    private static let latinWithoutDecomposition: [Unicode.Scalar: String] = [
        "ł": "l", "đ": "d", "ð": "d", "ø": "o", "ħ": "h", "ı": "i", "ŀ": "l", "ß": "ss", "æ": "ae", "œ": "oe",
        "þ": "th",
    ]
}

/// Which writing system a scalar belongs to, for the few places that must not mix Latin and Cyrillic rules.
enum Alphabet {
    /// Cyrillic and Cyrillic Supplement blocks: every letter of Ukrainian, Russian and Belarusian.
    static func isCyrillic(_ scalar: Unicode.Scalar) -> Bool {
        (0x0400...0x052F).contains(scalar.value)
    }

    /// A Latin letter: ASCII letters and the Latin-1 Supplement to Latin Extended-B letters.
    static func isLatinLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A: return true
        case 0xC0...0x24F: return scalar.value != 0xD7 && scalar.value != 0xF7
        default: return false
        }
    }
}
