"""Solar cycle: date -> smoothed sunspot number -> GCR modulation potential.

Past cycles (20-25) use the WDC-SILSO minimum/maximum dates and smoothed
sunspot numbers; later cycles a template forecast (core/data/solar_cycles.toml).
Shared by :mod:`spaceplan.radiation` (GCR modulation) and the drag work in
:mod:`spaceplan.station`; daily F10.7 and Ap for the thermosphere come from
:mod:`spaceplan.core.space_weather` instead.
Within a cycle the smoothed sunspot number follows a half-cosine rise and a
front-loaded decay arc ((1 + cos)/2)^1.5 between the tabulated extremes (a simplification of Hathaway, Wilson &
Reichmann 1994, Sol. Phys. 151:177, good to ~20 % of the cycle amplitude).

The force-field modulation potential lags the sunspot number by about a year
(the heliosphere's response time) and is taken linear in it::

    phi(t) = phi0 + slope * R(t - lag)              (docs/radiation.md eq. 2)

Annual Usoskin et al. (2011) values scatter ~100-150 MV around this line; the
22-year magnetic-polarity effect is not modelled.
"""

from __future__ import annotations

import functools
import importlib.resources
import tomllib

import numpy as np

from spaceplan.core.constants import JULIAN_YEAR
from spaceplan.core.errors import InputError

_J2000_YEAR = 2000.0 + 0.5 / 365.25  # 2000-01-01T12:00 as a decimal year
FORECAST_LIMIT_YEAR = 2100.0
DECAY_POWER = 1.5


def tdb_to_year(tdb) -> np.ndarray:
    """Decimal year of a TDB epoch (s past J2000); accurate to well under a day, enough here."""
    return _J2000_YEAR + np.asarray(tdb, dtype=float) / JULIAN_YEAR


def _decimal_year(iso: str) -> float:
    day = np.datetime64(iso, "D")
    year = day.astype("datetime64[Y]")
    start = year.astype("datetime64[D]")
    length = ((year + 1).astype("datetime64[D]") - start).astype(float)
    return float(year.astype(int) + 1970 + (day - start).astype(float) / length)


@functools.lru_cache(maxsize=None)
def preset(name: str = "solar_cycles") -> dict:
    """The parsed ``core/data/<name>.toml`` (the solar-cycle table)."""
    text = importlib.resources.files("spaceplan.core").joinpath("data", f"{name}.toml").read_text("utf-8")
    return tomllib.loads(text)


@functools.lru_cache(maxsize=1)
def _extrema() -> tuple[np.ndarray, np.ndarray]:
    """Alternating (min, max, min, max, ...) epochs (decimal years) and smoothed sunspot numbers."""
    data = preset("solar_cycles")
    times, values = [], []
    for cyc in data["cycle"]:
        times += [_decimal_year(cyc["min"]), _decimal_year(cyc["max"])]
        values += [cyc["min_ssn"], cyc["max_ssn"]]
    fc = data["forecast"]
    t_min = times[-2]
    while t_min < FORECAST_LIMIT_YEAR + fc["cycle_length_yr"]:
        t_min += fc["cycle_length_yr"]
        times += [t_min, t_min + fc["rise_time_yr"]]
        values += [fc["min_ssn"], fc["max_ssn"]]
    return np.asarray(times), np.asarray(values)


def first_year() -> float:
    """Earliest decimal year the model covers (the cycle 20 minimum)."""
    return float(_extrema()[0][0])


def sunspot_number_at_year(year) -> np.ndarray:
    """Smoothed (13-month) sunspot number at decimal year(s), half-cosine arcs between extrema."""
    t = np.asarray(year, dtype=float)
    times, values = _extrema()
    lo = times[0]
    bad = ~np.isfinite(t) | (t < lo) | (t > FORECAST_LIMIT_YEAR)
    if np.any(bad):
        first = t.flat[int(np.flatnonzero(bad)[0])]
        raise InputError("date", f"year {first:.2f} outside the solar-cycle model",
                         f"{lo:.1f} to {FORECAST_LIMIT_YEAR:.0f}")
    idx = np.clip(np.searchsorted(times, t, side="right") - 1, 0, len(times) - 2)
    t0, t1 = times[idx], times[idx + 1]
    r0, r1 = values[idx], values[idx + 1]
    s = (t - t0) / (t1 - t0)
    rising = r1 > r0
    shape = 0.5 * (1.0 - np.cos(np.pi * s))
    # Declines are front-loaded (fast after maximum, long flat minimum):
    # the decay arc is raised to DECAY_POWER.
    shape = np.where(rising, shape, 1.0 - (1.0 - shape) ** DECAY_POWER)
    return r0 + (r1 - r0) * shape


def sunspot_number(tdb) -> np.ndarray:
    """Smoothed sunspot number at TDB epoch(s) (s past J2000)."""
    return sunspot_number_at_year(tdb_to_year(tdb))


def modulation_potential_at_year(year) -> np.ndarray:
    """Force-field modulation potential phi (MV) at decimal year(s): phi0 + slope * R(t - lag)."""
    mod = preset("solar_cycles")["modulation"]
    t = np.asarray(year, dtype=float)
    lo = first_year() + mod["lag_yr"]
    bad = ~np.isfinite(t) | (t < lo) | (t > FORECAST_LIMIT_YEAR)
    if np.any(bad):
        first = t.flat[int(np.flatnonzero(bad)[0])]
        raise InputError("date", f"year {first:.2f} outside the solar-modulation model",
                         f"{lo:.1f} to {FORECAST_LIMIT_YEAR:.0f}")
    return mod["phi0_mv"] + mod["slope_mv_per_ssn"] * sunspot_number_at_year(t - mod["lag_yr"])


def modulation_potential(tdb) -> np.ndarray:
    """Force-field modulation potential phi (MV) at TDB epoch(s) (s past J2000)."""
    return modulation_potential_at_year(tdb_to_year(tdb))
