"""UTC <-> TDB conversions (leap seconds from Skyfield's bundled IERS table)."""

import datetime as dt

import numpy as np
import pytest

from spaceplan.core.errors import InputError
from spaceplan.core.time import date_grid, tdb_to_iso, utc_to_jd, utc_to_tdb


def test_j2000_epoch_is_zero():
    # J2000.0 = 2000-01-01 12:00:00 TT = 11:58:55.816 UTC (TAI-UTC = 32 s, TT-TAI = 32.184 s).
    # TDB - TT at J2000 is about -0.1 ms (Fairhead & Bretagnon 1990).
    assert utc_to_tdb("2000-01-01T11:58:55.816") == pytest.approx(0.0, abs=2e-4)


def test_leap_second_2016_is_counted():
    # IERS Bulletin C 52: a leap second was inserted at the end of 2016-12-31.
    t = utc_to_tdb(["2016-12-31T23:59:59", "2017-01-01T00:00:00"])
    assert np.diff(t)[0] == pytest.approx(2.0, abs=1e-6)


def test_round_trip_vectorized():
    stamps = np.array(["1980-01-06", "2026-11-23T06:30:15", "2049-12-31T23:59:00"])
    back = tdb_to_iso(utc_to_tdb(stamps))
    assert list(back) == ["1980-01-06T00:00:00Z", "2026-11-23T06:30:15Z", "2049-12-31T23:59:00Z"]


def test_accepts_datetimes_and_z_suffix():
    a = utc_to_tdb("2026-11-23T00:00:00Z")
    b = utc_to_tdb(dt.datetime(2026, 11, 23, tzinfo=dt.timezone.utc))
    c = utc_to_tdb(np.datetime64("2026-11-23"))
    assert a == b == pytest.approx(c)


def test_utc_julian_date_for_sgp4():
    whole, frac = utc_to_jd("2026-11-23T06:00:00")
    assert whole == 2461367.0 and frac == pytest.approx(0.75)


def test_bad_dates_name_the_field():
    with pytest.raises(InputError, match="departure"):
        utc_to_tdb("2026-13-45", field="departure")
    with pytest.raises(InputError, match="inverted"):
        date_grid("2027-01-01", "2026-01-01", 86400.0)
    with pytest.raises(InputError, match="step"):
        date_grid("2026-01-01", "2027-01-01", -1.0)


def test_date_grid_inclusive():
    grid = date_grid("2026-01-01", "2026-01-11", 86400.0)
    assert len(grid) == 11 and tdb_to_iso(grid[-1], "D") == "2026-01-11"


def test_date_grid_keeps_last_utc_day_despite_tdb_drift():
    # 2027-08-01..08-21 spans a few microseconds less than 20 days in TDB (TDB - TT is periodic).
    grid = date_grid("2027-08-01", "2027-08-21", 5 * 86400.0)
    assert len(grid) == 5 and tdb_to_iso(grid[-1], "D") == "2027-08-21"


@pytest.mark.parametrize("value", ["2300-01-01", "1600-06-01", np.datetime64("NaT"),
                                   np.array(["2026-01-01", "NaT"], dtype="datetime64[ns]")])
def test_dates_outside_the_representable_span_are_errors_not_wrapped(value):
    """datetime64[ns] wraps silently outside 1677-2262 (2300 became 1715): refuse instead."""
    with pytest.raises(InputError, match="utc"):
        utc_to_tdb(value)


@pytest.mark.parametrize("tdb", [np.inf, np.nan, 1e13, -1e13])
def test_non_finite_or_out_of_span_tdb_has_no_date(tdb):
    with pytest.raises(InputError, match="tdb"):
        tdb_to_iso(tdb)
