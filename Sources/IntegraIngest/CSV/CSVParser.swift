import IntegraCore

/// An RFC 4180 parser over UTF-8 bytes: quoted fields, doubled quotes, delimiters and line breaks inside quotes,
/// and CR, LF or CRLF line ends.
///
/// Works on raw bytes (no `String` until a field is complete) because partner files reach a million rows. The text
/// may arrive in pieces cut anywhere — inside a field, between the two quotes of `""`, between CR and LF — so a
/// file is parsed chunk by chunk without holding more than the record being read.
///
/// A field longer than `InputLimits.maxCellBytes`, a record longer than `InputLimits.maxRecordBytes` or wider than
/// `InputLimits.maxColumns` stops the parse with an `IngestError`, so a hostile file (a 1 GB line) is refused after
/// reading a few megabytes.
///
/// ```swift
/// var parser = CSVParser(delimiter: UInt8(ascii: ";"))
/// for piece in pieces { try parser.consume(piece) { line, fields in print(line, fields) } }
/// try parser.finish { line, fields in print(line, fields) }
/// parser.unterminatedQuoteLine   // nil, or where a quote that never closes starts
/// ```
///
/// A stray quote (`5;"Kyiv office;…` with no closing quote on the line) opens a quoted field that swallows the
/// lines after it. With `expectedWidth` set (the reader sets the typical number of fields of the file's records),
/// a record that spans lines is checked when it ends: if it has another number of fields, or one of the lines inside
/// its quotes has exactly the delimiters of a whole record, the quote was stray. The record is then passed on as it
/// stands on its first line (the stray quote kept in its field), its line is listed in `damagedLines`, and the
/// lines after it are parsed again, so one stray quote damages one row. A quoted field that spans lines in a record
/// of the right width is read as RFC 4180 says.
struct CSVParser {
    static let quote = UInt8(ascii: "\"")
    static let lf = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r")

    /// Delimiters tried when none is given, in order of preference when they tie.
    static let candidateDelimiters: [UInt8] = [UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: "\t")]
    /// Bytes at the start of the text that delimiter detection reads.
    static let delimiterWindow = 256 * 1024

    /// Where the parser stands between two pieces of input.
    private enum State {
        /// At the start of a field: after a delimiter or a line break, or at the start of the input.
        case fieldStart
        /// Inside an unquoted field; its bytes so far are in `scratch`.
        case unquoted
        /// Inside a quoted field; its text so far is in `scratch`.
        case quoted
        /// Just after a quote inside a quoted field: the next byte tells a doubled quote from the closing one.
        case quoteInQuoted
        /// After the closing quote: text up to the delimiter or line break is kept, as spreadsheet programs do.
        case afterClosingQuote
        /// After the CR that ended a record: an LF next is part of the same line break.
        case afterCR
    }

    let delimiter: UInt8
    /// The 1-based line of the next byte.
    private(set) var line: Int
    /// The line where a quoted field starts that the input never closes (it then ends at the end of the input).
    private(set) var unterminatedQuoteLine: Int?
    /// Records passed on so far.
    private(set) var recordCount = 0
    /// `consume` stops after this many records.
    var recordLimit = Int.max
    /// The typical number of fields of a record; nil reads a quote that never closes to the end of the input.
    var expectedWidth: Int?
    /// The lines where records start that a stray quote damaged (with `expectedWidth` set): each is passed on as
    /// it stands on its first line, and the lines after it were parsed again.
    private(set) var damagedLines: [Int] = []

    private var state = State.fieldStart
    private var record: [CellValue] = []
    private var recordLine: Int
    private var fieldLine: Int
    private var scratch: [UInt8] = []
    /// Bytes of the fields of `record` so far.
    private var recordBytes = 0
    /// The last piece ended inside a quoted field with a CR, so an LF that starts this one ends no further line.
    private var quotedEndsWithCR = false
    /// While the record being read spans lines (with `expectedWidth` set): the input from the line break that ends
    /// its first line, to parse again if a stray quote made it span them.
    private var restart: [UInt8]?
    /// Where in the piece being consumed the bytes not yet added to `restart` start.
    private var captureStart = 0
    /// The record being read as it stands on its first line: what is passed on if a stray quote damaged it.
    private var damagedPreview: [CellValue] = []
    /// Delimiters inside quotes on the current line of a record that spans lines.
    private var innerLineDelimiters = 0

    /// - Parameter firstLine: the line number of the first byte (2 after Excel's `sep=` line).
    init(delimiter: UInt8, firstLine: Int = 1) {
        self.delimiter = delimiter
        line = firstLine
        recordLine = firstLine
        fieldLine = firstLine
    }

    /// Parses the next piece of input, calling `onRecord` with each record it completes and the line where the
    /// record starts. An empty field is `.empty`, any other `.string`; an empty line is a record of one `.empty`.
    mutating func consume(
        _ bytes: UnsafeRawBufferPointer, _ onRecord: (_ line: Int, _ fields: [CellValue]) throws -> Void
    ) throws {
        let quote = Self.quote
        let lf = Self.lf
        let cr = Self.cr
        let delimiter = self.delimiter
        let n = bytes.count
        var i = 0
        captureStart = 0
        defer { captureTo(i, bytes) }
        outer: while i < n, recordCount < recordLimit {
            switch state {
            case .fieldStart:
                // Unquoted fields one after another, the common case, without going back through the state.
                repeat {
                    if record.isEmpty { recordLine = line }
                    if bytes[i] == quote {
                        fieldLine = line
                        scratch.removeAll(keepingCapacity: true)
                        quotedEndsWithCR = false
                        state = .quoted
                        i += 1
                        break
                    }
                    let start = i
                    i = Self.endOfUnquotedField(bytes, from: i, delimiter: delimiter)
                    if i == n {
                        scratch.removeAll(keepingCapacity: true)
                        scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<n]))
                        state = .unquoted
                        try checkScratch()
                        return
                    }
                    try checkField(i - start)
                    let value: CellValue =
                        i == start
                        ? .empty
                        : .string(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                    try endField(value, at: &i, in: bytes, onRecord)
                } while i < n && state == .fieldStart && recordCount < recordLimit

            case .unquoted, .afterClosingQuote:
                let start = i
                i = Self.endOfUnquotedField(bytes, from: i, delimiter: delimiter)
                if i > start { scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<i])) }
                try checkScratch()
                if i == n { return }
                try checkField(scratch.count)
                try endField(scratchValue, at: &i, in: bytes, onRecord)

            case .quoted:
                let start = i
                while i < n {
                    let b = bytes[i]
                    if b == quote { break }
                    // CR, LF and CRLF each end one line; the byte before an LF may be in the previous piece.
                    if b == cr || (b == lf && !(i == 0 ? quotedEndsWithCR : bytes[i - 1] == cr)) {
                        if let width = expectedWidth {
                            if restart == nil {
                                // The record's first line ends inside quotes: keep what follows, to parse again.
                                beginRestart(firstLineRest: UnsafeRawBufferPointer(rebasing: bytes[start..<i]))
                                captureStart = i
                            } else if width >= 3, innerLineDelimiters == width - 1 {
                                // The line that ends here is a whole record: the quote before it was stray.
                                captureTo(i, bytes)
                                try recover(onRecord)
                                captureStart = i
                                continue outer
                            }
                            innerLineDelimiters = 0
                        }
                        line += 1
                    } else if b == delimiter {
                        innerLineDelimiters += 1
                    }
                    i += 1
                }
                scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<i]))
                if restart != nil, scratch.count > InputLimits.maxCellBytes {
                    // Far too long for a cell: the quote that opened it was stray.
                    captureTo(i, bytes)
                    try recover(onRecord)
                    captureStart = i
                    continue outer
                }
                try checkScratch()
                if i == n {
                    quotedEndsWithCR = bytes[n - 1] == cr
                    return
                }
                state = .quoteInQuoted
                i += 1

            case .quoteInQuoted:
                if bytes[i] == quote {
                    scratch.append(quote)
                    quotedEndsWithCR = false
                    state = .quoted
                    i += 1
                } else {
                    state = .afterClosingQuote
                }

            case .afterCR:
                if bytes[i] == lf { i += 1 }
                state = .fieldStart
            }
        }
    }

    /// Ends the input: passes on the record it cut short, if any.
    mutating func finish(_ onRecord: (_ line: Int, _ fields: [CellValue]) throws -> Void) throws {
        guard recordCount < recordLimit else { return }
        var unterminated = false
        switch state {
        case .fieldStart:
            // After a delimiter at the very end: the record has an empty last field.
            if !record.isEmpty { record.append(.empty) }
        case .unquoted, .quoteInQuoted, .afterClosingQuote:
            record.append(scratchValue)
        case .quoted:
            unterminatedQuoteLine = unterminatedQuoteLine ?? fieldLine
            unterminated = true
            if expectedWidth != nil, restart == nil {
                // A quote opened on the last line and never closed: the record as it stands, with the quote.
                record += Self.preview(scratch[...], delimiter: delimiter)
                damagedLines.append(recordLine)
            } else {
                record.append(scratchValue)
            }
        case .afterCR:
            break
        }
        state = .fieldStart
        if restart != nil {
            if unterminated || record.count != expectedWidth {
                try recover(onRecord)
                return try finish(onRecord)
            }
            restart = nil
        }
        guard !record.isEmpty else { return }
        let fields = record
        record = []
        recordBytes = 0
        recordCount += 1
        try onRecord(recordLine, fields)
    }

    private var scratchValue: CellValue {
        scratch.isEmpty ? .empty : .string(String(decoding: scratch, as: UTF8.self))
    }

    /// Starts keeping the input of a record whose first line ends inside quotes; `firstLineRest` is the part of the
    /// quoted field on that line not yet in `scratch`.
    private mutating func beginRestart(firstLineRest: UnsafeRawBufferPointer) {
        damagedPreview = record + Self.preview(scratch + firstLineRest, delimiter: delimiter)
        restart = []
        innerLineDelimiters = 0
    }

    /// The fields of a quoted field's text that the stray quote opening it made one: split at the delimiters, the
    /// quote kept at the start of the first.
    private static func preview<Bytes: Collection<UInt8>>(_ text: Bytes, delimiter: UInt8) -> [CellValue] {
        var fields: [CellValue] = []
        var current: [UInt8] = [quote]
        for b in text {
            if b == delimiter {
                fields.append(.string(String(decoding: current, as: UTF8.self)))
                current = []
            } else {
                current.append(b)
            }
        }
        fields.append(current.isEmpty ? .empty : .string(String(decoding: current, as: UTF8.self)))
        return fields
    }

    /// Adds the bytes of the piece being consumed before `end` to `restart`, while a record spanning lines is kept.
    @inline(__always)
    private mutating func captureTo(_ end: Int, _ bytes: UnsafeRawBufferPointer) {
        guard restart != nil, captureStart < end else { return }
        restart!.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[captureStart..<end]))
        captureStart = end
    }

    /// A stray quote made the record being read span lines: passes it on as it stood on its first line, then parses
    /// the lines after that line again.
    private mutating func recover(_ onRecord: (_ line: Int, _ fields: [CellValue]) throws -> Void) throws {
        let buffer = restart ?? []
        restart = nil
        let startLine = recordLine
        let fields = damagedPreview
        damagedPreview = []
        record = []
        recordBytes = 0
        scratch.removeAll(keepingCapacity: true)
        state = .fieldStart
        quotedEndsWithCR = false
        innerLineDelimiters = 0
        damagedLines.append(startLine)
        recordCount += 1
        try onRecord(startLine, fields)
        // The buffer starts with the line break that ended the damaged record's first line.
        var skip = 0
        if skip < buffer.count, buffer[skip] == Self.cr { skip += 1 }
        if skip < buffer.count, buffer[skip] == Self.lf { skip += 1 }
        line = startLine + 1
        try buffer.withUnsafeBytes { try consume(UnsafeRawBufferPointer(rebasing: $0[skip...]), onRecord) }
    }

    /// Adds `value` to the record and steps over the delimiter or line break at `i`; a line break passes the record on.
    @inline(__always)
    private mutating func endField(
        _ value: consuming CellValue, at i: inout Int, in bytes: UnsafeRawBufferPointer,
        _ onRecord: (_ line: Int, _ fields: [CellValue]) throws -> Void
    ) throws {
        record.append(value)
        let b = bytes[i]
        i += 1
        state = .fieldStart
        if b == delimiter { return }
        if b == Self.cr {
            if i == bytes.count {
                state = .afterCR
            } else if bytes[i] == Self.lf {
                i += 1
            }
        }
        line += 1
        if restart != nil {
            if record.count != expectedWidth {
                captureTo(i, bytes)
                try recover(onRecord)
                captureStart = i
                return
            }
            restart = nil
        }
        let fields = record
        record = []
        recordBytes = 0
        record.reserveCapacity(fields.count)
        recordCount += 1
        try onRecord(recordLine, fields)
    }

    /// Refuses a field being read once it is longer than a cell may be (it may go on in the next piece).
    @inline(__always)
    private func checkScratch() throws {
        if scratch.count > InputLimits.maxCellBytes {
            throw InputLimits.cellTooLarge(where: "the record on line \(recordLine)")
        }
    }

    /// Counts a complete field of `length` bytes towards its record, refusing a record that is too wide or too long.
    @inline(__always)
    private mutating func checkField(_ length: Int) throws {
        if length > InputLimits.maxCellBytes {
            throw InputLimits.cellTooLarge(where: "the record on line \(recordLine)")
        }
        recordBytes += length
        if recordBytes > InputLimits.maxRecordBytes {
            throw IngestError(
                .lineTooLong,
                "the record on line \(recordLine) is longer than \(InputLimits.maxRecordBytes >> 20) MiB; the file is "
                    + "damaged or is not a partner list (check the delimiter and for a quote that is never closed)")
        }
        if record.count >= InputLimits.maxColumns {
            throw InputLimits.tooManyColumns(where: "the record on line \(recordLine)")
        }
    }

    /// The index of the first delimiter, CR or LF at or after `start`, or `bytes.count` when there is none.
    ///
    /// Looks at eight bytes at a time: a field is a dozen bytes on average, and this scan is most of the parsing.
    @inline(__always)
    static func endOfUnquotedField(_ bytes: UnsafeRawBufferPointer, from start: Int, delimiter: UInt8) -> Int {
        let n = bytes.count
        var i = start
        let ones: UInt64 = 0x0101_0101_0101_0101
        let delimiters = UInt64(delimiter) &* ones
        let crs = UInt64(cr) &* ones
        let lfs = UInt64(lf) &* ones
        while i + 8 <= n {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            // A byte equal to the target is a zero byte of `word ^ targets`; the lowest flagged byte is the first
            // zero (flags above it may be false), so the lowest of the three is the first match.
            let d = word ^ delimiters
            let c = word ^ crs
            let l = word ^ lfs
            let found = ((d &- ones) & ~d | (c &- ones) & ~c | (l &- ones) & ~l) & 0x8080_8080_8080_8080
            if found != 0 { return i + found.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < n {
            let b = bytes[i]
            if b == delimiter || b == lf || b == cr { return i }
            i += 1
        }
        return n
    }

    /// Parses all of `bytes`; see `consume(_:_:)`.
    /// - Returns: the line where a quoted field starts that the input never closes.
    @discardableResult
    static func parse(
        _ bytes: UnsafeRawBufferPointer, delimiter: UInt8, firstLine: Int = 1, maxRecords: Int = .max,
        _ onRecord: (_ line: Int, _ fields: [CellValue]) -> Void
    ) -> Int? {
        var parser = CSVParser(delimiter: delimiter, firstLine: firstLine)
        parser.recordLimit = maxRecords
        // Past a limit the reader refuses the file; here, the records before it are enough.
        guard (try? parser.consume(bytes, onRecord)) != nil else { return nil }
        try? parser.finish(onRecord)
        return parser.unterminatedQuoteLine
    }

    /// The 1-based line at the end of `bytes`, counting CR, LF and CRLF as one line break each, as the parser does.
    static func lineNumber(atEndOf bytes: UnsafeRawBufferPointer) -> Int {
        var line = 1
        var previous: UInt8 = 0
        for b in bytes {
            if b == cr || (b == lf && previous != cr) { line += 1 }
            previous = b
        }
        return line
    }

    /// The delimiter that splits the first records into the most consistent number of fields (more than one).
    ///
    /// Only the first `delimiterWindow` bytes are read; ties go to `;` (what Polish Excel writes), then `,`, then tab.
    static func detectDelimiter(_ bytes: UnsafeRawBufferPointer, sampleRecords: Int = 20) -> UInt8 {
        let window = UnsafeRawBufferPointer(rebasing: bytes[..<min(bytes.count, delimiterWindow)])
        let truncated = window.count < bytes.count
        var best: (delimiter: UInt8, consistent: Int, width: Int) = (candidateDelimiters[0], 0, 0)
        for candidate in candidateDelimiters {
            guard let (width, consistent) = commonestWidth(window, truncated: truncated, delimiter: candidate,
                sampleRecords: sampleRecords, minimum: 2)
            else { continue }
            if (consistent, width) > (best.consistent, best.width) { best = (candidate, consistent, width) }
        }
        return best.delimiter
    }

    /// The number of fields most of the first records that are not blank have (the wider on a tie): what a stray
    /// quote is told by. Only the first `delimiterWindow` bytes are read; nil when they hold no record.
    static func typicalWidth(_ bytes: UnsafeRawBufferPointer, delimiter: UInt8, sampleRecords: Int = 20) -> Int? {
        let window = UnsafeRawBufferPointer(rebasing: bytes[..<min(bytes.count, delimiterWindow)])
        return commonestWidth(
            window, truncated: window.count < bytes.count, delimiter: delimiter, sampleRecords: sampleRecords,
            minimum: 1)?.width
    }

    /// The commonest number of fields (at least `minimum`) of the first `sampleRecords` records that are not blank,
    /// and how many records have it.
    private static func commonestWidth(
        _ window: UnsafeRawBufferPointer, truncated: Bool, delimiter: UInt8, sampleRecords: Int, minimum: Int
    ) -> (width: Int, consistent: Int)? {
        var widths: [Int] = []
        parse(window, delimiter: delimiter, maxRecords: 4 * sampleRecords) { _, fields in
            if !fields.allSatisfy(\.isBlank) { widths.append(fields.count) }
        }
        if widths.count > sampleRecords {
            widths.removeLast(widths.count - sampleRecords)
        } else if truncated, !widths.isEmpty {
            widths.removeLast()  // the window may have cut the last record
        }
        var counts: [Int: Int] = [:]
        for w in widths where w >= minimum { counts[w, default: 0] += 1 }
        return counts.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }).map { ($0.key, $0.value) }
    }

    /// The delimiter named by Excel's optional first line `sep=;`, and the bytes after that line.
    static func excelSeparatorLine(_ bytes: UnsafeRawBufferPointer) -> (delimiter: UInt8, bodyOffset: Int)? {
        let prefix = Array("sep=".utf8)
        guard bytes.count >= 5, zip(prefix, bytes).allSatisfy({ ($0 | 0x20) == ($1 | 0x20) }) else { return nil }
        let delimiter = bytes[4]
        guard delimiter != quote, delimiter != lf, delimiter != cr, delimiter < 0x80 else { return nil }
        var offset = 5
        if offset < bytes.count, bytes[offset] == cr { offset += 1 }
        if offset < bytes.count, bytes[offset] == lf { offset += 1 }
        guard offset == bytes.count || offset > 5 else { return nil }
        return (delimiter, offset)
    }
}
