"""The default study's numbers, flattened: what the snapshot test stores and compares.

``python tests/study/study_snapshot.py OUT/results.json`` rewrites ``default_snapshot.json`` from a study run
(only to be done when a change of numbers is intended and explained in the commit).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SNAPSHOT = Path(__file__).with_name("default_snapshot.json")

# Leaves never stored: wall-clock timings and long prose (it is generated from the stored numbers).
SKIP_KEYS = {"solve_time_s", "title", "figures"}
MAX_TEXT = 80

# (path prefix, relative tolerance, absolute tolerance, why).  First match wins; the default is last.
TOLERANCES = [
    ("launch.landing", 1e-4, 1e-3, "convex solver (CLARABEL) optimum: depends on solver version and BLAS"),
    ("launch.stage_landing", 1e-4, 1e-3, "convex solver (CLARABEL) optimum: depends on solver version and BLAS"),
    ("surface_power", 1e-6, 1e-6, "float32 Sun series (1e-7 relative) and a golden-section array/storage optimum"),
    ("starship", 1e-4, 1e-3, "tanker loads from the ascent optimiser (SLSQP) and the booster's convex landing "
                             "(CLARABEL): depend on solver version and BLAS"),
    ("", 1e-9, 1e-12, "pure geometry and arithmetic (ephemeris, Lambert, coverage counts, costs, dose)"),
]


def flatten(value, prefix: str = "", out: dict | None = None) -> dict:
    """Leaves of a results tree as {"a.b[0].c": value}: numbers, booleans, None and short strings."""
    out = {} if out is None else out
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in SKIP_KEYS:
                flatten(item, f"{prefix}.{key}" if prefix else str(key), out)
    elif isinstance(value, list):
        out[f"{prefix}.length"] = len(value)
        for i, item in enumerate(value):
            flatten(item, f"{prefix}[{i}]", out)
    elif isinstance(value, str):
        if len(value) <= MAX_TEXT:
            out[prefix] = value
    else:
        out[prefix] = value
    return out


def tolerance(path: str) -> tuple[float, float]:
    for prefix, rel, abs_, _ in TOLERANCES:
        if path.startswith(prefix):
            return rel, abs_
    raise AssertionError("unreachable")


def snapshot_of(results: dict) -> dict:
    """{section: flattened leaves} of a results.json tree."""
    return {name: flatten(section) for name, section in results["sections"].items()}


if __name__ == "__main__":
    data = json.loads(Path(sys.argv[1]).read_text())
    SNAPSHOT.write_text(json.dumps(snapshot_of(data), indent=0, sort_keys=True) + "\n")
    print(f"wrote {SNAPSHOT} ({SNAPSHOT.stat().st_size} bytes)")
