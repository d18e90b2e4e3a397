#!/usr/bin/env python3
"""Compares an incremental run's output folder with a fresh run's, file by file, byte for byte.

    compare_outputs.py INCREMENTAL FRESH

Set aside, as IncrementalEquivalenceTests does: the warehouse and its lock (the incremental warehouse keeps every
version of every file), run.json (it records the warehouse's hash), and the outputs that name persons by id (the
review sheet and the participant lists: a person keeps the id an earlier run gave it, a fresh run numbers persons in
file order; `integra verify` compares those with ids seeded). Prints each differing or missing file; exit 1 if any.
"""
import hashlib
import os
import sys


def names_persons(path):
    return path == "run.json" or path.startswith("reports/linkage-review") or "uczestnik" in path \
        or "participant" in path


def outputs(folder):
    result = {}
    for root, _, files in os.walk(folder):
        for name in files:
            full = os.path.join(root, name)
            rel = os.path.relpath(full, folder)
            if rel.startswith("warehouse.sqlite") or names_persons(rel):
                continue
            with open(full, "rb") as f:
                result[rel] = hashlib.sha256(f.read()).hexdigest()
    return result


def main():
    a, b = outputs(sys.argv[1]), outputs(sys.argv[2])
    problems = [f"only in the incremental run: {p}" for p in sorted(a.keys() - b.keys())]
    problems += [f"only in the fresh run: {p}" for p in sorted(b.keys() - a.keys())]
    problems += [f"differs: {p}" for p in sorted(a.keys() & b.keys()) if a[p] != b[p]]
    for p in problems:
        print("  " + p)
    print(f"outputs byte-identical to a fresh run: {'yes' if not problems else 'NO'} ({len(a)} files compared)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
