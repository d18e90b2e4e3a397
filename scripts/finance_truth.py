"""Compares a run's money with the generator's finance truth (truth.json "finance", issue 19).

Used by scripts/check-demo.py and Benchmarks/program/check.py. Reads the warehouse (read-only):
- fin_expenditures: eligible grosze and rows by partner, task, budget line and the quarter of the payment date,
  against truth "spending" (exact, to the grosz), and by category against truth "totals";
- fin_budget: amount by partner, task, line and period (the 'project' rows, if any, are not compared), against
  truth "plan";
- diagnostics: (code, path, row) of every finance code, against truth "expected_diagnostics" — each expected one
  must be there, and no other row may get a finance code.
When fin_expenditures is empty or missing (an Integra that does not load ledgers yet) nothing is compared and the
result says so.
"""
import json
import sqlite3
from collections import Counter
from pathlib import Path

FINANCE_CODES = {
    "invalid-amount", "unpaid-expenditure", "expense-outside-eligibility", "eligible-above-gross",
    "vat-not-eligible", "unknown-budget-line", "duplicate-invoice", "paid-after-claim", "invalid-nip",
    "line-over-budget", "line-within-flexibility", "indirect-over-flat-rate",
}


def compare(warehouse: Path, finance: dict):
    """Returns (checked, problems, summary): checked is False when the run has no ledger rows to compare."""
    if not warehouse.exists():
        return False, [], f"finance: not checked ({warehouse} is missing)"
    db = sqlite3.connect(f"file:{warehouse}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in db.execute("select name from sqlite_master where type in ('table', 'view')")}
        rows = db.execute("select count(*) from fin_expenditures").fetchone()[0] if "fin_expenditures" in tables else 0
        if rows == 0:
            return False, [], ("finance: not checked — the warehouse has no ledger rows (fin_expenditures is empty "
                               "or missing: this Integra does not load ledgers yet)")
        problems = []
        quarter = ("substr(payment_date, 1, 4) || 'Q' || ((cast(substr(payment_date, 6, 2) as integer) + 2) / 3)")
        got = {(p, t, l, q): (s, n) for p, t, l, q, s, n in db.execute(
            f"select partner_id, task, budget_line, {quarter}, sum(eligible_grosze), count(*) from fin_expenditures "
            "group by 1, 2, 3, 4")}
        want = {(c["partner"], c["task"], c["budget_line"], c["quarter"]): (c["eligible_grosze"], c["rows"])
                for c in finance["spending"]}
        for k in sorted(set(got) | set(want)):
            g, w = got.get(k, (0, 0)), want.get(k, (0, 0))
            if g != w:
                problems.append(f"spending {'/'.join(map(str, k))}: run {g[0]} grosze in {g[1]} rows != truth "
                                f"{w[0]} grosze in {w[1]} rows")
        by_category = dict(db.execute("select category, sum(eligible_grosze) from fin_expenditures group by 1"))
        for c in sorted(set(by_category) | set(finance["totals"]["category"])):
            if by_category.get(c, 0) != finance["totals"]["category"].get(c, 0):
                problems.append(f"category {c}: run {by_category.get(c, 0)} != truth "
                                f"{finance['totals']['category'].get(c, 0)} grosze")

        plan_got = {}
        if "fin_budget" in tables:
            for p, t, l, period, s in db.execute(
                    "select partner_id, task, budget_line, period_id, sum(amount_grosze) from fin_budget "
                    "where period_id != 'project' group by 1, 2, 3, 4"):
                if s:
                    plan_got[(p, t, l, period)] = s
        plan_want = {(c["partner"], c["task"], c["budget_line"], c["period"]): c["amount_grosze"]
                     for c in finance["plan"]}
        for k in sorted(set(plan_got) | set(plan_want)):
            if plan_got.get(k, 0) != plan_want.get(k, 0):
                problems.append(f"plan {'/'.join(k)}: run {plan_got.get(k, 0)} != truth {plan_want.get(k, 0)} grosze")

        placeholders = ", ".join("?" * len(FINANCE_CODES))
        seen = Counter((code, path, row) for code, path, row in db.execute(
            f"select code, path, row_number from diagnostics where code in ({placeholders})", sorted(FINANCE_CODES)))
        expected = Counter((e["code"], e["file"], e["row"]) for e in finance["expected_diagnostics"])
        for k in sorted(expected - seen):
            problems.append(f"{k[1]}:{k[2]}: expected {k[0]}, not reported")
        for k in sorted(seen - expected):
            problems.append(f"{k[1]}:{k[2]}: {k[0]} reported, not in the truth")
        figures_compared = compare_figures(warehouse.parent / "figures.json", finance, problems)
        summary = (f"finance: {len(want)} spending cells, {len(plan_want)} plan cells, {figures_compared} "
                   f"fin_eligible_spend figures and {len(finance['expected_diagnostics'])} expected diagnostics "
                   f"compared, {len(problems)} differ")
        return True, problems, summary
    finally:
        db.close()


def compare_figures(figures_path: Path, finance: dict, problems: list) -> int:
    """The published figures (figures.json, fin_eligible_spend, grosze): each quarter's in-period total and its
    partner, task and budget-line categories from the truth's spending cells, and the whole project's cumulative
    cost categories from the truth's totals. Returns how many figures were compared."""
    if not figures_path.exists():
        problems.append(f"{figures_path} is missing")
        return 0
    figures = json.load(open(figures_path, encoding="utf-8"))
    got = {(r[1], r[2], r[3], r[4]): r[5] for r in figures["rows"] if r[0] == "fin_eligible_spend"}
    if not got:
        problems.append("figures.json has no fin_eligible_spend figures")
        return 0
    want = Counter()
    for c in finance["spending"]:
        q, amount = c["quarter"], c["eligible_grosze"]
        want[(q, "in_period", "", "")] += amount
        want[(q, "in_period", "partner", c["partner"])] += amount
        want[(q, "in_period", "task", c["task"])] += amount
        want[(q, "in_period", "budget_line", c["budget_line"])] += amount
    for category, amount in finance["totals"]["category"].items():
        want[("project", "cumulative", "cost_category", category)] = amount
    want[("project", "cumulative", "", "")] = finance["totals"]["all"]
    compared = 0
    for key, amount in sorted(want.items()):
        compared += 1
        if got.get(key, 0) != amount:
            problems.append(f"figure fin_eligible_spend {'/'.join(key)}: run {got.get(key, 0)} != truth {amount} grosze")
    # A quarter's category the truth has no spending in must be 0 or absent.
    for key, value in got.items():
        if key[1] == "in_period" and "Q" in key[0] and key[2] != "cost_category" and key not in want and value != 0:
            problems.append(f"figure fin_eligible_spend {'/'.join(key)}: run {value}, truth none")
    return compared
