"""Numba kernels of spaceplan.propulsion: the tangential-thrust spiral and the Sims-Flanagan leg."""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from spaceplan.core._kernels import kepler_universal


@njit(cache=True)
def _deriv(s, mu, thrust, mdot, out):
    x, y, vx, vy, m = s[0], s[1], s[2], s[3], s[4]
    r = math.sqrt(x * x + y * y)
    v = math.sqrt(vx * vx + vy * vy)
    g = -mu / (r * r * r)
    a = thrust / m
    out[0] = vx
    out[1] = vy
    out[2] = g * x + a * vx / v
    out[3] = g * y + a * vy / v
    out[4] = -mdot
    out[5] = a


@njit(cache=True)
def _rk4(s, dt, mu, thrust, mdot, out, k1, k2, k3, k4, tmp):
    _deriv(s, mu, thrust, mdot, k1)
    for j in range(6):
        tmp[j] = s[j] + 0.5 * dt * k1[j]
    _deriv(tmp, mu, thrust, mdot, k2)
    for j in range(6):
        tmp[j] = s[j] + 0.5 * dt * k2[j]
    _deriv(tmp, mu, thrust, mdot, k3)
    for j in range(6):
        tmp[j] = s[j] + dt * k3[j]
    _deriv(tmp, mu, thrust, mdot, k4)
    for j in range(6):
        out[j] = s[j] + dt / 6.0 * (k1[j] + 2.0 * k2[j] + 2.0 * k3[j] + k4[j])


@njit(cache=True)
def _energy(s, mu):
    return 0.5 * (s[2] * s[2] + s[3] * s[3]) - mu / math.sqrt(s[0] * s[0] + s[1] * s[1])


@njit(cache=True)
def spiral_escape(mu, r0, m0, thrust, mdot, energy_target, h, max_steps, m_min, belts, rec, info):
    """Tangential thrust from a circular orbit r0 until the specific energy reaches ``energy_target``.

    RK4 with the step h * sqrt(r^3/mu) (h rad of mean motion); the last step is cut by bisection so the
    energy ends on target.  ``mdot`` may be negative (capture run backwards in time: mass grows).
    belts = [r_in_lo, r_in_hi, r_out_lo, r_out_hi] (time spent inside each radius band is summed).
    rec: (K, 5) buffer of (t, x, y, m, dv); when full it is thinned by 2 and the stride doubles.
    info (out): t, dv, m, x, y, vx, vy, t_inner, t_outer, n_rec, steps, status (0 ok, 1 max_steps,
    2 mass fell to m_min: propellant exhausted)."""
    s = np.zeros(6)
    s[0] = r0
    s[3] = math.sqrt(mu / r0)
    s[4] = m0
    nxt = np.zeros(6)
    k1 = np.zeros(6)
    k2 = np.zeros(6)
    k3 = np.zeros(6)
    k4 = np.zeros(6)
    tmp = np.zeros(6)
    t = 0.0
    t_in = 0.0
    t_out = 0.0
    cap = rec.shape[0]
    n_rec = 0
    stride = 1
    status = 1
    steps = 0
    for step in range(max_steps):
        if step % stride == 0:
            if n_rec == cap:
                for q in range(cap // 2):
                    for j in range(5):
                        rec[q, j] = rec[2 * q, j]
                n_rec = cap // 2
                stride *= 2
            if step % stride == 0:
                rec[n_rec, 0] = t
                rec[n_rec, 1] = s[0]
                rec[n_rec, 2] = s[1]
                rec[n_rec, 3] = s[4]
                rec[n_rec, 4] = s[5]
                n_rec += 1
        r = math.sqrt(s[0] * s[0] + s[1] * s[1])
        dt = h * math.sqrt(r * r * r / mu)
        _rk4(s, dt, mu, thrust, mdot, nxt, k1, k2, k3, k4, tmp)
        steps += 1
        if nxt[4] <= m_min:
            status = 2
            break
        if _energy(nxt, mu) >= energy_target:
            lo = 0.0
            hi = dt
            for _ in range(60):
                mid = 0.5 * (lo + hi)
                _rk4(s, mid, mu, thrust, mdot, nxt, k1, k2, k3, k4, tmp)
                if _energy(nxt, mu) >= energy_target:
                    hi = mid
                else:
                    lo = mid
            _rk4(s, hi, mu, thrust, mdot, nxt, k1, k2, k3, k4, tmp)
            dt = hi
            status = 0
        if belts[0] <= r < belts[1]:
            t_in += dt
        elif belts[2] <= r < belts[3]:
            t_out += dt
        t += dt
        for j in range(6):
            s[j] = nxt[j]
        if status == 0:
            break
    if n_rec < cap:
        rec[n_rec, 0] = t
        rec[n_rec, 1] = s[0]
        rec[n_rec, 2] = s[1]
        rec[n_rec, 3] = s[4]
        rec[n_rec, 4] = s[5]
        n_rec += 1
    info[0] = t
    info[1] = s[5]
    info[2] = s[4]
    info[3] = s[0]
    info[4] = s[1]
    info[5] = s[2]
    info[6] = s[3]
    info[7] = t_in
    info[8] = t_out
    info[9] = n_rec
    info[10] = steps
    info[11] = status
