import Foundation

/// A minimal zip writer for the fixture corpus: entries stored uncompressed with a fixed timestamp, so the bytes
/// depend only on the content. It can also lie about an entry's size, which is how a zip bomb looks to a reader that
/// checks the central directory before unpacking.
///
/// ```swift
/// var zip = FixtureZip()
/// zip.add("xl/workbook.xml", Data("<workbook/>".utf8))
/// zip.add("xl/worksheets/sheet1.xml", Data(small), declaredSize: 64 << 20)   // claims 64 MiB
/// let bytes = zip.bytes()
/// ```
struct FixtureZip {
    private struct Entry {
        var name: String
        var data: Data
        var declaredSize: UInt32?
    }

    private var entries: [Entry] = []

    /// Adds a stored entry; `declaredSize` replaces the true uncompressed size in both headers.
    mutating func add(_ name: String, _ data: Data, declaredSize: UInt32? = nil) {
        entries.append(Entry(name: name, data: data, declaredSize: declaredSize))
    }

    mutating func add(_ name: String, _ text: String) {
        add(name, Data(text.utf8))
    }

    /// The archive: local headers and data, central directory, end record.
    func bytes() -> Data {
        var out = Data()
        var central = Data()
        // 2023-12-31 00:00 in MS-DOS form: the project's period end, never the clock.
        let dosTime: UInt16 = 0
        let dosDate: UInt16 = UInt16((2023 - 1980) << 9 | 12 << 5 | 31)
        for entry in entries {
            let offset = UInt32(out.count)
            let name = Data(entry.name.utf8)
            let crc = FixtureZip.crc32(entry.data)
            let size = UInt32(entry.data.count)
            // A lying entry says "deflated" so the reader takes the small stored bytes for compressed data.
            let method: UInt16 = entry.declaredSize == nil ? 0 : 8
            let declared = entry.declaredSize ?? size
            let flags: UInt16 = entry.name.utf8.contains(where: { $0 >= 0x80 }) ? 0x0800 : 0

            out.append(le32: 0x0403_4B50)
            out.append(le16: 20)
            out.append(le16: flags)
            out.append(le16: method)
            out.append(le16: dosTime)
            out.append(le16: dosDate)
            out.append(le32: crc)
            out.append(le32: size)
            out.append(le32: declared)
            out.append(le16: UInt16(name.count))
            out.append(le16: 0)
            out.append(name)
            out.append(entry.data)

            central.append(le32: 0x0201_4B50)
            central.append(le16: 20)
            central.append(le16: 20)
            central.append(le16: flags)
            central.append(le16: method)
            central.append(le16: dosTime)
            central.append(le16: dosDate)
            central.append(le32: crc)
            central.append(le32: size)
            central.append(le32: declared)
            central.append(le16: UInt16(name.count))
            central.append(le16: 0)
            central.append(le16: 0)
            central.append(le16: 0)
            central.append(le16: 0)
            central.append(le32: 0)
            central.append(le32: offset)
            central.append(name)
        }
        let centralOffset = UInt32(out.count)
        out.append(central)
        out.append(le32: 0x0605_4B50)
        out.append(le16: 0)
        out.append(le16: 0)
        out.append(le16: UInt16(entries.count))
        out.append(le16: UInt16(entries.count))
        out.append(le32: UInt32(central.count))
        out.append(le32: centralOffset)
        out.append(le16: 0)
        return out
    }

    private static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// The CRC-32 zip uses (polynomial 0xEDB88320).
    static func crc32(_ data: Data) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in data { c = crcTable[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}

extension Data {
    fileprivate mutating func append(le16 value: UInt16) {
        append(UInt8(value & 0xFF))
        append(UInt8(value >> 8))
    }

    fileprivate mutating func append(le32 value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }
}
