"""Two-body helpers: element conversions and universal-variable Kepler propagation, checked
against numerical integration of the two-body equations (scipy solve_ivp, DOP853)."""

import json

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from spaceplan.core.errors import ImpossibleOrbitError, InputError
from spaceplan.core.kepler import (
    characteristic_energy,
    elements_to_state,
    hyperbolic_excess,
    period,
    propagate,
    state_to_elements,
    vis_viva_speed,
)
from spaceplan.core.results import dumps

MU = 398600.4418e9


def random_elements(n, seed, kind):
    rng = np.random.default_rng(seed)
    if kind == "ellipse":
        e = rng.uniform(0.0, 0.95, n)
        rp = rng.uniform(6600e3, 40000e3, n)
        a = rp / (1 - e)
        nu = rng.uniform(0, 2 * np.pi, n)
    elif kind == "hyperbola":
        e = rng.uniform(1.05, 4.0, n)
        rp = rng.uniform(6600e3, 40000e3, n)
        a = rp / (1 - e)
        nu_max = np.arccos(-1 / e)
        nu = rng.uniform(-0.9, 0.9, n) * nu_max
    else:  # near-parabolic, both sides
        e = 1 + rng.choice([-1, 1], n) * 10 ** rng.uniform(-9, -4, n)
        rp = rng.uniform(6600e3, 40000e3, n)
        a = rp / (1 - e)
        nu = rng.uniform(-2.0, 2.0, n)
    i = rng.uniform(0, np.pi, n)
    raan = rng.uniform(0, 2 * np.pi, n)
    argp = rng.uniform(0, 2 * np.pi, n)
    return a, e, i, raan, argp, nu


def integrate(r0, v0, dt, mu):
    def f(_, y):
        r = y[:3]
        return np.concatenate([y[3:], -mu * r / np.linalg.norm(r) ** 3])

    sol = solve_ivp(f, (0.0, dt), np.concatenate([r0, v0]), method="DOP853", rtol=1e-12, atol=1e-6)
    return sol.y[:3, -1], sol.y[3:, -1]


@pytest.mark.parametrize("kind", ["ellipse", "hyperbola", "near_parabolic"])
def test_propagate_matches_numerical_integration(kind):
    a, e, i, raan, argp, nu = random_elements(8, {"ellipse": 1, "hyperbola": 2, "near_parabolic": 3}[kind], kind)
    r0, v0 = elements_to_state(a, e, i, raan, argp, nu, MU)
    rng = np.random.default_rng(4)
    scale = np.linalg.norm(r0, axis=1) / np.linalg.norm(v0, axis=1)  # time to cross ~one radius
    dt = rng.uniform(-3, 3, len(a)) * scale
    r, v = propagate(r0, v0, dt, MU)
    for k in range(len(a)):
        ri, vi = integrate(r0[k], v0[k], dt[k], MU)
        assert np.linalg.norm(r[k] - ri) / np.linalg.norm(ri) < 1e-8
        assert np.linalg.norm(v[k] - vi) / np.linalg.norm(vi) < 1e-8


def test_propagate_many_periods_and_round_trip():
    a, e, i, raan, argp, nu = random_elements(500, 5, "ellipse")
    r0, v0 = elements_to_state(a, e, i, raan, argp, nu, MU)
    P = period(a, MU)
    r, v = propagate(r0, v0, 7 * P, MU)  # whole periods: back to the start
    np.testing.assert_allclose(r, r0, rtol=0, atol=1e-6 * np.abs(r0).max())
    dt = np.random.default_rng(6).uniform(-20, 20, 500) * P
    r1, v1 = propagate(r0, v0, dt, MU)
    r2, v2 = propagate(r1, v1, -dt, MU)
    assert (np.linalg.norm(r2 - r0, axis=1) / np.linalg.norm(r0, axis=1)).max() < 1e-9
    # energy and angular momentum conserved
    np.testing.assert_allclose(characteristic_energy(r1, v1, MU), characteristic_energy(r0, v0, MU), rtol=1e-10)
    np.testing.assert_allclose(np.cross(r1, v1), np.cross(r0, v0), rtol=1e-9, atol=1e-3)


def test_propagate_shapes_and_zero_dt():
    r0 = np.array([7000e3, 0.0, 0.0])
    v0 = np.array([0.0, 7.5e3, 1e3])
    r, v = propagate(r0, v0, 0.0, MU)
    assert r.shape == (3,)
    np.testing.assert_array_equal(r, r0)
    r, v = propagate(r0, v0, np.array([0.0, 100.0, 200.0]), MU)
    assert r.shape == (3, 3)
    r, v = propagate(np.tile(r0, (4, 1)), v0, 100.0, MU)
    assert r.shape == (4, 3) and np.allclose(r, r[0])


@pytest.mark.parametrize("kind", ["ellipse", "hyperbola"])
def test_elements_round_trip(kind):
    a, e, i, raan, argp, nu = random_elements(1000, 7, kind)
    r, v = elements_to_state(a, e, i, raan, argp, nu, MU)
    el = state_to_elements(r, v, MU)
    np.testing.assert_allclose(el.a, a, rtol=1e-9)
    np.testing.assert_allclose(el.e, e, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(el.i, i, atol=1e-9)

    def ang(x, y):
        return np.abs(np.angle(np.exp(1j * (x - y))))

    assert ang(el.raan, raan).max() < 1e-8
    ok = e > 1e-6
    assert ang(el.argp, argp)[ok].max() < 1e-6
    assert ang(el.nu, nu)[ok].max() < 1e-6
    r2, v2 = elements_to_state(el.a, el.e, el.i, el.raan, el.argp, el.nu, MU)
    np.testing.assert_allclose(r2, r, rtol=0, atol=1e-6 * np.abs(r).max())


def test_circular_and_equatorial_conventions():
    # circular inclined: argp = 0, nu = argument of latitude
    r, v = elements_to_state(7000e3, 0.0, 0.5, 1.0, 0.0, 0.3, MU)
    el = state_to_elements(r, v, MU)
    assert el.argp == 0.0 and abs(el.nu - 0.3) < 1e-12 and abs(el.raan - 1.0) < 1e-12
    # elliptic equatorial: raan = 0, argp = longitude of periapsis
    r, v = elements_to_state(9000e3, 0.2, 0.0, 0.0, 0.7, 0.4, MU)
    el = state_to_elements(r, v, MU)
    assert el.raan == 0.0 and abs(el.argp - 0.7) < 1e-12 and abs(el.nu - 0.4) < 1e-12
    # circular equatorial: nu = true longitude
    r, v = elements_to_state(7000e3, 0.0, 0.0, 0.0, 0.0, 2.0, MU)
    el = state_to_elements(r, v, MU)
    assert el.raan == 0.0 and el.argp == 0.0 and abs(el.nu - 2.0) < 1e-12
    json.loads(dumps(el))


def test_helpers():
    assert period(42164.17e3, MU) == pytest.approx(86164.09, rel=1e-5)  # geostationary: sidereal day
    assert vis_viva_speed(7000e3, 7000e3, MU) == pytest.approx(np.sqrt(MU / 7000e3))
    r = np.array([7000e3, 0.0, 0.0])
    v_esc = np.sqrt(2 * MU / 7000e3)
    assert hyperbolic_excess(r, [0.0, v_esc + 1000.0, 0.0], MU) == pytest.approx(
        np.sqrt((v_esc + 1000.0) ** 2 - v_esc**2)
    )


def test_input_errors():
    with pytest.raises(InputError, match="mu"):
        propagate([7000e3, 0, 0], [0, 7.5e3, 0], 10.0, 0.0)
    with pytest.raises(InputError, match="r0"):
        propagate([0.0, 0, 0], [0, 7.5e3, 0], 10.0, MU)
    with pytest.raises(InputError, match="dt"):
        propagate([7000e3, 0, 0], [0, 7.5e3, 0], np.nan, MU)
    with pytest.raises(InputError, match="e"):
        elements_to_state(7000e3, -0.1, 0, 0, 0, 0, MU)
    with pytest.raises(InputError, match="a"):
        elements_to_state(7000e3, 1.5, 0, 0, 0, 0, MU)  # hyperbola needs a < 0
    with pytest.raises(InputError, match="a"):
        elements_to_state(7000e3, 1.0, 0, 0, 0, 0, MU)  # parabola not representable by a
    with pytest.raises(ImpossibleOrbitError, match="nu"):
        elements_to_state(-7000e3, 2.0, 0, 0, 0, 2.5, MU)  # beyond the asymptote (nu_inf = 120 deg)
    with pytest.raises(InputError, match="r"):
        state_to_elements([0.0, 0, 0], [1.0, 0, 0], MU)
    with pytest.raises(ImpossibleOrbitError, match="v"):
        state_to_elements([7000e3, 0, 0], [1.0, 0, 0], MU)
    with pytest.raises(InputError, match="a"):
        period(-1.0, MU)
    with pytest.raises(ImpossibleOrbitError):
        hyperbolic_excess([7000e3, 0, 0], [0, 7.5e3, 0], MU)


def test_strongly_hyperbolic_flybys_keep_their_digits():
    """alpha r0 < -10 goes through the hyperbolic anomaly (the universal Kepler equation loses
    ~|alpha r0| ulps there): checked against the analytic hyperbola from its elements (e up to 1e6),
    and forward-backward round trips, to 1e-11 relative."""
    rng = np.random.default_rng(7)
    n = 2000
    e = 10 ** rng.uniform(np.log10(12.0), 6, n)
    rp = rng.uniform(6600e3, 40000e3, n)
    a = rp / (1 - e)
    nu_max = np.arccos(-1 / e)
    nu0 = rng.uniform(-0.99, 0.5, n) * nu_max
    r0, v0 = elements_to_state(a, e, rng.uniform(0, np.pi, n), rng.uniform(0, 6.2, n), rng.uniform(0, 6.2, n), nu0, MU)
    assert np.all((2 / np.linalg.norm(r0, axis=1) - np.einsum("ij,ij->i", v0, v0) / MU) * np.linalg.norm(r0, axis=1) < -10)
    # time to a later true anomaly from the hyperbolic Kepler equation (Vallado 2013 eq. 2-38)
    nu1 = nu0 + rng.uniform(0.01, 0.99, n) * (nu_max - nu0)
    H = lambda nu: 2 * np.arctanh(np.sqrt((e - 1) / (e + 1)) * np.tan(nu / 2))  # noqa: E731
    M = lambda nu: e * np.sinh(H(nu)) - H(nu)  # noqa: E731
    dt = (M(nu1) - M(nu0)) / np.sqrt(MU / (-a) ** 3)
    ok = np.isfinite(dt) & (dt > 0)
    r1_ref, v1_ref = elements_to_state(a, e, 0 * e, 0 * e, 0 * e, nu1, MU)  # in the perifocal frame
    r1, v1 = propagate(r0[ok], v0[ok], dt[ok], MU)
    rn = np.linalg.norm(r1, axis=1)
    assert np.allclose(rn / np.linalg.norm(r1_ref[ok], axis=1), 1.0, rtol=0, atol=1e-11)
    assert np.allclose(np.linalg.norm(v1, axis=1) / np.linalg.norm(v1_ref[ok], axis=1), 1.0, rtol=0, atol=1e-11)
    back, vback = propagate(r1, v1, -dt[ok], MU)
    assert np.max(np.linalg.norm(back - r0[ok], axis=1) / np.linalg.norm(r0[ok], axis=1)) < 1e-11
