import CLibFuzzer
import Foundation
import IntegraCore
import IntegraReports

@testable import IntegraIngest

// The first byte chooses the options: the encoding (detected or one of five) and the delimiter (detected or one of
// three). The rest is the file. Each input is read twice, in one chunk (inputs are at most 4 KiB) and in chunks of 1
// to 16 bytes, and the two readings must agree: a record cut at a chunk boundary is the parser's hardest case.
// The rows read are then written back through CSVTableWriter, the writer of every output CSV, and read again: no
// field may come out starting with `=`, `+`, `-`, `@`, a tab or a CR unless it is a number (issue 17 item 1).
private let encodings: [SourceEncoding?] = [nil] + SourceEncoding.allCases.map { $0 }
private let delimiters: [Character?] = [nil, ";", ",", "\t"]

private struct Reading: Equatable {
    var rows: [TableRow]
    var blank: [Int]
    var encoding: SourceEncoding
    var delimiter: Character
    var undecodable: Int
    var unterminated: Int?
}

private func reading(_ data: Data, _ options: CSVOptions, chunkSize: Int) -> Result<Reading, IngestError> {
    do {
        let document = try CSVReader.read(
            data: data, options: options, chunkSize: chunkSize, sampleSize: CSVReader.encodingSampleSize)
        return .success(
            Reading(
                rows: document.table.rows, blank: document.table.blankRowNumbers, encoding: document.encoding,
                delimiter: document.delimiter, undecodable: document.undecodableByteCount,
                unterminated: document.unterminatedQuoteLine))
    } catch let error as IngestError {
        return .failure(error)
    } catch {
        fatalError("CSVReader threw something other than an IngestError: \(error)")
    }
}

private func fuzzCSV(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    guard count > 0 else { return 0 }
    let control = Int(start[0])
    let data = Data(bytes: start + 1, count: count - 1)
    let options = CSVOptions(
        encoding: encodings[control % encodings.count], delimiter: delimiters[(control / 8) % delimiters.count])
    let whole = reading(data, options, chunkSize: 1 << 16)
    let small = reading(data, options, chunkSize: 1 + (control >> 5) * 2)
    switch (whole, small) {
    case (.success(let a), .success(let b)):
        precondition(a == b, "reading in small chunks changed the rows")
        checkWrittenBack(a.rows)
    case (.failure(let a), .failure(let b)):
        precondition(a.code == b.code, "reading in small chunks changed the error")
    default:
        preconditionFailure("reading in small chunks changed whether the file could be read")
    }
    return 0
}

/// Writes `rows` as an output CSV would be written, reads the bytes back as a spreadsheet does (RFC 4180: a quoted
/// field may hold delimiters, quotes doubled and line breaks; Integra's own reader is not used here, because it
/// treats a quote left open at the end of a line as a partner's typing slip) and checks that no field can run as a
/// formula.
private func checkWrittenBack(_ rows: [TableRow]) {
    let fields = rows.map { $0.cells.map { CSVField($0) } }
    for dialect in [CSVDialect.rfc4180, .excelPL] {
        guard let data = try? CSVTableWriter(dialect: dialect).encode(fields) else {
            continue  // a character the dialect cannot encode, or a NaN: refused, not written
        }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        for field in spreadsheetFields(text, delimiter: dialect.delimiter) {
            guard let first = field.unicodeScalars.first, CSVTableWriter.formulaTriggers.contains(first) else { continue }
            precondition(CSVTableWriter.isPlainNumber(field), "a written field starts like a formula: \(field)")
        }
    }
}

/// The fields of an RFC 4180 text, as a spreadsheet splits them.
private func spreadsheetFields(_ text: String, delimiter: Character) -> [String] {
    var fields: [String] = []
    var field = ""
    var quoted = false
    var atStart = true
    var chars = text.unicodeScalars.makeIterator()
    var pending: Unicode.Scalar? = chars.next()
    while let c = pending {
        pending = chars.next()
        if quoted {
            if c == "\"" {
                if pending == "\"" {
                    field.unicodeScalars.append("\"")
                    pending = chars.next()
                } else {
                    quoted = false
                }
            } else {
                field.unicodeScalars.append(c)
            }
        } else if c == "\"" && atStart {
            quoted = true
            atStart = false
        } else if Character(c) == delimiter || c == "\n" || c == "\r" {
            if c == "\r" && pending == "\n" { pending = chars.next() }
            fields.append(field)
            field = ""
            atStart = true
        } else {
            field.unicodeScalars.append(c)
            atStart = false
        }
    }
    if !atStart || !field.isEmpty { fields.append(field) }
    return fields
}

var argc = CommandLine.argc
var argv = Optional(CommandLine.unsafeArgv)
exit(LLVMFuzzerRunDriver(&argc, &argv) { fuzzCSV($0, $1) })
