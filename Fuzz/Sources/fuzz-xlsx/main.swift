import CLibFuzzer
import Foundation
import IntegraCore
import IntegraIngest

// Two kinds of input, told apart by the first byte:
// - even: the rest is a whole .xlsx file (seeds: the fixture and demo workbooks), for the zip container and the
//   package structure;
// - odd: the rest is up to four XML parts separated by a NUL byte — sheet, shared strings, styles, workbook —
//   packed here into a valid stored zip, so mutations reach the XML readers instead of breaking the zip.
// Opening and reading every sheet must give tables or an IngestError, never crash, hang or throw anything else.
private func fuzzXLSX(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    guard count > 0 else { return 0 }
    let body = Data(bytes: start + 1, count: count - 1)
    let file = start[0] & 1 == 0 ? body : Workbook.package(parts: body)
    do {
        let workbook = try XLSXWorkbook(data: file)
        for sheet in workbook.sheets {
            do {
                _ = try workbook.readSheet(named: sheet.name)
            } catch let error as IngestError {
                _ = error.description
            }
        }
    } catch let error as IngestError {
        _ = error.description
    } catch {
        fatalError("XLSXWorkbook threw something other than an IngestError: \(type(of: error))")
    }
    return 0
}

/// A minimal workbook around fuzzed parts, as a zip with stored (uncompressed) entries.
enum Workbook {
    static let defaultWorkbook = Data(
        #"<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            .utf8)

    static func package(parts body: Data) -> Data {
        var parts = body.split(separator: 0, maxSplits: 3, omittingEmptySubsequences: false).map { Data($0) }
        while parts.count < 4 { parts.append(Data()) }
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let entries: [(String, Data)] = [
            (
                "[Content_Types].xml",
                Data(#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#.utf8)
            ),
            (
                "_rels/.rels",
                Data(
                    #"<Relationships><Relationship Id="rId1" Type="\#(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
                        .utf8)
            ),
            (
                "xl/_rels/workbook.xml.rels",
                Data(
                    (#"<Relationships><Relationship Id="rId1" Type="\#(rel)/worksheet" Target="worksheets/sheet1.xml"/>"#
                        + #"<Relationship Id="rId2" Type="\#(rel)/sharedStrings" Target="sharedStrings.xml"/>"#
                        + #"<Relationship Id="rId3" Type="\#(rel)/styles" Target="styles.xml"/></Relationships>"#)
                        .utf8)
            ),
            ("xl/workbook.xml", parts[3].isEmpty ? defaultWorkbook : parts[3]),
            ("xl/worksheets/sheet1.xml", parts[0]),
            ("xl/sharedStrings.xml", parts[1]),
            ("xl/styles.xml", parts[2]),
        ]
        return StoredZip.archive(entries)
    }
}

/// Writes a zip of stored entries (no compression), enough for ZIPFoundation to read.
enum StoredZip {
    private static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ data: Data) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in data { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    static func archive(_ entries: [(name: String, data: Data)]) -> Data {
        var out = Data()
        var central = Data()
        func u16(_ v: Int, _ d: inout Data) {
            withUnsafeBytes(of: UInt16(truncatingIfNeeded: v).littleEndian) { d.append(contentsOf: $0) }
        }
        func u32(_ v: UInt32, _ d: inout Data) { withUnsafeBytes(of: v.littleEndian) { d.append(contentsOf: $0) } }
        for (name, data) in entries {
            let offset = UInt32(out.count)
            let crc = crc32(data)
            let nameBytes = Data(name.utf8)
            u32(0x0403_4B50, &out); u16(20, &out); u16(0, &out); u16(0, &out); u16(0, &out); u16(0x21, &out)
            u32(crc, &out); u32(UInt32(data.count), &out); u32(UInt32(data.count), &out)
            u16(nameBytes.count, &out); u16(0, &out)
            out.append(nameBytes); out.append(data)
            u32(0x0201_4B50, &central); u16(20, &central); u16(20, &central); u16(0, &central); u16(0, &central)
            u16(0, &central); u16(0x21, &central); u32(crc, &central); u32(UInt32(data.count), &central)
            u32(UInt32(data.count), &central); u16(nameBytes.count, &central); u16(0, &central); u16(0, &central)
            u16(0, &central); u16(0, &central); u32(0, &central); u32(offset, &central)
            central.append(nameBytes)
        }
        let centralOffset = UInt32(out.count)
        out.append(central)
        u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out); u16(entries.count, &out); u16(entries.count, &out)
        u32(UInt32(central.count), &out); u32(centralOffset, &out); u16(0, &out)
        return out
    }
}

var argc = CommandLine.argc
var argv = Optional(CommandLine.unsafeArgv)
exit(LLVMFuzzerRunDriver(&argc, &argv) { fuzzXLSX($0, $1) })
