"""Solve one Sims-Flanagan leg with pykep 3's ``leg.sims_flanagan`` (run inside the peer env).

Usage: ``python sf_pykep.py PROBLEM.json``; prints one JSON line.  The problem (SI): rvs, rvf (start
and end states, 2 x 3), ms (initial mass), max_thrust, isp, mu, tof, nseg, and optionally throttles
(a fixed control to evaluate: then only the leg's mismatch is returned).  The optimisation is ours
(scipy SLSQP, the decision vector [throttles, mf], 2-point finite differences, |u_i| <= 1, maximum mf);
the leg model, propagation and mismatch constraints are pykep's (C++ kep3).  Same formulation as
spaceplan.propulsion.sims_flanagan with zero v-infinity at both ends, independent code.

pykep 3.0.1's wheel lacks ``pykep/trajopt/gym/tops/*.json``: a dummy ``pykep.trajopt`` module
registered before the import avoids the import error (trajopt is not used).  Measured on 3.0.1: the
leg's mass update is m *= exp(-|dv| / isp) (no g0; positions and velocities agree with ours to the
metre for the same controls), so the Isp is passed as isp * g0 to fly the same engine.  The interpreter
can abort in pykep's teardown after the result is printed: the script leaves with os._exit(0).
``x0`` in the problem (scaled [throttles, mf/ms]) is the starting point; default coast at full mass."""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # SLSQP's small QPs: a BLAS thread pool only slows them
os.environ.setdefault("OMP_NUM_THREADS", "1")

import json
import sys
import time
import types
from importlib.metadata import version

import numpy as np

_dummy = types.ModuleType("pykep.trajopt")
_dummy.mim_from_hop = None
sys.modules.setdefault("pykep.trajopt", _dummy)
import pykep as pk  # noqa: E402

G0 = 9.80665
from scipy.optimize import minimize  # noqa: E402


def main():
    p = json.load(open(sys.argv[1]))
    n, ms, tof = int(p["nseg"]), float(p["ms"]), float(p["tof"])
    AU, VU = 149597870700.0, np.sqrt(p["mu"] / 149597870700.0)
    scale = np.array([AU] * 3 + [VU] * 3 + [ms])

    def leg(x):
        return pk.leg.sims_flanagan(p["rvs"], ms, list(x[:-1]), p["rvf"], float(x[-1]) * ms, tof,
                                    p["max_thrust"], p["isp"] * G0, p["mu"], 0.5)

    if "throttles" in p:
        x = np.concatenate([np.ravel(p["throttles"]), [p["mf"] / ms]])
        print(json.dumps({"mismatch": list(np.array(leg(x).compute_mismatch_constraints()))}), flush=True)
        return
    eq = lambda x: np.array(leg(x).compute_mismatch_constraints()) / scale  # noqa: E731
    ineq = lambda x: 1.0 - np.sum(x[:-1].reshape(n, 3) ** 2, axis=1)  # noqa: E731
    x0 = np.asarray(p["x0"], float) if "x0" in p else np.concatenate([np.zeros(3 * n), [1.0]])
    t0 = time.perf_counter()
    res = minimize(lambda x: -x[-1], x0, method="SLSQP", bounds=[(-1, 1)] * (3 * n) + [(1e-3, 1.0)],
                   constraints=[{"type": "eq", "fun": eq}, {"type": "ineq", "fun": ineq}],
                   options={"maxiter": 1000, "ftol": 1e-10})
    seconds = time.perf_counter() - t0
    mism = eq(res.x)
    print(json.dumps({"peer": "pykep leg.sims_flanagan + scipy SLSQP", "version": version("pykep"),
                      "mf": float(res.x[-1] * ms), "propellant": float(ms - res.x[-1] * ms), "nit": int(res.nit),
                      "success": bool(res.success), "max_scaled_mismatch": float(np.max(np.abs(mism))),
                      "min_throttle_margin": float(np.min(ineq(res.x))), "seconds": seconds}), flush=True)


if __name__ == "__main__":
    main()
    os._exit(0)
