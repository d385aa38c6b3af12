"""Orbital lifetime on a grid of altitude x m/(Cd A) x solar activity, semi-analytically and numerically.

For every circular orbit of mean altitude h (height above the orbit-averaged
ellipsoid radius, as in :mod:`.decay`) and ballistic coefficient m/(Cd A):

* ``king_hele``: :func:`spaceplan.station.decay.lifetimes` (da/dt = -F rho B
  sqrt(mu a), King-Hele 1987 ch. 4) to a mean altitude of 120 km;
* ``numerical``: Cowell propagation (:mod:`spaceplan.core.propagator`: J2-J4,
  drag with a co-rotating atmosphere, DOP853 at 60 s steps) from the circular
  osculating state whose first orbit has mean height h, until the ellipsoid
  height crosses 120 km.  Run only where the King-Hele lifetime is below
  ``numerical_max_days`` (a 25-year run is 13 million steps).

Both use one orbit-averaged density table per activity level
(:func:`spaceplan.core.nrlmsis.density_table`: observed space weather to the
snapshot's last day, then NASA MSFC's 5/50/95 % forecast), NRLMSIS 2.1 unless
``msis_version=0`` asks for NRLMSISE-00, the model independent propagators
(Orekit) carry.  Lifetime beyond ``cap_years`` is reported as infinite.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from spaceplan.core import nrlmsis, space_weather
from spaceplan.core import propagator as prop
from spaceplan.core.constants import DAY, JULIAN_YEAR
from spaceplan.core.errors import InputError, require_positive, require_range
from spaceplan.core.time import utc_to_tdb
from spaceplan.station.decay import REENTRY_ALTITUDE, lifetimes, start_altitude

NOMINAL_MASS = 1000.0  # kg; only m/(Cd A) matters for drag


@dataclass(frozen=True)
class NumericalLifetime:
    """One Cowell lifetime run and the state it started from (for independent propagators)."""

    days: float  # inf when not reentered before the cap
    r0: np.ndarray  # m, position at the start (z along the rotation axis, x at the node)
    v0: np.ndarray  # m/s
    start_altitude_m: float  # above the equatorial radius


@dataclass(frozen=True)
class LifetimeGrid:
    """Lifetimes (days to 120 km) for every activity x altitude x m/(Cd A)."""

    altitude_km: np.ndarray
    ballistic_kg_m2: np.ndarray
    activity: tuple[int, ...]
    start_utc: str
    inclination_deg: float
    cap_years: float
    msis_version: float
    king_hele_days: np.ndarray  # (n_activity, n_alt, n_bc), inf beyond the cap
    numerical_days: np.ndarray  # same shape, nan where not run
    notes: tuple[str, ...]
    warnings: tuple = ()

    def to_dict(self) -> dict:
        def days(a):
            return [[[None if not np.isfinite(x) else float(x) for x in row] for row in level] for level in a]

        return {"altitude_km": self.altitude_km.tolist(), "ballistic_kg_m2": self.ballistic_kg_m2.tolist(),
                "activity_percentile": list(self.activity), "start_utc": self.start_utc,
                "inclination_deg": self.inclination_deg, "cap_years": self.cap_years,
                "atmosphere": "NRLMSISE-00" if self.msis_version == 0 else f"NRLMSIS {self.msis_version:g}",
                "king_hele_days": days(self.king_hele_days), "numerical_days": days(self.numerical_days),
                "notes": list(self.notes), "warnings": list(self.warnings)}


def numerical_lifetime(altitude_m: float, ballistic_kg_m2: float, inclination: float, t0: float,
                       table: nrlmsis.DensityTable, cap_s: float, step_s: float = 60.0) -> NumericalLifetime:
    """Cowell lifetime (to 120 km ellipsoid height) of a circular orbit of mean height ``altitude_m``."""
    require_positive("ballistic coefficient", ballistic_kg_m2, unit="kg/m^2")
    force = prop.ForceModel(cd_area=NOMINAL_MASS / ballistic_kg_m2, density=table)
    h_start = start_altitude(altitude_m, inclination, t0, force, NOMINAL_MASS, step_s)
    r, v = prop.circular_state(h_start, inclination)
    every = max(1, int(cap_s / step_s) // 4)
    tr = prop.propagate(r, v, NOMINAL_MASS, t0, cap_s, step=step_s, force=force, output_every=every,
                        stop_altitude=REENTRY_ALTITUDE)
    days = (tr.stop_time - t0) / DAY if tr.stopped else math.inf
    return NumericalLifetime(days, r, v, h_start)


def lifetime_grid(altitude_km, ballistic_kg_m2, activities=space_weather.ACTIVITY_LEVELS, start="2026-11-01",
                  inclination_deg: float = 51.6, cap_years: float = 25.0, numerical_max_days: float = 0.0,
                  msis_version: float = 2.1, step_s: float = 60.0) -> LifetimeGrid:
    """King-Hele lifetimes on the grid, and Cowell lifetimes where King-Hele gives <= ``numerical_max_days``."""
    alt = np.atleast_1d(np.asarray(altitude_km, dtype=float))
    bcs = np.atleast_1d(np.asarray(ballistic_kg_m2, dtype=float))
    require_range("--alt", alt, 150.0, 2000.0, "km")
    require_range("--bc", bcs, 1.0, 10_000.0, "kg/m^2")
    require_range("--numerical-max-days", numerical_max_days, 0.0, 3660.0, "days")
    acts = tuple(int(a) for a in activities)
    for a in acts:
        if a not in space_weather.ACTIVITY_LEVELS:
            raise InputError("--activity", f"got {a}", "5, 50 or 95")
    inc = math.radians(inclination_deg)
    t0 = float(utc_to_tdb(start, "--start"))
    kh = np.empty((len(acts), alt.size, bcs.size))
    num = np.full(kh.shape, np.nan)
    notes: list[str] = []
    for k, act in enumerate(acts):
        table = nrlmsis.density_table(t0, t0 + cap_years * JULIAN_YEAR, 100e3, float(alt.max()) * 1e3 + 10e3, inc,
                                      act, version=msis_version)
        notes.extend(n for n in table.notes if n not in notes)
        kh[k] = _king_hele(alt, bcs, start, act, inclination_deg, cap_years, table) * (JULIAN_YEAR / DAY)
        for i, j in zip(*np.nonzero(kh[k] <= numerical_max_days)):
            cap = min(cap_years * JULIAN_YEAR, 3.0 * kh[k, i, j] * DAY + 10 * DAY)
            num[k, i, j] = numerical_lifetime(alt[i] * 1e3, bcs[j], inc, t0, table, cap, step_s).days
    warnings = []
    if np.any(alt < 200.0):
        warnings.append({"code": "below_grid", "field": "--alt", "message": "below 200 km the orbit-averaged "
                         "King-Hele decay runs fast (lifetimes of days, a few percent of error in hours)"})
    return LifetimeGrid(alt, bcs, acts, str(start), float(inclination_deg), float(cap_years), float(msis_version),
                        kh, num, tuple(notes), tuple(warnings))


def _king_hele(alt, bcs, start, activity, inclination_deg, cap_years, table) -> np.ndarray:
    """Years, from :func:`spaceplan.station.decay.lifetimes` on ``table``."""
    return lifetimes(alt, bcs, start, activity, inclination_deg, cap_years, table=table).years
