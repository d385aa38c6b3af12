"""Numba kernel of the Mars entry range control: a numerical predictor-corrector on the bank-angle magnitude.

Used by :mod:`spaceplan.missions.entry_guidance` each guidance cycle.  The predictor flies the planar entry
equations of :mod:`spaceplan.missions.mars_entry` (non-rotating spherical Mars, exponential atmosphere
rho = k rho0 exp(-h / H), k the guidance's density estimate) from the current state with a *constant* bank
magnitude sigma, u = cos(sigma):

    dV/dt = -D - g sin(gamma),  dgamma/dt = (L/D) u D / V - (g / V - V / r) cos(gamma),
    dh/dt = V sin(gamma),       ds/dt = V cos(gamma) R / r,       D = rho V^2 / (2 beta)

(fixed-step RK4) until the speed falls to the target (parachute-deploy) speed, and returns the downrange there.
The corrector finds u in [-1, 1] (lift up to lift down) that zeroes the range miss s_pred(u) - s_target: more
vertical lift flies farther, so the miss grows with u; Illinois regula falsi on the bracket, the previous
cycle's u tried first (in a nominal flight it already hits).  A target beyond the lift-up range or short of
the lift-down range saturates the bank at 0 or 180 deg (status 1 or 2).

This is the constant-bank form of the numerical predictor-corrector family (P. Lu, "Entry guidance: a unified
method", J. Guid. Control Dyn. 37(3), 2014, uses a bank profile linear in energy; constant is its one-parameter
special case); MSL's flown Entry Terminal Point Controller reached the same end (range to go zero at the deploy
state) with Apollo's linear sensitivities about a stored reference instead of an online prediction (Mendeck &
Craig 2011, NTRS 20110003649).
"""

from __future__ import annotations

import math

from spaceplan.core.jit import kernel

OK, SATURATED_LIFT_UP, SATURATED_LIFT_DOWN = 0, 1, 2
#: predictor stop codes: reached the target speed, reached the floor altitude, climbed out, ran out of time
REACHED, FLOOR, SKIPPED, TIMEOUT = 0, 1, 2, 3


@kernel(inline=True)
def _rates(v, gam, h, ld_u, beta, rho0, scale_height, gm, radius):
    r = radius + h
    g = gm / (r * r)
    drag = rho0 * math.exp(-h / scale_height) * v * v / (2.0 * beta)
    cg = math.cos(gam)
    return (-drag - g * math.sin(gam), ld_u * drag / v - (g / v - v / r) * cg, v * math.sin(gam),
            v * cg * radius / r)


@kernel()
def predict(v, gam, h, s, ld_u, v_stop, h_floor, h_top, beta, rho0, scale_height, gm, radius, dt, t_max):
    """Fly at constant vertical L/D ``ld_u`` from (v, gam, h, s) until v <= v_stop or h <= h_floor.

    Returns (downrange m, altitude m, speed m/s, time s, stop code): the state interpolated onto the stop."""
    t = 0.0
    while t < t_max:
        a1, b1, c1, d1 = _rates(v, gam, h, ld_u, beta, rho0, scale_height, gm, radius)
        a2, b2, c2, d2 = _rates(v + 0.5 * dt * a1, gam + 0.5 * dt * b1, h + 0.5 * dt * c1, ld_u, beta, rho0,
                                scale_height, gm, radius)
        a3, b3, c3, d3 = _rates(v + 0.5 * dt * a2, gam + 0.5 * dt * b2, h + 0.5 * dt * c2, ld_u, beta, rho0,
                                scale_height, gm, radius)
        a4, b4, c4, d4 = _rates(v + dt * a3, gam + dt * b3, h + dt * c3, ld_u, beta, rho0, scale_height, gm, radius)
        vn = v + dt / 6.0 * (a1 + 2.0 * a2 + 2.0 * a3 + a4)
        gn = gam + dt / 6.0 * (b1 + 2.0 * b2 + 2.0 * b3 + b4)
        hn = h + dt / 6.0 * (c1 + 2.0 * c2 + 2.0 * c3 + c4)
        sn = s + dt / 6.0 * (d1 + 2.0 * d2 + 2.0 * d3 + d4)
        if vn <= v_stop or hn <= h_floor:
            f = 1.0
            code = REACHED
            if vn <= v_stop:
                f = (v - v_stop) / max(v - vn, 1e-12)
            if hn <= h_floor:
                fh = (h - h_floor) / max(h - hn, 1e-12)
                if fh < f:
                    f, code = fh, FLOOR
            f = min(max(f, 0.0), 1.0)
            return s + f * (sn - s), h + f * (hn - h), v + f * (vn - v), t + f * dt, code
        if hn > h_top and gn > 0.0:
            return sn, hn, vn, t + dt, SKIPPED
        v, gam, h, s = vn, gn, hn, sn
        t += dt
    return s, h, v, t, TIMEOUT


@kernel()
def _miss(u, v, gam, h, s, s_target, ld, v_stop, h_top, beta, rho0, scale_height, gm, radius, dt, t_max):
    s_end, _, _, _, code = predict(v, gam, h, s, ld * u, v_stop, 0.0, h_top, beta, rho0, scale_height, gm, radius,
                                   dt, t_max)
    if code == SKIPPED or code == TIMEOUT:  # never comes down to the deploy speed: as far as it can be
        return 1e9
    return s_end - s_target


@kernel()
def solve_bank(v, gam, h, s, s_target, ld, u_guess, v_stop, h_top, beta, rho0, scale_height, gm, radius, dt, t_max,
               tol_m):
    """cos(bank) in [-1, 1] whose constant-bank prediction reaches ``s_target`` at ``v_stop``.

    Returns (u, predicted miss m, status): status OK, SATURATED_LIFT_UP (short even lift up: u = 1) or
    SATURATED_LIFT_DOWN (long even lift down: u = -1)."""
    f = _miss(u_guess, v, gam, h, s, s_target, ld, v_stop, h_top, beta, rho0, scale_height, gm, radius, dt, t_max)
    if abs(f) <= tol_m:
        return u_guess, f, OK
    hi, f_hi = 1.0, _miss(1.0, v, gam, h, s, s_target, ld, v_stop, h_top, beta, rho0, scale_height, gm, radius, dt,
                          t_max)
    if f_hi <= 0.0:
        return 1.0, f_hi, SATURATED_LIFT_UP
    lo, f_lo = -1.0, _miss(-1.0, v, gam, h, s, s_target, ld, v_stop, h_top, beta, rho0, scale_height, gm, radius,
                           dt, t_max)
    if f_lo >= 0.0:
        return -1.0, f_lo, SATURATED_LIFT_DOWN
    if f > 0.0:  # the guess tightens the bracket
        hi, f_hi = u_guess, f
    else:
        lo, f_lo = u_guess, f
    side = 0
    u = u_guess
    for _ in range(60):
        u = (lo * f_hi - hi * f_lo) / (f_hi - f_lo)
        f = _miss(u, v, gam, h, s, s_target, ld, v_stop, h_top, beta, rho0, scale_height, gm, radius, dt, t_max)
        if abs(f) <= tol_m or hi - lo < 1e-9:
            break
        if f > 0.0:
            hi, f_hi = u, f
            if side == 1:  # Illinois: halve the stale end's weight
                f_lo *= 0.5
            side = 1
        else:
            lo, f_lo = u, f
            if side == -1:
                f_hi *= 0.5
            side = -1
    return u, f, OK
