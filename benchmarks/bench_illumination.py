"""Benchmark: one year of lunar illumination at 10-minute steps for 100 sites (52,561 epochs x 100 sites).

Ours: ``sun_series(sites, epochs)`` (DE421 Sun/Earth vectors once, IAU 2009 rotation once, then a numba
kernel over sites in parallel: elevation, azimuth, horizon-profile disc fraction, Earth occultation)
plus ``summarize`` per site (dark periods, eclipses), after a warm-up.
Peers, same epochs and sites:
* naive per-site loop: the same API called once per site (ephemeris and rotation recomputed per site,
  what a per-site script does);
* Skyfield + Meeus ch. 53 per site (the independent model of the validation test: Skyfield's DE421
  ``observe`` and Meeus's librations per site, flat horizon, elevation only), timed on 4 sites and
  extrapolated linearly to 100 (the full loop takes minutes).
Rows follow the benchmarks/run.py contract (ratio = peer_s / ours_s).
"""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

import numpy as np

from _timing import best_of

ROOT = Path(__file__).resolve().parent.parent


def _sites(n=100):
    rng = np.random.default_rng(100)
    lat = np.degrees(np.arcsin(rng.uniform(-1, 1, n)))
    lon = rng.uniform(-180, 180, n)
    return [f"{a:.3f},{b:.3f}" for a, b in zip(lat, lon)]


def _meeus():
    path = ROOT / "tests" / "validation" / "test_meeus_1998_ch53_sun_elevation_vs_skyfield.py"
    spec = importlib.util.spec_from_file_location("meeus_peer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run() -> list[dict]:
    from spaceplan.surface_power.illumination import span_epochs, summarize, sun_series

    sites = _sites()
    tdb = span_epochs("2030-01-01", "2031-01-01", 600.0)
    sun_series(sites[:2], tdb[:100])  # warm-up: numba kernel load

    def ours():
        s = sun_series(sites, tdb)
        return [summarize(s, i) for i in range(len(sites))]

    t_ours = best_of(ours, 3)
    t_series = best_of(lambda: sun_series(sites, tdb), 3)

    def naive():
        for site in sites:
            s = sun_series([site], tdb)
            summarize(s, 0)

    t_naive = best_of(naive, 1)
    m = _meeus()
    ts, eph = m._skyfield()
    deg = np.pi / 180
    few = sites[:4]
    t0 = time.perf_counter()
    for text in few:
        lat, lon = (float(v) * deg for v in text.split(","))
        l0, b0 = m.meeus_subsolar(ts, eph, tdb)
        np.arcsin(np.sin(b0) * np.sin(lat) + np.cos(b0) * np.cos(lat) * np.cos(lon - l0))
    t_sky = (time.perf_counter() - t0) * len(sites) / len(few)
    n = len(sites) * tdb.size
    return [
        {"benchmark": f"illumination: 100 sites x 1 year at 10 min ({tdb.size:,} epochs), stats included",
         "ours_s": t_ours, "peer": "same API, naive per-site loop", "peer_s": t_naive,
         "target": "< 10 s, peer slower", "note": f"{n / t_ours / 1e6:.1f} M site-steps/s; series only {t_series:.2f} s"},
        {"benchmark": "same, Sun elevation series only", "ours_s": t_series,
         "peer": "Skyfield + Meeus ch. 53 per site (4 timed, x25)", "peer_s": t_sky,
         "target": "informative", "note": "peer: elevation only, flat horizon, no eclipses"},
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
