import Foundation
import ZIPFoundation

/// The XML parts of a written workbook, by path inside the ZIP.
struct XLSXParts {
    var parts: [String: String] = [:]

    init(url: URL) throws {
        let archive = try Archive(url: url, accessMode: .read)
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            parts[entry.path] = String(decoding: data, as: UTF8.self)
        }
    }

    subscript(path: String) -> String { parts[path] ?? "" }

    /// The `s="…"` style index of a cell, e.g. `B3`, in the first sheet.
    func styleIndex(of cell: String, sheet: Int = 1) -> Int? {
        let xml = self["xl/worksheets/sheet\(sheet).xml"]
        guard let match = xml.firstMatch(of: try! Regex("<c r=\"\(cell)\" s=\"([0-9]+)\"")) else { return nil }
        return Int(match.output[1].substring!)
    }

    /// The number format code of the `index`-th cell format in styles.xml.
    func numberFormat(ofStyle index: Int) -> String? {
        let styles = self["xl/styles.xml"]
        guard let cellXfs = styles.firstMatch(of: try! Regex("<cellXfs[^>]*>(.*?)</cellXfs>")) else { return nil }
        let xfs = String(cellXfs.output[1].substring!).matches(of: try! Regex("<xf [^>]*numFmtId=\"([0-9]+)\""))
        guard index < xfs.count, let id = xfs[index].output[1].substring else { return nil }
        guard let format = styles.firstMatch(of: try! Regex("<numFmt numFmtId=\"\(id)\" formatCode=\"([^\"]*)\""))
        else { return nil }
        return String(format.output[1].substring!)
    }
}
