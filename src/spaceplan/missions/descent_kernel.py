"""Numba kernel of the Mars landing descent of :func:`spaceplan.missions.starship_mars.landing_dv`.

Planar fall without lift from (V, gamma < 0, h): drag rho(h) V^2 / (2 beta m / m0) in the exponential Mars
atmosphere rho = rho0 exp(-h / H), gravity mu / r^2, and once below ``h_ignite`` a thrust against the velocity
(gravity turn) burning propellant at thrust / c.  Explicit Euler at ``dt`` (0.1 s):

    dV/dt = -D/m - T/m - g sin(gamma),   dgamma/dt = -(g / V - V / r) cos(gamma),   dh/dt = V sin(gamma)

Each landing-burn bisection flies it ~15 times for up to 30,000 steps: in Python that was ~0.2 s a flight and
two thirds of the [starship] study section; compiled it is ~1 ms.
"""

from __future__ import annotations

import math

from spaceplan.core.jit import kernel


@kernel()
def descend(m0, v0, gam0, h0, h_ignite, thrust, c_land, beta0, dt, gm, radius, rho0, scale_height):
    """(altitude where the ship has stopped (< 5 m/s), or minus the speed left at the ground, or at the
    50-minute limit when it never comes down; mass)."""
    v, gam, h, m = v0, gam0, h0, m0
    mdot = thrust / c_land
    n = int(3_000.0 / dt)  # 50 min: a ship still flying then has skipped out or is in orbit
    for _ in range(n):
        burning = h <= h_ignite
        r = radius + h
        g = gm / (r * r)
        drag = rho0 * math.exp(-max(h, 0.0) / scale_height) * v * v / (2.0 * beta0 * m / m0)
        dv = -drag - g * math.sin(gam)
        if burning:
            dv -= thrust / m
        dgam = -(g / v - v / r) * math.cos(gam)
        v += dv * dt
        gam = max(gam + dgam * dt, -0.5 * math.pi)
        h += v * math.sin(gam) * dt
        if burning:
            m -= mdot * dt
        if v < 5.0:
            return h, m
        if h <= 0.0:
            return -v, m
    return -v, m
