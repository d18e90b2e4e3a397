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
