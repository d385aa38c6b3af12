"""Earth frames: TEME -> ECEF (ITRF-like), ECEF <-> geodetic WGS 84, topocentric az/el.

Conventions (Vallado, *Fundamentals of Astrodynamics and Applications*, 4th ed.,
2013, sec. 3.7; Vallado, Crawford, Hujsak & Kelso 2006, "Revisiting Spacetrack
Report #3", AIAA 2006-6753, appendix C):

* TEME (the frame of SGP4 output) -> PEF is a rotation about z by the Greenwich
  Mean Sidereal Time of the IAU 1982 model (Vallado 2013 eq. 3-45/3-47), *not*
  GAST: TEME's x axis is the mean equinox of date measured along the true equator.
* PEF -> ITRF is polar motion W = R1(-yp) R2(-xp) (small angles).

spaceplan neglects Earth orientation data by default (UT1 = UTC, xp = yp = 0) so
nothing has to be downloaded.  Error bound of that choice:

* |UT1 - UTC| <= 0.9 s (IERS keeps it so) -> an along-longitude rotation error
  <= 0.9 s x 7.292e-5 rad/s = 6.6e-5 rad, i.e. <= 6.6e-5 x rho where rho is the
  distance from the polar axis: <= 0.46 km at LEO (rho ~ 7000 km), <= 0.42 km on
  the ground (rho <= 6378 km).
* polar motion |xp|, |yp| <~ 0.6" = 2.9e-6 rad -> <= 3e-6 x |r|: <= 20 m at LEO.

Both can be passed (``dut1_s``, ``xp_rad``, ``yp_rad``) to reproduce Vallado's
example exactly.  All functions are vectorized over leading array dimensions;
positions are in metres, angles in radians.
"""

from __future__ import annotations

import numpy as np

from spaceplan.core.constants import DAY, EARTH_FLATTENING, EARTH_RADIUS, EARTH_ROTATION_RATE, J2000_JD

# Worst-case position error of neglecting UT1-UTC (0.9 s) and polar motion (0.6"),
# per metre of distance from the rotation axis / from the geocentre (dimensionless).
UT1_NEGLECT_ROTATION_RAD = 0.9 * EARTH_ROTATION_RATE
POLAR_MOTION_NEGLECT_RAD = 0.6 / 206_264.806

_WGS84_A = EARTH_RADIUS
_WGS84_F = EARTH_FLATTENING
_WGS84_B = _WGS84_A * (1.0 - _WGS84_F)
_WGS84_E2 = _WGS84_F * (2.0 - _WGS84_F)
_WGS84_EP2 = (_WGS84_A**2 - _WGS84_B**2) / _WGS84_B**2


def gmst(jd_ut1, jd_ut1_fraction=0.0) -> np.ndarray | float:
    """Greenwich Mean Sidereal Time (IAU 1982), rad in [0, 2 pi).

    Vallado (2013) eq. 3-47:
    GMST[s] = 67310.54841 + (876600 h + 8640184.812866 s) T + 0.093104 T^2 - 6.2e-6 T^3,
    T = (JD_UT1 - 2451545.0) / 36525.  ``jd_ut1`` may be split as whole + fraction
    (the ``sgp4`` convention) to keep sub-millisecond precision.
    """
    jd_ut1 = np.asarray(jd_ut1, dtype=float)
    frac = np.asarray(jd_ut1_fraction, dtype=float)
    days = (jd_ut1 - J2000_JD) + frac
    t = days / 36525.0
    # 876600 h * T = 86400 s * days: whole days add whole turns, so only the day fraction
    # of that term is kept (avoids losing digits in the large linear term).
    seconds = 67310.54841 + 8640184.812866 * t + 0.093104 * t**2 - 6.2e-6 * t**3
    frac_day = np.mod(days, 1.0)
    angle = np.mod(seconds / 240.0 * np.pi / 180.0 + 2.0 * np.pi * frac_day, 2.0 * np.pi)
    return float(angle) if angle.ndim == 0 else angle


def tdb_to_jd_ut1(tdb, dut1_s=0.0) -> tuple[np.ndarray, np.ndarray]:
    """(whole, fraction) Julian date in UT1 for TDB seconds past J2000; UT1 = UTC + ``dut1_s``."""
    from spaceplan.core.time import tdb_to_datetime64

    stamps = tdb_to_datetime64(np.asarray(tdb, dtype=float))
    utc_days = (stamps - np.datetime64("2000-01-01T12:00:00", "ns")).astype("int64") / (1e9 * DAY)
    utc_days = utc_days + np.asarray(dut1_s, dtype=float) / DAY
    whole = np.floor(utc_days)
    return whole + J2000_JD, utc_days - whole


def gmst_from_tdb(tdb, dut1_s=0.0) -> np.ndarray | float:
    """GMST (IAU 1982, rad) at TDB seconds past J2000, with UT1 = UTC + ``dut1_s``."""
    whole, frac = tdb_to_jd_ut1(tdb, dut1_s)
    out = gmst(whole, frac)
    return float(out) if np.ndim(out) == 0 else out


def rot3_apply(theta, r):
    """R3(theta) r with theta broadcast over r[..., 3] (passive rotation about z)."""
    c, s = np.cos(theta), np.sin(theta)
    x, y, z = r[..., 0], r[..., 1], r[..., 2]
    return np.stack([c * x + s * y, -s * x + c * y, np.broadcast_to(z, np.broadcast(x, c).shape)], axis=-1)


def _polar_motion(r, xp, yp):
    """ITRF = W^T PEF, W the IAU-76/FK5 polar-motion matrix (Vallado 2013 eq. 3-77), small-angle form."""
    if np.all(np.asarray(xp) == 0.0) and np.all(np.asarray(yp) == 0.0):
        return r
    x, y, z = r[..., 0], r[..., 1], r[..., 2]
    # PEF = W ITRF with W ~ [[1, 0, -xp], [0, 1, yp], [xp, -yp, 1]]; ITRF = W^T PEF.
    return np.stack([x + xp * z, y - yp * z, -xp * x + yp * y + z], axis=-1)


def teme_to_ecef(r_teme, tdb, v_teme=None, *, dut1_s=0.0, xp_rad=0.0, yp_rad=0.0, jd_ut1=None):
    """Rotate TEME positions (and optionally velocities) into ECEF (ITRF), metres.

    ``r_teme``: (..., 3) m; ``tdb``: TDB seconds past J2000 broadcastable to
    ``r_teme[..., 0]`` (e.g. shape (T, 1) for (T, N, 3) positions).  Alternatively
    pass ``jd_ut1=(whole, fraction)`` directly (then ``tdb`` is ignored and may be None).
    Velocity transform: v_pef = R3(gmst) v_teme - omega x r_pef (Vallado 2013 eq. 3-80).
    Returns r_ecef, or (r_ecef, v_ecef) when ``v_teme`` is given.
    """
    r_teme = np.asarray(r_teme, dtype=float)
    if jd_ut1 is not None:
        theta = gmst(*jd_ut1) if isinstance(jd_ut1, tuple) else gmst(jd_ut1)
    else:
        theta = gmst_from_tdb(tdb, dut1_s)
    theta = np.asarray(theta, dtype=float)
    r_pef = rot3_apply(theta, r_teme)
    r_ecef = _polar_motion(r_pef, xp_rad, yp_rad)
    if v_teme is None:
        return r_ecef
    v_rot = rot3_apply(theta, np.asarray(v_teme, dtype=float))
    w = EARTH_ROTATION_RATE
    v_pef = v_rot - np.stack([-w * r_pef[..., 1], w * r_pef[..., 0], np.zeros_like(r_pef[..., 0])], axis=-1)
    return r_ecef, _polar_motion(v_pef, xp_rad, yp_rad)


def eci_to_ecef(r_eci, tdb, *, dut1_s=0.0):
    """Rotate inertial-of-date positions into ECEF with GMST only (same as TEME, no polar motion)."""
    return teme_to_ecef(r_eci, tdb, dut1_s=dut1_s)


def geodetic_to_ecef(lat, lon, h=0.0) -> np.ndarray:
    """WGS 84 geodetic latitude, longitude (rad) and height (m) -> ECEF (..., 3) m (Vallado eq. 3-7)."""
    lat, lon, h = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (lat, lon, h)))
    sl, cl = np.sin(lat), np.cos(lat)
    n = _WGS84_A / np.sqrt(1.0 - _WGS84_E2 * sl * sl)
    return np.stack([(n + h) * cl * np.cos(lon), (n + h) * cl * np.sin(lon), (n * (1.0 - _WGS84_E2) + h) * sl], axis=-1)


def ecef_to_geodetic(r_ecef) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """ECEF (..., 3) m -> WGS 84 (lat rad, lon rad, height m), closed form.

    Heikkinen (1982) exact solution as given by Zhu (1994), "Conversion of Earth-centered
    Earth-fixed coordinates to geodetic coordinates", IEEE TAES 30(3):957-961; valid
    outside ~43 km of the geocentre (any point of interest), sub-millimetre.
    """
    r = np.asarray(r_ecef, dtype=float)
    x, y, z = r[..., 0], r[..., 1], r[..., 2]
    a, b, e2 = _WGS84_A, _WGS84_B, _WGS84_E2
    p2 = x * x + y * y
    p = np.sqrt(p2)
    f = 54.0 * b * b * z * z
    g = p2 + (1.0 - e2) * z * z - e2 * (a * a - b * b)
    c = e2 * e2 * f * p2 / (g * g * g)
    s = np.cbrt(1.0 + c + np.sqrt(c * c + 2.0 * c))
    k = s + 1.0 + 1.0 / s
    pp = f / (3.0 * k * k * g * g)
    q = np.sqrt(1.0 + 2.0 * e2 * e2 * pp)
    r0 = -pp * e2 * p / (1.0 + q) + np.sqrt(
        np.maximum(0.5 * a * a * (1.0 + 1.0 / q) - pp * (1.0 - e2) * z * z / (q * (1.0 + q)) - 0.5 * pp * p2, 0.0)
    )
    u = np.sqrt((p - e2 * r0) ** 2 + z * z)
    v = np.sqrt((p - e2 * r0) ** 2 + (1.0 - e2) * z * z)
    z0 = b * b * z / (a * v)
    h = u * (1.0 - b * b / (a * v))
    lat = np.arctan2(z + _WGS84_EP2 * z0, p)
    lon = np.arctan2(y, x)
    return lat, lon, h


def ecef_to_geocentric(r_ecef) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """ECEF (..., 3) -> (geocentric latitude rad, longitude rad, radius m)."""
    r = np.asarray(r_ecef, dtype=float)
    rad = np.linalg.norm(r, axis=-1)
    return np.arcsin(r[..., 2] / rad), np.arctan2(r[..., 1], r[..., 0]), rad


def topocentric(r_ecef, lat, lon, h=0.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Azimuth (rad, from north through east), elevation (rad) and range (m) of ECEF targets
    seen from a WGS 84 site (geodetic lat, lon rad, height m); broadcasting over leading dims.

    SEZ/ENU rotation of the site-to-target vector (Vallado 2013 alg. 27, eq. 4-? "RAZEL").
    """
    site = geodetic_to_ecef(lat, lon, h)
    d = np.asarray(r_ecef, dtype=float) - site
    lat, lon = np.asarray(lat, dtype=float), np.asarray(lon, dtype=float)
    sl, cl, so, co = np.sin(lat), np.cos(lat), np.sin(lon), np.cos(lon)
    east = -so * d[..., 0] + co * d[..., 1]
    north = -sl * co * d[..., 0] - sl * so * d[..., 1] + cl * d[..., 2]
    up = cl * co * d[..., 0] + cl * so * d[..., 1] + sl * d[..., 2]
    rng = np.sqrt(east**2 + north**2 + up**2)
    return np.mod(np.arctan2(east, north), 2.0 * np.pi), np.arcsin(up / rng), rng


# --- TEME -> EME2000 (for exchange files) ---------------------------------------------------------

ROTATION_GRID_S = 12 * 3600.0  # TEME -> EME2000 matrices are computed on this grid and interpolated (cubic)


def _teme_matrices(tdb: np.ndarray) -> np.ndarray:
    """(n, 3, 3) rotations EME2000 <- TEME at TDB seconds ``tdb`` (skyfield, IAU 2000B nutation)."""
    import os

    import skyfield_data
    from skyfield.api import Loader
    from skyfield.framelib import ICRS_to_J2000
    from skyfield.nutationlib import iau2000b_radians
    from skyfield.sgp4lib import TEME

    ts = Loader(os.path.join(skyfield_data.__path__[0], "data"), verbose=False).timescale(builtin=True)
    t = ts.tdb_jd(J2000_JD + np.asarray(tdb, dtype=float) / DAY)
    t._nutation_angles_radians = iau2000b_radians(t)
    gcrs_to_teme = np.moveaxis(TEME.rotation_at(t).reshape(3, 3, -1), -1, 0)
    return np.einsum("ij,nkj->nik", ICRS_to_J2000, gcrs_to_teme)


def teme_to_eme2000(r_teme, v_teme, tdb) -> tuple[np.ndarray, np.ndarray]:
    """Rotate TEME-of-date states (n, 3) at TDB seconds ``tdb`` (n,) into EME2000 (mean equator and equinox of J2000).

    TEME -> GCRS is skyfield's ``TEME.rotation_at`` (Vallado et al. 2006 appendix C: GMST 1982 minus GAST about
    z, then the IAU 2006 precession and IAU 2000B nutation back to the GCRS); GCRS -> EME2000 is the IERS
    frame bias (23 mas).  The matrices are computed every :data:`ROTATION_GRID_S` and interpolated element by
    element with cubic splines: < 0.2 mm at LEO against the matrices at every epoch (linear interpolation
    would leave 0.0015", 5 cm, from nutation's 0.23" term of 13.7 d), and IAU 2000B differs from 2000A by
    ~1 mas (< 1 cm at LEO).  The frame's own slow rotation (precession, 50"/yr) is
    left out of the velocities (< 1e-4 m/s at LEO).  This is the frame the Earth-centred models of spaceplan
    use (:func:`teme_to_ecef`), so the rotated states keep their ground tracks.
    """
    r = np.asarray(r_teme, dtype=float).reshape(-1, 3)
    v = np.asarray(v_teme, dtype=float).reshape(-1, 3)
    tdb = np.broadcast_to(np.asarray(tdb, dtype=float), (len(r),))
    lo, hi = float(tdb.min()), float(tdb.max())
    if hi - lo <= ROTATION_GRID_S or len(tdb) <= 16:
        mats = _teme_matrices(tdb)
        return np.einsum("nij,nj->ni", mats, r), np.einsum("nij,nj->ni", mats, v)
    from scipy.interpolate import CubicSpline

    grid = lo + ROTATION_GRID_S * np.arange(-1, int(np.ceil((hi - lo) / ROTATION_GRID_S)) + 2)
    coarse = _teme_matrices(grid)
    r_out, v_out = np.zeros_like(r), np.zeros_like(v)
    for i in range(3):  # one interpolated matrix element at a time: no (n, 3, 3) array for long runs
        for j in range(3):
            m = CubicSpline(grid, coarse[:, i, j])(tdb)
            r_out[:, i] += m * r[:, j]
            v_out[:, i] += m * v[:, j]
    return r_out, v_out
