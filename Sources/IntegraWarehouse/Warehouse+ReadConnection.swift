import GRDB

extension Warehouse {
    /// A second connection to the same warehouse file, read-only: for reading on another thread while this one
    /// reads too (SQLite lets several connections read a file at once). Only for a file warehouse; close it when done.
    ///
    /// Its page cache is `cacheMiB` (SQLite's default is 2 MiB): a scan reads each page once, and the main
    /// connection's cache (256 MiB) is already part of the run's peak memory.
    ///
    /// With `marts`, the marts this connection has materialised (``createMarts(parameters:)``) are attached and
    /// shadow their views, as on this connection: a query of `fct_support_events` reads the materialised table
    /// instead of evaluating the view's joins again (the finance sheets' cost per participant: 7 s at programme
    /// scale through the view).
    public func readOnlyConnection(cacheMiB: Int = 32, marts: Bool = false) throws -> Warehouse {
        Warehouse(db: try Self.reader(of: db.path, marts: marts ? scratch.files : [], cacheMiB: cacheMiB), sqlRoot: sqlRoot)
    }
}

/// A read transaction held open on a connection of its own (``Warehouse/holdRead()``): while it is held, the file
/// keeps, for this connection, the content it had when the hold began. A writer on another connection can still
/// change pages, but only in its own cache: writing the file (a cache spill, the commit) needs every reader gone.
///
/// For reading beside a long write that begins after the hold: read through ``warehouse`` (its reads run inside the
/// held transaction), then ``end()``. ``Warehouse/load(_:)`` waits at its commit for a hold to end, and its cache
/// spills skip while one is held (its cache grows instead: keep a hold short). Another connection cannot begin a
/// read then (a writer that tried to spill keeps the file's pending lock): read on this one.
public final class ReadHold: @unchecked Sendable {
    /// The held connection; its finance reads (``Warehouse/financeFigures(start:end:projectStart:projectEnd:rules:groups:parts:)``)
    /// run inside the held transaction.
    public let warehouse: Warehouse
    private var held = true

    fileprivate init(_ connection: Warehouse) throws {
        warehouse = connection
        connection.insideHold = true
        // A deferred transaction takes the file's shared lock at its first read, and keeps it until it ends.
        try connection.db.inDatabase { db in
            try db.execute(sql: "BEGIN DEFERRED")
            _ = try Int.fetchOne(db, sql: "select count(*) from sqlite_master")
        }
    }

    /// Ends the hold (again: nothing) and closes its connection.
    public func end() {
        guard held else { return }
        held = false
        try? warehouse.db.inDatabase { db in try db.execute(sql: "COMMIT") }
        try? warehouse.close()
    }

    deinit { end() }
}

extension Warehouse {
    /// Holds the warehouse's file as it is now, on a read-only connection of its own (``ReadHold``), for a read
    /// beside a write that begins after; only for a file warehouse. End it as soon as it has read.
    public func holdRead(cacheMiB: Int = 32) throws -> ReadHold {
        try ReadHold(Warehouse(db: try Self.reader(of: db.path, marts: [], cacheMiB: cacheMiB, holding: true), sqlRoot: sqlRoot))
    }
}
