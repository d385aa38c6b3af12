"""Reentry forecasts: published orbits as element sets, ordering and named errors."""

import math

import pytest

from spaceplan.core.errors import InputError
from spaceplan.core.time import utc_to_tdb
from spaceplan.station.reentry import forecast, published_state


def test_published_state_mean_altitude_is_the_mean_of_perigee_and_apogee():
    s = published_state(float(utc_to_tdb("2018-03-25")), 208.1e3, 224.3e3, math.radians(42.7), "CMSE")
    assert s.mean_altitude == pytest.approx(216.2e3)
    assert s.bstar == 0.0 and s.name == "CMSE"


@pytest.mark.parametrize("hp,ha,inc,field", [(90e3, 200e3, 0.7, "perigee"), (300e3, 250e3, 0.7, "apogee"),
                                             (200e3, 2500e3, 0.7, "apogee"), (200e3, 210e3, 4.0, "inclination"),
                                             (float("nan"), 210e3, 0.7, "perigee")])
def test_published_state_refuses_impossible_orbits(hp, ha, inc, field):
    with pytest.raises(InputError, match=field):
        published_state(0.0, hp, ha, inc)


def test_forecast_refuses_states_out_of_time_order_and_a_lone_state_without_bstar():
    a = published_state(float(utc_to_tdb("2018-03-25")), 208.1e3, 224.3e3, 0.745)
    b = published_state(float(utc_to_tdb("2018-03-01")), 240e3, 250e3, 0.745)
    with pytest.raises(InputError, match="time order"):
        forecast([a, b])
    with pytest.raises(InputError, match="B\\*"):
        forecast([a])
    with pytest.raises(InputError, match="element sets"):
        forecast([])


def test_read_tles_takes_long_text_as_well_as_a_path():
    from pathlib import Path

    from spaceplan.station.reentry import read_tles

    path = Path(__file__).parents[1] / "validation" / "data" / "tiangong1_2017_2018.tle"
    text = path.read_text()
    assert len(text) > 300  # longer than a file name may be: must not be tried as a path
    assert [e.epoch_tdb for e in read_tles(text)] == [e.epoch_tdb for e in read_tles(path)]
    with pytest.raises(InputError, match="no such file"):
        read_tles("nosuch.tle")


def test_published_state_carries_the_eccentricity_of_its_perigee_and_apogee():
    from spaceplan.station.decay import mean_radius

    inc = math.radians(42.7)
    s = published_state(float(utc_to_tdb("2018-03-25")), 208.1e3, 224.3e3, inc)
    a = mean_radius(inc) + 216.2e3
    assert s.semi_major_axis == pytest.approx(a)
    assert s.eccentricity == pytest.approx(16.2e3 / (2 * a))  # (h_a - h_p) / 2a


def test_forecast_of_an_eccentric_history_reports_the_fit_and_its_uncertainty():
    from pathlib import Path

    from spaceplan.station.reentry import read_tles

    path = Path(__file__).parents[1] / "validation" / "data" / "reentry" / "cz5b_2021_48275.tle"
    tles = [e for e in read_tles(path) if e.epoch_tdb <= float(utc_to_tdb("2021-05-02"))]
    assert tles[0].eccentricity > 0.01
    f = forecast(tles)
    d = f.to_dict()
    assert 0.0 < d["ballistic_coefficient_sigma_ln"] < 0.1
    assert f.early_tdb < f.nominal_tdb < f.late_tdb
    assert any("least squares" in n for n in d["notes"])
