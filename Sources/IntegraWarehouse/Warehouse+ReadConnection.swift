import GRDB

extension Warehouse {
    /// A second connection to the same warehouse file, read-only: for reading on another thread while this one
    /// reads too (SQLite lets several connections read a file at once). Only for a file warehouse; close it when done.
    ///
    /// Its page cache is `cacheMiB` (SQLite's default is 2 MiB): a scan reads each page once, and the main
    /// connection's cache (256 MiB) is already part of the run's peak memory.
    public func readOnlyConnection(cacheMiB: Int = 32) throws -> Warehouse {
        Warehouse(db: try Self.reader(of: db.path, marts: [], cacheMiB: cacheMiB), sqlRoot: sqlRoot)
    }
}
