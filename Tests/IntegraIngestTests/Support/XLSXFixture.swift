import Foundation
import ZIPFoundation

/// Builds small .xlsx files from hand-written XML parts, so every test says exactly what the reader sees.
struct XLSXFixture {
    struct Sheet {
        var name: String
        var xml: String
        var state: String? = nil
    }

    /// Parts in zip order: path and XML text.
    var parts: [(path: String, xml: String)]

    static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let typeBase = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// A complete workbook: content types, root rels, workbook, its rels, sheets and optional strings and styles.
    static func workbook(
        sheets: [Sheet], sharedStrings: String? = nil, styles: String? = nil, date1904: Bool = false,
        absoluteTargets: Bool = false
    ) -> XLSXFixture {
        let sheetElements = sheets.enumerated().map { i, sheet in
            "<sheet name=\"\(sheet.name)\" sheetId=\"\(i + 1)\""
                + (sheet.state.map { " state=\"\($0)\"" } ?? "") + " r:id=\"rId\(i + 1)\"/>"
        }
        let workbook = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="\(mainNS)" xmlns:r="\(relNS)">\
            <workbookPr\(date1904 ? " date1904=\"1\"" : "")/>\
            <sheets>\(sheetElements.joined())</sheets></workbook>
            """
        let prefix = absoluteTargets ? "/xl/" : ""
        var rels = sheets.indices.map { i in
            "<Relationship Id=\"rId\(i + 1)\" Type=\"\(typeBase)/worksheet\" Target=\"\(prefix)worksheets/sheet\(i + 1).xml\"/>"
        }
        if sharedStrings != nil {
            rels.append(
                "<Relationship Id=\"rIdS\" Type=\"\(typeBase)/sharedStrings\" Target=\"\(prefix)sharedStrings.xml\"/>")
        }
        if styles != nil {
            rels.append("<Relationship Id=\"rIdT\" Type=\"\(typeBase)/styles\" Target=\"\(prefix)styles.xml\"/>")
        }
        var parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes),
            (
                "_rels/.rels",
                relationships([
                    "<Relationship Id=\"rId1\" Type=\"\(typeBase)/officeDocument\" Target=\"xl/workbook.xml\"/>"
                ])
            ),
            ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", relationships(rels)),
        ]
        for (i, sheet) in sheets.enumerated() { parts.append(("xl/worksheets/sheet\(i + 1).xml", sheet.xml)) }
        if let sharedStrings { parts.append(("xl/sharedStrings.xml", sharedStrings)) }
        if let styles { parts.append(("xl/styles.xml", styles)) }
        return XLSXFixture(parts: parts)
    }

    /// A worksheet part with `rows` inside `<sheetData>` and optional merged ranges.
    static func sheet(_ rows: String, merges: [String] = []) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"\(mainNS)\" xmlns:r=\"\(relNS)\">"
        xml += "<sheetData>\(rows)</sheetData>"
        if !merges.isEmpty {
            xml += "<mergeCells count=\"\(merges.count)\">"
            xml += merges.map { "<mergeCell ref=\"\($0)\"/>" }.joined()
            xml += "</mergeCells>"
        }
        return xml + "</worksheet>"
    }

    /// A shared string table with plain `<si><t>` items.
    static func sharedStrings(_ strings: [String]) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"\(mainNS)\" count=\"\(strings.count)\" uniqueCount=\"\(strings.count)\">"
            + strings.map { "<si><t>\($0)</t></si>" }.joined() + "</sst>"
    }

    /// A styles part with custom `numFmts` (id → code) and `cellXfs` listing a number format id per style.
    static func styles(customFormats: [(Int, String)] = [], cellFormats: [Int]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"\(mainNS)\">"
        if !customFormats.isEmpty {
            xml += "<numFmts count=\"\(customFormats.count)\">"
            xml += customFormats.map { "<numFmt numFmtId=\"\($0.0)\" formatCode=\"\($0.1)\"/>" }.joined()
            xml += "</numFmts>"
        }
        // cellStyleXfs come first in real files; the reader must not count them as cell styles.
        xml += "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
        xml += "<cellXfs count=\"\(cellFormats.count)\">"
        xml += cellFormats.map { "<xf numFmtId=\"\($0)\" xfId=\"0\"/>" }.joined()
        return xml + "</cellXfs></styleSheet>"
    }

    static func relationships(_ items: [String]) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + items.joined() + "</Relationships>"
    }

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8"?>\
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/></Types>
        """

    /// Replaces the text of one part.
    func replacing(_ path: String, with xml: String) -> XLSXFixture {
        XLSXFixture(parts: parts.map { $0.path == path ? ($0.path, xml) : $0 })
    }

    /// The zipped workbook.
    func data(compression: CompressionMethod = .deflate) throws -> Data {
        try Self.zip(parts.map { ($0.path, Data($0.xml.utf8)) }, compression: compression)
    }

    /// A zip archive of arbitrary entries, built in memory.
    static func zip(_ entries: [(String, Data)], compression: CompressionMethod = .deflate) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, bytes) in entries {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: compression
            ) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data ?? Data()
    }
}
