"""The identity records a programme run linked, as Benchmarks/linkage/splink_bench.py reads them, so that Splink
links the very records Integra's link stage linked (149 901 for the 50-partner programme).

    python export_identities.py OUT/warehouse.sqlite DIR

Writes DIR/normalised.csv (record_id, first_name, last_name, birth_date, sex, citizenship, pesel, passport, phone,
email: the values after Integra's normalisation, as the linkage benchmark gives Splink; the warehouse keeps no
passport, phone or e-mail, so those are empty) readable by its owner only: the records are synthetic, but they are
names and PESELs. The programme has no per-record truth, only the number of persons (truth.json), so Splink's result
is scored by its person count.
"""

import csv
import os
import sqlite3
import sys


def main():
    warehouse, folder = sys.argv[1], sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    target = os.path.join(folder, "normalised.csv")
    con = sqlite3.connect(f"file:{warehouse}?mode=ro", uri=True)
    rows = con.execute(
        """select record_key, first_name, last_name, coalesce(birth_date, ''), coalesce(sex, ''),
                  coalesce(citizenship, ''), coalesce(pesel, '')
           from participant_records order by id"""
    )
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["record_id", "first_name", "last_name", "birth_date", "sex", "citizenship", "pesel",
                         "passport", "phone", "email"])
        count = 0
        for row in rows:
            writer.writerow(list(row) + ["", "", ""])
            count += 1
    print(f"identity records: {count}")


if __name__ == "__main__":
    main()
