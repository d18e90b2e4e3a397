#!/usr/bin/env python3
"""Checks a programme-scale run against the generator's truth (integra synth --program).

Usage: check.py OUT_DIR TRUTH_JSON

The truth covers quarters and years, totals and the partner breakdown (TruthBuilder's totalsAndPartners detail):
every figure of run.json for those periods and breakdowns is compared (a category absent on one side is 0 there,
sums within 1e-6), and so are the persons and each input file's rows read/loaded/rejected. Exits 1 on a mismatch.
"""
import json
import sys
from collections import defaultdict
from pathlib import Path

out, truth_path = Path(sys.argv[1]), Path(sys.argv[2])
truth = json.loads(truth_path.read_text(encoding="utf-8"))
run = json.loads((out / "run.json").read_text(encoding="utf-8"))
problems = []

if run["persons"] != truth["persons"]:
    problems.append(f"persons: run {run['persons']} != truth {truth['persons']}")
name = truth_path.parent.name
files = {f["path"]: f for f in truth["files"]}
seen = set()
for f in run["inputs"]:
    path = name + "/" + f["path"].split(name + "/", 1)[-1]
    t = files.get(path)
    if t is None:
        problems.append(f"{f['path']}: read by the run, not in the truth")
        continue
    seen.add(path)
    if (t["read"], t["loaded"], t["rejected"]) != (f["rows_read"], f["rows_loaded"], f["rows_rejected"]):
        problems.append(f"{path}: read/loaded/rejected {f['rows_read']}/{f['rows_loaded']}/{f['rows_rejected']}"
                        f" != truth {t['read']}/{t['loaded']}/{t['rejected']}")
for path in sorted(set(files) - seen):
    problems.append(f"{path}: in the truth, not read by the run")


def key(f):
    return (f["indicator"], f["period"], f.get("breakdown") or "")


want, got = defaultdict(dict), defaultdict(dict)
for f in truth["figures"]:
    want[key(f)][(f["scope"], f["category"])] = f["value"]
for f in run["figures"]:
    if key(f) in want:
        got[key(f)][(f["scope"], f.get("category") or "")] = f["value"]
compared = 0
for k in sorted(want):
    if k not in got:
        problems.append(f"{k}: in the truth, not in run.json")
        continue
    for sc in sorted(set(want[k]) | set(got[k])):
        compared += 1
        a, b = got[k].get(sc, 0), want[k].get(sc, 0)
        if abs(a - b) > 1e-6:
            problems.append(f"{k[0]} {k[1]} {sc[0]} {k[2]}={sc[1]!r}: run {a} != truth {b}")
for p in problems[:60]:
    print("MISMATCH", p)
if len(problems) > 60:
    print(f"... and {len(problems) - 60} more")
if problems:
    print(f"program check: {len(problems)} mismatches ({compared} figures compared)")
    sys.exit(1)
print(f"program check: persons {run['persons']}, {len(run['inputs'])} files and {compared} figures equal the truth")
