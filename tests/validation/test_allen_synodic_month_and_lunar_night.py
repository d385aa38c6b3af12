"""Synodic month, equatorial night and the subsolar latitude from the DE421 ephemeris.

References: the mean synodic month 29.530589 d (Chapront-Touzé & Chapront 1988, as tabulated in
Allen's *Astrophysical Quantities*, 4th ed., Cox 2000, sec. 12.4; also the Explanatory Supplement
to the Astronomical Almanac, 3rd ed., 2013, table 15.3); an equatorial lunar night is half of it,
354.4 h (the issue asks 354 +/- 1 h); the lunar equator is inclined 1.5424 deg to the ecliptic
(Cassini's laws; Meeus 1998 ch. 53, IAU value I = 1.54242 deg), so the subsolar latitude stays
within +/-1.6 deg.
"""

from __future__ import annotations

import numpy as np

from spaceplan.core.time import utc_to_tdb
from spaceplan.surface_power.illumination import dark_periods, span_epochs, subsolar_point, sun_series


def test_allen_2000_synodic_month_from_subsolar_longitude():
    tdb = utc_to_tdb("2026-01-01") + 3600.0 * np.arange(int(24 * 365.25 * 5))  # 5 years, hourly
    _, lon = subsolar_point(tdb)
    wraps = np.flatnonzero((lon[:-1] < 0) & (lon[1:] >= 0))  # subsolar point crossing longitude 0 westward
    # interpolate the crossing epochs for sub-hour precision
    t0 = tdb[wraps] + 3600.0 * (-lon[wraps]) / (lon[wraps + 1] - lon[wraps])
    periods_d = np.diff(t0) / 86400.0
    mean = float(np.mean(periods_d))
    assert abs(mean - 29.530589) < 0.01, mean
    # the synodic month varies by about +/- 0.3 d around its mean (Meeus 1998 ch. 49)
    assert 29.2 < periods_d.min() and periods_d.max() < 29.9


def test_allen_2000_equatorial_night_354_hours():
    """Mean night (Sun's centre below a flat horizon) over a ring of equatorial sites and three years."""
    sites = [f"0,{lon}" for lon in range(-180, 180, 30)]
    series = sun_series(sites, span_epochs("2026-01-01", "2029-01-01", 600.0))
    nights = []
    for k in range(len(sites)):
        nights += [d.hours for d in dark_periods(series, k, "centre") if not d.truncated and d.hours > 48]
    mean = float(np.mean(nights))
    assert abs(mean - 354.0) <= 1.0, mean
    # what solar arrays see (no part of the disc visible) is ~1 h shorter: 2 x 0.267 deg / 12.19 deg/day
    disc = [d.hours for k in range(len(sites)) for d in dark_periods(series, k) if not d.truncated and d.hours > 48]
    assert 0.8 < mean - float(np.mean(disc)) < 1.3


def test_meeus_1998_subsolar_latitude_within_cassini_inclination():
    tdb = span_epochs("2026-01-01", "2045-01-01", 6 * 3600.0)  # an 18.6-year nodal cycle and more
    lat, _ = subsolar_point(tdb)
    extreme = float(np.degrees(np.abs(lat)).max())
    assert 1.45 < extreme <= 1.6, extreme
