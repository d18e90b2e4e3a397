import Foundation
import IntegraReports
import IntegraCore
import IntegraIngest
import IntegraLinkage

/// A flat list of person records, one a row — the input of `integra link` — read into normalised `LinkRecord`s.
///
/// The file is UTF-8 CSV (any delimiter `CSVReader` detects) with a header naming any of `columns`; `record_id` is
/// required and unique, every other cell may be empty. Values are normalised as the pipeline normalises partner
/// files: dates in any form `DateParser` reads (a slash date whose day and month could be swapped is flagged),
/// sex by `Sex(parsing:)`, citizenship to ISO alpha-3, PESEL kept only when valid, phones to E.164, e-mails
/// lower-cased. A value that cannot be read is left out and counted in `ignoredValues`, never guessed.
///
/// ```swift
/// let input = try FlatRecords.read(url: URL(fileURLWithPath: "records.csv"))
/// input.records.count          // one LinkRecord per row, `key` = record_id, `source` = partner
/// input.ignoredValues["pesel"] // PESELs that failed their check
/// ```
public struct FlatRecords: Sendable {
    /// The columns read, in the order `integra synth --link-records` writes them.
    public static let columns = [
        "record_id", "partner", "first_name", "last_name", "birth_date", "sex", "citizenship", "pesel", "passport",
        "phone", "email",
    ]

    public var records: [LinkRecord]
    /// How many non-empty cells of each column could not be read and were left out.
    public var ignoredValues: [String: Int]

    /// Reads a records file.
    public static func read(url: URL) throws -> FlatRecords {
        var reader = RowReader()
        _ = try CSVReader.forEachRow(url: url) { try reader.add($0) }
        return try reader.finish()
    }

    /// Reads records from CSV bytes.
    public static func read(data: Data) throws -> FlatRecords {
        var reader = RowReader()
        for row in try CSVReader.read(data: data).table.rows { try reader.add(row) }
        return try reader.finish()
    }

    /// Reads a `record_id,person_id` file (a clustering, predicted or true) into one pair per row, in file order.
    public static func readAssignments(url: URL) throws -> [(recordID: String, personID: String)] {
        var header: [String: Int]?
        var pairs: [(recordID: String, personID: String)] = []
        _ = try CSVReader.forEachRow(url: url) { row in
            guard let columns = header else {
                header = try columnIndex(row, required: ["record_id", "person_id"])
                return
            }
            guard let record = CellNormaliser.cleaned(row[columns["record_id"]!].text),
                let person = CellNormaliser.cleaned(row[columns["person_id"]!].text)
            else {
                throw FlatRecordsError(
                    "missing-record-id", "row \(row.number) has an empty record_id or person_id; every row needs both")
            }
            pairs.append((record, person))
        }
        guard header != nil else { throw FlatRecordsError("missing-column", "the file is empty; expected a header") }
        return pairs
    }

    /// The compared pairs the linker reports — links, pairs for review, refused links, and with
    /// `LinkageSettings.keepEveryComparedPair` every other compared pair (`unlinked`) — as CSV, one pair a row:
    /// `record_a,record_b,decision,decided_by,probability,weight`, then each field's level and weight
    /// (`first_name_level,first_name_weight,…`), rows in order of `record_a`, `record_b`.
    ///
    /// `decision` is `link`, `review`, `refused` or `unlinked`; probabilities and weights are written with four decimals.
    public static func pairsCSV(keys: [String], result: LinkResult) -> String {
        let fields = (result.links + result.review + result.refused).first?.contributions.map(\.field) ?? []
        var csv = "record_a,record_b,decision,decided_by,probability,weight"
        for field in fields { csv += ",\(field)_level,\(field)_weight" }
        csv += "\n"
        let rows =
            result.links.map { ($0, "link") } + result.review.map { ($0, "review") }
            + result.refused.map { ($0, "refused") } + result.unlinked.map { ($0, "unlinked") }
        for (pair, decision) in rows.sorted(by: { ($0.0.a, $0.0.b, $0.1) < ($1.0.a, $1.0.b, $1.1) }) {
            csv += quoted(keys[pair.a]) + "," + quoted(keys[pair.b]) + "," + decision + "," + pair.decidedBy
            csv += "," + String(format: "%.4f", pair.probability) + "," + String(format: "%.4f", pair.weight)
            for contribution in pair.contributions {
                csv += "," + contribution.level + "," + String(format: "%.4f", contribution.weight)
            }
            csv += "\n"
        }
        return csv
    }

    /// The `record_id,person_id` CSV of a clustering: persons numbered `P000001`… in order of their first record.
    ///
    /// `clusterOfRecord[i]` is the cluster of `keys[i]`; any labels will do.
    public static func clustersCSV(keys: [String], clusterOfRecord: [Int]) -> String {
        var personOfCluster: [Int: Int] = [:]
        var csv = "record_id,person_id\n"
        csv.reserveCapacity(keys.count * 24)
        for (key, cluster) in zip(keys, clusterOfRecord) {
            let person: Int
            if let known = personOfCluster[cluster] {
                person = known
            } else {
                person = personOfCluster.count + 1
                personOfCluster[cluster] = person
            }
            csv += quoted(key)
            csv += ",P"
            let digits = String(person)
            if digits.count < 6 { csv += String(repeating: "0", count: 6 - digits.count) }
            csv += digits
            csv += "\n"
        }
        return csv
    }

    /// The first-name equivalence classes of a `first-names.yml` (as `pipelines/linkage/first-names.yml`), for
    /// `LinkageSettings.firstNameClasses`.
    public static func firstNameClasses(url: URL, displayPath: String) throws -> [[String]] {
        try FirstNameClasses.load(url, displayPath: displayPath)
    }

    static func quoted(_ field: String) -> String {
        // By scalars: a quote followed by a combining mark is one character that is not a quote.
        guard field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return field
        }
        return CSVTableWriter.quoted(field)
    }

    static func columnIndex(_ header: TableRow, required: [String]) throws -> [String: Int] {
        var index: [String: Int] = [:]
        for (position, cell) in header.cells.enumerated() {
            let name = TextNormalisation.clean(cell.text).lowercased()
            if !name.isEmpty, index[name] == nil { index[name] = position }
        }
        for name in required where index[name] == nil {
            throw FlatRecordsError(
                "missing-column", "the header has no \(name) column; name the columns in the first row")
        }
        return index
    }
}

/// A records file that cannot be used as a whole: no header, no `record_id` column, a repeated or empty id.
public struct FlatRecordsError: Error, CustomStringConvertible, Sendable {
    public var code: DiagnosticCode
    public var message: String

    init(_ code: DiagnosticCode, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "error[\(code.rawValue)]: \(message)" }
}

/// Turns rows into records: ids checked in file order, the other cells normalised a chunk of rows at a time on
/// every core (each worker remembering the normalised form of values that repeat: sexes, countries, dates). A chunk
/// is normalised while the next one is read, so reading the file (one thread) and normalising overlap.
private struct RowReader {
    static let chunkSize = 1 << 15
    var columns: [String: Int]?
    var seenKeys: Set<String> = []
    var pending: [(key: String, row: TableRow)] = []
    var normaliser: ChunkNormaliser?

    mutating func add(_ row: TableRow) throws {
        guard let columns else {
            let index = try FlatRecords.columnIndex(row, required: ["record_id"])
            columns = index
            normaliser = ChunkNormaliser(columns: index)
            return
        }
        guard let key = CellNormaliser.cleaned(row[columns["record_id"]!].text) else {
            throw FlatRecordsError("missing-record-id", "row \(row.number) has no record_id; every row needs one")
        }
        guard seenKeys.insert(key).inserted else {
            throw FlatRecordsError(
                "duplicate-record-id", "row \(row.number) repeats an earlier record_id; record ids must be unique")
        }
        pending.append((key, row))
        if pending.count == Self.chunkSize { flush() }
    }

    mutating func flush() {
        guard !pending.isEmpty, let normaliser else { return }
        normaliser.submit(pending)
        pending = []
        pending.reserveCapacity(Self.chunkSize)
    }

    mutating func finish() throws -> FlatRecords {
        guard columns != nil, let normaliser else {
            throw FlatRecordsError("missing-column", "the file is empty; expected a header")
        }
        flush()
        let (records, ignored) = normaliser.finish()
        return FlatRecords(records: records, ignoredValues: ignored)
    }
}

/// Normalises chunks of rows in the order they are submitted, on a queue of its own (each chunk split over every
/// core); `finish` waits for the last. Its state is only touched on that queue.
private final class ChunkNormaliser: @unchecked Sendable {
    private let queue = DispatchQueue(label: "integra.flat-records")
    private var workers: [CellNormaliser]
    private var records: [LinkRecord] = []

    init(columns: [String: Int]) {
        let count = max(1, ProcessInfo.processInfo.activeProcessorCount)
        workers = Array(repeating: CellNormaliser(columns: columns), count: count)
    }

    func submit(_ rows: [(key: String, row: TableRow)]) {
        queue.async { self.normalise(rows) }
    }

    func finish() -> (records: [LinkRecord], ignored: [String: Int]) {
        queue.sync {
            var ignored: [String: Int] = [:]
            for worker in workers { ignored.merge(worker.ignored, uniquingKeysWith: +) }
            return (records, ignored)
        }
    }

    private func normalise(_ rows: [(key: String, row: TableRow)]) {
        let parts = min(workers.count, max(1, rows.count / 1024))
        var made = [LinkRecord](repeating: LinkRecord(key: ""), count: rows.count)
        made.withUnsafeMutableBufferPointer { output in
            workers.withUnsafeMutableBufferPointer { workers in
                nonisolated(unsafe) let output = output
                nonisolated(unsafe) let workers = workers
                DispatchQueue.concurrentPerform(iterations: parts) { part in
                    let range = (rows.count * part / parts)..<(rows.count * (part + 1) / parts)
                    for i in range {
                        output[i] = workers[part].record(key: rows[i].key, row: rows[i].row)
                    }
                }
            }
        }
        records += made
    }
}

/// Reads one row's cells into a record.
private struct CellNormaliser {
    let columns: [String: Int]
    var ignored: [String: Int] = [:]
    var sexes: [String: String?] = [:]
    var countries: [String: String?] = [:]
    var dates: [String: DateParseResult?] = [:]

    init(columns: [String: Int]) { self.columns = columns }

    mutating func record(key: String, row: TableRow) -> LinkRecord {
        func cell(_ name: String) -> String? {
            guard let index = columns[name] else { return nil }
            return Self.cleaned(row[index].text)
        }
        var record = LinkRecord(
            key: key, source: cell("partner"), firstName: cell("first_name"), lastName: cell("last_name"))
        if let text = cell("birth_date") {
            if let parsed = date(text) {
                record.birthDate = parsed.date
                record.birthDateAmbiguous = parsed.isAmbiguous
            } else {
                ignored["birth_date", default: 0] += 1
            }
        }
        if let text = cell("sex") {
            record.sex = Self.memoised(text, in: &sexes) { Sex(parsing: $0)?.rawValue }
            if record.sex == nil { ignored["sex", default: 0] += 1 }
        }
        if let text = cell("citizenship") {
            record.citizenship = Self.memoised(text, in: &countries) { Citizenship.isoAlpha3($0) }
            if record.citizenship == nil { ignored["citizenship", default: 0] += 1 }
        }
        if let text = cell("pesel") {
            let pesel = PESEL(text, restoringLeadingZero: true)
            record.pesel = pesel.isValid ? pesel.digits : nil
            if record.pesel == nil { ignored["pesel", default: 0] += 1 }
        }
        if let text = cell("passport") {
            let compact = String(text.uppercased().filter { $0.isLetter || $0.isNumber })
            record.document = compact.isEmpty ? nil : compact
            if record.document == nil { ignored["passport", default: 0] += 1 }
        }
        if let text = cell("phone") {
            record.phone = PhoneNumber.e164(text)
            if record.phone == nil { ignored["phone", default: 0] += 1 }
        }
        if let text = cell("email") {
            record.email = Email.normalise(text)
            if record.email == nil { ignored["email", default: 0] += 1 }
        }
        return record
    }

    /// A birth date: any form `DateParser` reads, in a plausible range (a bare number is an Excel serial there).
    mutating func date(_ text: String) -> DateParseResult? {
        if let date = Self.plainDate(text) { return DateParseResult(date: date) }
        return Self.memoised(text, in: &dates) { text in
            guard let parsed = DateParser.parse(text), (1900...2100).contains(parsed.date.year) else { return nil }
            return parsed
        }
    }

    /// `yyyy-mm-dd` or `dd.mm.yyyy` exactly, the forms most files use, read without `DateParser`'s general path
    /// (which reads them the same way: never ambiguous, since only slash dates are).
    static func plainDate(_ text: String) -> LocalDate? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard bytes[i] >= 0x30 && bytes[i] <= 0x39 else { return nil }
                value = value * 10 + Int(bytes[i] - 0x30)
            }
            return value
        }
        let date: LocalDate?
        if bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let y = number(0..<4), let m = number(5..<7), let d = number(8..<10)
        {
            date = LocalDate(year: y, month: m, day: d)
        } else if bytes[2] == UInt8(ascii: "."), bytes[5] == UInt8(ascii: "."),
            let d = number(0..<2), let m = number(3..<5), let y = number(6..<10)
        {
            date = LocalDate(year: y, month: m, day: d)
        } else {
            return nil
        }
        guard let date, (1900...2100).contains(date.year) else { return nil }
        return date
    }

    static func memoised<Value>(_ text: String, in cache: inout [String: Value?], _ make: (String) -> Value?) -> Value?
    {
        if let known = cache[text] { return known }
        let value = make(text)
        cache[text] = .some(value)
        return value
    }

    /// `TextNormalisation.clean`, or nil for a blank cell. Printable ASCII with single inner spaces is already
    /// clean, and most cells are that, so they skip the Unicode composition that dominates the cost of reading.
    static func cleaned(_ text: String) -> String? {
        var previousWasSpace = true
        var isClean = true
        for byte in text.utf8 {
            let printable = byte > 0x20 && byte < 0x7F
            guard printable || (byte == 0x20 && !previousWasSpace) else {
                isClean = false
                break
            }
            previousWasSpace = !printable
        }
        if isClean { return previousWasSpace ? (text.isEmpty ? nil : TextNormalisation.clean(text)) : text }
        let cleaned = TextNormalisation.clean(text)
        return cleaned.isEmpty ? nil : cleaned
    }
}
