import Foundation
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

    private static func make(at path: String?, sqlRoot: URL, replacing: Bool) throws -> Warehouse {
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

    /// Records the participant rules the run applies and creates the mart views of `sql/marts/`.
    public func createMarts(parameters: [String: String]) throws {
        try db.write { db in
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
            // The views stay the definitions in the file. Within this connection each is evaluated once into a temp
            // table of the same name, which shadows it: every indicator reads the marts, and re-evaluating their
            // joins and aggregates per indicator was most of the indicator stage's time at programme scale.
            let marts = try String.fetchAll(
                db, sql: "select name from main.sqlite_master where type = 'view' and (name glob 'fct_*' or name glob 'dim_*') order by rowid")
            for name in marts {
                try db.execute(sql: "drop table if exists temp.\(name)")
                try db.execute(sql: "create temp table \(name) as select * from main.\(name)")
                if try db.columns(in: name, in: "temp").contains(where: { $0.name == "person_id" }) {
                    try db.execute(sql: "create index temp.\(name)_person on \(name) (person_id)")
                }
            }
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
            var problems = try String.fetchAll(db, sql: "PRAGMA quick_check").filter { $0 != "ok" }
            let fk = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            problems += fk.map { "foreign key violation in \($0[0] as String? ?? "?") row \($0[1] as Int64? ?? 0)" }
            return problems
        }
    }

    /// Closes the database so its file can be hashed or moved.
    public func close() throws {
        try db.close()
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
