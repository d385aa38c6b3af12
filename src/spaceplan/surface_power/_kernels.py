"""Numba kernels of the illumination engine (see :mod:`spaceplan.surface_power.illumination`).

For every site s and epoch t (sites in parallel): the Sun and the Earth seen from the site
(Moon-fixed vectors minus the site position), the Sun's elevation and azimuth in the local
east-north-up frame, the fraction of the solar disc above the site's horizon profile (a circular
segment cut by a locally straight horizon line), and the fraction not hidden by the Earth's disc
(area of overlap of two discs).  Outputs are float32: 1e-7 relative is 2e-5 deg, far below the model.
"""

from __future__ import annotations

import math

from numba import prange

from spaceplan.core.jit import kernel


@kernel(python_errors=True)
def _disc_above(d):
    """Fraction of a unit disc above a straight line, the disc centre ``d`` radii above it."""
    if d >= 1.0:
        return 1.0
    if d <= -1.0:
        return 0.0
    return 1.0 - (math.acos(d) - d * math.sqrt(1.0 - d * d)) / math.pi


@kernel(python_errors=True)
def _overlap(r1, r2, d):
    """Area of overlap of two discs of radii r1, r2 whose centres are d apart (same units)."""
    if d >= r1 + r2:
        return 0.0
    if d <= abs(r1 - r2):
        r = min(r1, r2)
        return math.pi * r * r
    c1 = min(1.0, max(-1.0, (d * d + r1 * r1 - r2 * r2) / (2.0 * d * r1)))
    c2 = min(1.0, max(-1.0, (d * d + r2 * r2 - r1 * r1) / (2.0 * d * r2)))
    k = (-d + r1 + r2) * (d + r1 - r2) * (d - r1 + r2) * (d + r1 + r2)
    return r1 * r1 * math.acos(c1) + r2 * r2 * math.acos(c2) - 0.5 * math.sqrt(max(k, 0.0))


@kernel(parallel=True, python_errors=True)
def sun_at_sites(sun_bf, earth_bf, site_pos, site_up, site_east, site_north, horizon, sun_radius, earth_radius,
                 elevation, azimuth, visible, unocculted):
    """Fill (S, T) outputs for sites (S, 3) and Moon-fixed Sun/Earth vectors (T, 3), metres.

    horizon (S, K): horizon elevation (rad) at K azimuths spaced 2 pi / K from north through east.
    elevation, azimuth (rad), visible (solar-disc fraction lit at the site), unocculted (fraction of
    the disc not behind the Earth) are (S, T) float32 arrays.
    """
    n_sites = site_pos.shape[0]
    n_t = sun_bf.shape[0]
    k = horizon.shape[1]
    daz = 2.0 * math.pi / k
    for s in prange(n_sites):
        px, py, pz = site_pos[s, 0], site_pos[s, 1], site_pos[s, 2]
        ux, uy, uz = site_up[s, 0], site_up[s, 1], site_up[s, 2]
        ex, ey, ez = site_east[s, 0], site_east[s, 1], site_east[s, 2]
        nx, ny, nz = site_north[s, 0], site_north[s, 1], site_north[s, 2]
        for t in range(n_t):
            sx = sun_bf[t, 0] - px
            sy = sun_bf[t, 1] - py
            sz = sun_bf[t, 2] - pz
            rs = math.sqrt(sx * sx + sy * sy + sz * sz)
            su = sx * ux + sy * uy + sz * uz
            se = sx * ex + sy * ey + sz * ez
            sn = sx * nx + sy * ny + sz * nz
            el = math.asin(min(1.0, max(-1.0, su / rs)))
            az = math.atan2(se, sn)
            if az < 0.0:
                az += 2.0 * math.pi
            x = az / daz
            i0 = int(x)
            if i0 >= k:
                i0 = k - 1
            f = x - i0
            i1 = i0 + 1
            if i1 == k:
                i1 = 0
            h = horizon[s, i0] * (1.0 - f) + horizon[s, i1] * f
            alpha = math.asin(sun_radius / rs)
            above = _disc_above((el - h) / alpha)
            # Earth's disc against the Sun's, both seen from the site (small-angle plane geometry).
            wx = earth_bf[t, 0] - px
            wy = earth_bf[t, 1] - py
            wz = earth_bf[t, 2] - pz
            rw = math.sqrt(wx * wx + wy * wy + wz * wz)
            cx = sy * wz - sz * wy
            cy = sz * wx - sx * wz
            cz = sx * wy - sy * wx
            sep = math.atan2(math.sqrt(cx * cx + cy * cy + cz * cz), sx * wx + sy * wy + sz * wz)
            beta = math.asin(earth_radius / rw)
            free = 1.0
            if sep < alpha + beta:
                free = 1.0 - _overlap(alpha, beta, sep) / (math.pi * alpha * alpha)
                if free < 0.0:
                    free = 0.0
            elevation[s, t] = el
            azimuth[s, t] = az
            visible[s, t] = above * free
            unocculted[s, t] = free


@kernel(python_errors=True)
def sequent_peak(net_wh):
    """(largest cumulative deficit, deficit left at the end) of a storage starting full.

    net_wh: energy into storage per step (negative = drawn).  The storage level relative to full
    is min(0, level + net); the needed usable capacity is the deepest level reached.
    """
    level = 0.0
    deepest = 0.0
    for x in net_wh:
        level += x
        if level > 0.0:
            level = 0.0
        if level < deepest:
            deepest = level
    return -deepest, -level
