#!/usr/bin/env python3
"""Opens every workbook under a folder as users' tools do: openpyxl, then LibreOffice Calc headless.

Usage: check-xlsx.py DIR

For each *.xlsx under DIR (sorted, recursively) it
  1. loads the file with openpyxl and reads every cell of every sheet (values, formats, fonts, borders), and
  2. converts it with `soffice --headless` to CSV, every sheet to its own file (LibreOffice >= 7.2),
and prints one line per file: `ok    path  (N sheets, M cells read alike …)` or `FAIL  path: why`.
A file fails when openpyxl raises or warns; when LibreOffice exits non-zero, prints an error or repair message,
or writes no CSV; or when LibreOffice shows any cell differently from what openpyxl read. The last check is the
one that catches damage: headless LibreOffice repairs a broken part without a word (a truncated sheet, a bad
style or shared-string index) and converts what is left.
Exits 1 when any file failed, 2 when a tool is missing (install them with scripts/install-deps.sh --check-tools).
"""
import csv
import re
import shutil
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

# Field separator 44 (,), text delimiter 34 ("), character set 76 (UTF-8), start line 1, no column formats,
# language default, quoted as text false, detect special numbers true, save cell contents as shown false, export
# formulas false, remove spaces false, sheet -1 = every sheet to its own file (LibreOffice 7.2 and later).
CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'
# LibreOffice prints these when it had to repair a file or could not read part of it ("Error: source file could
# not be loaded", with exit code 0); a clean conversion prints only "convert … using filter : …" and one
# "Writing sheet … -> …" per sheet.
SUSPICIOUS = re.compile(r"error|repair|corrupt|damaged|could not|cannot|failed|exception|warning", re.IGNORECASE)
PROGRESS = re.compile(r"^(convert |Writing sheet )")
# Printed by every LibreOffice start on a machine without Java, whatever the file; Calc does not need Java.
BENIGN = re.compile(r"^Warning: failed to launch javaldx - java may not function correctly$")
MIN_LIBREOFFICE = (7, 2)


def soffice_binary():
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    return None


def libreoffice_version(binary):
    out = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=120).stdout
    m = re.search(r"(\d+)\.(\d+)", out)
    return (int(m.group(1)), int(m.group(2))) if m else None


def check_openpyxl(path):
    """{sheet name: {(row, column): value}} of every non-empty cell, as a script reading the file would see it.

    Raises on any problem, warnings included (openpyxl warns about parts it drops). `data_only` reads the value
    stored with each formula, which is all openpyxl (and a user's pandas) can show: a formula written without
    its computed result reads as empty here and shows a figure in LibreOffice, and the comparison catches it.
    """
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        wb = openpyxl.load_workbook(path, data_only=True)
        sheets = {}
        for ws in wb.worksheets:
            cells = {}
            for row in ws.iter_rows():
                for cell in row:
                    _ = cell.number_format, cell.font, cell.border
                    if cell.value is not None and cell.value != "":
                        cells[(cell.row, cell.column)] = cell.value
            sheets[ws.title] = cells
        wb.close()
    return sheets


def same_value(expected, shown):
    """True when LibreOffice's CSV text `shown` is the value openpyxl read."""
    if isinstance(expected, bool):
        return shown.upper() == str(expected).upper()
    if isinstance(expected, (int, float)):
        # Raw values, except that percent-formatted cells keep their % (0.675 → "67.5%"); 15 significant digits.
        try:
            number = float(shown[:-1]) / 100 if shown.endswith("%") else float(shown)
        except ValueError:
            return False
        return abs(number - float(expected)) <= 1e-12 * max(1.0, abs(float(expected)))
    if isinstance(expected, str):
        return shown == expected
    return shown != ""  # dates and times: LibreOffice writes them in its locale's form


def compare(name, expected, csv_path):
    """Problems where LibreOffice's reading of a sheet differs from openpyxl's (at most 3 listed)."""
    with open(csv_path, encoding="utf-8", newline="") as f:
        shown = {(r, c): text for r, row in enumerate(csv.reader(f), 1) for c, text in enumerate(row, 1) if text}
    problems = []
    for key in sorted(set(expected) | set(shown)):
        want, got = expected.get(key), shown.get(key, "")
        if want is None or not same_value(want, got):
            ref = f"{name}!{column_letters(key[1])}{key[0]}"
            problems.append(f"{ref}: openpyxl reads {want!r}, LibreOffice shows {got!r}")
    return problems[:3] + ([f"… {len(problems) - 3} more"] if len(problems) > 3 else [])


def column_letters(n):
    letters = ""
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return letters


def check_libreoffice(binary, path, sheets, profile):
    """Number of CSV files LibreOffice wrote; raises with LibreOffice's own words when it did not convert cleanly,
    or naming the cells where it shows something else than openpyxl read (`sheets`; None when openpyxl failed)."""
    with tempfile.TemporaryDirectory(prefix="check-xlsx-") as outdir:
        # A private profile: no first-start dialogs, no lock on the user's profile, runs side by side.
        cmd = [binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", CSV_FILTER, "--outdir", outdir, str(path)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        output = (proc.stdout + proc.stderr).strip()
        lines = [line for line in output.splitlines() if line.strip()]
        noise = [line for line in lines if not PROGRESS.match(line) and not BENIGN.match(line)]
        if proc.returncode != 0:
            raise RuntimeError(f"LibreOffice exited with {proc.returncode}: {' | '.join(lines) or 'no output'}")
        bad = [line for line in noise if SUSPICIOUS.search(line)]
        if bad:
            raise RuntimeError("LibreOffice: " + " | ".join(bad))
        written = {p.name: p for p in Path(outdir).iterdir() if p.suffix == ".csv"}
        if not written:
            raise RuntimeError("LibreOffice wrote no CSV: " + (" | ".join(lines) or "no output"))
        if sheets is None:
            return len(written)
        # LibreOffice repairs what it can without a word in headless mode, so a silent repair shows only as cells
        # that differ from what openpyxl read: compare every sheet's cells.
        problems = []
        for name, cells in sheets.items():
            csv_path = written.get(f"{Path(path).stem}-{name}.csv")
            if csv_path is None:
                problems.append(f"sheet {name!r}: LibreOffice wrote no CSV for it")
            else:
                problems += compare(name, cells, csv_path)
        if problems:
            raise RuntimeError("LibreOffice and openpyxl disagree: " + "; ".join(problems[:6]))
        return len(written)


def main():
    # A workbook openpyxl refuses leaves its file open until collection; that is reported once, as the failure.
    warnings.filterwarnings("ignore", category=ResourceWarning)
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 64
    root = Path(sys.argv[1])
    if not root.is_dir():
        print(f"error: {root} is not a folder", file=sys.stderr)
        return 64
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        print("error: openpyxl is missing; run scripts/install-deps.sh --check-tools", file=sys.stderr)
        return 2
    binary = soffice_binary()
    if binary is None:
        print("error: LibreOffice (soffice) is missing; run scripts/install-deps.sh --check-tools", file=sys.stderr)
        return 2
    version = libreoffice_version(binary)
    if version is None or version < MIN_LIBREOFFICE:
        print(f"error: LibreOffice {version} cannot export every sheet to CSV; 7.2 or later is needed",
              file=sys.stderr)
        return 2

    files = sorted(p for p in root.rglob("*.xlsx") if not p.name.startswith((".", "~$")))
    if not files:
        print(f"error: no .xlsx files under {root}", file=sys.stderr)
        return 1
    failed = 0
    with tempfile.TemporaryDirectory(prefix="check-xlsx-profile-") as profile:
        for path in files:
            # Both tools see every file, so one line tells whether a problem is openpyxl's, LibreOffice's or both.
            problems = []
            sheets = None
            try:
                sheets = check_openpyxl(path)
            except Exception as error:  # an exception or a warning: content a user's script would not get
                problems.append(f"openpyxl: {type(error).__name__}: {error}")
            try:
                converted = check_libreoffice(binary, path, sheets, Path(profile))
            except (RuntimeError, subprocess.TimeoutExpired) as error:
                problems.append(str(error))
            if problems:
                print(f"FAIL  {path}: " + "; ".join(problems))
                failed += 1
            else:
                cells = sum(len(c) for c in sheets.values())
                print(f"ok    {path}  ({len(sheets)} sheets, {cells} cells read alike by openpyxl and LibreOffice)")
    print(f"{len(files) - failed} of {len(files)} workbooks open cleanly in openpyxl and LibreOffice "
          f"{version[0]}.{version[1]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
