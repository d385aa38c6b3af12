"""``make fuzz``: run the property tests with the "fuzz" profile and 10^6 Lambert geometries, print progress
while they run, then the examples run per target, the CLI property test's table per command, the failures and
the Lambert status table; the same numbers go to a JSON file (``FUZZ_JSON``, default ``out/fuzz-report.json``).

Environment: ``FUZZ_WORKERS`` (pytest-xdist workers, default 2; ``0`` runs in this process's one core),
``FUZZ_JSON`` (the JSON report), ``FUZZ_PROGRESS_S`` (seconds between progress lines, default 60),
``FUZZ_MAX_MINUTES`` (stop the tests after this long and report the counts reached),
``SPACEPLAN_LAMBERT_N`` (default 1e6), ``SPACEPLAN_CLI_EXAMPLES`` (every CLI command at N examples instead of
the profile's: a quick look).  Extra arguments go to pytest, e.g. ``-k cli_commands`` for the CLI property
test alone.

The CLI property test is the one ``make test`` runs (``tests/fuzz/test_fuzz_cli_commands.py``), at 10,000
examples per command instead of 200, except the commands ``cli_commands.FUZZ_EXAMPLES`` lists with a lower
count and its reason (printed under the table).  A command whose strategy has fewer distinct inputs than
its count runs each input once: its "distinct" column equals its "run" column.
"""

from __future__ import annotations

import collections
import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
OUTCOMES = ("finite_bounded", "warned", "refused_named", "failed")


def merge_cli(lines: list[dict]) -> dict:
    """target -> {outcomes, distinct_inputs, seconds} summed over the test processes."""
    total: dict = {}
    for d in lines:
        for target, v in d.get("cli", {}).items():
            t = total.setdefault(target, {"outcomes": collections.Counter(), "distinct_inputs": 0, "seconds": 0.0,
                                          "notes": collections.Counter()})
            t["outcomes"].update(v["outcomes"])
            t["notes"].update(v.get("notes", {}))
            t["distinct_inputs"] += v["distinct_inputs"]
            t["seconds"] += v["seconds"]
    return total


def command_rows(cli: dict, failed_tests: dict[str, str]) -> dict:
    """command -> its row of the table (in range and out of range merged)."""
    sys.path.insert(0, HERE)
    from cli_commands import FUZZ_EXAMPLES

    commands = sorted({t.split(":", 1)[1] for t in cli})
    rows = {}
    for c in commands:
        i = cli.get(f"cli:{c}", {"outcomes": {}, "distinct_inputs": 0, "seconds": 0.0, "notes": {}})
        o = cli.get(f"cli-out-of-range:{c}", {"outcomes": {}, "distinct_inputs": 0, "seconds": 0.0, "notes": {}})
        io, oo = collections.Counter(i["outcomes"]), collections.Counter(o["outcomes"])
        n_in, n_out = sum(io.values()), sum(oo.values())
        seconds = i["seconds"] + o["seconds"]
        rows[c] = {
            "examples_run": n_in + n_out,
            "in_range": {"run": n_in, "finite_bounded": io["finite_bounded"], "warned": io["warned"],
                         "refused_named_physical": io["refused_named"], "failed": io["failed"],
                         "distinct_inputs": i["distinct_inputs"], "messages": dict(i.get("notes", {}))},
            "out_of_range": {"run": n_out, "refused_named": oo["refused_named"], "warned": oo["warned"],
                             "failed": oo["failed"], "distinct_inputs": o["distinct_inputs"],
                             "messages": dict(o.get("notes", {}))},
            "failures": io["failed"] + oo["failed"],
            "seconds": seconds,
            "ms_per_example": 1e3 * seconds / max(1, n_in + n_out),
            "declared_count": FUZZ_EXAMPLES[c][0] if c in FUZZ_EXAMPLES else None,
            "declared_reason": FUZZ_EXAMPLES[c][1] if c in FUZZ_EXAMPLES else None,
            "pytest_failures": {k: v for k, v in failed_tests.items() if k.endswith(f"[{c}]")},
        }
    return rows


def print_cli_table(rows: dict) -> None:
    if not rows:
        return
    print("\nCLI property test per command (in range -> finite numbers within the physical bounds, or a named "
          "refusal of a physical impossibility; out of range -> a one-line error naming the flag, or a warning)")
    head = (f"  {'command':<26s} {'run':>7s} | {'in':>6s} {'finite':>6s} {'warned':>6s} {'refused':>7s} "
            f"{'distinct':>8s} | {'out':>5s} {'refused':>7s} {'warned':>6s} {'distinct':>8s} | {'fail':>4s} "
            f"{'ms/ex':>7s}")
    print(head)
    print("  " + "-" * (len(head) - 2))
    tot = collections.Counter()
    for c, r in rows.items():
        i, o = r["in_range"], r["out_of_range"]
        print(f"  {c:<26s} {r['examples_run']:>7d} | {i['run']:>6d} {i['finite_bounded']:>6d} {i['warned']:>6d} "
              f"{i['refused_named_physical']:>7d} {i['distinct_inputs']:>8d} | "
              + (f"{o['run']:>5d} {o['refused_named']:>7d} {o['warned']:>6d} {o['distinct_inputs']:>8d}"
                 if o["run"] else f"{'-':>5s} {'':>7s} {'':>6s} {'':>8s}")
              + f" | {r['failures']:>4d} {r['ms_per_example']:>7.1f}")
        tot.update({"run": r["examples_run"], "in": i["run"], "fin": i["finite_bounded"], "iw": i["warned"],
                    "ir": i["refused_named_physical"], "out": o["run"], "or": o["refused_named"], "ow": o["warned"],
                    "fail": r["failures"], "s": r["seconds"]})
    print("  " + "-" * (len(head) - 2))
    print(f"  {'total':<26s} {tot['run']:>7d} | {tot['in']:>6d} {tot['fin']:>6d} {tot['iw']:>6d} {tot['ir']:>7d} "
          f"{'':>8s} | {tot['out']:>5d} {tot['or']:>7d} {tot['ow']:>6d} {'':>8s} | {tot['fail']:>4d} "
          f"{1e3 * tot['s'] / max(1, tot['run']):>7.1f}")
    print("  in: in-range examples; finite: exit 0, every number finite and within its key's bounds; warned: the "
          "same with a validity warning;\n  refused: exit 2 with a one-line named error (in range: a physical "
          "impossibility; out of range: naming the flag); distinct: different argv\n  (equal to 'in'/'out' "
          "when the strategy's input space was exhausted before the count); fail: failing calls, Hypothesis' "
          "shrinking replays included")
    lower = {c: r for c, r in rows.items() if r["declared_count"] is not None}
    if lower:
        print("  declared lower counts (cli_commands.FUZZ_EXAMPLES):")
        for c, r in lower.items():
            print(f"    {c}: {r['declared_count']:,} examples: {r['declared_reason']}")
    messages = [(c, kind, m, n) for c, r in rows.items() for kind in ("in_range", "out_of_range")
                for m, n in r[kind]["messages"].items()]
    if messages:
        print("  in-range refusals, and failures (first distinct messages, with their counts):")
        for c, kind, m, n in messages:
            print(f"    {c}{' (out of range)' if kind == 'out_of_range' else ''}: {n} x {m}")
    for c, r in rows.items():
        for test, msg in r["pytest_failures"].items():
            print(f"  FAILED {test}: {msg[:400]}")


def _live_docs(live_dir: str) -> list[dict]:
    """The test processes' running CLI totals (``fuzz_support.record``), as report lines."""
    docs = []
    for path in glob.glob(os.path.join(live_dir, "live-*.json")):
        try:
            with open(path) as fh:
                docs.append(json.load(fh))  # {"cli": ..., "examples": ...}
        except (OSError, ValueError):  # being replaced right now: next time
            pass
    return docs


def progress(live_dir: str, started: float, last: dict) -> None:
    """One line: elapsed time, CLI examples so far, the commands that moved since the last line, failures."""
    cli = merge_cli(_live_docs(live_dir))
    counts = {t: sum(v["outcomes"].values()) for t, v in cli.items()}
    failed = sum(v["outcomes"].get("failed", 0) for v in cli.values())
    moved = [f"{t.replace('cli-out-of-range:', 'out:').replace('cli:', '')} {n}" for t, n in sorted(counts.items())
             if n != last.get(t)]
    last.clear()
    last.update(counts)
    elapsed = time.monotonic() - started
    print(f"\n[fuzz {int(elapsed // 3600):d}:{int(elapsed % 3600 // 60):02d}:{int(elapsed % 60):02d}] CLI examples "
          f"so far {sum(counts.values()):,} ({failed} failing); moving: {', '.join(moved[:6]) or '-'}", flush=True)


def failed_tests_from(junit: str) -> dict[str, str]:
    out = {}
    if not os.path.exists(junit) or not os.path.getsize(junit):
        return out
    for case in ET.parse(junit).getroot().iter("testcase"):
        for bad in list(case.findall("failure")) + list(case.findall("error")):
            out[case.get("name")] = (bad.get("message") or "").strip().splitlines()[0] if bad.get("message") else ""
    return out


def main() -> int:
    work = tempfile.mkdtemp(prefix="spaceplan-fuzz-")
    report, junit = os.path.join(work, "counts.jsonl"), os.path.join(work, "junit.xml")
    workers = os.environ.get("FUZZ_WORKERS", "2")
    json_path = os.environ.get("FUZZ_JSON", os.path.join("out", "fuzz-report.json"))
    env = dict(os.environ, HYPOTHESIS_PROFILE="fuzz", SPACEPLAN_LAMBERT_N=os.environ.get("SPACEPLAN_LAMBERT_N", "1e6"),
               SPACEPLAN_FUZZ_REPORT=report, SPACEPLAN_FUZZ_LIVE_DIR=work)
    xdist = ["-p", "no:xdist"] if workers == "0" else ["-n", workers]
    args = sys.argv[1:]  # extra pytest arguments (-k cli_commands), or test files to run instead of tests/fuzz
    paths = [] if any(os.path.exists(a) for a in args if not a.startswith("-")) else [HERE]
    cmd = [sys.executable, "-m", "pytest", "-q", *xdist, "-p", "no:cacheprovider", f"--junitxml={junit}", *paths,
           *args]
    print("make fuzz:", " ".join(cmd[1:]), flush=True)
    started, started_utc = time.monotonic(), time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    proc = subprocess.Popen(cmd, env=env)
    every = float(os.environ.get("FUZZ_PROGRESS_S", "60"))
    max_s = 60.0 * float(os.environ.get("FUZZ_MAX_MINUTES", "inf"))
    last: dict = {}
    stopped = None
    signalled: list[str] = []

    def stop(signum, _frame):  # SIGTERM / Ctrl-C: stop the tests, report the counts reached
        signalled.append(signal.Signals(signum).name)
        proc.terminate()

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, stop)
    while proc.poll() is None:
        try:
            proc.wait(timeout=min(every, max(1.0, max_s - (time.monotonic() - started))))
        except subprocess.TimeoutExpired:
            progress(work, started, last)
            if time.monotonic() - started >= max_s:
                stopped = f"stopped after FUZZ_MAX_MINUTES={max_s / 60:g}"
                proc.terminate()
                proc.wait()
    if signalled and not stopped:
        stopped = f"stopped by {signalled[0]}"
    if stopped:
        stopped += (": counts of finished tests are whole; a test that was running counts up to its last progress "
                    "snapshot (at most 10 s old)")
    rc = proc.returncode
    lines = []
    if os.path.exists(report):
        with open(report) as fh:
            lines = [json.loads(line) for line in fh if line.strip()]
    if stopped:  # the processes did not reach their session end: take their running totals
        lines = _live_docs(work)  # every process's totals, finished tests whole (flushed at each test's end)
        print(f"\nINTERRUPTED: {stopped}")
    failed_tests = failed_tests_from(junit)
    shutil.rmtree(work, ignore_errors=True)
    examples: collections.Counter = collections.Counter()
    lambert = None
    for d in lines:
        examples.update(d.get("examples", {}))
        lambert = d.get("lambert_at_scale", lambert)
    print("\nexamples per target (hypothesis profile 'fuzz')")
    for target in sorted(t for t in examples if not t.startswith("cli")):
        print(f"  {target:<40s} {examples[target]:>8d}")
    print(f"  {'total':<40s} {sum(v for t, v in examples.items() if not t.startswith('cli')):>8d}")
    rows = command_rows(merge_cli(lines), failed_tests)
    print_cli_table(rows)
    if lambert:
        print(f"\nLambert at scale: {lambert['problems']:,} geometries, worst relative residual "
              f"{lambert['worst_relative_residual']:.2e} (limit 1e-8)")
        statuses = list(lambert["status_totals"])
        print("  " + f"{'kind':<12s}" + "".join(f"{s:>14s}" for s in statuses))
        for kind, row in lambert["by_kind"].items():
            print("  " + f"{kind:<12s}" + "".join(f"{row[s]:>14,d}" for s in statuses))
        print("  " + f"{'total':<12s}" + "".join(f"{lambert['status_totals'][s]:>14,d}" for s in statuses))
    wall = time.monotonic() - started
    doc = {"profile": "fuzz", "started_utc": started_utc, "wall_seconds": wall, "workers": workers, "stopped": stopped,
           "pytest_arguments": sys.argv[1:], "pytest_exit_status": rc,
           "examples_per_target": {t: v for t, v in sorted(examples.items()) if not t.startswith("cli")},
           "cli_commands": rows, "failed_tests": failed_tests, "lambert_at_scale": lambert}
    os.makedirs(os.path.dirname(os.path.abspath(json_path)), exist_ok=True)
    with open(json_path, "w") as fh:
        json.dump(doc, fh, indent=1)
    print(f"\nwrote {json_path}")
    verdict = "stopped" if stopped else ("no failures" if rc == 0 else "FAILURES")
    print(f"pytest exit status {rc} ({verdict}); wall time {wall / 60:.1f} min")
    return rc


if __name__ == "__main__":
    sys.exit(main())
