"""Benchmark: one day of Starlink Gen1 (4,408 satellites, FCC 2021) coverage on a 1 deg global grid.

Ours: ``coverage(load_constellation('starlink_gen1'), global_grid(1.0), time_grid(start, 86400, 60),
radians(25))`` (1,440 steps x 64,800 cells, with gap and in-view statistics), after a warm-up.
Peer: brute force with numpy (every satellite x every cell dot-product test,
``coverage.brute_force_counts``, same propagation), timed on a few steps spread over the day and
extrapolated linearly to 1,440 steps (the full brute force would take tens of minutes).  The
satellite counts of ours and of the brute force must be identical on those steps, else it raises.
Rows follow the benchmarks/run.py contract (ratio = peer_s / ours_s).
"""

from __future__ import annotations

import math
import os
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np

START_UTC = "2026-01-01"
DAY_S = 86_400.0
STEP_S = 60.0
ELEV_DEG = 25.0
PEER_STEPS = 6  # brute-force steps actually timed, spread over the day

_COLD = """
import math, time
t = time.perf_counter()
from spaceplan.constellation.coverage import coverage
from spaceplan.core.regions import global_grid
from spaceplan.constellation.shells import load_constellation
coverage(load_constellation('starlink_gen1'), global_grid(10.0), [0.0, 60.0], math.radians(25.0))
print(time.perf_counter() - t)
"""


def _cold_first_call_s() -> float | None:
    """First call in a fresh process with an empty numba cache (compile included), or None."""
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, NUMBA_CACHE_DIR=cache)
        try:
            proc = subprocess.run([sys.executable, "-c", _COLD], env=env, capture_output=True, text=True, timeout=600)
            return float(proc.stdout.strip().splitlines()[-1]) if proc.returncode == 0 else None
        except (subprocess.TimeoutExpired, ValueError, IndexError):
            return None


def run() -> list[dict]:
    from spaceplan.constellation.coverage import brute_force_counts, coverage, time_grid, visibility_counts
    from spaceplan.core.regions import global_grid
    from spaceplan.constellation.shells import ecef_chunks, load_constellation
    from spaceplan.core.time import utc_to_tdb

    cold = _cold_first_call_s()
    const = load_constellation("starlink_gen1")
    if const.count != 4408:
        raise RuntimeError(f"starlink_gen1 has {const.count} satellites, expected 4408 (FCC 2021 filing)")
    ground = global_grid(1.0)
    elev = math.radians(ELEV_DEG)
    tdb = time_grid(utc_to_tdb(START_UTC), DAY_S, STEP_S)

    coverage(const, ground, tdb[:64], elev)  # warm-up: numba cache load / compile, buffers
    ours, result = math.inf, None
    for _ in range(2):  # best of 2: the machine is shared and noisy
        t = time.perf_counter()
        result = coverage(const, ground, tdb, elev)
        ours = min(ours, time.perf_counter() - t)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0

    # brute force on PEER_STEPS steps spread over the day, same propagation and visibility criterion
    pick = np.linspace(0, len(tdb) - 1, PEER_STEPS).round().astype(int)
    sub = tdb[pick]
    t = time.perf_counter()
    ecef = np.concatenate([r for _, r in ecef_chunks(const, sub, PEER_STEPS)])
    brute = brute_force_counts(ecef, ground, elev)
    peer_sub = time.perf_counter() - t
    peer = peer_sub * len(tdb) / len(sub)

    # identical counts on those steps: engine kernels vs brute force, and the engine's statistics
    engine = visibility_counts(ecef, ground, elev)
    if not np.array_equal(engine, brute):
        bad = int(np.count_nonzero(engine != brute))
        raise RuntimeError(f"coverage counts differ from brute force in {bad} of {brute.size} (step, cell) pairs")
    for k in range(len(sub)):
        one = coverage(const, ground, sub[k:k + 1], elev)
        if not np.array_equal(one.mean_in_view, brute[k]):
            raise RuntimeError(f"coverage() statistics differ from brute force at step {int(pick[k])}")

    import numba

    threads = numba.get_num_threads()
    d = result.to_dict()
    cells = ground.size * len(tdb)
    pairs = cells * const.count
    cold_txt = f"{cold:.1f} s" if cold is not None else "n/a"
    return [{
        "benchmark": f"coverage Starlink Gen1 ({const.count} sats), 1 day at 60 s ({len(tdb)} steps), "
                     f"1 deg global grid ({ground.size} cells), elevation >= 25 deg",
        "ours_s": ours,
        "peer": f"numpy brute force (all sat x cell dot products), {len(sub)} steps timed x {len(tdb) / len(sub):.0f}",
        "peer_s": peer,
        "target": "< 10 s on 2 cores and >= 100x brute force",
        "note": (f"best of 2 after warm-up, {threads} numba threads (numpy peer: 1 thread, counts only, no "
                 f"statistics); peer extrapolated linearly from {peer_sub:.1f} s for {len(sub)} steps; "
                 f"counts identical to brute force on those steps; {pairs / ours / 1e9:.1f} G sat-cell tests/s "
                 f"equivalent; cold first call (empty numba cache, compile) {cold_txt}; peak RSS {rss_mb:.0f} MB; "
                 f"coverage {100 * d['coverage_fraction']:.2f} %, mean in view {d['mean_sats_in_view']:.1f}, "
                 f"min {d['min_sats_in_view']}"),
    }]


if __name__ == "__main__":
    for row in run():
        ratio = row["peer_s"] / row["ours_s"]
        print(f"{row['benchmark']}: ours {row['ours_s']:.2f} s, {row['peer']} {row['peer_s']:.1f} s, "
              f"ratio {ratio:.0f}x [{row['target']}] {row['note']}")
