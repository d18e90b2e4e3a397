import Foundation

/// Items of uneven cost (a programme's files: a one-sheet CSV beside a workbook of ninety sheets) worked on by every
/// core: each worker takes the next item no one has taken, with state of its own; the results come back in item
/// order, so the answer does not depend on how many workers ran or which took which item.
enum InOrder {
    /// `transform` of every index in `0 ..< count`, in order. Each worker's state is made by `makeState` and must
    /// not change the results (a memo of a pure function). `onTake` is told each index as a worker takes it, one
    /// call at a time (progress). The first error in index order is thrown; after an error no new item is taken.
    static func map<T, State>(
        _ count: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount, state makeState: () -> State,
        onTake: (Int) -> Void = { _ in }, _ transform: (inout State, Int) throws -> T
    ) throws -> [T] {
        let workers = max(1, min(workers, count))
        if workers == 1 {
            var state = makeState()
            return try (0..<count).map { i in
                onTake(i)
                return try transform(&state, i)
            }
        }
        let slots = UnsafeMutablePointer<Result<T, any Error>?>.allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
        defer {
            slots.deinitialize(count: count)
            slots.deallocate()
        }
        let tickets = Tickets(count)
        // Each slot is written by the one worker that took its index, and read only after every worker is done.
        nonisolated(unsafe) let base = slots
        nonisolated(unsafe) let makeState = makeState
        nonisolated(unsafe) let transform = transform
        nonisolated(unsafe) let onTake = onTake
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var state = makeState()
            while let i = tickets.take(onTake) {
                let result = Result { try transform(&state, i) }
                if case .failure = result { tickets.stop() }
                base[i] = result
            }
        }
        var results: [T] = []
        results.reserveCapacity(count)
        for i in 0..<count {
            // Items after a failure may not have been taken; the failure comes first in index order.
            guard let result = base[i] else { break }
            results.append(try result.get())
        }
        return results
    }
}

/// The next index to take. `@unchecked Sendable`: `next` is read and written only while holding `lock`.
private final class Tickets: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int

    init(_ count: Int) { self.count = count }

    func take(_ onTake: (Int) -> Void) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        let index = next
        next += 1
        onTake(index)
        return index
    }

    func stop() {
        lock.lock()
        next = count
        lock.unlock()
    }
}
