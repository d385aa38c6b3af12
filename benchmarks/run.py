"""`make bench`: run every benchmarks/bench_*.py and print one table with ratios against peers.

Each module exposes ``run() -> list[dict]`` with keys benchmark, ours_s,
peer, peer_s, target, note.  ratio = peer_s / ours_s (> 1: we are faster).
Timings on a shared 2-core machine vary by tens of percent: read ratios, which
are measured in the same run, rather than absolute times.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(HERE))
    spec.loader.exec_module(module)
    return module


def _fmt(seconds) -> str:
    if seconds is None:
        return "-"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.3g} us"
    if seconds < 1:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds:.3g} s"


def main(argv: list[str]) -> int:
    from rich.console import Console
    from rich.table import Table

    wanted = set(argv)
    rows, failures = [], []
    for path in sorted(HERE.glob("bench_*.py")):
        if wanted and path.stem.removeprefix("bench_") not in wanted:
            continue
        start = time.perf_counter()
        print(f"running {path.name} ...", file=sys.stderr, flush=True)
        try:
            rows += [dict(row, module=path.stem) for row in _load(path).run()]
        except Exception:  # a broken benchmark must not hide the others
            failures.append(path.name)
            traceback.print_exc()
        print(f"  {path.name}: {time.perf_counter() - start:.1f} s", file=sys.stderr)
    table = Table(title="spaceplan benchmarks (ratio = peer time / our time)")
    for col in ("benchmark", "ours", "peer", "peer time", "ratio", "target", "note"):
        table.add_column(col)
    for row in rows:
        ours, peer = row.get("ours_s"), row.get("peer_s")
        ratio = f"{peer / ours:.1f}x" if ours and peer else "-"
        table.add_row(row["benchmark"], _fmt(ours), row.get("peer") or "-", _fmt(peer), ratio,
                      row.get("target", ""), row.get("note", ""))
    Console(width=200).print(table)
    out = HERE.parent / "out" / "bench.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(rows, indent=2, default=str))
    if failures:
        print(f"failed benchmarks: {', '.join(failures)}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
