"""Benchmark: propulsion (issue 10).

* Edelbaum batch, 10^6 transfers: ``spaceplan.propulsion.edelbaum`` (numpy, vectorized) vs hapsira 0.18.0's
  ``extra_quantities`` in a numba loop (own env); values compared;
* one spiral escape (TEM official, 0.5 MWe, 800 km, 23.4 t, mass decreasing): our numba RK4 kernel vs scipy
  ``solve_ivp`` (DOP853, rtol 1e-10, energy event); delta-v, time and propellant compared;
* one Sims-Flanagan Earth-Mars leg (the pykep validation problem): ours vs pykep 3.0.1's
  ``leg.sims_flanagan`` driven by scipy SLSQP (``peers/sf_pykep.py``); propellant compared;
* a 20-point Earth-Mars low-thrust time-of-flight sweep (TEM claimed, 1 MWe, 20 t cargo), target < 30 s.
"""

from __future__ import annotations

import json
import math
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import best_of  # noqa: E402
from peers.envs import PeerUnavailable, run_script  # noqa: E402


def _edelbaum_rows():
    from spaceplan.propulsion.edelbaum import edelbaum

    n = 1_000_000
    rng = np.random.default_rng(10)
    a0 = rng.uniform(6700.0, 8000.0, n)
    af = rng.uniform(9000.0, 45000.0, n)
    di = np.radians(rng.uniform(0.0, 60.0, n))
    f = rng.uniform(1e-7, 1e-6, n)
    k = 398600.4418
    ours = best_of(lambda: edelbaum(a0 * 1e3, af * 1e3, di, f * 1e3, k * 1e9), 5)
    t = edelbaum(a0 * 1e3, af * 1e3, di, f * 1e3, k * 1e9)
    row = {"benchmark": "Edelbaum batch, 10^6 transfers (numpy)", "ours_s": ours, "target": "-"}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            prob, out = Path(tmp) / "p.npz", Path(tmp) / "o.npz"
            np.savez(prob, a0=a0, af=af, di=di, f=f, k=k)
            info = json.loads(run_script("hapsira", "time_hapsira_edelbaum.py", str(prob), str(out), "3"))
            peer = np.load(out)
            diff = float(np.max(np.abs(peer["dv"] * 1e3 - t.dv_m_s) / t.dv_m_s))
        row.update(peer=f"hapsira {info['version']} extra_quantities (numba loop)", peer_s=info["seconds"],
                   note=f"max rel. dv difference {diff:.1e}")
    except PeerUnavailable as exc:
        row.update(peer="hapsira", peer_s=None, note=f"unavailable: {exc}")
    return [row]


def _spiral_rows():
    from scipy.integrate import solve_ivp

    from spaceplan.core.constants import EARTH_GM, EARTH_RADIUS
    from spaceplan.propulsion.presets import load_vehicle
    from spaceplan.propulsion.spiral import spiral_escape

    v = load_vehicle("zeus-official")
    r0, m0, F, c = EARTH_RADIUS + 800e3, v.wet_mass_kg() + 7000.0, v.thrust_n, v.exhaust_speed_m_s
    spiral_escape("earth", r0, F, c, m0)  # warm (JIT cache)
    ours = best_of(lambda: spiral_escape("earth", r0, F, c, m0), 3)
    res = spiral_escape("earth", r0, F, c, m0)

    def rhs(t, y):
        x, yy, vx, vy, m = y
        r3 = (x * x + yy * yy) ** 1.5
        vn = math.hypot(vx, vy)
        a = F / m
        return [vx, vy, -EARTH_GM * x / r3 + a * vx / vn, -EARTH_GM * yy / r3 + a * vy / vn, -F / c]

    def energy(t, y):
        return 0.5 * (y[2] ** 2 + y[3] ** 2) - EARTH_GM / math.hypot(y[0], y[1])

    energy.terminal, energy.direction = True, 1
    y0 = [r0, 0.0, 0.0, math.sqrt(EARTH_GM / r0), m0]
    t0 = time.perf_counter()
    sol = solve_ivp(rhs, (0, 1e9), y0, method="DOP853", rtol=1e-10, atol=[1e-3, 1e-3, 1e-6, 1e-6, 1e-6],
                    events=energy)
    peer = time.perf_counter() - t0
    m_end = sol.y_events[0][0][4]
    dv_ref = c * math.log(m0 / m_end)
    t_ref = sol.t_events[0][0]
    return [{"benchmark": f"spiral escape 0.5 MWe TEM, {res.revolutions:.0f} revolutions", "ours_s": ours,
             "peer": "scipy solve_ivp DOP853 rtol 1e-10", "peer_s": peer, "target": "-",
             "note": f"dv {res.dv_m_s:.2f} vs {dv_ref:.2f} m/s, time {res.time_s / 86400:.3f} vs {t_ref / 86400:.3f} d"}]


def _sf_rows():
    from spaceplan.core.constants import DAY, SUN
    from spaceplan.core.time import utc_to_tdb
    from spaceplan.propulsion.presets import load_vehicle
    from spaceplan.propulsion.sims_flanagan import LowThrustSpacecraft, _states, solve_leg, tof_sweep

    t0, tof = float(utc_to_tdb("2028-09-01")), 400 * DAY
    sc = LowThrustSpacecraft(0.6, 3000.0, 1500.0)
    solve_leg("earth", "mars", t0, tof, sc, 20)
    ours = best_of(lambda: solve_leg("earth", "mars", t0, tof, sc, 20), 3)
    leg = solve_leg("earth", "mars", t0, tof, sc, 20)
    row = {"benchmark": "Sims-Flanagan Earth-Mars leg, 20 segments (SLSQP)", "ours_s": ours, "target": "-"}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            rd, vd, ra, va = _states("earth", "mars", t0, tof)
            prob = Path(tmp) / "sf.json"
            prob.write_text(json.dumps({"rvs": [rd.tolist(), vd.tolist()], "rvf": [ra.tolist(), va.tolist()],
                                        "ms": 1500.0, "max_thrust": 0.6, "isp": 3000.0, "mu": SUN.gm, "tof": tof,
                                        "nseg": 20}))
            info = json.loads(run_script("peers", "sf_pykep.py", str(prob)))
        row.update(peer=f"pykep {info['version']} leg.sims_flanagan + SLSQP (FD)", peer_s=info["seconds"],
                   note=f"propellant {leg.propellant_kg:.3f} vs {info['propellant']:.3f} kg "
                        f"({abs(leg.propellant_kg / info['propellant'] - 1):.1e})")
    except PeerUnavailable as exc:
        row.update(peer="pykep", peer_s=None, note=f"unavailable: {exc}")
    v = load_vehicle("zeus")
    zsc = LowThrustSpacecraft.from_vehicle(v, v.wet_mass_kg() + 20_000.0)
    tofs = np.arange(780, 399, -20) * DAY
    t1 = time.perf_counter()
    legs = tof_sweep("earth", "mars", t0, tofs, zsc, 12)
    sweep = time.perf_counter() - t1
    ok = [x for x in legs if x.feasible]
    best = min(ok, key=lambda x: x.propellant_kg) if ok else None
    note = (f"{len(ok)}/{len(legs)} feasible; least propellant {best.propellant_kg:,.0f} kg at "
            f"{best.tof_s / DAY:.0f} d") if best else "none feasible"
    return [row, {"benchmark": "20-point Earth-Mars TOF sweep 400-780 d, TEM 1 MWe + 20 t, 12 segments",
                  "ours_s": sweep, "target": "< 30 s", "note": note}]


def run() -> list[dict]:
    return _edelbaum_rows() + _spiral_rows() + _sf_rows()


if __name__ == "__main__":
    for r in run():
        print(r)
