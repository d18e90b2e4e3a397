import IntegraCore

/// An RFC 4180 parser over UTF-8 bytes: quoted fields, doubled quotes, delimiters and line breaks inside quotes,
/// and CR, LF or CRLF line ends.
///
/// Works on raw bytes (no `String` until a field is complete) because partner files reach a million rows.
enum CSVParser {
    static let quote = UInt8(ascii: "\"")
    static let lf = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r")

    /// Delimiters tried when none is given, in order of preference when they tie.
    static let candidateDelimiters: [UInt8] = [UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: "\t")]

    /// Calls `onRecord` with each record's fields and the 1-based line on which it starts.
    ///
    /// An empty field is `.empty`, any other `.string`. An empty line is a record of one `.empty` field.
    /// - Returns: the line where a quoted field starts that the input never closes (it then ends at the end of input).
    @discardableResult
    static func parse(
        _ bytes: UnsafeRawBufferPointer, delimiter: UInt8, firstLine: Int = 1, maxRecords: Int = .max,
        _ onRecord: (_ line: Int, _ fields: [CellValue]) -> Void
    ) -> Int? {
        let n = bytes.count
        var i = 0
        var line = firstLine
        var recordLine = firstLine
        var records = 0
        var record: [CellValue] = []
        var scratch: [UInt8] = []
        var unterminatedLine: Int?

        while i < n {
            if record.isEmpty { recordLine = line }
            let value: CellValue
            if bytes[i] == quote {
                let fieldLine = line
                i += 1
                scratch.removeAll(keepingCapacity: true)
                var start = i
                var closed = false
                while i < n {
                    let b = bytes[i]
                    if b == quote {
                        scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<i]))
                        if i + 1 < n, bytes[i + 1] == quote {
                            scratch.append(quote)
                            i += 2
                            start = i
                            continue
                        }
                        i += 1
                        closed = true
                        break
                    }
                    if b == lf || (b == cr && (i + 1 == n || bytes[i + 1] != lf)) { line += 1 }
                    i += 1
                }
                if !closed {
                    scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<n]))
                    unterminatedLine = unterminatedLine ?? fieldLine
                }
                // Text after the closing quote (`"a"b`) is kept, as spreadsheet programs do.
                let tail = i
                while i < n, bytes[i] != delimiter, bytes[i] != lf, bytes[i] != cr { i += 1 }
                if i > tail { scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[tail..<i])) }
                value = scratch.isEmpty ? .empty : .string(String(decoding: scratch, as: UTF8.self))
            } else {
                let start = i
                while i < n {
                    let b = bytes[i]
                    if b == delimiter || b == lf || b == cr { break }
                    i += 1
                }
                value =
                    i == start
                    ? .empty
                    : .string(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
            }
            record.append(value)

            if i == n { break }
            if bytes[i] == delimiter {
                i += 1
                if i == n { record.append(.empty) }
                continue
            }
            if bytes[i] == cr, i + 1 < n, bytes[i + 1] == lf { i += 1 }
            i += 1
            line += 1
            let width = record.count
            onRecord(recordLine, record)
            record = []
            record.reserveCapacity(width)
            records += 1
            if records >= maxRecords { return unterminatedLine }
        }
        if !record.isEmpty { onRecord(recordLine, record) }
        return unterminatedLine
    }

    /// The delimiter that splits the first records into the most consistent number of fields (more than one).
    ///
    /// Only the start of the file is read; ties go to `;` (what Polish Excel writes), then `,`, then tab.
    static func detectDelimiter(_ bytes: UnsafeRawBufferPointer, sampleRecords: Int = 20) -> UInt8 {
        let window = UnsafeRawBufferPointer(rebasing: bytes[..<min(bytes.count, 256 * 1024)])
        let truncated = window.count < bytes.count
        var best: (delimiter: UInt8, consistent: Int, width: Int) = (candidateDelimiters[0], 0, 0)
        for candidate in candidateDelimiters {
            var widths: [Int] = []
            parse(window, delimiter: candidate, maxRecords: 4 * sampleRecords) { _, fields in
                if !fields.allSatisfy(\.isBlank) { widths.append(fields.count) }
            }
            if widths.count > sampleRecords {
                widths.removeLast(widths.count - sampleRecords)
            } else if truncated, !widths.isEmpty {
                widths.removeLast()  // the window may have cut the last record
            }
            var counts: [Int: Int] = [:]
            for w in widths where w > 1 { counts[w, default: 0] += 1 }
            guard let (width, consistent) = counts.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }) else {
                continue
            }
            if (consistent, width) > (best.consistent, best.width) { best = (candidate, consistent, width) }
        }
        return best.delimiter
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
