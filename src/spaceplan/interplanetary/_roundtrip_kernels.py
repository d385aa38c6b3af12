"""Numba kernels for the Mars round-trip search and patched-conic flybys.

``combine_legs`` reduces the 4-D space (arrival day, outbound TOF, stay,
return TOF) to the best total delta-v per total duration and per
deep-space time without materialising the pairs; ``powered_flyby_kernel``
solves the periapsis radius of a powered gravity assist.
"""

from __future__ import annotations

import numpy as np
from numba import prange

from spaceplan.core.jit import kernel

INF = np.inf


@kernel(python_errors=True)
def _flyby_one(vi, vo, turn, mu, rp_min):
    """(dv, rp, feasible) of a powered flyby with |v_inf| vi -> vo turned by ``turn`` rad.

    Periapsis equation (e.g. Izzo, pykep ``fb_vel``; Vasile & De Pascale 2006):
    F(rp) = asin(1/e_i) + asin(1/e_o) - turn = 0, e = 1 + rp v^2 / mu.  F decreases
    monotonically and is convex in rp, so Newton's method from the unpowered guess
    (clamped at rp_min) converges; the tangential periapsis burn is then
    |sqrt(vo^2 + 2mu/rp) - sqrt(vi^2 + 2mu/rp)|.
    """
    vi2 = vi * vi
    vo2 = vo * vo
    ei = 1.0 + rp_min * vi2 / mu
    eo = 1.0 + rp_min * vo2 / mu
    if np.arcsin(1.0 / ei) + np.arcsin(1.0 / eo) < turn:
        return INF, rp_min, False
    if turn < 1e-9:
        return abs(vo - vi), INF, True
    rp = mu / (0.5 * (vi2 + vo2)) * (1.0 / np.sin(0.5 * turn) - 1.0)
    if rp < rp_min:
        rp = rp_min
    for _ in range(50):
        ei = 1.0 + rp * vi2 / mu
        eo = 1.0 + rp * vo2 / mu
        f = np.arcsin(1.0 / ei) + np.arcsin(1.0 / eo) - turn
        df = -(vi2 / mu) / (ei * np.sqrt(ei * ei - 1.0)) - (vo2 / mu) / (eo * np.sqrt(eo * eo - 1.0))
        new = rp - f / df
        if new < rp_min:
            new = 0.5 * (rp + rp_min)
        if abs(new - rp) <= 1e-12 * rp:
            rp = new
            break
        rp = new
    dv = abs(np.sqrt(vo2 + 2 * mu / rp) - np.sqrt(vi2 + 2 * mu / rp))
    return dv, rp, True


@kernel(parallel=True, python_errors=True)
def powered_flyby_kernel(vin, vout, mu, rp_min, dv, rp, turn, feasible):
    """Vectorized powered flyby over (N,3) incoming/outgoing v-infinity vectors (m/s)."""
    for n in prange(vin.shape[0]):
        vi = np.sqrt(vin[n, 0] ** 2 + vin[n, 1] ** 2 + vin[n, 2] ** 2)
        vo = np.sqrt(vout[n, 0] ** 2 + vout[n, 1] ** 2 + vout[n, 2] ** 2)
        c = (vin[n, 0] * vout[n, 0] + vin[n, 1] * vout[n, 1] + vin[n, 2] * vout[n, 2]) / (vi * vo)
        t = np.arccos(min(1.0, max(-1.0, c)))
        turn[n] = t
        d, r, ok = _flyby_one(vi, vo, t, mu, rp_min)
        dv[n] = d
        rp[n] = r
        feasible[n] = ok


@kernel(parallel=True, python_errors=True)
def venus_leg_reduce(cost_a, v_a_end, cost_b, v_b_start, v_planet, mu, rp_min, f0, a_off, b_off,
                     jmin_out, unpowered, match_tol, best, best_f):
    """Best two-arc cost through a flyby, per (end day, total TOF).

    Flyby on global grid day f0 + f.  cost_a[f, p]: first arc reaching the flyby after
    p + a_off steps; v_a_end[f, p]: its heliocentric arrival velocity.  cost_b[f, q],
    v_b_start[f, q]: second arc leaving the flyby, q + b_off steps long.  v_planet[f]:
    planet velocity.  best[e, j] (end day e, total steps jmin_out + j) is lowered to
    cost_a + cost_b + flyby dv, best_f[e, j] = f * n_p + p.  Rows (end days) are
    independent, so the prange over them is race free.
    """
    nf, npa = cost_a.shape
    nq = cost_b.shape[1]
    ne, nj = best.shape
    for e in prange(ne):
        for f in range(nf):
            q = e - f0 - f - b_off
            if q < 0 or q >= nq:
                continue
            cb = cost_b[f, q]
            if not np.isfinite(cb):
                continue
            o0 = v_b_start[f, q, 0] - v_planet[f, 0]
            o1 = v_b_start[f, q, 1] - v_planet[f, 1]
            o2 = v_b_start[f, q, 2] - v_planet[f, 2]
            vom = np.sqrt(o0 * o0 + o1 * o1 + o2 * o2)
            for p in range(npa):
                ca = cost_a[f, p]
                if not np.isfinite(ca):
                    continue
                j = p + q + a_off + b_off - jmin_out
                if j < 0 or j >= nj:
                    continue
                if ca + cb >= best[e, j]:  # the flyby burn is >= 0: cannot improve
                    continue
                i0 = v_a_end[f, p, 0] - v_planet[f, 0]
                i1 = v_a_end[f, p, 1] - v_planet[f, 1]
                i2 = v_a_end[f, p, 2] - v_planet[f, 2]
                vim = np.sqrt(i0 * i0 + i1 * i1 + i2 * i2)
                c = (i0 * o0 + i1 * o1 + i2 * o2) / (vim * vom)
                t = np.arccos(min(1.0, max(-1.0, c)))
                if unpowered:
                    if abs(vim - vom) > match_tol:
                        continue
                    vm = 0.5 * (vim + vom)
                    if t > 2.0 * np.arcsin(1.0 / (1.0 + rp_min * vm * vm / mu)):
                        continue
                    dv = abs(vim - vom)  # the |v-infinity| mismatch, trimmed by a small burn away from Venus
                else:
                    # lower bound of the burn: |vo^2 - vi^2| / (sum of periapsis speeds) grows with rp,
                    # so its value at rp_min bounds it from below without solving for rp
                    lb = abs(vom * vom - vim * vim) / (np.sqrt(vom * vom + 2 * mu / rp_min)
                                                      + np.sqrt(vim * vim + 2 * mu / rp_min))
                    if ca + cb + lb >= best[e, j]:
                        continue
                    dv, rp, ok = _flyby_one(vim, vom, t, mu, rp_min)
                    if not ok:
                        continue
                total = ca + cb + dv
                if total < best[e, j]:
                    best[e, j] = total
                    best_f[e, j] = f * npa + p


@kernel(python_errors=True)
def combine_legs(out_cost, jmin, ret_cost, kmin, smin, smax, best_t, arg_t, best_d, arg_d):
    """Best outbound + stay + return per total duration and per deep-space time.

    out_cost[a, jj]: outbound cost arriving at Mars on grid day a after jmin + jj steps.
    ret_cost[d, kk]: return cost leaving Mars on grid day d taking kmin + kk steps.
    Stay s in [smin, smax] steps.  best_t[T] / arg_t[T] = (a, jj, s, kk) for total T steps;
    best_d[D] / arg_d[D] likewise for deep-space time D = outbound + return steps.
    Cost O(A (S K + J (S + K))) instead of O(A J S K).
    """
    na, nj = out_cost.shape
    nd, nk = ret_cost.shape
    nu = (smax - smin + 1) + nk - 1
    rc = np.empty(nu)
    rs = np.empty(nu, np.int64)
    rk = np.empty(nk)
    rks = np.empty(nk, np.int64)
    for a in range(na):
        anyo = False
        for jj in range(nj):
            if np.isfinite(out_cost[a, jj]):
                anyo = True
                break
        if not anyo:
            continue
        rc[:] = INF
        rk[:] = INF
        for s in range(smin, smax + 1):
            d = a + s
            if d >= nd:
                break
            for kk in range(nk):
                c = ret_cost[d, kk]
                if c < rc[s - smin + kk]:
                    rc[s - smin + kk] = c
                    rs[s - smin + kk] = s
                if c < rk[kk]:
                    rk[kk] = c
                    rks[kk] = s
        for jj in range(nj):
            o = out_cost[a, jj]
            if not np.isfinite(o):
                continue
            for u in range(nu):
                c = o + rc[u]
                if c < INF:
                    t = jmin + jj + smin + kmin + u
                    if c < best_t[t]:
                        best_t[t] = c
                        s = rs[u]
                        arg_t[t, 0] = a
                        arg_t[t, 1] = jj
                        arg_t[t, 2] = s
                        arg_t[t, 3] = u - (s - smin)
            for kk in range(nk):
                c = o + rk[kk]
                if c < INF:
                    dd = jmin + jj + kmin + kk
                    if c < best_d[dd]:
                        best_d[dd] = c
                        arg_d[dd, 0] = a
                        arg_d[dd, 1] = jj
                        arg_d[dd, 2] = rks[kk]
                        arg_d[dd, 3] = kk
