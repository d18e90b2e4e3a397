#!/usr/bin/env python3
"""Checks a demo run against the generator's truth, reading the XLSX with openpyxl as a user's tool would.

Usage: check-demo.py OUT_DIR TRUTH_JSON
Exits 1 on the first kind of mismatch, printing every mismatch found.
"""
import json
import sys
from pathlib import Path

import openpyxl

out, truth_path = Path(sys.argv[1]), Path(sys.argv[2])
truth = json.loads(truth_path.read_text(encoding="utf-8"))
run = json.loads((out / "run.json").read_text(encoding="utf-8"))
problems = []

totals = {(f["indicator"], f["period"], f["scope"]): f["value"]
          for f in truth["figures"] if f["breakdown"] == ""}
if run["persons"] != truth["persons"]:
    problems.append(f"persons: run {run['persons']} != truth {truth['persons']}")
for f in run["figures"]:
    want = totals.get((f["indicator"], f["period"], f["scope"]))
    if want is not None and want != f["value"]:
        problems.append(f"run.json {f['indicator']} {f['period']} {f['scope']}: {f['value']} != {want}")

files = {f["path"]: f for f in truth["files"]}
for f in run["inputs"]:
    t = files.get("demo/" + f["path"].split("demo/", 1)[-1]) or files.get(f["path"])
    if t and (t["read"], t["loaded"], t["rejected"]) != (f["rows_read"], f["rows_loaded"], f["rows_rejected"]):
        problems.append(f"{f['path']}: read/loaded/rejected {f['rows_read']}/{f['rows_loaded']}/{f['rows_rejected']}"
                        f" != truth {t['read']}/{t['loaded']}/{t['rejected']}")

wb = openpyxl.load_workbook(out / "reports" / "generic-quarterly.xlsx")
ws = wb.worksheets[0]
header_row = next(r for r in range(1, 20) if ws.cell(r, 1).value == "Kod")
headers = [ws.cell(header_row, c).value for c in range(1, ws.max_column + 1)]
quarters = ["2023Q1", "2023Q2", "2023Q3", "2023Q4"]
checked = 0
for r in range(header_row + 1, ws.max_row + 1):
    code = ws.cell(r, 1).value
    name = ws.cell(r, 2).value or ""
    if code is None:
        break  # the notes under the table follow an empty row
    if " — " in name:
        continue  # a target on one breakdown category; checked in run.json's figures
    for i, q in enumerate(quarters):
        got = ws.cell(r, 4 + i).value
        want = totals[(code, q, "in_period")]
        checked += 1
        if got != want:
            problems.append(f"XLSX {code} {q}: {got} != {want}")
    got = ws.cell(r, 8).value
    want = totals[(code, "2023Q4", "cumulative")]
    checked += 1
    if got != want:
        problems.append(f"XLSX {code} cumulative: {got} != {want}")

for p in problems:
    print("MISMATCH", p)
if problems:
    sys.exit(1)
print(f"demo check: openpyxl read {len(wb.sheetnames)} sheets; {checked} XLSX figures, "
      f"{len(run['figures'])} manifest figures and {len(run['inputs'])} files match the generator's truth")
