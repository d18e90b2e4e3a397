#!/usr/bin/env python3
"""The peers on a programme's partner files, each timed on its own: python-calamine reading every sheet of every
XLSX (iter_rows consumed), DuckDB read_csv materialising every CSV into a table (Windows-1250 files need DuckDB's
encodings extension, which it downloads; offline they are skipped and counted).

Usage: peers.py calamine|duckdb DATA_DIR   → prints `files=… rows=… cells=… seconds=…`
"""
import sys
import time
from pathlib import Path

tool, data = sys.argv[1], Path(sys.argv[2])
start = time.perf_counter()
files = rows = cells = 0
if tool == "calamine":
    from python_calamine import CalamineWorkbook

    for path in sorted(data.rglob("*.xlsx")):
        wb = CalamineWorkbook.from_path(str(path))
        for name in wb.sheet_names:
            for row in wb.get_sheet_by_name(name).iter_rows():
                rows += 1
                cells += len(row)
        files += 1
elif tool == "duckdb":
    import duckdb

    con = duckdb.connect()
    try:
        con.execute("INSTALL encodings; LOAD encodings")
        cp1250 = "windows-1250"
    except Exception:  # noqa: BLE001 - the extension is downloaded; offline, DuckDB cannot read Windows-1250
        cp1250 = None
    skipped = 0
    for n, path in enumerate(sorted(data.rglob("*.csv"))):
        encoding = cp1250 if path.name.startswith("lista-uczestnikow") else "utf-8"
        if encoding is None:
            skipped += 1
            continue
        con.execute(f"CREATE TABLE t{n} AS SELECT * FROM read_csv(?, encoding = '{encoding}', header = true)",
                    [str(path)])
        r, c = con.execute(f"SELECT count(*), (SELECT count(*) FROM pragma_table_info('t{n}')) FROM t{n}").fetchone()
        rows += r
        cells += r * c
        files += 1
extra = f" skipped_windows1250={skipped}" if tool == "duckdb" and skipped else ""
print(f"tool={tool} files={files} rows={rows} cells={cells} seconds={time.perf_counter() - start:.2f}{extra}")
