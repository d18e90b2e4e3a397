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
        if let ascii = cleanASCII(text) { return ascii }
        if isCleanAndComposed(text) { return text }
        var visible = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            switch visibility(scalar) {
            case .space:
                pendingSpace = !visible.isEmpty
                continue
            case .invisible:
                continue
            case .visible:
                break
            }
            if pendingSpace {
                visible.append(" ")
                pendingSpace = false
            }
            visible.append(scalar)
        }
        let result = String(visible)
        // Text of scalars below U+0300 (Latin-1, Latin Extended-A and -B) or in the Cyrillic blocks without their
        // combining marks is already composed: no character there decomposes or composes with another under NFC
        // (their NFC_Quick_Check is Yes; the combining marks that compose start at U+0300). Only other text pays
        // for Foundation's normalisation.
        let composed = result.unicodeScalars.allSatisfy { $0 == "\r" || standsAlone($0.value) }
        return composed ? result : result.precomposedStringWithCanonicalMapping
    }

    /// A scalar that is a character of its own and that no NFC step changes, whatever stands around it: below
    /// U+0300 (Latin-1, Latin Extended-A and -B) but the carriage return (which with a line feed is one character),
    /// the Cyrillic blocks without their combining marks, and the punctuation ledgers and titles write (dashes,
    /// quotes, bullets, the ellipsis: U+2010–U+2027, U+2030–U+205E; currency signs; `№`) — none of them decomposes
    /// canonically (U+2000 and U+2001 do, and are left out), composes with a neighbour or extends one. Text of such
    /// scalars needs no Unicode tables: `clean` skips NFC for it, and the report writer counts its characters as
    /// scalars.
    public static func standsAlone(_ v: UInt32) -> Bool {
        if v < 0x300 { return v != 0x0D }
        return (0x400...0x52F).contains(v) && !(0x483...0x489).contains(v) || (0x2010..<0x2028).contains(v)
            || (0x2030..<0x205F).contains(v) || (0x20A0..<0x20C0).contains(v) || v == 0x2116
    }

    /// Whether `clean` would return the text unchanged: no white space but single inner spaces (U+0020), nothing
    /// invisible, and every scalar standing alone (most cells of Polish and Ukrainian text).
    private static func isCleanAndComposed(_ text: String) -> Bool {
        var previousSpace = true
        for scalar in text.unicodeScalars {
            guard standsAlone(scalar.value) else { return false }
            switch visibility(scalar) {
            case .invisible: return false
            case .space:
                guard scalar == " ", !previousSpace else { return false }
                previousSpace = true
            case .visible:
                previousSpace = false
            }
        }
        return !previousSpace
    }

    enum Visibility { case space, invisible, visible }

    /// White space (`isWhitespace`), invisible (general category format or control) or visible. Below U+0300 and in
    /// the Cyrillic blocks — Polish and Ukrainian text — by the code point, without a Unicode table lookup per
    /// character (every cell of every row passes here); elsewhere by the scalar's properties.
    static func visibility(_ scalar: Unicode.Scalar) -> Visibility {
        let v = scalar.value
        if v < 0x300 || (0x400...0x52F).contains(v) {
            switch v {
            case 0x09...0x0D, 0x20, 0x85, 0xA0: return .space
            case 0x00...0x1F, 0x7F...0x9F, 0xAD: return .invisible
            default: return .visible
            }
        }
        if scalar.properties.isWhitespace { return .space }
        switch scalar.properties.generalCategory {
        case .format, .control: return .invisible
        default: return .visible
        }
    }

    /// `clean` for text of ASCII only, on its bytes (most cells): nil when the text has another character.
    private static func cleanASCII(_ text: String) -> String? {
        let utf8 = text.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        // Already clean: no white space other than single inner spaces, no control characters.
        var previousSpace = true
        var clean = true
        for byte in utf8 {
            let space = byte == 0x20
            if byte < 0x20 || byte == 0x7F || (space && previousSpace) {
                clean = false
                break
            }
            previousSpace = space
        }
        if clean, !previousSpace || utf8.isEmpty { return text }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var pendingSpace = false
        for byte in utf8 {
            // ASCII white space: tab, line feed, vertical tab, form feed, carriage return, space; the other C0
            // controls and DEL are invisible.
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                pendingSpace = !out.isEmpty
                continue
            }
            if byte < 0x20 || byte == 0x7F { continue }
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Cleans, lower-cases and removes diacritics from Latin letters (ł → l, ß → ss too), keeping Cyrillic letters.
    ///
    /// Foundation's `.diacriticInsensitive` folding is not used on purpose: it leaves `ł` alone and turns the
    /// Ukrainian letters `ї` and `й` into `і` and `и`, which are other letters. Here a character whose base is
    /// Cyrillic keeps its composed form and only loses stray accents (stress marks such as `о́`).
    public static func foldForMatching(_ text: String) -> String {
        let cleaned = clean(text)
        if cleaned.utf8.allSatisfy({ $0 < 0x80 }) { return cleaned.lowercased() }
        var folded = String.UnicodeScalarView()
        for character in cleaned.lowercased() {
            var scalars = character.unicodeScalars.makeIterator()
            guard let base = scalars.next() else { continue }
            // A character of one scalar below U+0530 (Latin, Greek, Cyrillic: nearly every character of a name)
            // is folded from the table; others, combining sequences included, by the rule below.
            if scalars.next() == nil, base.value < 0x530 {
                folded.append(contentsOf: foldedScalars[Int(base.value)].unicodeScalars)
                continue
            }
            fold(character, base: base, into: &folded)
        }
        return String(folded)
    }

    /// What `foldForMatching` makes of each one-scalar character below U+0530, by `fold`: Foundation's
    /// normalisation per character was most of the cost of folding.
    private static let foldedScalars: [String] = (0..<0x530).map { value in
        guard let scalar = Unicode.Scalar(UInt32(value)) else { return "" }
        var folded = String.UnicodeScalarView()
        fold(Character(scalar), base: scalar, into: &folded)
        return String(folded)
    }

    /// Folds one (lower-case) character: a Cyrillic one keeps its composed form without stray accents, others
    /// lose their combining marks and the diacritics `latinWithoutDecomposition` lists.
    private static func fold(_ character: Character, base: Unicode.Scalar, into folded: inout String.UnicodeScalarView) {
        if Alphabet.isCyrillic(base) {
            let composed = String(character).precomposedStringWithCanonicalMapping.unicodeScalars
            folded.append(contentsOf: composed.filter { $0.properties.generalCategory != .nonspacingMark })
            return
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
