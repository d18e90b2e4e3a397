import Foundation

extension XLSXPackage {
    /// What `zipLayout` found.
    enum ZipLayout {
        /// Every structure ZIPFoundation will read lies inside the data.
        case inside
        /// A structure points past the end, or is a ZIP64 one.
        case outside
        /// No end-of-central-directory record: not a zip, or one cut short.
        case noEndRecord
    }

    /// Whether every zip structure ZIPFoundation will seek to lies inside `data`.
    ///
    /// ZIPFoundation reads an archive held in memory through a `FILE` whose seek accepts any offset and whose read then
    /// traps (`Archive.MemoryFile.readData` computes a negative length): a workbook whose central directory, local
    /// header or data points past its end would crash the process (found by `Fuzz/fuzz-xlsx`). This walks the same
    /// structures first — end of central directory (and its ZIP64 form), each directory entry, each local header and
    /// the data behind it — with every offset checked, so such a file is refused instead. ZIP64 entries (sizes or
    /// offsets of 0xFFFFFFFF) are refused too: no partner workbook is 4 GiB.
    ///
    /// A file without an end record is refused here as well: ZIPFoundation leaks the archive (its `FILE` and a copy
    /// of the data) when it throws `missingEndOfCentralDirectoryRecord`, which fuzz-xlsx saw as memory growing by a
    /// kilobyte an input.
    static func zipLayout(_ data: Data) -> ZipLayout {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> ZipLayout in
            let n = bytes.count
            func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
            func u32(_ at: Int) -> UInt64 { UInt64(u16(at)) | UInt64(u16(at + 2)) << 16 }
            func u64(_ at: Int) -> UInt64 { u32(at) | u32(at + 4) << 32 }
            // ZIPFoundation takes the last end record, as found from the end.
            guard n >= 22, let eocd = stride(from: n - 22, through: 0, by: -1).first(where: { u32($0) == 0x0605_4B50 })
            else { return .noEndRecord }
            var entries = UInt64(u16(eocd + 10))
            var directory = u32(eocd + 16)
            // A ZIP64 end record sits right before its locator, right before the end record.
            if eocd >= 76, u32(eocd - 20) == 0x0706_4B50, u32(eocd - 76) == 0x0606_4B50, u16(eocd - 76 + 14) >= 45 {
                entries = u64(eocd - 76 + 32)
                directory = u64(eocd - 76 + 48)
            }
            guard directory <= UInt64(n) else { return .outside }
            var at = Int(directory)
            var index: UInt64 = 0
            while index < entries, at + 46 <= n, u32(at) == 0x0201_4B50 {
                let method = u16(at + 10)
                let compressed = u32(at + 20)
                let uncompressed = u32(at + 24)
                let local = u32(at + 42)
                let next = at + 46 + u16(at + 28) + u16(at + 30) + u16(at + 32)
                guard next <= n, compressed != 0xFFFF_FFFF, uncompressed != 0xFFFF_FFFF, local != 0xFFFF_FFFF,
                    u16(at + 34) != 0xFFFF, local + 30 <= UInt64(n)
                else { return .outside }
                let header = Int(local)
                // ZIPFoundation stops at a damaged local header without reading further.
                guard u32(header) == 0x0403_4B50 else { return .inside }
                let start = UInt64(header + 30 + u16(header + 26) + u16(header + 28))
                guard start + compressed <= UInt64(n) else { return .outside }
                // A stored entry is read by its uncompressed size, and so is the position of a data descriptor; one
                // declared larger than a part may be is refused as a zip bomb before anything is read.
                let usesDescriptor = u16(at + 8) & 0x08 != 0
                if method == 0, usesDescriptor || uncompressed <= Limits.maxEntrySize {
                    guard start + uncompressed <= UInt64(n) else { return .outside }
                }
                at = next
                index += 1
            }
            return .inside
        }
    }
}
