"""Numba kernels: 3-DOF point-mass flight over a rotating spherical Earth.

State (inertial, Earth-centred, axes fixed to the Earth at t = 0):
``y = [r(3), v(3), m, loss_gravity, loss_drag, loss_steering, loss_pressure, dv_ideal]``.

Equations of motion (e.g. Wiesel, *Spaceflight Dynamics*, ch. 6; Tewari,
*Atmospheric and Space Flight Dynamics*, ch. 12):

    dr/dt = v
    dv/dt = g(r) + (T u + D) / m,    D = -1/2 rho |v_rel| v_rel Cd(M) A,  v_rel = v - w x r
    dm/dt = -throttle * mdot

with point-mass gravity (+ J2 when asked), USSA76 density, Mach = |v_rel| / a,
and thrust corrected for ambient pressure T(p) = throttle (T_vac - p A_e)
where A_e = (T_vac - T_sl) / p0 (constant mass flow: Isp = T / (mdot g0)).

Loss rates (inertial speed, so that |v|_end - |v|_0 = dv_ideal - the sum):
gravity -g.v^, drag -(D.v^)/m, steering T/m (1 - cos alpha), pressure
throttle p A_e / m, with alpha the angle between thrust and inertial velocity.

Phases are flown in order; each has its own engines (T_vac, A_e, mdot),
usable propellant, mass dropped at its start and a coast before ignition.
Guidance modes: 0 = vertical rise, pitch kick, then gravity turn (thrust
along the Earth-relative flight-path angle, heading held in the target
plane); 1 = linear-tangent pitch tan(theta) = (1-tau) tan(theta0) + tau
tan(theta1) in the target plane (Bryson & Ho 1975, sec. 2.7); 2 = along the
inertial velocity pitched by a constant angle, the second burn of a two-burn
ascent, flown after a parking-orbit coast to the equator crossing with the
pitch solved so the final perigee is the target's (``_second_burn``).
"""

from __future__ import annotations

import math

import numpy as np

from spaceplan.core.atmosphere import atmosphere_scalar
from spaceplan.core.jit import kernel

NY = 12
NREC = 12  # t, alt, v_rel, v_inertial, q, accel, mass, phase, gamma_rel, downrange, throttle, mach
STATUS_OK = 0
STATUS_DEPLETED = 1
STATUS_CRASHED = 2
STATUS_TIMEOUT = 3


@kernel(python_errors=True)
def _cd_of_mach(mach, cd_mach, cd_val):
    n = cd_mach.shape[0]
    if mach <= cd_mach[0]:
        return cd_val[0]
    if mach >= cd_mach[n - 1]:
        return cd_val[n - 1]
    for k in range(n - 1):
        if mach < cd_mach[k + 1]:
            f = (mach - cd_mach[k]) / (cd_mach[k + 1] - cd_mach[k])
            return cd_val[k] + f * (cd_val[k + 1] - cd_val[k])
    return cd_val[n - 1]


@kernel(python_errors=True)
def _gravity(r, mu, re, j2, out):
    rn = math.sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2])
    k = -mu / (rn * rn * rn)
    out[0] = k * r[0]
    out[1] = k * r[1]
    out[2] = k * r[2]
    if j2 != 0.0:
        # Vallado (2013) eq. 8-30
        zr2 = (r[2] / rn) ** 2
        c = -1.5 * j2 * mu * re * re / rn ** 5
        out[0] += c * r[0] * (1.0 - 5.0 * zr2)
        out[1] += c * r[1] * (1.0 - 5.0 * zr2)
        out[2] += c * r[2] * (3.0 - 5.0 * zr2)


@kernel(python_errors=True)
def _aero(y, omega, re):
    """altitude, pressure, density, v_rel vector (3), |v_rel|, mach."""
    r0, r1, r2 = y[0], y[1], y[2]
    rn = math.sqrt(r0 * r0 + r1 * r1 + r2 * r2)
    alt = rn - re
    vr0 = y[3] + omega * r1
    vr1 = y[4] - omega * r0
    vr2 = y[5]
    vrn = math.sqrt(vr0 * vr0 + vr1 * vr1 + vr2 * vr2)
    _, p, rho, a = atmosphere_scalar(min(alt, 999_000.0))
    if alt >= 999_000.0:
        p = 0.0
        rho = 0.0
    return alt, p, rho, vr0, vr1, vr2, vrn, vrn / a


@kernel(python_errors=True)
def _thrust_dir(y, t, mode, t_phase0, gp, plane_n, omega, out):
    """Unit thrust vector for guidance ``mode``; gp = [t_vert, t_kick, kick, theta0, theta1, t_up0, T_up] and,
    optionally, [cos(target inclination), mu]: then the heading follows the plane of the target inclination
    through the current position and the upper stages yaw to cancel the out-of-plane velocity."""
    rn = math.sqrt(y[0] ** 2 + y[1] ** 2 + y[2] ** 2)
    ux, uy, uz = y[0] / rn, y[1] / rn, y[2] / rn
    if mode == 2:
        # second burn of a two-burn ascent: along the inertial velocity, pitched by gp[9] (rad, + away from
        # the Earth) in the orbit plane; the pitch is solved in ``fly`` so the final perigee is the target's
        vn = math.sqrt(y[3] ** 2 + y[4] ** 2 + y[5] ** 2)
        vx, vy, vz = y[3] / vn, y[4] / vn, y[5] / vn
        d = gp[9] if gp.shape[0] > 9 else 0.0
        if d == 0.0:
            out[0], out[1], out[2] = vx, vy, vz
            return
        c = ux * vx + uy * vy + uz * vz
        px, py, pz = ux - c * vx, uy - c * vy, uz - c * vz  # radial direction normal to the velocity
        pn = math.sqrt(px * px + py * py + pz * pz)
        cd, sd = math.cos(d), math.sin(d)
        out[0], out[1], out[2] = cd * vx + sd * px / pn, cd * vy + sd * py / pn, cd * vz + sd * pz / pn
        return
    # downrange horizontal direction in the target plane: h = n x up
    hx = plane_n[1] * uz - plane_n[2] * uy
    hy = plane_n[2] * ux - plane_n[0] * uz
    hz = plane_n[0] * uy - plane_n[1] * ux
    hn = math.sqrt(hx * hx + hy * hy + hz * hz)
    hx, hy, hz = hx / hn, hy / hn, hz / hn
    nx, ny, nz = plane_n[0], plane_n[1], plane_n[2]
    if gp.shape[0] > 8:
        # heading of the plane through the current position that has the target inclination (cos i = gp[7]):
        # sin(beta) = cos(i) / cos(lat), the branch (north- or southbound) that follows the nominal plane
        cl = math.sqrt(ux * ux + uy * uy)
        if cl > 1e-6:
            ex, ey = -uy / cl, ux / cl
            nox, noy, noz = -uz * ey, uz * ex, ux * ey - uy * ex
            sb = min(1.0, max(-1.0, gp[7] / cl))
            cb = math.sqrt(1.0 - sb * sb)
            if nox * hx + noy * hy + noz * hz < 0.0:
                cb = -cb
            hx, hy, hz = sb * ex + cb * nox, sb * ey + cb * noy, cb * noz
            hn = math.sqrt(hx * hx + hy * hy + hz * hz)
            hx, hy, hz = hx / hn, hy / hn, hz / hn
            # normal of that plane: n = up x heading
            nx, ny, nz = uy * hz - uz * hy, uz * hx - ux * hz, ux * hy - uy * hx
    if mode == 0:
        t_vert, t_kick, kick = gp[0], gp[1], gp[2]
        half_pi = 0.5 * math.pi
        if t < t_vert:
            theta = half_pi
        elif t < t_vert + t_kick:
            theta = half_pi - kick * (t - t_vert) / t_kick
        else:
            vr0 = y[3] + omega * y[1]
            vr1 = y[4] - omega * y[0]
            vr2 = y[5]
            vrn = math.sqrt(vr0 * vr0 + vr1 * vr1 + vr2 * vr2)
            sg = (vr0 * ux + vr1 * uy + vr2 * uz) / vrn
            sg = min(1.0, max(-1.0, sg))
            theta = min(half_pi - kick, math.asin(sg))
    else:
        tau = (t - gp[5]) / gp[6]
        tn = (1.0 - tau) * math.tan(gp[3]) + tau * math.tan(gp[4])
        theta = math.atan(tn)
        if gp.shape[0] > 8:
            # yaw steering: point the horizontal thrust along the horizontal velocity still to be gained,
            # (circular speed - in-plane speed) along the heading and -v.n across it, so the out-of-plane
            # velocity (the Earth-rotation component the pad gives off the target plane) is cancelled by the
            # end of the burn.  The in-plane deficit is floored at 300 m/s so the yaw stays bounded at cutoff.
            vin = y[3] * hx + y[4] * hy + y[5] * hz
            vout = y[3] * nx + y[4] * ny + y[5] * nz
            deficit = max(math.sqrt(gp[8] / rn) - vin, 300.0)
            psi = math.atan2(-vout, deficit)
            cp, sp = math.cos(psi), math.sin(psi)
            hx, hy, hz = cp * hx + sp * nx, cp * hy + sp * ny, cp * hz + sp * nz
    c = math.cos(theta)
    s = math.sin(theta)
    out[0] = c * hx + s * ux
    out[1] = c * hy + s * uy
    out[2] = c * hz + s * uz


@kernel(python_errors=True)
def _throttle(y, ph, tvac, ae, thr_min, q_limit, a_limit, omega, re):
    alt, p, rho, vr0, vr1, vr2, vrn, mach = _aero(y, omega, re)
    thr = 1.0
    q = 0.5 * rho * vrn * vrn
    if q_limit > 0.0 and q > q_limit:
        thr = 1.0 - 4.0 * (q - q_limit) / q_limit
    if a_limit > 0.0:
        # thrust at throttle thr is thr * T_vac - p A_e (the exit area does not throttle)
        thr = min(thr, (a_limit * y[6] + p * ae[ph]) / tvac[ph])
    if thr < thr_min[ph]:
        thr = thr_min[ph]
    if thr > 1.0:
        thr = 1.0
    return thr


@kernel(python_errors=True)
def _deriv(t, y, ph, burning, mode, thr, tvac, ae, mdot, area, cd_mach, cd_val, mu, re, j2, omega,
           gp, plane_n, dy, g, u):
    alt, p, rho, vr0, vr1, vr2, vrn, mach = _aero(y, omega, re)
    _gravity(y, mu, re, j2, g)
    m = y[6]
    cd = _cd_of_mach(mach, cd_mach, cd_val)
    k = -0.5 * rho * vrn * cd * area / m
    dx, dyy, dz = k * vr0, k * vr1, k * vr2  # drag acceleration
    vn = math.sqrt(y[3] ** 2 + y[4] ** 2 + y[5] ** 2)
    vhx, vhy, vhz = y[3] / vn, y[4] / vn, y[5] / vn
    dy[0], dy[1], dy[2] = y[3], y[4], y[5]
    ax, ay, az = g[0] + dx, g[1] + dyy, g[2] + dz
    for i in range(6, NY):
        dy[i] = 0.0
    if burning:
        thrust = thr * tvac[ph] - p * ae[ph]  # back-pressure p A_e does not scale with the throttle
        if thrust < 0.0:
            thrust = 0.0
        _thrust_dir(y, t, mode, 0.0, gp, plane_n, omega, u)
        ax += thrust / m * u[0]
        ay += thrust / m * u[1]
        az += thrust / m * u[2]
        dy[6] = -thr * mdot[ph]
        cosa = u[0] * vhx + u[1] * vhy + u[2] * vhz
        dy[9] = thrust / m * (1.0 - cosa)
        dy[10] = p * ae[ph] / m
        dy[11] = thr * tvac[ph] / m
    dy[3], dy[4], dy[5] = ax, ay, az
    dy[7] = -(g[0] * vhx + g[1] * vhy + g[2] * vhz)
    dy[8] = -(dx * vhx + dyy * vhy + dz * vhz)


@kernel(inline=True)
def _rk4_scratch():
    """Work arrays of one :func:`_rk4` integration: (ynew, k1, k2, k3, k4, tmp) of NY, (g, u) of 3."""
    return (np.empty(NY), np.empty(NY), np.empty(NY), np.empty(NY), np.empty(NY), np.empty(NY), np.empty(3),
            np.empty(3))


@kernel(python_errors=True)
def _rk4(t, y, h, ph, burning, mode, thr, tvac, ae, mdot, area, cd_mach, cd_val, mu, re, j2, omega, gp,
         plane_n, k1, k2, k3, k4, tmp, g, u, out):
    _deriv(t, y, ph, burning, mode, thr, tvac, ae, mdot, area, cd_mach, cd_val, mu, re, j2, omega, gp, plane_n,
           k1, g, u)
    for i in range(NY):
        tmp[i] = y[i] + 0.5 * h * k1[i]
    _deriv(t + 0.5 * h, tmp, ph, burning, mode, thr, tvac, ae, mdot, area, cd_mach, cd_val, mu, re, j2, omega,
           gp, plane_n, k2, g, u)
    for i in range(NY):
        tmp[i] = y[i] + 0.5 * h * k2[i]
    _deriv(t + 0.5 * h, tmp, ph, burning, mode, thr, tvac, ae, mdot, area, cd_mach, cd_val, mu, re, j2, omega,
           gp, plane_n, k3, g, u)
    for i in range(NY):
        tmp[i] = y[i] + h * k3[i]
    _deriv(t + h, tmp, ph, burning, mode, thr, tvac, ae, mdot, area, cd_mach, cd_val, mu, re, j2, omega, gp,
           plane_n, k4, g, u)
    for i in range(NY):
        out[i] = y[i] + h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i])


@kernel(python_errors=True)
def _energy(y, mu):
    rn = math.sqrt(y[0] ** 2 + y[1] ** 2 + y[2] ** 2)
    v2 = y[3] ** 2 + y[4] ** 2 + y[5] ** 2
    return 0.5 * v2 - mu / rn


@kernel(python_errors=True)
def _fairing_gap(y, omega, re, fairing_alt, fairing_flux):
    """< 0 once the fairing may go: above ``fairing_alt`` and free-molecular heating 1/2 rho v^3 below
    ``fairing_flux`` (both margins in relative units so that the max is a continuous function of the state)."""
    alt, p, rho, vr0, vr1, vr2, vrn, mach = _aero(y, omega, re)
    return max((fairing_alt - alt) / max(fairing_alt, 1.0), (0.5 * rho * vrn ** 3 - fairing_flux) / fairing_flux)


@kernel(python_errors=True)
def _bracket_next(br):
    """Next trial of the Illinois regula falsi on br = [lo, hi, f_lo, f_hi, side] (bisection if it falls out)."""
    lo, hi, f_lo, f_hi = br[0], br[1], br[2], br[3]
    s = hi - f_hi * (hi - lo) / (f_hi - f_lo)
    if not (lo < s < hi):
        s = 0.5 * (lo + hi)
    return s


@kernel(python_errors=True)
def _bracket_update(br, s, fs, xtol, ftol):
    """Illinois update with f(s) = fs, where f > 0 before the event and f <= 0 at or after it (the end kept twice
    in a row has its value halved); True once the event-side end is within ``ftol`` or the bracket below ``xtol``."""
    if fs <= 0.0:
        br[1], br[3] = s, fs
        if br[4] == 1.0:
            br[2] *= 0.5
        br[4] = 1.0
    else:
        br[0], br[2] = s, fs
        if br[4] == -1.0:
            br[3] *= 0.5
        br[4] = -1.0
    return -br[3] <= ftol or br[1] - br[0] <= xtol


@kernel(python_errors=True)
def _ascent_gap(kind, y, mu, target, omega, re, fairing_alt, fairing_flux):
    """Event functions of the ascent, > 0 before the event: kind 0 = cutoff (target energy - energy), kind 1 =
    fairing jettison (``_fairing_gap``)."""
    if kind == 0:
        return target - _energy(y, mu)
    return _fairing_gap(y, omega, re, fairing_alt, fairing_flux)


@kernel(python_errors=True)
def _step_to_event(kind, t, y, h, target, fairing_alt, fairing_flux, ph, mode, thr, tvac, ae, mdot, area, cd_mach,
                   cd_val, mu, re, j2, omega, gp, plane_n, k1, k2, k3, k4, tmp, g, u, out):
    """Length s in [0, h] of the RK4 step from y at which the event ``kind`` (see ``_ascent_gap``) happens, by
    Illinois regula falsi on s (energy to 1e-13 relative, or 1e-12 s); ``out`` <- the state at s, on the event side.
    ``out`` holds the full step on entry, which must be past the event."""
    f0 = _ascent_gap(kind, y, mu, target, omega, re, fairing_alt, fairing_flux)
    if f0 <= 0.0:
        out[:] = y
        return 0.0
    br = np.array([0.0, h, f0, _ascent_gap(kind, out, mu, target, omega, re, fairing_alt, fairing_flux), 0.0])
    ftol = 1e-13 * abs(target) if kind == 0 else 0.0
    for _ in range(80):
        if -br[3] <= ftol or br[1] - br[0] <= 1e-12:
            break
        s = _bracket_next(br)
        _rk4(t, y, s, ph, True, mode, thr, tvac, ae, mdot, area, cd_mach, cd_val, mu, re, j2, omega, gp, plane_n,
             k1, k2, k3, k4, tmp, g, u, out)
        if _bracket_update(br, s, _ascent_gap(kind, out, mu, target, omega, re, fairing_alt, fairing_flux),
                           1e-12, ftol):
            break
    _rk4(t, y, br[1], ph, True, mode, thr, tvac, ae, mdot, area, cd_mach, cd_val, mu, re, j2, omega, gp, plane_n,
         k1, k2, k3, k4, tmp, g, u, out)
    return br[1]


@kernel(python_errors=True)
def _record(rec, n, t, y, ph, thr, tvac, ae, mdot, burning, omega, re, r0hat):
    if n >= rec.shape[0]:
        return n
    alt, p, rho, vr0, vr1, vr2, vrn, mach = _aero(y, omega, re)
    rn = math.sqrt(y[0] ** 2 + y[1] ** 2 + y[2] ** 2)
    rec[n, 0] = t
    rec[n, 1] = alt
    rec[n, 2] = vrn
    rec[n, 3] = math.sqrt(y[3] ** 2 + y[4] ** 2 + y[5] ** 2)
    rec[n, 4] = 0.5 * rho * vrn * vrn
    thrust = thr * tvac[ph] - p * ae[ph] if burning else 0.0
    rec[n, 5] = max(thrust, 0.0) / y[6]
    rec[n, 6] = y[6]
    rec[n, 7] = ph
    sg = (vr0 * y[0] + vr1 * y[1] + vr2 * y[2]) / (rn * max(vrn, 1e-9))
    rec[n, 8] = math.asin(min(1.0, max(-1.0, sg)))
    # downrange: angle between initial and current position in the frame rotating with the Earth
    ang = omega * t
    c, s = math.cos(ang), math.sin(ang)
    xe = c * y[0] + s * y[1]
    ye = -s * y[0] + c * y[1]
    cosd = (xe * r0hat[0] + ye * r0hat[1] + y[2] * r0hat[2]) / rn
    rec[n, 9] = re * math.acos(min(1.0, max(-1.0, cosd)))
    rec[n, 10] = thr if burning else 0.0
    rec[n, 11] = mach
    return n + 1


COAST_STEP_S = 10.0  # RK4 step of the parking-orbit coast (unpowered, above the sensible atmosphere)
SECOND_BURN_PERIGEE_TOL_M = 1e-5  # the second burn's pitch puts the final perigee this close to the target


@kernel(python_errors=True)
def _perigee_radius(y, mu):
    rn = math.sqrt(y[0] ** 2 + y[1] ** 2 + y[2] ** 2)
    hx = y[1] * y[5] - y[2] * y[4]
    hy = y[2] * y[3] - y[0] * y[5]
    hz = y[0] * y[4] - y[1] * y[3]
    p = (hx * hx + hy * hy + hz * hz) / mu
    en = 0.5 * (y[3] ** 2 + y[4] ** 2 + y[5] ** 2) - mu / rn
    e = math.sqrt(max(0.0, 1.0 + 2.0 * en * p / mu))
    return p / (1.0 + e)


@kernel(python_errors=True)
def _coast_to_node(y, mdot_ph, tvac_ph, energy2, mu):
    """Parking-orbit coast (s) that centres the second burn on the next equator crossing, where real GTO
    flights put the perigee burn so that the apogee (and the later circularisation) falls on the equator.
    The burn length is the rocket equation's for the impulsive delta-v to ``energy2``; 0 for an equatorial
    parking orbit (no node)."""
    rx, ry, rz = y[0], y[1], y[2]
    rn = math.sqrt(rx * rx + ry * ry + rz * rz)
    hx = ry * y[5] - rz * y[4]
    hy = rz * y[3] - rx * y[5]
    hz = rx * y[4] - ry * y[3]
    hn = math.sqrt(hx * hx + hy * hy + hz * hz)
    sin_i = math.sqrt(hx * hx + hy * hy) / hn
    if sin_i < 1e-3:
        return 0.0
    # ascending node direction N = z x h; argument of latitude u from N towards the motion
    nx, ny = -hy, hx
    nn = math.sqrt(nx * nx + ny * ny)
    cos_u = (nx * rx + ny * ry) / (nn * rn)
    sin_u = rz / (rn * sin_i)
    u = math.atan2(sin_u, cos_u) % (2.0 * math.pi)
    n_mean = math.sqrt(mu / (rn * rn * rn))
    to_node = (math.pi - u % math.pi) / n_mean
    v = math.sqrt(y[3] ** 2 + y[4] ** 2 + y[5] ** 2)
    dv = math.sqrt(max(2.0 * (energy2 + mu / rn), 0.0)) - v
    c = tvac_ph / mdot_ph
    burn = y[6] / mdot_ph * (1.0 - math.exp(-max(dv, 0.0) / c))
    coast = to_node - 0.5 * burn
    while coast < 0.0:
        coast += math.pi / n_mean
    return coast


@kernel(python_errors=True)
def _burn2_run(y, t, m_start, prop, ph, tvac, ae, mdot, thr_min, area, cd_mach, cd_val, q_limit, a_limit, gp,
               plane_n, energy2, dt, mu, re, j2, omega, rec, n, record, r0hat):
    """Fly the second burn (guidance mode 2) from ``y`` (updated in place) to ``energy2`` or depletion."""
    ynew, k1, k2, k3, k4, tmp, g, u = _rk4_scratch()
    status = STATUS_OK
    steps = 0
    while True:
        steps += 1
        if steps > 200_000:
            status = STATUS_TIMEOUT
            break
        left = prop - (m_start - y[6])
        if left <= 1e-9 * max(prop, 1.0):
            status = STATUS_DEPLETED
            break
        thr = _throttle(y, ph, tvac, ae, thr_min, q_limit, a_limit, omega, re)
        h = dt
        final_step = False
        if thr * mdot[ph] * h >= left:
            h = left / (thr * mdot[ph])
            final_step = True
        _rk4(t, y, h, ph, True, 2, thr, tvac, ae, mdot, area, cd_mach, cd_val, mu, re, j2, omega, gp, plane_n,
             k1, k2, k3, k4, tmp, g, u, ynew)
        cutoff = False
        if _energy(ynew, mu) >= energy2:
            h = _step_to_event(0, t, y, h, energy2, 0.0, 1.0, ph, 2, thr, tvac, ae, mdot, area, cd_mach, cd_val,
                               mu, re, j2, omega, gp, plane_n, k1, k2, k3, k4, tmp, g, u, ynew)
            cutoff = True
            final_step = False
        y[:] = ynew
        if final_step:
            y[6] = m_start - prop
        t += h
        if record:
            n = _record(rec, n, t, y, ph, thr, tvac, ae, mdot, True, omega, re, r0hat)
        if cutoff:
            break
    return t, n, status


@kernel(python_errors=True)
def _second_burn(y, t, m_start, prop, ph, tvac, ae, mdot, thr_min, area, cd_mach, cd_val, q_limit, a_limit, gp,
                 plane_n, energy2, perigee2, dt, mu, re, j2, omega, rec, n, r0hat):
    """From the parking-orbit insertion ``y`` (updated in place): coast to the burn point
    (:func:`_coast_to_node`), then the second burn to ``energy2`` along the velocity pitched by gp[9].

    A long burn (a low-thrust upper stage such as Fregat burns ~15 min, ~60 deg of orbit) flown straight
    along the velocity climbs as it accelerates: the orbit it leaves has its perigee well above the parking
    orbit and, at the target energy, its apogee as far below the target's (142 km short for Soyuz/Fregat to
    250 x 35,950 km).  The pitch (constant over the burn, negative = towards the Earth) is solved by the
    secant method so the final perigee radius is ``perigee2`` (to ``SECOND_BURN_PERIGEE_TOL_M``); with the
    energy cutoff, perigee and apogee are then both the target's.  ``perigee2`` NaN: no pitch (prograde)."""
    ynew, k1, k2, k3, k4, tmp, g, u = _rk4_scratch()
    coast = _coast_to_node(y, mdot[ph], tvac[ph], energy2, mu)
    tc = 0.0
    while tc < coast - 1e-12:
        h = min(COAST_STEP_S, coast - tc)
        _rk4(t, y, h, ph, False, 2, 0.0, tvac, ae, mdot, area, cd_mach, cd_val, mu, re, j2, omega, gp, plane_n,
             k1, k2, k3, k4, tmp, g, u, ynew)
        y[:] = ynew
        t += h
        tc += h
        n = _record(rec, n, t, y, ph, 0.0, tvac, ae, mdot, False, omega, re, r0hat)
    gp[9] = 0.0
    if math.isfinite(perigee2):
        y0 = y.copy()
        trial = y0.copy()
        da, fa = 0.0, 0.0
        _burn2_run(trial, t, m_start, prop, ph, tvac, ae, mdot, thr_min, area, cd_mach, cd_val, q_limit, a_limit,
                   gp, plane_n, energy2, dt, mu, re, j2, omega, rec, n, False, r0hat)
        fa = _perigee_radius(trial, mu) - perigee2
        db = -0.01
        best_d, best_f = da, fa
        for _ in range(40):
            if abs(best_f) <= SECOND_BURN_PERIGEE_TOL_M:
                break
            gp[9] = db
            trial[:] = y0
            _burn2_run(trial, t, m_start, prop, ph, tvac, ae, mdot, thr_min, area, cd_mach, cd_val, q_limit,
                       a_limit, gp, plane_n, energy2, dt, mu, re, j2, omega, rec, n, False, r0hat)
            fb = _perigee_radius(trial, mu) - perigee2
            if abs(fb) < abs(best_f):
                best_d, best_f = db, fb
            if fb == fa:
                break
            dc = db - fb * (db - da) / (fb - fa)
            dc = min(1.2, max(-1.2, dc))
            da, fa, db = db, fb, dc
        gp[9] = best_d
    return _burn2_run(y, t, m_start, prop, ph, tvac, ae, mdot, thr_min, area, cd_mach, cd_val, q_limit, a_limit,
                      gp, plane_n, energy2, dt, mu, re, j2, omega, rec, n, True, r0hat)


@kernel(python_errors=True)
def fly(y0, plane_n, tvac, ae, mdot, prop, drop, coast, mode, thr_min, fairing_mass, fairing_alt,
        fairing_flux, area, cd_mach, cd_val, q_limit, a_limit, gp, energy1, energy2, dt, mu, re, j2, omega,
        rec, r0hat, perigee2=math.nan):
    """Fly all phases; the last phase stops at specific energy ``energy1`` (and, when ``energy2`` is
    finite, coasts in that parking orbit and flies a second burn to ``energy2`` whose pitch puts the final
    perigee radius at ``perigee2``, see :func:`_second_burn`).

    Returns (y_end, status, events, n_rec, y_cut1) where events[i] = [t_ignition, t_burnout, alt, v_rel,
    gamma_rel, mass, propellant_left] per phase, plus a last row [t_fairing, t_maxq, max_q, 0, 0, 0, 0];
    y_cut1 is the state at the first cutoff (parking orbit for two-burn ascents).
    """
    nph = tvac.shape[0]
    y = y0.copy()
    ynew, k1, k2, k3, k4, tmp, g, u = _rk4_scratch()
    events = np.zeros((nph + 2, 7))
    events[nph, 0] = -1.0
    y_cut1 = np.full(NY, np.nan)
    ystage = np.zeros((nph, NY))
    t = 0.0
    n = 0
    fairing_on = fairing_mass > 0.0
    max_q = 0.0
    t_maxq = 0.0
    status = STATUS_OK
    n = _record(rec, n, t, y, 0, 1.0, tvac, ae, mdot, True, omega, re, r0hat)
    for ph in range(nph):
        # drop the previous stage / boosters, then coast
        y[6] -= drop[ph]
        burn_mode = mode[ph]
        if coast[ph] > 0.0:
            tc = 0.0
            while tc < coast[ph] - 1e-12:
                h = min(dt, coast[ph] - tc)
                _rk4(t, y, h, ph, False, burn_mode, 0.0, tvac, ae, mdot, area, cd_mach, cd_val, mu, re, j2,
                     omega, gp, plane_n, k1, k2, k3, k4, tmp, g, u, ynew)
                y[:] = ynew
                t += h
                tc += h
                n = _record(rec, n, t, y, ph, 0.0, tvac, ae, mdot, False, omega, re, r0hat)
        events[ph, 0] = t
        if ph > 0 and mode[ph] == 1 and mode[ph - 1] != 1:
            gp[5] = t  # linear-tangent clock starts at upper-stage ignition
        m_start = y[6]
        last = ph == nph - 1
        target = energy1
        steps = 0
        while True:
            steps += 1
            if steps > 200_000:
                status = STATUS_TIMEOUT
                break
            left = prop[ph] - (m_start - y[6])
            if left <= 1e-9 * max(prop[ph], 1.0):
                if last:
                    status = STATUS_DEPLETED
                break
            thr = _throttle(y, ph, tvac, ae, thr_min, q_limit, a_limit, omega, re)
            h = dt
            if burn_mode == 0:
                # land on the pitch-programme break points (end of the vertical rise, end of the kick)
                for tb in (gp[0], gp[0] + gp[1]):
                    if t < tb - 1e-9 and t + h > tb:
                        h = tb - t
            final_step = False
            if thr * mdot[ph] * h >= left:
                h = left / (thr * mdot[ph])
                final_step = True
            _rk4(t, y, h, ph, True, burn_mode, thr, tvac, ae, mdot, area, cd_mach, cd_val, mu, re, j2, omega,
                 gp, plane_n, k1, k2, k3, k4, tmp, g, u, ynew)
            cutoff = False
            if last and _energy(ynew, mu) >= target:
                # cutoff inside the step: the step length where the energy equals the target, by root finding
                h = _step_to_event(0, t, y, h, target, fairing_alt, fairing_flux, ph, burn_mode, thr, tvac, ae,
                                   mdot, area, cd_mach, cd_val, mu, re, j2, omega, gp, plane_n, k1, k2, k3, k4, tmp,
                                   g, u, ynew)
                cutoff = True
                final_step = False
            if fairing_on and _fairing_gap(ynew, omega, re, fairing_alt, fairing_flux) < 0.0:
                # the fairing goes at the exact instant its condition is met, not at the end of the step
                h = _step_to_event(1, t, y, h, target, fairing_alt, fairing_flux, ph, burn_mode, thr, tvac, ae,
                                   mdot, area, cd_mach, cd_val, mu, re, j2, omega, gp, plane_n, k1, k2, k3, k4, tmp,
                                   g, u, ynew)
                y[:] = ynew
                t += h
                y[6] -= fairing_mass
                m_start -= fairing_mass  # the fairing is jettisoned mass, not propellant burnt by this stage
                fairing_on = False
                events[nph, 0] = t
                n = _record(rec, n, t, y, ph, thr, tvac, ae, mdot, True, omega, re, r0hat)
                continue
            y[:] = ynew
            if final_step:
                # constant throttle over the last step: exactly the propellant left is burnt
                y[6] = m_start - prop[ph]
            t += h
            alt, p, rho, vr0, vr1, vr2, vrn, mach = _aero(y, omega, re)
            q = 0.5 * rho * vrn * vrn
            if q > max_q:
                max_q = q
                t_maxq = t
            n = _record(rec, n, t, y, ph, thr, tvac, ae, mdot, True, omega, re, r0hat)
            if cutoff:
                if math.isfinite(energy2):
                    y_cut1[:] = y
                    # parking orbit: coast, then the second burn with its pitch solved for the target perigee
                    t, n, status = _second_burn(y, t, m_start, prop[ph], ph, tvac, ae, mdot, thr_min, area,
                                                cd_mach, cd_val, q_limit, a_limit, gp, plane_n, energy2,
                                                perigee2, dt, mu, re, j2, omega, rec, n, r0hat)
                    break
                y_cut1[:] = y
                break
            if alt < -1000.0:
                status = STATUS_CRASHED
                break
        alt, p, rho, vr0, vr1, vr2, vrn, mach = _aero(y, omega, re)
        rn = math.sqrt(y[0] ** 2 + y[1] ** 2 + y[2] ** 2)
        events[ph, 1] = t
        events[ph, 2] = alt
        events[ph, 3] = vrn
        events[ph, 4] = math.asin(min(1.0, max(-1.0, (vr0 * y[0] + vr1 * y[1] + vr2 * y[2]) / (rn * vrn))))
        events[ph, 5] = y[6]
        events[ph, 6] = prop[ph] - (m_start - y[6])
        ystage[ph, :] = y
        if status == STATUS_CRASHED or status == STATUS_TIMEOUT:
            break
    events[nph, 1] = t_maxq
    events[nph, 2] = max_q
    events[nph, 3] = 1.0 if fairing_on else 0.0
    return y, status, events, n, y_cut1, ystage


@kernel(python_errors=True)
def _alt(y, re):
    return math.sqrt(y[0] ** 2 + y[1] ** 2 + y[2] ** 2) - re


@kernel(python_errors=True)
def coast_descent(y0, dt, t_max, area, cd, mu, re, omega, stop_alt):
    """Ballistic (drag + gravity) flight of a separated stage for ``t_max`` s or until the altitude falls to
    ``stop_alt`` while descending; that crossing is located inside the RK4 step by root finding (Illinois regula
    falsi on the step length, to 1e-9 m), so the stop state is a continuous function of the start state.
    Returns (y, t, max_q)."""
    y = y0.copy()
    ynew, k1, k2, k3, k4, tmp, g, u = _rk4_scratch()
    z1 = np.zeros(1)
    cdm = np.array([0.0, 1.0])
    cdv = np.array([cd, cd])
    gp = np.zeros(7)
    pn = np.array([0.0, 0.0, 1.0])
    t = 0.0
    max_q = 0.0
    while t < t_max - 1e-12:
        h = min(dt, t_max - t)
        _rk4(t, y, h, 0, False, 0, 0.0, z1, z1, z1, area, cdm, cdv, mu, re, 0.0, omega, gp, pn, k1, k2, k3,
             k4, tmp, g, u, ynew)
        alt0 = _alt(y, re)
        alt1 = _alt(ynew, re)
        if alt1 <= stop_alt and alt1 < alt0:
            br = np.array([0.0, h, alt0 - stop_alt, alt1 - stop_alt, 0.0])
            if alt0 <= stop_alt:
                br[1] = 0.0  # already at or below the stop altitude: stop here
            for _ in range(60):
                if -br[3] <= 1e-9 or br[1] - br[0] <= 1e-13 * h:
                    break
                s = _bracket_next(br)
                _rk4(t, y, s, 0, False, 0, 0.0, z1, z1, z1, area, cdm, cdv, mu, re, 0.0, omega, gp, pn, k1, k2, k3,
                     k4, tmp, g, u, ynew)
                if _bracket_update(br, s, _alt(ynew, re) - stop_alt, 1e-13 * h, 1e-9):
                    break
            hi = br[1]
            _rk4(t, y, hi, 0, False, 0, 0.0, z1, z1, z1, area, cdm, cdv, mu, re, 0.0, omega, gp, pn, k1, k2, k3,
                 k4, tmp, g, u, ynew)
            y[:] = ynew
            t += hi
            break
        y[:] = ynew
        t += h
        alt, p, rho, vr0, vr1, vr2, vrn, mach = _aero(y, omega, re)
        q = 0.5 * rho * vrn * vrn
        if q > max_q:
            max_q = q
    return y, t, max_q


@kernel(python_errors=True)
def _retro_step(y, t, h, tvac, ae, mdot, area, cd, mu, re, omega, direction, dir_vec, g, mid, out):
    """One explicit-midpoint step of a burn (thrust against the Earth-relative velocity, direction 0, or along
    ``dir_vec`` turning with the Earth, direction 1) with gravity and drag; ``out`` <- the state after h."""
    for stage in range(2):
        yy = y if stage == 0 else mid
        a2, p2, rho2, w0, w1, w2, wn, mach2 = _aero(yy, omega, re)
        if direction == 0:
            ux, uy, uz = -w0 / wn, -w1 / wn, -w2 / wn
        else:
            c, s = math.cos(omega * t), math.sin(omega * t)
            ux, uy, uz = c * dir_vec[0] - s * dir_vec[1], s * dir_vec[0] + c * dir_vec[1], dir_vec[2]
        _gravity(yy, mu, re, 0.0, g)
        k = -0.5 * rho2 * wn * cd * area / yy[6]
        tt = (tvac - p2 * ae) / yy[6]
        ax = g[0] + k * w0 + tt * ux
        ay = g[1] + k * w1 + tt * uy
        az = g[2] + k * w2 + tt * uz
        if stage == 0:
            for i in range(3):
                mid[i] = y[i] + 0.5 * h * y[3 + i]
            mid[3] = y[3] + 0.5 * h * ax
            mid[4] = y[4] + 0.5 * h * ay
            mid[5] = y[5] + 0.5 * h * az
            mid[6] = y[6] - 0.5 * h * mdot
        else:
            out[:] = y
            out[0] = y[0] + h * mid[3]
            out[1] = y[1] + h * mid[4]
            out[2] = y[2] + h * mid[5]
            out[3] = y[3] + h * ax
            out[4] = y[4] + h * ay
            out[5] = y[5] + h * az
            out[6] = y[6] - h * mdot


@kernel(python_errors=True)
def _retro_gap(y, t, omega, re, direction, dir_vec, target):
    """> 0 while the burn must go on: |v_rel| - target (direction 0), target - downrange speed along dir_vec
    (direction 1)."""
    alt, p, rho, vr0, vr1, vr2, vrn, mach = _aero(y, omega, re)
    if direction == 0:
        return vrn - target
    c, s = math.cos(omega * t), math.sin(omega * t)
    dx = c * dir_vec[0] - s * dir_vec[1]
    dyv = s * dir_vec[0] + c * dir_vec[1]
    return target - (vr0 * dx + vr1 * dyv + vr2 * dir_vec[2])


@kernel(python_errors=True)
def retro_burn(y0, dt, tvac, ae, mdot, area, cd, mu, re, omega, dv_target_speed, direction, dir_vec, max_prop,
               t0):
    """Burn against the Earth-relative velocity (direction 0) or along ``dir_vec`` rotated with the Earth
    (direction 1, horizontal boost-back) until |v_rel| <= dv_target_speed (direction 0) or until the
    downrange Earth-relative speed along dir_vec reaches dv_target_speed (direction 1), or ``max_prop`` is burnt.
    Explicit midpoint steps of ``dt``; the cutoff is located inside the last step by root finding (Illinois
    regula falsi on the step length until the speed condition holds to 1e-9 m/s), so the propellant used is a
    continuous function of the start state, not a multiple of the step's mass flow.
    Returns (y, t, propellant used)."""
    y = y0.copy()
    ynew = np.empty(NY)
    t = t0
    used = 0.0
    m0 = y[6]
    g = np.empty(3)
    mid = np.empty(NY)
    for _ in range(100000):
        if _retro_gap(y, t, omega, re, direction, dir_vec, dv_target_speed) <= 0.0:
            break
        if used >= max_prop:
            break
        h = min(dt, (max_prop - used) / mdot)
        _retro_step(y, t, h, tvac, ae, mdot, area, cd, mu, re, omega, direction, dir_vec, g, mid, ynew)
        f_hi = _retro_gap(ynew, t + h, omega, re, direction, dir_vec, dv_target_speed)
        if f_hi <= 0.0:
            br = np.array([0.0, h, _retro_gap(y, t, omega, re, direction, dir_vec, dv_target_speed), f_hi, 0.0])
            for _ in range(60):
                if -br[3] <= 1e-9 or br[1] - br[0] <= 1e-13 * h:
                    break
                s = _bracket_next(br)
                _retro_step(y, t, s, tvac, ae, mdot, area, cd, mu, re, omega, direction, dir_vec, g, mid, ynew)
                if _bracket_update(br, s, _retro_gap(ynew, t + s, omega, re, direction, dir_vec, dv_target_speed),
                                   1e-13 * h, 1e-9):
                    break
            hi = br[1]
            h = hi
            _retro_step(y, t, h, tvac, ae, mdot, area, cd, mu, re, omega, direction, dir_vec, g, mid, ynew)
            y[:] = ynew
            t += h
            used = m0 - y[6]
            break
        y[:] = ynew
        used = m0 - y[6]
        t += h
    return y, t, used
