"""Numba kernel: universal-variable Kepler propagation (every conic), scalar and batch.

Universal variable chi with Stumpff functions c2, c3: Vallado (2013) "Fundamentals of Astrodynamics and
Applications" 4th ed., algorithm 8 (KEPLER), and Curtis (2020) "Orbital Mechanics for Engineering Students"
4th ed., algorithm 3.3 / 3.4; the root is found by the Laguerre-Conway iteration (Conway 1986, Celest. Mech.
39:199), robust for every conic.  The public wrapper is :mod:`spaceplan.core.kepler`.
"""

from __future__ import annotations

import math

import numpy as np
from numba import prange

from spaceplan.core.jit import kernel



@kernel(inline=True)
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


@kernel()
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


@kernel()
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


@kernel(parallel=True)
def kepler_universal_batch(r0, v0, dt, mu, r_out, v_out, ok):
    """Parallel batch of ``kepler_universal``: r0, v0 (N,3), dt (N,), mu (N,)."""
    n = r0.shape[0]
    for i in prange(n):
        ok[i] = kepler_universal(r0[i], v0[i], dt[i], mu[i], r_out[i], v_out[i])
