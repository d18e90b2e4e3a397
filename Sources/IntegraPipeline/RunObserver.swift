import Foundation

/// The stages of a run, in order, as `--timings` and the progress line name them.
public enum RunStage: String, CaseIterable, Sendable {
    case ingest, normalise, link, load
    case indicators = "marts+indicators"
    case reports, dashboard, manifest
}

/// Watches a run go by: where each stage starts and ends, and how far a long stage has got. Nothing it is told
/// reaches an output, so a run writes the same bytes with or without one.
///
/// ```swift
/// final class Printer: RunObserver, @unchecked Sendable {
///     func stageStarted(_ stage: RunStage) { print("\(stage.rawValue)…") }
///     func stageProgress(_ stage: RunStage, done: Int, total: Int?, unit: String) {}
///     func stageFinished(_ stage: RunStage, count: Int?, unit: String) { print("\(stage.rawValue) done") }
/// }
/// var options = RunOptions()
/// options.observer = Printer()
/// ```
public protocol RunObserver: AnyObject, Sendable {
    func stageStarted(_ stage: RunStage)
    /// `done` of `total` units (files, rows, indicators) so far.
    func stageProgress(_ stage: RunStage, done: Int, total: Int?, unit: String)
    /// The stage ended having handled `count` units.
    func stageFinished(_ stage: RunStage, count: Int?, unit: String)
}

/// Tells the observer, if any, where the run is: one stage at a time.
struct StageClock {
    let observer: (any RunObserver)?
    private(set) var current: RunStage?

    init(_ observer: (any RunObserver)?) { self.observer = observer }

    mutating func enter(_ stage: RunStage) {
        current = stage
        observer?.stageStarted(stage)
    }

    func progress(done: Int, total: Int?, unit: String) {
        guard let current else { return }
        observer?.stageProgress(current, done: done, total: total, unit: unit)
    }

    mutating func finish(count: Int? = nil, unit: String = "") {
        guard let stage = current else { return }
        observer?.stageFinished(stage, count: count, unit: unit)
        current = nil
    }
}
