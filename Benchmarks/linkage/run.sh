#!/usr/bin/env bash
# Counts persons in generated person records with `integra link` and, in the same run, with Splink 5 on DuckDB
# (names raw and names folded to ASCII), and prints the machine and a Markdown table: time, peak memory,
# pairwise precision/recall/F1, B-cubed F1 and person-count error (the "Linkage" section of BENCHMARKS.md).
#
#   Benchmarks/linkage/run.sh                        # 100 000 and 1 000 000 records
#   LINK_SIZES="100000" Benchmarks/linkage/run.sh    # one size
#   SPLINK=0 Benchmarks/linkage/run.sh               # Integra only
#   INTEGRA_BIN=path/to/integra Benchmarks/linkage/run.sh   # a release binary built elsewhere
#
# Records come from `integra synth --link-records N --seed 2023` (labelled: truth.csv says who is who) and are
# generated once into LINK_DATA (default Benchmarks/linkage/.build/data-N). Integra reads records.csv as partners
# write it; Splink reads normalised.csv, the same records with dates, phones and codes already normalised, so both
# get the same clean fields and differ only in linkage. Each tool runs in its own process; time is wall-clock from
# process start to the clusters (Splink: its own clock, imports included, extra thresholds and scoring excluded;
# Integra: /usr/bin/time, reading, linking and writing the clusters), peak memory is the process's maximum resident
# set size from /usr/bin/time -v.
set -euo pipefail
cd "$(dirname "$0")"
HERE=$(pwd)
ROOT=$(cd ../.. && pwd)

SIZES=${LINK_SIZES:-"100000 1000000"}
RUN_SPLINK=${SPLINK:-1}
SEED=${LINK_SEED:-2023}
PYTHON=${PYTHON:-python3}
VENV="$HERE/.build/venv"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x /usr/bin/time ]; then
    as_root apt-get update -qq && as_root apt-get install -y -qq time >/dev/null
fi
if [ "$RUN_SPLINK" = 1 ] && ! "$VENV/bin/python" -c 'import splink, duckdb, unidecode' 2>/dev/null; then
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet 'splink==5.0.0' 'duckdb==2.0.0' 'unidecode==1.4.0'
fi

if [ -n "${INTEGRA_BIN:-}" ]; then
    INTEGRA=$INTEGRA_BIN
else
    (cd "$ROOT" && swift build -c release --product integra >&2)
    INTEGRA="$(cd "$ROOT" && swift build -c release --show-bin-path)/integra"
fi

# Runs a command under /usr/bin/time -v; prints its stdout, then `wall_seconds=… peak_rss_mib=…`.
measure() {
    local log
    log=$(mktemp)
    /usr/bin/time -v -o "$log" "$@"
    awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; wall = s }
        /Maximum resident set size/ { rss = $2 / 1024 }
        END { printf "wall_seconds=%.2f peak_rss_mib=%.0f\n", wall, rss }' "$log"
    rm -f "$log"
}

RESULTS="$HERE/.build/results.txt"
: >"$RESULTS"
for N in $SIZES; do
    DATA=${LINK_DATA:-"$HERE/.build/data-$N"}
    if [ ! -f "$DATA/normalised.csv" ]; then
        "$INTEGRA" synth --link-records "$N" --seed "$SEED" --out "$DATA" >/dev/null
    fi
    echo "== $N records: integra link" >&2
    {
        echo "tool=integra records=$N"
        measure "$INTEGRA" link "$DATA/records.csv" --out "$DATA/integra-clusters.csv" --evaluate "$DATA/truth.csv" \
            --first-names "$ROOT/pipelines/linkage/first-names.yml"
    } | tee /dev/stderr | tr '\n' ' ' >>"$RESULTS"
    echo >>"$RESULTS"
    if [ "$RUN_SPLINK" = 1 ]; then
        for NAMES in raw ascii; do
            echo "== $N records: splink ($NAMES names)" >&2
            measure "$VENV/bin/python" "$HERE/splink_bench.py" "$DATA" --names "$NAMES" 2>/dev/null \
                | tee /dev/stderr | tr '\n' ' ' >>"$RESULTS"
            echo >>"$RESULTS"
        done
    fi
done

echo
echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM"
echo "Swift: $(swift --version 2>/dev/null | head -1)"
if [ "$RUN_SPLINK" = 1 ]; then
    VERSIONS=$("$VENV/bin/python" -c 'import splink, duckdb; print("splink " + splink.__version__ + ", duckdb " + duckdb.__version__)')
    echo "Python: $("$VENV/bin/python" --version), $VERSIONS"
fi
echo
"$PYTHON" - "$RESULTS" <<'EOF'
import re, sys

print("| Tool | Records | Seconds | Peak RSS (MiB) | Precision | Recall | F1 | B³ F1 | Persons (true) | Count error |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for line in open(sys.argv[1]):
    if not line.strip():
        continue
    if "tool=integra" in line:
        fields = dict(re.findall(r"(\w+)=(\S+)", line))
        p, r, f1 = re.search(r"pairwise: precision ([\d.]+), recall ([\d.]+), F1 ([\d.]+)", line).groups()
        b3 = re.search(r"b-cubed: .*?F1 ([\d.]+)", line).group(1)
        pred, true, err = re.search(r"persons: predicted (\d+), true (\d+) \(([-+\d.]+) %\)", line).groups()
        row = ["Integra", fields["records"], fields["wall_seconds"], fields["peak_rss_mib"], p, r, f1, b3,
               f"{pred} ({true})", f"{err} %"]
    else:
        f = dict(re.findall(r"(\S+?)=(\S+)", line))
        best = max((float(v), k[6:]) for k, v in f.items() if k.startswith("f1_at_"))
        row = [f"Splink, {f['tool'][7:]} names (thr {f['threshold']}; best F1 {best[0]:.4f} at {best[1]})",
               f["records"], f["seconds"], f["peak_rss_mib"], f["pairwise_precision"], f["pairwise_recall"],
               f["pairwise_f1"], f["bcubed_f1"], f"{f['predicted_persons']} ({f['true_persons']})",
               f"{f['person_error_pct']} %"]
    print("| " + " | ".join(row) + " |")
EOF
