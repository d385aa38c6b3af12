"""Orientation of the Moon: the IAU 2009 (WGCCRE) rotation model, ICRF -> Moon-fixed (mean Earth/polar axis).

Archinal et al. (2011), "Report of the IAU Working Group on Cartographic Coordinates and Rotational
Elements: 2009", Celest. Mech. Dyn. Astr. 109:101-135, table 2 (unchanged in the 2015 report,
Archinal et al. 2018, and identical to NAIF's pck00010/pck00011 ``BODY301_*`` values):

    alpha0 = 269.9949 + 0.0031 T  + sum a_i sin E_i
    delta0 =  66.5392 + 0.0130 T  + sum d_i cos E_i
    W      =  38.3213 + 13.17635815 d - 1.4e-12 d^2 + sum w_i sin E_i

d = days and T = Julian centuries (TDB) past J2000, E_1..E_13 linear in T.  The model approximates
the mean Earth/polar axis (ME) frame that lunar maps use; the periodic terms carry the main physical
librations.  Accuracy: the truncated series departs from the DE421 ME frame by about 150 m on the
surface (LRO Project & LGCWG White Paper, "A Standardized Lunar Coordinate System for the LRO",
2008, sec. 4; Archinal et al. 2011 sec. 4), i.e. about 0.005 deg in the direction of the Sun seen
from a site: far below the 0.267 deg solar semidiameter.  The DE421 libration angles themselves
need the binary PCK ``moon_pa_de421_1900-2050.bpc`` and frame kernels, which no package registry
ships (skyfield-data carries only de421.bsp), so spaceplan does not use them.

All functions are vectorized over epochs (TDB seconds past J2000); angles in radians.
"""

from __future__ import annotations

import numpy as np

from spaceplan.core.constants import DAY

_DEG = np.pi / 180.0
# E_i = E0_i + RATE_i * T (deg, deg per Julian century), i = 1..13
_E0 = np.array([125.045, 250.089, 260.008, 176.625, 357.529, 311.589, 134.963, 276.617, 34.226, 15.134,
                119.743, 239.961, 25.053])
_E_RATE = np.array([-1935.5364525, -3871.0729050, 475263.3328725, 487269.6299850, 35999.0509575,
                    964468.4993100, 477198.8693250, 12006.3007650, 63863.5132425, -5806.6093575,
                    131.8406400, 6003.1503825, 473327.7964200])
_RA_AMP = np.array([-3.8787, -0.1204, 0.0700, -0.0172, 0.0, 0.0072, 0.0, 0.0, 0.0, -0.0052, 0.0, 0.0, 0.0043])
_DEC_AMP = np.array([1.5419, 0.0239, -0.0278, 0.0068, 0.0, -0.0029, 0.0009, 0.0, 0.0, 0.0008, 0.0, 0.0, -0.0009])
_PM_AMP = np.array([3.5610, 0.1208, -0.0642, 0.0158, 0.0252, -0.0066, -0.0047, -0.0046, 0.0028, 0.0052, 0.0040,
                    0.0019, -0.0044])

# Stated accuracy of the model relative to the DE421 mean-Earth frame (m on the surface).
IAU_MODEL_SURFACE_ERROR_M = 150.0


def pole_and_meridian(tdb) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(alpha0, delta0, W) of the Moon, rad, at TDB seconds past J2000 (any array shape)."""
    tdb = np.asarray(tdb, dtype=float)
    d = tdb / DAY
    t = d / 36525.0
    e = (_E0 + _E_RATE * t[..., None]) * _DEG
    sin_e, cos_e = np.sin(e), np.cos(e)
    alpha = 269.9949 + 0.0031 * t + sin_e @ _RA_AMP
    delta = 66.5392 + 0.0130 * t + cos_e @ _DEC_AMP
    w = 38.3213 + 13.17635815 * d - 1.4e-12 * d * d + sin_e @ _PM_AMP
    return alpha * _DEG, delta * _DEG, np.mod(w, 360.0) * _DEG


def icrf_to_moon_fixed(tdb) -> np.ndarray:
    """Rotation matrices (..., 3, 3) taking ICRF vectors to the Moon-fixed (ME) frame.

    M = R3(W) R1(pi/2 - delta0) R3(pi/2 + alpha0) (passive rotations; Archinal et al. 2011 fig. 1).
    """
    alpha, delta, w = pole_and_meridian(tdb)
    ca, sa = np.cos(alpha), np.sin(alpha)
    cd, sd = np.cos(delta), np.sin(delta)
    cw, sw = np.cos(w), np.sin(w)
    # Rows of M: x axis (prime meridian), y axis, z axis (pole), expressed in ICRF.
    z = np.stack([cd * ca, cd * sa, sd], axis=-1)
    node = np.stack([-sa, ca, np.zeros_like(ca)], axis=-1)  # ascending node of the lunar equator on the ICRF equator
    q = np.cross(z, node)
    x = cw[..., None] * node + sw[..., None] * q
    y = -sw[..., None] * node + cw[..., None] * q
    return np.stack([x, y, z], axis=-2)


def to_moon_fixed(vec_icrf, tdb) -> np.ndarray:
    """ICRF vectors (..., 3) expressed in the Moon-fixed frame at the matching epochs."""
    m = icrf_to_moon_fixed(tdb)
    return np.einsum("...ij,...j->...i", m, np.asarray(vec_icrf, dtype=float))
