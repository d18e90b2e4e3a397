#!/usr/bin/env bash
# Times Integra's CSV and XLSX readers on generated partner files, next to python-calamine on the same XLSX and
# Python's csv module on the same CSV, and prints the machine and a Markdown table (the figures in BENCHMARKS.md).
#
#   Benchmarks/run.sh                 # 1M-row and 4M-row CSV, 200k-row XLSX, best of 3 runs each
#   BENCH_RUNS=1 Benchmarks/run.sh    # one run each
#
# Every reader runs in its own process pinned to one CPU (BENCH_CPU, default 0); peak memory is that process's
# maximum resident set size as /usr/bin/time -v reports it. Files are generated once (seeded, so always the same)
# into BENCH_DATA, by default Benchmarks/.build/data.
set -euo pipefail
cd "$(dirname "$0")"

RUNS=${BENCH_RUNS:-3}
CPU=${BENCH_CPU:-0}
DATA=${BENCH_DATA:-.build/data}
PYTHON=${PYTHON:-python3}
CSV_ROWS=1000000
BIG_CSV_ROWS=4000000
XLSX_ROWS=200000

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x /usr/bin/time ]; then
    as_root apt-get update -qq && as_root apt-get install -y -qq time >/dev/null
fi
if ! "$PYTHON" -c 'import python_calamine' 2>/dev/null; then
    # A system Python may refuse pip installs (PEP 668); a virtual environment under .build/ always works.
    if ! "$PYTHON" -m pip install --quiet python-calamine 2>/dev/null; then
        "$PYTHON" -m venv .build/venv
        .build/venv/bin/pip install --quiet python-calamine
        PYTHON=.build/venv/bin/python
    fi
fi
PIN=()
if command -v taskset >/dev/null; then PIN=(taskset -c "$CPU"); fi

swift build -c release --product integra-bench >&2
BENCH="$(swift build -c release --show-bin-path)/integra-bench"

mkdir -p "$DATA"
CSV="$DATA/participants-$CSV_ROWS.csv"
BIG_CSV="$DATA/participants-$BIG_CSV_ROWS.csv"
XLSX="$DATA/participants-$XLSX_ROWS.xlsx"
[ -f "$CSV" ] || "$BENCH" make-csv "$CSV_ROWS" "$CSV"
[ -f "$BIG_CSV" ] || "$BENCH" make-csv "$BIG_CSV_ROWS" "$BIG_CSV"
[ -f "$XLSX" ] || "$BENCH" make-xlsx "$XLSX_ROWS" "$XLSX"

# The Python readers print the same `key=value` line as integra-bench.
read -r -d '' CALAMINE <<'EOF' || true
import resource, sys, time
from python_calamine import CalamineWorkbook
start, cpu = time.perf_counter(), time.process_time()
workbook = CalamineWorkbook.from_path(sys.argv[1])
rows = cells = 0
for row in workbook.get_sheet_by_name(workbook.sheet_names[0]).iter_rows():
    rows += 1
    cells += len(row)
seconds = time.perf_counter() - start
print(f"calamine rows={rows} cells={cells} seconds={seconds:.3f} cpu_seconds={time.process_time() - cpu:.3f} "
      f"rows_per_s={int(rows / seconds)} peak_rss_mib={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}")
EOF
read -r -d '' PYCSV <<'EOF' || true
import csv, resource, sys, time
start, cpu = time.perf_counter(), time.process_time()
rows = cells = 0
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for row in csv.reader(f):
        rows += 1
        cells += len(row)
seconds = time.perf_counter() - start
print(f"python-csv rows={rows} cells={cells} seconds={seconds:.3f} cpu_seconds={time.process_time() - cpu:.3f} "
      f"rows_per_s={int(rows / seconds)} peak_rss_mib={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}")
EOF

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

# measure NAME FILE COMMAND...: runs the command RUNS times and prints a table row for the fastest run.
measure() {
    local name=$1 file=$2
    shift 2
    local best="" best_seconds="" best_rss="" out rss seconds
    local timing
    timing=$(mktemp)
    for _ in $(seq "$RUNS"); do
        out=$(/usr/bin/time -v -o "$timing" "${PIN[@]}" "$@")
        rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$timing")
        seconds=$(field seconds "$out")
        if [ -z "$best" ] || awk -v a="$seconds" -v b="$best_seconds" 'BEGIN {exit !(a < b)}'; then
            best=$out best_seconds=$seconds best_rss=$rss
        fi
    done
    rm -f "$timing"
    printf '| %s | %s (%s MB) | %s | %s | %s | %s | %s | %s |\n' "$name" "$(basename "$file")" \
        "$(($(stat -c %s "$file") / 1000000))" "$(field rows "$best")" "$(field cells "$best")" "$best_seconds" \
        "$(field cpu_seconds "$best")" "$(field rows_per_s "$best")" "$((best_rss / 1024))"
}

echo "## Machine"
echo
echo "- CPUs: $(nproc) ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)); runs pinned to CPU $CPU"
echo "- RAM: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
echo "- $(swift --version 2>/dev/null | head -1)"
echo "- $("$PYTHON" --version), python-calamine $("$PYTHON" -m pip show python-calamine 2>/dev/null | sed -n 's/^Version: //p')"
echo "- Load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "## Results (fastest of $RUNS runs; time = open + read every row, rows not kept)"
echo
echo '| Reader | File | Rows | Cells | Seconds | CPU seconds | Rows/s | Peak RSS (MiB) |'
echo '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |'
measure "Integra CSV (forEachRow)" "$CSV" "$BENCH" csv "$CSV"
measure "Integra CSV (forEachRow)" "$BIG_CSV" "$BENCH" csv "$BIG_CSV"
measure "Python csv module" "$CSV" "$PYTHON" -c "$PYCSV" "$CSV"
measure "Integra XLSX (forEachRow)" "$XLSX" "$BENCH" xlsx "$XLSX"
measure "python-calamine iter_rows" "$XLSX" "$PYTHON" -c "$CALAMINE" "$XLSX"
