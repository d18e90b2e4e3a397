import Foundation

/// Work split into fixed, contiguous chunks run on all cores; results are combined in chunk order, so the answer
/// does not depend on how many cores ran or which finished first.
enum Parallel {
    /// Chunks of at least this many items (below, threads cost more than they save).
    static let minimumChunk = 4096

    /// `transform` of every index in `0 ..< count`, in order; chunks of at least `minimumChunk` items (fewer for
    /// costly items, so that the cores share them evenly).
    static func map<T>(_ count: Int, minimumChunk: Int = Parallel.minimumChunk, _ transform: (Int) -> T) -> [T] {
        let chunks = chunkCount(count, minimumChunk: minimumChunk)
        if chunks <= 1 { return (0..<count).map(transform) }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialised in
            nonisolated(unsafe) let base = buffer.baseAddress!
            nonisolated(unsafe) let transform = transform
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                for i in range(chunk, of: chunks, count) { (base + i).initialize(to: transform(i)) }
            }
            initialised = count
        }
    }

    /// `transform` of every index in `0 ..< count`, in order, each chunk with its own state made by `makeState` (a
    /// memo of a pure function: the results do not depend on it).
    static func map<T, State>(_ count: Int, state makeState: () -> State, _ transform: (inout State, Int) -> T) -> [T] {
        let chunks = chunkCount(count)
        if chunks <= 1 {
            var state = makeState()
            return (0..<count).map { transform(&state, $0) }
        }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialised in
            nonisolated(unsafe) let base = buffer.baseAddress!
            nonisolated(unsafe) let transform = transform
            nonisolated(unsafe) let makeState = makeState
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                var state = makeState()
                for i in range(chunk, of: chunks, count) { (base + i).initialize(to: transform(&state, i)) }
            }
            initialised = count
        }
    }

    /// `body` on each chunk's range, in parallel; the chunk results in chunk order.
    static func chunked<T>(_ count: Int, _ body: (Range<Int>) -> T) -> [T] {
        let chunks = max(chunkCount(count), 1)
        nonisolated(unsafe) let results = UnsafeMutablePointer<T>.allocate(capacity: chunks)
        defer { results.deallocate() }
        nonisolated(unsafe) let body = body
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            (results + chunk).initialize(to: body(range(chunk, of: chunks, count)))
        }
        let out = Array(UnsafeBufferPointer(start: results, count: chunks))
        results.deinitialize(count: chunks)
        return out
    }

    private static func chunkCount(_ count: Int, minimumChunk: Int = Parallel.minimumChunk) -> Int {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        return min(max(cores * 4, 1), max(count / minimumChunk, 1))
    }

    private static func range(_ chunk: Int, of chunks: Int, _ count: Int) -> Range<Int> {
        (count * chunk / chunks)..<(count * (chunk + 1) / chunks)
    }
}
