"""Numba kernels of spaceplan.propulsion: the tangential-thrust spiral and the Sims-Flanagan leg."""

from __future__ import annotations

import math

import numpy as np

from spaceplan.core.jit import kernel
from spaceplan.core.kepler_kernel import kepler_universal


@kernel(python_errors=True)
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


@kernel(python_errors=True)
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


@kernel(python_errors=True)
def _energy(s, mu):
    return 0.5 * (s[2] * s[2] + s[3] * s[3]) - mu / math.sqrt(s[0] * s[0] + s[1] * s[1])


@kernel(python_errors=True)
def spiral_escape(mu, r0, m0, thrust, mdot, energy_target, h, max_steps, m_min, belts, rec, info):
    """Tangential thrust from a circular orbit r0 until the specific energy reaches ``energy_target``.

    RK4 with the step h * sqrt(r^3/mu) (h rad of mean motion); the last step is cut by bisection so the
    energy ends on target.  ``mdot`` may be negative (capture run backwards in time: mass grows).
    belts = [r_in_lo, r_in_hi, r_out_lo, r_out_hi] (time spent inside each radius band is summed).
    rec: (K, 5) buffer of (t, x, y, m, dv), or (K, 7) with (vx, vy) too; when full it is thinned by 2 and the
    stride doubles.
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
                    for j in range(rec.shape[1]):
                        rec[q, j] = rec[2 * q, j]
                n_rec = cap // 2
                stride *= 2
            if step % stride == 0:
                rec[n_rec, 0] = t
                rec[n_rec, 1] = s[0]
                rec[n_rec, 2] = s[1]
                rec[n_rec, 3] = s[4]
                rec[n_rec, 4] = s[5]
                if rec.shape[1] >= 7:
                    rec[n_rec, 5] = s[2]
                    rec[n_rec, 6] = s[3]
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
        if rec.shape[1] >= 7:
            rec[n_rec, 5] = s[2]
            rec[n_rec, 6] = s[3]
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


@kernel(inline=True, python_errors=True)
def _sf_half_leg(r, v, m, x, off, count, first, sign, dt, tmax, r_ref, veff, mu, prof, rt, vt):
    """One half of a Sims-Flanagan leg, in place on (r, v): ``sign`` +1 forward from departure over segments
    first, first + 1, ...; -1 backward from arrival over first, first - 1, ... (impulses undone, mass regained).
    Coasts half a segment, then per segment: the midpoint impulse and a full segment's coast (half after the
    last).  Writes the profile rows (mass before the impulse, forward time order) and returns (mass, ok)."""
    ok = True
    if count > 0:
        ok &= kepler_universal(r, v, sign * 0.5 * dt, mu, rt, vt)
        for k in range(3):
            r[k] = rt[k]
            v[k] = vt[k]
    for i in range(count):
        j = first + int(sign) * i
        rn = math.sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2])
        thr = tmax if r_ref <= 0.0 else tmax * (r_ref / rn) ** 2
        ux = x[off + 3 * j]
        uy = x[off + 3 * j + 1]
        uz = x[off + 3 * j + 2]
        un = math.sqrt(ux * ux + uy * uy + uz * uz)
        dvm = thr / m * dt
        v[0] += sign * dvm * ux
        v[1] += sign * dvm * uy
        v[2] += sign * dvm * uz
        if sign < 0.0:
            m *= math.exp(dvm * un / veff)
        prof[j, 0] = rn
        prof[j, 1] = m
        prof[j, 2] = thr
        prof[j, 3] = un
        prof[j, 4] = dvm * un
        if sign > 0.0:
            m *= math.exp(-dvm * un / veff)
        dur = sign * (0.5 * dt if i == count - 1 else dt)
        ok &= kepler_universal(r, v, dur, mu, rt, vt)
        for k in range(3):
            r[k] = rt[k]
            v[k] = vt[k]
    return m, ok


@kernel(python_errors=True)
def sf_eval(x, nd, na, n, nfwd, rdep, vdep, rarr, varr, m0, tof, tmax, r_ref, veff, mu, lu, vu, out, prof):
    """Sims-Flanagan leg mismatch for the scaled decision vector x = [v_inf dep (nd = 0|3), v_inf arr
    (na = 0|3), throttles (3 n), m_f / m0].

    n segments of dt = tof / n with one impulse at each midpoint, |dv_i| = T_i / m_i dt |u_i|, T_i the
    available thrust (tmax, or tmax (r_ref / r)^2 if r_ref > 0: solar power); mass m *= exp(-|dv|/veff).
    Forward from departure over nfwd segments, backward from arrival (from m_f) over n - nfwd; the
    7 mismatches at the match point go to ``out`` scaled by lu (m), vu (m/s) and m0 (kg).
    prof (n, 5): r [m], mass before the impulse [kg], available thrust [N], |u|, |dv| [m/s]."""
    dt = tof / n
    r = np.empty(3)
    v = np.empty(3)
    ok = True
    for k in range(3):
        r[k] = rdep[k]
        v[k] = vdep[k] + (x[k] * vu if nd == 3 else 0.0)
    off = nd + na
    rt = np.empty(3)
    vt = np.empty(3)
    m, ok_f = _sf_half_leg(r, v, m0, x, off, nfwd, 0, 1.0, dt, tmax, r_ref, veff, mu, prof, rt, vt)
    rb = np.empty(3)
    vb = np.empty(3)
    for k in range(3):
        rb[k] = rarr[k]
        vb[k] = varr[k] + (x[nd + k] * vu if na == 3 else 0.0)
    mb, ok_b = _sf_half_leg(rb, vb, x[off + 3 * n] * m0, x, off, n - nfwd, n - 1, -1.0, dt, tmax, r_ref, veff, mu,
                            prof, rt, vt)
    ok = ok and ok_f and ok_b
    for k in range(3):
        out[k] = (r[k] - rb[k]) / lu
        out[3 + k] = (v[k] - vb[k]) / vu
    out[6] = (m - mb) / m0
    return ok


@kernel(python_errors=True)
def sf_jacobian(x, h, nd, na, n, nfwd, rdep, vdep, rarr, varr, m0, tof, tmax, r_ref, veff, mu, lu, vu, jac):
    """Central-difference Jacobian (7, len(x)) of :func:`sf_eval` (serial: ~1 ms for 20 segments, less than
    a thread pool's start-up on a shared machine)."""
    nx = x.shape[0]
    buf = np.empty((2 * nx, 7))
    xp = x.copy()
    prof = np.empty((n, 5))
    for q in range(2 * nx):
        k = q // 2
        xp[k] = x[k] + (h if q % 2 == 0 else -h)
        sf_eval(xp, nd, na, n, nfwd, rdep, vdep, rarr, varr, m0, tof, tmax, r_ref, veff, mu, lu, vu, buf[q], prof)
        xp[k] = x[k]
    for k in range(nx):
        for c in range(7):
            jac[c, k] = (buf[2 * k, c] - buf[2 * k + 1, c]) / (2.0 * h)
