"""Splink on the labelled person records of `integra synth --link-records`, configured as Splink's documentation
recommends for person data, scored against the truth with the same metrics as `integra link --evaluate`.

    python splink_bench.py DATA_DIR --names raw|ascii [--threshold 0.95] [--true-persons N]

Reads DATA_DIR/normalised.csv (the records with dates, phones, e-mails and codes already normalised, exactly the
values Integra's linker gets, so the comparison measures linkage and not date parsing) and DATA_DIR/truth.csv.
Names are cleaned the way Splink's examples clean them (trimmed, lower-cased); with --names ascii they are also
folded to ASCII with unidecode (Cyrillic and Georgian transliterated, diacritics dropped).

The model (Splink 5 on DuckDB): blocking on first+last name, swapped names, last name+dob, first name+dob, PESEL,
phone, e-mail and passport; NameComparison (Jaro-Winkler levels, term-frequency adjusted) on each name,
DateOfBirthComparison, EmailComparison and ExactMatch on PESEL, passport, phone, sex and citizenship; λ from
deterministic rules, u by random sampling, m by EM on two blocking rules; predict, then connected components at
the threshold. Prints one `key=value` line; `seconds` runs from process start (imports included) to the clusters,
scoring excluded. Extra thresholds are clustered afterwards (untimed) to show Splink's best.

With --true-persons N (records with no per-record truth, such as a programme's, Benchmarks/program/) there is no
truth.csv: the result is the number of persons found against N.
"""

import time

START = time.perf_counter()

import argparse  # noqa: E402
import collections  # noqa: E402
import csv  # noqa: E402
import logging  # noqa: E402
import resource  # noqa: E402

import duckdb  # noqa: E402
import splink.comparison_library as cl  # noqa: E402
from splink import DuckDBAPI, Linker, SettingsCreator, block_on  # noqa: E402
from unidecode import unidecode  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("--names", choices=["raw", "ascii"], default="raw")
    parser.add_argument("--threshold", type=float, default=0.95)
    parser.add_argument("--extra-thresholds", default="0.5,0.8,0.99")
    parser.add_argument("--true-persons", type=int)
    args = parser.parse_args()
    logging.getLogger("splink").setLevel(logging.ERROR)

    source = f"{args.data}/normalised.csv"
    if args.names == "ascii":
        source = fold_names(source, f"{args.data}/normalised-ascii.csv")
    con = duckdb.connect()
    con.execute(
        f"""CREATE TABLE records AS SELECT * FROM read_csv('{source}', header=true, all_varchar=true)"""
    ).fetchall()
    clean = "nullif(trim(lower({0})), '')"
    con.execute(
        f"""
        CREATE TABLE people AS SELECT
            record_id AS unique_id,
            {clean.format("first_name")} AS first_name,
            {clean.format("last_name")} AS last_name,
            birth_date, sex, citizenship, pesel, passport, phone, email
        FROM records"""
    ).fetchall()
    count = con.execute("SELECT count(*) FROM people").fetchall()[0][0]

    settings = SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "last_name"),
            "l.first_name = r.last_name AND l.last_name = r.first_name",
            block_on("last_name", "birth_date"),
            block_on("first_name", "birth_date"),
            block_on("pesel"),
            block_on("phone"),
            block_on("email"),
            block_on("passport"),
        ],
        comparisons=[
            cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("last_name").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("birth_date", input_is_string=True, datetime_format="%Y-%m-%d"),
            cl.EmailComparison("email"),
            cl.ExactMatch("pesel"),
            cl.ExactMatch("passport"),
            cl.ExactMatch("phone").configure(term_frequency_adjustments=True),
            cl.ExactMatch("sex"),
            cl.ExactMatch("citizenship").configure(term_frequency_adjustments=True),
        ],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )
    db_api = DuckDBAPI(connection=con)
    linker = Linker(db_api.register("people"), settings)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("pesel"), block_on("first_name", "last_name", "birth_date")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e7, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("first_name", "last_name"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("birth_date"))
    predictions = linker.inference.predict(threshold_match_probability=min(0.5, args.threshold))
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, args.threshold)
    assignment = clusters.as_duckdbpyrelation().select("unique_id, cluster_id").fetchall()
    seconds = time.perf_counter() - START
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    comparisons = predictions.as_duckdbpyrelation().count("*").fetchall()[0][0]
    if args.true_persons:
        predicted = len({cluster for _, cluster in assignment})
        error = 100 * (predicted - args.true_persons) / args.true_persons
        print(
            f"tool=splink-{args.names} records={count} seconds={seconds:.2f} peak_rss_mib={peak_mib:.0f} "
            f"threshold={args.threshold} scored_pairs_above_0.5={comparisons} predicted_persons={predicted} "
            f"true_persons={args.true_persons} person_error_pct={error:+.2f}",
            flush=True,
        )
        return
    truth = dict(con.execute(f"SELECT * FROM read_csv('{args.data}/truth.csv', header=true, all_varchar=true)").fetchall())
    fields = {
        "tool": f"splink-{args.names}",
        "records": count,
        "seconds": f"{seconds:.2f}",
        "peak_rss_mib": f"{peak_mib:.0f}",
        "threshold": args.threshold,
        "scored_pairs_above_0.5": comparisons,
    }
    fields.update(score(assignment, truth))
    for extra in [float(t) for t in args.extra_thresholds.split(",") if t]:
        if extra < min(0.5, args.threshold):
            continue
        other = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, extra)
        metrics = score(other.as_duckdbpyrelation().select("unique_id, cluster_id").fetchall(), truth)
        fields[f"f1_at_{extra}"] = metrics["pairwise_f1"]
    print(" ".join(f"{k}={v}" for k, v in fields.items()), flush=True)


def fold_names(source, target):
    """A copy of the records with first and last names folded to ASCII by unidecode."""
    with open(source, newline="", encoding="utf-8") as f, open(target, "w", newline="", encoding="utf-8") as out:
        reader = csv.reader(f)
        writer = csv.writer(out, lineterminator="\n")
        header = next(reader)
        writer.writerow(header)
        first, last = header.index("first_name"), header.index("last_name")
        for row in reader:
            row[first] = unidecode(row[first])
            row[last] = unidecode(row[last])
            writer.writerow(row)
    return target


def score(assignment, truth):
    """Pairwise and B-cubed precision/recall/F1 from cluster contingency counts, and the person counts."""
    predicted_sizes = collections.Counter()
    true_sizes = collections.Counter()
    cells = collections.Counter()
    for record, cluster in assignment:
        person = truth[record]
        predicted_sizes[cluster] += 1
        true_sizes[person] += 1
        cells[(cluster, person)] += 1
    if len(assignment) != len(truth):
        raise SystemExit(f"clusters cover {len(assignment)} records, truth {len(truth)}")

    def pairs(n):
        return n * (n - 1) // 2

    predicted_pairs = sum(pairs(n) for n in predicted_sizes.values())
    true_pairs = sum(pairs(n) for n in true_sizes.values())
    correct = sum(pairs(n) for n in cells.values())
    precision = correct / predicted_pairs if predicted_pairs else 1.0
    recall = correct / true_pairs if true_pairs else 1.0
    n = len(assignment)
    b_precision = sum(c * c / predicted_sizes[k[0]] for k, c in cells.items()) / n
    b_recall = sum(c * c / true_sizes[k[1]] for k, c in cells.items()) / n

    def f1(p, r):
        return 2 * p * r / (p + r) if p + r else 0.0

    return {
        "pairwise_precision": f"{precision:.4f}",
        "pairwise_recall": f"{recall:.4f}",
        "pairwise_f1": f"{f1(precision, recall):.4f}",
        "bcubed_f1": f"{f1(b_precision, b_recall):.4f}",
        "predicted_persons": len(predicted_sizes),
        "true_persons": len(true_sizes),
        "person_error_pct": f"{100 * (len(predicted_sizes) - len(true_sizes)) / len(true_sizes):+.2f}",
    }


if __name__ == "__main__":
    main()
