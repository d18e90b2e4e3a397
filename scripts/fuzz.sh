#!/usr/bin/env bash
# Builds the libFuzzer harnesses in Fuzz/ and runs them on seeds made from the fixtures and the demo project.
#
#   scripts/fuzz.sh [--runs N | --time S] [--parallel] [csv|xlsx|project ...]
#
#   --runs N     executions per harness (default 100000)
#   --time S     seconds per harness instead
#   --parallel   run the harnesses at the same time (one process each) instead of one after the other
#   targets    which harnesses (default all three): csv (CSVReader), xlsx (XLSXWorkbook), project (project files)
#
# Each harness runs niced, in one process, with a 10 s timeout per input and a 512 MB RSS limit (a hang or an input
# that needs more memory is a finding, like a crash). The corpus grows in Fuzz/corpus/<target> (not committed);
# a crashing input is saved as Fuzz/artifacts/<target>-crash-… and the script exits 1. A line per harness is printed
# and appended to Fuzz/results.log: executions, seconds, executions per second, corpus size, peak RSS, findings.
# Reproduce a finding with `Fuzz/.build/release/fuzz-<target> Fuzz/artifacts/<file>`, then add it to the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=""
seconds=""
targets=()
parallel=false
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --time) seconds="$2"; shift 2 ;;
        --parallel) parallel=true; shift ;;
        csv | xlsx | project) targets+=("$1"); shift ;;
        -h | --help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "error: unknown argument $1 (see scripts/fuzz.sh --help)" >&2; exit 64 ;;
    esac
done
[ ${#targets[@]} -eq 0 ] && targets=(csv xlsx project)
[ -z "$runs" ] && [ -z "$seconds" ] && runs=100000

flags=(-c release -Xswiftc -sanitize=fuzzer -Xswiftc -enable-testing
    -Xcc -fsanitize=fuzzer-no-link -Xswiftc -use-ld=lld)
# SwiftPM keeps the build plan of a path dependency and misses source files added to it; plan again.
rm -f Fuzz/.build/release.yaml
nice -n 10 swift build --package-path Fuzz "${flags[@]}" >&2
bin=$(swift build --package-path Fuzz "${flags[@]}" --show-bin-path)

rm -rf Fuzz/.seeds
python3 scripts/fuzz-seeds.py Fuzz/.seeds
mkdir -p Fuzz/artifacts
# libFuzzer, not the Swift runtime's backtracer, must handle a crash, so that it saves the input.
export SWIFT_BACKTRACE=enable=no
# One harness: runs it, prints and records its line; returns libFuzzer's exit code.
fuzz_one() {
    local target=$1 max_len extra=() limit log start code elapsed execs rate rss files bytes findings line
    case "$target" in
        csv) max_len=4096; extra=(-dict=Fuzz/.seeds/csv.dict) ;;
        xlsx) max_len=65536 ;;
        project) max_len=8192; extra=(-dict=Fuzz/.seeds/project.dict) ;;
    esac
    mkdir -p "Fuzz/corpus/$target"
    limit=(-runs="$runs")
    [ -n "$seconds" ] && limit=(-max_total_time="$seconds")
    log=$(mktemp)
    start=$(date +%s)
    set +e
    nice -n 10 "$bin/fuzz-$target" "${limit[@]}" -max_len=$max_len -timeout=10 -rss_limit_mb=512 \
        -print_final_stats=1 -artifact_prefix="Fuzz/artifacts/$target-" "${extra[@]}" \
        "Fuzz/corpus/$target" "Fuzz/.seeds/$target" >"$log" 2>&1
    code=$?
    set -e
    elapsed=$(( $(date +%s) - start ))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
    files=$(find "Fuzz/corpus/$target" -type f | wc -l)
    bytes=$(du -sk "Fuzz/corpus/$target" | cut -f1)
    findings=$(grep -cE '^==[0-9]+== ?ERROR: libFuzzer' "$log" || true)
    line="$(date -u +%FT%TZ) $target execs=${execs:-?} seconds=$elapsed exec/s=${rate:-?} corpus=${files}files/${bytes}KiB peak-rss=${rss:-?}MB findings=$findings exit=$code"
    echo "$line"
    echo "$line" >>Fuzz/results.log
    if [ "$code" -ne 0 ]; then
        echo "fuzz-$target found a problem; the last lines of its log:" >&2
        grep -vE '^(r[0-9a-z]+|rflags|cs) ' "$log" | tail -40 >&2
        ls -1 Fuzz/artifacts/"$target"-* 2>/dev/null >&2 || true
    fi
    rm -f "$log"
    return "$code"
}

status=0
if $parallel; then
    pids=()
    for target in "${targets[@]}"; do
        fuzz_one "$target" &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid" || status=1; done
else
    for target in "${targets[@]}"; do fuzz_one "$target" || status=1; done
fi
exit $status
