"""Reboost: propellant per year to hold a station inside an altitude band.

The station decays freely (King-Hele, the same NRLMSIS 2.1 table as the decay
runs) from the top of the band to its bottom, then a reboost raises it back
with a two-impulse Hohmann transfer (Curtis 2020, eq. 6.2 ff.); each year is
charged the dv that makes up the altitude it lost (so years do not jump with
the timing of the discrete reboosts, which are counted separately):

    dv = sqrt(mu/r1) (sqrt(2 r2 / (r1 + r2)) - 1) + sqrt(mu/r2) (1 - sqrt(2 r1 / (r1 + r2)))

and the propellant follows the rocket equation with the engine's Isp.  For a
single small tangential impulse the mean altitude rises by da = 2 a dv / v
(Gauss's equation for a circular orbit, Vallado 2013 eq. 9-24).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from spaceplan.core.constants import DAY, EARTH_GM, G0, JULIAN_YEAR
from spaceplan.core.errors import InputError, require_range
from spaceplan.core.time import tdb_to_iso, utc_to_tdb
from spaceplan.core.validity import Envelope, check, physical, warning
from spaceplan.station.decay import REENTRY_ALTITUDE, king_hele_run, mean_radius, rotation_factor, table_for
from spaceplan.station.presets import Station, Vehicle



def _year_days(year: int) -> float:
    return 366.0 if (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 else 365.0


def hohmann_dv(r1: float, r2: float) -> float:
    """Total dv (m/s) of a two-impulse Hohmann transfer between circular radii r1 and r2 (m)."""
    v1 = math.sqrt(EARTH_GM / r1)
    v2 = math.sqrt(EARTH_GM / r2)
    return abs(v1 * (math.sqrt(2 * r2 / (r1 + r2)) - 1)) + abs(v2 * (1 - math.sqrt(2 * r1 / (r1 + r2))))


def altitude_gain(dv, altitude, inclination: float = 0.0) -> np.ndarray:
    """Mean-altitude rise (m) from a small tangential impulse dv (m/s) on a circular orbit: 2 a dv / v."""
    a = mean_radius(inclination) + np.asarray(altitude, dtype=float)
    return 2.0 * a * np.asarray(dv, dtype=float) / np.sqrt(EARTH_GM / a)


def propellant(mass: float, dv: float, isp: float) -> float:
    """Propellant (kg) burnt to give ``dv`` (m/s) to an initial ``mass`` (kg) at ``isp`` s (rocket equation)."""
    return mass * (1.0 - math.exp(-dv / (isp * G0)))


ENVELOPE = Envelope("the reboost plan", outputs=(physical("dv_m_s", "dv", "reboost dv"),
                                                  physical("propellant_kg", "mass", "reboost propellant")))


@dataclass(frozen=True)
class ReboostYear:
    """One year of holding the band.  ``dv_m_s`` and the propellant make up the altitude lost that year;
    ``reboost_equivalents`` is that dv in band-raising Hohmann pairs (what the year pays for), while
    ``reboosts`` counts the pairs actually flown in it (a year may pay for half a reboost flown the next)."""

    year: int
    reboosts: int
    dv_m_s: float
    propellant_kg: float
    vehicle_flights: float
    cost_musd: float
    altitude_lost_m: float = 0.0  # to drag over the year: the decay the year's dv makes up
    reboost_equivalents: float = 0.0

    def to_dict(self) -> dict:
        return {"year": self.year, "reboosts": self.reboosts, "reboost_equivalents": self.reboost_equivalents,
                "dv_m_s": self.dv_m_s, "altitude_lost_km": self.altitude_lost_m / 1e3,
                "propellant_kg": self.propellant_kg, "vehicle_flights": self.vehicle_flights,
                "cost_musd": self.cost_musd}


@dataclass(frozen=True)
class ReboostPlan:
    station: str
    vehicle: str
    band_km: tuple[float, float]
    activity: int
    years: tuple[ReboostYear, ...]
    t: np.ndarray  # sawtooth time (TDB s)
    altitude: np.ndarray  # m
    notes: tuple[str, ...]
    warnings: tuple = ()
    free_reentry_tdb: float | None = None  # when the station would re-enter without reboosts (inside the period)

    @property
    def total_propellant_kg(self) -> float:
        return float(sum(y.propellant_kg for y in self.years))

    def to_frame(self):
        """One row per year (pandas DataFrame)."""
        from spaceplan.core.results import frame

        return frame([y.to_dict() for y in self.years])

    @property
    def mean_decay_m_per_day(self) -> float:
        """Altitude lost to drag per day, averaged over the plan's years (the rate its propellant makes up)."""
        days = sum(_year_days(y.year) for y in self.years)
        return float(sum(y.altitude_lost_m for y in self.years)) / days

    def to_dict(self) -> dict:
        return {"station": self.station, "vehicle": self.vehicle, "band_km": list(self.band_km),
                "activity_percentile": self.activity, "years": [y.to_dict() for y in self.years],
                "total_propellant_kg": self.total_propellant_kg,
                "total_dv_m_s": float(sum(y.dv_m_s for y in self.years)), "notes": list(self.notes),
                "free_reentry_utc": None if self.free_reentry_tdb is None else tdb_to_iso(self.free_reentry_tdb),
                "warnings": list(self.warnings)}


def reboost_plan(station: Station, vehicle: Vehicle, band_km: tuple[float, float], first_year: int, last_year: int,
                 activity: int = 50) -> ReboostPlan:
    """Hold ``station`` in ``band_km`` from 1 January ``first_year`` to 31 December ``last_year``."""
    lo, hi = (float(x) for x in band_km)
    require_range("band", [lo, hi], 150.0, 2000.0, "km")
    if hi - lo < 1.0:
        raise InputError("--band", f"{lo:g}:{hi:g} km is narrower than 1 km", "lower:upper with upper - lower >= 1 km")
    if not 1958 <= first_year <= last_year <= 2100:
        raise InputError("--years", f"{first_year}:{last_year}", "first:last within 1958-2100, first <= last")
    t0 = float(utc_to_tdb(f"{first_year}-01-01", "--years"))
    t1 = float(utc_to_tdb(f"{last_year + 1}-01-01", "--years"))
    inc = station.inclination
    table = table_for(t0, t1, hi * 1e3, inc, activity)
    re = mean_radius(inc)
    bc = station.ballistic_coefficient
    rot = float(rotation_factor((lo + hi) * 500.0, inc))
    dv_boost = hohmann_dv(re + lo * 1e3, re + hi * 1e3)
    t, ts, hs, boosts = t0, [t0], [hi * 1e3], []
    while t < t1:
        t_run, h_run, hit, t_hit = king_hele_run(re + hi * 1e3, t, t1, lo * 1e3, rot, bc, re, table)
        ts.extend(t_run[1:])
        hs.extend(h_run[1:])
        if not hit:
            break
        boosts.append(t_hit)
        ts.append(t_hit)
        hs.append(hi * 1e3)
        t = t_hit
    boosts = np.array(boosts)
    ts_a, hs_a = np.array(ts), np.array(hs)
    drop = np.maximum(0.0, hs_a[:-1] - hs_a[1:])  # altitude lost to drag between samples (boosts are rises)
    mid = 0.5 * (ts_a[:-1] + ts_a[1:])
    dv_per_m = dv_boost / ((hi - lo) * 1e3)
    years = []
    for y in range(first_year, last_year + 1):
        ya, yb = float(utc_to_tdb(f"{y}-01-01")), float(utc_to_tdb(f"{y + 1}-01-01"))
        k = int(np.count_nonzero((boosts >= ya) & (boosts < yb)))
        # the dv that makes up this year's decay (reboosts themselves are discrete events, counted apart)
        lost = float(np.sum(drop[(mid >= ya) & (mid < yb)]))
        dv = lost * dv_per_m
        prop = propellant(station.mass_kg, dv, vehicle.isp_s)
        flights = prop / vehicle.propellant_kg if vehicle.propellant_kg > 0 else 0.0
        check(ENVELOPE, dv_m_s=dv, propellant_kg=prop)
        years.append(ReboostYear(y, k, dv, prop, flights, flights * vehicle.cost_musd, lost, dv / dv_boost))
    notes = table.notes + (f"reboost {lo:g} -> {hi:g} km: Hohmann dv {dv_boost:.2f} m/s each, Isp {vehicle.isp_s:g} s",
                           f"first reboost {tdb_to_iso(boosts[0], 'D')}" if len(boosts) else "no reboost needed")
    if np.min(hs) < REENTRY_ALTITUDE:
        raise InputError("--band", "the station re-enters inside the band", "a band above 150 km")
    # without reboosts, would the station stay up through a year, the period of the yearly figures?  If not,
    # they describe holding a station that cannot coast between supply flights: said beside them
    _, _, falls, t_fall = king_hele_run(re + hi * 1e3, t0, min(t1, t0 + JULIAN_YEAR), REENTRY_ALTITUDE, rot, bc, re,
                                        table)
    warnings = ()
    if falls:
        days = (t_fall - t0) / DAY
        per_year = sum(y.vehicle_flights for y in years) / len(years)
        warnings = (warning("reenters_without_reboost", "--band",
                            f"{station.name} re-enters on {tdb_to_iso(t_fall, 'D')} without reboosts, {days:,.0f} days "
                            f"after {first_year}-01-01 from {hi:g} km: the yearly figures ({per_year:,.1f} "
                            f"{vehicle.name.split(' (')[0]} flights a year) hold it up only if every reboost flies "
                            "on time"),)
    return ReboostPlan(station.name, vehicle.name, (lo, hi), int(activity), tuple(years), np.array(ts), np.array(hs),
                       notes, warnings, float(t_fall) if falls else None)
