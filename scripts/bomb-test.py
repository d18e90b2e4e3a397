#!/usr/bin/env python3
"""Resource bombs at full size: each is refused with its diagnostic code, and `integra` stays under 512 MB.

    scripts/bomb-test.py [--integra PATH] [--limit-mb 512]

Builds, in a scratch folder: a zip bomb (a sheet of 256 MiB of zeros deflated to 256 KB), a lying zip header, XML
entity expansion ("billion laughs"), XML nested a million deep, a 100 MB cell (stored, so no zip check catches it),
a sheet of 10^6 columns, a sheet of cells spread over 16 384 columns × 1 000 rows, a CSV of 10^6 columns, a CSV
whose first line is 1 GiB, a 100 MB quoted CSV cell, 200 million empty lines, and a 300 MB CSV file. Runs `integra inspect` on each file and
`integra run` on a project that names them all; measures each process's peak resident memory (getrusage of the
child) and checks the code in the output. The unit tests (Tests/IntegraIngestTests/InputLimitsTests.swift) check
the same refusals in-process, on sparse files. Needs GNU time (/usr/bin/time; scripts/install-deps.sh --check-tools).
"""
import argparse
import os
import pathlib
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def workbook(path, sheet, shared=None, compression=zipfile.ZIP_STORED, workbook_xml=None):
    """A minimal .xlsx around the given sheet (and shared strings) parts, bytes or a callable writing them."""
    rels = (f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            + (f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>' if shared else "")
            + "</Relationships>")
    with zipfile.ZipFile(path, "w", compression=compression) as z:
        z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("_rels/.rels", f'<Relationships><Relationship Id="rId1" Type="{REL}/officeDocument" '
                   'Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", workbook_xml or f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
                   '<sheet name="Lista" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        for name, part in (("xl/worksheets/sheet1.xml", sheet), ("xl/sharedStrings.xml", shared)):
            if part is None:
                continue
            if callable(part):
                with z.open(name, "w") as f:
                    part(f)
            else:
                z.writestr(name, part)


def sheet(rows):
    return f'<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>'.encode()


def build(folder):
    """Each bomb: file name → the diagnostic code that must refuse it."""
    bombs = {}

    def zeros(f):
        block = b"\0" * (16 << 20)
        for _ in range(16):
            f.write(block)
    workbook(folder / "zip-bomb.xlsx", zeros, compression=zipfile.ZIP_DEFLATED)
    bombs["zip-bomb.xlsx"] = "zip-bomb"

    # A small part whose header says 100 bytes; it unpacks to 50 MB.
    workbook(folder / "lying-header.xlsx", sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>" + " " * (50 << 20)),
             compression=zipfile.ZIP_DEFLATED)
    data = bytearray((folder / "lying-header.xlsx").read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    for signature, size_offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        while at >= 0:
            name_length = struct.unpack_from("<H", data, at + (26 if signature == b"PK\x03\x04" else 28))[0]
            start = at + (30 if signature == b"PK\x03\x04" else 46)
            if bytes(data[start:start + name_length]) == name:
                struct.pack_into("<I", data, at + size_offset, 100)
            at = data.find(signature, at + 4)
    (folder / "lying-header.xlsx").write_bytes(bytes(data))
    bombs["lying-header.xlsx"] = "zip-bomb"

    lol = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    workbook(folder / "billion-laughs.xlsx", sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
             shared=f'<?xml version="1.0"?><!DOCTYPE sst [{lol}]><sst xmlns="{MAIN}"><si><t>&lol9;</t></si></sst>')
    bombs["billion-laughs.xlsx"] = "xml-doctype-refused"

    deep = "<x>" * 1_000_000 + "</x>" * 1_000_000
    workbook(folder / "deep-nesting.xlsx", sheet(f'<row r="1"><c r="A1"><v>{deep}</v></c></row>'))
    bombs["deep-nesting.xlsx"] = "unreadable-file"

    def big_cell(f):
        f.write(f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'.encode())
        block = b"a" * (1 << 20)
        for _ in range(100):
            f.write(block)
        f.write(b"</t></is></c></row></sheetData></worksheet>")
    workbook(folder / "cell-100mb.xlsx", big_cell)
    bombs["cell-100mb.xlsx"] = "cell-too-large"

    workbook(folder / "columns-1e6.xlsx", sheet('<row r="1">' + "<c><v>1</v></c>" * 1_000_000 + "</row>"))
    bombs["columns-1e6.xlsx"] = "too-many-columns"

    workbook(folder / "sparse-cells.xlsx",
             sheet("".join(f'<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>' for r in range(1, 1001))))
    bombs["sparse-cells.xlsx"] = "unreadable-file"

    (folder / "columns-1e6.csv").write_bytes(b"Nazwisko;Imie\n" + b";" * 1_000_000 + b"\n")
    bombs["columns-1e6.csv"] = "too-many-columns"

    with open(folder / "line-1gb.csv", "wb") as f:
        f.write("Nazwisko;Imię\n".encode())
        block = (b"x" * 4095 + b";") * (4 << 10)
        for _ in range(64):
            f.write(block)
        f.write(b"\n")
    bombs["line-1gb.csv"] = "line-too-long"

    with open(folder / "cell-100mb.csv", "wb") as f:
        f.write("Nazwisko;Imię\nKowalska;\"".encode())
        block = b"y" * (1 << 20)
        for _ in range(100):
            f.write(block)
        f.write(b"\"\n")
    bombs["cell-100mb.csv"] = "cell-too-large"

    with open(folder / "blank-lines.csv", "wb") as f:
        f.write("Nazwisko;Imię\n".encode())
        block = b"\n" * (16 << 20)
        for _ in range(12):
            f.write(block)
    bombs["blank-lines.csv"] = "too-many-rows"

    with open(folder / "file-300mb.csv", "wb") as f:
        row = "Kowalska;Anna\n".encode()
        f.write("Nazwisko;Imię\n".encode())
        block = row * ((16 << 20) // len(row))
        for _ in range(19):
            f.write(block)
    bombs["file-300mb.csv"] = "too-many-rows"  # 22 million rows; a run refuses it for its size: file-too-large
    return bombs


def measured(command, cwd, env=None):
    """Runs `command`; returns its exit code, output and peak resident memory in MB.

    GNU time measures the process from its own small fork; a child forked straight from this script would start
    with the script's memory (the bombs it built) counted in its peak.
    """
    with tempfile.NamedTemporaryFile("r") as peak_file:
        result = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", peak_file.name] + command, cwd=cwd, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        peak_kb = int(peak_file.read().strip().splitlines()[-1])
    return result.returncode, result.stdout.decode("utf-8", "replace"), peak_kb / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--integra", default=str(ROOT / ".build" / "debug" / "integra"))
    parser.add_argument("--limit-mb", type=float, default=512)
    args = parser.parse_args()
    integra = os.path.abspath(args.integra)
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="integra-bombs-"))
    failures = []
    try:
        files = scratch / "files"
        files.mkdir()
        bombs = build(files)
        env = dict(os.environ, INTEGRA_HOME=str(ROOT))
        for name, code in bombs.items():
            status, output, peak = measured([integra, "inspect", str(files / name)], scratch, env)
            ok = peak <= args.limit_mb and f"[{code}]" in output
            print(f"{'ok  ' if ok else 'FAIL'} inspect {name:22} exit {status}  peak {peak:6.0f} MB  refused: {code}")
            if not ok:
                failures.append(f"inspect {name}: exit {status}, {peak:.0f} MB, output: {output[-400:]}")
        project = scratch / "bombs.yml"
        project.write_text(f"""version: 1
project: {{ id: bombs, name: Bombs, funder: Test, period: {{ start: 2023-01-01, end: 2023-12-31 }} }}
partners: [{{ id: a, name: A, role: leader }}]
activities: {{ course: {{ pl: Kurs, en: Course }} }}
sources:
  - {{ id: csv, partner: a, kind: roll, activity: course, files: "files/*.csv",
      columns: {{ last_name: Nazwisko, first_name: Imię, group: Grupa, start_date: Data }} }}
  - {{ id: xlsx, partner: a, kind: roll, activity: course, files: "files/*.xlsx",
      columns: {{ last_name: Nazwisko, first_name: Imię, group: Grupa, start_date: Data }} }}
reports: []
""", encoding="utf-8")
        status, output, peak = measured([integra, "run", str(project), "--out", str(scratch / "out")], scratch, env)
        # A run refuses a file over 256 MiB before reading it; the others as inspect does.
        expected = {"file-too-large" if (files / name).stat().st_size > 256 << 20 else code
                    for name, code in bombs.items()}
        diagnostics = (scratch / "out" / "diagnostics.csv").read_text(encoding="utf-8")
        missing = sorted(code for code in expected if code not in diagnostics)
        ok = status == 1 and peak <= args.limit_mb and not missing
        print(f"{'ok  ' if ok else 'FAIL'} run of all {len(bombs)} files      exit {status}  peak {peak:6.0f} MB  "
              f"{'every file refused with its code' if not missing else 'codes missing: ' + ', '.join(missing)}")
        if not ok:
            failures.append(f"run: exit {status}, {peak:.0f} MB, output: {output[-2000:]}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if failures:
        print("\n".join(failures), file=sys.stderr)
        sys.exit(1)
    print(f"every bomb refused under {args.limit_mb:.0f} MB")


if __name__ == "__main__":
    main()
