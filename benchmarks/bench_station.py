"""Benchmark: station decay with NRLMSIS 2.1 drag, numerically and semi-analytically.

1. Five years (or to reentry at 120 km) of ISS free decay from 440 km starting 2027-01-01, Cowell with
   J2-J4 and drag, fixed 60 s steps (DOP853 kernel), density from the orbit-averaged NRLMSIS 2.1 table.
   Peer: scipy ``solve_ivp`` (DOP853, rtol 1e-10, atol 1e-4) on exactly the same right-hand side and
   table, timed over 20 days and scaled linearly to the same span (the full run takes hours).
   The table build (pymsis calls) is reported on its own row.
2. 10,000 King-Hele lifetimes (altitude 250-700 km x m/CdA 20-400 kg/m^2, 25-year cap, one table).
   Target: >= 1,000 lifetimes per second.  Peer: ``solve_ivp`` (RK45, rtol 1e-8) on the same
   da/dt with a reentry event, 20 cases, scaled to 10,000.
3. Reentry scoring (issue 23): the eight objects of tests/validation/data/reentry, forecasts from the element
   sets known 30, 14, 7, 3 and 1 days before each reentry (B fitted by least squares on the TLE semi-major
   axes with King-Hele's eccentric-orbit decay, then that decay to 120 km at three density scales), scored
   against the published reentry.  No peer (timed alone).
Rows follow the benchmarks/run.py contract (ratio = peer_s / ours_s).
"""

from __future__ import annotations

import math
import time

import numpy as np
from scipy.integrate import solve_ivp

from _timing import best_of


def run() -> list[dict]:
    from spaceplan.core import king_hele_kernel, nrlmsis
    from spaceplan.core import propagator as P
    from spaceplan.core.constants import EARTH_GM
    from spaceplan.core.time import utc_to_tdb
    from spaceplan.station import decay as D
    from spaceplan.station.presets import load_station

    iss = load_station("iss")
    t0 = float(utc_to_tdb("2027-01-01"))
    span = 5 * 365.25 * 86400.0
    t_build = time.perf_counter()
    table = nrlmsis.density_table(t0, t0 + span, 100e3, 500e3, iss.inclination, 50)
    t_build = time.perf_counter() - t_build
    force = P.ForceModel(cd_area=iss.cd_area, density=table)
    r, v = P.circular_state(440e3, iss.inclination)
    P.propagate(r, v, iss.mass_kg, t0, 3600.0, force=force)  # warm-up
    result = {}

    def ours():
        result["tr"] = P.propagate(r, v, iss.mass_kg, t0, span, step=60.0, force=force, output_every=1440,
                                   stop_altitude=D.REENTRY_ALTITUDE)

    t_ours = best_of(ours, 1)
    tr = result["tr"]
    flown_days = (tr.t[-1] - t0) / 86400.0
    f = P.rhs(force)
    y0 = np.concatenate([r, v, [iss.mass_kg]])
    peer_days = 20.0
    t = time.perf_counter()
    solve_ivp(f, (t0, t0 + peer_days * 86400.0), y0, method="DOP853", rtol=1e-10, atol=1e-4)
    t_peer = (time.perf_counter() - t) * flown_days / peer_days

    alt = np.linspace(250e3, 700e3, 100)
    mpa = np.geomspace(20.0, 400.0, 100)
    aa, bb = (x.ravel() for x in np.meshgrid(alt, mpa, indexing="ij"))
    inc = math.radians(51.6)
    re = D.mean_radius(inc)
    lt = nrlmsis.density_table(t0, t0 + 25 * 365.25 * 86400.0, 100e3, 710e3, inc, 50)
    out = np.empty(aa.size)
    rot = D.rotation_factor(aa, inc)
    args = (re + aa, 1.0 / bb, t0, t0 + 25 * 365.25 * 86400.0, D.REENTRY_ALTITUDE, rot, EARTH_GM,
            np.full(aa.size, re), lt.t0, lt.dt, lt.alt, lt.log_rho, 5 * 86400.0, out)
    king_hele_kernel.king_hele_lifetimes(*args)  # warm-up
    t_life = best_of(lambda: king_hele_kernel.king_hele_lifetimes(*args), 3)
    finite = np.isfinite(out)

    def peer_life(k):
        rf, b = float(rot[k]), 1.0 / bb[k]

        def dadt(t, a):
            ak = max(a[0], re + 50e3)  # RK45 trial stages can overshoot below the surface near the end
            return [-rf * float(lt(t, ak - re)) * b * math.sqrt(EARTH_GM * ak)]

        def hit(t, a):
            return a[0] - re - D.REENTRY_ALTITUDE

        hit.terminal = True
        solve_ivp(dadt, (t0, t0 + 25 * 365.25 * 86400.0), [re + aa[k]], rtol=1e-8, events=hit)

    idx = np.linspace(0, aa.size - 1, 20).astype(int)
    t = time.perf_counter()
    for k in idx:
        peer_life(k)
    t_peer_life = (time.perf_counter() - t) * aa.size / len(idx)
    n_obj, n_fc, t_score, hits_7 = _scoring()
    return [
        {"benchmark": f"Reentry scoring, {n_obj} objects x 5 lead times ({n_fc} forecasts)", "ours_s": t_score,
         "peer": None, "peer_s": None, "target": "", "note": f"eccentric B fit + window per forecast, persistence weather; 7 d: {hits_7}"},
        {"benchmark": f"NRLMSIS 2.1 table for 5 years ({table.log_rho.shape[0]} x {table.log_rho.shape[1]} nodes x 8)",
         "ours_s": t_build, "peer": None, "peer_s": None, "target": "", "note": "pymsis calls, once per run"},
        {"benchmark": f"ISS decay 60 s steps, J2-J4 + drag, {flown_days:.0f} d ({'to reentry' if tr.stopped else '5 y'})",
         "ours_s": t_ours, "peer": "scipy solve_ivp DOP853 rtol 1e-10 (20 d, scaled)", "peer_s": t_peer,
         "target": "faster than solve_ivp", "note": f"end {tr.altitude[-1] / 1e3:.0f} km"},
        {"benchmark": f"King-Hele lifetimes, {aa.size:,} (alt x m/CdA), 25 y cap",
         "ours_s": t_life, "peer": "solve_ivp RK45 per case (20 cases, scaled)", "peer_s": t_peer_life,
         "target": ">= 1,000 / s", "note": f"{aa.size / t_life:,.0f} lifetimes/s; {finite.mean():.0%} re-enter"},
    ]


def _scoring() -> tuple[int, int, float, str]:
    """Time the whole validation-set scoring run (every object, every lead time)."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parents[1] / "tests" / "validation"))
    import reentry_cases as rc

    from spaceplan.core.time import utc_to_tdb
    from spaceplan.station.reentry_score import score

    cases = [(rc.history(c), float(utc_to_tdb(c["actual_utc"])), c["uncertainty_days"]) for c in rc.cases()]
    out = {}

    def run_all():
        out["scores"] = [score(h, t, uncertainty_days=u) for h, t, u in cases]

    t = best_of(run_all, 1)
    at_7 = [s.at(7.0) for s in out["scores"] if s.at(7.0) is not None]
    return (len(cases), sum(len(s.scored) for s in out["scores"]), t,
            f"{sum(r.contains for r in at_7)} of {len(at_7)} windows hold the reentry")
