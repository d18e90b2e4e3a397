#!/usr/bin/env bash
# Opens the dashboards in headless Chromium (scripts/check-dashboard.py): the demo's, against its truth, and a
# 50-partner page that DashboardScaleTests writes. Run after `make demo`; CI runs it from .ci/run.
#
#   scripts/check-dashboard.sh    → out/demo/dashboard.png (a screenshot to look at), exit 1 on any failed check
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
INTEGRA_DASHBOARD_SCALE_OUT=out/dashboard-scale/dashboard.html swift test --skip-build --filter DashboardScaleTests
python3 scripts/check-dashboard.py out/demo/dashboard.html --truth pipelines/demo/truth.json \
    --screenshot out/demo/dashboard.png --scale out/dashboard-scale/dashboard.html
