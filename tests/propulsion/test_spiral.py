import numpy as np
import pytest

from spaceplan.core.constants import EARTH_RADIUS
from spaceplan.core.errors import InfeasibleError, InputError
from spaceplan.propulsion.spiral import spiral_capture, spiral_escape


def test_escape_mass_and_dv_follow_rocket_equation():
    r = spiral_escape("earth", EARTH_RADIUS + 800e3, 200.0, 30e3, 10_000.0)
    assert r.dv_m_s == pytest.approx(30e3 * np.log(r.mass_start_kg / r.mass_end_kg), rel=1e-6)
    assert 0.6 * 7452 < r.dv_m_s < 7452  # below the circular speed at 800 km
    assert r.time_inner_belt_s > 0 and r.time_outer_belt_s > 0
    assert r.history[-1, 4] == pytest.approx(r.dv_m_s)
    d = r.to_dict()
    assert d["propellant_kg"] > 0


def test_capture_is_the_time_reverse_of_escape():
    esc = spiral_escape("mars", 3_396e3 + 500e3, 100.0, 40e3, 5_000.0)
    cap = spiral_capture("mars", 3_396e3 + 500e3, 100.0, 40e3, esc.mass_start_kg)
    assert cap.dv_m_s == pytest.approx(esc.dv_m_s, rel=1e-2)
    assert cap.mass_start_kg > cap.mass_end_kg


def test_c3_target_costs_more():
    a = spiral_escape("earth", 8_000e3, 500.0, 30e3, 10_000.0)
    b = spiral_escape("earth", 8_000e3, 500.0, 30e3, 10_000.0, c3_m2_s2=4e6)
    assert b.dv_m_s > a.dv_m_s


def test_bad_input_and_infeasible():
    with pytest.raises(InputError, match="altitude: -378.137 km"):
        spiral_escape("earth", 6_000e3, 1.0, 30e3, 1000.0)
    with pytest.raises(InputError, match="thrust"):
        spiral_escape("earth", 8_000e3, -1.0, 30e3, 1000.0)
    with pytest.raises(InfeasibleError, match="propellant runs out"):
        spiral_escape("earth", 8_000e3, 100.0, 30e3, 1000.0, propellant_kg=50.0)


def test_hopelessly_low_thrust_is_refused_up_front():
    with pytest.raises(InfeasibleError, match="integration steps"):
        spiral_escape("earth", 8_000e3, 1e-3, 30e3, 20_000.0)
