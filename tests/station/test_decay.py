"""Decay and lifetime: numerical vs King-Hele, activity ordering, presets and named errors."""

import numpy as np
import pytest

from spaceplan.core.errors import InputError, UnknownNameError
from spaceplan.station import decay as D
from spaceplan.station.presets import load_station, load_vehicle, station_from_dict, station_names, vehicle_names


def test_numerical_and_king_hele_agree_for_the_iss():
    """Cross-check: 120 days of free decay from 415 km; decay (km lost) within 5 % of each other."""
    iss = load_station("iss")
    num = D.decay(iss, "2026-02-01", "2026-06-01", 50, "numerical")
    kh = D.decay(iss, "2026-02-01", "2026-06-01", 50, "king-hele")
    lost_num = num.altitude[0] - num.altitude[-1]
    lost_kh = kh.altitude[0] - kh.altitude[-1]
    assert lost_num > 5e3
    assert lost_num == pytest.approx(lost_kh, rel=0.05)


def test_higher_activity_decays_faster_and_lifetimes_grow_with_altitude():
    iss = load_station("iss")
    band = D.activity_band(iss, "2027-01-01", "2027-04-01")
    assert band[5].altitude[-1] > band[50].altitude[-1] > band[95].altitude[-1]
    life = D.lifetimes([250, 300, 350], [50, 100], "2027-01-01", 50, 51.6, 5)
    assert np.all(np.diff(life.years, axis=0) > 0)  # higher lasts longer
    assert np.all(np.diff(life.years, axis=1) > 0)  # heavier per area lasts longer


def test_presets_load_with_sources():
    assert {"iss", "ros", "ros_97", "tiangong", "tiangong1", "mir"} <= set(station_names())
    assert {"progress", "zvezda", "cygnus", "usdv"} <= set(vehicle_names())
    iss = load_station("iss")
    assert iss.mass_kg == 420_000.0 and iss.inclination_deg == 51.64 and iss.sources
    usdv = load_vehicle("usdv")
    assert usdv.thrust_n == pytest.approx(46 * 400.0) and usdv.propellant_kg == 16_000.0


def test_bad_inputs_are_named():
    with pytest.raises(UnknownNameError):
        load_station("skylab9")
    with pytest.raises(InputError, match="mass"):
        station_from_dict({"mass_kg": 0, "inclination_deg": 51.6, "altitude_km": 400, "drag_area_m2": 10})
    with pytest.raises(InputError, match="altitude"):
        station_from_dict({"mass_kg": 10, "inclination_deg": 51.6, "altitude_km": 90, "drag_area_m2": 10})
    with pytest.raises(InputError, match="altitude"):
        D.decay(load_station("iss"), "2026-01-01", "2026-02-01", altitude_km=2500)
    with pytest.raises(InputError, match="--to"):
        D.decay(load_station("iss"), "2026-02-01", "2026-01-01")
    with pytest.raises(InputError, match="method"):
        D.decay(load_station("iss"), "2026-01-01", "2026-02-01", method="guess")


def test_numerical_run_that_reenters_within_its_first_orbit():
    """From 138.8 km (Tiangong-1, 3 h before reentry) the first orbit already ends below 120 km: the run reenters
    instead of failing with an absurd altitude (the osculating-to-mean probe used to run on without a stop)."""
    body = station_from_dict({"mass_kg": 8506, "inclination_deg": 42.7, "altitude_km": 138.8,
                              "drag_area_m2": 8506 / 116.0 / 2.2, "cd": 2.2})
    run = D.decay(body, "2018-04-01T21:00", "2018-04-02T21:00", 50, "numerical", 138.8)
    assert run.reentered and run.t[0] < run.reentry_tdb < run.t[0] + 6 * 3600.0
