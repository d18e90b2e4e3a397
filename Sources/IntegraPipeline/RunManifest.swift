import Foundation

/// `run.json`: what a run read, applied and wrote, with hashes, so an auditor can re-run it and compare.
///
/// Shaped after OpenLineage's run event (job, run, inputs, outputs) so lineage tools can read it. It holds no
/// personal data and no clock time: two runs on the same inputs and definitions write the same bytes.
public struct RunManifest: Codable, Sendable {
    public struct Tool: Codable, Sendable {
        public var name: String
        public var version: String
        /// The git commit of the definitions root (`sql/`, `reports/`) when it is a checkout; nil otherwise.
        public var commit: String?
    }
    public struct Job: Codable, Sendable {
        public var namespace: String
        public var name: String
    }
    public struct Run: Codable, Sendable {
        public var projectFile: String
        public var projectSHA256: String
        public var periodStart: String
        public var periodEnd: String
        /// The reporting period's id, start and end (`--period`; the whole project by default).
        public var reportingPeriod: String
        public var reportingStart: String
        public var reportingEnd: String
        public var language: String
        /// The CSV dialect of the report tables (`rfc4180`, `excel-pl`).
        public var csv: String?
    }
    public struct FileHash: Codable, Sendable {
        public var path: String
        public var sha256: String
        public var size: Int
        /// True for an output holding personal data (not an aggregate); absent otherwise.
        public var personal: Bool?

        public init(path: String, sha256: String, size: Int, personal: Bool? = nil) {
            self.path = path
            self.sha256 = sha256
            self.size = size
            self.personal = personal
        }
    }
    public struct Input: Codable, Sendable {
        public var path: String
        public var sha256: String
        public var size: Int
        public var source: String
        public var partner: String
        public var kind: String
        public var encoding: String?
        public var rowsRead: Int
        public var rowsLoaded: Int
        public var rowsRejected: Int
        public var rowsBlank: Int
    }
    public struct Diagnostics: Codable, Sendable {
        public var errors: Int
        public var warnings: Int
        public var byCode: [String: Int]
    }
    /// One computed value: a total (`breakdown` and `category` empty) or one breakdown category; a row of
    /// `figures.json`.
    public struct Figure: Codable, Sendable, Hashable {
        public var indicator: String
        public var period: String
        public var scope: String
        public var breakdown: String
        public var category: String
        public var value: Double

        public static let columns = ["indicator", "period", "scope", "breakdown", "category", "value"]

        /// `figures.json`: `{"columns": […], "rows": [[…], …]}` with one figure a line, codes only, in the given
        /// order; a machine file, the same whatever `--csv` and `--lang`.
        public static func json(_ figures: [Figure]) throws -> Data {
            func quoted(_ s: String) throws -> String { String(decoding: try JSONEncoder().encode(s), as: UTF8.self) }
            var lines: [String] = []
            for f in figures {
                let value = f.value == f.value.rounded() && abs(f.value) < 1e15 ? String(Int64(f.value)) : "\(f.value)"
                let texts = try [f.indicator, f.period, f.scope, f.breakdown, f.category].map(quoted)
                lines.append("[" + texts.joined(separator: ",") + "," + value + "]")
            }
            let columns = try columns.map(quoted).joined(separator: ",")
            let text = "{\"columns\":[\(columns)],\"rows\":[\n" + lines.joined(separator: ",\n") + "\n]}\n"
            return Data(text.utf8)
        }

        /// Reads a `figures.json` written by ``json(_:)``.
        public static func decode(json data: Data) throws -> [Figure] {
            enum Cell: Decodable {
                case text(String), number(Double)
                init(from decoder: any Decoder) throws {
                    let c = try decoder.singleValueContainer()
                    if let s = try? c.decode(String.self) { self = .text(s) } else { self = .number(try c.decode(Double.self)) }
                }
                var text: String { if case .text(let s) = self { s } else { "" } }
                var number: Double { if case .number(let d) = self { d } else { 0 } }
            }
            struct Table: Decodable {
                var columns: [String]
                var rows: [[Cell]]
            }
            let table = try JSONDecoder().decode(Table.self, from: data)
            guard table.columns == columns else {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "figures.json: columns \(table.columns), expected \(columns)"))
            }
            return table.rows.map {
                Figure(
                    indicator: $0[0].text, period: $0[1].text, scope: $0[2].text, breakdown: $0[3].text,
                    category: $0[4].text, value: $0[5].number)
            }
        }
    }

    /// The file beside `run.json` that holds every figure.
    public static let figuresFile = "figures.json"

    /// `integra-run/2`: the figures moved from `figures` (a list) to `figures.json`, whose hash `figures` records.
    public var schema = "integra-run/2"
    public var tool: Tool
    public var job: Job
    public var run: Run
    /// Indicator SQL/YAML, report definitions and marts, with hashes.
    public var definitions: [FileHash]
    public var inputs: [Input]
    /// Every output except this file, `figures.json` and the warehouse.
    public var outputs: [FileHash]
    /// `figures.json`: every computed value (totals and breakdown categories, each period and scope).
    public var figures: FileHash
    /// The warehouse as the run left it. Each run numbers itself in it, so a re-run (`integra verify`) gives another
    /// hash; this one says which warehouse the run's figures and rows came from.
    public var warehouse: FileHash?
    public var persons: Int
    public var personsByEvidence: [String: Int]
    public var diagnostics: Diagnostics

    /// Reads a `run.json` written by ``encoded()``.
    public static func decode(_ data: Data) throws -> RunManifest {
        try SnakeCaseJSON.decode(RunManifest.self, from: data)
    }

    /// Pretty JSON with sorted keys and snake_case names.
    public func encoded() throws -> Data {
        try SnakeCaseJSON.encode(self)
    }
}

/// The commit a git checkout is at, read from `.git` without running git: HEAD, a loose ref or packed-refs.
enum GitCommit {
    static func of(_ root: URL) -> String? {
        var git = root.appendingPathComponent(".git")
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: git.path, isDirectory: &isDir) else { return nil }
        if !isDir.boolValue {
            // A worktree: ".git" is a file "gitdir: <path>".
            guard let text = try? String(contentsOf: git, encoding: .utf8), text.hasPrefix("gitdir:") else { return nil }
            let path = text.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespacesAndNewlines)
            git = path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
        }
        guard let head = try? String(contentsOf: git.appendingPathComponent("HEAD"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        else { return nil }
        guard head.hasPrefix("ref: ") else { return head.count == 40 ? head : nil }
        let ref = String(head.dropFirst(5))
        // Loose refs live in the worktree's git dir or the common one.
        var dirs = [git]
        if let common = try? String(contentsOf: git.appendingPathComponent("commondir"), encoding: .utf8) {
            let c = common.trimmingCharacters(in: .whitespacesAndNewlines)
            dirs.append(c.hasPrefix("/") ? URL(fileURLWithPath: c) : git.appendingPathComponent(c))
        }
        for dir in dirs {
            if let sha = try? String(contentsOf: dir.appendingPathComponent(ref), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines), sha.count == 40
            {
                return sha
            }
            if let packed = try? String(contentsOf: dir.appendingPathComponent("packed-refs"), encoding: .utf8) {
                for line in packed.split(separator: "\n") where line.hasSuffix(" " + ref) {
                    return String(line.prefix(40))
                }
            }
        }
        return nil
    }
}
