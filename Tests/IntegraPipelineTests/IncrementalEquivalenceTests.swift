import Foundation
import IntegraCore
import IntegraSynth
import IntegraTesting
import IntegraWarehouse
import Testing

@testable import IntegraPipeline

/// A re-run into a folder with history writes what a run from an empty folder writes (issue 18 item 2): after each
/// step of a seeded random sequence of file adds, edits and removals on a copy of the demo, the incremental run's
/// outputs are compared with a fresh run's (new folder, new warehouse), file by file, byte for byte.
///
/// What legitimately differs, and only that, is set aside: run.json's hash of the warehouse (each run numbers itself
/// in the warehouse, and the warehouse keeps every version of every file), and the person ids — a person keeps the id
/// earlier runs gave it (README, "Person ids"), so once rows or files are removed the incremental run's ids are not a
/// fresh run's first-appearance numbering. The outputs that name persons are compared a second time with a fresh run
/// seeded with the incremental warehouse's ids, as `integra verify` does: then they too must be identical. On the
/// demo only the SM EFS participant list names persons by id (and run.json records its hash); its ids differ as soon
/// as a new file comes before another in file order, since a fresh run numbers persons in file order.
///
/// The steps: a copy of a CSV file under a new name its source's glob matches, a few rows changed; a workbook copied
/// unchanged (the same bytes at two paths); a row changed or removed; a column unmapped in the project file; a file
/// removed.
@Suite(.serialized)
struct IncrementalEquivalenceTests {
    @Test func incrementalRunsWriteWhatFreshRunsWrite() throws {
        let demo = try DemoCopy("integra-equivalence")
        defer { demo.remove() }
        // INTEGRA_EQUIVALENCE_SEED=n tries another sequence.
        let seed = ProcessInfo.processInfo.environment["INTEGRA_EQUIVALENCE_SEED"].flatMap { UInt64($0) } ?? 18
        var random = SeededGenerator(seed: seed)
        _ = try demo.run(out: "incremental")
        var log = ["seed \(seed)"]
        // Each kind of change once, in a random order.
        for (step, kind) in Array(0..<6).shuffled(using: &random).enumerated().map({ ($0 + 1, $1) }) {
            log.append(try change(kind, demo, step: step, &random))
            let incremental = try demo.run(out: "incremental")
            let fresh = try demo.run(out: "fresh-\(step)")
            let figures = Set(incremental.figureLines).symmetricDifference(fresh.figureLines).sorted()
            #expect(figures.isEmpty, "step \(step): \(figures.count) figures differ, \(figures.prefix(3)) after \(log)")
            #expect(incremental.persons == fresh.persons, "step \(step): \(log)")
            let a = try outputs(demo.url("incremental")), b = try outputs(demo.url("fresh-\(step)"))
            #expect(a.keys.sorted() == b.keys.sorted(), "step \(step): \(log)")
            let differing = a.keys.filter { a[$0] != b[$0] }.sorted()
            // Only the outputs that name persons by id may differ, and only by those ids.
            #expect(differing.allSatisfy(Self.namesPersons), "step \(step): \(differing) differ after \(log)")
            if !differing.isEmpty {
                let seeded = try freshRunSeeded(demo, step: step)
                let c = try outputs(seeded)
                let still = a.keys.filter { a[$0] != c[$0] }.sorted()
                #expect(still.isEmpty, "step \(step): \(still) differ from a fresh run with the same ids after \(log)")
            }
            try FileManager.default.removeItem(at: demo.url("fresh-\(step)"))
        }
    }

    /// The outputs that name persons by id: the review sheet, the participant lists, and run.json (their hashes).
    static func namesPersons(_ path: String) -> Bool {
        path == "run.json" || path.hasPrefix("reports/linkage-review") || path.contains("uczestnik")
            || path.contains("participant")
    }

    /// A run from an empty folder whose warehouse holds only the incremental warehouse's person ids.
    func freshRunSeeded(_ demo: DemoCopy, step: Int) throws -> URL {
        let out = demo.url("seeded-\(step)")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let ids = try Warehouse.personIDs(readingOnly: demo.url("incremental/warehouse.sqlite").path)
        let seeded = try Warehouse.create(
            at: out.appendingPathComponent("warehouse.sqlite").path,
            sqlRoot: DemoCopy.root.appendingPathComponent("sql"))
        try seeded.savePersonIDs(ids.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        try seeded.close()
        _ = try demo.run(out: "seeded-\(step)")
        return out
    }

    /// Every file of an output folder but the warehouse, by relative path; run.json without the warehouse's hash.
    func outputs(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let base = folder.standardizedFileURL.path + "/"
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])!
        for case let url as URL in files
        where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            let path = String(url.standardizedFileURL.path.dropFirst(base.count))
            if path.hasPrefix("warehouse.sqlite") { continue }
            var data = try Data(contentsOf: url)
            if path == "run.json" {
                var manifest = try RunManifest.decode(data)
                manifest.warehouse = nil
                data = try manifest.encoded()
            }
            result[path] = data
        }
        return result
    }

    /// A random change of the given kind to the demo copy's files; says what it did.
    func change(_ kind: Int, _ demo: DemoCopy, step: Int, _ random: inout SeededGenerator) throws -> String {
        let fm = FileManager.default
        let current = try fm.subpathsOfDirectory(atPath: demo.url("demo").path)
            .map { "demo/" + $0 }.filter { $0.hasSuffix(".csv") || $0.hasSuffix(".xlsx") }.sorted()
        let csvs = current.filter { $0.hasSuffix(".csv") }
        switch kind {
        case 0:
            // A copy of a file under a new name the source's glob matches, some of its rows changed.
            let path = csvs[random.int(0...csvs.count - 1)]
            var lines = try dataLines(demo, path)
            for _ in 0..<random.int(1...3) { edit(&lines, &random) }
            let copy = newName(path, step: step)
            try Data(lines.joined(separator: [0x0A])).write(to: demo.url(copy))
            return "copied \(path) to \(copy) with rows changed"
        case 1:
            // An attendance workbook copied unchanged under a new name: the same bytes at two paths.
            let workbooks = current.filter { $0.hasSuffix(".xlsx") }
            guard !workbooks.isEmpty else { return "no workbook to copy" }
            let path = workbooks[random.int(0...workbooks.count - 1)]
            let copy = newName(path, step: step)
            try fm.copyItem(at: demo.url(path), to: demo.url(copy))
            return "copied \(path) to \(copy) unchanged"
        case 2:
            let path = csvs[random.int(0...csvs.count - 1)]
            var lines = try dataLines(demo, path)
            edit(&lines, &random)
            try Data(lines.joined(separator: [0x0A])).write(to: demo.url(path))
            return "changed a row of \(path)"
        case 3:
            let path = csvs[random.int(0...csvs.count - 1)]
            var lines = try dataLines(demo, path)
            guard lines.count > 2 else { return "no row to remove in \(path)" }
            let row = random.int(1...lines.count - 2)
            lines.remove(at: row)
            try Data(lines.joined(separator: [0x0A])).write(to: demo.url(path))
            return "removed line \(row + 1) of \(path)"
        case 4:
            // A column the mapping no longer reads: every file of that source is normalised otherwise.
            var lines = try demo.lines(demo.projectFile)
            let optional = lines.indices.filter { i in
                ["level_out", "arrival_date", "employment_date", "objective_since", "language", "topic", "mode"]
                    .contains { lines[i].hasPrefix("      \($0): ") }
            }
            guard !optional.isEmpty else { return "no mapping to change" }
            let removed = lines.remove(at: optional[random.int(0...optional.count - 1)])
            try demo.write(lines.joined(separator: "\n") + "\n", to: demo.projectFile)
            return "unmapped \(removed.trimmingCharacters(in: .whitespaces)) in \(demo.projectFile)"
        default:
            guard current.count > 4 else { return "no file removed" }
            let path = current[random.int(0...current.count - 1)]
            try fm.removeItem(at: demo.url(path))
            return "removed \(path)"
        }
    }

    /// A file's lines as bytes (split at line feeds, whatever the encoding; a carriage return stays with its line).
    func dataLines(_ demo: DemoCopy, _ path: String) throws -> [[UInt8]] {
        try Data(contentsOf: demo.url(path)).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    }

    /// Changes one digit of a data line (a date, a PESEL, minutes, a row number): the row may become another
    /// person's, another day's, or a rejected one.
    func edit(_ lines: inout [[UInt8]], _ random: inout SeededGenerator) {
        guard lines.count > 2 else { return }
        let row = random.int(1...lines.count - 2)
        let digits = lines[row].indices.filter { (0x30...0x39).contains(lines[row][$0]) }
        guard !digits.isEmpty else { return }
        let at = digits[random.int(0...digits.count - 1)]
        lines[row][at] = UInt8(0x30 + (Int(lines[row][at] - 0x30) + random.int(1...9)) % 10)
    }

    /// `stem-kN.ext` beside `stem.ext`: a name the source's glob (`stem*.ext`) matches too.
    func newName(_ path: String, step: Int) -> String {
        let ext = (path as NSString).pathExtension
        return String(path.dropLast(ext.count + 1)) + "-k\(step).\(ext)"
    }
}
