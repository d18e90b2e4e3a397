import Foundation
import IntegraCore

/// A sheet as the workbook lists it, before its cells are read.
public struct XLSXSheetInfo: Hashable, Sendable {
    /// The name on the sheet's tab.
    public let name: String
    /// True for sheets whose state is `hidden` or `veryHidden`.
    public let isHidden: Bool
    /// The sheet's part inside the zip, such as `xl/worksheets/sheet1.xml`.
    public let path: String
}

/// An Excel workbook (.xlsx) opened for reading: its sheet list, shared strings and date styles.
///
/// Opening reads the workbook's structure and refuses unsafe files (zip bombs, XML document types); sheets are
/// read on demand. Cells come out typed: strings, numbers, booleans, errors, and numbers whose format is a date as
/// `.date`. Rows keep their Excel row numbers; blank rows are left out and listed in `blankRowNumbers`, rows hidden
/// in Excel are read and listed in `hiddenRowNumbers`.
///
/// ```swift
/// let workbook = try XLSXWorkbook(url: URL(fileURLWithPath: "partners/fundacja/obecnosci-2023.xlsx"))
/// for info in workbook.sheets where !info.isHidden { print(info.name) }
/// let march = try workbook.readSheet(named: "Marzec")
/// march.rows.first?.number      // 1-based, as in Excel
/// march.mergedRanges            // title-block merges, 0-based
/// march.hiddenRowNumbers        // rows hidden in Excel, still in `rows`
/// ```
public struct XLSXWorkbook: Sendable {
    /// The sheets in workbook (tab) order.
    public let sheets: [XLSXSheetInfo]
    /// True when the workbook counts dates from 1904 (old Mac Excel) rather than 1900.
    public let uses1904Dates: Bool

    private let data: Data
    private let sharedStrings: [String]
    private let dateStyles: [Bool]

    /// Opens the workbook at `url` (memory-mapped).
    public init(url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw IngestError.unreadable(url, underlying: error)
        }
        try self.init(data: data)
    }

    /// Opens a workbook held in memory.
    public init(data: Data) throws {
        let package = try XLSXPackage(data: data)
        let workbookPath = try Self.workbookPath(in: package)
        guard let workbookXML = try package.data(workbookPath) else {
            throw IngestError(
                .notAnXLSX,
                "the zip has no workbook part (\(workbookPath)), so it is not an Excel workbook; export the data as "
                    + ".xlsx or CSV from the program that made it")
        }
        let collector = AttributeCollector(["sheet", "workbookPr"])
        try XMLPart.parse(workbookXML, part: workbookPath, handler: collector)
        let relationships = try package.relationships(of: workbookPath)

        var sheets: [XLSXSheetInfo] = []
        var uses1904Dates = false
        for (name, attributes) in collector.elements {
            if name == "workbookPr" {
                uses1904Dates = ["1", "true"].contains(attributes["date1904"] ?? "")
                continue
            }
            // The relationship id is `r:id`, whatever prefix the producer bound to the relationships namespace.
            guard let sheetName = attributes["name"] else { continue }
            let id = attributes.first(where: { $0.key.hasSuffix(":id") })?.value ?? ""
            // A sheet whose part is not in the rels stays listed; reading it reports the damage.
            let target = relationships[id]?.target ?? ""
            let state = attributes["state"] ?? "visible"
            sheets.append(XLSXSheetInfo(name: sheetName, isHidden: state != "visible", path: target))
        }

        func part(ofType suffix: String, default fallback: String) -> String {
            relationships.values.first { $0.type.hasSuffix(suffix) }?.target ?? fallback
        }
        let stringsPath = part(ofType: "/sharedStrings", default: "xl/sharedStrings.xml")
        let stylesPath = part(ofType: "/styles", default: "xl/styles.xml")

        self.data = data
        self.sheets = sheets
        self.uses1904Dates = uses1904Dates
        self.sharedStrings =
            try package.data(stringsPath).map { try XLSXSharedStrings.read($0, part: stringsPath) } ?? []
        self.dateStyles = try package.data(stylesPath).map { try XLSXStyles.dateStyles($0, part: stylesPath) } ?? []
    }

    /// Reads the sheet called `name` (exact match first, then ignoring case, as Excel treats sheet names).
    ///
    /// Throws `sheet-not-found`, listing the workbook's sheets, when there is no such sheet.
    public func readSheet(named name: String) throws -> SheetTable {
        try readSheets([info(named: name)])[0]
    }

    /// Reads every sheet, hidden ones included, in workbook order.
    public func readAllSheets() throws -> [SheetTable] {
        try readSheets(sheets)
    }

    /// Passes the non-blank rows of the sheet called `name` to `body` as they are read, without keeping the table:
    /// for sheets too large to hold in memory twice. Names match as in `readSheet(named:)`.
    ///
    /// ```swift
    /// var count = 0
    /// try workbook.forEachRow(sheet: "Uczestnicy") { row in count += row.isBlank ? 0 : 1 }
    /// ```
    public func forEachRow(sheet name: String, body: (TableRow) throws -> Void) throws {
        let info = try info(named: name)
        _ = try parser.parse(try sheetXML(info, in: XLSXPackage(data: data)), part: info.path, eachRow: body)
    }

    private var parser: XLSXSheetParser {
        XLSXSheetParser(sharedStrings: sharedStrings, dateStyles: dateStyles, uses1904Dates: uses1904Dates)
    }

    private func info(named name: String) throws -> XLSXSheetInfo {
        guard
            let info = sheets.first(where: { $0.name == name })
                ?? sheets.first(where: { $0.name.lowercased() == name.lowercased() })
        else {
            let available = sheets.map { "\"\($0.name)\"" + ($0.isHidden ? " (hidden)" : "") }
            throw IngestError(
                .sheetNotFound,
                "the workbook has no sheet named \"\(name)\"; its sheets are "
                    + (available.isEmpty ? "none" : available.joined(separator: ", "))
                    + ". Correct the sheet name in the pipeline")
        }
        return info
    }

    private func readSheets(_ infos: [XLSXSheetInfo]) throws -> [SheetTable] {
        let package = try XLSXPackage(data: data)
        let parser = self.parser
        return try infos.map { info in
            let (rows, layout) = try parser.parse(try sheetXML(info, in: package), part: info.path)
            return SheetTable(
                name: info.name, rows: rows, mergedRanges: layout.mergedRanges, isHidden: info.isHidden,
                blankRowNumbers: layout.blankRowNumbers, hiddenRowNumbers: layout.hiddenRowNumbers,
                uncachedFormulas: layout.uncachedFormulas)
        }
    }

    private func sheetXML(_ info: XLSXSheetInfo, in package: XLSXPackage) throws -> Data {
        guard !info.path.isEmpty, let xml = try package.data(info.path) else {
            throw IngestError(
                .unreadableFile,
                "the workbook lists sheet \"\(info.name)\" but its part \(info.path) is missing; open the file in "
                    + "Excel or LibreOffice and save it again")
        }
        return xml
    }

    /// The main workbook part named by the package's root relationships (`xl/workbook.xml` in practice).
    private static func workbookPath(in package: XLSXPackage) throws -> String {
        let root = try package.relationships(of: "")
        if let office = root.values.first(where: { $0.type.hasSuffix("/officeDocument") }),
            package.contains(office.target)
        {
            return office.target
        }
        if package.contains("xl/workbook.bin") {
            throw IngestError(
                .notAnXLSX,
                "the file is an Excel binary workbook (.xlsb); open it in Excel and save it as .xlsx")
        }
        if package.contains("content.xml"), package.contains("mimetype") {
            throw IngestError(
                .notAnXLSX,
                "the file is an OpenDocument spreadsheet (.ods); open it in LibreOffice and save it as .xlsx")
        }
        return "xl/workbook.xml"
    }
}
