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

Propagation uses the orbit-averaged density table of
:mod:`spaceplan.core.density_grid` (the grid, the 8-point orbit average and the
:class:`DensityTable` type are shared with :mod:`spaceplan.core.jb2008`).
"""

from __future__ import annotations

import functools
import math

import numpy as np

from spaceplan.core import space_weather
from spaceplan.core.constants import DAY
from spaceplan.core.density_grid import DensityTable, altitude_nodes, orbit_samples, time_nodes
from spaceplan.core.errors import InputError, require_range

ALT_MIN = 80e3  # m, NRLMSIS is valid from the ground, tables start here
ALT_MAX = 2_000e3  # m
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


def density_table(t0: float, t1: float, alt_lo: float, alt_hi: float, inclination: float, activity: int = 50,
                  step_days: float | None = None, persist_after: float | None = None,
                  version: float = 2.1, quiet_ap: float | None = None, storm_time_ap: bool = False,
                  every_local_time: bool = False) -> DensityTable:
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

    ``every_local_time``: average each latitude over all 8 local times (64 points, see
    :func:`spaceplan.core.density_grid.orbit_samples`), for comparisons between runs whose
    nodes fall at different UTs (the 8-point average has a +-3 % UT ripple at 210 km).

    ``persist_after`` (TDB s): from that epoch on, F10.7 and ap are held at their
    means over the 81 days before it (persistence, what a forecaster knew then)
    instead of the record; used to re-run historical reentry forecasts honestly.

    ``step_days`` defaults to 1 day for spans up to 3 years and grows so that
    the table has at most ~1100 time nodes (then the 81-day mean F10.7 is used
    for the daily one, since single days cannot be resolved).
    """
    require_range("altitude", np.array([alt_lo, alt_hi]) / 1e3, ALT_MIN / 1e3, ALT_MAX / 1e3, "km")
    time_nodes(t0, t1, 1.0)  # refuses an empty or inverted span
    span_days = (t1 - t0) / DAY
    if step_days is None:
        step_days = max(1.0, math.ceil(span_days / 1100.0))
    if version not in MSIS_VERSIONS:
        raise InputError("msis_version", f"got {version!r}", ", ".join(map(str, MSIS_VERSIONS)))
    return _cached_table(round(float(t0), 3), round(float(t1), 3), float(alt_lo), float(alt_hi),
                         round(float(inclination), 9), int(activity), float(step_days),
                         None if persist_after is None else round(float(persist_after), 3), float(version),
                         None if quiet_ap is None else float(quiet_ap), bool(storm_time_ap), bool(every_local_time))


@functools.lru_cache(maxsize=16)
def _cached_table(t0, t1, alt_lo, alt_hi, inclination, activity, step_days, persist_after,
                  version=2.1, quiet_ap=None, storm_time_ap=False, every_local_time=False) -> DensityTable:
    import pymsis

    from spaceplan.core.time import tdb_to_datetime64

    dt = step_days * DAY
    times = time_nodes(t0, t1, step_days)
    nt = len(times)
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
    lat, lon = orbit_samples(inclination, every_local_time)
    na, ns = len(alts), len(lat)
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
                     + (", storm-time mode (3-hourly ap history)" if storm_time_ap else "")
                     + (", each latitude at 8 local times" if every_local_time else ""),)
    return DensityTable(t0, dt, alts, np.log(rho), inclination, activity, notes)
