import Foundation

/// The JSON form of a row's cells in the warehouse: text as strings, numbers as numbers, dates as
/// `{"date": "yyyy-mm-dd"}`, booleans, errors as `{"error": "#N/A"}`, empty cells as `null`.
///
/// Readable by any SQLite client (`json_extract(cells_json, '$[1]')`) and decoded back to the same cells.
/// ```swift
/// CellJSON.encode([.string("Olena"), .number(3), .empty])   // ["Olena",3,null]
/// ```
public enum CellJSON {
    public static func encode(_ cells: [CellValue]) -> String {
        var end = cells.count
        while end > 0, case .empty = cells[end - 1] { end -= 1 }
        // Written as bytes: a programme's ingest encodes a million rows.
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(16 * end + 2)
        for (i, cell) in cells[..<end].enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            switch cell {
            case .empty: out += "null".utf8
            case .string(let s): appendQuoted(s, to: &out)
            case .number(let d): out += (d.isFinite ? number(d) : "null").utf8
            case .bool(let b): out += (b ? "true" : "false").utf8
            case .date(let d): out += "{\"date\":\"\(d.iso)\"}".utf8
            case .error(let e):
                out += "{\"error\":".utf8
                appendQuoted(e, to: &out)
                out.append(UInt8(ascii: "}"))
            }
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes what `encode` wrote; nil for anything else.
    public static func decode(_ text: String) -> [CellValue]? {
        var p = Parser(bytes: Array(text.utf8))
        return p.array()
    }

    /// A parser for exactly the JSON subset `encode` writes (Foundation's JSONSerialization on Linux cannot tell
    /// `true` from `1`).
    private struct Parser {
        let bytes: [UInt8]
        var i = 0

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        mutating func expect(_ b: UInt8) -> Bool {
            skipSpace()
            guard i < bytes.count, bytes[i] == b else { return false }
            i += 1
            return true
        }

        mutating func literal(_ word: String) -> Bool {
            let w = Array(word.utf8)
            guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else { return false }
            i += w.count
            return true
        }

        mutating func array() -> [CellValue]? {
            guard expect(UInt8(ascii: "[")) else { return nil }
            var cells: [CellValue] = []
            if expect(UInt8(ascii: "]")) { return cells }
            repeat {
                guard let cell = value() else { return nil }
                cells.append(cell)
            } while expect(UInt8(ascii: ","))
            guard expect(UInt8(ascii: "]")) else { return nil }
            skipSpace()
            return i == bytes.count ? cells : nil
        }

        mutating func value() -> CellValue? {
            skipSpace()
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "n"): return literal("null") ? .empty : nil
            case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
            case UInt8(ascii: "\""): return string().map { .string($0) }
            case UInt8(ascii: "{"):
                i += 1
                guard let key = (skipSpaceThen { $0.string() }), expect(UInt8(ascii: ":")),
                    let value = (skipSpaceThen { $0.string() }), expect(UInt8(ascii: "}"))
                else { return nil }
                if key == "date", let d = LocalDate(iso: value) { return .date(d) }
                if key == "error" { return .error(value) }
                return nil
            default:
                let start = i
                while i < bytes.count, let c = Optional(bytes[i]),
                    (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x2B || c == 0x2E || c == 0x65 || c == 0x45
                {
                    i += 1
                }
                return Double(String(decoding: bytes[start..<i], as: UTF8.self)).map { .number($0) }
            }
        }

        mutating func skipSpaceThen<T>(_ body: (inout Parser) -> T?) -> T? {
            skipSpace()
            return body(&self)
        }

        mutating func string() -> String? {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
            i += 1
            var out: [UInt8] = []
            while i < bytes.count {
                let b = bytes[i]
                i += 1
                if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
                guard b == UInt8(ascii: "\\") else {
                    out.append(b)
                    continue
                }
                guard i < bytes.count else { return nil }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16),
                        let scalar = Unicode.Scalar(v)
                    else { return nil }
                    i += 4
                    out += Array(String(Character(scalar)).utf8)
                default: out.append(e)
                }
            }
            return nil
        }
    }

    /// JSON string literal with the escapes JSON requires.
    public static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 2)
        appendQuoted(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `s` as a JSON string: `"` and `\` escaped, control characters as `\n`, `\r`, `\t` or `\u00XX`, every
    /// other character as it is. Works on the UTF-8 bytes: every byte of a multi-byte character is 0x80 or above, so
    /// only single-byte characters are ever escaped.
    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                out += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")]
                out += [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Shortest text that reads back as the same double; integral values without a fraction.
    static func number(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }
}
