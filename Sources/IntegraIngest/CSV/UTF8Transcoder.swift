import Foundation
import IntegraCore

/// Text bytes converted to UTF-8, with what was learnt on the way.
struct DecodedText {
    /// UTF-8 bytes without the byte-order mark: the input itself when it was UTF-8 already (a mapped file is not
    /// copied), a new buffer otherwise.
    enum Bytes {
        case original(Data)
        case converted([UInt8])
    }

    var bytes: Bytes
    var encoding: SourceEncoding
    var hadBOM: Bool
    /// Bytes that have no character in the source encoding and became U+FFFD.
    var substitutedCount: Int

    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch bytes {
        case .original(let data): return try data.withUnsafeBytes(body)
        case .converted(let array): return try array.withUnsafeBytes(body)
        }
    }

    /// The text as a `String` (tests and small files).
    var string: String { withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }
}

/// Detects a text file's encoding and converts its bytes to UTF-8, so one byte parser serves every encoding.
enum UTF8Transcoder {
    /// Converts `data` to UTF-8; `requested` nil means detect. A byte-order mark always decides the encoding.
    static func decode(_ data: Data, encoding requested: SourceEncoding?) throws -> DecodedText {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> DecodedText in
            if let (bomEncoding, bomLength) = byteOrderMark(raw) {
                let body = UnsafeRawBufferPointer(rebasing: raw[bomLength...])
                return try decode(body, as: bomEncoding, hadBOM: true) {
                    data.subdata(in: data.startIndex + bomLength..<data.endIndex)
                }
            }
            let encoding =
                requested ?? utf16WithoutBOM(raw) ?? (firstInvalidUTF8Offset(raw) == nil ? .utf8 : windowsEncoding(raw))
            return try decode(raw, as: encoding, hadBOM: false) { data }
        }
    }

    /// Decodes BOM-less bytes; `original` returns the bytes unchanged when they are already UTF-8, so a mapped
    /// file is not copied.
    private static func decode(
        _ raw: UnsafeRawBufferPointer, as encoding: SourceEncoding, hadBOM: Bool, original: () -> Data
    ) throws -> DecodedText {
        switch encoding {
        case .utf8:
            if let offset = firstInvalidUTF8Offset(raw) {
                throw IngestError(
                    .undecodableText,
                    "the file is not valid UTF-8 (byte \(offset + 1), line \(lineNumber(of: offset, in: raw))); "
                        + "set the source's encoding to windows-1250 or windows-1251, or save the file again as UTF-8")
            }
            return DecodedText(bytes: .original(original()), encoding: .utf8, hadBOM: hadBOM, substitutedCount: 0)
        case .utf16LE, .utf16BE:
            let bytes = try transcodeUTF16(raw, bigEndian: encoding == .utf16BE)
            return DecodedText(bytes: .converted(bytes), encoding: encoding, hadBOM: hadBOM, substitutedCount: 0)
        case .windows1250, .windows1251:
            let table = encoding == .windows1250 ? SingleByteTable.windows1250 : SingleByteTable.windows1251
            let (bytes, substituted) = table.transcode(raw)
            return DecodedText(
                bytes: .converted(bytes), encoding: encoding, hadBOM: hadBOM, substitutedCount: substituted)
        }
    }

    /// The encoding and length of a UTF-8 or UTF-16 byte-order mark at the start of `raw`.
    static func byteOrderMark(_ raw: UnsafeRawBufferPointer) -> (SourceEncoding, Int)? {
        if raw.count >= 3, raw[0] == 0xEF, raw[1] == 0xBB, raw[2] == 0xBF { return (.utf8, 3) }
        if raw.count >= 2, raw[0] == 0xFF, raw[1] == 0xFE { return (.utf16LE, 2) }
        if raw.count >= 2, raw[0] == 0xFE, raw[1] == 0xFF { return (.utf16BE, 2) }
        return nil
    }

    /// UTF-16 without a BOM shows as NUL bytes in every other position (the high bytes of ASCII characters);
    /// real UTF-8 or Windows text has no NUL bytes at all.
    static func utf16WithoutBOM(_ raw: UnsafeRawBufferPointer) -> SourceEncoding? {
        let pairs = min(raw.count, 1024) / 2
        guard pairs >= 2 else { return nil }
        var zerosEven = 0
        var zerosOdd = 0
        for i in 0..<pairs {
            if raw[2 * i] == 0 { zerosEven += 1 }
            if raw[2 * i + 1] == 0 { zerosOdd += 1 }
        }
        if zerosOdd * 4 >= pairs, zerosEven * 20 < pairs { return .utf16LE }
        if zerosEven * 4 >= pairs, zerosOdd * 20 < pairs { return .utf16BE }
        return nil
    }

    /// Offset of the first byte that breaks UTF-8 (overlong forms, surrogates and truncated sequences included).
    static func firstInvalidUTF8Offset(_ raw: UnsafeRawBufferPointer) -> Int? {
        let n = raw.count
        var i = 0
        while i < n {
            // Most partner text is ASCII: skip eight bytes at a time while no high bit is set.
            while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            guard i < n else { break }
            let b = raw[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                high = 0x9F
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F
            default: return i
            }
            guard i + length <= n, (low...high).contains(raw[i + 1]) else { return i }
            for k in 2..<length where !(0x80...0xBF).contains(raw[i + k]) { return i }
            i += length
        }
        return nil
    }

    /// Words seen in Windows-encoded text, counted to tell Windows-1250 from Windows-1251.
    struct WindowsTextScore: Equatable {
        /// Words mixing ASCII letters and high bytes: Polish (`Łódź`, `gęślą`).
        var mixedWords = 0
        /// Words of two or more high bytes and no ASCII letter: Cyrillic (`Олександр`).
        var highOnlyWords = 0
    }

    /// Polish in Windows-1250 is ASCII with sparse diacritics inside words; Cyrillic in Windows-1251 is whole words of
    /// bytes 0xC0–0xFF. Counting both kinds of word decides without a dictionary.
    static func windowsTextScore(_ raw: UnsafeRawBufferPointer) -> WindowsTextScore {
        var score = WindowsTextScore()
        var ascii = 0
        var high = 0
        SingleByteTable.letterClasses.withUnsafeBufferPointer { classes in
            for b in raw {
                switch classes[Int(b)] {
                case .asciiLetter:
                    ascii += 1
                case .highLetter:
                    high += 1
                case .other:
                    if high > 0 {
                        if ascii > 0 {
                            score.mixedWords += 1
                        } else if high >= 2 {
                            score.highOnlyWords += 1
                        }
                    }
                    ascii = 0
                    high = 0
                }
            }
        }
        if high > 0 {
            if ascii > 0 {
                score.mixedWords += 1
            } else if high >= 2 {
                score.highOnlyWords += 1
            }
        }
        return score
    }

    /// Windows-1251 when Cyrillic-looking words outnumber Polish-looking ones; Windows-1250 otherwise (the Polish
    /// default, also for pure ASCII).
    static func windowsEncoding(_ raw: UnsafeRawBufferPointer) -> SourceEncoding {
        let score = windowsTextScore(raw)
        return score.highOnlyWords > score.mixedWords ? .windows1251 : .windows1250
    }

    /// Converts UTF-16 to UTF-8, refusing unpaired surrogates and an odd trailing byte.
    static func transcodeUTF16(_ raw: UnsafeRawBufferPointer, bigEndian: Bool) throws -> [UInt8] {
        let units = raw.count / 2
        var out: [UInt8] = []
        out.reserveCapacity(raw.count + raw.count / 2)
        func unit(_ k: Int) -> UInt32 {
            let a = UInt32(raw[2 * k])
            let b = UInt32(raw[2 * k + 1])
            return bigEndian ? a << 8 | b : b << 8 | a
        }
        func invalid(_ k: Int) -> IngestError {
            IngestError(
                .undecodableText,
                "the file is not valid UTF-16 (byte \(2 * k + 1)); save it again as UTF-8 or set the source's encoding")
        }
        var k = 0
        while k < units {
            var scalar = unit(k)
            if (0xD800...0xDBFF).contains(scalar) {
                guard k + 1 < units, (0xDC00...0xDFFF).contains(unit(k + 1)) else { throw invalid(k) }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (unit(k + 1) - 0xDC00)
                k += 1
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw invalid(k)
            }
            appendUTF8(scalar, to: &out)
            k += 1
        }
        if raw.count % 2 != 0 { throw invalid(units) }
        return out
    }

    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// 1-based line of a byte offset, counting LF (CRLF counts once; a lone CR is rare enough to ignore here).
    static func lineNumber(of offset: Int, in raw: UnsafeRawBufferPointer) -> Int {
        var line = 1
        for b in raw[..<offset] where b == 0x0A { line += 1 }
        return line
    }
}

/// A Windows code page as UTF-8 byte sequences, built once from Foundation's tables.
struct SingleByteTable: Sendable {
    /// The UTF-8 bytes of each byte value's character, packed little-endian into the low bytes.
    private let packed: [UInt32]
    private let lengths: [UInt8]
    /// Byte values without a character in this code page (decoded as U+FFFD).
    private let undefined: [Bool]
    private let letters: [Bool]

    static let windows1250 = SingleByteTable(.windowsCP1250)
    static let windows1251 = SingleByteTable(.windowsCP1251)

    enum LetterClass: Sendable { case other, asciiLetter, highLetter }

    /// ASCII letters, and high bytes that are letters in Windows-1250 or Windows-1251 (punctuation such as „ – « »
    /// § is neither).
    static let letterClasses: [LetterClass] = (0..<256).map { b in
        if b < 0x80 { return Character(Unicode.Scalar(UInt8(b))).isLetter ? .asciiLetter : .other }
        return windows1250.isLetter(UInt8(b)) || windows1251.isLetter(UInt8(b)) ? .highLetter : .other
    }

    private init(_ encoding: String.Encoding) {
        var packed = [UInt32](repeating: 0, count: 256)
        var lengths = [UInt8](repeating: 0, count: 256)
        var undefined = [Bool](repeating: false, count: 256)
        var letters = [Bool](repeating: false, count: 256)
        for b in 0..<256 {
            var scalar = Unicode.Scalar(UInt8(b))
            if b >= 0x80 {
                // Foundation maps undefined bytes (0x98 in Windows-1251) to C1 controls without complaint; no defined
                // character of these code pages is a C1 control, so treat those as undefined.
                let decoded = String(data: Data([UInt8(b)]), encoding: encoding)?.unicodeScalars
                if let decoded, decoded.count == 1, let s = decoded.first, !(0x80...0x9F).contains(s.value) {
                    scalar = s
                } else {
                    scalar = "\u{FFFD}"
                    undefined[b] = true
                }
            }
            letters[b] = Character(scalar).isLetter
            let utf8 = Array(String(scalar).utf8)
            lengths[b] = UInt8(utf8.count)
            for (k, byte) in utf8.enumerated() { packed[b] |= UInt32(byte) << (8 * UInt32(k)) }
        }
        self.packed = packed
        self.lengths = lengths
        self.undefined = undefined
        self.letters = letters
    }

    func isLetter(_ byte: UInt8) -> Bool { letters[Int(byte)] }

    /// The UTF-8 form of `raw` and the number of undefined bytes replaced by U+FFFD.
    func transcode(_ raw: UnsafeRawBufferPointer) -> ([UInt8], Int) {
        var length = 0
        var substituted = 0
        lengths.withUnsafeBufferPointer { lengths in
            undefined.withUnsafeBufferPointer { undefined in
                for b in raw {
                    length += Int(lengths[Int(b)])
                    if undefined[Int(b)] { substituted += 1 }
                }
            }
        }
        // Each character is stored as four bytes and the cursor advances by its length, so the buffer has three
        // bytes of slack that are never part of the result.
        let out = [UInt8](unsafeUninitializedCapacity: length + 3) { buffer, initialized in
            let base = UnsafeMutableRawPointer(buffer.baseAddress!)
            packed.withUnsafeBufferPointer { packed in
                lengths.withUnsafeBufferPointer { lengths in
                    var j = 0
                    for b in raw {
                        if b < 0x80 {
                            base.storeBytes(of: b, toByteOffset: j, as: UInt8.self)
                            j += 1
                        } else {
                            base.storeBytes(of: packed[Int(b)].littleEndian, toByteOffset: j, as: UInt32.self)
                            j += Int(lengths[Int(b)])
                        }
                    }
                    initialized = j
                }
            }
        }
        return (out, substituted)
    }
}
