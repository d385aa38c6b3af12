"""Analytic coverage geometry of circular orbits over a spherical Earth.

Space triangle (Wertz, in Larson & Wertz, *Space Mission Analysis and Design* (SMAD),
3rd ed. 1999, sec. 5.2 "Earth geometry viewed from space"; Wertz, *Mission Geometry*,
2001, ch. 8).  A satellite at altitude h (geocentric distance r = R + h) sees a ground
point at elevation eps; eta is the nadir angle at the satellite and lambda the Earth
central angle between the sub-satellite point and the ground point:

    sin(rho) = R / r                        angular radius of the Earth
    sin(eta) = sin(rho) cos(eps)            nadir angle at the minimum elevation
    lambda   = 90 deg - eps - eta           Earth central angle (coverage cap radius)
    D        = R sin(lambda) / sin(eta)     slant range
             = sqrt(r^2 - R^2 cos^2 eps) - R sin eps   (same value, stable at eta = 0)

The coverage cap (footprint, SMAD's "instantaneous access area") is the spherical cap of
angular radius lambda: area 2 pi R^2 (1 - cos lambda), a fraction (1 - cos lambda) / 2 of
the Earth's surface (SMAD sec. 5.2 writes IAA = K_A (1 - cos lambda), K_A = 2 pi R^2).
A shell of inclination i reaches latitude min(90 deg, i' + lambda), i' = min(i, 180 - i).

R is ``COVERAGE_RADIUS`` (= WGS 84 equatorial radius), the sphere of the coverage engine run
with ``earth="sphere"`` (:mod:`spaceplan.constellation.coverage`), so the formulas here and
that engine agree exactly up to rounding; the engine's default ``"wgs84"`` uses the surface
radius under each satellite instead (up to 21 km less at the poles: larger caps there).  Latitudes here are *geocentric* (the engine projects geodetic ground points
along their geocentric direction; the two differ by < 0.2 deg).

Streets of coverage (Rider 1985, "Optimized polar orbit constellations for redundant
Earth coverage", J. Astronaut. Sci. 33:147; Adams & Rider 1987, "Circular polar
constellations providing continuous single or multiple coverage above a specified
latitude", J. Astronaut. Sci. 35(2):155-192; summarised in SMAD 3rd ed. sec. 7.6):
S satellites evenly spaced in a circular polar plane with cap radius lambda cover
continuously a "street" of half-width c about the ground track,

    cos(lambda) = cos(c) cos(pi / S),

Adjacent co-rotating planes, phased by half a slot (pi / S), may be spaced
Delta_1 = lambda + c apart (the caps' points fill the other plane's scallops); the two
counter-rotating planes at the seam can only be Delta_2 = 2 c apart.  Whole-Earth single
coverage with P planes needs (P - 1) Delta_1 + Delta_2 >= pi.  For coverage above a
latitude phi only, the planes converge: the cross-track distance between two meridian
planes a node difference Delta apart is at most 2 asin(cos(phi) sin(Delta / 2)) at
latitude phi, so the admissible spacings become

    sin(Delta_1 / 2) = sin((lambda + c) / 2) / cos(phi),   sin(Delta_2 / 2) = sin(c) / cos(phi)

(Adams & Rider 1987; a ratio >= 1 means that spacing no longer limits the design:
Delta = pi).  The minimum constellation is the smallest P S over S.

Inclined shells over a latitude band: no closed form is exact.  :func:`band_min_satellites_bound`
gives a *necessary* condition, not a sufficient one: continuous coverage at latitude phi
needs the time-mean number of satellites in view there, N p(phi), to be >= 1, where
p(phi) is the fraction of time one circular satellite of inclination i (nodes and phase
uniformly distributed, which Earth rotation and nodal drift make true over long spans)
is within lambda of a point at latitude phi:

    p(phi) = (1 / pi) Int_{-pi/2}^{pi/2} (1 / pi) acos[(cos lambda - sin phi sin beta)
             / (cos phi cos beta)] du,     sin beta = sin i sin u,

i.e. the cap's longitude half-width at the satellite latitude beta, averaged over the
orbit's latitude density cos(beta) / (pi sqrt(sin^2 i - sin^2 beta)) (the time a circular
orbit spends per unit latitude).  Real constellations need more satellites than this
bound (caps overlap): it is a floor, useful to rule designs out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from spaceplan.core.constants import EARTH_RADIUS
from spaceplan.core.errors import InputError, require_positive, require_range

COVERAGE_RADIUS = EARTH_RADIUS  # m, the spherical Earth of the coverage engine
_MAX_ALTITUDE_M = 1e10  # m, sanity bound on inputs (far beyond the Moon)


# --- inputs --------------------------------------------------------------------------------


def _altitude(altitude_m) -> np.ndarray:
    require_positive("altitude_m", altitude_m, allow_zero=True, unit="m")
    require_range("altitude_m", altitude_m, 0.0, _MAX_ALTITUDE_M, "m")
    return np.asarray(altitude_m, dtype=float)


def _elevation(min_elevation_rad) -> np.ndarray:
    require_range("min_elevation_rad", min_elevation_rad, 0.0, 0.5 * math.pi, "rad")
    return np.asarray(min_elevation_rad, dtype=float)


def _latitude(latitude_rad, field: str = "latitude_rad") -> np.ndarray:
    require_range(field, latitude_rad, -0.5 * math.pi, 0.5 * math.pi, "rad")
    return np.asarray(latitude_rad, dtype=float)


def _inclination(inclination_rad) -> np.ndarray:
    require_range("inclination_rad", inclination_rad, 0.0, math.pi, "rad")
    return np.asarray(inclination_rad, dtype=float)


def _out(x):
    """0-d arrays back to Python floats; arrays unchanged."""
    x = np.asarray(x)
    return float(x) if x.ndim == 0 else x


# --- the space triangle --------------------------------------------------------------------


def earth_angular_radius(altitude_m):
    """Angular radius rho (rad) of the Earth seen from altitude h: sin(rho) = R / (R + h).

    SMAD 3rd ed. sec. 5.2 (Wertz).  h = 0 gives rho = pi/2.
    """
    h = _altitude(altitude_m)
    return _out(np.arcsin(COVERAGE_RADIUS / (COVERAGE_RADIUS + h)))


def nadir_angle(altitude_m, min_elevation_rad):
    """Nadir angle eta (rad) at the satellite of a ground point seen at elevation eps.

    sin(eta) = sin(rho) cos(eps) (SMAD 3rd ed. sec. 5.2).
    """
    h = _altitude(altitude_m)
    eps = _elevation(min_elevation_rad)
    return _out(np.arcsin(COVERAGE_RADIUS / (COVERAGE_RADIUS + h) * np.cos(eps)))


def earth_central_angle(altitude_m, min_elevation_rad):
    """Earth central angle lambda (rad) = 90 deg - eps - eta: the radius of the coverage cap.

    SMAD 3rd ed. sec. 5.2.  eps = 0 gives the horizon value lambda_0 = 90 deg - rho;
    eps = 90 deg, or h = 0, gives lambda = 0 (a value of -1e-17 from rounding in
    pi/2 - eps - eta at those limits is returned as 0).
    """
    h = _altitude(altitude_m)
    eps = _elevation(min_elevation_rad)
    eta = np.arcsin(COVERAGE_RADIUS / (COVERAGE_RADIUS + h) * np.cos(eps))
    lam = 0.5 * np.pi - eps - eta
    return _out(np.maximum(lam, 0.0))  # only removes rounding below zero at the limits


def slant_range(altitude_m, min_elevation_rad):
    """Slant range D (m) from a ground point to a satellite seen at elevation eps.

    D = R sin(lambda) / sin(eta) (SMAD 3rd ed. sec. 5.2), evaluated in the equivalent form
    D = sqrt(r^2 - R^2 cos^2 eps) - R sin(eps) (law of cosines in the same triangle), which
    stays exact at eta = 0 (eps = 90 deg gives D = h; h = 0 gives D = 0).
    """
    h = _altitude(altitude_m)
    eps = _elevation(min_elevation_rad)
    r = COVERAGE_RADIUS + h
    rc = COVERAGE_RADIUS * np.cos(eps)
    rs = COVERAGE_RADIUS * np.sin(eps)
    # (r^2 - rc^2) written as (r - rc)(r + rc) to avoid cancellation at small h
    return _out(np.sqrt((r - rc) * (r + rc)) - rs)


def horizon_range(altitude_m):
    """Distance (m) to the horizon, D_max = sqrt(r^2 - R^2) = R tan(lambda_0) (eps = 0)."""
    return slant_range(altitude_m, 0.0)


def instantaneous_access_area(altitude_m, min_elevation_rad):
    """Area (m^2) of the coverage cap: 2 pi R^2 (1 - cos lambda).

    SMAD 3rd ed. sec. 5.2, IAA = K_A (1 - cos lambda) with K_A = 2 pi R^2.
    1 - cos(lambda) is evaluated as 2 sin^2(lambda / 2) (no cancellation at small lambda).
    """
    lam = np.asarray(earth_central_angle(altitude_m, min_elevation_rad))
    return _out(4.0 * np.pi * COVERAGE_RADIUS**2 * np.sin(0.5 * lam) ** 2)


def footprint_area(altitude_m, min_elevation_rad):
    """Alias of :func:`instantaneous_access_area` (m^2)."""
    return instantaneous_access_area(altitude_m, min_elevation_rad)


def footprint_fraction(altitude_m, min_elevation_rad):
    """Fraction of the Earth's surface inside one coverage cap: (1 - cos lambda) / 2."""
    lam = np.asarray(earth_central_angle(altitude_m, min_elevation_rad))
    return _out(np.sin(0.5 * lam) ** 2)


def max_latitude(inclination_rad, altitude_m, min_elevation_rad):
    """Highest (geocentric) latitude (rad) a circular shell of inclination i covers.

    min(90 deg, i' + lambda) with i' = i for prograde and 180 deg - i for retrograde orbits:
    the ground track reaches latitude i' and the cap extends lambda beyond it.  A polar
    (or near-polar, i' + lambda >= 90 deg) shell covers up to the pole.
    """
    inc = _inclination(inclination_rad)
    lam = np.asarray(earth_central_angle(altitude_m, min_elevation_rad))
    i_eff = np.minimum(inc, np.pi - inc)
    return _out(np.minimum(0.5 * np.pi, i_eff + lam))


# --- streets of coverage (polar constellations) --------------------------------------------


def _cap_angle(lam, field: str = "earth central angle") -> np.ndarray:
    lam = np.asarray(lam, dtype=float)
    bad = ~np.isfinite(lam) | (lam <= 0.0) | (lam >= 0.5 * np.pi)
    if np.any(bad):
        first = float(lam.flat[int(np.flatnonzero(bad)[0])])
        raise InputError(field, f"got {math.degrees(first):g} deg", "0 < lambda < 90 deg")
    return lam


def street_half_width(earth_central_angle_rad, sats_per_plane):
    """Half-width c (rad) of the street of continuous coverage of one plane of S satellites.

    cos(lambda) = cos(c) cos(pi / S) (Rider 1985; Adams & Rider 1987, eq. for single
    coverage; SMAD 3rd ed. sec. 7.6).  Needs pi / S < lambda, i.e. adjacent caps in the
    plane overlap; otherwise there is no continuous street and InputError is raised.
    """
    lam = _cap_angle(earth_central_angle_rad)
    s = np.asarray(sats_per_plane)
    if np.any(s != np.round(s)) or np.any(s < 2):
        raise InputError("sats_per_plane", f"got {sats_per_plane!r}", "integer >= 2")
    half = np.pi / s.astype(float)
    if np.any(half >= lam):
        raise InputError("sats_per_plane", f"caps of {s.max() if s.ndim else int(s)} satellites per plane "
                         "do not overlap along the track", f"> pi / lambda = {float(np.max(np.pi / lam)):.3f}")
    return _out(np.arccos(np.cos(lam) / np.cos(half)))


def streets_plane_spacing(earth_central_angle_rad, sats_per_plane, above_latitude_rad=0.0):
    """(Delta_1, Delta_2) rad: largest node spacing of adjacent co-rotating planes and of the
    counter-rotating seam for continuous single coverage above |latitude| = phi.

    Delta_1 = 2 asin(sin((lambda + c) / 2) / cos phi), Delta_2 = 2 asin(sin c / cos phi)
    (Adams & Rider 1987; phi = 0 gives lambda + c and 2 c).  A ratio >= 1 means the spacing
    does not constrain the design and gives pi.
    """
    lam = _cap_angle(earth_central_angle_rad)
    phi = _latitude(above_latitude_rad, "above_latitude_rad")
    if np.any(phi < 0):
        raise InputError("above_latitude_rad", "negative", "0 to pi/2 rad (coverage of |latitude| >= phi)")
    c = np.asarray(street_half_width(lam, sats_per_plane))
    cphi = np.cos(phi)
    with np.errstate(divide="ignore", invalid="ignore"):
        r1 = np.where(cphi > 0, np.sin(0.5 * (lam + c)) / cphi, np.inf)
        r2 = np.where(cphi > 0, np.sin(c) / cphi, np.inf)
    # ratio >= 1: any spacing up to pi keeps the points at latitude >= phi covered
    d1 = np.where(r1 >= 1.0, np.pi, 2.0 * np.arcsin(np.minimum(r1, 1.0)))
    d2 = np.where(r2 >= 1.0, np.pi, 2.0 * np.arcsin(np.minimum(r2, 1.0)))
    return _out(d1), _out(d2)


def streets_planes(earth_central_angle_rad, sats_per_plane, above_latitude_rad=0.0):
    """Fewest polar planes P with (P - 1) Delta_1 + Delta_2 >= pi (Adams & Rider 1987)."""
    d1, d2 = streets_plane_spacing(earth_central_angle_rad, sats_per_plane, above_latitude_rad)
    d1, d2 = np.asarray(d1), np.asarray(d2)
    # relative slack of 1e-12 only absorbs rounding when (pi - Delta_2) / Delta_1 is an integer
    need = np.ceil(np.maximum(np.pi - d2, 0.0) / d1 - 1e-12)
    out = (1 + np.maximum(need, 0)).astype(np.int64)
    return int(out) if out.ndim == 0 else out


@dataclass(frozen=True)
class StreetsDesign:
    """A polar streets-of-coverage constellation (Adams & Rider 1987) for single coverage.

    Planes sit at nodes 0, Delta_1, ..., (P - 1) Delta_1 (a Walker star with node spread
    P Delta_1, leaving the seam pi - (P - 1) Delta_1 <= Delta_2), all at 90 deg inclination;
    satellites of adjacent co-rotating planes are offset by half a slot, pi / S.
    """

    planes: int
    sats_per_plane: int
    earth_central_angle_rad: float
    half_street_width_rad: float
    co_rotating_spacing_rad: float  # Delta_1, largest allowed
    seam_spacing_rad: float  # Delta_2, largest allowed
    above_latitude_rad: float = 0.0

    @property
    def count(self) -> int:
        return self.planes * self.sats_per_plane

    @property
    def seam_rad(self) -> float:
        """Seam of the design with planes Delta_1 apart: pi - (P - 1) Delta_1 (<= Delta_2)."""
        return max(0.0, math.pi - (self.planes - 1) * self.co_rotating_spacing_rad)

    @property
    def node_spread_rad(self) -> float:
        """Walker-star node spread placing the planes Delta_1 apart (P Delta_1, at most 2 pi)."""
        return min(2.0 * math.pi, self.planes * self.co_rotating_spacing_rad)

    def to_dict(self) -> dict:
        return {
            "planes": self.planes,
            "sats_per_plane": self.sats_per_plane,
            "satellites": self.count,
            "earth_central_angle_deg": math.degrees(self.earth_central_angle_rad),
            "half_street_width_deg": math.degrees(self.half_street_width_rad),
            "co_rotating_spacing_deg": math.degrees(self.co_rotating_spacing_rad),
            "seam_spacing_deg": math.degrees(self.seam_spacing_rad),
            "above_latitude_deg": math.degrees(self.above_latitude_rad),
        }


def streets_design(earth_central_angle_rad: float, sats_per_plane: int, above_latitude_rad: float = 0.0) -> StreetsDesign:
    """The streets design with S satellites per plane (fewest planes, Adams & Rider 1987)."""
    lam = float(_cap_angle(earth_central_angle_rad))
    c = float(street_half_width(lam, sats_per_plane))
    d1, d2 = streets_plane_spacing(lam, sats_per_plane, above_latitude_rad)
    p = int(streets_planes(lam, sats_per_plane, above_latitude_rad))
    return StreetsDesign(p, int(sats_per_plane), lam, c, float(d1), float(d2), float(above_latitude_rad))


def min_satellites_streets(altitude_m: float, min_elevation_rad: float, above_latitude_rad: float = 0.0,
                           max_sats_per_plane: int | None = None) -> StreetsDesign:
    """Smallest polar streets-of-coverage constellation for continuous single coverage of
    the whole Earth (``above_latitude_rad`` = 0) or of |latitude| >= phi.

    Searches S from the smallest with overlapping in-plane caps (pi / S < lambda) up to
    ``max_sats_per_plane`` (default: the S at which one plane suffices, or 4 x the smallest
    S plus 20), minimising P S, ties going to fewer planes.  Spherical Earth; Earth rotation
    does not matter (the pattern covers every inertial direction at every instant).
    """
    lam = float(np.asarray(earth_central_angle(altitude_m, min_elevation_rad)))
    if lam <= 0.0:
        raise InputError("min_elevation_rad", "the coverage cap is empty (lambda = 0)", "an elevation < 90 deg and altitude > 0")
    s_min = max(2, int(math.floor(math.pi / lam)) + 1)
    s_max = int(max_sats_per_plane) if max_sats_per_plane is not None else 4 * s_min + 20
    if s_max < s_min:
        raise InputError("max_sats_per_plane", f"got {max_sats_per_plane}", f">= {s_min} (pi / lambda rounded up)")
    s = np.arange(s_min, s_max + 1)
    p = np.asarray(streets_planes(lam, s, above_latitude_rad))
    n = p * s
    k = int(np.lexsort((p, n))[0])  # fewest satellites, then fewest planes
    return streets_design(lam, int(s[k]), above_latitude_rad)


# --- inclined shells: time-mean satellites in view at a latitude ---------------------------

_S_NODES, _S_WEIGHTS = np.polynomial.legendre.leggauss(48)
_S_NODES = 0.5 * (_S_NODES + 1.0)  # on [0, 1]
_S_WEIGHTS = 0.5 * _S_WEIGHTS
_S_MAP = 0.5 * (1.0 - np.cos(np.pi * _S_NODES))  # cosine map: nodes cluster at both ends
_S_JAC = 0.5 * np.pi * np.sin(np.pi * _S_NODES) * _S_WEIGHTS


def visibility_probability(latitude_rad, inclination_rad, altitude_m, min_elevation_rad):
    """Fraction of time p(phi) one circular satellite is within lambda of a point at
    (geocentric) latitude phi, for uniformly distributed node and phase (module docstring).

    The mean number in view of N such satellites is N p(phi).  The orbit-phase integral over
    u in [-pi/2, pi/2] is split where the cap starts to touch or to enclose the latitude circle
    (satellite latitude beta = +/-phi +/- lambda, where the integrand has square-root kinks);
    each piece uses a 48-node Gauss-Legendre rule after the map u = a + (b - a)(1 - cos pi s)/2,
    which removes the square roots: relative error < 1e-9 (tested against adaptive quadrature).
    Arrays broadcast.
    """
    phi = _latitude(latitude_rad)
    inc = _inclination(inclination_rad)
    lam = np.asarray(earth_central_angle(altitude_m, min_elevation_rad))
    phi, inc, lam = np.broadcast_arrays(phi, inc, lam)
    shape = phi.shape
    phi, inc, lam = phi.ravel(), inc.ravel(), lam.ravel()
    out = np.empty(phi.size)
    step = 20_000  # latitudes per block: ~ 20 MB per work array
    for k in range(0, phi.size, step):
        sl = slice(k, k + step)
        out[sl] = _visibility_block(phi[sl], inc[sl], lam[sl])
    return _out(out.reshape(shape))


def _visibility_block(phi, inc, lam):
    si = np.sin(inc)
    # break points in u: beta = phi - lam, phi + lam, -phi - lam, -phi + lam (when the orbit reaches them)
    beta_k = np.stack([phi - lam, phi + lam, -phi - lam, -phi + lam], axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.sin(beta_k) / si[:, None]
    ok = (np.abs(beta_k) <= 0.5 * np.pi) & np.isfinite(ratio) & (np.abs(ratio) < 1.0)
    u_k = np.where(ok, np.arcsin(np.where(ok, ratio, 0.0)), -0.5 * np.pi)
    bp = np.sort(np.concatenate([np.full((phi.size, 1), -0.5 * np.pi), u_k,
                                 np.full((phi.size, 1), 0.5 * np.pi)], axis=1), axis=1)
    a, b = bp[:, :-1], bp[:, 1:]  # (M, 5) pieces, some of zero length
    u = a[:, :, None] + (b - a)[:, :, None] * _S_MAP  # (M, 5, K)
    wu = (b - a)[:, :, None] * _S_JAC
    sb = si[:, None, None] * np.sin(u)
    cb = np.sqrt(np.maximum(1.0 - sb * sb, 0.0))
    num = np.cos(lam)[:, None, None] - np.sin(phi)[:, None, None] * sb
    den = np.cos(phi)[:, None, None] * cb
    with np.errstate(divide="ignore", invalid="ignore"):
        x = num / den
    # fraction of the latitude circle inside the cap: acos(x) / pi, i.e. 0 for x >= 1 (no contact) and
    # 1 for x <= -1 (circle enclosed); at a pole (den = 0) the point is inside exactly when
    # cos(distance) = sin(phi) sin(beta) >= cos(lambda)
    frac = np.where(den > 1e-15, np.arccos(np.clip(x, -1.0, 1.0)) / np.pi, (num <= 0.0).astype(float))
    return np.sum(frac * wu, axis=(1, 2)) / np.pi  # mean over u in [-pi/2, pi/2]


def mean_in_view(latitude_rad, satellites, inclination_rad, altitude_m, min_elevation_rad):
    """Time-mean number of satellites in view, N p(phi), of a shell of N satellites."""
    if np.any(np.asarray(satellites) < 0):
        raise InputError("satellites", f"got {satellites!r}", ">= 0")
    return _out(np.asarray(satellites) * np.asarray(
        visibility_probability(latitude_rad, inclination_rad, altitude_m, min_elevation_rad)))


def band_min_satellites_bound(lat_lo_rad: float, lat_hi_rad: float, inclination_rad: float, altitude_m: float,
                              min_elevation_rad: float, samples: int = 361) -> int:
    """Lower bound on N for continuous single coverage of the latitude band [lat_lo, lat_hi]
    by one circular shell: N >= 1 / min_phi p(phi) (mean in view >= 1 everywhere).

    Necessary, not sufficient (module docstring); p is sampled at ``samples`` latitudes.
    Raises InputError when the band reaches beyond the shell's latitude reach (p = 0).
    """
    _latitude(lat_lo_rad, "lat_lo_rad")
    _latitude(lat_hi_rad, "lat_hi_rad")
    if lat_hi_rad < lat_lo_rad:
        raise InputError("lat_hi_rad", f"{lat_hi_rad:g} < lat_lo_rad {lat_lo_rad:g}", ">= lat_lo_rad")
    reach = float(max_latitude(inclination_rad, altitude_m, min_elevation_rad))
    worst = max(abs(lat_lo_rad), abs(lat_hi_rad))
    if worst >= reach:
        raise InputError("latitude band", f"reaches {math.degrees(worst):.3f} deg, beyond the shell's reach "
                         f"{math.degrees(reach):.3f} deg", "|latitude| < inclination + lambda")
    phi = np.linspace(lat_lo_rad, lat_hi_rad, max(2, int(samples)))
    p = np.asarray(visibility_probability(phi, inclination_rad, altitude_m, min_elevation_rad))
    return int(math.ceil(1.0 / float(np.min(p)) - 1e-9))
