"""Reentry windows from a TLE history: fit the ballistic coefficient, decay to 120 km, give the window.

1. TLEs are read with ``sgp4`` (checksums verified, epochs in time order).  Each
   gives a mean altitude: the SGP4 (Kozai) mean motion -> semi-major axis, minus
   the orbit-averaged ellipsoid radius.
2. B = Cd A / m is fitted so that the King-Hele decay (:mod:`.decay`, observed
   space weather) started at the first TLE's mean altitude passes through the
   last one's (Brent's method on log B).  A single TLE falls back on its B*:
   B = 2 B* / rho0, rho0 = 0.15696615 kg m^-2 ER^-1 (Vallado 2013, eq. 9-42).
3. From the last TLE the decay is continued to 120 km with the space weather
   held at its 81-day mean before that epoch (persistence: no hindsight), and
   with the density scaled by 0.8 and 1.25 (the +-20-25 % uncertainty of
   thermosphere models and short-term solar forecasts, ISO 27852:2016 sec. 6
   and IADC reentry-campaign practice): those two runs bound the window.

An operator's published orbit (perigee and apogee heights on a date, as the
China Manned Space Engineering Office issued daily for Tiangong-1 in March
2018) enters the same fit through :func:`published_state`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import brentq

from spaceplan.core import nrlmsis
from spaceplan.core.constants import DAY, EARTH_GM
from spaceplan.core.errors import InputError, ParseError, require_range
from spaceplan.core.time import tdb_to_iso, utc_to_tdb
from spaceplan.core.tle import read_tle
from spaceplan.station.decay import REENTRY_ALTITUDE, king_hele_run, mean_radius, rotation_factor

RHO0_BSTAR = 0.15696615  # kg m^-2 ER^-1, SGP4 reference density for B*
DENSITY_SCALES = (0.8, 1.25)
FIRST_HORIZON_DAYS = 60.0


@dataclass(frozen=True)
class ElementSet:
    name: str
    epoch_tdb: float
    mean_altitude: float  # m
    inclination: float  # rad
    bstar: float  # 1/ER
    line_no: int


@dataclass(frozen=True)
class ReentryForecast:
    name: str
    fit_from_utc: str
    fit_to_utc: str
    n_tles: int
    ballistic_m2_kg: float  # fitted Cd A / m
    nominal_tdb: float
    early_tdb: float
    late_tdb: float
    notes: tuple[str, ...]

    @property
    def width_days(self) -> float:
        return (self.late_tdb - self.early_tdb) / DAY

    def contains(self, tdb: float) -> bool:
        return self.early_tdb <= tdb <= self.late_tdb

    def to_dict(self) -> dict:
        return {"name": self.name, "fit_from_utc": self.fit_from_utc, "fit_to_utc": self.fit_to_utc,
                "tles": self.n_tles, "ballistic_coefficient_m2_kg": self.ballistic_m2_kg,
                "mass_per_area_kg_m2": 1.0 / self.ballistic_m2_kg, "nominal_utc": tdb_to_iso(self.nominal_tdb, "m"),
                "window_start_utc": tdb_to_iso(self.early_tdb, "m"), "window_end_utc": tdb_to_iso(self.late_tdb, "m"),
                "window_days": self.width_days, "notes": list(self.notes)}


def read_tles(path_or_text: str | Path, field: str = "tle_file") -> list[ElementSet]:
    """Element sets from a TLE file (2- or 3-line format), checked by the one TLE reader
    (:func:`spaceplan.core.tle.read_tle`, strict: the first bad line is an error naming it) and in time order."""
    from sgp4.api import Satrec

    if isinstance(path_or_text, str) and "\n" in path_or_text:
        text = path_or_text  # the TLE text itself
    elif Path(path_or_text).is_file():
        try:
            text = Path(path_or_text).read_text()
        except UnicodeDecodeError:
            raise ParseError(field, f"{str(path_or_text)!r} is not a text file of element sets") from None
    else:
        raise InputError(field, f"no such file {str(path_or_text)!r}")
    records, _ = read_tle(text, source=field, strict=True)
    out = []
    for rec in records:
        sat = Satrec.twoline2rv(*rec.tle)
        if sat.error:
            raise ParseError(field, f"line {rec.line}: sgp4 cannot use this element set (error {sat.error})")
        n = sat.no_kozai / 60.0  # rad/s
        a = (EARTH_GM / n ** 2) ** (1.0 / 3.0)
        year = sat.epochyr + (2000 if sat.epochyr < 57 else 1900)
        epoch = np.datetime64(f"{year}-01-01") + np.timedelta64(int(round((sat.epochdays - 1) * DAY * 1e6)), "us")
        out.append(ElementSet(rec.name or f"NORAD {sat.satnum}", float(utc_to_tdb(epoch)),
                              a - mean_radius(sat.inclo), sat.inclo, sat.bstar, rec.line))
    if not out:
        raise ParseError(field, "no two-line element sets found")
    for a, b in zip(out, out[1:]):
        if b.epoch_tdb <= a.epoch_tdb:
            raise InputError(field, f"line {b.line_no}: epoch {tdb_to_iso(b.epoch_tdb)} is not after the previous "
                             f"one ({tdb_to_iso(a.epoch_tdb)})", "element sets in increasing time order")
    return out


def published_state(epoch_tdb: float, perigee_altitude: float, apogee_altitude: float, inclination: float,
                    name: str = "published state") -> ElementSet:
    """A published orbit (heights in m above the ellipsoid, inclination in rad) as an element set for :func:`forecast`.

    The mean altitude is (h_p + h_a) / 2, which equals a - R_e to first order in
    e for a near-circular orbit, the same quantity the TLEs give.  B* is
    unknown (0), so a forecast needs at least one other element set to fit B.
    """
    require_range("perigee altitude", perigee_altitude / 1e3, REENTRY_ALTITUDE / 1e3, 2000.0, "km")
    require_range("apogee altitude", apogee_altitude / 1e3, perigee_altitude / 1e3, 2000.0, "km")
    require_range("inclination", math.degrees(inclination), 0.0, 180.0, "deg")
    if not math.isfinite(epoch_tdb):
        raise InputError("epoch", "not a finite time", "a date")
    return ElementSet(name, float(epoch_tdb), 0.5 * (perigee_altitude + apogee_altitude), float(inclination), 0.0, 0)


def forecast(tles: list[ElementSet], horizon_days: float = 400.0, fit_days: float = 60.0) -> ReentryForecast:
    """Fit B on the element sets of the last ``fit_days`` (at least two) and forecast the window from the last one."""
    if not tles:
        raise InputError("tle_file", "no element sets", "at least one element set")
    for a, b in zip(tles, tles[1:]):
        if b.epoch_tdb <= a.epoch_tdb:
            raise InputError("tle_file", f"{b.name} at {tdb_to_iso(b.epoch_tdb)} is not after {tdb_to_iso(a.epoch_tdb)}",
                             "element sets in increasing time order")
    recent = [e for e in tles if e.epoch_tdb >= tles[-1].epoch_tdb - fit_days * DAY]
    if len(recent) < 2 and len(tles) >= 2:
        recent = tles[-2:]
    tles = recent
    first, last = tles[0], tles[-1]
    inc = float(np.mean([e.inclination for e in tles]))
    re = mean_radius(inc)
    if last.mean_altitude < REENTRY_ALTITUDE:
        raise InputError("tle_file", f"last element set is already at {last.mean_altitude / 1e3:.0f} km",
                         "mean altitude above 120 km")
    def table_to(days):  # the same daily nodes whatever the end: a shorter table is a prefix of a longer one
        return nrlmsis.density_table(first.epoch_tdb - DAY, last.epoch_tdb + days * DAY, 100e3,
                                     first.mean_altitude + 40e3, inc, 50, step_days=1.0, persist_after=last.epoch_tdb)

    # most forecasts end within weeks: build the table to FIRST_HORIZON_DAYS first (pymsis dominates the cost)
    # and to the full horizon only when a run does not reach 120 km by then
    short = min(horizon_days, FIRST_HORIZON_DAYS)
    table = table_to(short)
    rot = float(rotation_factor(first.mean_altitude, inc))
    notes = list(table.notes)
    if len(tles) >= 2 and last.epoch_tdb - first.epoch_tdb > 2 * DAY:
        def miss(log_b):
            _, h, _, _ = king_hele_run(re + first.mean_altitude, first.epoch_tdb, last.epoch_tdb, 0.0, rot,
                                       math.exp(log_b), re, table)
            return h[-1] - last.mean_altitude

        try:
            bc = math.exp(brentq(miss, math.log(1e-4), math.log(1.0), xtol=1e-4))
        except ValueError:
            raise InputError("tle_file", "no ballistic coefficient between 1e-4 and 1 m^2/kg reproduces the decay "
                             "between the first and last element sets", "a decaying object's TLE history") from None
        notes.append(f"B fitted to the mean-altitude decay {first.mean_altitude / 1e3:.1f} -> "
                     f"{last.mean_altitude / 1e3:.1f} km over {len(tles)} element sets")
    else:
        bc = 2.0 * last.bstar / (RHO0_BSTAR)
        if not bc > 0:
            raise InputError("tle_file", "one element set with B* <= 0 gives no drag estimate", "B* > 0 or a history")
        notes.append("single element set: B = 2 B* / rho0 (SGP4 convention)")
    for days in (short, horizon_days):
        if days != short:
            table = table_to(days)
        runs = [king_hele_run(re + last.mean_altitude, last.epoch_tdb, last.epoch_tdb + days * DAY, REENTRY_ALTITUDE,
                              rot, bc, re, table, scale) for scale in (1.0,) + DENSITY_SCALES]
        if all(hit for _, _, hit, _ in runs) or days == horizon_days:
            break
    if not all(hit for _, _, hit, _ in runs):
        raise InputError("tle_file", f"no reentry within {horizon_days:g} days of the last element set",
                         "an object decaying within the horizon")
    times = [t_hit for _, _, _, t_hit in runs]
    return ReentryForecast(first.name, tdb_to_iso(first.epoch_tdb, "m"), tdb_to_iso(last.epoch_tdb, "m"), len(tles),
                           bc, times[0], min(times), max(times), tuple(notes))
