"""Benchmarks: catalog propagation through spaceplan vs raw sgp4 SatrecArray, and latency routing.

Rows follow the benchmarks/run.py contract: ours_s, peer, peer_s (ratio = peer_s / ours_s).
"""

from __future__ import annotations

import math
import time

import numpy as np


def _walker_satrecs(planes=72, per_plane=22, inc_deg=53.0, mean_motion=15.06):
    """A Starlink-like shell as SGP4 element sets (sgp4init, WGS 72): 1,584 satellites."""
    from sgp4.api import WGS72, Satrec

    sats = []
    for p in range(planes):
        for s in range(per_plane):
            sat = Satrec()
            sat.sgp4init(WGS72, "i", 40000 + p * per_plane + s, 9497.5, 1e-4, 0.0, 0.0, 1e-4, 0.0,
                         math.radians(inc_deg), 2 * math.pi * (s / per_plane + p / (planes * per_plane)),
                         mean_motion / 720.0 * math.pi, 2 * math.pi * p / planes)
            sats.append(sat)
    return sats


def _best(fn, repeat=5):
    best = math.inf
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def run() -> list[dict]:
    from sgp4.api import SatrecArray

    from spaceplan.constellation.catalog import Catalog, _utc_jd_split
    from spaceplan.constellation.latency import latency_over
    from spaceplan.constellation.shells import load_constellation
    from spaceplan.core.time import utc_to_tdb

    rows = []
    sats = _walker_satrecs()
    cat = Catalog.from_satrecs(sats)
    t0 = utc_to_tdb("2026-01-01")
    tdb = t0 + 60.0 * np.arange(240)  # 4 h at 60 s
    jd, fr = _utc_jd_split(tdb)
    raw = SatrecArray(sats)
    steps = len(sats) * len(tdb)
    ours, peer = math.inf, math.inf
    for _ in range(7):  # interleaved, best of 7: the machine is shared and noisy
        ours = min(ours, _best(lambda: cat.propagate(tdb), 1))
        peer = min(peer, _best(lambda: raw.sgp4(jd, fr), 1))
    rows.append({"benchmark": f"catalog propagate {len(sats)} sats x {len(tdb)} steps (TEME, SI)",
                 "ours_s": ours, "peer": "sgp4 SatrecArray.sgp4 (km, same epochs)", "peer_s": peer,
                 "target": "ours <= 1.2 x peer (wrapper overhead < 20 %)",
                 "note": f"{steps / ours / 1e6:.2f} M sat-steps/s ours, {steps / peer / 1e6:.2f} M raw"})
    ecef = _best(lambda: cat.positions_ecef(tdb), repeat=3)
    rows.append({"benchmark": "catalog positions ECEF (propagate + TEME->ECEF)", "ours_s": ecef, "peer": None,
                 "peer_s": None, "target": "informative", "note": f"{steps / ecef / 1e6:.2f} M sat-steps/s"})
    from sgp4.api import Satrec
    from sgp4.exporter import export_tle

    many = _walker_satrecs(100, 100)
    for sat in many:
        sat.intldesg, sat.classification, sat.elnum, sat.revnum, sat.ephtype = "24001A", "U", 999, 1, 0
    pairs = [export_tle(sat) for sat in many]
    text = "".join(f"SAT-{k}\n{a}\n{b}\n" for k, (a, b) in enumerate(pairs))
    ours_read = _best(lambda: Catalog.from_text(text, "tle"), 3)
    peer_read = _best(lambda: [Satrec.twoline2rv(a, b) for a, b in pairs], 3)
    rows.append({"benchmark": "read 10,000 3LE records (checks + Satrec + arrays)", "ours_s": ours_read,
                 "peer": "Satrec.twoline2rv loop on pre-split lines (no checks)", "peer_s": peer_read,
                 "target": "informative (ours validates every column and checksum)", "note": ""})
    shell = load_constellation("starlink_gen1").shells[0]
    t = time.perf_counter()
    s = latency_over(shell, "moscow", "vladivostok", utc_to_tdb("2026-01-01"), 86400.0, 60.0)
    lat_s = time.perf_counter() - t
    rows.append({"benchmark": "latency Moscow-Vladivostok, Starlink 550 km shell (+Grid ISL), 1 day at 60 s",
                 "ours_s": lat_s, "peer": None, "peer_s": None, "target": "< 30 s on one core",
                 "note": f"{len(s.tdb)} Dijkstra solves on {shell.count + 2} nodes; "
                         f"{lat_s / len(s.tdb) * 1e3:.2f} ms per step"})
    return rows


if __name__ == "__main__":
    for row in run():
        ratio = (row["peer_s"] / row["ours_s"]) if row["peer_s"] else None
        print(f"{row['benchmark']}: ours {row['ours_s']:.3f} s"
              + (f", {row['peer']} {row['peer_s']:.3f} s, ratio {ratio:.2f}" if ratio else "")
              + f" [{row['target']}] {row['note']}")
