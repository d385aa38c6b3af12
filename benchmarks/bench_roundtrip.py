"""Benchmark: full Mars round-trip search over one synodic period, both classes, with Venus flybys."""

from __future__ import annotations

import time


def run() -> list[dict]:
    from spaceplan.interplanetary import search_round_trips

    # warm-up (numba compile / cache load) on a tiny case
    search_round_trips(2033, step_days=10)
    rows = []
    for venus in (False, True):
        t = time.perf_counter()
        s = search_round_trips(departure_window=("2033-01-01", "2035-03-01"), mission_class="both",
                               step_days=2.0, venus=venus)
        dt = time.perf_counter() - t
        rows.append({
            "benchmark": "Mars round-trip search, 26 months of departures, 2-day grid, both classes"
                         + (", Venus flyby option on either leg" if venus else ""),
            "ours_s": dt,
            "peer": None,
            "peer_s": None,
            "target": "< 30 s",
            "note": f"{s.cells:,} Lambert cells + combination of every (arrival, TOF, stay, TOF) via the "
                    f"per-arrival-day reduction; {len(s.pareto)} Pareto points",
        })
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
