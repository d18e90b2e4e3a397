import Foundation
import GRDB
import IntegraTesting

/// Reads a run's warehouse directly, as an auditor would with any SQLite client.
enum WarehouseFigures {
    /// `indicator|period|scope|breakdown|category` → value.
    static func read(_ url: URL) throws -> [String: Double] {
        let db = try DatabaseQueue(path: url.path)
        defer { try? db.close() }
        return try db.read { db in
            var result: [String: Double] = [:]
            for row in try Row.fetchAll(db, sql: "select indicator_code, period_id, scope, breakdown, category, value from indicator_values") {
                let key = [row[0], row[1], row[2], row[3], row[4]].map { ($0 as String?) ?? "" }.joined(separator: "|")
                result[key] = row[5]
            }
            return result
        }
    }

    /// Last names of six letters or more, PESELs and birth dates of the inputs' people.
    static func personalValues(_ url: URL) throws -> Set<String> {
        let db = try DatabaseQueue(path: url.path)
        defer { try? db.close() }
        return try db.read { db in
            var values = Set(try String.fetchAll(db, sql: "select last_name from participant_records where length(last_name) >= 6"))
            values.formUnion(try String.fetchAll(db, sql: "select pesel from participant_records where pesel is not null"))
            return values
        }
    }
}

/// Finds and runs the built `integra` executable.
enum Executable {
    static var integra: URL? {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("integra"),
            TestSupport.repositoryRoot.appendingPathComponent(".build/debug/integra"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static func run(
        _ exe: URL, _ args: [String], in dir: URL, environment: [String: String] = [:]
    ) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = exe
        p.arguments = args
        p.currentDirectoryURL = dir
        if !environment.isEmpty {
            p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
}
