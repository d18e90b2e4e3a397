#!/usr/bin/env python3
"""Checks a demo run against the generator's truth, reading the XLSX with openpyxl as a user's tool would.

Usage: check-demo.py OUT_DIR TRUTH_JSON [--strict]

Compares:
- persons and each input file's rows read/loaded/rejected;
- every figure of figures.json (whose SHA-256 run.json records) with the truth. Figures are compared per
  (indicator, period, breakdown) that the run carries: within such a group a category absent on one side is 0
  there, sums agree within 1e-6. Truth groups the run does not carry are listed as not checked (an error with
  --strict);
- the objective-conflict warnings of diagnostics.csv with the truth's warnings;
- the first sheet of reports/generic-quarterly.xlsx (quarters and the cumulative column by their headers);
- every reports/*.xlsx opens in openpyxl and every cell of every sheet reads;
- the money (truth.json "finance", issue 19) against the warehouse, by scripts/finance_truth.py: eligible grosze by
  partner, task, line and quarter of payment, the plan, and every expected finance diagnostic with its file and
  row; the ledger and budget files' rows. Skipped, with a note, when the warehouse has no ledger rows.
Exits 1 when anything differs, printing every mismatch found.
"""
import csv
import hashlib
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parent))
import finance_truth  # noqa: E402 - beside this script

TOLERANCE = 1e-6
args = [a for a in sys.argv[1:] if not a.startswith("--")]
strict = "--strict" in sys.argv
out, truth_path = Path(args[0]), Path(args[1])
truth = json.loads(truth_path.read_text(encoding="utf-8"))
run = json.loads((out / "run.json").read_text(encoding="utf-8"))
problems, notes = [], []
# The figures live beside run.json, which records their hash.
figures_bytes = (out / run["figures"]["path"]).read_bytes()
if hashlib.sha256(figures_bytes).hexdigest() != run["figures"]["sha256"]:
    problems.append(f"{run['figures']['path']}: its SHA-256 is not the one run.json records")
figures_table = json.loads(figures_bytes)
run_figures = [dict(zip(figures_table["columns"], row)) for row in figures_table["rows"]]


def same(a, b):
    return abs((a or 0) - (b or 0)) <= TOLERANCE


# Persons and row accounting.
if run["persons"] != truth["persons"]:
    problems.append(f"persons: run {run['persons']} != truth {truth['persons']}")
files = {f["path"]: f for f in truth["files"]}
# Ledgers and the budget: compared when the run reads them (below, with the money).
finance_files = {f["path"]: f for f in truth.get("finance", {}).get("files", [])}
seen = set()
for f in run["inputs"]:
    path = "demo/" + f["path"].split("demo/", 1)[-1] if "demo/" in f["path"] else f["path"]
    t = files.get(path) or finance_files.get(path)
    if t is None:
        problems.append(f"{f['path']}: read by the run, not in the truth")
        continue
    seen.add(path)
    if (t["read"], t["loaded"], t["rejected"]) != (f["rows_read"], f["rows_loaded"], f["rows_rejected"]):
        problems.append(f"{f['path']}: read/loaded/rejected {f['rows_read']}/{f['rows_loaded']}/{f['rows_rejected']}"
                        f" != truth {t['read']}/{t['loaded']}/{t['rejected']}")
for path in sorted(set(files) - seen):
    problems.append(f"{path}: in the truth, not read by the run")

# The money.
finance_summary = "finance: no finance truth"
if "finance" in truth:
    finance_checked, finance_problems, finance_summary = finance_truth.compare(
        out / "warehouse.sqlite", truth["finance"])
    if finance_checked:
        problems += finance_problems
        for path in sorted(set(finance_files) - seen):
            problems.append(f"{path}: in the finance truth, not read by the run")
    else:
        notes.append(finance_summary)

# Every figure, grouped by (indicator, period, breakdown); scope and category within the group.
def key(f):
    return (f["indicator"], f["period"], f.get("breakdown") or "")


truth_groups, run_groups = defaultdict(dict), defaultdict(dict)
for f in truth["figures"]:
    truth_groups[key(f)][(f["scope"], f["category"])] = f["value"]
for f in run_figures:
    run_groups[key(f)][(f["scope"], f.get("category") or "")] = f["value"]
compared = 0
truth_indicators = {k[0] for k in truth_groups}
truth_periods = {k[1] for k in truth_groups}
skipped = 0
for k, got in sorted(run_groups.items()):
    # Periods the truth does not cover (the whole-project reporting period) and a report's own age bands
    # (age_band#n) are not checked; the truth covers months, quarters, the year and the project's bands.
    if k[1] not in truth_periods or "#" in k[2]:
        skipped += 1
        continue
    if k[0] not in truth_indicators:
        notes.append(f"run.json {k[0]}: an indicator the truth does not know (not checked)")
        continue
    want = truth_groups.get(k, {})
    for sc in sorted(set(got) | set(want)):
        compared += 1
        if not same(got.get(sc), want.get(sc)):
            where = f"{k[0]} {k[1]} {sc[0]}" + (f" {k[2]}={sc[1]!r}" if k[2] else "")
            problems.append(f"run.json {where}: run {got.get(sc, 'absent (0)')} != truth {want.get(sc, 'absent (0)')}")
missing = sorted(k for k in truth_groups if k not in run_groups)
if missing:
    by_indicator = defaultdict(int)
    for k in missing:
        by_indicator[k[0]] += 1
    summary = ", ".join(f"{i} ({n})" for i, n in sorted(by_indicator.items()))
    message = f"{len(missing)} truth figure groups (indicator, period, breakdown) are not in run.json: {summary}"
    (problems if strict else notes).append(message)

# The objective-conflict warnings.
diagnostics = out / "diagnostics.csv"
if diagnostics.exists():
    # Polish Excel's dialect and headers by default, RFC 4180 and English ones with --csv rfc4180 --lang en.
    text = diagnostics.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(text.splitlines(), delimiter=";" if ";" in text.split("\n", 1)[0] else ","))
    name = {"Plik": "file", "Wiersz": "row", "Kod": "code"}
    rows = [{name.get(k, k): v for k, v in r.items()} for r in rows]
    got = {(r["file"], int(r["row"])) for r in rows if r["code"] == "objective-conflict" and r["row"]}
    want = {(w["path"], w["row"]) for w in truth.get("warnings", []) if w["code"] == "objective-conflict"}
    for path, row in sorted(want - got):
        problems.append(f"{path}:{row}: the truth's objective-conflict warning is missing from diagnostics.csv")
    for path, row in sorted(got - want):
        problems.append(f"{path}:{row}: objective-conflict warning the truth does not expect")
else:
    problems.append("diagnostics.csv is missing")

# The generic quarterly report's first sheet: quarters and the cumulative column, found by their headers.
totals = {(f["indicator"], f["period"], f["scope"]): f["value"] for f in truth["figures"] if f["breakdown"] == ""}
wb = openpyxl.load_workbook(out / "reports" / "generic-quarterly.xlsx")
ws = wb.worksheets[0]
header_row = next((r for r in range(1, 30) if ws.cell(r, 1).value == "Kod"), None)
checked = 0
if header_row is None:
    problems.append("generic-quarterly.xlsx: no header row starting with 'Kod' on the first sheet")
else:
    columns = {}
    quarter_ids = []
    # Indicators are found by their Polish name: a generic indicator has no code in a funder's form (Kod is empty).
    by_name = {}
    for yml in sorted((Path(__file__).resolve().parent.parent / "sql" / "indicators").glob("*.yml")):
        text = yml.read_text(encoding="utf-8")
        code = re.search(r"^code: *(\S+)", text, re.M)
        name = re.search(r"^name:\n +pl: *\"?(.*?)\"?$", text, re.M)
        if code and name:
            by_name[name.group(1)] = code.group(1)
    for c in range(1, ws.max_column + 1):
        # Headings name the period, then what it counts: "I kw. 2023\nw kwartale", "Narastająco\nod początku…".
        label = str(ws.cell(header_row, c).value or "").split("\n")[0]
        m = re.fullmatch(r"(I|II|III|IV) kw\. (\d{4})", label)
        if m:
            quarter_ids.append(f"{m.group(2)}Q{['I', 'II', 'III', 'IV'].index(m.group(1)) + 1}")
            columns[c] = (quarter_ids[-1], "in_period")
        elif label == "Narastająco":
            columns[c] = (None, "cumulative")
    for c, (period, scope) in columns.items():
        if period is None:
            columns[c] = (quarter_ids[-1] if quarter_ids else None, scope)
    for r in range(header_row + 1, ws.max_row + 1):
        name = ws.cell(r, 2).value
        if name is None:
            break  # the notes under the table follow an empty row
        if " — " in str(name):
            continue  # a target on one breakdown category; checked in the run's figures
        code = ws.cell(r, 1).value or by_name.get(str(name))
        for c, (period, scope) in columns.items():
            want = totals.get((code, period, scope))
            if want is None:
                notes.append(f"XLSX {code or name}: not in the truth (not checked)")
                break
            got = ws.cell(r, c).value
            checked += 1
            if not isinstance(got, (int, float)) or not same(got, want):
                problems.append(f"XLSX {code} {period} {scope}: {got} != {want}")

# Every workbook opens and every cell reads.
opened = 0
for path in sorted((out / "reports").glob("*.xlsx")):
    try:
        book = openpyxl.load_workbook(path)
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    _ = cell.value
        opened += 1
    except Exception as e:  # noqa: BLE001 - any failure to open is the finding
        problems.append(f"{path.name}: openpyxl cannot read it ({type(e).__name__}: {e})")

for n in sorted(set(notes)):
    print("note:", n)
for p in problems:
    print("MISMATCH", p)
if problems:
    sys.exit(1)
print(f"demo check: {compared} figures, {checked} XLSX figures, {len(run['inputs'])} files and "
      f"{len(truth.get('warnings', []))} warnings match the generator's truth; openpyxl read {opened} workbooks")
print(finance_summary)
