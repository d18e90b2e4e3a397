import Crypto
import Foundation

/// SHA-256 as lower-case hex, for input and output files and definitions.
enum SHA256Hex {
    static func of(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { byte in
            let s = String(byte, radix: 16)
            return byte < 16 ? "0" + s : s
        }.joined()
    }

    /// The hash and size of a file read a mebibyte at a time: the warehouse of a programme is most of a gigabyte,
    /// and mapping it whole added its size to the run's peak resident memory.
    static func streaming(_ url: URL) throws -> (sha256: String, size: Int) {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        var size = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            size += chunk.count
        }
        return (hex(hasher.finalize()), size)
    }

    static func of(file url: URL) throws -> String {
        of(try Data(contentsOf: url))
    }
}
