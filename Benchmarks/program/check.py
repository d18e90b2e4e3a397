#!/usr/bin/env python3
"""Checks a programme-scale run against the generator's truth (integra synth --program).

Usage: check.py OUT_DIR TRUTH_JSON [--records TRUTH_RECORDS_CSV] [--tolerance 0.005]

- Persons: the run's person count against the truth's.
- Linkage: truth-records.csv (beside truth.json unless --records; `record_key,person`) against the warehouse's
  `person_ids(record_key, person_id)` in OUT_DIR/warehouse.sqlite. SPLITS = the sum over true persons of the
  number of run persons their records went to, minus one; MERGES = the sum over run persons of the number of true
  persons among their records, minus one; each as a count and a % of true persons.
- Figures: every figure of truth.json (quarters and years, totals and the partner, sex, age and citizenship
  breakdowns; a category absent on one side is 0 there) against figures.json, as relative errors |run − truth| / truth,
  grouped: participants, first-support quarters, breakdowns, course completers, consultations, other indicators.
- Files: rows read/loaded/rejected per input file; files holding copies of the same rows (truth.json `copies`)
  by the group's loaded rows (each row loads once, from whichever file the run takes it).
- Money (truth.json "finance", issue 19), by scripts/finance_truth.py: eligible grosze by partner, task, line and
  quarter of payment, the plan and every expected finance diagnostic (code, file, row), exactly; the ledger and
  budget files' rows. Skipped, with a note, when the warehouse has no ledger rows (an Integra without ledgers).

Passes (exit 0) when splits, merges and every figure's relative error are within the tolerance and the file rows
agree; exits 1 otherwise.
"""
import argparse
import csv
import json
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import finance_truth  # noqa: E402 - shared with scripts/check-demo.py

parser = argparse.ArgumentParser()
parser.add_argument("out")
parser.add_argument("truth")
parser.add_argument("--records")
parser.add_argument("--tolerance", type=float, default=0.005)
args = parser.parse_args()
out, truth_path = Path(args.out), Path(args.truth)
tolerance = args.tolerance
truth = json.loads(truth_path.read_text(encoding="utf-8"))
run = json.loads((out / "run.json").read_text(encoding="utf-8"))
# Every figure is in figures.json beside run.json (run.json records its hash).
figures_table = json.loads((out / run["figures"]["path"]).read_text(encoding="utf-8"))
run_figures = [dict(zip(figures_table["columns"], row)) for row in figures_table["rows"]]
failures = []


def pct(n, d):
    return 100.0 * n / d if d else 0.0


def rel(got, want):
    if want == 0:
        return 0.0 if got == 0 else float("inf")
    return abs(got - want) / abs(want)


# Persons
true_persons = truth["persons"]
e = rel(run["persons"], true_persons)
print(f"persons: true {true_persons}, found {run['persons']} ({run['persons'] - true_persons:+d}, "
      f"relative error {100 * e:.2f} %)")
if e > tolerance:
    failures.append("persons")

# Linkage
records_path = Path(args.records) if args.records else truth_path.parent / "truth-records.csv"
if records_path.exists() and (out / "warehouse.sqlite").exists():
    with records_path.open(encoding="utf-8", newline="") as f:
        true_of = {row["record_key"]: row["person"] for row in csv.DictReader(f)}
    db = sqlite3.connect(f"file:{out / 'warehouse.sqlite'}?mode=ro", uri=True)
    found_of = dict(db.execute("select record_key, person_id from person_ids"))
    db.close()
    clusters_of_true = defaultdict(set)
    trues_of_found = defaultdict(set)
    for key, person in true_of.items():
        found = found_of.get(key)
        if found is not None:
            clusters_of_true[person].add(found)
            trues_of_found[found].add(person)
    splits = sum(len(c) - 1 for c in clusters_of_true.values())
    merges = sum(len(t) - 1 for t in trues_of_found.values())
    missing = sum(1 for k in true_of if k not in found_of)
    unknown = sum(1 for k in found_of if k not in true_of)
    print(f"linkage: {len(true_of)} true identity records of {len(set(true_of.values()))} persons; "
          f"{len(true_of) - missing} in the warehouse ({missing} not: rejected rows or the unloaded copy of a "
          f"re-sent file), {unknown} warehouse records not in the truth")
    print(f"  SPLITS {splits} ({pct(splits, true_persons):.2f} % of true persons)   "
          f"MERGES {merges} ({pct(merges, true_persons):.2f} % of true persons)")
    if pct(splits, true_persons) > 100 * tolerance:
        failures.append("splits")
    if pct(merges, true_persons) > 100 * tolerance:
        failures.append("merges")
else:
    print(f"linkage: not checked ({records_path} or {out / 'warehouse.sqlite'} missing)")

# Files
files = {f["path"]: f for f in truth["files"]}
name = truth_path.parent.name
finance = truth.get("finance")
finance_checked, finance_problems, finance_summary = (
    finance_truth.compare(out / "warehouse.sqlite", finance) if finance else (False, [], "finance: no finance truth"))
if finance_checked:
    # Ledgers and the budget are input files like the others once the run loads them.
    files.update({f["path"]: f for f in finance["files"]})
seen = {}
for f in run["inputs"]:
    path = name + "/" + f["path"].split(name + "/", 1)[-1]
    seen[path] = (f["rows_read"], f["rows_loaded"], f["rows_rejected"])
file_problems = []
groups = defaultdict(list)
for path, t in files.items():
    groups[t.get("copies") or path].append(path)
for group, paths in sorted(groups.items()):
    if len(paths) > 1:
        # Copies of the same rows: each row loads once, from whichever file the run takes it (a byte-identical
        # copy may not be read at all): the group's loaded rows are compared.
        want = sum(files[p]["loaded"] for p in paths)
        got = sum(seen.get(p, (0, 0, 0))[1] for p in paths)
        if not any(p in seen for p in paths):
            file_problems.append(f"{group}: in the truth, not read by the run")
        elif want != got:
            file_problems.append(f"{group} (copies: {len(paths)} files): loaded {got} != truth {want}")
        continue
    path = paths[0]
    want = [files[path][k] for k in ("read", "loaded", "rejected")]
    if path not in seen:
        file_problems.append(f"{path}: in the truth, not read by the run")
    elif list(seen[path]) != want:
        file_problems.append(f"{path}: read/loaded/rejected {'/'.join(map(str, seen[path]))} != truth "
                             f"{'/'.join(map(str, want))}")
finance_paths = {f["path"] for f in finance["files"]} if finance else set()
for path in sorted(set(seen) - set(files)):
    if path in finance_paths:
        continue  # a ledger or the budget read by a run whose money is not checked
    file_problems.append(f"{path}: read by the run, not in the truth")
print(f"files: {len(files)} in the truth, {len(file_problems)} disagree")
for p in file_problems[:20]:
    print("  FILE", p)
if len(file_problems) > 20:
    print(f"  ... and {len(file_problems) - 20} more")
if file_problems:
    failures.append("files")


# Figures
def key(f):
    return (f["indicator"], f["period"], f.get("breakdown") or "")


want, got = defaultdict(dict), defaultdict(dict)
for f in truth["figures"]:
    want[key(f)][(f["scope"], f["category"])] = f["value"]
for f in run_figures:
    if key(f) in want:
        got[key(f)][(f["scope"], f.get("category") or "")] = f["value"]


def family(indicator, period, breakdown):
    if indicator == "persons_supported":
        return "participants" if not breakdown else f"participants by {breakdown}"
    if indicator == "persons_new" and "Q" in period and not breakdown:
        return "first-support quarters"
    if indicator == "course_completers":
        return "course completers"
    if indicator == "consultations":
        return "consultations"
    return "other indicators"


families = defaultdict(list)  # family -> [(relative error, description)]
for k in sorted(want):
    for sc in sorted(set(want[k]) | set(got.get(k, {}))):
        a, b = got.get(k, {}).get(sc, 0), want[k].get(sc, 0)
        desc = f"{k[0]} {k[1]} {sc[0]}" + (f" {k[2]}={sc[1] or 'brak danych'}" if k[2] else "") + f": {a:g} / {b:g}"
        families[family(*k)].append((rel(a, b), desc))
order = ["participants", "participants by sex", "participants by age_band", "participants by citizenship",
         "participants by partner", "first-support quarters", "course completers", "consultations",
         "other indicators"]
print(f"figures (run / truth), tolerance {100 * tolerance:g} %:")
print(f"  {'figure':32} {'compared':>8} {'exact':>6} {'over tol':>8} {'max rel. err':>12}  worst")
for fam in order + sorted(set(families) - set(order)):
    items = families.get(fam)
    if not items:
        continue
    worst = max(items)
    over = sum(1 for r, _ in items if r > tolerance + 1e-12)
    exact = sum(1 for r, _ in items if r == 0)
    print(f"  {fam:32} {len(items):8} {exact:6} {over:8} {100 * worst[0]:11.2f} %  {worst[1]}")
    if over:
        failures.append(fam)

print(finance_summary)
for p in finance_problems[:20]:
    print("  MONEY", p)
if len(finance_problems) > 20:
    print(f"  ... and {len(finance_problems) - 20} more")
if finance_problems:
    failures.append("finance")

if failures:
    print(f"program check: FAIL ({', '.join(failures)})")
    sys.exit(1)
print("program check: PASS")
