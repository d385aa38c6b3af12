"""``make fuzz``: run the property tests with the "fuzz" profile and 10^6 Lambert geometries,
then print the examples run per target, the failures and the Lambert status table."""

from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
import tempfile


def cli_report(examples) -> None:
    """The CLI property test's counts (issue 19): in-range and out-of-range examples run per command."""
    commands = sorted({t.split(":", 1)[1] for t in examples if t.startswith("cli")})
    if not commands:
        return
    print("\nCLI property test: examples per command (in range -> physical numbers; out of range -> named error "
          "or warning)")
    print(f"  {'command':<28s} {'in range':>10s} {'out of range':>13s}")
    for c in commands:
        out = examples.get(f"cli-out-of-range:{c}", 0)
        print(f"  {c:<28s} {examples.get(f'cli:{c}', 0):>10d} {out if out else '-':>13}")
    total_in = sum(v for t, v in examples.items() if t.startswith("cli:"))
    total_out = sum(v for t, v in examples.items() if t.startswith("cli-out-of-range:"))
    print(f"  {'total':<28s} {total_in:>10d} {total_out:>13d}")
    print("  (a command whose strategy has fewer distinct inputs than the profile's count runs each once)")


def main() -> int:
    report = tempfile.NamedTemporaryFile(prefix="spaceplan-fuzz-", suffix=".jsonl", delete=False).name
    env = dict(os.environ, HYPOTHESIS_PROFILE="fuzz", SPACEPLAN_LAMBERT_N=os.environ.get("SPACEPLAN_LAMBERT_N", "1e6"),
               SPACEPLAN_FUZZ_REPORT=report)
    here = os.path.dirname(os.path.abspath(__file__))
    cmd = [sys.executable, "-m", "pytest", "-q", "-n", os.environ.get("FUZZ_WORKERS", "2"), "-p", "no:cacheprovider", here,
           *sys.argv[1:]]  # extra pytest arguments, e.g. -k cli_commands
    rc = subprocess.call(cmd, env=env)
    examples: collections.Counter = collections.Counter()
    lambert = None
    with open(report) as fh:
        for line in fh:
            d = json.loads(line)
            examples.update(d.get("examples", {}))
            lambert = d.get("lambert_at_scale", lambert)
    os.unlink(report)
    print("\nexamples per target (hypothesis profile 'fuzz')")
    for target in sorted(t for t in examples if not t.startswith("cli")):
        print(f"  {target:<40s} {examples[target]:>8d}")
    print(f"  {'total':<40s} {sum(examples.values()):>8d}")
    cli_report(examples)
    if lambert:
        print(f"\nLambert at scale: {lambert['problems']:,} geometries, worst relative residual "
              f"{lambert['worst_relative_residual']:.2e} (limit 1e-8)")
        statuses = list(lambert["status_totals"])
        print("  " + f"{'kind':<12s}" + "".join(f"{s:>14s}" for s in statuses))
        for kind, row in lambert["by_kind"].items():
            print("  " + f"{kind:<12s}" + "".join(f"{row[s]:>14,d}" for s in statuses))
        print("  " + f"{'total':<12s}" + "".join(f"{lambert['status_totals'][s]:>14,d}" for s in statuses))
    print(f"\npytest exit status {rc} ({'no failures' if rc == 0 else 'FAILURES'})")
    return rc


if __name__ == "__main__":
    sys.exit(main())
