/// The character encodings partner text files come in.
///
/// Excel on Polish Windows saves CSV as Windows-1250; Ukrainian and Russian machines save Windows-1251; newer
/// exports are UTF-8 (often with a byte-order mark) and "Unicode text" is UTF-16LE.
///
/// ```swift
/// SourceEncoding(name: "cp1250")        // .windows1250
/// SourceEncoding.windows1251.rawValue   // "windows-1251"
/// ```
public enum SourceEncoding: String, Sendable, Codable, CaseIterable {
    case utf8 = "utf-8"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    case windows1250 = "windows-1250"
    case windows1251 = "windows-1251"

    /// Accepts the usual spellings of an encoding name, ignoring case, hyphens, underscores and spaces:
    /// `UTF8`, `utf-8-sig`, `UTF-16`, `unicode`, `cp1250`, `Windows-1250`, `win1251`, `1251`.
    ///
    /// `UTF-16` and `unicode` without a byte order mean little-endian, as Windows writes them.
    public init?(name: String) {
        let key = String(name.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " })
        switch key {
        case "utf8", "utf8sig", "utf8bom": self = .utf8
        case "utf16", "utf16le", "unicode", "ucs2", "ucs2le": self = .utf16LE
        case "utf16be", "unicodebigunmarked", "ucs2be": self = .utf16BE
        case "windows1250", "cp1250", "win1250", "1250", "mscp1250", "xcp1250": self = .windows1250
        case "windows1251", "cp1251", "win1251", "1251", "mscp1251", "xcp1251": self = .windows1251
        default: return nil
        }
    }
}
