"""Time hapsira 0.18.0 ``hapsira.core.iod.izzo`` called in a numba loop (single thread)."""

from importlib.metadata import version

import numpy as np
from _common import best_of, load, report
from hapsira.core.iod import izzo
from numba import njit


@njit
def solve_all(r1, r2, tof, mu, v1):
    for i in range(r1.shape[0]):
        a, _ = izzo(mu, r1[i], r2[i], tof[i], 0, True, True, 35, 1e-8)
        v1[i] = a


def main():
    r1, r2, tof, mu, out, repeats = load()
    v1 = np.full(r1.shape, np.nan)
    solve_all(r1[:10], r2[:10], tof[:10], mu, v1[:10])  # compile
    seconds, _ = best_of(lambda: solve_all(r1, r2, tof, mu, v1), repeats)
    report("hapsira core.iod.izzo", version("hapsira"), seconds, v1, out)


if __name__ == "__main__":
    main()
