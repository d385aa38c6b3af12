"""The one time-grid builder (core.time.epoch_grid) and the one duration/rate parser (core.durations)."""

import numpy as np
import pytest

from spaceplan.core.constants import DAY, JULIAN_YEAR
from spaceplan.core.durations import parse_duration, parse_rate
from spaceplan.core.errors import InputError
from spaceplan.core.time import date_grid, epoch_grid, utc_to_tdb


def test_end_point_rule_inclusive_within_slack():
    assert epoch_grid(0.0, 10.0, stop_tdb=100.0).size == 11  # stop on the grid: kept
    assert epoch_grid(0.0, 10.0, stop_tdb=99.99).size == 10  # 10 ms short of it (> slack): not
    assert epoch_grid(0.0, 10.0, stop_tdb=95.0)[-1] == 90.0  # never past the stop
    assert epoch_grid(0.0, DAY, stop_tdb=3 * DAY - 1e-3).size == 4  # 1 ms short of a day: TDB-UTC drift, kept
    assert epoch_grid(5.0, 10.0, stop_tdb=5.0).tolist() == [5.0]


def test_duration_window_is_floor_of_steps():
    assert epoch_grid(0.0, 60.0, duration_s=86_400.0).size == 1440  # [start, start + 1 d), one per step
    assert epoch_grid(0.0, 60.0, duration_s=90.0).tolist() == [0.0]


def test_utc_dates_grid_keeps_the_end_date():
    t = date_grid("2026-01-01", "2026-01-11", DAY)
    assert t.size == 11 and t[0] == pytest.approx(utc_to_tdb("2026-01-01"))


@pytest.mark.parametrize("kwargs", [dict(stop_tdb=-1.0), dict(duration_s=5.0), dict(), dict(stop_tdb=1.0, duration_s=1.0)])
def test_grid_refuses_bad_ranges(kwargs):
    with pytest.raises(InputError):
        epoch_grid(0.0, 10.0, **kwargs)
    with pytest.raises(InputError, match="step"):
        epoch_grid(0.0, 0.0, stop_tdb=10.0)


@pytest.mark.parametrize("text, unit, seconds", [
    ("60s", "s", 60.0), ("5min", "s", 300.0), ("5m", "s", 300.0), ("2h", "s", 7200.0), ("1d", "s", DAY),
    ("90", "s", 90.0), ("36h", "d", 1.5 * DAY), ("180", "d", 180 * DAY), (12, "d", 12 * DAY), ("3w", "d", 21 * DAY),
    ("6mo", "d", JULIAN_YEAR / 2), ("2.5y", "d", 2.5 * JULIAN_YEAR), ("1e3s", "s", 1000.0)])
def test_one_duration_parser(text, unit, seconds):
    assert parse_duration(text, "f", default_unit=unit) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["0d", "-3h", "fast", "3 parsecs", "", "nan"])
def test_duration_errors_name_the_field(text):
    with pytest.raises(InputError, match="--step"):
        parse_duration(text, "--step")


def test_rates_per_second():
    assert parse_rate("24/yr") * JULIAN_YEAR == pytest.approx(24.0)
    assert parse_rate("2/month") == pytest.approx(parse_rate("24/yr"))
    assert parse_rate("1/week") == pytest.approx(1 / (7 * DAY))
    assert parse_rate(12) * JULIAN_YEAR == pytest.approx(12.0)
    for bad in ("0/yr", "x/yr", "3/fortnight"):
        with pytest.raises(InputError, match="cadence"):
            parse_rate(bad, "cadence")
    assert np.isfinite(parse_rate("0.5/d"))
