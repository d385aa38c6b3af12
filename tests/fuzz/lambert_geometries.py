"""Random Lambert geometries for the at-scale test (issue 9): every kind of problem a caller can pose.

Heliocentric (mu of the Sun), radii log-uniform in 0.3-30 AU, time of flight log-uniform in
1e-3-1e3 days, 0 revolutions for half the problems and 1-5 for the others, both multi-revolution branches, prograde or retrograde,
in six equal parts: generic 3-D directions; transfers within 1e-10-1e-2 rad of 0 deg; within
1e-10-1e-2 rad of 180 deg; exactly collinear (r2 = k r1, k of either sign); coincident (r2 = r1);
coplanar in the ecliptic (so the prograde flag picks the sense of motion about +z).
"""

from __future__ import annotations

import numpy as np

MU_SUN = 1.32712440018e20
AU = 1.495978707e11
DAY = 86400.0
KINDS = ("generic", "near_0deg", "near_180deg", "collinear", "coincident", "ecliptic")


def _unit(v):
    return v / np.linalg.norm(v, axis=1)[:, None]


def _rotated(d, angle, rng):
    """Unit vectors at ``angle`` from the unit vectors ``d`` (random azimuth about d)."""
    p = _unit(np.cross(d, rng.standard_normal(d.shape)))
    return _unit(np.cos(angle)[:, None] * d + np.sin(angle)[:, None] * p)


def geometries(n: int, seed: int = 2026):
    """(r1, r2, tof, revs, prograde, low_path, kind) for n problems; kind indexes KINDS."""
    rng = np.random.default_rng(seed)
    kind = np.arange(n) % len(KINDS)
    d1 = _unit(rng.standard_normal((n, 3)))
    d2 = _unit(rng.standard_normal((n, 3)))
    ecl = kind == 5
    d1[ecl, 2] = 0.0
    d2[ecl, 2] = 0.0
    d1[ecl] = _unit(d1[ecl])
    d2[ecl] = _unit(d2[ecl])
    small = 10.0 ** rng.uniform(-10, -2, n)
    for k, angle in ((1, small), (2, np.pi - small)):
        m = kind == k
        d2[m] = _rotated(d1[m], angle[m], rng)
    m = kind == 3
    d2[m] = d1[m] * np.where(rng.random(m.sum()) < 0.5, 1.0, -1.0)[:, None]
    r1n = AU * 10.0 ** rng.uniform(np.log10(0.3), np.log10(30.0), n)
    r2n = AU * 10.0 ** rng.uniform(np.log10(0.3), np.log10(30.0), n)
    r1 = d1 * r1n[:, None]
    r2 = d2 * r2n[:, None]
    r2[kind == 4] = r1[kind == 4]
    tof = DAY * 10.0 ** rng.uniform(-3, 3, n)
    revs = np.where(rng.random(n) < 0.5, 0, rng.integers(1, 6, n))  # half single-arc, half 1-5 revolutions
    prograde = rng.random(n) < 0.5
    low_path = rng.random(n) < 0.5
    return r1, r2, tof, revs, prograde, low_path, kind
