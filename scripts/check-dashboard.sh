#!/usr/bin/env bash
# Opens the dashboards in headless Chromium (scripts/check-dashboard.py): the demo's, against its truth, and a
# generated 50-partner project's page. Run after `make demo`; CI runs it from .ci/run.
#
#   scripts/check-dashboard.sh    → out/demo/dashboard.png and out/demo/dashboard-shots/ (1400 px, 390 px, the print
#                                   as PDF and PNG: to look at), exit 1 on any failed check (figures, script errors,
#                                   load time, sideways scroll, overlapping boxes, cut labels, columns lost in print)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product integra
# A generated project of 50 partners (integra synth --program, 2 000 persons), run end to end: its dashboard must
# stay usable (file < 5 MB, loaded < 2 s).
rm -rf out/dashboard-scale
swift run --skip-build integra synth --program --partners 50 --persons 2000 --dir out/dashboard-scale --name programme >/dev/null
swift run --skip-build integra run out/dashboard-scale/programme.yml --out out/dashboard-scale/out --quiet >/dev/null
python3 scripts/check-dashboard.py out/demo/dashboard.html --truth pipelines/demo/truth.json \
    --screenshot out/demo/dashboard.png --shots out/demo/dashboard-shots --scale out/dashboard-scale/out/dashboard.html
