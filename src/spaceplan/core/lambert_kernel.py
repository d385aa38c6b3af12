"""Numba kernel: Izzo's (2015) solver of Lambert's problem, scalar and batch.

D. Izzo, "Revisiting Lambert's problem", Celest. Mech. Dyn. Astr. 121:1-15 (2015).
Non-dimensional variables lambda (eq. 5-7), x with y = sqrt(1 - lambda^2 (1 - x^2)), time of flight T(x) from
Lagrange (eq. 9) / Battin's hypergeometric series near x = 1 (eq. 20), derivatives dT/dx ... d3T/dx3 (eq. 22),
initial guesses (eq. 30, 31), Householder 3rd-order iterations, and the minimum T of the M-revolution branch by
Halley's method on dT/dx = 0 (section 3).  Allocation-free in the hot path, so other kernels (porkchop grids,
round-trip searches) call :func:`lambert_izzo` directly.  The public wrapper is :mod:`spaceplan.core.lambert`.

Status codes (mirrored by ``spaceplan.core.lambert.LambertStatus``):
  0 OK, 1 NO_SOLUTION, 2 DEGENERATE, 3 BAD_TOF, 4 NOT_CONVERGED, 5 UNPHYSICAL (batch API only:
  tof below ``MIN_TOF_S`` or a speed above ``MAX_SPEED`` = 0.1 c; the scalar kernels used by the
  porkchop grid do not return it).
"""

from __future__ import annotations

import math

import numpy as np
from numba import prange

from spaceplan.core.constants import C_LIGHT
from spaceplan.core.jit import kernel

OK = 0
NO_SOLUTION = 1
DEGENERATE = 2
BAD_TOF = 3
NOT_CONVERGED = 4
UNPHYSICAL = 5

#: Below this time of flight (s) a transfer is flagged UNPHYSICAL: no spacecraft, no ephemeris or
#: clock resolves it, and Izzo's non-dimensional T -> 0 drives x far out on the hyperbolic branch.
MIN_TOF_S = 1.0e-3
#: Speed limit of a meaningful Newtonian transfer: 0.1 c (constants.C_LIGHT).  Above it the
#: relativistic correction ~(v/c)^2 exceeds 1 %, and |v| >= c is plainly impossible; in the 10^6
#: random geometries of tests/fuzz the only solutions Kepler could not confirm to 1e-8 flew > 0.17 c.
MAX_SPEED = 0.1 * C_LIGHT

#: A transfer is flagged DEGENERATE when sin(transfer angle) < this (plane undefined):
#: 0 deg / 180 deg within about 1e-8 rad (2 milli-arcsec), or coincident positions.
DEGENERATE_SIN_TOL = 1e-8

_MAXITER = 35
_HALLEY_TOL = 1e-13


@kernel(fastmath=True, inline=True)
def _hyp2f1b(x):
    """Gauss hypergeometric 2F1(3, 1, 5/2, x) by its series (Izzo 2015 eq. 20, Battin)."""
    if x >= 1.0:
        return np.inf
    res = 1.0
    term = 1.0
    ii = 0.0
    while True:
        term = term * (3.0 + ii) * (1.0 + ii) / (2.5 + ii) * x / (ii + 1.0)
        res_old = res
        res += term
        if res_old == res:
            return res
        ii += 1.0


@kernel(fastmath=True, inline=True)
def _tof(x, y, lam, m):
    """Non-dimensional time of flight T(x) (Izzo 2015 eq. 9, with eq. 20 near x = 1)."""
    if m == 0 and 0.7745966692414834 < x < 1.1832159566199232:  # sqrt(0.6) < x < sqrt(1.4)
        eta = y - lam * x
        s1 = (1.0 - lam - x * eta) * 0.5
        q = 4.0 / 3.0 * _hyp2f1b(s1)
        return (eta * eta * eta * q + 4.0 * lam * eta) * 0.5
    one_m_x2 = 1.0 - x * x
    if x < 1.0:
        psi = math.acos(min(1.0, max(-1.0, x * y + lam * one_m_x2)))
    elif x > 1.0:
        psi = math.asinh((y - x * lam) * math.sqrt(-one_m_x2))
    else:
        psi = 0.0
    return ((psi + m * math.pi) / math.sqrt(abs(one_m_x2)) - x + lam * y) / one_m_x2


@kernel(fastmath=True, inline=True)
def _dtdx(x, y, t, lam):
    """First three derivatives of T(x) (Izzo 2015 eq. 22)."""
    l2 = lam * lam
    l3 = l2 * lam
    umx2 = 1.0 - x * x
    y3 = y * y * y
    d1 = (3.0 * t * x - 2.0 + 2.0 * l3 * x / y) / umx2
    d2 = (3.0 * t + 5.0 * x * d1 + 2.0 * (1.0 - l2) * l3 / y3) / umx2
    d3 = (7.0 * x * d2 + 8.0 * d1 - 6.0 * (1.0 - l2) * l2 * l3 * x / (y3 * y * y)) / umx2
    return d1, d2, d3


@kernel(fastmath=True)
def _tmin(lam, m):
    """Minimum non-dimensional time of flight of the m-revolution branch (Halley on dT/dx = 0).

    Returns (T_min, converged)."""
    if lam == 1.0:
        return _tof(0.0, 1.0, lam, m), True
    x0 = 0.1
    y = math.sqrt(1.0 - lam * lam * (1.0 - x0 * x0))
    t = _tof(x0, y, lam, m)
    for _ in range(_MAXITER):
        d1, d2, d3 = _dtdx(x0, y, t, lam)
        if d2 == 0.0:
            return np.nan, False
        x = x0 - 2.0 * d1 * d2 / (2.0 * d2 * d2 - d1 * d3)
        if not (-1.0 < x < 1.0):
            x = 0.5 * (x0 + (1.0 if x >= 1.0 else -1.0))
        y = math.sqrt(1.0 - lam * lam * (1.0 - x * x))
        t = _tof(x, y, lam, m)
        if abs(x - x0) < _HALLEY_TOL:
            return t, True
        x0 = x
    return t, False


@kernel(fastmath=True, inline=True)
def _householder(x0, t_target, lam, m, step_tol):
    """Householder 3rd-order iterations on T(x) - T* (Izzo 2015 section 3).

    Stops after the first step smaller than ``step_tol``: with cubic convergence the error
    after that step is ~step_tol**3 (guarded by a final correction step)."""
    for _ in range(_MAXITER):
        y = math.sqrt(1.0 - lam * lam * (1.0 - x0 * x0))
        t = _tof(x0, y, lam, m)
        f = t - t_target
        d1, d2, d3 = _dtdx(x0, y, t, lam)
        f1s = d1 * d1
        x = x0 - f * ((f1s - 0.5 * f * d2) / (d1 * (f1s - f * d2) + d3 * f * f / 6.0))
        if not math.isfinite(x):
            return x, False
        if abs(x - x0) < step_tol:
            return x, True
        x0 = x
    return x0, False


@kernel(fastmath=True, inline=True)
def _izzo_core(r1x, r1y, r1z, r2x, r2y, r2z, tof, mu, revs, prograde, low_path):
    """Izzo (2015) Lambert solver on scalars.

    Returns (status, v1x, v1y, v1z, v2x, v2y, v2z); velocities are NaN unless status == OK.
    ``prograde`` means angular momentum along +z of the input frame; ``low_path`` chooses
    between the two M >= 1 solutions (True: x from max of the two initial guesses, the
    lamberthub / poliastro convention)."""
    nan = np.nan
    if not (tof > 0.0) or not math.isfinite(tof):
        return BAD_TOF, nan, nan, nan, nan, nan, nan
    if not (mu > 0.0) or revs < 0:
        return DEGENERATE, nan, nan, nan, nan, nan, nan
    r1n = math.sqrt(r1x * r1x + r1y * r1y + r1z * r1z)
    r2n = math.sqrt(r2x * r2x + r2y * r2y + r2z * r2z)
    if not (r1n > 0.0 and r2n > 0.0) or not (math.isfinite(r1n) and math.isfinite(r2n)):
        return DEGENERATE, nan, nan, nan, nan, nan, nan
    cx = r2x - r1x
    cy = r2y - r1y
    cz = r2z - r1z
    c = math.sqrt(cx * cx + cy * cy + cz * cz)
    s = 0.5 * (r1n + r2n + c)
    i1x = r1x / r1n
    i1y = r1y / r1n
    i1z = r1z / r1n
    i2x = r2x / r2n
    i2y = r2y / r2n
    i2z = r2z / r2n
    hx = i1y * i2z - i1z * i2y
    hy = i1z * i2x - i1x * i2z
    hz = i1x * i2y - i1y * i2x
    hn = math.sqrt(hx * hx + hy * hy + hz * hz)  # = sin(transfer angle), short way
    if hn < DEGENERATE_SIN_TOL:
        return DEGENERATE, nan, nan, nan, nan, nan, nan
    hx /= hn
    hy /= hn
    hz /= hn
    # lambda^2 = 1 - c/s, written without cancellation near 180 deg (c -> r1 + r2):
    # (r1 + r2)^2 - c^2 = r1 r2 |i1 + i2|^2, so lambda = sqrt(r1 r2) |i1 + i2| / (2 s).
    ux = i1x + i2x
    uy = i1y + i2y
    uz = i1z + i2z
    lam = min(1.0, math.sqrt(r1n * r2n) * math.sqrt(ux * ux + uy * uy + uz * uz) / (2.0 * s))
    # Tangential unit vectors: ih x ir (direction of motion for the short way)
    t1x = hy * i1z - hz * i1y
    t1y = hz * i1x - hx * i1z
    t1z = hx * i1y - hy * i1x
    t2x = hy * i2z - hz * i2y
    t2y = hz * i2x - hx * i2z
    t2z = hx * i2y - hy * i2x
    sgn = 1.0
    if hz < 0.0:  # short way is retrograde about +z
        sgn = -sgn
    if not prograde:
        sgn = -sgn
    if sgn < 0.0:  # long way: lambda < 0, motion along -(ih x ir)
        lam = -lam
        t1x, t1y, t1z = -t1x, -t1y, -t1z
        t2x, t2y, t2z = -t2x, -t2y, -t2z
    t_target = math.sqrt(2.0 * mu / (s * s * s)) * tof

    # ---- find x (Izzo 2015 algorithm 1, find_xy) ----
    l2 = lam * lam
    m_max = math.floor(t_target / math.pi)
    t00 = math.acos(lam) + lam * math.sqrt(1.0 - l2)
    if t_target < t00 + m_max * math.pi and m_max > 0:
        t_min, ok = _tmin(lam, int(m_max))
        if not ok:
            return NOT_CONVERGED, nan, nan, nan, nan, nan, nan
        if t_target < t_min:
            m_max -= 1
    if revs > m_max:
        return NO_SOLUTION, nan, nan, nan, nan, nan, nan
    t1 = 2.0 / 3.0 * (1.0 - l2 * lam)
    if revs == 0:
        if t_target >= t00:
            x0 = (t00 / t_target) ** (2.0 / 3.0) - 1.0
        elif t_target <= t1:
            x0 = 2.5 * t1 / t_target * (t1 - t_target) / (1.0 - l2 * l2 * lam) + 1.0
        else:
            # Izzo 2015 eq. 30, middle branch as corrected in poliastro issue 1362:
            # x0 = 2**(log(T/T00) / log(T1/T00)) - 1 (x0 = 0 at T00, 1 at T1)
            x0 = math.exp(0.6931471805599453 * math.log(t_target / t00) / math.log(t1 / t00)) - 1.0
    else:
        a = ((revs * math.pi + math.pi) / (8.0 * t_target)) ** (2.0 / 3.0)
        x0l = (a - 1.0) / (a + 1.0)
        b = ((8.0 * t_target) / (revs * math.pi)) ** (2.0 / 3.0)
        x0r = (b - 1.0) / (b + 1.0)
        x0 = max(x0l, x0r) if low_path else min(x0l, x0r)
    x, conv = _householder(x0, t_target, lam, revs, 1e-5)
    if not conv:
        return NOT_CONVERGED, nan, nan, nan, nan, nan, nan
    y = math.sqrt(1.0 - l2 * (1.0 - x * x))

    # ---- velocities (Izzo 2015 algorithm 1, last block) ----
    gamma = math.sqrt(mu * s / 2.0)
    rho = (r1n - r2n) / c
    # sigma = sqrt(1 - rho^2) without cancellation near 0 deg (c -> |r1 - r2|):
    # c^2 - (r1 - r2)^2 = r1 r2 |i1 - i2|^2, so sigma = sqrt(r1 r2) |i1 - i2| / c.
    dx = i1x - i2x
    dy = i1y - i2y
    dz = i1z - i2z
    sigma = min(1.0, math.sqrt(r1n * r2n) * math.sqrt(dx * dx + dy * dy + dz * dz) / c)
    ly = lam * y
    lx = lam * x
    vr1 = gamma * ((ly - x) - rho * (ly + x)) / r1n
    vr2 = -gamma * ((ly - x) + rho * (ly + x)) / r2n
    vt = gamma * sigma * (y + lx)
    vt1 = vt / r1n
    vt2 = vt / r2n
    return (
        OK,
        vr1 * i1x + vt1 * t1x,
        vr1 * i1y + vt1 * t1y,
        vr1 * i1z + vt1 * t1z,
        vr2 * i2x + vt2 * t2x,
        vr2 * i2y + vt2 * t2y,
        vr2 * i2z + vt2 * t2z,
    )


@kernel(fastmath=True)
def lambert_izzo(r1, r2, tof, mu, revs, prograde, low_path, v1_out, v2_out):
    """Solve one Lambert problem (Izzo 2015); write v1, v2 into the given (3,) arrays.

    r1, r2: float64 (3,) positions [m] (views fine); tof [s] > 0; mu [m^3/s^2];
    revs: complete revolutions (int >= 0); prograde: angular momentum along +z;
    low_path: which of the two revs >= 1 solutions. Returns the int status; v1_out/v2_out
    hold NaN unless status == OK."""
    st, a0, a1, a2, b0, b1, b2 = _izzo_core(
        r1[0], r1[1], r1[2], r2[0], r2[1], r2[2], tof, mu, revs, prograde, low_path
    )
    v1_out[0] = a0
    v1_out[1] = a1
    v1_out[2] = a2
    v2_out[0] = b0
    v2_out[1] = b1
    v2_out[2] = b2
    return st


@kernel(fastmath=True, parallel=True)
def lambert_izzo_batch(r1, r2, tof, mu, revs, prograde, low_path, v1, v2, status):
    """Parallel batch: r1, r2 (N,3); tof, revs, prograde, low_path (N,); mu scalar.

    Writes v1, v2 (N,3) and status (N,) int8 in place.  A solved transfer with tof < MIN_TOF_S
    or |v1| or |v2| >= MAX_SPEED is returned as UNPHYSICAL with NaN velocities."""
    n = r1.shape[0]
    nan = np.nan
    c2 = MAX_SPEED * MAX_SPEED
    for i in prange(n):
        st, a0, a1, a2, b0, b1, b2 = _izzo_core(
            r1[i, 0], r1[i, 1], r1[i, 2], r2[i, 0], r2[i, 1], r2[i, 2],
            tof[i], mu, revs[i], prograde[i], low_path[i],
        )
        if st == OK and (tof[i] < MIN_TOF_S or not (a0 * a0 + a1 * a1 + a2 * a2 < c2)
                         or not (b0 * b0 + b1 * b1 + b2 * b2 < c2)):
            st, a0, a1, a2, b0, b1, b2 = UNPHYSICAL, nan, nan, nan, nan, nan, nan
        status[i] = st
        v1[i, 0] = a0
        v1[i, 1] = a1
        v1[i, 2] = a2
        v2[i, 0] = b0
        v2[i, 1] = b1
        v2[i, 2] = b2
