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
