import Foundation
import CSQLiteTuning
import GRDB
import IntegraCore

/// The run's SQLite database: the durable boundary between the Swift stages and the SQL ones.
///
/// A run builds a fresh warehouse: migrations from `sql/schema/`, the loaded records, the marts from
/// `sql/marts/`, then the indicator results. Reports read only marts and `indicator_values`.
///
/// ```swift
/// let warehouse = try Warehouse.create(at: "out/demo/warehouse.sqlite", sqlRoot: sqlFolder)
/// try warehouse.load(batch)
/// try warehouse.createMarts(parameters: ["completion_threshold": "0.8", "roll_start_is_support": "1"])
/// ```
public final class Warehouse: @unchecked Sendable {
    let db: DatabaseQueue
    let sqlRoot: URL
    /// The marts' scratch file, once ``createMarts(parameters:)`` has made it.
    let scratch = ScratchFile()
    /// True for a ``ReadHold``'s connection: its reads run inside the held transaction instead of one of their own.
    var insideHold = false

    /// Opens the warehouse at `path`, creating it if missing, or a new one in memory when `path` is nil, and
    /// applies the migrations of `sqlRoot/schema` it has not seen yet, in file-name order.
    ///
    /// The files ingested by earlier runs stay: a run ingests only new or changed files.
    public static func open(at path: String?, sqlRoot: URL) throws -> Warehouse {
        try make(at: path, sqlRoot: sqlRoot, replacing: false)
    }

    /// Creates a new, empty warehouse at `path` (any existing file there is replaced), or in memory.
    public static func create(at path: String?, sqlRoot: URL) throws -> Warehouse {
        try make(at: path, sqlRoot: sqlRoot, replacing: true)
    }

    /// SQLite's memory statistics off, once per process and before the first connection: at programme scale the
    /// load stage spent 13 % of its time in the global mutex every allocation took to count itself (19.8 → 15.9 s).
    /// Nothing of Integra reads those statistics.
    private static let memoryStatisticsOff: Int32 = integra_sqlite_memory_statistics_off()

    private static func make(at path: String?, sqlRoot: URL, replacing: Bool) throws -> Warehouse {
        _ = memoryStatisticsOff
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // A programme's warehouse is gigabytes and each run rewrites its derived tables and their indexes: with
            // SQLite's default 2 MiB page cache most index pages were read again from the OS for every row loaded.
            // This changes neither what is written nor when it is synced. (The marts' temp tables stay in a temp
            // file: in memory they would add half a gigabyte to a programme run's peak.)
            try db.execute(sql: "PRAGMA cache_size = -262144")
        }
        let queue: DatabaseQueue
        if let path {
            for suffix in ["", "-wal", "-shm", "-journal"] where replacing && FileManager.default.fileExists(atPath: path + suffix) {
                try FileManager.default.removeItem(atPath: path + suffix)
            }
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            // The warehouse holds personal data: created readable by its owner only (SQLite gives its journal and
            // WAL files the same permissions).
            if !FileManager.default.fileExists(atPath: path) {
                let fd = Foundation.open(path, O_CREAT | O_WRONLY, 0o600)
                if fd >= 0 { _ = Foundation.close(fd) }
            }
            queue = try DatabaseQueue(path: path, configuration: config)
        } else {
            queue = try DatabaseQueue(configuration: config)
        }
        let warehouse = Warehouse(db: queue, sqlRoot: sqlRoot)
        try warehouse.migrate()
        return warehouse
    }

    init(db: DatabaseQueue, sqlRoot: URL) {
        self.db = db
        self.sqlRoot = sqlRoot
    }

    /// The SQL files of a folder under the SQL root, sorted by name.
    func sqlFiles(_ folder: String) throws -> [URL] {
        let dir = sqlRoot.appendingPathComponent(folder, isDirectory: true)
        return try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "sql" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    private func migrate() throws {
        var migrator = DatabaseMigrator()
        for file in try sqlFiles("schema") {
            let sql = try String(contentsOf: file, encoding: .utf8)
            migrator.registerMigration(file.deletingPathExtension().lastPathComponent) { db in
                try db.execute(sql: sql)
            }
        }
        try migrator.migrate(db)
    }

    /// Records the participant rules the run applies, creates the mart views of `sql/marts/` and materialises them.
    ///
    /// The views stay the definitions (in the warehouse, for `explain` and `freeze`). For this connection each
    /// `fct_*`/`dim_*` view is evaluated once into a table of the same name in a scratch database attached as
    /// `marts`, and a temp view of that name shadows the main one: every indicator, the dashboard and the
    /// participant list read the marts, and re-evaluating their joins and aggregates per query was most of the
    /// indicator stage's time at programme scale. A mart is evaluated from the marts materialised before it
    /// (`dim_persons` from the `fct_support_events` table, not from its view). The scratch database is a file next to
    /// the warehouse (``martsFile(for:)``), so a second connection can read it too (``compute(_:periods:cumulativeStart:connections:onDone:)``);
    /// in memory, a private temporary database.
    public func createMarts(parameters: [String: String]) throws {
        try db.writeWithoutTransaction { db in
            try Self.detachMarts(db)
            try db.inTransaction {
                try db.execute(sql: "delete from run_parameters")
                for (name, value) in parameters.sorted(by: { $0.key < $1.key }) {
                    try db.execute(
                        sql: "insert or replace into run_parameters (name, value) values (?, ?)", arguments: [name, value])
                }
                for file in try sqlFiles("marts") {
                    do {
                        try db.execute(sql: try String(contentsOf: file, encoding: .utf8))
                    } catch let error as DatabaseError {
                        throw WarehouseError(file: "sql/marts/\(file.lastPathComponent)", message: error.message ?? "\(error)")
                    }
                }
                return .commit
            }
            let marts = try Row.fetchAll(
                db,
                sql: """
                    select name, sql from main.sqlite_master
                    where type = 'view' and (name glob 'fct_*' or name glob 'dim_*') order by rowid
                    """
            ).map { (name: $0["name"] as String, sql: $0["sql"] as String) }
            // Marts that name no other mart and that no other names only read the warehouse's tables: on a warehouse
            // file a second connection evaluates them into a second scratch file, while this one evaluates the rest
            // in order (at programme scale each takes seconds).
            var apart: [Int] = []
            if !isInMemory && ProcessInfo.processInfo.activeProcessorCount > 1 {
                apart = marts.indices.filter { i in
                    !marts.indices.contains { j in
                        j != i && (Self.mentions(marts[i].sql, marts[j].name) || Self.mentions(marts[j].sql, marts[i].name))
                    }
                }
                if apart.count == marts.count { apart = apart.filter { $0 % 2 == 1 } }
            }
            let files = isInMemory ? [""] : [Self.martsFile(for: self.db.path), Self.martsFile(for: self.db.path, part: 2)]
            for file in files where !file.isEmpty {
                try? FileManager.default.removeItem(atPath: file)
                // The marts hold person ids and characteristics: readable by the warehouse's owner only.
                let fd = Foundation.open(file, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
                guard fd >= 0 else { throw WarehouseError(file: file, message: "cannot create the marts' scratch file") }
                _ = Foundation.close(fd)
            }
            scratch.files = files.filter { !$0.isEmpty }
            let helper = apart.map { (name: marts[$0].name, body: Self.viewBody(marts[$0].sql)) }
            let done = DispatchSemaphore(value: 0)
            let helperError = ScratchFile()
            if !helper.isEmpty {
                let path = self.db.path
                let file = files[1]
                DispatchQueue.global().async {
                    do {
                        let queue = try DatabaseQueue(path: path)
                        try queue.writeWithoutTransaction { db in
                            try Self.attachScratch(file, as: "marts_2", in: db)
                            try db.inTransaction(.deferred) {
                                for mart in helper { try Self.materialise(mart.name, body: mart.body, into: "marts_2", in: db) }
                                return .commit
                            }
                        }
                        try queue.close()
                    } catch {
                        helperError.error = error
                    }
                    done.signal()
                }
            }
            do {
                try Self.attachScratch(files[0], as: "marts", in: db)
                try db.inTransaction(.deferred) {
                    for (i, mart) in marts.enumerated() where !apart.contains(i) {
                        try Self.materialise(mart.name, body: Self.viewBody(mart.sql), into: "marts", in: db)
                        try db.execute(
                            sql: "create temp view \(Self.quoted(mart.name)) as select * from marts.\(Self.quoted(mart.name))")
                    }
                    return .commit
                }
            } catch {
                if !helper.isEmpty { done.wait() }
                throw error
            }
            if !helper.isEmpty {
                done.wait()
                if let error = helperError.error { throw error }
                try Self.attachScratch(files[1], as: "marts_2", in: db)
                for mart in helper {
                    try db.execute(sql: "create temp view \(Self.quoted(mart.name)) as select * from marts_2.\(Self.quoted(mart.name))")
                }
            }
        }
    }

    /// Attaches a scratch database: a copy deleted after the run and rebuilt by the next, so no journal, no syncs; a
    /// larger cache than SQLite's 2 MiB, as every indicator looks each of its rows' persons up in `dim_persons`.
    static func attachScratch(_ file: String, as schema: String, in db: Database) throws {
        try db.execute(sql: "attach database ? as \(schema)", arguments: [file])
        try db.execute(sql: "PRAGMA \(schema).journal_mode = OFF")
        try db.execute(sql: "PRAGMA \(schema).synchronous = OFF")
        try db.execute(sql: "PRAGMA \(schema).cache_size = -65536")
    }

    /// Evaluates a mart into a table of `schema` (from `body`, else from its view), indexed by `person_id` if it has one.
    static func materialise(_ name: String, body: String?, into schema: String, in db: Database) throws {
        let quoted = Self.quoted(name)
        try db.execute(sql: "create table \(schema).\(quoted) as\n\(body ?? "select * from main.\(quoted)")")
        if try db.columns(in: name, in: schema).contains(where: { $0.name == "person_id" }) {
            try db.execute(sql: "create index \(schema).\(Self.quoted(name + "_person")) on \(quoted) (person_id)")
        }
    }

    /// Whether `sql` names `name` (as a whole word).
    static func mentions(_ sql: String, _ name: String) -> Bool {
        let word = NSRegularExpression.escapedPattern(for: name)
        return sql.range(of: "(?<![A-Za-z0-9_$])\(word)(?![A-Za-z0-9_$])", options: [.regularExpression, .caseInsensitive]) != nil
    }

    /// Whether this warehouse is in memory (no file a second connection could open).
    var isInMemory: Bool { db.path.isEmpty || db.path == ":memory:" || db.path.hasPrefix("file::memory:") }

    /// The scratch database the marts of the warehouse at `path` are materialised into: beside it, hidden and named
    /// `.tmp`, so that a killed run's copy is removed by the next run as its other temporary files are.
    /// The marts evaluated on a second connection go to a second file (`part` 2).
    public static func martsFile(for path: String, part: Int = 1) -> String {
        let url = URL(fileURLWithPath: path)
        let name = ".\(url.lastPathComponent).marts\(part == 1 ? "" : "-\(part)").tmp"
        return url.deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// The select of a `create view <name> as <select>` statement, or nil when it has another form (a column list),
    /// in which case the mart is copied from its view.
    static func viewBody(_ sql: String) -> String? {
        let pattern = #"^\s*create\s+view\s+(?:if\s+not\s+exists\s+)?(?:"[^"]*"|\[[^\]]*\]|`[^`]*`|[A-Za-z_][A-Za-z0-9_$]*)\s+as\b"#
        guard let match = sql.range(of: pattern, options: [.regularExpression, .caseInsensitive]) else { return nil }
        return String(sql[match.upperBound...])
    }

    static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// Drops the temp views over the materialised marts, detaches their scratch database and deletes its file.
    static func detachMarts(_ db: Database) throws {
        for name in try String.fetchAll(db, sql: "select name from temp.sqlite_master where type = 'view'") {
            try db.execute(sql: "drop view temp.\(quoted(name))")
        }
        for row in try Row.fetchAll(db, sql: "select name, file from pragma_database_list where name glob 'marts*'") {
            try db.execute(sql: "detach database \(row["name"] as String)")
            let file: String = row["file"]
            if !file.isEmpty { try? FileManager.default.removeItem(atPath: file) }
        }
    }

    /// Runs `block` in a read transaction; for tests and queries that need raw SQL.
    public func read<T>(_ block: (Database) throws -> T) throws -> T {
        try db.read(block)
    }

    /// Checks SQLite's integrity and foreign keys; returns the problems found (empty when sound).
    ///
    /// `quick_check` reads every page, record and constraint as `integrity_check` does, but does not check that each
    /// index matches its table: that cross-check was most of a run's report stage on a programme's warehouse.
    public func check() throws -> [String] {
        try db.read { db in
            // The warehouse only: the marts' scratch database is a copy deleted after the run.
            var problems = try String.fetchAll(db, sql: "PRAGMA main.quick_check").filter { $0 != "ok" }
            let fk = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            problems += fk.map { "foreign key violation in \($0[0] as String? ?? "?") row \($0[1] as Int64? ?? 0)" }
            return problems
        }
    }

    /// Closes the database so its file can be hashed or moved, and deletes the marts' scratch file.
    public func close() throws {
        try db.close()
        scratch.remove()
    }

    deinit {
        // A run that stopped on an error leaves no scratch file behind either.
        scratch.remove()
    }
}

/// Files this process made and deletes when done with them. `@unchecked Sendable`: its state is only read and written
/// with `lock` held.
final class ScratchFile: @unchecked Sendable {
    private let lock = NSLock()
    private var paths: [String] = []
    private var failure: (any Error)?

    /// The files, in the order of their schemas (`marts`, `marts_2`).
    var files: [String] {
        get { lock.withLock { paths } }
        set { lock.withLock { paths = newValue } }
    }

    /// An error met making them on another thread.
    var error: (any Error)? {
        get { lock.withLock { failure } }
        set { lock.withLock { failure = newValue } }
    }

    /// Deletes the files, if there are any.
    func remove() {
        let files = lock.withLock { () -> [String] in
            defer { paths = [] }
            return paths
        }
        for file in files { try? FileManager.default.removeItem(atPath: file) }
    }
}

/// An SQL definition that SQLite refused, with the file it came from.
public struct WarehouseError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var message: String

    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}
