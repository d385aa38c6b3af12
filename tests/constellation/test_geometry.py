"""Analytic coverage geometry (spaceplan.constellation.geometry): limits, identities, errors."""

from __future__ import annotations

import math

import numpy as np
import pytest

from spaceplan.constellation import geometry as g
from spaceplan.constellation.coverage import satellite_caps
from spaceplan.core.constants import EARTH_RADIUS
from spaceplan.core.errors import InputError

R = EARTH_RADIUS
ALT = np.array([0.0, 300e3, 550e3, 1200e3, 20_200e3, 35_786e3])
EPS = np.radians([0.0, 5.0, 25.0, 60.0, 89.0])


# --- vectorization -------------------------------------------------------------------------


@pytest.mark.parametrize("fn", [g.nadir_angle, g.earth_central_angle, g.slant_range, g.footprint_area,
                                g.footprint_fraction, g.instantaneous_access_area])
def test_functions_broadcast_and_match_scalar_calls(fn):
    h, e = np.meshgrid(ALT, EPS, indexing="ij")
    vec = fn(h, e)
    assert vec.shape == h.shape
    for idx in np.ndindex(h.shape):
        one = fn(float(h[idx]), float(e[idx]))
        assert isinstance(one, float)
        assert vec[idx] == one


def test_scalar_inputs_return_python_floats():
    assert isinstance(g.earth_angular_radius(500e3), float)
    assert isinstance(g.max_latitude(0.9, 500e3, 0.2), float)
    assert g.earth_angular_radius(ALT).shape == ALT.shape


# --- limits and identities -----------------------------------------------------------------


def test_elevation_90_gives_zero_central_angle_and_range_equal_to_altitude():
    half_pi = math.radians(90.0)
    assert np.all(g.earth_central_angle(ALT, half_pi) == 0.0)
    assert np.all(g.footprint_area(ALT, half_pi) == 0.0)
    np.testing.assert_allclose(g.slant_range(ALT, half_pi), ALT, rtol=0, atol=1e-6)
    np.testing.assert_allclose(g.nadir_angle(ALT[1:], half_pi), 0.0, atol=1e-15)


def test_zero_altitude_limits():
    assert g.earth_angular_radius(0.0) == pytest.approx(math.pi / 2, abs=1e-15)
    assert np.all(g.earth_central_angle(0.0, EPS) == 0.0)
    np.testing.assert_allclose(g.slant_range(0.0, EPS), 0.0, atol=1e-6)
    assert np.all(g.footprint_fraction(0.0, EPS) == 0.0)


def test_horizon_values():
    h = ALT[1:]
    rho = g.earth_angular_radius(h)
    lam0 = g.earth_central_angle(h, 0.0)
    np.testing.assert_allclose(rho + lam0, math.pi / 2, rtol=0, atol=1e-14)
    np.testing.assert_allclose(g.horizon_range(h), np.sqrt((R + h) ** 2 - R**2), rtol=1e-13)
    np.testing.assert_allclose(g.horizon_range(h), R * np.tan(lam0), rtol=1e-12)


def test_slant_range_law_of_sines_and_cosines():
    h, e = np.meshgrid(ALT[1:], EPS[:-1], indexing="ij")
    lam = g.earth_central_angle(h, e)
    eta = g.nadir_angle(h, e)
    d = g.slant_range(h, e)
    np.testing.assert_allclose(d, R * np.sin(lam) / np.sin(eta), rtol=1e-11)
    r = R + h
    np.testing.assert_allclose(d**2, R**2 + r**2 - 2 * R * r * np.cos(lam), rtol=1e-9)
    np.testing.assert_allclose(lam + eta + e, math.pi / 2, atol=1e-14)


def test_central_angle_decreases_with_elevation_and_grows_with_altitude():
    lam = g.earth_central_angle(ALT[1:, None], np.radians(np.linspace(0, 90, 91))[None, :])
    assert np.all(np.diff(lam, axis=1) < 0)
    assert np.all(np.diff(lam[:, :-1], axis=0) > 0)  # at 90 deg every altitude gives lambda = 0


def test_footprint_area_is_a_spherical_cap():
    lam = g.earth_central_angle(ALT, EPS[:, None])
    # rtol 1e-9: the reference 1 - cos(lambda) itself loses ~1e-16 / lambda^2 to cancellation at small lambda
    np.testing.assert_allclose(g.footprint_area(ALT, EPS[:, None]), 2 * np.pi * R**2 * (1 - np.cos(lam)),
                               rtol=1e-9, atol=1e-3)
    np.testing.assert_allclose(g.footprint_fraction(ALT, EPS[:, None]) * 4 * np.pi * R**2,
                               g.footprint_area(ALT, EPS[:, None]), rtol=1e-14)
    # geostationary horizon cap: 42.4 % of the Earth (lambda_0 = 81.3 deg)
    assert g.footprint_fraction(35_786e3, 0.0) == pytest.approx(0.4244, abs=1e-4)


def test_engine_uses_the_same_cap_radius():
    """The engine's lambda_max (coverage.satellite_caps) equals earth_central_angle to rounding."""
    h = ALT[1:]
    ecef = np.stack([R + h, np.zeros_like(h), np.zeros_like(h)], axis=-1)
    for e in EPS:
        _, _, lam = satellite_caps(ecef, float(e))
        np.testing.assert_allclose(lam, g.earth_central_angle(h, e), rtol=0, atol=1e-15)


def test_max_latitude():
    lam = g.earth_central_angle(550e3, math.radians(25))
    assert g.max_latitude(math.radians(53), 550e3, math.radians(25)) == pytest.approx(math.radians(53) + lam)
    assert g.max_latitude(0.0, 550e3, math.radians(25)) == pytest.approx(lam)
    # retrograde mirrors prograde; polar and near-polar are capped at the pole
    assert g.max_latitude(math.radians(97.6), 550e3, 0.3) == pytest.approx(g.max_latitude(math.radians(82.4), 550e3, 0.3))
    assert g.max_latitude(math.pi / 2, 550e3, 0.3) == math.pi / 2
    assert g.max_latitude(math.radians(86.4), 780e3, math.radians(8.2)) == math.pi / 2
    inc = np.radians([0, 30, 53, 70, 90, 120, 180])
    assert g.max_latitude(inc, 1000e3, 0.2).shape == inc.shape


# --- errors name the field -----------------------------------------------------------------


@pytest.mark.parametrize("bad", [-1.0, -1e3, float("nan"), float("inf")])
def test_bad_altitude_names_the_field(bad):
    with pytest.raises(InputError, match="altitude_m") as exc:
        g.earth_central_angle(bad, 0.1)
    assert exc.value.field == "altitude_m"
    with pytest.raises(InputError, match="altitude_m"):
        g.slant_range(np.array([500e3, bad]), 0.1)


@pytest.mark.parametrize("bad_deg", [-0.1, -30.0, 90.5, 120.0, float("nan")])
def test_elevation_outside_0_90_deg_names_the_field(bad_deg):
    for fn in (g.nadir_angle, g.earth_central_angle, g.slant_range, g.footprint_area):
        with pytest.raises(InputError) as exc:
            fn(550e3, math.radians(bad_deg))
        assert exc.value.field == "min_elevation_rad"


def test_bad_inclination_and_latitude_name_the_field():
    with pytest.raises(InputError) as exc:
        g.max_latitude(-0.1, 550e3, 0.2)
    assert exc.value.field == "inclination_rad"
    with pytest.raises(InputError) as exc:
        g.visibility_probability(2.0, 0.9, 550e3, 0.2)
    assert exc.value.field == "latitude_rad"


# --- streets of coverage -------------------------------------------------------------------


def test_street_half_width_definition():
    lam = math.radians(20.0)
    s = np.arange(10, 30)
    c = g.street_half_width(lam, s)
    np.testing.assert_allclose(np.cos(c) * np.cos(np.pi / s), math.cos(lam), rtol=1e-14)
    assert np.all(np.diff(c) > 0) and np.all(c < lam)


def test_street_needs_overlapping_caps():
    lam = math.radians(20.0)  # pi / S < lambda needs S >= 10
    with pytest.raises(InputError) as exc:
        g.street_half_width(lam, 9)
    assert exc.value.field == "sats_per_plane"
    with pytest.raises(InputError):
        g.street_half_width(lam, 10.5)
    with pytest.raises(InputError):
        g.street_half_width(0.0, 12)


def test_plane_spacing_equator_and_latitude():
    lam = math.radians(25.0)
    c = g.street_half_width(lam, 12)
    d1, d2 = g.streets_plane_spacing(lam, 12)
    assert d1 == pytest.approx(lam + c, rel=1e-14) and d2 == pytest.approx(2 * c, rel=1e-14)
    d1_60, d2_60 = g.streets_plane_spacing(lam, 12, math.radians(60))
    assert d1_60 > d1 and d2_60 > d2
    assert math.sin(d1_60 / 2) * math.cos(math.radians(60)) == pytest.approx(math.sin((lam + c) / 2), rel=1e-13)
    # near the pole every spacing works
    assert g.streets_plane_spacing(lam, 12, math.radians(89.0)) == (math.pi, math.pi)
    with pytest.raises(InputError) as exc:
        g.streets_plane_spacing(lam, 12, -0.1)
    assert exc.value.field == "above_latitude_rad"


@pytest.mark.parametrize("lat_deg", [0.0, 30.0, 50.0, 65.0])
def test_planes_are_the_fewest_that_close_the_globe(lat_deg):
    lam = math.radians(22.0)
    for s in range(9, 30):
        p = g.streets_planes(lam, s, math.radians(lat_deg))
        d1, d2 = g.streets_plane_spacing(lam, s, math.radians(lat_deg))
        assert (p - 1) * d1 + d2 >= math.pi - 1e-12
        if p > 1:
            assert (p - 2) * d1 + d2 < math.pi
    s = np.arange(9, 30)
    assert list(g.streets_planes(lam, s)) == [g.streets_planes(lam, int(k)) for k in s]


def test_min_satellites_streets_is_the_minimum_over_s():
    alt, eps = 1200e3, math.radians(10)
    best = g.min_satellites_streets(alt, eps)
    lam = g.earth_central_angle(alt, eps)
    counts = [g.streets_planes(lam, s) * s for s in range(int(math.pi / lam) + 1, 200)]
    assert best.count == min(counts)
    assert best.seam_rad <= best.seam_spacing_rad
    assert best.node_spread_rad == pytest.approx(best.planes * best.co_rotating_spacing_rad)
    # covering only the polar caps never needs more satellites than the whole globe
    assert g.min_satellites_streets(alt, eps, math.radians(60)).count <= best.count
    with pytest.raises(InputError) as exc:
        g.min_satellites_streets(alt, math.pi / 2)
    assert exc.value.field == "min_elevation_rad"


# --- inclined shells: visibility probability -----------------------------------------------


@pytest.mark.parametrize("inc_deg", [30.0, 53.0, 90.0, 120.0])
def test_visibility_probability_averages_to_the_cap_fraction(inc_deg):
    """The area mean over the sphere of p(phi) is the cap fraction (1 - cos lambda) / 2."""
    phi = np.linspace(-math.pi / 2, math.pi / 2, 4001)
    alt, eps = 1000e3, math.radians(10)
    p = g.visibility_probability(phi, math.radians(inc_deg), alt, eps)
    mean = np.trapezoid(p * np.cos(phi), phi) / 2
    # rel 1e-5: trapezoid rule in latitude on 4001 samples (p has kinks at the reach), not our integral
    assert mean == pytest.approx(g.footprint_fraction(alt, eps), rel=1e-5)


def test_visibility_probability_against_direct_quadrature():
    from scipy.integrate import quad

    alt, eps, inc = 800e3, math.radians(15), math.radians(60)
    lam = g.earth_central_angle(alt, eps)

    def integrand(u, phi):
        sb = math.sin(inc) * math.sin(u)
        cb = math.sqrt(1 - sb * sb)
        x = (math.cos(lam) - math.sin(phi) * sb) / (math.cos(phi) * cb)
        return math.acos(min(1.0, max(-1.0, x))) / math.pi

    phis = np.radians([0.0, 20.0, 45.0, 59.0, 65.0, 72.0])
    ours = g.visibility_probability(phis, inc, alt, eps)
    for phi, p in zip(phis, ours):
        # adaptive quadrature, told where the cap edge touches the latitude circle (beta = +/-phi +/- lambda)
        kinks = [math.asin(math.sin(b) / math.sin(inc)) for b in (phi - lam, phi + lam, -phi - lam, lam - phi)
                 if abs(math.sin(b) / math.sin(inc)) < 1 and abs(b) <= math.pi / 2]
        ref = quad(integrand, -math.pi / 2, math.pi / 2, args=(phi,), points=kinks, limit=400,
                   epsabs=1e-14, epsrel=1e-13)[0] / math.pi
        assert p == pytest.approx(ref, rel=1e-9, abs=1e-13)


def test_visibility_probability_vanishes_beyond_reach_and_is_symmetric():
    alt, eps, inc = 1000e3, math.radians(10), math.radians(45)
    reach = g.max_latitude(inc, alt, eps)
    assert g.visibility_probability(reach + 1e-6, inc, alt, eps) == 0.0
    assert g.visibility_probability(reach - math.radians(1), inc, alt, eps) > 0.0
    phi = np.radians(np.arange(-80, 81, 5.0))
    np.testing.assert_allclose(g.visibility_probability(phi, inc, alt, eps),
                               g.visibility_probability(-phi, inc, alt, eps), rtol=1e-12, atol=1e-15)
    # polar orbit: the pole is in view a fraction lambda / pi of the time (2 lambda of 2 pi of the orbit)
    lam = g.earth_central_angle(alt, eps)
    assert g.visibility_probability(math.pi / 2, math.pi / 2, alt, eps) == pytest.approx(lam / math.pi, rel=1e-12)


def test_mean_in_view_and_band_bound():
    alt, eps, inc = 1000e3, math.radians(10), math.radians(53)
    lat = np.radians([0.0, 30.0, 50.0])
    np.testing.assert_allclose(g.mean_in_view(lat, 100, inc, alt, eps),
                               100 * g.visibility_probability(lat, inc, alt, eps), rtol=1e-15)
    n = g.band_min_satellites_bound(math.radians(-50), math.radians(50), inc, alt, eps)
    phi = np.linspace(math.radians(-50), math.radians(50), 361)
    p = g.visibility_probability(phi, inc, alt, eps)
    assert np.min(n * p) >= 1.0 > np.min((n - 1) * p)
    with pytest.raises(InputError) as exc:
        g.band_min_satellites_bound(0.0, math.radians(80), inc, alt, eps)
    assert exc.value.field == "latitude band"
    with pytest.raises(InputError):
        g.mean_in_view(0.0, -1, inc, alt, eps)
