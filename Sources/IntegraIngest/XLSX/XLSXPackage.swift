import Foundation
import IntegraCore
import ZIPFoundation

/// The zip container of a workbook, checked for zip bombs before anything is unpacked.
///
/// Part names are matched ignoring case and a leading `/`, as the Open Packaging Conventions require.
struct XLSXPackage {
    /// Limits on what a partner spreadsheet may unpack to; real attendance workbooks are a few megabytes. A part is
    /// unpacked whole into memory, so the largest part bounds the memory a workbook needs.
    enum Limits {
        static let maxEntrySize: UInt64 = 256 << 20
        static let maxTotalSize: UInt64 = 1 << 30
        static let maxRatio: UInt64 = 200
        /// Small parts compress extremely well legitimately (a sheet of one repeated style), so the ratio is only
        /// checked above this size.
        static let ratioCheckedAbove: UInt64 = 1 << 20
    }

    private let archive: Archive
    private let entries: [String: Entry]

    init(data: Data) throws {
        let ole2 = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        if data.prefix(8) == ole2 {
            throw IngestError(
                .notAnXLSX,
                "the file is an Excel 97–2003 workbook (.xls) or a password-protected workbook; open it in Excel or "
                    + "LibreOffice, remove any password and save it as .xlsx")
        }
        let notAZip = IngestError(
            .notAnXLSX,
            "the file is not an .xlsx workbook (it is not a zip archive); if it is a CSV or an old .xls file, "
                + "change the source's format or save it as .xlsx")
        switch Self.zipLayout(data) {
        case .inside:
            break
        case .outside:
            throw IngestError(
                .unreadableFile,
                "the workbook is damaged (its zip directory points outside the file); get the file again or re-save "
                    + "it in Excel or LibreOffice")
        case .noEndRecord:
            // A zip's local header at the start but no central directory at the end: a cut-off download or copy.
            if data.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]) { throw Self.cutShort(underlying: nil) }
            throw notAZip
        }
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            if data.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]) { throw Self.cutShort(underlying: error) }
            throw IngestError(notAZip.code, notAZip.message, underlying: error)
        }
        var entries: [String: Entry] = [:]
        var total: UInt64 = 0
        for entry in archive where entry.type == .file {
            let size = entry.uncompressedSize
            total += size
            if size > Limits.maxEntrySize || total > Limits.maxTotalSize {
                throw IngestError(
                    .zipBomb,
                    "the workbook would unpack to more than \(size > Limits.maxEntrySize ? "256 MiB in one part" : "1 GiB"); "
                        + "it is refused as a possible zip bomb. If it is genuine, split the data into smaller files")
            }
            if size > Limits.ratioCheckedAbove, size > Limits.maxRatio * entry.compressedSize {
                throw IngestError(
                    .zipBomb,
                    "the part \(entry.path) is compressed more than \(Limits.maxRatio) to 1, typical of a zip bomb; the "
                        + "file is refused. If it is genuine, delete the empty formatted rows and columns below and right "
                        + "of the data (Ctrl+End shows where the sheet ends) and save it again")
            }
            entries[Self.key(entry.path)] = entries[Self.key(entry.path)] ?? entry
        }
        self.archive = archive
        self.entries = entries
    }

    private static func cutShort(underlying: (any Error)?) -> IngestError {
        IngestError(
            .unreadableFile,
            "the workbook is damaged or incomplete (its zip directory is missing); get the file again or re-save it "
                + "in Excel",
            underlying: underlying)
    }

    func contains(_ path: String) -> Bool { entries[Self.key(path)] != nil }

    /// The unpacked bytes of the part at `path`, nil when there is none. Refuses to unpack more bytes than the
    /// entry declares (a lying header is the other kind of zip bomb).
    func data(_ path: String) throws -> Data? {
        guard let entry = entries[Self.key(path)] else { return nil }
        let declared = entry.uncompressedSize
        var data = Data()
        data.reserveCapacity(Int(declared))
        do {
            _ = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: true) { chunk in
                guard UInt64(data.count + chunk.count) <= declared else {
                    throw IngestError(
                        .zipBomb,
                        "the part \(path) unpacks to more bytes than its zip header declares; the file is damaged or "
                            + "forged and is refused. Open it in Excel or LibreOffice and save it again")
                }
                data.append(chunk)
            }
        } catch let error as IngestError {
            throw error
        } catch {
            throw IngestError(
                .unreadableFile,
                "the part \(path) of the workbook cannot be unpacked (the zip is damaged); open the file in Excel or "
                    + "LibreOffice and save it again",
                underlying: error)
        }
        return data
    }

    /// Paths as stored: no leading slash, forward slashes, lower case.
    private static func key(_ path: String) -> String {
        var p = path.replacingOccurrences(of: "\\", with: "/")
        while p.hasPrefix("/") { p.removeFirst() }
        return p.lowercased()
    }

    /// Resolves a relationship target against the folder of the part that owns the relationship:
    /// `worksheets/sheet1.xml` from `xl/workbook.xml` is `xl/worksheets/sheet1.xml`; `/xl/…` is absolute.
    static func resolve(_ target: String, from sourcePart: String) -> String {
        let target = target.replacingOccurrences(of: "\\", with: "/")
        var segments = target.hasPrefix("/") ? [] : Array(sourcePart.split(separator: "/").dropLast())
        for segment in target.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }

    /// `xl/_rels/workbook.xml.rels` for `xl/workbook.xml`.
    static func relationshipsPath(of part: String) -> String {
        var segments = part.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let name = segments.removeLast()
        return (segments + ["_rels", name + ".rels"]).joined(separator: "/")
    }

    /// The relationships of `part`: id → (type, resolved target). External targets are left out.
    func relationships(of part: String) throws -> [String: (type: String, target: String)] {
        let relsPath = Self.relationshipsPath(of: part)
        guard let data = try data(relsPath) else { return [:] }
        let collector = AttributeCollector(["Relationship"])
        try XMLPart.parse(data, part: relsPath, handler: collector)
        var result: [String: (type: String, target: String)] = [:]
        for (_, attributes) in collector.elements {
            guard let id = attributes["Id"], let target = attributes["Target"], attributes["TargetMode"] != "External"
            else { continue }
            result[id] = (attributes["Type"] ?? "", Self.resolve(target, from: part))
        }
        return result
    }
}
