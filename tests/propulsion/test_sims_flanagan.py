import numpy as np
import pytest

from spaceplan.core.errors import InputError
from spaceplan.core.time import utc_to_tdb
from spaceplan.propulsion.sims_flanagan import LowThrustSpacecraft, solve_leg

T0 = float(utc_to_tdb("2028-09-01"))


def test_leg_profile_is_consistent():
    leg = solve_leg("earth", "mars", T0, 400 * 86400.0, LowThrustSpacecraft(0.6, 3000.0, 1500.0), 12)
    assert leg.feasible
    assert np.all(leg.profile[:, 4] <= 1 + 1e-6)  # throttle bounded by the available thrust
    assert 0 < leg.thrusting_time_s <= leg.tof_s
    assert leg.propellant_kg == pytest.approx(1500.0 - leg.mass_final_kg)
    d = leg.to_dict()
    assert d["feasible"] and len(d["thrust_profile"]) == 12


def test_too_short_is_infeasible_with_the_miss():
    leg = solve_leg("earth", "mars", T0, 120 * 86400.0, LowThrustSpacecraft(0.1, 3000.0, 1500.0), 10, maxiter=60)
    assert not leg.feasible
    assert "infeasible: misses mars by" in leg.message and leg.miss_position_m > 1e6


def test_launch_c3_helps():
    sc = LowThrustSpacecraft(0.6, 3000.0, 1500.0)
    a = solve_leg("earth", "mars", T0, 400 * 86400.0, sc, 12)
    b = solve_leg("earth", "mars", T0, 400 * 86400.0, sc, 12, c3_max_m2_s2=4e6)
    assert b.feasible and b.propellant_kg < a.propellant_kg
    assert b.c3_m2_s2 <= 4e6 * (1 + 1e-6)


def test_bad_input():
    with pytest.raises(InputError, match="isp_s"):
        LowThrustSpacecraft(0.6, 0.0, 1500.0)
    with pytest.raises(InputError, match="arrival body"):
        solve_leg("earth", "earth", T0, 1e7, LowThrustSpacecraft(0.6, 3000.0, 1500.0))


def test_solar_power_thrust_falls_with_distance_squared():
    from spaceplan.core.constants import AU

    leg = solve_leg("earth", "mars", T0, 400 * 86400.0, LowThrustSpacecraft(0.6, 3000.0, 1500.0, solar=True), 10)
    r, avail = leg.profile[:, 1], leg.profile[:, 3]
    assert np.allclose(avail, 0.6 * (AU / r) ** 2)
    assert avail[-1] < avail[0]
