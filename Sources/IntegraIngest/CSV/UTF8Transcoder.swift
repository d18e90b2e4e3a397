import Foundation
import IntegraCore

/// The encoding a text file was found to be in, and the length of the byte-order mark in front of its text.
struct DetectedEncoding: Equatable {
    var encoding: SourceEncoding
    /// 0 when the file has no byte-order mark.
    var byteOrderMarkLength: Int

    var hadBOM: Bool { byteOrderMarkLength > 0 }
}

/// Converts a text file's bytes to UTF-8 chunk by chunk, so one byte parser serves every encoding and memory does
/// not grow with the file.
///
/// A UTF-8 sequence, a UTF-16 code unit or a surrogate pair cut by the end of a chunk is held back until the next
/// chunk completes it. UTF-8 input is validated and passed on without copying.
///
/// ```swift
/// var transcoder = UTF8Transcoder(.windows1250)
/// try transcoder.decode(chunk) { utf8 in parser.consume(utf8, …) }   // for each chunk
/// try transcoder.finish { utf8 in … }
/// transcoder.substitutedCount    // undefined bytes read as U+FFFD
/// ```
struct UTF8Transcoder {
    /// A byte that cannot be decoded, 0-based from the start of the text (after any byte-order mark).
    struct Failure: Error, Equatable {
        var offset: Int
    }

    let encoding: SourceEncoding
    /// Bytes that have no character in the source encoding and became U+FFFD.
    private(set) var substitutedCount = 0
    /// Bytes of input taken before the current chunk.
    private var consumed = 0
    /// The start of a UTF-8 sequence, or the first byte of a UTF-16 code unit, that the last chunk cut off.
    private var pending: [UInt8] = []
    private var pendingOffset = 0
    /// A UTF-16 high surrogate waiting for its low half, and the offset of its first byte.
    private var highSurrogate: (unit: UInt32, offset: Int)?
    /// Converted text of the current chunk (encodings other than UTF-8); reused from chunk to chunk.
    private var output: [UInt8] = []

    init(_ encoding: SourceEncoding) {
        self.encoding = encoding
    }

    /// Converts the next chunk of input and passes its UTF-8 to `emit` (possibly in several pieces, possibly none).
    ///
    /// Throws `Failure` at the first byte that cannot be decoded, after emitting the text before it.
    mutating func decode(_ chunk: UnsafeRawBufferPointer, _ emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        switch encoding {
        case .utf8: try decodeUTF8(chunk, emit)
        case .utf16LE: try decodeUTF16(chunk, bigEndian: false, emit)
        case .utf16BE: try decodeUTF16(chunk, bigEndian: true, emit)
        case .windows1250: try decodeSingleByte(chunk, table: .windows1250, emit)
        case .windows1251: try decodeSingleByte(chunk, table: .windows1251, emit)
        }
        consumed += chunk.count
    }

    /// Ends the input: throws `Failure` when it stops inside a character.
    mutating func finish(_ emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        if let highSurrogate { throw Failure(offset: highSurrogate.offset) }
        if !pending.isEmpty { throw Failure(offset: pendingOffset) }
    }

    private mutating func decodeUTF8(
        _ chunk: UnsafeRawBufferPointer, _ emit: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        var start = 0
        if !pending.isEmpty {
            let length = Self.utf8SequenceLength(pending[0])
            while pending.count < length, start < chunk.count {
                pending.append(chunk[start])
                start += 1
            }
            guard pending.count == length else { return }
            guard pending.withUnsafeBytes(Self.firstInvalidUTF8Offset) == nil else {
                throw Failure(offset: pendingOffset)
            }
            try pending.withUnsafeBytes(emit)
            pending.removeAll(keepingCapacity: true)
        }
        let rest = UnsafeRawBufferPointer(rebasing: chunk[start...])
        let valid = Self.validUTF8Prefix(rest)
        if valid.count > 0 { try emit(UnsafeRawBufferPointer(rebasing: rest[..<valid.count])) }
        if valid.count < rest.count {
            if valid.isInvalid { throw Failure(offset: consumed + start + valid.count) }
            pending.append(contentsOf: rest[valid.count...])
            pendingOffset = consumed + start + valid.count
        }
    }

    private mutating func decodeUTF16(
        _ chunk: UnsafeRawBufferPointer, bigEndian: Bool, _ emit: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        // Each code unit gives at most three UTF-8 bytes, a surrogate pair four; one more unit may come from a
        // byte held back, and a held high surrogate completes to four bytes.
        let capacity = (chunk.count / 2 + 2) * 3 + 4
        // Taken out of `self` while written, so the conversion below may update the other state.
        var buffer = output.count < capacity ? [UInt8](repeating: 0, count: capacity) : output
        output = []
        defer { output = buffer }
        let base = consumed
        let written = try buffer.withUnsafeMutableBufferPointer { out -> Int in
            var j = 0
            var k = 0
            func take(_ first: UInt8, _ second: UInt8, offset: Int) throws {
                let unit = bigEndian ? UInt32(first) << 8 | UInt32(second) : UInt32(second) << 8 | UInt32(first)
                if let high = highSurrogate {
                    guard (0xDC00...0xDFFF).contains(unit) else { throw Failure(offset: high.offset) }
                    highSurrogate = nil
                    Self.storeUTF8(0x10000 + ((high.unit - 0xD800) << 10) + (unit - 0xDC00), in: out, at: &j)
                } else if (0xD800...0xDBFF).contains(unit) {
                    highSurrogate = (unit, offset)
                } else if (0xDC00...0xDFFF).contains(unit) {
                    throw Failure(offset: offset)
                } else {
                    Self.storeUTF8(unit, in: out, at: &j)
                }
            }
            if !pending.isEmpty, !chunk.isEmpty {
                try take(pending[0], chunk[0], offset: pendingOffset)
                pending.removeAll(keepingCapacity: true)
                k = 1
            }
            while k + 1 < chunk.count {
                try take(chunk[k], chunk[k + 1], offset: base + k)
                k += 2
            }
            if k < chunk.count {
                pending.append(chunk[k])
                pendingOffset = base + k
            }
            return j
        }
        if written > 0 { try buffer.withUnsafeBytes { try emit(UnsafeRawBufferPointer(rebasing: $0[..<written])) } }
    }

    private mutating func decodeSingleByte(
        _ chunk: UnsafeRawBufferPointer, table: SingleByteTable, _ emit: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let capacity = SingleByteTable.outputCapacity(for: chunk.count)
        if output.count < capacity { output = [UInt8](repeating: 0, count: capacity) }
        let (written, substituted) = output.withUnsafeMutableBytes { table.transcode(chunk, into: $0) }
        substitutedCount += substituted
        if written > 0 { try output.withUnsafeBytes { try emit(UnsafeRawBufferPointer(rebasing: $0[..<written])) } }
    }

    /// Writes `scalar` as UTF-8 at `j` and advances `j`.
    @inline(__always)
    private static func storeUTF8(_ scalar: UInt32, in out: UnsafeMutableBufferPointer<UInt8>, at j: inout Int) {
        switch scalar {
        case 0..<0x80:
            out[j] = UInt8(scalar)
            j += 1
        case 0x80..<0x800:
            out[j] = UInt8(0xC0 | scalar >> 6)
            out[j + 1] = UInt8(0x80 | scalar & 0x3F)
            j += 2
        case 0x800..<0x10000:
            out[j] = UInt8(0xE0 | scalar >> 12)
            out[j + 1] = UInt8(0x80 | scalar >> 6 & 0x3F)
            out[j + 2] = UInt8(0x80 | scalar & 0x3F)
            j += 3
        default:
            out[j] = UInt8(0xF0 | scalar >> 18)
            out[j + 1] = UInt8(0x80 | scalar >> 12 & 0x3F)
            out[j + 2] = UInt8(0x80 | scalar >> 6 & 0x3F)
            out[j + 3] = UInt8(0x80 | scalar & 0x3F)
            j += 4
        }
    }
}

// MARK: - Detection

extension UTF8Transcoder {
    /// Decides the encoding from the first bytes of a file: a byte-order mark, else the caller's choice, else UTF-16
    /// by its NUL bytes, else UTF-8 when the sample is valid UTF-8, else the Windows code page its words look like.
    ///
    /// - Parameter isWholeFile: false when more bytes follow the sample, so a UTF-8 sequence that the sample's end
    ///   cuts short does not count against UTF-8.
    static func detect(
        _ sample: UnsafeRawBufferPointer, requested: SourceEncoding?, isWholeFile: Bool
    ) -> DetectedEncoding {
        if let (encoding, length) = byteOrderMark(sample) {
            return DetectedEncoding(encoding: encoding, byteOrderMarkLength: length)
        }
        let valid = validUTF8Prefix(sample)
        let isUTF8 = valid.count == sample.count || (!isWholeFile && !valid.isInvalid)
        // A file declared Windows-1250/1251 that is valid UTF-8 with multi-byte characters is UTF-8: Windows text
        // with Polish or Cyrillic letters is (almost) never valid UTF-8, and reading UTF-8 as Windows-1250 gives
        // mojibake ("Ĺ‚" for "ł") that splits one person into two. The reader tells (CSVDocument.encoding).
        if requested == .windows1250 || requested == .windows1251, isUTF8,
            sample.prefix(valid.count).contains(where: { $0 >= 0xC2 })
        {
            return DetectedEncoding(encoding: .utf8, byteOrderMarkLength: 0)
        }
        if let encoding = requested ?? utf16WithoutBOM(sample) {
            return DetectedEncoding(encoding: encoding, byteOrderMarkLength: 0)
        }
        return DetectedEncoding(encoding: isUTF8 ? .utf8 : windowsEncoding(sample), byteOrderMarkLength: 0)
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
        let valid = validUTF8Prefix(raw)
        return valid.count == raw.count ? nil : valid.count
    }

    /// How many bytes at the start of `raw` are whole, valid UTF-8 characters, and whether what follows them is
    /// invalid (`isInvalid` false: a valid start of a character that `raw` cuts short, or nothing).
    static func validUTF8Prefix(_ raw: UnsafeRawBufferPointer) -> (count: Int, isInvalid: Bool) {
        let n = raw.count
        var i = 0
        while i < n {
            // Most partner text is ASCII: step over eight bytes at a time, or straight to the first high byte.
            if i + 8 <= n {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let high = word & 0x8080_8080_8080_8080
                if high == 0 {
                    i &+= 8
                    continue
                }
                i &+= high.trailingZeroBitCount >> 3
            } else if raw[i] < 0x80 {
                i &+= 1
                continue
            }
            let b = raw[i]
            // Polish and Cyrillic letters are two bytes, C2–DF and a continuation byte; Cyrillic words are runs of them.
            if b &- 0xC2 < 0x1E {
                repeat {
                    guard i + 1 < n else { return (i, false) }
                    guard raw[i + 1] & 0xC0 == 0x80 else { return (i, true) }
                    i &+= 2
                } while i < n && raw[i] &- 0xC2 < 0x1E
                continue
            }
            let length = utf8SequenceLength(b)
            guard length > 0 else { return (i, true) }
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch b {
            case 0xE0: low = 0xA0
            case 0xED: high = 0x9F
            case 0xF0: low = 0x90
            case 0xF4: high = 0x8F
            default: break
            }
            let available = min(length, n - i)
            if available > 1, !(low...high).contains(raw[i + 1]) { return (i, true) }
            if available > 2 {
                for k in 2..<available where !(0x80...0xBF).contains(raw[i + k]) { return (i, true) }
            }
            if available < length { return (i, false) }
            i += length
        }
        return (n, false)
    }

    /// The length of the UTF-8 sequence that `lead` starts; 0 when no valid sequence starts with it.
    @inline(__always)
    static func utf8SequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0..<0x80: return 1
        case 0xC2...0xDF: return 2
        case 0xE0...0xEF: return 3
        case 0xF0...0xF4: return 4
        default: return 0
        }
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

    /// The bytes `transcode(_:into:)` needs for `count` input bytes: every character of these code pages is at most
    /// three UTF-8 bytes, and each is stored as four, so three bytes of slack follow the last one.
    static func outputCapacity(for count: Int) -> Int { count * 3 + 3 }

    /// Writes the UTF-8 form of `raw` at the start of `out` (at least `outputCapacity(for: raw.count)` bytes).
    /// - Returns: the bytes written, and the number of undefined bytes replaced by U+FFFD.
    func transcode(_ raw: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) -> (Int, Int) {
        precondition(out.count >= Self.outputCapacity(for: raw.count))
        guard let base = out.baseAddress else { return (0, 0) }
        var j = 0
        var substituted = 0
        packed.withUnsafeBufferPointer { packed in
            lengths.withUnsafeBufferPointer { lengths in
                undefined.withUnsafeBufferPointer { undefined in
                    for b in raw {
                        if b < 0x80 {
                            base.storeBytes(of: b, toByteOffset: j, as: UInt8.self)
                            j += 1
                        } else {
                            base.storeBytes(of: packed[Int(b)].littleEndian, toByteOffset: j, as: UInt32.self)
                            j += Int(lengths[Int(b)])
                            if undefined[Int(b)] { substituted += 1 }
                        }
                    }
                }
            }
        }
        return (j, substituted)
    }
}
