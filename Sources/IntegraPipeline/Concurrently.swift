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
