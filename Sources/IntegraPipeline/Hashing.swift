import Crypto
import Foundation

/// SHA-256 as lower-case hex, for input and output files and definitions.
enum SHA256Hex {
    static func of(_ data: Data) -> String {
        SHA256.hash(data: data).map { byte in
            let s = String(byte, radix: 16)
            return byte < 16 ? "0" + s : s
        }.joined()
    }

    static func of(file url: URL) throws -> String {
        of(try Data(contentsOf: url))
    }
}
