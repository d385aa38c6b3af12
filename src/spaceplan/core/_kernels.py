"""Numba kernels for two-body motion: Izzo's Lambert solver and universal-variable Kepler.

Everything here is ``@njit(cache=True)`` and allocation-free in the hot path, so other
kernels (porkchop grids, round-trip searches) can call the scalar functions directly.

Lambert: D. Izzo, "Revisiting Lambert's problem", Celest. Mech. Dyn. Astr. 121:1-15 (2015).
  Non-dimensional variables lambda (eq. 5-7), x with y = sqrt(1 - lambda^2 (1 - x^2)),
  time of flight T(x) from Lagrange (eq. 9) / Battin's hypergeometric series near x = 1
  (eq. 20), derivatives dT/dx ... d3T/dx3 (eq. 22), initial guesses (eq. 30, 31),
  Householder 3rd-order iterations, and the minimum T of the M-revolution branch by Halley's
  method on dT/dx = 0 (section 3).
Kepler: universal variable chi with Stumpff functions c2, c3: Vallado (2013) "Fundamentals of
  Astrodynamics and Applications" 4th ed., algorithm 8 (KEPLER), and Curtis (2020) "Orbital
  Mechanics for Engineering Students" 4th ed., algorithm 3.3 / 3.4; the root is found by the
  Laguerre-Conway iteration (Conway 1986, Celest. Mech. 39:199), robust for every conic.

Status codes (mirrored by ``spaceplan.core.lambert.LambertStatus``):
  0 OK, 1 NO_SOLUTION, 2 DEGENERATE, 3 BAD_TOF, 4 NOT_CONVERGED, 5 UNPHYSICAL (batch API only:
  tof below ``MIN_TOF_S`` or a speed above ``MAX_SPEED`` = 0.1 c; the scalar kernels used by the
  porkchop grid do not return it).
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit, prange

from spaceplan.core.constants import C_LIGHT

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

# Fast-math flags that keep NaN/Inf semantics (status logic relies on them): no "nnan"/"ninf".
# Measured: residuals unchanged (<1e-12 relative), ~5-10 % faster than strict IEEE.
_FM = {"nsz", "arcp", "contract", "reassoc", "afn"}


# --------------------------------------------------------------------------------------------
# Izzo (2015) Lambert solver
# --------------------------------------------------------------------------------------------


@njit(cache=True, fastmath=_FM, inline="always", error_model="numpy")
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


@njit(cache=True, fastmath=_FM, inline="always", error_model="numpy")
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


@njit(cache=True, fastmath=_FM, inline="always", error_model="numpy")
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


@njit(cache=True, fastmath=_FM, error_model="numpy")
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


@njit(cache=True, fastmath=_FM, inline="always", error_model="numpy")
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


@njit(cache=True, fastmath=_FM, inline="always", error_model="numpy")
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


@njit(cache=True, fastmath=_FM, error_model="numpy")
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


@njit(cache=True, fastmath=_FM, parallel=True, error_model="numpy")
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


# --------------------------------------------------------------------------------------------
# Universal-variable Kepler propagation
# --------------------------------------------------------------------------------------------


@njit(cache=True, inline="always", error_model="numpy")
def stumpff_c2_c3(psi):
    """Stumpff functions c2(psi) = C(z), c3(psi) = S(z) (Vallado 2013 algorithm 1).

    Series for |psi| < 0.1 avoid the cancellation of the closed forms near psi = 0."""
    if psi > 0.1:
        sp = math.sqrt(psi)
        return (1.0 - math.cos(sp)) / psi, (sp - math.sin(sp)) / (psi * sp)
    if psi < -0.1:
        sp = math.sqrt(-psi)
        return (math.cosh(sp) - 1.0) / (-psi), (math.sinh(sp) - sp) / (-psi * sp)
    # c2 = sum (-psi)^k/(2k+2)!, c3 = sum (-psi)^k/(2k+3)!
    c2 = 0.0
    c3 = 0.0
    term2 = 0.5  # 1/2!
    term3 = 1.0 / 6.0  # 1/3!
    for k in range(9):
        c2 += term2
        c3 += term3
        term2 *= -psi / ((2 * k + 3) * (2 * k + 4))
        term3 *= -psi / ((2 * k + 4) * (2 * k + 5))
    return c2, c3


#: Below this alpha * r0 (= 2 - v^2 r0 / mu) the orbit is propagated with the hyperbolic anomaly:
#: the universal Kepler equation loses ~|alpha r0| ulps to cancellation there (fast flybys).
_STRONG_HYPERBOLA = -10.0


@njit(cache=True, error_model="numpy")
def _kepler_hyperbolic(r0, v0, dt, mu, r0n, rv, alpha, r_out, v_out):
    """Strongly hyperbolic orbit (alpha r0 < _STRONG_HYPERBOLA, h != 0) by the hyperbolic anomaly H.

    Kepler: e sinh H - H = n t (Vallado 2013 eq. 2-38).  With P = e exp(H0) and Q = e exp(-H0),
    both from r0, v0 without cancellation (P + Q = 2 (1 - alpha r0), P Q = e^2), the change
    x = H1 - H0 solves 0.5 P expm1(x) - 0.5 Q expm1(-x) - x = n dt, whose terms share one sign
    (e >= 11): the universal form instead subtracts terms ~|alpha r0| times larger than the result.
    The state at H1 comes from the perifocal frame (Vallado 2013 eqs. 2-105, 2-106), with e, p_hat,
    q_hat from the radial/transverse components of v0.  Newton steps safeguarded by bisection."""
    hx = r0[1] * v0[2] - r0[2] * v0[1]
    hy = r0[2] * v0[0] - r0[0] * v0[2]
    hz = r0[0] * v0[1] - r0[1] * v0[0]
    hn = math.sqrt(hx * hx + hy * hy + hz * hz)
    sqmu = math.sqrt(mu)
    sqa = math.sqrt(-alpha)  # 1 / sqrt(|a|)
    abs_a = -1.0 / alpha
    # radial / transverse unit vectors and the eccentricity vector in that basis
    rhx, rhy, rhz = r0[0] / r0n, r0[1] / r0n, r0[2] / r0n
    ux, uy, uz = hx / hn, hy / hn, hz / hn
    thx = uy * rhz - uz * rhy
    thy = uz * rhx - ux * rhz
    thz = ux * rhy - uy * rhx
    vr = rv / r0n
    vt = hn / r0n
    ex = r0n * vt * vt / mu - 1.0
    ey = -r0n * vr * vt / mu
    e = math.sqrt(ex * ex + ey * ey)
    sq_e2m1 = hn * sqa / sqmu  # sqrt(e^2 - 1) = h sqrt(-alpha / mu)
    px, py, pz = (ex * rhx + ey * thx) / e, (ex * rhy + ey * thy) / e, (ex * rhz + ey * thz) / e
    qx, qy, qz = (ex * thx - ey * rhx) / e, (ex * thy - ey * rhy) / e, (ex * thz - ey * rhz) / e
    big = (1.0 - alpha * r0n) + abs(rv) * sqa / sqmu
    small = e * e / big
    pp, qq = (big, small) if rv >= 0.0 else (small, big)
    tau = sqmu * sqa * sqa * sqa * dt  # n dt
    # bracket the root of G(x) = 0.5 P expm1(x) - 0.5 Q expm1(-x) - x - tau (G increasing)
    lo = 0.0
    hi = 0.0
    step = 1.0
    for _ in range(60):
        if tau > 0.0:
            hi = step
            if 0.5 * pp * math.expm1(hi) - 0.5 * qq * math.expm1(-hi) - hi - tau >= 0.0:
                break
            lo = hi
        else:
            lo = -step
            if 0.5 * pp * math.expm1(lo) - 0.5 * qq * math.expm1(-lo) - lo - tau <= 0.0:
                break
            hi = lo
        step *= 2.0
    x = 0.5 * (lo + hi)
    converged = False
    for _ in range(200):
        g = 0.5 * pp * math.expm1(x) - 0.5 * qq * math.expm1(-x) - x - tau
        if g > 0.0:
            hi = x
        else:
            lo = x
        dg = 0.5 * pp * math.exp(x) + 0.5 * qq * math.exp(-x) - 1.0  # e cosh H1 - 1 > 0
        xn = x - g / dg
        if not (lo < xn < hi):
            xn = 0.5 * (lo + hi)
        if abs(xn - x) <= 1e-15 * max(1.0, abs(x)) or hi - lo <= 1e-15 * max(1.0, abs(x)):
            x = xn
            converged = True
            break
        x = xn
    if not converged:
        return False
    ep = pp * math.exp(x)
    em = qq * math.exp(-x)
    ech = 0.5 * (ep + em)  # e cosh H1
    esh = 0.5 * (ep - em)  # e sinh H1
    xp = abs_a * (e * e - ech) / e
    yq = abs_a * sq_e2m1 * esh / e
    rn = abs_a * (ech - 1.0)
    fv = math.sqrt(mu * abs_a) / rn
    vp = -fv * esh / e
    vq = fv * sq_e2m1 * ech / e
    r_out[0] = xp * px + yq * qx
    r_out[1] = xp * py + yq * qy
    r_out[2] = xp * pz + yq * qz
    v_out[0] = vp * px + vq * qx
    v_out[1] = vp * py + vq * qy
    v_out[2] = vp * pz + vq * qz
    return True


@njit(cache=True, error_model="numpy")
def kepler_universal(r0, v0, dt, mu, r_out, v_out):
    """Propagate one two-body state by dt [s] (universal variables); returns True if converged.

    r0, v0: (3,) [m, m/s]; writes r_out, v_out (NaN on failure).  Strongly hyperbolic orbits
    (alpha r0 < -10) go through :func:`_kepler_hyperbolic` instead (same conic, better digits)."""
    sqmu = math.sqrt(mu)
    r0n = math.sqrt(r0[0] ** 2 + r0[1] ** 2 + r0[2] ** 2)
    v02 = v0[0] ** 2 + v0[1] ** 2 + v0[2] ** 2
    rv = r0[0] * v0[0] + r0[1] * v0[1] + r0[2] * v0[2]
    alpha = 2.0 / r0n - v02 / mu  # 1/a
    if dt == 0.0:
        for k in range(3):
            r_out[k] = r0[k]
            v_out[k] = v0[k]
        return True
    if alpha * r0n < _STRONG_HYPERBOLA:
        hx = r0[1] * v0[2] - r0[2] * v0[1]
        hy = r0[2] * v0[0] - r0[0] * v0[2]
        hz = r0[0] * v0[1] - r0[1] * v0[0]
        if hx * hx + hy * hy + hz * hz > 0.0:
            if _kepler_hyperbolic(r0, v0, dt, mu, r0n, rv, alpha, r_out, v_out):
                return True
    # Reduce whole periods for ellipses (keeps chi small and accurate).
    t = dt
    if alpha > 0.0:
        per = 2.0 * math.pi * math.sqrt(1.0 / (alpha * alpha * alpha) / mu)
        if abs(t) > per:
            t = t - per * math.trunc(t / per)
    sig0 = rv / sqmu
    # Initial guess (Vallado 2013 algorithm 8)
    if alpha > 1e-12 * (1.0 / r0n):
        chi = sqmu * t * alpha
    elif alpha < -1e-12 * (1.0 / r0n):
        a = 1.0 / alpha
        sg = 1.0 if t > 0 else -1.0
        arg = -2.0 * mu * alpha * t / (rv + sg * math.sqrt(-mu * a) * (1.0 - r0n * alpha))
        if arg > 0.0:
            chi = sg * math.sqrt(-a) * math.log(arg)
        else:
            chi = sqmu * t / r0n
    else:
        chi = sqmu * t / r0n
    target = sqmu * t
    one_m_ar = 1.0 - alpha * r0n
    converged = False
    c2 = 0.5
    c3 = 1.0 / 6.0
    psi = 0.0
    rn = r0n
    prev = np.inf
    for it in range(200):
        psi = chi * chi * alpha
        c2, c3 = stumpff_c2_c3(psi)
        chi2 = chi * chi
        f = chi2 * chi * c3 + sig0 * chi2 * c2 + r0n * chi * (1.0 - psi * c3) - target
        rn = chi2 * c2 + sig0 * chi * (1.0 - psi * c3) + r0n * (1.0 - psi * c2)  # dF/dchi = r
        d2 = sig0 * (1.0 - psi * c2) + one_m_ar * chi * (1.0 - psi * c3)
        # Laguerre-Conway step, n = 5
        disc = abs(16.0 * rn * rn - 20.0 * f * d2)
        den = rn + math.copysign(math.sqrt(disc), rn)
        dchi = 5.0 * f / den
        chi -= dchi
        adx = abs(dchi)
        if adx <= 1e-13 * max(1.0, abs(chi)):
            converged = True
            break
        # Round-off floor of F (large |psi| or many terms): steps stop shrinking.
        if it >= 3 and adx >= prev and adx <= 1e-9 * abs(chi):
            converged = True
            break
        prev = adx
    if not converged:
        for k in range(3):
            r_out[k] = np.nan
            v_out[k] = np.nan
        return False
    psi = chi * chi * alpha
    c2, c3 = stumpff_c2_c3(psi)
    chi2 = chi * chi
    fl = 1.0 - chi2 / r0n * c2
    gl = t - chi2 * chi / sqmu * c3
    for k in range(3):
        r_out[k] = fl * r0[k] + gl * v0[k]
    rn = math.sqrt(r_out[0] ** 2 + r_out[1] ** 2 + r_out[2] ** 2)
    fd = sqmu / (rn * r0n) * chi * (psi * c3 - 1.0)
    gd = 1.0 - chi2 / rn * c2
    for k in range(3):
        v_out[k] = fd * r0[k] + gd * v0[k]
    return True


@njit(cache=True, parallel=True, error_model="numpy")
def kepler_universal_batch(r0, v0, dt, mu, r_out, v_out, ok):
    """Parallel batch of ``kepler_universal``: r0, v0 (N,3), dt (N,), mu (N,)."""
    n = r0.shape[0]
    for i in prange(n):
        ok[i] = kepler_universal(r0[i], v0[i], dt[i], mu[i], r_out[i], v_out[i])


# --- Cowell propagation: zonal harmonics J2-J4, drag from a density table, thrust arcs -----------------
# Used by spaceplan.core.propagator.  State y = (x, y, z, vx, vy, vz, m) in an Earth-centred frame whose z
# axis is the rotation axis (precession/nutation neglected over the spans propagated here).


@njit(cache=True, inline="always", error_model="numpy")
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


@njit(cache=True, inline="always", error_model="numpy")
def ellipsoid_altitude(x, y, z, re, flattening):
    """Height above the reference ellipsoid to first order in the flattening (error < 20 m in LEO)."""
    r = math.sqrt(x * x + y * y + z * z)
    s2 = (z / r) ** 2
    return r - re * (1.0 - flattening * s2)


@njit(cache=True, error_model="numpy")
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


@njit(cache=True, error_model="numpy")
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


@njit(cache=True, error_model="numpy")
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


@njit(cache=True, inline="always", error_model="numpy")
def _kh_rate(t, a, rot_factor, bc, gm, re, t0, dt, alts, log_rho):
    """King-Hele da/dt = -F rho B sqrt(mu a) for a near-circular orbit."""
    return -rot_factor * table_density(t, a - re, t0, dt, alts, log_rho) * bc * math.sqrt(gm * a)


@njit(cache=True, inline="always", error_model="numpy")
def _kh_step(t, a, t_end, max_step, rot_factor, bc, gm, re, t0, dt, alts, log_rho):
    """One RK4 step of the King-Hele equation; the step is at most ``max_step`` and 500 m of altitude loss
    (a hundredth of a thermospheric scale height or less)."""
    r1 = _kh_rate(t, a, rot_factor, bc, gm, re, t0, dt, alts, log_rho)
    step = min(max_step, 500.0 / max(-r1, 1e-30), t_end - t)
    r2 = _kh_rate(t + 0.5 * step, a + 0.5 * step * r1, rot_factor, bc, gm, re, t0, dt, alts, log_rho)
    r3 = _kh_rate(t + 0.5 * step, a + 0.5 * step * r2, rot_factor, bc, gm, re, t0, dt, alts, log_rho)
    r4 = _kh_rate(t + step, a + step * r3, rot_factor, bc, gm, re, t0, dt, alts, log_rho)
    return a + step * (r1 + 2.0 * r2 + 2.0 * r3 + r4) / 6.0, step


@njit(cache=True, error_model="numpy")
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


@njit(cache=True, error_model="numpy")
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


@njit(cache=True, parallel=True, error_model="numpy")
def king_hele_lifetimes(a0, bc, t_start, t_cap, h_stop, rot_factor, gm, re, t0, dt, alts, log_rho, max_step, out):
    """:func:`king_hele_lifetime` for many (a0, B, F, re) in parallel."""
    for i in prange(a0.shape[0]):
        out[i] = king_hele_lifetime(a0[i], bc[i], t_start, t_cap, h_stop, rot_factor[i], gm, re[i], t0, dt, alts,
                                    log_rho, max_step)
