"""Benchmark: batch Lambert (Izzo 2015) on Earth-Mars-like problems, ours vs pykep, lamberthub, hapsira.

The same N problems (saved to an .npz in a temporary directory) are solved by
  * ours: ``spaceplan.core.lambert.solve_lambert_batch`` (numba prange, all cores; also 1 thread),
  * pykep 3.0.1 ``lambert_problem`` per problem from Python (C++ solver),
  * lamberthub 1.0.0 ``izzo2015`` in a numba loop (single thread),
  * hapsira 0.18.0 ``core.iod.izzo`` in a numba loop (single thread, own venv: numpy 1.26),
each timed as the best of several repeats after a warm-up (JIT excluded). Peers run in their own
virtual environments (``benchmarks/peers/envs.py`` creates them on first use) as subprocesses;
a peer that cannot be installed gives a row with ``peer_s = None`` and the reason.
Every peer's v1 is compared with ours (max relative difference in the note).

Environment: SPACEPLAN_BENCH_N (default 200000), SPACEPLAN_BENCH_REPEATS (default 7).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from peers.envs import PeerUnavailable, run_script  # noqa: E402

AU = 1.495978707e11
MU_SUN = 1.32712440018e20
DAY = 86400.0
TARGET = "<= 0.25 us/solve on 2 cores and >= 2.5x the fastest peer"

PEERS = [
    ("peers", "time_lamberthub.py", "lamberthub 1.0.0 izzo2015 (numba loop, 1 thread)"),
    ("hapsira", "time_hapsira.py", "hapsira 0.18.0 core.iod.izzo (numba loop, 1 thread)"),
    ("peers", "time_pykep.py", "pykep 3.0.1 lambert_problem (C++, per-call from Python)"),
]


def make_problems(n: int, seed: int = 2026):
    """Earth-Mars-like heliocentric problems: r1 ~ 1 AU, r2 in 1.38-1.67 AU (Mars' range),
    small out-of-plane components, transfer angles 20-340 deg, tof 90-450 days."""
    rng = np.random.default_rng(seed)
    th1 = rng.uniform(0, 2 * np.pi, n)
    th2 = th1 + np.radians(rng.uniform(20, 340, n))
    rad1 = AU * rng.uniform(0.983, 1.017, n)
    rad2 = AU * rng.uniform(1.381, 1.666, n)
    r1 = np.stack([rad1 * np.cos(th1), rad1 * np.sin(th1), rad1 * 1e-4 * rng.standard_normal(n)], 1)
    r2 = np.stack([rad2 * np.cos(th2), rad2 * np.sin(th2), rad2 * 0.03 * rng.standard_normal(n)], 1)
    tof = rng.uniform(90, 450, n) * DAY
    return r1, r2, tof


def _best(fn, repeats):
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def time_ours(r1, r2, tof, repeats, threads=None):
    import numba

    from spaceplan.core.lambert import solve_lambert_batch

    old = numba.get_num_threads()
    if threads:
        numba.set_num_threads(threads)
    try:
        solve_lambert_batch(r1[:100], r2[:100], tof[:100], MU_SUN)  # warm (cache / compile)
        out = {}

        def call():
            out["b"] = solve_lambert_batch(r1, r2, tof, MU_SUN)

        seconds = _best(call, repeats)
    finally:
        numba.set_num_threads(old)
    return seconds, out["b"]


def time_kepler(n, repeats):
    from spaceplan.core.kepler import elements_to_state, propagate

    rng = np.random.default_rng(7)
    e = rng.uniform(0, 0.9, n)
    a = rng.uniform(0.7, 5.0, n) * AU
    r0, v0 = elements_to_state(a, e, rng.uniform(0, 0.5, n), rng.uniform(0, 6.28, n),
                               rng.uniform(0, 6.28, n), rng.uniform(0, 6.28, n), MU_SUN)
    dt = rng.uniform(-500, 500, n) * DAY
    propagate(r0[:10], v0[:10], dt[:10], MU_SUN)
    return _best(lambda: propagate(r0, v0, dt, MU_SUN), repeats)


def run() -> list[dict]:
    import numba

    n = int(os.environ.get("SPACEPLAN_BENCH_N", "200000"))
    repeats = int(os.environ.get("SPACEPLAN_BENCH_REPEATS", "7"))
    r1, r2, tof = make_problems(n)
    threads = numba.get_num_threads()
    ours_s, batch = time_ours(r1, r2, tof, repeats)
    ours1_s, _ = time_ours(r1, r2, tof, repeats, threads=1)
    ok = batch.ok
    us = lambda s: s / n * 1e6  # noqa: E731
    label = f"Lambert batch, {n:.0e} Earth-Mars single-rev problems"
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        prob = Path(tmp) / "problems.npz"
        np.savez(prob, r1=r1, r2=r2, tof=tof, mu=MU_SUN)
        peer_results = []
        for env, script, name in PEERS:
            out = Path(tmp) / f"{script}.npz"
            try:
                res = json.loads(run_script(env, script, str(prob), str(out), str(max(3, repeats // 2))))
                v1p = np.load(out)["v1"]
                both = ok & np.isfinite(v1p).all(axis=1)
                diff = np.linalg.norm(v1p[both] - batch.v1[both], axis=1) / np.linalg.norm(batch.v1[both], axis=1)
                peer_results.append((name, res["seconds"], f"max |dv1|/|v1| vs ours {diff.max():.1e}, "
                                     f"peer failures {res['failures']}"))
            except (PeerUnavailable, OSError, ValueError, KeyError, json.JSONDecodeError) as exc:
                peer_results.append((name, None, f"peer unavailable: {exc}"[:300]))
        for name, peer_s, note in peer_results:
            peer_txt = f"peer {us(peer_s):.3f} us/solve; " if peer_s else ""
            rows.append({
                "benchmark": label, "ours_s": ours_s, "peer": name, "peer_s": peer_s, "target": TARGET,
                "note": f"ours {us(ours_s):.3f} us/solve ({threads} threads), {us(ours1_s):.3f} us/solve on 1 thread; "
                        f"{peer_txt}{note}; ours ok {int(ok.sum())}/{n}",
            })
        fastest = min((p for p in peer_results if p[1]), key=lambda p: p[1], default=None)
        if fastest:
            rows.append({
                "benchmark": label + " (1 thread, like for like)", "ours_s": ours1_s, "peer": fastest[0],
                "peer_s": fastest[1], "target": "faster than the fastest peer per core",
                "note": f"ours {us(ours1_s):.3f} us/solve, peer {us(fastest[1]):.3f} us/solve",
            })
    nk = min(n, 100000)
    kep_s = time_kepler(nk, repeats)
    rows.append({
        "benchmark": f"Kepler universal-variable propagation, {nk:.0e} heliocentric ellipses",
        "ours_s": kep_s, "peer": None, "peer_s": None, "target": "throughput (no peer)",
        "note": f"{kep_s / nk * 1e6:.3f} us/state ({threads} threads)",
    })
    return rows


if __name__ == "__main__":
    for row in run():
        ratio = row["peer_s"] / row["ours_s"] if row["peer_s"] else None
        print(json.dumps({**row, "ratio": ratio}))
