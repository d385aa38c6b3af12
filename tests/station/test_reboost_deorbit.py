"""Reboost accounting and the controlled deorbit: conservation, burn comparison, fragment order."""

import math

import numpy as np
import pytest

from spaceplan.core.errors import InputError
from spaceplan.station import deorbit as DO
from spaceplan.station.presets import load_station, load_vehicle
from spaceplan.station.reboost import hohmann_dv, reboost_plan


def test_reboost_dv_matches_the_altitude_lost():
    iss, progress = load_station("iss"), load_vehicle("progress")
    plan = reboost_plan(iss, progress, (400.0, 420.0), 2027, 2027)
    lost = np.sum(np.maximum(0.0, plan.altitude[:-1] - plan.altitude[1:]))
    re = DO.mean_radius(iss.inclination)
    per_m = hohmann_dv(re + 400e3, re + 420e3) / 20e3
    assert plan.years[0].dv_m_s == pytest.approx(lost * per_m, rel=1e-6)
    assert 3.0 < plan.years[0].dv_m_s < 30.0
    with pytest.raises(InputError, match="--band"):
        reboost_plan(iss, progress, (400.0, 400.5), 2027, 2027)


def test_multi_burn_beats_single_burn_and_light_fragments_fall_first():
    plan = DO.deorbit_plan(load_station("iss"), load_vehicle("usdv"))
    assert plan.multi_propellant_kg < plan.single_burn.propellant_kg <= plan.propellant_available_kg
    loss_single = plan.single_burn.dv_finite_m_s - plan.single_burn.dv_impulsive_m_s
    assert loss_single > 5.0 and all(b.dv_finite_m_s - b.dv_impulsive_m_s < loss_single for b in plan.multi_burn)
    assert plan.multi_burn[-1].perigee_after_km == pytest.approx(50.0, abs=0.1)
    nominal = DO.FRAGMENT_BALLISTIC.index(100.0)
    assert plan.footprint_lat_deg[nominal] == pytest.approx(DO.POINT_NEMO[0], abs=0.1)
    # a prograde orbit's track runs east: light fragments (10 kg/m^2) stop west of heavy ones
    assert plan.footprint_lon_deg[0] < plan.footprint_lon_deg[nominal] < plan.footprint_lon_deg[-1]
    assert 300.0 < plan.footprint_length_km < 5000.0
