import CXlsxWriter
import Foundation
import IntegraCore

/// Document properties stored in `docProps/core.xml` and `docProps/app.xml`.
///
/// `created` is required: libxlsxwriter otherwise stamps the current time, and two runs on the same data would
/// produce different files. It is written as 00:00 UTC of that date.
public struct XLSXDocumentProperties: Hashable, Sendable {
    public var title: String
    public var subject: String
    public var author: String
    public var company: String
    public var comments: String
    public var keywords: String
    /// The creation date shown by Excel; choose one derived from the data, e.g. the end of the report period.
    public var created: LocalDate

    public init(
        created: LocalDate, title: String = "", subject: String = "", author: String = "", company: String = "",
        comments: String = "", keywords: String = ""
    ) {
        self.created = created
        self.title = title
        self.subject = subject
        self.author = author
        self.company = company
        self.comments = comments
        self.keywords = keywords
    }
}

/// A problem writing a workbook. Messages name sheets and cells, never cell contents.
public enum XLSXWriterError: Error, CustomStringConvertible {
    /// The sheet name breaks one of Excel's rules (length, characters, apostrophes, reserved name).
    case invalidSheetName(String, reason: String)
    /// Another sheet already has this name; Excel compares names ignoring case.
    case duplicateSheetName(String)
    /// A row or column outside Excel's grid (1 048 576 rows × 16 384 columns); indices are 0-based.
    case cellOutOfRange(sheet: String, row: Int, column: Int)
    /// A range that is reversed or overlaps a merged range already on the sheet.
    case invalidRange(sheet: String, range: String, reason: String)
    /// NaN or an infinity, which Excel cannot store.
    case nonFiniteNumber(sheet: String, cell: String)
    /// A date before 1900-01-01, which Excel cannot show as a date.
    case dateOutOfRange(sheet: String, cell: String)
    /// A custom number format longer than libxlsxwriter's 127 bytes.
    case numberFormatTooLong(String)
    /// The workbook was already closed.
    case closed
    /// libxlsxwriter refused an operation; `message` is its `lxw_strerror` text.
    case library(operation: String, location: String, code: Int, message: String)

    public var description: String {
        switch self {
        case .invalidSheetName(let name, let reason):
            return "invalid sheet name '\(name)': \(reason); use XLSXWriter.safeSheetName(_:) to get a valid one"
        case .duplicateSheetName(let name):
            return "the workbook already has a sheet named '\(name)' (Excel ignores case in sheet names)"
        case .cellOutOfRange(let sheet, let row, let column):
            return "'\(sheet)': row \(row), column \(column) (0-based) is outside Excel's 1048576×16384 grid"
        case .invalidRange(let sheet, let range, let reason):
            return "'\(sheet)'!\(range): \(reason)"
        case .nonFiniteNumber(let sheet, let cell):
            return "'\(sheet)'!\(cell): NaN or infinity cannot be stored in Excel; write text or leave it blank"
        case .dateOutOfRange(let sheet, let cell):
            return "'\(sheet)'!\(cell): Excel dates start at 1900-01-01; write the date as text"
        case .numberFormatTooLong(let format):
            return "number format '\(format)' is longer than 127 bytes"
        case .closed:
            return "the workbook is already closed"
        case .library(let operation, let location, let code, let message):
            return "\(location): \(operation) failed: \(message) (libxlsxwriter error \(code))"
        }
    }
}

/// A workbook written with libxlsxwriter: sheets, styled cells, merges, print setup; reproducible byte for byte.
///
/// The file appears at `path` only when `close()` succeeds (it is written beside it and renamed), so a failed run
/// never leaves half a report. Rows and columns are 0-based.
///
/// ```swift
/// let properties = XLSXDocumentProperties(created: LocalDate(year: 2024, month: 3, day: 31)!, title: "Raport")
/// let workbook = try XLSXWriter(path: "raport.xlsx", properties: properties)
/// let sheet = try workbook.addSheet("Wskaźniki")
/// try sheet.write("Liczba uczestników", row: 0, col: 0, style: .header)
/// try sheet.write(1234, row: 1, col: 0, style: .integer)
/// try sheet.write(LocalDate(year: 2024, month: 3, day: 1)!, row: 2, col: 0)
/// try sheet.writeFormula("=A2*2", cachedValue: 2468, row: 3, col: 0, style: .integer)
/// try sheet.freezePanes(row: 1, col: 0)
/// try workbook.close()
/// ```
public final class XLSXWriter {
    /// Where the file appears after `close()`.
    public let path: String
    private let temporaryPath: String
    private var workbook: UnsafeMutablePointer<lxw_workbook>?
    private var formats: [XLSXStyle: UnsafeMutablePointer<lxw_format>] = [:]
    private var sheetNames: [String] = []

    /// Starts a workbook; nothing is written to disk until `close()`.
    ///
    /// - Parameter ownerOnly: the file holds personal data: it is readable by its owner only (mode 0600) from the
    ///   moment its first byte is written, under its temporary name as under its final one.
    /// - Parameter rowByRow: libxlsxwriter's constant-memory mode: each row goes to disk when the next one starts
    ///   and strings are written inline (no shared-string table), so a sheet of 200 000 rows costs neither the memory
    ///   nor the string lookups. Rows must then be written in order, and nothing may refer back to a finished row
    ///   (an autofilter is set before the rows).
    public init(path: String, properties: XLSXDocumentProperties, ownerOnly: Bool = false, rowByRow: Bool = false) throws {
        self.path = path
        temporaryPath = AtomicFile.temporaryURL(for: URL(fileURLWithPath: path)).path
        if ownerOnly {
            // libxlsxwriter opens the file with fopen("wb"), which keeps the mode of a file that exists.
            let fd = Foundation.open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            guard fd >= 0 else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporaryPath])
            }
            Foundation.close(fd)
        }
        var options = lxw_workbook_options()
        options.constant_memory = UInt8((rowByRow ? LXW_TRUE : LXW_FALSE).rawValue)
        guard let workbook = workbook_new_opt(temporaryPath, &options) else {
            throw XLSXWriterError.library(
                operation: "creating the workbook", location: path, code: Int(LXW_ERROR_MEMORY_MALLOC_FAILED.rawValue),
                message: String(cString: lxw_strerror(LXW_ERROR_MEMORY_MALLOC_FAILED)))
        }
        self.workbook = workbook
        do {
            try setProperties(properties)
        } catch {
            // Without this, deinit would write a file for a writer the caller never got.
            _ = workbook_close(workbook)
            self.workbook = nil
            try? FileManager.default.removeItem(atPath: temporaryPath)
            throw error
        }
    }

    /// Text cells cut to Excel's limit of 32 767 characters so far (see ``XLSXSheet/write(_:row:col:style:)``).
    public internal(set) var truncatedCells = 0

    deinit {
        // A writer dropped without close() — an error on the way — leaves nothing: the temporary file is removed and
        // the file at `path` (a previous complete report) stays as it was. Only close() publishes.
        guard let workbook else { return }
        self.workbook = nil
        _ = workbook_close(workbook)
        try? FileManager.default.removeItem(atPath: temporaryPath)
    }

    /// The names of the sheets added so far, in order.
    public var sheets: [String] { sheetNames }

    /// Adds a sheet after the existing ones; the name must follow Excel's rules (see `safeSheetName(_:)`).
    public func addSheet(_ name: String) throws -> XLSXSheet {
        let workbook = try open()
        if let reason = XLSXWriter.sheetNameProblem(name) {
            throw XLSXWriterError.invalidSheetName(name, reason: reason)
        }
        if sheetNames.contains(where: { $0.lowercased() == name.lowercased() }) {
            throw XLSXWriterError.duplicateSheetName(name)
        }
        guard let worksheet = workbook_add_worksheet(workbook, name) else {
            let error = workbook_validate_sheet_name(workbook, name)
            throw XLSXWriterError.library(
                operation: "adding the sheet", location: "'\(name)'", code: Int(error.rawValue),
                message: String(cString: lxw_strerror(error)))
        }
        sheetNames.append(name)
        return XLSXSheet(workbook: self, worksheet: worksheet, name: name)
    }

    /// A valid name not yet used in this workbook, made from `proposed`: forbidden characters become `_`,
    /// apostrophes at the ends are dropped, the name is cut to 31 characters, and ` (2)`, ` (3)`… is added
    /// when the name is taken.
    ///
    /// ```swift
    /// workbook.safeSheetName("Uczestnicy 2023/2024 – województwo mazowieckie")  // "Uczestnicy 2023_2024 – wojewódz"
    /// ```
    public func safeSheetName(_ proposed: String) -> String {
        var base = String(
            String.UnicodeScalarView(
                proposed.unicodeScalars.map { scalar -> Unicode.Scalar in
                    if XLSXWriter.forbiddenSheetNameScalars.contains(scalar) { return "_" }
                    if scalar.properties.generalCategory == .control { return " " }
                    return scalar
                }))
        while base.hasPrefix("'") { base.removeFirst() }
        while base.hasSuffix("'") { base.removeLast() }
        if base.isEmpty { base = "Arkusz" }
        if base.lowercased() == "history" { base += "_" }
        var candidate = XLSXWriter.truncated(base, toUTF16: XLSXWriter.maxSheetNameLength)
        var counter = 2
        while sheetNames.contains(where: { $0.lowercased() == candidate.lowercased() }) {
            let suffix = " (\(counter))"
            candidate = XLSXWriter.truncated(base, toUTF16: XLSXWriter.maxSheetNameLength - suffix.utf16.count) + suffix
            counter += 1
        }
        return candidate
    }

    /// Writes the file and moves it to `path`. Calling it again does nothing.
    ///
    /// Throws the libxlsxwriter error (with its `lxw_strerror` text) if the file could not be written.
    public func close() throws {
        guard let workbook else { return }
        self.workbook = nil
        formats = [:]
        let error = workbook_close(workbook)
        guard error == LXW_NO_ERROR else {
            try? FileManager.default.removeItem(atPath: temporaryPath)
            throw XLSXWriterError.library(
                operation: "writing the workbook", location: path, code: Int(error.rawValue),
                message: String(cString: lxw_strerror(error)))
        }
        do {
            try AtomicFile.move(URL(fileURLWithPath: temporaryPath), to: URL(fileURLWithPath: path))
        } catch {
            try? FileManager.default.removeItem(atPath: temporaryPath)
            throw error
        }
    }

    /// The open workbook, or `.closed`.
    func open() throws -> UnsafeMutablePointer<lxw_workbook> {
        guard let workbook else { throw XLSXWriterError.closed }
        return workbook
    }

    /// The libxlsxwriter format for `style`, created on first use; nil for the default look.
    func format(for style: XLSXStyle) throws -> UnsafeMutablePointer<lxw_format>? {
        if style == .text { return nil }
        if let format = formats[style] { return format }
        let workbook = try open()
        let format = try style.makeFormat(in: workbook)
        formats[style] = format
        return format
    }

    private func setProperties(_ properties: XLSXDocumentProperties) throws {
        let workbook = try open()
        // libxlsxwriter copies the strings inside workbook_set_properties, so they only need to outlive the call.
        var copies: [UnsafeMutablePointer<CChar>] = []
        defer { for copy in copies { free(copy) } }
        func cString(_ text: String) -> UnsafeMutablePointer<CChar>? {
            guard !text.isEmpty, let copy = strdup(text) else { return nil }
            copies.append(copy)
            return copy
        }
        var props = lxw_doc_properties()
        props.title = cString(properties.title)
        props.subject = cString(properties.subject)
        props.author = cString(properties.author)
        props.company = cString(properties.company)
        props.comments = cString(properties.comments)
        props.keywords = cString(properties.keywords)
        // 0 would mean "now"; 1970-01-01 itself is therefore nudged by one second.
        let seconds = properties.created.daysSinceEpoch * 86_400
        props.created = time_t(seconds == 0 ? 1 : seconds)
        let error = workbook_set_properties(workbook, &props)
        guard error == LXW_NO_ERROR else {
            throw XLSXWriterError.library(
                operation: "setting document properties", location: path, code: Int(error.rawValue),
                message: String(cString: lxw_strerror(error)))
        }
    }
}

extension XLSXWriter {
    static let maxSheetNameLength = 31
    static let forbiddenSheetNameScalars: Set<Unicode.Scalar> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// Why Excel would refuse `name`, or nil when it is valid.
    static func sheetNameProblem(_ name: String) -> String? {
        if name.isEmpty { return "it is empty" }
        if name.utf16.count > maxSheetNameLength { return "it is longer than \(maxSheetNameLength) characters" }
        if name.unicodeScalars.contains(where: forbiddenSheetNameScalars.contains) {
            return "it contains one of [ ] : * ? / \\"
        }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "it contains a control character"
        }
        if name.hasPrefix("'") || name.hasSuffix("'") { return "it starts or ends with an apostrophe" }
        if name.lowercased() == "history" { return "Excel reserves the name 'History'" }
        return nil
    }

    /// The longest prefix of whole characters that fits in `limit` UTF-16 units (Excel's unit for name length),
    /// without an apostrophe at the end.
    static func truncated(_ text: String, toUTF16 limit: Int) -> String {
        var result = ""
        var length = 0
        for character in text {
            length += character.utf16.count
            if length > limit { break }
            result.append(character)
        }
        while result.hasSuffix("'") { result.removeLast() }
        return result
    }
}
