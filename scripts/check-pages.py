#!/usr/bin/env python3
"""Prints every workbook under a folder as a user would, through LibreOffice to PDF, and checks the pages.

Usage: check-pages.py DIR [--png OUT]

For each *.xlsx under DIR (sorted, recursively) it converts the workbook with `soffice --headless` to PDF, reads
every page's words and their boxes with `pdftotext -bbox`, and finds each page's sheet by the footer Integra prints
on every page (the sheet's name, bottom left). A file fails when

  - a sheet is not set to print one page wide (A4, fit to 1 page wide), or its columns are so wide that fitting
    them shrinks 11 pt text below 8 pt: scale = printable width / the columns' width (Excel's 7 px per character
    of width plus 5 px), from the sheet's own orientation and margins;
  - a page's text is smaller than 8 pt (measured: a word's box is 1.3 times its font size);
  - a page has no sheet name in its footer, or a sheet prints no page;
  - a column is cut off: the texts of one row (header row included) do not all appear on one page of the sheet,
    or a page of a sheet with repeated header rows lacks one of the header's texts;
  - a cell shows '###' (a number too wide for its column);
  - two words overlap on a page (a wrapped text taller than its row runs over the next one).

Prints `ok    path  (N sheets, M pages, smallest text X pt)` or `FAIL  path: why` for each file.
With --png OUT, writes every page as OUT/<workbook>-<page>.png (60 dpi) to look at.
Exits 1 when any file failed, 2 when a tool is missing (scripts/install-deps.sh --check-tools).
"""
import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import warnings
from html import unescape
from pathlib import Path

MIN_POINTS = 8.0
BASE_POINTS = 11.0  # Calibri 11, the workbooks' body text
BOX_PER_POINT = 1.3  # pdftotext's word box height per point of font size (Carlito/Calibri)
A4_INCHES = (8.27, 11.69)
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


def tool(names):
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    return None


def pages_of(pdf):
    """[(width, height, [(x0, y0, x1, y1, text)])] per page."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for chunk in xml.split("<page ")[1:]:
        m = PAGE.match("<page " + chunk)
        words = [(float(a), float(b), float(c), float(d), unescape(t)) for a, b, c, d, t in WORD.findall(chunk)]
        pages.append((float(m.group(1)), float(m.group(2)), words))
    return pages


def tokens(text):
    """The words of a cell's text as pdftotext splits them (on white space)."""
    return [w for w in str(text).split() if w]


def key_word(text):
    """The longest word of a cell: the one least likely to appear on a page by chance. A path or document number
    (`demo/przystan/zestawienie-wydatkow-2023Q1.csv`, `LP/CENTRUM/2023/01/2`) wraps after a `/` or `-` in a narrow
    column, so only its longest piece between those is looked for."""
    words = [piece for w in tokens(text) for piece in re.split(r"[/-]", w) if piece]
    return max(words, key=len) if words else None


def overlapping(words):
    """The first two words that overlap by more than half a line, or None (boxes of neighbouring lines touch)."""
    ordered = sorted(words, key=lambda w: w[1])
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if b[1] >= a[3]:
                break
            dx = min(a[2], b[2]) - max(a[0], b[0])
            dy = min(a[3], b[3]) - max(a[1], b[1])
            if dx > 1 and dy > 0.5 * min(a[3] - a[1], b[3] - b[1]):
                return a[4], b[4]
    return None


def column_pixels(ws, last_col):
    from openpyxl.utils import get_column_letter
    total = 0
    for c in range(1, last_col + 1):
        dim = ws.column_dimensions.get(get_column_letter(c))
        width = dim.width if dim is not None and dim.width else 8.43
        total += int(width * 7 + 5)
    return total


def check_setup(ws):
    """Problems with a sheet's print setup, and the scale fitting it to one page wide gives."""
    problems = []
    setup = ws.page_setup
    fit = ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage
    if not fit or (setup.fitToWidth not in (None, 1, "1")):
        problems.append("not fitted to 1 page wide")
    if str(setup.paperSize) != "9":
        problems.append(f"paper {setup.paperSize}, not A4")
    landscape = setup.orientation == "landscape"
    paper = A4_INCHES[1] if landscape else A4_INCHES[0]
    margins = ws.page_margins
    printable = (paper - (margins.left or 0.7) - (margins.right or 0.7)) * 96
    used = column_pixels(ws, max(ws.max_column, 1))
    scale = min(1.0, printable / used) if used else 1.0
    if BASE_POINTS * scale < MIN_POINTS:
        problems.append(
            f"its columns ({used} px) shrink to {scale:.0%} on {'landscape' if landscape else 'portrait'} A4: "
            f"{BASE_POINTS * scale:.1f} pt text")
    return problems, scale


def check_workbook(path, soffice, png_dir):
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path)
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        run = subprocess.run(
            [soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to", "pdf",
             "--outdir", tmp, str(path)], capture_output=True, text=True, timeout=300)
        pdf = Path(tmp) / (path.stem + ".pdf")
        if run.returncode != 0 or not pdf.exists():
            return [f"LibreOffice wrote no PDF ({run.stderr.strip()[:200]})"], 0, 0
        pages = pages_of(pdf)
        if png_dir:
            png_dir.mkdir(parents=True, exist_ok=True)
            subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(png_dir / path.stem)], check=True)
    names = [ws.title for ws in wb.worksheets]
    by_sheet = {name: [] for name in names}
    smallest = None
    for number, (width, height, words) in enumerate(pages, 1):
        footer = [w for w in words if w[1] > height - 60 and w[2] < width / 2]
        name = " ".join(w[4] for w in sorted(footer, key=lambda w: w[0]))
        # The longest sheet name the footer starts with: "Uczestnicy" and "Uczestnicy — płeć" both exist.
        matches = [n for n in names if name == n or name.startswith(n + " ")]
        if not matches:
            problems.append(f"page {number} has no sheet name in its footer ({name[:40]!r})")
            continue
        sheet = max(matches, key=len)
        body = [w for w in words if w[1] <= height - 60]
        # Each word, and its pieces between `/` and `-` (where a long path or number wraps: see key_word).
        by_sheet[sheet].append({piece for w in body for piece in [w[4], *re.split(r"[/-]", w[4])] if piece})
        for w in body:
            size = (w[3] - w[1]) / BOX_PER_POINT
            smallest = size if smallest is None else min(smallest, size)
            if "###" in w[4]:
                problems.append(f"'{sheet}' page {number}: a cell shows '###'")
        overlap = overlapping(body)
        if overlap:
            problems.append(f"'{sheet}' page {number}: text runs over other text ({overlap[0]!r} / {overlap[1]!r})")
        if body and min((w[3] - w[1]) / BOX_PER_POINT for w in body) < MIN_POINTS - 0.2:
            problems.append(f"'{sheet}' page {number}: text smaller than {MIN_POINTS:g} pt")
    for ws in wb.worksheets:
        setup_problems, _ = check_setup(ws)
        problems += [f"'{ws.title}': {p}" for p in setup_problems]
        sheet_pages = by_sheet[ws.title]
        if not sheet_pages:
            problems.append(f"'{ws.title}' prints no page")
            continue
        # The texts of one row on one page: a column cut off onto another page separates them.
        for row in ws.iter_rows():
            words = [key_word(c.value) for c in row if isinstance(c.value, str) and c.value.strip() and not c.value.startswith("=")]
            words = [w for w in words if w]
            if len(words) >= 2 and not any(all(w in page for w in words) for page in sheet_pages):
                problems.append(f"'{ws.title}' row {row[0].row}: its cells are not on one page (a column is cut off)")
                break
        # Repeated header rows are on every page, whole.
        titles = ws.print_title_rows
        if titles:
            first = int(titles.split(":")[0].lstrip("$"))
            header = [key_word(c.value) for c in ws[first] if isinstance(c.value, str) and c.value.strip()]
            for i, page in enumerate(sheet_pages, 1):
                missing = [w for w in header if w and w not in page]
                if missing:
                    problems.append(f"'{ws.title}' page {i} of the sheet lacks header text {missing[:3]}")
                    break
    return problems, len(pages), smallest or 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--png", type=Path, help="write every page as PNG into this folder")
    args = parser.parse_args()
    soffice = tool(["soffice", "libreoffice"])
    if not soffice or not tool(["pdftotext"]) or (args.png and not tool(["pdftoppm"])):
        print("check-pages: needs soffice and pdftotext (poppler-utils); run scripts/install-deps.sh --check-tools")
        return 2
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        print("check-pages: needs python3-openpyxl")
        return 2
    files = sorted(args.folder.rglob("*.xlsx"))
    if not files:
        print(f"check-pages: no .xlsx under {args.folder}")
        return 1
    failed = 0
    for path in files:
        problems, pages, smallest = check_workbook(path, soffice, args.png)
        if problems:
            failed += 1
            print(f"FAIL  {path}: " + "; ".join(problems[:8]) + (f" (+{len(problems) - 8} more)" if len(problems) > 8 else ""))
        else:
            print(f"ok    {path}  ({pages} pages, smallest text {smallest:.1f} pt)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
