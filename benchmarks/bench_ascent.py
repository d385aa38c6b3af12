"""Benchmark: one payload optimisation (Falcon 9, 200 x 200 km at 28.5 deg from Cape Canaveral), one ascent.

Target from the issue: one payload optimisation < 5 s.  No same-machine peer library does a guidance-free
3-DOF payload optimisation; the peer column is left empty.  The single-ascent row shows the cost of one
simulation (numba RK4, 1 s step) that the SLSQP optimizer calls a few hundred times.
"""

from __future__ import annotations

from _timing import best_of as _best


def run() -> list[dict]:
    from spaceplan.launch.ascent import parse_orbit, simulate_ascent
    from spaceplan.launch.payload import optimize_payload
    from spaceplan.launch.recovery import payload_with_recovery
    from spaceplan.launch.vehicles import load_vehicle

    v = load_vehicle("falcon9")
    leo = parse_orbit("200x200", 28.5)
    gto = parse_orbit("gto", 28.5)
    res = optimize_payload(v, leo)  # JIT compile / load the numba cache
    opt = _best(lambda: optimize_payload(v, leo), 3)
    opt_gto = _best(lambda: optimize_payload(v, gto), 3)
    g = res.guidance
    one = _best(lambda: simulate_ascent(v, res.payload_kg, "cape-canaveral", leo, g, record=False), 20)
    ds = _best(lambda: payload_with_recovery(v, gto, mode="droneship"), 1)
    return [
        {"benchmark": "ascent: Falcon 9 payload optimisation, LEO 200 km 28.5 deg", "ours_s": opt, "peer": None,
         "peer_s": None, "target": "< 5 s", "note": f"{res.evaluations} ascents, grid seed + SLSQP + polish"},
        {"benchmark": "ascent: Falcon 9 payload optimisation, GTO 185x35786 km", "ours_s": opt_gto, "peer": None,
         "peer_s": None, "target": "< 5 s", "note": "two-burn energy cutoff"},
        {"benchmark": "ascent: one 3-DOF ascent simulation (no recording)", "ours_s": one, "peer": None,
         "peer_s": None, "target": "-", "note": "numba RK4, 1 s step, ~550 s of flight"},
        {"benchmark": "ascent: GTO payload with drone-ship recovery (reserve iteration)", "ours_s": ds, "peer": None,
         "peer_s": None, "target": "-",
         "note": "expendable + ~6 re-optimisations (bracket, then Brent on the reserve) + descent/landing burns"},
    ]


if __name__ == "__main__":
    for row in run():
        print(f"{row['benchmark']:<70} {row['ours_s'] * 1e3:9.1f} ms   target {row['target']:<6} {row['note']}")
