"""Benchmark: the bundled 200-point Rassvet sweep on a 2-worker Dask LocalCluster vs one process.

All runs start from an empty output folder with warm numba caches; the cluster time includes
starting the cluster and each worker's warm-up (the plugin computes one point per worker).  Two
serial references: one process with numba's kernels on every core (what `--scheduler serial`
does), and the same on one numba thread (like for like with one worker).  The cluster's workers
run their kernels on one thread each.  Ratio = serial time / cluster time (> 1: the cluster wins).
"""

from __future__ import annotations

import tempfile
import time


def _timed(scenario, **kwargs):
    from spaceplan.study.sweep import run_sweep

    with tempfile.TemporaryDirectory() as out:
        t = time.perf_counter()
        result = run_sweep(scenario, out, figure=False, **kwargs)
        return time.perf_counter() - t, result


def run() -> list[dict]:
    import numba

    from spaceplan.study.runner import default_scenario_path, load_scenario
    from spaceplan.study.sweep import local_client

    scenario = load_scenario(default_scenario_path().parent / "rassvet_sweep.toml")
    small = {**scenario, "sweep": {**scenario["sweep"], "method": "lhs", "samples": 2}}
    _timed(small)  # compile kernels and load presets once in this process
    serial_s, serial = _timed(scenario)
    threads = numba.get_num_threads()
    numba.set_num_threads(1)
    try:
        one_s, _ = _timed(scenario)
    finally:
        numba.set_num_threads(threads)
    t = time.perf_counter()
    with local_client(2) as client:
        dask_s = _timed(scenario, client=client)[0]
    dask_total = time.perf_counter() - t
    label = f"sweep: Rassvet {serial.points} points (coverage 6 h at 60 s on 2 deg + deployment + milestone), " \
            "2-worker LocalCluster incl. start-up"
    note = f"{serial.errors} points recorded an error; cluster {dask_s:.1f} s after start-up"
    return [{"benchmark": label, "ours_s": dask_total, "peer": f"one process, numba on {threads} threads",
             "peer_s": serial_s, "target": "> 1 on 2 cores", "note": note},
            {"benchmark": label, "ours_s": dask_total, "peer": "one process, numba on 1 thread (like for like)",
             "peer_s": one_s, "target": "~2x on 2 cores", "note": note}]
