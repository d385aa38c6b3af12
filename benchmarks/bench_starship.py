"""Benchmark: the Starship-to-Mars architecture (issue 20).

1. One full architecture evaluation, warm (window cached, tanker load computed once): departure from the window,
   refilling campaign, lifting entry, landing burn, return and ISRU: target < 1 s.
2. A 1,000-point sweep (10 payloads x 10 tanker counts x 10 departure days around the 2026 optimum) serial in one
   process, and on a 2-worker Dask LocalCluster (10 batches of 100 points; the cluster time includes its start-up and
   each worker's first window search).  Ratio = serial / cluster (> 1: the cluster wins).
"""

from __future__ import annotations

import time


def _points():
    return [(p * 1e3, k, d) for p in range(20, 220, 20) for k in range(1, 11) for d in range(-20, 30, 5)]


def run() -> list[dict]:
    from _timing import best_of

    from spaceplan.missions.starship_mars import evaluate, evaluate_many, window
    from spaceplan.missions.tanker import tanker_load

    t = time.perf_counter()
    load = tanker_load("starship-tanker-block2").delivered_kg
    tanker_s = time.perf_counter() - t
    window(2026)
    evaluate("block2-cargo", year=2026, payload_kg=100e3, tanker_delivery_kg=load)  # warm
    one = best_of(lambda: evaluate("block2-cargo", year=2026, payload_kg=90e3, tanker_delivery_kg=load), 5)
    points = _points()
    t = time.perf_counter()
    rows = evaluate_many(points, tanker_delivery_kg=load)
    serial_s = time.perf_counter() - t
    from spaceplan.study.sweep import local_client

    t = time.perf_counter()
    with local_client(2) as client:
        batches = [points[i:i + 100] for i in range(0, len(points), 100)]
        futures = client.map(evaluate_many, batches, tanker_delivery_kg=load, pure=False)
        dask_rows = [r for f in client.gather(futures) for r in f]
    dask_s = time.perf_counter() - t
    feasible = sum(r["feasible"] for r in rows)
    assert len(dask_rows) == len(rows)
    return [{"benchmark": "starship: one architecture evaluation (2026, 100 t), warm", "ours_s": one, "peer": None,
             "peer_s": None, "target": "< 1 s", "note": f"tanker load {load / 1e3:.0f} t computed once in {tanker_s:.0f} s"},
            {"benchmark": f"starship: {len(points)}-point sweep (payload x tankers x departure), 2-worker Dask",
             "ours_s": dask_s, "peer": "serial, one process", "peer_s": serial_s, "target": "> 1 on 2 cores",
             "note": f"{feasible} feasible points; cluster time includes start-up"}]
