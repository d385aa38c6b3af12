"""Numba kernel: King-Hele orbit-averaged decay of a near-circular orbit, da/dt = -F rho B sqrt(mu a).

King-Hele (1987) "Satellite Orbits in an Atmosphere"; F is the atmosphere-rotation factor, B = Cd A / m, rho
from a density table (:mod:`spaceplan.core.density_kernel`).  Used by :mod:`spaceplan.station.decay`.
"""

from __future__ import annotations

import math

import numpy as np
from numba import prange

from spaceplan.core.density_kernel import table_density
from spaceplan.core.jit import kernel


@kernel(inline=True)
def _kh_rate(t, a, rot_factor, bc, gm, re, t0, dt, alts, log_rho):
    """King-Hele da/dt = -F rho B sqrt(mu a) for a near-circular orbit."""
    return -rot_factor * table_density(t, a - re, t0, dt, alts, log_rho) * bc * math.sqrt(gm * a)


@kernel(inline=True)
def _kh_step(t, a, t_end, max_step, rot_factor, bc, gm, re, t0, dt, alts, log_rho):
    """One RK4 step of the King-Hele equation; the step is at most ``max_step`` and 500 m of altitude loss
    (a hundredth of a thermospheric scale height or less)."""
    r1 = _kh_rate(t, a, rot_factor, bc, gm, re, t0, dt, alts, log_rho)
    step = min(max_step, 500.0 / max(-r1, 1e-30), t_end - t)
    r2 = _kh_rate(t + 0.5 * step, a + 0.5 * step * r1, rot_factor, bc, gm, re, t0, dt, alts, log_rho)
    r3 = _kh_rate(t + 0.5 * step, a + 0.5 * step * r2, rot_factor, bc, gm, re, t0, dt, alts, log_rho)
    r4 = _kh_rate(t + step, a + step * r3, rot_factor, bc, gm, re, t0, dt, alts, log_rho)
    return a + step * (r1 + 2.0 * r2 + 2.0 * r3 + r4) / 6.0, step


@kernel()
def king_hele_decay(a0, t_start, t_end, h_stop, rot_factor, bc, gm, re, t0, dt, alts, log_rho, max_step, t_out,
                    h_out):
    """Orbit-averaged decay of a near-circular orbit (King-Hele 1987, *Satellite Orbits in an Atmosphere*, e = 0):

        da/dt = -F rho(a) B sqrt(mu a),   B = Cd A / m,  F = (1 - r w cos i / v)^2,

    RK4 on a step limited to ``max_step`` and to 500 m of altitude loss.  Mean altitude is
    a - re (``re`` the orbit-averaged ellipsoid radius).  Stores every step.  Returns (n written, reached
    h_stop, time reached)."""
    a = a0
    t = t_start
    t_out[0] = t
    h_out[0] = a - re
    n = 1
    cap = t_out.shape[0]
    while t < t_end and n < cap:
        a_new, step = _kh_step(t, a, t_end, max_step, rot_factor, bc, gm, re, t0, dt, alts, log_rho)
        if a_new - re <= h_stop:
            frac = (a - re - h_stop) / (a - a_new)  # linear inside a step of <= ~500 m
            t_out[n] = t + frac * step
            h_out[n] = h_stop
            return n + 1, True, t + frac * step
        a = a_new
        t += step
        t_out[n] = t
        h_out[n] = a - re
        n += 1
    return n, False, t


@kernel()
def king_hele_lifetime(a0, bc, t_start, t_cap, h_stop, rot_factor, gm, re, t0, dt, alts, log_rho, max_step):
    """Time (s) from t_start until the King-Hele mean altitude reaches h_stop; inf if not by t_cap."""
    a = a0
    t = t_start
    while t < t_cap:
        a_new, step = _kh_step(t, a, t_cap, max_step, rot_factor, bc, gm, re, t0, dt, alts, log_rho)
        if a_new - re <= h_stop:
            return t + step * (a - re - h_stop) / (a - a_new) - t_start
        a = a_new
        t += step
    return np.inf


@kernel(parallel=True)
def king_hele_lifetimes(a0, bc, t_start, t_cap, h_stop, rot_factor, gm, re, t0, dt, alts, log_rho, max_step, out):
    """:func:`king_hele_lifetime` for many (a0, B, F, re) in parallel."""
    for i in prange(a0.shape[0]):
        out[i] = king_hele_lifetime(a0[i], bc[i], t_start, t_cap, h_stop, rot_factor[i], gm, re[i], t0, dt, alts,
                                    log_rho, max_step)
