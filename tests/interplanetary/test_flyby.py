"""Patched-conic flyby: turn-angle limit, unpowered construction, powered periapsis solve."""

import numpy as np
import pytest

from spaceplan.core.constants import VENUS
from spaceplan.core.errors import InputError
from spaceplan.interplanetary.flyby import (max_turn_angle, min_flyby_radius, powered_flyby, turn_angle,
                                            unpowered_flyby)

RP = VENUS.radius + 300e3


def test_max_turn_angle_formula_and_vectorized():
    v = np.array([3e3, 6e3, 9e3])
    got = max_turn_angle(v, RP, VENUS.gm)
    e = 1 + RP * v**2 / VENUS.gm
    np.testing.assert_allclose(got, 2 * np.arcsin(1 / e))
    assert np.all(np.diff(got) < 0)  # faster -> less turn


def test_unpowered_flyby_conserves_speed_and_hits_the_limit():
    vin = np.array([[5e3, 1e3, -0.5e3], [2e3, -4e3, 1e3]])
    vout = unpowered_flyby(vin, RP, VENUS.gm, plane_angle=[0.3, 2.0])
    np.testing.assert_allclose(np.linalg.norm(vout, axis=1), np.linalg.norm(vin, axis=1), rtol=1e-12)
    np.testing.assert_allclose(turn_angle(vin, vout), max_turn_angle(np.linalg.norm(vin, axis=1), RP, VENUS.gm),
                               rtol=1e-9)


def test_powered_flyby_equal_speeds_within_limit_needs_no_burn():
    vin = np.array([6e3, 0.0, 0.0])
    # turn by 30 deg, well within the ~67 deg limit at 6 km/s
    vout = 6e3 * np.array([np.cos(np.radians(30)), np.sin(np.radians(30)), 0.0])
    res = powered_flyby(vin, vout, VENUS.gm, RP)
    assert res.feasible and res.dv == pytest.approx(0.0, abs=1e-6)
    assert res.rp > RP
    # the periapsis reproduces the turn
    assert max_turn_angle(6e3, res.rp, VENUS.gm) == pytest.approx(np.radians(30), rel=1e-8)


def test_powered_flyby_beyond_turn_limit_is_infeasible():
    vin = np.array([6e3, 0.0, 0.0])
    limit = max_turn_angle(6e3, RP, VENUS.gm)
    ang = limit + np.radians(5)
    vout = 6e3 * np.array([np.cos(ang), np.sin(ang), 0.0])
    res = powered_flyby(vin, vout, VENUS.gm, RP)
    assert not res.feasible and np.isinf(res.dv)


def test_powered_flyby_unequal_speeds_burn_matches_periapsis_energy():
    vin = np.array([[5e3, 0, 0]] * 2)
    ang = np.radians([20.0, 40.0])
    vout = 5.5e3 * np.stack([np.cos(ang), np.sin(ang), 0 * ang], axis=1)
    res = powered_flyby(vin, vout, VENUS.gm, RP)
    assert res.feasible.all()
    mu = VENUS.gm
    expect = np.sqrt(5.5e3**2 + 2 * mu / res.rp) - np.sqrt(5e3**2 + 2 * mu / res.rp)
    np.testing.assert_allclose(res.dv, expect, rtol=1e-10)
    e_i, e_o = 1 + res.rp * 5e3**2 / mu, 1 + res.rp * 5.5e3**2 / mu
    np.testing.assert_allclose(np.arcsin(1 / e_i) + np.arcsin(1 / e_o), ang, rtol=1e-8)
    assert res.dv[1] < 0.5e3 and res.rp[0] > res.rp[1]


def test_bad_input_names_field():
    with pytest.raises(InputError, match="vinf_in"):
        powered_flyby(np.zeros(3), np.ones(3), VENUS.gm, RP)
    with pytest.raises(InputError, match="min_altitude"):
        min_flyby_radius("venus", -1.0)
    assert min_flyby_radius("venus") == VENUS.radius + VENUS.atmosphere_top
