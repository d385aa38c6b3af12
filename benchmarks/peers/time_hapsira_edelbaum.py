"""Time hapsira 0.18.0's Edelbaum/Kechichian ``core.thrust.change_a_inc.extra_quantities`` (delta-v and
time of flight) called in a numba loop, single thread (run inside .venv-hapsira).

Usage: ``python time_hapsira_edelbaum.py PROBLEMS.npz OUT.npz REPEATS`` with a0, af [km], di [rad],
f [km/s^2], k [km^3/s^2]; saves dv [km/s], tf [s]; prints one JSON line.  hapsira divides by
tan(pi/2 di + beta0) and returns |Vf - V0| only for di == 0 exactly (poliastro issue #1384's fix)."""

import json
import sys
import time
from importlib.metadata import version

import numpy as np
from hapsira.core.thrust.change_a_inc import extra_quantities
from numba import njit


@njit
def _loop(k, a0, af, di, f, dv, tf):
    for i in range(a0.shape[0]):
        dv[i], tf[i] = extra_quantities(k, a0[i], af[i], 0.0, di[i], f[i])


def main():
    d = np.load(sys.argv[1])
    a0, af, di, f, k = d["a0"], d["af"], d["di"], d["f"], float(d["k"])
    dv, tf = np.empty_like(a0), np.empty_like(a0)
    _loop(k, a0[:10], af[:10], di[:10], f[:10], dv[:10], tf[:10])  # compile
    best = float("inf")
    for _ in range(int(sys.argv[3])):
        t0 = time.perf_counter()
        _loop(k, a0, af, di, f, dv, tf)
        best = min(best, time.perf_counter() - t0)
    np.savez(sys.argv[2], dv=dv, tf=tf)
    print(json.dumps({"peer": "hapsira change_a_inc.extra_quantities", "version": version("hapsira"),
                      "seconds": best, "n": int(a0.size)}))


if __name__ == "__main__":
    main()
