import Foundation

/// Runs `first` and `second` at the same time, on two threads, and returns both results once both are done; the
/// first error thrown (by `first` before `second`) is rethrown. For two independent pieces of a stage, each with its
/// own database connection: the results do not depend on which finishes first.
///
/// ```swift
/// let (problems, facts) = try concurrently({ try checker.check() }, { try warehouse.dashboardFacts(ranges: r) })
/// ```
func concurrently<A, B>(_ first: () throws -> A, _ second: () throws -> B) throws -> (A, B) {
    nonisolated(unsafe) var a: Result<A, any Error>?
    nonisolated(unsafe) var b: Result<B, any Error>?
    nonisolated(unsafe) let first = first
    nonisolated(unsafe) let second = second
    // concurrentPerform returns once both iterations are done; each writes only its own result.
    DispatchQueue.concurrentPerform(iterations: 2) { i in
        if i == 0 { a = Result { try first() } } else { b = Result { try second() } }
    }
    return (try a!.get(), try b!.get())
}

/// A value one job of a pool computes and later jobs wait for: `fulfil` once, `value()` any number of times, from
/// any thread. A failure is kept and rethrown to every waiter, so no job waits for a value that will never come.
///
/// ```swift
/// let facts = Awaited<DashboardFacts>()
/// jobs.append { try facts.fulfil { try reader.dashboardFacts(ranges: r) }; return [] }
/// jobs.append { let f = try facts.value(); … }
/// ```
final class Awaited<Value>: @unchecked Sendable {
    // `result` is written once, before `ready` is signalled, and read only after waiting on it.
    private let ready = DispatchSemaphore(value: 0)
    private var result: Result<Value, any Error>?

    /// Computes the value and hands it (or its error, which is also rethrown) to the waiters.
    func fulfil(_ compute: () throws -> Value) throws {
        let outcome = Result { try compute() }
        result = outcome
        ready.signal()
        _ = try outcome.get()
    }

    /// The value, once fulfilled (waits until then).
    func value() throws -> Value {
        ready.wait()
        ready.signal()
        return try result!.get()
    }
}
