"""Earth-to-Mars minimum-C3 opportunities 2026-2035 vs NASA/TM-2010-216764.

Reference: L. M. Burke, R. D. Falck, M. L. McGuire, "Interplanetary Mission Design
Handbook: Earth-to-Mars Mission Opportunities 2026 to 2045", NASA/TM-2010-216764,
NASA Glenn Research Center, October 2010 (NTRS 20100037210), Table 1 (optimal C3
per opportunity) and the per-opportunity tables of ballistic energy minima
(Table 2 = 2026, Table 3 = 2028, ...).  Numbers below were taken from two
independent public transcriptions of those tables (the PDF itself was not
reachable offline); they agree with each other digit for digit.

The handbook's trajectories start at the Earth-Moon barycentre (MIDAS patched
conics): with ``dep_body="emb"`` we reproduce its C3 to 0.1 % and its dates to a
day.  From the Earth's centre (spaceplan's default "earth") C3 differs by up to
0.9 %: the Earth moves 12.6 m/s about the barycentre, and 2 v_inf dv = 2 x 3 km/s
x 0.0126 km/s = 0.076 km^2/s^2, i.e. 0.9 % of C3 ~ 8.

Tolerances (stated before comparing, from the handbook's own self-check against
George & Kos 1998: C3 to 0.05 %, dates "within one or two days"): C3 1 %, dates
3 days (the C3 valley is flat along the arrival axis, and the handbook gives whole
days), arrival v-infinity 2 %.

Known differences, not hidden:
* 2026 type I: our search finds lower type-I C3 (10.69 km^2/s^2) right at the
  1-degree exclusion band around the 180-degree ridge (the 2026 porkchop is a
  near-nodal one: the type I valley runs into the ridge).  The handbook's optimum
  (11.11 at 176.8 deg) is not a local minimum of the ballistic C3 surface here; we
  check the handbook's trajectory point-wise instead (C3, v_inf, DLA, RLA at its dates).
* 2035: the transcribed dates (type I 04-21-35 -> 11-03-35, type II 06-12-35 ->
  07-28-36) are inconsistent with the transcribed C3 (those date pairs give C3 34.7
  and 45.3); the same C3 (10.19, 17.52), flight time and v_inf occur exactly two
  months later (06-23-35 -> 01-04-36, 08-15-35 -> 10-04-36), so the month digits
  appear mis-transcribed; for 2035 we check C3, flight time and v_inf, not dates.
* 2028 type I DLA is transcribed as 1.581 deg in two different rows; we get -5.0 deg
  at the handbook's dates, so that one angle is not checked.
"""

import numpy as np
import pytest

from spaceplan.core.constants import DAY
from spaceplan.core.time import utc_to_tdb
from spaceplan.interplanetary import find_opportunities, transfer

# year, type, departure, arrival, C3 km^2/s^2, arrival v_inf km/s (None: not transcribed)
HANDBOOK_MIN_C3 = [
    (2026, "II", "2026-10-31", "2027-08-19", 9.144, 2.729),
    (2028, "I", "2028-12-10", "2029-07-20", 9.048, 4.892),
    (2028, "II", "2028-12-02", "2029-10-16", 8.928, 3.261),
    (2031, "I", "2031-01-28", "2031-08-06", 9.00, None),
    (2031, "II", "2031-02-23", "2032-01-09", 8.237, 5.530),
    (2033, "I", "2033-04-06", "2033-10-01", 8.412, 3.956),
    (2033, "II", "2033-04-28", "2034-01-27", 7.781, 4.377),
]
# 2035: C3, TOF (days) and arrival v_inf only (see module docstring)
HANDBOOK_2035 = [("I", 10.19, 196, 2.692), ("II", 17.52, 412, None)]
# Table 1: lowest C3 over both types, and its type
HANDBOOK_OPTIMAL = {2026: (9.144, "II"), 2028: (8.928, "II"), 2031: (8.237, "II"), 2033: (7.781, "II"),
                    2035: (10.19, "I")}


@pytest.fixture(scope="module")
def search():
    return find_opportunities("emb", "mars", 2026, 2035)


def _days(a, b):
    return abs(a - b) / DAY


def test_nasa_tm_2010_216764_mars_optimal_c3_per_opportunity(search):
    """Table 1: one opportunity per synodic period, lowest C3 and its transfer type."""
    found = {o.year: o for o in search.opportunities}
    assert sorted(found) == sorted(HANDBOOK_OPTIMAL)
    for year, (c3, kind) in HANDBOOK_OPTIMAL.items():
        best = found[year].best
        assert best.transfer_type == kind, year
        assert best.c3 / 1e6 == pytest.approx(c3, rel=0.01), year


@pytest.mark.parametrize("year, kind, dep, arr, c3, vinf", HANDBOOK_MIN_C3)
def test_nasa_tm_2010_216764_mars_minimum_c3_dates(search, year, kind, dep, arr, c3, vinf):
    """Per-opportunity tables: minimum-C3 departure/arrival dates, C3 and arrival v_inf per type."""
    opp = next(o for o in search.opportunities if o.year == year)
    p = opp.optima[kind]
    assert not opp.at_boundary[kind]
    assert p.c3 / 1e6 == pytest.approx(c3, rel=0.01)
    assert _days(p.departure_tdb, utc_to_tdb(dep)) <= 3
    assert _days(p.arrival_tdb, utc_to_tdb(arr)) <= 3
    if vinf is not None:
        assert p.vinf_arrival / 1e3 == pytest.approx(vinf, rel=0.02)


@pytest.mark.parametrize("kind, c3, tof_days, vinf", HANDBOOK_2035)
def test_nasa_tm_2010_216764_mars_2035(search, kind, c3, tof_days, vinf):
    opp = next(o for o in search.opportunities if o.year == 2035)
    p = opp.optima[kind]
    assert p.c3 / 1e6 == pytest.approx(c3, rel=0.01)
    assert abs(p.tof / DAY - tof_days) <= 5  # two 3-day date tolerances
    if vinf is not None:
        assert p.vinf_arrival / 1e3 == pytest.approx(vinf, rel=0.02)


@pytest.mark.parametrize(
    "dep, arr, c3, vinf, rla, dla",
    [
        ("2026-11-14", "2027-08-09", 11.11, 2.915, 120.0, 28.28),  # 2026 type I (Table 2)
        ("2026-10-31", "2027-08-19", 9.144, 2.729, 130.7, 23.16),  # 2026 type II
        ("2028-12-02", "2029-10-16", 8.928, 3.261, 185.1, 29.34),  # 2028 type II (Table 3)
    ],
)
def test_nasa_tm_2010_216764_mars_trajectory_at_handbook_dates(dep, arr, c3, vinf, rla, dla):
    """At the handbook's dates: C3, arrival v_inf and the launch asymptote (RLA, DLA, Earth equator J2000)."""
    p = transfer("emb", "mars", utc_to_tdb(dep), utc_to_tdb(arr))
    assert p.c3 / 1e6 == pytest.approx(c3, rel=0.01)
    assert p.vinf_arrival / 1e3 == pytest.approx(vinf, rel=0.02)
    assert np.degrees(p.rla) == pytest.approx(rla, abs=1.0)
    assert np.degrees(p.dla) == pytest.approx(dla, abs=1.0)


def test_nasa_tm_2010_216764_mars_from_earth_centre_within_lunar_wobble():
    """Departing from the Earth's centre (spaceplan's default) moves C3 by <= 1.5 % (module docstring)."""
    s = find_opportunities("earth", "mars", 2026, 2033)
    found = {o.year: o.best for o in s.opportunities}
    for year in (2026, 2028, 2031, 2033):
        assert found[year].c3 / 1e6 == pytest.approx(HANDBOOK_OPTIMAL[year][0], rel=0.015), year
