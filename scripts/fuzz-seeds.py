#!/usr/bin/env python3
"""Writes the fuzzers' seed corpora from the test fixtures and the demo project (never committed: run again).

    scripts/fuzz-seeds.py OUT_DIR     writes OUT_DIR/csv, OUT_DIR/csv.dict, OUT_DIR/xlsx, OUT_DIR/project and OUT_DIR/project.dict

Inputs follow the harnesses' formats (Fuzz/Sources/*/main.swift): a control byte, then the file (CSV, whole XLSX)
or the workbook's parts separated by NUL bytes (sheet, shared strings, styles, workbook).
"""
import hashlib
import pathlib
import re
import sys
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "Tests" / "Fixtures", ROOT / "pipelines"]
CSV_MAX = 4096        # the CSV harness runs with -max_len=4096; longer seeds would be cut anyway
XLSX_PART_MAX = 60000


def files(*suffixes):
    for base in SOURCES:
        for path in sorted(base.rglob("*")):
            if path.is_file() and path.suffix.lower() in suffixes:
                yield path


def write(folder, data):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def main(out):
    out = pathlib.Path(out)
    for path in files(".csv", ".tsv", ".txt"):
        data = path.read_bytes()
        # Detected options and chunk size 1; UTF-8 with ';' and chunk size 3; Windows-1250 detected delimiter.
        for control in (0x00, 0x29, 0x44):
            write(out / "csv", bytes([control]) + data[:CSV_MAX - 1])
    # Stray quotes: the record a quote makes span lines is passed on damaged and its next lines read again.
    for seed in (b'a;b;c\n1;"x;y\n2;p;q\n3;r;s\n', b'a;b\r\n1;"x\r\ny\r\nz', b'a;b;c\r1;"x;y\r2;p";q\r4;"m\rn";o'):
        write(out / "csv", b"\x00" + seed)
    # Formula-like fields (issue 17 item 1): the harness writes every row it reads back through CSVTableWriter and
    # checks that no field comes out starting with =, +, -, @, a tab or CR unless it is a number.
    for seed in (
        b'Nazwisko;Temat\n=HYPERLINK("http://x";"click");+48 600 100 200\n@SUM(1);-1+1\n-12;+3,5\n',
        b'a,b\r\n"=cmd|\' /C calc\'!A0","\t=1"\r\n"\r=2",-\r\n',
    ):
        write(out / "csv", b"\x00" + seed)
    with open(out / "csv.dict", "w") as f:
        for token in (b"=", b"+", b"-", b"@", b"\t", b"\r", b"=HYPERLINK(", b"=cmd|", b"-0,5", b"+48 ", b'"'):
            f.write('"' + "".join(chr(b) if 32 <= b < 127 and b not in b'\\"' else "\\x%02X" % b for b in token) + '"\n')
    for path in files(".xlsx"):
        data = path.read_bytes()
        write(out / "xlsx", b"\x00" + data)
        try:
            archive = zipfile.ZipFile(path)
        except zipfile.BadZipFile:
            continue
        names = archive.namelist()

        def part(name):
            if name in names:
                info = archive.getinfo(name)
                if info.file_size <= XLSX_PART_MAX:
                    return archive.read(name)
            return b""

        for sheet in sorted(n for n in names if re.match(r"xl/worksheets/sheet\d+\.xml$", n))[:2]:
            body = part(sheet)
            if not body:
                continue
            parts = [body, part("xl/sharedStrings.xml"), part("xl/styles.xml")]
            write(out / "xlsx", b"\x01" + b"\x00".join(parts))
    keys = set()
    for path in files(".yml"):
        data = path.read_bytes()
        write(out / "project", data)
        keys.update(re.findall(rb"^\s*-?\s*([a-z_]+):", data, re.M))
    # libFuzzer's dictionary format: one quoted token a line, other than printable ASCII written as \\xHH.
    def quoted(token):
        return '"' + "".join(chr(b) if 32 <= b < 127 and b not in b'\\"' else "\\x%02X" % b for b in token) + '"\n'
    with open(out / "project.dict", "w") as f:
        for key in sorted(keys):
            f.write(quoted(key + b":"))
        for token in (b"- ", b"{ ", b" }", b"[", b"]", b"&a ", b"*a", b"<<: ", b"!!str ", b"'", b'"', b"\n  ", b"|\n", b"%"):
            f.write(quoted(token))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
