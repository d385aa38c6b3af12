"""Benchmark: one fuel-optimal powered-descent solve with the time-of-flight search, and one convex solve.

Case: Açıkmeşe & Ploen 2007 Mars landing (55 nodes).  Target from the issue: one landing solve (t_f search
included) < 0.5 s.  Peer: Blackmore et al. 2010 / US patent 8,489,260 report 14.3 s for the same case (55
nodes, 23 golden-search iterations, MATLAB + SeDuMi-class solver on a 2.4 GHz MacBook Pro, 2010): a
published time on other hardware, not a same-machine run.
"""

from __future__ import annotations

from _timing import best_of as _best


def run() -> list[dict]:
    from spaceplan.launch.landing import _compiled, _evaluate, landing_propellant, load_case, solve_landing

    p = load_case("mars_acikmese2007")
    q = load_case("mars_blackmore2010_infeasible")
    solve_landing(p)  # compile the cvxpy problems once (kept in a module cache)
    solve_landing(q)
    full = _best(lambda: solve_landing(p), 3)
    sol = solve_landing(p)
    fall = _best(lambda: solve_landing(q), 2)
    c = _compiled(55, "fuel", p)
    one = _best(lambda: _evaluate(c, p, 78.3), 5)
    c30 = _compiled(30, "fuel", p)
    one30 = _best(lambda: _evaluate(c30, p, 78.3), 5)
    landing_propellant(30000.0, 845e3, 338e3, 282.0, 2000.0, -250.0)
    stage = _best(lambda: landing_propellant(30000.0, 845e3, 338e3, 282.0, 2000.0, -250.0), 2)
    return [
        {"benchmark": "landing: Mars fuel-optimal solve with t_f search (55 nodes)", "ours_s": full,
         "peer": "Blackmore et al. 2010 (published, 2010 laptop, MATLAB)", "peer_s": 14.3, "target": "< 0.5 s",
         "note": f"{sol.n_solves} convex solves (coarse 30-node search + final 55-node solve), CLARABEL via cvxpy "
                 "DPP parameters"},
        {"benchmark": "landing: infeasible case, min-landing-error fallback (55 nodes)", "ours_s": fall,
         "peer": "Blackmore et al. 2010 (published, 2010 laptop, MATLAB)", "peer_s": 16.24, "target": "< 1 s",
         "note": "fuel search + landing-error search + fuel at that error"},
        {"benchmark": "landing: one convex solve, 55 nodes (compiled problem, new t_f)", "ours_s": one,
         "peer": None, "peer_s": None, "target": "-", "note": "cvxpy parameter update + CLARABEL"},
        {"benchmark": "landing: one convex solve, 30 nodes (t_f search grid)", "ours_s": one30,
         "peer": None, "peer_s": None, "target": "-", "note": "cvxpy parameter update + CLARABEL"},
        {"benchmark": "landing_propellant: Falcon 9-like 1-D landing burn (40 nodes)", "ours_s": stage,
         "peer": None, "peer_s": None, "target": "-", "note": "used by the recovery modes"},
    ]


if __name__ == "__main__":
    for row in run():
        print(f"{row['benchmark']:<75} {row['ours_s'] * 1e3:9.1f} ms   target {row['target']:<8} {row['note']}")
