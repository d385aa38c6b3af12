"""Benchmark: the whole claims ledger of the default study with its sensitivities, serial vs a 2-worker Dask cluster.

The sections are computed once first (as ``spaceplan study`` does; this also warms this process's numba and
preset caches), then the ledger is timed: base verdicts read from the stored results, every declared assumption
swept over its range and the flips bisected (5 halvings), section recomputations through the sweep engine.  The
cluster time includes starting the cluster; its workers start cold (kernels from the shared numba cache, presets
and space weather loaded once per worker).  Ratio = serial time / cluster time (> 1: the cluster wins).
"""

from __future__ import annotations

import time


def run() -> list[dict]:
    import importlib

    from spaceplan.study.claims import run_ledger
    from spaceplan.study.runner import load_scenario
    from spaceplan.study.sections import SECTIONS
    from spaceplan.study.sweep import local_client

    scenario = load_scenario(None)
    t = time.perf_counter()
    results = {}
    for name in SECTIONS:
        if name in scenario:
            module = importlib.import_module(SECTIONS[name])
            results[name] = module.compute(module.Config.from_table(scenario[name])).to_dict()
    sections_s = time.perf_counter() - t
    t = time.perf_counter()
    serial = run_ledger(scenario, results)
    serial_s = time.perf_counter() - t
    t = time.perf_counter()
    with local_client(2) as client:
        dask = run_ledger(scenario, results, client=client)
    dask_s = time.perf_counter() - t
    same = [e.verdict for e in serial.entries] == [e.verdict for e in dask.entries]
    counts = ", ".join(f"{n} {v}" for v, n in sorted(serial.counts().items()))
    label = (f"claims ledger: {len(serial.entries)} claims with sensitivities ({serial.recomputed} section "
             "recomputations), 2-worker LocalCluster incl. start-up")
    note = (f"{counts}; verdicts serial == dask: {same}; the sections themselves took {sections_s:.1f} s once; "
            f"ledger without sensitivities: {_no_sensitivity_s(run_ledger, scenario, results):.2f} s")
    return [{"benchmark": label, "ours_s": dask_s, "peer": "serial (one process)", "peer_s": serial_s,
             "target": "> 1 on 2 cores", "note": note}]


def _no_sensitivity_s(run_ledger, scenario, results) -> float:
    t = time.perf_counter()
    run_ledger(scenario, results, sensitivity=False)
    return time.perf_counter() - t
