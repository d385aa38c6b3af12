"""Benchmark: a 1000 x 1000 Earth-Mars porkchop (ephemeris included) and the ``windows`` CLI.

Rows:
* warm: best of 3 in this process (numba compiled), DE421 states + 1e6 Lambert cells;
  peer: the same cells solved one by one with ``spaceplan.core.lambert.solve_lambert``
  in a Python loop (2,000 cells, extrapolated), and pykep 3.0.1 ``lambert_problem``
  in a Python loop (20,000 cells, extrapolated; only if ``.venv-peers`` exists).
* cold: first call in a fresh process, with an empty numba cache (compile) and with
  the cache filled (load).
* the second ``spaceplan windows earth mars --from 2026 --to 2035`` CLI call.
Run standalone: ``python benchmarks/bench_porkchop.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
N = 1000
TARGET = "< 0.5 s warm on 2 cores"

_SETUP = """
import numpy as np
from spaceplan.core.time import utc_to_tdb
DAY = 86400.0
t_dep = np.linspace(utc_to_tdb('2026-08-01'), utc_to_tdb('2027-01-31'), {n})
t_arr = np.linspace(utc_to_tdb('2027-03-01'), utc_to_tdb('2028-03-01'), {n})
"""


def _grids(n=N):
    scope: dict = {}
    exec(_SETUP.format(n=n), scope)
    return scope["t_dep"], scope["t_arr"]


def _subprocess_time(code: str, env: dict, python: str = sys.executable) -> float:
    out = subprocess.run([python, "-c", code], capture_output=True, text=True, env=env, timeout=900)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip().splitlines()[-1])
    return float(out.stdout.strip().splitlines()[-1])


def _cold(env_cache: str | None) -> float:
    env = dict(os.environ)
    if env_cache is not None:
        env["NUMBA_CACHE_DIR"] = env_cache
    code = _SETUP.format(n=N) + (
        "import time\nt=time.perf_counter()\nfrom spaceplan.core.porkchop import porkchop\n"
        "porkchop('earth','mars',t_dep,t_arr)\nprint(time.perf_counter()-t)\n")
    return _subprocess_time(code, env)


def _pykep_per_cell(r1, r2, tof, mu) -> float | None:
    py = ROOT / ".venv-peers" / "bin" / "python"
    if not (py.exists() and (ROOT / ".venv-peers" / ".spaceplan-ready").exists()):
        return None
    with tempfile.TemporaryDirectory() as tmp:
        np.savez(Path(tmp) / "cells.npz", r1=r1, r2=r2, tof=tof)
        code = (
            "import sys, types, time, numpy as np\n"
            "class _Stub(types.ModuleType):\n"
            "    def __getattr__(self, name):\n"
            "        return None\n"
            "sys.modules.setdefault('pykep.trajopt', _Stub('pykep.trajopt'))  # wheel lacks trajopt data\n"
            "import pykep\n"
            f"d = np.load(r'{tmp}/cells.npz'); mu = {mu!r}\n"
            "r1, r2, tof = d['r1'], d['r2'], d['tof']\n"
            "t = time.perf_counter()\n"
            "for k in range(len(tof)):\n"
            "    pykep.lambert_problem(r1[k].tolist(), r2[k].tolist(), float(tof[k]), mu, False, 0).v1\n"
            "print((time.perf_counter() - t) / len(tof))\n")
        try:
            return _subprocess_time(code, dict(os.environ), str(py))
        except Exception:  # noqa: BLE001 - peer unavailable is reported, not fatal
            return None


def run() -> list[dict]:
    from spaceplan.core.constants import SUN
    from spaceplan.core.ephemeris import state
    from spaceplan.core.lambert import solve_lambert
    from spaceplan.core.porkchop import porkchop

    t_dep, t_arr = _grids()
    porkchop("earth", "mars", t_dep[:10], t_arr[:10])  # compile / load
    warm, cpu = [], []
    for _ in range(3):
        t, c = time.perf_counter(), time.process_time()
        result = porkchop("earth", "mars", t_dep, t_arr)
        warm.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    ours = min(warm)
    ok = int((result.status == 0).sum())

    # Peer 1: scalar solve_lambert per cell (Python loop) on a subgrid, extrapolated.
    rng = np.random.default_rng(1)
    i = rng.integers(0, N, 2000)
    j = rng.integers(0, N, 2000)
    r1, v1 = state("earth", t_dep[i])
    r2, v2 = state("mars", t_arr[j])
    tof = t_arr[j] - t_dep[i]
    solve_lambert(r1[0], r2[0], tof[0], SUN.gm)  # compiled before timing, like ours
    t = time.perf_counter()
    for k in range(len(i)):
        short = np.dot(np.cross(r1[k], r2[k]), np.cross(r1[k], v1[k])) > 0
        try:
            solve_lambert(r1[k], r2[k], tof[k], SUN.gm, prograde=bool((np.cross(r1[k], r2[k])[2] >= 0) == short))
        except Exception:  # noqa: BLE001 - degenerate cells count in the time too
            pass
    per_cell = (time.perf_counter() - t) / len(i)
    loop_s = per_cell * N * N

    rows = [{
        "benchmark": f"porkchop {N}x{N} Earth-Mars (DE421 + Izzo, warm)",
        "ours_s": ours, "peer": "spaceplan solve_lambert per cell, Python loop (2k cells extrapolated)",
        "peer_s": loop_s, "target": TARGET,
        "note": f"{ok} solved cells; float32 fields; wall of 3 runs: " + ", ".join(f"{w:.3f}" for w in warm)
                + f" s; CPU time (all threads) {min(cpu):.3f} s, i.e. {min(cpu) / 2:.2f} s on 2 idle cores; "
                f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}",
    }]
    pk = _pykep_per_cell(r1[:2000].repeat(10, 0), r2[:2000].repeat(10, 0), tof[:2000].repeat(10), SUN.gm)
    rows.append({
        "benchmark": f"porkchop {N}x{N} Earth-Mars (DE421 + Izzo, warm)",
        "ours_s": ours, "peer": "pykep 3.0.1 lambert_problem per cell, Python loop (20k cells extrapolated)"
        if pk is not None else "pykep (unavailable: no .venv-peers)",
        "peer_s": None if pk is None else pk * N * N, "target": TARGET,
        "note": "peer time excludes ephemeris and v-infinity/C3 post-processing",
    })
    with tempfile.TemporaryDirectory() as empty:
        try:
            cold_compile = _cold(empty)
            cold_cached = _cold(None)
            rows.append({"benchmark": f"porkchop {N}x{N}, first call in a fresh process", "ours_s": cold_cached,
                         "peer": None, "peer_s": None, "target": "informational",
                         "note": f"numba cache filled; with an empty cache (compile) {cold_compile:.1f} s"})
        except Exception as exc:  # noqa: BLE001
            rows.append({"benchmark": "porkchop cold", "ours_s": float("nan"), "peer": None, "peer_s": None,
                         "target": "informational", "note": f"failed: {exc}"})
    exe = Path(sys.executable).with_name("spaceplan")
    cmd = [str(exe), "windows", "earth", "mars", "--from", "2026", "--to", "2035"]
    subprocess.run(cmd, capture_output=True, timeout=900)
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, timeout=900)
    cli_s = time.perf_counter() - t
    rows.append({"benchmark": "spaceplan windows earth mars --from 2026 --to 2035 (second call)",
                 "ours_s": cli_s, "peer": None, "peer_s": None, "target": "a few seconds",
                 "note": "exit code %d; includes interpreter start and imports" % proc.returncode})
    return rows


if __name__ == "__main__":
    for row in run():
        ratio = "" if not row["peer_s"] else f"  ratio {row['peer_s'] / row['ours_s']:.0f}x"
        peer = f"  peer {row['peer']}: {row['peer_s']:.2f} s" if row["peer_s"] else ""
        print(f"{row['benchmark']}: {row['ours_s']:.3f} s (target {row['target']}){peer}{ratio}  [{row['note']}]")
