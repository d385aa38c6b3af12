"""Numba kernel: Cowell propagation with zonal harmonics J2-J4, drag from a density table and thrust arcs.

Used by :mod:`spaceplan.core.propagator`.  State y = (x, y, z, vx, vy, vz, m) in an Earth-centred frame whose
z axis is the rotation axis (precession/nutation neglected over the spans propagated here); fixed-step
Dormand-Prince 8(5,3) (Hairer, Norsett & Wanner 1993) with the tableau passed in.
"""

from __future__ import annotations

import math

import numpy as np

from spaceplan.core.density_kernel import table_density
from spaceplan.core.jit import kernel


@kernel(inline=True)
def ellipsoid_altitude(x, y, z, re, flattening):
    """Height above the reference ellipsoid to first order in the flattening (error < 20 m in LEO)."""
    r = math.sqrt(x * x + y * y + z * z)
    s2 = (z / r) ** 2
    return r - re * (1.0 - flattening * s2)


@kernel()
def cowell_rhs(t, y, gm, re, flat, j2, j3, j4, omega, cda, t0, dt, alts, log_rho, burns, g0, out):
    """dy/dt: point mass + J2, J3, J4 (Vallado 2013 eqs. 8-30), drag, thrust along +-velocity."""
    x, yy, z = y[0], y[1], y[2]
    vx, vy, vz = y[3], y[4], y[5]
    m = y[6]
    r2 = x * x + yy * yy + z * z
    r = math.sqrt(r2)
    zr2 = z * z / r2
    mu_r3 = gm / (r2 * r)
    ax = -mu_r3 * x
    ay = -mu_r3 * yy
    az = -mu_r3 * z
    # J2
    k2 = -1.5 * j2 * gm * re * re / (r2 * r2 * r)
    ax += k2 * x * (1.0 - 5.0 * zr2)
    ay += k2 * yy * (1.0 - 5.0 * zr2)
    az += k2 * z * (3.0 - 5.0 * zr2)
    # J3
    k3 = -2.5 * j3 * gm * re ** 3 / (r2 * r2 * r2 * r)
    f3 = 3.0 * z - 7.0 * z * zr2
    ax += k3 * x * f3
    ay += k3 * yy * f3
    az += k3 * (6.0 * z * z - 7.0 * z * z * zr2 - 0.6 * r2)
    # J4
    k4 = 1.875 * j4 * gm * re ** 4 / (r2 * r2 * r2 * r)
    f4 = 1.0 - 14.0 * zr2 + 21.0 * zr2 * zr2
    ax += k4 * x * f4
    ay += k4 * yy * f4
    az += k4 * z * (5.0 - 70.0 / 3.0 * zr2 + 21.0 * zr2 * zr2)
    # drag, atmosphere co-rotating with the Earth
    if cda > 0.0 and log_rho.shape[0] > 0:
        h = ellipsoid_altitude(x, yy, z, re, flat)
        rho = table_density(t, h, t0, dt, alts, log_rho)
        wx = vx + omega * yy
        wy = vy - omega * x
        wz = vz
        vrel = math.sqrt(wx * wx + wy * wy + wz * wz)
        kd = -0.5 * rho * cda * vrel / m
        ax += kd * wx
        ay += kd * wy
        az += kd * wz
    mdot = 0.0
    for b in range(burns.shape[0]):
        if burns[b, 0] <= t < burns[b, 1]:
            v = math.sqrt(vx * vx + vy * vy + vz * vz)
            kt = burns[b, 2] / (m * v)
            ax += kt * vx
            ay += kt * vy
            az += kt * vz
            mdot -= abs(burns[b, 2]) / (burns[b, 3] * g0)
    out[0] = vx
    out[1] = vy
    out[2] = vz
    out[3] = ax
    out[4] = ay
    out[5] = az
    out[6] = mdot


@kernel()
def _dop853_step(t, y, h, A, B, C, k, ytmp, gm, re, flat, j2, j3, j4, omega, cda, t0, dt, alts, log_rho, burns,
                 g0, y_out):
    """One fixed step of the 12-stage, 8th-order Dormand-Prince (DOP853) formula."""
    n = y.shape[0]
    for s in range(12):
        for i in range(n):
            acc = y[i]
            for j in range(s):
                acc += h * A[s, j] * k[j, i]
            ytmp[i] = acc
        cowell_rhs(t + C[s] * h, ytmp, gm, re, flat, j2, j3, j4, omega, cda, t0, dt, alts, log_rho, burns, g0, k[s])
    for i in range(n):
        acc = y[i]
        for s in range(12):
            acc += h * B[s] * k[s, i]
        y_out[i] = acc


@kernel()
def propagate_fixed(y0, t_start, h, n_steps, out_every, h_stop, A, B, C, gm, re, flat, j2, j3, j4, omega, cda, t0,
                    dt, alts, log_rho, burns, g0, t_out, y_out, hmean_out):
    """Fixed-step DOP853 from t_start; every ``out_every`` steps store the state and the mean altitude since the
    last output.  Stops at the first crossing of altitude ``h_stop`` downwards, located by bisection on
    re-integrated partial steps (to 1 ms).  Returns (number of outputs written, event flag, event time)."""
    n = y0.shape[0]
    y = y0.copy()
    y_new = np.empty(n)
    yb = np.empty(n)
    k = np.empty((12, n))
    ytmp = np.empty(n)
    t = t_start
    h_prev = ellipsoid_altitude(y[0], y[1], y[2], re, flat)
    acc = 0.0
    cnt = 0
    n_out = 0
    for step in range(n_steps):
        _dop853_step(t, y, h, A, B, C, k, ytmp, gm, re, flat, j2, j3, j4, omega, cda, t0, dt, alts, log_rho, burns,
                     g0, y_new)
        h_new = ellipsoid_altitude(y_new[0], y_new[1], y_new[2], re, flat)
        if h_new < h_stop <= h_prev or y_new[6] <= 0.0:
            lo = 0.0
            hi = h
            for _ in range(60):
                mid = 0.5 * (lo + hi)
                _dop853_step(t, y, mid, A, B, C, k, ytmp, gm, re, flat, j2, j3, j4, omega, cda, t0, dt, alts,
                             log_rho, burns, g0, yb)
                if ellipsoid_altitude(yb[0], yb[1], yb[2], re, flat) < h_stop:
                    hi = mid
                else:
                    lo = mid
                if hi - lo < 1e-3:
                    break
            _dop853_step(t, y, hi, A, B, C, k, ytmp, gm, re, flat, j2, j3, j4, omega, cda, t0, dt, alts, log_rho,
                         burns, g0, yb)
            t_out[n_out] = t + hi
            for i in range(n):
                y_out[n_out, i] = yb[i]
            hmean_out[n_out] = (acc + h_stop) / (cnt + 1)
            return n_out + 1, True, t + hi
        t = t_start + (step + 1) * h
        for i in range(n):
            y[i] = y_new[i]
        h_prev = h_new
        acc += h_new
        cnt += 1
        if cnt == out_every:
            t_out[n_out] = t
            for i in range(n):
                y_out[n_out, i] = y[i]
            hmean_out[n_out] = acc / cnt
            n_out += 1
            acc = 0.0
            cnt = 0
    if cnt > 0:
        t_out[n_out] = t
        for i in range(n):
            y_out[n_out, i] = y[i]
        hmean_out[n_out] = acc / cnt
        n_out += 1
    return n_out, False, t
