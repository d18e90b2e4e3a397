import Foundation
import IntegraPipeline

/// Shows a run's stages: a progress line on a terminal (stage, counts, rate), and with `--timings` (or
/// `INTEGRA_TIMINGS=1`) each stage's wall time on stderr at the end. Writes to stderr only, so outputs and the
/// printed summary stay the same.
final class StageReporter: RunObserver, @unchecked Sendable {
    private let live: Bool
    private let timings: Bool
    private var started: [RunStage: (wall: Double, cpu: Double)] = [:]
    private var finished: [(stage: RunStage, seconds: Double, cpu: Double, memory: Memory, count: Int?, unit: String)] = []
    private var lastDrawn = 0.0
    private let runStart = StageReporter.now()

    init(live: Bool, timings: Bool) {
        self.live = live
        self.timings = timings
    }

    static func now(_ clock: clockid_t = CLOCK_MONOTONIC) -> Double {
        var t = timespec()
        clock_gettime(clock, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// CPU seconds of the whole process (all threads): less inflated than wall time on a busy machine.
    static func cpu() -> Double { now(CLOCK_PROCESS_CPUTIME_ID) }

    func stageStarted(_ stage: RunStage) {
        started[stage] = (Self.now(), Self.cpu())
        draw("\(stage.rawValue)…")
    }

    func stageProgress(_ stage: RunStage, done: Int, total: Int?, unit: String) {
        guard live else { return }
        let now = Self.now()
        guard now - lastDrawn >= 0.2 else { return }
        lastDrawn = now
        let elapsed = max(now - (started[stage]?.wall ?? now), 1e-9)
        let of = total.map { " of \($0)" } ?? ""
        draw("\(stage.rawValue): \(done)\(of) \(unit), \(Self.rate(Double(done) / elapsed)) \(unit)/s")
    }

    func stageFinished(_ stage: RunStage, count: Int?, unit: String) {
        let seconds = Self.now() - (started[stage]?.wall ?? Self.now())
        let cpu = Self.cpu() - (started[stage]?.cpu ?? Self.cpu())
        finished.append((stage, seconds, cpu, Memory.now(), count, unit))
        if live {
            let what = count.map { ": \($0) \(unit), \(Self.rate(Double($0) / max(seconds, 1e-9))) \(unit)/s" } ?? ""
            draw(String(format: "%@ %.2f s", stage.rawValue, seconds) + what, done: true)
        }
    }

    /// The per-stage wall times, printed once the run is over.
    func report() {
        guard timings, !finished.isEmpty else { return }
        var text = "timings: stage, wall seconds, CPU seconds, resident MiB at the end, peak resident MiB so far\n"
        for f in finished {
            let what = f.count.map { "  \($0) \(f.unit)" } ?? ""
            text += "  " + f.stage.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)
                + String(format: "%8.3f %8.3f %7d %7d", f.seconds, f.cpu, f.memory.residentMiB, f.memory.peakMiB) + what + "\n"
        }
        let memory = Memory.now()
        text += "  " + "total".padding(toLength: 18, withPad: " ", startingAt: 0)
            + String(format: "%8.3f %8.3f %7d %7d\n", Self.now() - runStart, Self.cpu(), memory.residentMiB, memory.peakMiB)
        FileHandle.standardError.write(Data(text.utf8))
    }

    private func draw(_ line: String, done: Bool = false) {
        guard live else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)\(done ? "\n" : "")".utf8))
    }

    private static func rate(_ perSecond: Double) -> String {
        perSecond >= 1e6
            ? String(format: "%.2fM", perSecond / 1e6)
            : perSecond >= 1e3 ? String(format: "%.1fk", perSecond / 1e3) : String(format: "%.0f", perSecond)
    }
}


/// The process's resident memory now and its peak so far (`VmRSS`, `VmHWM` of /proc/self/status; zero where there
/// is no /proc): with `--timings` they show which stage sets a run's peak.
struct Memory {
    var residentMiB = 0
    var peakMiB = 0

    static func now() -> Memory {
        var memory = Memory()
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return memory }
        for line in status.split(separator: "\n") {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 2, let kib = Int(fields[1]) else { continue }
            if fields[0] == "VmRSS:" { memory.residentMiB = kib / 1024 }
            if fields[0] == "VmHWM:" { memory.peakMiB = kib / 1024 }
        }
        return memory
    }
}
