import Foundation
import IntegraCore
import IntegraIngest

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `integra-bench`: makes benchmark files and times Integra's readers on them. `Benchmarks/run.sh` drives it.
///
///     integra-bench make-csv 1000000 rows.csv
///     integra-bench make-xlsx 200000 rows.xlsx
///     integra-bench csv rows.csv    # integra-csv rows=1000001 cells=12000012 seconds=… cpu_seconds=… rows_per_s=… peak_rss_mib=…
///     integra-bench xlsx rows.xlsx
struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

let usage = """
    usage: integra-bench make-csv N PATH | make-xlsx N PATH | csv PATH | xlsx PATH
    """

/// This process's resource usage so far.
func resourceUsage() -> rusage {
    var usage = rusage()
    #if canImport(Darwin)
        getrusage(RUSAGE_SELF, &usage)
    #else
        getrusage(RUSAGE_SELF.rawValue, &usage)
    #endif
    return usage
}

/// Peak resident memory of this process so far, in MiB (Linux reports `ru_maxrss` in KiB, macOS in bytes).
func peakRSSMiB() -> Double {
    #if canImport(Darwin)
        return Double(resourceUsage().ru_maxrss) / 1_048_576
    #else
        return Double(resourceUsage().ru_maxrss) / 1024
    #endif
}

/// User and system CPU time of this process so far, in seconds: steadier than wall time on a shared machine.
func cpuSeconds() -> Double {
    let usage = resourceUsage()
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// Times `body`, which returns the rows and cells it read, and prints one `key=value` line for run.sh.
func measure(_ label: String, _ body: () throws -> (rows: Int, cells: Int)) throws {
    let clock = ContinuousClock()
    let start = clock.now
    let cpuStart = cpuSeconds()
    let (rows, cells) = try body()
    let elapsed = clock.now - start
    let cpu = cpuSeconds() - cpuStart
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print(
        "\(label) rows=\(rows) cells=\(cells) seconds=\(String(format: "%.3f", seconds)) "
            + "cpu_seconds=\(String(format: "%.3f", cpu)) rows_per_s=\(Int(Double(rows) / seconds)) "
            + "peak_rss_mib=\(String(format: "%.1f", peakRSSMiB()))")
}

func run(_ arguments: [String]) throws {
    switch arguments.first {
    case "make-csv" where arguments.count == 3:
        guard let rows = Int(arguments[1]), rows >= 0 else { throw BenchmarkError(usage) }
        try Generators.makeCSV(rows: rows, path: arguments[2])
    case "make-xlsx" where arguments.count == 3:
        guard let rows = Int(arguments[1]), rows >= 0 else { throw BenchmarkError(usage) }
        try Generators.makeXLSX(rows: rows, path: arguments[2])
    case "csv" where arguments.count == 2:
        let url = URL(fileURLWithPath: arguments[1])
        try measure("integra-csv") {
            var rows = 0
            var cells = 0
            _ = try CSVReader.forEachRow(url: url) { row in
                rows += 1
                cells += row.cells.count
            }
            return (rows, cells)
        }
    case "xlsx" where arguments.count == 2:
        let url = URL(fileURLWithPath: arguments[1])
        try measure("integra-xlsx") {
            var rows = 0
            var cells = 0
            let workbook = try XLSXWorkbook(url: url)
            guard let sheet = workbook.sheets.first else { throw BenchmarkError("the workbook has no sheet") }
            try workbook.forEachRow(sheet: sheet.name) { row in
                rows += 1
                cells += row.cells.count
            }
            return (rows, cells)
        }
    default:
        throw BenchmarkError(usage)
    }
}

do {
    try run(Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("integra-bench: \(error)\n".utf8))
    exit(error is BenchmarkError ? 64 : 1)
}
