"""Numba kernel: atmospheric density from a (time x altitude) table, linear in time and log-linear in altitude.

Shared by the Cowell propagator (:mod:`spaceplan.core.cowell_kernel`), the King-Hele decay
(:mod:`spaceplan.core.king_hele_kernel`) and the NRLMSIS table builder (:mod:`spaceplan.core.nrlmsis`).
"""

from __future__ import annotations

import math

from spaceplan.core.jit import kernel


@kernel(inline=True)
def table_density(t, h, t0, dt, alts, log_rho):
    """Density (kg/m^3) at epoch t (s) and altitude h (m): linear in time, log-linear in altitude.

    Times outside the table hold its first/last row; altitudes outside extrapolate the end segment's
    scale height.  An empty table (no rows) means no atmosphere.
    """
    nt = log_rho.shape[0]
    na = alts.shape[0]
    if nt == 0:
        return 0.0
    s = (t - t0) / dt
    if s <= 0.0:
        i0 = 0
        w = 0.0
    elif s >= nt - 1:
        i0 = nt - 2 if nt > 1 else 0
        w = 1.0 if nt > 1 else 0.0
    else:
        i0 = int(s)
        w = s - i0
    i1 = i0 + 1 if nt > 1 else 0
    j = 0
    if h >= alts[na - 1]:
        j = na - 2
    elif h > alts[0]:
        lo = 0
        hi = na - 1
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if alts[mid] <= h:
                lo = mid
            else:
                hi = mid
        j = lo
    u = (h - alts[j]) / (alts[j + 1] - alts[j])
    a0 = log_rho[i0, j] + u * (log_rho[i0, j + 1] - log_rho[i0, j])
    a1 = log_rho[i1, j] + u * (log_rho[i1, j + 1] - log_rho[i1, j])
    return math.exp(a0 + w * (a1 - a0))
