#!/usr/bin/env bash
# Runs `integra run` on a programme-scale project (integra synth --program: 50 partners, ~100 000 persons over
# 2024-2025, 40 % of them met only in consultation logs by name, with the conditions of real partner files —
# PROGRAM_CONDITIONS, default all) in a release build, and in the same
# script the peers on the same files, and prints the machine, per-stage times, total time and peak RSS, the
# incremental re-run after one new partner file, the peers, and whether the figures equal the generator's truth
# (the "Program scale" section of BENCHMARKS.md).
#
#   Benchmarks/program/run.sh                          # 50 partners, 100 000 persons
#   PROGRAM_PARTNERS=10 PROGRAM_PERSONS=20000 Benchmarks/program/run.sh   # a smaller programme
#   PEERS=0 Benchmarks/program/run.sh                  # Integra only
#   INTEGRA_BIN=path/to/integra Benchmarks/program/run.sh
#
# The project is generated once into Benchmarks/program/.build/data-<partners>-<persons>-<seed>/ (seeded: the same
# bytes every time). The first Integra run starts from an empty output folder (a new warehouse); the incremental
# run adds one new consultation log to the first partner (2 000 rows of new visits of new clients: the 2024 log of
# a one-partner programme generated with the next seed, under a name its glob matches) and runs again into the same
# folder; then one roll is edited (its last row removed) and the new log removed again, each followed by a run into
# the same folder. After each incremental run a run from an empty folder on the same files is compared with it, file
# by file (compare_outputs.py). A copy of rows the programme has already would be rejected as `duplicate-across-files`, not loaded. python-calamine, duckdb and Splink are installed with pip into a venv under
# .build/. Splink links the identity records of the first run (exported from its warehouse by export_identities.py:
# the records Integra's link stage linked, after Integra's normalisation) and is scored by its person count.
set -euo pipefail
cd "$(dirname "$0")"
HERE=$(pwd)
ROOT=$(cd ../.. && pwd)

PARTNERS=${PROGRAM_PARTNERS:-50}
PERSONS=${PROGRAM_PERSONS:-100000}
SEED=${PROGRAM_SEED:-2023}
RUN_PEERS=${PEERS:-1}
PYTHON=${PYTHON:-python3}
VENV="$HERE/.build/venv"
DATA="$HERE/.build/data-$PARTNERS-$PERSONS-$SEED${PROGRAM_CONDITIONS:+-$PROGRAM_CONDITIONS}"
OUT="$HERE/.build/out-$PARTNERS-$PERSONS-$SEED"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if [ ! -x /usr/bin/time ]; then
    as_root apt-get update -qq && as_root apt-get install -y -qq time >/dev/null
fi
if [ "$RUN_PEERS" = 1 ] && ! "$VENV/bin/python" -c 'import python_calamine, duckdb, splink, unidecode' 2>/dev/null; then
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet 'python-calamine' 'duckdb==2.0.0' 'splink==5.0.0' 'unidecode==1.4.0'
fi

if [ -n "${INTEGRA_BIN:-}" ]; then
    INTEGRA=$INTEGRA_BIN
else
    (cd "$ROOT" && swift build -c release --product integra >&2)
    INTEGRA="$(cd "$ROOT" && swift build -c release --show-bin-path)/integra"
fi

# Runs a command under /usr/bin/time -v (its stderr passes through, its stdout goes to $MEASURE_OUT, default the
# terminal); then prints `wall_seconds=… cpu_seconds=… peak_rss_mib=…`.
measure() {
    local log
    log=$(mktemp)
    if [ -n "${MEASURE_OUT:-}" ]; then
        /usr/bin/time -v -o "$log" "$@" >"$MEASURE_OUT"
    else
        /usr/bin/time -v -o "$log" "$@"
    fi
    awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; wall = s }
        /Maximum resident set size/ { rss = $2 / 1024 }
        /User time/ { user = $2 } /System time/ { sys = $2 }
        END { printf "wall_seconds=%.2f cpu_seconds=%.2f peak_rss_mib=%.0f\n", wall, user + sys, rss }' "$log"
    rm -f "$log"
}

echo "== machine"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  commit: $(cd "$ROOT" && git rev-parse --short HEAD)"
echo "cpu: $(nproc) × $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "swift: $(swift --version 2>/dev/null | head -1)"

if [ ! -f "$DATA/program/truth.json" ]; then
    echo "== generating $PARTNERS partners, $PERSONS persons (seed $SEED)"
    rm -rf "$DATA"
    MEASURE_OUT=/dev/null measure "$INTEGRA" synth --program --partners "$PARTNERS" --persons "$PERSONS" \
        --seed "$SEED" --dir "$DATA" --name program --conditions "${PROGRAM_CONDITIONS:-all}"
fi
echo "data: $(du -sh "$DATA/program" | cut -f1), $(find "$DATA/program" -name '*.csv' | wc -l) CSV, $(find "$DATA/program" -name '*.xlsx' | wc -l) XLSX"
rm -f "$DATA/program"/p01/*-korekta.csv "$DATA/program"/p01/*-uzupelnienie.csv
for f in "$DATA/program"/p01/*.orig; do [ -e "$f" ] && mv "$f" "${f%.orig}"; done   # a run stopped mid-way

echo "== integra run (empty output folder)   load: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$OUT"
MEASURE_OUT="$HERE/.build/summary.txt" measure env INTEGRA_HOME="$ROOT" "$INTEGRA" run "$DATA/program.yml" --out "$OUT" \
    --timings --quiet
grep -E '^(Files|Persons)' "$HERE/.build/summary.txt" || true
"$PYTHON" "$HERE/check.py" "$OUT" "$DATA/program/truth.json" || echo "TRUTH CHECK FAILED"
IDENTITIES="$HERE/.build/identities-$PARTNERS-$PERSONS-$SEED"
if [ "$RUN_PEERS" = 1 ]; then
    "$PYTHON" "$HERE/export_identities.py" "$OUT/warehouse.sqlite" "$IDENTITIES"   # for Splink, below
fi

echo "== integra run after one new partner file   load: $(cut -d' ' -f1-3 /proc/loadavg)"
# The new file: 2 000 consultations of persons the programme does not have, in the first partner's log layout.
EXTRA="$HERE/.build/extra-$SEED${PROGRAM_CONDITIONS:+-$PROGRAM_CONDITIONS}"
if [ ! -f "$EXTRA/program/p01/rejestr-porad-2024.csv" ]; then
    rm -rf "$EXTRA"
    "$INTEGRA" synth --program --partners 1 --persons 2600 --seed $((SEED + 1)) --dir "$EXTRA" --name program \
        --conditions "${PROGRAM_CONDITIONS:-all}" >/dev/null
fi
NEW="$DATA/program/p01/rejestr-porad-2024-uzupelnienie.csv"
head -n 2001 "$EXTRA/program/p01/rejestr-porad-2024.csv" >"$NEW"
[ "$(wc -l <"$NEW")" -eq 2001 ] || { echo "the new log has $(($(wc -l <"$NEW") - 1)) rows, not 2 000" >&2; exit 1; }
MEASURE_OUT="$HERE/.build/summary-incremental.txt" measure env INTEGRA_HOME="$ROOT" "$INTEGRA" run \
    "$DATA/program.yml" --out "$OUT" --timings --quiet
grep -E '^(Files|Persons|Pliki|Osoby)' "$HERE/.build/summary-incremental.txt" || true
"$PYTHON" - "$OUT/run.json" "$NEW" <<'PY'
import json, sys
run = json.load(open(sys.argv[1], encoding="utf-8"))
name = sys.argv[2].rsplit("/", 1)[-1]
for f in run["inputs"]:
    if f["path"].endswith("/" + name):
        print(f"new file: {f['rows_read']} rows read, {f['rows_loaded']} loaded, {f['rows_rejected']} rejected")
PY
# Each incremental run's outputs against a run from an empty folder on the same files (compare_outputs.py says what
# is set aside: the warehouse, run.json and the outputs naming persons by id).
FRESH="$OUT-fresh"
fresh_compare() {
    rm -rf "$FRESH"
    MEASURE_OUT=/dev/null measure env INTEGRA_HOME="$ROOT" "$INTEGRA" run "$DATA/program.yml" --out "$FRESH" --quiet \
        | sed 's/^/fresh run: /'
    "$PYTHON" "$HERE/compare_outputs.py" "$OUT" "$FRESH" || echo "INCREMENTAL OUTPUTS DIFFER FROM A FRESH RUN"
    rm -rf "$FRESH"
}
fresh_compare

echo "== integra run after one edited roll (its last row removed)   load: $(cut -d' ' -f1-3 /proc/loadavg)"
ROLL=$(find "$DATA/program/p01" -name 'lista-uczestnikow-*.csv' | sort | tail -1)
cp "$ROLL" "$ROLL.orig"
sed -i '$ d' "$ROLL"
MEASURE_OUT="$HERE/.build/summary-edited.txt" measure env INTEGRA_HOME="$ROOT" "$INTEGRA" run \
    "$DATA/program.yml" --out "$OUT" --timings --quiet
fresh_compare

echo "== integra run after one removed file (the new log again)   load: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f "$NEW"
MEASURE_OUT="$HERE/.build/summary-removed.txt" measure env INTEGRA_HOME="$ROOT" "$INTEGRA" run \
    "$DATA/program.yml" --out "$OUT" --timings --quiet
fresh_compare
mv "$ROLL.orig" "$ROLL"

if [ "$RUN_PEERS" = 1 ]; then
    echo "== python-calamine: every sheet of every XLSX   load: $(cut -d' ' -f1-3 /proc/loadavg)"
    measure "$VENV/bin/python" "$HERE/peers.py" calamine "$DATA/program"
    echo "== duckdb read_csv: every CSV into a table   load: $(cut -d' ' -f1-3 /proc/loadavg)"
    measure "$VENV/bin/python" "$HERE/peers.py" duckdb "$DATA/program"
    TRUE_PERSONS=$("$PYTHON" -c 'import json, sys; print(json.load(open(sys.argv[1]))["persons"])' "$DATA/program/truth.json")
    echo "== splink: the identity records Integra's link stage linked (its time above)   load: $(cut -d' ' -f1-3 /proc/loadavg)"
    measure "$VENV/bin/python" "$ROOT/Benchmarks/linkage/splink_bench.py" "$IDENTITIES" --names raw \
        --true-persons "$TRUE_PERSONS" 2>/dev/null
fi
