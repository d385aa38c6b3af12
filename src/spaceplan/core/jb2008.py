"""JB2008 thermosphere density (Bowman et al. 2008), offline, and its orbit-averaged density table.

JB2008 (Bowman, B. R., Tobiska, W. K., Marcos, F. A., Huang, C. Y., Lin, C. S.,
Burke, W. J. (2008), "A new empirical thermospheric density model JB2008 using
new solar and geomagnetic indices", AIAA 2008-6438) is the US Space Force's
operational empirical thermosphere (the background model of HASDM) and
COSPAR's CIRA-2012 recommendation for drag.  Its drivers:

* solar: F10 (10.7 cm flux), S10 (26-34 nm EUV, SOHO/SEM), M10 (Mg II core-wing
  ratio, 160 nm EUV proxy) and Y10 (X-ray + Lyman-alpha), daily values and their
  81-day centred means, with the model's lags: F10 and S10 one day, M10 two
  days, Y10 five days (the value of the calendar day that far before the epoch,
  as Bowman's driver JB08DRVY2K does);
* geomagnetic: dTc, the exospheric-temperature change computed from the Dst
  index in storms (from ap otherwise), hourly, interpolated linearly between the
  hourly values (the driver's DTCVAL, without its rounding to whole kelvin).

The density routine is pyatmos's numba port of Bowman's Fortran subroutine
(:mod:`spaceplan.core.jb2008_kernel`); spaceplan computes its other inputs
itself: the Sun's right ascension and declination from the JPL DE421 ephemeris
(:mod:`spaceplan.core.ephemeris`, geocentric, precessed to the mean equator
and equinox of date as the driver's SUNPOS gives them), the point's right
ascension as GMST (IAU 1982, UT1 = UTC) plus its east longitude, its latitude
and height as given (geodetic, as the driver passes them), the modified Julian
date and the day of the year (1 + days since 1 January 0 UT, the Fortran
TMOUTD convention that the semi-annual term expects).

Indices: SET's files SOLFSMY.TXT and DTCFILE.TXT (Space Environment
Technologies; full and updated files at
https://sol.spacenvironment.net/JB2008/indices/).  spaceplan ships an excerpt,
``core/data/jb2008_indices_2021_2022.txt`` (SOLFSMY and DTC rows of
2021-08-24..2022-04-01, copied verbatim; provenance in its header): requests
from 2021-08-29 to 2022-04-01 00:00 UTC; others raise :class:`InputError`
naming the date and the covered span.  A longer record can be used through the
environment variable ``SPACEPLAN_JB2008_INDICES`` or ``load_indices(path)``: a
file holding SOLFSMY rows and DTC rows, e.g. ``cat SOLFSMY.TXT DTCFILE.TXT``.

:func:`density_table` builds the orbit-averaged table of
:mod:`spaceplan.core.density_grid` (same grid and 8-point average as
:func:`spaceplan.core.nrlmsis.density_table`), so the Cowell propagator and the
station studies can run on either model.
"""

from __future__ import annotations

import functools
import importlib.resources
import math
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from spaceplan.core.constants import DAY, J2000_JD
from spaceplan.core.density_grid import DensityTable, altitude_nodes, orbit_samples, time_nodes
from spaceplan.core.errors import InputError, ParseError, require_range

ALT_MIN = 90e3  # m, JB2008's lower bound
ALT_MAX = 2_500e3  # m, its upper bound
ENV_INDICES = "SPACEPLAN_JB2008_INDICES"
BUNDLED_INDICES = "jb2008_indices_2021_2022.txt"
LAGS_DAYS = {"F10": 1, "S10": 1, "M10": 2, "Y10": 5}
_MJD_OF_J2000_UTC_LABEL = 51544.5  # 2000-01-01T12:00 UTC
_DAY64 = np.timedelta64(1, "D")


@dataclass(frozen=True, eq=False)  # hashed by identity: load_indices() returns one object per file
class Indices:
    """Daily solar indices and hourly dTc on consecutive days from ``first_day``."""

    source: str
    first_day: np.datetime64  # datetime64[D] of row 0
    solar: np.ndarray  # (n, 8) sfu: F10, F81c, S10, S81c, M10, M81c, Y10, Y81c
    dtc: np.ndarray  # (n, 24) K, hours 0..23 UT

    @property
    def span(self) -> tuple[np.datetime64, np.datetime64]:
        """First and last UTC instant a density may be asked for (the Y10 lag and the last hourly dTc)."""
        first = self.first_day + max(LAGS_DAYS.values()) * _DAY64
        last = self.first_day + (len(self.solar) - 1) * _DAY64
        return first.astype("datetime64[s]"), last.astype("datetime64[s]")

    def span_text(self) -> str:
        a, b = self.span
        return f"{np.datetime_as_string(a, 'm')} to {np.datetime_as_string(b, 'm')} UTC ({self.source})"


def _day(year: int, doy: int) -> np.datetime64:
    return np.datetime64(f"{year:04d}-01-01") + (doy - 1) * _DAY64


def read_indices(path: str | Path) -> Indices:
    """Read SOLFSMY rows (``YYYY DDD JD F10 F81c S10 S81c M10 M81c Y10 Y81c Ssrc``) and ``DTC YYYY DDD`` + 24 rows."""
    path = Path(path)
    solar: dict[np.datetime64, list[float]] = {}
    dtc: dict[np.datetime64, list[float]] = {}
    try:
        text = path.read_text()
    except OSError as exc:
        raise ParseError("jb2008 indices", f"cannot read {path}: {exc}") from None
    for number, line in enumerate(text.splitlines(), 1):
        fields = line.split()
        if not fields or line.lstrip().startswith("#"):
            continue
        try:
            if fields[0] == "DTC":
                if len(fields) != 27:
                    raise ValueError(f"{len(fields) - 3} hourly values, need 24")
                dtc[_day(int(fields[1]), int(fields[2]))] = [float(x) for x in fields[3:]]
            else:
                if len(fields) < 11:
                    raise ValueError("need YYYY DDD JD and 8 indices")
                solar[_day(int(fields[0]), int(fields[1]))] = [float(x) for x in fields[3:11]]
        except ValueError as exc:
            raise ParseError("jb2008 indices", f"{path}, line {number}: {exc}") from None
    days = sorted(set(solar) & set(dtc))
    if not days:
        raise ParseError("jb2008 indices", f"{path}: no day has both SOLFSMY and DTC rows")
    first = days[0]
    n = int((days[-1] - first) / _DAY64) + 1
    if n != len(days):
        gap = next(d for k, d in enumerate(days) if d != first + k * _DAY64)
        raise ParseError("jb2008 indices", f"{path}: days are not consecutive (gap before {gap})")
    return Indices(path.name, np.datetime64(first, "D"), np.array([solar[d] for d in days]),
                   np.array([dtc[d] for d in days]))


@functools.lru_cache(maxsize=4)
def load_indices(path: str | None = None) -> Indices:
    """The indices from ``path``, else ``$SPACEPLAN_JB2008_INDICES``, else the bundled 2021-2022 excerpt."""
    bundled = importlib.resources.files("spaceplan.core").joinpath("data", BUNDLED_INDICES)
    return read_indices(path or os.environ.get(ENV_INDICES) or str(bundled))


@dataclass(frozen=True)
class Drivers:
    """JB2008's index inputs at N epochs (already lagged) and the UTC day of year / MJD."""

    mjd: np.ndarray
    day_of_year: np.ndarray  # 1.0 at 1 January 0 UT
    solar: np.ndarray  # (N, 8): F10, F10B, S10, S10B (1-day lag), M10, M10B (2 days), Y10, Y10B (5 days)
    dtc: np.ndarray  # (N,) K


def drivers(tdb, indices: Indices | None = None) -> Drivers:
    """Lagged solar indices and interpolated dTc at epochs (TDB s), from the bundled or given indices."""
    from spaceplan.core.time import tdb_to_datetime64

    ind = indices or load_indices()
    tdb = np.atleast_1d(np.asarray(tdb, dtype=float))
    utc = tdb_to_datetime64(tdb)
    first, last = ind.span
    outside = (utc < first) | (utc > last)
    if np.any(outside):
        bad = np.datetime_as_string(utc[np.flatnonzero(outside)[0]], "m")
        raise InputError("date", f"{bad} UTC is outside the JB2008 indices", ind.span_text())
    days = (utc - np.datetime64(ind.first_day, "ns")) / np.timedelta64(1, "D")
    j = np.floor(days).astype(int)
    sol = ind.solar
    lag = LAGS_DAYS
    solar = np.column_stack([sol[j - lag["F10"], 0], sol[j - lag["F10"], 1], sol[j - lag["S10"], 2],
                             sol[j - lag["S10"], 3], sol[j - lag["M10"], 4], sol[j - lag["M10"], 5],
                             sol[j - lag["Y10"], 6], sol[j - lag["Y10"], 7]])
    hourly = ind.dtc.ravel()
    dtc = np.interp(days * 24.0, np.arange(hourly.size, dtype=float), hourly)
    return Drivers(*time_inputs(tdb), solar, dtc)


def time_inputs(tdb) -> tuple[np.ndarray, np.ndarray]:
    """UTC modified Julian date and day of the year (1.0 at 1 January 0 UT) at epochs (TDB s)."""
    from spaceplan.core.time import tdb_to_datetime64

    utc = tdb_to_datetime64(np.atleast_1d(np.asarray(tdb, dtype=float)))
    mjd = (utc - np.datetime64("2000-01-01T12:00", "ns")) / np.timedelta64(1, "D") + _MJD_OF_J2000_UTC_LABEL
    year_start = utc.astype("datetime64[Y]").astype("datetime64[ns]")
    return mjd, 1.0 + (utc - year_start) / np.timedelta64(1, "D")


def sun_right_ascension_declination(tdb) -> tuple[np.ndarray, np.ndarray]:
    """Geocentric right ascension and declination (rad) of the Sun in the mean equator and equinox of date (DE421).

    Of date, not J2000: JB2008 takes the hour angle as the point's right ascension (GMST + longitude, from the
    mean equinox of date) minus the Sun's, and Bowman's driver (SUNPOS) gives the Sun of date; DE421's ICRF
    right ascension lags it by the precession since 2000 (0.31 deg in 2022, 1.2 min of local time)."""
    from skyfield.precessionlib import compute_precession

    from spaceplan.core import ephemeris

    tdb = np.atleast_1d(np.asarray(tdb, dtype=float))
    r_icrf = ephemeris.position("sun", tdb, center="earth")
    r = np.einsum("ijn,nj->ni", compute_precession(J2000_JD + tdb / DAY), r_icrf.reshape(-1, 3)).reshape(r_icrf.shape)
    ra = np.mod(np.arctan2(r[..., 1], r[..., 0]), 2.0 * math.pi)
    return ra, np.arcsin(r[..., 2] / np.linalg.norm(r, axis=-1))


def _run(lat_deg, lon_deg, alt_m, drv: Drivers, sun: tuple[np.ndarray, np.ndarray], gmst: np.ndarray,
         dtc: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The kernel on flat arrays; ``drv``, ``sun`` and ``gmst`` are per point."""
    from spaceplan.core.jb2008_kernel import jb2008_batch

    s = drv.solar
    sat_ra = np.mod(gmst + np.radians(lon_deg), 2.0 * math.pi)
    return jb2008_batch(drv.mjd, drv.day_of_year, sun[0], sun[1], sat_ra, np.radians(lat_deg), alt_m / 1e3,
                        *(np.ascontiguousarray(s[:, k]) for k in range(8)), drv.dtc if dtc is None else dtc)


def density(tdb, lat_deg, lon_deg, alt_m, indices: Indices | None = None) -> np.ndarray:
    """Total mass density (kg/m^3) from JB2008 at matching arrays of epochs and geodetic positions."""
    from spaceplan.core.frames import gmst_from_tdb

    tdb = np.atleast_1d(np.asarray(tdb, dtype=float))
    lat, lon, alt = (np.broadcast_to(np.asarray(x, dtype=float), tdb.shape).ravel() for x in (lat_deg, lon_deg, alt_m))
    require_range("altitude", alt / 1e3, ALT_MIN / 1e3, ALT_MAX / 1e3, "km")
    t = tdb.ravel()
    drv = drivers(t, indices)
    rho, _ = _run(lat, lon, alt, drv, sun_right_ascension_declination(t), np.atleast_1d(gmst_from_tdb(t)))
    return rho.reshape(tdb.shape)


def quiet_dtc_before(t0: float, days: int = 27, indices: Indices | None = None) -> float:
    """Median hourly dTc (K) over the ``days`` days before ``t0`` (TDB s): the geomagnetically quiet level."""
    hours = t0 - 3600.0 * np.arange(1, 24 * days + 1)
    return float(np.median(drivers(hours, indices).dtc))


def density_table(t0: float, t1: float, alt_lo: float, alt_hi: float, inclination: float,
                  step_days: float = 0.125, quiet_dtc: float | None = None,
                  every_local_time: bool = False) -> DensityTable:
    """Orbit-averaged JB2008 table over [t0, t1] (TDB s) and [alt_lo, alt_hi] (m); grid as nrlmsis.density_table.

    ``step_days``: time-node spacing (default 3 h, to resolve a storm's hourly dTc).
    ``quiet_dtc``: every dTc replaced by this value (K), solar indices kept: the
    same days without their geomagnetic activity (storm studies).
    ``every_local_time``: each latitude averaged over all 8 local times (64 points,
    :func:`spaceplan.core.density_grid.orbit_samples`)."""
    require_range("altitude", np.array([alt_lo, alt_hi]) / 1e3, ALT_MIN / 1e3, ALT_MAX / 1e3, "km")
    require_range("step", step_days, 1.0 / 24.0, 10.0, "days")
    time_nodes(t0, t1, step_days)  # refuses an empty or inverted span before the cache
    return _cached_table(round(float(t0), 3), round(float(t1), 3), float(alt_lo), float(alt_hi),
                         round(float(inclination), 9), float(step_days),
                         None if quiet_dtc is None else float(quiet_dtc), load_indices(), bool(every_local_time))


@functools.lru_cache(maxsize=16)
def _cached_table(t0, t1, alt_lo, alt_hi, inclination, step_days, quiet_dtc, indices: Indices,
                  every_local_time: bool = False) -> DensityTable:
    from spaceplan.core.frames import gmst_from_tdb

    times = time_nodes(t0, t1, step_days)
    alts = altitude_nodes(alt_lo, alt_hi)
    lat, lon = orbit_samples(inclination, every_local_time)
    nt, na, ns = len(times), len(alts), len(lat)
    drv = drivers(times, indices)
    sun = sun_right_ascension_declination(times)
    gmst = np.atleast_1d(gmst_from_tdb(times))
    per_t = np.repeat(np.arange(nt), na * ns)  # point k -> its epoch
    dtc = drv.dtc[per_t] if quiet_dtc is None else np.full(per_t.size, quiet_dtc)
    drv_points = Drivers(drv.mjd[per_t], drv.day_of_year[per_t], drv.solar[per_t], dtc)
    rho, _ = _run(np.tile(lat, nt * na), np.tile(lon, nt * na), np.tile(np.repeat(alts, ns), nt),
                  drv_points, (sun[0][per_t], sun[1][per_t]), gmst[per_t])
    rho = rho.reshape(nt, na, ns).mean(axis=2)
    if not np.all(np.isfinite(rho)) or np.any(rho <= 0):
        raise InputError("density", "JB2008 returned a non-positive density", "finite, > 0")
    notes = (f"JB2008 orbit-averaged table, {nt} x {na} nodes every {step_days:g} d (indices: {indices.source})"
             + (", each latitude at 8 local times" if every_local_time else ""),)
    if quiet_dtc is not None:
        notes += (f"geomagnetic activity replaced by a quiet dTc = {quiet_dtc:.0f} K (solar indices kept)",)
    return DensityTable(float(t0), step_days * DAY, alts, np.log(rho), inclination, 50, notes)
