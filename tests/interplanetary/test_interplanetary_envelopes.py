"""Input envelopes of the interplanetary models (issue 19): DE421 dates and C3 caps refused in display units,
flights beyond the zero-revolution domain and unflown entry speeds / aerocapture warned."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from spaceplan.core.errors import EphemerisRangeError, InputError
from spaceplan.core.porkchop import porkchop, zero_rev_tof_limit
from spaceplan.core.time import utc_to_tdb
from spaceplan.interplanetary import search_round_trips
from spaceplan.interplanetary.roundtrip_results import trip_warnings
from spaceplan.interplanetary.windows import find_opportunities

DAY = 86400.0


def test_zero_revolution_limit_is_one_hohmann_period():
    assert zero_rev_tof_limit("earth", "mars") / DAY == pytest.approx(517.7, abs=0.1)
    assert zero_rev_tof_limit("earth", "moon") is None


def test_windows_in_range_no_warning_and_long_flights_warn():
    s = find_opportunities("earth", "mars", 2031, 2031, c3_cap=20e6)
    assert s.warnings == () and all(math.isfinite(o.best.c3) for o in s.opportunities)
    long = find_opportunities("earth", "mars", 2031, 2031, tof_bounds=(90 * DAY, 700 * DAY))
    assert [(w["code"], w["field"]) for w in long.warnings] == [("beyond_zero_revolution", "tof_max")]


@pytest.mark.parametrize("cap", [0.0, -5e6, float("nan"), 2e10])
def test_windows_c3_cap_outside_its_range_is_refused_in_km2s2(cap):
    with pytest.raises(InputError) as exc:
        find_opportunities("earth", "mars", 2031, 2031, c3_cap=cap)
    assert exc.value.field == "c3_cap" and "km^2/s^2" in str(exc.value)


def test_windows_outside_de421_are_refused():
    with pytest.raises(EphemerisRangeError):
        find_opportunities("earth", "mars", 2053, 2053)


def test_porkchop_grid_with_flights_beyond_the_zero_revolution_domain_warns():
    dep = utc_to_tdb("2026-09-01") + np.arange(0, 60, 30) * DAY
    short = porkchop("earth", "mars", dep, utc_to_tdb("2027-06-01") + np.arange(0, 60, 30) * DAY)
    assert short.warnings == () and np.isfinite(short.c3).any()
    long = porkchop("earth", "mars", dep, utc_to_tdb("2028-03-01") + np.arange(0, 60, 30) * DAY)
    assert [w["field"] for w in long.warnings] == ["arrival dates: longest flight"]


@pytest.fixture(scope="module")
def conjunction_2033():
    return search_round_trips(2033, "conjunction", step_days=8)


def test_round_trip_in_range_has_no_warning(conjunction_2033):
    trip = conjunction_2033.best("conjunction")
    assert conjunction_2033.warnings == () and trip.warnings == ()
    assert math.isfinite(trip.total_dv) and trip.to_dict()["warnings"] == []


def test_round_trip_entry_faster_than_ever_flown_warns(conjunction_2033):
    trip = conjunction_2033.best("conjunction")
    fast = replace(trip, return_leg=replace(trip.return_leg, entry_speed_final=13.5e3))
    w = trip_warnings(fast)
    assert [x["code"] for x in w] == ["entry_faster_than_flown"] and "Earth entry speed" in w[0]["field"]


def test_round_trip_aerocapture_and_long_transits_warn():
    s = search_round_trips(2033, "conjunction", step_days=8, mars_capture="aerocapture",
                           outbound_tof_days=(80.0, 600.0))
    assert {w["field"] for w in s.warnings} == {"mars_capture", "outbound_tof_days"}
    assert s.to_dict()["warnings"] == list(s.warnings)


def test_round_trip_year_outside_de421_is_refused():
    with pytest.raises(EphemerisRangeError) as exc:
        search_round_trips(2049, "conjunction", step_days=8)
    assert exc.value.field == "year" and "1900 to 2048" in str(exc.value)
