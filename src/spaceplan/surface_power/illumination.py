"""Sunlight at lunar sites from the DE421 ephemeris: Sun elevation, azimuth, horizon, Earth eclipses.

Geometry (all vectors from :mod:`spaceplan.core.ephemeris`, DE421):

* the Sun seen from the Moon's centre, light-time corrected (the Sun's position at t - |r|/c, to
  first order in its barycentric velocity; the correction itself is only ~4e-8 rad because the Sun
  barely moves about the barycentre); stellar aberration (<= 0.006 deg, from the Moon's ~30 km/s
  heliocentric velocity) is neglected, as in the independent check;
* rotated into the Moon-fixed mean-Earth frame by the IAU 2009 model
  (:mod:`spaceplan.surface_power.orientation`, ~0.005 deg);
* seen from the site (topocentric: the site's offset changes the Sun direction by <= 0.0007 deg but
  the Earth's by up to 0.26 deg), in the local east-north-up frame of a spherical Moon;
* the fraction of the solar disc (semidiameter ~0.267 deg) above the horizon profile, times the
  fraction not covered by the Earth's disc (radius 6378 km, no atmosphere: refraction would let
  some red light through during a total eclipse).

"Dark" means no part of the solar disc is visible; a night is a dark run.  Night boundaries at a
horizon crossing are refined by linear interpolation of the upper-limb height, so night lengths are
limited by the orientation model (~0.03 deg, i.e. ~3 minutes of solar motion at the equator), not by
the time step; Earth-eclipse boundaries are to the time step.  Everything is vectorized: sites in parallel in a numba kernel
(:mod:`spaceplan.surface_power._kernels`), epochs as arrays.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from spaceplan.core import ephemeris
from spaceplan.core.constants import C_LIGHT, DAY, EARTH_RADIUS, SUN
from spaceplan.core.errors import InputError
from spaceplan.core.time import date_grid, tdb_to_iso
from spaceplan.surface_power.orientation import icrf_to_moon_fixed
from spaceplan.surface_power.sites import Site, parse_site


def sun_earth_moon_fixed(tdb) -> tuple[np.ndarray, np.ndarray]:
    """Sun and Earth positions relative to the Moon's centre in the Moon-fixed frame (m), light-time corrected."""
    tdb = np.asarray(tdb, dtype=float)
    moon = ephemeris.position("moon", tdb, center="ssb")
    m = icrf_to_moon_fixed(tdb)
    vectors = []
    for body in ("sun", "earth"):
        r, v = ephemeris.state(body, tdb, center="ssb")
        lt = np.linalg.norm(r - moon, axis=-1, keepdims=True) / C_LIGHT
        # position at t - lt to first order: the Sun's barycentric acceleration over 499 s moves it
        # by ~1e-3 m, the Earth's over 1.3 s by ~5e-3 m
        rel = r - v * lt - moon
        vectors.append(np.einsum("...ij,...j->...i", m, rel))
    return vectors[0], vectors[1]


def subsolar_point(tdb) -> tuple[np.ndarray, np.ndarray]:
    """Selenographic latitude and longitude (rad) of the subsolar point (Moon's centre as observer)."""
    sun, _ = sun_earth_moon_fixed(tdb)
    r = np.linalg.norm(sun, axis=-1)
    return np.arcsin(sun[..., 2] / r), np.arctan2(sun[..., 1], sun[..., 0])


@dataclass(frozen=True)
class SunSeries:
    """The Sun seen from S sites at T epochs: arrays (S, T), radians; ``visible`` in [0, 1]."""

    sites: tuple[Site, ...]
    tdb: np.ndarray
    elevation: np.ndarray
    azimuth: np.ndarray
    visible: np.ndarray
    unocculted: np.ndarray  # fraction of the disc not behind the Earth
    sun_semidiameter: np.ndarray  # (T,) rad, from the Moon's centre


def _check_sites(sites) -> tuple[Site, ...]:
    if isinstance(sites, (str, Site)):
        sites = [sites]
    out = tuple(parse_site(s) for s in sites)
    if not out:
        raise InputError("sites", "no site given", "one or more site names or LAT,LON")
    return out


def sun_series(sites, tdb) -> SunSeries:
    """Sun elevation, azimuth and visible disc fraction at ``sites`` (names, LAT,LON strings or Sites)."""
    from spaceplan.surface_power._kernels import sun_at_sites

    sites = _check_sites(sites)
    tdb = np.atleast_1d(np.asarray(tdb, dtype=float))
    if tdb.ndim != 1 or tdb.size == 0:
        raise InputError("epochs", "need a non-empty 1-D array of epochs", "at least one epoch")
    sun, earth = sun_earth_moon_fixed(tdb)
    frames = [s.frame() for s in sites]
    pos, up, east, north = (np.ascontiguousarray(np.stack([f[i] for f in frames])) for i in range(4))
    k = max(s.horizon.size for s in sites)
    horizon = np.stack([s.horizon if s.horizon.size == k else s.horizon_at(np.arange(k) * 2 * math.pi / k)
                        for s in sites])
    shape = (len(sites), tdb.size)
    el, az, vis, free = (np.empty(shape, dtype=np.float32) for _ in range(4))
    sun_radius_m = SUN.radius
    sun_at_sites(np.ascontiguousarray(sun), np.ascontiguousarray(earth), pos, up, east, north, horizon,
                 sun_radius_m, EARTH_RADIUS, el, az, vis, free)
    semi = np.arcsin(sun_radius_m / np.linalg.norm(sun, axis=-1))
    return SunSeries(sites, tdb, el, az, vis, free, semi)


@dataclass(frozen=True)
class DarkPeriod:
    start_tdb: float
    end_tdb: float
    truncated: bool  # touches the start or end of the span: a lower bound on its length
    eclipse: bool  # caused (at least in part) by the Earth, not the horizon

    @property
    def hours(self) -> float:
        return (self.end_tdb - self.start_tdb) / 3600.0

    def to_dict(self) -> dict:
        return {"start_utc": tdb_to_iso(self.start_tdb, "m"), "end_utc": tdb_to_iso(self.end_tdb, "m"),
                "hours": self.hours, "truncated": self.truncated, "earth_eclipse": self.eclipse}


def _crossing(t0, t1, m0, m1):
    """Epoch where a linearly interpolated margin crosses zero between (t0, m0) and (t1, m1)."""
    if m0 == m1:
        return 0.5 * (t0 + t1)
    return t0 + (t1 - t0) * m0 / (m0 - m1)


def dark_periods(series: SunSeries, index: int = 0, criterion: str = "disc") -> list[DarkPeriod]:
    """Dark runs at site ``index``, boundaries refined.

    ``criterion="disc"``: no part of the solar disc visible (what solar arrays see);
    ``"centre"``: the Sun's centre below the horizon (or the disc fully behind the Earth), the
    astronomical definition of night, ~1 h longer per night at the equator.
    """
    if criterion not in ("disc", "centre"):
        raise InputError("criterion", f"got {criterion!r}", "disc or centre")
    t = series.tdb
    free = series.unocculted[index]
    margin = series.elevation[index] - series.sites[index].horizon_at(series.azimuth[index])
    if criterion == "disc":
        margin = margin + series.sun_semidiameter
        dark = series.visible[index] <= 0.0
    else:
        dark = (margin <= 0.0) | (free <= 0.0)
    if not dark.any():
        return []
    edges = np.diff(dark.astype(np.int8))
    starts = list(np.flatnonzero(edges == 1) + 1)
    ends = list(np.flatnonzero(edges == -1))
    if dark[0]:
        starts.insert(0, 0)
    if dark[-1]:
        ends.append(dark.size - 1)
    out = []
    for i, j in zip(starts, ends):
        eclipse = bool(np.any(free[i:j + 1] < 1.0))
        if i == 0:
            t_start = t[0]
        elif margin[i - 1] > 0 >= margin[i]:
            t_start = _crossing(t[i - 1], t[i], margin[i - 1], margin[i])
        else:
            t_start = 0.5 * (t[i - 1] + t[i])
        if j == dark.size - 1:
            t_end = t[-1]
        elif margin[j] <= 0 < margin[j + 1]:
            t_end = _crossing(t[j], t[j + 1], margin[j], margin[j + 1])
        else:
            t_end = 0.5 * (t[j] + t[j + 1])
        out.append(DarkPeriod(float(t_start), float(t_end), i == 0 or j == dark.size - 1, eclipse))
    return out


@dataclass(frozen=True)
class EclipseEvent:
    start_tdb: float
    end_tdb: float
    total: bool  # the whole solar disc behind the Earth at some step
    min_unocculted: float

    def to_dict(self) -> dict:
        return {"start_utc": tdb_to_iso(self.start_tdb, "m"), "end_utc": tdb_to_iso(self.end_tdb, "m"),
                "hours": (self.end_tdb - self.start_tdb) / 3600.0, "kind": "total" if self.total else "partial",
                "min_disc_fraction": self.min_unocculted}


def earth_eclipses(series: SunSeries, index: int = 0) -> list[EclipseEvent]:
    """Earth transits of the Sun's disc seen from the site while the Sun is up (lunar eclipses)."""
    occ = (series.unocculted[index] < 1.0) & (series.elevation[index] + series.sun_semidiameter > 0)
    if not occ.any():
        return []
    edges = np.diff(np.concatenate([[0], occ.astype(np.int8), [0]]))
    out = []
    for i, j in zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1) - 1):
        low = float(series.unocculted[index][i:j + 1].min())
        out.append(EclipseEvent(float(series.tdb[i]), float(series.tdb[j]), low <= 0.0, low))
    return out


@dataclass(frozen=True)
class SiteIllumination:
    """Illumination statistics of one site over a span."""

    site: Site
    start_tdb: float
    end_tdb: float
    step_s: float
    lit_time_fraction: float  # any part of the disc visible
    mean_disc_fraction: float  # time-averaged visible fraction of the solar disc
    longest_dark_hours: float
    longest_dark_start_tdb: float
    longest_dark_truncated: bool
    mean_night_hours: float | None  # mean of complete dark runs longer than 1 day
    nights: tuple[DarkPeriod, ...]
    eclipses: tuple[EclipseEvent, ...]
    elevation_range_deg: tuple[float, float]

    def to_dict(self) -> dict:
        return {
            "site": self.site.to_dict(),
            "start_utc": tdb_to_iso(self.start_tdb, "m"), "end_utc": tdb_to_iso(self.end_tdb, "m"),
            "step_min": self.step_s / 60.0,
            "lit_time_percent": 100.0 * self.lit_time_fraction,
            "mean_disc_percent": 100.0 * self.mean_disc_fraction,
            "longest_dark_hours": self.longest_dark_hours,
            "longest_dark_days": self.longest_dark_hours / 24.0,
            "longest_dark_start_utc": (tdb_to_iso(self.longest_dark_start_tdb, "m")
                                       if self.longest_dark_hours > 0 else None),
            "longest_dark_truncated": self.longest_dark_truncated,
            "mean_night_hours": self.mean_night_hours,
            "dark_periods": [d.to_dict() for d in self.nights],
            "earth_eclipses": [e.to_dict() for e in self.eclipses],
            "sun_elevation_min_deg": self.elevation_range_deg[0],
            "sun_elevation_max_deg": self.elevation_range_deg[1],
        }


def summarize(series: SunSeries, index: int = 0) -> SiteIllumination:
    """Statistics of site ``index`` of a :class:`SunSeries` (uniform time steps)."""
    t = series.tdb
    step = float(t[1] - t[0]) if t.size > 1 else 0.0
    vis = series.visible[index].astype(float)
    darks = dark_periods(series, index)
    longest = max(darks, key=lambda d: d.hours, default=None)
    nights = [d.hours for d in darks if not d.truncated and d.hours > 24.0]
    el = series.elevation[index]
    return SiteIllumination(
        site=series.sites[index], start_tdb=float(t[0]), end_tdb=float(t[-1]), step_s=step,
        lit_time_fraction=float(np.mean(vis > 0)), mean_disc_fraction=float(np.mean(vis)),
        longest_dark_hours=longest.hours if longest else 0.0,
        longest_dark_start_tdb=longest.start_tdb if longest else float(t[0]),
        longest_dark_truncated=bool(longest.truncated) if longest else False,
        mean_night_hours=float(np.mean(nights)) if nights else None,
        nights=tuple(darks), eclipses=tuple(earth_eclipses(series, index)),
        elevation_range_deg=(float(np.degrees(el.min())), float(np.degrees(el.max()))),
    )


def span_epochs(start, end, step_s: float = 600.0) -> np.ndarray:
    """TDB epochs from UTC ``start`` to ``end`` every ``step_s``; an empty or inverted span is an InputError."""
    if not (isinstance(step_s, (int, float)) and math.isfinite(step_s) and 0 < step_s <= 10 * DAY):
        raise InputError("step", f"got {step_s!r} s", "0 < step <= 10 days")
    t = date_grid(start, end, step_s, field="span")
    if t.size < 2:
        raise InputError("span", f"{start} to {end} holds fewer than two steps of {step_s:g} s", "a longer span")
    return t


def illumination(sites, start, end, step_s: float = 600.0) -> list[SiteIllumination]:
    """Illumination statistics for each site over [start, end] (UTC dates) at ``step_s`` seconds."""
    series = sun_series(sites, span_epochs(start, end, step_s))
    return [summarize(series, i) for i in range(len(series.sites))]


def disc_fraction_with_offset(series: SunSeries, index: int, offset_rad: float) -> np.ndarray:
    """Visible disc fraction at site ``index`` if its whole horizon profile were raised by ``offset_rad``."""
    site = series.sites[index]
    d = (series.elevation[index] - site.horizon_at(series.azimuth[index]) - offset_rad) / series.sun_semidiameter
    d = np.clip(d, -1.0, 1.0)
    above = 1.0 - (np.arccos(d) - d * np.sqrt(1.0 - d * d)) / np.pi
    return above * series.unocculted[index]


def calibrate_horizon_offset(site, start, end, step_s: float, target_mean_disc: float) -> float:
    """The uniform raise (rad) of a site's horizon profile that makes its mean visible solar-disc
    fraction over [start, end] equal ``target_mean_disc``: how a representative horizon *shape* is
    tied to a published illumination statistic when the terrain profile itself is not published.
    """
    if not 0.0 < target_mean_disc < 1.0:
        raise InputError("target illumination", f"got {target_mean_disc:g}", "between 0 and 1 (exclusive)")
    series = sun_series([site], span_epochs(start, end, step_s))
    lo, hi = math.radians(-10.0), math.radians(10.0)
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        if float(np.mean(disc_fraction_with_offset(series, 0, mid))) > target_mean_disc:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)
