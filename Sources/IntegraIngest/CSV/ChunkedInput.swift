import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Bytes read front to back, a buffer at a time: an open file or bytes already in memory.
protocol ByteSource {
    /// Fills the start of `buffer` with the next bytes and returns how many; 0 at the end of the input.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// A file read with `read(2)`, so only the buffer given to `read(into:)` is in memory at a time.
final class FileByteSource: ByteSource {
    private let url: URL
    private let descriptor: Int32

    /// Opens the file; throws `unreadableFile` when it is missing or cannot be opened.
    init(url: URL) throws {
        self.url = url
        descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw IngestError.unreadable(url, underlying: Self.currentError()) }
    }

    deinit {
        close(descriptor)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            #if canImport(Darwin)
                let count = Darwin.read(descriptor, buffer.baseAddress, buffer.count)
            #elseif canImport(Musl)
                let count = Musl.read(descriptor, buffer.baseAddress, buffer.count)
            #else
                let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            #endif
            if count >= 0 { return count }
            if errno != EINTR {
                // A folder opens like a file on Linux and fails here with EISDIR.
                throw IngestError.unreadable(url, underlying: Self.currentError())
            }
        }
    }

    private static func currentError() -> POSIXError {
        POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
}

/// Bytes in memory, handed out a buffer at a time (`CSVReader.read(data:)`).
struct DataByteSource: ByteSource {
    private let data: Data
    private var offset: Int

    init(_ data: Data) {
        self.data = data
        offset = data.startIndex
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(buffer.count, data.endIndex - offset)
        guard count > 0 else { return 0 }
        buffer.copyBytes(from: data[offset..<offset + count])
        offset += count
        return count
    }
}

/// A byte source read in chunks of a fixed size, whose first bytes are read ahead as a sample — enough to decide
/// the encoding — and then served again as the first chunks.
struct ChunkedInput<Source: ByteSource> {
    let chunkSize: Int
    /// The bytes read ahead: the first `sampleSize` bytes of the input, or all of it when it is shorter.
    private(set) var sample: [UInt8] = []
    /// True when the sample is the whole input.
    let sampleIsWholeInput: Bool

    private var source: Source
    private var buffer: [UInt8]
    private var sampleOffset = 0
    private var sourceEnded: Bool

    /// Reads the sample.
    init(_ source: Source, chunkSize: Int, sampleSize: Int) throws {
        precondition(chunkSize > 0)
        var source = source
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var ended = false
        var sample: [UInt8] = []
        while sample.count < sampleSize {
            let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 {
                ended = true
                break
            }
            sample.append(contentsOf: buffer[..<count])
        }
        self.source = source
        self.chunkSize = chunkSize
        self.buffer = buffer
        self.sample = sample
        sourceEnded = ended
        sampleIsWholeInput = ended
    }

    /// Leaves out the first `count` bytes (a byte-order mark) from the chunks served.
    mutating func skip(_ count: Int) {
        sampleOffset = min(count, sample.count)
    }

    /// Calls `body` with the next chunk (at most `chunkSize` bytes); returns false, without calling it, at the end.
    mutating func next(_ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Bool {
        if sampleOffset < sample.count {
            let start = sampleOffset
            let end = min(start + chunkSize, sample.count)
            try sample.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
            sampleOffset = end
            if end == sample.count {
                sample = []
                sampleOffset = 0
            }
            return true
        }
        guard !sourceEnded else { return false }
        // Taken out of `self` while the source fills it.
        var buffer = self.buffer
        self.buffer = []
        defer { self.buffer = buffer }
        let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
        guard count > 0 else {
            sourceEnded = true
            return false
        }
        try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        return true
    }
}
