#!/usr/bin/env python3
"""Crash safety: kills `integra run` with SIGKILL at random points and checks nothing is left broken.

    scripts/kill-test.py [--integra PATH] [--kills N] [--publish-kills N] [--seed S] [--project pipelines/demo.yml]

1. Runs the project once, uninterrupted, into a scratch folder: the reference outputs and the run's duration.
2. Until N runs (default 50) have been killed part way: starts `integra run` into the kill folder and SIGKILLs it
   after a random delay (seeded, spread over a run's duration); half of the times the kill folder starts empty, half
   of the times it keeps the warehouse of the runs before, so kills land in a first ingest as well as in a re-run.
   After each attempt:
   - the warehouse passes `PRAGMA integrity_check` and `PRAGMA foreign_key_check`;
   - every output at its final path is byte-identical to the reference (a killed run leaves the previous version or
     the new one, never a part), and no temporary file is left under a final name;
   - the next run completes (exit 0) and all its outputs (reports, CSVs, dashboard, run.json, diagnostics) are
     byte-identical to the reference.
3. Changed inputs (issue 17, item 8): a copy of the project whose consultation log loses its first row every other
   run, so each killed run would replace every report, the dashboard and run.json. Until --publish-kills runs
   (default 20) have been killed: half at a random point of the run, half in the publish step (the moment the
   run's manifest appears in its staging folder, plus 0-5 ms). After each kill the output folder must be entirely
   the previous run's outputs or entirely the new run's (byte for byte, run.json included), never a mixture; the
   next run completes with the outputs of the current inputs and leaves no staging folder behind.
4. Two runs started at once on the same project: one completes, the other refuses with a clear message (exit 75),
   and the outputs and warehouse are sound.
Prints one line per kill and a summary; exits 1 on the first failure, with what differed.
"""
import argparse
import difflib
import json
import os
import pathlib
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
# The changed-inputs project is a copy outside the repository: the definitions come from here.
ENV = dict(os.environ, INTEGRA_HOME=str(ROOT))
# The warehouse and its companions change from run to run by design (run numbers, timestamps): not outputs.
NOT_OUTPUTS = ("warehouse.sqlite", "warehouse.sqlite-wal", "warehouse.sqlite-shm", "warehouse.sqlite-journal",
               "warehouse.sqlite.lock")


def outputs(folder):
    """Every file under `folder` but the warehouse, relative path → bytes; run.json without the warehouse's hash,
    which changes with every run like the warehouse."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name not in NOT_OUTPUTS:
            data = path.read_bytes()
            if path.name == "run.json" and path.parent == folder:
                try:
                    manifest = json.loads(data)
                    manifest.pop("warehouse", None)
                    data = json.dumps(manifest, sort_keys=True, indent=2).encode()
                except ValueError:
                    pass  # a partial run.json stays as it is, and is reported as differing
            found[str(path.relative_to(folder))] = data
    return found


def run(integra, project, out, check=True):
    started = time.monotonic()
    result = subprocess.run([integra, "run", str(project), "--out", str(out), "--quiet"],
                            cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if check and result.returncode != 0:
        fail(f"integra run exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return time.monotonic() - started, result


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def check_warehouse(folder, what):
    path = folder / "warehouse.sqlite"
    if not path.exists():
        return "none"
    # A read-only connection must not roll a journal back or checkpoint a WAL behind integra's back: open read-write
    # as integra does, so a hot journal is recovered exactly as the next run would.
    db = sqlite3.connect(path)
    try:
        integrity = db.execute("PRAGMA integrity_check").fetchall()
        foreign = db.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        db.close()
    if integrity != [("ok",)]:
        fail(f"{what}: integrity_check: {integrity[:5]}")
    if foreign:
        fail(f"{what}: foreign_key_check: {foreign[:5]}")
    return "ok"


def check_no_partial_outputs(folder, reference, what):
    for name, data in outputs(folder).items():
        base = pathlib.PurePath(name).name
        if base.startswith("."):
            continue  # a temporary file: hidden, never a final name, replaced by the next run's rename
        if name not in reference:
            fail(f"{what}: {name} is not an output of the reference run (a stray or partial file)")
        if data != reference[name]:
            fail(f"{what}: {name} differs from the reference ({len(data)} vs {len(reference[name])} bytes): "
                 "a half-written or different output at a final path")


def compare(folder, reference, what):
    got = {k: v for k, v in outputs(folder).items() if not pathlib.PurePath(k).name.startswith(".")}
    if set(got) != set(reference):
        fail(f"{what}: outputs differ in names: missing {sorted(set(reference) - set(got))}, "
             f"extra {sorted(set(got) - set(reference))}")
    for name in sorted(reference):
        if got[name] != reference[name]:
            detail = ""
            if name == "run.json":  # aggregates only: safe to show
                diff = difflib.unified_diff(reference[name].decode().splitlines(), got[name].decode().splitlines(),
                                            "uninterrupted", "after the kill", lineterm="", n=1)
                detail = "\n" + "\n".join(list(diff)[:40])
            fail(f"{what}: {name} is not byte-identical to the uninterrupted run{detail}")


def aggregates(found):
    """The outputs but `run.json` and those it marks personal."""
    personal = set()
    if "run.json" in found:
        personal = {o["path"] for o in json.loads(found["run.json"]).get("outputs", []) if o.get("personal")}
    return {k: v for k, v in found.items() if k != "run.json" and k not in personal}


def changed_inputs(integra, args, rng, scratch):
    """Kills runs whose inputs changed since the folder's outputs were written, many of them while they publish."""
    source = ROOT / args.project
    copy = scratch / "changed"
    shutil.copytree(source.parent / source.stem, copy / source.stem)
    shutil.copy(source, copy / source.name)
    project = copy / source.name
    log = copy / source.stem / "centrum" / "rejestr-porad-2023.csv"
    full = log.read_bytes()
    lines = full.splitlines(keepends=True)
    shortened = b"".join(lines[:1] + lines[2:])  # the first consultation gone
    versions = [full, shortened]

    def use(version):
        log.write_bytes(versions[version])

    # The outputs of each version, in a folder that has seen the other version first (as the killed folder has).
    ref = scratch / "changed-reference"
    references = {}
    for version in (0, 1, 0):
        use(version)
        run(integra, project, ref)
        references[version] = outputs(ref)
    if aggregates(references[0]) != aggregates(outputs(scratch / "reference")):
        fail("changed inputs: the copy of the project does not give the project's outputs")
    if references[0].get("figures.json") == references[1].get("figures.json"):
        fail("changed inputs: the two versions give the same figures; the test would prove nothing")
    target = scratch / "changed-killed"
    use(0)
    run(integra, project, target)
    current = 0
    staging = target.parent / f".{target.name}.integra-staging"
    killed = {"run": 0, "publish": 0}
    attempts = 0
    duration, _ = run(integra, project, target)
    while killed["run"] + killed["publish"] < args.publish_kills:
        attempts += 1
        if attempts > 4 * args.publish_kills:
            fail(f"changed inputs: only {killed} of {attempts} runs could be killed part way")
        before = outputs(target)
        new = 1 - current
        use(new)
        at_publish = rng.random() < 0.5
        process = subprocess.Popen([integra, "run", str(project), "--out", str(target), "--quiet"],
                                   cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if at_publish:
            # The manifest is the last file written into the staging folder: publishing follows at once.
            while process.poll() is None and not (staging / "run.json").exists():
                time.sleep(0.0002)
            delay = rng.uniform(0.0, 0.005)
        else:
            delay = rng.uniform(0.0, duration)
        time.sleep(delay)
        was_running = process.poll() is None
        if was_running:
            process.send_signal(signal.SIGKILL)
            killed["publish" if at_publish else "run"] += 1
        process.wait()
        what = (f"changed inputs, run {attempts} (killed {'in the publish step' if at_publish else 'during the run'}, "
                f"{delay * 1000:.1f} ms)")
        check_warehouse(target, what)
        after = {k: v for k, v in outputs(target).items() if not pathlib.PurePath(k).name.startswith(".")}
        # What the killed run would have published is what the next run publishes: it starts from the warehouse
        # the killed run left, which holds the killed run's person ids or none of its work, and gives the same.
        again, _ = run(integra, project, target)
        complete = outputs(target)
        if after == before:
            state = "old"
        elif after == complete:
            state = "new"
        else:
            names = sorted(set(after) | set(before) | set(complete))
            not_old = [k for k in names if after.get(k) != before.get(k)]
            not_new = [k for k in names if after.get(k) != complete.get(k)]
            fail(f"{what}: the output folder is neither the old run nor the new one: unlike the old run "
                 f"{not_old[:6]}, unlike the new run {not_new[:6]}")
        # The aggregates are those of the current inputs (person ids, in the personal lists and so in run.json,
        # depend on the warehouse's history).
        if aggregates(complete) != aggregates(references[new]):
            names = sorted(k for k in set(complete) | set(references[new])
                           if aggregates(complete).get(k) != aggregates(references[new]).get(k))
            fail(f"{what}, then a complete run: aggregate outputs differ from those of the current inputs: {names}")
        leftovers = [p.name for p in target.parent.iterdir() if ".integra-staging" in p.name or
                     ".integra-previous" in p.name]
        if leftovers:
            fail(f"{what}, then a complete run: left {leftovers} beside the output folder")
        current = new
        print(f"{what}: {'killed' if was_running else 'had finished'}; folder holds the {state} run entirely; "
              f"next run {again:.2f} s, outputs identical", flush=True)
    print(f"changed inputs: {killed['run']} runs killed during the run and {killed['publish']} in the publish step "
          f"in {attempts} attempts; each time the folder held one run's outputs entirely")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--integra", default=str(ROOT / ".build" / "debug" / "integra"))
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--publish-kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--project", default="pipelines/demo.yml")
    args = parser.parse_args()
    integra = os.path.abspath(args.integra)
    project = ROOT / args.project
    rng = random.Random(args.seed)
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="integra-kill-"))
    try:
        ref = scratch / "reference"
        duration, _ = run(integra, project, ref)
        reference = outputs(ref)
        print(f"reference run: {duration:.2f} s, {len(reference)} outputs", flush=True)
        target = scratch / "killed"
        # How long a run takes into an empty folder and into one whose warehouse already holds every file: the
        # kill delays are drawn from these (each re-measured by the runs that complete), so kills land all along.
        expected = {True: duration, False: run(integra, project, ref)[0]}
        killed = attempts = 0
        fresh_kills = 0
        while killed < args.kills:
            attempts += 1
            if attempts > 3 * args.kills:
                fail(f"only {killed} of {attempts} runs could be killed part way; the runs are too short")
            fresh = rng.random() < 0.5
            if fresh and target.exists():
                shutil.rmtree(target)
            delay = rng.uniform(0.0, expected[fresh] * 0.95)
            process = subprocess.Popen([integra, "run", str(project), "--out", str(target), "--quiet"],
                                       cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(delay)
            was_running = process.poll() is None
            if was_running:
                process.send_signal(signal.SIGKILL)
                killed += 1
                fresh_kills += fresh
            process.wait()
            what = f"run {attempts} ({'fresh' if fresh else 're-run'}, {delay:.2f} s)"
            warehouse = check_warehouse(target, what)
            check_no_partial_outputs(target, reference, what)
            again, _ = run(integra, project, target)
            check_warehouse(target, what + ", then a complete run")
            compare(target, reference, what + ", then a complete run")
            if not was_running:
                expected[fresh] = delay
            elif fresh:
                expected[True] = max(expected[True], again)
            else:
                expected[False] = again
            print(f"{what}: {'killed' if was_running else 'had finished'}; warehouse {warehouse}; "
                  f"next run {again:.2f} s, outputs identical", flush=True)
        print(f"{killed} runs killed part way in {attempts} attempts ({fresh_kills} in a fresh folder); every "
              f"warehouse sound, no partial output, every next run byte-identical to the uninterrupted one")

        changed_inputs(integra, args, rng, scratch)

        # Two runs at once on the same project and warehouse.
        both = scratch / "concurrent"
        first = subprocess.Popen([integra, "run", str(project), "--out", str(both), "--quiet"], cwd=ROOT, env=ENV,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(min(0.5, duration / 4))
        second = subprocess.run([integra, "run", str(project), "--out", str(both), "--quiet"], cwd=ROOT, env=ENV,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        out, err = first.communicate()
        if first.returncode != 0:
            fail(f"the first of two concurrent runs failed ({first.returncode}): {err}")
        if second.returncode != 75 or "inny przebieg integra" not in second.stderr:
            fail(f"the second of two concurrent runs did not refuse clearly (exit {second.returncode}): "
                 f"{second.stderr}")
        check_warehouse(both, "concurrent runs")
        compare(both, reference, "concurrent runs")
        print("two runs at once: the second refused (\"" + second.stderr.strip().splitlines()[-1][:100]
              + "\"), the first completed with identical outputs")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
