"""Powered-descent guidance: constraints, losslessness, rocket-stage helper and input errors."""

import math

import numpy as np
import pytest

from spaceplan.core.constants import G0
from spaceplan.core.errors import InfeasibleError, InputError, UnknownNameError
from spaceplan.launch.landing import LandingProblem, landing_cases, landing_propellant, load_case, solve_landing


@pytest.fixture(scope="module")
def mars_fixed_tf():
    """The Açıkmeşe & Ploen case at a fixed t_f (one convex solve, fast)."""
    return solve_landing(load_case("mars_acikmese2007"), n_nodes=40, tf_s=78.0)


def test_cases_bundled():
    assert {"mars_acikmese2007", "mars_blackmore2010_infeasible"} <= set(landing_cases())
    with pytest.raises(UnknownNameError):
        load_case("no_such_case")


def test_boundary_conditions_and_dynamics(mars_fixed_tf):
    s = mars_fixed_tf
    p = s.problem
    assert np.allclose(s.r[0], p.r0) and np.allclose(s.v[0], p.v0)
    assert s.m[0] == pytest.approx(p.m_wet)
    assert np.allclose(s.r[-1], 0.0, atol=1e-3) and np.allclose(s.v[-1], 0.0, atol=1e-3)
    # re-integrate the ZOH dynamics with the returned thrust: positions must match
    g = np.asarray(p.gravity)
    dt = s.t[1] - s.t[0]
    r, v = np.array(p.r0, float), np.array(p.v0, float)
    for k in range(len(s.thrust)):
        a = s.thrust[k] / s.m[k] + g
        r, v = r + v * dt + 0.5 * a * dt * dt, v + a * dt
    # the thrust acts on m_k over the interval (ZOH on T/m): re-integration is exact in u = T/m
    assert np.allclose(r, s.r[-1], atol=1e-2)


def test_lossless_and_thrust_bounds(mars_fixed_tf):
    s = mars_fixed_tf
    p = s.problem
    assert s.lossless
    tn = np.linalg.norm(s.thrust, axis=1)
    assert tn.min() >= p.rho1 * (1 - 1e-3)
    assert tn.max() <= p.rho2 * (1 + 1e-3)
    assert s.lossless_gap < 1e-3


def test_glide_slope_respected(mars_fixed_tf):
    s = mars_fixed_tf
    tan_gs = math.tan(math.radians(90 - s.problem.glide_slope_deg))
    horiz = np.hypot(s.r[:, 1] - s.r[-1, 1], s.r[:, 2] - s.r[-1, 2])
    assert np.all(s.r[:, 0] >= tan_gs * horiz - 1e-3)
    assert np.all(s.r[:, 0] >= -1e-6)


def test_pointing_limit_respected():
    p = load_case("mars_acikmese2007", pointing_deg=45.0)
    s = solve_landing(p, n_nodes=30, tf_s=80.0)
    tn = np.linalg.norm(s.thrust, axis=1)
    cos_ang = s.thrust[:, 0] / tn
    assert np.all(cos_ang >= math.cos(math.radians(45.0)) - 1e-4)


def test_one_d_stage_landing_matches_momentum_balance():
    """1-D vertical landing: sum of thrust impulse/mass = |v0| + g t_f exactly, so the propellant is the
    rocket equation with that delta-v (Tsiolkovsky), a closed-form check of the solver."""
    m0, isp = 30_000.0, 282.0
    kg, sol = landing_propellant(m0, 845e3, 0.4 * 845e3, isp, 2000.0, -250.0, return_solution=True)
    dv = 250.0 + G0 * sol.tf_s
    expected = m0 * (1 - math.exp(-dv / (isp * G0)))
    assert kg == pytest.approx(expected, rel=1e-3)
    assert sol.lossless
    assert 0 < kg < m0


def test_stage_that_cannot_stop_is_infeasible():
    # 845 kN on 30 t decelerates at ~18.4 m/s^2 net: 250 m/s needs ~1.7 km, 1.5 km is too low
    with pytest.raises(InfeasibleError):
        landing_propellant(30_000.0, 845e3, 0.4 * 845e3, 282.0, 1500.0, -250.0)


def test_three_d_stage_landing():
    kg, sol = landing_propellant(30_000.0, 845e3, 0.4 * 845e3, 282.0, (2500.0, 300.0, 0.0), (-250.0, -20.0, 0.0),
                                 glide_slope_deg=80.0, return_solution=True)
    assert sol.landing_error_m < 1e-2
    assert 3000 < kg < 6000


@pytest.mark.parametrize("kwargs, field", [
    (dict(m_dry=2000.0), "m_dry"),
    (dict(rho1=20000.0), "thrust_min"),
    (dict(r0=(-5.0, 0.0, 0.0)), "r0"),
    (dict(glide_slope_deg=95.0), "glide_slope_deg"),
    (dict(r0=(10.0, 0.0, 2000.0)), "r0"),  # outside the glide-slope cone
])
def test_bad_inputs_name_the_field(kwargs, field):
    base = dict(gravity=(-3.7114, 0.0, 0.0), m_wet=1905.0, m_dry=1505.0, rho1=4972.0, rho2=13260.0,
                alpha=5.09e-4, r0=(1500.0, 0.0, 2000.0), v0=(-75.0, 0.0, 100.0), glide_slope_deg=86.0)
    base.update(kwargs)
    with pytest.raises(InputError, match=field):
        LandingProblem(**base)


def test_to_dict_is_json_ready(mars_fixed_tf):
    from spaceplan.core.results import dumps

    d = mars_fixed_tf.to_dict()
    assert d["mode"] == "min_fuel" and d["lossless"] is True
    text = dumps(mars_fixed_tf)
    assert "propellant_kg" in text and "NaN" not in text
