import Foundation

/// What a correct run must report for one fixture file, as `expected.json` holds it.
struct FixtureExpectation: Encodable {
    /// A diagnostic the run must raise: code, severity and where (sheet for XLSX, 1-based row when it has one).
    struct Diagnostic: Encodable, Comparable {
        var code: String
        var severity: String
        var sheet: String?
        var row: Int?

        static func < (a: Diagnostic, b: Diagnostic) -> Bool {
            (a.code, a.sheet ?? "", a.row ?? 0, a.severity) < (b.code, b.sheet ?? "", b.row ?? 0, b.severity)
        }
    }

    /// Attendance marks stored for the file's matched rows.
    struct Marks: Encodable {
        var present = 0
        var absent = 0
        var excused = 0
    }

    /// A loaded roll row as the warehouse must hold it.
    struct Participant: Encodable, Comparable {
        var firstName: String
        var lastName: String
        var birthDate: String?
        var startDate: String?
        var endDate: String?
        var sex: String?
        var citizenship: String?
        var pesel: String?

        static func < (a: Participant, b: Participant) -> Bool {
            (a.lastName, a.firstName, a.birthDate ?? "") < (b.lastName, b.firstName, b.birthDate ?? "")
        }
    }

    /// What a consultation log's loaded rows hold, after the source's `values:` maps.
    struct Consultations: Encodable {
        var named = 0
        var anonymous = 0
        var modes: Set<String> = []
        var languages: Set<String> = []
        var citizenships: Set<String> = []

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(named, forKey: .named)
            try c.encode(anonymous, forKey: .anonymous)
            try c.encode(modes.sorted(), forKey: .modes)
            try c.encode(languages.sorted(), forKey: .languages)
            try c.encode(citizenships.sorted(), forKey: .citizenships)
        }

        enum CodingKeys: String, CodingKey { case named, anonymous, modes, languages, citizenships }
    }

    var path: String
    var source: String
    var exercises: String
    /// CSV only: the encoding the reader must detect (or was told).
    var encoding: String?
    var read = 0
    var loaded = 0
    var rejected = 0
    var blank = 0
    var diagnostics: [Diagnostic] = []
    /// The whole file (or its only sheet) cannot be read: the code of that error.
    var error: String?
    var marks: Marks?
    var participants: [Participant]?
    var consultations: Consultations?
}

/// Keeps the books of one fixture file while it is written: which rows are header, data (loaded or rejected) or
/// blank, and which diagnostics each must raise. Blank rows count only between the header and the last data row
/// (README, "Runs are incremental").
final class FixtureLedger {
    private(set) var expectation: FixtureExpectation
    private var headers: [String: Int] = [:]
    private var dataRows: [String: [Int]] = [:]
    private var blankRows: [String: [Int]] = [:]
    /// The sheet ("" for a CSV) at whose header row the file's one `unused-column` note stands.
    private var unusedColumnsSheet: String?

    init(path: String, source: String, exercises: String) {
        expectation = FixtureExpectation(path: path, source: source, exercises: exercises)
    }

    var encoding: String? {
        get { expectation.encoding }
        set { expectation.encoding = newValue }
    }

    func header(row: Int, sheet: String? = nil) { headers[sheet ?? ""] = row }

    func loaded(row: Int, sheet: String? = nil, warnings: [String] = []) {
        expectation.loaded += 1
        dataRows[sheet ?? "", default: []].append(row)
        for code in warnings { warning(code, row: row, sheet: sheet) }
    }

    func rejected(row: Int, sheet: String? = nil, code: String, warnings: [String] = []) {
        expectation.rejected += 1
        dataRows[sheet ?? "", default: []].append(row)
        expectation.diagnostics.append(.init(code: code, severity: "error", sheet: sheet, row: row))
        for code in warnings { warning(code, row: row, sheet: sheet) }
    }

    func blank(row: Int, sheet: String? = nil) { blankRows[sheet ?? "", default: []].append(row) }

    func warning(_ code: String, row: Int?, sheet: String? = nil) {
        expectation.diagnostics.append(.init(code: code, severity: "warning", sheet: sheet, row: row))
    }

    /// A note the run must print: it rejects nothing (a table's footer).
    func note(_ code: String, row: Int?, sheet: String? = nil) {
        expectation.diagnostics.append(.init(code: code, severity: "note", sheet: sheet, row: row))
    }

    /// The file has columns the project file maps none of: one `unused-column` note, at the header row of the
    /// first sheet that has them.
    func unusedColumns(sheet: String? = nil) {
        if unusedColumnsSheet == nil { unusedColumnsSheet = sheet ?? "" }
    }

    /// The file or one of its sheets cannot be read at all.
    func failed(_ code: String, sheet: String? = nil) {
        expectation.error = code
        expectation.diagnostics.append(.init(code: code, severity: "error", sheet: sheet, row: nil))
    }

    func marks(_ marks: FixtureExpectation.Marks) { expectation.marks = marks }

    func participant(_ p: FixtureExpectation.Participant) {
        expectation.participants = (expectation.participants ?? []) + [p]
    }

    func consultations(_ c: FixtureExpectation.Consultations) { expectation.consultations = c }

    /// The finished expectation: blank rows counted, lists sorted.
    func finish() -> FixtureExpectation {
        var e = expectation
        e.blank = 0
        for (sheet, rows) in blankRows {
            guard let header = headers[sheet], let last = dataRows[sheet]?.max() else { continue }
            e.blank += rows.filter { $0 > header && $0 < last }.count
        }
        e.read = e.loaded + e.rejected + e.blank
        if let sheet = unusedColumnsSheet {
            e.diagnostics.append(
                .init(code: "unused-column", severity: "note", sheet: sheet.isEmpty ? nil : sheet, row: headers[sheet]))
        }
        e.diagnostics.sort()
        e.participants?.sort()
        return e
    }
}

/// `expected.json`: every fixture file's expected outcome and the number of files that cannot be read at all.
struct FixtureExpectations: Encodable {
    var project: String
    var failedFiles: Int
    var files: [FixtureExpectation]

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(self) + Data("\n".utf8)
    }
}
