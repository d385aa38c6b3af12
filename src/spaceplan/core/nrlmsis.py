"""NRLMSIS 2.1 thermosphere density through ``pymsis``, offline, and an orbit-averaged density table.

NRLMSIS 2.1 (Emmert et al. 2022, JGR Space Phys. 127, e2022JA030896) is called
through ``pymsis`` (SWx TREC, University of Colorado) always with F10.7, F10.7a
and ap passed explicitly from :mod:`spaceplan.core.space_weather`, so pymsis
never looks for (or downloads) its own space-weather file.

Licence: the ``pymsis`` Python package is MIT-licensed (its LICENSE file,
Copyright 2020 Regents of the University of Colorado).  The wheel also contains
the compiled NRLMSIS Fortran code from the Naval Research Laboratory, which is
distributed under NRL's own MSIS2 licence; pymsis's README states that "the
MSIS2 code is not available for commercial use without contacting NRL".
spaceplan calls it unmodified and does not redistribute it; commercial users
must obtain NRL's permission (docs/stations.md).

Numba kernels cannot call pymsis, so propagation uses a **density table**:
log total mass density on a (time x altitude) grid, each value the mean over
eight points spread along an orbit of the given inclination (latitude
asin(sin i sin u) for eight arguments of latitude u) and over eight local
solar times, i.e. diurnal and latitudinal structure are averaged out while the
day-to-day solar/geomagnetic driving, the semi-annual variation and the
altitude profile are kept.  The kernels interpolate linearly in time and
log-linearly in altitude (10 km nodes below 200 km, 25 km above: < 1 % error
from the scale-height curvature).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from spaceplan.core import space_weather
from spaceplan.core.constants import DAY
from spaceplan.core.errors import InputError, require_range

ALT_MIN = 80e3  # m, NRLMSIS is valid from the ground, tables start here
ALT_MAX = 2_000e3  # m
_SAMPLES = 8
MSIS_VERSIONS = (2.1, 2.0, 0)  # pymsis: NRLMSIS 2.1, 2.0 and NRLMSISE-00


def density(tdb, lat_deg, lon_deg, alt_m, activity: int = 50) -> np.ndarray:
    """Total mass density (kg/m^3) from NRLMSIS 2.1 at matching arrays of epochs and geodetic positions."""
    import pymsis

    tdb = np.atleast_1d(np.asarray(tdb, dtype=float))
    lat, lon, alt = (np.broadcast_to(np.asarray(x, dtype=float), tdb.shape) for x in (lat_deg, lon_deg, alt_m))
    require_range("altitude", alt / 1e3, 0.0, ALT_MAX / 1e3, "km")
    sw = space_weather.msis_inputs(tdb, activity)
    from spaceplan.core.time import tdb_to_datetime64

    out = pymsis.calculate(tdb_to_datetime64(tdb), lon.ravel(), lat.ravel(), alt.ravel() / 1e3, sw.f107, sw.f107a,
                           sw.aps, version=2.1)
    return np.asarray(out[:, 0], dtype=float)


def altitude_nodes(alt_lo: float, alt_hi: float) -> np.ndarray:
    """Altitude grid (m): 10 km spacing below 200 km, 25 km above, covering [alt_lo, alt_hi]."""
    lo = 10e3 * math.floor(alt_lo / 10e3)
    low = np.arange(lo, min(alt_hi, 200e3) + 10e3, 10e3)
    high = np.arange(200e3, alt_hi + 25e3, 25e3) if alt_hi > 200e3 else np.array([])
    nodes = np.unique(np.concatenate([low, high[high > (low[-1] if low.size else 0)]]))
    return nodes if nodes.size >= 2 else np.array([lo, lo + 10e3])


@dataclass(frozen=True)
class DensityTable:
    """Orbit-averaged NRLMSIS 2.1 log density on a uniform time grid and a given altitude grid."""

    t0: float  # TDB s, first time node
    dt: float  # s between time nodes
    alt: np.ndarray  # (na,) m
    log_rho: np.ndarray  # (nt, na) ln(kg/m^3)
    inclination: float  # rad
    activity: int
    notes: tuple[str, ...]

    @property
    def t1(self) -> float:
        return self.t0 + self.dt * (self.log_rho.shape[0] - 1)

    def __call__(self, tdb, alt_m) -> np.ndarray:
        """Density (kg/m^3) at epochs and altitudes (numpy, same interpolation as the kernels)."""
        from spaceplan.core.density_kernel import table_density

        t = np.broadcast_arrays(np.asarray(tdb, float), np.asarray(alt_m, float))
        out = np.empty(t[0].shape)
        flat = out.ravel()
        for k, (ti, hi) in enumerate(zip(t[0].ravel(), t[1].ravel())):
            flat[k] = table_density(ti, hi, self.t0, self.dt, self.alt, self.log_rho)
        return out.reshape(t[0].shape)


def _samples(inclination: float) -> tuple[np.ndarray, np.ndarray]:
    """Latitude and longitude offsets (deg) of the 8 averaging points: along-orbit latitudes, spread local times."""
    u = 2.0 * np.pi * (np.arange(_SAMPLES) + 0.5) / _SAMPLES
    lat = np.degrees(np.arcsin(np.sin(inclination) * np.sin(u)))
    lon = (np.arange(_SAMPLES) * 3 % _SAMPLES) * (360.0 / _SAMPLES)  # local times 0, 9, 18, 3, ... h
    return lat, lon


def density_table(t0: float, t1: float, alt_lo: float, alt_hi: float, inclination: float, activity: int = 50,
                  step_days: float | None = None, persist_after: float | None = None,
                  version: float = 2.1, quiet_ap: float | None = None, storm_time_ap: bool = False) -> DensityTable:
    """Build the orbit-averaged table over [t0, t1] (TDB s) and [alt_lo, alt_hi] (m).

    ``version``: the NRLMSIS version pymsis runs, 2.1 (default) or 0 for NRLMSISE-00
    (Picone et al. 2002), the model Orekit and most flight-dynamics tools carry;
    used to compare propagators on the same atmosphere.

    ``quiet_ap``: every ap (daily and 3-hourly) replaced by this value, F10.7
    kept: the same days without their geomagnetic activity (storm studies).

    ``storm_time_ap``: run NRLMSIS in its storm-time mode (switch 9 = -1,
    pymsis ``geomagnetic_activity=-1``): the 3-hourly ap at t, t-3, -6, -9 h
    and the 12-33 h and 36-57 h means drive the model instead of the daily Ap
    alone (Picone et al. 2002, sec. 2; Emmert et al. 2022).  Use it with
    ``step_days`` <= 0.125 so the 3-hour nodes resolve a storm.

    ``persist_after`` (TDB s): from that epoch on, F10.7 and ap are held at their
    means over the 81 days before it (persistence, what a forecaster knew then)
    instead of the record; used to re-run historical reentry forecasts honestly.

    ``step_days`` defaults to 1 day for spans up to 3 years and grows so that
    the table has at most ~1100 time nodes (then the 81-day mean F10.7 is used
    for the daily one, since single days cannot be resolved).
    """
    require_range("altitude", np.array([alt_lo, alt_hi]) / 1e3, ALT_MIN / 1e3, ALT_MAX / 1e3, "km")
    if not (np.isfinite(t0) and np.isfinite(t1) and t1 > t0):
        raise InputError("dates", "empty or inverted time span", "end after start")
    span_days = (t1 - t0) / DAY
    if step_days is None:
        step_days = max(1.0, math.ceil(span_days / 1100.0))
    if version not in MSIS_VERSIONS:
        raise InputError("msis_version", f"got {version!r}", ", ".join(map(str, MSIS_VERSIONS)))
    return _cached_table(round(float(t0), 3), round(float(t1), 3), float(alt_lo), float(alt_hi),
                         round(float(inclination), 9), int(activity), float(step_days),
                         None if persist_after is None else round(float(persist_after), 3), float(version),
                         None if quiet_ap is None else float(quiet_ap), bool(storm_time_ap))


@functools.lru_cache(maxsize=16)
def _cached_table(t0, t1, alt_lo, alt_hi, inclination, activity, step_days, persist_after,
                  version=2.1, quiet_ap=None, storm_time_ap=False) -> DensityTable:
    import pymsis

    from spaceplan.core.time import tdb_to_datetime64

    dt = step_days * DAY
    nt = int(math.ceil((t1 - t0) / dt)) + 1
    times = t0 + dt * np.arange(nt)
    alts = altitude_nodes(alt_lo, alt_hi)
    sw = space_weather.msis_inputs(times, activity)
    f107 = sw.f107a if step_days > 1.0 else sw.f107
    notes = sw.notes
    if persist_after is not None:
        past = space_weather.msis_inputs(persist_after - DAY * np.arange(1, 82), activity)
        later = times >= persist_after
        f107, f107a, aps = f107.copy(), sw.f107a.copy(), sw.aps.copy()
        f107[later] = f107a[later] = past.f107.mean()
        aps[later] = past.aps[:, 0].mean()
        sw = space_weather.MsisInputs(f107, f107a, aps, sw.observed & ~later, sw.extrapolated & ~later, ())
        notes = notes + (f"space weather after {np.datetime_as_string(tdb_to_datetime64(persist_after), 'D')} held at its "
                 f"81-day mean (F10.7 {past.f107.mean():.1f}, Ap {past.aps[:, 0].mean():.1f}): persistence",)
    if quiet_ap is not None:
        sw = space_weather.MsisInputs(f107, sw.f107a, np.full_like(sw.aps, quiet_ap), sw.observed, sw.extrapolated, ())
        notes = notes + (f"geomagnetic activity replaced by a quiet ap = {quiet_ap:.1f} (F10.7 kept)",)
    lat, lon = _samples(inclination)
    na, ns = len(alts), _SAMPLES
    n = nt * na * ns
    idx_t = np.repeat(np.arange(nt), na * ns)
    stamps = tdb_to_datetime64(times)[idx_t]
    out = pymsis.calculate(stamps, np.tile(lon, nt * na), np.tile(lat, nt * na),
                           np.tile(np.repeat(alts / 1e3, ns), nt), f107[idx_t], sw.f107a[idx_t], sw.aps[idx_t],
                           version=0 if version == 0 else version, geomagnetic_activity=-1 if storm_time_ap else 1)
    rho = np.asarray(out[:, 0], dtype=float).reshape(nt, na, ns).mean(axis=2)
    if not np.all(np.isfinite(rho)) or np.any(rho <= 0) or n == 0:
        raise InputError("density", "NRLMSIS returned a non-positive density", "finite, > 0")
    model = "NRLMSISE-00" if version == 0 else f"NRLMSIS {version:g}"
    notes = notes + (f"{model} orbit-averaged table, {nt} x {na} nodes every {step_days:g} d"
                     + (", storm-time mode (3-hourly ap history)" if storm_time_ap else ""),)
    return DensityTable(t0, dt, alts, np.log(rho), inclination, activity, notes)
