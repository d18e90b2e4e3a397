#ifndef CSQLITETUNING_H
#define CSQLITETUNING_H

/// Turns SQLite's memory statistics off (`SQLITE_CONFIG_MEMSTATUS` = 0) before SQLite starts, so that an allocation
/// no longer takes a global mutex to count itself. Returns SQLite's result code: `SQLITE_OK` (0), or `SQLITE_MISUSE`
/// when SQLite has already started in this process (nothing changes then). `sqlite3_config` is variadic, which Swift
/// cannot call; this is its one use here.
int integra_sqlite_memory_statistics_off(void);

#endif
