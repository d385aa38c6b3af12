"""Benchmark: the bundled 200-point Rassvet sweep on a 2-worker Dask LocalCluster vs one process.

Both runs start from an empty output folder with warm numba caches; the cluster time includes
starting the cluster and each worker's warm-up (the plugin computes one point per worker).
Ratio = serial time / cluster time (> 1: the cluster is faster).
"""

from __future__ import annotations

import tempfile
import time


def run() -> list[dict]:
    from distributed import Client, LocalCluster

    from spaceplan.study.runner import default_scenario_path, load_scenario
    from spaceplan.study.sweep import run_sweep

    scenario = load_scenario(default_scenario_path().parent / "rassvet_sweep.toml")
    with tempfile.TemporaryDirectory() as warm:  # compile kernels and load presets once in this process
        small = {**scenario, "sweep": {**scenario["sweep"], "method": "lhs", "samples": 2}}
        run_sweep(small, warm, figure=False)
    with tempfile.TemporaryDirectory() as out:
        t = time.perf_counter()
        serial = run_sweep(scenario, out, figure=False)
        serial_s = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as out:
        t = time.perf_counter()
        with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None, processes=True) as cluster, \
                Client(cluster) as client:
            dask = run_sweep(scenario, out, client=client, figure=False)
        dask_s = time.perf_counter() - t
    assert serial.computed == dask.computed == 200
    return [{"benchmark": f"sweep: Rassvet {dask.points} points (coverage + deployment + milestone), "
                          "2-worker LocalCluster incl. start-up", "ours_s": dask_s,
             "peer": "same points, one process", "peer_s": serial_s, "target": "> 1.5x on 2 cores",
             "note": f"{dask.errors} points recorded an error"}]
